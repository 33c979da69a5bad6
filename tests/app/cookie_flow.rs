//! The cookie flow, against the contract. Mirrors session_flow.rs test for test.

use rocket::http::Status;

use crate::helpers::{attributes, form, json, set_cookie_line, set_cookies, spawn_app};
use crate::mirror;

const FLOW: &str = "cookie";

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
    assert_eq!(set_cookies(&response).len(), 3);
    for (name, value) in [("username", "abc"), ("password", "1234"), ("role", "student")] {
        let line = set_cookie_line(&response, name);
        assert!(line.starts_with(&format!("{name}={value};")), "{line}");
        let mut attrs = attributes(&line);
        attrs.sort();
        assert_eq!(
            attrs,
            ["path=/cookie", "samesite=Lax"],
            "no HttpOnly, no Max-Age: {line}"
        );
    }
}

#[test]
fn remember_adds_max_age_and_only_then() {
    let app = spawn_app();
    let response = app.browser().login_remembered(FLOW, "abc", "1234");
    for name in ["username", "password", "role"] {
        let attrs = attributes(&set_cookie_line(&response, name));
        assert!(attrs.contains(&"max-age=2592000".to_string()), "{attrs:?}");
        assert!(!attrs.contains(&"httponly".to_string()));
    }
}

#[test]
fn home_shows_the_user_when_logged_in() {
    let app = spawn_app();
    let student = app.browser();
    student.login(FLOW, "abc", "1234");
    let response = student.get("/cookie");
    assert_eq!(response.status(), Status::Ok);
    assert_eq!(response.headers().get_one("Cache-Control"), Some("no-store"));
    let page = response.into_string().unwrap();
    assert!(page.contains("You are logged in as abc."));
    assert!(
        page.contains("password&#x3D;1234"),
        "the page shows the password travelling in the Cookie header"
    );
}

#[test]
fn home_says_not_logged_in_without_cookies() {
    mirror::home_says_not_logged_in_without_cookies(FLOW);
}

#[test]
fn logout_expires_the_cookies_and_redirects() {
    let app = spawn_app();
    let student = app.browser();
    student.login(FLOW, "abc", "1234");
    let response = student.logout(FLOW);
    assert_eq!(response.status(), Status::SeeOther);
    assert_eq!(response.headers().get_one("Location"), Some("/cookie"));
    for name in ["username", "password", "role"] {
        let attrs = attributes(&set_cookie_line(&response, name));
        assert!(
            attrs.contains(&"max-age=0".to_string()) && attrs.contains(&"path=/cookie".to_string()),
            "{attrs:?}"
        );
    }
    assert!(student
        .get("/cookie")
        .into_string()
        .unwrap()
        .contains("You are not logged in."));
}

#[test]
fn staff_page_opens_for_a_tampered_role_cookie() {
    let app = spawn_app();
    let student = app.browser();
    student.login(FLOW, "abc", "1234");
    assert_eq!(student.get("/cookie/staff").status(), Status::Forbidden);
    student.set_cookie("role", "instructor", "/cookie");
    let response = student.get("/cookie/staff");
    assert_eq!(response.status(), Status::Ok, "the page believes the role cookie");
    assert!(response.into_string().unwrap().contains("abc is really a student"));
}

#[test]
fn staff_page_refuses_a_student_and_admits_the_instructor() {
    mirror::staff_page_refuses_a_student_and_admits_the_instructor(FLOW);
}

#[test]
fn inspect_reports_the_contract_fields() {
    let app = spawn_app();
    let student = app.browser();
    let anonymous = json(student.get("/cookie/inspect"));
    assert_eq!(anonymous["flow"], "cookie");
    assert_eq!(anonymous["logged_in"], false);
    assert!(anonymous["user"].is_null() && anonymous["role"].is_null() && anonymous["cookie_header"].is_null());
    assert_eq!(anonymous["cookie_bytes"], 0);

    student.login(FLOW, "abc", "1234");
    let header = student.cookie_header_for("/cookie/inspect").unwrap();
    let report = json(student.get("/cookie/inspect"));
    assert_eq!(report["flow"], "cookie");
    assert_eq!(report["logged_in"], true);
    assert_eq!(report["user"], "abc");
    assert_eq!(report["role"], "student");
    assert_eq!(report["cookie_header"], header.as_str());
    assert_eq!(report["cookie_bytes"], header.len());
    assert!(report["cookie_header"].as_str().unwrap().contains("password=1234"));
    assert!(
        report["server_state"].is_null(),
        "the server stores nothing for this flow"
    );
    assert!(report["expires_in_s"].is_null());
}

#[test]
fn stolen_cookies_still_work_after_the_victim_logs_out() {
    let app = spawn_app();
    let victim = app.browser();
    victim.login(FLOW, "abc", "1234");
    let stolen = victim.cookie_header_for("/cookie").unwrap();
    victim.logout(FLOW);
    assert!(victim
        .get("/cookie")
        .into_string()
        .unwrap()
        .contains("You are not logged in."));

    let attacker = app.browser();
    for pair in stolen.split("; ") {
        let (name, value) = pair.split_once('=').unwrap();
        attacker.set_cookie(name, value, "/cookie");
    }
    let page = attacker.get("/cookie").into_string().unwrap();
    assert!(
        page.contains("You are logged in as abc."),
        "logout could not take the credentials back"
    );
}

#[test]
fn every_login_issues_the_same_credentials_again() {
    let app = spawn_app();
    let first = set_cookie_line(&app.browser().login(FLOW, "abc", "1234"), "password");
    let second = set_cookie_line(&app.browser().login(FLOW, "abc", "1234"), "password");
    assert_eq!(first, second, "nothing fresh: the cookie is the password itself");
}

#[test]
fn credentials_are_verified_on_every_request() {
    let app = spawn_app();
    let student = app.browser();
    student.login(FLOW, "abc", "1234");
    student.set_cookie("password", "wrong", "/cookie");
    let page = student.get("/cookie").into_string().unwrap();
    assert!(page.contains("You are not logged in."));
    assert!(page.contains("did not match an account"));
    let report = json(student.get("/cookie/inspect"));
    assert_eq!(report["logged_in"], false);
    assert_eq!(report["password_checked"], true);
}

#[test]
fn the_server_keeps_no_state_for_this_flow() {
    let app = spawn_app();
    for _ in 0..3 {
        let student = app.browser();
        student.login(FLOW, "abc", "1234");
        student.get("/cookie");
    }
    assert_eq!(app.stored_sessions(), 0);
}

#[test]
fn awkward_passwords_survive_the_cookie_round_trip() {
    let app = spawn_app();
    let password = "a;b=c%d e,\"비밀\"";
    let registered = app
        .browser()
        .post_form("/register", &form(&[("username", "odd.chars"), ("password", password)]));
    assert_eq!(registered.status(), Status::SeeOther);

    let student = app.browser();
    let response = student.login(FLOW, "odd.chars", password);
    assert_eq!(response.status(), Status::SeeOther);
    let lines = set_cookies(&response);
    assert_eq!(lines.len(), 3, "the value added no header and no cookie: {lines:?}");
    let line = set_cookie_line(&response, "password");
    let value = line.trim_start_matches("password=").split(';').next().unwrap();
    assert!(
        !value.contains([' ', '"', ',', '=']) && value.is_ascii(),
        "encoded as cookie syntax needs: {value}"
    );
    assert_eq!(attributes(&line).len(), 2, "no attribute smuggled in: {line}");

    let report = json(student.get("/cookie/inspect"));
    assert_eq!(
        report["user"], "odd.chars",
        "the password came back intact and verified"
    );
}
