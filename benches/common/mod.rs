//! What the million-session benchmarks (`store_scale`, `page_scale`) share: the N they are
//! given, the runtime they run on and the sessions they fill a memory store with.

use std::future::Future;

use session_lab::credentials::{Role, Username};
use session_lab::ids::SessionId;
use session_lab::record::SessionRecord;
use session_lab::storage::{MemoryStore, SessionStore};

// The server's allocator (src/main.rs): memory per session and the time of a lookup depend on it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The default timeouts, which every filled session gets.
const IDLE_S: u64 = 1800;
const ABSOLUTE_S: u64 = 28800;

/// N from the command line (`cargo bench --bench … -- N`): 1 000 000 without one, at least 1 000.
pub fn sessions_asked() -> usize {
    let count: usize = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .map(|a| a.parse().expect("N: a number of sessions"))
        .unwrap_or(1_000_000);
    count.max(1_000)
}

/// Runs `work` on the runtime Rocket builds on this machine: one worker per core, two.
pub fn on_two_workers<F: Future>(work: F) -> F::Output {
    rocket::tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(work)
}

/// A moment at which sessions created then are past their idle timeout now.
pub fn long_ago(now_ms: u64) -> u64 {
    now_ms - (IDLE_S + 60) * 1000
}

/// `count` sessions created at `created_ms`, spread over accounts as a class's would be: ten per
/// account. Returns their ids.
pub async fn fill(store: &MemoryStore, count: usize, created_ms: u64) -> Vec<SessionId> {
    let mut ids = Vec::with_capacity(count);
    for i in 0..count {
        let user = Username::parse(&format!("user_{}", i / 10)).expect("a valid name");
        let record = SessionRecord::new(user, Role::Student, created_ms, IDLE_S, ABSOLUTE_S).expect("OS randomness");
        let id = SessionId::generate().expect("OS randomness");
        store.create(&id, &record).await.expect("create");
        ids.push(id);
    }
    ids
}
