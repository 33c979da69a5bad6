//! The class's live events (logins, logouts, failed password checks, revocations, expiries,
//! guesses), broadcast to every open dashboard over server-sent events.
//!
//! The dashboard is projected, so nothing a student types reaches it as free text: a name that is
//! not a valid username shows as `?`, and the events one client address can cause are
//! rate-limited (a burst of [`BURST`], then one per second), so a script cannot flood the wall.
//!
//! The bus keeps the last [`RECENT`] events of the last [`RECENT_MS`], so a dashboard opened late
//! (or reconnecting) sees the last minutes. With several instances a relay (`crate::relay`) takes
//! the events this instance emits, publishes them to every instance and [`EventBus::deliver`]s
//! what arrives; the bus then also says whether that feed is live ([`EventBus::feed`]).

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use rocket::tokio::sync::{broadcast, mpsc, watch};
use serde::{Deserialize, Serialize};

use crate::clock::now_ms;
use crate::credentials::Username;
use crate::flow::Flow;

/// Events one client address may cause at once before it is held to one per second.
pub const BURST: u32 = 20;
/// At most this many client addresses are tracked; older buckets are dropped first.
const MAX_TRACKED: usize = 4096;
/// The recent events kept for dashboards opened late: at most this many,
pub const RECENT: usize = 100;
/// from at most this long ago.
pub const RECENT_MS: u64 = 15 * 60 * 1000;

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EventKind {
    Login,
    Logout,
    LoginFailed,
    /// Password checks refused for a while after too many failures.
    Throttled,
    Revoked,
    Expired,
    GuessHit,
    GuessFailed,
}

/// Who or what an event is about, as the dashboard may show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// A real account name.
    User(Username),
    /// Something typed that is not a valid username.
    Unknown,
    /// A number of sessions (sweeps).
    Count(usize),
    /// A session's fingerprint.
    Session(String),
}

impl Subject {
    /// A typed name: the name if it is a valid username, otherwise `?`.
    pub fn typed(raw: &str) -> Subject {
        Username::parse(raw).map_or(Subject::Unknown, Subject::User)
    }

    fn shown(&self) -> String {
        match self {
            Subject::User(name) => name.to_string(),
            Subject::Unknown => "?".into(),
            Subject::Count(n) => n.to_string(),
            Subject::Session(fingerprint) => format!("#{fingerprint}"),
        }
    }
}

/// One event, as a dashboard receives it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClassEvent {
    /// Random (53 bits, so that JavaScript reads it exactly), so that an event that arrives
    /// twice (the recent list and the live feed) is shown once.
    pub id: u64,
    pub kind: EventKind,
    pub flow: Flow,
    /// The account name, `?`, a count or `#fingerprint`: see [`Subject`].
    pub user: String,
    pub at_ms: u64,
}

#[derive(Clone, Copy)]
struct Bucket {
    tokens: f64,
    at_ms: u64,
}

#[derive(Clone)]
pub struct EventBus {
    sender: broadcast::Sender<ClassEvent>,
    buckets: Arc<Mutex<HashMap<IpAddr, Bucket>>>,
    dropped: Arc<AtomicU64>,
    recent: Arc<Mutex<VecDeque<ClassEvent>>>,
    /// Where emitted events go when a relay shares them between instances.
    relay: Arc<OnceLock<mpsc::Sender<ClassEvent>>>,
    /// Whether events from every instance are arriving (always, without a relay).
    feed: Arc<watch::Sender<bool>>,
}

impl Default for EventBus {
    fn default() -> Self {
        EventBus {
            sender: broadcast::channel(256).0,
            buckets: Arc::default(),
            dropped: Arc::default(),
            recent: Arc::default(),
            relay: Arc::default(),
            feed: Arc::new(watch::channel(true).0),
        }
    }
}

impl EventBus {
    /// An event the server itself caused (a sweep, an instructor's revocation).
    pub fn emit(&self, kind: EventKind, flow: Flow, subject: Subject) {
        let event = ClassEvent {
            id: rand::random::<u64>() >> 11,
            kind,
            flow,
            user: subject.shown(),
            at_ms: now_ms(),
        };
        match self.relay.get() {
            Some(relay) => {
                if let Err(mpsc::error::TrySendError::Full(event) | mpsc::error::TrySendError::Closed(event)) =
                    relay.try_send(event)
                {
                    // The relay is behind or gone: this instance's dashboards still see it.
                    self.deliver(event);
                }
            }
            None => self.deliver(event),
        }
    }

    /// Shows `event` on this instance's dashboards and keeps it among the recent ones (once,
    /// however often it arrives).
    pub fn deliver(&self, event: ClassEvent) {
        {
            let mut recent = self.recent.lock().unwrap_or_else(PoisonError::into_inner);
            if recent.iter().any(|e| e.id == event.id) {
                return;
            }
            if recent.len() >= RECENT {
                recent.pop_front();
            }
            recent.push_back(event.clone());
        }
        // No dashboard open means no receiver: nothing to do.
        let _ = self.sender.send(event);
    }

    /// Keeps events that arrived another way (another instance's recent list), oldest first,
    /// without showing them again on open dashboards.
    pub fn remember(&self, events: impl IntoIterator<Item = ClassEvent>) {
        let mut recent = self.recent.lock().unwrap_or_else(PoisonError::into_inner);
        for event in events {
            if !recent.iter().any(|e| e.id == event.id) {
                recent.push_back(event);
            }
        }
        recent.make_contiguous().sort_by_key(|e| e.at_ms);
        while recent.len() > RECENT {
            recent.pop_front();
        }
    }

    /// The recent events after `after_ms` (and within [`RECENT_MS`]), oldest first.
    pub fn recent_after(&self, after_ms: u64) -> Vec<ClassEvent> {
        let from = after_ms.max(now_ms().saturating_sub(RECENT_MS));
        let recent = self.recent.lock().unwrap_or_else(PoisonError::into_inner);
        recent.iter().filter(|e| e.at_ms > from).cloned().collect()
    }

    /// Hands every event this instance emits from now on to `relay`; the feed counts as down
    /// until the relay says otherwise. Only the first relay is kept.
    pub fn relay_through(&self, relay: mpsc::Sender<ClassEvent>) {
        if self.relay.set(relay).is_ok() {
            self.set_feed_live(false);
        }
    }

    /// Whether events from every instance are arriving; watched by open dashboards.
    pub fn feed(&self) -> watch::Receiver<bool> {
        self.feed.subscribe()
    }

    pub fn set_feed_live(&self, live: bool) {
        self.feed.send_if_modified(|now| std::mem::replace(now, live) != live);
    }

    /// An event a client caused; dropped (and counted) when that address is over its rate.
    pub fn emit_from(&self, client: IpAddr, kind: EventKind, flow: Flow, subject: Subject) {
        if self.allow(client, now_ms()) {
            self.emit(kind, flow, subject);
        } else {
            self.dropped.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Events dropped by the rate limit since start-up.
    pub fn dropped(&self) -> u64 {
        self.dropped.load(Ordering::Relaxed)
    }

    pub fn subscribe(&self) -> broadcast::Receiver<ClassEvent> {
        self.sender.subscribe()
    }

    fn allow(&self, client: IpAddr, now: u64) -> bool {
        let mut buckets = self.buckets.lock().unwrap_or_else(PoisonError::into_inner);
        if buckets.len() >= MAX_TRACKED && !buckets.contains_key(&client) {
            // Full buckets refill in BURST seconds; anything older is as good as new.
            let cutoff = now.saturating_sub(u64::from(BURST) * 1000);
            buckets.retain(|_, b| b.at_ms >= cutoff);
            if buckets.len() >= MAX_TRACKED {
                return false;
            }
        }
        let bucket = buckets.entry(client).or_insert(Bucket {
            tokens: f64::from(BURST),
            at_ms: now,
        });
        let refill = now.saturating_sub(bucket.at_ms) as f64 / 1000.0;
        bucket.tokens = (bucket.tokens + refill).min(f64::from(BURST));
        bucket.at_ms = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_address_gets_a_burst_then_one_event_a_second() {
        let bus = EventBus::default();
        let (a, b): (IpAddr, IpAddr) = ("10.0.0.1".parse().unwrap(), "10.0.0.2".parse().unwrap());
        let allowed = (0..100).filter(|_| bus.allow(a, 1_000_000)).count();
        assert_eq!(allowed, BURST as usize);
        assert!(bus.allow(b, 1_000_000), "another address is not affected");
        assert!(!bus.allow(a, 1_000_500));
        assert!(bus.allow(a, 1_001_000), "one more after a second");
    }

    #[test]
    fn an_event_that_arrives_twice_is_shown_and_kept_once() {
        let bus = EventBus::default();
        let mut dashboard = bus.subscribe();
        let event = ClassEvent {
            id: 7,
            kind: EventKind::Login,
            flow: Flow::Session,
            user: "abc".into(),
            at_ms: now_ms(),
        };
        bus.deliver(event.clone());
        bus.deliver(event.clone());
        bus.remember([event.clone()]);
        assert_eq!(dashboard.try_recv().map(|e| e.id).ok(), Some(7));
        assert!(dashboard.try_recv().is_err(), "shown once");
        assert_eq!(bus.recent_after(0).len(), 1, "kept once");
        assert!(
            bus.recent_after(event.at_ms).is_empty(),
            "nothing after the last one seen"
        );
        let old = ClassEvent {
            id: 8,
            at_ms: now_ms() - RECENT_MS - 1,
            ..event
        };
        bus.remember([old]);
        assert_eq!(
            bus.recent_after(0).len(),
            1,
            "older than the recent window: not replayed"
        );
    }

    #[test]
    fn typed_names_that_are_not_usernames_show_as_a_question_mark() {
        assert_eq!(Subject::typed("<b>hi</b>").shown(), "?");
        assert_eq!(Subject::typed("abc").shown(), "abc");
    }
}
