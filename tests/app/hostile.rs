//! The hostile student: each test does what an attacker in the class did (issue "No student can
//! harm the class") and asserts that it now fails. The class-board chain in a real browser is in
//! browser.rs (`a_board_script_never_acts_with_the_instructors_authority`); the memory figure
//! over a real socket is in server.rs.

use rocket::http::{ContentType, Header, Status};
use rocket::local::blocking::LocalResponse;
use session_lab::ids::SessionId;

use crate::helpers::{
    field_value, figment, form, set_cookies, spawn_app, spawn_app_with, Browser, TestApp, INSTRUCTOR_PASSWORD,
};
use crate::lab::xss::post_on_board;

/// The instructor, logged in from the login page as a browser would (so the browser has its id).
fn teacher(app: &TestApp) -> Browser<'_> {
    let teacher = app.browser_at("10.9.9.9");
    teacher.get("/session/login");
    assert_eq!(
        teacher.login("session", "teacher", INSTRUCTOR_PASSWORD).status(),
        Status::SeeOther
    );
    teacher
}

fn dashboard_token(teacher: &Browser<'_>) -> String {
    field_value(&teacher.get("/instructor").into_string().unwrap(), "csrf_token")
}

/// A POST with extra headers (what a browser adds: Fetch Metadata, Origin, Referer).
fn post_with<'c>(
    browser: &Browser<'c>,
    app: &'c TestApp,
    path: &str,
    body: &str,
    headers: &[(&str, &str)],
) -> LocalResponse<'c> {
    let mut request = app.client.post(path.to_owned()).header(ContentType::Form).body(body);
    for (name, value) in headers {
        request = request.header(Header::new(name.to_string(), value.to_string()));
    }
    browser.send_request(request, path)
}

fn get_with<'c>(browser: &Browser<'c>, app: &'c TestApp, path: &str, headers: &[(&str, &str)]) -> LocalResponse<'c> {
    let mut request = app.client.get(path.to_owned());
    for (name, value) in headers {
        request = request.header(Header::new(name.to_string(), value.to_string()));
    }
    browser.send_request(request, path)
}

/// What a person's click on a form of this app sends.
const CLICKED: [(&str, &str); 6] = [
    ("Sec-Fetch-Site", "same-origin"),
    ("Sec-Fetch-Mode", "navigate"),
    ("Sec-Fetch-Dest", "document"),
    ("Sec-Fetch-User", "?1"),
    ("Origin", "http://localhost"),
    ("Host", "localhost"),
];

/// A receiver of the class events this app will emit from now on.
fn subscribe(app: &TestApp) -> rocket::tokio::sync::broadcast::Receiver<session_lab::events::ClassEvent> {
    app.client
        .rocket()
        .state::<session_lab::events::EventBus>()
        .unwrap()
        .subscribe()
}

const PAYLOAD: &str = "<script>fetch('/instructor').then(r => r.text())</script>";

// 1. Class board -> instructor.

#[test]
fn posts_never_run_in_a_browser_an_instructor_used_even_with_the_class_board_on() {
    let app = spawn_app();
    let student = app.browser_at("10.0.0.2");
    student.login("cookie", "abc", "1234");
    assert_eq!(post_on_board(&student, "cookie", PAYLOAD), Status::SeeOther);
    let teacher = teacher(&app);
    let token = dashboard_token(&teacher);
    let on = teacher.post_form(
        "/instructor/preset/class-board",
        &form(&[("csrf_token", &token), ("on", "true")]),
    );
    assert_eq!(on.status(), Status::SeeOther);

    let classmate = app.browser_at("10.0.0.3");
    assert!(
        classmate.get("/cookie/board").into_string().unwrap().contains(PAYLOAD),
        "positive control: with the class board on, a classmate runs the post"
    );
    let board = teacher.get("/cookie/board").into_string().unwrap();
    assert!(!board.contains(PAYLOAD), "the instructor never runs a post");
    assert!(board.contains("&lt;script&gt;"), "it is shown as text");

    // Logged out, the same browser still never runs a post: the script could wait for the next login.
    teacher.logout("session");
    assert!(!teacher.get("/cookie/board").into_string().unwrap().contains(PAYLOAD));
}

#[test]
fn a_board_page_lets_scripts_reach_the_collector_and_nothing_else() {
    let app = spawn_app();
    let student = app.browser();
    student.login("session", "abc", "1234");
    for flow in ["cookie", "session"] {
        let page = student.get(&format!("/{flow}/board"));
        let csp = page.headers().get_one("Content-Security-Policy").unwrap().to_owned();
        let directive = |name: &str| {
            csp.split(';')
                .map(str::trim)
                .find(|d| d.starts_with(name))
                .unwrap_or_else(|| panic!("no {name} in {csp}"))
                .to_owned()
        };
        assert_eq!(directive("connect-src"), "connect-src http://localhost/lab/stolen");
        assert_eq!(
            directive("form-action"),
            format!("form-action http://localhost/{flow}/board")
        );
        assert_eq!(directive("frame-src"), "frame-src 'none'");
        assert_eq!(directive("worker-src"), "worker-src 'none'");
        let sandbox = directive("sandbox");
        assert!(
            sandbox.contains("allow-scripts") && sandbox.contains("allow-same-origin"),
            "{sandbox}"
        );
        assert!(!sandbox.contains("allow-popups"), "no window.open: {sandbox}");
        assert!(!sandbox.contains("allow-top-navigation"), "{sandbox}");
    }
}

#[test]
fn dashboard_controls_refuse_anything_but_a_persons_click_on_the_dashboard() {
    let app = spawn_app();
    let teacher = teacher(&app);
    let token = dashboard_token(&teacher);
    let body = form(&[("csrf_token", &token), ("on", "true")]);
    let path = "/instructor/preset/weak-ids";
    let script_fetch = [
        ("Sec-Fetch-Site", "same-origin"),
        ("Sec-Fetch-Mode", "cors"),
        ("Sec-Fetch-Dest", "empty"),
        ("Origin", "http://localhost"),
    ];
    let submitted_by_script = [
        ("Sec-Fetch-Site", "same-origin"),
        ("Sec-Fetch-Mode", "navigate"),
        ("Sec-Fetch-Dest", "document"),
        ("Origin", "http://localhost"),
    ];
    let in_a_frame = [
        ("Sec-Fetch-Site", "same-origin"),
        ("Sec-Fetch-Mode", "navigate"),
        ("Sec-Fetch-Dest", "iframe"),
        ("Sec-Fetch-User", "?1"),
    ];
    for headers in [&script_fetch[..], &submitted_by_script[..], &in_a_frame[..]] {
        let refused = post_with(&teacher, &app, path, &body, headers);
        assert_eq!(refused.status(), Status::Forbidden, "{headers:?}");
        assert!(refused
            .into_string()
            .unwrap()
            .contains("only when a person clicks them"));
    }
    let from_board = post_with(
        &teacher,
        &app,
        path,
        &body,
        &[("Referer", "http://localhost/cookie/board")],
    );
    assert_eq!(from_board.status(), Status::Forbidden, "a form on a board page");
    assert!(
        !app.browser()
            .get("/lab/guess")
            .into_string()
            .unwrap()
            .contains("banner"),
        "still off"
    );

    let mut clicked = CLICKED.to_vec();
    clicked.push(("Referer", "http://localhost/instructor"));
    assert_eq!(
        post_with(&teacher, &app, path, &body, &clicked).status(),
        Status::SeeOther
    );
    let page = app.browser().get("/lab/guess").into_string().unwrap();
    assert!(
        page.contains("class=\"banner\""),
        "positive control: the click switched weak ids on"
    );
}

#[test]
fn the_dashboard_cannot_be_fetched_or_framed_by_a_script() {
    let app = spawn_app();
    let teacher = teacher(&app);
    let fetched = get_with(
        &teacher,
        &app,
        "/instructor",
        &[("Sec-Fetch-Dest", "empty"), ("Sec-Fetch-Mode", "cors")],
    );
    assert_eq!(fetched.status(), Status::Forbidden);
    assert!(!fetched.into_string().unwrap().contains("csrf_token"));
    let framed = get_with(&teacher, &app, "/instructor", &[("Sec-Fetch-Dest", "iframe")]);
    assert_eq!(framed.status(), Status::Forbidden);
    let page = get_with(&teacher, &app, "/instructor", &[("Sec-Fetch-Dest", "document")]);
    assert_eq!(page.status(), Status::Ok);
    assert_eq!(page.headers().get_one("X-Frame-Options"), Some("DENY"));
    assert!(page
        .headers()
        .get_one("Content-Security-Policy")
        .unwrap()
        .contains("frame-ancestors 'none'"));
}

// 2. Weak ids.

fn weak_ids(app: &TestApp, teacher: &Browser<'_>, on: bool) {
    let token = dashboard_token(teacher);
    let body = form(&[("csrf_token", &token), ("on", if on { "true" } else { "false" })]);
    assert_eq!(
        teacher.post_form("/instructor/preset/weak-ids", &body).status(),
        Status::SeeOther
    );
    let _ = app;
}

fn sid_of(browser: &Browser<'_>) -> SessionId {
    browser
        .cookie("sid")
        .expect("a sid")
        .parse()
        .expect("a well-formed sid")
}

#[test]
fn weak_ids_are_never_issued_to_the_instructor_and_die_when_the_preset_goes_off() {
    let app = spawn_app();
    let teacher = teacher(&app);
    weak_ids(&app, &teacher, true);
    let student = app.browser_at("10.0.0.2");
    student.login("session", "abc", "1234");
    assert!(sid_of(&student).is_weak(), "positive control: students get counter ids");
    let second_teacher = app.browser_at("10.9.9.8");
    second_teacher.login("session", "teacher", INSTRUCTOR_PASSWORD);
    assert!(
        !sid_of(&second_teacher).is_weak(),
        "an instructor login during the preset"
    );

    // The attack: decode your own counter id and try its neighbours.
    let mine = u64::from_be_bytes(sid_of(&student).as_bytes()[24..].try_into().unwrap());
    for offset in [-3i64, -2, -1, 1, 2, 3] {
        let guess = SessionId::weak_from_counter(mine.wrapping_add_signed(offset)).expose();
        let attacker = app.browser_at("10.0.0.66");
        attacker.set_cookie("sid", &guess, "/");
        assert_ne!(attacker.get("/instructor").status(), Status::Ok, "offset {offset}");
    }

    weak_ids(&app, &teacher, false);
    let inspect = crate::helpers::json(student.get("/session/inspect"));
    assert_eq!(inspect["logged_in"], false, "the weak session ended with the preset");
    assert_eq!(crate::helpers::json(teacher.get("/session/inspect"))["logged_in"], true);
}

#[test]
fn the_guess_page_shows_a_presented_id_only_when_it_is_a_weak_one() {
    let app = spawn_app();
    let teacher = teacher(&app);
    let early = app.browser_at("10.0.0.2");
    early.login("session", "abc", "1234");
    weak_ids(&app, &teacher, true);
    let strong = early.cookie("sid").unwrap();
    assert!(!early.get("/lab/guess").into_string().unwrap().contains(&strong));
    assert!(!teacher
        .get("/lab/guess")
        .into_string()
        .unwrap()
        .contains(&teacher.cookie("sid").unwrap()));
    let late = app.browser_at("10.0.0.3");
    late.login("session", "abc", "1234");
    let weak = late.cookie("sid").unwrap();
    assert!(
        late.get("/lab/guess").into_string().unwrap().contains(&weak),
        "positive control"
    );
}

#[test]
fn ids_claimed_ahead_of_the_weak_counter_never_make_a_login_fail() {
    let app = spawn_app();
    let teacher = teacher(&app);
    weak_ids(&app, &teacher, true);
    let sessions = app.client.rocket().state::<session_lab::session::Sessions>().unwrap();
    let presets = app.client.rocket().state::<session_lab::presets::Presets>().unwrap();
    let squatter = session_lab::accounts::Account {
        username: session_lab::credentials::Username::parse("abc").unwrap(),
        role: session_lab::credentials::Role::Student,
    };
    let runtime = rocket::tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let next = runtime.block_on(presets.weak_counter()).unwrap();
    for counter in next..next + 100 {
        runtime
            .block_on(sessions.start_adopting(&squatter, SessionId::weak_from_counter(counter)))
            .unwrap();
    }
    let student = app.browser_at("10.0.0.2");
    assert_eq!(student.login("session", "abc", "1234").status(), Status::SeeOther);
    assert_eq!(crate::helpers::json(student.get("/session/inspect"))["logged_in"], true);
}

#[test]
fn the_expiry_preset_never_shortens_the_instructors_session() {
    let app = spawn_app_with(figment().merge(("lab_expiry_preset", 5)));
    let teacher = teacher(&app);
    let token = dashboard_token(&teacher);
    let on = form(&[("csrf_token", &token), ("on", "true")]);
    assert_eq!(
        teacher.post_form("/instructor/preset/expiry", &on).status(),
        Status::SeeOther
    );
    let student = app.browser_at("10.0.0.2");
    student.login("session", "abc", "1234");
    let again = app.browser_at("10.9.9.7");
    again.login("session", "teacher", INSTRUCTOR_PASSWORD);
    let idle =
        |b: &Browser<'_>| crate::helpers::json(b.get("/session/inspect"))["server_state"]["idle_timeout_s"].as_u64();
    assert_eq!(idle(&student), Some(5), "positive control: students get the preset");
    assert_eq!(idle(&again), Some(1800), "the instructor keeps the configured timeout");
}

// 3. The instructor account outside the session flow.

#[test]
fn the_instructor_account_is_refused_by_every_flow_but_the_session_flow_and_by_every_lab_login() {
    let app = spawn_app();
    for flow in ["cookie", "signed"] {
        let refused = app.browser().login(flow, "teacher", INSTRUCTOR_PASSWORD);
        assert_eq!(refused.status(), Status::Forbidden, "{flow}");
        assert!(
            set_cookies(&refused).iter().all(|l| l.starts_with("inspector=")),
            "{flow}: no flow cookie"
        );
    }
    // Cookies written by hand with the right password do not log the instructor in either.
    let forger = app.browser();
    forger.set_cookie("username", "teacher", "/cookie");
    forger.set_cookie("password", INSTRUCTOR_PASSWORD, "/cookie");
    assert_eq!(crate::helpers::json(forger.get("/cookie/inspect"))["logged_in"], false);

    let student = app.browser();
    let token = field_value(&student.get("/lab/fixation").into_string().unwrap(), "token");
    student.post_form("/lab/fixation/plant", &form(&[("token", &token)]));
    let login = form(&[
        ("token", &token),
        ("username", "teacher"),
        ("password", INSTRUCTOR_PASSWORD),
    ]);
    assert_eq!(
        student.post_form("/lab/fixation/login-keeping-id", &login).status(),
        Status::SeeOther
    );
    assert!(student
        .get("/lab/fixation")
        .into_string()
        .unwrap()
        .contains("logs in to the session flow only"));
    assert_eq!(
        crate::helpers::json(student.get("/session/inspect"))["logged_in"],
        false
    );

    let token = field_value(&student.get("/lab/hijack").into_string().unwrap(), "token");
    let replay_as = |user: &str, password: &str| {
        let pasted = format!("username={user}; password={password}; role=instructor");
        let replay = form(&[("token", &token), ("cookie_header", &pasted)]);
        student.post_form("/lab/hijack/replay-cookie", &replay);
        student.get("/lab/hijack").into_string().unwrap()
    };
    assert!(
        replay_as("abc", "1234").contains("attacker is logged in as abc"),
        "positive control: a student's pasted cookies replay"
    );
    assert!(
        !replay_as("teacher", INSTRUCTOR_PASSWORD).contains("attacker is logged in as teacher"),
        "the replay does not log in as the instructor"
    );
}

#[test]
fn a_configured_instructor_password_needs_twelve_characters_and_may_be_all_digits() {
    let short = session_lab::build(figment().merge(("instructor_password", "elevenchars")));
    match rocket::local::blocking::Client::untracked(short) {
        Ok(_) => panic!("an 11-character instructor password should stop launch"),
        Err(error) => assert!(matches!(error.kind(), rocket::error::ErrorKind::FailedFairings(_))),
    }
    let digits = spawn_app_with(figment().merge(("instructor_password", "012345678901")));
    assert_eq!(
        digits.browser().login("session", "teacher", "012345678901").status(),
        Status::SeeOther
    );
}

// 5, 6. Bounded state keyed by ids the server issued.

/// Runs one future of the app's own (a count) outside its runtime.
fn block_on<T>(future: impl std::future::Future<Output = T>) -> T {
    rocket::tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(future)
}

#[test]
fn invented_browser_ids_create_no_lab_state() {
    let app = spawn_app();
    let desks = app.client.rocket().state::<session_lab::lab::LabDesks>().unwrap();
    for i in 0..500u32 {
        let attacker = app.browser_at("10.0.0.66");
        let invented = format!("{i:048x}");
        attacker.set_cookie("inspector", &invented, "/");
        for path in ["/lab/hijack/steal", "/lab/guess/try", "/lab/fixation/plant"] {
            let body = form(&[("token", "x"), ("candidate", "x")]);
            assert_eq!(attacker.post_form(path, &body).status(), Status::Forbidden, "{path}");
        }
        attacker.get("/lab/hijack");
    }
    assert_eq!(
        block_on(desks.count()).unwrap(),
        0,
        "pages and refused forms create no desk"
    );
}

#[test]
fn a_flood_of_browsers_from_one_address_cannot_push_out_a_classmates_receipt_or_desk() {
    let app = spawn_app();
    let receipts = app
        .client
        .rocket()
        .state::<session_lab::inspector::ReceiptBook>()
        .unwrap();
    flood_one_address(&app, || block_on(receipts.count()).unwrap());
}

#[test]
#[ignore = "needs redis-server; run ./scripts/test"]
fn in_redis_too_a_flood_from_one_address_pushes_out_only_its_own_receipts_and_desks() {
    use redis::Commands;
    let server = crate::redis_server::RedisServer::start();
    let prefix = crate::redis_server::unique_prefix();
    let app = spawn_app_with(crate::stores::redis_config(&server, &prefix));
    let mut redis = redis::Client::open(server.url()).unwrap().get_connection().unwrap();
    let receipts_key = format!("{prefix}class:map:receipts:all");
    flood_one_address(&app, || redis.zcard(&receipts_key).unwrap());
    let desks: usize = redis.zcard(format!("{prefix}class:map:desk:all")).unwrap();
    assert_eq!(desks, 17, "16 desks for the flooding address and the victim's");
}

/// A victim at one address steals its own id in the hijack lesson; then a hundred browsers from
/// another address log in and do the same. The victim's receipt and desk survive, and the
/// receipts kept (`kept()`) are the flooding address's share and the victim's.
fn flood_one_address(app: &crate::helpers::TestApp, mut kept: impl FnMut() -> usize) {
    let victim = app.browser_at("10.0.0.2");
    victim.get("/");
    victim.login("session", "abc", "1234");
    let token = field_value(&victim.get("/lab/hijack").into_string().unwrap(), "token");
    victim.post_form("/lab/hijack/steal", &form(&[("token", &token)]));
    for _ in 0..100 {
        let bot = app.browser_at("10.0.0.66");
        bot.get("/");
        bot.login("cookie", "abc", "1234");
        let token = field_value(&bot.get("/lab/hijack").into_string().unwrap(), "token");
        bot.post_form("/lab/hijack/steal", &form(&[("token", &token)]));
    }
    let page = victim.get("/session").into_string().unwrap();
    assert!(page.contains("Set-Cookie: sid&#x3D;…"), "the victim's receipt survived");
    assert!(
        victim
            .get("/lab/hijack")
            .into_string()
            .unwrap()
            .contains(&"*".repeat(43)),
        "and the desk"
    );
    assert_eq!(kept(), 33, "the flood kept its own share (32) and the victim's receipt");
}

#[test]
fn one_browser_cannot_evict_the_class_board() {
    let app = spawn_app();
    let classmate = app.browser_at("10.0.0.2");
    classmate.login("cookie", "abc", "1234");
    assert_eq!(post_on_board(&classmate, "cookie", "<b>mine</b>"), Status::SeeOther);
    let bot = app.browser_at("10.0.0.66");
    bot.login("cookie", "abc", "1234");
    for i in 0..250 {
        assert_eq!(post_on_board(&bot, "cookie", &format!("spam {i}")), Status::SeeOther);
    }
    let board = classmate.get("/cookie/board").into_string().unwrap();
    assert!(board.contains("<b>mine</b>"), "the classmate's post is still there");
    assert_eq!(
        board.matches("spam ").count(),
        5,
        "one browser keeps its last five posts"
    );
}

/// The collector address a board page printed for its first running post.
fn collector_on(board: &str) -> String {
    board
        .split("data-collector=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a running post names its collector")
        .replace("&amp;", "&")
        .replace("&#x3D;", "=")
}

#[test]
fn collector_records_credit_a_post_only_with_the_ticket_the_board_printed() {
    let app = spawn_app();
    let author = app.browser_at("10.0.0.2");
    author.login("cookie", "abc", "1234");
    assert_eq!(post_on_board(&author, "cookie", "<i>hello</i>"), Status::SeeOther);
    let board = author.get("/cookie/board").into_string().unwrap();
    let post_id = field_value(&board.replace("data-post=\"", "name=\"post\" value=\""), "post");
    let same_origin = [
        ("Origin", "http://localhost"),
        ("Host", "localhost"),
        ("Sec-Fetch-Site", "same-origin"),
    ];
    let stolen = |b: &Browser<'_>| b.get("/lab/stolen").into_string().unwrap();

    let forger = app.browser_at("10.0.0.66");
    forger.get("/");
    let path = format!("/lab/stolen?post={post_id}&ticket=0000");
    let forged = post_with(&forger, &app, &path, "GO TO evil.example", &same_origin);
    assert_eq!(
        forged.status(),
        Status::NoContent,
        "kept, but only for the forger's own page"
    );
    assert!(!stolen(&author).contains("evil.example"));

    // Positive control: with the class board on, the post runs in a classmate's browser, and
    // what it sends with the ticket printed for that browser reaches the author.
    let teacher = teacher(&app);
    let token = dashboard_token(&teacher);
    teacher.post_form(
        "/instructor/preset/class-board",
        &form(&[("csrf_token", &token), ("on", "true")]),
    );
    let classmate = app.browser_at("10.0.0.3");
    let collector = collector_on(&classmate.get("/cookie/board").into_string().unwrap());
    let sent = post_with(&classmate, &app, &collector, "password=classmate-secret", &same_origin);
    assert_eq!(sent.status(), Status::NoContent);
    assert!(stolen(&author).contains("classmate-secret"));

    // The classmate's ticket does not work from another browser.
    let replayed = post_with(&forger, &app, &collector, "STOLEN TICKET", &same_origin);
    assert_eq!(replayed.status(), Status::NoContent);
    assert!(!stolen(&author).contains("STOLEN TICKET"));
}

#[test]
fn the_projected_event_feed_gets_no_free_text_and_no_flood() {
    let app = spawn_app();
    let mut events = subscribe(&app);
    let attacker = app.browser_at("10.0.0.66");
    for i in 0..60 {
        let name = format!("<img src=x onerror=alert({i})> VISIT evil.example");
        attacker.login("session", &name, "x");
    }
    let mut seen = Vec::new();
    while let Ok(event) = events.try_recv() {
        seen.push(event);
    }
    assert!(!seen.is_empty(), "positive control: failures do reach the feed");
    assert!(
        seen.len() <= session_lab::events::BURST as usize,
        "{} events",
        seen.len()
    );
    assert!(
        seen.iter().all(|e| e.user == "?"),
        "names that are not usernames show as ?"
    );
}

// 8, 9. Sessions by account; streams that end.

#[test]
fn a_new_login_beyond_the_limit_ends_that_accounts_oldest_session() {
    let app = spawn_app_with(figment().merge(("max_sessions_per_user", 3)));
    app.browser()
        .post_form("/register", &form(&[("username", "mina"), ("password", "pass word")]));
    let browsers: Vec<Browser<'_>> = (0..4).map(|i| app.browser_at(&format!("10.0.1.{i}"))).collect();
    for browser in &browsers {
        assert_eq!(browser.login("session", "mina", "pass word").status(), Status::SeeOther);
    }
    let alive: Vec<bool> = browsers
        .iter()
        .map(|b| crate::helpers::json(b.get("/session/inspect"))["logged_in"] == true)
        .collect();
    assert_eq!(alive, [false, true, true, true], "the oldest ended");
}

#[test]
fn a_class_of_forty_can_share_the_demo_account() {
    let app = spawn_app();
    let class: Vec<Browser<'_>> = (0..40).map(|i| app.browser_at(&format!("10.0.2.{i}"))).collect();
    for student in &class {
        assert_eq!(student.login("session", "abc", "1234").status(), Status::SeeOther);
    }
    for student in &class {
        assert_eq!(crate::helpers::json(student.get("/session/inspect"))["logged_in"], true);
    }
}

#[test]
fn revoking_a_user_ends_exactly_that_users_sessions() {
    let app = spawn_app();
    app.browser()
        .post_form("/register", &form(&[("username", "mina"), ("password", "pass word")]));
    let mina: Vec<Browser<'_>> = (0..3).map(|i| app.browser_at(&format!("10.0.3.{i}"))).collect();
    for b in &mina {
        b.login("session", "mina", "pass word");
    }
    let other = app.browser_at("10.0.3.9");
    other.login("session", "abc", "1234");
    let teacher = teacher(&app);
    let token = dashboard_token(&teacher);
    let revoke = teacher.post_form(
        "/instructor/revoke-user",
        &form(&[("csrf_token", &token), ("user", "mina")]),
    );
    assert_eq!(
        revoke.headers().get_one("Location"),
        Some("/instructor?revoked=3&who=mina#revoked")
    );
    for b in &mina {
        assert_eq!(crate::helpers::json(b.get("/session/inspect"))["logged_in"], false);
    }
    assert_eq!(crate::helpers::json(other.get("/session/inspect"))["logged_in"], true);
}

#[rocket::async_test]
async fn the_event_stream_ends_when_the_instructors_session_ends() {
    use rocket::local::asynchronous::Client;
    use rocket::tokio::io::AsyncReadExt;
    use rocket::tokio::time::{timeout, Duration};

    for ending in ["logout", "revoke"] {
        let client = Client::untracked(session_lab::build(figment())).await.unwrap();
        let login = client
            .post("/session/login")
            .header(ContentType::Form)
            .body(form(&[("username", "teacher"), ("password", INSTRUCTOR_PASSWORD)]))
            .dispatch()
            .await;
        let sid = login.cookies().get("sid").unwrap().value().to_owned();
        let cookie = || rocket::http::Cookie::new("sid", sid.clone());
        let stream = client.get("/instructor/events").cookie(cookie()).dispatch().await;
        assert_eq!(stream.status(), Status::Ok, "positive control: the instructor opens it");
        let page = client
            .get("/session")
            .cookie(cookie())
            .dispatch()
            .await
            .into_string()
            .await
            .unwrap();
        let token = field_value(&page, "csrf_token");
        match ending {
            "logout" => {
                client
                    .post("/session/logout")
                    .header(ContentType::Form)
                    .cookie(cookie())
                    .body(form(&[("csrf_token", &token)]))
                    .dispatch()
                    .await;
            }
            _ => {
                let sessions = client.rocket().state::<session_lab::session::Sessions>().unwrap();
                let id: SessionId = sid.parse().unwrap();
                assert!(sessions.revoke(&id.storage_key()).await.unwrap());
            }
        }
        // Reading to the end returns only because the server closes the stream.
        let mut rest = Vec::new();
        let mut body = stream;
        let ended = timeout(Duration::from_secs(60), body.read_to_end(&mut rest)).await;
        assert!(ended.is_ok(), "{ending}: the stream did not end");
    }
}

// 10. Password guessing.

#[test]
fn ten_failures_for_one_account_from_one_address_get_429_on_every_route() {
    let app = spawn_app();
    let attacker = app.browser_at("10.0.0.66");
    for _ in 0..10 {
        assert_eq!(attacker.login("session", "abc", "wrong").status(), Status::Unauthorized);
    }
    let refused = attacker.login("session", "abc", "1234");
    assert_eq!(refused.status(), Status::TooManyRequests, "even the right password");
    let wait: u64 = refused.headers().get_one("Retry-After").unwrap().parse().unwrap();
    assert!((1..=300).contains(&wait), "{wait}");
    assert_eq!(
        attacker.login("cookie", "abc", "1234").status(),
        Status::TooManyRequests
    );
    attacker.set_cookie("username", "abc", "/cookie");
    attacker.set_cookie("password", "1234", "/cookie");
    assert_eq!(
        attacker.get("/cookie").status(),
        Status::TooManyRequests,
        "the cookie flow's guard"
    );
    let token = field_value(&attacker.get("/lab/hijack").into_string().unwrap(), "token");
    let replay = form(&[("token", &token), ("cookie_header", "username=abc; password=1234")]);
    assert_eq!(
        attacker.post_form("/lab/hijack/replay-cookie", &replay).status(),
        Status::TooManyRequests
    );

    assert_eq!(
        app.browser_at("10.0.0.2").login("session", "abc", "1234").status(),
        Status::SeeOther,
        "a classmate at another address is not locked out"
    );
}

#[test]
fn failures_on_any_route_count_towards_the_limit() {
    let app = spawn_app();
    let mut events = subscribe(&app);
    let attacker = app.browser_at("10.0.0.66");
    attacker.set_cookie("username", "abc", "/cookie");
    attacker.set_cookie("password", "wrong", "/cookie");
    for _ in 0..5 {
        attacker.get("/cookie");
    }
    let token = field_value(&attacker.get("/lab/hijack").into_string().unwrap(), "token");
    for _ in 0..5 {
        let replay = form(&[("token", &token), ("cookie_header", "username=abc; password=nope")]);
        attacker.post_form("/lab/hijack/replay-cookie", &replay);
    }
    assert_eq!(
        attacker.login("signed", "abc", "1234").status(),
        Status::TooManyRequests
    );
    let mut seen = Vec::new();
    while let Ok(event) = events.try_recv() {
        let event = serde_json::to_value(&event).unwrap();
        seen.push(format!("{} {} {}", event["kind"], event["flow"], event["user"]).replace('"', ""));
    }
    assert_eq!(
        seen.iter().filter(|e| *e == "login-failed cookie abc").count(),
        10,
        "the guard's and the replay's failures reach the dashboard: {seen:?}"
    );
    assert!(seen.contains(&"throttled signed abc".to_owned()), "{seen:?}");
}

#[test]
fn a_forged_forwarded_address_does_not_escape_the_limit() {
    let app = spawn_app();
    let attacker = app.browser_at("10.0.0.66");
    for i in 0..12 {
        let request = app
            .client
            .post("/session/login")
            .header(ContentType::Form)
            .header(Header::new("X-Real-IP", format!("192.0.2.{i}")))
            .body(form(&[("username", "abc"), ("password", "wrong")]));
        attacker.send_request(request, "/session/login");
    }
    assert_eq!(
        attacker.login("session", "abc", "1234").status(),
        Status::TooManyRequests
    );

    // Behind a configured proxy, the proxy's header names the real client.
    let proxied = spawn_app_with(figment().merge(("trusted_proxies", ["10.0.0.1"])));
    let proxy = proxied.browser_at("10.0.0.1");
    for _ in 0..10 {
        let request = proxied
            .client
            .post("/session/login")
            .header(ContentType::Form)
            .header(Header::new("X-Real-IP", "10.5.5.5"))
            .body(form(&[("username", "abc"), ("password", "wrong")]));
        proxy.send_request(request, "/session/login");
    }
    let request = |ip: &str| {
        proxied
            .client
            .post("/session/login")
            .header(ContentType::Form)
            .header(Header::new("X-Real-IP", ip.to_owned()))
            .body(form(&[("username", "abc"), ("password", "1234")]))
    };
    assert_eq!(
        proxy.send_request(request("10.5.5.5"), "/session/login").status(),
        Status::TooManyRequests
    );
    assert_eq!(
        proxy.send_request(request("10.5.5.6"), "/session/login").status(),
        Status::SeeOther,
        "another student behind the same proxy"
    );
}

#[rocket::async_test]
async fn a_full_hashing_queue_answers_503_with_retry_after_instead_of_waiting() {
    use rocket::futures::future::join_all;
    use rocket::local::asynchronous::Client;

    let client = Client::untracked(session_lab::build(figment())).await.unwrap();
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let queue = cores * session_lab::accounts::hashing::MAX_WAITING_PER_CORE;
    let requests = (0..queue + 4 * cores + 100).map(|i| {
        client
            .get("/cookie")
            .remote(std::net::SocketAddr::from((
                [10, 7, (i / 200) as u8, (i % 200) as u8],
                4000,
            )))
            .header(Header::new("Cookie", "username=abc; password=1234"))
            .cookie(rocket::http::Cookie::new("username", "abc"))
            .cookie(rocket::http::Cookie::new("password", "1234"))
            .dispatch()
    });
    let responses = join_all(requests).await;
    let busy: Vec<_> = responses
        .iter()
        .filter(|r| r.status() == Status::ServiceUnavailable)
        .collect();
    assert!(
        !busy.is_empty(),
        "{} at once overflow a queue of {queue}",
        responses.len()
    );
    assert!(busy.iter().all(|r| r.headers().get_one("Retry-After") == Some("1")));
    assert!(responses.iter().all(|r| matches!(r.status().code, 200 | 503)));
    assert!(
        responses.iter().any(|r| r.status() == Status::Ok),
        "the queue still serves"
    );
}

// 11. Cross-site requests.

#[test]
fn every_state_changing_route_refuses_a_cross_site_request() {
    let app = spawn_app();
    let posts: Vec<String> = app
        .client
        .rocket()
        .routes()
        .filter(|r| r.method == rocket::http::Method::Post)
        .map(|r| r.uri.path().to_string())
        .filter(|p| !p.contains('<'))
        .collect();
    assert!(posts.len() > 20, "{posts:?}");
    // The routes a lesson keeps open are listed in docs/lab.md, and only those are open.
    let lab = std::fs::read_to_string(format!("{}/docs/lab.md", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let section = lab.split("## Routes that a lesson keeps open").nth(1).unwrap();
    let listed: Vec<&str> = section
        .lines()
        .filter_map(|line| line.strip_prefix("| `POST "))
        .filter_map(|rest| rest.split('`').next())
        .collect();
    assert_eq!(
        listed,
        session_lab::cross_site::OPEN_ON_PURPOSE,
        "docs/lab.md lists the open routes"
    );
    let browser = app.browser();
    for path in &listed {
        let response = post_with(&browser, &app, path, "attack=x", &[("Origin", "http://evil.example")]);
        assert_eq!(response.status(), Status::SeeOther, "{path} is open on purpose");
    }
    for path in posts.iter().filter(|path| !listed.contains(&path.as_str())) {
        for header in [
            ("Origin", "http://evil.example"),
            ("Sec-Fetch-Site", "cross-site"),
            ("Origin", "null"),
        ] {
            let response = post_with(&browser, &app, path, "username=abc&password=1234", &[header]);
            assert_eq!(response.status(), Status::Forbidden, "{path} {header:?}");
            assert!(
                response
                    .into_string()
                    .unwrap()
                    .contains("came from a page of another site"),
                "{path}"
            );
        }
    }
}

#[test]
fn another_site_cannot_log_a_browser_in_or_register_an_account() {
    let app = spawn_app();
    let victim = app.browser();
    let login = post_with(
        &victim,
        &app,
        "/session/login",
        "username=abc&password=1234",
        &[("Origin", "http://evil.example")],
    );
    assert_eq!(login.status(), Status::Forbidden);
    assert!(victim.cookie("sid").is_none(), "no session was planted");
    let register = post_with(
        &victim,
        &app,
        "/register",
        "username=planted&password=abcd1234",
        &[("Sec-Fetch-Site", "cross-site")],
    );
    assert_eq!(register.status(), Status::Forbidden);
    // Positive control: the same requests from this origin work.
    let own = post_with(
        &victim,
        &app,
        "/session/login",
        "username=abc&password=1234",
        &[("Origin", "http://localhost"), ("Host", "localhost")],
    );
    assert_eq!(own.status(), Status::SeeOther);
}

// One address and the place for accounts.

/// A script from one address cannot take every place `max_accounts` leaves: beyond
/// `max_registrations_per_address` within an hour it gets 429 with `Retry-After`, while the
/// classmate beside it still registers. A name already taken costs no place.
#[test]
fn one_address_cannot_take_every_place_for_accounts() {
    let app = spawn_app_with(figment().merge(("max_registrations_per_address", 3)));
    let register = |from: &str, name: &str| {
        app.browser_at(from)
            .post_form("/register", &form(&[("username", name), ("password", "pass word")]))
    };
    assert_eq!(register("10.0.0.5", "abc").status(), Status::Conflict, "taken");
    for name in ["bot1", "bot2", "bot3"] {
        assert_eq!(register("10.0.0.5", name).status(), Status::SeeOther, "{name}");
    }
    let refused = register("10.0.0.5", "bot4");
    assert_eq!(refused.status(), Status::TooManyRequests);
    let wait: u64 = refused
        .headers()
        .get_one("Retry-After")
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    assert!((3590..=3600).contains(&wait), "within the hour: {wait}");
    let page = refused.into_string().unwrap();
    assert!(page.contains("as many accounts as it may within an hour"), "{page}");
    assert!(
        page.contains("Try again in 60 minutes."),
        "a wait of minutes, in minutes: {page}"
    );
    assert_eq!(
        register("10.0.0.6", "classmate").status(),
        Status::SeeOther,
        "another address"
    );
    assert_eq!(
        app.browser_at("10.0.0.5")
            .login("session", "bot1", "pass word")
            .status(),
        Status::SeeOther,
        "the accounts it made work"
    );
}

// 12. File-store accounts.

#[rocket::async_test]
async fn of_twenty_concurrent_registrations_of_one_name_exactly_one_wins_and_its_password_works() {
    use rocket::futures::future::join_all;
    use rocket::local::asynchronous::Client;

    let dir = tempfile::tempdir().unwrap();
    let config = figment()
        .merge(("session_store", "file"))
        .merge(("session_dir", dir.path().join("sessions")));
    let client = Client::untracked(session_lab::build(config)).await.unwrap();
    // Twenty students racing, each from its own machine.
    let requests = (0..20u8).map(|i| {
        client
            .post("/register")
            .header(ContentType::Form)
            .remote(std::net::SocketAddr::from(([10, 9, 0, i], 4000)))
            .body(form(&[("username", "bob"), ("password", &format!("password-{i}"))]))
            .dispatch()
    });
    let statuses: Vec<Status> = join_all(requests).await.iter().map(|r| r.status()).collect();
    let winners: Vec<usize> = (0..20).filter(|i| statuses[*i] == Status::SeeOther).collect();
    assert_eq!(winners.len(), 1, "{statuses:?}");
    // Taken, or turned away by the full hashing queue (two cores hash, sixteen wait).
    let refused = [Status::SeeOther, Status::Conflict, Status::ServiceUnavailable];
    assert!(statuses.iter().all(|s| refused.contains(s)), "{statuses:?}");
    assert!(
        statuses.iter().filter(|s| **s == Status::Conflict).count() >= 10,
        "{statuses:?}"
    );
    let login = |password: String| {
        client
            .post("/session/login")
            .header(ContentType::Form)
            .remote(std::net::SocketAddr::from(([10, 8, 0, 1], 4000)))
            .body(form(&[("username", "bob"), ("password", &password)]))
            .dispatch()
    };
    assert_eq!(
        login(format!("password-{}", winners[0])).await.status(),
        Status::SeeOther
    );
    let loser = (winners[0] + 1) % 20;
    assert_eq!(login(format!("password-{loser}")).await.status(), Status::Unauthorized);
}

#[test]
fn file_store_account_names_cannot_collide_with_temporary_files_or_escape_the_cap() {
    let dir = tempfile::tempdir().unwrap();
    let sessions = dir.path().join("sessions");
    let app = spawn_app_with(
        figment()
            .merge(("session_store", "file"))
            .merge(("session_dir", &sessions)),
    );
    for name in [".tmp-bob", ".hidden", "bob"] {
        let created = app
            .browser()
            .post_form("/register", &form(&[("username", name), ("password", "pass word")]));
        assert_eq!(created.status(), Status::SeeOther, "{name}");
    }
    for name in [".tmp-bob", ".hidden", "bob"] {
        assert_eq!(
            app.browser_at("10.0.0.5").login("session", name, "pass word").status(),
            Status::SeeOther,
            "{name} still works"
        );
    }
    let files: Vec<String> = std::fs::read_dir(sessions.join("accounts"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().into_string().unwrap())
        .collect();
    assert_eq!(files.len(), 3, "{files:?}");
    assert!(
        files.iter().all(|f| f.starts_with("account-")),
        "counted by the cap: {files:?}"
    );
}

// 13. /healthz.

#[test]
fn healthz_tells_anyone_nothing_that_grows_with_the_class() {
    let dir = tempfile::tempdir().unwrap();
    let sessions = dir.path().join("sessions");
    let app = spawn_app_with(
        figment()
            .merge(("session_store", "file"))
            .merge(("session_dir", &sessions)),
    );
    for i in 0..3 {
        app.browser_at(&format!("10.0.4.{i}")).login("session", "abc", "1234");
    }
    let before = std::fs::read_dir(&sessions).unwrap().count();
    let health = crate::helpers::json(app.browser().get("/healthz"));
    let mut keys: Vec<&str> = health.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(keys, ["instance", "ok", "store"]);
    assert_eq!(std::fs::read_dir(&sessions).unwrap().count(), before, "no probe files");
}

// 15. Smaller ones.

#[test]
fn logging_out_of_the_session_flow_clears_site_data() {
    let app = spawn_app();
    let student = app.browser();
    student.login("session", "abc", "1234");
    let logout = student.logout("session");
    assert_eq!(logout.headers().get_one("Clear-Site-Data"), Some("\"cookies\""));
}

#[test]
fn with_cookie_secure_every_cookie_is_secure_the_sid_is_host_prefixed_and_hsts_is_sent() {
    let app = spawn_app_with(figment().merge(("cookie_secure", true)));
    let student = app.browser();
    let mut lines = Vec::new();
    lines.extend(set_cookies(&student.get("/?lang=ko")));
    lines.extend(set_cookies(&student.login("cookie", "abc", "1234")));
    lines.extend(set_cookies(&student.login("session", "abc", "1234")));
    lines.extend(set_cookies(&student.login("signed", "abc", "1234")));
    let token = field_value(&student.get("/lab/tamper").into_string().unwrap(), "token");
    for name in ["role", "sid"] {
        let edit = form(&[("token", &token), ("name", name), ("value", "x")]);
        lines.extend(set_cookies(&student.post_form("/lab/tamper/set", &edit)));
    }
    lines.extend(set_cookies(
        &student.post_form("/lab/fixation/plant", &form(&[("token", &token)])),
    ));
    lines.extend(set_cookies(&student.logout("cookie")));
    lines.extend(set_cookies(&student.logout("signed")));
    lines.extend(set_cookies(&student.post_form("/session/logout", "")));
    assert!(lines.len() >= 12, "{lines:#?}");
    for name in [
        "lang=",
        "inspector=",
        "username=",
        "password=",
        "role=",
        "__Host-sid=",
        "signed=",
    ] {
        assert!(lines.iter().any(|l| l.starts_with(name)), "{name} was set");
    }
    for line in &lines {
        assert!(
            crate::helpers::attributes(line).contains(&"secure".to_owned()),
            "{line}"
        );
        assert!(!line.starts_with("sid="), "the plain name is not used: {line}");
    }
    let page = app.browser().get("/");
    assert_eq!(
        page.headers().get_one("Strict-Transport-Security"),
        Some("max-age=31536000")
    );
    assert!(spawn_app()
        .browser()
        .get("/")
        .headers()
        .get_one("Strict-Transport-Security")
        .is_none());
}

#[test]
fn error_pages_under_static_are_not_cacheable() {
    let app = spawn_app();
    let missing = app.browser().get("/static/css/missing.css");
    assert_eq!(missing.status(), Status::NotFound);
    assert_eq!(missing.headers().get_one("Cache-Control"), Some("no-store"));
    let found = app.browser().get("/static/css/app.css");
    assert_eq!(found.headers().get_one("Cache-Control"), Some("public, max-age=3600"));
}

#[test]
fn revoking_an_account_with_no_session_says_so_and_destructive_controls_ask_first() {
    let app = spawn_app();
    let teacher = teacher(&app);
    let token = dashboard_token(&teacher);
    let revoke = teacher.post_form(
        "/instructor/revoke-user",
        &form(&[("csrf_token", &token), ("user", "nobody_here")]),
    );
    let location = revoke.headers().get_one("Location").unwrap().to_owned();
    assert_eq!(location, "/instructor?revoked=0&who=nobody_here#revoked");
    let page = teacher
        .get(location.trim_end_matches("#revoked"))
        .into_string()
        .unwrap();
    assert!(
        page.contains("No live session of nobody_here: nothing was revoked."),
        "not silence"
    );
    for action in ["/instructor/reset", "/instructor/revoke-all"] {
        let form_tag = page
            .split("<form")
            .find(|f| f.contains(&format!("action=\"{action}\"")))
            .unwrap();
        assert!(form_tag.contains("data-confirm="), "{action} asks first");
        assert!(form_tag.contains("class=\"danger\""), "{action} looks destructive");
    }
}
