//! The Redis store: one string key per session, shared by every app instance that uses the same
//! Redis and `redis_prefix`.
//!
//! - Key `<prefix>session:<64 hex>`: a hash of the id, never the id itself. Value: the record as
//!   JSON.
//! - Redis enforces the timeouts itself: every write sets `PXAT` to the moment the session ends
//!   (`min(last seen + idle, created + absolute)`), and activity moves it forward.
//! - `create` is `SET … NX`, so an id is never overwritten; `touch` is `SET … XX`, so a touch that
//!   races a logout cannot bring the session back.
//! - The connection is a `ConnectionManager`: one multiplexed connection, opened lazily and
//!   re-opened after a failure, so the app starts while Redis is down and recovers without a
//!   restart when it returns. Short timeouts turn an outage into a quick 503, not a hung page.

use std::time::Duration;

use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use redis::{AsyncCommands, RedisError};

use super::store::{is_storage_key, StoredSession};
use super::{SessionId, SessionRecord, SessionStore, StoreError};
use crate::config::StoreKind;

pub struct RedisStore {
    connection: ConnectionManager,
    prefix: String,
}

pub fn unavailable(error: RedisError) -> StoreError {
    StoreError::Unavailable(format!("redis: {error}"))
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
        let connection = ConnectionManager::new_lazy_with_config(client, config).map_err(unavailable)?;
        Ok(RedisStore {
            connection,
            prefix: prefix.to_owned(),
        })
    }

    /// The shared connection, for the accounts kept in the same Redis.
    pub fn connection(&self) -> ConnectionManager {
        self.connection.clone()
    }

    fn key(&self, id: &SessionId) -> String {
        format!("{}session:{}", self.prefix, id.storage_key())
    }

    /// Every session key under this prefix (`SCAN`, so Redis is never blocked).
    async fn keys(&self) -> Result<Vec<String>, StoreError> {
        let mut connection = self.connection.clone();
        let pattern = format!("{}session:*", self.prefix);
        let (mut cursor, mut all) = (0u64, Vec::new());
        loop {
            let (next, keys): (u64, Vec<String>) = redis::cmd("SCAN")
                .arg(cursor)
                .arg("MATCH")
                .arg(&pattern)
                .arg("COUNT")
                .arg(1000)
                .query_async(&mut connection)
                .await
                .map_err(unavailable)?;
            all.extend(keys);
            if next == 0 {
                return Ok(all);
            }
            cursor = next;
        }
    }

    async fn get(&self, key: &str) -> Result<Option<SessionRecord>, StoreError> {
        let mut connection = self.connection.clone();
        let json: Option<String> = connection.get(key).await.map_err(unavailable)?;
        let Some(json) = json else { return Ok(None) };
        match serde_json::from_str(&json) {
            Ok(record) => Ok(Some(record)),
            Err(e) => {
                rocket::warn!("removing an unreadable session record from Redis: {e}");
                let _: Result<(), _> = connection.del(key).await;
                Ok(None)
            }
        }
    }

    /// `SET key json <condition> PXAT <end of session>`; `true` when Redis stored it.
    async fn set(&self, key: &str, record: &SessionRecord, condition: &str) -> Result<bool, StoreError> {
        let json = serde_json::to_string(record).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let stored: Option<String> = redis::cmd("SET")
            .arg(key)
            .arg(json)
            .arg(condition)
            .arg("PXAT")
            .arg(record.expires_ms().max(1))
            .query_async(&mut self.connection.clone())
            .await
            .map_err(unavailable)?;
        Ok(stored.is_some())
    }
}

#[rocket::async_trait]
impl SessionStore for RedisStore {
    fn kind(&self) -> StoreKind {
        StoreKind::Redis
    }

    async fn create(&self, id: &SessionId, record: &SessionRecord) -> Result<(), StoreError> {
        let key = self.key(id);
        if self.set(&key, record, "NX").await? {
            return Ok(());
        }
        // Taken: by a live session (refuse), or by one that is over but not yet evicted.
        if self.load(id, record.created_ms).await?.is_none() {
            let mut connection = self.connection.clone();
            let _: i64 = connection.del(&key).await.map_err(unavailable)?;
            if self.set(&key, record, "NX").await? {
                return Ok(());
            }
        }
        Err(StoreError::Exists)
    }

    async fn load(&self, id: &SessionId, now_ms: u64) -> Result<Option<SessionRecord>, StoreError> {
        Ok(self
            .get(&self.key(id))
            .await?
            .filter(|record| !record.is_expired(now_ms)))
    }

    async fn touch(&self, id: &SessionId, now_ms: u64) -> Result<Option<SessionRecord>, StoreError> {
        let key = self.key(id);
        let Some(mut record) = self.get(&key).await?.filter(|record| !record.is_expired(now_ms)) else {
            return Ok(None);
        };
        record.last_seen_ms = record.last_seen_ms.max(now_ms);
        Ok(self.set(&key, &record, "XX").await?.then_some(record))
    }

    async fn delete(&self, id: &SessionId) -> Result<bool, StoreError> {
        let removed: i64 = self.connection.clone().del(self.key(id)).await.map_err(unavailable)?;
        Ok(removed > 0)
    }

    /// Redis removes expired keys by itself; there is nothing to sweep.
    async fn sweep(&self, _now_ms: u64) -> Result<usize, StoreError> {
        Ok(0)
    }

    async fn count(&self) -> Result<usize, StoreError> {
        Ok(self.keys().await?.len())
    }

    async fn list(&self, now_ms: u64) -> Result<Vec<StoredSession>, StoreError> {
        let mut sessions = Vec::new();
        for key in self.keys().await? {
            let Some(storage_key) = key.strip_prefix(&format!("{}session:", self.prefix)).map(str::to_owned) else {
                continue;
            };
            if let Some(record) = self.get(&key).await?.filter(|record| !record.is_expired(now_ms)) {
                sessions.push(StoredSession {
                    key: storage_key,
                    record,
                });
            }
        }
        Ok(sessions)
    }

    async fn delete_key(&self, key: &str) -> Result<bool, StoreError> {
        if !is_storage_key(key) {
            return Ok(false);
        }
        let removed: i64 = self
            .connection
            .clone()
            .del(format!("{}session:{key}", self.prefix))
            .await
            .map_err(unavailable)?;
        Ok(removed > 0)
    }

    async fn ping(&self) -> Result<(), StoreError> {
        let _: String = redis::cmd("PING")
            .query_async(&mut self.connection.clone())
            .await
            .map_err(unavailable)?;
        Ok(())
    }
}
