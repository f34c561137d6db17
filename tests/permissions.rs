//! Who may do what: every role against every operation, on the records it
//! reaches (its own) and on someone else's, through the operations layer
//! the command line and the app both use; and the impersonations that
//! were possible before roles, each refused.

use pcso_tracker::domain::permission::Subject;
use pcso_tracker::domain::{
    EnrolmentStatus, EvidenceKind, Judgement, Operation, OutcomeStatus, Person, PersonId,
    RequirementStatus, Role, Roles, permit,
};
use pcso_tracker::ops::{EvidenceInput, HoursInput, OpError, Ops, PlanInput, RequirementInput};

mod common;

use common::day;
use common::engine::Engine;
use common::fixture::Fixture;
use common::sandbox::Sandbox;

/// Who acts: each role on Amy's records (her own, her assessor, her
/// employer, the administrator), and each role on someone else's.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Actor {
    Amy,
    Sam,
    Jo,
    Ada,
    OtherApprentice,
    OtherAssessor,
    OtherEmployer,
}

const ACTORS: [Actor; 7] = [
    Actor::Amy,
    Actor::Sam,
    Actor::Jo,
    Actor::Ada,
    Actor::OtherApprentice,
    Actor::OtherAssessor,
    Actor::OtherEmployer,
];

/// An operation as a user asks for it, on Amy's records.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Try {
    AddPerson,
    AssignEmployer,
    AssignAssessor,
    CorrectEnrolment,
    SetOwnStatus,
    RecordEvidence,
    LogHours,
    ConfirmVetting,
    ConfirmMaths,
    ConfirmAge,
    Judge,
    RunCheckin,
    EditPlan,
}

const TRIES: [Try; 13] = [
    Try::AddPerson,
    Try::AssignEmployer,
    Try::AssignAssessor,
    Try::CorrectEnrolment,
    Try::SetOwnStatus,
    Try::RecordEvidence,
    Try::LogHours,
    Try::ConfirmVetting,
    Try::ConfirmMaths,
    Try::ConfirmAge,
    Try::Judge,
    Try::RunCheckin,
    Try::EditPlan,
];

/// The expected answer, written out: only these succeed.
fn allowed(actor: Actor, attempt: Try) -> bool {
    use Try::*;
    match actor {
        Actor::Amy => matches!(attempt, SetOwnStatus | RecordEvidence | LogHours),
        Actor::Sam => matches!(
            attempt,
            RecordEvidence | ConfirmMaths | Judge | RunCheckin | EditPlan
        ),
        Actor::Jo => matches!(attempt, ConfirmVetting),
        Actor::Ada => matches!(
            attempt,
            AddPerson | AssignEmployer | AssignAssessor | CorrectEnrolment | ConfirmAge | EditPlan
        ),
        Actor::OtherApprentice | Actor::OtherAssessor | Actor::OtherEmployer => false,
    }
}

/// Amy's fixture with someone else of each role: Ben (an apprentice of
/// Eve's), Eve (an assessor), Kim (an employer).
struct World {
    f: Fixture,
    ben: PersonId,
    eve: PersonId,
    kim: PersonId,
}

impl World {
    fn new() -> World {
        let mut f = Fixture::new();
        let eve = f.as_admin().add_assessor("Eve Stone", false).expect("Eve");
        let kim = f
            .as_admin()
            .add_person("Kim Hale", Role::Employer, false)
            .expect("Kim");
        let ben = f.enrol("Ben Okafor", Some(eve));
        f.as_admin().set_employer(ben, Some(kim)).expect("Kim's");
        World { f, ben, eve, kim }
    }

    fn id(&self, actor: Actor) -> PersonId {
        match actor {
            Actor::Amy => self.f.amy,
            Actor::Sam => self.f.assessor,
            Actor::Jo => self.f.employer,
            Actor::Ada => self.f.admin,
            Actor::OtherApprentice => self.ben,
            Actor::OtherAssessor => self.eve,
            Actor::OtherEmployer => self.kim,
        }
    }

    fn attempt(&mut self, actor: Actor, attempt: Try) -> Result<(), OpError> {
        let (amy, sam, jo) = (self.f.amy, self.f.assessor, self.f.employer);
        let actor = self.id(actor);
        let mut ops = self.f.ops(Some(actor));
        run(&mut ops, attempt, amy, sam, jo)
    }
}

fn run(
    ops: &mut Ops,
    attempt: Try,
    amy: PersonId,
    sam: PersonId,
    jo: PersonId,
) -> Result<(), OpError> {
    let met = |date: &str| RequirementInput {
        status: RequirementStatus::Met,
        date: Some(day(date)),
        reference: None,
        expires_on: None,
    };
    match attempt {
        Try::AddPerson => ops.add_person("Lee New", Role::Employer, false).map(drop),
        Try::AssignEmployer => ops.set_employer(amy, Some(jo)).map(drop),
        Try::AssignAssessor => {
            let details = pcso_tracker::ops::Details {
                assessor: Some(sam),
                ..Default::default()
            };
            ops.set_details(amy, &details).map(drop)
        }
        Try::CorrectEnrolment => ops
            .set_enrolment_status(
                amy,
                EnrolmentStatus::Break,
                Some(day("2026-11-01")),
                Some("illness"),
            )
            .map(drop),
        Try::SetOwnStatus => ops
            .set_outcome_status(amy, "LO1", OutcomeStatus::InProgress, None)
            .map(drop),
        Try::RecordEvidence => ops
            .add_evidence(
                amy,
                &EvidenceInput {
                    date: Some(day("2026-10-01")),
                    title: "Ward panel".into(),
                    kind: EvidenceKind::WorkProduct,
                    description: String::new(),
                    file_ref: None,
                    outcomes: vec!["LO1".into()],
                },
            )
            .map(drop),
        Try::LogHours => ops
            .log_hours(
                amy,
                &HoursInput {
                    date: Some(day("2026-10-05")),
                    hours: 2.0,
                    category: "off-the-job".into(),
                    outcomes: vec!["LO1".into()],
                    ..HoursInput::default()
                },
            )
            .map(drop),
        Try::ConfirmVetting => ops
            .set_requirement(amy, "vetting", &met("2026-08-01"), None)
            .map(drop),
        Try::ConfirmMaths => ops
            .set_requirement(amy, "maths-l2", &met("2026-08-01"), None)
            .map(drop),
        Try::ConfirmAge => ops
            .set_requirement(amy, "minimum-age", &met("2026-09-01"), None)
            .map(drop),
        Try::Judge => ops
            .judge_outcome(amy, "LO1", Judgement::Competent, "Seen", None)
            .map(drop),
        Try::RunCheckin => ops.start_checkin(amy).map(drop),
        Try::EditPlan => ops
            .set_plan(
                amy,
                &PlanInput {
                    planned_end: Some(day("2027-10-01")),
                    ..PlanInput::default()
                },
            )
            .map(drop),
    }
}

#[test]
fn every_role_against_every_operation_on_its_own_and_someone_elses_records() {
    let mut failures = Vec::new();
    for attempt in TRIES {
        for actor in ACTORS {
            let mut world = World::new();
            let before = world.f.history_rows();
            let result = world.attempt(actor, attempt);
            let expected = allowed(actor, attempt);
            match (&result, expected) {
                (Ok(()), true) => {}
                (Err(OpError::Refused(message)), false) => {
                    assert!(
                        message.contains(" may not ") && message.contains("only "),
                        "{actor:?} {attempt:?}: the refusal names the rule: {message}"
                    );
                    assert_eq!(world.f.history_rows(), before, "{actor:?} {attempt:?}");
                }
                _ => failures.push(format!("{actor:?} {attempt:?}: {result:?}")),
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// The domain's table on its own, for the operations that have no action
/// yet to try them with (signing, gateway) as well as the rest.
#[test]
fn the_table_reaches_own_records_only_and_the_administrator_everyone() {
    let person = |id: i64, role| Person {
        id: PersonId(id),
        name: format!("Person {id}"),
        role,
        date_of_birth: None,
        employer: None,
        assessor_id: None,
        employer_id: None,
        uln: None,
        learning_support: None,
    };
    let amy = Subject {
        person: Some(PersonId(1)),
        name: "Amy Clark".into(),
        assessor: Some(PersonId(2)),
        employer: Some(PersonId(3)),
    };
    let own = [
        person(1, Role::Apprentice),
        person(2, Role::Assessor),
        person(3, Role::Employer),
    ];
    let other = [
        person(11, Role::Apprentice),
        person(12, Role::Assessor),
        person(13, Role::Employer),
    ];
    let admin = person(4, Role::Administrator);
    let parties = Roles::of(&[Role::Apprentice, Role::Assessor, Role::Employer]);
    let expected = |operation: Operation| -> Roles {
        match operation {
            Operation::AddPerson | Operation::AssignPeople | Operation::CorrectEnrolment => {
                Roles::of(&[Role::Administrator])
            }
            Operation::SetOutcomeStatus | Operation::LogHours => Roles::of(&[Role::Apprentice]),
            Operation::RecordEvidence => Roles::of(&[Role::Apprentice, Role::Assessor]),
            Operation::ReviewHours => Roles::of(&[Role::Assessor, Role::Administrator]),
            Operation::JudgeOutcome | Operation::RunCheckin => Roles::of(&[Role::Assessor]),
            Operation::SignReview | Operation::ConfirmGateway => parties,
            Operation::ConfirmRequirement(roles) => roles,
            Operation::RecordEpaResult => Roles::of(&[Role::Assessor, Role::Administrator]),
            Operation::EditPlan => Roles::of(&[Role::Assessor, Role::Administrator]),
        }
    };
    for operation in Operation::ALL {
        let roles = expected(operation);
        for actor in own.iter().chain([&admin]) {
            assert_eq!(
                permit(actor, operation, &amy).is_ok(),
                roles.contains(actor.role),
                "{:?} {operation:?} on their own records",
                actor.role
            );
        }
        for actor in &other {
            assert!(
                permit(actor, operation, &amy).is_err(),
                "{:?} {operation:?} on someone else's",
                actor.role
            );
        }
    }
}

#[test]
fn an_apprentice_cannot_confirm_her_own_vetting_maths_diploma_or_readiness() {
    let mut f = Fixture::new();
    let amy = f.amy;
    let before = f.history_rows();
    let met = RequirementInput {
        status: RequirementStatus::Met,
        date: Some(day("2026-10-01")),
        reference: None,
        expires_on: None,
    };
    for (id, who) in [
        ("vetting", "employer"),
        ("maths-l2", "assessor"),
        ("diploma", "assessor"),
        ("employer-readiness", "employer"),
    ] {
        let refused = f.as_amy().set_requirement(amy, id, &met, None);
        let Err(OpError::Refused(message)) = refused else {
            panic!("{id}: {refused:?}");
        };
        assert_eq!(
            message,
            format!(
                "Amy Clark (apprentice) may not confirm their requirement: only Amy Clark's {who} may"
            )
        );
    }
    assert_eq!(f.history_rows(), before, "nothing recorded");
}

#[test]
fn an_apprentice_cannot_record_her_own_judgement() {
    let mut f = Fixture::new();
    let amy = f.amy;
    let judged = f
        .as_amy()
        .judge_outcome(amy, "LO1", Judgement::Competent, "", None);
    assert!(
        matches!(&judged, Err(OpError::Refused(m)) if m == "Amy Clark (apprentice) may not judge their outcomes: only Amy Clark's assessor may"),
        "{judged:?}"
    );
}

fn with_nobody_acting_nothing_is_recorded(engine: Engine) {
    let sandbox = Sandbox::with_apprentice_on("Amy Clark", "2026-09-01", engine);
    let history = sandbox.count("SELECT count(*) FROM history");
    let changes: [&[&str]; 5] = [
        &[
            "evidence",
            "add",
            "Amy",
            "--title",
            "T",
            "--outcomes",
            "LO1",
        ],
        &["hours", "add", "Amy", "--hours", "2", "--category", "cpd"],
        &["outcome", "set", "Amy", "LO1", "--status", "completed"],
        &["requirement", "set", "Amy", "vetting", "--status", "met"],
        &["assessor", "add", "Eve Stone"],
    ];
    for args in changes {
        let message = sandbox.refused(args);
        assert_eq!(
            message.trim(),
            "no change is recorded without the person making it: give --as NAME",
            "{args:?}"
        );
    }
    assert_eq!(sandbox.count("SELECT count(*) FROM history"), history);
    assert_eq!(
        sandbox.count("SELECT count(*) FROM history WHERE actor_id IS NULL"),
        0,
        "every change recorded so far names its author"
    );
}

fn only_an_administrator_adds_an_assessor_and_an_assessor_amends_only_her_caseload(engine: Engine) {
    let sandbox = Sandbox::on(engine);
    sandbox.ok(&["demo"]);
    for who in ["Amy", "Sam"] {
        let message = sandbox.refused(&["--as", who, "assessor", "add", "Eve Stone"]);
        assert!(
            message.contains("may not add people: only an administrator may"),
            "{message}"
        );
    }
    sandbox.ok(&["--as", "Priya", "assessor", "add", "Eve Stone"]);
    let drafts = sandbox.count("SELECT count(*) FROM checkin WHERE state = 'draft'");
    let message = sandbox.refused(&["--as", "Eve", "checkin", "amend", "4", "--reason", "x"]);
    assert_eq!(
        message.trim(),
        "Eve Stone (assessor) may not run or amend Chloe Evans's check-ins: only Chloe Evans's assessor may"
    );
    assert_eq!(
        sandbox.count("SELECT count(*) FROM checkin WHERE state = 'draft'"),
        drafts
    );
}

fn the_first_administrator_needs_nobody_acting_and_the_second_does(engine: Engine) {
    let sandbox = Sandbox::on(engine);
    let added = sandbox.ok(&["person", "add", "Ada Lovell", "--role", "administrator"]);
    assert_eq!(added, "added administrator Ada Lovell (id 1)\n");
    let message = sandbox.refused(&["person", "add", "Bo Grant", "--role", "administrator"]);
    assert!(message.contains("give --as NAME"), "{message}");
    let added = sandbox.ok(&[
        "--as", "Ada", "person", "add", "Jo Reid", "--role", "employer",
    ]);
    assert_eq!(added, "added employer Jo Reid (id 2)\n");
    let message = sandbox.refused(&["--as", "Ada", "person", "add", "Al", "--role", "boss"]);
    assert!(
        message.contains("--role: `boss` is not one of"),
        "{message}"
    );
}

fn an_employer_is_named_for_an_apprentice_and_must_be_an_employer(engine: Engine) {
    let sandbox = Sandbox::with_apprentice_on("Amy Clark", "2026-09-01", engine);
    let shown = sandbox.ok(&[
        "--as",
        "Ada",
        "apprentice",
        "set",
        "Amy",
        "--employer",
        "Jo",
    ]);
    assert!(
        shown.ends_with("assessor Sam Patel, employer Jo Reid, ULN not recorded\n"),
        "{shown}"
    );
    let message = sandbox.refused(&[
        "--as",
        "Ada",
        "apprentice",
        "set",
        "Amy",
        "--employer",
        "Sam",
    ]);
    assert!(
        message.contains("--employer: Sam Patel is an assessor, not an employer"),
        "{message}"
    );
    let message = sandbox.refused(&["--as", "Jo", "apprentice", "set", "Amy", "--employer", "Jo"]);
    assert!(
        message.contains("Jo Reid (employer) may not change Amy Clark's assessor or employer: only an administrator may"),
        "{message}"
    );
}

on_both_engines!(
    with_nobody_acting_nothing_is_recorded,
    only_an_administrator_adds_an_assessor_and_an_assessor_amends_only_her_caseload,
    the_first_administrator_needs_nobody_acting_and_the_second_does,
    an_employer_is_named_for_an_apprentice_and_must_be_an_employer,
);
