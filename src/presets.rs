//! The instructor's lesson switches: the 30-second expiry (expiry lesson), counter session ids
//! (guess lesson) and the class board (XSS lesson). A service: the session service reads the
//! first two when it starts a session, the boards read the third; only the dashboard changes
//! them. They apply to students only: the instructor's own session is never shortened and never
//! gets a guessable id.
//!
//! With the Redis store the switches and the weak-id counter live in Redis, so a switch flipped
//! through one instance holds on every instance: each keeps a copy that pages read, refreshed
//! twice a second ([`follower`]) and right before a session starts, so a login always gets the
//! class's current presets. While Redis is away the copy stays as it was.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use rocket::fairing::AdHoc;
use rocket::tokio::time::{interval, MissedTickBehavior};

use crate::config::AppConfig;
use crate::storage::{ClassRedis, StoreError};

/// Where the weak-id counter starts; the guess lesson counts issued ids from here.
pub const WEAK_COUNTER_START: u64 = 1000;
/// How often an instance reads the shared switches again.
const REFRESH: Duration = Duration::from_millis(500);

const EXPIRY: &str = "expiry";
const WEAK: &str = "weak";
const BOARD: &str = "board";
const COUNTER: &str = "weak-counter";

#[derive(Clone)]
pub struct Presets(Arc<Switches>);

struct Switches {
    /// The idle timeout of the expiry preset, and whether it is on.
    expiry_s: u64,
    expiry_on: AtomicBool,
    weak_ids: Arc<AtomicBool>,
    /// The in-process counter (memory and file stores).
    weak_counter: AtomicU64,
    class_board: AtomicBool,
    /// The class's Redis, when the switches are shared.
    shared: Option<ClassRedis>,
}

impl Presets {
    pub fn new(config: &AppConfig, shared: Option<ClassRedis>) -> Presets {
        Presets(Arc::new(Switches {
            expiry_s: config.lab_expiry_preset,
            expiry_on: AtomicBool::new(false),
            weak_ids: Arc::new(AtomicBool::new(false)),
            weak_counter: AtomicU64::new(WEAK_COUNTER_START),
            class_board: AtomicBool::new(false),
            shared,
        }))
    }

    /// The short idle timeout for new student sessions, while the expiry preset is on.
    pub fn expiry(&self) -> Option<u64> {
        self.0.expiry_on.load(Ordering::Relaxed).then_some(self.0.expiry_s)
    }

    /// # Warning
    /// Whether new student sessions get counter ids instead of random ones.
    pub fn weak_ids(&self) -> bool {
        self.0.weak_ids.load(Ordering::Relaxed)
    }

    /// The flag itself, for the banner every page shows while weak ids are on.
    pub fn weak_ids_flag(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.0.weak_ids)
    }

    /// Whether every post's markup runs for every student (the class board).
    pub fn class_board(&self) -> bool {
        self.0.class_board.load(Ordering::Relaxed)
    }

    pub async fn set_expiry(&self, on: bool) -> Result<(), StoreError> {
        self.set(&[(EXPIRY, on)]).await
    }

    /// Switches counter ids on or off. Switching off must also end the weak sessions; the
    /// session service does that (`Sessions::end_weak_sessions`).
    pub async fn set_weak_ids(&self, on: bool) -> Result<(), StoreError> {
        self.set(&[(WEAK, on)]).await
    }

    pub async fn set_class_board(&self, on: bool) -> Result<(), StoreError> {
        self.set(&[(BOARD, on)]).await
    }

    /// Everything off (class reset). The caller also ends the weak sessions.
    pub async fn reset(&self) -> Result<(), StoreError> {
        self.set(&[(EXPIRY, false), (WEAK, false), (BOARD, false)]).await
    }

    /// The next counter value, taken.
    pub async fn next_weak_counter(&self) -> Result<u64, StoreError> {
        match &self.0.shared {
            Some(redis) => Ok(WEAK_COUNTER_START + redis.next_count(COUNTER).await? - 1),
            None => Ok(self.0.weak_counter.fetch_add(1, Ordering::Relaxed)),
        }
    }

    /// The next counter value a weak id would get, left as it is.
    pub async fn weak_counter(&self) -> Result<u64, StoreError> {
        match &self.0.shared {
            Some(redis) => Ok(WEAK_COUNTER_START + redis.count(COUNTER).await?),
            None => Ok(self.0.weak_counter.load(Ordering::Relaxed)),
        }
    }

    /// Reads the shared switches again (nothing to do when they live in this process).
    pub async fn refresh(&self) -> Result<(), StoreError> {
        let Some(redis) = &self.0.shared else {
            return Ok(());
        };
        let switches = redis.switches().await?;
        let on = |name: &str| switches.iter().any(|(n, v)| n == name && v == "1");
        self.keep(&[(EXPIRY, on(EXPIRY)), (WEAK, on(WEAK)), (BOARD, on(BOARD))]);
        Ok(())
    }

    async fn set(&self, switches: &[(&str, bool)]) -> Result<(), StoreError> {
        if let Some(redis) = &self.0.shared {
            redis.set_switches(switches).await?;
        }
        self.keep(switches);
        Ok(())
    }

    /// Updates this instance's copy.
    fn keep(&self, switches: &[(&str, bool)]) {
        for (name, on) in switches {
            let flag = match *name {
                EXPIRY => &self.0.expiry_on,
                WEAK => &*self.0.weak_ids,
                _ => &self.0.class_board,
            };
            flag.store(*on, Ordering::Relaxed);
        }
    }
}

/// With shared switches, reads them again every [`REFRESH`] until shutdown, so pages on every
/// instance show what the instructor switched through any of them.
pub fn follower() -> AdHoc {
    AdHoc::on_liftoff("Shared presets", |rocket| {
        Box::pin(async move {
            let Some(presets) = rocket.state::<Presets>().filter(|p| p.0.shared.is_some()).cloned() else {
                return;
            };
            let mut shutdown = rocket.shutdown();
            rocket::tokio::spawn(async move {
                let mut ticks = interval(REFRESH);
                ticks.set_missed_tick_behavior(MissedTickBehavior::Delay);
                loop {
                    rocket::tokio::select! {
                        _ = &mut shutdown => break,
                        _ = ticks.tick() => {
                            // An outage keeps the last copy; the store's own pages report it.
                            let _ = presets.refresh().await;
                        }
                    }
                }
            });
        })
    })
}
