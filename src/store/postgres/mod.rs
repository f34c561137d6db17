//! PostgreSQL, the shared store a training unit runs: its schema and a
//! throwaway server for tests. Everything specific to PostgreSQL lives
//! under this folder.

pub mod cluster;
pub mod connect;
mod listen;
pub mod schema;
pub mod security;
mod server;

pub use cluster::{ClusterError, REQUIRE_ENV, SKIPPED, TempCluster};
pub use listen::{CHANNEL, ChangeListener};
pub use schema::{SCHEMA_VERSION, SchemaError, migrate};
