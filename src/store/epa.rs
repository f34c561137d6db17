//! End-point assessment results and qualification units: recording one,
//! with its history rows, and reading an enrolment's.

use super::StoreError;
use super::change::Change;
use super::convert::word;
use super::db::{Conn, DbResult, Row};
use super::history::{ChangeKind, RecordKey};
use crate::domain::{Attempt, EnrolmentId, EpaResult, RequirementStatus, UnitRecord};
use chrono::NaiveDate;

/// A result to record; checked by the domain's rules already.
#[derive(Debug, Clone)]
pub struct NewEpaResult<'a> {
    pub method: &'a str,
    pub attempt: Attempt,
    pub date: NaiveDate,
    pub grade: &'a str,
    pub note: &'a str,
}

impl Change<'_> {
    /// Adds a result; returns its id. Results are never changed.
    pub fn add_epa_result(
        &self,
        enrolment: EnrolmentId,
        result: &NewEpaResult,
    ) -> Result<i64, StoreError> {
        self.run("recording an assessment result", |c| {
            let id = c.insert_returning_id(
                "INSERT INTO epa_result (enrolment_id, method_id, attempt, date, grade, note,
                                         recorded_by, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                &[
                    &enrolment,
                    &result.method,
                    &result.attempt.as_str(),
                    &result.date,
                    &result.grade,
                    &result.note,
                    &self.actor(),
                    self.stamp(),
                ],
            )?;
            let fields = [
                ("method_id", None, Some(result.method.to_string())),
                ("attempt", None, Some(result.attempt.as_str().to_string())),
                ("date", None, Some(result.date.to_string())),
                ("grade", None, Some(result.grade.to_string())),
                ("note", None, Some(result.note.to_string())),
            ];
            self.history(ChangeKind::Insert, &RecordKey::EpaResult(id), &fields)?;
            Ok(id)
        })
    }

    /// Records one unit of a qualification.
    pub fn set_unit(&self, enrolment: EnrolmentId, unit: &UnitRecord) -> Result<(), StoreError> {
        self.run("recording a unit", |c| {
            let before: Option<(String, Option<NaiveDate>)> = c.query_opt(
                "SELECT status, date FROM unit_record
                 WHERE enrolment_id = ?1 AND requirement_id = ?2 AND unit_id = ?3",
                &[&enrolment, &unit.requirement, &unit.unit],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )?;
            c.execute(
                "INSERT INTO unit_record (enrolment_id, requirement_id, unit_id, status, date)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (enrolment_id, requirement_id, unit_id) DO UPDATE SET
                   status = excluded.status, date = excluded.date",
                &[
                    &enrolment,
                    &unit.requirement,
                    &unit.unit,
                    &unit.status.as_str(),
                    &unit.date,
                ],
            )?;
            let kind = if before.is_some() {
                ChangeKind::Update
            } else {
                ChangeKind::Insert
            };
            let (status, date) = before.map_or(
                (Some(RequirementStatus::Pending.as_str().to_string()), None),
                |(status, date)| (Some(status), date.map(|d| d.to_string())),
            );
            let fields = [
                ("status", status, Some(unit.status.as_str().to_string())),
                ("date", date, unit.date.map(|d| d.to_string())),
            ];
            let key = RecordKey::Unit(enrolment, unit.requirement.clone(), unit.unit.clone());
            self.history(kind, &key, &fields)
        })
    }
}

pub(super) fn epa_results_of(c: Conn, enrolment: EnrolmentId) -> DbResult<Vec<EpaResult>> {
    c.query(
        "SELECT id, method_id, attempt, date, grade, note FROM epa_result
         WHERE enrolment_id = ?1 ORDER BY date, id",
        &[&enrolment],
        epa_from_row,
    )
}

pub(super) fn units_of(c: Conn, enrolment: EnrolmentId) -> DbResult<Vec<UnitRecord>> {
    c.query(
        "SELECT requirement_id, unit_id, status, date FROM unit_record
         WHERE enrolment_id = ?1 ORDER BY requirement_id, unit_id",
        &[&enrolment],
        |row| {
            Ok(UnitRecord {
                requirement: row.get(0)?,
                unit: row.get(1)?,
                status: word(row, 2, RequirementStatus::parse)?,
                date: row.get(3)?,
            })
        },
    )
}

fn epa_from_row(row: &Row) -> DbResult<EpaResult> {
    Ok(EpaResult {
        id: row.get(0)?,
        method: row.get(1)?,
        attempt: word(row, 2, Attempt::parse)?,
        date: row.get(3)?,
        grade: row.get(4)?,
        note: row.get(5)?,
    })
}
