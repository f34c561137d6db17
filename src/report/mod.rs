//! Renderings of a person's standing: JSON for programs, Markdown for people
//! (an employer, a portfolio), CSV for spreadsheets. Deterministic: the same
//! records on the same day give the same bytes.

mod caseload_order;
mod cells;
mod checkin;
mod csv;
mod gateway;
mod markdown;
mod pack;
mod plan;
mod practice;

pub use caseload_order::{
    CaseloadColumn, CaseloadOrder, OrderKey, order_key, sort_by_order_key, sort_caseload,
};
pub use checkin::{SECTION_TITLES, action_review_line, checkin_markdown, review_state};
pub use csv::{
    HOURS_CSV_HEADER, HoursExport, caseload_csv, evidence_list_csv, hours_csv, hours_entries_csv,
    outcomes_csv, plan_csv,
};
pub use gateway::{signoff_lines, signoff_open, signoff_state};
pub use markdown::{caseload_markdown, standing_markdown};
pub use pack::{
    MANIFEST, PackEvidence, evidence_csv, evidence_markdown, manifest, pack_evidence,
    pack_file_name,
};
pub use plan::{TO_DISCUSS, plan_markdown, plan_rows};

use crate::domain::standing::{Rag, Standing};
use chrono::NaiveDate;
use serde::Serialize;

/// One line of the caseload report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseloadLine {
    pub id: i64,
    pub name: String,
    pub framework: String,
    pub month_of_programme: u32,
    pub rag: Rag,
    pub next_checkin_due: NaiveDate,
    pub checkin_overdue: bool,
    /// The day of the last sealed check-in, if any.
    pub last_checkin: Option<NaiveDate>,
    /// Hours behind what is expected by now; 0 when on or ahead.
    pub hours_behind: f64,
    /// Actions agreed at the last review, not done, past their due date.
    pub overdue_actions: usize,
    /// "check-in 7 awaiting employer signature for 12 days", one a review.
    pub awaiting_signatures: Vec<String>,
    pub gateway_ready: Option<bool>,
    pub gateway_blockers: usize,
    pub warnings: usize,
    /// Check-in drafts not yet completed.
    pub drafts: usize,
}

impl CaseloadLine {
    pub fn from_standing(standing: &Standing) -> Self {
        CaseloadLine {
            id: standing.person.id,
            name: standing.person.name.clone(),
            framework: standing.framework.id.clone(),
            month_of_programme: standing.month_of_programme,
            rag: standing.rag,
            next_checkin_due: standing.next_checkin_due,
            checkin_overdue: standing.checkins.overdue,
            last_checkin: standing.checkins.last,
            hours_behind: standing.hours.slippage,
            overdue_actions: standing.overdue_actions.len(),
            awaiting_signatures: standing
                .checkins
                .awaiting
                .iter()
                .map(|a| format!("check-in {} {}", a.checkin_id, a.describe()))
                .collect(),
            gateway_ready: standing.gateway.as_ref().map(|g| g.ready),
            gateway_blockers: standing.gateway.as_ref().map_or(0, |g| g.blockers.len()),
            warnings: standing.warnings.len(),
            drafts: standing.checkins.drafts,
        }
    }
}

/// Pretty JSON of any report value.
pub fn json<T: Serialize>(value: &T) -> String {
    // Serialising these plain structs cannot fail; an empty object is the
    // harmless answer if it ever did.
    serde_json::to_string_pretty(value).unwrap_or_else(|_| "{}".to_string())
}
