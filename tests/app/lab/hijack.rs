//! Lesson: hijack. Copied cookie-flow credentials outlive logout; a copied `sid` dies with it.

use rocket::http::Status;

use super::{open_lesson, page_says};
use crate::helpers::*;

#[test]
fn hijack_stolen_cookie_flow_credentials_outlive_logout() {
    let app = spawn_app();
    let victim = app.browser();
    let token = open_lesson(&victim, "hijack");
    victim.login("cookie", "abc", "1234");
    let stolen = victim.cookie_header_for("/cookie").unwrap();
    let replay = || {
        victim.post_form(
            "/lab/hijack/replay-cookie",
            &form(&[("token", &token), ("cookie_header", &stolen)]),
        )
    };

    assert_eq!(replay().status(), Status::SeeOther);
    assert!(page_says(&victim, "/lab/hijack", "The attacker is logged in as abc."));
    victim.logout("cookie");
    assert!(page_says(&victim, "/cookie", "You are not logged in."));
    // An empty paste in between, so the next result cannot be the first one still showing.
    victim.post_form(
        "/lab/hijack/replay-cookie",
        &form(&[("token", &token), ("cookie_header", "")]),
    );
    assert!(page_says(&victim, "/lab/hijack", "Nothing to replay"));
    replay();
    assert!(
        page_says(&victim, "/lab/hijack", "The attacker is logged in as abc."),
        "logout took nothing back"
    );

    let forged = stolen.replace("role=student", "role=instructor");
    victim.post_form(
        "/lab/hijack/replay-cookie",
        &form(&[("token", &token), ("cookie_header", &forged)]),
    );
    assert!(page_says(&victim, "/lab/hijack", "the staff-only page opens for them"));
}

#[test]
fn hijack_a_stolen_sid_dies_with_logout_and_with_revocation() {
    let app = spawn_app();
    let victim = app.browser();
    let token = open_lesson(&victim, "hijack");
    victim.login("session", "abc", "1234");
    let sid = victim.cookie("sid").unwrap();
    assert_eq!(
        victim
            .post_form("/lab/hijack/steal", &form(&[("token", &token)]))
            .status(),
        Status::SeeOther
    );
    let page = victim.get("/lab/hijack").into_string().unwrap();
    assert!(!page.contains(&sid[..12]), "the stolen id is never printed");
    victim.post_form("/lab/hijack/replay-session", &form(&[("token", &token)]));
    assert!(page_says(&victim, "/lab/hijack", "The attacker is logged in as abc."));

    victim.logout("session");
    victim.post_form("/lab/hijack/replay-session", &form(&[("token", &token)]));
    assert!(
        page_says(&victim, "/lab/hijack", "Refused: the attacker is not logged in."),
        "logout killed the id"
    );

    victim.login("session", "abc", "1234");
    victim.post_form("/lab/hijack/steal", &form(&[("token", &token)]));
    victim.post_form("/lab/hijack/replay-session", &form(&[("token", &token)]));
    assert!(page_says(&victim, "/lab/hijack", "The attacker is logged in as abc."));
    let teacher = app.browser();
    teacher.login("session", "teacher", INSTRUCTOR_PASSWORD);
    let csrf = teacher.csrf_token();
    teacher.post_form(
        "/instructor/revoke-user",
        &form(&[("csrf_token", &csrf), ("user", "abc")]),
    );
    victim.post_form("/lab/hijack/replay-session", &form(&[("token", &token)]));
    assert!(
        page_says(&victim, "/lab/hijack", "Refused: the attacker is not logged in."),
        "revoked: refused at once"
    );
}

#[test]
fn hijack_any_copy_of_the_javascript_pane_replays_and_an_empty_paste_says_so() {
    let app = spawn_app();
    let victim = app.browser();
    let token = open_lesson(&victim, "hijack");
    victim.login("cookie", "abc", "1234");
    let header = victim.cookie_header_for("/cookie").unwrap();
    let cookies: Vec<&str> = header.split("; ").filter(|p| !p.starts_with("inspector=")).collect();
    let readable = cookies.join("; ");
    // The pane prints `document.cookie`, the quoted string, then one pair a line.
    let pane = format!("document.cookie\n= \"{readable}\"\n\n{}", cookies.join("\n"));
    for paste in [readable.clone(), format!("\"{readable}\""), cookies.join("\n"), pane] {
        // An empty paste in between, so each result is this paste's.
        victim.post_form(
            "/lab/hijack/replay-cookie",
            &form(&[("token", &token), ("cookie_header", "")]),
        );
        assert!(
            page_says(&victim, "/lab/hijack", "Nothing to replay"),
            "an empty paste says so"
        );
        victim.post_form(
            "/lab/hijack/replay-cookie",
            &form(&[("token", &token), ("cookie_header", &paste)]),
        );
        assert!(
            page_says(&victim, "/lab/hijack", "The attacker is logged in as abc."),
            "{paste:?}"
        );
    }
    let wrong = "username=abc; password=nope; role=student";
    victim.post_form(
        "/lab/hijack/replay-cookie",
        &form(&[("token", &token), ("cookie_header", wrong)]),
    );
    assert!(page_says(
        &victim,
        "/lab/hijack",
        "Refused: the attacker is not logged in."
    ));
}
