//! The SQL (SQLite, PostgreSQL) and memcached stores in the whole app: restarts, two instances,
//! outages, and memcached evicting a live session.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::thread::sleep;
use std::time::{Duration, Instant};

use rocket::figment::Figment;
use rocket::http::Status;

use crate::helpers::{assert_still_serving, figment, form, json, spawn_app_with, TestApp};
use crate::more_servers::{MemcachedServer, PostgresServer};
use crate::stores::{knows, log_in, redis_config, temp_dir};

fn sqlite_config(dir: &Path) -> Figment {
    figment()
        .merge(("session_store", "sqlite"))
        .merge(("database_url", format!("sqlite://{}/class.sqlite3", dir.display())))
}

fn postgres_config(server: &PostgresServer) -> Figment {
    figment()
        .merge(("session_store", "postgres"))
        .merge(("database_url", server.url()))
}

/// memcached holds the sessions; the accounts are files in `dir`.
fn memcached_config(server: &MemcachedServer, dir: &Path) -> Figment {
    figment()
        .merge(("session_store", "memcached"))
        .merge(("memcached_url", server.url()))
        .merge(("session_dir", dir.to_string_lossy().into_owned()))
}

fn register(app: &TestApp, name: &str) {
    let registered = app
        .browser()
        .post_form("/register", &form(&[("username", name), ("password", "pw-1234")]));
    assert_eq!(registered.status(), Status::SeeOther);
}

fn can_log_in(app: &TestApp, name: &str) -> bool {
    app.browser().login("session", name, "pw-1234").status() == Status::SeeOther
}

fn wait_until_healthy(app: &TestApp, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while app.browser().get("/healthz").status() != Status::Ok {
        assert!(Instant::now() < deadline, "{what}");
        sleep(Duration::from_millis(100));
    }
}

#[test]
fn sqlite_sessions_and_accounts_survive_a_restart_in_a_private_file() {
    let dir = temp_dir();
    let sid = {
        let app = spawn_app_with(sqlite_config(dir.path()));
        register(&app, "durable");
        let sid = log_in(&app);
        assert!(knows(&app, &sid));
        assert_eq!(json(app.browser().get("/healthz"))["store"], "sqlite");
        sid
    };
    let restarted = spawn_app_with(sqlite_config(dir.path()));
    assert!(knows(&restarted, &sid), "the session was in the file");
    assert!(can_log_in(&restarted, "durable"), "so was the account");
    let mode = std::fs::metadata(dir.path().join("class.sqlite3"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o077, 0, "only the server's user reads the sessions: {mode:o}");
}

/// Two instances on one machine can share one SQLite file (WAL lets them read while the other
/// writes); instances on different machines cannot.
#[test]
fn two_instances_on_one_sqlite_file_share_sessions_and_accounts() {
    let dir = temp_dir();
    two_instances_share_sessions_and_accounts(|| sqlite_config(dir.path()));
}

#[test]
#[ignore = "needs postgresql; run ./scripts/test"]
fn postgres_sessions_and_accounts_survive_restarts_of_the_app_and_of_postgres() {
    let mut server = PostgresServer::start();
    let sid = {
        let app = spawn_app_with(postgres_config(&server));
        register(&app, "durable");
        log_in(&app)
    };
    server.restart();
    let restarted = spawn_app_with(postgres_config(&server));
    assert!(knows(&restarted, &sid));
    assert!(can_log_in(&restarted, "durable"));
}

/// Two instances made from `config`: a login on one is known on the other, a logout on the other
/// ends it on the first, and an account registered on one logs in on the other.
fn two_instances_share_sessions_and_accounts(config: impl Fn() -> Figment) {
    let one = spawn_app_with(config().merge(("instance_name", "one")));
    let two = spawn_app_with(config().merge(("instance_name", "two")));
    let sid = log_in(&one);
    assert!(knows(&two, &sid), "logged in on one, known on two");
    let on_two = two.browser();
    on_two.set_cookie("sid", &sid, "/");
    assert_eq!(on_two.logout("session").status(), Status::SeeOther);
    assert!(!knows(&one, &sid), "logged out on two, refused on one");
    register(&one, "shared");
    assert!(can_log_in(&two, "shared"), "accounts are shared");
}

#[test]
#[ignore = "needs postgresql; run ./scripts/test"]
fn two_instances_on_one_postgres_share_sessions_and_accounts() {
    let server = PostgresServer::start();
    two_instances_share_sessions_and_accounts(|| postgres_config(&server));
}

/// Sessions are in memcached; the accounts are files in the shared `session_dir`.
#[test]
#[ignore = "needs memcached; run ./scripts/test"]
fn two_instances_on_one_memcached_share_sessions() {
    let (server, dir) = (MemcachedServer::start(), temp_dir());
    two_instances_share_sessions_and_accounts(|| memcached_config(&server, dir.path()));
    let app = spawn_app_with(memcached_config(&server, dir.path()));
    assert_eq!(json(app.browser().get("/healthz"))["store"], "memcached");
}

/// While the store is down, pages that need it answer 503 and pages that do not still work;
/// once it is back the app serves again by itself. Returns a logged-in `sid` from before.
fn outage(app: &TestApp, stop: impl FnOnce(), start: impl FnOnce()) -> String {
    let sid = log_in(app);
    assert_eq!(app.browser().get("/healthz").status(), Status::Ok);
    stop();
    let health = app.browser().get("/healthz");
    assert_eq!(health.status(), Status::ServiceUnavailable);
    assert_eq!(json(health)["ok"], false);
    let student = app.browser();
    student.set_cookie("sid", &sid, "/");
    let page = student.get("/session");
    assert_eq!(page.status(), Status::ServiceUnavailable, "a logged-in page");
    assert!(page.into_string().unwrap().contains("The session store is unavailable"));
    assert_eq!(
        app.browser().login("session", "abc", "1234").status(),
        Status::ServiceUnavailable
    );
    assert_eq!(app.browser().get("/cookie/login").status(), Status::Ok);
    start();
    wait_until_healthy(app, "the app did not reconnect");
    for _ in 0..20 {
        let page = app.browser().get("/session");
        assert_eq!(page.status(), Status::Ok, "no request fails once the store is back");
    }
    assert_still_serving(app);
    sid
}

#[test]
#[ignore = "needs postgresql; run ./scripts/test"]
fn a_postgres_outage_gives_503_pages_and_the_app_recovers_by_itself() {
    let server = std::cell::RefCell::new(PostgresServer::start());
    let app = spawn_app_with(postgres_config(&server.borrow()));
    let sid = outage(&app, || server.borrow_mut().stop(), || server.borrow_mut().restart());
    assert!(knows(&app, &sid), "PostgreSQL kept the session through its restart");
}

#[test]
#[ignore = "needs memcached; run ./scripts/test"]
fn a_memcached_outage_gives_503_pages_and_the_app_recovers_by_itself() {
    let (server, dir) = (std::cell::RefCell::new(MemcachedServer::start()), temp_dir());
    let app = spawn_app_with(memcached_config(&server.borrow(), dir.path()));
    let sid = outage(&app, || server.borrow_mut().stop(), || server.borrow_mut().restart());
    assert!(
        !knows(&app, &sid),
        "memcached came back empty: everybody was logged out"
    );
}

#[test]
#[ignore = "needs postgresql; run ./scripts/test"]
fn a_postgres_that_is_down_at_start_does_not_stop_launch() {
    let mut server = PostgresServer::start();
    server.stop();
    let app = spawn_app_with(postgres_config(&server));
    assert_eq!(app.browser().get("/healthz").status(), Status::ServiceUnavailable);
    server.restart();
    wait_until_healthy(&app, "the app did not connect once PostgreSQL was up");
    assert!(knows(&app, &log_in(&app)), "the schema was made on first use");
}

/// memcached with little memory drops the least recently used items to make room: a live session
/// is lost, and the page tells the student why that can happen here.
#[test]
#[ignore = "needs memcached; run ./scripts/test"]
fn memcached_evicts_a_live_session_under_memory_pressure_and_the_page_says_so() {
    let (server, dir) = (MemcachedServer::with_memory(2), temp_dir());
    let app = spawn_app_with(memcached_config(&server, dir.path()));
    let student = app.browser();
    assert_eq!(student.login("session", "abc", "1234").status(), Status::SeeOther);
    let sid = student.cookie("sid").unwrap();
    assert!(knows(&app, &sid), "positive control: alive before the flood");

    // Other items of exactly the session item's size, so they compete for its slab class, until
    // memcached has had to evict many of them.
    let cache = memcache::Client::connect(server.url()).unwrap();
    let id: session_lab::ids::SessionId = sid.parse().unwrap();
    let key = format!("session-lab:session:{}", id.storage_key());
    let held: String = cache.get(&key).unwrap().expect("the session's item");
    let evictions = |cache: &memcache::Client| -> u64 { cache.stats().unwrap()[0].1["evictions"].parse().unwrap() };
    let filler = "x".repeat(held.len());
    let mut written = 0usize;
    while evictions(&cache) < 10_000 {
        for _ in 0..500 {
            let other = format!("session-lab:filler:{written:0>width$}", width = key.len() - 19);
            cache.set(&other, filler.as_str(), 0).unwrap();
            written += 1;
        }
        assert!(written < 200_000, "memcached never evicted");
    }

    assert!(!knows(&app, &sid), "the session was evicted while it was live");
    let page = student.get("/session");
    assert_eq!(page.status(), Status::Ok);
    let page = page.into_string().unwrap();
    assert!(page.contains("You are not logged in."));
    assert!(
        page.contains("memcached, a cache: it may also have dropped this one to make room"),
        "the page says why a live session can vanish here"
    );
}

#[test]
fn the_evicted_line_is_only_on_a_cache_backed_server() {
    let dir = temp_dir();
    let app = spawn_app_with(sqlite_config(dir.path()));
    let visitor = app.browser();
    visitor.set_cookie("sid", &"A".repeat(43), "/");
    let page = visitor.get("/session").into_string().unwrap();
    assert!(page.contains("the server does not know"));
    assert!(!page.contains("memcached"));
}

/// The `<details class="held">` part of a page, with Handlebars' escapes undone.
fn held_part(page: &str) -> String {
    let start = page
        .find("<details class=\"held\">")
        .expect("the page shows how the store holds it");
    let end = start + page[start..].find("</details>").unwrap();
    page[start..end]
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#x3D;", "=")
        .replace("&amp;", "&")
}

/// How the held part shows where a record is (its key, file or row).
fn held_address(address: &str) -> String {
    format!("<code class=\"held-value\">{address}</code>")
}

/// How the held part shows one field of a record, as the store holds it.
fn held_field(name: &str, value: &str) -> String {
    format!("<dt><code>{name}</code></dt><dd><code class=\"held-value\">{value}</code>")
}

/// The record JSON exactly as a store wrote it (its fields in their order), but for the CSRF
/// token's value, which the pane replaces.
fn without_token(json: &str) -> String {
    let field = "\"csrf_token\":\"";
    let start = json.find(field).expect("the record has a token") + field.len();
    let end = start + json[start..].find('"').unwrap();
    assert_eq!(end - start, 43, "a token in {json}");
    format!("{}[43 characters, not shown]{}", &json[..start], &json[end..])
}

fn run<T>(work: impl std::future::Future<Output = T>) -> T {
    rocket::tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(work)
}

/// The pane shows the row as it is in the SQLite file, column by column, never the CSRF token;
/// the dashboard shows the newest session the same way.
#[test]
fn the_pane_and_the_dashboard_show_the_row_as_sqlite_holds_it() {
    use sqlx::Row;
    let dir = temp_dir();
    let url = format!("sqlite://{}/class.sqlite3", dir.path().display());
    let app = spawn_app_with(sqlite_config(dir.path()));
    let student = app.browser();
    assert_eq!(student.login("session", "abc", "1234").status(), Status::SeeOther);
    let page = student.get("/session").into_string().unwrap();
    let held = held_part(&page);
    let token = student.csrf_token();
    let row = run(async {
        sqlx::any::install_default_drivers();
        let pool = sqlx::AnyPool::connect(&url).await.unwrap();
        sqlx::query("SELECT key, username, last_seen_ms, expires_ms, record FROM sessions")
            .fetch_one(&pool)
            .await
            .unwrap()
    });
    let key: String = row.get("key");
    let username: String = row.get("username");
    let last_seen: i64 = row.get("last_seen_ms");
    let expires: i64 = row.get("expires_ms");
    let record: String = row.get("record");
    assert!(
        held.contains("How this server's store holds this record (<code>sqlite</code>)"),
        "{held}"
    );
    assert!(held.contains(&format!("sessions WHERE key = '{key}'")), "{held}");
    for (column, value) in [
        ("username", username),
        ("last_seen_ms", last_seen.to_string()),
        ("expires_ms", expires.to_string()),
        ("record", without_token(&record)),
    ] {
        assert!(
            held.contains(&held_field(column, &value)),
            "{column} = {value} in {held}"
        );
    }
    assert_eq!(token.len(), 43);
    assert!(!held.contains(&token), "the CSRF token is not shown");

    let teacher = app.browser();
    teacher.login("session", "teacher", crate::helpers::INSTRUCTOR_PASSWORD);
    let dashboard = teacher.get("/instructor").into_string().unwrap();
    let newest = held_part(&dashboard);
    assert!(
        !newest.contains(&format!("sessions WHERE key = '{key}'")),
        "the teacher's own session is the newest now"
    );
    assert!(newest.contains("sessions WHERE key = '"), "{newest}");
    assert!(newest.contains("\"user\":\"teacher\""), "{newest}");
}

#[test]
#[ignore = "needs memcached; run ./scripts/test"]
fn the_pane_shows_the_item_as_memcached_holds_it() {
    let (server, dir) = (MemcachedServer::start(), temp_dir());
    let app = spawn_app_with(memcached_config(&server, dir.path()));
    let student = app.browser();
    assert_eq!(student.login("session", "abc", "1234").status(), Status::SeeOther);
    let held = held_part(&student.get("/session").into_string().unwrap());
    let id: session_lab::ids::SessionId = student.cookie("sid").unwrap().parse().unwrap();
    let key = format!("session-lab:session:{}", id.storage_key());
    let cache = memcache::Client::connect(server.url()).unwrap();
    let value: String = cache.get(&key).unwrap().expect("the item");
    assert!(held.contains("(<code>memcached</code>)"), "{held}");
    assert!(held.contains(&held_address(&key)), "{held}");
    assert!(held.contains(&without_token(&value)), "{held}");
    assert!(held.contains("<dt><code>exptime</code></dt>"));
}

#[test]
fn the_pane_shows_the_memory_stores_entry() {
    let app = spawn_app_with(figment());
    let student = app.browser();
    student.login("session", "abc", "1234");
    let held = held_part(&student.get("/session").into_string().unwrap());
    let id: session_lab::ids::SessionId = student.cookie("sid").unwrap().parse().unwrap();
    assert!(held.contains(&format!("[u8; 32] = {}", id.storage_key())), "{held}");
    assert!(held.contains("a restart forgets it"));
}

/// `/explain` compares all six stores, with the one this server uses marked, and says plainly
/// which of them may drop a live session.
#[test]
fn explain_compares_every_store_and_marks_this_servers() {
    let dir = temp_dir();
    let app = spawn_app_with(sqlite_config(dir.path()));
    let page = app.browser().get("/explain").into_string().unwrap();
    let start = page
        .find("<table class=\"tradeoffs stores\">")
        .expect("the stores table");
    let table = &page[start..start + page[start..].find("</table>").unwrap()];
    let rows: Vec<&str> = table.split("<tr").skip(2).collect();
    assert_eq!(rows.len(), 6, "{table}");
    for (row, store) in rows
        .iter()
        .zip(["memory", "file", "sqlite", "redis", "postgres", "memcached"])
    {
        assert!(row.contains(&format!("<code>{store}</code>")), "{row}");
        let rate: u32 = row
            .split("pages/s")
            .next()
            .and_then(|before| before.rsplit('>').next())
            .and_then(|n| n.trim().replace(',', "").parse().ok())
            .unwrap_or_else(|| panic!("a measured rate in {row}"));
        assert!(rate > 0, "{store}: {rate}");
        assert_eq!(row.contains("class=\"current\""), store == "sqlite", "{row}");
    }
    assert!(rows[5].contains("evicts the least recently used items, live sessions included"));
    assert!(rows[5].contains("<td data-label=\"…and a restart of the store&#x27;s server\">no</td>"));
    let ko = app.browser();
    ko.set_cookie("lang", "ko", "/");
    let page = ko.get("/explain").into_string().unwrap();
    assert!(page.contains("서버가 세션을 두는 곳: 저장소 여섯 가지"));
    assert!(
        page.contains("세션 저장소: SQLite") && page.contains("서버의 SQLite 저장소"),
        "the Korean texts name every store, not Redis by default"
    );
}

/// After a restart of the store's server with no request in between, every pooled connection is
/// dead; the first requests still succeed.
fn first_requests_after_a_restart_succeed(app: &TestApp, restart: impl FnOnce()) -> String {
    let student = app.browser();
    assert_eq!(student.login("session", "abc", "1234").status(), Status::SeeOther);
    let sid = student.cookie("sid").unwrap();
    for _ in 0..8 {
        assert_eq!(
            app.browser().get("/healthz").status(),
            Status::Ok,
            "connections are open"
        );
    }
    restart();
    let first = student.get("/session");
    assert_eq!(
        first.status(),
        Status::Ok,
        "a dead connection was replaced, not reported"
    );
    let page = first.into_string().unwrap();
    for _ in 0..8 {
        assert_eq!(app.browser().get("/healthz").status(), Status::Ok);
    }
    assert_eq!(app.browser().login("session", "abc", "1234").status(), Status::SeeOther);
    let _ = sid;
    page
}

#[test]
#[ignore = "needs memcached; run ./scripts/test"]
fn the_first_request_after_a_memcached_restart_succeeds() {
    let (server, dir) = (std::cell::RefCell::new(MemcachedServer::start()), temp_dir());
    let app = spawn_app_with(memcached_config(&server.borrow(), dir.path()));
    let page = first_requests_after_a_restart_succeed(&app, || server.borrow_mut().restart());
    assert!(page.contains("You are not logged in."), "memcached came back empty");
}

#[test]
#[ignore = "needs postgresql; run ./scripts/test"]
fn the_first_request_after_a_postgres_restart_succeeds() {
    let server = std::cell::RefCell::new(PostgresServer::start());
    let app = spawn_app_with(postgres_config(&server.borrow()));
    let page = first_requests_after_a_restart_succeed(&app, || server.borrow_mut().restart());
    assert!(page.contains("logged in as abc"), "PostgreSQL kept the session");
}

/// The sweep, a lookup and one account's listing each search an index, never scan the table
/// (SQLite's own query plans).
#[test]
fn sqlite_finds_expired_rows_one_session_and_one_account_through_indexes() {
    use sqlx::Row;
    let dir = temp_dir();
    let url = format!("sqlite://{}/class.sqlite3", dir.path().display());
    let plans = run(async {
        let store = session_lab::storage::SqlStore::open(session_lab::config::StoreKind::Sqlite, &url).unwrap();
        use session_lab::storage::SessionStore;
        store.count().await.unwrap();
        sqlx::any::install_default_drivers();
        let pool = sqlx::AnyPool::connect(&url).await.unwrap();
        let mut plans = Vec::new();
        for query in [
            "SELECT key FROM sessions WHERE expires_ms <= 1 LIMIT 1000",
            "SELECT record FROM sessions WHERE key = 'k' AND expires_ms > 1",
            "SELECT key, record FROM sessions WHERE username = 'abc' AND expires_ms > 1",
        ] {
            let rows = sqlx::query(&format!("EXPLAIN QUERY PLAN {query}"))
                .fetch_all(&pool)
                .await
                .unwrap();
            let detail: Vec<String> = rows.iter().map(|r| r.get::<String, _>("detail")).collect();
            plans.push(detail.join("; "));
        }
        plans
    });
    assert!(
        plans[0].contains("USING COVERING INDEX sessions_by_expiry"),
        "{}",
        plans[0]
    );
    assert!(
        plans[1].contains("USING PRIMARY KEY") || plans[1].contains("INDEX"),
        "{}",
        plans[1]
    );
    assert!(plans[2].contains("USING INDEX sessions_by_user"), "{}", plans[2]);
    assert!(plans.iter().all(|p| !p.contains("SCAN")), "{plans:?}");
}

/// The file store: the pane names the session's file, shows its content as written and its
/// modification time as the last request.
#[test]
fn the_pane_shows_the_file_as_the_file_store_holds_it() {
    let dir = temp_dir();
    let sessions = dir.path().join("sessions");
    let app = spawn_app_with(
        figment()
            .merge(("session_store", "file"))
            .merge(("session_dir", sessions.to_string_lossy().into_owned())),
    );
    let student = app.browser();
    student.login("session", "abc", "1234");
    let held = held_part(&student.get("/session").into_string().unwrap());
    let id: session_lab::ids::SessionId = student.cookie("sid").unwrap().parse().unwrap();
    let path = sessions.join(format!("{}.json", id.storage_key()));
    let content = std::fs::read_to_string(&path).unwrap();
    let modified = std::fs::metadata(&path)
        .unwrap()
        .modified()
        .unwrap()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis();
    assert!(held.contains(&held_address(&path.display().to_string())), "{held}");
    assert!(held.contains(&without_token(&content)), "{held}");
    assert!(held.contains(&held_field("mtime", &format!("{modified} ms"))), "{held}");
}

/// The Redis store: the pane shows the key's value and its `PXAT` as Redis has them.
#[test]
#[ignore = "needs redis-server; run ./scripts/test"]
fn the_pane_shows_the_key_as_redis_holds_it() {
    use redis::Commands;
    let server = crate::redis_server::RedisServer::start();
    let prefix = crate::redis_server::unique_prefix();
    let app = spawn_app_with(redis_config(&server, &prefix));
    let student = app.browser();
    student.login("session", "abc", "1234");
    let held = held_part(&student.get("/session").into_string().unwrap());
    let id: session_lab::ids::SessionId = student.cookie("sid").unwrap().parse().unwrap();
    let key = format!("{prefix}session:{}", id.storage_key());
    let mut redis = redis::Client::open(server.url()).unwrap().get_connection().unwrap();
    let value: String = redis.get(&key).unwrap();
    let pxat: i64 = redis::cmd("PEXPIRETIME").arg(&key).query(&mut redis).unwrap();
    assert!(held.contains(&held_address(&key)), "{held}");
    assert!(held.contains(&without_token(&value)), "{held}");
    assert!(held.contains(&held_field("PXAT", &pxat.to_string())), "{held}");
}
