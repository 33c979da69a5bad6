//! The class's live events (logins, logouts, failed logins, revocations, expiries), broadcast to
//! every open dashboard over server-sent events. Nothing is stored: a dashboard sees what happens
//! while it is open.

use rocket::tokio::sync::broadcast;
use serde::Serialize;

use crate::session::now_ms;

/// One thing that happened, as a dashboard shows it.
#[derive(Debug, Clone, Serialize)]
pub struct ClassEvent {
    /// `login`, `logout`, `login-failed`, `revoked` or `expired`.
    pub kind: &'static str,
    /// `cookie` or `session`.
    pub flow: &'static str,
    /// The account, or the name someone tried (at most 32 characters), or a count for `expired`.
    pub user: String,
    pub at_ms: u64,
}

#[derive(Clone)]
pub struct EventBus(broadcast::Sender<ClassEvent>);

impl Default for EventBus {
    fn default() -> Self {
        EventBus(broadcast::channel(256).0)
    }
}

impl EventBus {
    pub fn emit(&self, kind: &'static str, flow: &'static str, user: &str) {
        let user: String = user.chars().filter(|c| !c.is_control()).take(32).collect();
        // No dashboard open means no receiver: nothing to do.
        let _ = self.0.send(ClassEvent {
            kind,
            flow,
            user,
            at_ms: now_ms(),
        });
    }

    pub fn subscribe(&self) -> broadcast::Receiver<ClassEvent> {
        self.0.subscribe()
    }
}
