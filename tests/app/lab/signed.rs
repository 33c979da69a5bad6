//! Lesson: signed. The cookie editor cannot forge a signed role.

use rocket::http::Status;

use super::open_lesson;
use crate::helpers::*;

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
fn signed_flipping_the_role_keeps_the_signature_and_the_server_refuses_it() {
    let app = spawn_app();
    let student = app.browser();
    let token = open_lesson(&student, "signed");
    let nothing = student.post_form("/signed/lab-flip", &form(&[("token", &token)]));
    assert_eq!(nothing.status(), Status::SeeOther);
    assert!(student
        .get("/lab/signed")
        .into_string()
        .unwrap()
        .contains("log in to the signed flow first"));

    student.login("signed", "abc", "1234");
    let before = student.cookie("signed").unwrap();
    let flip = student.post_form("/signed/lab-flip", &form(&[("token", &token)]));
    assert_eq!(flip.headers().get_one("Location"), Some("/lab/signed#tools"));
    let after = student.cookie("signed").unwrap();
    assert_eq!(
        after.split('.').nth(1),
        before.split('.').nth(1),
        "the signature is kept"
    );
    let payload = base64::Engine::decode(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD,
        after.split('.').next().unwrap(),
    )
    .unwrap();
    assert!(String::from_utf8(payload).unwrap().contains("\"role\":\"instructor\""));
    assert_eq!(
        student.get("/signed/staff").status(),
        Status::Unauthorized,
        "a changed payload is refused"
    );
    assert!(student
        .get("/lab/signed")
        .into_string()
        .unwrap()
        .contains("claims instructor"));
    // The tool needs this browser's lab token.
    assert_eq!(
        student.post_form("/signed/lab-flip", "token=wrong").status(),
        Status::Forbidden
    );
}

#[test]
fn signed_a_kept_copy_logs_in_after_logout_until_it_expires() {
    let app = spawn_app();
    let student = app.browser();
    let token = open_lesson(&student, "signed");
    student.post_form("/lab/signed/replay", &form(&[("token", &token)]));
    assert!(student
        .get("/lab/signed")
        .into_string()
        .unwrap()
        .contains("no copy to replay yet"));

    student.login("signed", "abc", "1234");
    student.post_form("/signed/lab-copy", &form(&[("token", &token)]));
    let page = student.get("/lab/signed").into_string().unwrap();
    assert!(page.contains("holds a copy of your token"));
    let value = student.cookie("signed").unwrap();
    assert!(!page.contains(&value), "the copy is never shown");
    student.logout("signed");
    assert!(student.cookie("signed").is_none(), "logged out");
    student.post_form("/lab/signed/replay", &form(&[("token", &token)]));
    let page = student.get("/lab/signed").into_string().unwrap().replace("&#x27;", "'");
    assert!(page.contains("The copy logs in as abc (role student)"), "{page}");
    assert_eq!(
        student.post_form("/lab/signed/replay", "token=wrong").status(),
        Status::Forbidden
    );

    // With a one-second lifetime the copy dies by itself.
    let short = spawn_app_with(figment().merge(("session_idle_timeout", 1)));
    let student = short.browser();
    let token = open_lesson(&student, "signed");
    student.login("signed", "abc", "1234");
    student.post_form("/signed/lab-copy", &form(&[("token", &token)]));
    std::thread::sleep(std::time::Duration::from_millis(1100));
    student.post_form("/lab/signed/replay", &form(&[("token", &token)]));
    assert!(student
        .get("/lab/signed")
        .into_string()
        .unwrap()
        .contains("The copy no longer works"));
}
