//! The periodic sweep that frees expired sessions, in a task of its own after liftoff.

use rocket::fairing::AdHoc;
use rocket::tokio::time::{interval, Duration, MissedTickBehavior};

use super::Sessions;
use crate::config::AppConfig;
use crate::events::{EventBus, EventKind, Subject};
use crate::flow::Flow;

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
