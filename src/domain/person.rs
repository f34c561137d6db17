//! People the tracker knows: apprentices (or other learners) and assessors.

use crate::text_enum;
use chrono::NaiveDate;
use serde::Serialize;

/// A person's row id in the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct PersonId(pub i64);

text_enum! {
    pub enum Role {
        Apprentice => "apprentice",
        Assessor => "assessor",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Person {
    pub id: PersonId,
    pub name: String,
    pub role: Role,
    pub date_of_birth: Option<NaiveDate>,
    pub employer: Option<String>,
    pub assessor_id: Option<PersonId>,
}
