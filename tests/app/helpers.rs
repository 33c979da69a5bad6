//! Shared test helpers: one app per test (no shared state), and [`Browser`]s that keep their
//! own cookies the way a real browser does, so a test can have a student, a second student and
//! an attacker talking to the same server.

use std::cell::RefCell;
use std::net::SocketAddr;

use rocket::figment::Figment;
use rocket::http::{ContentType, Cookie, Header, Status};
use rocket::local::blocking::{Client, LocalRequest, LocalResponse};

pub const INSTRUCTOR_PASSWORD: &str = "teacher-pass";

/// What every test starts from: Rocket.toml plus a known instructor password and quiet logs.
pub fn figment() -> Figment {
    rocket::Config::figment()
        .merge(("instructor_password", INSTRUCTOR_PASSWORD))
        .merge(("log_level", "off"))
}

pub struct TestApp {
    pub client: Client,
}

pub fn spawn_app() -> TestApp {
    spawn_app_with(figment())
}

pub fn spawn_app_with(figment: Figment) -> TestApp {
    let client = Client::untracked(session_lab::build(figment)).expect("the app ignites");
    TestApp { client }
}

/// A student can still log in to the session flow and see the page that says so.
pub fn assert_still_serving(app: &TestApp) {
    let student = app.browser();
    assert_eq!(student.login("session", "abc", "1234").status(), Status::SeeOther);
    assert!(student
        .get("/session")
        .into_string()
        .unwrap()
        .contains("logged in as abc"));
}

impl TestApp {
    /// A new browser with an empty cookie jar.
    pub fn browser(&self) -> Browser<'_> {
        Browser {
            client: &self.client,
            jar: RefCell::new(Vec::new()),
            remote: None,
        }
    }

    /// A new browser on another machine: its requests come from `ip` (the TCP peer address).
    pub fn browser_at(&self, ip: &str) -> Browser<'_> {
        Browser {
            remote: Some(SocketAddr::new(ip.parse().expect("an IP address"), 40_000)),
            ..self.browser()
        }
    }

    /// How many session records the store holds, asked of the store itself.
    pub fn stored_sessions(&self) -> usize {
        let sessions = self
            .client
            .rocket()
            .state::<session_lab::session::Sessions>()
            .expect("the app manages its sessions");
        rocket::tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime")
            .block_on(sessions.count())
            .expect("the store answers")
    }
}

#[derive(Clone, Debug)]
struct StoredCookie {
    name: String,
    /// As it came in `Set-Cookie` (percent-encoded where cookie syntax needs it).
    value: String,
    path: String,
}

/// A cookie jar and a client: sends a real `Cookie` header built from its jar (respecting each
/// cookie's `Path`, RFC 6265 §5.1.4) and applies every `Set-Cookie` it receives.
pub struct Browser<'c> {
    client: &'c Client,
    jar: RefCell<Vec<StoredCookie>>,
    /// The address this browser's requests come from; none for the local client's default.
    remote: Option<SocketAddr>,
}

impl<'c> Browser<'c> {
    pub fn get(&self, path: &str) -> LocalResponse<'c> {
        self.send(self.client.get(path.to_owned()), path)
    }

    pub fn post_form(&self, path: &str, body: &str) -> LocalResponse<'c> {
        self.send(
            self.client.post(path.to_owned()).header(ContentType::Form).body(body),
            path,
        )
    }

    pub fn login(&self, flow: &str, username: &str, password: &str) -> LocalResponse<'c> {
        self.post_form(
            &format!("/{flow}/login"),
            &form(&[("username", username), ("password", password)]),
        )
    }

    pub fn login_remembered(&self, flow: &str, username: &str, password: &str) -> LocalResponse<'c> {
        let body = form(&[("username", username), ("password", password), ("remember", "on")]);
        self.post_form(&format!("/{flow}/login"), &body)
    }

    /// Logs out the way each flow's page does it (the session flow's form carries its token).
    pub fn logout(&self, flow: &str) -> LocalResponse<'c> {
        match flow {
            "session" => {
                let token = self.csrf_token();
                self.post_form("/session/logout", &form(&[("csrf_token", &token)]))
            }
            _ => self.post_form(&format!("/{flow}/logout"), ""),
        }
    }

    /// The CSRF token in the session flow's logout form, read from `/session` as a browser would.
    pub fn csrf_token(&self) -> String {
        field_value(&self.get("/session").into_string().unwrap_or_default(), "csrf_token")
    }

    /// A cookie's value as stored (still percent-encoded).
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.jar
            .borrow()
            .iter()
            .find(|c| c.name == name)
            .map(|c| c.value.clone())
    }

    /// Writes a cookie straight into the jar, as a student with developer tools (or an
    /// attacker with a stolen value) would.
    pub fn set_cookie(&self, name: &str, value: &str, path: &str) {
        let mut jar = self.jar.borrow_mut();
        jar.retain(|c| !(c.name == name && c.path == path));
        jar.push(StoredCookie {
            name: name.into(),
            value: value.into(),
            path: path.into(),
        });
    }

    /// The `Cookie` header this browser would send to `path`, if any.
    pub fn cookie_header_for(&self, path: &str) -> Option<String> {
        let path = path.split('?').next().unwrap_or(path);
        let jar = self.jar.borrow();
        let mut matching: Vec<&StoredCookie> = jar.iter().filter(|c| path_matches(path, &c.path)).collect();
        // Longer paths first, as RFC 6265 §5.4 asks.
        matching.sort_by_key(|c| std::cmp::Reverse(c.path.len()));
        let pairs: Vec<String> = matching.iter().map(|c| format!("{}={}", c.name, c.value)).collect();
        (!pairs.is_empty()).then(|| pairs.join("; "))
    }

    /// Sends `request` (built on this browser's client) with this browser's cookies and address.
    pub fn send_request(&self, request: LocalRequest<'c>, path: &str) -> LocalResponse<'c> {
        self.send(request, path)
    }

    fn send(&self, mut request: LocalRequest<'c>, path: &str) -> LocalResponse<'c> {
        if let Some(remote) = self.remote {
            request = request.remote(remote);
        }
        if let Some(header) = self.cookie_header_for(path) {
            // The local client does not parse a raw Cookie header, so hand it the parsed cookies
            // too, decoded exactly as Rocket decodes a real request's header.
            for pair in header.split("; ") {
                // A value Rocket could not decode never reaches the app as a cookie; such values
                // are tested over a real socket (server.rs), where Rocket parses the header itself.
                let cookie = Cookie::parse_encoded(pair.to_owned()).unwrap_or_else(|e| {
                    panic!("the local client cannot send {pair:?} as a cookie ({e}); test it in server.rs")
                });
                request = request.cookie(cookie);
            }
            request.add_header(Header::new("Cookie", header));
        }
        let response = request.dispatch();
        for line in set_cookies(&response) {
            self.absorb(&line, path);
        }
        response
    }

    fn absorb(&self, line: &str, request_path: &str) {
        let (pair, _) = line.split_once(';').unwrap_or((line, ""));
        let Some((name, value)) = pair.split_once('=') else {
            return;
        };
        let attrs = attributes(line);
        let path = attrs
            .iter()
            .find_map(|a| a.strip_prefix("path=").map(str::to_owned))
            .unwrap_or_else(|| default_path(request_path));
        let expired = attrs.iter().any(|a| {
            a.strip_prefix("max-age=")
                .is_some_and(|v| v.parse::<i64>().is_ok_and(|s| s <= 0))
        });
        let mut jar = self.jar.borrow_mut();
        jar.retain(|c| !(c.name == name && c.path == path));
        if !expired {
            jar.push(StoredCookie {
                name: name.into(),
                value: value.into(),
                path,
            });
        }
    }
}

/// RFC 6265 §5.1.4 path-match.
fn path_matches(request_path: &str, cookie_path: &str) -> bool {
    request_path == cookie_path
        || (request_path.starts_with(cookie_path)
            && (cookie_path.ends_with('/') || request_path[cookie_path.len()..].starts_with('/')))
}

fn default_path(request_path: &str) -> String {
    match request_path.rfind('/') {
        Some(0) | None => "/".into(),
        Some(i) => request_path[..i].into(),
    }
}

/// The `value` of the first form field named `name` in a page; fails the test when there is none.
pub fn field_value(page: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = page.find(&marker).unwrap_or_else(|| panic!("no form field {name}")) + marker.len();
    page[start..].split('"').next().unwrap_or_default().to_owned()
}

/// A URL-encoded form body.
pub fn form(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

pub fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => char::from(b).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Every `Set-Cookie` line of a response, exactly as sent.
pub fn set_cookies(response: &LocalResponse<'_>) -> Vec<String> {
    response.headers().get("Set-Cookie").map(str::to_owned).collect()
}

/// The one `Set-Cookie` line for `name`; fails the test when there is none or more than one.
pub fn set_cookie_line(response: &LocalResponse<'_>, name: &str) -> String {
    let lines: Vec<String> = set_cookies(response)
        .into_iter()
        .filter(|l| l.starts_with(&format!("{name}=")))
        .collect();
    assert_eq!(lines.len(), 1, "expected one Set-Cookie for {name}, got {lines:?}");
    lines[0].clone()
}

/// The attributes of a `Set-Cookie` line: names lower-cased, `max-age=0`, `httponly`, ...
pub fn attributes(line: &str) -> Vec<String> {
    line.split(';')
        .skip(1)
        .map(|a| {
            let a = a.trim();
            match a.split_once('=') {
                Some((k, v)) => format!("{}={v}", k.to_ascii_lowercase()),
                None => a.to_ascii_lowercase(),
            }
        })
        .collect()
}

/// The body of a JSON response.
pub fn json(response: LocalResponse<'_>) -> serde_json::Value {
    serde_json::from_str(&response.into_string().unwrap_or_default()).expect("a JSON body")
}

/// Every file below `folder` (relative to the crate), with its path and its text.
pub fn files_under(folder: &str) -> Vec<(std::path::PathBuf, String)> {
    let mut files = Vec::new();
    let mut stack = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(folder)];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).expect("a readable folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let text = std::fs::read_to_string(&path).expect("a text file");
                files.push((path, text));
            }
        }
    }
    files
}
