//! Live numbers for the teaching pages: what each flow's requests carry and what checking them
//! costs, measured by this running server on real requests.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use serde::Serialize;

/// Counters for one flow's authenticated-looking requests (those that carry the flow's cookies).
#[derive(Default)]
pub struct FlowMetrics {
    requests: AtomicU64,
    cookie_bytes_total: AtomicU64,
    last_cookie_bytes: AtomicU64,
    check_nanos_total: AtomicU64,
    last_check_nanos: AtomicU64,
}

#[derive(Default)]
pub struct Metrics {
    pub cookie: FlowMetrics,
    pub session: FlowMetrics,
    pub signed: FlowMetrics,
}

/// A consistent-enough copy of the counters, for a page.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct FlowSnapshot {
    pub requests: u64,
    pub avg_cookie_bytes: u64,
    pub last_cookie_bytes: u64,
    /// Microseconds to decide who is asking: a password hash check or a store lookup.
    pub avg_check_us: f64,
    pub last_check_us: f64,
}

impl FlowMetrics {
    /// Records one request that carried `cookie_bytes` of `Cookie` header and took `check` to
    /// authenticate.
    pub fn record(&self, cookie_bytes: usize, check: Duration) {
        let bytes = u64::try_from(cookie_bytes).unwrap_or(u64::MAX);
        let nanos = u64::try_from(check.as_nanos()).unwrap_or(u64::MAX);
        self.requests.fetch_add(1, Ordering::Relaxed);
        self.cookie_bytes_total.fetch_add(bytes, Ordering::Relaxed);
        self.last_cookie_bytes.store(bytes, Ordering::Relaxed);
        self.check_nanos_total.fetch_add(nanos, Ordering::Relaxed);
        self.last_check_nanos.store(nanos, Ordering::Relaxed);
    }

    pub fn snapshot(&self) -> FlowSnapshot {
        let requests = self.requests.load(Ordering::Relaxed);
        let per = |total: u64| total.checked_div(requests).unwrap_or(0);
        let round = |nanos: u64| (nanos as f64 / 100.0).round() / 10.0;
        FlowSnapshot {
            requests,
            avg_cookie_bytes: per(self.cookie_bytes_total.load(Ordering::Relaxed)),
            last_cookie_bytes: self.last_cookie_bytes.load(Ordering::Relaxed),
            avg_check_us: round(per(self.check_nanos_total.load(Ordering::Relaxed))),
            last_check_us: round(self.last_check_nanos.load(Ordering::Relaxed)),
        }
    }
}
