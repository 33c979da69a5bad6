//! The security lab: each lesson's attack succeeds against the weak flow and fails against the
//! session flow, and the lab's own tools work only for the browser that opened them.

use rocket::http::Status;

use crate::helpers::{
    attributes, field_value, form, set_cookie_line, set_cookies, spawn_app, Browser, INSTRUCTOR_PASSWORD,
};

/// Opens a lesson page and returns its form token.
fn open_lesson(browser: &Browser<'_>, lesson: &str) -> String {
    field_value(&browser.get(&format!("/lab/{lesson}")).into_string().unwrap(), "token")
}

fn page_says(browser: &Browser<'_>, path: &str, text: &str) -> bool {
    browser.get(path).into_string().unwrap().contains(text)
}

#[test]
fn the_lab_lists_its_lessons_and_each_one_exists() {
    let app = spawn_app();
    let page = app.browser().get("/lab").into_string().unwrap();
    let lessons = [
        "tamper", "xss", "hijack", "expiry", "guess", "sniff", "fixation", "signed",
    ];
    assert_eq!(
        session_lab::lab::LESSONS,
        lessons,
        "the lessons docs/lab.md plans, in its order"
    );
    for lesson in lessons {
        assert!(page.contains(&format!("href=\"/lab/{lesson}\"")), "{lesson}");
        let lesson_page = app.browser().get(&format!("/lab/{lesson}"));
        assert_eq!(lesson_page.status(), Status::Ok);
        let body = lesson_page.into_string().unwrap();
        for section in [
            "What to do",
            "What you will see",
            "Why",
            "How real systems prevent it",
            "References",
        ] {
            assert!(body.contains(section), "{lesson}: {section}");
        }
        assert!(body.contains("cheatsheetseries.owasp.org"), "{lesson} cites OWASP");
    }
}

#[test]
fn tamper_a_role_cookie_opens_the_cookie_staff_page_but_not_the_session_one() {
    let app = spawn_app();
    let student = app.browser();
    let token = open_lesson(&student, "tamper");
    student.login("cookie", "abc", "1234");
    student.login("session", "abc", "1234");
    assert_eq!(student.get("/cookie/staff").status(), Status::Forbidden);

    let edit = student.post_form(
        "/lab/tamper/set",
        &form(&[("token", &token), ("name", "role"), ("value", "instructor")]),
    );
    assert_eq!(edit.status(), Status::SeeOther);
    let line = set_cookie_line(&edit, "role");
    let mut attrs = attributes(&line);
    attrs.sort();
    assert!(
        line.starts_with("role=instructor;") && attrs == ["path=/cookie", "samesite=Lax"],
        "{line}"
    );

    assert_eq!(
        student.get("/cookie/staff").status(),
        Status::Ok,
        "the cookie flow believes it"
    );
    assert_eq!(
        student.get("/session/staff").status(),
        Status::Forbidden,
        "the session flow does not"
    );
    assert!(page_says(
        &student,
        "/lab/tamper?edited=role",
        "Your browser now holds the role you typed."
    ));
}

#[test]
fn tamper_an_edited_sid_only_logs_you_out() {
    let app = spawn_app();
    let student = app.browser();
    let token = open_lesson(&student, "tamper");
    student.login("session", "abc", "1234");
    let edit = student.post_form(
        "/lab/tamper/set",
        &form(&[("token", &token), ("name", "sid"), ("value", "teacher")]),
    );
    let line = set_cookie_line(&edit, "sid");
    assert!(
        attributes(&line).contains(&"httponly".to_string()),
        "same attributes as the real one: {line}"
    );
    assert!(page_says(&student, "/session", "You are not logged in."));
    assert_eq!(student.get("/session/staff").status(), Status::Unauthorized);
}

#[test]
fn hijack_stolen_cookie_flow_credentials_outlive_logout() {
    let app = spawn_app();
    let victim = app.browser();
    let token = open_lesson(&victim, "hijack");
    victim.login("cookie", "abc", "1234");
    let stolen = victim.cookie_header_for("/cookie").unwrap();
    let replay = || {
        victim.post_form(
            "/lab/hijack/replay-cookie",
            &form(&[("token", &token), ("cookie_header", &stolen)]),
        )
    };

    assert_eq!(replay().status(), Status::SeeOther);
    assert!(page_says(&victim, "/lab/hijack", "The attacker is logged in as abc."));
    victim.logout("cookie");
    assert!(page_says(&victim, "/cookie", "You are not logged in."));
    // An empty paste in between, so the next result cannot be the first one still showing.
    victim.post_form(
        "/lab/hijack/replay-cookie",
        &form(&[("token", &token), ("cookie_header", "")]),
    );
    assert!(page_says(
        &victim,
        "/lab/hijack",
        "Refused: the attacker is not logged in."
    ));
    replay();
    assert!(
        page_says(&victim, "/lab/hijack", "The attacker is logged in as abc."),
        "logout took nothing back"
    );

    let forged = stolen.replace("role=student", "role=instructor");
    victim.post_form(
        "/lab/hijack/replay-cookie",
        &form(&[("token", &token), ("cookie_header", &forged)]),
    );
    assert!(page_says(&victim, "/lab/hijack", "the staff-only page opens for them"));
}

#[test]
fn hijack_a_stolen_sid_dies_with_logout_and_with_revocation() {
    let app = spawn_app();
    let victim = app.browser();
    let token = open_lesson(&victim, "hijack");
    victim.login("session", "abc", "1234");
    let sid = victim.cookie("sid").unwrap();
    assert_eq!(
        victim
            .post_form("/lab/hijack/steal", &form(&[("token", &token)]))
            .status(),
        Status::SeeOther
    );
    let page = victim.get("/lab/hijack").into_string().unwrap();
    assert!(!page.contains(&sid[..12]), "the stolen id is never printed");
    victim.post_form("/lab/hijack/replay-session", &form(&[("token", &token)]));
    assert!(page_says(&victim, "/lab/hijack", "The attacker is logged in as abc."));

    victim.logout("session");
    victim.post_form("/lab/hijack/replay-session", &form(&[("token", &token)]));
    assert!(
        page_says(&victim, "/lab/hijack", "Refused: the attacker is not logged in."),
        "logout killed the id"
    );

    victim.login("session", "abc", "1234");
    victim.post_form("/lab/hijack/steal", &form(&[("token", &token)]));
    victim.post_form("/lab/hijack/replay-session", &form(&[("token", &token)]));
    assert!(page_says(&victim, "/lab/hijack", "The attacker is logged in as abc."));
    let teacher = app.browser();
    teacher.login("session", "teacher", INSTRUCTOR_PASSWORD);
    let csrf = teacher.csrf_token();
    teacher.post_form(
        "/instructor/revoke-user",
        &form(&[("csrf_token", &csrf), ("user", "abc")]),
    );
    victim.post_form("/lab/hijack/replay-session", &form(&[("token", &token)]));
    assert!(
        page_says(&victim, "/lab/hijack", "Refused: the attacker is not logged in."),
        "revoked: refused at once"
    );
}

#[test]
fn lab_tools_work_only_for_the_browser_that_opened_them() {
    let app = spawn_app();
    let owner = app.browser();
    let token = open_lesson(&owner, "tamper");
    open_lesson(&owner, "hijack");
    let other = app.browser();
    open_lesson(&other, "tamper");
    let stranger = app.browser();
    let bodies = [
        (
            "/lab/tamper/set",
            form(&[("token", &token), ("name", "role"), ("value", "instructor")]),
        ),
        ("/lab/hijack/steal", form(&[("token", &token)])),
        ("/lab/hijack/replay-session", form(&[("token", &token)])),
        (
            "/lab/hijack/replay-cookie",
            form(&[("token", &token), ("cookie_header", "username=abc; password=1234")]),
        ),
    ];
    for (path, body) in &bodies {
        for browser in [&other, &stranger] {
            let response = browser.post_form(path, body);
            assert_eq!(response.status(), Status::Forbidden, "{path}");
            assert!(
                set_cookies(&response)
                    .iter()
                    .all(|l| !l.starts_with("role=") && !l.starts_with("sid=")),
                "{path}"
            );
        }
        let without_token = owner.post_form(path, "name=role&value=instructor");
        assert_eq!(without_token.status(), Status::Forbidden, "{path} without a token");
    }
    let bad_name = owner.post_form(
        "/lab/tamper/set",
        &form(&[("token", &token), ("name", "lang"), ("value", "x")]),
    );
    assert_eq!(
        bad_name.status(),
        Status::Forbidden,
        "only the flows' cookies are editable"
    );
}

#[test]
fn fixation_a_planted_id_survives_only_the_login_that_keeps_it() {
    let app = spawn_app();
    let victim = app.browser();
    let token = open_lesson(&victim, "fixation");

    assert_eq!(
        victim
            .post_form("/lab/fixation/plant", &form(&[("token", &token)]))
            .status(),
        Status::SeeOther
    );
    let planted = victim.cookie("sid").expect("the attacker planted an id");
    assert!(
        !victim
            .get("/lab/fixation")
            .into_string()
            .unwrap()
            .contains(&planted[..12]),
        "never printed"
    );
    let unsafe_login = form(&[("token", &token), ("username", "abc"), ("password", "1234")]);
    victim.post_form("/lab/fixation/login-keeping-id", &unsafe_login);
    assert_eq!(
        victim.cookie("sid").as_deref(),
        Some(planted.as_str()),
        "the vulnerable login kept it"
    );
    victim.post_form("/lab/fixation/replay", &form(&[("token", &token)]));
    assert!(page_says(&victim, "/lab/fixation", "The attacker is logged in as abc."));

    victim.logout("session");
    victim.post_form("/lab/fixation/plant", &form(&[("token", &token)]));
    let planted = victim.cookie("sid").unwrap();
    victim.login("session", "abc", "1234");
    assert_ne!(
        victim.cookie("sid").unwrap(),
        planted,
        "the real login draws a fresh id"
    );
    victim.post_form("/lab/fixation/replay", &form(&[("token", &token)]));
    assert!(page_says(
        &victim,
        "/lab/fixation",
        "Refused: the attacker is not logged in."
    ));
    assert!(page_says(&victim, "/lab/fixation", "your browser no longer holds it"));
}

#[test]
fn sniff_the_cookie_flow_puts_the_password_on_the_wire_and_the_session_flow_does_not() {
    let app = spawn_app();
    let student = app.browser();
    let password = "wire-tap-me";
    app.browser()
        .post_form("/register", &form(&[("username", "sniffed"), ("password", password)]));
    student.login("cookie", "sniffed", password);
    student.login("session", "sniffed", password);
    let sid = student.cookie("sid").unwrap();

    let cookie = student.get("/cookie/wire").into_string().unwrap();
    assert!(
        cookie.contains(&format!("<mark>{password}</mark>")),
        "the password, highlighted"
    );
    assert!(cookie.contains("GET /cookie/wire HTTP/1.1"));
    let session = student.get("/session/wire").into_string().unwrap();
    assert!(
        !session.contains(password),
        "no password crosses the wire in the session flow"
    );
    assert!(!session.contains(&sid[..12]), "the id is masked in a page");
    assert!(session.contains(&"*".repeat(sid.len())));
    let lesson = student.get("/lab/sniff").into_string().unwrap();
    assert!(lesson.contains("src=\"/cookie/wire\"") && lesson.contains("src=\"/session/wire\""));
    assert!(lesson.contains("without cookie_secure"));
}

/// Posts on a flow's board with the browser's lab token; returns the status.
fn post_on_board(browser: &Browser<'_>, flow: &str, body: &str) -> Status {
    let token = field_value(&browser.get(&format!("/{flow}/board")).into_string().unwrap(), "token");
    browser
        .post_form(&format!("/{flow}/board"), &form(&[("token", &token), ("body", body)]))
        .status()
}

const PAYLOAD: &str = "<script>fetch('/lab/stolen', {method: 'POST', body: document.cookie})</script>";

#[test]
fn xss_posts_run_only_for_their_author_unless_the_class_board_is_on() {
    let app = spawn_app();
    let author = app.browser();
    author.login("cookie", "abc", "1234");
    assert_eq!(post_on_board(&author, "cookie", PAYLOAD), Status::SeeOther);

    let own = author.get("/cookie/board");
    let csp = own.headers().get_one("Content-Security-Policy").unwrap().to_owned();
    assert!(
        csp.contains("script-src 'self' 'unsafe-inline'") && csp.contains("connect-src http://localhost/lab/stolen;"),
        "scripts may connect to the collector only: {csp}"
    );
    assert!(csp.contains("img-src 'self';"), "no image beacons to other sites");
    assert!(
        own.into_string().unwrap().contains(PAYLOAD),
        "the author's own markup runs"
    );

    let other = app.browser();
    let page = other.get("/cookie/board").into_string().unwrap();
    assert!(!page.contains("<script>fetch"), "contained: another student sees text");
    assert!(page.contains("&lt;script&gt;"));
    assert!(
        !other
            .get("/session/board")
            .into_string()
            .unwrap()
            .contains("&lt;script&gt;fetch"),
        "boards are per flow"
    );

    let teacher = app.browser();
    teacher.login("session", "teacher", INSTRUCTOR_PASSWORD);
    let token = teacher.csrf_token();
    teacher.post_form(
        "/instructor/preset/class-board",
        &form(&[("csrf_token", &token), ("on", "true")]),
    );
    assert!(
        other.get("/cookie/board").into_string().unwrap().contains(PAYLOAD),
        "class board: it runs for everyone"
    );
    teacher.post_form(
        "/instructor/preset/class-board",
        &form(&[("csrf_token", &token), ("on", "false")]),
    );
    assert!(
        !other
            .get("/cookie/board")
            .into_string()
            .unwrap()
            .contains("<script>fetch"),
        "switched back cleanly"
    );
}

#[test]
fn the_collector_takes_data_only_from_this_origin_and_caps_it() {
    use rocket::http::{ContentType, Header};
    let app = spawn_app();
    let victim = app.browser();
    victim.get("/lab/xss");
    let inspector = victim.cookie("inspector").unwrap();
    let send = |origin: Option<&str>, site: Option<&str>, body: String| {
        let mut request = app.client.post("/lab/stolen").header(ContentType::Text).body(body);
        request = request.cookie(rocket::http::Cookie::new("inspector", inspector.clone()));
        request.add_header(Header::new("Host", "localhost"));
        if let Some(origin) = origin {
            request.add_header(Header::new("Origin", origin.to_owned()));
        }
        if let Some(site) = site {
            request.add_header(Header::new("Sec-Fetch-Site", site.to_owned()));
        }
        request.dispatch().status()
    };
    assert_eq!(
        send(Some("http://evil.example"), Some("cross-site"), "x".into()),
        Status::Forbidden
    );
    assert_eq!(send(Some("http://evil.example"), None, "x".into()), Status::Forbidden);
    assert_eq!(
        send(None, None, "x".into()),
        Status::Forbidden,
        "a request that does not say where it comes from"
    );
    assert_eq!(
        send(Some("http://localhost"), Some("same-origin"), "password=1234".into()),
        Status::NoContent
    );
    assert_eq!(
        send(Some("http://localhost"), Some("same-origin"), "y".repeat(6000)),
        Status::NoContent
    );
    let page = victim.get("/lab/stolen").into_string().unwrap();
    assert!(page.contains("password&#x3D;1234") || page.contains("password=1234"));
    assert!(!page.contains(&"y".repeat(2049)), "kept at most 2 KiB of one request");
    let statuses: Vec<Status> = (0..60)
        .map(|_| send(Some("http://localhost"), Some("same-origin"), "z".into()))
        .collect();
    let kept = statuses.iter().take_while(|s| **s == Status::NoContent).count();
    assert_eq!(kept, 48, "50 records per browser, two of them sent above");
    assert!(
        statuses[kept..].iter().all(|s| *s == Status::TooManyRequests),
        "{statuses:?}"
    );
    assert!(
        !app.browser()
            .get("/lab/stolen")
            .into_string()
            .unwrap()
            .contains("password"),
        "shown only to its browser"
    );
}

#[test]
fn guess_with_weak_ids_one_student_takes_over_anothers_session() {
    let app = spawn_app();
    app.browser()
        .post_form("/register", &form(&[("username", "mina"), ("password", "pw-1234")]));
    let teacher = app.browser();
    teacher.login("session", "teacher", INSTRUCTOR_PASSWORD);
    let csrf = teacher.csrf_token();
    teacher.post_form(
        "/instructor/preset/weak-ids",
        &form(&[("csrf_token", &csrf), ("on", "true")]),
    );
    assert!(
        page_says(&app.browser(), "/", "WEAK SESSION IDS ARE ON"),
        "labelled loudly on every page"
    );

    let attacker = app.browser();
    let token = open_lesson(&attacker, "guess");
    attacker.login("session", "mina", "pw-1234");
    let victim = app.browser();
    victim.login("session", "abc", "1234");
    let mine = attacker.cookie("sid").unwrap();
    assert!(
        page_says(&attacker, "/lab/guess", &mine),
        "the weak id is shown so the pattern can be seen"
    );

    let next: session_lab::ids::SessionId = mine.parse().unwrap();
    let counter = u64::from_be_bytes(next.as_bytes()[24..].try_into().unwrap());
    let guess = session_lab::ids::SessionId::weak_from_counter(counter + 1).expose();
    attacker.post_form("/lab/guess/try", &form(&[("token", &token), ("candidate", &guess)]));
    assert!(
        page_says(&attacker, "/lab/guess", "Hit: this id is abc"),
        "the neighbour of my id is a classmate's session"
    );
    let tamper = open_lesson(&attacker, "tamper");
    attacker.post_form(
        "/lab/tamper/set",
        &form(&[("token", &tamper), ("name", "sid"), ("value", &guess)]),
    );
    assert!(
        page_says(&attacker, "/session", "You are logged in as abc."),
        "taken over by guessing"
    );

    teacher.post_form(
        "/instructor/preset/weak-ids",
        &form(&[("csrf_token", &csrf), ("on", "false")]),
    );
    assert!(!page_says(&app.browser(), "/", "WEAK SESSION IDS ARE ON"));
    let later = app.browser();
    later.login("session", "abc", "1234");
    assert!(
        !later.cookie("sid").unwrap().starts_with("AAAAAAAAAA"),
        "back to the CSPRNG"
    );
}

#[test]
fn guess_with_the_csprng_every_guess_misses_and_the_calculator_follows_its_inputs() {
    let app = spawn_app();
    let student = app.browser();
    let token = open_lesson(&student, "guess");
    student.login("session", "abc", "1234");
    let random = session_lab::ids::SessionId::generate().unwrap().expose();
    for candidate in [
        random.as_str(),
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAD-o",
        "not an id",
    ] {
        student.post_form("/lab/guess/try", &form(&[("token", &token), ("candidate", candidate)]));
        let page = student.get("/lab/guess").into_string().unwrap();
        // The result names what was tried, so it cannot be an earlier step's.
        assert!(
            page.contains(&format!("<code class=\"tried\">{candidate}</code>")),
            "{candidate}"
        );
        assert!(page.contains("Miss: no live session has this id."), "{candidate}");
    }
    assert!(
        !page_says(&student, "/lab/guess", &student.cookie("sid").unwrap()[..12]),
        "a strong id is never shown"
    );
    assert!(page_says(
        &student,
        "/lab/guess?bits=10&rate=1&sessions=1",
        "the first hit comes after 8.5 minutes"
    ));
    assert!(page_says(
        &student,
        "/lab/guess?bits=256&rate=1000000000&sessions=30",
        "× 10^"
    ));
}

#[test]
fn signed_the_editor_cannot_forge_a_signed_role() {
    let app = spawn_app();
    let student = app.browser();
    let token = open_lesson(&student, "tamper");
    student.login("signed", "abc", "1234");
    assert_eq!(student.get("/signed/staff").status(), Status::Forbidden);
    let payload = base64::Engine::encode(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD,
        r#"{"user":"abc","role":"instructor","exp":99999999999999}"#,
    );
    let edit = student.post_form(
        "/lab/tamper/set",
        &form(&[
            ("token", &token),
            ("name", "signed"),
            ("value", &format!("{payload}.AAAA")),
        ]),
    );
    assert!(attributes(&set_cookie_line(&edit, "signed")).contains(&"path=/signed".to_string()));
    assert_eq!(
        student.get("/signed/staff").status(),
        Status::Unauthorized,
        "a forged payload is no login at all"
    );
    let lesson = student.get("/lab/signed");
    assert_eq!(lesson.status(), Status::Ok);
    assert!(
        lesson
            .into_string()
            .unwrap()
            .contains("<h1>Signed: state in the cookie, signed by the server</h1>"),
        "the lesson page itself, not the navigation"
    );
}

#[test]
fn xss_the_same_script_reaches_readable_credentials_in_one_flow_and_no_sid_in_the_other() {
    let app = spawn_app();
    let student = app.browser();
    let cookie_login = student.login("cookie", "abc", "1234");
    let lines = set_cookies(&cookie_login);
    assert_eq!(lines.len(), 3, "username, password and role: {lines:?}");
    for line in lines {
        assert!(
            !attributes(&line).contains(&"httponly".to_string()),
            "document.cookie will hold it: {line}"
        );
    }
    let session_login = student.login("session", "abc", "1234");
    assert!(
        attributes(&set_cookie_line(&session_login, "sid")).contains(&"httponly".to_string()),
        "document.cookie will not"
    );
    for flow in ["cookie", "session"] {
        assert_eq!(post_on_board(&student, flow, PAYLOAD), Status::SeeOther);
        assert!(
            page_says(&student, &format!("/{flow}/board"), PAYLOAD),
            "{flow}: the script is served to run"
        );
    }
}
