//! A database with an administrator, an assessor, an employer and one
//! apprentice, driven through the operations layer with the clock at noon
//! on 2026-11-21.

use super::day;
use super::engine::Engine;
use chrono::{TimeZone, Utc};
use pcso_tracker::domain::{CheckinContent, PersonId, Role};
use pcso_tracker::framework::Registry;
use pcso_tracker::ops::{Clock, Enrolling, Field, OpError, Ops, PersonRecord, person_record};
use pcso_tracker::store::Store;

/// Sam Patel assesses Amy Clark, who started on 2026-09-01 and whose
/// employer is Jo Reid; Ada Lovell is the administrator who added them.
pub struct Fixture {
    pub engine: Engine,
    pub store: Store,
    pub registry: Registry,
    pub clock: Clock,
    pub admin: PersonId,
    pub assessor: PersonId,
    pub employer: PersonId,
    pub amy: PersonId,
}

impl Fixture {
    pub fn new() -> Fixture {
        Fixture::on(Engine::sqlite())
    }

    /// As `new`, on `engine`.
    pub fn on(engine: Engine) -> Fixture {
        Fixture::with_registry_on(Registry::load(None).expect("frameworks"), engine)
    }

    /// As `new`, with Amy enrolled on the registry's default framework.
    pub fn with_registry(registry: Registry) -> Fixture {
        Fixture::with_registry_on(registry, Engine::sqlite())
    }

    /// As `with_registry`, on `engine`.
    pub fn with_registry_on(registry: Registry, engine: Engine) -> Fixture {
        let store = engine.open();
        let clock = Clock::fixed(Utc.with_ymd_and_hms(2026, 11, 21, 12, 0, 0).unwrap());
        let mut fixture = Fixture {
            engine,
            store,
            registry,
            clock,
            admin: PersonId(0),
            assessor: PersonId(0),
            employer: PersonId(0),
            amy: PersonId(0),
        };
        fixture.admin = fixture
            .ops(None)
            .add_person("Ada Lovell", Role::Administrator, false)
            .expect("the first administrator");
        fixture.assessor = fixture
            .as_admin()
            .add_assessor("Sam Patel", false)
            .expect("assessor");
        fixture.employer = fixture
            .as_admin()
            .add_person("Jo Reid", Role::Employer, false)
            .expect("employer");
        let amy = Enrolling {
            name: "Amy Clark".into(),
            start: Some(day("2026-09-01")),
            date_of_birth: Some(day("2000-05-01")),
            assessor: Some(fixture.assessor),
            ..Enrolling::default()
        };
        fixture.amy = fixture.as_admin().enrol(&amy).expect("enrol").person;
        let (amy, employer) = (fixture.amy, fixture.employer);
        fixture
            .as_admin()
            .set_employer(amy, Some(employer))
            .expect("employer named");
        fixture
    }

    /// Adds and enrols another apprentice on the bundled PCSO standard.
    pub fn enrol(&mut self, name: &str, assessor: Option<PersonId>) -> PersonId {
        let input = Enrolling {
            name: name.into(),
            start: Some(day("2026-09-01")),
            date_of_birth: Some(day("2000-05-01")),
            assessor,
            ..Enrolling::default()
        };
        self.as_admin().enrol(&input).expect("enrol").person
    }

    pub fn as_admin(&mut self) -> Ops<'_> {
        let admin = self.admin;
        self.ops(Some(admin))
    }

    pub fn as_amy(&mut self) -> Ops<'_> {
        let amy = self.amy;
        self.ops(Some(amy))
    }

    pub fn as_employer(&mut self) -> Ops<'_> {
        let employer = self.employer;
        self.ops(Some(employer))
    }

    pub fn ops(&mut self, actor: Option<PersonId>) -> Ops<'_> {
        Ops::new(&mut self.store, &self.registry, self.clock, actor)
    }

    pub fn as_assessor(&mut self) -> Ops<'_> {
        let assessor = self.assessor;
        self.ops(Some(assessor))
    }

    /// Sam completes Amy's draft `id` with `content`, then Amy, Sam and
    /// Jo each sign it as themselves; the last signature seals it.
    pub fn complete_and_seal(&mut self, id: i64, content: &CheckinContent) -> Result<(), OpError> {
        self.as_assessor().complete_checkin(id, content)?;
        for party in [self.amy, self.assessor, self.employer] {
            self.ops(Some(party)).sign_review(id)?;
        }
        Ok(())
    }

    pub fn history_rows(&self) -> i64 {
        self.engine
            .number("SELECT count(*) FROM history")
            .expect("count")
    }

    pub fn record(&self, person: PersonId) -> PersonRecord {
        person_record(&self.store, &self.registry, person, self.clock.today()).expect("record")
    }

    pub fn codes(&self) -> Vec<String> {
        let framework = self
            .registry
            .default_framework()
            .expect("loads")
            .expect("framework");
        framework.outcomes.iter().map(|o| o.code.clone()).collect()
    }
}

/// The input a refusal names.
pub fn field<T: std::fmt::Debug>(result: Result<T, OpError>) -> Field {
    match result {
        Err(OpError::Invalid { field, .. }) => field,
        other => panic!("expected a refused input, got {other:?}"),
    }
}
