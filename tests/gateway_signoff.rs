//! The gateway sign-off: once every gateway rule is met, the employer, the
//! assessor and the apprentice each sign as themselves in any order; the
//! last signature seals it, and the sealed record cannot be changed.

use pcso_tracker::domain::{EnrolmentId, PersonId, RequirementStatus, Role};
use pcso_tracker::framework::{Party, Registry};
use pcso_tracker::ops::{Clock, Enrolling, OpError, Ops, RequirementInput, person_record};
use pcso_tracker::report::{json, standing_markdown};
use std::path::Path;

mod common;

use common::day;
use common::engine::Engine;
use common::fixture::Fixture;
use common::sandbox::Sandbox;

/// A framework whose one gateway rule is an agreed topic, signed off by
/// the employer, the assessor and the apprentice.
fn gateway_fixture(engine: Engine) -> Fixture {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/standards/valid/gateway-signoff.yaml");
    let registry = Registry::load(Some(&file)).expect("fixture framework");
    Fixture::with_registry_on(registry, engine)
}

fn enrolment(f: &Fixture) -> EnrolmentId {
    f.store
        .latest_enrolment(f.amy)
        .expect("read")
        .expect("enrolled")
        .id
}

/// The assessor confirms the topic: every gateway rule is met.
fn topic_agreed(f: &mut Fixture) {
    let amy = f.amy;
    let met = RequirementInput {
        status: RequirementStatus::Met,
        date: None,
        reference: None,
        expires_on: None,
    };
    f.as_assessor()
        .set_requirement(amy, "topic", &met, None)
        .expect("topic agreed");
}

/// Signed by `parties` straight through the store, and sealed.
fn sealed_through_the_store(f: &mut Fixture, parties: &[Party]) -> EnrolmentId {
    let enrolment = enrolment(f);
    let change = f.store.change(f.clock.now(), Some(f.amy)).expect("change");
    for party in parties {
        let person = match party {
            Party::Employer => f.employer,
            Party::Assessor => f.assessor,
            Party::Apprentice => f.amy,
        };
        change
            .add_gateway_signature(enrolment, *party, person, "topic\tmet\n")
            .expect("signed");
    }
    change.seal_gateway(enrolment).expect("sealed");
    change.commit().expect("commit");
    enrolment
}

/// How `DROP TRIGGER` names the trigger's table, which PostgreSQL needs.
fn on_table(engine: &Engine, table: &str) -> String {
    if engine.is_postgres() {
        format!(" ON {table}")
    } else {
        String::new()
    }
}

fn gateway_seals_hold(f: &Fixture) -> usize {
    let (problems, checked) = f.store.verify_gateway_seals().expect("verify");
    assert!(problems.is_empty(), "{problems:?}");
    checked
}

fn a_sealed_sign_off_cannot_be_changed_through_sql_and_an_edit_behind_the_triggers_is_named(
    engine: Engine,
) {
    let mut f = gateway_fixture(engine);
    let all = [Party::Employer, Party::Assessor, Party::Apprentice];
    let enrolment = sealed_through_the_store(&mut f, &all);
    assert_eq!(gateway_seals_hold(&f), 1);
    let record = f.store.gateway_signoff(enrolment).expect("sign-off");
    assert_eq!(record.signatures.len(), 3);
    assert!(record.seal.is_some());
    let history = f.engine.number(
        "SELECT count(*) FROM history WHERE record = 'gateway_signoff' AND field LIKE 'signature:%'",
    );
    assert_eq!(history, Some(3), "a history row for every signature");
    let tampering = [
        "UPDATE gateway_signature SET signed_at = '2026-01-01T00:00:00.000Z' WHERE role = 'employer'",
        "DELETE FROM gateway_signature WHERE role = 'apprentice'",
        "UPDATE gateway_seal SET seal_hash = 'forged'",
        "DELETE FROM gateway_seal",
    ];
    for sql in tampering {
        let refused = f.engine.execute(sql);
        assert!(
            refused.as_ref().is_err_and(|e| e.contains("never")),
            "{sql}: {refused:?}"
        );
    }
    assert_eq!(gateway_seals_hold(&f), 1, "nothing was changed");
    f.engine
        .execute(&format!(
            "DROP TRIGGER gateway_signature_is_append_only_update{};
             UPDATE gateway_signature SET signed_at = '2026-01-01T00:00:00.000Z' WHERE role = 'employer';",
            on_table(&f.engine, "gateway_signature")
        ))
        .expect("edited behind the triggers");
    let (problems, checked) = f.store.verify_gateway_seals().expect("verify");
    assert_eq!(checked, 1);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].person, "Amy Clark");
    assert_eq!(
        problems[0].problem,
        "its content no longer matches its seal"
    );
}

fn a_sealed_sign_off_takes_no_further_signature(engine: Engine) {
    let mut f = gateway_fixture(engine);
    sealed_through_the_store(&mut f, &[Party::Employer, Party::Assessor]);
    let late = f.engine.execute(&format!(
        "INSERT INTO gateway_signature (enrolment_id, role, person_id, signed_at, rules)
         SELECT enrolment_id, 'apprentice', {}, signed_at, rules FROM gateway_signature
         WHERE role = 'employer'",
        f.amy.0
    ));
    assert!(
        late.as_ref()
            .is_err_and(|e| e.contains("never signed again")),
        "{late:?}"
    );
}

fn person_of(f: &Fixture, party: Party) -> PersonId {
    match party {
        Party::Employer => f.employer,
        Party::Assessor => f.assessor,
        Party::Apprentice => f.amy,
    }
}

fn refusal<T: std::fmt::Debug>(result: Result<T, OpError>) -> String {
    match result {
        Err(OpError::Refused(message)) => {
            assert!(!message.contains('\n'), "one line: {message}");
            message
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn a_sign_off_signed_in_each_order_seals_once_on_the_last_signature_and_verify_holds(
    engine: Engine,
) {
    let orders = [
        [Party::Employer, Party::Assessor, Party::Apprentice],
        [Party::Employer, Party::Apprentice, Party::Assessor],
        [Party::Assessor, Party::Employer, Party::Apprentice],
        [Party::Assessor, Party::Apprentice, Party::Employer],
        [Party::Apprentice, Party::Employer, Party::Assessor],
        [Party::Apprentice, Party::Assessor, Party::Employer],
    ];
    for order in orders {
        let mut f = gateway_fixture(engine.fresh());
        topic_agreed(&mut f);
        let amy = f.amy;
        for (index, party) in order.iter().enumerate() {
            let signer = person_of(&f, *party);
            let signed = f.ops(Some(signer)).sign_gateway(amy).expect("signed");
            assert_eq!(signed.party, *party, "{order:?}");
            let last = index == order.len() - 1;
            assert_eq!(signed.sealed, last, "{order:?} after {party:?}");
            // Waiting parties are named in the framework's order.
            let waiting: Vec<Party> = [Party::Employer, Party::Assessor, Party::Apprentice]
                .into_iter()
                .filter(|p| order[index + 1..].contains(p))
                .collect();
            assert_eq!(signed.waiting, waiting, "{order:?} after {party:?}");
            assert_eq!(gateway_seals_hold(&f), usize::from(last), "{order:?}");
        }
        let record = f.store.gateway_signoff(enrolment(&f)).expect("sign-off");
        assert_eq!(record.signed_parties(), order);
        assert!(record.seal.is_some());
        let again = refusal(f.as_amy().sign_gateway(amy));
        assert_eq!(
            again,
            "Amy Clark's gateway sign-off is already signed by everyone and sealed"
        );
        let standing = f.record(amy).standing.gateway_signoff.expect("asked for");
        assert!(standing.awaiting.is_empty());
        assert_eq!(standing.sealed_on(), Some("2026-11-21"));
    }
}

fn a_signature_while_a_rule_is_unmet_is_refused_naming_the_rule_and_the_person(engine: Engine) {
    let mut f = gateway_fixture(engine);
    let amy = f.amy;
    let blocked = refusal(f.as_employer().sign_gateway(amy));
    assert_eq!(
        blocked,
        "Amy Clark's gateway sign-off waits until every gateway rule is met: Topic agreed: not yet confirmed"
    );
    let record = f.store.gateway_signoff(enrolment(&f)).expect("sign-off");
    assert!(record.signatures.is_empty(), "nothing was recorded");
}

fn someone_elses_employer_a_second_signature_and_nobody_acting_are_refused(engine: Engine) {
    let mut f = gateway_fixture(engine);
    topic_agreed(&mut f);
    let amy = f.amy;
    let kim = f
        .as_admin()
        .add_person("Kim Lowe", Role::Employer, false)
        .expect("another employer");
    let stranger = refusal(f.ops(Some(kim)).sign_gateway(amy));
    assert_eq!(
        stranger,
        "Kim Lowe (employer) may not confirm Amy Clark's readiness for gateway: only Amy Clark, Amy Clark's assessor or Amy Clark's employer may"
    );
    f.as_employer().sign_gateway(amy).expect("Jo signs");
    let twice = refusal(f.as_employer().sign_gateway(amy));
    assert_eq!(
        twice,
        "Jo Reid has already signed Amy Clark's gateway sign-off as the employer; a signature is given once"
    );
    let nobody = refusal(f.ops(None).sign_gateway(amy));
    assert!(nobody.contains("--as"), "{nobody}");
    let record = f.store.gateway_signoff(enrolment(&f)).expect("sign-off");
    assert_eq!(record.signed_parties(), [Party::Employer]);
}

fn a_party_the_framework_does_not_name_is_refused_naming_who_signs(engine: Engine) {
    let mut f = Fixture::on(engine);
    let (sam, jo) = (f.assessor, f.employer);
    let erin = Enrolling {
        name: "Erin Walsh".into(),
        start: Some(day("2026-07-01")),
        framework_id: Some("advanced-practitioner".into()),
        area: Some("vulnerability".into()),
        assessor: Some(sam),
        ..Enrolling::default()
    };
    let erin = f.as_admin().enrol(&erin).expect("enrol").person;
    f.as_admin().set_employer(erin, Some(jo)).expect("employer");
    let employer = refusal(f.as_employer().sign_gateway(erin));
    assert_eq!(
        employer,
        "only the assessor Sam Patel and Erin Walsh sign Erin Walsh's gateway sign-off, each as themselves"
    );
}

fn a_party_present_signs_in_person_with_their_pin_and_a_wrong_pin_signs_nothing(engine: Engine) {
    let mut f = gateway_fixture(engine);
    topic_agreed(&mut f);
    let (amy, jo) = (f.amy, f.employer);
    f.as_employer().set_pin(jo, None, "4821").expect("Jo's PIN");
    let wrong = refusal(f.as_assessor().sign_gateway_in_person(amy, jo, "1111"));
    assert!(wrong.starts_with("wrong PIN for Jo Reid"), "{wrong}");
    let record = f.store.gateway_signoff(enrolment(&f)).expect("sign-off");
    assert!(record.signatures.is_empty());
    let signed = f
        .as_assessor()
        .sign_gateway_in_person(amy, jo, "4821")
        .expect("Jo signs at Sam's app");
    assert_eq!(signed.party, Party::Employer);
    let record = f.store.gateway_signoff(enrolment(&f)).expect("sign-off");
    assert_eq!(record.signatures[0].person_id, jo);
    let actor = f.engine.number(
        "SELECT actor_id FROM history WHERE record = 'gateway_signoff' AND field = 'signature:employer'",
    );
    assert_eq!(actor, Some(jo.0), "the signature is Jo's own");
}

/// Amy Clark on the fixture framework, with Sam Patel her assessor and Jo
/// Reid her employer, through the command line.
fn sandbox_on_the_fixture(engine: Engine) -> (Sandbox, String) {
    let standard = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/standards/valid/gateway-signoff.yaml")
        .display()
        .to_string();
    let sandbox = Sandbox::with_administrator_on(engine);
    let as_ada = |args: &[&str]| {
        let all = [&["--standard", &standard, "--as", "Ada"][..], args].concat();
        sandbox.ok(&all);
    };
    as_ada(&["assessor", "add", "Sam Patel"]);
    as_ada(&["person", "add", "Jo Reid", "--role", "employer"]);
    as_ada(&[
        "apprentice",
        "add",
        "Amy Clark",
        "--start",
        "2026-09-01",
        "--assessor",
        "Sam",
    ]);
    as_ada(&["apprentice", "set", "Amy Clark", "--employer", "Jo"]);
    (sandbox, standard)
}

fn the_command_line_signs_shows_and_verifies_the_sign_off(engine: Engine) {
    let on = on_table(&engine, "gateway_signature");
    let (sandbox, standard) = sandbox_on_the_fixture(engine);
    let as_whom = |who: &'static str, args: &[&'static str]| -> Vec<String> {
        [&["--standard", standard.as_str(), "--as", who][..], args]
            .concat()
            .into_iter()
            .map(str::to_string)
            .collect()
    };
    let run = |args: Vec<String>| {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        sandbox.ok(&args)
    };
    let refused = |args: Vec<String>| {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        sandbox.refused(&args)
    };
    let blocked = refused(as_whom("Jo", &["gateway", "sign", "Amy"]));
    assert_eq!(
        blocked,
        "Amy Clark's gateway sign-off waits until every gateway rule is met: Topic agreed: not yet confirmed\n"
    );
    run(as_whom(
        "Sam",
        &["requirement", "set", "Amy", "topic", "--status", "met"],
    ));
    let signed = run(as_whom("Jo", &["gateway", "sign", "Amy"]));
    assert_eq!(
        signed,
        "signed Amy Clark's gateway sign-off as the employer; awaiting assessor and apprentice signatures\n"
    );
    let shown = run(as_whom("Ada", &["gateway", "show", "Amy"]));
    assert!(
        shown.contains("signed by Jo Reid, employer, on 2026-11-21"),
        "{shown}"
    );
    assert!(
        shown.contains("awaiting the assessor's signature"),
        "{shown}"
    );
    assert!(
        shown.contains("awaiting the apprentice's signature"),
        "{shown}"
    );
    assert!(shown.contains("not sealed"), "{shown}");
    run(as_whom("Amy", &["gateway", "sign", "Amy"]));
    let last = run(as_whom("Sam", &["gateway", "sign", "Amy"]));
    assert_eq!(
        last,
        "signed Amy Clark's gateway sign-off as the assessor; every party has signed and it is sealed\n"
    );
    let shown = run(as_whom("Ada", &["gateway", "show", "Amy"]));
    assert!(shown.contains("sealed on 2026-11-21, seal "), "{shown}");
    assert!(!shown.contains("awaiting"), "{shown}");
    let verified = run(as_whom("Ada", &["verify"]));
    assert!(
        verified.starts_with("ok: 0 sealed check-ins and 1 sealed gateway sign-off"),
        "{verified}"
    );
    sandbox.sql(&format!(
        "DROP TRIGGER gateway_signature_is_append_only_update{on};
         UPDATE gateway_signature SET signed_at = '2026-01-01T00:00:00.000Z' WHERE role = 'employer';"
    ));
    let output = sandbox.run(&["--standard", &standard, "--as", "Ada", "verify"]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(
        text.contains(
            "gateway sign-off of Amy Clark (enrolment 1): its content no longer matches its seal"
        ),
        "{text}"
    );
}

fn the_report_says_who_has_signed_who_is_awaited_and_when_it_was_sealed(engine: Engine) {
    let mut f = gateway_fixture(engine);
    let amy = f.amy;
    let before = standing_markdown(&f.record(amy).standing);
    assert!(
        before.contains("## Gateway sign-off: opens once every gateway rule is met\n"),
        "{before}"
    );
    topic_agreed(&mut f);
    f.as_employer().sign_gateway(amy).expect("Jo signs");
    let standing = f.record(amy).standing;
    let markdown = standing_markdown(&standing);
    assert!(
        markdown.contains(
            "## Gateway sign-off: awaiting assessor and apprentice signatures\n\n\
             - signed by Jo Reid, employer, on 2026-11-21\n\
             - awaiting the assessor's signature\n\
             - awaiting the apprentice's signature\n\
             - not sealed\n"
        ),
        "{markdown}"
    );
    let value: serde_json::Value = serde_json::from_str(&json(&standing)).expect("json");
    let signoff = &value["gateway_signoff"];
    assert_eq!(
        signoff["awaiting"],
        serde_json::json!(["assessor", "apprentice"])
    );
    assert_eq!(signoff["signed"][0]["name"], "Jo Reid");
    assert_eq!(signoff["signed"][0]["party"], "employer");
    assert!(signoff["sealed"].is_null());
    f.as_assessor().sign_gateway(amy).expect("Sam signs");
    f.as_amy().sign_gateway(amy).expect("Amy signs");
    let sealed = standing_markdown(&f.record(amy).standing);
    assert!(
        sealed.contains("## Gateway sign-off: sealed on 2026-11-21\n"),
        "{sealed}"
    );
    assert!(sealed.contains("- sealed on 2026-11-21, seal "), "{sealed}");
}

fn the_demo_leaves_dan_ready_with_his_employers_signature_and_the_others_awaited(engine: Engine) {
    let mut store = engine.open();
    let registry = Registry::load(None).expect("frameworks");
    let clock = Clock::as_of(day("2026-11-21"));
    Ops::new(&mut store, &registry, clock, None)
        .load_demo(false)
        .expect("demo");
    let dan = store.find_person("Dan Hughes").expect("Dan").id;
    let standing = person_record(&store, &registry, dan, clock.today())
        .expect("record")
        .standing;
    assert!(standing.gateway.as_ref().is_some_and(|g| g.ready));
    let signoff = standing.gateway_signoff.expect("asked for");
    let signed: Vec<(Party, &str)> = signoff
        .signed
        .iter()
        .map(|s| (s.party, s.name.as_str()))
        .collect();
    assert_eq!(signed, [(Party::Employer, "Grace Mensah")]);
    assert_eq!(signoff.awaiting, [Party::Assessor, Party::Apprentice]);
    assert_eq!(signoff.sealed, None);
    for name in ["Amy Clark", "Ben Okafor", "Chloe Evans"] {
        let person = store.find_person(name).expect("demo apprentice").id;
        let standing = person_record(&store, &registry, person, clock.today())
            .expect("record")
            .standing;
        let signoff = standing.gateway_signoff.expect("asked for");
        assert!(signoff.signed.is_empty(), "{name} is not ready");
    }
}

on_both_engines!(
    a_sealed_sign_off_cannot_be_changed_through_sql_and_an_edit_behind_the_triggers_is_named,
    a_sealed_sign_off_takes_no_further_signature,
    a_signature_while_a_rule_is_unmet_is_refused_naming_the_rule_and_the_person,
    someone_elses_employer_a_second_signature_and_nobody_acting_are_refused,
    a_party_present_signs_in_person_with_their_pin_and_a_wrong_pin_signs_nothing,
    the_report_says_who_has_signed_who_is_awaited_and_when_it_was_sealed,
    a_sign_off_signed_in_each_order_seals_once_on_the_last_signature_and_verify_holds,
    a_party_the_framework_does_not_name_is_refused_naming_who_signs,
    the_command_line_signs_shows_and_verifies_the_sign_off,
    the_demo_leaves_dan_ready_with_his_employers_signature_and_the_others_awaited,
);
