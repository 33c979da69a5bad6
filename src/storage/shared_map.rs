//! Per-browser state the class shares (lab desks, receipts, the CSRF lesson's attacks, the
//! dashboard's notes): a [`Bounded`] map in the process, or the same bounds kept by Redis.
//!
//! In Redis a map `name` is:
//! - `class:map:<name>:v:<key>`: the value, sealed (see below), expiring `keep_ms` after its last
//!   change;
//! - `class:map:<name>:owner:<address>`: the keys that address created, by last change;
//! - `class:map:<name>:all`: every key, by last change.
//!
//! A new key is added by one Lua script that applies the bounds atomically: one address holds at
//! most `per_owner` keys (past that, its own oldest goes) and the map at most `total` (past that,
//! expired keys, then the oldest key of all; in the process it is the oldest key of the busiest
//! address, see [`Bounded`]. With `per_owner` small, filling `total` takes `total / per_owner`
//! addresses, so one address can still only evict its own.)
//!
//! Values are sealed with XChaCha20-Poly1305 under a key derived from the signing key, with the
//! Redis key as associated data: a desk holds the lesson's "stolen" copy of a session id, and a
//! copy of Redis (a backup, a dump) must not hand out live sessions; nor can a value be moved to
//! another browser's key. A value that does not open counts as absent.

use std::net::IpAddr;

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::redis::{query, send};
use super::shared::ClassRedis;
use super::StoreError;
use crate::bounded::Bounded;
use crate::clock::now_ms;

const NONCE: usize = 24;

/// Adds or replaces one value within the bounds: `KEYS` the value, the owner's set and the
/// map's set; `ARGV` the key, the sealed value, now, keep_ms, per_owner, total and the prefix
/// of value keys.
const PUT_SCRIPT: &str = r"
local now, keep = tonumber(ARGV[3]), tonumber(ARGV[4])
local per_owner, total, prefix = tonumber(ARGV[5]), tonumber(ARGV[6]), ARGV[7]
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - keep)
  if redis.call('ZCARD', KEYS[2]) >= per_owner then
    local oldest = redis.call('ZPOPMIN', KEYS[2])
    redis.call('DEL', prefix .. oldest[1])
    redis.call('ZREM', KEYS[3], oldest[1])
  end
  redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - keep)
  if redis.call('ZCARD', KEYS[3]) >= total then
    local oldest = redis.call('ZPOPMIN', KEYS[3])
    redis.call('DEL', prefix .. oldest[1])
  end
end
redis.call('SET', KEYS[1], ARGV[2], 'PX', keep)
redis.call('ZADD', KEYS[2], now, ARGV[1])
redis.call('PEXPIRE', KEYS[2], keep)
redis.call('ZADD', KEYS[3], now, ARGV[1])
redis.call('PEXPIRE', KEYS[3], keep)
return 1
";

pub enum SharedMap<V> {
    Local(Bounded<String, V>),
    Redis(Box<RedisMap>),
}

pub struct RedisMap {
    redis: ClassRedis,
    /// `<prefix>class:map:<name>:`
    base: String,
    per_owner: usize,
    total: usize,
    keep_ms: u64,
    script: redis::Script,
}

impl<V: Clone + Default + Serialize + DeserializeOwned> SharedMap<V> {
    /// A map of at most `per_owner` keys per client address and `total` in all, each kept
    /// `keep_ms` after its last change; in `class` when there is one.
    pub fn new(class: Option<&ClassRedis>, name: &str, per_owner: usize, total: usize, keep_ms: u64) -> SharedMap<V> {
        match class {
            Some(redis) => SharedMap::Redis(Box::new(RedisMap {
                base: redis.key(&format!("map:{name}:")),
                redis: redis.clone(),
                per_owner: per_owner.max(1),
                total: total.max(1),
                keep_ms,
                script: redis::Script::new(PUT_SCRIPT),
            })),
            None => SharedMap::Local(Bounded::new(per_owner, total, keep_ms)),
        }
    }

    /// The value under `key`, unless it has not changed for `keep_ms`.
    pub async fn get(&self, key: &str) -> Result<Option<V>, StoreError> {
        match self {
            SharedMap::Local(map) => Ok(map.get(key, now_ms())),
            SharedMap::Redis(map) => map.get(key).await,
        }
    }

    /// Changes the value under `key`, creating it (for `owner`) when there is none.
    pub async fn update<R>(&self, key: &str, owner: IpAddr, change: impl FnOnce(&mut V) -> R) -> Result<R, StoreError> {
        match self {
            SharedMap::Local(map) => {
                let mut result = None;
                map.update(&key.to_owned(), owner, now_ms(), |value| result = Some(change(value)));
                result.ok_or_else(|| StoreError::Unavailable("the change did not run".into()))
            }
            SharedMap::Redis(map) => {
                let mut value = map.get(key).await?.unwrap_or_default();
                let result = change(&mut value);
                map.put(key, owner, &value).await?;
                Ok(result)
            }
        }
    }

    /// How many keys hold a value.
    pub async fn count(&self) -> Result<usize, StoreError> {
        match self {
            SharedMap::Local(map) => Ok(map.len()),
            SharedMap::Redis(map) => {
                let mut count = redis::cmd("ZCOUNT");
                count
                    .arg(format!("{}all", map.base))
                    .arg(now_ms().saturating_sub(map.keep_ms))
                    .arg("+inf");
                send(map.redis.connection(), &count).await
            }
        }
    }

    /// Every live value, in no particular order.
    pub async fn values(&self) -> Result<Vec<V>, StoreError> {
        match self {
            SharedMap::Local(map) => Ok(map.values(now_ms())),
            SharedMap::Redis(map) => map.values().await,
        }
    }

    /// Forgets every value (class reset).
    pub async fn clear(&self) -> Result<(), StoreError> {
        match self {
            SharedMap::Local(map) => {
                map.clear();
                Ok(())
            }
            SharedMap::Redis(map) => map.redis.delete_matching(&format!("{}*", map.base)).await,
        }
    }
}

impl RedisMap {
    fn value_key(&self, key: &str) -> String {
        format!("{}v:{key}", self.base)
    }

    async fn get<V: DeserializeOwned>(&self, key: &str) -> Result<Option<V>, StoreError> {
        let value_key = self.value_key(key);
        let sealed: Option<Vec<u8>> = send(self.redis.connection(), redis::cmd("GET").arg(&value_key)).await?;
        let seal_key = self.redis.seal_key()?;
        Ok(sealed.and_then(|sealed| {
            let json = open(seal_key, &value_key, &sealed)?;
            serde_json::from_slice(&json).ok()
        }))
    }

    async fn values<V: DeserializeOwned>(&self) -> Result<Vec<V>, StoreError> {
        let mut live = redis::cmd("ZRANGEBYSCORE");
        live.arg(format!("{}all", self.base))
            .arg(now_ms().saturating_sub(self.keep_ms))
            .arg("+inf");
        let keys: Vec<String> = send(self.redis.connection(), &live).await?;
        let seal_key = self.redis.seal_key()?;
        let mut values = Vec::with_capacity(keys.len());
        for chunk in keys.chunks(200) {
            let value_keys: Vec<String> = chunk.iter().map(|k| self.value_key(k)).collect();
            let sealed: Vec<Option<Vec<u8>>> =
                send(self.redis.connection(), redis::cmd("MGET").arg(&value_keys)).await?;
            for (value_key, sealed) in value_keys.iter().zip(sealed) {
                let json = sealed.and_then(|sealed| open(seal_key, value_key, &sealed));
                values.extend(json.and_then(|json| serde_json::from_slice(&json).ok()));
            }
        }
        Ok(values)
    }

    async fn put<V: Serialize>(&self, key: &str, owner: IpAddr, value: &V) -> Result<(), StoreError> {
        let value_key = self.value_key(key);
        let json = serde_json::to_vec(value).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let sealed = seal(self.redis.seal_key()?, &value_key, &json)?;
        let owner_key = format!("{}owner:{owner}", self.base);
        let all_key = format!("{}all", self.base);
        let prefix = format!("{}v:", self.base);
        let (now, keep, per_owner, total) = (now_ms(), self.keep_ms.max(1), self.per_owner, self.total);
        let _: i64 = query(self.redis.connection(), |mut c| {
            let mut invocation = self.script.key(&value_key);
            invocation
                .key(&owner_key)
                .key(&all_key)
                .arg(key)
                .arg(&sealed)
                .arg(now)
                .arg(keep)
                .arg(per_owner)
                .arg(total)
                .arg(&prefix);
            async move { invocation.invoke_async(&mut c).await }
        })
        .await?;
        Ok(())
    }
}

/// `nonce || XChaCha20-Poly1305(key, nonce, json, aad = the Redis key)`.
fn seal(key: &[u8; 32], aad: &str, json: &[u8]) -> Result<Vec<u8>, StoreError> {
    let cipher = XChaCha20Poly1305::new(key.into());
    let mut nonce = [0u8; NONCE];
    rand::TryRngCore::try_fill_bytes(&mut rand::rngs::OsRng, &mut nonce)
        .map_err(|e| StoreError::Unavailable(format!("no random nonce: {e}")))?;
    let sealed = cipher
        .encrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: json,
                aad: aad.as_bytes(),
            },
        )
        .map_err(|_| StoreError::Corrupt("could not seal a value".into()))?;
    let mut out = nonce.to_vec();
    out.extend_from_slice(&sealed);
    Ok(out)
}

/// The JSON inside `sealed`, if it was sealed under `key` for `aad`.
fn open(key: &[u8; 32], aad: &str, sealed: &[u8]) -> Option<Vec<u8>> {
    if sealed.len() < NONCE {
        return None;
    }
    let (nonce, body) = sealed.split_at(NONCE);
    let cipher = XChaCha20Poly1305::new(key.into());
    cipher
        .decrypt(
            XNonce::from_slice(nonce),
            Payload {
                msg: body,
                aad: aad.as_bytes(),
            },
        )
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_value_opens_only_under_its_key_and_its_name() {
        let key = [7u8; 32];
        let sealed = seal(&key, "desk:a", b"{\"sid\":\"secret\"}").unwrap();
        assert!(!sealed.windows(6).any(|w| w == b"secret"), "the value is not readable");
        assert_eq!(
            open(&key, "desk:a", &sealed).as_deref(),
            Some(&b"{\"sid\":\"secret\"}"[..])
        );
        assert_eq!(open(&key, "desk:b", &sealed), None, "moved to another key");
        assert_eq!(open(&[8u8; 32], "desk:a", &sealed), None, "another server's key");
        assert_ne!(
            seal(&key, "desk:a", b"x").unwrap(),
            seal(&key, "desk:a", b"x").unwrap(),
            "fresh nonces"
        );
    }
}
