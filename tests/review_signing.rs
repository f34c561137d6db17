//! Three-party reviews: the assessor completes a check-in, then the
//! apprentice, the assessor and the employer each sign as themselves in
//! any order; the last signature seals it and its judgements take effect.

use pcso_tracker::domain::{CheckinContent, Judgement, PersonId, Role};
use pcso_tracker::framework::Party;
use pcso_tracker::ops::OpError;

mod common;

use common::day;
use common::engine::Engine;
use common::fixture::Fixture;

/// Amy's line manager, Dana Hart, named as her employer.
fn with_employer(f: &mut Fixture) -> PersonId {
    let change = f.store.change(f.clock.now(), None).expect("change");
    let dana = change
        .add_person("Dana Hart", Role::Employer)
        .expect("employer");
    change.set_employer(f.amy, Some(dana)).expect("link");
    change.commit().expect("commit");
    dana
}

/// A check-in judging LO1 competent, completed by Sam.
fn completed_review(f: &mut Fixture) -> i64 {
    let amy = f.amy;
    let started = f.as_assessor().start_checkin(amy).expect("started");
    let mut content = CheckinContent {
        next_due: Some(day("2027-02-13")),
        ..CheckinContent::default()
    };
    content.judge("LO1", Judgement::Competent, Some("Seen on patrol".into()));
    f.as_assessor()
        .complete_checkin(started.id, &content)
        .expect("completed");
    started.id
}

fn judgement_of_lo1(f: &Fixture) -> Judgement {
    let record = f.record(f.amy);
    record
        .progress
        .outcomes
        .iter()
        .find(|o| o.code == "LO1")
        .map_or(Judgement::NotAssessed, |o| o.judgement)
}

fn sealed_count(f: &Fixture) -> usize {
    let (problems, checked) = f.store.verify_seals().expect("verify");
    assert!(problems.is_empty(), "{problems:?}");
    checked
}

fn a_review_signed_in_each_order_seals_once_on_the_last_signature_and_verify_holds(engine: Engine) {
    let orders = [
        [Party::Apprentice, Party::Assessor, Party::Employer],
        [Party::Apprentice, Party::Employer, Party::Assessor],
        [Party::Assessor, Party::Apprentice, Party::Employer],
        [Party::Assessor, Party::Employer, Party::Apprentice],
        [Party::Employer, Party::Apprentice, Party::Assessor],
        [Party::Employer, Party::Assessor, Party::Apprentice],
    ];
    for order in orders {
        let mut f = Fixture::on(engine.fresh());
        let dana = with_employer(&mut f);
        let id = completed_review(&mut f);
        for (index, party) in order.iter().enumerate() {
            let person = match party {
                Party::Apprentice => f.amy,
                Party::Assessor => f.assessor,
                Party::Employer => dana,
            };
            let signed = f.ops(Some(person)).sign_review(id).expect("signed");
            assert_eq!(signed.party, *party, "{order:?}");
            let last = index == order.len() - 1;
            assert_eq!(signed.sealed, last, "{order:?} after {party:?}");
            // Waiting parties are named in the framework's order.
            let mut rest = order[index + 1..].to_vec();
            rest.sort();
            assert_eq!(signed.waiting, rest, "{order:?} after {party:?}");
            let expected = if last {
                Judgement::Competent
            } else {
                Judgement::NotAssessed
            };
            assert_eq!(judgement_of_lo1(&f), expected, "{order:?} after {party:?}");
            assert_eq!(sealed_count(&f), usize::from(last), "{order:?}");
        }
        let again = f.ops(Some(f.amy)).sign_review(id);
        assert!(
            matches!(&again, Err(OpError::Refused(m)) if m.contains("already signed by everyone")),
            "{again:?}"
        );
        let record = f.store.checkin(id).expect("check-in");
        assert!(record.sealed);
        assert_eq!(record.signatures.len(), 3);
        let signed = record.signed.expect("names in the old columns");
        assert_eq!(
            (signed.apprentice.as_str(), signed.assessor.as_str()),
            ("Amy Clark", "Sam Patel")
        );
    }
}

fn a_party_signs_once_and_only_as_themselves_and_only_once_completed(engine: Engine) {
    let mut f = Fixture::on(engine);
    let dana = with_employer(&mut f);
    let amy = f.amy;
    let started = f.as_assessor().start_checkin(amy).expect("started");
    let early = f.ops(Some(amy)).sign_review(started.id);
    assert!(
        matches!(&early, Err(OpError::Refused(m)) if m.contains("not completed yet")),
        "{early:?}"
    );
    let id = completed_review(&mut f);
    assert_eq!(id, started.id, "the open draft is the one completed");
    f.ops(Some(dana)).sign_review(id).expect("employer signs");
    let twice = f.ops(Some(dana)).sign_review(id);
    assert!(
        matches!(&twice, Err(OpError::Refused(m)) if m.contains("Dana Hart has already signed check-in") && m.contains("as the employer")),
        "{twice:?}"
    );
    let other = f
        .as_admin()
        .add_assessor("Eve Long", false)
        .expect("assessor");
    let stranger = f.ops(Some(other)).sign_review(id);
    assert!(
        matches!(&stranger, Err(OpError::Refused(m)) if m.contains("Eve Long (assessor) may not sign Amy Clark's reviews")),
        "{stranger:?}"
    );
    let nobody = f.ops(None).sign_review(id);
    assert!(matches!(nobody, Err(OpError::Refused(_))));
    let content = CheckinContent::default();
    let edit = f.as_assessor().save_checkin(id, &content);
    assert!(
        matches!(&edit, Err(OpError::Gone(m)) if m.contains("waits for its signatures")),
        "{edit:?}"
    );
    let signatures = f.store.review_signatures(id).expect("signatures");
    assert_eq!(signatures.len(), 1, "the refusals added nothing");
}

fn a_new_check_in_can_start_while_the_last_one_waits_for_signatures(engine: Engine) {
    let mut f = Fixture::on(engine);
    with_employer(&mut f);
    let amy = f.amy;
    let waiting = completed_review(&mut f);
    let next = f.as_assessor().start_checkin(amy).expect("started");
    assert!(!next.resumed);
    assert_ne!(next.id, waiting);
}

fn a_signature_changed_behind_the_app_s_back_is_caught_by_verify(engine: Engine) {
    let mut f = Fixture::on(engine);
    let dana = with_employer(&mut f);
    let id = completed_review(&mut f);
    for person in [f.amy, f.assessor, dana] {
        f.ops(Some(person)).sign_review(id).expect("signed");
    }
    let refused = f
        .engine
        .execute("UPDATE checkin_signature SET person_id = 1");
    assert!(refused.is_err(), "a trigger refuses changing a signature");
    let on = if f.engine.is_postgres() {
        " ON checkin_signature"
    } else {
        ""
    };
    f.engine
        .execute(&format!(
            "DROP TRIGGER checkin_signature_is_append_only_update{on};
             UPDATE checkin_signature SET signed_at = '2026-01-01T00:00:00Z' WHERE role = 'employer';"
        ))
        .expect("forced");
    let (problems, _) = f.store.verify_seals().expect("verify");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].checkin_id, id);
}

fn cli(f: &Fixture, today: &str, args: &[&str]) -> String {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_pcso-tracker"))
        .args(["--today", today, "--db"])
        .arg(f.engine.db())
        .args(args)
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

fn a_review_awaiting_a_signature_shows_in_the_caseload_report_and_list_and_warns_when_overdue(
    engine: Engine,
) {
    let mut f = Fixture::on(engine);
    let id = completed_review(&mut f);
    f.ops(Some(f.amy))
        .sign_review(id)
        .expect("apprentice signs");
    f.as_assessor().sign_review(id).expect("assessor signs");
    let waiting = "awaiting employer signature for 12 days";
    let report = cli(&f, "2026-12-03", &["report", "Amy Clark"]);
    assert!(
        report.contains(&format!("| Check-in {id} | {waiting} |")),
        "{report}"
    );
    assert!(
        !report.contains(&format!("{waiting} (overdue)")),
        "{report}"
    );
    let caseload = cli(&f, "2026-12-03", &["report", "--all"]);
    assert!(
        caseload.contains(&format!("check-in {id} {waiting}")),
        "{caseload}"
    );
    let list = cli(&f, "2026-12-03", &["checkin", "list", "Amy Clark"]);
    assert!(
        list.contains("unsigned") && list.contains(waiting),
        "{list}"
    );
    let late = cli(&f, "2026-12-06", &["report", "Amy Clark"]);
    let warning = format!("check-in {id} awaiting employer signature for 15 days: overdue");
    assert!(late.contains(&warning), "{late}");
    assert!(
        judgement_of_lo1(&f) == Judgement::NotAssessed,
        "not sealed, not in effect"
    );
}

/// Who the last history row says made it.
fn last_actor(f: &Fixture) -> Option<i64> {
    f.engine
        .number("SELECT actor_id FROM history ORDER BY id DESC LIMIT 1")
}

fn a_party_at_the_meeting_signs_with_their_own_pin_and_a_wrong_one_signs_nothing(engine: Engine) {
    let mut f = Fixture::on(engine);
    let amy = f.amy;
    f.as_amy().set_pin(amy, None, "4321").expect("PIN set");
    let id = completed_review(&mut f);
    let rows = f.history_rows();
    let wrong = f.as_assessor().sign_review_in_person(id, amy, "1234");
    assert!(
        matches!(&wrong, Err(OpError::Refused(m)) if m.contains("wrong PIN for Amy Clark")),
        "{wrong:?}"
    );
    assert!(f.store.review_signatures(id).expect("read").is_empty());
    assert_eq!(
        f.history_rows(),
        rows,
        "a wrong PIN is recorded as nothing done"
    );
    let tries = f.store.pin(amy).expect("read").expect("a PIN").tries;
    assert_eq!(tries.failed, 1, "only the lock-out counter moved");
    let signed = f
        .as_assessor()
        .sign_review_in_person(id, amy, "4321")
        .expect("signed with her PIN");
    assert_eq!((signed.party, signed.sealed), (Party::Apprentice, false));
    let signatures = f.store.review_signatures(id).expect("read");
    assert_eq!(signatures[0].person_id, amy);
    assert_eq!(last_actor(&f), Some(amy.0), "recorded as signed by Amy");
    let twice = f.as_assessor().sign_review_in_person(id, amy, "4321");
    assert!(
        matches!(&twice, Err(OpError::Refused(m)) if m.contains("already signed")),
        "{twice:?}"
    );
}

on_both_engines!(
    a_review_signed_in_each_order_seals_once_on_the_last_signature_and_verify_holds,
    a_party_signs_once_and_only_as_themselves_and_only_once_completed,
    a_new_check_in_can_start_while_the_last_one_waits_for_signatures,
    a_signature_changed_behind_the_app_s_back_is_caught_by_verify,
    a_review_awaiting_a_signature_shows_in_the_caseload_report_and_list_and_warns_when_overdue,
    a_party_at_the_meeting_signs_with_their_own_pin_and_a_wrong_one_signs_nothing,
);
