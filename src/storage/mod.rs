//! Where sessions and registered accounts are kept: the store contracts, the one error every
//! backend maps into, and the memory, file, Redis, SQL and memcached backends. Storage depends on
//! leaves only (ids, records, credentials, the clock, the configuration); the services above it
//! add policy.

mod accounts;
mod file;
mod memcached;
mod memory;
pub(crate) mod redis;
mod sessions;
mod shared;
mod shared_map;
mod sql;

use std::sync::Arc;

pub use accounts::{AccountBackend, FileAccounts, MemoryAccounts, RedisAccounts, StoredAccount};
pub use file::FileStore;
pub use memcached::MemcachedStore;
pub use memory::MemoryStore;
pub use redis::RedisStore;
pub use sessions::{shown_json, HeldField, Holding, SessionStore, StoreError, StoredSession};
pub use shared::{ClassRedis, SharedCell};
pub use shared_map::SharedMap;
pub use sql::{SqlAccounts, SqlStore};

use crate::config::{AppConfig, StoreKind};

/// The configured backend: sessions, the accounts kept beside them, and (with Redis) the
/// class's shared state.
pub struct Backend {
    pub sessions: Arc<dyn SessionStore>,
    pub accounts: Arc<dyn AccountBackend>,
    pub class: Option<ClassRedis>,
}

/// Opens the backend that `config` names.
pub fn open(config: &AppConfig) -> Result<Backend, StoreError> {
    Ok(match config.session_store {
        StoreKind::Memory => Backend {
            sessions: Arc::new(MemoryStore::new()),
            accounts: Arc::new(MemoryAccounts::default()),
            class: None,
        },
        StoreKind::File => Backend {
            sessions: Arc::new(FileStore::open(&config.session_dir)?),
            accounts: Arc::new(FileAccounts::open(config.session_dir.join("accounts"))?),
            class: None,
        },
        StoreKind::Redis => {
            let sessions = RedisStore::connect(&config.redis_url, &config.redis_prefix)?;
            let accounts = RedisAccounts::new(sessions.connection(), &config.redis_prefix);
            Backend {
                class: Some(sessions.class()),
                sessions: Arc::new(sessions),
                accounts: Arc::new(accounts),
            }
        }
        StoreKind::Sqlite | StoreKind::Postgres => {
            let sessions = SqlStore::open(config.session_store, &config.database_url)?;
            Backend {
                accounts: Arc::new(sessions.accounts()),
                sessions: Arc::new(sessions),
                class: None,
            }
        }
        // A cache may drop any item, and loses all of them when it restarts: accounts are kept
        // as files, like the file store's, in `<session_dir>/accounts`.
        StoreKind::Memcached => Backend {
            sessions: Arc::new(MemcachedStore::connect(&config.memcached_url, &config.redis_prefix)?),
            accounts: Arc::new(FileAccounts::open(config.session_dir.join("accounts"))?),
            class: None,
        },
    })
}

/// Writes `bytes` to a new temporary file in `dir` (a random name, opened create-new, `0600`),
/// gives it `modified` as its time when asked, and syncs it; the caller links it into place,
/// which fails when the final name exists, and removes the temporary name. On failure nothing
/// is left behind.
pub(crate) fn write_temp(
    dir: &std::path::Path,
    bytes: &[u8],
    modified: Option<std::time::SystemTime>,
) -> std::io::Result<std::path::PathBuf> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let temp = dir.join(format!(".tmp-{:016x}", rand::random::<u64>()));
    let written = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&temp)?;
        file.write_all(bytes)?;
        if let Some(time) = modified {
            file.set_modified(time)?;
        }
        file.sync_all()
    })();
    match written {
        Ok(()) => Ok(temp),
        Err(e) => {
            let _ = std::fs::remove_file(&temp);
            Err(e)
        }
    }
}
