//! pcso-tracker: progress through an apprenticeship standard or professional
//! pathway, read from a YAML framework file.
//!
//! `framework` reads and checks framework files; `domain` holds the pure
//! rules; `store` keeps the records; `ops` is the one way every change is
//! checked and applied; `commands` and `tui` are the two front ends over it.

pub mod cli;
pub mod commands;
pub mod demo;
pub mod domain;
pub mod framework;
pub mod ops;
pub mod report;
pub mod store;
pub mod tui;
