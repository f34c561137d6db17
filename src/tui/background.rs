//! Work the list of people needs that costs more than a key press may wait
//! for: the caseload columns of each row shown (a standing each) and lists
//! of ids in an order no index serves (next check-in first, or narrowed by
//! a name). It runs on a thread with its own connection to the database;
//! what it finishes comes back to `update` as an action, so keys are
//! answered while it works. Tests and the first frame do the same work in
//! place with `work`.

use super::people_window::ListKey;
use crate::domain::PersonId;
use crate::framework::Registry;
use crate::ops::person_record;
use crate::report::CaseloadLine;
use crate::store::Store;
use chrono::NaiveDate;
use std::sync::mpsc::{Receiver, Sender, channel};

/// Something to work out.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Job {
    /// One person's caseload columns.
    Columns(PersonId),
    /// The ids of a list, in its order.
    Listing(ListKey),
}

/// A job done, for the records as they were at `generation` (the app's
/// count of changes it has read): an answer for older records is dropped.
#[derive(Debug, Clone, PartialEq)]
pub struct Done {
    pub generation: u64,
    pub finished: Finished,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Finished {
    /// `None` for a person whose records could not be judged.
    Columns(PersonId, Option<CaseloadLine>),
    Listing(ListKey, Result<Vec<PersonId>, String>),
}

/// Does one job: the same work on the thread and in place.
pub fn work(store: &Store, registry: &Registry, today: NaiveDate, job: Job) -> Finished {
    match job {
        Job::Columns(person) => Finished::Columns(
            person,
            person_record(store, registry, person, today)
                .ok()
                .map(|record| CaseloadLine::from_standing(&record.standing)),
        ),
        Job::Listing(key) => {
            let intervals = checkin_intervals(registry);
            let ids = key
                .work_out(store, registry, &intervals, today)
                .map_err(|e| e.to_string());
            Finished::Listing(key, ids)
        }
    }
}

/// Each framework's check-in interval in days, to order by next check-in.
pub fn checkin_intervals(registry: &Registry) -> Vec<(&str, u32)> {
    // Loaded, and any failure reported, before the app starts (`tui::run`).
    let frameworks = registry.all().unwrap_or_default();
    frameworks
        .into_iter()
        .map(|framework| {
            (
                framework.framework.id.as_str(),
                framework.programme.checkin_interval_weeks.saturating_mul(7),
            )
        })
        .collect()
}

/// The thread and the two queues to and from it. Dropping it ends the
/// thread after the job in hand.
pub struct Background {
    jobs: Sender<(u64, Job)>,
    done: Receiver<Done>,
    in_flight: usize,
}

impl Background {
    /// Starts the thread on `reader`, its own connection (`Store::reader`).
    pub fn start(
        reader: Store,
        registry: Registry,
        today: NaiveDate,
    ) -> std::io::Result<Background> {
        let (jobs, queued) = channel::<(u64, Job)>();
        let (finished, done) = channel();
        std::thread::Builder::new()
            .name("background work".into())
            .spawn(move || {
                for (generation, job) in queued {
                    let finished_job = work(&reader, &registry, today, job);
                    let answer = Done {
                        generation,
                        finished: finished_job,
                    };
                    if finished.send(answer).is_err() {
                        break;
                    }
                }
            })?;
        Ok(Background {
            jobs,
            done,
            in_flight: 0,
        })
    }

    pub fn send(&mut self, generation: u64, job: Job) {
        if self.jobs.send((generation, job)).is_ok() {
            self.in_flight += 1;
        }
    }

    /// The jobs finished since last asked, without waiting.
    pub fn finished(&mut self) -> Vec<Done> {
        let done: Vec<Done> = self.done.try_iter().collect();
        self.in_flight = self.in_flight.saturating_sub(done.len());
        done
    }

    /// The next job to finish, waiting for it; `None` when none is in hand.
    pub fn wait(&mut self) -> Option<Done> {
        if self.in_flight == 0 {
            return None;
        }
        let done = self.done.recv().ok()?;
        self.in_flight -= 1;
        Some(done)
    }

    /// Whether any job sent is still unfinished.
    pub fn busy(&self) -> bool {
        self.in_flight > 0
    }
}
