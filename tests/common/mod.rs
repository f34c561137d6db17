//! Set-ups shared by the integration tests: a store driven through the
//! operations layer, and the real binary in a folder of its own. Each test
//! file uses only some of them.
#![allow(dead_code)]

pub mod engine;
pub mod fixture;
pub mod harness;
pub mod pg;
pub mod sandbox;

use chrono::NaiveDate;

pub fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}
