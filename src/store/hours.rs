//! Hours entries: recording time (flagging a likely duplicate), deleting
//! an entry (a mark; the row stays) and an assessor's review of it, each
//! with its history rows.

use super::StoreError;
use super::change::Change;
use super::evidence::map_outcomes;
use super::history::{ChangeKind, RecordKey};
use crate::domain::{EnrolmentId, HoursReview, PersonId};
use chrono::NaiveDate;

/// Time to record; the caller has checked it against the programme's rules.
#[derive(Debug, Clone)]
pub struct NewHours<'a> {
    pub date: NaiveDate,
    pub hours: f64,
    pub category: &'a str,
    pub activity: Option<&'a str>,
    pub note: &'a str,
    pub benefit: Option<&'a str>,
    pub outcomes: &'a [String],
}

/// An hours entry as a review needs it.
#[derive(Debug, Clone)]
pub struct HoursUnderReview {
    pub enrolment: EnrolmentId,
    pub deleted: bool,
    pub category: String,
    pub review: HoursReview,
}

impl Change<'_> {
    /// Records hours; returns the new entry's id and, when an entry with the
    /// same date, hours and category already existed, that entry's id.
    pub fn add_hours(
        &self,
        enrolment: EnrolmentId,
        entry: &NewHours,
    ) -> Result<(i64, Option<i64>), StoreError> {
        self.run("recording hours", |c| {
            // Hours are `numeric` on PostgreSQL: bound and read as doubles.
            let duplicate: Option<i64> = c.query_row(
                "SELECT min(id) FROM hours_entry WHERE enrolment_id = ?1 AND date = ?2
                 AND hours = CAST(?3 AS double precision) AND category = ?4 AND deleted_at IS NULL",
                &[&enrolment, &entry.date, &entry.hours, &entry.category],
                |row| row.get(0),
            )?;
            let id = c.insert_returning_id(
                "INSERT INTO hours_entry (enrolment_id, date, hours, category, activity, note, benefit,
                                          possible_duplicate_of, created_by, created_at)
                 VALUES (?1, ?2, CAST(?3 AS double precision), ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                &[
                    &enrolment,
                    &entry.date,
                    &entry.hours,
                    &entry.category,
                    &entry.activity,
                    &entry.note,
                    &entry.benefit,
                    &duplicate,
                    &self.actor(),
                    self.stamp(),
                ],
            )?;
            map_outcomes(c, "hours_outcome", "hours_id", id, entry.outcomes)?;
            let fields = [
                ("enrolment_id", None, Some(enrolment.to_string())),
                ("date", None, Some(entry.date.to_string())),
                ("hours", None, Some(entry.hours.to_string())),
                ("category", None, Some(entry.category.to_string())),
                ("activity", None, entry.activity.map(str::to_string)),
                ("note", None, Some(entry.note.to_string())),
                ("benefit", None, entry.benefit.map(str::to_string)),
                ("outcomes", None, Some(entry.outcomes.join(","))),
            ];
            self.history(ChangeKind::Insert, &RecordKey::Hours(id), &fields)?;
            Ok((id, duplicate))
        })
    }

    /// Hours already recorded for an enrolment on one day.
    pub fn hours_on(&self, enrolment: EnrolmentId, date: NaiveDate) -> Result<f64, StoreError> {
        self.run("reading hours", |c| {
            c.query_row(
                "SELECT CAST(coalesce(sum(hours), 0) AS double precision) FROM hours_entry
                 WHERE enrolment_id = ?1 AND date = ?2 AND deleted_at IS NULL",
                &[&enrolment, &date],
                |row| row.get(0),
            )
        })
    }

    /// Hours already recorded for an enrolment on one day, leaving out
    /// entry `except`: what the day holds besides an entry being changed.
    pub fn hours_on_except(
        &self,
        enrolment: EnrolmentId,
        date: NaiveDate,
        except: i64,
    ) -> Result<f64, StoreError> {
        self.run("reading hours", |c| {
            c.query_row(
                "SELECT CAST(coalesce(sum(hours), 0) AS double precision) FROM hours_entry
                 WHERE enrolment_id = ?1 AND date = ?2 AND id <> ?3 AND deleted_at IS NULL",
                &[&enrolment, &date, &except],
                |row| row.get(0),
            )
        })
    }

    /// Changes an hours entry; history keeps every field's old value.
    pub fn update_hours(&self, id: i64, entry: &NewHours) -> Result<(), StoreError> {
        self.run("changing hours", |c| {
            let before: [Option<String>; 6] = c.query_row(
                "SELECT date, CAST(hours AS double precision), category, activity, note, benefit
                 FROM hours_entry WHERE id = ?1 AND deleted_at IS NULL",
                &[&id],
                |row| {
                    let date: NaiveDate = row.get(0)?;
                    let hours: f64 = row.get(1)?;
                    Ok([
                        Some(date.to_string()),
                        Some(hours.to_string()),
                        row.get(2)?,
                        row.get(3)?,
                        row.get(4)?,
                        row.get(5)?,
                    ])
                },
            )?;
            let old_outcomes: Vec<String> = c.query(
                "SELECT outcome_code FROM hours_outcome WHERE hours_id = ?1 ORDER BY outcome_code",
                &[&id],
                |row| row.get(0),
            )?;
            c.execute(
                "UPDATE hours_entry SET date = ?2, hours = CAST(?3 AS double precision), category = ?4,
                        activity = ?5, note = ?6, benefit = ?7 WHERE id = ?1",
                &[
                    &id,
                    &entry.date,
                    &entry.hours,
                    &entry.category,
                    &entry.activity,
                    &entry.note,
                    &entry.benefit,
                ],
            )?;
            c.execute("DELETE FROM hours_outcome WHERE hours_id = ?1", &[&id])?;
            map_outcomes(c, "hours_outcome", "hours_id", id, entry.outcomes)?;
            let mut sorted = entry.outcomes.to_vec();
            sorted.sort();
            let [date, hours, category, activity, note, benefit] = before;
            let fields = [
                ("date", date, Some(entry.date.to_string())),
                ("hours", hours, Some(entry.hours.to_string())),
                ("category", category, Some(entry.category.to_string())),
                ("activity", activity, entry.activity.map(str::to_string)),
                ("note", note, Some(entry.note.to_string())),
                ("benefit", benefit, entry.benefit.map(str::to_string)),
                ("outcomes", Some(old_outcomes.join(",")), Some(sorted.join(","))),
            ];
            self.history(ChangeKind::Update, &RecordKey::Hours(id), &fields)
        })
    }

    /// Takes back an assessor's acceptance of a changed entry: it is
    /// unreviewed again, and history says what it was.
    pub fn lapse_hours_review(&self, id: i64, was: HoursReview) -> Result<(), StoreError> {
        self.run("changing hours", |c| {
            c.execute("DELETE FROM hours_review WHERE hours_id = ?1", &[&id])?;
            let fields = [(
                "review",
                Some(was.as_str().to_string()),
                Some(HoursReview::Unreviewed.as_str().to_string()),
            )];
            self.history(ChangeKind::Update, &RecordKey::Hours(id), &fields)
        })
    }

    /// The enrolment an hours entry belongs to, and whether it is deleted.
    pub fn hours_owner(&self, id: i64) -> Result<Option<(EnrolmentId, bool)>, StoreError> {
        self.run("reading hours", |c| {
            c.query_opt(
                "SELECT enrolment_id, deleted_at IS NOT NULL FROM hours_entry WHERE id = ?1",
                &[&id],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
        })
    }

    /// An entry's enrolment, category and review, deleted or not.
    pub fn hours_under_review(&self, id: i64) -> Result<Option<HoursUnderReview>, StoreError> {
        self.run("reading hours", |c| {
            c.query_opt(
                "SELECT h.enrolment_id, h.deleted_at IS NOT NULL, h.category, r.state
                 FROM hours_entry h LEFT JOIN hours_review r ON r.hours_id = h.id WHERE h.id = ?1",
                &[&id],
                |row| {
                    let state: Option<String> = row.get(3)?;
                    Ok(HoursUnderReview {
                        enrolment: row.get(0)?,
                        deleted: row.get(1)?,
                        category: row.get(2)?,
                        review: state
                            .and_then(|s| HoursReview::parse(&s))
                            .unwrap_or_default(),
                    })
                },
            )
        })
    }

    /// Marks an hours entry deleted; the row and its history stay.
    pub fn delete_hours(&self, id: i64) -> Result<(), StoreError> {
        self.run("deleting hours", |c| {
            let hours: f64 = c.query_row(
                "SELECT CAST(hours AS double precision) FROM hours_entry
                 WHERE id = ?1 AND deleted_at IS NULL",
                &[&id],
                |row| row.get(0),
            )?;
            c.execute(
                "UPDATE hours_entry SET deleted_at = ?2 WHERE id = ?1",
                &[&id, self.stamp()],
            )?;
            let fields = [
                ("hours", Some(hours.to_string()), None),
                ("deleted_at", None, Some(self.at().to_string())),
            ];
            self.history(ChangeKind::Delete, &RecordKey::Hours(id), &fields)
        })
    }

    /// Records `reviewer`'s review of an hours entry: accepted, or queried
    /// with `reason`; the step before and after goes into history.
    pub fn review_hours(
        &self,
        id: i64,
        review: HoursReview,
        reason: Option<&str>,
        reviewer: PersonId,
    ) -> Result<(), StoreError> {
        self.run("reviewing hours", |c| {
            let before: Option<(String, Option<String>)> = c.query_opt(
                "SELECT state, reason FROM hours_review WHERE hours_id = ?1",
                &[&id],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )?;
            c.execute(
                "INSERT INTO hours_review (hours_id, state, reason, reviewed_by, reviewed_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (hours_id) DO UPDATE SET
                   state = excluded.state, reason = excluded.reason,
                   reviewed_by = excluded.reviewed_by, reviewed_at = excluded.reviewed_at",
                &[&id, &review.as_str(), &reason, &reviewer, self.stamp()],
            )?;
            let (state_before, reason_before) = before.unzip();
            let state_before =
                state_before.unwrap_or_else(|| HoursReview::Unreviewed.as_str().into());
            let fields = [
                (
                    "review",
                    Some(state_before),
                    Some(review.as_str().to_string()),
                ),
                (
                    "query_reason",
                    reason_before.flatten(),
                    reason.map(str::to_string),
                ),
            ];
            self.history(ChangeKind::Update, &RecordKey::Hours(id), &fields)
        })
    }
}
