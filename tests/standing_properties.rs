//! Properties of the progress and readiness rules, over generated records:
//! readiness is a percentage, "ready" means no blockers, a new competent
//! judgement never lowers readiness, more hours never raise slippage, and
//! the month arithmetic agrees with the calendar.

use chrono::{Days, NaiveDate};
use pcso_tracker::domain::standing::{Standing, Subject, assess};
use pcso_tracker::domain::{
    Enrolment, EnrolmentId, EnrolmentStatus, EvidenceItem, EvidenceKind, GatewaySignoff,
    HoursEntry, HoursReview, Judgement, OutcomeRecord, OutcomeStatus, Person, PersonId, Progress,
    Role, Version, add_months, whole_months_between,
};
use pcso_tracker::framework::{BUNDLED, Framework};
use proptest::prelude::*;

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

fn pcso() -> Framework {
    BUNDLED[0].load().expect("bundled framework")
}

/// Generated records: a judgement per outcome, evidence for some, and hours.
#[derive(Debug, Clone)]
struct Records {
    judgements: Vec<u8>,
    evidence: Vec<bool>,
    hours: Vec<(u16, u8)>,
    days_in: u16,
}

fn records() -> impl Strategy<Value = Records> {
    (
        prop::collection::vec(0u8..4, 14),
        prop::collection::vec(any::<bool>(), 14),
        prop::collection::vec((0u16..400, 1u8..12), 0..60),
        0u16..500,
    )
        .prop_map(|(judgements, evidence, hours, days_in)| Records {
            judgements,
            evidence,
            hours,
            days_in,
        })
}

fn progress(framework: &Framework, records: &Records) -> Progress {
    let start = date("2026-01-05");
    let outcomes = framework
        .outcomes
        .iter()
        .zip(&records.judgements)
        .map(|(outcome, &judgement)| OutcomeRecord {
            code: outcome.code.clone(),
            status: OutcomeStatus::InProgress,
            judgement: Judgement::ALL[judgement as usize],
            judgement_note: None,
            judged_by: None,
            judged_at: None,
            judged_in_checkin: None,
            version: Version::default(),
        })
        .collect();
    let evidence = framework
        .outcomes
        .iter()
        .zip(&records.evidence)
        .enumerate()
        .filter(|(_, (_, has))| **has)
        .map(|(index, (outcome, _))| EvidenceItem {
            id: index as i64,
            date: start,
            title: "Evidence".into(),
            kind: EvidenceKind::Other,
            description: String::new(),
            file_ref: None,
            outcomes: vec![outcome.code.clone()],
            attachment: None,
            version: Version::default(),
        })
        .collect();
    let hours = records
        .hours
        .iter()
        .enumerate()
        .map(|(index, &(day, hours))| {
            hours_entry(
                index as i64,
                start + Days::new(u64::from(day)),
                f64::from(hours),
            )
        })
        .collect();
    Progress {
        enrolment: Enrolment {
            id: EnrolmentId(1),
            person_id: PersonId(1),
            framework_id: framework.framework.id.clone(),
            framework_version: framework.framework.version.clone(),
            framework_hash: framework.content_hash.clone(),
            start_date: start,
            planned_end: date("2027-01-05"),
            status: EnrolmentStatus::Active,
            area_of_practice: None,
            employer_opt_in: false,
            status_reason: None,
        },
        outcomes,
        evidence,
        requirements: Vec::new(),
        hours,
        checkins: Vec::new(),
        gateway_signoff: GatewaySignoff::default(),
        units: Vec::new(),
        epa_results: Vec::new(),
        plan: None,
        actions: Default::default(),
    }
}

fn hours_entry(id: i64, date: NaiveDate, hours: f64) -> HoursEntry {
    HoursEntry {
        id,
        date,
        hours,
        category: "off-the-job".into(),
        activity: None,
        note: String::new(),
        benefit: None,
        possible_duplicate_of: None,
        outcomes: Vec::new(),
        review: HoursReview::Unreviewed,
        query_reason: None,
        version: Default::default(),
    }
}

fn standing(framework: &Framework, progress: &Progress, today: NaiveDate) -> Standing {
    let person = Person {
        id: PersonId(1),
        name: "Test Person".into(),
        role: Role::Apprentice,
        date_of_birth: Some(date("1995-06-01")),
        employer: None,
        assessor_id: None,
        employer_id: None,
        uln: None,
        learning_support: None,
    };
    assess(&Subject {
        person: &person,
        framework,
        progress,
        breaks: &[],
        today,
    })
}

fn today(records: &Records) -> NaiveDate {
    date("2026-01-05") + Days::new(u64::from(records.days_in))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn readiness_is_a_percentage_and_ready_means_no_blockers(records in records()) {
        let framework = pcso();
        let standing = standing(&framework, &progress(&framework, &records), today(&records));
        for method in &standing.epa_methods {
            prop_assert!(method.readiness_percent <= 100);
            prop_assert_eq!(method.readiness_percent == 100, method.missing.is_empty());
        }
        let gateway = standing.gateway.expect("the PCSO file has a gateway");
        prop_assert_eq!(gateway.ready, gateway.blockers.is_empty());
        if gateway.ready {
            prop_assert!(gateway.rules.iter().all(|rule| rule.met));
        }
    }

    #[test]
    fn a_new_competent_judgement_never_lowers_readiness(records in records(), outcome in 0usize..14) {
        let framework = pcso();
        let day = today(&records);
        let before_progress = progress(&framework, &records);
        let mut after_progress = before_progress.clone();
        after_progress.outcomes[outcome].judgement = Judgement::Competent.max(after_progress.outcomes[outcome].judgement);
        let before = standing(&framework, &before_progress, day);
        let after = standing(&framework, &after_progress, day);
        for (old, new) in before.epa_methods.iter().zip(&after.epa_methods) {
            prop_assert!(new.readiness_percent >= old.readiness_percent);
        }
        let blockers = |s: &Standing| s.gateway.as_ref().map_or(0, |g| g.blockers.len());
        prop_assert!(blockers(&after) <= blockers(&before));
        prop_assert!(after.outcome_counts.judged_competent >= before.outcome_counts.judged_competent);
    }

    #[test]
    fn more_hours_never_raise_slippage(records in records(), extra in 1u8..12) {
        let framework = pcso();
        let day = today(&records);
        let before_progress = progress(&framework, &records);
        let mut after_progress = before_progress.clone();
        after_progress.hours.push(hours_entry(10_000, date("2026-01-05"), f64::from(extra)));
        let before = standing(&framework, &before_progress, day);
        let after = standing(&framework, &after_progress, day);
        prop_assert!(after.hours.slippage <= before.hours.slippage);
        prop_assert!(after.hours.logged >= before.hours.logged);
    }

    #[test]
    fn month_arithmetic_agrees_with_the_calendar(start_day in 0u32..90_000, later in 0u32..12_000) {
        let start = date("1950-01-01") + Days::new(u64::from(start_day));
        let day = start + Days::new(u64::from(later));
        let months = whole_months_between(start, day);
        prop_assert!(add_months(start, months) <= day);
        prop_assert!(add_months(start, months + 1) > day);
    }

    #[test]
    fn adding_whole_months_is_counted_exactly(start_day in 0u32..90_000, months in 0u32..400) {
        let start = date("1950-01-01") + Days::new(u64::from(start_day));
        prop_assert_eq!(whole_months_between(start, add_months(start, months)), months);
    }
}
