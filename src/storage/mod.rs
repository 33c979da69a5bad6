//! Where sessions and registered accounts are kept: the store contracts, the one error every
//! backend maps into, and the memory, file and Redis backends. Storage depends on leaves only
//! (ids, records, credentials, the clock, the configuration); the services above it add policy.

mod accounts;
mod file;
mod memory;
pub(crate) mod redis;
mod sessions;

use std::sync::Arc;

pub use accounts::{AccountBackend, FileAccounts, MemoryAccounts, RedisAccounts, StoredAccount};
pub use file::FileStore;
pub use memory::MemoryStore;
pub use redis::RedisStore;
pub use sessions::{SessionStore, StoreError, StoredSession};

use crate::config::{AppConfig, StoreKind};

/// The configured backend: sessions, and the accounts kept beside them.
pub struct Backend {
    pub sessions: Arc<dyn SessionStore>,
    pub accounts: Arc<dyn AccountBackend>,
}

/// Opens the backend that `config` names.
pub fn open(config: &AppConfig) -> Result<Backend, StoreError> {
    Ok(match config.session_store {
        StoreKind::Memory => Backend {
            sessions: Arc::new(MemoryStore::new()),
            accounts: Arc::new(MemoryAccounts::default()),
        },
        StoreKind::File => Backend {
            sessions: Arc::new(FileStore::open(&config.session_dir)?),
            accounts: Arc::new(FileAccounts::open(config.session_dir.join("accounts"))?),
        },
        StoreKind::Redis => {
            let sessions = RedisStore::connect(&config.redis_url, &config.redis_prefix)?;
            let accounts = RedisAccounts::new(sessions.connection(), &config.redis_prefix);
            Backend {
                sessions: Arc::new(sessions),
                accounts: Arc::new(accounts),
            }
        }
    })
}
