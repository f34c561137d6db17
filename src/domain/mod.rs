//! Pure rules and records about progress: no I/O, dates passed in.

mod enrolment;
mod judgement;
mod person;

pub use enrolment::{Enrolment, EnrolmentId, EnrolmentStatus, planned_end};
pub use judgement::Judgement;
pub use person::{Person, PersonId, Role, check_name};
