//! The signed flow's tokens, as a service: a readable payload (user, role, expiry) and an
//! HMAC-SHA256 signature over it, the way JWTs (HS256) work. The key is `signing_key` from the
//! configuration (shared by every instance); without it, with the Redis store, the key the
//! first instance stored in Redis ([`SigningKey::shared`]); otherwise 32 bytes from the OS CSPRNG
//! for this process. The key of the browser ids ([`ServerKey`]) is derived from it, so instances
//! that share one share both.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

use crate::browser_id::ServerKey;
use crate::credentials::Role;

/// What the signed cookie says; anyone can read it, only the server can sign it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    pub user: String,
    pub role: Role,
    /// Milliseconds since the epoch after which the token is refused.
    pub exp: u64,
}

/// The server's signing key (32 random bytes unless `signing_key` is configured), with the
/// policy of the tokens it signs.
#[derive(Clone)]
pub struct SigningKey {
    key: Vec<u8>,
    /// With the Redis store and no `signing_key`: this instance could not read the class's key
    /// at start and signs with its own, so its cookies and lab forms work on it alone.
    pub apart: bool,
    /// How long a token is valid after login.
    pub lifetime_s: u64,
    /// Whether the cookie gets `Secure` (`cookie_secure`).
    pub secure: bool,
}

impl SigningKey {
    pub fn new(key: Vec<u8>) -> SigningKey {
        SigningKey {
            key,
            apart: false,
            lifetime_s: 1800,
            secure: false,
        }
    }

    /// `signing_key` from the configuration, or 32 bytes from the OS CSPRNG for this process.
    /// A random source that fails is an error: a key of zeros would let anyone sign.
    pub fn from_config(config: &crate::config::AppConfig) -> Result<SigningKey, crate::ids::RandomError> {
        use rand::TryRngCore;
        SigningKey::from_config_with(config, |bytes| {
            rand::rngs::OsRng.try_fill_bytes(bytes).map_err(|e| e.to_string())
        })
    }

    /// [`SigningKey::from_config`] with the random source passed in, so that its failure can be
    /// shown to stop launch instead of leaving a key of zeros.
    fn from_config_with(
        config: &crate::config::AppConfig,
        fill: impl FnOnce(&mut [u8]) -> Result<(), String>,
    ) -> Result<SigningKey, crate::ids::RandomError> {
        let key = match config.signing_key_bytes() {
            Some(key) => key,
            None => {
                let mut bytes = vec![0u8; 32];
                fill(&mut bytes).map_err(crate::ids::RandomError::new)?;
                bytes
            }
        };
        Ok(SigningKey::new(key).with_policy(config.session_idle_timeout, config.cookie_secure))
    }

    /// `signing_key` from the configuration when it is set; otherwise the class's key in Redis,
    /// stored there by the first instance that started (a fresh random key offered each time).
    /// When Redis cannot be reached, this instance's own key, with a warning: its signed
    /// cookies and lab forms then work on this instance only until it is restarted.
    pub async fn shared(
        config: &crate::config::AppConfig,
        class: &crate::storage::ClassRedis,
    ) -> Result<SigningKey, crate::ids::RandomError> {
        let own = SigningKey::from_config(config)?;
        if config.signing_key_bytes().is_some() {
            return Ok(own);
        }
        match class.key_or_store("signing", &URL_SAFE_NO_PAD.encode(&own.key)).await {
            Ok(stored) => match URL_SAFE_NO_PAD.decode(&stored) {
                Ok(key) if key.len() >= 32 => {
                    rocket::warn!(
                        "signing_key is not set: the class's key is kept in Redis, so a copy of Redis can sign cookies and open the lab's sealed state; set signing_key for a deployment"
                    );
                    Ok(SigningKey::new(key).with_policy(own.lifetime_s, own.secure))
                }
                _ => {
                    rocket::warn!("the signing key in Redis is unreadable; this instance uses its own");
                    Ok(own)
                }
            },
            Err(e) => {
                rocket::warn!(
                    "{e}: this instance signs with its own key until it is restarted (set signing_key to share one without Redis)"
                );
                Ok(SigningKey { apart: true, ..own })
            }
        }
    }

    /// A key for another `purpose`, derived from this one (HMAC-SHA256 of a label): it reveals
    /// nothing of this key, and instances that share this key share it.
    pub fn derived(&self, purpose: &str) -> [u8; 32] {
        let mut mac = self.mac();
        mac.update(b"session-lab key for ");
        mac.update(purpose.as_bytes());
        mac.finalize().into_bytes().into()
    }

    /// The key of the browser ids and their tokens.
    pub fn browser_key(&self) -> ServerKey {
        ServerKey::from_bytes(self.derived("browser ids"))
    }

    pub fn with_policy(mut self, lifetime_s: u64, secure: bool) -> SigningKey {
        self.lifetime_s = lifetime_s;
        self.secure = secure;
        self
    }

    fn mac(&self) -> Hmac<Sha256> {
        // HMAC takes keys of any length; this cannot fail.
        <Hmac<Sha256> as Mac>::new_from_slice(&self.key).unwrap_or_else(|_| unreachable!("HMAC accepts any key length"))
    }

    /// `base64url(payload JSON) "." base64url(HMAC-SHA256(key, first part))`.
    pub fn sign(&self, claims: &Claims) -> String {
        let payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(claims).unwrap_or_default());
        let mut mac = self.mac();
        mac.update(payload.as_bytes());
        format!("{payload}.{}", URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes()))
    }

    /// The claims, if the signature is the server's (checked in constant time) and they have
    /// not expired at `now_ms`.
    pub fn verify(&self, token: &str, now_ms: u64) -> Option<Claims> {
        let (payload, signature) = token.split_once('.')?;
        let signature = URL_SAFE_NO_PAD.decode(signature).ok()?;
        let mut mac = self.mac();
        mac.update(payload.as_bytes());
        mac.verify_slice(&signature).ok()?;
        let claims: Claims = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).ok()?).ok()?;
        (now_ms < claims.exp).then_some(claims)
    }
}

/// Reads a token's payload without checking anything: what a student (or an attacker) can do.
pub fn decode_unverified(token: &str) -> Option<serde_json::Value> {
    let (payload, _) = token.split_once('.')?;
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::now_ms;

    #[test]
    fn a_failing_random_source_is_an_error_not_a_key_of_zeros() {
        let config = crate::config::AppConfig::default();
        let failed = SigningKey::from_config_with(&config, |_| Err("no entropy".into()));
        assert!(failed.is_err());
        let drawn = SigningKey::from_config_with(&config, |bytes| {
            bytes.fill(7);
            Ok(())
        })
        .unwrap();
        assert_eq!(
            drawn.key,
            vec![7; 32],
            "positive control: the source's bytes are the key"
        );
    }

    #[test]
    fn a_signature_cannot_be_moved_to_other_claims() {
        let key = SigningKey::new(vec![7; 32]);
        let claims = Claims {
            user: "abc".into(),
            role: Role::Student,
            exp: now_ms() + 60_000,
        };
        let token = key.sign(&claims);
        assert_eq!(key.verify(&token, now_ms()), Some(claims.clone()));
        let forged = Claims {
            role: Role::Instructor,
            ..claims.clone()
        };
        let (_, signature) = token.split_once('.').unwrap();
        let payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&forged).unwrap());
        assert_eq!(key.verify(&format!("{payload}.{signature}"), now_ms()), None);
        assert_eq!(
            SigningKey::new(vec![8; 32]).verify(&token, now_ms()),
            None,
            "another key"
        );
        assert_eq!(key.verify(&token, claims.exp), None, "expired");
        assert_eq!(decode_unverified(&token).unwrap()["user"], "abc", "readable by anyone");
    }
}
