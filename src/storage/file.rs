//! The file store: one file per session in `session_dir`.
//!
//! - A file's name is a hash of the id (`<64 hex>.json`), so listing the folder reveals no usable
//!   id, and nothing from a request ever becomes a path: only a [`SessionId`] that parsed strictly
//!   is hashed into a name.
//! - Files are `0600` in a `0700` folder, written to a temporary file, fsynced, then linked into
//!   place: `link` fails when the name exists, which is how `create` never overwrites.
//! - The record's content never changes after login; "last seen" is the file's modification time,
//!   so `touch` only sets that time on the existing file. A `touch` racing a `delete` can
//!   therefore never bring a deleted session back.
//! - Sessions survive a restart of the app; expired files are removed when met and by the sweep.
//! - `by-user/<username>/<64 hex>` is an empty marker per session, so one account's sessions are
//!   found without reading the whole folder. A marker may outlive its session (a delete does not
//!   look up whose session it was); readers and the sweep remove such markers.

use std::fs::{self, File, OpenOptions};
use std::io::{ErrorKind, Read};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rocket::tokio::task;

use super::sessions::{is_storage_key, StoredSession};
use super::{Holding, SessionStore, StoreError};
use crate::config::StoreKind;
use crate::credentials::Username;
use crate::ids::SessionId;
use crate::record::SessionRecord;

/// The folder of per-account markers, inside the session folder.
const BY_USER: &str = "by-user";

/// Temporary files older than this are leftovers of a crash; the sweep removes them.
const STALE_TEMP: Duration = Duration::from_secs(60);

pub struct FileStore {
    dir: Arc<PathBuf>,
}

impl FileStore {
    /// Creates the folder if needed (`0700`) and checks that it can be written.
    pub fn open(dir: &Path) -> Result<FileStore, StoreError> {
        fs::create_dir_all(dir).map_err(|e| unavailable("create the session folder", &e))?;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
            .map_err(|e| unavailable("restrict the session folder to its owner", &e))?;
        let store = FileStore {
            dir: Arc::new(dir.to_path_buf()),
        };
        probe(&store.dir)?;
        Ok(store)
    }

    async fn run<T, F>(&self, work: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&Path) -> Result<T, StoreError> + Send + 'static,
    {
        let dir = Arc::clone(&self.dir);
        task::spawn_blocking(move || work(&dir))
            .await
            .map_err(|e| StoreError::Unavailable(format!("file store task failed: {e}")))?
    }
}

/// The file name for an id: a hash, never the id itself.
fn file_name(id: &SessionId) -> String {
    format!("{}.json", id.storage_key())
}

fn is_session_file(name: &str) -> bool {
    name.strip_suffix(".json")
        .is_some_and(|stem| stem.len() == 64 && stem.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn unavailable(what: &str, error: &std::io::Error) -> StoreError {
    StoreError::Unavailable(format!("could not {what}: {error}"))
}

fn random_suffix() -> String {
    use rand::Rng;
    format!("{:016x}", rand::rng().random::<u64>())
}

fn ms_to_time(ms: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_millis(ms)
}

fn time_to_ms(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// Writes and removes a probe file: the folder exists and is writable.
fn probe(dir: &Path) -> Result<(), StoreError> {
    let path = dir.join(format!(".probe-{}", random_suffix()));
    let file = OpenOptions::new().write(true).create_new(true).mode(0o600).open(&path);
    file.map_err(|e| unavailable("write to the session folder", &e))?;
    fs::remove_file(&path).map_err(|e| unavailable("clean up in the session folder", &e))
}

fn sync_dir(dir: &Path) -> Result<(), StoreError> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| unavailable("sync the session folder", &e))
}

/// What a missing file means: no session, unless the whole folder is gone.
fn missing(dir: &Path) -> Result<Option<SessionRecord>, StoreError> {
    if dir.is_dir() {
        Ok(None)
    } else {
        Err(StoreError::Unavailable("the session folder is missing".into()))
    }
}

/// Reads a session file; `last_seen_ms` comes from its modification time.
fn read_record(file: &mut File) -> Result<Result<SessionRecord, String>, std::io::Error> {
    let mut text = String::new();
    if let Err(e) = file.read_to_string(&mut text) {
        return if e.kind() == ErrorKind::InvalidData {
            Ok(Err(e.to_string()))
        } else {
            Err(e)
        };
    }
    let modified = file.metadata()?.modified()?;
    Ok(serde_json::from_str::<SessionRecord>(&text)
        .map_err(|e| e.to_string())
        .map(|mut record| {
            record.last_seen_ms = record.last_seen_ms.max(time_to_ms(modified));
            record
        }))
}

/// Loads the record at `path`, removing it when it is expired or unreadable.
fn load_at(dir: &Path, path: &Path, now_ms: u64, touch: bool) -> Result<Option<SessionRecord>, StoreError> {
    let opened = OpenOptions::new().read(true).write(touch).open(path);
    let mut file = match opened {
        Ok(file) => file,
        Err(e) if e.kind() == ErrorKind::NotFound => return missing(dir),
        Err(e) => return Err(unavailable("open a session file", &e)),
    };
    let mut record = match read_record(&mut file).map_err(|e| unavailable("read a session file", &e))? {
        Ok(record) => record,
        Err(reason) => {
            rocket::warn!("removing an unreadable session file: {reason}");
            let _ = fs::remove_file(path);
            return Ok(None);
        }
    };
    if record.is_expired(now_ms) {
        let _ = fs::remove_file(path);
        return Ok(None);
    }
    if touch && now_ms > record.last_seen_ms {
        file.set_modified(ms_to_time(now_ms))
            .map_err(|e| unavailable("mark a session as seen", &e))?;
        record.last_seen_ms = now_ms;
    }
    Ok(Some(record))
}

fn create_at(dir: &Path, path: &Path, record: &SessionRecord) -> Result<(), StoreError> {
    let json = serde_json::to_vec(record).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let temp = super::write_temp(dir, &json, Some(ms_to_time(record.last_seen_ms)))
        .map_err(|e| unavailable("write a session file", &e))?;
    let mut outcome = fs::hard_link(&temp, path);
    if matches!(&outcome, Err(e) if e.kind() == ErrorKind::AlreadyExists) {
        // The name is taken: by a live session (refuse), or by an expired one (replace it).
        if load_at(dir, path, record.created_ms, false)?.is_none() {
            outcome = fs::hard_link(&temp, path);
        }
    }
    let _ = fs::remove_file(&temp);
    match outcome {
        Ok(()) => {
            sync_dir(dir)?;
            mark(dir, &record.user, path)
        }
        Err(e) if e.kind() == ErrorKind::AlreadyExists => Err(StoreError::Exists),
        Err(e) => Err(unavailable("store a session file", &e)),
    }
}

/// Files the session at `path` under its account.
fn mark(dir: &Path, user: &Username, path: &Path) -> Result<(), StoreError> {
    let Some(key) = path.file_stem() else {
        return Ok(());
    };
    let folder = dir.join(BY_USER).join(user.as_str());
    fs::create_dir_all(&folder).map_err(|e| unavailable("create an account's session index", &e))?;
    OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .open(folder.join(key))
        .map(drop)
        .map_err(|e| unavailable("index a session under its account", &e))
}

/// The live sessions of `user`, pruning markers whose session is gone.
fn list_user_at(dir: &Path, user: &Username, now_ms: u64) -> Result<Vec<StoredSession>, StoreError> {
    let folder = dir.join(BY_USER).join(user.as_str());
    let entries = match fs::read_dir(&folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == ErrorKind::NotFound => return missing(dir).map(|_| Vec::new()),
        Err(e) => return Err(unavailable("list an account's sessions", &e)),
    };
    let mut sessions = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(key) = name.to_str().filter(|k| is_storage_key(k)) else {
            continue;
        };
        match load_at(dir, &dir.join(format!("{key}.json")), now_ms, false)? {
            Some(record) if &record.user == user => sessions.push(StoredSession {
                key: key.to_owned(),
                record,
            }),
            _ => {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
    Ok(sessions)
}

/// Removes markers whose session file is gone, and account folders left empty.
fn sweep_markers(dir: &Path) {
    let Ok(users) = fs::read_dir(dir.join(BY_USER)) else {
        return;
    };
    for user in users.flatten() {
        let Ok(markers) = fs::read_dir(user.path()) else {
            continue;
        };
        for marker in markers.flatten() {
            let name = marker.file_name();
            let gone = name
                .to_str()
                .is_none_or(|key| !dir.join(format!("{key}.json")).exists());
            if gone {
                let _ = fs::remove_file(marker.path());
            }
        }
        // Fails while markers remain, which is what we want.
        let _ = fs::remove_dir(user.path());
    }
}

fn sweep_dir(dir: &Path, now_ms: u64) -> Result<usize, StoreError> {
    let entries = fs::read_dir(dir).map_err(|e| unavailable("list the session folder", &e))?;
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let path = entry.path();
        if is_session_file(name) {
            if load_at(dir, &path, now_ms, false)?.is_none() && !path.exists() {
                removed += 1;
            }
        } else if name.starts_with(".tmp-") {
            let stale = entry
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > STALE_TEMP));
            if stale {
                let _ = fs::remove_file(&path);
            }
        }
    }
    sweep_markers(dir);
    Ok(removed)
}

#[rocket::async_trait]
impl SessionStore for FileStore {
    fn kind(&self) -> StoreKind {
        StoreKind::File
    }

    /// The file's content is the record as written at login; the last request is its mtime.
    fn holding(&self, key: &str, record: &SessionRecord) -> Holding {
        let written = SessionRecord {
            last_seen_ms: record.created_ms,
            ..record.clone()
        };
        let fields = [
            ("mtime", format!("{} ms", record.last_seen_ms)),
            ("content", super::shown_json(&written)),
        ];
        let path = self.dir.join(format!("{key}.json"));
        Holding::new(StoreKind::File, "held-file", path.display().to_string(), fields)
    }

    async fn create(&self, id: &SessionId, record: &SessionRecord) -> Result<(), StoreError> {
        let (name, record) = (file_name(id), record.clone());
        self.run(move |dir| create_at(dir, &dir.join(name), &record)).await
    }

    async fn load(&self, id: &SessionId, now_ms: u64) -> Result<Option<SessionRecord>, StoreError> {
        let name = file_name(id);
        self.run(move |dir| load_at(dir, &dir.join(name), now_ms, false)).await
    }

    async fn touch(&self, id: &SessionId, now_ms: u64) -> Result<Option<SessionRecord>, StoreError> {
        let name = file_name(id);
        self.run(move |dir| load_at(dir, &dir.join(name), now_ms, true)).await
    }

    async fn delete(&self, id: &SessionId) -> Result<bool, StoreError> {
        let name = file_name(id);
        self.run(move |dir| match fs::remove_file(dir.join(name)) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == ErrorKind::NotFound => missing(dir).map(|_| false),
            Err(e) => Err(unavailable("delete a session file", &e)),
        })
        .await
    }

    async fn sweep(&self, now_ms: u64) -> Result<usize, StoreError> {
        self.run(move |dir| sweep_dir(dir, now_ms)).await
    }

    async fn count(&self) -> Result<usize, StoreError> {
        self.run(|dir| {
            let entries = fs::read_dir(dir).map_err(|e| unavailable("list the session folder", &e))?;
            Ok(entries
                .flatten()
                .filter(|e| e.file_name().to_str().is_some_and(is_session_file))
                .count())
        })
        .await
    }

    /// Cheap and constant: the folder is still there and still ours to write (no probe file).
    async fn ping(&self) -> Result<(), StoreError> {
        self.run(|dir| {
            use std::os::unix::ffi::OsStrExt;
            let path = std::ffi::CString::new(dir.as_os_str().as_bytes())
                .map_err(|_| StoreError::Unavailable("the session folder's name has a NUL byte".into()))?;
            // SAFETY: `path` is a valid NUL-terminated string that outlives the call.
            let writable = unsafe { libc::access(path.as_ptr(), libc::W_OK | libc::X_OK) } == 0;
            if writable && dir.is_dir() {
                Ok(())
            } else {
                Err(StoreError::Unavailable(
                    "the session folder is missing or not writable".into(),
                ))
            }
        })
        .await
    }

    async fn list(&self, now_ms: u64) -> Result<Vec<StoredSession>, StoreError> {
        self.run(move |dir| {
            let entries = fs::read_dir(dir).map_err(|e| unavailable("list the session folder", &e))?;
            let mut sessions = Vec::new();
            for entry in entries.flatten() {
                let name = entry.file_name();
                let Some(key) = name
                    .to_str()
                    .filter(|n| is_session_file(n))
                    .and_then(|n| n.strip_suffix(".json"))
                else {
                    continue;
                };
                if let Some(record) = load_at(dir, &entry.path(), now_ms, false)? {
                    sessions.push(StoredSession {
                        key: key.to_owned(),
                        record,
                    });
                }
            }
            Ok(sessions)
        })
        .await
    }

    async fn list_user(&self, user: &Username, now_ms: u64) -> Result<Vec<StoredSession>, StoreError> {
        let user = user.clone();
        self.run(move |dir| list_user_at(dir, &user, now_ms)).await
    }

    async fn delete_key(&self, key: &str) -> Result<bool, StoreError> {
        if !is_storage_key(key) {
            return Ok(false);
        }
        let name = format!("{key}.json");
        self.run(move |dir| match fs::remove_file(dir.join(name)) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == ErrorKind::NotFound => missing(dir).map(|_| false),
            Err(e) => Err(unavailable("delete a session file", &e)),
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_hashes_of_the_id_and_reveal_nothing() {
        let id = SessionId::generate().unwrap();
        let name = file_name(&id);
        assert!(is_session_file(&name), "{name}");
        assert!(!name.contains(&id.expose()[..8]));
        assert_eq!(
            name,
            format!("{}.json", id.storage_key()),
            "the storage key, which is a hash"
        );
        assert_ne!(
            name,
            file_name(&SessionId::generate().unwrap()),
            "another id, another file"
        );
        assert!(!is_session_file("../x.json") && !is_session_file(".tmp-1") && !is_session_file(&id.expose()));
    }
}
