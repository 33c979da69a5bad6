//! What one class shares between app instances, besides sessions and accounts: the lesson
//! presets, the weak-id counter, the class's board posts, the signing key and the live events.
//!
//! With `session_store = "redis"` it lives in the same Redis, under `<prefix>class:`:
//! - `class:presets`: a hash of switches (`expiry`, `weak`, `board`: `0` or `1`);
//! - `class:weak-counter`: the weak-id counter (`INCR`, so two instances never issue one id);
//! - `class:cell:<name>`: a value kept as JSON, changed by compare-and-set on a version
//!   ([`SharedCell`]), so two instances' changes never overwrite each other;
//! - `class:key:<name>`: a key made by the first instance that needed it (`SET … NX`);
//! - `class:flag:<name>`: a mark with its own expiry (the browsers an instructor used);
//! - `class:throttle:<address>:<account>`: the times of failed password checks, and
//!   `class:register:<address>`: the times of registrations (sorted sets that expire with their
//!   window);
//! - `class:events`: the pub/sub channel every instance's dashboards listen to, and
//!   `class:recent`: the last events, for a dashboard opened late.
//!
//! Everything but the keys expires a day after its last change ([`CLASS_TTL_MS`]): a class's
//! state does not outlive the class. With the memory and file stores there is no [`ClassRedis`]
//! and each instance keeps this state in the process (a [`SharedCell`] is then a mutex).

use std::sync::{Arc, Mutex, PoisonError};

use redis::aio::ConnectionManager;
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::redis::{send, unavailable};
use super::StoreError;

/// How long the class's shared state outlives its last change.
pub const CLASS_TTL_MS: u64 = 24 * 60 * 60 * 1000;
/// Compare-and-set attempts before a change gives up (and the request answers 503).
const CAS_TRIES: usize = 32;

/// Sets a cell's value when its version is still the one read: `KEYS[1]` the cell, `ARGV` the
/// version read, the new JSON, the TTL in milliseconds. Returns 1 when stored, 0 when another
/// change came first.
const CAS_SCRIPT: &str = r"
local version = redis.call('HGET', KEYS[1], 'v') or '0'
if version ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'v', tostring(tonumber(version) + 1), 'data', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
";

/// Takes a place in a window log: `KEYS[1]` the log, `ARGV` now (ms), the window (ms), the most
/// times it may hold, a unique member. Drops the times that left the window; adds now if fewer
/// than the most remain and returns -1; otherwise adds nothing and returns when the oldest time
/// that counts leaves the window (ms).
const TAKE_SCRIPT: &str = r"
local now, window, most = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local scores = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
local held = #scores / 2
if held < most then
  redis.call('ZADD', KEYS[1], now, ARGV[4])
  redis.call('PEXPIRE', KEYS[1], window)
  return -1
end
return tonumber(scores[2 * (held - most) + 2]) + window
";

/// The class's part of the shared Redis.
#[derive(Clone)]
pub struct ClassRedis {
    client: redis::Client,
    connection: ConnectionManager,
    prefix: String,
    cas: Arc<redis::Script>,
    take: Arc<redis::Script>,
    /// The key that seals per-browser values ([`super::SharedMap`]); set once the signing key
    /// is known ([`ClassRedis::sealed_with`]).
    seal: Option<Arc<[u8; 32]>>,
}

impl ClassRedis {
    pub fn new(client: redis::Client, connection: ConnectionManager, prefix: &str) -> ClassRedis {
        ClassRedis {
            client,
            connection,
            prefix: format!("{prefix}class:"),
            cas: Arc::new(redis::Script::new(CAS_SCRIPT)),
            take: Arc::new(redis::Script::new(TAKE_SCRIPT)),
            seal: None,
        }
    }

    /// The same, sealing per-browser values with `key`.
    pub fn sealed_with(mut self, key: [u8; 32]) -> ClassRedis {
        self.seal = Some(Arc::new(key));
        self
    }

    /// The sealing key; never a default one.
    pub(super) fn seal_key(&self) -> Result<&[u8; 32], StoreError> {
        self.seal
            .as_deref()
            .ok_or_else(|| StoreError::Unavailable("per-browser state needs a sealing key".into()))
    }

    pub(super) fn connection(&self) -> &ConnectionManager {
        &self.connection
    }

    /// The full Redis key of `name`.
    pub(super) fn key(&self, name: &str) -> String {
        format!("{}{name}", self.prefix)
    }

    /// Deletes every key matching `pattern` (`SCAN`, so Redis is never blocked).
    pub(super) async fn delete_matching(&self, pattern: &str) -> Result<(), StoreError> {
        let mut cursor = 0u64;
        loop {
            let mut scan = redis::cmd("SCAN");
            scan.arg(cursor).arg("MATCH").arg(pattern).arg("COUNT").arg(1000);
            let (next, keys): (u64, Vec<String>) = send(&self.connection, &scan).await?;
            if !keys.is_empty() {
                let _: i64 = send(&self.connection, redis::cmd("UNLINK").arg(&keys)).await?;
            }
            if next == 0 {
                return Ok(());
            }
            cursor = next;
        }
    }

    /// The channel events are published on.
    pub fn events_channel(&self) -> String {
        self.key("events")
    }

    /// A connection of its own for subscribing (a subscribed connection can do nothing else).
    pub async fn pubsub(&self) -> Result<redis::aio::PubSub, StoreError> {
        self.client.get_async_pubsub().await.map_err(unavailable)
    }

    /// The preset switches that are on, by name.
    pub async fn switches(&self) -> Result<Vec<(String, String)>, StoreError> {
        send(&self.connection, redis::cmd("HGETALL").arg(self.key("presets"))).await
    }

    /// Sets the switches given, in one step.
    pub async fn set_switches(&self, switches: &[(&str, bool)]) -> Result<(), StoreError> {
        let key = self.key("presets");
        let mut pipe = redis::pipe();
        pipe.atomic();
        for (name, on) in switches {
            pipe.cmd("HSET").arg(&key).arg(*name).arg(u8::from(*on)).ignore();
        }
        pipe.cmd("PEXPIRE").arg(&key).arg(CLASS_TTL_MS).ignore();
        self.run(&pipe).await
    }

    /// Takes the next value of the counter `name` (the first is 1).
    pub async fn next_count(&self, name: &str) -> Result<u64, StoreError> {
        let key = self.key(name);
        let mut pipe = redis::pipe();
        pipe.atomic()
            .cmd("INCR")
            .arg(&key)
            .cmd("PEXPIRE")
            .arg(&key)
            .arg(CLASS_TTL_MS)
            .ignore();
        let (value,): (u64,) = self.query_pipe(&pipe).await?;
        Ok(value)
    }

    /// The counter `name` as it is (0 before its first use).
    pub async fn count(&self, name: &str) -> Result<u64, StoreError> {
        let value: Option<u64> = send(&self.connection, redis::cmd("GET").arg(self.key(name))).await?;
        Ok(value.unwrap_or(0))
    }

    /// The key stored under `name`, or `candidate` stored there when there is none yet: every
    /// instance ends up with the first instance's key.
    pub async fn key_or_store(&self, name: &str, candidate: &str) -> Result<String, StoreError> {
        let key = self.key(&format!("key:{name}"));
        let mut set = redis::cmd("SET");
        set.arg(&key).arg(candidate).arg("NX").arg("GET");
        let existing: Option<String> = send(&self.connection, &set).await?;
        Ok(existing.unwrap_or_else(|| candidate.to_owned()))
    }

    /// Raises the flag `name` for `keep_ms`.
    pub async fn raise_flag(&self, name: &str, keep_ms: u64) -> Result<(), StoreError> {
        let mut set = redis::cmd("SET");
        set.arg(self.key(&format!("flag:{name}")))
            .arg(1)
            .arg("PX")
            .arg(keep_ms.max(1));
        send(&self.connection, &set).await
    }

    /// Whether the flag `name` is up.
    pub async fn flag(&self, name: &str) -> Result<bool, StoreError> {
        send(
            &self.connection,
            redis::cmd("EXISTS").arg(self.key(&format!("flag:{name}"))),
        )
        .await
    }

    /// The times (ms) added to the window log `name` within the last `window_ms`, oldest first.
    pub async fn window_times(&self, name: &str, now_ms: u64, window_ms: u64) -> Result<Vec<u64>, StoreError> {
        let mut range = redis::cmd("ZRANGEBYSCORE");
        range
            .arg(self.key(name))
            .arg(format!("({}", now_ms.saturating_sub(window_ms)))
            .arg("+inf")
            .arg("WITHSCORES");
        let pairs: Vec<(String, u64)> = send(&self.connection, &range).await?;
        Ok(pairs.into_iter().map(|(_, at)| at).collect())
    }

    /// Adds `now_ms` to the window log `name`, keeping its last `keep` times of the last
    /// `window_ms`; the log expires with its window.
    pub async fn window_add(&self, name: &str, now_ms: u64, window_ms: u64, keep: usize) -> Result<(), StoreError> {
        let key = self.key(name);
        let member = format!("{now_ms}-{:08x}", rand::random::<u32>());
        let mut pipe = redis::pipe();
        pipe.atomic()
            .cmd("ZREMRANGEBYSCORE")
            .arg(&key)
            .arg("-inf")
            .arg(now_ms.saturating_sub(window_ms))
            .ignore()
            .cmd("ZADD")
            .arg(&key)
            .arg(now_ms)
            .arg(member)
            .ignore()
            .cmd("ZREMRANGEBYRANK")
            .arg(&key)
            .arg(0)
            .arg(-(keep.max(1) as i64) - 1)
            .ignore()
            .cmd("PEXPIRE")
            .arg(&key)
            .arg(window_ms.max(1))
            .ignore();
        self.run(&pipe).await
    }

    /// Adds `now_ms` to the window log `name` if it holds fewer than `most` times of the last
    /// `window_ms`: `None`. Otherwise adds nothing and answers when a place frees (ms). One
    /// script, so instances racing each other never take more places than `most`.
    pub async fn window_take(
        &self,
        name: &str,
        now_ms: u64,
        window_ms: u64,
        most: usize,
    ) -> Result<Option<u64>, StoreError> {
        let key = self.key(name);
        let member = format!("{now_ms}-{:08x}", rand::random::<u32>());
        let answer: i64 = super::redis::query(&self.connection, |mut c| {
            let (script, key, member) = (Arc::clone(&self.take), key.clone(), member.clone());
            async move {
                let mut invocation = script.key(&key);
                invocation.arg(now_ms).arg(window_ms.max(1)).arg(most).arg(member);
                invocation.invoke_async(&mut c).await
            }
        })
        .await?;
        Ok(u64::try_from(answer).ok())
    }

    /// Deletes `name`.
    pub async fn forget(&self, name: &str) -> Result<(), StoreError> {
        let _: i64 = send(&self.connection, redis::cmd("DEL").arg(self.key(name))).await?;
        Ok(())
    }

    /// Publishes `json` to every instance and keeps it among the last `keep` events.
    pub async fn publish(&self, json: &str, keep: usize) -> Result<(), StoreError> {
        let recent = self.key("recent");
        let mut pipe = redis::pipe();
        pipe.cmd("PUBLISH")
            .arg(self.events_channel())
            .arg(json)
            .ignore()
            .cmd("LPUSH")
            .arg(&recent)
            .arg(json)
            .ignore()
            .cmd("LTRIM")
            .arg(&recent)
            .arg(0)
            .arg(keep.saturating_sub(1))
            .ignore()
            .cmd("PEXPIRE")
            .arg(&recent)
            .arg(CLASS_TTL_MS)
            .ignore();
        self.run(&pipe).await
    }

    /// The last events published, newest first.
    pub async fn recent(&self, keep: usize) -> Result<Vec<String>, StoreError> {
        let mut range = redis::cmd("LRANGE");
        range.arg(self.key("recent")).arg(0).arg(keep.saturating_sub(1));
        send(&self.connection, &range).await
    }

    /// Forgets the cells, the counter's value stays (ids issued before must not come back).
    pub async fn clear_cell(&self, name: &str) -> Result<(), StoreError> {
        let _: i64 = send(
            &self.connection,
            redis::cmd("DEL").arg(self.key(&format!("cell:{name}"))),
        )
        .await?;
        Ok(())
    }

    async fn cell_read(&self, name: &str) -> Result<(String, Option<String>), StoreError> {
        let mut get = redis::cmd("HMGET");
        get.arg(self.key(&format!("cell:{name}"))).arg("v").arg("data");
        let (version, data): (Option<String>, Option<String>) = send(&self.connection, &get).await?;
        Ok((version.unwrap_or_else(|| "0".into()), data))
    }

    async fn cell_store(&self, name: &str, version: &str, json: &str) -> Result<bool, StoreError> {
        let key = self.key(&format!("cell:{name}"));
        let stored: i64 = super::redis::query(&self.connection, |mut c| {
            let (script, key) = (Arc::clone(&self.cas), key.clone());
            let (version, json) = (version.to_owned(), json.to_owned());
            async move {
                let mut invocation = script.key(&key);
                invocation.arg(version).arg(json).arg(CLASS_TTL_MS);
                invocation.invoke_async(&mut c).await
            }
        })
        .await?;
        Ok(stored == 1)
    }

    async fn run(&self, pipe: &redis::Pipeline) -> Result<(), StoreError> {
        self.query_pipe(pipe).await
    }

    async fn query_pipe<T: redis::FromRedisValue>(&self, pipe: &redis::Pipeline) -> Result<T, StoreError> {
        super::redis::query(&self.connection, |mut c| {
            let pipe = pipe.clone();
            async move { pipe.query_async::<T>(&mut c).await }
        })
        .await
    }
}

/// One value the class shares: in the process (a mutex) or in Redis (JSON, changed by
/// compare-and-set, so a change made on another instance between the read and the write is never
/// lost: the change runs again on the newer value).
pub enum SharedCell<V> {
    Local(Mutex<V>),
    Redis { redis: Box<ClassRedis>, name: &'static str },
}

impl<V: Clone + Default + Serialize + DeserializeOwned> SharedCell<V> {
    pub fn new(redis: Option<&ClassRedis>, name: &'static str) -> SharedCell<V> {
        match redis {
            Some(redis) => SharedCell::Redis {
                redis: Box::new(redis.clone()),
                name,
            },
            None => SharedCell::Local(Mutex::new(V::default())),
        }
    }

    /// The value as it is now.
    pub async fn read(&self) -> Result<V, StoreError> {
        match self {
            SharedCell::Local(value) => Ok(value.lock().unwrap_or_else(PoisonError::into_inner).clone()),
            SharedCell::Redis { redis, name } => Ok(parse(name, redis.cell_read(name).await?.1)),
        }
    }

    /// Applies `change` to the value and keeps the result; `change` may run more than once (on
    /// a newer value each time), so it must depend on nothing but its argument.
    pub async fn update<R>(&self, mut change: impl FnMut(&mut V) -> R) -> Result<R, StoreError> {
        match self {
            SharedCell::Local(value) => Ok(change(&mut value.lock().unwrap_or_else(PoisonError::into_inner))),
            SharedCell::Redis { redis, name } => {
                for _ in 0..CAS_TRIES {
                    let (version, data) = redis.cell_read(name).await?;
                    let mut value = parse::<V>(name, data);
                    let result = change(&mut value);
                    let json = serde_json::to_string(&value).map_err(|e| StoreError::Corrupt(e.to_string()))?;
                    if redis.cell_store(name, &version, &json).await? {
                        return Ok(result);
                    }
                }
                Err(StoreError::Unavailable(format!(
                    "redis: {name} changed {CAS_TRIES} times while this change was being made"
                )))
            }
        }
    }

    /// Back to the empty value.
    pub async fn clear(&self) -> Result<(), StoreError> {
        match self {
            SharedCell::Local(value) => {
                *value.lock().unwrap_or_else(PoisonError::into_inner) = V::default();
                Ok(())
            }
            SharedCell::Redis { redis, name } => redis.clear_cell(name).await,
        }
    }
}

/// A stored value, or the empty one when there is none or it cannot be read (logged: a value
/// from an older version of the app is dropped rather than stopping the lesson).
fn parse<V: Default + DeserializeOwned>(name: &str, data: Option<String>) -> V {
    match data.map(|json| serde_json::from_str(&json)) {
        Some(Ok(value)) => value,
        Some(Err(e)) => {
            rocket::warn!("redis: the class's {name} is unreadable ({e}); starting it empty");
            V::default()
        }
        None => V::default(),
    }
}
