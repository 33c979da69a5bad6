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

use std::net::IpAddr;

use super::limit::{Limit, RetryAfter, Rule};
use crate::credentials::Username;
use crate::storage::ClassRedis;

pub const MAX_FAILURES: usize = 10;
pub const WINDOW_MS: u64 = 5 * 60 * 1000;
const MAX_ENTRIES: usize = 100_000;

type Key = (IpAddr, Option<Username>);

/// The failure counts: in the process, or in the class's Redis.
pub struct Throttle(Limit<Key>);

impl Default for Throttle {
    fn default() -> Throttle {
        Throttle(Limit::new(Rule {
            most: MAX_FAILURES,
            window_ms: WINDOW_MS,
            keys: MAX_ENTRIES,
        }))
    }
}

impl Throttle {
    pub fn shared(redis: ClassRedis) -> Throttle {
        Throttle(Throttle::default().0.shared(Some(redis), log_name))
    }

    /// `Err` when this address may not try this account now. While the shared counts cannot
    /// be read (Redis away), this instance counts on its own: the cookie flow's logins, which
    /// need nothing else from the server, keep working and stay limited.
    pub async fn check(&self, from: IpAddr, account: Option<&Username>, now_ms: u64) -> Result<(), RetryAfter> {
        self.0.check(&(from, account.cloned()), now_ms).await
    }

    pub async fn failed(&self, from: IpAddr, account: Option<&Username>, now_ms: u64) {
        self.0.count(&(from, account.cloned()), now_ms).await;
    }

    /// A correct password clears that address's count for the account.
    pub async fn succeeded(&self, from: IpAddr, account: &Username) {
        self.0.forget(&(from, Some(account.clone()))).await;
    }
}

/// The Redis name of one (address, account) log.
fn log_name((from, account): &Key) -> String {
    format!("throttle:{from}:{}", account.as_ref().map_or("-", Username::as_str))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[rocket::async_test]
    async fn ten_failures_block_that_address_for_that_account_only() {
        let throttle = Throttle::default();
        let (me, other): (IpAddr, IpAddr) = ("10.0.0.7".parse().unwrap(), "10.0.0.8".parse().unwrap());
        let abc = Username::parse("abc").unwrap();
        let bob = Username::parse("bob").unwrap();
        let t0 = 1_000_000_000;
        for i in 0..MAX_FAILURES as u64 {
            assert!(throttle.check(me, Some(&abc), t0 + i).await.is_ok());
            throttle.failed(me, Some(&abc), t0 + i).await;
        }
        let RetryAfter(wait) = throttle.check(me, Some(&abc), t0 + 10).await.unwrap_err();
        assert_eq!(wait, WINDOW_MS / 1000);
        assert!(throttle.check(other, Some(&abc), t0).await.is_ok(), "another address");
        assert!(throttle.check(me, Some(&bob), t0).await.is_ok(), "another account");
        assert!(
            throttle.check(me, Some(&abc), t0 + WINDOW_MS).await.is_ok(),
            "the window passed"
        );
        throttle.succeeded(me, &abc).await;
        assert!(
            throttle.check(me, Some(&abc), t0 + 11).await.is_ok(),
            "a correct password clears it"
        );
    }
}
