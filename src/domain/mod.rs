//! Pure rules and records about progress: no I/O, dates passed in.

mod clock;
mod enrolment;
mod hours;
mod judgement;
mod person;
mod progress;
mod records;
mod seal;
pub mod standing;
mod text;
mod text_enum;

pub use clock::{LearningBreak, ProgrammeTime, add_months, programme_time, whole_months_between};
pub use enrolment::{Enrolment, EnrolmentId, EnrolmentStatus, planned_end};
pub use hours::{HoursClaim, check_hours};
pub use judgement::Judgement;
pub use person::{Person, PersonId, Role};
pub use progress::{
    CheckinSummary, EvidenceItem, HoursEntry, Orphan, OutcomeRecord, Progress, RequirementRecord,
    orphans,
};
pub use records::{CheckinSection, EvidenceKind, OutcomeStatus, RequirementStatus};
pub use seal::seal;
pub use text::{check_name, check_text};
