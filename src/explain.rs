//! The teaching pages: `/explain` (how each of the three flows works, the trade-offs with numbers
//! this server measured, the Flask-Session tutorial's table beside what holds, common
//! misconceptions) and `/compare` (the flows side by side, live).

use std::time::Instant;

use crate::view::Page;
use rocket::tokio::sync::Mutex;
use rocket::State;
use rocket_dyn_templates::context;
use serde::Serialize;

use crate::accounts::AccountStore;
use crate::clock::now_ms;
use crate::config::{AppConfig, StoreKind};
use crate::cookies;
use crate::credentials::{Role, Username, DEMO_ACCOUNT};
use crate::ids::SessionId;
use crate::inspector::Metrics;
use crate::lang::Lang;
use crate::record::SessionRecord;
use crate::session::Sessions;
use crate::signing::{Claims, SigningKey};
use crate::view;

pub fn routes() -> Vec<rocket::Route> {
    routes![explain, compare]
}

/// One step of a sequence diagram: an arrow from one lane to another (or a step the server takes
/// alone, `from == to`), with a label.
#[derive(Serialize)]
struct Step {
    from: u8,
    to: u8,
    label: &'static str,
    wire: Option<&'static str>,
}

const BROWSER: u8 = 1;
const SERVER: u8 = 2;
const STORE: u8 = 3;

fn step(from: u8, to: u8, label: &'static str, wire: Option<&'static str>) -> Step {
    Step { from, to, label, wire }
}

fn cookie_steps() -> Vec<Step> {
    vec![
        step(
            BROWSER,
            SERVER,
            "seq-cookie-1",
            Some("POST /cookie/login  username=abc&password=1234"),
        ),
        step(SERVER, STORE, "seq-cookie-2", None),
        step(
            SERVER,
            BROWSER,
            "seq-cookie-3",
            Some("Set-Cookie: password=1234; SameSite=Lax; Path=/cookie"),
        ),
        step(
            BROWSER,
            SERVER,
            "seq-cookie-4",
            Some("Cookie: username=abc; password=1234; role=student"),
        ),
        step(SERVER, STORE, "seq-cookie-5", None),
        step(SERVER, BROWSER, "seq-cookie-6", None),
    ]
}

fn signed_steps() -> Vec<Step> {
    vec![
        step(
            BROWSER,
            SERVER,
            "seq-signed-1",
            Some("POST /signed/login  username=abc&password=1234"),
        ),
        step(SERVER, STORE, "seq-signed-2", None),
        step(
            SERVER,
            BROWSER,
            "seq-signed-3",
            Some("Set-Cookie: signed=eyJ1c2VyIjoiYWJj…(payload).…(HMAC); HttpOnly; SameSite=Lax; Path=/signed"),
        ),
        step(BROWSER, SERVER, "seq-signed-4", Some("Cookie: signed=…")),
        step(SERVER, SERVER, "seq-signed-5", None),
        step(SERVER, BROWSER, "seq-signed-6", None),
    ]
}

fn session_steps() -> Vec<Step> {
    vec![
        step(
            BROWSER,
            SERVER,
            "seq-session-1",
            Some("POST /session/login  username=abc&password=1234"),
        ),
        step(SERVER, STORE, "seq-session-2", None),
        step(SERVER, STORE, "seq-session-3", None),
        step(
            SERVER,
            BROWSER,
            "seq-session-4",
            Some("Set-Cookie: sid=…43 characters…; HttpOnly; SameSite=Lax; Path=/"),
        ),
        step(BROWSER, SERVER, "seq-session-5", Some("Cookie: sid=…")),
        step(SERVER, STORE, "seq-session-6", None),
    ]
}

/// What this server measured by itself, on work of the same kind as each flow's requests: one
/// Argon2id verification at the configured cost, a signature check, and lookups in the
/// configured store; and the sizes of a real token and a real session record.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Probes {
    /// One Argon2id verification (`None` while the hashing queue is full).
    hash_us: Option<f64>,
    /// One HMAC-SHA256 verification of a token for `abc`, averaged over many.
    hmac_us: f64,
    /// One lookup of an id in the configured store, averaged (`None` while the store is down).
    lookup_us: Option<f64>,
    /// The `signed=…` pair a login of `abc` sends back on every request.
    signed_pair_bytes: usize,
    /// A fresh session record of `abc` as the file and Redis stores write it (JSON).
    record_bytes: usize,
    /// When the probes ran.
    at_ms: u64,
}

const HMAC_ROUNDS: u32 = 2_000;
const LOOKUP_ROUNDS: u32 = 32;
/// Probes are at most this old: one Argon2id run a minute however often /explain is loaded.
const FRESH_MS: u64 = 60_000;

/// The latest probes; one run at a time (a lock), so a burst of page loads costs one run.
#[derive(Default)]
pub struct Calibration(Mutex<Option<Probes>>);

impl Calibration {
    pub async fn probes(
        &self,
        accounts: &AccountStore,
        key: &SigningKey,
        sessions: &Sessions,
        config: &AppConfig,
    ) -> Probes {
        let mut latest = self.0.lock().await;
        match *latest {
            Some(probes) if now_ms().saturating_sub(probes.at_ms) < FRESH_MS => probes,
            _ => {
                let probes = measure(accounts, key, sessions, config).await;
                *latest = Some(probes);
                probes
            }
        }
    }
}

fn micros(elapsed: std::time::Duration, rounds: u32) -> f64 {
    let us = elapsed.as_secs_f64() * 1e6 / f64::from(rounds);
    (us * 100.0).round() / 100.0
}

async fn measure(accounts: &AccountStore, key: &SigningKey, sessions: &Sessions, config: &AppConfig) -> Probes {
    let hash_us = accounts.time_one_check().await.ok().map(|elapsed| micros(elapsed, 1));
    let now = now_ms();
    let claims = Claims {
        user: DEMO_ACCOUNT.to_owned(),
        role: Role::Student,
        exp: now + key.lifetime_s * 1000,
    };
    let token = key.sign(&claims);
    let started = Instant::now();
    for _ in 0..HMAC_ROUNDS {
        std::hint::black_box(key.verify(std::hint::black_box(&token), now));
    }
    let hmac_us = micros(started.elapsed(), HMAC_ROUNDS);
    let lookup_us = match SessionId::generate() {
        Ok(id) => time_lookups(sessions, &id).await,
        Err(_) => None,
    };
    let record = Username::parse(DEMO_ACCOUNT).ok().and_then(|user| {
        SessionRecord::new(
            user,
            Role::Student,
            now,
            config.session_idle_timeout,
            config.session_absolute_timeout,
        )
        .ok()
    });
    Probes {
        hash_us,
        hmac_us,
        lookup_us,
        signed_pair_bytes: cookies::SIGNED.len() + 1 + token.len(),
        record_bytes: record
            .and_then(|r| serde_json::to_vec(&r).ok())
            .map_or(0, |json| json.len()),
        at_ms: now,
    }
}

async fn time_lookups(sessions: &Sessions, id: &SessionId) -> Option<f64> {
    let started = Instant::now();
    for _ in 0..LOOKUP_ROUNDS {
        sessions.peek(id).await.ok()?;
    }
    Some(micros(started.elapsed(), LOOKUP_ROUNDS))
}

/// Checks one core could make in a second at `us` microseconds each.
fn per_second(us: Option<f64>) -> Option<u64> {
    us.filter(|us| *us > 0.0).map(|us| (1e6 / us).round() as u64)
}

#[allow(clippy::too_many_arguments)]
#[get("/explain")]
pub async fn explain(
    metrics: &State<Metrics>,
    calibration: &State<Calibration>,
    accounts: &State<AccountStore>,
    key: &State<SigningKey>,
    sessions: &State<Sessions>,
    config: &State<AppConfig>,
    lang: Lang,
) -> Page {
    let probes = calibration.probes(accounts, key, sessions, config).await;
    let cost = config.hash_cost();
    let page = context! {
        cookie_steps: cookie_steps(),
        signed_steps: signed_steps(),
        session_steps: session_steps(),
        cookie: metrics.cookie.snapshot(),
        signed: metrics.signed.snapshot(),
        session: metrics.session.snapshot(),
        probes,
        probes_ago_s: now_ms().saturating_sub(probes.at_ms) / 1000,
        rate_cookie: per_second(probes.hash_us),
        rate_signed: per_second(Some(probes.hmac_us)),
        rate_session: per_second(probes.lookup_us),
        hash_memory_kib: cost.memory_kib,
        hash_iterations: cost.iterations,
        remember_days: crate::flows::cookie::REMEMBER_DAYS,
        token_lifetime: key.lifetime_s,
        idle: config.session_idle_timeout,
        absolute: config.session_absolute_timeout,
        store: config.session_store.as_str(),
        stores: store_rows(config.session_store),
    };
    view::render("explain", lang, page)
}

/// One store in `/explain`'s comparison: locale keys for what it keeps through what, and the
/// logged-in `/session` rate `scripts/bench` measured with it.
#[derive(Serialize)]
struct StoreRow {
    name: &'static str,
    current: bool,
    #[serde(rename = "where")]
    place: &'static str,
    app_restart: &'static str,
    server_restart: &'static str,
    shared: &'static str,
    drops: &'static str,
    page_rps: u32,
}

/// The logged-in `/session` page, requests per second, per store: `scripts/bench` on 2026-11-27
/// (release build, 2 cores, medians of 3 rounds; docs/performance.md, "Stores").
const BENCH_PAGE_RPS: [(StoreKind, u32); 6] = [
    (StoreKind::Memory, 28_702),
    (StoreKind::File, 20_542),
    (StoreKind::Sqlite, 18_044),
    (StoreKind::Redis, 20_735),
    (StoreKind::Postgres, 13_599),
    (StoreKind::Memcached, 13_935),
];

fn store_rows(current: StoreKind) -> Vec<StoreRow> {
    BENCH_PAGE_RPS
        .iter()
        .map(|&(kind, page_rps)| {
            let (app_restart, server_restart, shared, drops) = match kind {
                StoreKind::Memory => ("stores-no", "stores-no-server", "stores-no", "stores-no"),
                StoreKind::File | StoreKind::Sqlite => {
                    ("stores-yes", "stores-no-server", "stores-one-machine", "stores-no")
                }
                StoreKind::Redis => ("stores-yes", "stores-if-persisted", "stores-yes", "stores-if-policy"),
                StoreKind::Postgres => ("stores-yes", "stores-yes", "stores-yes", "stores-no"),
                StoreKind::Memcached => ("stores-yes", "stores-no", "stores-yes", "stores-lru"),
            };
            StoreRow {
                name: kind.as_str(),
                current: kind == current,
                place: match kind {
                    StoreKind::Memory => "stores-where-memory",
                    StoreKind::File => "stores-where-file",
                    StoreKind::Sqlite => "stores-where-sqlite",
                    StoreKind::Redis => "stores-where-redis",
                    StoreKind::Postgres => "stores-where-postgres",
                    StoreKind::Memcached => "stores-where-memcached",
                },
                app_restart,
                server_restart,
                shared,
                drops,
                page_rps,
            }
        })
        .collect()
}

/// Both flows; `?third=signed` adds the signed flow as a third column.
#[get("/compare?<third>")]
pub fn compare(third: Option<&str>, lang: Lang) -> Page {
    let signed = third == Some("signed");
    let evidence_flows: &[&str] = if signed {
        &["cookie", "session", "signed"]
    } else {
        &["cookie", "session"]
    };
    view::render("compare", lang, context! { signed, evidence_flows })
}
