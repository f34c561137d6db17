//! The lists of people the app reads a window at a time, and finding a
//! person by name, on both engines: names ordered and matched ignoring
//! ASCII case, a typed part matched literally, and the next check-in due
//! first.

use pcso_tracker::domain::{CheckinContent, Judgement, PersonId, PersonSummary};
use pcso_tracker::store::{NameAnchor, PeopleFilter};

mod common;

use common::day;
use common::engine::Engine;
use common::fixture::Fixture;

/// Amy Clark (Sam's), ben okafor (Sam's), Bea Long and Cal Ray, all
/// enrolled from 2026-09-01; gives ben's and Cal's ids.
fn four_enrolled(f: &mut Fixture) -> (PersonId, PersonId) {
    let sam = f.assessor;
    let ben = f.enrol("ben okafor", Some(sam));
    f.enrol("Bea Long", None);
    let cal = f.enrol("Cal Ray", None);
    (ben, cal)
}

fn names(rows: &[PersonSummary]) -> Vec<&str> {
    rows.iter().map(|p| p.name.as_str()).collect()
}

fn the_list_reads_by_name_ignoring_case_a_window_at_a_time(engine: Engine) {
    let mut f = Fixture::on(engine);
    let (ben, cal) = four_enrolled(&mut f);
    let all = PeopleFilter::default();
    assert_eq!(f.store.count_listed(all).expect("count"), 4);
    let first = f
        .store
        .listed_by_name(all, NameAnchor::First, 0, 2)
        .expect("first");
    assert_eq!(names(&first), ["Amy Clark", "Bea Long"]);
    let next = f
        .store
        .listed_by_name(all, NameAnchor::After(&first[1]), 0, 2)
        .expect("next");
    assert_eq!(names(&next), ["ben okafor", "Cal Ray"]);
    let back = f
        .store
        .listed_by_name(all, NameAnchor::Before(&next[0]), 0, 2)
        .expect("back");
    assert_eq!(names(&back), ["Amy Clark", "Bea Long"]);
    let last = f
        .store
        .listed_by_name(all, NameAnchor::Last, 1, 2)
        .expect("last");
    assert_eq!(names(&last), ["Bea Long", "ben okafor"]);
    let sams = PeopleFilter {
        assessor: Some(f.assessor),
        name_contains: "",
    };
    assert_eq!(
        f.store.listed_ids_by_name(sams).expect("Sam's"),
        [f.amy, ben]
    );
    let with_b = PeopleFilter {
        assessor: None,
        name_contains: "B",
    };
    assert_eq!(f.store.count_listed(with_b).expect("count"), 2);
    let literal = PeopleFilter {
        assessor: None,
        name_contains: "_",
    };
    assert_eq!(
        f.store.count_listed(literal).expect("count"),
        0,
        "a typed _ is not a wildcard"
    );
    let chosen = f.store.listed_with_ids(&[cal, ben, f.amy]).expect("by id");
    assert_eq!(names(&chosen), ["Cal Ray", "ben okafor", "Amy Clark"]);
}

fn anyone_is_found_by_part_of_a_name_or_the_start_of_a_word(engine: Engine) {
    let mut f = Fixture::on(engine);
    four_enrolled(&mut f);
    let named: Vec<String> = f
        .store
        .people_named("A", 4)
        .expect("named")
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(named, ["Ada Lovell", "Amy Clark", "Bea Long", "ben okafor"]);
    assert_eq!(f.store.find_person("ray").expect("a word").name, "Cal Ray");
    assert_eq!(
        f.store.find_person("BEN OKAFOR").expect("the name").name,
        "ben okafor"
    );
    assert!(f.store.find_person("a").is_err(), "more than one matches");
}

fn the_next_check_in_due_comes_first_and_an_unknown_framework_before_all(engine: Engine) {
    let mut f = Fixture::on(engine);
    let (ben, cal) = four_enrolled(&mut f);
    let amy = f.amy;
    let started = f.as_assessor().start_checkin(amy).expect("started");
    let mut content = CheckinContent {
        next_due: Some(day("2027-02-13")),
        ..CheckinContent::default()
    };
    content.judge("LO1", Judgement::Competent, None);
    f.complete_and_seal(started.id, &content).expect("sealed");
    let framework = f
        .store
        .latest_enrolment(amy)
        .expect("read")
        .expect("enrolled")
        .framework_id;
    let bea = f.store.find_person("Bea Long").expect("Bea").id;
    let all = PeopleFilter::default();
    let intervals = [(framework.as_str(), 84)];
    assert_eq!(
        f.store
            .listed_ids_by_next_checkin(all, &intervals)
            .expect("by due date"),
        [bea, ben, cal, amy],
        "Amy's review is the latest, so hers falls due last"
    );
    assert_eq!(
        f.store
            .listed_ids_by_next_checkin(all, &[("another-framework", 7)])
            .expect("unknown"),
        [amy, bea, ben, cal],
        "no due date: by name"
    );
}

on_both_engines!(
    the_list_reads_by_name_ignoring_case_a_window_at_a_time,
    anyone_is_found_by_part_of_a_name_or_the_start_of_a_word,
    the_next_check_in_due_comes_first_and_an_unknown_framework_before_all,
);
