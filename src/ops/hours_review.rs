//! An assessor's review of off-the-job time: accept an entry, or query it
//! with a reason. A queried entry stops counting until it is accepted (or
//! deleted and recorded again, corrected, by the apprentice).

use super::{Field, OpError, Ops, enrolment_of, expect_version, framework_of, permitted_on};
use crate::domain::{HoursReview, Operation, Version, check_text, is_off_the_job};
use crate::store::RecordKey;

impl Ops<'_> {
    /// Accepts an off-the-job entry as counting; resolves a query.
    pub fn accept_hours(&mut self, id: i64, base: Option<Version>) -> Result<Version, OpError> {
        self.review_hours(id, HoursReview::Accepted, None, base)
    }

    /// Queries an off-the-job entry: it stops counting until resolved.
    pub fn query_hours(
        &mut self,
        id: i64,
        reason: &str,
        base: Option<Version>,
    ) -> Result<Version, OpError> {
        let reason = check_text(reason, 1_000).map_err(|m| OpError::invalid(Field::Reason, m))?;
        if reason.trim().is_empty() {
            return Err(OpError::invalid(
                Field::Reason,
                "say why the entry is queried, so it can be put right",
            ));
        }
        self.review_hours(id, HoursReview::Queried, Some(reason.trim()), base)
    }

    fn review_hours(
        &mut self,
        id: i64,
        review: HoursReview,
        reason: Option<&str>,
        base: Option<Version>,
    ) -> Result<Version, OpError> {
        let (registry, actor) = (self.registry, self.actor);
        let change = self.begin()?;
        let key = RecordKey::Hours(id);
        expect_version(&change, &key, base, || format!("hours entry {id}"))?;
        let Some(entry) = change.hours_under_review(id)? else {
            return Err(OpError::Gone(format!("no hours entry has the id {id}")));
        };
        if entry.deleted {
            return Err(OpError::Gone(format!("hours entry {id} has been deleted")));
        }
        let enrolment = enrolment_of(&change, entry.enrolment)?;
        let person = change.person(enrolment.person_id)?;
        let reviewer = permitted_on(&change, actor, Operation::ReviewHours, &person)?.id;
        let framework = framework_of(registry, &enrolment.framework_id)?;
        if !is_off_the_job(framework, &entry.category) {
            return Err(OpError::Refused(format!(
                "hours entry {id} is {} time, not off-the-job: only off-the-job time is accepted or queried",
                entry.category
            )));
        }
        if review == HoursReview::Accepted && entry.review == HoursReview::Accepted {
            return Err(OpError::Refused(format!(
                "hours entry {id} is already accepted"
            )));
        }
        change.review_hours(id, review, reason, reviewer)?;
        let version = change.version(&key)?;
        change.commit()?;
        Ok(version)
    }
}
