//! Ids the server issues to browsers (the `inspector` cookie), and the per-process key that
//! makes them, and every token derived from them, impossible to invent.
//!
//! A browser id is 32 random hex digits followed by 16 hex digits of an HMAC-SHA256 tag over
//! them. Per-browser state (lab desks, receipts, board posts, collected data) is filed only under
//! ids whose tag verifies, so a client cannot make up ids to create state or to pose as another
//! browser; it can only ask for new ids, one page view each, and those are bounded per address
//! (see [`crate::bounded`]).

use std::fmt;

use hmac::{Hmac, Mac};
use rand::rngs::OsRng;
use rand::TryRngCore;
use sha2::Sha256;
use subtle::ConstantTimeEq;

use crate::ids::RandomError;

const RANDOM_HEX: usize = 32;
const TAG_HEX: usize = 16;

/// 32 secret bytes: drawn from the OS CSPRNG, or derived from the signing key so that instances
/// sharing one accept each other's browser ids. Never leaves the process. Kept as an HMAC already
/// keyed with them, so that a tag costs two SHA-256 blocks fewer than keying it every time.
#[derive(Clone)]
pub struct ServerKey(Hmac<Sha256>);

impl ServerKey {
    /// A key made elsewhere (derived from the signing key: [`crate::signing::SigningKey::browser_key`]).
    pub fn from_bytes(bytes: [u8; 32]) -> ServerKey {
        ServerKey(
            <Hmac<Sha256> as Mac>::new_from_slice(&bytes)
                .unwrap_or_else(|_| unreachable!("HMAC accepts any key length")),
        )
    }

    pub fn generate() -> Result<ServerKey, RandomError> {
        let mut bytes = [0u8; 32];
        OsRng
            .try_fill_bytes(&mut bytes)
            .map_err(|e| RandomError::new(e.to_string()))?;
        Ok(ServerKey::from_bytes(bytes))
    }

    /// HMAC-SHA256 of `parts` under this key, for the purpose named by `context`, as hex.
    pub fn tag_hex(&self, context: &str, parts: &[&[u8]], hex_digits: usize) -> String {
        let mut mac = self.0.clone();
        mac.update(context.as_bytes());
        for part in parts {
            mac.update(&(part.len() as u64).to_be_bytes());
            mac.update(part);
        }
        let digest = mac.finalize().into_bytes();
        let mut text = hex::encode(digest);
        text.truncate(hex_digits.min(64));
        text
    }
}

impl fmt::Debug for ServerKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ServerKey([redacted])")
    }
}

/// A browser, by the id this server gave it. (De)serialized only to keep state filed under it
/// (board posts in Redis); ids from requests are always verified first.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct BrowserId(String);

impl BrowserId {
    pub fn issue(key: &ServerKey) -> Result<BrowserId, RandomError> {
        let mut random = [0u8; RANDOM_HEX / 2];
        OsRng
            .try_fill_bytes(&mut random)
            .map_err(|e| RandomError::new(e.to_string()))?;
        let random = hex::encode(random);
        let tag = key.tag_hex("browser-id", &[random.as_bytes()], TAG_HEX);
        Ok(BrowserId(format!("{random}{tag}")))
    }

    /// The id in a cookie value, if this server issued it.
    pub fn verify(key: &ServerKey, value: &str) -> Option<BrowserId> {
        let hex_digit = |b: u8| b.is_ascii_digit() || (b'a'..=b'f').contains(&b);
        if value.len() != RANDOM_HEX + TAG_HEX || !value.bytes().all(hex_digit) {
            return None;
        }
        let (random, tag) = value.split_at(RANDOM_HEX);
        let expected = key.tag_hex("browser-id", &[random.as_bytes()], TAG_HEX);
        bool::from(expected.as_bytes().ct_eq(tag.as_bytes())).then(|| BrowserId(value.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A token for this browser's forms in one area (`"lab"`), derived, never stored.
    pub fn token(&self, key: &ServerKey, area: &str) -> String {
        key.tag_hex("form-token", &[area.as_bytes(), self.0.as_bytes()], 32)
    }

    /// Whether `sent` is this browser's token for `area` (compared in constant time).
    pub fn token_matches(&self, key: &ServerKey, area: &str, sent: &str) -> bool {
        self.token(key, area).as_bytes().ct_eq(sent.as_bytes()).into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_ids_this_server_issued_verify() {
        let key = ServerKey::generate().unwrap();
        let id = BrowserId::issue(&key).unwrap();
        assert_eq!(BrowserId::verify(&key, id.as_str()), Some(id.clone()));
        let other = ServerKey::generate().unwrap();
        assert_eq!(BrowserId::verify(&other, id.as_str()), None, "another server's id");
        let mut forged = id.as_str().to_owned();
        forged.replace_range(0..1, if forged.starts_with('0') { "1" } else { "0" });
        assert_eq!(BrowserId::verify(&key, &forged), None, "an edited id");
        assert_eq!(BrowserId::verify(&key, &"0".repeat(32)), None, "the old 32-digit form");
        assert!(id.token_matches(&key, "lab", &id.token(&key, "lab")));
        assert!(!id.token_matches(&key, "lab", &id.token(&key, "board")));
    }

    /// A tag is HMAC-SHA256 under the key's bytes of the context and each length-prefixed part,
    /// the same whether the key was keyed just now or long ago, and for every use of one key.
    #[test]
    fn a_tag_is_the_hmac_of_the_framed_parts() {
        let bytes = [7u8; 32];
        let key = ServerKey::from_bytes(bytes);
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&bytes).unwrap();
        mac.update(b"form-token");
        for part in [&b"lab"[..], b"0123"] {
            mac.update(&(part.len() as u64).to_be_bytes());
            mac.update(part);
        }
        let expected = hex::encode(mac.finalize().into_bytes());
        for _ in 0..2 {
            assert_eq!(key.tag_hex("form-token", &[b"lab", b"0123"], 64), expected);
        }
        assert_eq!(key.tag_hex("form-token", &[b"lab", b"0123"], 16), expected[..16]);
    }
}
