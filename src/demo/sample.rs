//! A realistic small caseload, dated relative to "today" so it stays true
//! whatever day it is loaded: one assessor, four PCSO apprentices at months
//! 1, 5, 9 and 12, and one Advanced Practitioner. Their standings spread as
//! a real caseload's do: Amy on track (green), Ben behind with maths to
//! pass (amber), Chloe further behind with her review overdue (red), and
//! Dan at gateway, his last review awaiting his employer's signature.

use crate::domain::{
    ActionReview, AgreedAction, CheckinContent, CheckinJudgement, CheckinSection, EnglishMaths,
    EnglishMathsDecision, EnrolmentId, EvidenceKind, HoursReview, Judgement, OutcomeStatus,
    PersonId, RequirementStatus, Role, Signing, TrainingPlan, UnitRecord, programme_time,
};
use crate::framework::{Framework, Party};
use crate::store::{Change, NewApprentice, NewEvidence, NewHours, RequirementUpdate, StoreError};
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// Portfolio entries a PCSO apprentice collects, with the outcomes each shows.
const PCSO_EVIDENCE: [(&str, EvidenceKind, &[&str]); 12] = [
    (
        "Ward panel meeting: agreeing neighbourhood priorities",
        EvidenceKind::WorkProduct,
        &["LO1", "K2"],
    ),
    (
        "Observed patrol: dealing with anti-social behaviour at the precinct",
        EvidenceKind::Observation,
        &["LO2", "LO7", "K5"],
    ),
    (
        "Reflective account: supporting a repeat victim of burglary",
        EvidenceKind::ReflectiveAccount,
        &["LO3", "LO8"],
    ),
    (
        "Intelligence report on suspected drug dealing",
        EvidenceKind::WorkProduct,
        &["LO4"],
    ),
    (
        "Problem-solving plan for a cycle theft hotspot",
        EvidenceKind::WorkProduct,
        &["LO5", "K4"],
    ),
    (
        "Joint visit with the housing association to a vulnerable tenant",
        EvidenceKind::WitnessTestimony,
        &["LO6", "LO3"],
    ),
    (
        "Traffic management at a road closure after a collision",
        EvidenceKind::Observation,
        &["LO7", "K6"],
    ),
    (
        "Follow-up call to a witness after a street robbery",
        EvidenceKind::ReflectiveAccount,
        &["LO8", "LO2"],
    ),
    (
        "Discussion with the sergeant on the Code of Ethics",
        EvidenceKind::ProfessionalDiscussion,
        &["K1"],
    ),
    (
        "Community newsletter article on doorstep scams",
        EvidenceKind::WorkProduct,
        &["K3", "LO2"],
    ),
    (
        "Fixed penalty notice issued for littering, with notes",
        EvidenceKind::WorkProduct,
        &["K6", "K5"],
    ),
    (
        "School safety talk delivered with the youth worker",
        EvidenceKind::WitnessTestimony,
        &["LO1", "LO6"],
    ),
];

/// The demo caseload's assessor.
pub(super) const ASSESSOR: &str = "Sam Patel";
/// The PCSO apprentices' line manager, who signs their reviews as employer.
const EMPLOYER: &str = "Grace Mensah";
/// The demo's end-point assessment organisation (a made-up name).
const EPA_ORGANISATION: &str = "Example Policing EPA Ltd";

const ENTRY_CHECKS: [&str; 5] = [
    "minimum-age",
    "fitness-test",
    "medical-check",
    "vetting",
    "recruitment",
];

/// Adds the sample caseload; `frameworks` are the PCSO standard and the
/// Advanced Practitioner pathway.
pub fn fill(
    change: &Change,
    pcso: &Framework,
    advanced: &Framework,
    today: NaiveDate,
) -> Result<Vec<String>, StoreError> {
    let assessor = change.add_assessor(ASSESSOR)?;
    // The apprentices' line manager: no PIN, so anyone may try signing as her.
    let employer = change.add_person(EMPLOYER, Role::Employer)?;
    let mut sample = Sample {
        change,
        pcso,
        today,
        assessor,
        employer,
    };
    let mut added = vec![format!(
        "employer {EMPLOYER} (no PIN), managing the PCSO apprentices"
    )];
    for apprentice in APPRENTICES {
        sample.apprentice(&apprentice)?;
        let start = apprentice.start(today);
        let end = crate::domain::add_months(start, pcso.programme.duration_months);
        let time = programme_time(start, end, &[], today);
        let where_they_are = if apprentice.gateway_ready {
            format!(
                "{} months completed, ready for gateway",
                time.months_completed
            )
        } else {
            format!("month {}", time.month_of_programme)
        };
        added.push(format!("{} ({where_they_are})", apprentice.name));
    }
    super::advanced::fill(sample.change, advanced, today, assessor)?;
    added.push("Erin Walsh (advanced practitioner)".to_string());
    Ok(added)
}

/// One demo apprentice: how far in, and what makes their story.
struct DemoApprentice {
    name: &'static str,
    /// Whole months since the start (0 is the first month).
    months_in: u32,
    /// Extra days on top of `months_in`.
    days_in: u64,
    age_at_start: u32,
    /// Sealed check-ins so far (every 12 weeks).
    checkins: u32,
    maths_pending: bool,
    gateway_ready: bool,
    /// From this review on, the outcomes discussed were judged not yet
    /// competent: an apprentice falling behind.
    stalled_from: Option<u32>,
}

const APPRENTICES: [DemoApprentice; 4] = [
    DemoApprentice {
        name: "Amy Clark",
        months_in: 0,
        days_in: 12,
        age_at_start: 24,
        checkins: 0,
        maths_pending: false,
        gateway_ready: false,
        stalled_from: None,
    },
    DemoApprentice {
        name: "Ben Okafor",
        months_in: 4,
        days_in: 15,
        age_at_start: 18,
        checkins: 1,
        maths_pending: true,
        gateway_ready: false,
        stalled_from: None,
    },
    // Due a third check-in at week 36: overdue, as only two are recorded;
    // her second review found the outcomes discussed not yet competent, so
    // she is further behind than one review interval (red).
    DemoApprentice {
        name: "Chloe Evans",
        months_in: 8,
        days_in: 20,
        age_at_start: 31,
        checkins: 2,
        maths_pending: false,
        gateway_ready: false,
        stalled_from: Some(2),
    },
    DemoApprentice {
        name: "Dan Hughes",
        months_in: 12,
        days_in: 0,
        age_at_start: 27,
        checkins: 4,
        maths_pending: false,
        gateway_ready: true,
        stalled_from: None,
    },
];

impl DemoApprentice {
    fn start(&self, today: NaiveDate) -> NaiveDate {
        months_before(today, self.months_in) - Days::new(self.days_in)
    }
}

struct Sample<'a> {
    change: &'a Change<'a>,
    pcso: &'a Framework,
    today: NaiveDate,
    assessor: PersonId,
    employer: PersonId,
}

impl Sample<'_> {
    fn apprentice(&mut self, who: &DemoApprentice) -> Result<(), StoreError> {
        let start = who.start(self.today);
        let dob = months_before(start, who.age_at_start * 12) - Days::new(40);
        let enrolment = enrol(
            self.change,
            self.pcso,
            who.name,
            dob,
            start,
            self.assessor,
            None,
        )?;
        let person = self.change.enrolment(enrolment)?.map(|e| e.person_id);
        if let Some(person) = person {
            self.change.set_employer(person, Some(self.employer))?;
            let uln = sample_uln(person.0);
            self.change
                .set_learner_record(person, uln.as_deref(), None)?;
        }
        self.entry_requirements(enrolment, start, who)?;
        self.plan(enrolment, start, dob)?;
        let share = elapsed_share(start, self.today, self.pcso.programme.duration_months);
        self.diploma_units(
            enrolment,
            start,
            if who.gateway_ready { 1.0 } else { share },
        )?;
        self.evidence(enrolment, start, share)?;
        self.weekly_hours(enrolment, start)?;
        self.checkins(enrolment, start, who)?;
        let last_review = start
            + Days::new(
                u64::from(self.pcso.programme.checkin_interval_weeks) * 7 * u64::from(who.checkins),
            );
        self.own_statuses(enrolment, share, last_review.min(self.today))?;
        if who.gateway_ready {
            for id in ["diploma", "assignment-topic", "employer-readiness"] {
                self.requirement(
                    enrolment,
                    id,
                    RequirementStatus::Met,
                    Some(self.today - Days::new(7)),
                    None,
                )?;
            }
            super::gateway::employer_confirms_if_ready(
                self.change,
                self.pcso,
                enrolment,
                self.employer,
                self.today,
            )?;
        } else if share > 0.3 {
            let agreed = months_after(start, 3);
            self.requirement(
                enrolment,
                "assignment-topic",
                RequirementStatus::Met,
                Some(agreed),
                None,
            )?;
        }
        Ok(())
    }

    /// The plan agreed at the start: the assessment organisation chosen in
    /// the first month (once it has passed), and, for an apprentice 19 or
    /// over, English and maths decided as not required (both are held).
    fn plan(
        &mut self,
        enrolment: EnrolmentId,
        start: NaiveDate,
        dob: NaiveDate,
    ) -> Result<(), StoreError> {
        let rules = self.pcso.rules_for(start);
        let chosen = months_after(start, 1);
        let adult = crate::domain::standing::age_on(dob, start) >= 19;
        let plan = TrainingPlan {
            planned_end: months_after(start, self.pcso.programme.duration_months),
            prior_learning_hours: 0.0,
            prior_learning_reason: None,
            planned_off_the_job_hours: rules.minimum_off_the_job_hours,
            assessment_organisation: (chosen <= self.today).then(|| EPA_ORGANISATION.to_string()),
            organisation_chosen_on: (chosen <= self.today).then_some(chosen),
            english_maths: adult.then(|| EnglishMathsDecision {
                decision: EnglishMaths::NotRequired,
                decided_by: format!("{EMPLOYER} (employer) and the apprentice"),
                reason: "Level 2 English and maths already held".to_string(),
            }),
            changed_on: start,
            changed_by: None,
            version: Default::default(),
        };
        self.change.record_plan_on(enrolment, &plan, start)
    }

    fn entry_requirements(
        &mut self,
        enrolment: EnrolmentId,
        start: NaiveDate,
        who: &DemoApprentice,
    ) -> Result<(), StoreError> {
        let checked = start - Days::new(45);
        for id in ENTRY_CHECKS {
            // Chloe's medical runs out soon after this day: a warning to act on.
            let expires = match id {
                "vetting" => Some(months_after(checked, 60)),
                "medical-check" if who.name == "Chloe Evans" => Some(self.today + Days::new(20)),
                "medical-check" => Some(months_after(checked, 36)),
                _ => None,
            };
            self.requirement(
                enrolment,
                id,
                RequirementStatus::Met,
                Some(checked),
                expires,
            )?;
        }
        self.requirement(
            enrolment,
            "english-l2",
            RequirementStatus::Met,
            Some(checked),
            None,
        )?;
        let maths = if who.maths_pending {
            RequirementStatus::Pending
        } else {
            RequirementStatus::Met
        };
        self.requirement(
            enrolment,
            "maths-l2",
            maths,
            (!who.maths_pending).then_some(checked),
            None,
        )
    }

    /// The diploma's units achieved in order, as many as the share of the
    /// programme done, a month apart from the third month.
    fn diploma_units(
        &mut self,
        enrolment: EnrolmentId,
        start: NaiveDate,
        share: f64,
    ) -> Result<(), StoreError> {
        let Some(diploma) = self.pcso.requirement("diploma") else {
            return Ok(());
        };
        let done = (share * diploma.units.len() as f64).floor() as usize;
        for (month, unit) in (3..).zip(diploma.units.iter().take(done)) {
            let date = months_after(start, month).min(self.today - Days::new(14));
            let record = UnitRecord {
                requirement: diploma.id.clone(),
                unit: unit.id.clone(),
                status: RequirementStatus::Met,
                date: Some(date),
            };
            self.change.set_unit(enrolment, &record)?;
        }
        Ok(())
    }

    fn requirement(
        &mut self,
        enrolment: EnrolmentId,
        id: &str,
        status: RequirementStatus,
        date: Option<NaiveDate>,
        expires_on: Option<NaiveDate>,
    ) -> Result<(), StoreError> {
        let update = RequirementUpdate {
            status,
            date,
            reference: None,
            expires_on,
        };
        self.change.set_requirement(enrolment, id, &update)
    }

    /// Evidence spread evenly from the start to today, more the further in.
    fn evidence(
        &mut self,
        enrolment: EnrolmentId,
        start: NaiveDate,
        share: f64,
    ) -> Result<(), StoreError> {
        let count =
            ((PCSO_EVIDENCE.len() as f64 * share).ceil() as usize).clamp(1, PCSO_EVIDENCE.len());
        let span = (self.today - start).num_days().max(1) as u64;
        for (index, (title, kind, outcomes)) in PCSO_EVIDENCE.iter().take(count).enumerate() {
            let date = start + Days::new(span * (index as u64 + 1) / (count as u64 + 1));
            let outcomes: Vec<String> = outcomes.iter().map(|code| code.to_string()).collect();
            let evidence = NewEvidence {
                date,
                title,
                kind: *kind,
                description: "",
                file_ref: None,
                outcomes: &outcomes,
            };
            self.change.add_evidence(enrolment, &evidence)?;
        }
        Ok(())
    }

    /// Six hours of off-the-job training every Wednesday since the start;
    /// the assessor has accepted those more than four weeks old.
    fn weekly_hours(&mut self, enrolment: EnrolmentId, start: NaiveDate) -> Result<(), StoreError> {
        let mut day = start;
        while day.weekday() != Weekday::Wed {
            day = day + Days::new(1);
        }
        // Each training day served one of the outcomes, in turn.
        let served = ["K1", "K2", "K3", "K4", "K5", "K6"].map(|code| [code.to_string()]);
        let mut week = 0;
        while day <= self.today {
            let entry = NewHours {
                date: day,
                hours: 6.0,
                category: "off-the-job",
                activity: None,
                note: "Training day with the learning provider",
                benefit: None,
                outcomes: &served[week % served.len()],
            };
            week += 1;
            let (id, _) = self.change.add_hours(enrolment, &entry)?;
            if day + Days::new(28) < self.today {
                self.change
                    .review_hours(id, HoursReview::Accepted, None, self.assessor)?;
            }
            day = day + Days::new(7);
        }
        Ok(())
    }

    /// Sealed check-ins every 12 weeks; each judges a further share of the
    /// outcomes competent, until all are at the last.
    fn checkins(
        &mut self,
        enrolment: EnrolmentId,
        start: NaiveDate,
        who: &DemoApprentice,
    ) -> Result<(), StoreError> {
        let codes = self.pcso.outcome_codes();
        let interval = u64::from(self.pcso.programme.checkin_interval_weeks) * 7;
        let mut previous_action: Option<i64> = None;
        let mut last_sealed: Option<(i64, NaiveDate)> = None;
        for number in 1..=who.checkins {
            let date = start + Days::new(interval * u64::from(number));
            let judged = (codes.len() * number as usize / 4).min(codes.len());
            let previously = codes.len() * (number as usize - 1) / 4;
            let stalled = who.stalled_from.is_some_and(|from| number >= from);
            let (judgement, note) = if stalled {
                (
                    Judgement::NotYetCompetent,
                    "Evidence too thin to show the outcome; more observed practice needed.",
                )
            } else {
                (
                    Judgement::Competent,
                    "Evidence seen and discussed; meets the standard.",
                )
            };
            let due = date + Days::new(interval);
            let content = CheckinContent {
                sections: vec![
                    (
                        CheckinSection::SinceLast,
                        "Actions from last time done; new evidence reviewed.".into(),
                    ),
                    (CheckinSection::Hours, "Off-the-job hours on track.".into()),
                    (CheckinSection::Concerns, "None raised.".into()),
                ],
                judgements: codes[previously..judged]
                    .iter()
                    .map(|c| CheckinJudgement {
                        code: c.to_string(),
                        judgement,
                        note: note.to_string(),
                    })
                    .collect(),
                actions: vec![AgreedAction {
                    text: "Add evidence for the next outcomes".into(),
                    owner: "apprentice".into(),
                    due: Some(due),
                }],
                action_reviews: previous_action
                    .map(|action_id| ActionReview {
                        action_id,
                        done: true,
                        note: String::new(),
                    })
                    .into_iter()
                    .collect(),
                next_due: Some(due),
            };
            let signing = Signing {
                at: format!("{date}T15:30:00Z"),
                apprentice: who.name.into(),
                assessor: ASSESSOR.into(),
            };
            let id = self.change.record_checkin(
                enrolment,
                self.assessor,
                date,
                &content,
                Some(&signing),
            )?;
            previous_action = self.change.checkin(id)?.action_ids.first().copied();
            last_sealed = Some((id, date));
        }
        // Chloe's second review wrongly said her hours were on track: amended.
        if who.name == "Chloe Evans" {
            if let Some((last_id, last_date)) = last_sealed {
                let reason = "Hours were behind at the time; the record said otherwise.";
                let amendment = self.change.start_draft(
                    enrolment,
                    self.assessor,
                    last_date,
                    Some((last_id, reason)),
                )?;
                let mut content = self.change.checkin(amendment)?.content;
                content
                    .sections
                    .retain(|(section, _)| *section != CheckinSection::Hours);
                content.sections.push((
                    CheckinSection::Hours,
                    "Off-the-job hours 12 behind; catch-up agreed.".into(),
                ));
                self.change.save_draft(amendment, &content)?;
                let signing = Signing {
                    at: format!("{last_date}T16:00:00Z"),
                    apprentice: who.name.into(),
                    assessor: ASSESSOR.into(),
                };
                self.change.seal_draft(amendment, &signing)?;
            }
        }
        // Dan's gateway review is held today, signed by Dan and his
        // assessor, and awaits his employer's signature.
        if who.name == "Dan Hughes" {
            self.awaiting_employer(enrolment)?;
        }
        // Ben's next review has begun and is not yet signed.
        if who.name == "Ben Okafor" {
            let draft = self
                .change
                .start_draft(enrolment, self.assessor, self.today, None)?;
            let content = CheckinContent {
                sections: vec![(
                    CheckinSection::SinceLast,
                    "Started; maths resit booked for next month.".into(),
                )],
                ..CheckinContent::default()
            };
            self.change.save_draft(draft, &content)?;
        }
        Ok(())
    }

    /// A review completed today, signed by all but the employer.
    fn awaiting_employer(&mut self, enrolment: EnrolmentId) -> Result<(), StoreError> {
        let Some(person) = self.change.enrolment(enrolment)?.map(|e| e.person_id) else {
            return Ok(());
        };
        let interval = u64::from(self.pcso.programme.checkin_interval_weeks) * 7;
        let review = self
            .change
            .start_draft(enrolment, self.assessor, self.today, None)?;
        let content = CheckinContent {
            sections: vec![(
                CheckinSection::SinceLast,
                "Every outcome met; gateway evidence gathered.".into(),
            )],
            next_due: Some(self.today + Days::new(interval)),
            ..CheckinContent::default()
        };
        self.change.save_draft(review, &content)?;
        self.change.complete_draft(review)?;
        self.change
            .add_review_signature(review, Party::Apprentice, person)?;
        self.change
            .add_review_signature(review, Party::Assessor, self.assessor)
    }

    /// The apprentice's own view: done for the earliest outcomes, in progress
    /// or ready for review for the next ones. Each was last set on a day
    /// between the last review (`since`) and today, the earliest outcomes
    /// first, so the judgement queue shows outcomes waiting days and weeks.
    fn own_statuses(
        &mut self,
        enrolment: EnrolmentId,
        share: f64,
        since: NaiveDate,
    ) -> Result<(), StoreError> {
        let codes: Vec<String> = self.pcso.outcomes.iter().map(|o| o.code.clone()).collect();
        let done = (codes.len() as f64 * share).round() as usize;
        let set: Vec<(&String, OutcomeStatus)> = codes
            .iter()
            .enumerate()
            .filter_map(|(index, code)| {
                let status = match index {
                    i if i < done => OutcomeStatus::Completed,
                    i if i < done + 2 && done > 0 => OutcomeStatus::ReadyForReview,
                    i if i < done + 3 => OutcomeStatus::InProgress,
                    _ => return None,
                };
                Some((code, status))
            })
            .collect();
        let days = (self.today - since).num_days().max(0);
        for (at, (code, status)) in set.iter().enumerate() {
            let step = days * (at as i64 + 1) / (set.len() as i64 + 1);
            let day = since + chrono::Duration::days(step);
            let moment = day.and_hms_opt(9, 0, 0).unwrap_or_default().and_utc();
            self.change
                .set_outcome_status_at(enrolment, code, *status, moment)?;
        }
        Ok(())
    }
}

pub(super) fn enrol(
    change: &Change,
    framework: &Framework,
    name: &str,
    dob: NaiveDate,
    start: NaiveDate,
    assessor: PersonId,
    area: Option<&str>,
) -> Result<EnrolmentId, StoreError> {
    let Some(enrolled) = NewApprentice::enrolled_on(name, framework, start) else {
        return Err(StoreError::Refused {
            field: "start",
            message: format!("{start} is out of range"),
        });
    };
    let new = NewApprentice {
        date_of_birth: Some(dob),
        employer: Some("Kent Police"),
        assessor: Some(assessor),
        area_of_practice: area,
        ..enrolled
    };
    Ok(change.add_apprentice(&new)?.1)
}

/// A made-up learner number that passes the ULN check: nine digits from
/// the person's id, then the check digit (none when no digit fits).
fn sample_uln(person: i64) -> Option<String> {
    let stem = format!("{:09}", 100_000_000 + person % 100_000_000);
    let weighted: u32 = stem
        .bytes()
        .zip((2..=10).rev())
        .map(|(digit, weight)| u32::from(digit - b'0') * weight)
        .sum();
    // The digits weighted 10 down to 1 must leave 10 when divided by 11.
    let check = (10 + 11 - weighted % 11) % 11;
    (check < 10).then(|| format!("{stem}{check}"))
}

pub(super) fn months_before(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_sub_months(Months::new(months)).unwrap_or(date)
}

fn months_after(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months)).unwrap_or(date)
}

/// How far through the programme `today` is, from 0 to 1.
fn elapsed_share(start: NaiveDate, today: NaiveDate, duration_months: u32) -> f64 {
    let end = months_after(start, duration_months);
    let total = (end - start).num_days().max(1) as f64;
    ((today - start).num_days() as f64 / total).clamp(0.0, 1.0)
}

#[cfg(test)]
mod uln_tests {
    use super::sample_uln;
    use crate::domain::check_uln;

    #[test]
    fn sample_learner_numbers_pass_the_check() {
        let made: Vec<String> = (1..40).filter_map(sample_uln).collect();
        assert!(made.len() > 30, "most ids get a number: {made:?}");
        for uln in made {
            assert_eq!(check_uln(&uln), Ok(uln.clone()));
        }
    }
}
