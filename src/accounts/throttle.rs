//! Failed password checks, counted per (client address, account), so that guessing a password
//! is slow from any route that checks one.
//!
//! After [`MAX_FAILURES`] failures within [`WINDOW_MS`] for one address and one account, that
//! address's checks for that account are refused until the oldest failure leaves the window.
//! Names that are not accounts share one counter per address, so inventing names gains nothing.
//! The table is bounded: when it is full, expired entries go first; if it is still full, a new
//! (address, account) pair is refused rather than letting one client evict the others.
//!
//! With the Redis store the counts are shared by every instance (`class:throttle:…`, each
//! expiring with its window), so a balancer spreading the guesses over instances gains nothing.
//! There the table's size is bounded by what can be counted: one log per address and real
//! account (a name that is not an account counts under `-`), each of at most [`MAX_FAILURES`]
//! times, gone five minutes after its last failure.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::{Mutex, PoisonError};

use crate::credentials::Username;
use crate::storage::ClassRedis;

pub const MAX_FAILURES: usize = 10;
pub const WINDOW_MS: u64 = 5 * 60 * 1000;
const MAX_ENTRIES: usize = 100_000;

/// Refused for now; try again in this many seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryAfter(pub u64);

type Key = (IpAddr, Option<Username>);

/// The failure counts: in the process, or in the class's Redis.
#[derive(Default)]
pub struct Throttle {
    local: LocalThrottle,
    shared: Option<ClassRedis>,
}

impl Throttle {
    pub fn shared(redis: ClassRedis) -> Throttle {
        Throttle {
            local: LocalThrottle::default(),
            shared: Some(redis),
        }
    }

    /// `Err` when this address may not try this account now. While the shared counts cannot
    /// be read (Redis away), this instance counts on its own: the cookie flow's logins, which
    /// need nothing else from the server, keep working and stay limited.
    pub async fn check(&self, from: IpAddr, account: Option<&Username>, now_ms: u64) -> Result<(), RetryAfter> {
        if let Some(redis) = &self.shared {
            if let Ok(times) = redis.window_times(&log_name(from, account), now_ms, WINDOW_MS).await {
                return blocked(&times.into(), now_ms);
            }
        }
        self.local.check(from, account, now_ms)
    }

    pub async fn failed(&self, from: IpAddr, account: Option<&Username>, now_ms: u64) {
        if let Some(redis) = &self.shared {
            let name = log_name(from, account);
            if redis.window_add(&name, now_ms, WINDOW_MS, MAX_FAILURES).await.is_ok() {
                return;
            }
        }
        self.local.failed(from, account, now_ms);
    }

    /// A correct password clears that address's count for the account.
    pub async fn succeeded(&self, from: IpAddr, account: &Username) {
        if let Some(redis) = &self.shared {
            // A count left behind by an outage only delays this address for this account.
            let _ = redis.forget(&log_name(from, Some(account))).await;
        }
        self.local.succeeded(from, account);
    }
}

/// The Redis name of one (address, account) log.
fn log_name(from: IpAddr, account: Option<&Username>) -> String {
    format!("throttle:{from}:{}", account.map_or("-", Username::as_str))
}

#[derive(Default)]
struct LocalThrottle {
    failures: Mutex<HashMap<Key, VecDeque<u64>>>,
}

impl LocalThrottle {
    /// `Err` when this address may not try this account now.
    fn check(&self, from: IpAddr, account: Option<&Username>, now_ms: u64) -> Result<(), RetryAfter> {
        let failures = self.failures.lock().unwrap_or_else(PoisonError::into_inner);
        let key = (from, account.cloned());
        match failures.get(&key) {
            Some(times) => blocked(times, now_ms),
            None if failures.len() >= MAX_ENTRIES => Err(RetryAfter(WINDOW_MS / 1000)),
            None => Ok(()),
        }
    }

    fn failed(&self, from: IpAddr, account: Option<&Username>, now_ms: u64) {
        let mut failures = self.failures.lock().unwrap_or_else(PoisonError::into_inner);
        let key = (from, account.cloned());
        if !failures.contains_key(&key) && failures.len() >= MAX_ENTRIES {
            let cutoff = now_ms.saturating_sub(WINDOW_MS);
            failures.retain(|_, times| times.back().is_some_and(|t| *t > cutoff));
            if failures.len() >= MAX_ENTRIES {
                return;
            }
        }
        let times = failures.entry(key).or_default();
        times.retain(|t| now_ms.saturating_sub(*t) < WINDOW_MS);
        if times.len() >= MAX_FAILURES {
            times.pop_front();
        }
        times.push_back(now_ms);
    }

    fn succeeded(&self, from: IpAddr, account: &Username) {
        let mut failures = self.failures.lock().unwrap_or_else(PoisonError::into_inner);
        failures.remove(&(from, Some(account.clone())));
    }
}

fn blocked(times: &VecDeque<u64>, now_ms: u64) -> Result<(), RetryAfter> {
    let recent: Vec<u64> = times
        .iter()
        .copied()
        .filter(|t| now_ms.saturating_sub(*t) < WINDOW_MS)
        .collect();
    if recent.len() < MAX_FAILURES {
        return Ok(());
    }
    let free_at = recent[recent.len() - MAX_FAILURES] + WINDOW_MS;
    Err(RetryAfter(free_at.saturating_sub(now_ms).div_ceil(1000).max(1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ten_failures_block_that_address_for_that_account_only() {
        let throttle = LocalThrottle::default();
        let (me, other): (IpAddr, IpAddr) = ("10.0.0.7".parse().unwrap(), "10.0.0.8".parse().unwrap());
        let abc = Username::parse("abc").unwrap();
        let bob = Username::parse("bob").unwrap();
        let t0 = 1_000_000_000;
        for i in 0..MAX_FAILURES as u64 {
            assert!(throttle.check(me, Some(&abc), t0 + i).is_ok());
            throttle.failed(me, Some(&abc), t0 + i);
        }
        let RetryAfter(wait) = throttle.check(me, Some(&abc), t0 + 10).unwrap_err();
        assert_eq!(wait, WINDOW_MS / 1000);
        assert!(throttle.check(other, Some(&abc), t0).is_ok(), "another address");
        assert!(throttle.check(me, Some(&bob), t0).is_ok(), "another account");
        assert!(
            throttle.check(me, Some(&abc), t0 + WINDOW_MS).is_ok(),
            "the window passed"
        );
    }
}
