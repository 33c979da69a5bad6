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
