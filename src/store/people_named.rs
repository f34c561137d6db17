//! Everyone recorded, whatever their role, found by a part of their name:
//! for choosing who is using the app. A screenful is read at a time, so
//! choosing costs the same however many people are recorded.

use super::people::person_from_row;
use super::{Store, StoreError};
use crate::domain::Person;

impl Store {
    /// Up to `take` people whose name contains `part` (ignoring ASCII
    /// case; everyone when empty), in order of name.
    pub fn people_named(&self, part: &str, take: usize) -> Result<Vec<Person>, StoreError> {
        self.read("finding people by name", |c| {
            let dialect = c.dialect();
            let sql = format!(
                "SELECT id, name, role, date_of_birth, employer, assessor_id, employer_id, uln, learning_support
                 FROM person WHERE ?1 = '' OR {}
                 ORDER BY {}, id LIMIT ?2",
                dialect.contains("name", "?1"),
                dialect.nocase("name")
            );
            let take = i64::try_from(take).unwrap_or(i64::MAX);
            c.query(&sql, &[&part.trim(), &take], person_from_row)
        })
    }
}
