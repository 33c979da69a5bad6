//! The session flow, against the contract. Mirrors cookie_flow.rs test for test.

use std::thread::sleep;
use std::time::Duration;

use rocket::http::Status;
use session_lab::ids::{SessionId, ID_CHARS};

use crate::helpers::{attributes, figment, form, json, set_cookie_line, set_cookies, spawn_app, spawn_app_with};
use crate::mirror;

const FLOW: &str = "session";

#[test]
fn login_succeeds_with_a_303_to_the_flow_home() {
    mirror::login_succeeds_with_a_303_to_the_flow_home(FLOW);
}

#[test]
fn login_failure_is_401_with_the_form_and_no_cookie() {
    mirror::login_failure_is_401_with_the_form_and_no_cookie(FLOW);
}

#[test]
fn login_sets_the_contract_cookie_attributes() {
    let app = spawn_app();
    let response = app.browser().login(FLOW, "abc", "1234");
    assert_eq!(set_cookies(&response).len(), 1, "exactly one cookie");
    let line = set_cookie_line(&response, "sid");
    let value = line.trim_start_matches("sid=").split(';').next().unwrap();
    assert_eq!(value.len(), ID_CHARS, "256 bits in base64url");
    assert!(value.parse::<SessionId>().is_ok());
    let mut attrs = attributes(&line);
    attrs.sort();
    assert_eq!(attrs, ["httponly", "path=/", "samesite=Lax"], "{line}");

    // Behind HTTPS the cookie is `__Host-sid`: Secure, Path=/, no Domain, or browsers refuse it.
    let secure = spawn_app_with(figment().merge(("cookie_secure", true)));
    let line = set_cookie_line(&secure.browser().login(FLOW, "abc", "1234"), "__Host-sid");
    let attrs = attributes(&line);
    assert!(attrs.contains(&"secure".to_string()), "{line}");
    assert!(attrs.contains(&"path=/".to_string()), "{line}");
    assert!(!attrs.iter().any(|a| a.starts_with("domain=")), "{line}");
}

#[test]
fn remember_adds_max_age_and_only_then() {
    let app = spawn_app_with(figment().merge(("session_absolute_timeout", 3600)));
    let response = app.browser().login_remembered(FLOW, "abc", "1234");
    let attrs = attributes(&set_cookie_line(&response, "sid"));
    assert!(attrs.contains(&"max-age=3600".to_string()), "{attrs:?}");
    assert!(attrs.contains(&"httponly".to_string()));
}

#[test]
fn home_shows_the_user_when_logged_in() {
    let app = spawn_app();
    let student = app.browser();
    student.login(FLOW, "abc", "1234");
    let response = student.get("/session");
    assert_eq!(response.status(), Status::Ok);
    assert_eq!(response.headers().get_one("Cache-Control"), Some("no-store"));
    let page = response.into_string().unwrap();
    assert!(page.contains("You are logged in as abc."));
    assert!(!page.contains("1234"), "the password is nowhere on the page");
}

#[test]
fn home_says_not_logged_in_without_cookies() {
    mirror::home_says_not_logged_in_without_cookies(FLOW);
}

/// An id that names no live session (unknown, expired, malformed) is reported on the home page
/// and dropped by whichever session page receives it first, so a dead id does not linger.
#[test]
fn a_dead_or_malformed_sid_is_reported_and_dropped_by_any_session_page() {
    let app = spawn_app();
    let unknown = SessionId::generate().unwrap().expose();
    for (value, page) in [
        (unknown.as_str(), "/session"),
        ("not-an-id", "/session"),
        (unknown.as_str(), "/session/staff"),
    ] {
        let student = app.browser();
        student.set_cookie("sid", value, "/");
        let response = student.get(page);
        let attrs = attributes(&set_cookie_line(&response, "sid"));
        assert!(attrs.contains(&"max-age=0".to_string()), "{value} at {page}: {attrs:?}");
        assert!(attrs.contains(&"httponly".to_string()), "{attrs:?}");
        if page == "/session" {
            let body = response.into_string().unwrap();
            assert!(body.contains("does not know"), "{value}: the home page says why");
        }
        assert_eq!(student.cookie("sid"), None, "{value} at {page}: the browser forgot it");
    }
    // Without any id there is nothing to report or drop.
    let visitor = app.browser();
    let response = visitor.get("/session");
    assert!(set_cookies(&response).iter().all(|line| !line.starts_with("sid=")));
    assert!(!response.into_string().unwrap().contains("does not know"));
}

#[test]
fn logout_expires_the_cookies_and_redirects() {
    let app = spawn_app();
    let student = app.browser();
    student.login(FLOW, "abc", "1234");
    let response = student.logout(FLOW);
    assert_eq!(response.status(), Status::SeeOther);
    assert_eq!(response.headers().get_one("Location"), Some("/session"));
    let attrs = attributes(&set_cookie_line(&response, "sid"));
    assert!(
        attrs.contains(&"max-age=0".to_string()) && attrs.contains(&"path=/".to_string()),
        "{attrs:?}"
    );
    assert!(student
        .get("/session")
        .into_string()
        .unwrap()
        .contains("You are not logged in."));
    assert_eq!(app.stored_sessions(), 0, "the record is gone");
}

#[test]
fn staff_page_ignores_a_tampered_role_cookie() {
    let app = spawn_app();
    let student = app.browser();
    student.login(FLOW, "abc", "1234");
    student.set_cookie("role", "instructor", "/");
    student.set_cookie("role", "instructor", "/session");
    let response = student.get("/session/staff");
    assert_eq!(
        response.status(),
        Status::Forbidden,
        "the role comes from the server's record"
    );
    assert!(response.into_string().unwrap().contains("Your role is student"));
}

#[test]
fn staff_page_refuses_a_student_and_admits_the_instructor() {
    mirror::staff_page_refuses_a_student_and_admits_the_instructor(FLOW);
}

#[test]
fn inspect_reports_the_contract_fields() {
    let app = spawn_app_with(figment().merge(("session_idle_timeout", 600)));
    let student = app.browser();
    let anonymous = json(student.get("/session/inspect"));
    assert_eq!(anonymous["flow"], "session");
    assert_eq!(anonymous["logged_in"], false);
    assert!(anonymous["user"].is_null() && anonymous["role"].is_null() && anonymous["cookie_header"].is_null());
    assert!(anonymous["server_state"].is_null() && anonymous["expires_in_s"].is_null());
    assert_eq!(anonymous["cookie_bytes"], 0);

    student.login(FLOW, "abc", "1234");
    let header = student.cookie_header_for("/session/inspect").unwrap();
    let report = json(student.get("/session/inspect"));
    assert_eq!(report["flow"], "session");
    assert_eq!(report["logged_in"], true);
    assert_eq!(report["user"], "abc");
    assert_eq!(report["role"], "student");
    let masked = format!("sid={}", "*".repeat(ID_CHARS));
    assert_eq!(
        report["cookie_header"],
        masked.as_str(),
        "the HttpOnly value is never shown back"
    );
    assert_eq!(report["cookie_bytes"], header.len());
    assert_eq!(header.len(), "sid=".len() + ID_CHARS, "one id is all that travels");
    assert_eq!(report["server_state"]["user"], "abc");
    assert_eq!(report["server_state"]["role"], "student");
    assert_eq!(report["server_state"]["idle_timeout_s"], 600);
    let left = report["expires_in_s"].as_u64().unwrap();
    assert!((1..=600).contains(&left), "at most the idle timeout: {left}");
    let state = &report["server_state"];
    let idle_end = state["last_seen_ms"].as_u64().unwrap() + 600_000;
    let absolute_end = state["created_ms"].as_u64().unwrap() + state["absolute_timeout_s"].as_u64().unwrap() * 1000;
    assert!(idle_end < absolute_end, "the idle timeout decides here");
}

#[test]
fn stolen_sid_is_refused_after_the_victim_logs_out() {
    let app = spawn_app();
    let victim = app.browser();
    victim.login(FLOW, "abc", "1234");
    let stolen = victim.cookie("sid").unwrap();
    let attacker = app.browser();
    attacker.set_cookie("sid", &stolen, "/");
    assert!(
        attacker
            .get("/session")
            .into_string()
            .unwrap()
            .contains("You are logged in as abc."),
        "a live id works for anyone"
    );

    victim.logout(FLOW);
    attacker.set_cookie("sid", &stolen, "/");
    let page = attacker.get("/session").into_string().unwrap();
    assert!(
        page.contains("You are not logged in."),
        "the record is gone, so the copy is worthless"
    );
    assert_eq!(json(attacker.get("/session/inspect"))["logged_in"], false);
}

#[test]
fn every_login_issues_a_fresh_sid_and_the_old_one_dies() {
    let app = spawn_app();
    let student = app.browser();
    student.login(FLOW, "abc", "1234");
    let first = student.cookie("sid").unwrap();
    student.login(FLOW, "abc", "1234");
    let second = student.cookie("sid").unwrap();
    assert_ne!(first, second);

    let replay = app.browser();
    replay.set_cookie("sid", &first, "/");
    assert!(replay
        .get("/session")
        .into_string()
        .unwrap()
        .contains("You are not logged in."));
    assert!(student
        .get("/session")
        .into_string()
        .unwrap()
        .contains("You are logged in as abc."));
    assert_eq!(app.stored_sessions(), 1, "the old record was deleted, not left behind");
}

#[test]
fn a_planted_sid_is_replaced_at_login() {
    let app = spawn_app();
    let attacker = app.browser();
    attacker.login(FLOW, "abc", "1234");
    let planted = attacker.cookie("sid").unwrap();
    let victim = app.browser();
    victim.set_cookie("sid", &planted, "/");
    victim.login(FLOW, "abc", "1234");
    assert_ne!(victim.cookie("sid").unwrap(), planted);
    assert_eq!(
        json(attacker.get("/session/inspect"))["logged_in"],
        false,
        "the planted record was deleted"
    );
    assert_eq!(app.stored_sessions(), 1, "only the victim's new session is left");
}

#[test]
fn logout_needs_the_session_csrf_token() {
    let app = spawn_app();
    let student = app.browser();
    student.login(FLOW, "abc", "1234");
    for body in [
        String::new(),
        form(&[("csrf_token", "forged")]),
        form(&[("csrf_token", "")]),
    ] {
        let response = student.post_form("/session/logout", &body);
        assert_eq!(response.status(), Status::Forbidden, "body {body:?}");
        assert!(set_cookies(&response).is_empty());
    }
    assert!(
        student
            .get("/session")
            .into_string()
            .unwrap()
            .contains("You are logged in as abc."),
        "still logged in"
    );

    let other = app.browser();
    other.login(FLOW, "abc", "1234");
    let foreign = other.csrf_token();
    let response = student.post_form("/session/logout", &form(&[("csrf_token", &foreign)]));
    assert_eq!(
        response.status(),
        Status::Forbidden,
        "another session's token does not count"
    );
    assert_eq!(student.logout(FLOW).status(), Status::SeeOther);
}

#[test]
fn idle_sessions_expire_and_activity_slides_the_timeout() {
    let app = spawn_app_with(
        figment()
            .merge(("session_idle_timeout", 2))
            .merge(("session_absolute_timeout", 60)),
    );
    let active = app.browser();
    active.login(FLOW, "abc", "1234");
    let idle = app.browser();
    idle.login(FLOW, "abc", "1234");
    for _ in 0..3 {
        sleep(Duration::from_millis(1000));
        assert!(active
            .get("/session")
            .into_string()
            .unwrap()
            .contains("logged in as abc"));
    }
    // 3 s after login: the active session slid forward; the idle one passed its 2 s.
    assert!(idle
        .get("/session")
        .into_string()
        .unwrap()
        .contains("You are not logged in."));
}

#[test]
fn absolute_timeout_ends_even_an_active_session() {
    let app = spawn_app_with(
        figment()
            .merge(("session_idle_timeout", 60))
            .merge(("session_absolute_timeout", 2)),
    );
    let student = app.browser();
    student.login(FLOW, "abc", "1234");
    sleep(Duration::from_millis(1200));
    assert!(student
        .get("/session")
        .into_string()
        .unwrap()
        .contains("logged in as abc"));
    sleep(Duration::from_millis(1200));
    assert!(student
        .get("/session")
        .into_string()
        .unwrap()
        .contains("You are not logged in."));
}

#[test]
fn inspecting_does_not_count_as_activity() {
    let app = spawn_app_with(figment().merge(("session_idle_timeout", 2)));
    let student = app.browser();
    student.login(FLOW, "abc", "1234");
    for _ in 0..3 {
        sleep(Duration::from_millis(800));
        student.get("/session/inspect");
    }
    assert_eq!(json(student.get("/session/inspect"))["logged_in"], false);
}

#[rocket::async_test]
async fn the_sweep_frees_expired_sessions_without_any_request() {
    use rocket::local::asynchronous::Client;
    let config = figment()
        .merge(("session_idle_timeout", 1))
        .merge(("session_sweep_interval", 1));
    let client = Client::untracked(session_lab::build(config)).await.unwrap();
    let body = form(&[("username", "abc"), ("password", "1234")]);
    let login = client
        .post("/session/login")
        .header(rocket::http::ContentType::Form)
        .body(&body)
        .dispatch()
        .await;
    assert_eq!(login.status(), Status::SeeOther);
    let sessions = client.rocket().state::<session_lab::session::Sessions>().unwrap();
    assert_eq!(sessions.count().await.unwrap(), 1);
    rocket::tokio::time::sleep(Duration::from_millis(2600)).await;
    assert_eq!(
        sessions.count().await.unwrap(),
        0,
        "freed by the periodic sweep, not by a lookup"
    );
}

#[test]
fn logout_others_ends_exactly_the_other_sessions_of_the_account() {
    let app = spawn_app();
    let registrar = app.browser();
    let registered = registrar.post_form("/register", &form(&[("username", "alice"), ("password", "alice-pass")]));
    assert_eq!(registered.status(), Status::SeeOther);
    let [laptop, phone, thief] = [app.browser(), app.browser(), app.browser()];
    for device in [&laptop, &phone] {
        assert_eq!(device.login(FLOW, "alice", "alice-pass").status(), Status::SeeOther);
    }
    thief.set_cookie("sid", &phone.cookie("sid").unwrap(), "/");
    let bystander = app.browser();
    bystander.login(FLOW, "abc", "1234");
    let before = app.stored_sessions();

    let refused = laptop.post_form("/session/logout-others", &form(&[("csrf_token", "forged")]));
    assert_eq!(refused.status(), Status::Forbidden);
    assert_eq!(app.stored_sessions(), before, "a forged token ends nothing");

    let token = laptop.csrf_token();
    let ended = laptop.post_form("/session/logout-others", &form(&[("csrf_token", &token)]));
    assert_eq!(ended.status(), Status::SeeOther);
    let to = ended.headers().get_one("Location").unwrap().to_owned();
    assert_eq!(
        to, "/session?ended=1#ended",
        "the phone's session is one, copied or not"
    );
    assert!(set_cookies(&ended).is_empty(), "this browser keeps its id");
    let page = laptop.get(to.trim_end_matches("#ended")).into_string().unwrap();
    assert!(page.contains("You are logged in as alice."), "{page}");
    assert!(page.contains("One other session of this account ended"), "{page}");
    for gone in [&phone, &thief] {
        assert_eq!(json(gone.get("/session/inspect"))["logged_in"], false);
    }
    assert_eq!(
        json(bystander.get("/session/inspect"))["logged_in"],
        true,
        "other accounts untouched"
    );
    assert_eq!(app.stored_sessions(), before - 1);

    let again = laptop.post_form("/session/logout-others", &form(&[("csrf_token", &token)]));
    assert_eq!(again.headers().get_one("Location"), Some("/session?ended=0#ended"));
    let page = laptop.get("/session?ended=0").into_string().unwrap();
    assert!(
        page.contains("There was no other session of this account to end."),
        "{page}"
    );
    assert!(
        laptop.get("/session?ended=x").status() == Status::Ok,
        "a bad count is ignored"
    );
}

#[test]
fn logout_others_refuses_the_shared_demo_account_and_the_logged_out() {
    let app = spawn_app();
    let classmates = [app.browser(), app.browser()];
    for classmate in &classmates {
        classmate.login(FLOW, "abc", "1234");
    }
    let page = classmates[0].get("/session").into_string().unwrap();
    assert!(page.contains("shared by the whole class"), "{page}");
    assert!(!page.contains("action=\"/session/logout-others\""), "no button for abc");
    let token = classmates[0].csrf_token();
    let refused = classmates[0].post_form("/session/logout-others", &form(&[("csrf_token", &token)]));
    assert_eq!(refused.status(), Status::Forbidden);
    assert!(refused.into_string().unwrap().contains("Register your own account"));
    assert_eq!(json(classmates[1].get("/session/inspect"))["logged_in"], true);
    assert_eq!(app.stored_sessions(), 2);

    let stranger = app.browser();
    let nobody = stranger.post_form("/session/logout-others", &form(&[("csrf_token", "x")]));
    assert_eq!(nobody.status(), Status::SeeOther);
    assert_eq!(nobody.headers().get_one("Location"), Some("/session"));
    assert_eq!(app.stored_sessions(), 2);
}

/// Registers `alice` with `alice-pass` and returns nothing: every flow can log her in.
fn register_alice(app: &crate::helpers::TestApp) {
    let registered = app
        .browser()
        .post_form("/register", &form(&[("username", "alice"), ("password", "alice-pass")]));
    assert_eq!(registered.status(), Status::SeeOther);
}

#[test]
fn a_password_change_ends_the_other_sessions_and_the_cookie_flows_old_copy() {
    let app = spawn_app();
    register_alice(&app);
    let [here, elsewhere, cookie_copy] = [app.browser(), app.browser(), app.browser()];
    here.login(FLOW, "alice", "alice-pass");
    elsewhere.login(FLOW, "alice", "alice-pass");
    cookie_copy.login("cookie", "alice", "alice-pass");
    let old_copy = cookie_copy.get("/cookie").into_string().unwrap();
    assert!(old_copy.contains("You are logged in as alice."), "{old_copy}");
    let page = here.get("/session/password").into_string().unwrap();
    assert!(page.contains("name=\"current_password\""), "{page}");
    let token = here.csrf_token();
    let change = |current: &str, new: &str, token: &str| {
        here.post_form(
            "/session/password",
            &form(&[
                ("current_password", current),
                ("new_password", new),
                ("csrf_token", token),
            ]),
        )
    };

    assert_eq!(change("alice-pass", "alice-new", "forged").status(), Status::Forbidden);
    let wrong = change("not-it", "alice-new", &token);
    assert_eq!(wrong.status(), Status::Unauthorized);
    assert!(wrong
        .into_string()
        .unwrap()
        .contains("The current password is not right"));
    let short = change("alice-pass", "abc", &token);
    assert_eq!(short.status(), Status::UnprocessableEntity);
    assert_eq!(
        json(elsewhere.get("/session/inspect"))["logged_in"],
        true,
        "nothing changed yet"
    );

    let changed = change("alice-pass", "alice-new", &token);
    assert_eq!(changed.status(), Status::SeeOther);
    assert_eq!(changed.headers().get_one("Location"), Some("/session/password?ended=1"));
    let page = here.get("/session/password?ended=1").into_string().unwrap();
    assert!(page.contains("The password is changed."), "{page}");
    assert!(page.contains("One other session of this account ended"), "{page}");
    assert_eq!(
        json(here.get("/session/inspect"))["logged_in"],
        true,
        "this session stays"
    );
    assert_eq!(json(elsewhere.get("/session/inspect"))["logged_in"], false);
    let old_copy = cookie_copy.get("/cookie").into_string().unwrap();
    assert!(!old_copy.contains("You are logged in as alice."), "{old_copy}");
    assert_eq!(
        app.browser().login("cookie", "alice", "alice-pass").status(),
        Status::Unauthorized
    );
    assert_eq!(
        app.browser().login(FLOW, "alice", "alice-new").status(),
        Status::SeeOther
    );
}

#[test]
fn the_built_in_accounts_passwords_cannot_be_changed() {
    let app = spawn_app();
    let student = app.browser();
    student.login(FLOW, "abc", "1234");
    let page = student.get("/session/password").into_string().unwrap();
    assert!(page.contains("cannot be changed here"), "{page}");
    assert!(!page.contains("name=\"new_password\""));
    let token = student.csrf_token();
    let refused = student.post_form(
        "/session/password",
        &form(&[
            ("current_password", "1234"),
            ("new_password", "mine-now"),
            ("csrf_token", &token),
        ]),
    );
    assert_eq!(refused.status(), Status::Forbidden);
    assert_eq!(
        app.browser().login(FLOW, "abc", "1234").status(),
        Status::SeeOther,
        "abc still opens with 1234"
    );
    assert_eq!(
        app.browser().login(FLOW, "abc", "mine-now").status(),
        Status::Unauthorized
    );
    let nobody = app.browser().get("/session/password");
    assert_eq!(nobody.status(), Status::SeeOther, "logged out: to the login form");
}

/// A session left open is not a way around the login throttle: guessing the current password
/// on the change form counts like failed logins, and another session's form token is no key.
#[test]
fn the_password_form_is_throttled_and_takes_only_its_own_sessions_token() {
    let app = spawn_app();
    register_alice(&app);
    let [owner, other] = [app.browser(), app.browser()];
    owner.login(FLOW, "alice", "alice-pass");
    other.login(FLOW, "alice", "alice-pass");
    let foreign = other.csrf_token();
    let body = |current: &str, token: &str| {
        form(&[
            ("current_password", current),
            ("new_password", "taken-over"),
            ("csrf_token", token),
        ])
    };
    assert_eq!(
        owner
            .post_form("/session/password", &body("alice-pass", &foreign))
            .status(),
        Status::Forbidden
    );
    assert_eq!(
        owner
            .post_form("/session/logout-others", &form(&[("csrf_token", &foreign)]))
            .status(),
        Status::Forbidden
    );
    assert_eq!(json(other.get("/session/inspect"))["logged_in"], true);

    let token = owner.csrf_token();
    let mut statuses = Vec::new();
    for guess in 0..12 {
        statuses.push(
            owner
                .post_form("/session/password", &body(&format!("guess-{guess}"), &token))
                .status(),
        );
    }
    assert!(
        statuses[..10].iter().all(|s| *s == Status::Unauthorized),
        "{statuses:?}"
    );
    assert!(
        statuses[10..].iter().all(|s| *s == Status::TooManyRequests),
        "{statuses:?}"
    );
    let right = owner.post_form("/session/password", &body("alice-pass", &token));
    assert_eq!(right.status(), Status::TooManyRequests, "even the right password waits");
    assert!(right.headers().get_one("Retry-After").is_some());
    // From another address (not throttled): the password was never changed.
    let elsewhere = app.browser_at("10.1.2.3");
    assert_eq!(
        elsewhere.login(FLOW, "alice", "taken-over").status(),
        Status::Unauthorized
    );
    assert_eq!(elsewhere.login(FLOW, "alice", "alice-pass").status(), Status::SeeOther);
}

/// Logout clears every cookie of the site (`Clear-Site-Data`), the language choice too; a
/// browser that had chosen a language is sent home with `?lang=` so it keeps reading it.
#[test]
fn logout_keeps_the_chosen_language() {
    let app = spawn_app();
    let student = app.browser();
    student.set_cookie("lang", "ko", "/");
    student.login(FLOW, "abc", "1234");
    let token = student.csrf_token();
    let response = student.post_form("/session/logout", &form(&[("csrf_token", &token)]));
    assert_eq!(response.headers().get_one("Clear-Site-Data"), Some("\"cookies\""));
    assert_eq!(response.headers().get_one("Location"), Some("/session?lang=ko"));
    let plain = app.browser();
    plain.login(FLOW, "abc", "1234");
    let token = plain.csrf_token();
    let response = plain.post_form("/session/logout", &form(&[("csrf_token", &token)]));
    assert_eq!(
        response.headers().get_one("Location"),
        Some("/session"),
        "no choice, no query"
    );
}
