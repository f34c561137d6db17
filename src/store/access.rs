//! How a database file can be opened. SQLite writes beside the file (its
//! write-ahead log and shared memory, or a rollback journal), so recording
//! needs the folder writable as well as the file. Without that, the file is
//! still read: when no log is waiting to be applied, as immutable, which
//! needs nothing written beside it.

use super::StoreError;
use super::identity::log_path;
use rusqlite::OpenFlags;
use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

/// What this process may do with the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Writable,
    /// The file itself cannot be written.
    FileReadOnly,
    /// The file can, but nothing can be created beside it.
    FolderReadOnly,
}

impl Access {
    pub fn of(path: &Path) -> Access {
        if !writable(path) {
            Access::FileReadOnly
        } else if !writable(&folder(path)) {
            Access::FolderReadOnly
        } else {
            Access::Writable
        }
    }

    pub fn is_read_only(self) -> bool {
        self != Access::Writable
    }

    /// Why nothing can be recorded, naming the cause.
    pub fn refusal(self, path: &Path) -> Option<StoreError> {
        let path = path.to_path_buf();
        match self {
            Access::Writable => None,
            Access::FileReadOnly => Some(StoreError::ReadOnly { path }),
            Access::FolderReadOnly => Some(StoreError::ReadOnlyFolder {
                folder: folder(&path),
                path,
            }),
        }
    }

    /// The name and flags SQLite opens the file with.
    pub fn target(self, path: &Path) -> (String, OpenFlags) {
        let base = OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
        // An absolute path gets an empty authority, so `//x` is not a host.
        let authority = if path.is_absolute() { "//" } else { "" };
        let mut uri = format!("file:{authority}{}", escape(path));
        let flags = if self.is_read_only() {
            uri.push_str("?mode=ro");
            // Nothing can write the file without first writing beside it,
            // which this folder refuses; a waiting log must still be read.
            if self == Access::FolderReadOnly && !log_path(path).exists() {
                uri.push_str("&immutable=1");
            }
            base | OpenFlags::SQLITE_OPEN_READ_ONLY
        } else {
            base | OpenFlags::SQLITE_OPEN_READ_WRITE
        };
        (uri, flags)
    }
}

/// The folder the file is in ("." for a bare name).
fn folder(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Asks the kernel, with this process's effective identity, whether `path`
/// may be written; nothing is created to find out.
fn writable(path: &Path) -> bool {
    let Ok(name) = CString::new(path.as_os_str().as_bytes()) else {
        return false;
    };
    // SAFETY: `name` is a valid NUL-terminated string that outlives the call.
    let result =
        unsafe { libc::faccessat(libc::AT_FDCWD, name.as_ptr(), libc::W_OK, libc::AT_EACCESS) };
    result == 0
}

/// A path as a URI path: every byte but the unreserved ones and `/` escaped.
fn escape(path: &Path) -> String {
    let mut escaped = String::new();
    for &byte in path.as_os_str().as_bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            escaped.push(char::from(byte));
        } else {
            escaped.push_str(&format!("%{byte:02X}"));
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odd_characters_in_a_path_cannot_become_uri_parameters() {
        let (uri, _) = Access::Writable.target(Path::new("/tmp/a b?mode=ro#x%.db"));
        assert_eq!(uri, "file:///tmp/a%20b%3Fmode%3Dro%23x%25.db");
    }
}
