//! Two apps on one shared database, each on its own login: Sam runs a
//! check-in with Chloe from his app and signs it; Chloe, in hers, is told
//! it awaits her signature and signs it with one key; each app sees the
//! other's changes, and neither can act or sign as the other.

mod common;

use common::engine::Engine;
use common::harness::{self, Harness};
use crossterm::event::KeyCode;
use pcso_tracker::framework::Registry;
use pcso_tracker::store::Store;
use pcso_tracker::tui::action::Action;
use pcso_tracker::tui::app::Screen;
use pcso_tracker::tui::update;

/// The check-in Sam starts with Chloe Evans: the demo holds eleven.
const REVIEW: i64 = 12;

/// The demo on a server database set up with `admin init`'s permissions,
/// a login for Sam and one for Chloe; gives the URL of each login.
fn shared_demo() -> Option<(Engine, String, String)> {
    let engine = Engine::postgres()?;
    let Engine::Postgres(url) = &engine else {
        return None;
    };
    let url = url.clone();
    let mut owner = harness::demo(&engine);
    let registry = Registry::load(None).expect("frameworks");
    owner
        .set_up_permissions(&registry.all().expect("frameworks"))
        .expect("permissions");
    let database = common::pg::database_name(&url).to_string();
    let mut login_url = |name: &str, person: &str| {
        let login = format!("{name}_{database}");
        let id = owner.find_person(person).expect(person).id;
        owner.grant_login(id, &login, None).expect("a login");
        url.replacen(
            "postgresql://postgres@",
            &format!("postgresql://{login}@"),
            1,
        )
    };
    let sam = login_url("sam", "Sam Patel");
    let chloe = login_url("chloe", "Chloe Evans");
    Some((engine, sam, chloe))
}

/// The app as it opens on `url`'s login: nobody named, the login says who.
fn app_on(url: &str) -> Harness {
    let store = Store::open_url(url).expect("the login connects");
    Harness::start(Engine::Postgres(url.to_string()), store, None, (120, 40))
}

/// What the event loop does when a notice says the database changed.
fn hears_of_changes(h: &mut Harness) {
    update::update(&mut h.app, &mut h.store, Action::CheckForChanges);
    h.idle();
}

#[test]
fn two_logins_run_and_sign_one_review_each_seeing_the_others_changes() {
    let Some((_owner, sam_url, chloe_url)) = shared_demo() else {
        return;
    };
    let mut sam = app_on(&sam_url);
    let mut chloe = app_on(&chloe_url);
    assert_eq!(
        sam.app.viewer.as_ref().map(|v| v.name.as_str()),
        Some("Sam Patel")
    );
    assert_eq!(
        chloe.app.viewer.as_ref().map(|v| v.name.as_str()),
        Some("Chloe Evans")
    );
    assert_eq!(
        chloe.app.screen,
        Screen::Person,
        "Chloe sees her own dashboard"
    );

    // Sam's check-in with Chloe (overdue, so first in his caseload): K3
    // judged competent, completed at the sign step, signed by him.
    sam.keys("c");
    assert_eq!(sam.app.screen, Screen::Checkin, "{}", sam.screen());
    sam.key(KeyCode::Tab);
    sam.keys("jjjc");
    for _ in 0..6 {
        sam.key(KeyCode::Tab);
    }
    sam.ctrl('s');
    sam.key(KeyCode::Enter);
    let signed: Vec<String> = signers(&sam.store);
    assert_eq!(signed, ["Sam Patel"]);

    // At Sam's app, Chloe's line asks for no PIN: she signs from her login.
    sam.key(KeyCode::Up);
    sam.key(KeyCode::Enter);
    assert!(
        sam.status()
            .contains("Chloe Evans signs from their own login"),
        "{}",
        sam.status()
    );
    assert_eq!(signers(&sam.store), ["Sam Patel"]);

    // Chloe's app hears of it and offers her the signature.
    hears_of_changes(&mut chloe);
    let screen = chloe.screen();
    assert!(
        screen.contains(&format!(
            "Check-in {REVIEW} of Chloe Evans awaits your signature"
        )),
        "{screen}"
    );
    chloe.keys("Y");
    assert!(
        chloe
            .status()
            .contains("signed by Chloe Evans and Sam Patel"),
        "{}",
        chloe.status()
    );

    // Sam's sign step shows her signature once his app hears of it.
    hears_of_changes(&mut sam);
    let signing = sam.app.checkin.as_ref().and_then(|s| s.signing.as_ref());
    let chloe_signed = signing
        .and_then(|s| {
            s.lines
                .iter()
                .find(|l| l.person.as_ref().is_some_and(|p| p.name == "Chloe Evans"))
        })
        .is_some_and(|line| line.signed);
    assert!(chloe_signed, "{}", sam.screen());

    // Her app offers no way to become someone else: `p` does nothing.
    chloe.keys("p");
    assert!(matches!(
        chloe.app.overlay,
        pcso_tracker::tui::app::Overlay::None
    ));
    assert_eq!(
        chloe.app.viewer.as_ref().map(|v| v.name.as_str()),
        Some("Chloe Evans")
    );
}

fn signers(store: &Store) -> Vec<String> {
    let record = store.checkin(REVIEW).expect("the review");
    record.signatures.iter().map(|s| s.name.clone()).collect()
}
