//! Opens the configured backend (sessions and the accounts kept beside them), and runs the
//! periodic sweep after liftoff.

use std::sync::Arc;

use rocket::fairing::AdHoc;

use crate::events::{EventBus, EventKind, Subject};
use crate::flow::Flow;
use rocket::tokio::time::{interval, Duration, MissedTickBehavior};

use super::{FileStore, MemoryStore, RedisStore, SessionStore, Sessions, StoreError};
use crate::accounts::backend::{AccountBackend, FileAccounts, MemoryAccounts, RedisAccounts};
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
                                    bus.emit(EventKind::Expired, Flow::Session, Subject::Count(n));
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
