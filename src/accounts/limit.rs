//! Sliding-window limits: at most `most` events per key within a window, counted in this process
//! or, with the Redis store, by every instance of the class together. Failed password checks are
//! limited per (client address, account) ([`super::throttle`]), registrations per client address.
//!
//! The process's table is bounded: when it is full, keys whose window has passed go first; if it
//! is still full, a new key is refused rather than pushing out another client's count. In Redis
//! each key is one sorted set of times (`class:<name>`) that expires with its window. While Redis
//! cannot be reached, each instance counts on its own, so a limit never lapses.

use std::collections::{HashMap, VecDeque};
use std::hash::Hash;
use std::sync::{Mutex, PoisonError};

use crate::storage::ClassRedis;

/// Refused for now; try again in this many seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryAfter(pub u64);

/// How many events one key may have within how long, and how many keys the process keeps.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub most: usize,
    pub window_ms: u64,
    pub keys: usize,
}

/// The counts of one [`Rule`].
pub struct Limit<K> {
    rule: Rule,
    local: Mutex<HashMap<K, VecDeque<u64>>>,
    /// The class's Redis, and the name of a key's log there.
    shared: Option<(ClassRedis, LogName<K>)>,
}

/// The name in Redis of one key's log.
type LogName<K> = fn(&K) -> String;

impl<K: Hash + Eq + Clone> Limit<K> {
    pub fn new(rule: Rule) -> Limit<K> {
        Limit {
            rule,
            local: Mutex::new(HashMap::new()),
            shared: None,
        }
    }

    /// Counted by every instance on the class's Redis, each key's log under `name(key)`.
    pub fn shared(mut self, redis: Option<ClassRedis>, name: LogName<K>) -> Limit<K> {
        self.shared = redis.map(|redis| (redis, name));
        self
    }

    /// `Err` while `key` has had `most` events within the window.
    pub async fn check(&self, key: &K, now_ms: u64) -> Result<(), RetryAfter> {
        if let Some((redis, name)) = &self.shared {
            if let Ok(times) = redis.window_times(&name(key), now_ms, self.rule.window_ms).await {
                return self.blocked(times.iter().copied(), now_ms);
            }
        }
        let local = self.local.lock().unwrap_or_else(PoisonError::into_inner);
        self.check_local(&local, key, now_ms)
    }

    /// Counts an event for `key` (a failure that has happened: never refused).
    pub async fn count(&self, key: &K, now_ms: u64) {
        if let Some((redis, name)) = &self.shared {
            let window = self.rule.window_ms;
            if redis
                .window_add(&name(key), now_ms, window, self.rule.most)
                .await
                .is_ok()
            {
                return;
            }
        }
        let mut local = self.local.lock().unwrap_or_else(PoisonError::into_inner);
        self.count_local(&mut local, key, now_ms);
    }

    /// Counts an event for `key` if it is under its limit, or refuses it uncounted. Checked and
    /// counted in one step, so requests racing each other (to this instance or, through one
    /// Redis script, to any) never take more places than the limit.
    pub async fn take(&self, key: &K, now_ms: u64) -> Result<(), RetryAfter> {
        if let Some((redis, name)) = &self.shared {
            let (window, most) = (self.rule.window_ms, self.rule.most);
            if let Ok(taken) = redis.window_take(&name(key), now_ms, window, most).await {
                return match taken {
                    None => Ok(()),
                    Some(free_at) => Err(retry_at(free_at, now_ms)),
                };
            }
        }
        let mut local = self.local.lock().unwrap_or_else(PoisonError::into_inner);
        self.make_room(&mut local, key, now_ms);
        self.check_local(&local, key, now_ms)?;
        self.count_local(&mut local, key, now_ms);
        Ok(())
    }

    /// Forgets `key`'s events.
    pub async fn forget(&self, key: &K) {
        if let Some((redis, name)) = &self.shared {
            // A count left behind by an outage only delays this key until its window passes.
            let _ = redis.forget(&name(key)).await;
        }
        let mut local = self.local.lock().unwrap_or_else(PoisonError::into_inner);
        local.remove(key);
    }

    fn check_local(&self, local: &HashMap<K, VecDeque<u64>>, key: &K, now_ms: u64) -> Result<(), RetryAfter> {
        match local.get(key) {
            Some(times) => self.blocked(times.iter().copied(), now_ms),
            None if local.len() >= self.rule.keys => Err(RetryAfter(self.rule.window_ms / 1000)),
            None => Ok(()),
        }
    }

    /// For a new key in a full table, drops the keys whose window has passed.
    fn make_room(&self, local: &mut HashMap<K, VecDeque<u64>>, key: &K, now_ms: u64) {
        if !local.contains_key(key) && local.len() >= self.rule.keys {
            let cutoff = now_ms.saturating_sub(self.rule.window_ms);
            local.retain(|_, times| times.back().is_some_and(|t| *t > cutoff));
        }
    }

    fn count_local(&self, local: &mut HashMap<K, VecDeque<u64>>, key: &K, now_ms: u64) {
        let window = self.rule.window_ms;
        self.make_room(local, key, now_ms);
        if !local.contains_key(key) && local.len() >= self.rule.keys {
            return;
        }
        let times = local.entry(key.clone()).or_default();
        times.retain(|t| now_ms.saturating_sub(*t) < window);
        if times.len() >= self.rule.most {
            times.pop_front();
        }
        times.push_back(now_ms);
    }

    /// `Err` when `most` of `times` fall within the window, with the wait until the oldest of
    /// them leaves it.
    fn blocked(&self, times: impl Iterator<Item = u64>, now_ms: u64) -> Result<(), RetryAfter> {
        let Rule { most, window_ms, .. } = self.rule;
        let recent: Vec<u64> = times.filter(|t| now_ms.saturating_sub(*t) < window_ms).collect();
        if recent.len() < most {
            return Ok(());
        }
        Err(retry_at(recent[recent.len() - most] + window_ms, now_ms))
    }
}

/// The wait until `free_at_ms`, in whole seconds, at least one.
fn retry_at(free_at_ms: u64, now_ms: u64) -> RetryAfter {
    RetryAfter(free_at_ms.saturating_sub(now_ms).div_ceil(1000).max(1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::IpAddr;

    const RULE: Rule = Rule {
        most: 3,
        window_ms: 60_000,
        keys: 2,
    };

    fn address(last: u8) -> IpAddr {
        IpAddr::from([10, 0, 0, last])
    }

    #[rocket::async_test]
    async fn take_refuses_past_the_limit_until_the_window_passes() {
        let limit = Limit::new(RULE);
        let t0 = 1_000_000_000;
        for i in 0..3 {
            assert_eq!(limit.take(&address(1), t0 + i).await, Ok(()));
        }
        assert_eq!(limit.take(&address(1), t0 + 3).await, Err(RetryAfter(60)));
        assert_eq!(limit.take(&address(2), t0 + 3).await, Ok(()), "another key");
        // A refusal is not counted: the first place frees when the first event leaves.
        assert_eq!(limit.take(&address(1), t0 + 60_000).await, Ok(()));
        assert!(limit.take(&address(1), t0 + 60_000).await.is_err());
    }

    #[rocket::async_test]
    async fn a_full_table_refuses_a_new_key_rather_than_dropping_a_live_one() {
        let limit = Limit::new(RULE);
        let t0 = 1_000_000_000;
        assert!(limit.take(&address(1), t0).await.is_ok());
        assert!(limit.take(&address(2), t0).await.is_ok());
        assert!(limit.take(&address(3), t0 + 1).await.is_err(), "two keys live");
        assert!(
            limit.take(&address(3), t0 + 60_000).await.is_ok(),
            "the first two expired"
        );
    }
}
