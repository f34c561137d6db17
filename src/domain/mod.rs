//! Pure rules and records about progress: no I/O, dates passed in.

mod attachment;
mod breaks;
mod checkin;
mod checkin_chain;
mod clock;
mod earlier_judgements;
mod enrolment;
mod epa;
mod gateway_signoff;
mod hours;
mod hours_periods;
mod judgement_queue;
mod off_the_job;

pub mod permission;
mod person;
mod pin;
mod plan;
mod progress;
mod record_dates;
mod records;
mod review_signing;
mod seal;
pub mod standing;
mod suggest;
mod text;
mod text_enum;
mod uln;
mod version;
mod wording;

pub use crate::framework::Judgement;
pub use attachment::{Attachment, attachment_name, is_sha256};
pub use breaks::{break_days_within, break_span, check_status_change};
pub use checkin::{
    ActionReview, AgreedAction, Checkin, CheckinContent, CheckinJudgement, ReviewSignature,
    SealProblem, Signing, StatusChange, check_action_due, check_next_due,
};
pub use checkin_chain::{Meeting, last_meeting, meeting_before, original_of};
pub use clock::{LearningBreak, ProgrammeTime, add_months, programme_time, whole_months_between};
pub use earlier_judgements::{EarlierJudgement, earlier_judgements};
pub use enrolment::{Enrolment, EnrolmentId, EnrolmentStatus, planned_end};
pub use epa::{
    Attempt, EpaClaim, EpaProblem, EpaResult, MethodResult, check_completion, check_epa_result,
    method_results, passes,
};
pub use gateway_signoff::{
    GatewaySeal, GatewaySealProblem, GatewaySignoff, SignoffStanding, awaited_signer, day_of,
    gateway_signers, rules_record, signoff_blocked, signoff_standing,
};
pub use hours::{HoursClaim, check_hours, check_hours_amount};
pub use hours_periods::{PeriodHours, hours_per_month};
pub use judgement_queue::{AwaitingJudgement, OutcomeMarked, awaits_judgement, judgement_queue};
pub use off_the_job::{
    HoursReview, check_off_the_job_outcomes, doubtful_entries, is_off_the_job,
    not_off_the_job_doubt,
};
pub use permission::{Operation, Refusal, Roles, permit};
pub use person::{Person, PersonId, PersonSummary, Role, person_name, same_name};
pub use pin::{PIN_LOCK, PIN_TRIES, PinTries, check_new_pin};
pub use plan::{
    EnglishMaths, EnglishMathsDecision, HoursProblem, PlanStanding, TrainingPlan,
    check_planned_end, english_maths_decision_needed, plan_standing, planned_hours, to_discuss,
};
pub use progress::{
    ActionRecord, ActionsAgreed, CheckinSummary, EvidenceItem, HoursEntry, Orphan, OutcomeRecord,
    Progress, RequirementRecord, UnitRecord, defined_outcomes, orphans,
};
pub use record_dates::{RequirementDateError, check_evidence_date, check_requirement_dates};
pub use records::{CheckinSection, EvidenceKind, OutcomeStatus, RequirementStatus};
pub use review_signing::{
    Awaiting, ReviewParties, SIGNATURE_DUE_DAYS, awaiting_signatures, signature_words, unsigned,
};
pub use seal::seal;
pub use suggest::{did_you_mean, did_you_mean_words};
pub use text::{check_file_ref, check_name, check_text, parse_date, visible, visible_lines};
pub use uln::check_uln;
pub use version::{LastChange, Version};
pub use wording::{
    and_list, counted, days_or_weeks, field_in_words, hours_one_place, hours_text, stored_in_words,
};
