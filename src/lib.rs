//! yufang (预防): a keyboard-only terminal app for a county procuratorate's duty-crime prevention office.

pub mod domain;
pub mod i18n;
pub mod store;
pub mod demo;
