//! Reading one enrolment's records in full: what every screen and report of
//! a person starts from.

use super::change::Change;
use super::convert::word;
use super::gateway_signoff::signoff_of;
use super::{Store, StoreError, sqlite_error};
use crate::domain::{
    CheckinSummary, Enrolment, EvidenceItem, EvidenceKind, HoursEntry, Judgement, OutcomeRecord,
    OutcomeStatus, Progress, RequirementRecord, RequirementStatus,
};
use crate::framework::Party;
use rusqlite::{Connection, Row};

impl Store {
    /// Everything recorded for `enrolment`; a handful of indexed queries.
    pub fn progress(&self, enrolment: &Enrolment) -> Result<Progress, StoreError> {
        progress_of(&self.connection, enrolment)
            .map_err(sqlite_error(&self.path, "reading progress"))
    }
}

impl Change<'_> {
    /// Everything recorded for `enrolment`, read inside the change: for
    /// rules that must still hold when it commits.
    pub fn progress(&self, enrolment: &Enrolment) -> Result<Progress, StoreError> {
        self.run("reading progress", |transaction| {
            progress_of(transaction, enrolment)
        })
    }
}

fn progress_of(connection: &Connection, enrolment: &Enrolment) -> rusqlite::Result<Progress> {
    let id = enrolment.id.0;
    Ok(Progress {
        enrolment: enrolment.clone(),
        outcomes: rows(connection, OUTCOMES, id, outcome_from_row)?,
        evidence: rows(connection, EVIDENCE, id, evidence_from_row)?,
        requirements: rows(connection, REQUIREMENTS, id, requirement_from_row)?,
        hours: rows(connection, HOURS, id, hours_from_row)?,
        checkins: rows(connection, CHECKINS, id, checkin_from_row)?,
        gateway_signoff: signoff_of(connection, enrolment.id)?,
    })
}

// Each record's version is its last history row, found through the
// history index by the key `history::RecordKey` builds.
const OUTCOMES: &str =
    "SELECT outcome_code, status, judgement, judgement_note, judged_by, judged_at, judged_in_checkin,
        (SELECT coalesce(max(h.id), 0) FROM history h
          WHERE h.record = 'outcome_progress' AND h.record_id = ?1 || '/' || outcome_code)
    FROM outcome_progress WHERE enrolment_id = ?1 ORDER BY outcome_code";

const EVIDENCE: &str = "SELECT e.id, e.date, e.title, e.kind, e.description, e.file_ref,
        (SELECT group_concat(outcome_code) FROM evidence_outcome WHERE evidence_id = e.id),
        (SELECT coalesce(max(h.id), 0) FROM history h
          WHERE h.record = 'evidence' AND h.record_id = CAST(e.id AS TEXT))
    FROM evidence e WHERE e.enrolment_id = ?1 AND e.deleted_at IS NULL ORDER BY e.date, e.id";

const REQUIREMENTS: &str = "SELECT requirement_id, status, date, reference, expires_on,
        (SELECT coalesce(max(h.id), 0) FROM history h
          WHERE h.record = 'requirement_record' AND h.record_id = ?1 || '/' || requirement_id)
    FROM requirement_record WHERE enrolment_id = ?1 ORDER BY requirement_id";

const HOURS: &str = "SELECT h.id, h.date, h.hours, h.category, h.activity, h.note, h.benefit,
        h.possible_duplicate_of,
        (SELECT group_concat(outcome_code) FROM hours_outcome WHERE hours_id = h.id)
    FROM hours_entry h WHERE h.enrolment_id = ?1 AND h.deleted_at IS NULL ORDER BY h.date, h.id";

const CHECKINS: &str = "SELECT c.id, c.date, c.assessor_id, c.state, c.next_due, c.amends_id,
        substr(c.completed_at, 1, 10),
        (SELECT group_concat(s.role) FROM checkin_signature s WHERE s.checkin_id = c.id)
    FROM checkin c WHERE c.enrolment_id = ?1 ORDER BY c.date, c.id";

fn rows<T>(
    connection: &Connection,
    sql: &str,
    enrolment: i64,
    convert: fn(&Row) -> rusqlite::Result<T>,
) -> rusqlite::Result<Vec<T>> {
    let mut statement = connection.prepare_cached(sql)?;
    let mapped = statement.query_map([enrolment], convert)?;
    mapped.collect()
}

fn outcome_from_row(row: &Row) -> rusqlite::Result<OutcomeRecord> {
    Ok(OutcomeRecord {
        code: row.get(0)?,
        status: word(row, 1, OutcomeStatus::parse)?,
        judgement: word(row, 2, Judgement::parse)?,
        judgement_note: row.get(3)?,
        judged_by: row.get(4)?,
        judged_at: row.get(5)?,
        judged_in_checkin: row.get(6)?,
        version: row.get(7)?,
    })
}

fn evidence_from_row(row: &Row) -> rusqlite::Result<EvidenceItem> {
    Ok(EvidenceItem {
        id: row.get(0)?,
        date: row.get(1)?,
        title: row.get(2)?,
        kind: word(row, 3, EvidenceKind::parse)?,
        description: row.get(4)?,
        file_ref: row.get(5)?,
        outcomes: codes(row.get(6)?),
        version: row.get(7)?,
    })
}

fn requirement_from_row(row: &Row) -> rusqlite::Result<RequirementRecord> {
    Ok(RequirementRecord {
        id: row.get(0)?,
        status: word(row, 1, RequirementStatus::parse)?,
        date: row.get(2)?,
        reference: row.get(3)?,
        expires_on: row.get(4)?,
        version: row.get(5)?,
    })
}

fn hours_from_row(row: &Row) -> rusqlite::Result<HoursEntry> {
    Ok(HoursEntry {
        id: row.get(0)?,
        date: row.get(1)?,
        hours: row.get(2)?,
        category: row.get(3)?,
        activity: row.get(4)?,
        note: row.get(5)?,
        benefit: row.get(6)?,
        possible_duplicate_of: row.get(7)?,
        outcomes: codes(row.get(8)?),
    })
}

fn checkin_from_row(row: &Row) -> rusqlite::Result<CheckinSummary> {
    let state: String = row.get(3)?;
    Ok(CheckinSummary {
        id: row.get(0)?,
        date: row.get(1)?,
        assessor_id: row.get(2)?,
        sealed: state == "sealed",
        next_due: row.get(4)?,
        amends: row.get(5)?,
        completed: row.get(6)?,
        signed_by: codes(row.get(7)?)
            .iter()
            .filter_map(|role| Party::parse(role))
            .collect(),
    })
}

/// Outcome codes joined by `group_concat`, in a stable order.
fn codes(joined: Option<String>) -> Vec<String> {
    let mut codes: Vec<String> = joined
        .unwrap_or_default()
        .split(',')
        .filter(|code| !code.is_empty())
        .map(str::to_string)
        .collect();
    codes.sort();
    codes
}
