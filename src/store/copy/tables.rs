//! Every table a copy moves, its columns and their kinds, in an order in
//! which each table's references are already in place. Tables the schema
//! has and this list lacks stop a copy before anything is written, so a
//! table added later cannot be left behind unnoticed.

use super::value::Kind::{self, Day, Flag, Hours, Integer, Moment, Text};

pub struct Table {
    pub name: &'static str,
    /// The primary key: rows are read in its order, a page at a time.
    pub key: &'static [&'static str],
    pub columns: &'static [Column],
    /// The key is an identity (`id`) that new rows take from a sequence.
    pub identity: bool,
    /// The table exists on PostgreSQL only.
    pub server_only: bool,
}

pub struct Column {
    pub name: &'static str,
    pub kind: Kind,
    /// For a column PostgreSQL alone has: the SQL value a row copied from a
    /// file is given. None for a column both engines have.
    pub from_file: Option<&'static str>,
}

const fn both(name: &'static str, kind: Kind) -> Column {
    Column {
        name,
        kind,
        from_file: None,
    }
}

/// A signature's login, on a server. A row copied from a file records ''
/// (the value signatures given before logins existed already hold): it was
/// signed in a file, under no login of its own, and the login running the
/// copy must not be recorded as the signer.
const SIGNED_LOGIN: Column = Column {
    name: "signed_login",
    kind: Text,
    from_file: Some("''"),
};

const fn table(
    name: &'static str,
    key: &'static [&'static str],
    columns: &'static [Column],
) -> Table {
    Table {
        name,
        key,
        columns,
        identity: false,
        server_only: false,
    }
}

const fn with_id(name: &'static str, columns: &'static [Column]) -> Table {
    Table {
        name,
        key: &["id"],
        columns,
        identity: true,
        server_only: false,
    }
}

pub const PERSON: Table = with_id(
    "person",
    &[
        both("id", Integer),
        both("name", Text),
        both("role", Text),
        both("date_of_birth", Day),
        both("employer", Text),
        both("assessor_id", Integer),
        both("employer_id", Integer),
        both("created_at", Moment),
        both("uln", Text),
        both("learning_support", Text),
    ],
);

pub const ENROLMENT: Table = with_id(
    "enrolment",
    &[
        both("id", Integer),
        both("person_id", Integer),
        both("framework_id", Text),
        both("framework_version", Text),
        both("framework_hash", Text),
        both("start_date", Day),
        both("planned_end", Day),
        both("status", Text),
        both("area_of_practice", Text),
        both("employer_opt_in", Flag),
        both("created_at", Moment),
        both("status_reason", Text),
    ],
);

pub const LEARNING_BREAK: Table = with_id(
    "learning_break",
    &[
        both("id", Integer),
        both("enrolment_id", Integer),
        both("start_date", Day),
        both("end_date", Day),
        both("reason", Text),
    ],
);

pub const EVIDENCE: Table = with_id(
    "evidence",
    &[
        both("id", Integer),
        both("enrolment_id", Integer),
        both("date", Day),
        both("title", Text),
        both("kind", Text),
        both("description", Text),
        both("file_ref", Text),
        both("deleted_at", Moment),
        both("created_by", Integer),
        both("created_at", Moment),
        both("file_name", Text),
        both("file_size", Integer),
        both("file_sha256", Text),
    ],
);

pub const EVIDENCE_OUTCOME: Table = table(
    "evidence_outcome",
    &["evidence_id", "outcome_code"],
    &[both("evidence_id", Integer), both("outcome_code", Text)],
);

pub const REQUIREMENT_RECORD: Table = table(
    "requirement_record",
    &["enrolment_id", "requirement_id"],
    &[
        both("enrolment_id", Integer),
        both("requirement_id", Text),
        both("status", Text),
        both("date", Day),
        both("reference", Text),
        both("expires_on", Day),
    ],
);

pub const HOURS_ENTRY: Table = with_id(
    "hours_entry",
    &[
        both("id", Integer),
        both("enrolment_id", Integer),
        both("date", Day),
        both("hours", Hours),
        both("category", Text),
        both("activity", Text),
        both("note", Text),
        both("benefit", Text),
        both("possible_duplicate_of", Integer),
        both("deleted_at", Moment),
        both("created_by", Integer),
        both("created_at", Moment),
    ],
);

pub const HOURS_OUTCOME: Table = table(
    "hours_outcome",
    &["hours_id", "outcome_code"],
    &[both("hours_id", Integer), both("outcome_code", Text)],
);

pub const HOURS_REVIEW: Table = table(
    "hours_review",
    &["hours_id"],
    &[
        both("hours_id", Integer),
        both("state", Text),
        both("reason", Text),
        both("reviewed_by", Integer),
        both("reviewed_at", Moment),
    ],
);

pub const CHECKIN: Table = with_id(
    "checkin",
    &[
        both("id", Integer),
        both("enrolment_id", Integer),
        both("date", Day),
        both("assessor_id", Integer),
        both("state", Text),
        both("next_due", Day),
        both("amends_id", Integer),
        both("amend_reason", Text),
        // Sealed as written (text on both engines).
        both("apprentice_signed_at", Text),
        both("assessor_signed_at", Text),
        both("seal_hash", Text),
        both("previous_seal_hash", Text),
        both("created_at", Moment),
        both("apprentice_signature", Text),
        both("assessor_signature", Text),
        both("superseded_by", Integer),
        both("completed_at", Moment),
    ],
);

pub const CHECKIN_SECTION: Table = table(
    "checkin_section",
    &["checkin_id", "section"],
    &[
        both("checkin_id", Integer),
        both("section", Text),
        both("content", Text),
    ],
);

pub const CHECKIN_JUDGEMENT: Table = table(
    "checkin_judgement",
    &["checkin_id", "outcome_code"],
    &[
        both("checkin_id", Integer),
        both("outcome_code", Text),
        both("judgement", Text),
        both("note", Text),
    ],
);

pub const CHECKIN_ACTION: Table = with_id(
    "checkin_action",
    &[
        both("id", Integer),
        both("checkin_id", Integer),
        both("text", Text),
        both("owner", Text),
        both("due_date", Day),
    ],
);

pub const CHECKIN_ACTION_REVIEW: Table = table(
    "checkin_action_review",
    &["checkin_id", "action_id"],
    &[
        both("checkin_id", Integer),
        both("action_id", Integer),
        both("done", Flag),
        both("note", Text),
    ],
);

pub const CHECKIN_SIGNATURE: Table = table(
    "checkin_signature",
    &["checkin_id", "role"],
    &[
        both("checkin_id", Integer),
        both("role", Text),
        both("person_id", Integer),
        both("signed_at", Moment),
        SIGNED_LOGIN,
    ],
);

pub const OUTCOME_PROGRESS: Table = table(
    "outcome_progress",
    &["enrolment_id", "outcome_code"],
    &[
        both("enrolment_id", Integer),
        both("outcome_code", Text),
        both("status", Text),
        both("status_changed_at", Moment),
        both("judgement", Text),
        both("judgement_note", Text),
        both("judged_by", Integer),
        both("judged_at", Moment),
        both("judged_in_checkin", Integer),
    ],
);

pub const PERSON_PIN: Table = table(
    "person_pin",
    &["person_id"],
    &[
        both("person_id", Integer),
        both("hash", Text),
        both("failed", Integer),
        both("locked_until", Moment),
    ],
);

pub const HISTORY: Table = with_id(
    "history",
    &[
        both("id", Integer),
        both("at", Moment),
        both("actor_id", Integer),
        both("change", Text),
        both("record", Text),
        both("record_id", Text),
        both("field", Text),
        both("before", Text),
        both("after", Text),
        both("enrolment_id", Integer),
    ],
);

pub const GATEWAY_SIGNATURE: Table = table(
    "gateway_signature",
    &["enrolment_id", "role"],
    &[
        both("enrolment_id", Integer),
        both("role", Text),
        both("person_id", Integer),
        both("signed_at", Moment),
        both("rules", Text),
        SIGNED_LOGIN,
    ],
);

/// After its signatures: a sealed sign-off is never signed again.
pub const GATEWAY_SEAL: Table = table(
    "gateway_seal",
    &["enrolment_id"],
    &[
        both("enrolment_id", Integer),
        both("sealed_at", Moment),
        both("seal_hash", Text),
        both("previous_seal_hash", Text),
    ],
);

pub const UNIT_RECORD: Table = table(
    "unit_record",
    &["enrolment_id", "requirement_id", "unit_id"],
    &[
        both("enrolment_id", Integer),
        both("requirement_id", Text),
        both("unit_id", Text),
        both("status", Text),
        both("date", Day),
    ],
);

pub const EPA_RESULT: Table = with_id(
    "epa_result",
    &[
        both("id", Integer),
        both("enrolment_id", Integer),
        both("method_id", Text),
        both("attempt", Text),
        both("date", Day),
        both("grade", Text),
        both("note", Text),
        both("recorded_by", Integer),
        both("recorded_at", Moment),
    ],
);

/// An enrolment's training plan.
pub const TRAINING_PLAN: Table = table(
    "training_plan",
    &["enrolment_id"],
    &[
        both("enrolment_id", Integer),
        both("planned_end", Day),
        both("prior_learning_hours", Hours),
        both("prior_learning_reason", Text),
        both("planned_off_the_job_hours", Hours),
        both("assessment_organisation", Text),
        both("organisation_chosen_on", Day),
        both("english_maths", Text),
        both("english_maths_decided_by", Text),
        both("english_maths_reason", Text),
        both("changed_at", Moment),
        both("changed_by", Integer),
    ],
);

/// Which login acts for which person: copied between servers only (roles
/// belong to the server, and a file has no logins). A copy to a server from
/// a file links nobody: `admin grant` does, after `admin init`.
pub const PERSON_LOGIN: Table = Table {
    name: "person_login",
    key: &["person_id"],
    columns: &[both("person_id", Integer), both("login", Text)],
    identity: false,
    server_only: true,
};

/// Every table copied, in the order they are filled (the check-in's own
/// tables are filled in the steps `checkins` takes).
pub const ALL: [&Table; 24] = [
    &PERSON,
    &ENROLMENT,
    &LEARNING_BREAK,
    &EVIDENCE,
    &EVIDENCE_OUTCOME,
    &REQUIREMENT_RECORD,
    &HOURS_ENTRY,
    &HOURS_OUTCOME,
    &HOURS_REVIEW,
    &CHECKIN,
    &CHECKIN_SECTION,
    &CHECKIN_JUDGEMENT,
    &CHECKIN_ACTION,
    &CHECKIN_ACTION_REVIEW,
    &CHECKIN_SIGNATURE,
    &OUTCOME_PROGRESS,
    &PERSON_PIN,
    &HISTORY,
    &GATEWAY_SIGNATURE,
    &GATEWAY_SEAL,
    &UNIT_RECORD,
    &EPA_RESULT,
    &TRAINING_PLAN,
    &PERSON_LOGIN,
];

/// Tables not copied: the schema's own record (each database keeps its
/// own), and who confirms each requirement, which `admin init` fills from
/// the framework files on the server it sets up.
pub const NOT_COPIED: [&str; 2] = ["schema_migration", "requirement_confirmer"];
