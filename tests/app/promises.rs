//! Promises that README.md and docs/ make and that no other test checked: security headers on
//! every kind of response, the board's looser policy confined to the boards, the one unescaped
//! template spot, the lab's token on every lab form, configuration that stops launch with a clear
//! line, the signing key, store isolation, the account cap, the weak-id banner, a cookie-flow
//! login during a Redis outage, and the file store's atomicity.

use std::sync::Arc;

use rocket::http::Status;
use session_lab::clock::now_ms;
use session_lab::storage::{FileStore, SessionStore, StoreError};

use crate::helpers::{field_value, figment, form, json, spawn_app, spawn_app_with, INSTRUCTOR_PASSWORD};
use crate::real_server::Server;
use crate::redis_server::{unique_prefix, RedisServer};
use crate::store_suite::{id, record};

#[test]
fn every_kind_of_response_carries_the_security_headers() {
    let app = spawn_app();
    let student = app.browser();
    student.login("session", "abc", "1234");
    let teacher = app.browser();
    teacher.login("session", "teacher", INSTRUCTOR_PASSWORD);
    let responses = vec![
        ("page", student.get("/session")),
        ("json", student.get("/session/inspect")),
        ("static file", student.get("/static/css/app.css")),
        ("static 404", student.get("/static/nothing.css")),
        ("error page", student.get("/no-such-page")),
        ("redirect", student.post_form("/cookie/logout", "")),
        ("board", student.get("/session/board")),
        ("svg", teacher.get("/instructor/join.svg")),
        ("event stream", teacher.get("/instructor/events")),
        ("forbidden", app.browser().post_form("/instructor/reset", "")),
    ];
    for (kind, response) in &responses {
        let headers = response.headers();
        assert!(
            matches!(headers.get_one("X-Frame-Options"), Some("SAMEORIGIN" | "DENY")),
            "{kind}"
        );
        assert_eq!(
            headers.get_one("Cross-Origin-Opener-Policy"),
            Some("same-origin"),
            "{kind}"
        );
        assert_eq!(headers.get_one("X-Content-Type-Options"), Some("nosniff"), "{kind}");
        assert!(headers.get_one("Content-Security-Policy").is_some(), "{kind}");
        assert!(headers.get_one("Cache-Control").is_some(), "{kind}");
    }
}

#[test]
fn only_the_boards_allow_inline_scripts() {
    let app = spawn_app();
    let student = app.browser();
    student.login("cookie", "abc", "1234");
    student.login("session", "abc", "1234");
    let mut pages = vec![
        "/".to_owned(),
        "/compare".into(),
        "/explain".into(),
        "/register".into(),
        "/lab".into(),
        "/lab/stolen".into(),
        "/cookie".into(),
        "/session".into(),
        "/signed".into(),
        "/cookie/wire".into(),
    ];
    pages.extend(session_lab::lab::LESSONS.iter().map(|l| format!("/lab/{l}")));
    for path in &pages {
        let response = student.get(path);
        let csp = response
            .headers()
            .get_one("Content-Security-Policy")
            .unwrap()
            .to_owned();
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert!(csp.contains("script-src 'self';"), "{path}: {csp}");
    }
    for board in ["/cookie/board", "/session/board"] {
        let csp = student
            .get(board)
            .headers()
            .get_one("Content-Security-Policy")
            .unwrap()
            .to_owned();
        assert!(csp.contains("'unsafe-inline'"), "positive control, {board}: {csp}");
    }
}

#[test]
fn the_board_is_the_only_template_that_prints_unescaped() {
    let mut triple = Vec::new();
    for (path, text) in crate::helpers::files_under("templates") {
        for (i, _) in text.match_indices("{{{") {
            let name = path
                .strip_prefix(env!("CARGO_MANIFEST_DIR"))
                .unwrap()
                .display()
                .to_string()
                .trim_start_matches('/')
                .to_owned();
            triple.push(format!("{name}: {}", &text[i..(i + 12).min(text.len())]));
        }
    }
    assert_eq!(triple, ["templates/lab/board.html.hbs: {{{body}}}</"], "{triple:?}");
}

#[test]
fn on_the_session_board_a_post_is_text_for_every_other_viewer() {
    let app = spawn_app();
    let author = app.browser();
    author.login("session", "abc", "1234");
    let token = field_value(&author.get("/session/board").into_string().unwrap(), "token");
    let payload = "<script>document.title='owned'</script>";
    let posted = author.post_form("/session/board", &form(&[("token", &token), ("body", payload)]));
    assert_eq!(posted.status(), Status::SeeOther);
    assert!(
        author.get("/session/board").into_string().unwrap().contains(payload),
        "positive control"
    );
    let reader = app.browser();
    reader.login("session", "abc", "1234");
    let page = reader.get("/session/board").into_string().unwrap();
    assert!(!page.contains(payload), "not run for another reader");
    assert!(page.contains("&lt;script&gt;"), "shown as text");
}

#[test]
fn the_instructor_deletes_a_post() {
    let app = spawn_app();
    let author = app.browser();
    author.login("cookie", "abc", "1234");
    let token = field_value(&author.get("/cookie/board").into_string().unwrap(), "token");
    author.post_form(
        "/cookie/board",
        &form(&[("token", &token), ("body", "delete me please")]),
    );
    let teacher = app.browser();
    teacher.login("session", "teacher", INSTRUCTOR_PASSWORD);
    let dashboard = teacher.get("/instructor").into_string().unwrap();
    assert!(dashboard.contains("delete me please"));
    let post = field_value(&dashboard, "post");
    let csrf = teacher.csrf_token();
    let deleted = teacher.post_form(
        "/instructor/posts/delete",
        &form(&[("csrf_token", &csrf), ("post", &post)]),
    );
    assert_eq!(deleted.status(), Status::SeeOther);
    assert!(!author
        .get("/cookie/board")
        .into_string()
        .unwrap()
        .contains("delete me please"));
    assert!(!teacher
        .get("/instructor")
        .into_string()
        .unwrap()
        .contains("delete me please"));
}

/// Every lab form of one browser, with its fields.
fn lab_forms(token: &str) -> Vec<(&'static str, String)> {
    vec![
        (
            "/lab/tamper/set",
            form(&[("token", token), ("name", "role"), ("value", "instructor")]),
        ),
        ("/lab/hijack/steal", form(&[("token", token)])),
        ("/lab/hijack/replay-session", form(&[("token", token)])),
        (
            "/lab/hijack/replay-cookie",
            form(&[("token", token), ("cookie_header", "username=abc; password=1234")]),
        ),
        ("/lab/fixation/plant", form(&[("token", token)])),
        (
            "/lab/fixation/login-keeping-id",
            form(&[("token", token), ("username", "abc"), ("password", "1234")]),
        ),
        ("/lab/fixation/replay", form(&[("token", token)])),
        ("/lab/guess/try", form(&[("token", token), ("candidate", "x")])),
        ("/cookie/board", form(&[("token", token), ("body", "hello")])),
        ("/session/board", form(&[("token", token), ("body", "hello")])),
    ]
}

#[test]
fn every_lab_form_needs_this_browsers_own_token() {
    let app = spawn_app();
    let student = app.browser();
    let mine = field_value(&student.get("/lab/tamper").into_string().unwrap(), "token");
    let other = app.browser();
    let theirs = field_value(&other.get("/lab/tamper").into_string().unwrap(), "token");
    assert_ne!(mine, theirs);
    for token in ["", "0123456789abcdef0123456789abcdef", theirs.as_str()] {
        for (path, body) in lab_forms(token) {
            assert_eq!(
                student.post_form(path, &body).status(),
                Status::Forbidden,
                "{path} with {token:?}"
            );
        }
    }
    for (path, body) in lab_forms(&mine) {
        assert_eq!(
            student.post_form(path, &body).status(),
            Status::SeeOther,
            "positive control: {path}"
        );
    }
}

#[test]
fn each_bad_setting_stops_launch_with_one_clear_line() {
    for (key, value, line) in [
        ("ROCKET_SESSION_STORE", "mongo", "invalid configuration"),
        (
            "ROCKET_SESSION_IDLE_TIMEOUT",
            "0",
            "session_idle_timeout and session_absolute_timeout must be at least 1 second",
        ),
        ("ROCKET_INSTRUCTOR_PASSWORD", "short", "instructor_password"),
        (
            "ROCKET_SIGNING_KEY",
            "dG9vLXNob3J0",
            "signing_key must be base64url of at least 32 bytes",
        ),
        (
            "ROCKET_INSTANCE_NAME",
            "bad name!",
            "instance_name must be 1 to 32 characters",
        ),
        ("ROCKET_DEFAULT_LANG", "fr", "invalid configuration"),
        (
            "ROCKET_MAX_SESSIONS_PER_USER",
            "0",
            "max_sessions_per_user and max_sessions_demo_account must be at least 1",
        ),
        (
            "ROCKET_PASSWORD_HASH_ITERATIONS",
            "0",
            "password_hash_memory_kib must be 8 to 1048576 and password_hash_iterations 1 to 16",
        ),
    ] {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_session-lab"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("ROCKET_PORT", "0")
            .env("ROCKET_CLI_COLORS", "false")
            .env("ROCKET_INSTRUCTOR_PASSWORD", "a-good-password")
            .env(key, value)
            .output()
            .expect("the binary runs");
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(
            output.status.code(),
            Some(1),
            "{key}={value} should stop launch:\n{text}"
        );
        let lines: Vec<&str> = text.lines().filter(|l| l.contains(line)).collect();
        assert_eq!(lines.len(), 1, "{key}={value}: one line naming the problem:\n{text}");
        assert!(
            !text.contains("panicked") && !text.contains("backtrace") && !text.contains("aborting"),
            "{key}={value}: that line and nothing of Rocket's panic:\n{text}"
        );
    }
}

/// `session-lab --help` names every configuration key of the README's table and where keys are
/// read from; `--version` prints the package's version; anything else is refused with status 2.
#[test]
fn the_binary_explains_itself_with_help_and_version() {
    let run = |arg: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_session-lab"))
            .arg(arg)
            .output()
            .expect("the binary runs")
    };
    let help = run("--help");
    assert!(help.status.success());
    let help = String::from_utf8_lossy(&help.stdout).into_owned();
    assert!(help.contains("Rocket.toml") && help.contains("ROCKET_<KEY>"), "{help}");
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let table = readme
        .split("## Configuration")
        .nth(1)
        .unwrap()
        .split("\n## ")
        .next()
        .unwrap();
    let keys: Vec<&str> = table
        .lines()
        .filter_map(|l| l.strip_prefix("| `")?.split('`').next())
        .filter(|k| !matches!(*k, "address" | "port" | "log_level" | "template_dir"))
        .collect();
    assert!(keys.len() >= 19, "the README's keys: {keys:?}");
    for key in keys {
        assert!(help.contains(&format!("  {key} ")), "--help names {key}:\n{help}");
    }
    let version = run("--version");
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        format!("session-lab {}", env!("CARGO_PKG_VERSION"))
    );
    assert_eq!(run("--frobnicate").status.code(), Some(2));
}

#[test]
fn instances_that_share_a_signing_key_accept_each_others_signed_cookie() {
    let key = "c2Vzc2lvbi1sYWIgdGVzdCBrZXkgb2YgMzIgYnl0ZXMhIQ";
    let one = spawn_app_with(figment().merge(("signing_key", key)));
    let two = spawn_app_with(figment().merge(("signing_key", key)));
    let other = spawn_app_with(figment());
    let student = one.browser();
    student.login("signed", "abc", "1234");
    let token = student.cookie("signed").unwrap();
    let carry = |app: &crate::helpers::TestApp| {
        let browser = app.browser();
        browser.set_cookie("signed", &token, "/signed");
        json(browser.get("/signed/inspect"))["logged_in"] == true
    };
    assert!(carry(&two), "the same key: the token verifies on the other instance");
    assert!(!carry(&other), "a random key per start: it does not");
}

#[test]
#[ignore = "needs redis-server; run ./scripts/test"]
fn apps_with_different_redis_prefixes_share_nothing() {
    let server = RedisServer::start();
    let config = |prefix: &str| crate::stores::redis_config(&server, prefix);
    let (a, b) = (unique_prefix(), unique_prefix());
    let one = spawn_app_with(config(&a));
    let same = spawn_app_with(config(&a));
    let other = spawn_app_with(config(&b));
    let student = one.browser();
    student.login("session", "abc", "1234");
    let sid = student.cookie("sid").unwrap();
    let knows = |app: &crate::helpers::TestApp| {
        let browser = app.browser();
        browser.set_cookie("sid", &sid, "/");
        json(browser.get("/session/inspect"))["logged_in"] == true
    };
    assert!(knows(&same), "positive control: the same prefix shares the session");
    assert!(!knows(&other), "another prefix does not");
    one.browser().post_form(
        "/register",
        &form(&[("username", "prefixed"), ("password", "pass word")]),
    );
    assert_eq!(
        same.browser().login("session", "prefixed", "pass word").status(),
        Status::SeeOther
    );
    assert_eq!(
        other.browser().login("session", "prefixed", "pass word").status(),
        Status::Unauthorized
    );
}

#[test]
#[ignore = "needs redis-server; run ./scripts/test"]
fn the_built_in_student_logs_in_to_the_cookie_flow_during_a_redis_outage() {
    let mut server = RedisServer::start();
    let app = spawn_app_with(crate::stores::redis_config(&server, &unique_prefix()));
    app.browser()
        .post_form("/register", &form(&[("username", "mina"), ("password", "pass word")]));
    server.stop();
    let student = app.browser();
    assert_eq!(
        student.login("cookie", "abc", "1234").status(),
        Status::SeeOther,
        "built in: no store needed"
    );
    assert!(student
        .get("/cookie")
        .into_string()
        .unwrap()
        .contains("You are logged in as abc."));
    assert_eq!(
        app.browser().login("cookie", "mina", "pass word").status(),
        Status::ServiceUnavailable,
        "a registered account lives in the store: 503, not a refused login"
    );
    assert_eq!(
        app.browser().login("session", "abc", "1234").status(),
        Status::ServiceUnavailable
    );
}

#[test]
fn registration_stops_at_the_account_cap() {
    let app = spawn_app_with(figment().merge(("max_accounts", 2)));
    for name in ["one", "two"] {
        let created = app
            .browser()
            .post_form("/register", &form(&[("username", name), ("password", "pass word")]));
        assert_eq!(created.status(), Status::SeeOther, "{name}");
    }
    let full = app
        .browser()
        .post_form("/register", &form(&[("username", "three"), ("password", "pass word")]));
    assert_eq!(full.status(), Status::Forbidden, "waiting would not help: no 503");
    assert!(full.into_string().unwrap().contains("as many accounts as it will keep"));
    assert_eq!(
        app.browser().login("session", "one", "pass word").status(),
        Status::SeeOther
    );
}

#[test]
fn the_weak_id_banner_is_on_every_page_while_the_preset_is_on() {
    let app = spawn_app();
    let teacher = app.browser();
    teacher.login("session", "teacher", INSTRUCTOR_PASSWORD);
    let token = teacher.csrf_token();
    let switch = |on: &str| {
        let body = form(&[("csrf_token", &token), ("on", on)]);
        assert_eq!(
            teacher.post_form("/instructor/preset/weak-ids", &body).status(),
            Status::SeeOther
        );
    };
    let visitor = app.browser();
    let mut pages: Vec<String> = [
        "/",
        "/compare",
        "/explain",
        "/register",
        "/lab",
        "/cookie",
        "/session",
        "/signed",
        "/cookie/board",
        "/no-such-page",
    ]
    .map(String::from)
    .to_vec();
    pages.extend(session_lab::lab::LESSONS.iter().map(|l| format!("/lab/{l}")));
    let banner = "class=\"banner\" role=\"alert\"";
    for path in &pages {
        assert!(
            !visitor.get(path).into_string().unwrap().contains(banner),
            "{path} before"
        );
    }
    switch("true");
    for path in &pages {
        assert!(visitor.get(path).into_string().unwrap().contains(banner), "{path}");
    }
    switch("false");
    assert!(
        !visitor.get("/").into_string().unwrap().contains(banner),
        "gone when it goes off"
    );
}

// The file store's atomicity, directly against the store.

fn file_store() -> (tempfile::TempDir, Arc<FileStore>) {
    let dir = tempfile::tempdir().unwrap();
    let store = FileStore::open(&dir.path().join("sessions")).unwrap();
    (dir, Arc::new(store))
}

#[rocket::async_test]
async fn concurrent_creates_of_one_id_in_the_file_store_leave_exactly_one_record() {
    let (dir, store) = file_store();
    let id = id();
    let now = now_ms();
    let tasks: Vec<_> = (0..16)
        .map(|i| {
            let store = Arc::clone(&store);
            let user = if i % 2 == 0 { "abc" } else { "mallory" };
            rocket::tokio::spawn(async move { store.create(&id, &record(user, now, 60, 600)).await })
        })
        .collect();
    let mut created = 0;
    for task in tasks {
        match task.await.unwrap() {
            Ok(()) => created += 1,
            Err(StoreError::Exists) => {}
            Err(e) => panic!("{e}"),
        }
    }
    assert_eq!(created, 1);
    assert!(store.load(&id, now).await.unwrap().is_some());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("sessions"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file is left behind");
}

#[rocket::async_test]
async fn a_touch_racing_a_logout_never_brings_the_session_back() {
    let (_dir, store) = file_store();
    let now = now_ms();
    for _ in 0..50 {
        let id = id();
        store.create(&id, &record("abc", now, 60, 600)).await.unwrap();
        let (toucher, deleter) = (Arc::clone(&store), Arc::clone(&store));
        let touch = rocket::tokio::spawn(async move { toucher.touch(&id, now + 1).await });
        let delete = rocket::tokio::spawn(async move { deleter.delete(&id).await });
        touch.await.unwrap().unwrap();
        assert!(delete.await.unwrap().unwrap());
        assert_eq!(store.load(&id, now + 2).await.unwrap(), None, "deleted stays deleted");
    }
}

#[rocket::async_test]
async fn the_sweep_removes_temporary_files_a_crash_left_behind() {
    let (dir, store) = file_store();
    let folder = dir.path().join("sessions");
    let stale = folder.join(".tmp-0123456789abcdef");
    let fresh = folder.join(".tmp-fedcba9876543210");
    std::fs::write(&stale, b"{").unwrap();
    std::fs::write(&fresh, b"{").unwrap();
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(600);
    std::fs::File::options()
        .write(true)
        .open(&stale)
        .unwrap()
        .set_modified(old)
        .unwrap();
    store.sweep(now_ms()).await.unwrap();
    assert!(!stale.exists(), "a leftover older than a minute is removed");
    assert!(fresh.exists(), "one that may belong to a write in progress is kept");
}

#[test]
fn a_server_with_cookie_secure_marks_its_own_cookies_over_a_real_socket() {
    let server = Server::start(&[
        ("ROCKET_COOKIE_SECURE", "true"),
        ("ROCKET_INSTRUCTOR_PASSWORD", "a-good-password"),
    ]);
    let reply = server.post("/session/login", "username=abc&password=1234", None);
    let line = reply
        .headers
        .iter()
        .find(|(k, v)| k == "set-cookie" && v.starts_with("__Host-sid="))
        .map(|(_, v)| v.clone())
        .expect("a __Host-sid cookie");
    assert!(
        line.contains("Secure") && line.contains("Path=/") && !line.contains("Domain"),
        "{line}"
    );
}
