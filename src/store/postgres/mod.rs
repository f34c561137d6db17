//! PostgreSQL, the shared store a training unit runs: its schema and a
//! throwaway server for tests. Everything specific to PostgreSQL lives
//! under this folder.

pub mod cluster;
mod server;

pub use cluster::{ClusterError, REQUIRE_ENV, SKIPPED, TempCluster};
