//! The integration tests, one crate with modules so the suite links once.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod app;
mod backup;
mod calendar;
mod cli;
mod common;
mod data;
mod docs;
mod e2e;
mod measures;
mod paging;
mod render;
mod report;
mod safety;
mod screens;
mod search;
mod settings;
mod store;
mod yearapp;
