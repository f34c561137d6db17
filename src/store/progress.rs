//! Reading one enrolment's records in full: what every screen and report of
//! a person starts from. Lists of codes (an entry's outcomes, a check-in's
//! signatures) are read as rows and gathered here.

use super::change::Change;
use super::convert::{Stamp, word};
use super::db::{Conn, DbResult, Row};
use super::epa::{epa_results_of, units_of};
use super::gateway_signoff::signoff_of;
use super::plans::plan_of;
use super::{Store, StoreError};
use crate::domain::{
    ActionRecord, ActionReview, ActionsAgreed, Attachment, CheckinSummary, Enrolment, EvidenceItem,
    EvidenceKind, HoursEntry, HoursReview, Judgement, OutcomeRecord, OutcomeStatus, Progress,
    RequirementRecord, RequirementStatus,
};
use crate::framework::Party;
use chrono::NaiveDate;
use std::collections::HashMap;

impl Store {
    /// Everything recorded for `enrolment`; a handful of indexed queries.
    pub fn progress(&self, enrolment: &Enrolment) -> Result<Progress, StoreError> {
        self.read("reading progress", |c| progress_of(c, enrolment))
    }
}

impl Change<'_> {
    /// Everything recorded for `enrolment`, read inside the change: for
    /// rules that must still hold when it commits.
    pub fn progress(&self, enrolment: &Enrolment) -> Result<Progress, StoreError> {
        self.run("reading progress", |c| progress_of(c, enrolment))
    }
}

fn progress_of(c: Conn, enrolment: &Enrolment) -> DbResult<Progress> {
    let id = enrolment.id.0;
    let mut evidence = rows(c, EVIDENCE, id, evidence_from_row)?;
    let mut codes = grouped(c, EVIDENCE_OUTCOMES, id)?;
    for item in &mut evidence {
        item.outcomes = codes.remove(&item.id).unwrap_or_default();
    }
    let mut hours = rows(c, HOURS, id, hours_from_row)?;
    let mut codes = grouped(c, HOURS_OUTCOMES, id)?;
    for entry in &mut hours {
        entry.outcomes = codes.remove(&entry.id).unwrap_or_default();
    }
    let mut checkins = rows(c, CHECKINS, id, checkin_from_row)?;
    let mut roles = grouped(c, CHECKIN_SIGNATURES, id)?;
    for checkin in &mut checkins {
        let signed = roles.remove(&checkin.id).unwrap_or_default();
        checkin.signed_by = signed
            .iter()
            .filter_map(|role| Party::parse(role))
            .collect();
    }
    Ok(Progress {
        enrolment: enrolment.clone(),
        outcomes: rows(c, OUTCOMES, id, outcome_from_row)?,
        evidence,
        requirements: rows(c, REQUIREMENTS, id, requirement_from_row)?,
        hours,
        checkins,
        gateway_signoff: signoff_of(c, enrolment.id)?,
        units: units_of(c, enrolment.id)?,
        epa_results: epa_results_of(c, enrolment.id)?,
        plan: plan_of(c, enrolment.id)?,
        actions: actions_of(c, id)?,
    })
}

/// The actions agreed at the enrolment's check-ins, and their reviews in
/// the order the reviews were held.
fn actions_of(c: Conn, enrolment: i64) -> DbResult<ActionsAgreed> {
    Ok(ActionsAgreed {
        actions: rows(c, ACTIONS, enrolment, |row| {
            Ok(ActionRecord {
                id: row.get(0)?,
                checkin_id: row.get(1)?,
                text: row.get(2)?,
                owner: row.get(3)?,
                due: row.get(4)?,
            })
        })?,
        reviews: rows(c, ACTION_REVIEWS, enrolment, |row| {
            Ok(ActionReview {
                action_id: row.get(0)?,
                done: row.get(1)?,
                note: row.get(2)?,
            })
        })?,
    })
}

// Each record's version is its last history row, found through the
// history index by the key `history::RecordKey` builds.
const OUTCOMES: &str =
    "SELECT o.outcome_code, o.status, o.judgement, o.judgement_note, o.judged_by, o.judged_at,
        o.judged_in_checkin,
        (SELECT coalesce(max(h.id), 0) FROM history h
          WHERE h.record = 'outcome_progress'
            AND h.record_id = CAST(o.enrolment_id AS TEXT) || '/' || o.outcome_code)
    FROM outcome_progress o WHERE o.enrolment_id = ?1 ORDER BY o.outcome_code";

const EVIDENCE: &str = "SELECT e.id, e.date, e.title, e.kind, e.description, e.file_ref,
        e.file_name, e.file_size, e.file_sha256,
        (SELECT coalesce(max(h.id), 0) FROM history h
          WHERE h.record = 'evidence' AND h.record_id = CAST(e.id AS TEXT))
    FROM evidence e WHERE e.enrolment_id = ?1 AND e.deleted_at IS NULL ORDER BY e.date, e.id";

const EVIDENCE_OUTCOMES: &str = "SELECT o.evidence_id, o.outcome_code
    FROM evidence e JOIN evidence_outcome o ON o.evidence_id = e.id
    WHERE e.enrolment_id = ?1 AND e.deleted_at IS NULL";

const REQUIREMENTS: &str = "SELECT r.requirement_id, r.status, r.date, r.reference, r.expires_on,
        (SELECT coalesce(max(h.id), 0) FROM history h
          WHERE h.record = 'requirement_record'
            AND h.record_id = CAST(r.enrolment_id AS TEXT) || '/' || r.requirement_id)
    FROM requirement_record r WHERE r.enrolment_id = ?1 ORDER BY r.requirement_id";

const HOURS: &str =
    "SELECT h.id, h.date, CAST(h.hours AS double precision), h.category, h.activity,
        h.note, h.benefit, h.possible_duplicate_of, r.state, r.reason,
        (SELECT coalesce(max(y.id), 0) FROM history y
          WHERE y.record = 'hours_entry' AND y.record_id = CAST(h.id AS TEXT))
    FROM hours_entry h LEFT JOIN hours_review r ON r.hours_id = h.id
    WHERE h.enrolment_id = ?1 AND h.deleted_at IS NULL ORDER BY h.date, h.id";

const HOURS_OUTCOMES: &str = "SELECT o.hours_id, o.outcome_code
    FROM hours_entry h JOIN hours_outcome o ON o.hours_id = h.id
    WHERE h.enrolment_id = ?1 AND h.deleted_at IS NULL";

const CHECKINS: &str =
    "SELECT c.id, c.date, c.assessor_id, c.state, c.next_due, c.amends_id, c.completed_at
    FROM checkin c WHERE c.enrolment_id = ?1 ORDER BY c.date, c.id";

const ACTIONS: &str = "SELECT a.id, a.checkin_id, a.text, a.owner, a.due_date
    FROM checkin c JOIN checkin_action a ON a.checkin_id = c.id
    WHERE c.enrolment_id = ?1 ORDER BY a.id";

const ACTION_REVIEWS: &str = "SELECT r.action_id, r.done, r.note
    FROM checkin c JOIN checkin_action_review r ON r.checkin_id = c.id
    WHERE c.enrolment_id = ?1 ORDER BY c.date, c.id, r.action_id";

const CHECKIN_SIGNATURES: &str = "SELECT s.checkin_id, s.role
    FROM checkin c JOIN checkin_signature s ON s.checkin_id = c.id WHERE c.enrolment_id = ?1";

fn rows<T>(
    c: Conn,
    sql: &str,
    enrolment: i64,
    convert: fn(&Row) -> DbResult<T>,
) -> DbResult<Vec<T>> {
    c.query(sql, &[&enrolment], convert)
}

/// (id, code) rows gathered by id, each list sorted.
fn grouped(c: Conn, sql: &str, enrolment: i64) -> DbResult<HashMap<i64, Vec<String>>> {
    let pairs: Vec<(i64, String)> =
        c.query(sql, &[&enrolment], |row| Ok((row.get(0)?, row.get(1)?)))?;
    let mut codes: HashMap<i64, Vec<String>> = HashMap::new();
    for (id, code) in pairs {
        codes.entry(id).or_default().push(code);
    }
    for list in codes.values_mut() {
        list.sort();
    }
    Ok(codes)
}

fn outcome_from_row(row: &Row) -> DbResult<OutcomeRecord> {
    Ok(OutcomeRecord {
        code: row.get(0)?,
        status: word(row, 1, OutcomeStatus::parse)?,
        judgement: word(row, 2, Judgement::parse)?,
        judgement_note: row.get(3)?,
        judged_by: row.get(4)?,
        judged_at: row.get::<Option<Stamp>>(5)?.map(|at| at.0),
        judged_in_checkin: row.get(6)?,
        version: row.get(7)?,
    })
}

fn evidence_from_row(row: &Row) -> DbResult<EvidenceItem> {
    Ok(EvidenceItem {
        id: row.get(0)?,
        date: row.get(1)?,
        title: row.get(2)?,
        kind: word(row, 3, EvidenceKind::parse)?,
        description: row.get(4)?,
        file_ref: row.get(5)?,
        outcomes: Vec::new(),
        attachment: attachment_of(row, 6)?,
        version: row.get(9)?,
    })
}

/// The attached file recorded from column `first` on (name, size,
/// SHA-256), if the hash is there.
fn attachment_of(row: &Row, first: usize) -> DbResult<Option<Attachment>> {
    let Some(sha256) = row.get::<Option<String>>(first + 2)? else {
        return Ok(None);
    };
    let size: Option<i64> = row.get(first + 1)?;
    Ok(Some(Attachment {
        name: row.get::<Option<String>>(first)?.unwrap_or_default(),
        size: size
            .and_then(|size| u64::try_from(size).ok())
            .unwrap_or_default(),
        sha256,
    }))
}

fn requirement_from_row(row: &Row) -> DbResult<RequirementRecord> {
    Ok(RequirementRecord {
        id: row.get(0)?,
        status: word(row, 1, RequirementStatus::parse)?,
        date: row.get(2)?,
        reference: row.get(3)?,
        expires_on: row.get(4)?,
        version: row.get(5)?,
    })
}

fn hours_from_row(row: &Row) -> DbResult<HoursEntry> {
    Ok(HoursEntry {
        id: row.get(0)?,
        date: row.get(1)?,
        hours: row.get(2)?,
        category: row.get(3)?,
        activity: row.get(4)?,
        note: row.get(5)?,
        benefit: row.get(6)?,
        possible_duplicate_of: row.get(7)?,
        outcomes: Vec::new(),
        review: row
            .get::<Option<String>>(8)?
            .and_then(|state| HoursReview::parse(&state))
            .unwrap_or_default(),
        query_reason: row.get(9)?,
        version: row.get(10)?,
    })
}

fn checkin_from_row(row: &Row) -> DbResult<CheckinSummary> {
    let state: String = row.get(3)?;
    let completed: Option<Stamp> = row.get(6)?;
    let completed = completed
        .map(|at| {
            NaiveDate::parse_from_str(at.day(), "%Y-%m-%d")
                .map_err(|_| row.invalid(6, format!("`{}` is not a time", at.0)))
        })
        .transpose()?;
    Ok(CheckinSummary {
        id: row.get(0)?,
        date: row.get(1)?,
        assessor_id: row.get(2)?,
        sealed: state == "sealed",
        next_due: row.get(4)?,
        amends: row.get(5)?,
        completed,
        signed_by: Vec::new(),
    })
}
