//! Session ids: 256 bits from the operating system's CSPRNG, written as 43 base64url characters.

use std::fmt;
use std::str::FromStr;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use blake2::{Blake2s256, Digest};
use rand::rngs::OsRng;
use rand::TryRngCore;

/// Bytes of randomness in one id: 256 bits, twice what ASVS 5.0 requirement 7.2.3 asks for (128).
pub const ID_BYTES: usize = 32;
/// Length of an id in its cookie form.
pub const ID_CHARS: usize = 43;

/// A session id. It prints only as a short fingerprint (`Debug`, `Display`), so it cannot end
/// up in a log line by accident; [`SessionId::expose`] gives the cookie value.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct SessionId([u8; ID_BYTES]);

#[derive(Debug, thiserror::Error)]
#[error("the operating system's random number generator failed: {0}")]
pub struct RandomError(String);

impl RandomError {
    pub fn new(reason: String) -> RandomError {
        RandomError(reason)
    }
}

/// Why a string is not a session id; callers treat every case as "no session".
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not a session id")]
pub struct InvalidSessionId;

impl SessionId {
    /// A fresh id straight from the OS CSPRNG (`getrandom`).
    pub fn generate() -> Result<SessionId, RandomError> {
        let mut bytes = [0u8; ID_BYTES];
        OsRng
            .try_fill_bytes(&mut bytes)
            .map_err(|e| RandomError(e.to_string()))?;
        Ok(SessionId(bytes))
    }

    /// # Warning
    /// A deliberately guessable id: a counter in the last eight bytes, zeros before it. Only the
    /// guess lesson's weak-id preset uses it, and pages say so loudly while it is on.
    pub fn weak_from_counter(counter: u64) -> SessionId {
        let mut bytes = [0u8; ID_BYTES];
        bytes[ID_BYTES - 8..].copy_from_slice(&counter.to_be_bytes());
        SessionId(bytes)
    }

    /// Whether this is a counter id from [`SessionId::weak_from_counter`] (zeros before the counter).
    pub fn is_weak(&self) -> bool {
        self.0[..ID_BYTES - 8].iter().all(|b| *b == 0)
    }

    /// The counter inside a weak id: what an attacker decodes from base64url before adding one.
    pub fn weak_counter(&self) -> Option<u64> {
        let mut tail = [0u8; 8];
        tail.copy_from_slice(&self.0[ID_BYTES - 8..]);
        self.is_weak().then(|| u64::from_be_bytes(tail))
    }

    /// The full id, as it goes into the `sid` cookie. Never log this.
    pub fn expose(&self) -> String {
        URL_SAFE_NO_PAD.encode(self.0)
    }

    /// The first eight hex digits of [`SessionId::storage_key`]: enough to tell sessions apart
    /// on a projected screen or in a log, useless for taking one over.
    pub fn fingerprint(&self) -> String {
        self.storage_key()[..8].to_owned()
    }

    /// 64 hex digits of a one-way hash of the id: the name a store files the session under,
    /// so a listing of the folder or of the Redis keys reveals no usable id.
    pub fn storage_key(&self) -> String {
        hex::encode(self.storage_key_bytes())
    }

    /// [`SessionId::storage_key`] as bytes.
    pub fn storage_key_bytes(&self) -> [u8; 32] {
        Blake2s256::new()
            .chain_update(b"session-lab storage key\0")
            .chain_update(self.0)
            .finalize()
            .into()
    }

    pub fn as_bytes(&self) -> &[u8; ID_BYTES] {
        &self.0
    }
}

/// Strict: exactly 43 characters of the base64url alphabet that decode to 32 bytes in
/// canonical form. Anything else (wrong length, `../`, NUL, padding, spaces) is refused.
impl FromStr for SessionId {
    type Err = InvalidSessionId;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let alphabet = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'_';
        if s.len() != ID_CHARS || !s.bytes().all(alphabet) {
            return Err(InvalidSessionId);
        }
        let decoded = URL_SAFE_NO_PAD.decode(s).map_err(|_| InvalidSessionId)?;
        decoded.try_into().map(SessionId).map_err(|_| InvalidSessionId)
    }
}

impl fmt::Debug for SessionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SessionId(#{})", self.fingerprint())
    }
}

impl fmt::Display for SessionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.fingerprint())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_ids_round_trip_and_differ() {
        let a = SessionId::generate().unwrap();
        let b = SessionId::generate().unwrap();
        assert_ne!(a, b);
        assert_eq!(a.expose().len(), ID_CHARS);
        assert_eq!(a.expose().parse::<SessionId>().unwrap(), a);
    }

    #[test]
    fn printing_an_id_shows_only_its_fingerprint() {
        let id = SessionId::generate().unwrap();
        let shown = format!("{id} {id:?}");
        assert!(!shown.contains(&id.expose()));
        assert!(!shown.contains(&id.expose()[..12]));
        assert!(shown.contains(&id.fingerprint()));
    }

    #[test]
    fn parsing_is_strict() {
        let good = SessionId::generate().unwrap().expose();
        for bad in [
            String::new(),
            good[..42].to_string(),
            format!("{good}A"),
            format!("../{}", &good[3..]),
            format!("{}\0", &good[..42]),
            format!("{}=", &good[..42]),
            format!("{} ", &good[..42]),
            format!("{}+", &good[..42]),
            // 43 characters carry 258 bits; the last two must be zero in canonical form.
            format!("{}B", "A".repeat(42)),
        ] {
            assert_eq!(bad.parse::<SessionId>(), Err(InvalidSessionId), "{bad:?}");
        }
    }
}
