//! Lesson: csrf. A form posted from another origin does what it asks in the cookie flow and is
//! refused by the session flow's form token; the results reach only the browser that drew the
//! attack id, and the three open targets change nothing else.

use rocket::http::{ContentType, Header, Status};

use super::open_lesson;
use crate::helpers::*;

/// A form post as the attacker's page makes it: from another origin, with the cookies the
/// browser chose to attach (this test browser attaches all of them: the same-site case).
fn forge<'c>(
    browser: &Browser<'c>,
    app: &'c TestApp,
    path: &str,
    body: &str,
) -> rocket::local::blocking::LocalResponse<'c> {
    let request = app
        .client
        .post(path.to_owned())
        .header(ContentType::Form)
        .header(Header::new("Origin", "http://127.0.0.1:9"))
        .header(Header::new("Sec-Fetch-Site", "same-site"))
        .body(body);
    browser.send_request(request, path)
}

/// Opens the attacker's site as the lesson's button does, and returns the attack id it carries.
fn draw_attack(student: &Browser<'_>) -> String {
    let token = open_lesson(student, "csrf");
    let open = student.post_form("/lab/csrf/open", &form(&[("token", &token), ("variant", "same-site")]));
    assert_eq!(open.status(), Status::SeeOther);
    let location = open.headers().get_one("Location").unwrap().to_owned();
    assert!(
        location.starts_with("http://127.0.0.1:") && location.contains("&to=127.0.0.1"),
        "{location}"
    );
    location
        .split("attack=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap()
        .to_owned()
}

fn results(student: &Browser<'_>) -> String {
    let page = student.get("/lab/csrf").into_string().unwrap();
    let start = page.find("id=\"results\"").unwrap();
    let end = page[start..].find("</section>").unwrap() + start;
    page[start..end].replace("&#x27;", "'")
}

#[test]
fn csrf_a_forged_form_works_against_the_cookie_flow_and_the_session_token_refuses_it() {
    let app = spawn_app();
    let student = app.browser();
    student.login("cookie", "abc", "1234");
    student.login("session", "abc", "1234");
    let attack = draw_attack(&student);
    assert!(results(&student).contains("Nothing yet"));

    let forged = forge(&student, &app, "/cookie/csrf", &format!("attack={attack}"));
    assert_eq!(forged.status(), Status::SeeOther);
    assert_eq!(forged.headers().get_one("Location"), Some("/lab/csrf#results"));
    let shown = results(&student);
    assert!(shown.contains("DONE as abc"), "{shown}");
    assert!(
        shown.contains("<code>password</code>") && shown.contains("same-site"),
        "{shown}"
    );
    assert!(!shown.contains("1234"), "names of cookies only, never their values");

    forge(
        &student,
        &app,
        "/session/csrf",
        &format!("attack={attack}&csrf_token=a-guess"),
    );
    let shown = results(&student);
    assert!(shown.contains("REFUSED: the browser sent abc's session id"), "{shown}");
    assert!(
        shown.find("REFUSED").unwrap() < shown.find("DONE").unwrap(),
        "newest first"
    );

    // A browser that sent no cookies at all (SameSite held them back): nothing happened.
    let without = app.browser();
    forge(&without, &app, "/cookie/csrf", &format!("attack={attack}"));
    assert!(results(&student).contains("NOT LOGGED IN"));

    // The signed flow: its signature alone decides, like the cookie flow's credentials.
    student.login("signed", "abc", "1234");
    forge(&student, &app, "/signed/csrf", &format!("attack={attack}"));
    let shown = results(&student);
    assert!(
        shown.find("DONE as abc").unwrap() < shown.find("NOT LOGGED IN").unwrap(),
        "{shown}"
    );
}

#[test]
fn csrf_results_reach_only_the_browser_that_drew_the_attack_id() {
    let app = spawn_app();
    let student = app.browser();
    student.login("cookie", "abc", "1234");
    let attack = draw_attack(&student);
    let other = app.browser();
    other.login("cookie", "abc", "1234");
    open_lesson(&other, "csrf");
    forge(&student, &app, "/cookie/csrf", &format!("attack={attack}"));
    assert!(results(&student).contains("DONE as abc"));
    assert!(
        results(&other).contains("Nothing yet"),
        "another browser's desk stays empty"
    );

    // An id nobody drew, a malformed one, or none: answered, recorded nowhere.
    for body in ["attack=not-an-id", "attack=", "", "attack=%00%FF"] {
        let response = forge(&other, &app, "/cookie/csrf", body);
        assert_eq!(response.status(), Status::SeeOther, "{body:?}");
    }
    assert!(results(&other).contains("Nothing yet"));

    // The lesson's own controls are not open to other origins.
    let token = open_lesson(&student, "csrf");
    for (path, body) in [
        ("/lab/csrf/open", format!("token={token}&variant=same-site")),
        ("/cookie/csrf-samesite", format!("token={token}&same_site=None")),
    ] {
        assert_eq!(forge(&student, &app, path, &body).status(), Status::Forbidden, "{path}");
    }
    // And they need this browser's lab token.
    let response = student.post_form("/lab/csrf/open", "token=wrong&variant=same-site");
    assert_eq!(response.status(), Status::Forbidden);
}

#[test]
fn csrf_the_samesite_control_sets_the_cookie_flows_cookies_again() {
    let app = spawn_app();
    let student = app.browser();
    let token = open_lesson(&student, "csrf");
    let before = student.post_form(
        "/cookie/csrf-samesite",
        &form(&[("token", &token), ("same_site", "None")]),
    );
    assert_eq!(before.status(), Status::SeeOther);
    assert!(set_cookies(&before).is_empty(), "no cookie-flow login, nothing to set");
    assert!(student
        .get("/lab/csrf")
        .into_string()
        .unwrap()
        .contains("Log in to the cookie flow first"));

    student.login("cookie", "abc", "1234");
    for (choice, expected) in [
        ("None", "samesite=None"),
        ("Strict", "samesite=Strict"),
        ("Lax", "samesite=Lax"),
    ] {
        let response = student.post_form(
            "/cookie/csrf-samesite",
            &form(&[("token", &token), ("same_site", choice)]),
        );
        for name in ["username", "password", "role"] {
            let attrs = attributes(&set_cookie_line(&response, name));
            assert!(attrs.contains(&expected.to_string()), "{name}: {attrs:?}");
            assert!(attrs.contains(&"path=/cookie".to_string()), "{name}: {attrs:?}");
            assert_eq!(
                attrs.contains(&"secure".to_string()),
                choice == "None",
                "{name}: None needs Secure"
            );
            assert!(
                !attrs.contains(&"httponly".to_string()),
                "still readable: the cookie flow's weakness stays"
            );
        }
        let page = student.get("/lab/csrf").into_string().unwrap().replace("&#x3D;", "=");
        assert!(page.contains(&format!("carry SameSite={choice}")), "{choice}");
    }
    assert!(student
        .get("/cookie")
        .into_string()
        .unwrap()
        .contains("You are logged in as abc."));
}
