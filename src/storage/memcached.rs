//! The memcached store: the classic cache-backed session. Every instance that points at the same
//! memcached shares the sessions; none of them survives a restart of memcached, and memcached may
//! evict a live session at any moment to make room (least recently used first). Accounts are not
//! kept here: a cache may drop them (see [`super::open`]).
//!
//! - Item `<prefix>session:<64 hex>`: a hash of the id, never the id itself. Value: the record as
//!   JSON. Its expiry is the moment the session ends (an absolute Unix time, rounded up to the
//!   second), so memcached frees it by itself; the store still compares with the time of the
//!   request, to the millisecond, before serving a record.
//! - `create` is `add`, which never overwrites; activity (written at most once a second) is a
//!   compare-and-swap on the item just read, so a touch racing a logout cannot bring the session
//!   back.
//! - `<prefix>user:<name>`: that account's session keys, changed by compare-and-swap, pruned when
//!   read. memcached has no way to list its keys except its LRU crawler (`lru_crawler metadump`),
//!   which walks the whole cache: the dashboard's list costs that, one account's list does not.
//! - The client (the `memcache` crate) is blocking; every call runs on Tokio's blocking pool with
//!   short timeouts, so an outage is a quick 503, and a restarted memcached is reconnected on the
//!   next request (see [`Connection`]).

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::sync::{Arc, PoisonError, RwLock};
use std::time::Duration;

use memcache::{Client, CommandError, MemcacheError};
use rocket::tokio::task;

use super::sessions::{is_storage_key, StoredSession};
use super::{Holding, SessionStore, StoreError};
use crate::config::StoreKind;
use crate::credentials::Username;
use crate::ids::SessionId;
use crate::record::SessionRecord;

/// As with Redis and SQL: activity is written at most once a second per session.
const TOUCH_EVERY_MS: u64 = 1000;

/// memcached reads an expiry above 30 days as an absolute Unix time, below as seconds from now;
/// every expiry here is absolute, so none may fall below this (such a time is long past anyway).
const ABSOLUTE_EXPIRY_FLOOR: u64 = 60 * 60 * 24 * 30 + 1;

/// Compare-and-swap attempts on an account's index before giving up.
const CAS_TRIES: usize = 16;

/// Keys per multi-get when listing.
const CHUNK: usize = 200;

pub struct MemcachedStore {
    connection: Arc<Connection>,
    /// `host:port`, for the crawler, which the client cannot send.
    address: String,
    prefix: String,
}

/// The client and its pool of connections, replaced when a connection turns out broken.
///
/// The pool does not test a connection before lending it (that would cost a round trip per
/// command), and it cannot tell a broken one from a good one when it comes back. After memcached
/// restarts, every pooled connection is dead: the first command that meets one replaces the
/// whole pool and is sent once more on a new connection, so no request fails once memcached is
/// back.
struct Connection {
    address: String,
    client: RwLock<Arc<Client>>,
}

impl Connection {
    fn open(address: &str) -> Result<Connection, StoreError> {
        Ok(Connection {
            address: address.to_owned(),
            client: RwLock::new(Arc::new(pooled_client(address)?)),
        })
    }

    fn current(&self) -> Arc<Client> {
        Arc::clone(&self.client.read().unwrap_or_else(PoisonError::into_inner))
    }

    fn renew(&self) -> Result<Arc<Client>, StoreError> {
        let fresh = Arc::new(pooled_client(&self.address)?);
        *self.client.write().unwrap_or_else(PoisonError::into_inner) = Arc::clone(&fresh);
        Ok(fresh)
    }
}

/// Up to 8 connections, opened when needed (so the app starts while memcached is away), each
/// with 2 s to answer; waiting for a connection gives up after 1 s.
fn pooled_client(address: &str) -> Result<Client, StoreError> {
    let url = memcache::Url::parse(&format!("memcache://{address}?timeout=2"))
        .map_err(|e| StoreError::Unavailable(format!("memcached_url: {e}")))?;
    let pool = r2d2::Pool::builder()
        .max_size(8)
        .min_idle(Some(0))
        .connection_timeout(Duration::from_millis(1000))
        .test_on_check_out(false)
        .build(memcache::ConnectionManager::new(url))
        .map_err(|e| StoreError::Unavailable(format!("memcached: {e}")))?;
    Client::with_pool(pool).map_err(|e| StoreError::Unavailable(format!("memcached: {e}")))
}

/// How a blocking call fails: on a connection that broke under it, or otherwise.
enum Failure {
    Lost(MemcacheError),
    Store(StoreError),
}

impl From<StoreError> for Failure {
    fn from(error: StoreError) -> Failure {
        Failure::Store(error)
    }
}

impl Failure {
    fn into_store(self) -> StoreError {
        match self {
            Failure::Lost(error) => StoreError::Unavailable(format!("memcached: {error}")),
            Failure::Store(error) => error,
        }
    }
}

fn unavailable(error: MemcacheError) -> Failure {
    match error {
        MemcacheError::IOError(_) => Failure::Lost(error),
        other => Failure::Store(StoreError::Unavailable(format!("memcached: {other}"))),
    }
}

/// A session's end as memcached's absolute expiry: whole seconds, rounded up.
fn expiry(end_ms: u64) -> u32 {
    u32::try_from(end_ms.div_ceil(1000).max(ABSOLUTE_EXPIRY_FLOOR)).unwrap_or(u32::MAX)
}

impl MemcachedStore {
    /// Prepares the connection pool without connecting (memcached may be away). `url` is
    /// `memcache://host:port`; `prefix` starts every key.
    pub fn connect(url: &str, prefix: &str) -> Result<MemcachedStore, StoreError> {
        let address = url
            .strip_prefix("memcache://")
            .map(|rest| rest.split(['/', '?']).next().unwrap_or_default().to_owned())
            .filter(|address| !address.is_empty())
            .ok_or_else(|| StoreError::Unavailable("memcached_url must look like memcache://host:port".into()))?;
        Ok(MemcachedStore {
            connection: Arc::new(Connection::open(&address)?),
            address,
            prefix: prefix.to_owned(),
        })
    }

    fn key(&self, storage_key: &str) -> String {
        format!("{}session:{storage_key}", self.prefix)
    }

    fn user_key(&self, user: &Username) -> String {
        format!("{}user:{user}", self.prefix)
    }

    /// Runs blocking client calls on Tokio's blocking pool; once more on a new pool if a
    /// connection broke under them (see [`Connection`]).
    async fn run<T, F>(&self, work: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: Fn(&Client) -> Result<T, Failure> + Send + 'static,
    {
        let connection = Arc::clone(&self.connection);
        task::spawn_blocking(move || match work(&connection.current()) {
            Err(Failure::Lost(error)) => {
                rocket::warn!("memcached: connection lost ({error}); trying once more on a new connection");
                work(connection.renew()?.as_ref()).map_err(Failure::into_store)
            }
            done => done.map_err(Failure::into_store),
        })
        .await
        .map_err(|e| StoreError::Unavailable(format!("memcached task failed: {e}")))?
    }

    /// The record under `key` and its compare-and-swap token, if it is live at `now_ms`. A token
    /// of 0 would make `cas` an unconditional write (one that could bring back a deleted
    /// session): it is no token.
    async fn live(&self, key: String, now_ms: u64) -> Result<Option<(SessionRecord, Option<u64>)>, StoreError> {
        self.run(move |client| {
            let item: Option<(String, u32, Option<u64>)> = client.get(&key).map_err(unavailable)?;
            Ok(item.and_then(|(json, _, cas)| {
                let record = parse(&key, &json)?;
                (!record.is_expired(now_ms)).then_some((record, cas.filter(|&token| token != 0)))
            }))
        })
        .await
    }

    /// Every session key memcached holds under this prefix, from its LRU crawler, each once.
    /// A crawl walks the LRUs while they change, "not a multi-versioned consistent snapshot"
    /// (memcached's notes on `metadump`): it may list a key twice, or miss an item that moves
    /// between the LRU's segments while the walk runs (a new item leaves the hot segment within
    /// moments). Two walks are merged, so an item would have to move during both to be missed.
    async fn keys(&self) -> Result<Vec<String>, StoreError> {
        let (address, prefix) = (self.address.clone(), format!("{}session:", self.prefix));
        task::spawn_blocking(move || {
            let mut keys = crawl(&address, &prefix)?;
            keys.extend(crawl(&address, &prefix)?);
            keys.sort_unstable();
            keys.dedup();
            Ok(keys)
        })
        .await
        .map_err(|e| StoreError::Unavailable(format!("memcached task failed: {e}")))?
    }

    /// The live records under `keys` (full item keys), in chunks of multi-gets.
    async fn records(&self, keys: Vec<String>, now_ms: u64) -> Result<Vec<(String, SessionRecord)>, StoreError> {
        self.run(move |client| {
            let mut found = Vec::with_capacity(keys.len());
            for chunk in keys.chunks(CHUNK) {
                let refs: Vec<&str> = chunk.iter().map(String::as_str).collect();
                let values: std::collections::HashMap<String, String> = client.gets(&refs).map_err(unavailable)?;
                for key in chunk {
                    if let Some(record) = values.get(key).and_then(|json| parse(key, json)) {
                        if !record.is_expired(now_ms) {
                            found.push((key.clone(), record));
                        }
                    }
                }
            }
            Ok(found)
        })
        .await
    }

    /// Changes the account index `user_key` with `change` (on its list of keys), by
    /// compare-and-swap; `end_ms` extends its expiry.
    async fn change_index<F>(&self, user_key: String, end_ms: u64, change: F) -> Result<(), StoreError>
    where
        F: Fn(&mut Vec<String>) + Send + 'static,
    {
        self.run(move |client| {
            for _ in 0..CAS_TRIES {
                let item: Option<(String, u32, Option<u64>)> = client.get(&user_key).map_err(unavailable)?;
                let (mut keys, kept_until, cas) = match &item {
                    Some((value, _, cas)) => {
                        let mut words = value.split(' ');
                        let until: u64 = words.next().and_then(|w| w.parse().ok()).unwrap_or(0);
                        (words.map(str::to_owned).collect(), until, *cas)
                    }
                    None => (Vec::new(), 0, None),
                };
                change(&mut keys);
                let until = kept_until.max(end_ms);
                let value = std::iter::once(until.to_string())
                    .chain(keys)
                    .collect::<Vec<_>>()
                    .join(" ");
                let stored = match cas {
                    Some(cas) => client.cas(&user_key, value.as_str(), expiry(until), cas),
                    None => match client.add(&user_key, value.as_str(), expiry(until)) {
                        Err(MemcacheError::CommandError(CommandError::KeyExists)) => Ok(false),
                        other => other.map(|()| true),
                    },
                }
                .map_err(unavailable)?;
                if stored {
                    return Ok(());
                }
            }
            Err(StoreError::Unavailable("memcached: an account index kept changing".into()).into())
        })
        .await
    }
}

fn parse(key: &str, json: &str) -> Option<SessionRecord> {
    match serde_json::from_str(json) {
        Ok(record) => Some(record),
        Err(e) => {
            rocket::warn!("ignoring an unreadable session item in memcached ({key}): {e}");
            None
        }
    }
}

/// `lru_crawler metadump all` over memcached's text protocol: one line per item,
/// `key=<url-encoded key> exp=… la=… …`, then `END`. Returns the keys that start with `prefix`.
fn crawl(address: &str, prefix: &str) -> Result<Vec<String>, StoreError> {
    let fail = |e: std::io::Error| StoreError::Unavailable(format!("memcached crawler: {e}"));
    for attempt in 0..20 {
        let stream = TcpStream::connect(address).map_err(fail)?;
        stream.set_read_timeout(Some(Duration::from_secs(5))).map_err(fail)?;
        stream.set_write_timeout(Some(Duration::from_secs(2))).map_err(fail)?;
        (&stream).write_all(b"lru_crawler metadump all\r\n").map_err(fail)?;
        let mut keys = Vec::new();
        let mut busy = false;
        for line in BufReader::new(&stream).lines() {
            let line = line.map_err(fail)?;
            if line == "END" {
                break;
            }
            if line.starts_with("BUSY") {
                busy = true;
                break;
            }
            if line.starts_with("ERROR") || line.starts_with("CLIENT_ERROR") || line.starts_with("SERVER_ERROR") {
                return Err(StoreError::Unavailable(format!("memcached crawler: {line}")));
            }
            let Some(encoded) = line.strip_prefix("key=").and_then(|rest| rest.split(' ').next()) else {
                continue;
            };
            if let Some(key) = percent_decode(encoded).filter(|key| key.starts_with(prefix)) {
                keys.push(key);
            }
        }
        let _ = (&stream).write_all(b"quit\r\n");
        if !busy {
            return Ok(keys);
        }
        // Another crawl is running (another instance's dashboard): wait for it briefly.
        std::thread::sleep(Duration::from_millis(50 * (attempt + 1)));
    }
    Err(StoreError::Unavailable("memcached crawler: busy".into()))
}

/// The crawler's key encoding (`%XX` for reserved bytes); `None` if it is not valid.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[rocket::async_trait]
impl SessionStore for MemcachedStore {
    fn kind(&self) -> StoreKind {
        StoreKind::Memcached
    }

    fn holding(&self, key: &str, record: &SessionRecord) -> Holding {
        let fields = [
            ("value", super::shown_json(record)),
            ("flags", "0".to_owned()),
            ("exptime", expiry(record.expires_ms()).to_string()),
        ];
        Holding::new(StoreKind::Memcached, "held-memcached", self.key(key), fields)
    }

    async fn create(&self, id: &SessionId, record: &SessionRecord) -> Result<(), StoreError> {
        let storage_key = id.storage_key();
        let key = self.key(&storage_key);
        let json = serde_json::to_string(record).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let (now, end) = (record.created_ms, record.expires_ms());
        self.run(move |client| {
            let add = |client: &Client| match client.add(&key, json.as_str(), expiry(end)) {
                Ok(()) => Ok(true),
                Err(MemcacheError::CommandError(CommandError::KeyExists)) => Ok(false),
                Err(e) => Err(unavailable(e)),
            };
            if add(client)? {
                return Ok(());
            }
            // Taken: by a live session (refuse), or by one that is over but still held until
            // memcached's whole-second expiry comes.
            let held: Option<String> = client.get(&key).map_err(unavailable)?;
            let over = held
                .and_then(|json| parse(&key, &json))
                .is_none_or(|r| r.is_expired(now));
            if over {
                client.delete(&key).map_err(unavailable)?;
                if add(client)? {
                    return Ok(());
                }
            }
            Err(StoreError::Exists.into())
        })
        .await?;
        let user_key = self.user_key(&record.user);
        let absolute_end = record
            .created_ms
            .saturating_add(record.absolute_timeout_s.saturating_mul(1000));
        self.change_index(user_key, absolute_end, move |keys| {
            if !keys.contains(&storage_key) {
                keys.push(storage_key.clone());
            }
        })
        .await
    }

    async fn load(&self, id: &SessionId, now_ms: u64) -> Result<Option<SessionRecord>, StoreError> {
        Ok(self.live(self.key(&id.storage_key()), now_ms).await?.map(|(r, _)| r))
    }

    async fn touch(&self, id: &SessionId, now_ms: u64) -> Result<Option<SessionRecord>, StoreError> {
        let key = self.key(&id.storage_key());
        let Some((mut record, cas)) = self.live(key.clone(), now_ms).await? else {
            return Ok(None);
        };
        let Some(cas) = cas.filter(|_| now_ms.saturating_sub(record.last_seen_ms) >= TOUCH_EVERY_MS) else {
            // Seen within the second (or no token to write safely with): as stored.
            return Ok(Some(record));
        };
        record.last_seen_ms = record.last_seen_ms.max(now_ms);
        let json = serde_json::to_string(&record).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let end = record.expires_ms();
        let swapped = self
            .run(move |client| client.cas(&key, json.as_str(), expiry(end), cas).map_err(unavailable))
            .await?;
        if swapped {
            return Ok(Some(record));
        }
        // Changed since it was read: by a touch of the same session (it lives: read it again),
        // or by its delete (it does not).
        self.load(id, now_ms).await
    }

    async fn delete(&self, id: &SessionId) -> Result<bool, StoreError> {
        self.delete_key(&id.storage_key()).await
    }

    /// memcached frees expired items by itself; there is nothing to sweep.
    async fn sweep(&self, _now_ms: u64) -> Result<usize, StoreError> {
        Ok(0)
    }

    async fn count(&self) -> Result<usize, StoreError> {
        Ok(self.keys().await?.len())
    }

    async fn ping(&self) -> Result<(), StoreError> {
        self.run(|client| client.version().map(drop).map_err(unavailable)).await
    }

    async fn list(&self, now_ms: u64) -> Result<Vec<StoredSession>, StoreError> {
        let prefix = format!("{}session:", self.prefix);
        let found = self.records(self.keys().await?, now_ms).await?;
        Ok(found
            .into_iter()
            .filter_map(|(key, record)| {
                let key = key.strip_prefix(&prefix)?.to_owned();
                Some(StoredSession { key, record })
            })
            .collect())
    }

    async fn list_user(&self, user: &Username, now_ms: u64) -> Result<Vec<StoredSession>, StoreError> {
        let user_key = self.user_key(user);
        let index: Option<String> = {
            let user_key = user_key.clone();
            self.run(move |client| client.get(&user_key).map_err(unavailable))
                .await?
        };
        let members: Vec<String> = index
            .iter()
            .flat_map(|value| value.split(' ').skip(1))
            .filter(|k| is_storage_key(k))
            .map(str::to_owned)
            .collect();
        if members.is_empty() {
            return Ok(Vec::new());
        }
        let keys = members.iter().map(|k| self.key(k)).collect();
        let prefix = format!("{}session:", self.prefix);
        let sessions: Vec<StoredSession> = self
            .records(keys, now_ms)
            .await?
            .into_iter()
            .filter(|(_, record)| &record.user == user)
            .filter_map(|(key, record)| {
                let key = key.strip_prefix(&prefix)?.to_owned();
                Some(StoredSession { key, record })
            })
            .collect();
        if sessions.len() < members.len() {
            // Only the keys read as gone: one added since the index was read stays.
            let gone: Vec<String> = members
                .into_iter()
                .filter(|k| !sessions.iter().any(|s| &s.key == k))
                .collect();
            self.change_index(user_key, 0, move |keys| keys.retain(|k| !gone.contains(k)))
                .await?;
        }
        Ok(sessions)
    }

    async fn delete_key(&self, key: &str) -> Result<bool, StoreError> {
        if !is_storage_key(key) {
            return Ok(false);
        }
        let key = self.key(key);
        self.run(move |client| client.delete(&key).map_err(unavailable)).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crawler_keys_decode() {
        assert_eq!(percent_decode("a%3Ab%20c").as_deref(), Some("a:b c"));
        assert_eq!(percent_decode("plain").as_deref(), Some("plain"));
        assert_eq!(percent_decode("bad%4"), None);
        assert_eq!(percent_decode("bad%zz"), None);
    }

    #[test]
    fn expiries_are_absolute_and_rounded_up() {
        assert_eq!(expiry(1_800_000_000_001), 1_800_000_001);
        assert_eq!(expiry(1_800_000_000_000), 1_800_000_000);
        assert_eq!(expiry(5_000), u32::try_from(ABSOLUTE_EXPIRY_FLOOR).unwrap());
    }
}
