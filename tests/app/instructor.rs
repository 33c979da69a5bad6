//! The instructor dashboard: who may reach it, what it shows, and revocation.

use rocket::http::Status;

use crate::helpers::{field_value, form, spawn_app, Browser, TestApp, INSTRUCTOR_PASSWORD};

fn teacher(app: &TestApp) -> Browser<'_> {
    let teacher = app.browser();
    let login = teacher.login("session", "teacher", INSTRUCTOR_PASSWORD);
    assert_eq!(login.status(), Status::SeeOther);
    assert_eq!(
        login.headers().get_one("Location"),
        Some("/instructor"),
        "the instructor's login lands on the dashboard"
    );
    teacher
}

fn student(app: &TestApp) -> Browser<'_> {
    let student = app.browser();
    let login = student.login("session", "abc", "1234");
    assert_eq!(login.status(), Status::SeeOther);
    assert_eq!(login.headers().get_one("Location"), Some("/session"));
    student
}

/// The revocation keys on the dashboard, in table order.
fn keys(page: &str) -> Vec<String> {
    page.split("name=\"key\" value=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().to_owned())
        .collect()
}

fn logged_in(browser: &Browser<'_>) -> bool {
    crate::helpers::json(browser.get("/session/inspect"))["logged_in"] == true
}

#[test]
fn only_an_instructor_session_reaches_the_dashboard() {
    let app = spawn_app();
    let anonymous = app.browser().get("/instructor");
    assert_eq!(anonymous.status(), Status::SeeOther);
    assert_eq!(anonymous.headers().get_one("Location"), Some("/session/login"));

    let student = student(&app);
    assert_eq!(student.get("/instructor").status(), Status::Forbidden);
    for path in ["/", "/instructor", "/session", "/cookie"] {
        student.set_cookie("role", "instructor", path);
    }
    assert_eq!(
        student.get("/instructor").status(),
        Status::Forbidden,
        "a forged role cookie changes nothing"
    );

    let cookie_teacher = app.browser();
    cookie_teacher.login("cookie", "teacher", INSTRUCTOR_PASSWORD);
    assert_eq!(
        cookie_teacher.get("/instructor").status(),
        Status::SeeOther,
        "the cookie flow is not trusted here"
    );

    let teacher = teacher(&app);
    let page = teacher.get("/instructor");
    assert_eq!(page.status(), Status::Ok);
    assert!(page.into_string().unwrap().contains("Instructor dashboard"));
}

#[test]
fn no_control_works_for_anyone_but_the_instructor() {
    let app = spawn_app();
    let victim = student(&app);
    let teacher = teacher(&app);
    let key = keys(&teacher.get("/instructor").into_string().unwrap()).remove(0);

    let intruder = student(&app);
    let own_token = intruder.csrf_token();
    intruder.set_cookie("role", "instructor", "/");
    let anonymous = app.browser();
    anonymous.set_cookie("role", "instructor", "/");
    for browser in [&intruder, &anonymous] {
        for (path, body) in [
            ("/instructor/revoke", form(&[("csrf_token", &own_token), ("key", &key)])),
            (
                "/instructor/revoke-user",
                form(&[("csrf_token", &own_token), ("user", "abc")]),
            ),
            ("/instructor/revoke-all", form(&[("csrf_token", &own_token)])),
            (
                "/instructor/preset/expiry",
                form(&[("csrf_token", &own_token), ("on", "true")]),
            ),
            (
                "/instructor/preset/class-board",
                form(&[("csrf_token", &own_token), ("on", "true")]),
            ),
            (
                "/instructor/preset/weak-ids",
                form(&[("csrf_token", &own_token), ("on", "true")]),
            ),
            (
                "/instructor/posts/delete",
                form(&[("csrf_token", &own_token), ("post", "1")]),
            ),
            ("/instructor/reset", form(&[("csrf_token", &own_token)])),
            ("/instructor/anything", String::new()),
        ] {
            assert_eq!(browser.post_form(path, &body).status(), Status::Forbidden, "{path}");
        }
    }
    assert!(
        logged_in(&victim) && logged_in(&intruder) && logged_in(&teacher),
        "nothing was revoked"
    );
}

/// Every dashboard control with the fields it needs besides the token.
const CONTROLS: [(&str, &[(&str, &str)]); 8] = [
    (
        "/instructor/revoke",
        &[(
            "key",
            "0000000000000000000000000000000000000000000000000000000000000000",
        )],
    ),
    ("/instructor/revoke-user", &[("user", "abc")]),
    ("/instructor/revoke-all", &[]),
    ("/instructor/preset/expiry", &[("on", "true")]),
    ("/instructor/preset/class-board", &[("on", "true")]),
    ("/instructor/preset/weak-ids", &[("on", "true")]),
    ("/instructor/posts/delete", &[("post", "1")]),
    ("/instructor/reset", &[]),
];

#[test]
fn controls_need_the_instructors_csrf_token() {
    let app = spawn_app();
    let victim = student(&app);
    let teacher = teacher(&app);
    let routes: Vec<String> = app
        .client
        .rocket()
        .routes()
        .filter(|r| r.method == rocket::http::Method::Post && r.uri.path().starts_with("/instructor/"))
        .map(|r| r.uri.path().to_string())
        .filter(|p| !p.contains('<'))
        .collect();
    assert_eq!(routes.len(), CONTROLS.len(), "every control is tried: {routes:?}");
    for (path, fields) in CONTROLS {
        for token in [None, Some("forged".to_owned()), Some(victim.csrf_token())] {
            let mut body: Vec<(&str, &str)> = fields.to_vec();
            if let Some(token) = &token {
                body.push(("csrf_token", token));
            }
            assert_eq!(
                teacher.post_form(path, &form(&body)).status(),
                Status::Forbidden,
                "{path} with {token:?}"
            );
        }
    }
    assert!(logged_in(&victim));
    let dashboard = teacher.get("/instructor").into_string().unwrap();
    assert!(
        !dashboard.contains("is ON") && !dashboard.contains("Class board ON"),
        "no preset moved"
    );

    // Positive control: with the instructor's token every control goes through.
    let token = teacher.csrf_token();
    for (path, fields) in CONTROLS {
        let mut body: Vec<(&str, &str)> = fields.to_vec();
        body.push(("csrf_token", &token));
        assert_eq!(
            teacher.post_form(path, &form(&body)).status(),
            Status::SeeOther,
            "{path}"
        );
    }
}

#[test]
fn the_dashboard_lists_sessions_by_fingerprint_never_by_id() {
    let app = spawn_app();
    let one = student(&app);
    let two = student(&app);
    let teacher = teacher(&app);
    let page = teacher.get("/instructor").into_string().unwrap();
    assert!(page.contains("3 live sessions"));
    for browser in [&one, &two, &teacher] {
        let sid = browser.cookie("sid").unwrap();
        let fingerprint = sid.parse::<session_lab::ids::SessionId>().unwrap().fingerprint();
        assert!(page.contains(&format!("#{fingerprint}")), "fingerprint shown");
        assert!(!page.contains(&sid[..10]), "no id on a projected screen");
    }
    assert!(page.contains("your session"));
}

#[test]
fn a_revoked_session_is_refused_on_its_next_request() {
    let app = spawn_app();
    let victim = student(&app);
    let stolen = victim.cookie("sid").unwrap();
    let attacker = app.browser();
    attacker.set_cookie("sid", &stolen, "/");
    assert!(logged_in(&attacker), "the stolen id works");

    let teacher = teacher(&app);
    let token = teacher.csrf_token();
    let key = keys(&teacher.get("/instructor").into_string().unwrap()).remove(0);
    let revoked = teacher.post_form("/instructor/revoke", &form(&[("csrf_token", &token), ("key", &key)]));
    assert_eq!(revoked.status(), Status::SeeOther);
    assert_eq!(revoked.headers().get_one("Location"), Some("/instructor?revoked=1"));

    assert!(!logged_in(&attacker), "refused at once");
    assert!(!logged_in(&victim));
    assert!(logged_in(&teacher));
    assert!(teacher
        .get("/instructor?revoked=1")
        .into_string()
        .unwrap()
        .contains("1 session revoked."));
}

#[test]
fn revoking_a_user_or_everyone_keeps_the_instructor_logged_in() {
    let app = spawn_app();
    app.browser()
        .post_form("/register", &form(&[("username", "mina"), ("password", "pw-1234")]));
    let abc_one = student(&app);
    let abc_two = student(&app);
    let mina = app.browser();
    mina.login("session", "mina", "pw-1234");
    let teacher = teacher(&app);
    let token = teacher.csrf_token();

    let by_user = teacher.post_form(
        "/instructor/revoke-user",
        &form(&[("csrf_token", &token), ("user", "abc")]),
    );
    assert_eq!(
        by_user.headers().get_one("Location"),
        Some("/instructor?revoked=2&who=abc#revoked")
    );
    assert!(!logged_in(&abc_one) && !logged_in(&abc_two) && logged_in(&mina));

    let all = teacher.post_form("/instructor/revoke-all", &form(&[("csrf_token", &token)]));
    assert_eq!(all.headers().get_one("Location"), Some("/instructor?revoked=1"));
    assert!(!logged_in(&mina) && logged_in(&teacher), "everyone but the instructor");
}

#[test]
fn only_the_instructor_can_open_the_event_stream() {
    let app = spawn_app();
    assert_eq!(app.browser().get("/instructor/events").status(), Status::Forbidden);
    let student = student(&app);
    student.set_cookie("role", "instructor", "/");
    assert_eq!(student.get("/instructor/events").status(), Status::Forbidden);
    // The instructor's stream is endless, so it is opened without being read to the end.
    let teacher = teacher(&app);
    let sid = teacher.cookie("sid").unwrap();
    let stream = app
        .client
        .get("/instructor/events")
        .cookie(rocket::http::Cookie::new("sid", sid))
        .dispatch();
    assert_eq!(
        stream.status(),
        Status::Ok,
        "positive control: the instructor gets the stream"
    );
    assert_eq!(stream.content_type(), Some(rocket::http::ContentType::EventStream));
}

#[test]
fn the_expiry_preset_shortens_new_sessions_and_switches_back_cleanly() {
    let app = crate::helpers::spawn_app_with(crate::helpers::figment().merge(("lab_expiry_preset", 1)));
    let teacher = teacher(&app);
    let token = teacher.csrf_token();
    let before = student(&app);

    let on = teacher.post_form(
        "/instructor/preset/expiry",
        &form(&[("csrf_token", &token), ("on", "true")]),
    );
    assert_eq!(on.status(), Status::SeeOther);
    assert!(teacher
        .get("/instructor")
        .into_string()
        .unwrap()
        .contains("30-second expiry is ON"));
    assert!(app
        .browser()
        .get("/lab/expiry")
        .into_string()
        .unwrap()
        .contains("ends 1 seconds after its last request"));
    let during = student(&app);
    during.login("cookie", "abc", "1234");
    let record = crate::helpers::json(during.get("/session/inspect"));
    assert_eq!(record["server_state"]["idle_timeout_s"], 1);
    std::thread::sleep(std::time::Duration::from_millis(1300));
    assert!(!logged_in(&during), "ended after the preset's idle time");
    assert_eq!(
        crate::helpers::json(during.get("/cookie/inspect"))["logged_in"],
        true,
        "the cookie flow has nothing to expire"
    );
    assert!(logged_in(&before), "sessions that began earlier keep their timeout");

    teacher.post_form(
        "/instructor/preset/expiry",
        &form(&[("csrf_token", &token), ("on", "false")]),
    );
    let after = student(&app);
    assert_eq!(
        crate::helpers::json(after.get("/session/inspect"))["server_state"]["idle_timeout_s"],
        1800
    );

    let intruder = student(&app);
    let own = intruder.csrf_token();
    let refused = intruder.post_form(
        "/instructor/preset/expiry",
        &form(&[("csrf_token", &own), ("on", "true")]),
    );
    assert_eq!(refused.status(), Status::Forbidden);
}

#[test]
fn class_reset_leaves_no_session_stolen_id_or_receipt_behind() {
    let app = spawn_app();
    let student = app.browser();
    student.get("/lab/hijack");
    student.login("session", "abc", "1234");
    let lab_token = field_value(&student.get("/lab/hijack").into_string().unwrap(), "token");
    student.post_form("/lab/hijack/steal", &form(&[("token", &lab_token)]));
    assert!(student
        .get("/lab/hijack")
        .into_string()
        .unwrap()
        .contains("The attacker holds:"));
    assert!(student
        .get("/session")
        .into_string()
        .unwrap()
        .contains("Set-Cookie: sid"));

    student.login("cookie", "abc", "1234");
    let board_token = field_value(&student.get("/cookie/board").into_string().unwrap(), "token");
    let post = form(&[("token", &board_token), ("body", "<i>posted before the reset</i>")]);
    assert_eq!(student.post_form("/cookie/board", &post).status(), Status::SeeOther);
    let collect = app
        .client
        .post("/lab/stolen")
        .header(rocket::http::Header::new("Origin", "http://localhost"))
        .header(rocket::http::Header::new("Host", "localhost"))
        .body("collected before the reset");
    assert_eq!(student.send_request(collect, "/lab/stolen").status(), Status::NoContent);
    assert!(student
        .get("/lab/stolen")
        .into_string()
        .unwrap()
        .contains("collected before the reset"));

    let teacher = teacher(&app);
    let token = teacher.csrf_token();
    for preset in ["expiry", "class-board", "weak-ids"] {
        let on = form(&[("csrf_token", &token), ("on", "true")]);
        teacher.post_form(&format!("/instructor/preset/{preset}"), &on);
    }
    let before = teacher.get("/instructor").into_string().unwrap();
    assert!(before.contains("is ON"), "positive control: the expiry preset is on");
    assert!(before.contains("Class board ON") && before.contains("Switch weak ids off"));
    assert!(before.contains("posted before the reset") && before.contains("collected before the reset"));
    let reset = teacher.post_form("/instructor/reset", &form(&[("csrf_token", &token)]));
    assert_eq!(reset.status(), Status::SeeOther);
    let after = teacher.get("/instructor").into_string().unwrap();
    assert!(!after.contains("posted before the reset"), "posts are gone");
    assert!(!after.contains("collected before the reset"), "collected data is gone");
    assert!(!after.contains("Class board ON") && !after.contains("Switch weak ids off"));
    assert!(!student
        .get("/lab/stolen")
        .into_string()
        .unwrap()
        .contains("collected before the reset"));

    assert!(!logged_in(&student), "no student session");
    assert!(logged_in(&teacher), "the instructor's own stays");
    let lab = student.get("/lab/hijack").into_string().unwrap();
    assert!(lab.contains("The attacker holds nothing yet."), "no stolen id");
    assert!(
        student.get("/session").into_string().unwrap().contains("Nothing yet."),
        "no receipt"
    );
    assert!(
        !teacher.get("/instructor").into_string().unwrap().contains("is ON"),
        "presets off"
    );
    let page = teacher.get("/instructor").into_string().unwrap();
    assert!(page.contains("1 live session"));
}

#[test]
fn the_dashboard_shows_the_join_address_and_its_qr_code() {
    let app = spawn_app();
    let teacher = teacher(&app);
    let mut request = app.client.get("/instructor");
    request = request.cookie(rocket::http::Cookie::new("sid", teacher.cookie("sid").unwrap()));
    request.add_header(rocket::http::Header::new("Host", "192.168.0.20:8000"));
    let page = request.dispatch().into_string().unwrap();
    assert!(page.contains("http://192.168.0.20:8000/"));
    assert!(!page.contains("loopback address"));
    let svg = teacher.get("/instructor/join.svg");
    assert_eq!(svg.content_type(), Some(rocket::http::ContentType::SVG));
    assert!(svg.into_string().unwrap().contains("<svg"));
    assert_eq!(student(&app).get("/instructor/join.svg").status(), Status::Forbidden);
}

#[rocket::async_test]
async fn every_class_event_reaches_the_bus() {
    use rocket::local::asynchronous::Client;
    use session_lab::events::EventBus;
    let client = Client::untracked(session_lab::build(crate::helpers::figment()))
        .await
        .unwrap();
    let mut events = client.rocket().state::<EventBus>().unwrap().subscribe();
    let post = |path: &'static str, body: String, cookie: Option<String>| {
        let mut request = client.post(path).header(rocket::http::ContentType::Form).body(body);
        if let Some(cookie) = cookie {
            request = request.cookie(rocket::http::Cookie::new("sid", cookie));
        }
        request.dispatch()
    };
    for flow in ["/cookie/login", "/session/login", "/signed/login"] {
        post(flow, form(&[("username", "abc"), ("password", "nope")]), None).await;
        post(flow, form(&[("username", "abc"), ("password", "1234")]), None).await;
    }
    let teacher = post(
        "/session/login",
        form(&[("username", "teacher"), ("password", INSTRUCTOR_PASSWORD)]),
        None,
    )
    .await;
    let sid = teacher.cookies().get("sid").unwrap().value().to_owned();
    let page = client
        .get("/session")
        .cookie(rocket::http::Cookie::new("sid", sid.clone()))
        .dispatch()
        .await;
    let page = page.into_string().await.unwrap();
    let token = field_value(&page, "csrf_token");
    post(
        "/instructor/revoke-user",
        form(&[("csrf_token", &token), ("user", "abc")]),
        Some(sid),
    )
    .await;

    let mut seen = Vec::new();
    while let Ok(event) = events.try_recv() {
        let event = serde_json::to_value(&event).unwrap();
        seen.push(format!(
            "{} {} {}",
            event["kind"].as_str().unwrap(),
            event["flow"].as_str().unwrap(),
            event["user"].as_str().unwrap()
        ));
    }
    for expected in [
        "login-failed cookie abc",
        "login cookie abc",
        "login-failed session abc",
        "login session abc",
        "login-failed signed abc",
        "login signed abc",
        "login session teacher",
        "revoked session abc",
    ] {
        assert!(seen.iter().any(|e| e == expected), "{expected} not in {seen:?}");
    }
}

/// The dashboard's script submits controls with `stay=true` and gets `204`: the page stays. The
/// token is still required, and the parts it refreshes carry no token and open only for the
/// instructor.
#[test]
fn controls_can_answer_in_place_and_the_refreshed_parts_hold_no_secret() {
    let app = spawn_app();
    let teacher = teacher(&app);
    let student = student(&app);
    let page = teacher.get("/instructor").into_string().unwrap();
    let token = field_value(&page, "csrf_token");
    let stay = teacher.post_form(
        "/instructor/preset/expiry",
        &form(&[("csrf_token", &token), ("on", "true"), ("stay", "true")]),
    );
    assert_eq!(stay.status(), Status::NoContent, "in place: no navigation");
    let presets = teacher.get("/instructor/part/presets");
    assert_eq!(presets.status(), Status::Ok);
    let presets = presets.into_string().unwrap();
    assert!(presets.contains("30-second expiry is ON"), "{presets}");
    assert!(!presets.contains(&token), "a part never carries the instructor's token");
    assert!(presets.contains("name=\"csrf_token\" value=\"\""));
    let without = teacher.post_form(
        "/instructor/preset/expiry",
        &form(&[("csrf_token", "wrong"), ("on", "false"), ("stay", "true")]),
    );
    assert_eq!(without.status(), Status::Forbidden, "the token is still required");

    // A revocation in place leaves its note for the refreshed page.
    let revoke = teacher.post_form(
        "/instructor/revoke-user",
        &form(&[("csrf_token", &token), ("user", "nobody-here"), ("stay", "true")]),
    );
    assert_eq!(revoke.status(), Status::NoContent);
    let note = teacher.get("/instructor/part/note").into_string().unwrap();
    assert!(note.contains("nobody-here"), "{note}");
    let sessions = teacher.get("/instructor/part/sessions").into_string().unwrap();
    assert!(sessions.contains("data-user=\"abc\""), "{sessions}");
    assert!(!sessions.contains(&token));
    // Filtered on the server by user name; the count is still every live session.
    let found = teacher
        .get("/instructor/part/sessions?user=teach")
        .into_string()
        .unwrap();
    assert!(
        found.contains("data-user=\"teacher\"") && !found.contains("data-user=\"abc\""),
        "{found}"
    );
    assert!(found.contains("data-count=\"2\""), "{found}");
    let none = teacher
        .get("/instructor/part/sessions?user=%3Cb%3E")
        .into_string()
        .unwrap();
    assert!(none.contains("contains that") && !none.contains("data-user="), "{none}");

    for who in [&student, &app.browser()] {
        for part in ["sessions", "presets", "note"] {
            assert_eq!(
                who.get(&format!("/instructor/part/{part}")).status(),
                Status::Forbidden,
                "{part}"
            );
        }
        assert_eq!(who.get("/instructor/start").status(), Status::Forbidden);
    }
}

/// The start page: the join address and its code, the nine lessons in order, and which preset
/// each needs.
#[test]
fn the_start_page_gives_the_join_address_the_lesson_order_and_the_presets() {
    let app = spawn_app();
    let teacher = teacher(&app);
    let page = teacher.get("/instructor/start").into_string().unwrap();
    assert!(page.contains("/instructor/join.svg"));
    let mut last = 0;
    for lesson in session_lab::lab::LESSONS {
        let at = page
            .find(&format!("href=\"/lab/{lesson}\""))
            .unwrap_or_else(|| panic!("{lesson}"));
        assert!(at > last, "{lesson} in teaching order");
        last = at;
    }
    assert!(page.contains("switch on: the 30-second expiry") && page.contains("switch on: weak session ids"));
    let home = teacher.get("/session").into_string().unwrap();
    assert!(
        home.contains("id=\"open-dashboard\""),
        "the instructor's session page leads to the dashboard"
    );
    assert!(!app
        .browser()
        .get("/session")
        .into_string()
        .unwrap()
        .contains("open-dashboard"));
}
