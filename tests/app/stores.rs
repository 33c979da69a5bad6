//! The file and Redis stores in the whole app: restarts, two instances, outages, bad ids.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::thread::sleep;
use std::time::{Duration, Instant};

use rocket::figment::Figment;
use rocket::http::Status;
use rocket::local::blocking::Client;
use session_lab::clock::now_ms;
use session_lab::credentials::{Role, Username};
use session_lab::ids::SessionId;
use session_lab::record::SessionRecord;
use session_lab::storage::{MemoryStore, SessionStore};

use crate::helpers::{figment, form, json, spawn_app_with, TestApp};
use crate::redis_server::{unique_prefix, RedisServer};

fn file_config(dir: &Path) -> Figment {
    figment()
        .merge(("session_store", "file"))
        .merge(("session_dir", dir.to_string_lossy().into_owned()))
}

/// An app on the Redis store of `server`, its keys under `prefix`.
pub(crate) fn redis_config(server: &RedisServer, prefix: &str) -> Figment {
    figment()
        .merge(("session_store", "redis"))
        .merge(("redis_url", server.url()))
        .merge(("redis_prefix", prefix))
}

pub(crate) fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap()
}

/// Logs `abc` in to the session flow and returns the `sid`.
pub(crate) fn log_in(app: &TestApp) -> String {
    let student = app.browser();
    assert_eq!(student.login("session", "abc", "1234").status(), Status::SeeOther);
    student.cookie("sid").unwrap()
}

/// Whether `sid` is logged in on `app`.
pub(crate) fn knows(app: &TestApp, sid: &str) -> bool {
    let visitor = app.browser();
    visitor.set_cookie("sid", sid, "/");
    json(visitor.get("/session/inspect"))["logged_in"] == true
}

#[test]
fn file_sessions_survive_a_restart() {
    let dir = temp_dir();
    let sid = {
        let app = spawn_app_with(file_config(dir.path()));
        let sid = log_in(&app);
        assert!(knows(&app, &sid));
        sid
    };
    let restarted = spawn_app_with(file_config(dir.path()));
    assert!(knows(&restarted, &sid), "the session was on disk");
    assert_eq!(json(restarted.browser().get("/healthz"))["store"], "file");
}

#[test]
#[ignore = "needs redis-server; run ./scripts/test"]
fn redis_sessions_survive_a_restart_of_the_app() {
    let server = RedisServer::start();
    let prefix = unique_prefix();
    let sid = log_in(&spawn_app_with(redis_config(&server, &prefix)));
    let restarted = spawn_app_with(redis_config(&server, &prefix));
    assert!(knows(&restarted, &sid));
}

#[test]
fn memory_sessions_do_not_survive_a_restart() {
    let before = spawn_app_with(figment());
    let sid = log_in(&before);
    assert!(knows(&before, &sid), "positive control: alive before the restart");
    drop(before);
    assert!(!knows(&spawn_app_with(figment()), &sid));
}

#[test]
#[ignore = "needs redis-server; run ./scripts/test"]
fn two_instances_on_one_redis_share_sessions_and_accounts() {
    let server = RedisServer::start();
    let prefix = unique_prefix();
    let one = spawn_app_with(redis_config(&server, &prefix).merge(("instance_name", "one")));
    let two = spawn_app_with(redis_config(&server, &prefix).merge(("instance_name", "two")));

    let student = one.browser();
    student.login("session", "abc", "1234");
    let sid = student.cookie("sid").unwrap();
    assert!(knows(&two, &sid), "logged in on one, known on two");

    let on_two = two.browser();
    on_two.set_cookie("sid", &sid, "/");
    let page = on_two.get("/session").into_string().unwrap();
    assert!(page.contains("logged in as abc") && page.contains("Served by instance two"));
    assert_eq!(on_two.logout("session").status(), Status::SeeOther);
    assert!(!knows(&one, &sid), "logged out on two, refused on one");

    let registered = one
        .browser()
        .post_form("/register", &form(&[("username", "shared"), ("password", "pw-1234")]));
    assert_eq!(registered.status(), Status::SeeOther);
    assert_eq!(
        two.browser().login("cookie", "shared", "pw-1234").status(),
        Status::SeeOther,
        "accounts are shared"
    );
    let taken = two
        .browser()
        .post_form("/register", &form(&[("username", "shared"), ("password", "other")]));
    assert_eq!(taken.status(), Status::Conflict);
}

/// `build_on` (what `cargo bench --bench page_scale` fills a million sessions into): the app
/// serves the sessions the caller put in the store, and keeps new ones there.
#[test]
fn an_app_built_on_a_store_serves_its_sessions_and_keeps_new_ones_there() {
    let store = Arc::new(MemoryStore::new());
    let id = SessionId::generate().unwrap();
    let user = Username::parse("made_before").unwrap();
    let record = SessionRecord::new(user, Role::Student, now_ms(), 1800, 28800).unwrap();
    rocket::execute(store.create(&id, &record)).unwrap();
    let app = TestApp {
        client: Client::untracked(session_lab::build_on(figment(), Arc::clone(&store))).unwrap(),
    };
    let visitor = app.browser();
    visitor.set_cookie("sid", &id.expose(), "/");
    let page = visitor.get("/session").into_string().unwrap();
    assert!(page.contains("made_before"), "the stored session is logged in");

    let sid = log_in(&app);
    let stored: SessionId = sid.parse().unwrap();
    let found = rocket::execute(store.load(&stored, now_ms())).unwrap();
    assert_eq!(
        found.map(|r| r.user.to_string()),
        Some("abc".to_owned()),
        "the login went into the given store"
    );
}

#[test]
fn two_memory_instances_do_not_know_each_others_sessions() {
    let one = spawn_app_with(figment().merge(("instance_name", "one")));
    let two = spawn_app_with(figment().merge(("instance_name", "two")));
    let sid = log_in(&one);
    assert!(knows(&one, &sid));
    assert!(
        !knows(&two, &sid),
        "a request that lands on the other server is logged out"
    );
}

#[test]
fn two_file_instances_on_one_folder_share_sessions_and_accounts() {
    let dir = temp_dir();
    let one = spawn_app_with(file_config(dir.path()));
    let two = spawn_app_with(file_config(dir.path()));
    let sid = log_in(&one);
    assert!(knows(&two, &sid));
    one.browser()
        .post_form("/register", &form(&[("username", "filed"), ("password", "pw-1234")]));
    assert_eq!(
        two.browser().login("session", "filed", "pw-1234").status(),
        Status::SeeOther
    );
}

#[test]
fn every_page_names_the_instance_and_the_store() {
    let dir = temp_dir();
    let app = spawn_app_with(file_config(dir.path()).merge(("instance_name", "lab-7")));
    for path in ["/", "/cookie", "/session/login", "/register", "/nowhere"] {
        let page = app.browser().get(path).into_string().unwrap();
        assert!(
            page.contains("Served by instance lab-7 · sessions kept in: file"),
            "{path}"
        );
    }
    assert_eq!(json(app.browser().get("/healthz"))["instance"], "lab-7");
    let generated = json(spawn_app_with(figment()).browser().get("/healthz"))["instance"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(generated.starts_with("node-") && generated.len() == 9, "{generated}");
}

#[test]
#[ignore = "needs redis-server; run ./scripts/test"]
fn redis_outage_gives_503_pages_and_the_app_recovers_by_itself() {
    let mut server = RedisServer::start();
    let app = spawn_app_with(redis_config(&server, &unique_prefix()));
    let student = app.browser();
    student.login("session", "abc", "1234");
    assert_eq!(app.browser().get("/healthz").status(), Status::Ok);

    server.stop();
    let health = app.browser().get("/healthz");
    assert_eq!(health.status(), Status::ServiceUnavailable);
    assert_eq!(json(health)["ok"], false);
    let page = student.get("/session");
    assert_eq!(page.status(), Status::ServiceUnavailable, "a logged-in page");
    assert!(page.into_string().unwrap().contains("The session store is unavailable"));
    let login = app.browser().login("session", "abc", "1234");
    assert_eq!(login.status(), Status::ServiceUnavailable, "a login");
    let visitor = app.browser();
    visitor.set_cookie("lang", "ko", "/");
    visitor.set_cookie("sid", &"A".repeat(43), "/");
    let page = visitor.get("/session");
    assert_eq!(page.status(), Status::ServiceUnavailable);
    assert!(
        page.into_string().unwrap().contains("세션 저장소를 쓸 수 없어서"),
        "in the visitor's language"
    );
    assert_eq!(
        app.browser().get("/cookie/login").status(),
        Status::Ok,
        "pages that need no store still work"
    );

    server.restart();
    let deadline = Instant::now() + Duration::from_secs(15);
    while app.browser().get("/healthz").status() != Status::Ok {
        assert!(Instant::now() < deadline, "the app did not reconnect");
        sleep(Duration::from_millis(100));
    }
    let student = app.browser();
    assert_eq!(
        student.login("session", "abc", "1234").status(),
        Status::SeeOther,
        "serving again, no restart"
    );
    assert!(student
        .get("/session")
        .into_string()
        .unwrap()
        .contains("logged in as abc"));
}

#[test]
#[ignore = "needs redis-server; run ./scripts/test"]
fn a_redis_that_is_down_at_start_does_not_stop_launch() {
    let mut server = RedisServer::start();
    server.stop();
    let app = spawn_app_with(redis_config(&server, &unique_prefix()));
    assert_eq!(app.browser().get("/healthz").status(), Status::ServiceUnavailable);
    server.restart();
    let deadline = Instant::now() + Duration::from_secs(15);
    while app.browser().get("/healthz").status() != Status::Ok {
        assert!(Instant::now() < deadline, "the app did not connect once Redis was up");
        sleep(Duration::from_millis(100));
    }
}

/// Makes a folder unwritable even for root (`chattr +i`), or by mode bits where that is enough;
/// undoes it when dropped.
struct Unwritable(PathBuf);

impl Unwritable {
    fn new(dir: &Path) -> Unwritable {
        let immutable = Command::new("chattr")
            .arg("+i")
            .arg(dir)
            .status()
            .is_ok_and(|s| s.success());
        if !immutable {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o500)).unwrap();
        }
        let probe = dir.join("probe");
        assert!(
            std::fs::write(&probe, b"x").is_err(),
            "could not make {} unwritable",
            dir.display()
        );
        Unwritable(dir.to_path_buf())
    }
}

impl Drop for Unwritable {
    fn drop(&mut self) {
        let _ = Command::new("chattr").arg("-i").arg(&self.0).status();
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&self.0, std::fs::Permissions::from_mode(0o700));
    }
}

#[test]
fn an_unwritable_session_folder_gives_503_pages() {
    let dir = temp_dir();
    let sessions = dir.path().join("sessions");
    let app = spawn_app_with(file_config(&sessions));
    let student = app.browser();
    student.login("session", "abc", "1234");
    {
        let _frozen = Unwritable::new(&sessions);
        let health = app.browser().get("/healthz");
        assert_eq!(health.status(), Status::ServiceUnavailable);
        let login = app.browser().login("session", "abc", "1234");
        assert_eq!(login.status(), Status::ServiceUnavailable);
        assert!(login
            .into_string()
            .unwrap()
            .contains("The session store is unavailable"));
        // An existing session only has its file's time moved, which a frozen folder still allows.
        assert_eq!(student.get("/session").status(), Status::Ok);
    }
    assert_eq!(
        app.browser().get("/healthz").status(),
        Status::Ok,
        "writable again: serving again"
    );
    assert_eq!(app.browser().login("session", "abc", "1234").status(), Status::SeeOther);
}

#[test]
fn crafted_ids_never_touch_a_path_outside_the_session_folder() {
    let dir = temp_dir();
    let sessions = dir.path().join("sessions");
    let bait = dir.path().join("bait.json");
    std::fs::write(&bait, "{}").unwrap();
    let app = spawn_app_with(file_config(&sessions));
    let before = listing(dir.path());
    for crafted in [
        "../bait",
        "../../bait.json",
        "..%2Fbait",
        "/etc/passwd",
        "....//bait",
        "%2e%2e%2fbait",
        "bait\0",
        &format!("../{}", "A".repeat(40)),
    ] {
        let attacker = app.browser();
        attacker.set_cookie("sid", crafted, "/");
        assert_eq!(attacker.get("/session").status(), Status::Ok, "{crafted:?}");
        assert_eq!(json(attacker.get("/session/inspect"))["logged_in"], false);
        attacker.post_form("/session/logout", "csrf_token=x");
        attacker.login("session", "abc", "1234");
    }
    assert_eq!(
        std::fs::read_to_string(&bait).unwrap(),
        "{}",
        "the file outside is untouched"
    );
    let after = listing(dir.path());
    assert_eq!(
        before.iter().filter(|p| !p.starts_with(&sessions)).collect::<Vec<_>>(),
        after.iter().filter(|p| !p.starts_with(&sessions)).collect::<Vec<_>>()
    );
    for entry in std::fs::read_dir(&sessions).unwrap().flatten() {
        let name = entry.file_name().into_string().unwrap();
        let hashed = name.len() == 69 && name.ends_with(".json");
        assert!(
            hashed || name == "accounts" || name == "by-user",
            "only hashed names in the folder: {name}"
        );
    }
}

fn listing(dir: &Path) -> Vec<PathBuf> {
    let mut paths = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        paths.push(entry.path());
        if entry.path().is_dir() {
            paths.extend(listing(&entry.path()));
        }
    }
    paths.sort();
    paths
}

#[test]
fn session_files_are_private_to_the_server_user() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir();
    let sessions = dir.path().join("sessions");
    let app = spawn_app_with(file_config(&sessions));
    let sid = log_in(&app);
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&sessions), 0o700);
    let files: Vec<PathBuf> = std::fs::read_dir(&sessions)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    assert_eq!(files.len(), 1);
    assert_eq!(mode(&files[0]), 0o600);
    let content = std::fs::read_to_string(&files[0]).unwrap();
    assert!(
        !content.contains(&sid) && !files[0].to_string_lossy().contains(&sid),
        "the id is neither the name nor the content"
    );
    assert!(content.contains("\"user\":\"abc\""));
}

#[test]
fn bad_store_settings_stop_launch() {
    let cases = [
        figment()
            .merge(("session_store", "redis"))
            .merge(("redis_url", "not a url")),
        figment()
            .merge(("session_store", "redis"))
            .merge(("redis_url", "http://127.0.0.1:6379/")),
        figment().merge(("session_store", "mongo")),
        figment().merge(("instance_name", "bad name!")),
        figment()
            .merge(("session_store", "file"))
            .merge(("session_dir", "/proc/no-such-place")),
        figment()
            .merge(("session_store", "sqlite"))
            .merge(("database_url", "postgres://127.0.0.1/db")),
        figment()
            .merge(("session_store", "postgres"))
            .merge(("database_url", "sqlite://var/x.sqlite3")),
        figment()
            .merge(("session_store", "postgres"))
            .merge(("database_url", "postgres://u:p@[bad/db")),
        figment()
            .merge(("session_store", "sqlite"))
            .merge(("database_url", "sqlite:///proc/no-such-place/x.sqlite3")),
        figment()
            .merge(("session_store", "memcached"))
            .merge(("memcached_url", "redis://127.0.0.1:11211")),
    ];
    for config in cases {
        match Client::untracked(session_lab::build(config)) {
            Ok(_) => panic!("launch should have stopped"),
            Err(error) => assert!(
                matches!(error.kind(), rocket::error::ErrorKind::FailedFairings(_)),
                "{error}"
            ),
        }
    }
}

#[test]
#[ignore = "needs redis-server and nginx; run ./scripts/test"]
fn the_two_instances_recipe_behaves_as_documented() {
    for store in ["redis", "memory"] {
        let output = Command::new(concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/two-instances"))
            .args(["--store", store, "--check"])
            .env("SESSION_LAB_BIN", env!("CARGO_BIN_EXE_session-lab"))
            .env("LB_PORT", free_port().to_string())
            .env("PORT_ONE", free_port().to_string())
            .env("PORT_TWO", free_port().to_string())
            .env("REDIS_PORT", free_port().to_string())
            .output()
            .expect("the script runs");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success(),
            "{store}:\n{stdout}\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(
            stdout.contains("instance one") && stdout.contains("instance two"),
            "{stdout}"
        );
        assert!(
            stdout.contains("signed flow: one signing key, logged in on both instances"),
            "{store}: the recipe gives both instances one signing key:\n{stdout}"
        );
        let logged_out = stdout.matches("NOT logged in").count();
        if store == "redis" {
            assert_eq!(logged_out, 0, "{stdout}");
        } else {
            assert!(logged_out > 0, "{stdout}");
        }
    }
}

#[test]
#[ignore = "needs redis-server; run ./scripts/test"]
fn the_first_request_after_a_redis_restart_succeeds() {
    let mut server = RedisServer::start();
    let app = spawn_app_with(redis_config(&server, &unique_prefix()));
    let student = app.browser();
    assert_eq!(student.login("session", "abc", "1234").status(), Status::SeeOther);
    assert_eq!(
        app.browser().get("/healthz").status(),
        Status::Ok,
        "the connection is open"
    );
    // Redis restarts with no traffic in between: the app's open connection is now dead.
    server.restart();
    let first = student.get("/session");
    assert_eq!(
        first.status(),
        Status::Ok,
        "the dropped connection was re-made and the command sent again"
    );
    assert!(
        first.into_string().unwrap().contains("You are not logged in."),
        "Redis came back empty"
    );
    assert_eq!(app.browser().get("/healthz").status(), Status::Ok);
    assert_eq!(app.browser().login("session", "abc", "1234").status(), Status::SeeOther);
}

#[test]
#[ignore = "needs redis-server; run ./scripts/test"]
fn redis_expires_a_session_by_itself_at_the_end_the_record_gives() {
    use redis::Commands;
    let server = RedisServer::start();
    let prefix = unique_prefix();
    let app = spawn_app_with(
        redis_config(&server, &prefix)
            .merge(("session_idle_timeout", 2))
            .merge(("session_absolute_timeout", 60)),
    );
    let student = app.browser();
    student.login("session", "abc", "1234");
    let mut redis = redis::Client::open(server.url()).unwrap().get_connection().unwrap();
    let keys: Vec<String> = redis.keys(format!("{prefix}session:*")).unwrap();
    assert_eq!(keys.len(), 1);
    let ttl: i64 = redis.pttl(&keys[0]).unwrap();
    assert!((1..=2000).contains(&ttl), "PXAT at the idle end: {ttl} ms");
    let index: i64 = redis.pttl(format!("{prefix}user:abc")).unwrap();
    assert!(
        index > 50_000,
        "the account's index lives until the absolute end: {index} ms"
    );
    sleep(Duration::from_millis(2500));
    let left: Vec<String> = redis.keys(format!("{prefix}session:*")).unwrap();
    assert!(
        left.is_empty(),
        "Redis evicted the key itself, with no request and no sweep"
    );

    // The absolute timeout caps PXAT too: activity never moves the end past it.
    let capped = spawn_app_with(
        redis_config(&server, &prefix)
            .merge(("session_idle_timeout", 600))
            .merge(("session_absolute_timeout", 2)),
    );
    let student = capped.browser();
    student.login("session", "abc", "1234");
    student.get("/session");
    let keys: Vec<String> = redis.keys(format!("{prefix}session:*")).unwrap();
    let ttl: i64 = redis.pttl(&keys[0]).unwrap();
    assert!(
        (1..=2000).contains(&ttl),
        "PXAT at the absolute end, not the idle one: {ttl} ms"
    );
}

#[test]
#[ignore = "needs nginx; run ./scripts/test"]
fn behind_the_recipes_proxy_two_thousand_idle_connections_do_not_stop_the_app() {
    use std::io::{Read, Write};
    use std::net::TcpStream;

    let lb = free_port();
    let mut recipe = Command::new(concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/two-instances"))
        .args(["--store", "memory"])
        .env("SESSION_LAB_BIN", env!("CARGO_BIN_EXE_session-lab"))
        .env("LB_PORT", lb.to_string())
        .env("PORT_ONE", free_port().to_string())
        .env("PORT_TWO", free_port().to_string())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("the script runs");
    let health = || -> Option<String> {
        let mut stream = TcpStream::connect(("127.0.0.1", lb)).ok()?;
        stream.set_read_timeout(Some(Duration::from_secs(20))).ok()?;
        let request = format!("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:{lb}\r\nConnection: close\r\n\r\n");
        stream.write_all(request.as_bytes()).ok()?;
        let mut reply = String::new();
        stream.read_to_string(&mut reply).ok()?;
        Some(reply)
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    while !health().is_some_and(|r| r.starts_with("HTTP/1.1 200")) {
        assert!(Instant::now() < deadline, "the recipe did not start");
        sleep(Duration::from_millis(100));
    }
    let idle: Vec<TcpStream> = (0..2_000)
        .map(|_| TcpStream::connect(("127.0.0.1", lb)).expect("nginx accepts the connection"))
        .collect();
    let reply = health().unwrap_or_default();
    assert!(
        reply.starts_with("HTTP/1.1 200") && reply.contains("\"ok\":true"),
        "with {} idle connections open: {reply:?}",
        idle.len()
    );
    // It answered while every idle connection was still held, not after nginx gave up on them.
    let closed = idle
        .iter()
        .filter(|stream| {
            stream.set_nonblocking(true).unwrap();
            matches!((&mut &**stream).read(&mut [0u8; 1]), Ok(0))
        })
        .count();
    assert_eq!(closed, 0, "idle connections were dropped before /healthz answered");
    drop(idle);
    let _ = Command::new("kill").arg("-TERM").arg(recipe.id().to_string()).status();
    let _ = recipe.wait();
}

/// A loopback port nothing listens on now.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}
