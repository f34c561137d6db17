//! People the tracker knows: apprentices (or other learners) and assessors.

use super::EnrolmentStatus;
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

/// A person with their latest enrolment, as listed.
#[derive(Debug, Clone, Serialize)]
pub struct PersonSummary {
    pub id: PersonId,
    pub name: String,
    pub role: Role,
    pub assessor_id: Option<PersonId>,
    pub assessor: Option<String>,
    pub framework_id: Option<String>,
    pub start_date: Option<NaiveDate>,
    pub planned_end: Option<NaiveDate>,
    pub status: Option<EnrolmentStatus>,
    /// The last sealed check-in (amendments aside).
    pub last_checkin: Option<NaiveDate>,
    /// Unsigned check-in drafts.
    pub drafts: i64,
}

impl std::fmt::Display for PersonId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}
