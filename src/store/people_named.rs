//! Everyone recorded, whatever their role, found by a part of their name:
//! for choosing who is using the app. A screenful is read at a time, so
//! choosing costs the same however many people are recorded.

use super::people::person_from_row;
use super::{Store, StoreError, sqlite_error};
use crate::domain::Person;
use rusqlite::params;

impl Store {
    /// Up to `take` people whose name contains `part` (ignoring ASCII
    /// case; everyone when empty), in order of name.
    pub fn people_named(&self, part: &str, take: usize) -> Result<Vec<Person>, StoreError> {
        let read = || -> rusqlite::Result<Vec<Person>> {
            let mut statement = self.connection.prepare_cached(
                "SELECT id, name, role, date_of_birth, employer, assessor_id, employer_id
                 FROM person WHERE ?1 = '' OR instr(lower(name), lower(?1)) > 0
                 ORDER BY name COLLATE NOCASE, id LIMIT ?2",
            )?;
            let take = i64::try_from(take).unwrap_or(i64::MAX);
            let rows = statement.query_map(params![part.trim(), take], person_from_row)?;
            rows.collect()
        };
        read().map_err(sqlite_error(&self.path, "finding people by name"))
    }
}
