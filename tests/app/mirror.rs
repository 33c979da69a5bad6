//! Checks that read the same for both flows; cookie_flow.rs and session_flow.rs call them from
//! tests of the same name, so the two files differ only where the flows do.

use rocket::http::Status;

use crate::helpers::{set_cookies, spawn_app, INSTRUCTOR_PASSWORD};

pub fn login_succeeds_with_a_303_to_the_flow_home(flow: &str) {
    let app = spawn_app();
    let response = app.browser().login(flow, "abc", "1234");
    assert_eq!(response.status(), Status::SeeOther);
    assert_eq!(
        response.headers().get_one("Location"),
        Some(format!("/{flow}").as_str())
    );
}

pub fn login_failure_is_401_with_the_form_and_no_cookie(flow: &str) {
    let app = spawn_app();
    for (username, password) in [("abc", "12345"), ("nobody", "1234"), ("teacher", "1234")] {
        let response = app.browser().login(flow, username, password);
        assert_eq!(response.status(), Status::Unauthorized);
        assert!(set_cookies(&response).is_empty());
        let page = response.into_string().unwrap();
        assert!(page.contains(&format!("action=\"/{flow}/login\"")), "the form again");
        assert!(page.contains("do not match an account"));
    }
}

pub fn home_says_not_logged_in_without_cookies(flow: &str) {
    let app = spawn_app();
    let page = app.browser().get(&format!("/{flow}")).into_string().unwrap();
    assert!(page.contains("You are not logged in."));
    assert!(page.contains("sent no cookies"));
}

pub fn staff_page_refuses_a_student_and_admits_the_instructor(flow: &str) {
    let app = spawn_app();
    let staff = format!("/{flow}/staff");
    assert_eq!(app.browser().get(&staff).status(), Status::Unauthorized);
    let student = app.browser();
    student.login(flow, "abc", "1234");
    assert_eq!(student.get(&staff).status(), Status::Forbidden);
    let teacher = app.browser();
    if flow == "session" {
        teacher.login(flow, "teacher", INSTRUCTOR_PASSWORD);
        assert_eq!(teacher.get(&staff).status(), Status::Ok);
    } else {
        // The instructor logs in to the session flow only; here the login itself is refused.
        assert_eq!(
            teacher.login(flow, "teacher", INSTRUCTOR_PASSWORD).status(),
            Status::Forbidden
        );
        assert_eq!(teacher.get(&staff).status(), Status::Unauthorized);
    }
}
