//! Which state of a record a screen was read from. A write that names the
//! version it was based on is refused once the record has moved on, so a
//! stale screen never overwrites someone else's change unseen.

use serde::Serialize;

/// The last change recorded to a record (0: never changed).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Version(pub i64);

/// Who last changed a record, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastChange {
    pub actor: Option<String>,
    pub at: String,
}
