//! The in-memory store: a sharded concurrent hash map in this process.
//!
//! Lookups are O(1) and lock only one shard, never across an `.await`. Sessions live as long as
//! the process: a restart logs everybody out, and a second server cannot see them.

use dashmap::mapref::entry::Entry;
use dashmap::DashMap;

use super::store::{is_storage_key, StoredSession};
use super::{SessionId, SessionRecord, SessionStore, StoreError};
use crate::config::StoreKind;

#[derive(Default)]
pub struct MemoryStore {
    records: DashMap<SessionId, SessionRecord>,
}

impl MemoryStore {
    pub fn new() -> MemoryStore {
        MemoryStore::default()
    }
}

#[rocket::async_trait]
impl SessionStore for MemoryStore {
    fn kind(&self) -> StoreKind {
        StoreKind::Memory
    }

    async fn create(&self, id: &SessionId, record: &SessionRecord) -> Result<(), StoreError> {
        match self.records.entry(*id) {
            Entry::Occupied(mut old) if old.get().is_expired(record.created_ms) => {
                old.insert(record.clone());
                Ok(())
            }
            Entry::Occupied(_) => Err(StoreError::Exists),
            Entry::Vacant(slot) => {
                slot.insert(record.clone());
                Ok(())
            }
        }
    }

    async fn load(&self, id: &SessionId, now_ms: u64) -> Result<Option<SessionRecord>, StoreError> {
        let found = self.records.get(id).map(|r| r.clone());
        match found {
            Some(record) if record.is_expired(now_ms) => {
                self.records.remove_if(id, |_, r| r.is_expired(now_ms));
                Ok(None)
            }
            found => Ok(found),
        }
    }

    async fn touch(&self, id: &SessionId, now_ms: u64) -> Result<Option<SessionRecord>, StoreError> {
        let touched = self.records.get_mut(id).map(|mut record| {
            if record.is_expired(now_ms) {
                None
            } else {
                record.last_seen_ms = record.last_seen_ms.max(now_ms);
                Some(record.clone())
            }
        });
        match touched {
            Some(None) => {
                self.records.remove_if(id, |_, r| r.is_expired(now_ms));
                Ok(None)
            }
            Some(record) => Ok(record),
            None => Ok(None),
        }
    }

    async fn delete(&self, id: &SessionId) -> Result<bool, StoreError> {
        Ok(self.records.remove(id).is_some())
    }

    async fn sweep(&self, now_ms: u64) -> Result<usize, StoreError> {
        let mut removed = 0;
        self.records.retain(|_, record| {
            let keep = !record.is_expired(now_ms);
            removed += usize::from(!keep);
            keep
        });
        Ok(removed)
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
                key: entry.key().storage_key(),
                record: entry.value().clone(),
            })
            .collect())
    }

    /// A scan, hashing every id: revocation is rare, and a second index would cost every session.
    async fn delete_key(&self, key: &str) -> Result<bool, StoreError> {
        if !is_storage_key(key) {
            return Ok(false);
        }
        let mut removed = false;
        self.records.retain(|id, _| {
            let keep = id.storage_key() != key;
            removed |= !keep;
            keep
        });
        Ok(removed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::{Role, Username};

    #[rocket::async_test]
    async fn sweep_counts_exactly_what_it_freed() {
        let store = MemoryStore::new();
        let now = 100_000_000;
        for (idle, n) in [(10, 7), (600, 5)] {
            for _ in 0..n {
                let record =
                    SessionRecord::new(Username::parse("abc").unwrap(), Role::Student, now, idle, 600).unwrap();
                store.create(&SessionId::generate().unwrap(), &record).await.unwrap();
            }
        }
        assert_eq!(store.sweep(now + 10_000).await.unwrap(), 7);
        assert_eq!(store.count().await.unwrap(), 5);
    }
}
