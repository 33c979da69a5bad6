//! Lesson: fixation. A planted id survives only the login that keeps it.

use rocket::http::Status;

use super::{open_lesson, page_says};
use crate::helpers::*;

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

/// The real login on the lesson page deletes the planted id and issues a fresh one, and brings
/// the student back to the lesson, where the replay is refused.
#[test]
fn fixation_the_real_login_on_the_lesson_page_replaces_the_planted_id() {
    let app = spawn_app();
    let student = app.browser();
    let token = open_lesson(&student, "fixation");
    student.post_form("/lab/fixation/plant", &form(&[("token", &token)]));
    let planted = student.cookie("sid").unwrap();
    let login = student.post_form(
        "/lab/fixation/login-real",
        &form(&[("token", &token), ("username", "abc"), ("password", "1234")]),
    );
    assert_eq!(login.headers().get_one("Location"), Some("/lab/fixation#attacker"));
    assert_ne!(student.cookie("sid").unwrap(), planted, "a fresh id at login");
    student.post_form("/lab/fixation/replay", &form(&[("token", &token)]));
    let page = student.get("/lab/fixation").into_string().unwrap();
    assert!(page.contains("Refused"), "the planted id opens nothing");
    assert!(page_says(&student, "/session", "You are logged in as abc."));

    let refused = student.post_form(
        "/lab/fixation/login-real",
        &form(&[
            ("token", &token),
            ("username", "teacher"),
            ("password", INSTRUCTOR_PASSWORD),
        ]),
    );
    assert_eq!(refused.headers().get_one("Location"), Some("/lab/fixation#victim"));
    assert!(
        page_says(&student, "/lab/fixation", "session flow"),
        "the refusal is said"
    );
}
