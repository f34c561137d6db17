//! The app's state: what is on screen, what is selected, and the records
//! read for it. Only `update` changes it; the view only reads it.

use super::background::Job;
use super::checkin::CheckinSession;
use super::form::Form;
use super::last_user::LastUser;
use super::people_window::{ListKey, PeopleWindow};
use super::theme::Theme;
use super::undo::UndoStep;
use super::who::{Chooser, PinPrompt};
use crate::domain::standing::Standing;
use crate::domain::{
    LearningBreak, OutcomeStatus, Person, PersonId, PersonSummary, Progress, Role, awaited_signer,
};
use crate::framework::{Framework, Party, Registry};
use crate::ops::{Clock, OpError, Ops, person_record};
use crate::report::{CaseloadColumn, CaseloadLine, CaseloadOrder};
use crate::store::{HistoryRow, RecordKey, Store, StoreError};
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Dashboard,
    Outcomes,
    Evidence,
    Requirements,
    Hours,
    Readiness,
    Timeline,
    /// The person's check-ins: notes, judgements, actions, signatures.
    Reviews,
}

impl Tab {
    pub const ALL: [Tab; 8] = [
        Tab::Dashboard,
        Tab::Outcomes,
        Tab::Evidence,
        Tab::Requirements,
        Tab::Hours,
        Tab::Readiness,
        Tab::Timeline,
        Tab::Reviews,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Tab::Dashboard => "Dashboard",
            Tab::Outcomes => "Outcomes",
            Tab::Evidence => "Evidence",
            Tab::Requirements => "Requirements",
            Tab::Hours => "Hours",
            Tab::Readiness => "Readiness",
            Tab::Timeline => "Timeline",
            Tab::Reviews => "Reviews",
        }
    }

    /// For narrow terminals.
    pub fn short_title(self) -> &'static str {
        match self {
            Tab::Dashboard => "Dash",
            Tab::Evidence => "Evid",
            Tab::Requirements => "Reqs",
            Tab::Readiness => "Ready",
            Tab::Timeline => "Time",
            other => other.title(),
        }
    }

    pub fn index(self) -> usize {
        Tab::ALL.iter().position(|tab| *tab == self).unwrap_or(0)
    }

    pub fn offset(self, step: isize) -> Tab {
        let count = Tab::ALL.len() as isize;
        Tab::ALL[(self.index() as isize + step).rem_euclid(count) as usize]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// An empty database: add yourself, or load the demo.
    Welcome,
    /// Choose whose progress to open.
    Picker,
    /// One person's screens, by tab.
    Person,
    /// An assessor running a check-in with the person on screen.
    Checkin,
    /// An assessor's outcomes awaiting judgement across her caseload.
    Queue,
}

/// Everything read for the person on screen.
pub struct Loaded {
    pub person: Person,
    pub framework: Framework,
    pub progress: Progress,
    pub breaks: Vec<LearningBreak>,
    pub standing: Standing,
    /// History of the selected outcome, for its detail pane.
    pub outcome_history: Vec<HistoryRow>,
    /// Evidence of the selected outcome, for its detail pane.
    pub outcome_evidence: OutcomeEvidence,
    /// Evidence items dated in each month of the programme, for the timeline.
    pub evidence_per_month: Vec<usize>,
    /// The person's check-ins in full, newest first; read when the
    /// Reviews tab is first shown (`None` until then).
    pub reviews: Option<Vec<crate::domain::Checkin>>,
}

/// How much evidence shows an outcome, and the latest items.
#[derive(Debug, Default)]
pub struct OutcomeEvidence {
    pub code: String,
    pub count: usize,
    /// Indexes into the person's evidence, newest first.
    pub latest: Vec<usize>,
}

/// How many of the latest items the detail pane lists.
const LATEST_EVIDENCE: usize = 6;

impl OutcomeEvidence {
    fn of(progress: &Progress, code: &str) -> OutcomeEvidence {
        let showing: Vec<usize> = (0..progress.evidence.len())
            .rev()
            .filter(|&at| progress.evidence[at].outcomes.iter().any(|c| c == code))
            .collect();
        OutcomeEvidence {
            code: code.to_string(),
            count: showing.len(),
            latest: showing.into_iter().take(LATEST_EVIDENCE).collect(),
        }
    }
}

impl Loaded {
    /// Evidence counted by month of the programme, months from the start.
    fn count_evidence_by_month(progress: &Progress, framework: &Framework) -> Vec<usize> {
        let start = progress.enrolment.start_date;
        let months = framework.programme.duration_months.max(1);
        let bounds: Vec<NaiveDate> = (0..=months)
            .map(|month| crate::domain::add_months(start, month))
            .collect();
        let mut counts = vec![0; months as usize];
        for item in &progress.evidence {
            // The month whose start is the last on or before the item's date.
            let after = bounds.partition_point(|from| *from <= item.date);
            if let Some(count) = after.checked_sub(1).and_then(|m| counts.get_mut(m)) {
                *count += 1;
            }
        }
        counts
    }
}

/// What sits above the screen and takes the keys first.
pub enum Overlay {
    None,
    /// The help screen, scrolled down this many lines.
    Help(u16),
    Error(String),
    Confirm(Confirm),
    Form(Box<Form>),
    /// Choosing who is using the app.
    Choose(Box<Chooser>),
    /// A PIN asked before acting as someone.
    Pin(Box<PinPrompt>),
    /// One piece of evidence, read only (its id).
    Evidence(i64),
    /// The command palette.
    Palette(Box<super::palette::Palette>),
}

/// A destructive action waiting for a yes.
pub enum Confirm {
    /// The draft check-in being run.
    DiscardCheckin { id: i64 },
    DeleteEvidence {
        id: i64,
        title: String,
        version: crate::domain::Version,
    },
    DeleteHours {
        id: i64,
        /// The entry in words: hours, category, date.
        what: String,
        version: crate::domain::Version,
    },
}

/// The row selected on each list, kept while moving between tabs.
#[derive(Debug, Default, Clone, Copy)]
pub struct Cursors {
    pub picker: usize,
    pub outcomes: usize,
    pub evidence: usize,
    pub requirements: usize,
    pub hours: usize,
    pub reviews: usize,
    pub queue: usize,
}

/// Narrowing of the outcomes table.
#[derive(Debug, Default, Clone)]
pub struct OutcomeFilter {
    pub text: String,
    /// While typing the text filter.
    pub editing: bool,
    pub status: Option<OutcomeStatus>,
    pub outcome_type: Option<String>,
}

impl OutcomeFilter {
    /// Whether anything narrows the list.
    pub fn active(&self) -> bool {
        !self.text.is_empty() || self.status.is_some() || self.outcome_type.is_some()
    }
}

pub struct App {
    pub today: NaiveDate,
    /// The clock every change made from the app is stamped by.
    pub clock: Clock,
    pub theme: Theme,
    /// Terminal size in cells, for layout and mouse hit-testing.
    pub size: (u16, u16),
    /// Who is using the app (`--as`); decides who may judge.
    pub viewer: Option<Person>,
    pub registry: Registry,
    pub screen: Screen,
    pub tab: Tab,
    /// The list of people (an assessor's caseload): its count and the rows
    /// around those on screen.
    pub people: PeopleWindow,
    /// Caseload columns for picker rows, worked out for the rows shown;
    /// `None` for a person whose records could not be judged.
    pub caseload: HashMap<i64, Option<CaseloadLine>>,
    pub loaded: Option<Loaded>,
    pub cursors: Cursors,
    pub filter: OutcomeFilter,
    pub overlay: Overlay,
    /// A form waiting under an error message, to come back unchanged.
    pub pending_form: Option<Box<Form>>,
    pub undo: Vec<UndoStep>,
    pub status_line: Option<String>,
    /// The hours chart: its view and how far back it is scrolled.
    pub hours_chart: super::hours_chart::HoursChart,
    /// Lines of the selected review scrolled past.
    pub review_scroll: u16,
    /// The selected review takes the whole screen.
    pub review_expanded: bool,
    /// The check-in being run, in check-in mode.
    pub checkin: Option<CheckinSession>,
    /// The judgement queue as read when it was opened, oldest first.
    pub queue: Vec<crate::domain::AwaitingJudgement>,
    /// The list of people with the next check-in due first (else by name).
    pub picker_order: CaseloadOrder,
    /// The store's change counter when the screen was last read.
    pub seen_data_version: i64,
    /// Work asked of the background and not yet sent (`take_jobs`).
    pub(super) outbox: Vec<Job>,
    /// Work sent since the records last changed, so none is sent twice.
    pub(super) asked: HashSet<Job>,
    /// How many times the list of people was read afresh after a change:
    /// work finished for an older generation is dropped.
    pub(super) generation: u64,
    /// Where the person using the app is remembered for next time (none:
    /// not remembered).
    pub last_user: Option<LastUser>,
    /// The server said who is connected: the viewer cannot be changed.
    pub identity_from_login: bool,
    pub quit: bool,
}

impl App {
    pub fn new(clock: Clock, registry: Registry, size: (u16, u16)) -> Self {
        App {
            today: clock.today(),
            clock,
            theme: Theme::from_environment(),
            size,
            viewer: None,
            registry,
            screen: Screen::Welcome,
            tab: Tab::Dashboard,
            people: PeopleWindow::default(),
            caseload: HashMap::new(),
            loaded: None,
            cursors: Cursors::default(),
            filter: OutcomeFilter::default(),
            overlay: Overlay::None,
            pending_form: None,
            undo: Vec::new(),
            status_line: None,
            hours_chart: Default::default(),
            review_scroll: 0,
            review_expanded: false,
            checkin: None,
            queue: Vec::new(),
            picker_order: CaseloadOrder::first(CaseloadColumn::Name),
            seen_data_version: 0,
            outbox: Vec::new(),
            asked: HashSet::new(),
            generation: 0,
            last_user: None,
            identity_from_login: false,
            quit: false,
        }
    }

    pub fn viewer_is_assessor(&self) -> bool {
        self.viewer
            .as_ref()
            .is_some_and(|viewer| viewer.role == Role::Assessor)
    }

    pub fn viewer_id(&self) -> Option<PersonId> {
        self.viewer.as_ref().map(|viewer| viewer.id)
    }

    /// The party the person using the app may sign the gateway sign-off
    /// of the person on screen as, now.
    pub fn gateway_signer(&self) -> Option<Party> {
        let loaded = self.loaded.as_ref()?;
        let standing = &loaded.standing;
        awaited_signer(
            &loaded.person,
            standing.gateway.as_ref(),
            standing.gateway_signoff.as_ref(),
            self.viewer_id()?,
        )
    }

    /// The rows of the list of people held now, the first at list position
    /// `people.start`: an assessor sees their caseload, anyone else everyone
    /// enrolled; narrowed by the typed filter, in the chosen order.
    pub fn picker_rows(&self) -> Vec<&PersonSummary> {
        self.people.rows.iter().collect()
    }

    /// The person selected on the list of people.
    pub fn selected_person(&self) -> Option<&PersonSummary> {
        self.people.at(self.cursors.picker)
    }

    fn viewer_is_apprentice(&self) -> bool {
        self.viewer
            .as_ref()
            .is_some_and(|viewer| viewer.role == Role::Apprentice)
    }

    /// Whether there is a list of people to go back to: an apprentice
    /// using the app as themselves has only their own screens.
    pub fn has_people_list(&self) -> bool {
        !self.viewer_is_apprentice() && self.people.total > 0
    }

    /// The outcomes shown after filtering, as indexes into the standing's list.
    pub fn visible_outcomes(&self) -> Vec<usize> {
        let Some(loaded) = &self.loaded else {
            return Vec::new();
        };
        let needle = self.filter.text.to_lowercase();
        let framework = &loaded.framework;
        loaded
            .standing
            .outcomes
            .iter()
            .enumerate()
            .filter(|(_, o)| self.filter.status.is_none_or(|status| o.status == status))
            .filter(|(_, o)| {
                self.filter
                    .outcome_type
                    .as_ref()
                    .is_none_or(|t| &o.outcome_type == t)
            })
            .filter(|(_, o)| {
                needle.is_empty()
                    || o.code.to_lowercase().contains(&needle)
                    || o.title.to_lowercase().contains(&needle)
                    || framework
                        .outcome(&o.code)
                        .is_some_and(|d| d.description.to_lowercase().contains(&needle))
            })
            .map(|(index, _)| index)
            .collect()
    }

    /// The selected outcome's code, after filtering.
    pub fn selected_outcome(&self) -> Option<&str> {
        let visible = self.visible_outcomes();
        let index = *visible.get(self.cursors.outcomes)?;
        self.loaded
            .as_ref()
            .map(|l| l.standing.outcomes[index].code.as_str())
    }

    /// How many evidence items the person on screen has.
    pub fn evidence_len(&self) -> usize {
        self.loaded
            .as_ref()
            .map_or(0, |l| l.progress.evidence.len())
    }

    /// The evidence item at `row` of the list as shown, newest first.
    pub fn evidence_at(&self, row: usize) -> Option<&crate::domain::EvidenceItem> {
        let evidence = &self.loaded.as_ref()?.progress.evidence;
        evidence.get(evidence.len().checked_sub(row + 1)?)
    }

    /// Evidence newest first, as shown.
    pub fn evidence_rows(&self) -> Vec<&crate::domain::EvidenceItem> {
        self.evidence_window(0..self.evidence_len()).collect()
    }

    /// Evidence rows `rows` of the list as shown, newest first.
    pub fn evidence_window(
        &self,
        rows: std::ops::Range<usize>,
    ) -> impl Iterator<Item = &crate::domain::EvidenceItem> {
        newest_first(self.loaded.as_ref().map(|l| &l.progress.evidence[..]), rows)
    }

    /// How many hours entries the person on screen has.
    pub fn hours_len(&self) -> usize {
        self.loaded.as_ref().map_or(0, |l| l.progress.hours.len())
    }

    /// The hours log newest first, as shown.
    pub fn hours_rows(&self) -> Vec<&crate::domain::HoursEntry> {
        self.hours_window(0..self.hours_len()).collect()
    }

    /// Hours log rows `rows` as shown, newest first.
    pub fn hours_window(
        &self,
        rows: std::ops::Range<usize>,
    ) -> impl Iterator<Item = &crate::domain::HoursEntry> {
        newest_first(self.loaded.as_ref().map(|l| &l.progress.hours[..]), rows)
    }

    pub fn framework(&self, id: &str) -> Option<&Framework> {
        // `tui::run` reads every framework before the app starts, so a
        // failure to load one has been reported by then.
        self.registry.get(id).ok().flatten()
    }

    /// The operations, acting as the person using the app.
    pub fn ops<'a>(&'a self, store: &'a mut Store) -> Ops<'a> {
        Ops::new(store, &self.registry, self.clock, self.viewer_id())
    }

    /// Reads the list of people again after a change: its count, the rows
    /// on screen, and their caseload columns when next worked out.
    pub fn reload_people(&mut self, store: &Store) -> Result<(), StoreError> {
        self.caseload.clear();
        self.people.forget();
        self.generation += 1;
        self.asked.clear();
        self.outbox.clear();
        self.recount_people(store)
    }

    /// Which list of people is asked for: an assessor's caseload, anyone
    /// else everyone enrolled; narrowed by the name typed, in the order chosen.
    pub fn list_key(&self) -> ListKey {
        ListKey {
            assessor: self
                .viewer
                .as_ref()
                .filter(|viewer| viewer.role == Role::Assessor)
                .map(|viewer| viewer.id),
            name_contains: self.filter.text.clone(),
            order: self.picker_order,
        }
    }

    /// Counts the list of people again and reads the rows on screen, for a
    /// new filter or order; a list that must be worked out first is asked
    /// of the background, and the list before stays until it comes. An
    /// apprentice using the app as themselves has no list: nobody else's
    /// records are read.
    pub fn recount_people(&mut self, store: &Store) -> Result<(), StoreError> {
        if self.viewer_is_apprentice() {
            self.people.forget();
            return Ok(());
        }
        match self.people.reset(store, self.list_key())? {
            Some(key) => self.outbox.push(Job::Listing(key)),
            None => {
                self.clamp_cursors();
                self.show_people(store)?;
            }
        }
        Ok(())
    }

    /// Reads the rows of the list of people now on screen, and half a page
    /// either side, unless they are held already: a move reads at most a
    /// page of rows.
    pub fn show_people(&mut self, store: &Store) -> Result<(), StoreError> {
        let visible = super::layout::people_rows_visible(self.size);
        let first = super::layout::first_row(self.cursors.picker, visible, self.people.total);
        self.people.show(store, first..first + visible, visible / 2)
    }

    /// Opens a person: reads their records and judges their standing.
    pub fn open_person(&mut self, store: &Store, id: PersonId) -> Result<(), String> {
        let record = person_record(store, &self.registry, id, self.today)
            .map_err(|e: OpError| e.to_string())?;
        let framework = self
            .framework(&record.progress.enrolment.framework_id)
            .cloned()
            .ok_or("the framework is not available")?;
        let evidence_per_month = Loaded::count_evidence_by_month(&record.progress, &framework);
        self.loaded = Some(Loaded {
            person: record.person,
            framework,
            progress: record.progress,
            breaks: record.breaks,
            standing: record.standing,
            outcome_history: Vec::new(),
            outcome_evidence: OutcomeEvidence::default(),
            evidence_per_month,
            reviews: None,
        });
        self.screen = Screen::Person;
        self.clamp_cursors();
        self.load_outcome_history(store);
        Ok(())
    }

    /// Reads the person on screen again, after a change.
    pub fn reload(&mut self, store: &Store) -> Result<(), String> {
        match self.loaded.as_ref().map(|l| l.person.id) {
            Some(id) => self.open_person(store, id),
            None => Ok(()),
        }
    }

    /// Reads the person's check-ins for the Reviews tab, once it is shown.
    pub fn load_reviews(&mut self, store: &Store) {
        let showing = self.screen == Screen::Person && self.tab == Tab::Reviews;
        let Some(loaded) = self
            .loaded
            .as_mut()
            .filter(|l| showing && l.reviews.is_none())
        else {
            return;
        };
        match store.checkin_list(loaded.progress.enrolment.id) {
            Ok(mut list) => {
                list.reverse();
                loaded.reviews = Some(list);
                self.clamp_cursors();
            }
            Err(error) => self.overlay = Overlay::Error(error.to_string()),
        }
    }

    /// The person's check-ins as read, newest first (none before they are).
    pub fn reviews(&self) -> &[crate::domain::Checkin] {
        self.loaded
            .as_ref()
            .and_then(|l| l.reviews.as_deref())
            .unwrap_or_default()
    }

    /// Reads the history and evidence of the selected outcome; none when
    /// nothing is selected, so no other outcome's are ever drawn.
    pub fn load_outcome_history(&mut self, store: &Store) {
        let key = match (&self.loaded, self.selected_outcome()) {
            (Some(loaded), Some(code)) => Some(RecordKey::Outcome(
                loaded.progress.enrolment.id,
                code.to_string(),
            )),
            _ => None,
        };
        let evidence = match (&self.loaded, &key) {
            (Some(loaded), Some(RecordKey::Outcome(_, code))) => {
                OutcomeEvidence::of(&loaded.progress, code)
            }
            _ => OutcomeEvidence::default(),
        };
        let history = key
            .and_then(|key| store.history_of(&key).ok())
            .unwrap_or_default();
        if let Some(loaded) = &mut self.loaded {
            loaded.outcome_history = history;
            loaded.outcome_evidence = evidence;
        }
    }

    /// Keeps every cursor inside its list after the lists change.
    pub fn clamp_cursors(&mut self) {
        let outcomes = self.visible_outcomes().len();
        let evidence = self.evidence_len();
        let hours = self.hours_len();
        let requirements = self
            .loaded
            .as_ref()
            .map_or(0, |l| l.standing.requirements.len());
        let picker = self.people.total;
        let reviews = self.reviews().len();
        let queue = self.queue.len();
        let clamp = |value: &mut usize, len: usize| *value = (*value).min(len.saturating_sub(1));
        clamp(&mut self.cursors.outcomes, outcomes);
        clamp(&mut self.cursors.evidence, evidence);
        clamp(&mut self.cursors.hours, hours);
        clamp(&mut self.cursors.requirements, requirements);
        clamp(&mut self.cursors.picker, picker);
        clamp(&mut self.cursors.reviews, reviews);
        clamp(&mut self.cursors.queue, queue);
    }
}

/// Rows `rows` of `items` counted from the newest (last) one.
fn newest_first<T>(items: Option<&[T]>, rows: std::ops::Range<usize>) -> impl Iterator<Item = &T> {
    let items = items.unwrap_or_default();
    let end = items.len().saturating_sub(rows.start);
    let start = items.len().saturating_sub(rows.end).min(end);
    items[start..end].iter().rev()
}
