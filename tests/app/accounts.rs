//! Accounts: the built-in ones, `/register`, and how passwords are kept.

use rocket::http::Status;
use session_lab::accounts::AccountStore;
use session_lab::credentials::{Password, Role, Username};

use crate::helpers::{form, set_cookies, spawn_app, INSTRUCTOR_PASSWORD};

#[test]
fn the_student_logs_in_to_every_flow_and_the_instructor_to_the_session_flow_only() {
    let app = spawn_app();
    for flow in ["cookie", "session", "signed"] {
        assert_eq!(app.browser().login(flow, "abc", "1234").status(), Status::SeeOther);
    }
    assert_eq!(
        app.browser().login("session", "teacher", INSTRUCTOR_PASSWORD).status(),
        Status::SeeOther
    );
    for flow in ["cookie", "signed"] {
        let refused = app.browser().login(flow, "teacher", INSTRUCTOR_PASSWORD);
        assert_eq!(refused.status(), Status::Forbidden, "{flow}");
        assert!(set_cookies(&refused)
            .iter()
            .all(|l| !l.starts_with("password=") && !l.starts_with("signed=")));
        assert!(refused
            .into_string()
            .unwrap()
            .contains("logs in to the session flow only"));
    }
}

#[test]
fn a_registered_student_logs_in_to_both_flows() {
    let app = spawn_app();
    let response = app.browser().post_form(
        "/register",
        &form(&[("username", "mina_01"), ("password", "pass word")]),
    );
    assert_eq!(response.status(), Status::SeeOther);
    assert_eq!(
        response.headers().get_one("Location"),
        Some("/register?created=mina_01")
    );
    assert!(set_cookies(&response).is_empty(), "registering does not log anyone in");
    for flow in ["cookie", "session"] {
        let student = app.browser();
        assert_eq!(student.login(flow, "mina_01", "pass word").status(), Status::SeeOther);
        assert!(student
            .get(&format!("/{flow}"))
            .into_string()
            .unwrap()
            .contains("logged in as mina_01"));
    }
    let session = app.browser();
    session.login("session", "mina_01", "pass word");
    assert_eq!(
        session.get("/session/staff").status(),
        Status::Forbidden,
        "new accounts are students"
    );
}

#[test]
fn registering_a_taken_username_is_409() {
    let app = spawn_app();
    for taken in ["abc", "teacher"] {
        let response = app
            .browser()
            .post_form("/register", &form(&[("username", taken), ("password", "whatever")]));
        assert_eq!(response.status(), Status::Conflict);
        assert!(response.into_string().unwrap().contains("That username is taken"));
    }
    assert_eq!(
        app.browser().login("session", "abc", "whatever").status(),
        Status::Unauthorized,
        "not overwritten"
    );
}

#[test]
fn registering_refuses_names_and_passwords_outside_the_rules() {
    let app = spawn_app();
    let cases = [
        ("ab", "long enough", "A username has 3 to 32 characters."),
        (&"x".repeat(33), "long enough", "A username has 3 to 32 characters."),
        ("Mina", "long enough", "A username may use only"),
        ("mi na", "long enough", "A username may use only"),
        ("../etc", "long enough", "A username may use only"),
        ("míná", "long enough", "A username may use only"),
        ("mina", "abc", "A password has 4 to 64 characters."),
        ("mina", &"p".repeat(65), "A password has 4 to 64 characters."),
        ("mina", "tab\there", "control characters"),
    ];
    for (username, password, message) in cases {
        let response = app
            .browser()
            .post_form("/register", &form(&[("username", username), ("password", password)]));
        assert_eq!(response.status(), Status::UnprocessableEntity, "{username:?}");
        let page = response.into_string().unwrap();
        assert!(page.contains(message), "{username:?} {password:?}");
        assert!(page.contains("Never type a real password here."));
    }
}

#[test]
fn login_and_register_forms_warn_against_real_passwords() {
    let app = spawn_app();
    for path in ["/cookie/login", "/session/login", "/register"] {
        let page = app.browser().get(path).into_string().unwrap();
        assert!(page.contains("Never type a real password here."), "{path}");
        assert!(page.contains("plain text"), "{path}");
    }
}

/// One password check, as a login form from one client would ask for it.
async fn check(store: &AccountStore, username: &str, password: &str) -> Option<session_lab::accounts::Account> {
    let attempt = session_lab::accounts::Attempt {
        username,
        password,
        from: std::net::Ipv4Addr::LOCALHOST.into(),
        flow: session_lab::flow::Flow::Session,
    };
    store.authenticate(&attempt).await.unwrap()
}

#[rocket::async_test]
async fn passwords_are_kept_only_as_argon2id_hashes() {
    let store = AccountStore::with_builtins(&Password::parse("instructor-pw").unwrap())
        .await
        .unwrap();
    let account = check(&store, "abc", "1234").await.expect("abc/1234 verifies");
    assert_eq!(account.role, Role::Student);
    assert_eq!(
        check(&store, "teacher", "instructor-pw").await.map(|a| a.role),
        Some(Role::Instructor)
    );
    assert_eq!(check(&store, "abc", "12345").await, None);
    assert_eq!(check(&store, "ghost", "1234").await, None);
    assert_eq!(check(&store, "../../x", "1234").await, None);

    let registered = store
        .register(
            Username::parse("newbie").unwrap(),
            &Password::parse("s3cret pw").unwrap(),
            std::net::IpAddr::from([10, 0, 0, 1]),
        )
        .await
        .unwrap();
    assert_eq!(registered.role, Role::Student);
    assert_eq!(store.count().await.unwrap(), 3);
    let phc = store.stored_hash("newbie").await.unwrap().unwrap();
    assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
    assert!(!phc.contains("s3cret"));
}

#[test]
fn a_generated_instructor_password_is_random_and_usable_only_by_its_holder() {
    // Two launches of the real binary without instructor_password: each prints its own password.
    let printed = |server: &crate::real_server::Server| -> String {
        let output = server.output();
        let line = output
            .lines()
            .find(|l| l.contains("instructor login is `teacher` / `"))
            .unwrap_or_else(|| panic!("no password line in:\n{output}"))
            .to_owned();
        line.split('`')
            .nth(3)
            .expect("the password between backquotes")
            .to_owned()
    };
    let one = crate::real_server::Server::start(&[]);
    let two = crate::real_server::Server::start(&[]);
    let (first, second) = (printed(&one), printed(&two));
    assert_ne!(first, second, "random for every start");
    assert_eq!(first.len(), 16, "{first}");
    let login = |server: &crate::real_server::Server, password: &str| {
        server
            .post(
                "/session/login",
                &form(&[("username", "teacher"), ("password", password)]),
                None,
            )
            .status
    };
    assert_eq!(login(&one, &first), 303, "the printed password logs in");
    assert_eq!(login(&one, &second), 401, "another launch's does not");
    assert_eq!(login(&two, &second), 303);
    assert_eq!(login(&one, INSTRUCTOR_PASSWORD), 401);
}

#[test]
fn unknown_and_malformed_usernames_still_cost_a_password_check() {
    let app = spawn_app();
    let checks = || app.client.rocket().state::<AccountStore>().unwrap().password_checks();
    for (username, password) in [("ghost", "1234"), ("../../x", "1234"), ("abc", ""), ("abc", "wrong")] {
        let before = checks();
        assert_eq!(
            app.browser().login("session", username, password).status(),
            Status::Unauthorized
        );
        assert_eq!(
            checks(),
            before + 1,
            "{username:?}/{password:?} was checked like a real account"
        );
    }
}

#[test]
fn the_cookie_flow_checks_the_password_on_every_request_and_the_session_flow_never_does() {
    let app = spawn_app();
    let checks = || app.client.rocket().state::<AccountStore>().unwrap().password_checks();
    let cookie = app.browser();
    cookie.login("cookie", "abc", "1234");
    let session = app.browser();
    session.login("session", "abc", "1234");

    let before = checks();
    for _ in 0..5 {
        session.get("/session");
    }
    assert_eq!(checks(), before, "a session lookup needs no password");
    for _ in 0..5 {
        cookie.get("/cookie");
    }
    assert_eq!(
        checks(),
        before + 5,
        "one full Argon2id verification per cookie-flow request"
    );
}
