//! `cargo bench --bench memory_store`: how the memory store holds up with many sessions while
//! both cores are busy. Prints throughput of `touch` (every session-flow request does one),
//! `create` + `delete` (login and logout), revoking one session by key and one user's sessions
//! (the dashboard), a full `sweep`, and the memory one session costs.
//!
//! A plain program (`harness = false`) so it needs no extra crate; numbers go to docs/performance.md.

use std::sync::Arc;
use std::time::Instant;

use rocket::tokio;
use session_lab::clock::now_ms;
use session_lab::credentials::{Role, Username};
use session_lab::ids::SessionId;
use session_lab::record::SessionRecord;
use session_lab::storage::{MemoryStore, SessionStore};

// The server's allocator (src/main.rs): memory per session and the time of each operation
// depend on it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SESSIONS: usize = 200_000;
const TOUCHES_PER_TASK: usize = 1_000_000;
const TASKS: usize = 4;

fn resident_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Sessions are spread over accounts as a class's would be: ten per account.
fn record(now: u64, i: usize) -> SessionRecord {
    let user = Username::parse(&format!("user_{}", i / 10)).expect("a valid name");
    SessionRecord::new(user, Role::Student, now, 1800, 28800).expect("OS randomness")
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(run());
}

async fn run() {
    let store = Arc::new(MemoryStore::new());
    let now = now_ms();
    let ids: Arc<Vec<SessionId>> = Arc::new(
        (0..SESSIONS)
            .map(|_| SessionId::generate().expect("OS randomness"))
            .collect(),
    );
    let records: Vec<SessionRecord> = (0..SESSIONS).map(|i| record(now, i)).collect();
    let template = record(now, SESSIONS);

    let rss_before = resident_kib();
    let started = Instant::now();
    for (id, record) in ids.iter().zip(&records) {
        store.create(id, record).await.expect("create");
    }
    let fill = started.elapsed();
    let rss_after = resident_kib();
    println!(
        "create   {SESSIONS:>9} sessions in {:>8.1} ms  ({:>10.0} creates/s, one task)",
        fill.as_secs_f64() * 1e3,
        SESSIONS as f64 / fill.as_secs_f64()
    );
    if let (Some(before), Some(after)) = (rss_before, rss_after) {
        println!(
            "memory   {:>9.0} bytes per session (resident set growth / sessions)",
            (after.saturating_sub(before) * 1024) as f64 / SESSIONS as f64
        );
    }

    let started = Instant::now();
    let mut tasks = Vec::new();
    for task in 0..TASKS {
        let (store, ids) = (Arc::clone(&store), Arc::clone(&ids));
        tasks.push(tokio::spawn(async move {
            let mut hits = 0usize;
            let mut i = task * 7919;
            for _ in 0..TOUCHES_PER_TASK {
                i = (i + 104_729) % ids.len();
                if store.touch(&ids[i], now + 1).await.expect("touch").is_some() {
                    hits += 1;
                }
            }
            hits
        }));
    }
    let mut hits = 0;
    for task in tasks {
        hits += task.await.expect("task");
    }
    let touch = started.elapsed();
    let total = TASKS * TOUCHES_PER_TASK;
    assert_eq!(hits, total, "every touch found its session");
    println!(
        "touch    {total:>9} lookups  in {:>8.1} ms  ({:>10.0} touches/s, {TASKS} tasks on 2 workers, {:.0} ns each)",
        touch.as_secs_f64() * 1e3,
        total as f64 / touch.as_secs_f64(),
        touch.as_nanos() as f64 / total as f64
    );

    let started = Instant::now();
    let churn = 100_000;
    for _ in 0..churn {
        let id = SessionId::generate().expect("OS randomness");
        store.create(&id, &template).await.expect("create");
        store.delete(&id).await.expect("delete");
    }
    let churned = started.elapsed();
    println!(
        "login+logout {churn:>5} pairs   in {:>8.1} ms  ({:>10.0} pairs/s, id generation included)",
        churned.as_secs_f64() * 1e3,
        churn as f64 / churned.as_secs_f64()
    );

    // The dashboard: revoke one session by its key, then every session of 1 000 accounts.
    let started = Instant::now();
    for id in ids.iter().take(1_000) {
        assert!(store.delete_key(&id.storage_key()).await.expect("delete_key"));
    }
    let by_key = started.elapsed();
    println!(
        "revoke   {:>9} sessions by key in {:>6.1} ms  ({:.1} µs each, among {SESSIONS})",
        1_000,
        by_key.as_secs_f64() * 1e3,
        by_key.as_secs_f64() * 1e6 / 1_000.0
    );
    let started = Instant::now();
    let mut revoked = 0;
    for account in 1_000..2_000 {
        let user = Username::parse(&format!("user_{account}")).expect("a valid name");
        for session in store.list_user(&user, now).await.expect("list_user") {
            revoked += usize::from(store.delete_key(&session.key).await.expect("delete_key"));
        }
    }
    let by_user = started.elapsed();
    assert_eq!(revoked, 10_000);
    println!(
        "revoke   {:>9} accounts (10 sessions each) in {:>6.1} ms  ({:.1} µs per account, among {SESSIONS})",
        1_000,
        by_user.as_secs_f64() * 1e3,
        by_user.as_secs_f64() * 1e6 / 1_000.0
    );

    let started = Instant::now();
    let freed = store.sweep(now + 1800 * 1000 + 10).await.expect("sweep");
    let sweep = started.elapsed();
    println!(
        "sweep    {freed:>9} expired  in {:>8.1} ms  (one shard locked at a time)",
        sweep.as_secs_f64() * 1e3
    );
}
