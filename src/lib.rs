//! pcso-tracker: progress through an apprenticeship standard or professional
//! pathway, read from a YAML framework file.
//!
//! `framework` reads and checks framework files; `domain` holds the pure
//! rules; `commands` carries out what the command line asks.

pub mod cli;
pub mod commands;
pub mod demo;
pub mod domain;
pub mod framework;
pub mod report;
pub mod store;
pub mod tui;
