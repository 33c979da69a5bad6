//! Per-browser state that clients create (lab desks, inspector receipts), bounded so that no
//! client can grow the server or push other clients' state out.
//!
//! Every entry is filed under an id the server issued and remembers the client address that
//! created it. One address holds at most `per_owner` entries: past that, its own least recently
//! used entry makes room. When the whole table is full, expired entries go first, then the least
//! recently used entry of the address that holds the most. So a flood from one address only ever
//! evicts that address's own entries.

use std::collections::HashMap;
use std::hash::Hash;
use std::net::IpAddr;
use std::sync::{Mutex, MutexGuard, PoisonError};

struct Entry<V> {
    owner: IpAddr,
    touched_ms: u64,
    value: V,
}

struct Inner<K, V> {
    entries: HashMap<K, Entry<V>>,
    owners: HashMap<IpAddr, usize>,
}

pub struct Bounded<K, V> {
    inner: Mutex<Inner<K, V>>,
    per_owner: usize,
    total: usize,
    keep_ms: u64,
}

impl<K: Eq + Hash + Clone, V: Clone + Default> Bounded<K, V> {
    pub fn new(per_owner: usize, total: usize, keep_ms: u64) -> Self {
        Bounded {
            inner: Mutex::new(Inner {
                entries: HashMap::new(),
                owners: HashMap::new(),
            }),
            per_owner: per_owner.max(1),
            total: total.max(1),
            keep_ms,
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner<K, V>> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The value under `key`, unless it has not been touched for `keep_ms`.
    pub fn get<Q: Eq + Hash + ?Sized>(&self, key: &Q, now_ms: u64) -> Option<V>
    where
        K: std::borrow::Borrow<Q>,
    {
        let inner = self.lock();
        let entry = inner.entries.get(key)?;
        (now_ms.saturating_sub(entry.touched_ms) < self.keep_ms).then(|| entry.value.clone())
    }

    /// Changes the value under `key`, creating it (for `owner`) when there is none.
    pub fn update(&self, key: &K, owner: IpAddr, now_ms: u64, change: impl FnOnce(&mut V)) {
        let mut inner = self.lock();
        if let Some(entry) = inner.entries.get_mut(key) {
            if now_ms.saturating_sub(entry.touched_ms) >= self.keep_ms {
                entry.value = V::default();
            }
            entry.touched_ms = now_ms;
            change(&mut entry.value);
            return;
        }
        if inner.owners.get(&owner).copied().unwrap_or(0) >= self.per_owner {
            evict_oldest_of(&mut inner, owner);
        }
        if inner.entries.len() >= self.total {
            let cutoff = now_ms.saturating_sub(self.keep_ms);
            let expired: Vec<K> = inner
                .entries
                .iter()
                .filter(|(_, e)| e.touched_ms < cutoff)
                .map(|(k, _)| k.clone())
                .collect();
            for key in expired {
                remove(&mut inner, &key);
            }
        }
        if inner.entries.len() >= self.total {
            let busiest = inner.owners.iter().max_by_key(|(_, n)| **n).map(|(ip, _)| *ip);
            if let Some(busiest) = busiest {
                evict_oldest_of(&mut inner, busiest);
            }
        }
        let mut value = V::default();
        change(&mut value);
        inner.entries.insert(
            key.clone(),
            Entry {
                owner,
                touched_ms: now_ms,
                value,
            },
        );
        *inner.owners.entry(owner).or_insert(0) += 1;
    }

    /// Every value touched within `keep_ms`.
    pub fn values(&self, now_ms: u64) -> Vec<V> {
        let inner = self.lock();
        inner
            .entries
            .values()
            .filter(|e| now_ms.saturating_sub(e.touched_ms) < self.keep_ms)
            .map(|e| e.value.clone())
            .collect()
    }

    pub fn len(&self) -> usize {
        self.lock().entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn clear(&self) {
        let mut inner = self.lock();
        inner.entries.clear();
        inner.owners.clear();
    }
}

fn remove<K: Eq + Hash, V>(inner: &mut Inner<K, V>, key: &K) {
    if let Some(entry) = inner.entries.remove(key) {
        if let Some(count) = inner.owners.get_mut(&entry.owner) {
            *count -= 1;
            if *count == 0 {
                inner.owners.remove(&entry.owner);
            }
        }
    }
}

fn evict_oldest_of<K: Eq + Hash + Clone, V>(inner: &mut Inner<K, V>, owner: IpAddr) {
    let oldest = inner
        .entries
        .iter()
        .filter(|(_, e)| e.owner == owner)
        .min_by_key(|(_, e)| e.touched_ms)
        .map(|(k, _)| k.clone());
    if let Some(key) = oldest {
        remove(inner, &key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flood_from_one_address_evicts_only_its_own_entries() {
        let map: Bounded<u32, u32> = Bounded::new(5, 8, 60_000);
        let (student, attacker): (IpAddr, IpAddr) = ("10.0.0.1".parse().unwrap(), "10.0.0.66".parse().unwrap());
        for k in 0..3 {
            map.update(&k, student, 1, |v| *v = 7);
        }
        for k in 100..10_000 {
            map.update(&k, attacker, 2 + u64::from(k), |v| *v = 1);
        }
        assert_eq!(map.len(), 8, "3 of the student's and the attacker's last 5");
        for k in 0..3 {
            assert_eq!(map.get(&k, 5), Some(7), "the student's entry {k} survived");
        }
        assert_eq!(map.get(&9_999, 10_001), Some(1));
        assert_eq!(map.get(&100, 10_001), None);
    }

    #[test]
    fn entries_expire_and_make_room() {
        let map: Bounded<u32, u32> = Bounded::new(10, 2, 1_000);
        let a: IpAddr = "10.0.0.1".parse().unwrap();
        let b: IpAddr = "10.0.0.2".parse().unwrap();
        map.update(&1, a, 0, |v| *v = 1);
        map.update(&2, a, 0, |v| *v = 2);
        assert_eq!(map.get(&1, 999), Some(1));
        assert_eq!(map.get(&1, 1_000), None, "expired");
        map.update(&3, b, 5_000, |v| *v = 3);
        assert_eq!(map.len(), 1, "both expired entries made room");
    }
}
