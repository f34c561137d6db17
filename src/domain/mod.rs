//! Pure rules and records about progress: no I/O, dates passed in.

mod checkin;
mod clock;
mod enrolment;
mod hours;

mod person;
mod progress;
mod record_dates;
mod records;
mod seal;
pub mod standing;
mod text;
mod text_enum;
mod version;

pub use crate::framework::Judgement;
pub use checkin::{
    ActionReview, AgreedAction, Checkin, CheckinContent, CheckinJudgement, SealProblem, Signing,
    StatusChange,
};
pub use clock::{LearningBreak, ProgrammeTime, add_months, programme_time, whole_months_between};
pub use enrolment::{Enrolment, EnrolmentId, EnrolmentStatus, planned_end};
pub use hours::{HoursClaim, check_hours, check_hours_amount};
pub use person::{Person, PersonId, PersonSummary, Role, person_name, same_name};
pub use progress::{
    CheckinSummary, EvidenceItem, HoursEntry, Orphan, OutcomeRecord, Progress, RequirementRecord,
    orphans,
};
pub use record_dates::{RequirementDateError, check_evidence_date, check_requirement_dates};
pub use records::{CheckinSection, EvidenceKind, OutcomeStatus, RequirementStatus};
pub use seal::seal;
pub use text::{check_file_ref, check_name, check_text, parse_date, visible, visible_lines};
pub use version::{LastChange, Version};
