//! Failed password checks, counted per (client address, account), so that guessing a password
//! is slow from any route that checks one.
//!
//! After [`MAX_FAILURES`] failures within [`WINDOW_MS`] for one address and one account, that
//! address's checks for that account are refused until the oldest failure leaves the window.
//! Names that are not accounts share one counter per address, so inventing names gains nothing.
//! The table is bounded: when it is full, expired entries go first; if it is still full, a new
//! (address, account) pair is refused rather than letting one client evict the others.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::{Mutex, PoisonError};

use crate::credentials::Username;

pub const MAX_FAILURES: usize = 10;
pub const WINDOW_MS: u64 = 5 * 60 * 1000;
const MAX_ENTRIES: usize = 100_000;

/// Refused for now; try again in this many seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryAfter(pub u64);

type Key = (IpAddr, Option<Username>);

#[derive(Default)]
pub struct Throttle {
    failures: Mutex<HashMap<Key, VecDeque<u64>>>,
}

impl Throttle {
    /// `Err` when this address may not try this account now.
    pub fn check(&self, from: IpAddr, account: Option<&Username>, now_ms: u64) -> Result<(), RetryAfter> {
        let failures = self.failures.lock().unwrap_or_else(PoisonError::into_inner);
        let key = (from, account.cloned());
        match failures.get(&key) {
            Some(times) => blocked(times, now_ms),
            None if failures.len() >= MAX_ENTRIES => Err(RetryAfter(WINDOW_MS / 1000)),
            None => Ok(()),
        }
    }

    pub fn failed(&self, from: IpAddr, account: Option<&Username>, now_ms: u64) {
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

    /// A correct password clears that address's count for the account.
    pub fn succeeded(&self, from: IpAddr, account: &Username) {
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
        let throttle = Throttle::default();
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
