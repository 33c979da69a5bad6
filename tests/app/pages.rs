//! The landing page, health check, security headers, language negotiation and configuration.

use rocket::error::ErrorKind;
use rocket::http::{Header, Status};
use rocket::local::blocking::Client;

use crate::helpers::{attributes, figment, json, set_cookie_line, spawn_app, spawn_app_with};

#[test]
fn the_landing_page_links_everything() {
    let app = spawn_app();
    let response = app.browser().get("/");
    assert_eq!(response.status(), Status::Ok);
    let page = response.into_string().unwrap();
    for link in [
        "/cookie/login",
        "/session/login",
        "/cookie",
        "/session",
        "/register",
        "/healthz",
        "/cookie/inspect",
        "/session/inspect",
        "/signed/login",
        "/signed",
        "/signed/inspect",
        "/compare?third=signed",
        "/explain",
        "/lab",
    ] {
        assert!(page.contains(&format!("href=\"{link}\"")), "{link}");
    }
    // All three flows are introduced, each with its own card.
    for flow in ["cookie", "session", "signed"] {
        assert!(page.contains(&format!("class=\"card flow-card {flow}\"")), "{flow}");
    }
}

#[test]
fn healthz_reports_the_store() {
    let app = spawn_app();
    let response = app.browser().get("/healthz");
    assert_eq!(response.status(), Status::Ok);
    let health = json(response);
    assert_eq!(health["ok"], true);
    assert_eq!(health["store"], "memory");
}

#[test]
fn every_response_carries_the_security_headers() {
    let app = spawn_app();
    for path in [
        "/",
        "/cookie",
        "/session/login",
        "/healthz",
        "/session/inspect",
        "/nowhere",
        "/static/css/app.css",
    ] {
        let response = app.browser().get(path);
        let headers = response.headers();
        let csp = headers.get_one("Content-Security-Policy").unwrap_or_default();
        assert!(
            csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'self'"),
            "{path}: {csp}"
        );
        assert!(!csp.contains("unsafe-inline"), "{path}");
        assert_eq!(headers.get_one("X-Content-Type-Options"), Some("nosniff"), "{path}");
        assert_eq!(headers.get_one("Referrer-Policy"), Some("same-origin"), "{path}");
        let cache = headers.get_one("Cache-Control");
        if path.starts_with("/static/") {
            assert_eq!(cache, Some("public, max-age=3600"));
        } else {
            assert_eq!(cache, Some("no-store"), "{path}");
        }
    }
}

#[test]
fn lang_query_sets_a_cookie_and_the_page_language() {
    let app = spawn_app();
    let visitor = app.browser();
    let response = visitor.get("/?lang=ko");
    let line = set_cookie_line(&response, "lang");
    assert!(line.starts_with("lang=ko;"));
    assert!(attributes(&line).contains(&"path=/".to_string()));
    let page = response.into_string().unwrap();
    assert!(page.contains("<html lang=\"ko\">"));
    assert!(page.contains("쿠키일까 세션일까"));
    let next = visitor.get("/session/login").into_string().unwrap();
    assert!(next.contains("로그인: 세션 방식"), "the cookie remembers the choice");
    let back = visitor.get("/session/login?lang=en").into_string().unwrap();
    assert!(back.contains("Log in: session flow"));
}

#[test]
fn accept_language_picks_the_language_when_nothing_else_does() {
    let app = spawn_app();
    let page = app
        .client
        .get("/")
        .header(Header::new("Accept-Language", "ko-KR,ko;q=0.9,en;q=0.8"))
        .dispatch()
        .into_string()
        .unwrap();
    assert!(page.contains("<html lang=\"ko\">"));
    let page = app
        .client
        .get("/")
        .header(Header::new("Accept-Language", "fr, en;q=0.5"))
        .dispatch()
        .into_string()
        .unwrap();
    assert!(page.contains("<html lang=\"en\">"));
    let error = app
        .client
        .get("/missing")
        .header(Header::new("Accept-Language", "ko"))
        .dispatch()
        .into_string()
        .unwrap();
    assert!(
        error.contains("이 주소에는 페이지가 없습니다."),
        "error pages speak the visitor's language too"
    );
}

#[test]
fn default_lang_applies_without_a_choice() {
    let app = spawn_app_with(figment().merge(("default_lang", "ko")));
    let page = app.browser().get("/").into_string().unwrap();
    assert!(page.contains("<html lang=\"ko\">"));
    let page = app
        .client
        .get("/")
        .header(Header::new("Accept-Language", "en-US"))
        .dispatch()
        .into_string()
        .unwrap();
    assert!(
        page.contains("<html lang=\"en\">"),
        "Accept-Language comes before the default"
    );
}

#[test]
fn bad_configuration_stops_ignition() {
    let cases: [(&str, rocket::figment::value::Value); 5] = [
        ("session_store", "bogus".into()),
        ("session_idle_timeout", 0.into()),
        ("session_sweep_interval", 0.into()),
        ("default_lang", "fr".into()),
        ("instructor_password", "abc".into()),
    ];
    for (key, value) in cases {
        let rocket = session_lab::build(figment().merge((key, value.clone())));
        match Client::untracked(rocket) {
            Ok(_) => panic!("{key} = {value:?} should stop ignition"),
            Err(error) => assert!(matches!(error.kind(), ErrorKind::FailedFairings(_)), "{key}: {error}"),
        }
    }
}

#[rocket::get("/status/<code>")]
fn status(code: u16) -> Status {
    Status::from_code(code).unwrap_or(Status::InternalServerError)
}

#[test]
fn every_error_status_gets_a_friendly_page_in_both_languages() {
    let rocket = session_lab::build(figment()).mount("/test", rocket::routes![status]);
    let client = Client::untracked(rocket).unwrap();
    let cases = [
        (400, "Bad request", "잘못된 요청"),
        (401, "Not logged in", "로그인 필요"),
        (403, "Not allowed", "권한 없음"),
        (404, "Page not found", "페이지 없음"),
        (413, "Too large", "요청이 너무 큼"),
        (422, "Form incomplete", "폼이 불완전함"),
        (500, "Server error", "서버 오류"),
        (503, "Service unavailable", "서비스를 쓸 수 없음"),
        (418, "Request refused", "요청 거부됨"),
    ];
    for (code, english, korean) in cases {
        let response = client.get(format!("/test/status/{code}")).dispatch();
        assert_eq!(response.status().code, code);
        assert_eq!(response.headers().get_one("Cache-Control"), Some("no-store"));
        let page = response.into_string().unwrap();
        assert!(page.contains(english) && page.contains("<html lang=\"en\">"), "{code}");
        let page = client
            .get(format!("/test/status/{code}?lang=ko"))
            .dispatch()
            .into_string()
            .unwrap();
        assert!(page.contains(korean), "{code}");
    }
}

#[test]
fn every_test_that_docs_security_md_cites_exists() {
    let root = env!("CARGO_MANIFEST_DIR");
    let doc = std::fs::read_to_string(format!("{root}/docs/security.md")).unwrap();
    let mut cited = 0;
    for quoted in doc.split('`').skip(1).step_by(2) {
        let Some((module, test)) = quoted.split_once("::") else {
            continue;
        };
        let is_name = |s: &str| {
            !s.is_empty()
                && s.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        };
        let path = format!("{root}/tests/app/{module}.rs");
        if !is_name(module) || !is_name(test) || !std::path::Path::new(&path).exists() {
            continue;
        }
        let source = std::fs::read_to_string(&path).unwrap();
        assert!(
            source.contains(&format!("fn {test}(")),
            "docs/security.md cites {module}::{test}, which does not exist"
        );
        cited += 1;
    }
    assert!(cited >= 30, "only {cited} citations found");
}

#[test]
fn every_route_in_docs_contract_md_answers() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/contract.md")).unwrap();
    let routes: Vec<(&str, &str)> = doc
        .lines()
        .filter_map(|line| line.strip_prefix("| `"))
        .filter_map(|rest| rest.split('`').next())
        .filter_map(|route| route.split_once(' '))
        .filter(|(method, _)| *method == "GET" || *method == "POST")
        .collect();
    assert!(routes.len() >= 60, "{} routes listed", routes.len());
    let app = spawn_app();
    let mounted: Vec<(String, String)> = app
        .client
        .rocket()
        .routes()
        .map(|r| {
            (
                r.method.as_str().to_owned(),
                r.uri.path().trim_end_matches('/').to_owned(),
            )
        })
        .collect();
    // A mounted `/part/<name>` serves a listed `/part/sessions`.
    let serves = |pattern: &str, path: &str| {
        let (pattern, path): (Vec<&str>, Vec<&str>) = (pattern.split('/').collect(), path.split('/').collect());
        pattern.len() == path.len()
            && pattern
                .iter()
                .zip(&path)
                .all(|(want, got)| want == got || (want.starts_with('<') && !want.contains("..")))
    };
    for (method, path) in routes {
        let path = path.trim_end_matches('/');
        let found = mounted.iter().any(|(m, p)| m == method && serves(p, path));
        assert!(found, "{method} {path} is listed but not mounted");
        let response = match method {
            "GET" => app.browser().get(path),
            _ => app.browser().post_form(path, ""),
        };
        let status = response.status();
        assert!(
            status != Status::NotFound && status.code < 500,
            "{method} {path}: {status}"
        );
    }
}

/// The README's configuration table states the defaults that src/config.rs sets, the one place
/// they are written (Rocket.toml sets none of the app's keys).
#[test]
fn the_readme_states_the_defaults_the_code_uses() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let documented: std::collections::BTreeMap<String, String> = readme
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|rest| {
            let (key, rest) = rest.split_once("` | ")?;
            let default = rest.split(" | ").next()?.trim_matches('`').trim_matches('"').to_owned();
            key.chars()
                .all(|c| c.is_ascii_lowercase() || c == '_')
                .then(|| (key.to_owned(), default))
        })
        .collect();
    let config = session_lab::config::AppConfig::from_figment(&rocket::Config::figment()).unwrap();
    let code: [(&str, String); 15] = [
        ("session_store", config.session_store.as_str().to_owned()),
        ("session_dir", config.session_dir.display().to_string()),
        ("redis_url", config.redis_url.clone()),
        ("redis_prefix", config.redis_prefix.clone()),
        ("lab_expiry_preset", config.lab_expiry_preset.to_string()),
        ("session_idle_timeout", config.session_idle_timeout.to_string()),
        ("session_absolute_timeout", config.session_absolute_timeout.to_string()),
        ("session_sweep_interval", config.session_sweep_interval.to_string()),
        ("cookie_secure", config.cookie_secure.to_string()),
        (
            "instructor_password",
            if config.instructor_password.is_none() {
                "unset".into()
            } else {
                "set".into()
            },
        ),
        (
            "trusted_proxies",
            if config.trusted_proxies.is_empty() {
                "[]".into()
            } else {
                "some".into()
            },
        ),
        ("max_sessions_per_user", config.max_sessions_per_user.to_string()),
        ("max_accounts", config.max_accounts.to_string()),
        (
            "max_sessions_demo_account",
            config.max_sessions_demo_account.to_string(),
        ),
        ("default_lang", config.default_lang.code().to_owned()),
    ];
    for (key, value) in code {
        assert_eq!(documented.get(key), Some(&value), "README's default for {key}");
    }
}
