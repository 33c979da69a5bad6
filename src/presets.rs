//! The instructor's lesson switches: the 30-second expiry (expiry lesson), counter session ids
//! (guess lesson) and the class board (XSS lesson). A service: the session service reads the
//! first two when it starts a session, the boards read the third; only the dashboard changes
//! them. They apply to students only: the instructor's own session is never shortened and never
//! gets a guessable id.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;

use crate::config::AppConfig;

/// Where the weak-id counter starts; the guess lesson counts issued ids from here.
pub const WEAK_COUNTER_START: u64 = 1000;

#[derive(Clone)]
pub struct Presets(Arc<Switches>);

struct Switches {
    /// The idle timeout of the expiry preset, and whether it is on.
    expiry_s: u64,
    expiry_on: AtomicBool,
    weak_ids: Arc<AtomicBool>,
    weak_counter: AtomicU64,
    class_board: AtomicBool,
}

impl Presets {
    pub fn new(config: &AppConfig) -> Presets {
        Presets(Arc::new(Switches {
            expiry_s: config.lab_expiry_preset,
            expiry_on: AtomicBool::new(false),
            weak_ids: Arc::new(AtomicBool::new(false)),
            weak_counter: AtomicU64::new(WEAK_COUNTER_START),
            class_board: AtomicBool::new(false),
        }))
    }

    /// The short idle timeout for new student sessions, while the expiry preset is on.
    pub fn expiry(&self) -> Option<u64> {
        self.0.expiry_on.load(Ordering::Relaxed).then_some(self.0.expiry_s)
    }

    pub fn set_expiry(&self, on: bool) {
        self.0.expiry_on.store(on, Ordering::Relaxed);
    }

    /// # Warning
    /// Whether new student sessions get counter ids instead of random ones.
    pub fn weak_ids(&self) -> bool {
        self.0.weak_ids.load(Ordering::Relaxed)
    }

    /// Switches counter ids on or off. Switching off must also end the weak sessions; the
    /// session service does that (`Sessions::end_weak_sessions`).
    pub fn set_weak_ids(&self, on: bool) {
        self.0.weak_ids.store(on, Ordering::Relaxed);
    }

    /// The flag itself, for the banner every page shows while weak ids are on.
    pub fn weak_ids_flag(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.0.weak_ids)
    }

    /// The next counter value, taken.
    pub fn next_weak_counter(&self) -> u64 {
        self.0.weak_counter.fetch_add(1, Ordering::Relaxed)
    }

    /// The next counter value a weak id would get, left as it is.
    pub fn weak_counter(&self) -> u64 {
        self.0.weak_counter.load(Ordering::Relaxed)
    }

    /// Whether every post's markup runs for every student (the class board).
    pub fn class_board(&self) -> bool {
        self.0.class_board.load(Ordering::Relaxed)
    }

    pub fn set_class_board(&self, on: bool) {
        self.0.class_board.store(on, Ordering::Relaxed);
    }

    /// Everything off (class reset). The caller also ends the weak sessions.
    pub fn reset(&self) {
        self.set_expiry(false);
        self.set_weak_ids(false);
        self.set_class_board(false);
    }
}
