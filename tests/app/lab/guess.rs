//! Lesson: guess. Counter ids can be guessed; 256 random bits cannot.

use super::{open_lesson, page_says};
use crate::helpers::*;

/// A class with a registered student `mina`, and the instructor's browser with its form token.
fn class_with_mina(app: &TestApp) -> (Browser<'_>, String) {
    app.browser()
        .post_form("/register", &form(&[("username", "mina"), ("password", "pw-1234")]));
    let teacher = app.browser();
    teacher.login("session", "teacher", INSTRUCTOR_PASSWORD);
    let csrf = teacher.csrf_token();
    (teacher, csrf)
}

#[test]
fn guess_with_weak_ids_one_student_takes_over_anothers_session() {
    let app = spawn_app();
    let (teacher, csrf) = class_with_mina(&app);
    teacher.post_form(
        "/instructor/preset/weak-ids",
        &form(&[("csrf_token", &csrf), ("on", "true")]),
    );
    assert!(
        page_says(&app.browser(), "/", "WEAK SESSION IDS ARE ON"),
        "labelled loudly on every page"
    );

    let attacker = app.browser();
    let token = open_lesson(&attacker, "guess");
    attacker.login("session", "mina", "pw-1234");
    let victim = app.browser();
    victim.login("session", "abc", "1234");
    let mine = attacker.cookie("sid").unwrap();
    assert!(
        page_says(&attacker, "/lab/guess", &mine),
        "the weak id is shown so the pattern can be seen"
    );

    let next: session_lab::ids::SessionId = mine.parse().unwrap();
    let counter = u64::from_be_bytes(next.as_bytes()[24..].try_into().unwrap());
    let guess = session_lab::ids::SessionId::weak_from_counter(counter + 1).expose();
    attacker.post_form("/lab/guess/try", &form(&[("token", &token), ("candidate", &guess)]));
    assert!(
        page_says(&attacker, "/lab/guess", "Hit: this id is abc"),
        "the neighbour of my id is a classmate's session"
    );
    let tamper = open_lesson(&attacker, "tamper");
    attacker.post_form(
        "/lab/tamper/set",
        &form(&[("token", &tamper), ("name", "sid"), ("value", &guess)]),
    );
    assert!(
        page_says(&attacker, "/session", "You are logged in as abc."),
        "taken over by guessing"
    );

    teacher.post_form(
        "/instructor/preset/weak-ids",
        &form(&[("csrf_token", &csrf), ("on", "false")]),
    );
    assert!(!page_says(&app.browser(), "/", "WEAK SESSION IDS ARE ON"));
    let later = app.browser();
    later.login("session", "abc", "1234");
    assert!(
        !later.cookie("sid").unwrap().starts_with("AAAAAAAAAA"),
        "back to the CSPRNG"
    );
}

#[test]
fn guess_with_the_csprng_every_guess_misses_and_the_calculator_follows_its_inputs() {
    let app = spawn_app();
    let student = app.browser();
    let token = open_lesson(&student, "guess");
    student.login("session", "abc", "1234");
    let random = session_lab::ids::SessionId::generate().unwrap().expose();
    for candidate in [
        random.as_str(),
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAD-o",
        "not an id",
    ] {
        student.post_form("/lab/guess/try", &form(&[("token", &token), ("candidate", candidate)]));
        let page = student.get("/lab/guess").into_string().unwrap();
        // The result names what was tried, so it cannot be an earlier step's.
        assert!(
            page.contains(&format!("<code class=\"tried\">{candidate}</code>")),
            "{candidate}"
        );
        assert!(page.contains("Miss: no live session has this id."), "{candidate}");
    }
    assert!(
        !page_says(&student, "/lab/guess", &student.cookie("sid").unwrap()[..12]),
        "a strong id is never shown"
    );
    assert!(page_says(
        &student,
        "/lab/guess?bits=10&rate=1&sessions=1",
        "the first hit comes after 8.5 minutes"
    ));
    assert!(page_says(
        &student,
        "/lab/guess?bits=256&rate=1000000000&sessions=30",
        "× 10^"
    ));
}

#[test]
fn guess_the_calculator_writes_numbers_as_people_do_and_a_dead_hit_says_so() {
    let app = spawn_app();
    let student = app.browser();
    let page = student
        .get("/lab/guess?bits=10&rate=1000000000&sessions=1")
        .into_string()
        .unwrap();
    assert!(page.contains("less than a second"), "not 0.0 seconds");
    assert!(page.contains("value=\"1000000000\""), "not 1000000000.0");
    assert!(!page.contains(".0\""), "no number with a stray .0 in the calculator");
    let bits = page
        .split("<td>")
        .filter(|cell| cell.starts_with(|c: char| c.is_ascii_digit()));
    for cell in bits {
        let number = cell.split('<').next().unwrap();
        assert!(
            number.split('.').nth(1).is_none_or(|d| d.len() <= 1),
            "one decimal at most: {number}"
        );
    }

    // A hit, then the session ends: the hit says the session has ended since.
    let teacher = app.browser();
    teacher.login("session", "teacher", INSTRUCTOR_PASSWORD);
    let token = teacher.csrf_token();
    let switch = |on: &str| {
        let body = form(&[("csrf_token", &token), ("on", on)]);
        teacher.post_form("/instructor/preset/weak-ids", &body);
    };
    switch("true");
    let victim = app.browser();
    victim.login("session", "abc", "1234");
    let lab_token = open_lesson(&student, "guess");
    let sid = victim.cookie("sid").unwrap();
    student.post_form("/lab/guess/try", &form(&[("token", &lab_token), ("candidate", &sid)]));
    let hit = student.get("/lab/guess").into_string().unwrap();
    assert!(
        hit.contains("Hit: this id is abc") && !hit.contains("has ended since"),
        "positive control"
    );
    switch("false");
    assert!(page_says(&student, "/lab/guess", "That session has ended since"));
}

/// The page's own buttons do the attacker's arithmetic: the decoded counter is shown, and "the
/// id after" finds the classmate who logged in next, by name; without a weak id to start from
/// the page says what to do.
#[test]
fn guess_the_next_button_finds_the_classmate_who_logged_in_after_me() {
    let app = spawn_app();
    let (teacher, csrf) = class_with_mina(&app);

    let student = app.browser();
    let token = open_lesson(&student, "guess");
    student.post_form("/lab/guess/neighbour", &form(&[("token", &token), ("step", "1")]));
    assert!(page_says(&student, "/lab/guess", "There is no weak id to start from"));

    teacher.post_form(
        "/instructor/preset/weak-ids",
        &form(&[("csrf_token", &csrf), ("on", "true")]),
    );
    student.login("session", "abc", "1234");
    let mine: session_lab::ids::SessionId = student.cookie("sid").unwrap().parse().unwrap();
    let counter = mine.weak_counter().unwrap();
    assert!(page_says(&student, "/lab/guess", &format!("counter number {counter}")));
    let classmate = app.browser();
    classmate.login("session", "mina", "pw-1234");

    student.post_form("/lab/guess/neighbour", &form(&[("token", &token), ("step", "1")]));
    let page = student.get("/lab/guess").into_string().unwrap().replace("&#x27;", "'");
    assert!(page.contains("Hit: this id is mina's live session"), "{page}");
    assert!(page.contains(&format!("(counter {})", counter + 1)));
    // "Use it": the browser takes the classmate's session, and the session flow agrees.
    student.post_form("/lab/guess/use", &form(&[("token", &token)]));
    assert!(page_says(&student, "/lab/guess", "This browser now acts as mina."));
    assert!(page_says(&student, "/session", "You are logged in as mina."));
    student.post_form("/lab/guess/neighbour", &form(&[("token", &token), ("step", "1")]));
    assert!(page_says(&student, "/lab/guess", &format!("(counter {})", counter + 2)));
    assert_eq!(
        student.post_form("/lab/guess/neighbour", "token=wrong&step=1").status(),
        rocket::http::Status::Forbidden
    );
}
