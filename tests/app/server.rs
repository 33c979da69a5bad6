//! The real binary over real HTTP: what only a socket shows (raw bytes in headers, the exact
//! Cookie header a client sent) and what only the process output shows (its log lines).

use std::thread;
use std::time::Duration;

use crate::real_server::Server;

#[test]
fn the_binary_serves_both_flows_and_logs_no_password_or_session_id() {
    let server = Server::start(&[]);
    let printed = server.output();
    let line = printed
        .lines()
        .find(|l| l.contains("instructor login is `teacher`"))
        .expect("the generated password is printed");
    let generated = line
        .split('`')
        .nth(3)
        .expect("the password between backticks")
        .to_owned();
    assert_eq!(generated.len(), 16);

    let password = "Zq9-distinctive-pw";
    let registered = server.post("/register", &format!("username=loggy&password={password}"), None);
    assert_eq!(registered.status, 303);

    let cookie_login = server.post("/cookie/login", &format!("username=loggy&password={password}"), None);
    assert_eq!(cookie_login.status, 303);
    assert_eq!(cookie_login.set_cookie_value("password").as_deref(), Some(password));

    let session_login = server.post(
        "/session/login",
        &format!("username=teacher&password={generated}"),
        None,
    );
    assert_eq!(session_login.status, 303);
    let sid = session_login.set_cookie_value("sid").expect("a sid");
    assert_eq!(
        server.get("/session/staff", Some(&format!("sid={sid}"))).status,
        200,
        "the printed password works"
    );
    let failed = server.post("/session/login", &format!("username=loggy&password={password}x"), None);
    assert_eq!(failed.status, 401);

    thread::sleep(Duration::from_millis(300));
    let log = server.output();
    assert!(log.contains("POST /session/login"), "debug logging was on:\n{log}");
    assert_eq!(
        log.matches(&generated).count(),
        1,
        "the generated password is printed once, never again"
    );
    assert!(!log.contains(password), "no password in the log");
    assert!(!log.contains(&sid), "no full session id in the log");
    assert!(!log.contains(&sid[..16]), "not even a prefix of it");
}

#[test]
fn raw_bytes_in_cookie_headers_are_simply_not_logged_in() {
    let server = Server::start(&[("ROCKET_INSTRUCTOR_PASSWORD", "not-used-here")]);
    // A NUL byte makes the header itself invalid: the HTTP layer answers 400 before the app.
    let invalid_header = b"sid=AAAA\x00BBBB".to_vec();
    let mut cases: Vec<Vec<u8>> = vec![
        b"sid=\xff\xfe\xfd".to_vec(),
        invalid_header.clone(),
        b"sid=../../../../etc/passwd".to_vec(),
        b"username=\xc3\x28; password=\xa0\xa1; role=instructor\x80".to_vec(),
        // Percent-encoded bytes that decode to no UTF-8: the cookie is dropped, not the request.
        format!("sid={}%FF%FE", "A".repeat(37)).into_bytes(),
    ];
    cases.push(format!("sid={}", "A".repeat(10 * 1024)).into_bytes());
    for cookie in cases {
        for path in ["/session", "/cookie", "/session/inspect", "/cookie/inspect"] {
            let mut request =
                format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nCookie: ").into_bytes();
            request.extend_from_slice(&cookie);
            request.extend_from_slice(b"\r\n\r\n");
            let reply = server.send(&request);
            if cookie == invalid_header {
                assert_eq!(reply.status, 400, "{path} {cookie:?}");
                continue;
            }
            assert_eq!(reply.status, 200, "{path} {cookie:?}");
            if path.ends_with("inspect") {
                assert!(reply.body.contains("\"logged_in\":false"), "{path}: {}", reply.body);
            } else {
                assert!(reply.body.contains("You are not logged in."), "{path} {cookie:?}");
            }
        }
    }
    assert_eq!(server.get("/healthz", None).status, 200, "still serving");
}

#[test]
fn inspect_shows_the_cookie_header_exactly_as_sent() {
    let server = Server::start(&[("ROCKET_INSTRUCTOR_PASSWORD", "not-used-here")]);
    let header = "username=abc; password=1234; role=student; theme=dark";
    let reply = server.get("/cookie/inspect", Some(header));
    let report: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(report["cookie_header"], header);
    assert_eq!(report["cookie_bytes"], header.len());
    assert_eq!(report["logged_in"], true);
}

#[test]
fn a_digits_only_instructor_password_from_the_environment_is_kept_verbatim() {
    // Figment reads this variable as the number 123456789; the zeros must survive.
    let server = Server::start(&[("ROCKET_INSTRUCTOR_PASSWORD", "000123456789")]);
    let login = server.post("/session/login", "username=teacher&password=000123456789", None);
    assert_eq!(login.status, 303, "{}", server.output());
    let short = server.post("/session/login", "username=teacher&password=123456789", None);
    assert_eq!(short.status, 401);
}

#[test]
fn ten_thousand_requests_with_invented_browser_ids_do_not_grow_the_server() {
    let server = Server::start(&[
        ("ROCKET_INSTRUCTOR_PASSWORD", "teacher-pass-1"),
        ("ROCKET_LOG_LEVEL", "critical"),
    ]);
    let flood = |from: u32, count: u32| {
        std::thread::scope(|scope| {
            for thread in 0..4 {
                let server = &server;
                scope.spawn(move || {
                    for i in (from + thread..from + count).step_by(4) {
                        let cookie = format!("inspector={i:048x}");
                        let reply = match i % 4 {
                            0 => server.get("/lab/hijack", Some(&cookie)),
                            1 => server.get("/lab/fixation", Some(&cookie)),
                            2 => server.get("/cookie/board", Some(&cookie)),
                            _ => server.post("/lab/guess/try", "token=x&candidate=x", Some(&cookie)),
                        };
                        let expected = if i % 4 == 3 { 403 } else { 200 };
                        assert_eq!(reply.status, expected, "request {i}");
                    }
                });
            }
        });
    };
    flood(0, 2_000);
    let before = server.rss_kib();
    flood(2_000, 10_000);
    let after = server.rss_kib();
    assert!(
        after < before + 4 * 1024,
        "10,000 invented ids grew the server from {before} KiB to {after} KiB"
    );
}

/// `scripts/class-sim` in small: 20 students, each with its own jar and account, click through
/// every flow and lesson for 20 s against the real binary, and nothing fails (no 5xx, no 429, no
/// dropped connection). How fast is for `scripts/bench` and docs/performance.md.
#[test]
fn a_class_of_twenty_simulated_students_meets_no_error() {
    let server = Server::start(&[("ROCKET_LOG_LEVEL", "critical")]);
    let base = format!("http://127.0.0.1:{}", server.port);
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_class-sim"))
        .args([
            "--students",
            "20",
            "--seconds",
            "20",
            "--ramp-ms",
            "2000",
            "--base",
            &base,
        ])
        .output()
        .expect("class-sim runs");
    let report = String::from_utf8_lossy(&run.stdout);
    let line = report
        .lines()
        .find(|l| l.starts_with("class-sim students=20 "))
        .unwrap_or_else(|| panic!("the contract's line:\n{report}"));
    let field = |name: &str| -> u64 {
        let value = line.split(' ').find_map(|f| f.strip_prefix(&format!("{name}=")));
        value
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or_else(|| panic!("{name} in {line}")) as u64
    };
    assert_eq!(field("errors"), 0, "{report}");
    assert!(run.status.success(), "{report}");
    assert!(
        field("requests") > 20 * 10,
        "every student logged in and clicked: {line}"
    );
    assert!(
        field("rss-start") > 0 && field("rss-end") > 0,
        "the server's memory was read: {line}"
    );
    for lesson in session_lab::lab::LESSONS {
        assert!(
            report.contains(&format!("GET /lab/{lesson} ")),
            "{lesson} was opened:\n{report}"
        );
    }
    assert!(report.contains("POST /lab/"), "lesson forms were submitted:\n{report}");
    for elsewhere in [
        "http://example.com",
        "http://127.0.0.1.example.com:80",
        "https://localhost",
    ] {
        let refused = std::process::Command::new(env!("CARGO_BIN_EXE_class-sim"))
            .args(["--students", "1", "--seconds", "1", "--base", elsewhere])
            .output()
            .unwrap();
        assert_eq!(refused.status.code(), Some(2), "{elsewhere}: loopback only");
    }
}

/// Both benchmark scripts say what they do without building anything.
#[test]
fn the_benchmark_scripts_answer_help() {
    let scripts: [(&str, &[&str]); 2] = [
        (
            "bench",
            &[
                "bench <case> <requests/s> p99=<ms>",
                "--sessions N",
                "--instructions N",
                "instructions <case> <per request>",
            ],
        ),
        (
            "class-sim",
            &[
                "--students N --seconds S",
                "class-sim students=<N> requests=<R> errors=<E>",
            ],
        ),
    ];
    for (script, names) in scripts {
        let run = std::process::Command::new(format!("{}/scripts/{script}", env!("CARGO_MANIFEST_DIR")))
            .arg("--help")
            .output()
            .expect("the script runs");
        let text = String::from_utf8_lossy(&run.stdout);
        assert!(run.status.success(), "{script} --help: {text}");
        for name in names {
            assert!(text.contains(name), "{script} --help names {name}:\n{text}");
        }
    }
}

/// A copy of the binary in an empty folder (no templates/, no static/, no Rocket.toml) serves
/// every page and every static file, from its built-in copies. `./scripts/test` builds the
/// release binary and names it in `SESSION_LAB_RELEASE_BIN`; plain `cargo test` copies the debug
/// binary (the same code: nothing in src/assets.rs depends on the profile).
#[test]
fn a_copy_of_the_binary_serves_every_page_from_an_empty_folder() {
    let empty = tempfile::tempdir().unwrap();
    let temporary = tempfile::tempdir().unwrap();
    let binary = empty.path().join("session-lab");
    let built = std::env::var_os("SESSION_LAB_RELEASE_BIN").unwrap_or_else(|| env!("CARGO_BIN_EXE_session-lab").into());
    std::fs::copy(&built, &binary).unwrap_or_else(|e| panic!("{}: {e}", built.to_string_lossy()));
    let tmpdir = temporary.path().to_str().unwrap();
    let server = Server::start_in(&binary, empty.path(), &[("TMPDIR", tmpdir)]);
    let mut pages = vec!["/".to_owned(), "/compare".into(), "/explain".into(), "/lab".into()];
    pages.extend(session_lab::lab::LESSONS.map(|lesson| format!("/lab/{lesson}")));
    pages.extend(["/cookie", "/session", "/signed", "/register", "/session/login"].map(String::from));
    for page in &pages {
        let reply = server.get(page, None);
        assert_eq!(reply.status, 200, "{page}:\n{}", server.output());
        assert!(reply.body.contains("</html>"), "{page} is a whole page");
    }
    let repository = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for (path, text) in crate::helpers::files_under("static") {
        let url = format!(
            "/static/{}",
            path.strip_prefix(repository.join("static")).unwrap().display()
        );
        let reply = server.get(&url, None);
        assert_eq!(reply.status, 200, "{url}");
        assert_eq!(reply.body, text, "{url} is the repository's file");
    }
    assert_eq!(server.get("/static/none.css", None).status, 404);
    // The repository's Rocket.toml is built in too: its 8 KiB form limit holds here.
    let big = format!("username=abc&password={}", "x".repeat(9 * 1024));
    assert_eq!(server.post("/register", &big, None).status, 413);
    assert!(
        std::fs::read_dir(empty.path()).unwrap().count() == 1,
        "nothing was written next to the binary"
    );
}
