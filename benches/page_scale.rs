//! `cargo bench --bench page_scale -- N` (what `scripts/bench --sessions N` runs after
//! `store_scale`): what a student feels of a store holding N sessions. The real app serves the
//! session flow's logged-in page on loopback from three instances in one process, their memory
//! stores filled through the store's API: two with 1 000 sessions (the second shows how far two
//! identical instances differ on this machine) and one with N. Every request presents another
//! session's cookie (a stride over all of them), so at N the record is not in the CPU's cache, as
//! in a server holding that many.
//!
//! One client thread sends requests back to back on one kept-alive connection, as a student's
//! browser would but without pauses, for [`ROUNDS`] rounds in which each instance gets
//! [`PER_ROUND`] requests, in a different order every round. Prints the median over the rounds
//! of each instance's p99 and median:
//! `session-page <N> sessions p99-1k=<us> p99-N=<us> ratio=<r> (…)`. Then N more sessions, all
//! expired, are swept while requests run against the N instance:
//! `session-page sweep <N> expired in <ms> ms p99-during-sweep=<us> p99-without=<us> ratio=<r> (…)`,
//! counting only the requests that started while the sweep ran, beside the same requests while
//! a thread only spins (see `run`), with requests per second during and without it (a sweep that
//! held requests up would show there too: a back-to-back client sends its next request only after
//! the previous answer).

use std::net::TcpListener;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::fill;
use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper::header::{COOKIE, SET_COOKIE};
use hyper::{Request, StatusCode};
use hyper_util::client::legacy::{connect::HttpConnector, Client};
use hyper_util::rt::TokioExecutor;
use rocket::tokio;
use session_lab::clock::now_ms;
use session_lab::ids::SessionId;
use session_lab::session::Sessions;
use session_lab::storage::{MemoryStore, SessionStore};

mod common;

const PER_ROUND: u32 = 3_000;
const ROUNDS: usize = 10;
/// Requests on a new connection before any is counted.
const WARM_UP: u32 = 50;
const STRIDE: usize = 104_729;

type HttpClient = Client<HttpConnector, Empty<Bytes>>;

/// One instance of the app, serving on loopback.
#[derive(Clone)]
struct Instance {
    base: String,
    sid: &'static str,
    /// The `inspector` cookie a first visit got, sent with every request as a browser would.
    inspector: String,
    ids: Arc<Vec<SessionId>>,
}

/// One request: when its time started, and how long it took in nanoseconds.
type Timed = (Instant, u64);

/// The app on a free loopback port, its sessions in `store`.
async fn serve(store: Arc<MemoryStore>, ids: Vec<SessionId>) -> Instance {
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let figment = rocket::Config::figment()
        .merge(("address", "127.0.0.1"))
        .merge(("port", port))
        .merge(("log_level", "off"))
        .merge(("instructor_password", "bench-only-password"))
        // The benchmark sweeps when it measures a sweep, not when the app's timer says.
        .merge(("session_sweep_interval", 24 * 3600));
    let rocket = session_lab::build_on(figment, store)
        .ignite()
        .await
        .expect("the app ignites");
    let sid = rocket.state::<Sessions>().expect("sessions").cookie_name();
    tokio::spawn(rocket.launch());
    let base = format!("http://127.0.0.1:{port}");
    let client: HttpClient = Client::builder(TokioExecutor::new()).build_http();
    for _ in 0..200 {
        let first_visit = Request::get(format!("{base}/session"))
            .body(Empty::new())
            .expect("a request");
        if let Ok(response) = client.request(first_visit).await {
            let inspector = response
                .headers()
                .get_all(SET_COOKIE)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .find_map(|c| c.split(';').next().filter(|pair| pair.starts_with("inspector=")))
                .expect("a first visit gets an inspector id")
                .to_owned();
            return Instance {
                base,
                sid,
                inspector,
                ids: Arc::new(ids),
            };
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{base} did not answer");
}

/// On a thread of its own, sends `count` requests for `/session` back to back (or until `until`
/// is set), each with the next session's cookie, and checks each answer is the logged-in page.
fn requests(instance: &Instance, count: u32, until: Option<Arc<AtomicBool>>) -> std::thread::JoinHandle<Vec<Timed>> {
    let instance = instance.clone();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("the client's runtime");
        runtime.block_on(async move {
            let client: HttpClient = Client::builder(TokioExecutor::new()).build_http();
            let mut timed = Vec::with_capacity(count as usize);
            let mut i = 0;
            for k in 0.. {
                let done = match &until {
                    Some(flag) => flag.load(Ordering::Relaxed),
                    None => k >= count + WARM_UP,
                };
                if done {
                    break;
                }
                i = (i + STRIDE) % instance.ids.len();
                let cookie = format!("{}={}; {}", instance.sid, instance.ids[i].expose(), instance.inspector);
                let request = Request::get(format!("{}/session", instance.base))
                    .header(COOKIE, cookie)
                    .body(Empty::new())
                    .expect("a request");
                let sent = Instant::now();
                let response = client.request(request).await.expect("an answer");
                let status = response.status();
                let page = response.into_body().collect().await.expect("the page").to_bytes();
                let took = sent.elapsed().as_nanos() as u64;
                assert_eq!(status, StatusCode::OK, "the logged-in page");
                if k == 0 {
                    assert!(
                        String::from_utf8_lossy(&page).contains("user_"),
                        "the page shows the session's user"
                    );
                }
                if k >= WARM_UP {
                    timed.push((sent, took));
                }
            }
            timed
        })
    })
}

fn measured(instance: &Instance, count: u32) -> Vec<Timed> {
    requests(instance, count, None).join().expect("the client")
}

/// A run's median and p99, in µs.
fn percentiles(timed: &[Timed]) -> (f64, f64) {
    let mut nanos: Vec<u64> = timed.iter().map(|(_, n)| *n).collect();
    nanos.sort_unstable();
    let at = |pct: usize| nanos.get((nanos.len() * pct / 100).min(nanos.len().saturating_sub(1)));
    let us = |n: Option<&u64>| n.copied().unwrap_or(0) as f64 / 1000.0;
    (us(at(50)), us(at(99)))
}

/// The median over rounds of each figure (median, p99).
fn median_of(rounds: &[(f64, f64)]) -> (f64, f64) {
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v.get(v.len() / 2).copied().unwrap_or(0.0)
    };
    (
        median(rounds.iter().map(|r| r.0).collect()),
        median(rounds.iter().map(|r| r.1).collect()),
    )
}

fn per_second(timed: &[Timed], over: Duration) -> f64 {
    timed.len() as f64 / over.as_secs_f64()
}

fn main() {
    common::on_two_workers(run(common::sessions_asked()));
}

async fn run(count: usize) {
    let now = now_ms();
    let mut instances = Vec::new();
    let mut stores = Vec::new();
    for size in [1_000, 1_000, count] {
        let store = Arc::new(MemoryStore::new());
        instances.push(serve(Arc::clone(&store), fill(&store, size, now).await).await);
        stores.push(store);
    }

    // Per round, each instance's median and p99; printed, the median of the rounds' figures, so
    // a burst of this shared machine's noise in one round does not decide the comparison.
    let mut rounds = vec![Vec::new(); instances.len()];
    for round in 0..ROUNDS {
        for turn in 0..instances.len() {
            let which = (round + turn) % instances.len();
            rounds[which].push(percentiles(&measured(&instances[which], PER_ROUND)));
        }
    }
    let [(p50_1k, p99_1k), (_, p99_twin), (p50_n, p99_n)] = [0, 1, 2].map(|i| median_of(&rounds[i]));
    println!(
        "session-page {count} sessions p99-1k={p99_1k:.0} p99-N={p99_n:.0} ratio={:.2} \
         (median-1k={p50_1k:.0} median-N={p50_n:.0}; a second 1 k instance: p99 {p99_twin:.0}, ratio {:.2}; \
         µs, medians of {ROUNDS} rounds)",
        p99_n / p99_1k,
        p99_twin / p99_1k,
    );

    // N more sessions that are all past their idle timeout by the time of the sweep.
    let (big, store) = (&instances[2], &stores[2]);
    drop(fill(store, count, common::long_ago(now)).await);
    let calm_started = Instant::now();
    let calm = measured(big, PER_ROUND * 2);
    let calm_rate = per_second(&calm, calm_started.elapsed());
    // A sweep keeps one of the two cores busy, and on this virtual machine a request answered
    // while a core is busy is faster (an idle core takes long to wake): the control is the same
    // requests beside a thread that only spins, so that what remains is the sweep's own effect.
    let spinning = Arc::new(AtomicBool::new(true));
    let spinner = {
        let spinning = Arc::clone(&spinning);
        std::thread::spawn(move || {
            while spinning.load(Ordering::Relaxed) {
                std::hint::spin_loop();
            }
        })
    };
    let busy = measured(big, PER_ROUND * 2);
    spinning.store(false, Ordering::Relaxed);
    spinner.join().expect("the spinning thread");

    let done = Arc::new(AtomicBool::new(false));
    let client = requests(big, 0, Some(Arc::clone(&done)));
    tokio::time::sleep(Duration::from_millis(200)).await;
    let started = Instant::now();
    let freed = store.sweep(now_ms()).await.expect("sweep");
    let took = started.elapsed();
    done.store(true, Ordering::Relaxed);
    let during: Vec<Timed> = client
        .join()
        .expect("the client")
        .into_iter()
        .filter(|(sent, _)| *sent >= started && *sent < started + took)
        .collect();
    let [(_, p99_during), (_, p99_calm), (_, p99_busy)] = [&during, &calm, &busy].map(|t| percentiles(t));
    println!(
        "session-page sweep {freed} expired in {:.0} ms p99-during-sweep={p99_during:.0} p99-without={p99_calm:.0} \
         ratio={:.2} (beside a spinning thread instead: p99 {p99_busy:.0}, ratio {:.2}; {:.0} requests/s during the \
         sweep, {calm_rate:.0} without)",
        took.as_secs_f64() * 1e3,
        p99_during / p99_calm,
        p99_during / p99_busy,
        per_second(&during, took),
    );
    assert_eq!(freed, count, "the sweep freed exactly the expired sessions");
}
