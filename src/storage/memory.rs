//! The in-memory store: sharded concurrent hash maps in this process.
//!
//! Records are filed under the id's storage key (a hash), so revoking one from the dashboard,
//! which knows only keys, is one lookup. A second map lists each account's keys, so ending all of
//! one user's sessions, or the oldest beyond the per-account limit, costs that user's sessions.
//! The index may briefly hold a key whose record is gone (a race with a delete); readers skip and
//! prune such keys. Lookups lock one shard, never across an `.await`. Sessions live as long as
//! the process: a restart logs everybody out, and a second server cannot see them.

use std::ops::Deref;
use std::sync::Arc;

use dashmap::mapref::entry::Entry;
use dashmap::DashMap;
use rocket::tokio::task;

use super::sessions::{parse_storage_key, StoredSession};
use super::{Holding, SessionStore, StoreError};
use crate::config::StoreKind;
use crate::credentials::Username;
use crate::ids::SessionId;
use crate::record::SessionRecord;

type Key = [u8; 32];

/// The store's maps, shared with the sweep, which runs on Tokio's blocking pool.
#[derive(Default)]
pub struct MemoryStore(Arc<Maps>);

/// Records are boxed: a bucket of the map is then 40 bytes instead of 160, which matters because
/// each shard's table doubles as it grows and may stand half empty (docs/performance.md measures
/// the bytes per session at a million).
pub struct Maps {
    records: DashMap<Key, Box<SessionRecord>>,
    by_user: DashMap<Username, Vec<Key>>,
}

/// The store's methods read as the maps' own (`self.records`).
impl Deref for MemoryStore {
    type Target = Maps;

    fn deref(&self) -> &Maps {
        &self.0
    }
}

/// Shards of the record map. A sweep walks one shard at a time, holding its lock, and a request
/// for a session in that shard waits until the walk ends. DashMap's default (four per core, so 8
/// here) made each walk of a store holding two million sessions last a tenth of a second or more,
/// and requests arriving meanwhile queued behind it; with 4096, a walk takes well under a
/// millisecond and a request meets one in 4096 times (docs/performance.md, "A million sessions").
const RECORD_SHARDS: usize = 4096;

impl Default for Maps {
    fn default() -> Maps {
        Maps {
            records: DashMap::with_shard_amount(RECORD_SHARDS),
            by_user: DashMap::new(),
        }
    }
}

impl MemoryStore {
    pub fn new() -> MemoryStore {
        MemoryStore::default()
    }
}

impl Maps {
    /// Files `key` under `user`. Each key is indexed once, when its record is created.
    fn index(&self, user: &Username, key: Key) {
        let mut keys = self.by_user.entry(user.clone()).or_default();
        // Exactly as many as there are (at most `max_sessions_per_user`): no doubling slack.
        keys.reserve_exact(1);
        keys.push(key);
    }

    fn unindex(&self, user: &Username, key: &Key) {
        if let Some(mut keys) = self.by_user.get_mut(user) {
            keys.retain(|k| k != key);
        }
        self.by_user.remove_if(user, |_, keys| keys.is_empty());
    }

    /// Removes the record under `key` if `expired` says so (or always, with `|_| true`).
    fn remove_if(&self, key: &Key, expired: impl FnOnce(&SessionRecord) -> bool) -> bool {
        match self.records.remove_if(key, |_, record| expired(record)) {
            Some((key, record)) => {
                self.unindex(&record.user, &key);
                true
            }
            None => false,
        }
    }

    /// Removes every expired record and its index entry; how many.
    ///
    /// Nothing is allocated while a shard is locked: the walk holds each shard's lock, and an
    /// allocation there can take milliseconds (a list of what was removed, grown to a million
    /// entries, is copied each time it doubles), during which a request for a session in that
    /// shard waits. So each index entry goes as its record does. The order of the locks is
    /// always a record shard, then an index shard: no code takes a record shard while holding an
    /// index shard, so the two cannot wait for each other.
    fn sweep(&self, now_ms: u64) -> usize {
        let mut removed = 0;
        self.records.retain(|key, record| {
            let keep = !record.is_expired(now_ms);
            if !keep {
                self.unindex(&record.user, key);
                removed += 1;
            }
            keep
        });
        removed
    }
}

#[rocket::async_trait]
impl SessionStore for MemoryStore {
    fn kind(&self) -> StoreKind {
        StoreKind::Memory
    }

    fn holding(&self, key: &str, record: &SessionRecord) -> Holding {
        let fields = [
            ("user", record.user.to_string()),
            ("role", record.role.as_str().to_owned()),
            ("created_ms", record.created_ms.to_string()),
            ("last_seen_ms", record.last_seen_ms.to_string()),
            ("idle_timeout_s", record.idle_timeout_s.to_string()),
            ("absolute_timeout_s", record.absolute_timeout_s.to_string()),
            ("csrf_token", "[not shown]".to_owned()),
        ];
        Holding::new(StoreKind::Memory, "held-memory", format!("[u8; 32] = {key}"), fields)
    }

    async fn create(&self, id: &SessionId, record: &SessionRecord) -> Result<(), StoreError> {
        let key = id.storage_key_bytes();
        let mut stored = Box::new(record.clone());
        // All of a user's sessions share the index's copy of the name (one allocation a user,
        // not one a session). The index's lock is let go before the record map's is taken.
        let indexed = self.by_user.get(&record.user).map(|entry| entry.key().clone());
        if let Some(user) = indexed {
            stored.user = user;
        }
        let user = stored.user.clone();
        match self.records.entry(key) {
            Entry::Occupied(mut old) if old.get().is_expired(record.created_ms) => {
                let previous = old.insert(stored);
                drop(old);
                // The same key under the same account is indexed already.
                if previous.user != user {
                    self.unindex(&previous.user, &key);
                    self.index(&user, key);
                }
            }
            Entry::Occupied(_) => return Err(StoreError::Exists),
            Entry::Vacant(slot) => {
                slot.insert(stored);
                self.index(&user, key);
            }
        }
        Ok(())
    }

    async fn load(&self, id: &SessionId, now_ms: u64) -> Result<Option<SessionRecord>, StoreError> {
        let key = id.storage_key_bytes();
        let found = self.records.get(&key).map(|r| SessionRecord::clone(&r));
        match found {
            Some(record) if record.is_expired(now_ms) => {
                self.remove_if(&key, |r| r.is_expired(now_ms));
                Ok(None)
            }
            found => Ok(found),
        }
    }

    async fn touch(&self, id: &SessionId, now_ms: u64) -> Result<Option<SessionRecord>, StoreError> {
        let key = id.storage_key_bytes();
        let touched = self.records.get_mut(&key).map(|mut record| {
            if record.is_expired(now_ms) {
                None
            } else {
                record.last_seen_ms = record.last_seen_ms.max(now_ms);
                Some(SessionRecord::clone(&record))
            }
        });
        match touched {
            Some(None) => {
                self.remove_if(&key, |r| r.is_expired(now_ms));
                Ok(None)
            }
            Some(record) => Ok(record),
            None => Ok(None),
        }
    }

    async fn delete(&self, id: &SessionId) -> Result<bool, StoreError> {
        Ok(self.remove_if(&id.storage_key_bytes(), |_| true))
    }

    /// A sweep of a million sessions walks the map for a second or more: on the blocking pool,
    /// so that it never holds up one of the workers that answer requests. (Not at a lower
    /// priority: it holds a shard's lock while it walks it, and a lookup waiting for that lock
    /// would wait for a thread the kernel runs last; docs/performance.md.)
    async fn sweep(&self, now_ms: u64) -> Result<usize, StoreError> {
        let maps = Arc::clone(&self.0);
        task::spawn_blocking(move || maps.sweep(now_ms))
            .await
            .map_err(|e| StoreError::Unavailable(format!("memory store sweep failed: {e}")))
    }

    async fn count(&self) -> Result<usize, StoreError> {
        Ok(self.records.len())
    }

    async fn ping(&self) -> Result<(), StoreError> {
        Ok(())
    }

    async fn list(&self, now_ms: u64) -> Result<Vec<StoredSession>, StoreError> {
        let live = self.records.iter().filter(|entry| !entry.value().is_expired(now_ms));
        Ok(live
            .map(|entry| StoredSession {
                key: hex::encode(entry.key()),
                record: SessionRecord::clone(entry.value()),
            })
            .collect())
    }

    async fn list_user(&self, user: &Username, now_ms: u64) -> Result<Vec<StoredSession>, StoreError> {
        let keys = self.by_user.get(user).map(|keys| keys.clone()).unwrap_or_default();
        let mut sessions = Vec::with_capacity(keys.len());
        for key in keys {
            let record = self.records.get(&key).map(|r| SessionRecord::clone(&r));
            match record {
                Some(record) if &record.user == user && !record.is_expired(now_ms) => {
                    sessions.push(StoredSession {
                        key: hex::encode(key),
                        record,
                    });
                }
                Some(record) if &record.user == user => {
                    self.remove_if(&key, |r| r.is_expired(now_ms));
                }
                _ => self.unindex(user, &key),
            }
        }
        Ok(sessions)
    }

    async fn delete_key(&self, key: &str) -> Result<bool, StoreError> {
        Ok(parse_storage_key(key).is_some_and(|key| self.remove_if(&key, |_| true)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::Role;

    fn record(user: &str, now: u64, idle: u64) -> SessionRecord {
        SessionRecord::new(Username::parse(user).unwrap(), Role::Student, now, idle, 600).unwrap()
    }

    #[rocket::async_test]
    async fn sweep_counts_exactly_what_it_freed() {
        let store = MemoryStore::new();
        let now = 100_000_000;
        for (idle, n) in [(10, 7), (600, 5)] {
            for _ in 0..n {
                store
                    .create(&SessionId::generate().unwrap(), &record("abc", now, idle))
                    .await
                    .unwrap();
            }
        }
        assert_eq!(store.sweep(now + 10_000).await.unwrap(), 7);
        assert_eq!(store.count().await.unwrap(), 5);
        assert_eq!(
            store
                .list_user(&Username::parse("abc").unwrap(), now + 10_000)
                .await
                .unwrap()
                .len(),
            5
        );
        assert_eq!(
            store.by_user.get(&Username::parse("abc").unwrap()).unwrap().len(),
            5,
            "index pruned"
        );
    }

    #[rocket::async_test]
    async fn the_index_follows_deletes_and_holds_no_one_else() {
        let store = MemoryStore::new();
        let now = 100_000_000;
        let ids: Vec<SessionId> = (0..3).map(|_| SessionId::generate().unwrap()).collect();
        for id in &ids {
            store.create(id, &record("abc", now, 600)).await.unwrap();
        }
        store
            .create(&SessionId::generate().unwrap(), &record("bob", now, 600))
            .await
            .unwrap();
        assert!(store.delete(&ids[0]).await.unwrap());
        assert!(store.delete_key(&ids[1].storage_key()).await.unwrap());
        let abc = store.list_user(&Username::parse("abc").unwrap(), now).await.unwrap();
        assert_eq!(abc.len(), 1);
        assert_eq!(abc[0].key, ids[2].storage_key());
        assert!(store.delete(&ids[2]).await.unwrap());
        assert!(
            store.by_user.get(&Username::parse("abc").unwrap()).is_none(),
            "no empty lists left"
        );
    }

    /// A user's sessions share one copy of the name, the index's: the sessions of a class's
    /// accounts hold one name per account, not one per session.
    #[rocket::async_test]
    async fn a_users_sessions_share_one_copy_of_the_name() {
        let store = MemoryStore::new();
        for _ in 0..3 {
            // Each record brings its own copy, as each login parses the name anew.
            let id = SessionId::generate().unwrap();
            store.create(&id, &record("abc", NOW, 600)).await.unwrap();
        }
        let indexed = store
            .by_user
            .iter()
            .map(|e| e.key().as_str().as_ptr())
            .collect::<Vec<_>>();
        assert_eq!(indexed.len(), 1);
        let held = store
            .records
            .iter()
            .map(|r| r.user.as_str().as_ptr())
            .collect::<Vec<_>>();
        assert_eq!(held, vec![indexed[0]; 3], "every record points at the index's name");
    }

    /// The sweep takes an index shard while it holds a record shard; nothing else holds an index
    /// shard while it takes a record shard. Were both orders ever taken at once, two threads
    /// could each hold the lock the other waits for, forever. Four threads that log in, list,
    /// log out and sweep the same two accounts' sessions at once all finish.
    #[test]
    fn sweeps_beside_logins_listings_and_logouts_never_wait_for_each_other() {
        let store = Arc::new(MemoryStore::new());
        let (finished, finishing) = std::sync::mpsc::channel();
        for thread in 0..4u64 {
            let (store, finished) = (Arc::clone(&store), finished.clone());
            std::thread::spawn(move || {
                let runtime = rocket::tokio::runtime::Builder::new_current_thread().build().unwrap();
                runtime.block_on(async {
                    let user = Username::parse(["abc", "bob"][thread as usize % 2]).unwrap();
                    for round in 0..3_000u64 {
                        // Created already idle-expired at the next round's sweep.
                        let now = NOW + round * 20_000;
                        let mut last = None;
                        for _ in 0..3 {
                            let id = SessionId::generate().unwrap();
                            store.create(&id, &record(user.as_str(), now, 10)).await.unwrap();
                            last = Some(id);
                        }
                        store.list_user(&user, now).await.unwrap();
                        store.delete(&last.unwrap()).await.unwrap();
                        if round % 2 == thread % 2 {
                            store.sweep(now).await.unwrap();
                        }
                    }
                });
                finished.send(()).unwrap();
            });
        }
        for _ in 0..4 {
            // Far longer than the work takes; only a deadlock gets here.
            finishing
                .recv_timeout(std::time::Duration::from_secs(120))
                .expect("a thread is stuck: two locks taken in opposite orders");
        }
    }

    const NOW: u64 = 100_000_000;

    /// A sweep runs beside the workers: with one worker, a lookup asked for while a sweep of
    /// a hundred thousand expired sessions runs is answered before that sweep ends.
    #[test]
    fn a_sweep_never_holds_up_a_worker() {
        let runtime = rocket::tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .build()
            .unwrap();
        let store = Arc::new(MemoryStore::new());
        let live = SessionId::generate().unwrap();
        runtime.block_on(async {
            for n in 0..100_000 {
                let id = SessionId::generate().unwrap();
                store
                    .create(&id, &record(&format!("user{n:05}"), NOW, 10))
                    .await
                    .unwrap();
            }
            store.create(&live, &record("abc", NOW, 600)).await.unwrap();
        });
        let sweeping = Arc::clone(&store);
        let sweep = runtime.spawn(async move { sweeping.sweep(NOW + 10_000).await });
        let looking = Arc::clone(&store);
        let lookup = runtime.spawn(async move { looking.load(&live, NOW + 10_000).await });
        let found = runtime.block_on(lookup).unwrap().unwrap();
        assert!(found.is_some());
        assert!(!sweep.is_finished(), "the lookup waited for the sweep");
        assert_eq!(runtime.block_on(sweep).unwrap().unwrap(), 100_000);
    }
}
