//! What the server keeps for one session, and when it ends. A leaf.

use std::fmt;
use std::sync::{Arc, LazyLock};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Serialize};
use subtle::ConstantTimeEq;

use crate::credentials::{Role, Username};
use crate::ids::{RandomError, SessionId};

/// Bytes of a token: 256 bits.
const CSRF_TOKEN_BYTES: usize = 32;
/// Characters of a token as forms and stores carry it: base64url without padding.
const CSRF_TOKEN_CHARS: usize = 43;

/// The per-session token that the session flow's forms carry (synchroniser token pattern).
/// Kept as its 32 bytes inside the record rather than in a string of its own: a million sessions
/// in the memory store then need a million fewer allocations, and a record fits 96 bytes
/// (docs/performance.md). Forms and stores see the same 43-character base64url string as ever.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct CsrfToken([u8; CSRF_TOKEN_BYTES]);

impl CsrfToken {
    pub fn generate() -> Result<CsrfToken, RandomError> {
        // A second, independent 256-bit value: knowing the token says nothing about the id.
        Ok(CsrfToken(*SessionId::generate()?.as_bytes()))
    }

    /// The token as text, on the stack. 32 bytes always make exactly 43 characters; were the
    /// encoder ever to say otherwise, there is no text, and nothing matches (never a blank token).
    fn text(&self) -> Option<[u8; CSRF_TOKEN_CHARS]> {
        let mut text = [0u8; CSRF_TOKEN_CHARS];
        let written = URL_SAFE_NO_PAD.encode_slice(self.0, &mut text).ok()?;
        (written == CSRF_TOKEN_CHARS).then_some(text)
    }

    /// Compares in constant time, so the response time does not reveal a matching prefix.
    pub fn matches(&self, submitted: &str) -> bool {
        self.text().is_some_and(|text| text.ct_eq(submitted.as_bytes()).into())
    }

    /// The text a form carries.
    pub fn expose(&self) -> String {
        // base64url is ASCII.
        self.text()
            .map(|text| String::from_utf8_lossy(&text).into_owned())
            .unwrap_or_default()
    }
}

impl From<CsrfToken> for String {
    fn from(token: CsrfToken) -> String {
        token.expose()
    }
}

impl TryFrom<String> for CsrfToken {
    type Error = String;

    /// A token read back from a store: exactly 43 base64url characters that encode 32 bytes
    /// (the spare bits zero, so each token has one spelling).
    fn try_from(text: String) -> Result<CsrfToken, String> {
        let refused = || "a CSRF token is 43 base64url characters".to_owned();
        if text.len() != CSRF_TOKEN_CHARS {
            return Err(refused());
        }
        // The decoder asks room for 33 bytes for 43 characters.
        let mut bytes = [0u8; CSRF_TOKEN_BYTES + 1];
        match URL_SAFE_NO_PAD.decode_slice(text.as_bytes(), &mut bytes) {
            Ok(CSRF_TOKEN_BYTES) => {
                let mut token = [0u8; CSRF_TOKEN_BYTES];
                token.copy_from_slice(&bytes[..CSRF_TOKEN_BYTES]);
                Ok(CsrfToken(token))
            }
            _ => Err(refused()),
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
    /// The app instance that created the session (`instance_name`), for the dashboard. Shared
    /// by every record of the instance, behind a thin pointer (an `Arc<str>` would take 8 bytes
    /// more, and a record 112 instead of 96).
    #[serde(default = "unnamed")]
    pub instance: Arc<String>,
    /// Issued under a counter id while the guess lesson's weak-id preset was on; such sessions
    /// end when the preset goes off or the class is reset.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub weak_id: bool,
}

/// The instance name of a record that has none yet: one shared empty name, so that a record
/// costs no allocation of its own for it.
fn unnamed() -> Arc<String> {
    static UNNAMED: LazyLock<Arc<String>> = LazyLock::new(Arc::default);
    Arc::clone(&UNNAMED)
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
            instance: unnamed(),
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

    /// The memory store keeps a million of these; at 96 bytes a boxed record fills one of the
    /// allocator's size classes exactly (docs/performance.md: bytes per session).
    #[test]
    fn a_record_stays_within_96_bytes() {
        assert!(
            std::mem::size_of::<SessionRecord>() <= 96,
            "{}",
            std::mem::size_of::<SessionRecord>()
        );
    }

    /// A new record and one read back without an instance share one empty name: no allocation
    /// each (a million sessions would hold a million).
    #[test]
    fn records_without_an_instance_share_one_empty_name() {
        let user = Username::parse("abc").unwrap();
        let a = SessionRecord::new(user.clone(), Role::Student, 0, 60, 600).unwrap();
        let b = SessionRecord::new(user, Role::Student, 0, 60, 600).unwrap();
        let mut json = serde_json::to_value(&a).unwrap();
        json.as_object_mut().unwrap().remove("instance");
        let c: SessionRecord = serde_json::from_value(json).unwrap();
        assert_eq!(a.instance.as_str(), "");
        assert!(Arc::ptr_eq(&a.instance, &b.instance) && Arc::ptr_eq(&a.instance, &c.instance));
    }

    #[test]
    fn a_csrf_token_reads_back_from_json_and_refuses_anything_else() {
        let token = CsrfToken::generate().unwrap();
        let json = serde_json::to_string(&token).unwrap();
        assert_eq!(json.len(), 43 + 2, "a JSON string of 43 characters: {json}");
        let back: CsrfToken = serde_json::from_str(&json).unwrap();
        assert!(back.matches(&token.expose()));
        assert_eq!(json, format!("\"{}\"", back.expose()), "the same text back");
        let text = token.expose();
        assert!(!back.matches(&text[..42]), "a prefix");
        let other = if text.ends_with('A') { "E" } else { "A" };
        assert!(
            !back.matches(&format!("{}{other}", &text[..42])),
            "one character changed"
        );
        assert!(serde_json::from_str::<CsrfToken>("\"short\"").is_err());
        assert!(serde_json::from_str::<CsrfToken>(&format!("\"{}\"", "+".repeat(43))).is_err());
        // The last character's two spare bits set: a second spelling of the same 32 bytes.
        assert!(serde_json::from_str::<CsrfToken>(&format!("\"{}B\"", "A".repeat(42))).is_err());
        assert!(serde_json::from_str::<CsrfToken>(&format!("\"{}A\"", "A".repeat(42))).is_ok());
    }
}
