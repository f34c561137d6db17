//! An enrolment's training plan: one row, changed in place, each field's
//! earlier value kept in history.

use super::change::Change;
use super::convert::{Stamp, word};
use super::db::{Conn, DbResult, Row};
use super::history::{ChangeKind, FieldChange, RecordKey};
use super::{Store, StoreError};
use crate::domain::{EnglishMaths, EnglishMathsDecision, EnrolmentId, TrainingPlan};
use chrono::NaiveDate;

impl Change<'_> {
    /// The plan as it stands, read inside the change.
    pub fn plan(&self, enrolment: EnrolmentId) -> Result<Option<TrainingPlan>, StoreError> {
        self.run("reading the training plan", |c| plan_of(c, enrolment))
    }

    /// Writes `plan` over `before` (none: the first plan), with a history
    /// row for each field that moved. Who and when are the change's own.
    pub fn save_plan(
        &self,
        enrolment: EnrolmentId,
        before: Option<&TrainingPlan>,
        plan: &TrainingPlan,
    ) -> Result<(), StoreError> {
        self.write_plan(enrolment, before, plan, self.stamp())
    }

    /// A first plan as agreed on `day` (the demo's, made at each start).
    pub fn record_plan_on(
        &self,
        enrolment: EnrolmentId,
        plan: &TrainingPlan,
        day: NaiveDate,
    ) -> Result<(), StoreError> {
        let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
        self.write_plan(enrolment, None, plan, &Stamp::of(midnight))
    }

    fn write_plan(
        &self,
        enrolment: EnrolmentId,
        before: Option<&TrainingPlan>,
        plan: &TrainingPlan,
        changed_at: &Stamp,
    ) -> Result<(), StoreError> {
        self.run("saving the training plan", |c| {
            let decision = plan.english_maths.as_ref();
            let params: [&dyn super::db::Param; 12] = [
                &enrolment,
                &plan.planned_end,
                &plan.prior_learning_hours,
                &plan.prior_learning_reason,
                &plan.planned_off_the_job_hours,
                &plan.assessment_organisation,
                &plan.organisation_chosen_on,
                &decision.map(|d| d.decision.as_str()),
                &decision.map(|d| d.decided_by.as_str()),
                &decision.map(|d| d.reason.as_str()),
                changed_at,
                &self.actor(),
            ];
            let sql = if before.is_some() { UPDATE } else { INSERT };
            c.execute(sql, &params)?;
            let kind = if before.is_some() {
                ChangeKind::Update
            } else {
                ChangeKind::Insert
            };
            let fields = plan_fields(before, plan);
            self.history(kind, &RecordKey::TrainingPlan(enrolment), &fields)
        })
    }
}

impl Store {
    /// The enrolment's training plan, once one is recorded.
    pub fn plan(&self, enrolment: EnrolmentId) -> Result<Option<TrainingPlan>, StoreError> {
        self.read("reading the training plan", |c| plan_of(c, enrolment))
    }
}

const INSERT: &str = "INSERT INTO training_plan (enrolment_id, planned_end, prior_learning_hours,
        prior_learning_reason, planned_off_the_job_hours, assessment_organisation,
        organisation_chosen_on, english_maths, english_maths_decided_by, english_maths_reason,
        changed_at, changed_by)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";

const UPDATE: &str = "UPDATE training_plan SET planned_end = ?2, prior_learning_hours = ?3,
        prior_learning_reason = ?4, planned_off_the_job_hours = ?5, assessment_organisation = ?6,
        organisation_chosen_on = ?7, english_maths = ?8, english_maths_decided_by = ?9,
        english_maths_reason = ?10, changed_at = ?11, changed_by = ?12
    WHERE enrolment_id = ?1";

const SELECT: &str = "SELECT t.planned_end, t.prior_learning_hours, t.prior_learning_reason,
        t.planned_off_the_job_hours, t.assessment_organisation, t.organisation_chosen_on,
        t.english_maths, t.english_maths_decided_by, t.english_maths_reason, t.changed_at, p.name,
        (SELECT coalesce(max(h.id), 0) FROM history h
          WHERE h.record = 'training_plan' AND h.record_id = CAST(t.enrolment_id AS TEXT))
    FROM training_plan t LEFT JOIN person p ON p.id = t.changed_by
    WHERE t.enrolment_id = ?1";

pub(super) fn plan_of(c: Conn, enrolment: EnrolmentId) -> DbResult<Option<TrainingPlan>> {
    c.query_opt(SELECT, &[&enrolment], plan_from_row)
}

fn plan_from_row(row: &Row) -> DbResult<TrainingPlan> {
    let decision: Option<String> = row.get(6)?;
    let english_maths = match decision {
        Some(_) => Some(EnglishMathsDecision {
            decision: word(row, 6, EnglishMaths::parse)?,
            decided_by: row.get::<Option<String>>(7)?.unwrap_or_default(),
            reason: row.get::<Option<String>>(8)?.unwrap_or_default(),
        }),
        None => None,
    };
    let changed: Stamp = row.get(9)?;
    let changed_on = NaiveDate::parse_from_str(changed.day(), "%Y-%m-%d")
        .map_err(|_| row.invalid(9, format!("`{}` is not a time", changed.0)))?;
    Ok(TrainingPlan {
        planned_end: row.get(0)?,
        prior_learning_hours: row.get(1)?,
        prior_learning_reason: row.get(2)?,
        planned_off_the_job_hours: row.get(3)?,
        assessment_organisation: row.get(4)?,
        organisation_chosen_on: row.get(5)?,
        english_maths,
        changed_on,
        changed_by: row.get(10)?,
        version: row.get(11)?,
    })
}

/// Every field, before and after, as history records it.
fn plan_fields(before: Option<&TrainingPlan>, plan: &TrainingPlan) -> Vec<FieldChange<'static>> {
    let values = |plan: &TrainingPlan| -> [Option<String>; 9] {
        let decision = plan.english_maths.as_ref();
        [
            Some(plan.planned_end.to_string()),
            Some(plan.prior_learning_hours.to_string()),
            plan.prior_learning_reason.clone(),
            plan.planned_off_the_job_hours.map(|h| h.to_string()),
            plan.assessment_organisation.clone(),
            plan.organisation_chosen_on.map(|d| d.to_string()),
            decision.map(|d| d.decision.as_str().to_string()),
            decision.map(|d| d.decided_by.clone()),
            decision.map(|d| d.reason.clone()),
        ]
    };
    let names = [
        "planned_end",
        "prior_learning_hours",
        "prior_learning_reason",
        "planned_off_the_job_hours",
        "assessment_organisation",
        "organisation_chosen_on",
        "english_maths",
        "english_maths_decided_by",
        "english_maths_reason",
    ];
    let old = before.map(values).unwrap_or_default();
    names
        .into_iter()
        .zip(old)
        .zip(values(plan))
        .map(|((name, before), after)| (name, before, after))
        .collect()
}
