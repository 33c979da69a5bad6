//! Each browser's desk in the lab: its form token and what the "attacker" holds for it.
//! Keyed by the browser's `inspector` cookie, kept in memory for 30 minutes.

use std::time::Duration;

use dashmap::DashMap;
use rocket::http::Status;
use rocket::request::{FromRequest, Outcome, Request};

use super::hijack::Replay;
use crate::error::AppError;
use crate::inspector::INSPECTOR_COOKIE;
use crate::session::{now_ms, SessionId};

const KEEP: Duration = Duration::from_secs(30 * 60);
const MAX_DESKS: usize = 10_000;

#[derive(Clone, Default)]
pub struct Desk {
    /// Every lab form carries it; a form from anywhere else cannot.
    pub token: String,
    /// A session id "sniffed" from this browser's own request: held by the attacker, never shown.
    pub stolen_sid: Option<SessionId>,
    /// The last replay in each flow.
    pub cookie_replay: Option<Replay>,
    pub session_replay: Option<Replay>,
    /// An id the attacker drew and planted in this browser (fixation lesson), never shown.
    pub planted_sid: Option<SessionId>,
    pub fixation_replay: Option<Replay>,
    /// The last guess: the user whose live session it found, or empty for a miss.
    pub guess_result: Option<String>,
    pub touched_ms: u64,
}

#[derive(Default)]
pub struct LabDesks {
    desks: DashMap<String, Desk>,
}

impl LabDesks {
    /// This browser's desk, created on first use.
    pub fn open(&self, browser: &str) -> Desk {
        let now = now_ms();
        if self.desks.len() >= MAX_DESKS {
            let cutoff = now.saturating_sub(KEEP.as_millis() as u64);
            self.desks.retain(|_, desk| desk.touched_ms >= cutoff);
        }
        let mut desk = self.desks.entry(browser.to_owned()).or_insert_with(|| Desk {
            token: new_token(),
            ..Desk::default()
        });
        desk.touched_ms = now;
        desk.clone()
    }

    /// `Ok` when `token` is this browser's lab token (compared in constant time).
    pub fn check(&self, browser: &LabBrowser, token: Option<&str>) -> Result<(), AppError> {
        let desk = self.open(&browser.0);
        let sent = token.unwrap_or_default();
        if bool::from(subtle::ConstantTimeEq::ct_eq(desk.token.as_bytes(), sent.as_bytes())) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// Forgets every desk: tokens, stolen ids, replays (class reset).
    pub fn clear(&self) {
        self.desks.clear();
    }

    /// Changes this browser's desk, if it has one.
    pub fn update(&self, browser: &str, change: impl FnOnce(&mut Desk)) {
        if let Some(mut desk) = self.desks.get_mut(browser) {
            change(&mut desk);
            desk.touched_ms = now_ms();
        }
    }
}

fn new_token() -> String {
    use rand::Rng;
    format!("{:032x}", rand::rng().random::<u128>())
}

/// The visiting browser, known by its `inspector` cookie.
pub struct LabBrowser(pub String);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for LabBrowser {
    type Error = ();

    /// Forwards when the browser has no `inspector` cookie yet (its first page sets one).
    async fn from_request(request: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        match request.cookies().get(INSPECTOR_COOKIE).map(|c| c.value().to_owned()) {
            Some(id) if id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit()) => Outcome::Success(LabBrowser(id)),
            _ => Outcome::Forward(Status::Forbidden),
        }
    }
}
