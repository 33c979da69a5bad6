//! The Redis store: one string key per session, shared by every app instance that uses the same
//! Redis and `redis_prefix`.
//!
//! - Key `<prefix>session:<64 hex>`: a hash of the id, never the id itself. Value: the record as
//!   JSON.
//! - Redis enforces the timeouts itself: every write sets `PXAT` to the moment the session ends
//!   (`min(last seen + idle, created + absolute)`), and activity moves it forward (written at
//!   most once a second per session: [`TOUCH_EVERY_MS`]).
//! - `create` is `SET … NX`, so an id is never overwritten; `touch` is `SET … XX`, so a touch that
//!   races a logout cannot bring the session back.
//! - `<prefix>user:<name>` is a set of that account's session keys, expiring with the last of
//!   them (`PEXPIREAT … GT` at the absolute end); members whose session is gone are pruned when
//!   read.
//! - The connection is a `ConnectionManager`: one multiplexed connection, opened lazily and
//!   re-opened after a failure, so the app starts while Redis is down and recovers without a
//!   restart when it returns. A command that fails because the connection dropped (Redis
//!   restarted since the last request) is sent once more on the new connection, so the first
//!   request after a restart does not fail. Short timeouts turn an outage into a quick 503.

use std::future::Future;
use std::time::Duration;

use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use redis::{Cmd, FromRedisValue, RedisError};

use super::sessions::{is_storage_key, StoredSession};
use super::{Holding, SessionStore, StoreError};
use crate::config::StoreKind;
use crate::credentials::Username;
use crate::ids::SessionId;
use crate::record::SessionRecord;

/// A session's activity is written at most this often: a page and the inspector fetches its
/// script makes right after it cost one write, not four. Timeouts are counted in seconds, so
/// a session may end at most this much before its exact idle timeout.
const TOUCH_EVERY_MS: u64 = 1000;

pub struct RedisStore {
    client: redis::Client,
    connection: ConnectionManager,
    prefix: String,
}

pub fn unavailable(error: RedisError) -> StoreError {
    StoreError::Unavailable(format!("redis: {error}"))
}

/// Runs `command` on `connection`; once more if the first try found the connection dropped.
pub async fn query<T, F, Fut>(connection: &ConnectionManager, command: F) -> Result<T, StoreError>
where
    F: Fn(ConnectionManager) -> Fut,
    Fut: Future<Output = Result<T, RedisError>>,
{
    match command(connection.clone()).await {
        Ok(value) => Ok(value),
        Err(e) if e.is_connection_dropped() || e.is_io_error() => {
            rocket::warn!("redis: connection lost ({e}); trying once more on a new connection");
            command(connection.clone()).await.map_err(unavailable)
        }
        Err(e) => Err(unavailable(e)),
    }
}

/// Sends one prepared command through [`query`].
pub async fn send<T: FromRedisValue>(connection: &ConnectionManager, cmd: &Cmd) -> Result<T, StoreError> {
    query(connection, |mut c| async move { cmd.query_async(&mut c).await }).await
}

impl RedisStore {
    /// Prepares the connection without opening it; fails only for a URL that is not Redis's.
    pub fn connect(url: &str, prefix: &str) -> Result<RedisStore, StoreError> {
        let client = redis::Client::open(url).map_err(unavailable)?;
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(Duration::from_millis(1000)))
            .set_response_timeout(Some(Duration::from_millis(2000)))
            .set_number_of_retries(1)
            .set_min_delay(Duration::from_millis(50))
            .set_max_delay(Duration::from_millis(200));
        let connection = ConnectionManager::new_lazy_with_config(client.clone(), config).map_err(unavailable)?;
        Ok(RedisStore {
            client,
            connection,
            prefix: prefix.to_owned(),
        })
    }

    /// The shared connection, for the accounts kept in the same Redis.
    pub fn connection(&self) -> ConnectionManager {
        self.connection.clone()
    }

    /// The class's shared state, in the same Redis under the same prefix.
    pub fn class(&self) -> super::ClassRedis {
        super::ClassRedis::new(self.client.clone(), self.connection.clone(), &self.prefix)
    }

    fn key(&self, storage_key: &str) -> String {
        format!("{}session:{storage_key}", self.prefix)
    }

    fn user_key(&self, user: &Username) -> String {
        format!("{}user:{user}", self.prefix)
    }

    /// Every session key under this prefix (`SCAN`, so Redis is never blocked).
    async fn keys(&self) -> Result<Vec<String>, StoreError> {
        let pattern = format!("{}session:*", self.prefix);
        let (mut cursor, mut all) = (0u64, Vec::new());
        loop {
            let mut scan = redis::cmd("SCAN");
            scan.arg(cursor).arg("MATCH").arg(&pattern).arg("COUNT").arg(1000);
            let (next, keys): (u64, Vec<String>) = send(&self.connection, &scan).await?;
            all.extend(keys);
            if next == 0 {
                return Ok(all);
            }
            cursor = next;
        }
    }

    fn parse(&self, key: &str, json: Option<String>) -> Option<SessionRecord> {
        match serde_json::from_str(&json?) {
            Ok(record) => Some(record),
            Err(e) => {
                rocket::warn!("ignoring an unreadable session record in Redis ({key}): {e}");
                None
            }
        }
    }

    async fn get(&self, key: &str) -> Result<Option<SessionRecord>, StoreError> {
        let json: Option<String> = send(&self.connection, redis::cmd("GET").arg(key)).await?;
        Ok(self.parse(key, json))
    }

    /// `SET key json <condition> PXAT <end of session>`; `true` when Redis stored it.
    async fn set(&self, key: &str, record: &SessionRecord, condition: &str) -> Result<bool, StoreError> {
        let json = serde_json::to_string(record).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let mut set = redis::cmd("SET");
        set.arg(key)
            .arg(json)
            .arg(condition)
            .arg("PXAT")
            .arg(record.expires_ms().max(1));
        let stored: Option<String> = send(&self.connection, &set).await?;
        Ok(stored.is_some())
    }

    /// Adds `storage_key` to its account's set, which lives as long as the longest session in it.
    async fn index(&self, record: &SessionRecord, storage_key: &str) -> Result<(), StoreError> {
        let user_key = self.user_key(&record.user);
        let absolute_end = record
            .created_ms
            .saturating_add(record.absolute_timeout_s.saturating_mul(1000));
        let mut pipe = redis::pipe();
        pipe.atomic()
            .cmd("SADD")
            .arg(&user_key)
            .arg(storage_key)
            .ignore()
            .cmd("PEXPIREAT")
            .arg(&user_key)
            .arg(absolute_end.max(1))
            .arg("GT")
            .ignore()
            .cmd("PEXPIREAT")
            .arg(&user_key)
            .arg(absolute_end.max(1))
            .arg("NX")
            .ignore();
        query(&self.connection, |mut c| {
            let pipe = pipe.clone();
            async move { pipe.query_async::<()>(&mut c).await }
        })
        .await
    }
}

#[rocket::async_trait]
impl SessionStore for RedisStore {
    fn kind(&self) -> StoreKind {
        StoreKind::Redis
    }

    fn holding(&self, key: &str, record: &SessionRecord) -> Holding {
        let fields = [
            ("value", super::shown_json(record)),
            ("PXAT", record.expires_ms().to_string()),
        ];
        Holding::new(StoreKind::Redis, "held-redis", self.key(key), fields)
    }

    async fn create(&self, id: &SessionId, record: &SessionRecord) -> Result<(), StoreError> {
        let storage_key = id.storage_key();
        let key = self.key(&storage_key);
        let mut stored = self.set(&key, record, "NX").await?;
        // Taken: by a live session (refuse), or by one that is over but not yet evicted.
        if !stored && self.load(id, record.created_ms).await?.is_none() {
            let _: i64 = send(&self.connection, redis::cmd("DEL").arg(&key)).await?;
            stored = self.set(&key, record, "NX").await?;
        }
        if !stored {
            return Err(StoreError::Exists);
        }
        self.index(record, &storage_key).await
    }

    async fn load(&self, id: &SessionId, now_ms: u64) -> Result<Option<SessionRecord>, StoreError> {
        Ok(self
            .get(&self.key(&id.storage_key()))
            .await?
            .filter(|record| !record.is_expired(now_ms)))
    }

    async fn touch(&self, id: &SessionId, now_ms: u64) -> Result<Option<SessionRecord>, StoreError> {
        let key = self.key(&id.storage_key());
        let Some(mut record) = self.get(&key).await?.filter(|record| !record.is_expired(now_ms)) else {
            return Ok(None);
        };
        if now_ms.saturating_sub(record.last_seen_ms) < TOUCH_EVERY_MS {
            // Seen less than a second ago: the record already says so to the second.
            return Ok(Some(record));
        }
        record.last_seen_ms = record.last_seen_ms.max(now_ms);
        Ok(self.set(&key, &record, "XX").await?.then_some(record))
    }

    async fn delete(&self, id: &SessionId) -> Result<bool, StoreError> {
        self.delete_key(&id.storage_key()).await
    }

    /// Redis removes expired keys by itself; there is nothing to sweep.
    async fn sweep(&self, _now_ms: u64) -> Result<usize, StoreError> {
        Ok(0)
    }

    async fn count(&self) -> Result<usize, StoreError> {
        Ok(self.keys().await?.len())
    }

    async fn list(&self, now_ms: u64) -> Result<Vec<StoredSession>, StoreError> {
        let prefix = format!("{}session:", self.prefix);
        let keys = self.keys().await?;
        let mut sessions = Vec::with_capacity(keys.len());
        for chunk in keys.chunks(500) {
            let values: Vec<Option<String>> = send(&self.connection, redis::cmd("MGET").arg(chunk)).await?;
            for (key, json) in chunk.iter().zip(values) {
                let Some(storage_key) = key.strip_prefix(&prefix) else {
                    continue;
                };
                if let Some(record) = self.parse(key, json).filter(|r| !r.is_expired(now_ms)) {
                    sessions.push(StoredSession {
                        key: storage_key.to_owned(),
                        record,
                    });
                }
            }
        }
        Ok(sessions)
    }

    async fn list_user(&self, user: &Username, now_ms: u64) -> Result<Vec<StoredSession>, StoreError> {
        let user_key = self.user_key(user);
        let members: Vec<String> = send(&self.connection, redis::cmd("SMEMBERS").arg(&user_key)).await?;
        let members: Vec<String> = members.into_iter().filter(|k| is_storage_key(k)).collect();
        if members.is_empty() {
            return Ok(Vec::new());
        }
        let keys: Vec<String> = members.iter().map(|k| self.key(k)).collect();
        let values: Vec<Option<String>> = send(&self.connection, redis::cmd("MGET").arg(&keys)).await?;
        let (mut sessions, mut gone) = (Vec::new(), Vec::new());
        for ((storage_key, key), json) in members.into_iter().zip(&keys).zip(values) {
            match self.parse(key, json) {
                Some(record) if &record.user == user && !record.is_expired(now_ms) => {
                    sessions.push(StoredSession {
                        key: storage_key,
                        record,
                    });
                }
                _ => gone.push(storage_key),
            }
        }
        if !gone.is_empty() {
            let _: i64 = send(&self.connection, redis::cmd("SREM").arg(&user_key).arg(&gone)).await?;
        }
        Ok(sessions)
    }

    async fn delete_key(&self, key: &str) -> Result<bool, StoreError> {
        if !is_storage_key(key) {
            return Ok(false);
        }
        let removed: i64 = send(&self.connection, redis::cmd("DEL").arg(self.key(key))).await?;
        Ok(removed > 0)
    }

    async fn ping(&self) -> Result<(), StoreError> {
        let _: String = send(&self.connection, &redis::cmd("PING")).await?;
        Ok(())
    }
}
