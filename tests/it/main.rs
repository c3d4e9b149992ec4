//! The integration tests, one crate with modules so the suite links once.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod app;
mod backup;
mod calendar;
mod cli;
mod common;
mod data;
mod e2e;
mod paging;
mod render;
mod report;
mod settings;
mod store;
