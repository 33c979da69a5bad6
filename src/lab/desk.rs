//! Each browser's desk in the lab: what the "attacker" holds for it. Keyed by the browser's
//! verified `inspector` id, bounded per client address (see [`crate::bounded`]), kept for 30
//! minutes of inactivity.
//!
//! A desk exists only once a lab action stores something in it: the lab's form token is derived
//! from the browser id with the server's key, not stored, so viewing lesson pages creates nothing.

use std::net::IpAddr;

use rocket::http::Status;
use rocket::request::{FromRequest, Outcome, Request};

use super::csrf::CsrfDesk;
use super::hijack::Replay;
use crate::bounded::Bounded;
use crate::browser_id::{BrowserId, ServerKey};
use crate::client::ClientAddr;
use crate::clock::now_ms;
use crate::error::{AppError, Forbidden};
use crate::ids::SessionId;
use crate::inspector::KnownBrowser;

const KEEP_MS: u64 = 30 * 60 * 1000;
/// Desks one client address may hold (a student with a few browsers and private windows).
const PER_ADDRESS: usize = 16;
const MAX_DESKS: usize = 10_000;
/// The area name of the lab's form tokens.
const TOKEN_AREA: &str = "lab";

#[derive(Clone, Default)]
pub struct Desk {
    /// A session id "sniffed" from this browser's own request: held by the attacker, never shown.
    pub stolen_sid: Option<SessionId>,
    /// The last replay in each flow.
    pub cookie_replay: Option<Replay>,
    pub session_replay: Option<Replay>,
    /// An id the attacker drew and planted in this browser (fixation lesson), never shown.
    pub planted_sid: Option<SessionId>,
    pub fixation_replay: Option<Replay>,
    /// The fixation lesson's vulnerable login said no (wrong password, or refused).
    pub fixation_failed: Option<&'static str>,
    /// The last guess: what was tried (as typed, at most 64 characters) and the user whose live
    /// session it found, or empty for a miss.
    pub guess_result: Option<(String, String)>,
    /// The guess lesson's neighbour buttons found no weak id to start from.
    pub guess_no_start: bool,
    /// The CSRF lesson: what forged requests did, and the cookie flow's chosen SameSite.
    pub csrf: CsrfDesk,
    /// The signed lesson: the kept copy of a token (never shown) and its replay.
    pub signed: super::signed::SignedDesk,
}

pub struct LabDesks {
    desks: Bounded<BrowserId, Desk>,
}

impl Default for LabDesks {
    fn default() -> Self {
        LabDesks {
            desks: Bounded::new(PER_ADDRESS, MAX_DESKS, KEEP_MS),
        }
    }
}

impl LabDesks {
    /// This browser's desk; an empty one if it has none.
    pub fn open(&self, browser: &BrowserId) -> Desk {
        self.desks.get(browser, now_ms()).unwrap_or_default()
    }

    /// This browser's token for lab forms.
    pub fn token(&self, key: &ServerKey, browser: &BrowserId) -> String {
        browser.token(key, TOKEN_AREA)
    }

    /// `Ok` when `token` is this browser's lab token (compared in constant time).
    pub fn check(&self, key: &ServerKey, browser: &BrowserId, token: Option<&str>) -> Result<(), AppError> {
        if browser.token_matches(key, TOKEN_AREA, token.unwrap_or_default()) {
            Ok(())
        } else {
            Err(Forbidden::Token.into())
        }
    }

    /// Changes this browser's desk, creating it (for `owner`) if needed.
    pub fn update(&self, browser: &BrowserId, owner: IpAddr, change: impl FnOnce(&mut Desk)) {
        self.desks.update(browser, owner, now_ms(), change);
    }

    /// Forgets every desk: stolen ids, replays (class reset).
    pub fn clear(&self) {
        self.desks.clear();
    }

    pub fn len(&self) -> usize {
        self.desks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.desks.is_empty()
    }
}

/// The posting browser's desk, as a request guard: what every lab action does with it (check the
/// form's token, read the desk, change it) without each handler naming the browser, the server's
/// key, the desks and the client address. Like [`KnownBrowser`], it forwards (403) a browser
/// that holds no id from this server.
pub struct LabDesk<'r> {
    pub browser: BrowserId,
    pub client: ClientAddr,
    key: &'r ServerKey,
    desks: &'r LabDesks,
}

impl LabDesk<'_> {
    /// `Ok` when `token` is this browser's lab token.
    pub fn check(&self, token: Option<&str>) -> Result<(), AppError> {
        self.desks.check(self.key, &self.browser, token)
    }

    /// This browser's desk as it is now; an empty one if it has none.
    pub fn open(&self) -> Desk {
        self.desks.open(&self.browser)
    }

    /// Changes this browser's desk, creating it for this client address if needed.
    pub fn update(&self, change: impl FnOnce(&mut Desk)) {
        self.desks.update(&self.browser, self.client.0, change);
    }
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for LabDesk<'r> {
    type Error = ();

    async fn from_request(request: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let browser = match request.guard::<KnownBrowser>().await {
            Outcome::Success(known) => known.0,
            Outcome::Forward(status) => return Outcome::Forward(status),
            Outcome::Error((status, ())) => return Outcome::Error((status, ())),
        };
        let rocket = request.rocket();
        match (rocket.state::<ServerKey>(), rocket.state::<LabDesks>()) {
            (Some(key), Some(desks)) => Outcome::Success(LabDesk {
                browser,
                client: ClientAddr::of(request),
                key,
                desks,
            }),
            _ => Outcome::Error((Status::InternalServerError, ())),
        }
    }
}
