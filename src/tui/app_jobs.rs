//! The app's side of the background work: what to hand over for the list
//! of people on screen, and taking in what comes back.

use super::app::{App, Screen};
use super::background::{Done, Finished, Job, checkin_intervals};
use super::people_window::ListKey;
use crate::report::{CaseloadColumn, CaseloadOrder};
use crate::store::{Store, StoreError};

impl App {
    /// Works out here the list waited for, for the first frame that shows it.
    pub fn work_out_list_here(&mut self, store: &Store) -> Result<(), StoreError> {
        let Some(key) = self.people.waiting_for.clone() else {
            return Ok(());
        };
        let job = Job::Listing(key.clone());
        self.outbox.retain(|asked| *asked != job);
        let intervals = checkin_intervals(&self.registry);
        let ids = key.work_out(store, &self.registry, &intervals, self.today)?;
        self.people.worked_out(key, ids);
        self.clamp_cursors();
        self.show_people(store)
    }

    /// The work to hand to the background now, for the records at the
    /// generation returned: lists asked for, then the caseload columns of
    /// the rows on screen, then (with nothing else to do on screen) the
    /// list by name or by next check-in, whichever is not shown, so
    /// switching between the two finds it ready. Other orders cost a
    /// standing a person and are worked out only when asked for.
    pub fn take_jobs(&mut self) -> (u64, Vec<Job>) {
        let mut wanted = std::mem::take(&mut self.outbox);
        if self.screen == Screen::Picker {
            let visible = super::layout::people_rows_visible(self.size);
            let first = super::layout::first_row(self.cursors.picker, visible, self.people.total);
            let missing: Vec<Job> = self
                .people
                .slice(first..first + visible)
                .iter()
                .filter(|person| !self.caseload.contains_key(&person.id.0))
                .map(|person| Job::Columns(person.id))
                .collect();
            let settled = missing.is_empty() && self.people.waiting_for.is_none();
            wanted.extend(missing);
            let other = match self.picker_order {
                order if order == CaseloadOrder::first(CaseloadColumn::Name) => {
                    Some(CaseloadColumn::NextCheckin)
                }
                order if order == CaseloadOrder::first(CaseloadColumn::NextCheckin) => {
                    Some(CaseloadColumn::Name)
                }
                _ => None,
            };
            if let Some(column) =
                other.filter(|_| settled && self.filter.text.is_empty() && self.people.total > 0)
            {
                let other = ListKey {
                    order: CaseloadOrder::first(column),
                    ..self.list_key()
                };
                if !self.people.knows(&other) {
                    wanted.push(Job::Listing(other));
                }
            }
        }
        wanted.retain(|job| self.asked.insert(job.clone()));
        (self.generation, wanted)
    }

    /// Takes in work the background finished: caseload columns, or a list
    /// worked out (shown when it is the one waited for).
    pub fn finish(&mut self, store: &Store, done: Done) -> Result<(), String> {
        if done.generation != self.generation {
            return Ok(());
        }
        match done.finished {
            Finished::Columns(person, line) => {
                self.caseload.insert(person.0, line);
            }
            Finished::Listing(key, Ok(ids)) => {
                if self.people.worked_out(key, ids) {
                    self.clamp_cursors();
                    self.show_people(store).map_err(|e| e.to_string())?;
                }
            }
            Finished::Listing(key, Err(message)) => {
                self.asked.remove(&Job::Listing(key));
                return Err(message);
            }
        }
        Ok(())
    }
}
