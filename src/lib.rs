//! yufang (预防): a keyboard-only terminal app for a county procuratorate's duty-crime prevention office.

pub mod app;
pub mod cli;
pub mod config;
pub mod demo;
pub mod domain;
pub mod i18n;
pub mod store;
pub mod text;
pub mod tui;
pub mod ui;
