//! Lesson: tamper. An edited `role` cookie opens the cookie flow's staff page, not the session flow's.

use rocket::http::Status;

use super::{open_lesson, page_says};
use crate::helpers::*;

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
