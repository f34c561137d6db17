//! When to look for changes made elsewhere. On a server, a thread listens
//! for the notices every committed change sends and passes them on, so
//! the screen is read again at once; a slow poll stays, in case the
//! listening connection is lost (it is made again). An SQLite file sends
//! no notices: it is polled while the app is idle.

use crate::store::{ChangeListener, Store};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

/// How often an SQLite file is asked whether it changed, while idle.
pub const CHANGE_CHECK: Duration = Duration::from_millis(500);

/// How often a server is asked anyway, though notices say when it changed.
pub const SERVER_FALLBACK: Duration = Duration::from_secs(15);

/// How long the idle app waits for a key before looking at the notices:
/// only a queue is looked at, so this costs nothing on the server.
const NOTICE_CHECK: Duration = Duration::from_millis(100);

/// How long the listening thread waits at a time before seeing whether
/// the app has ended.
const LISTEN_SLICE: Duration = Duration::from_millis(500);

/// How long the listening thread waits before connecting again.
const RECONNECT_PAUSE: Duration = Duration::from_secs(2);

/// The notices heard, and when the database was last asked.
pub struct ChangeWatch {
    notices: Option<Receiver<()>>,
    stop: Arc<AtomicBool>,
    poll_every: Duration,
    last_check: Instant,
}

impl ChangeWatch {
    /// As the app watches `store`: notices and a slow poll on a server.
    pub fn for_app(store: &Store) -> ChangeWatch {
        ChangeWatch::start(store, SERVER_FALLBACK)
    }

    /// Listens for `store`'s notices, asking the database anyway every
    /// `fallback`. Where no listener can be had (a file, or a server that
    /// refused one) the database is polled every `CHANGE_CHECK`.
    pub fn start(store: &Store, fallback: Duration) -> ChangeWatch {
        let stop = Arc::new(AtomicBool::new(false));
        let listening = store
            .change_listener()
            .ok()
            .flatten()
            .and_then(|listener| spawn_listener(listener, Arc::clone(&stop)));
        let poll_every = if listening.is_some() {
            fallback
        } else {
            CHANGE_CHECK
        };
        ChangeWatch {
            notices: listening,
            stop,
            poll_every,
            last_check: Instant::now(),
        }
    }

    /// True when changes are heard of as they are made.
    pub fn is_listening(&self) -> bool {
        self.notices.is_some()
    }

    /// How long the idle app waits for a key before asking `due`.
    pub fn key_wait(&self) -> Duration {
        if self.is_listening() {
            NOTICE_CHECK
        } else {
            CHANGE_CHECK
        }
    }

    /// True when the database should be asked for changes now: a notice
    /// came, or the poll is due. Notices are taken, so each is one answer.
    pub fn due(&mut self) -> bool {
        let heard = self
            .notices
            .as_ref()
            .is_some_and(|notices| notices.try_iter().count() > 0);
        if heard || self.last_check.elapsed() >= self.poll_every {
            self.last_check = Instant::now();
            return true;
        }
        false
    }
}

impl Drop for ChangeWatch {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// Starts the thread that owns `listener`; none if no thread can start.
fn spawn_listener(listener: ChangeListener, stop: Arc<AtomicBool>) -> Option<Receiver<()>> {
    let (heard, notices) = channel();
    std::thread::Builder::new()
        .name("change notices".into())
        .spawn(move || listen(listener, &heard, &stop))
        .ok()?;
    Some(notices)
}

/// Passes each notice on until the app ends. A lost connection is made
/// again; what changed meanwhile was not heard, so a check is asked for.
fn listen(mut listener: ChangeListener, heard: &Sender<()>, stop: &AtomicBool) {
    while !stop.load(Ordering::Relaxed) {
        let tell = match listener.wait(LISTEN_SLICE) {
            Ok(noticed) => noticed,
            Err(_) => {
                pause(stop);
                listener.reconnect().is_ok()
            }
        };
        if tell && heard.send(()).is_err() {
            return;
        }
    }
}

/// Waits `RECONNECT_PAUSE`, or less if the app ends.
fn pause(stop: &AtomicBool) {
    let until = Instant::now() + RECONNECT_PAUSE;
    while !stop.load(Ordering::Relaxed) && Instant::now() < until {
        std::thread::sleep(LISTEN_SLICE.min(RECONNECT_PAUSE));
    }
}
