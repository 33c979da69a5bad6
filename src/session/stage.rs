//! Creates the configured store at ignition and runs the periodic sweep after liftoff.

use std::sync::Arc;

use rocket::fairing::AdHoc;
use rocket::tokio::time::{interval, Duration, MissedTickBehavior};

use super::{MemoryStore, SessionStore, Sessions};
use crate::config::{AppConfig, StoreKind};

pub fn stage() -> AdHoc {
    AdHoc::on_ignite("Session store", |rocket| async {
        rocket
            .attach(AdHoc::try_on_ignite("Session store: open", |rocket| async {
                let Some(config) = rocket.state::<AppConfig>() else {
                    return Err(rocket);
                };
                let store: Arc<dyn SessionStore> = match config.session_store {
                    StoreKind::Memory => Arc::new(MemoryStore::new()),
                    other => {
                        rocket::error!("session_store = \"{}\" is not available", other.as_str());
                        return Err(rocket);
                    }
                };
                let sessions = Sessions::new(store, config);
                Ok(rocket.manage(sessions))
            }))
            .attach(AdHoc::on_liftoff("Session store: sweeper", |rocket| {
                Box::pin(async move {
                    let (Some(sessions), Some(config)) = (rocket.state::<Sessions>(), rocket.state::<AppConfig>())
                    else {
                        return;
                    };
                    let sessions = sessions.clone();
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
                                    Ok(n) => rocket::info!("session sweep freed {n} expired sessions"),
                                    Err(e) => rocket::warn!("session sweep failed: {e}"),
                                },
                            }
                        }
                    });
                })
            }))
    })
}
