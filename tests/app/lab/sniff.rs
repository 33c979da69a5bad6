//! Lesson: sniff. What each flow puts on the wire.

use crate::helpers::*;

#[test]
fn sniff_the_cookie_flow_puts_the_password_on_the_wire_and_the_session_flow_does_not() {
    let app = spawn_app();
    let student = app.browser();
    let password = "wire-tap-me";
    app.browser()
        .post_form("/register", &form(&[("username", "sniffed"), ("password", password)]));
    student.login("cookie", "sniffed", password);
    student.login("session", "sniffed", password);
    let sid = student.cookie("sid").unwrap();

    let cookie = student.get("/cookie/wire").into_string().unwrap();
    assert!(
        cookie.contains(&format!("<mark>{password}</mark>")),
        "the password, highlighted"
    );
    assert!(cookie.contains("GET /cookie/wire HTTP/1.1"));
    let session = student.get("/session/wire").into_string().unwrap();
    assert!(
        !session.contains(password),
        "no password crosses the wire in the session flow"
    );
    assert!(!session.contains(&sid[..12]), "the id is masked in a page");
    assert!(session.contains(&"*".repeat(sid.len())));
    let lesson = student.get("/lab/sniff").into_string().unwrap();
    assert!(lesson.contains("src=\"/cookie/wire\"") && lesson.contains("src=\"/session/wire\""));
    assert!(lesson.contains("without cookie_secure"));
}
