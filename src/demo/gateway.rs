//! The demo's gateway sign-off: an apprentice ready for gateway has her
//! employer's confirmation of readiness, and awaits her assessor's and her
//! own signatures.

use crate::domain::standing::{Subject, assess};
use crate::domain::{EnrolmentId, PersonId, rules_record};
use crate::framework::{Framework, Party};
use crate::store::{Change, StoreError};
use chrono::NaiveDate;

/// Signs `enrolment`'s gateway sign-off as its `employer`, if every gateway
/// rule is met on `today`; otherwise leaves it alone.
pub(super) fn employer_confirms_if_ready(
    change: &Change,
    framework: &Framework,
    enrolment: EnrolmentId,
    employer: PersonId,
    today: NaiveDate,
) -> Result<(), StoreError> {
    let Some(enrolled) = change.enrolment(enrolment)? else {
        return Ok(());
    };
    let person = change.person(enrolled.person_id)?;
    let progress = change.progress(&enrolled)?;
    let breaks = change.learning_breaks(enrolment)?;
    let standing = assess(&Subject {
        person: &person,
        framework,
        progress: &progress,
        breaks: &breaks,
        today,
    });
    match standing.gateway {
        Some(gateway) if gateway.ready => change.add_gateway_signature(
            enrolment,
            Party::Employer,
            employer,
            &rules_record(&gateway),
        ),
        _ => Ok(()),
    }
}
