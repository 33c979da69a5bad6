//! The security lab, one file per lesson: each lesson's attack succeeds against the weak flow and fails against the
//! session flow, and the lab's own tools work only for the browser that opened them.

mod csrf;
mod fixation;
mod guess;
mod hijack;
mod signed;
mod sniff;
mod tamper;
pub mod xss;

use rocket::http::Status;

use crate::helpers::{field_value, form, set_cookies, spawn_app, Browser};

/// Opens a lesson page and returns its form token.
pub fn open_lesson(browser: &Browser<'_>, lesson: &str) -> String {
    field_value(&browser.get(&format!("/lab/{lesson}")).into_string().unwrap(), "token")
}

pub fn page_says(browser: &Browser<'_>, path: &str, text: &str) -> bool {
    browser.get(path).into_string().unwrap().contains(text)
}

#[test]
fn the_lab_lists_its_lessons_and_each_one_exists() {
    let app = spawn_app();
    let page = app.browser().get("/lab").into_string().unwrap();
    let lessons = [
        "tamper", "xss", "hijack", "expiry", "guess", "sniff", "fixation", "signed", "csrf",
    ];
    assert_eq!(
        session_lab::lab::LESSONS,
        lessons,
        "the lessons docs/lab.md plans, in its order"
    );
    for lesson in lessons {
        assert!(page.contains(&format!("href=\"/lab/{lesson}\"")), "{lesson}");
        let lesson_page = app.browser().get(&format!("/lab/{lesson}"));
        assert_eq!(lesson_page.status(), Status::Ok);
        let body = lesson_page.into_string().unwrap();
        for section in [
            "What to do",
            "What you will see",
            "Why",
            "How real systems prevent it",
            "References",
        ] {
            assert!(body.contains(section), "{lesson}: {section}");
        }
        assert!(body.contains("cheatsheetseries.owasp.org"), "{lesson} cites OWASP");
    }
}

#[test]
fn lab_tools_work_only_for_the_browser_that_opened_them() {
    let app = spawn_app();
    let owner = app.browser();
    let token = open_lesson(&owner, "tamper");
    open_lesson(&owner, "hijack");
    let other = app.browser();
    open_lesson(&other, "tamper");
    let stranger = app.browser();
    let bodies = [
        (
            "/lab/tamper/set",
            form(&[("token", &token), ("name", "role"), ("value", "instructor")]),
        ),
        ("/lab/hijack/steal", form(&[("token", &token)])),
        ("/lab/hijack/replay-session", form(&[("token", &token)])),
        (
            "/lab/hijack/replay-cookie",
            form(&[("token", &token), ("cookie_header", "username=abc; password=1234")]),
        ),
    ];
    for (path, body) in &bodies {
        for browser in [&other, &stranger] {
            let response = browser.post_form(path, body);
            assert_eq!(response.status(), Status::Forbidden, "{path}");
            assert!(
                set_cookies(&response)
                    .iter()
                    .all(|l| !l.starts_with("role=") && !l.starts_with("sid=")),
                "{path}"
            );
        }
        let without_token = owner.post_form(path, "name=role&value=instructor");
        assert_eq!(without_token.status(), Status::Forbidden, "{path} without a token");
    }
    let bad_name = owner.post_form(
        "/lab/tamper/set",
        &form(&[("token", &token), ("name", "lang"), ("value", "x")]),
    );
    assert_eq!(
        bad_name.status(),
        Status::Forbidden,
        "only the flows' cookies are editable"
    );
}

/// Every lesson ends with a link to the next one in teaching order; the last leads back to /lab.
#[test]
fn every_lesson_leads_to_the_next() {
    let app = spawn_app();
    let lessons = session_lab::lab::LESSONS;
    for (i, lesson) in lessons.iter().enumerate() {
        let page = app.browser().get(&format!("/lab/{lesson}")).into_string().unwrap();
        let want = match lessons.get(i + 1) {
            Some(next) => format!("href=\"/lab/{next}\" id=\"next-lesson\""),
            None => "href=\"/lab\" id=\"next-lesson\"".to_owned(),
        };
        assert!(page.contains(&want), "{lesson}: {want}");
    }
}

/// docs/lab.md gives each lesson's number of steps; it is the number the page shows.
#[test]
fn docs_lab_md_counts_each_lessons_steps() {
    let root = env!("CARGO_MANIFEST_DIR");
    let doc = std::fs::read_to_string(format!("{root}/docs/lab.md")).unwrap();
    for lesson in session_lab::lab::LESSONS {
        let row = doc
            .lines()
            .find(|line| line.starts_with(&format!("| {lesson} | `/lab/{lesson}`")))
            .unwrap_or_else(|| panic!("docs/lab.md has no row for {lesson}"));
        let listed: usize = row
            .trim_end_matches('|')
            .rsplit('|')
            .next()
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        let template = std::fs::read_to_string(format!("{root}/templates/lab/{lesson}.html.hbs")).unwrap();
        let shown = template.matches("-step-").count();
        assert_eq!(
            listed, shown,
            "{lesson}: docs/lab.md says {listed} steps, the page has {shown}"
        );
    }
}
