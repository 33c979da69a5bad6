//! `cargo bench --bench store_scale -- N` (what `scripts/bench --sessions N` runs): the memory
//! store at a class's size and at N sessions.
//!
//! Prints, in the line the team's contract names,
//! `memory-store <N> sessions <bytes> bytes/session p99-lookup-1k=<us> p99-lookup-N=<us>`:
//! resident memory per session (growth of the process's resident set while N sessions are
//! created, divided by N) and the 99th percentile of one lookup (`touch`, what every
//! session-flow request does, id hashing included) in a store of 1 000 and of N sessions. Then
//! `memory-store sweep <N> expired ...`: N more sessions, all expired, are swept while one task
//! looks up live sessions on a fixed schedule (one every 10 µs, as requests arrive whether or
//! not the server is busy), and the lookups' p99 and slowest during the sweep are printed beside
//! the same schedule's without it. Each lookup's time counts from when it was due: a lookup held
//! up by the sweep also delays the ones due after it, as requests arriving meanwhile would wait,
//! which a reader that simply waits for each answer before asking again would hide.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::fill;
use rocket::tokio;
use session_lab::clock::now_ms;
use session_lab::ids::SessionId;
use session_lab::storage::{MemoryStore, SessionStore};

mod common;

const LOOKUPS: usize = 300_000;
/// The schedule of the lookups around a sweep: 100 000 a second.
const EVERY: Duration = Duration::from_micros(10);

fn resident_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|l| l.starts_with("VmRSS:"))?.to_owned();
            line.split_whitespace().nth(1)?.parse().ok()
        })
        .unwrap_or(0)
}

fn p99_us(mut nanos: Vec<u64>) -> f64 {
    nanos.sort_unstable();
    let at = (nanos.len() * 99 / 100).min(nanos.len().saturating_sub(1));
    nanos.get(at).copied().unwrap_or(0) as f64 / 1000.0
}

/// Times `count` lookups of ids picked across the whole set (a stride, so no two in a row share
/// a cache line), each one alone.
async fn lookups(store: &MemoryStore, ids: &[SessionId], count: usize) -> Vec<u64> {
    let now = now_ms();
    let mut nanos = Vec::with_capacity(count);
    let mut i = 0;
    for _ in 0..count {
        i = (i + 104_729) % ids.len();
        // A request's id was just parsed from its cookie, so it is in the cache: read it before
        // the clock starts, so the figure is the store's own (not a miss in this list of ids).
        let id = std::hint::black_box(ids[i]);
        let started = Instant::now();
        let found = store.touch(&id, now).await.expect("touch");
        nanos.push(started.elapsed().as_nanos() as u64);
        assert!(found.is_some(), "every lookup finds its session");
    }
    nanos
}

/// Lookups due one every [`EVERY`] until `done`, each timed from when it was due.
async fn scheduled_lookups(store: &MemoryStore, ids: &[SessionId], done: &AtomicBool) -> Vec<u64> {
    let now = now_ms();
    let mut nanos = Vec::with_capacity(1 << 20);
    let (start, mut i, mut k) = (Instant::now(), 0, 0u32);
    while !done.load(Ordering::Relaxed) {
        let due = start + EVERY * k;
        while Instant::now() < due {
            std::hint::spin_loop();
        }
        i = (i + 104_729) % ids.len();
        let id = std::hint::black_box(ids[i]);
        let found = store.touch(&id, now).await.expect("touch");
        nanos.push(due.elapsed().as_nanos() as u64);
        assert!(found.is_some(), "every lookup finds a live session");
        k += 1;
    }
    nanos
}

/// The schedule's p99 and slowest lookup (µs) while `work` runs beside it (a memory store's sweep on
/// Tokio's blocking pool), and what
/// the work returned.
async fn on_schedule<F>(store: &Arc<MemoryStore>, ids: &Arc<Vec<SessionId>>, work: F) -> (f64, f64, usize)
where
    F: std::future::Future<Output = usize> + Send + 'static,
{
    let done = Arc::new(AtomicBool::new(false));
    let reader = {
        let (store, ids, done) = (Arc::clone(store), Arc::clone(ids), Arc::clone(&done));
        tokio::spawn(async move { scheduled_lookups(&store, &ids, &done).await })
    };
    // Let the reader start, then run the work.
    tokio::time::sleep(Duration::from_millis(20)).await;
    let result = tokio::spawn(work).await.expect("the work");
    done.store(true, Ordering::Relaxed);
    let nanos = reader.await.expect("reader");
    let slowest = nanos.iter().copied().max().unwrap_or(0) as f64 / 1000.0;
    (p99_us(nanos), slowest, result)
}

fn main() {
    common::on_two_workers(run(common::sessions_asked()));
}

async fn run(count: usize) {
    let now = now_ms();

    let small = MemoryStore::new();
    let small_ids = fill(&small, 1_000, now).await;
    let p99_1k = p99_us(lookups(&small, &small_ids, LOOKUPS).await);
    drop(small);

    let store = Arc::new(MemoryStore::new());
    let before = resident_kib();
    let ids = Arc::new(fill(&store, count, now).await);
    // The ids themselves are the clients' side (32 bytes each here), not the store's.
    let id_bytes = (count * std::mem::size_of::<SessionId>()) as u64;
    let grown = (resident_kib().saturating_sub(before) * 1024).saturating_sub(id_bytes);
    let p99_n = p99_us(lookups(&store, &ids, LOOKUPS).await);
    println!(
        "memory-store {count} sessions {:.0} bytes/session p99-lookup-1k={p99_1k:.2} p99-lookup-N={p99_n:.2}",
        grown as f64 / count as f64
    );

    // N more sessions that are all past their idle timeout by the time of the sweep.
    let expired = fill(&store, count, common::long_ago(now)).await;
    drop(expired);
    let (calm_p99, calm_slowest, _) = on_schedule(&store, &ids, async {
        tokio::time::sleep(Duration::from_secs(1)).await;
        0
    })
    .await;
    let started = Instant::now();
    let sweep = {
        let store = Arc::clone(&store);
        async move { store.sweep(now_ms()).await.expect("sweep") }
    };
    let (p99, slowest, freed) = on_schedule(&store, &ids, sweep).await;
    let took = started.elapsed();
    println!(
        "memory-store sweep {freed} expired in {:.0} ms p99-lookup-during-sweep={p99:.2} slowest={slowest:.0} \
         (lookups due every {} µs, timed from when due; without a sweep p99 {calm_p99:.2} slowest {calm_slowest:.0})",
        took.as_secs_f64() * 1e3,
        EVERY.as_micros(),
    );
    assert_eq!(freed, count, "the sweep freed exactly the expired sessions");
}
