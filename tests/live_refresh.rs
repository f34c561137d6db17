//! Everyone sees everyone else's changes: two connections to one database,
//! as two people's apps on two machines. A change through one reaches the
//! other (on a server as a notice, at once; on a file by polling), an open
//! app shows it, and a write based on what one read before the other's
//! change is refused, naming who made it. Waits are generous: these check
//! that a change arrives, not how fast.

mod common;

use common::engine::Engine;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use pcso_tracker::domain::{EvidenceKind, Judgement, OutcomeStatus, PersonId};
use pcso_tracker::framework::Registry;
use pcso_tracker::ops::{Clock, EvidenceInput, OpError, Ops};
use pcso_tracker::store::postgres::CHANNEL;
use pcso_tracker::store::{ChangeListener, RecordKey, Store, StoreError};
use pcso_tracker::tui::app::App;
use pcso_tracker::tui::changes::ChangeWatch;
use pcso_tracker::tui::{Launch, look_for_changes, prepare, update, view};
use postgres::fallible_iterator::FallibleIterator;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::{Duration, Instant};

/// Long enough for any notice or poll to arrive on a loaded machine.
const PATIENCE: Duration = Duration::from_secs(20);

fn clock() -> Clock {
    let today = common::day("2026-11-21");
    Clock::fixed(today.and_hms_opt(10, 0, 0).expect("time").and_utc())
}

/// The demo's unit on `engine`, through a first connection.
fn demo(engine: &Engine) -> (Store, Registry) {
    let mut store = engine.open();
    let registry = Registry::load(None).expect("frameworks");
    Ops::new(&mut store, &registry, clock(), None)
        .load_demo(false)
        .expect("demo");
    (store, registry)
}

fn person(store: &Store, name: &str) -> PersonId {
    store.find_person(name).expect("in the demo").id
}

/// Evidence logged by `actor` for `apprentice`, through `store`.
fn log_evidence(store: &mut Store, registry: &Registry, actor: PersonId, title: &str) {
    let input = EvidenceInput {
        date: Some(common::day("2026-11-20")),
        title: title.into(),
        kind: EvidenceKind::WorkProduct,
        description: String::new(),
        file_ref: None,
        outcomes: vec!["LO1".into()],
    };
    Ops::new(store, registry, clock(), Some(actor))
        .add_evidence(actor, &input)
        .expect("evidence recorded");
}

fn heard(listener: &mut ChangeListener) -> bool {
    listener.wait(PATIENCE).expect("listening")
}

fn a_change_through_one_connection_reaches_the_other(engine: Engine) {
    let (mut writer, registry) = demo(&engine);
    let watcher = engine.open();
    let before = watcher.data_version().expect("version");
    let mut listener = watcher.change_listener().expect("a listener");
    assert_eq!(
        listener.is_some(),
        engine.is_postgres(),
        "a server announces changes; a file is polled"
    );
    let ben = person(&writer, "Ben Okafor");
    log_evidence(&mut writer, &registry, ben, "Street surgery log");
    if let Some(listener) = &mut listener {
        assert!(heard(listener), "the other connection heard the change");
        let again = listener.wait(Duration::from_millis(300)).expect("wait");
        assert!(!again, "one change is one notice, taken whole");
    }
    assert_ne!(
        watcher.data_version().expect("version"),
        before,
        "the other connection reads that the database changed"
    );
}

fn a_write_based_on_a_record_someone_else_changed_is_refused_naming_them(engine: Engine) {
    let (mut sams, registry) = demo(&engine);
    let mut bens = engine.open();
    let ben = person(&bens, "Ben Okafor");
    let sam = person(&bens, "Sam Patel");
    let enrolment = bens
        .latest_enrolment(ben)
        .expect("read")
        .expect("enrolled")
        .id;
    let key = RecordKey::Outcome(enrolment, "LO2".into());
    let read_by_ben = bens.version(&key).expect("version");
    Ops::new(&mut sams, &registry, clock(), Some(sam))
        .judge_outcome(ben, "LO2", Judgement::Competent, "Sound", None)
        .expect("Sam judges LO2 on his own machine");
    let refused = Ops::new(&mut bens, &registry, clock(), Some(ben)).set_outcome_status(
        ben,
        "LO2",
        OutcomeStatus::ReadyForReview,
        Some(read_by_ben),
    );
    match refused {
        Err(OpError::Stale { by, what, .. }) => {
            assert_eq!(by.as_deref(), Some("Sam Patel"));
            assert_eq!(what, "the status of LO2 Communicating with diverse people");
        }
        other => panic!("expected a stale write naming Sam, got {other:?}"),
    }
    let read_again = bens.version(&key).expect("version");
    let now = Ops::new(&mut bens, &registry, clock(), Some(ben)).set_outcome_status(
        ben,
        "LO2",
        OutcomeStatus::ReadyForReview,
        Some(read_again),
    );
    assert!(now.is_ok(), "read again, the write goes through: {now:?}");
}

/// Ben's app on his evidence tab, open on `engine`'s database.
fn bens_app(engine: &Engine, registry: Registry) -> (Store, App) {
    let mut store = engine.open();
    let launch = Launch {
        clock: clock(),
        acting_as: Some("Ben Okafor".into()),
    };
    let mut app = prepare(&store, registry, &launch, (120, 40)).expect("prepare");
    let key = Event::Key(KeyEvent::new(KeyCode::Char('3'), KeyModifiers::NONE));
    let action = update::action_for_event(&app, &key).expect("a key");
    update::update(&mut app, &mut store, action);
    (store, app)
}

fn screen(app: &App) -> String {
    let (width, height) = app.size;
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|frame| view::draw(frame, app)).expect("draw");
    format!("{}", terminal.backend())
}

fn an_open_app_shows_evidence_logged_on_another_machine(engine: Engine) {
    let (mut elsewhere, registry) = demo(&engine);
    let (mut store, mut app) = bens_app(&engine, registry.clone());
    // On a server only a notice can wake it: the fallback poll never comes.
    let mut watch = ChangeWatch::start(&store, Duration::from_secs(24 * 3600));
    assert_eq!(watch.is_listening(), engine.is_postgres());
    let title = "Ward surgery write-up";
    assert!(!screen(&app).contains(title));
    let ben = person(&elsewhere, "Ben Okafor");
    log_evidence(&mut elsewhere, &registry, ben, title);
    let started = Instant::now();
    while !look_for_changes(&mut app, &mut store, &mut watch) {
        assert!(
            started.elapsed() < PATIENCE,
            "the change never reached the app"
        );
        std::thread::sleep(watch.key_wait());
    }
    let shown = screen(&app);
    assert!(shown.contains(title), "{shown}");
    assert!(
        shown.contains("updated with changes made elsewhere"),
        "{shown}"
    );
}

on_both_engines!(
    a_change_through_one_connection_reaches_the_other,
    a_write_based_on_a_record_someone_else_changed_is_refused_naming_them,
    an_open_app_shows_evidence_logged_on_another_machine,
);

#[test]
fn a_lost_listening_connection_is_named_and_made_again() {
    let Some(engine) = Engine::postgres() else {
        return;
    };
    let (mut writer, registry) = demo(&engine);
    let mut listener = writer
        .change_listener()
        .expect("listen")
        .expect("a server listens");
    engine
        .execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
             WHERE datname = current_database() AND query LIKE 'LISTEN%'",
        )
        .expect("end the listening connection");
    let lost = listener
        .wait(PATIENCE)
        .expect_err("the connection was lost");
    assert!(
        matches!(&lost, StoreError::ServerUnreachable { path, .. } if path == writer.path()),
        "{lost:?}"
    );
    listener.reconnect().expect("listening again");
    let ben = person(&writer, "Ben Okafor");
    log_evidence(&mut writer, &registry, ben, "Beat meeting notes");
    assert!(heard(&mut listener), "heard again after reconnecting");
}

#[test]
fn people_on_their_own_logins_hear_each_others_changes_and_learn_nothing_else() {
    let Some(engine) = Engine::postgres() else {
        return;
    };
    let Engine::Postgres(url) = &engine else {
        unreachable!("a server");
    };
    let (mut owner, registry) = demo(&engine);
    let frameworks = registry.all().expect("frameworks");
    owner.set_up_permissions(&frameworks).expect("admin init");
    // Logins belong to the whole server, which the tests share.
    let login = |name: &str| format!("{name}_{}", common::pg::database_name(url));
    let ben = person(&owner, "Ben Okafor");
    for (name, who) in [("ben", ben), ("sam", person(&owner, "Sam Patel"))] {
        owner.grant_login(who, &login(name), None).expect("grant");
    }
    let chloe = person(&owner, "Chloe Evans");
    owner
        .grant_login(chloe, &login("chloe"), None)
        .expect("grant");
    let url_of = |name: &str| {
        url.replacen(
            "postgresql://postgres@",
            &format!("postgresql://{}@", login(name)),
            1,
        )
    };
    let open_as = |name: &str| Store::open_url(&url_of(name)).expect("open as a login");
    let mut bens = open_as("ben");
    let mut bens_listener = bens
        .change_listener()
        .expect("Ben listens")
        .expect("a server");
    let mut sams_listener = open_as("sam")
        .change_listener()
        .expect("Sam listens")
        .expect("a server");
    let mut chloes = postgres::Client::connect(&url_of("chloe"), postgres::NoTls).expect("Chloe");
    chloes
        .batch_execute(&format!("LISTEN {CHANNEL}"))
        .expect("Chloe listens");
    log_evidence(&mut bens, &registry, ben, "Shift handover notes");
    assert!(heard(&mut sams_listener), "his assessor's app hears it");
    assert!(heard(&mut bens_listener), "his other app hears it");
    // Any login may listen: the notice itself says nothing of whose record.
    let notice = chloes
        .notifications()
        .timeout_iter(PATIENCE)
        .next()
        .expect("listening")
        .expect("a notice");
    assert_eq!(notice.channel(), CHANNEL);
    assert_eq!(notice.payload(), "");
}

#[test]
fn an_open_app_listens_again_after_its_listening_connection_is_lost() {
    let Some(engine) = Engine::postgres() else {
        return;
    };
    let (mut elsewhere, registry) = demo(&engine);
    let (mut store, mut app) = bens_app(&engine, registry.clone());
    let mut watch = ChangeWatch::start(&store, Duration::from_secs(24 * 3600));
    engine
        .execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
             WHERE datname = current_database() AND query LIKE 'LISTEN%'",
        )
        .expect("end the listening connection");
    let title = "Community meeting record";
    let ben = person(&elsewhere, "Ben Okafor");
    log_evidence(&mut elsewhere, &registry, ben, title);
    let started = Instant::now();
    while !look_for_changes(&mut app, &mut store, &mut watch) {
        assert!(
            started.elapsed() < PATIENCE,
            "the app stopped hearing changes"
        );
        std::thread::sleep(watch.key_wait());
    }
    assert!(screen(&app).contains(title));
}
