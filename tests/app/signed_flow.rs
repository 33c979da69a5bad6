//! The signed flow: readable, unforgeable, and impossible to revoke before it expires.

use std::thread::sleep;
use std::time::Duration;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rocket::http::Status;

use crate::helpers::{attributes, figment, json, set_cookie_line, set_cookies, spawn_app, spawn_app_with};
use crate::mirror;

const FLOW: &str = "signed";

#[test]
fn login_succeeds_with_a_303_to_the_flow_home() {
    mirror::login_succeeds_with_a_303_to_the_flow_home(FLOW);
}

#[test]
fn login_failure_is_401_with_the_form_and_no_cookie() {
    mirror::login_failure_is_401_with_the_form_and_no_cookie(FLOW);
}

#[test]
fn login_sets_one_signed_httponly_cookie_with_a_readable_payload() {
    let app = spawn_app();
    let response = app.browser().login(FLOW, "abc", "1234");
    assert_eq!(set_cookies(&response).len(), 1);
    let line = set_cookie_line(&response, "signed");
    let mut attrs = attributes(&line);
    attrs.sort();
    assert_eq!(attrs, ["httponly", "path=/signed", "samesite=Lax"], "{line}");
    let token = line.trim_start_matches("signed=").split(';').next().unwrap();
    let (payload, signature) = token.split_once('.').unwrap();
    let claims: serde_json::Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap();
    assert_eq!(claims["user"], "abc");
    assert_eq!(claims["role"], "student");
    assert_eq!(URL_SAFE_NO_PAD.decode(signature).unwrap().len(), 32, "HMAC-SHA256");
}

#[test]
fn home_says_not_logged_in_without_cookies() {
    mirror::home_says_not_logged_in_without_cookies(FLOW);
}

#[test]
fn staff_page_refuses_a_student_and_admits_the_instructor() {
    mirror::staff_page_refuses_a_student_and_admits_the_instructor(FLOW);
}

#[test]
fn an_edited_payload_breaks_the_signature() {
    let app = spawn_app();
    let student = app.browser();
    student.login(FLOW, "abc", "1234");
    let token = student.cookie("signed").unwrap();
    let (payload, signature) = token.split_once('.').unwrap();
    let text = String::from_utf8(URL_SAFE_NO_PAD.decode(payload).unwrap())
        .unwrap()
        .replace("student", "instructor");
    student.set_cookie(
        "signed",
        &format!("{}.{signature}", URL_SAFE_NO_PAD.encode(text)),
        "/signed",
    );
    let page = student.get("/signed").into_string().unwrap();
    assert!(page.contains("You are not logged in.") && page.contains("signature did not match"));
    assert_eq!(
        student.get("/signed/staff").status(),
        Status::Unauthorized,
        "no forged instructor"
    );
}

#[test]
fn a_copy_outlives_logout_until_it_expires() {
    let app = spawn_app_with(figment().merge(("session_idle_timeout", 2)));
    let victim = app.browser();
    victim.login(FLOW, "abc", "1234");
    let stolen = victim.cookie("signed").unwrap();
    victim.logout(FLOW);
    assert!(victim
        .get("/signed")
        .into_string()
        .unwrap()
        .contains("You are not logged in."));
    let attacker = app.browser();
    attacker.set_cookie("signed", &stolen, "/signed");
    assert!(
        attacker
            .get("/signed")
            .into_string()
            .unwrap()
            .contains("You are logged in as abc."),
        "nothing to revoke"
    );
    sleep(Duration::from_millis(2200));
    assert!(
        attacker
            .get("/signed")
            .into_string()
            .unwrap()
            .contains("You are not logged in."),
        "until it expires"
    );
}

#[test]
fn inspect_reports_the_contract_fields_and_the_server_keeps_nothing() {
    let app = spawn_app();
    let student = app.browser();
    student.login(FLOW, "abc", "1234");
    let report = json(student.get("/signed/inspect"));
    assert_eq!(report["flow"], "signed");
    assert_eq!(report["logged_in"], true);
    assert_eq!(report["user"], "abc");
    assert!(report["server_state"].is_null());
    let header = report["cookie_header"].as_str().unwrap();
    assert!(header.starts_with("signed=*"), "HttpOnly values are masked: {header}");
    let sent = student.cookie_header_for("/signed/inspect").unwrap();
    assert_eq!(report["cookie_bytes"], sent.len(), "the bytes the browser really sent");
    assert_eq!(header.len(), sent.len(), "masking keeps the length");
    assert_eq!(app.stored_sessions(), 0);
    let page = student.get("/signed").into_string().unwrap();
    assert!(
        page.contains("&quot;user&quot;:&quot;abc&quot;"),
        "the payload, decoded on the page"
    );
    assert!(
        !page.contains(&student.cookie("signed").unwrap()[..30]),
        "the token itself is not printed"
    );
}

#[test]
fn compare_can_show_the_signed_flow_as_a_third_column() {
    let app = spawn_app();
    assert!(!app
        .browser()
        .get("/compare")
        .into_string()
        .unwrap()
        .contains("id=\"frame-signed\""));
    let page = app.browser().get("/compare?third=signed").into_string().unwrap();
    assert!(page.contains("id=\"frame-signed\"") && page.contains("id=\"fact-bytes-signed\""));
}
