//! Where one person stands today, from the framework's rules alone: time on
//! the programme, outcomes against expectation, requirements, hours, the
//! gateway and each assessment method, check-ins, a RAG rating and warnings.
//! Pure: the records and the day are passed in.

mod actions;
mod checkins;
mod gateway;
mod hours;
mod milestones;
mod outcomes;
mod position;
mod practice;
mod rag;
mod requirements;
mod warnings;

pub use actions::{ActionState, OverdueAction, action_state, marked_done, overdue_actions};
pub use checkins::{CheckinStanding, checkin_standing};
pub use gateway::{GatewayStanding, MethodReadiness, RuleStanding};
pub use hours::{CategoryHours, HoursStanding};
pub use milestones::{MilestoneStanding, MilestoneState, milestone_standings};
pub use outcomes::{OutcomeCounts, OutcomeStanding, competent_over_time, expected_percent};
pub use position::position_text;
pub use practice::{
    ActivityHours, AreaOfPractice, BenefitEntry, CategoryTime, NO_ACTIVITY, PracticeStanding,
    practice_standing,
};
pub use rag::Rag;
pub use requirements::{RequirementStanding, RequirementState, UnitStanding, age_on};

use super::{
    EnrolmentStatus, LearningBreak, MethodResult, Orphan, Person, PlanStanding, ProgrammeTime,
    Progress, SignoffStanding, doubtful_entries, method_results, orphans, plan_standing,
    programme_time, signoff_standing, whole_months_between,
};
use crate::framework::Framework;
use chrono::NaiveDate;
use serde::Serialize;

/// Everything `assess` needs.
pub struct Subject<'a> {
    pub person: &'a Person,
    pub framework: &'a Framework,
    pub progress: &'a Progress,
    pub breaks: &'a [LearningBreak],
    pub today: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonRef {
    pub id: i64,
    pub name: String,
    /// The unique learner number.
    pub uln: Option<String>,
    /// The employer (organisation or force) as recorded at enrolment.
    pub employer: Option<String>,
    /// The Employer person who manages them, by name; filled in by the
    /// reader, which can look names up.
    pub line_manager: Option<String>,
    pub learning_support: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FrameworkRef {
    pub id: String,
    pub version: String,
    pub title: String,
    /// The file differs from the one the person was enrolled on.
    pub changed_since_enrolment: bool,
}

/// A person's standing on a day. Field order is the report's order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Standing {
    pub person: PersonRef,
    pub framework: FrameworkRef,
    pub as_of: NaiveDate,
    pub status: EnrolmentStatus,
    /// Why the status last changed.
    pub status_reason: Option<String>,
    pub start_date: NaiveDate,
    /// The planned end, moved back by any breaks in learning.
    pub planned_end: NaiveDate,
    /// The programme's planned length in whole months, from the plan.
    pub duration_months: u32,
    pub month_of_programme: u32,
    pub months_completed: u32,
    pub weeks_left: i64,
    pub share_elapsed: f64,
    pub outcomes: Vec<OutcomeStanding>,
    pub outcome_counts: OutcomeCounts,
    pub requirements: Vec<RequirementStanding>,
    pub hours: HoursStanding,
    /// Area of practice, time per activity and its benefit; only for
    /// frameworks that name areas or activities or ask for the benefit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub practice: Option<PracticeStanding>,
    pub gateway: Option<GatewayStanding>,
    /// Who has signed the gateway sign-off and who is awaited; none when
    /// the framework asks for no sign-off.
    pub gateway_signoff: Option<SignoffStanding>,
    pub epa_methods: Vec<MethodReadiness>,
    /// Each method's results once assessed: latest attempt, passed or not.
    pub epa_results: Vec<MethodResult>,
    /// The training plan, or the defaults of the rules until one is recorded.
    pub plan: PlanStanding,
    pub checkins: CheckinStanding,
    /// Actions agreed at the latest sealed review, not done, past due.
    pub overdue_actions: Vec<OverdueAction>,
    /// Each milestone reached, due, overdue, upcoming or passed.
    pub milestones: Vec<MilestoneStanding>,
    pub next_checkin_due: NaiveDate,
    pub rag: Rag,
    pub rag_reason: String,
    pub warnings: Vec<String>,
    pub orphans: Vec<Orphan>,
}

pub fn assess(subject: &Subject) -> Standing {
    let Subject {
        person,
        framework,
        progress,
        today,
        ..
    } = *subject;
    let enrolment = &progress.enrolment;
    let measured = measure(subject);
    let (rag, rag_reason) = rating(subject, &measured);
    let orphans = orphans(progress, framework);
    let warnings = attention(subject, &measured, &orphans);
    let time = measured.time;
    Standing {
        person: PersonRef {
            id: person.id.0,
            name: person.name.clone(),
            uln: person.uln.clone(),
            employer: person.employer.clone(),
            line_manager: None,
            learning_support: person.learning_support.clone(),
        },
        framework: framework_ref(framework, &enrolment.framework_hash),
        as_of: today,
        status: enrolment.status,
        status_reason: enrolment.status_reason.clone(),
        start_date: enrolment.start_date,
        planned_end: time.adjusted_end,
        duration_months: whole_months_between(enrolment.start_date, measured.plan.planned_end),
        month_of_programme: time.month_of_programme,
        months_completed: time.months_completed,
        weeks_left: time.weeks_left,
        share_elapsed: round(time.share_elapsed, 3),
        epa_methods: gateway::method_readiness(framework, &measured.outcomes),
        epa_results: method_results(framework, &progress.epa_results),
        outcomes: measured.outcomes,
        outcome_counts: measured.counts,
        requirements: measured.requirements,
        hours: rounded_hours(measured.hours),
        practice: practice_standing(framework, enrolment, &progress.hours).map(rounded_practice),
        gateway: measured.gateway,
        gateway_signoff: signoff_standing(framework, &progress.gateway_signoff),
        plan: measured.plan,
        next_checkin_due: measured.checkins.next_due,
        checkins: measured.checkins,
        overdue_actions: measured.overdue_actions,
        milestones: measured.milestones,
        rag,
        rag_reason,
        warnings,
        orphans,
    }
}

/// What the records and the day show, before any judgement of them.
struct Measured {
    time: ProgrammeTime,
    /// Months elapsed, fractional, breaks excluded.
    months_elapsed: f64,
    outcomes: Vec<OutcomeStanding>,
    counts: OutcomeCounts,
    requirements: Vec<RequirementStanding>,
    hours: HoursStanding,
    gateway: Option<GatewayStanding>,
    checkins: CheckinStanding,
    overdue_actions: Vec<OverdueAction>,
    milestones: Vec<MilestoneStanding>,
    plan: PlanStanding,
}

impl Measured {
    fn blockers(&self) -> &[String] {
        self.gateway
            .as_ref()
            .map_or(&[][..], |g| g.blockers.as_slice())
    }
}

/// Time, outcomes, requirements, hours, gateway and check-ins, each from
/// its own rules.
fn measure(subject: &Subject) -> Measured {
    let Subject {
        person,
        framework,
        progress,
        breaks,
        today,
    } = *subject;
    let enrolment = &progress.enrolment;
    let rules = framework.rules_for(enrolment.start_date);
    let plan = plan_standing(
        &rules,
        person,
        enrolment,
        progress.plan.as_ref(),
        &progress.checkins,
    );
    // Milestones are set in the framework's months: they stretch or shrink
    // with the planned length.
    let duration = framework.programme.duration_months;
    let time = programme_time(enrolment.start_date, plan.planned_end, breaks, today);
    let months_elapsed = time.share_elapsed * f64::from(duration);
    let (outcomes, counts) = outcomes_against_expectation(framework, progress, months_elapsed);
    let requirements = requirements::requirement_standings(
        framework,
        person,
        enrolment,
        (&progress.requirements, &progress.units),
        progress.plan.as_ref(),
        today,
    );
    let logged = hours::hours_by_category(&progress.hours);
    let gateway = gateway::gateway_standing(
        framework,
        &gateway::GatewayFacts {
            outcomes: &outcomes,
            requirements: &requirements,
            hours: &logged,
            months_completed: time.months_completed,
            rules: &rules,
            plan: &plan,
        },
    );
    let checkins = checkin_standing(
        &progress.checkins,
        enrolment.start_date,
        rules.review_interval,
        breaks,
        &framework.review.signed_by,
        today,
    );
    let milestones = milestone_standings(framework, &requirements, enrolment.start_date, today);
    Measured {
        time,
        months_elapsed,
        milestones,
        hours: hours::hours_standing(framework, &progress.hours, time.share_elapsed, &plan),
        outcomes,
        counts,
        requirements,
        gateway,
        overdue_actions: overdue_actions(&progress.checkins, &progress.actions, today),
        checkins,
        plan,
    }
}

/// Each outcome's standing, and how many are done against the share
/// expected by now.
fn outcomes_against_expectation(
    framework: &Framework,
    progress: &Progress,
    months_elapsed: f64,
) -> (Vec<OutcomeStanding>, OutcomeCounts) {
    let outcomes = outcomes::outcome_standings(framework, progress);
    let counts = outcomes::outcome_counts(
        &outcomes,
        round(expected_percent(framework, months_elapsed), 1),
    );
    (outcomes, counts)
}

fn rating(subject: &Subject, measured: &Measured) -> (Rag, String) {
    let rules = subject
        .framework
        .rules_for(subject.progress.enrolment.start_date);
    rag::rag(&rag::RagFacts {
        framework: subject.framework,
        review_interval: rules.review_interval,
        status: subject.progress.enrolment.status,
        counts: &measured.counts,
        months_elapsed: measured.months_elapsed,
        blockers: measured.blockers(),
        adjusted_end: measured.time.adjusted_end,
        weeks_left: measured.time.weeks_left,
        today: subject.today,
    })
}

fn attention(subject: &Subject, measured: &Measured, orphans: &[Orphan]) -> Vec<String> {
    warnings::warnings(&warnings::WarningFacts {
        status: subject.progress.enrolment.status,
        checkins: &measured.checkins,
        blockers: measured.blockers(),
        near_end: near_end(measured.time.adjusted_end, subject.today),
        weeks_left: measured.time.weeks_left,
        requirements: &measured.requirements,
        hours: &measured.hours,
        breaks: subject.breaks,
        orphans,
        doubts: &doubtful_entries(subject.framework, &subject.progress.hours),
        milestones: &measured.milestones,
        overdue_actions: &measured.overdue_actions,
        today: subject.today,
    })
}

/// The last two months before the (adjusted) planned end.
fn near_end(adjusted_end: NaiveDate, today: NaiveDate) -> bool {
    adjusted_end
        .checked_sub_months(chrono::Months::new(2))
        .is_some_and(|d| today >= d)
}

fn framework_ref(framework: &Framework, enrolled_hash: &str) -> FrameworkRef {
    FrameworkRef {
        id: framework.framework.id.clone(),
        version: framework.framework.version.clone(),
        title: framework.framework.title.clone(),
        changed_since_enrolment: framework.content_hash != enrolled_hash,
    }
}

/// Reports print these; two decimals are plenty and keep output stable.
fn rounded_hours(mut hours: HoursStanding) -> HoursStanding {
    hours.logged = round(hours.logged, 2);
    hours.total_logged = round(hours.total_logged, 2);
    hours.slippage = round(hours.slippage, 2);
    hours.expected_to_date = hours.expected_to_date.map(|h| round(h, 2));
    for category in &mut hours.categories {
        category.logged = round(category.logged, 2);
        category.slippage = round(category.slippage, 2);
        category.expected_to_date = category.expected_to_date.map(|h| round(h, 2));
        category.share_percent = round(category.share_percent, 1);
        category.accepted = round(category.accepted, 2);
        category.queried = round(category.queried, 2);
    }
    hours
}

fn rounded_practice(mut practice: PracticeStanding) -> PracticeStanding {
    for activity in &mut practice.activities {
        activity.logged = round(activity.logged, 2);
        activity.share_percent = round(activity.share_percent, 1);
        for category in &mut activity.categories {
            category.hours = round(category.hours, 2);
        }
    }
    practice
}

/// Rounded, and never negative zero (a sum of nothing is -0.0 in Rust,
/// which would print as "-0").
fn round(value: f64, places: i32) -> f64 {
    let scale = 10f64.powi(places);
    (value * scale).round() / scale + 0.0
}
