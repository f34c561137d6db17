//! Hearing of changes as they are committed: a connection of its own that
//! listens on the channel every recorded change is announced on (migration
//! 0004), so an open screen is read again at once, not on the next poll.

use super::connect;
use crate::store::{Db, Store, StoreError};
use postgres::Client;
use postgres::fallible_iterator::FallibleIterator;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The channel migration 0004's trigger notifies.
pub const CHANNEL: &str = "pcso_tracker_change";

/// How long a check of a silent connection may take.
const CHECK_TIMEOUT: Duration = Duration::from_secs(5);

/// A connection listening for changes made through any connection.
pub struct ChangeListener {
    client: Client,
    url: String,
    /// The server's URL without its password: what messages name.
    path: PathBuf,
}

impl Store {
    /// A listener hearing of every change committed to this database, by
    /// anyone; none on an SQLite file, which has no notices (a screen asks
    /// `data_version` instead).
    pub fn change_listener(&self) -> Result<Option<ChangeListener>, StoreError> {
        match (&self.db, &self.url) {
            (Db::Postgres(_), Some(url)) => ChangeListener::connect(url, &self.path).map(Some),
            _ => Ok(None),
        }
    }
}

impl ChangeListener {
    fn connect(url: &str, path: &Path) -> Result<ChangeListener, StoreError> {
        let client = listening(url, path)?;
        Ok(ChangeListener {
            client,
            url: url.to_string(),
            path: path.to_path_buf(),
        })
    }

    /// Waits up to `timeout` for a change; true when one was announced.
    /// Every notice already arrived is taken with it, so a burst of
    /// changes is one answer. An error means the connection was lost:
    /// `reconnect` makes a new one.
    pub fn wait(&mut self, timeout: Duration) -> Result<bool, StoreError> {
        let path = &self.path;
        let lost = |error: postgres::Error| lost(path, &error);
        let started = Instant::now();
        let first = self
            .client
            .notifications()
            .timeout_iter(timeout)
            .next()
            .map_err(lost)?;
        if first.is_none() {
            // The wait also ends early when the connection does.
            if started.elapsed() < timeout || self.client.is_closed() {
                self.client.is_valid(CHECK_TIMEOUT).map_err(lost)?;
            }
            return Ok(false);
        }
        let mut notices = self.client.notifications();
        let mut pending = notices.iter();
        while pending.next().map_err(lost)?.is_some() {}
        Ok(true)
    }

    /// Connects and listens again, after the connection was lost. Changes
    /// made meanwhile were not heard: the caller reads again.
    pub fn reconnect(&mut self) -> Result<(), StoreError> {
        self.client = listening(&self.url, &self.path)?;
        Ok(())
    }
}

/// A new connection that has started listening.
fn listening(url: &str, path: &Path) -> Result<Client, StoreError> {
    let mut client = connect::connect(url).map_err(|error| error.at(path))?;
    client
        .batch_execute(&format!("LISTEN {CHANNEL}"))
        .map_err(|error| lost(path, &error))?;
    Ok(client)
}

fn lost(path: &Path, error: &postgres::Error) -> StoreError {
    connect::statement_error(path.to_path_buf(), "listening for changes", error)
}
