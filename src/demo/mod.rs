//! Sample data: a small realistic caseload for trying the app, and a
//! provider-sized database for benchmarks.

mod advanced;
mod gateway;
mod sample;

pub use sample::fill as fill_sample;
