//! The demo's advanced practitioner: a pathway without an end-point
//! assessment, time logged against the 70:20:10 model with its benefit, and
//! one review so far.

use super::sample::{ASSESSOR, enrol, months_before};
use crate::domain::{
    AgreedAction, CheckinContent, CheckinJudgement, CheckinSection, Judgement, OutcomeStatus,
    PersonId, RequirementStatus, Signing,
};
use crate::framework::Framework;
use crate::store::{Change, NewHours, RequirementUpdate, StoreError};
use chrono::{Days, NaiveDate};

pub fn fill(
    change: &Change,
    framework: &Framework,
    today: NaiveDate,
    assessor: PersonId,
) -> Result<(), StoreError> {
    let start = months_before(today, 4);
    let dob = NaiveDate::from_ymd_opt(1986, 5, 14).unwrap_or(start);
    let enrolment = enrol(
        change,
        framework,
        "Erin Walsh",
        dob,
        start,
        assessor,
        Some("vulnerability"),
    )?;
    let update = RequirementUpdate {
        status: RequirementStatus::Met,
        date: Some(start),
        reference: None,
        expires_on: None,
    };
    for id in ["constable", "force-selection"] {
        change.set_requirement(enrolment, id, &update)?;
    }
    // A first review at 12 weeks confirmed the area of expertise.
    let interval = u64::from(framework.programme.checkin_interval_weeks) * 7;
    let reviewed = start + Days::new(interval);
    if reviewed <= today {
        let due = reviewed + Days::new(interval);
        let content = CheckinContent {
            sections: vec![(
                CheckinSection::SinceLast,
                "Development plan agreed; time log started.".into(),
            )],
            judgements: vec![CheckinJudgement {
                code: "EC1".into(),
                judgement: Judgement::Competent,
                note: "Recognised lead on missing-person risk across the force.".into(),
            }],
            actions: vec![AgreedAction {
                text: "Run the peer coaching sessions".into(),
                owner: "practitioner".into(),
                due: Some(due),
            }],
            action_reviews: Vec::new(),
            next_due: Some(due),
        };
        let signing = Signing {
            at: format!("{reviewed}T11:00:00Z"),
            apprentice: "Erin Walsh".into(),
            assessor: ASSESSOR.into(),
        };
        change.record_checkin(enrolment, assessor, reviewed, &content, Some(&signing))?;
    }
    // Marked on days since the review, as she went.
    for (code, status, days_ago) in [
        ("EC2", OutcomeStatus::ReadyForReview, 9),
        ("EC3", OutcomeStatus::InProgress, 5),
        ("EC6", OutcomeStatus::InProgress, 2),
    ] {
        let day = (today - Days::new(days_ago)).max(reviewed.min(today));
        let moment = day.and_hms_opt(9, 0, 0).unwrap_or_default().and_utc();
        change.set_outcome_status_at(enrolment, code, status, moment)?;
    }
    // Roughly 70:20:10 over the weeks so far, each entry with its benefit.
    let pattern: [(&str, &str, f64, &str); 3] = [
        (
            "on-the-job",
            "practice-development",
            3.5,
            "Updated the force's missing-person risk guidance",
        ),
        (
            "peer-support",
            "coaching",
            1.0,
            "Coached two response officers on safeguarding referrals",
        ),
        (
            "courses",
            "cpd",
            0.5,
            "Read and summarised new national guidance",
        ),
    ];
    let mut day = start + Days::new(2);
    while day <= today {
        for (category, activity, hours, benefit) in pattern {
            let entry = NewHours {
                date: day,
                hours,
                category,
                activity: Some(activity),
                note: "",
                benefit: Some(benefit),
                outcomes: &[],
            };
            change.add_hours(enrolment, &entry)?;
        }
        day = day + Days::new(7);
    }
    Ok(())
}
