//! Personal PINs through the operations layer: set by their owner, checked
//! before anyone acts as them, and locked for a minute after three wrong
//! tries, on both engines. Time is moved on the clock the operations get,
//! never slept.

use chrono::TimeDelta;
use pcso_tracker::domain::PIN_LOCK;
use pcso_tracker::ops::{Clock, Field, OpError, Ops};
use pcso_tracker::store::RecordKey;

mod common;

use common::engine::Engine;
use common::fixture::{Fixture, field};

/// Amy with the PIN 4321, set by herself.
fn amy_with_pin(engine: Engine) -> Fixture {
    let mut fixture = Fixture::on(engine);
    let amy = fixture.amy;
    fixture
        .ops(Some(amy))
        .set_pin(amy, None, "4321")
        .expect("Amy sets her PIN");
    fixture
}

/// The operations with the clock moved on by `later`.
fn after(fixture: &mut Fixture, later: TimeDelta) -> Ops<'_> {
    let clock = Clock::fixed(fixture.clock.now() + later);
    Ops::new(&mut fixture.store, &fixture.registry, clock, None)
}

fn refusal(result: Result<(), OpError>) -> String {
    match result {
        Err(OpError::Refused(message)) => message,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// The first row's text `sql` reads behind the store's back.
fn stored(fixture: &Fixture, sql: &str) -> Option<String> {
    fixture.engine.texts(sql).into_iter().next()
}

fn the_right_pin_passes_and_a_person_without_one_passes(engine: Engine) {
    let mut fixture = amy_with_pin(engine);
    let (amy, sam) = (fixture.amy, fixture.assessor);
    fixture.ops(None).check_pin(amy, "4321").expect("right PIN");
    fixture
        .ops(None)
        .check_pin(sam, "")
        .expect("Sam has no PIN");
}

fn only_a_hash_is_kept_and_history_says_a_pin_was_set_without_it(engine: Engine) {
    let fixture = amy_with_pin(engine);
    let hash = stored(&fixture, "SELECT hash FROM person_pin").expect("a hash");
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    assert!(!hash.contains("4321"));
    let rows = fixture
        .store
        .history_of(&RecordKey::Pin(fixture.amy))
        .expect("history");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].actor.as_deref(), Some("Amy Clark"));
    assert_eq!(rows[0].after.as_deref(), Some("set"));
    let hashed = fixture.engine.number(
        "SELECT count(*) FROM history
          WHERE coalesce(before, '') LIKE '%argon2%' OR coalesce(after, '') LIKE '%argon2%'",
    );
    assert_eq!(hashed, Some(0), "no history row holds the hash");
}

fn a_wrong_pin_changes_nothing_but_the_count_of_wrong_tries(engine: Engine) {
    let mut fixture = amy_with_pin(engine);
    let amy = fixture.amy;
    let history = fixture.history_rows();
    let message = refusal(fixture.ops(None).check_pin(amy, "1111"));
    assert_eq!(
        message,
        "wrong PIN for Amy Clark (2 tries left before a minute's lock-out)"
    );
    assert_eq!(fixture.history_rows(), history);
    assert_eq!(
        stored(&fixture, "SELECT CAST(failed AS TEXT) FROM person_pin").as_deref(),
        Some("1")
    );
    fixture.ops(None).check_pin(amy, "4321").expect("right PIN");
    assert_eq!(
        stored(&fixture, "SELECT CAST(failed AS TEXT) FROM person_pin").as_deref(),
        Some("0"),
        "a right PIN starts the count again"
    );
}

fn three_wrong_tries_lock_the_person_for_a_minute_even_against_the_right_pin(engine: Engine) {
    let mut fixture = amy_with_pin(engine);
    let amy = fixture.amy;
    refusal(fixture.ops(None).check_pin(amy, "0000"));
    refusal(fixture.ops(None).check_pin(amy, "0000"));
    let third = refusal(fixture.ops(None).check_pin(amy, "0000"));
    assert!(third.contains("locked for a minute"), "{third}");
    let locked = refusal(after(&mut fixture, TimeDelta::seconds(20)).check_pin(amy, "4321"));
    assert_eq!(
        locked,
        "Amy Clark is locked after too many wrong PINs; try again in 40 seconds"
    );
    let still =
        refusal(after(&mut fixture, PIN_LOCK - TimeDelta::seconds(1)).check_pin(amy, "4321"));
    assert!(still.contains("try again in 1 second"), "{still}");
    after(&mut fixture, PIN_LOCK)
        .check_pin(amy, "4321")
        .expect("unlocked after a minute");
}

fn after_the_lock_a_person_has_three_tries_again(engine: Engine) {
    let mut fixture = amy_with_pin(engine);
    let amy = fixture.amy;
    for _ in 0..3 {
        refusal(fixture.ops(None).check_pin(amy, "0000"));
    }
    let later = after(&mut fixture, PIN_LOCK).check_pin(amy, "0000");
    assert!(refusal(later).contains("2 tries left"));
}

fn a_person_sets_only_their_own_pin_and_changing_it_asks_for_the_old_one(engine: Engine) {
    let mut fixture = amy_with_pin(engine);
    let (amy, sam) = (fixture.amy, fixture.assessor);
    let by_sam = refusal(fixture.ops(Some(sam)).set_pin(amy, None, "9999"));
    assert!(
        by_sam.contains("only Amy Clark may set their own PIN"),
        "{by_sam}"
    );
    let without_old = refusal(fixture.ops(Some(amy)).set_pin(amy, None, "9999"));
    assert!(
        without_old.contains("give it to change it"),
        "{without_old}"
    );
    let wrong_old = refusal(fixture.ops(Some(amy)).set_pin(amy, Some("1111"), "9999"));
    assert!(
        wrong_old.starts_with("wrong PIN for Amy Clark"),
        "{wrong_old}"
    );
    fixture
        .ops(Some(amy))
        .set_pin(amy, Some("4321"), "9999")
        .expect("changed with the old PIN");
    refusal(fixture.ops(None).check_pin(amy, "4321"));
    fixture
        .ops(None)
        .check_pin(amy, "9999")
        .expect("the new PIN");
    let rows = fixture
        .store
        .history_of(&RecordKey::Pin(amy))
        .expect("history");
    assert_eq!(rows.len(), 2, "set, then changed");
}

fn a_pin_too_short_is_refused_as_the_pin_input(engine: Engine) {
    let mut fixture = Fixture::on(engine);
    let amy = fixture.amy;
    assert_eq!(
        field(fixture.ops(Some(amy)).set_pin(amy, None, "12")),
        Field::Pin
    );
    fixture.ops(None).check_pin(amy, "").expect("still no PIN");
}

fn the_clock_the_operations_get_is_the_one_the_lock_is_judged_by(engine: Engine) {
    let mut fixture = amy_with_pin(engine);
    let amy = fixture.amy;
    for _ in 0..3 {
        refusal(fixture.ops(None).check_pin(amy, "0000"));
    }
    let stored = fixture.store.pin(amy).expect("read").expect("a PIN");
    assert_eq!(
        stored.tries.locked_until,
        Some(fixture.clock.now() + PIN_LOCK)
    );
}

on_both_engines!(
    the_right_pin_passes_and_a_person_without_one_passes,
    only_a_hash_is_kept_and_history_says_a_pin_was_set_without_it,
    a_wrong_pin_changes_nothing_but_the_count_of_wrong_tries,
    three_wrong_tries_lock_the_person_for_a_minute_even_against_the_right_pin,
    after_the_lock_a_person_has_three_tries_again,
    a_person_sets_only_their_own_pin_and_changing_it_asks_for_the_old_one,
    a_pin_too_short_is_refused_as_the_pin_input,
    the_clock_the_operations_get_is_the_one_the_lock_is_judged_by,
);
