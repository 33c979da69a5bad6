//! Each browser's desk in the lab: what the "attacker" holds for it. Keyed by the browser's
//! verified `inspector` id, bounded per client address (see [`crate::bounded`]), kept for 30
//! minutes of inactivity; with the Redis store, kept in Redis (sealed: see
//! [`crate::storage::SharedMap`]) so that every instance sees the same desk.
//!
//! A desk exists only once a lab action stores something in it: the lab's form token is derived
//! from the browser id with the server's key, not stored, so viewing lesson pages creates nothing.

use std::borrow::Cow;
use std::net::IpAddr;

use rocket::http::Status;
use rocket::request::{FromRequest, Outcome, Request};
use serde::{Deserialize, Serialize};

use super::csrf::CsrfDesk;
use super::hijack::Replay;
use crate::browser_id::{BrowserId, ServerKey};
use crate::client::ClientAddr;
use crate::error::{AppError, Forbidden};
use crate::ids::SessionId;
use crate::inspector::KnownBrowser;
use crate::storage::{ClassRedis, SharedMap, StoreError};

const KEEP_MS: u64 = 30 * 60 * 1000;
/// Desks one client address may hold (a student with a few browsers and private windows).
const PER_ADDRESS: usize = 16;
const MAX_DESKS: usize = 10_000;
/// The area name of the lab's form tokens.
const TOKEN_AREA: &str = "lab";

/// A locale key or a fixed name on a desk: borrowed when the code sets it, owned when the desk
/// comes back from Redis.
pub type Word = Cow<'static, str>;

#[derive(Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Desk {
    /// A session id "sniffed" from this browser's own request: held by the attacker, never shown.
    #[serde(with = "id_text")]
    pub stolen_sid: Option<SessionId>,
    /// The last replay in each flow.
    pub cookie_replay: Option<Replay>,
    pub session_replay: Option<Replay>,
    /// An id the attacker drew and planted in this browser (fixation lesson), never shown.
    #[serde(with = "id_text")]
    pub planted_sid: Option<SessionId>,
    pub fixation_replay: Option<Replay>,
    /// The fixation lesson's vulnerable login said no (wrong password, or refused).
    pub fixation_failed: Option<Word>,
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
    desks: SharedMap<Desk>,
}

impl LabDesks {
    pub fn new(class: Option<&ClassRedis>) -> LabDesks {
        LabDesks {
            desks: SharedMap::new(class, "desk", PER_ADDRESS, MAX_DESKS, KEEP_MS),
        }
    }

    /// This browser's desk; an empty one if it has none.
    pub async fn open(&self, browser: &BrowserId) -> Result<Desk, StoreError> {
        Ok(self.desks.get(browser.as_str()).await?.unwrap_or_default())
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
    pub async fn update(
        &self,
        browser: &BrowserId,
        owner: IpAddr,
        change: impl FnOnce(&mut Desk),
    ) -> Result<(), StoreError> {
        self.desks.update(browser.as_str(), owner, change).await
    }

    /// Forgets every desk: stolen ids, replays (class reset).
    pub async fn clear(&self) -> Result<(), StoreError> {
        self.desks.clear().await
    }

    pub async fn count(&self) -> Result<usize, StoreError> {
        self.desks.count().await
    }
}

/// A session id on a desk, as its text (the desk is sealed when it leaves the process).
mod id_text {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::ids::SessionId;

    pub fn serialize<S: Serializer>(id: &Option<SessionId>, out: S) -> Result<S::Ok, S::Error> {
        match id {
            Some(id) => out.serialize_some(&id.expose()),
            None => out.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(input: D) -> Result<Option<SessionId>, D::Error> {
        let text = Option::<String>::deserialize(input)?;
        Ok(text.and_then(|text| text.parse().ok()))
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
    pub async fn open(&self) -> Result<Desk, StoreError> {
        self.desks.open(&self.browser).await
    }

    /// Changes this browser's desk, creating it for this client address if needed.
    pub async fn update(&self, change: impl FnOnce(&mut Desk)) -> Result<(), StoreError> {
        self.desks.update(&self.browser, self.client.0, change).await
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
