//! What the server keeps for one session, and when it ends. A leaf.

use std::fmt;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Serialize};
use subtle::ConstantTimeEq;

use crate::credentials::{Role, Username};
use crate::ids::{RandomError, SessionId};

/// The per-session token that the session flow's forms carry (synchroniser token pattern).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CsrfToken(String);

impl CsrfToken {
    pub fn generate() -> Result<CsrfToken, RandomError> {
        // A second, independent 256-bit value: knowing the token says nothing about the id.
        let id = SessionId::generate()?;
        Ok(CsrfToken(URL_SAFE_NO_PAD.encode(id.as_bytes())))
    }

    /// Compares in constant time, so the response time does not reveal a matching prefix.
    pub fn matches(&self, submitted: &str) -> bool {
        self.0.as_bytes().ct_eq(submitted.as_bytes()).into()
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for CsrfToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CsrfToken([redacted])")
    }
}

/// One session as a store keeps it. Both timeouts are copied in at login, so every store
/// computes expiry the same way and a record carries everything needed to judge it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionRecord {
    pub user: Username,
    pub role: Role,
    pub csrf_token: CsrfToken,
    pub created_ms: u64,
    pub last_seen_ms: u64,
    pub idle_timeout_s: u64,
    pub absolute_timeout_s: u64,
    /// The app instance that created the session (`instance_name`), for the dashboard.
    #[serde(default)]
    pub instance: String,
    /// Issued under a counter id while the guess lesson's weak-id preset was on; such sessions
    /// end when the preset goes off or the class is reset.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub weak_id: bool,
}

impl SessionRecord {
    pub fn new(
        user: Username,
        role: Role,
        now_ms: u64,
        idle_timeout_s: u64,
        absolute_timeout_s: u64,
    ) -> Result<Self, RandomError> {
        Ok(SessionRecord {
            user,
            role,
            csrf_token: CsrfToken::generate()?,
            created_ms: now_ms,
            last_seen_ms: now_ms,
            idle_timeout_s,
            absolute_timeout_s,
            instance: String::new(),
            weak_id: false,
        })
    }

    /// The moment the session ends: idle expiry or absolute expiry, whichever comes first.
    pub fn expires_ms(&self) -> u64 {
        let idle = self
            .last_seen_ms
            .saturating_add(self.idle_timeout_s.saturating_mul(1000));
        let absolute = self
            .created_ms
            .saturating_add(self.absolute_timeout_s.saturating_mul(1000));
        idle.min(absolute)
    }

    pub fn is_expired(&self, now_ms: u64) -> bool {
        now_ms >= self.expires_ms()
    }

    /// Whole seconds left, rounded up, at `now_ms`.
    pub fn expires_in_s(&self, now_ms: u64) -> u64 {
        self.expires_ms().saturating_sub(now_ms).div_ceil(1000)
    }
}
