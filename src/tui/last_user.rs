//! Who used the app last on a database, kept in a small file beside it
//! (`tracker.db` → `tracker.db.last-person`), so the next start opens as
//! them. It holds a person's id and nothing secret: someone with a PIN is
//! still asked for it.

use crate::domain::PersonId;
use crate::store::Store;
use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

/// Where the last person is remembered for one database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastUser {
    file: PathBuf,
}

impl LastUser {
    /// Where the last person is remembered for `store`: beside its file. A
    /// server knows who is connected, and remembers nothing here.
    pub fn of(store: &Store) -> Option<LastUser> {
        (!store.is_shared()).then(|| LastUser::beside(store.path()))
    }

    /// The file beside the database at `db`.
    pub fn beside(db: &Path) -> LastUser {
        let mut name = db.file_name().unwrap_or_default().to_os_string();
        name.push(".last-person");
        LastUser {
            file: db.with_file_name(name),
        }
    }

    pub fn file(&self) -> &Path {
        &self.file
    }

    /// The person remembered; none when nobody is, or the file cannot be
    /// read (the app then asks who is using it).
    pub fn read(&self) -> Option<PersonId> {
        let text = fs::read_to_string(&self.file).ok()?;
        text.trim().parse().ok().map(PersonId)
    }

    /// Remembers `person` as the last to use the app.
    pub fn write(&self, person: PersonId) -> io::Result<()> {
        let mut file = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(&self.file)?;
        writeln!(file, "{}", person.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_person_is_kept_per_database_beside_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        let first = LastUser::beside(&dir.path().join("tracker.db"));
        let other = LastUser::beside(&dir.path().join("other.db"));
        assert_eq!(first.file(), dir.path().join("tracker.db.last-person"));
        assert_eq!(first.read(), None);
        first.write(PersonId(7)).expect("written");
        first.write(PersonId(3)).expect("written again");
        assert_eq!(first.read(), Some(PersonId(3)));
        assert_eq!(other.read(), None);
    }
}
