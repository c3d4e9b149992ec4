//! yufang (预防): a keyboard-only terminal app for a county procuratorate's duty-crime prevention office.

pub mod app;
pub mod cli;
pub mod config;
pub mod demo;
pub mod docs;
pub mod domain;
pub mod files;
pub mod outfile;
// `gen` is a reserved word in edition 2024, hence the raw identifier.
pub mod r#gen;
pub mod i18n;
pub mod ledger;
pub mod report;
pub mod store;
pub mod text;
pub mod tui;
pub mod ui;
