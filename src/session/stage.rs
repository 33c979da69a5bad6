//! Opens the configured store at ignition (sessions and the accounts kept beside them) and runs
//! the periodic sweep after liftoff.

use std::sync::Arc;

use rocket::fairing::AdHoc;
use rocket::tokio::time::{interval, Duration, MissedTickBehavior};

use super::{FileStore, MemoryStore, RedisStore, SessionStore, Sessions, StoreError};
use crate::accounts::backend::{AccountBackend, FileAccounts, MemoryAccounts, RedisAccounts};
use crate::config::{AppConfig, StoreKind};
use crate::instructor::EventBus;

/// Where `/register` keeps accounts: the same backend as the sessions.
#[derive(Clone)]
pub struct AccountsBackend(pub Arc<dyn AccountBackend>);

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

/// Opens the store; a store that cannot be opened stops launch with one clear line.
pub fn stage() -> AdHoc {
    AdHoc::try_on_ignite("Session store", |rocket| async {
        let Some(config) = rocket.state::<AppConfig>() else {
            return Err(rocket);
        };
        match open(config) {
            Ok(backend) => {
                let sessions = Sessions::new(backend.sessions, config);
                Ok(rocket.manage(sessions).manage(AccountsBackend(backend.accounts)))
            }
            Err(e) => {
                rocket::error!("session_store = \"{}\": {e}", config.session_store.as_str());
                Err(rocket)
            }
        }
    })
}

/// Frees expired sessions every `session_sweep_interval` seconds, in a task of its own.
pub fn sweeper() -> AdHoc {
    AdHoc::on_liftoff("Session sweeper", |rocket| {
        Box::pin(async move {
            let (Some(sessions), Some(config)) = (rocket.state::<Sessions>(), rocket.state::<AppConfig>()) else {
                return;
            };
            let sessions = sessions.clone();
            let bus = rocket.state::<EventBus>().cloned();
            let every = Duration::from_secs(config.session_sweep_interval);
            let mut shutdown = rocket.shutdown();
            rocket::tokio::spawn(async move {
                let mut ticks = interval(every);
                ticks.set_missed_tick_behavior(MissedTickBehavior::Delay);
                loop {
                    rocket::tokio::select! {
                        _ = &mut shutdown => break,
                        _ = ticks.tick() => match sessions.sweep().await {
                            Ok(0) => {}
                            Ok(n) => {
                                rocket::info!("session sweep freed {n} expired sessions");
                                if let Some(bus) = &bus {
                                    bus.emit("expired", "session", &n.to_string());
                                }
                            }
                            Err(e) => rocket::warn!("session sweep failed: {e}"),
                        },
                    }
                }
            });
        })
    })
}
