//! What the server keeps for one session, and when it ends. A leaf.

use std::fmt;
use std::sync::Arc;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Serialize};
use subtle::ConstantTimeEq;

use crate::credentials::{Role, Username};
use crate::ids::{RandomError, SessionId};

/// Characters of a token: 256 bits in base64url without padding.
const CSRF_TOKEN_CHARS: usize = 43;

/// The per-session token that the session flow's forms carry (synchroniser token pattern).
/// Kept as its 43 base64url characters inside the record rather than in a string of its own: a
/// million sessions in the memory store then need a million fewer allocations (docs/performance.md).
/// Stores see it as the same JSON string as before.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct CsrfToken([u8; CSRF_TOKEN_CHARS]);

impl CsrfToken {
    pub fn generate() -> Result<CsrfToken, RandomError> {
        // A second, independent 256-bit value: knowing the token says nothing about the id.
        let id = SessionId::generate()?;
        let mut text = [0u8; CSRF_TOKEN_CHARS];
        let written = URL_SAFE_NO_PAD
            .encode_slice(id.as_bytes(), &mut text)
            .map_err(|e| RandomError::new(e.to_string()))?;
        debug_assert_eq!(written, CSRF_TOKEN_CHARS);
        Ok(CsrfToken(text))
    }

    /// Compares in constant time, so the response time does not reveal a matching prefix.
    pub fn matches(&self, submitted: &str) -> bool {
        self.0.ct_eq(submitted.as_bytes()).into()
    }

    pub fn expose(&self) -> &str {
        // Only base64url characters ever get in (`generate`, `TryFrom<String>`).
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

impl From<CsrfToken> for String {
    fn from(token: CsrfToken) -> String {
        token.expose().to_owned()
    }
}

impl TryFrom<String> for CsrfToken {
    type Error = String;

    /// A token read back from a store: exactly 43 base64url characters.
    fn try_from(text: String) -> Result<CsrfToken, String> {
        let base64url = |b: &u8| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_';
        match <[u8; CSRF_TOKEN_CHARS]>::try_from(text.as_bytes()) {
            Ok(bytes) if bytes.iter().all(base64url) => Ok(CsrfToken(bytes)),
            _ => Err("a CSRF token is 43 base64url characters".to_owned()),
        }
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
    pub instance: Arc<str>,
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
            instance: Arc::default(),
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The memory store keeps a million of these; at 112 bytes a boxed record fills one of the
    /// allocator's size classes exactly (docs/performance.md: bytes per session).
    #[test]
    fn a_record_stays_within_112_bytes() {
        assert!(
            std::mem::size_of::<SessionRecord>() <= 112,
            "{}",
            std::mem::size_of::<SessionRecord>()
        );
    }

    #[test]
    fn a_csrf_token_reads_back_from_json_and_refuses_anything_else() {
        let token = CsrfToken::generate().unwrap();
        let json = serde_json::to_string(&token).unwrap();
        assert_eq!(json.len(), 43 + 2, "a JSON string of 43 characters: {json}");
        let back: CsrfToken = serde_json::from_str(&json).unwrap();
        assert!(back.matches(token.expose()));
        assert!(serde_json::from_str::<CsrfToken>("\"short\"").is_err());
        assert!(serde_json::from_str::<CsrfToken>(&format!("\"{}\"", "+".repeat(43))).is_err());
    }
}
