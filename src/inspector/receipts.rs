//! Receipts: the `Set-Cookie` lines of each browser's last login or logout, per flow.

use std::time::Duration;

use dashmap::DashMap;
use rocket::fairing::{Fairing, Info, Kind};
use rocket::http::{ContentType, Cookie, Method, SameSite, Status};
use rocket::{Request, Response};
use serde::Serialize;

use crate::session::now_ms;

/// The lab's own cookie: a random name for this browser, so its receipts can be found again.
/// Not part of either flow; `HttpOnly`, and gone when the browser session ends.
pub const INSPECTOR_COOKIE: &str = "inspector";

/// How long a receipt is kept, and how many browsers at most.
const KEEP: Duration = Duration::from_secs(30 * 60);
const MAX_BROWSERS: usize = 10_000;

/// Values the server refuses to keep, even for the inspector.
const SECRET_COOKIES: [&str; 3] = ["password", "sid", "signed"];

#[derive(Debug, Clone, Serialize)]
pub struct Receipt {
    /// `login` or `logout`.
    pub action: &'static str,
    /// The `Set-Cookie` lines exactly as sent, secret values replaced by `…`.
    pub lines: Vec<String>,
    /// Whether a secret value was left out.
    pub redacted: bool,
    pub at_ms: u64,
}

#[derive(Default)]
pub struct ReceiptBook {
    receipts: DashMap<(String, &'static str), Receipt>,
}

impl ReceiptBook {
    pub fn last(&self, browser: &str, flow: &'static str) -> Option<Receipt> {
        let receipt = self.receipts.get(&(browser.to_owned(), flow)).map(|r| r.clone())?;
        (now_ms().saturating_sub(receipt.at_ms) < KEEP.as_millis() as u64).then_some(receipt)
    }

    /// Forgets every receipt (class reset).
    pub fn clear(&self) {
        self.receipts.clear();
    }

    fn record(&self, browser: &str, flow: &'static str, receipt: Receipt) {
        if self.receipts.len() >= MAX_BROWSERS {
            let cutoff = now_ms().saturating_sub(KEEP.as_millis() as u64);
            self.receipts.retain(|_, r| r.at_ms >= cutoff);
            if self.receipts.len() >= MAX_BROWSERS {
                return;
            }
        }
        self.receipts.insert((browser.to_owned(), flow), receipt);
    }
}

/// Replaces the value of a secret cookie in a `Set-Cookie` line; `None` when nothing changed.
fn redact(line: &str) -> Option<String> {
    let (pair, rest) = line.split_once(';').map_or((line, ""), |(p, r)| (p, r));
    let (name, value) = pair.split_once('=')?;
    (SECRET_COOKIES.contains(&name) && !value.is_empty())
        .then(|| format!("{name}=…;{rest}").trim_end_matches(';').to_owned())
}

pub struct Recorder;

#[rocket::async_trait]
impl Fairing for Recorder {
    fn info(&self) -> Info {
        Info {
            name: "Inspector receipts",
            kind: Kind::Response,
        }
    }

    async fn on_response<'r>(&self, request: &'r Request<'_>, response: &mut Response<'r>) {
        let browser = request
            .cookies()
            .get(INSPECTOR_COOKIE)
            .map(|c| c.value().to_owned())
            .filter(|v| valid_id(v));
        let path = request.uri().path();
        let flow_action = match path.as_str() {
            "/cookie/login" => Some(("cookie", "login")),
            "/cookie/logout" => Some(("cookie", "logout")),
            "/session/login" => Some(("session", "login")),
            "/session/logout" => Some(("session", "logout")),
            "/signed/login" => Some(("signed", "login")),
            "/signed/logout" => Some(("signed", "logout")),
            _ => None,
        };
        if let (Some(browser), Some((flow, action)), Method::Post, Status::SeeOther) =
            (&browser, flow_action, request.method(), response.status())
        {
            let Some(book) = request.rocket().state::<ReceiptBook>() else {
                return;
            };
            let mut redacted = false;
            let lines = response
                .headers()
                .get("Set-Cookie")
                .map(|line| match redact(line) {
                    Some(hidden) => {
                        redacted = true;
                        hidden
                    }
                    None => line.to_owned(),
                })
                .collect();
            book.record(
                browser,
                flow,
                Receipt {
                    action,
                    lines,
                    redacted,
                    at_ms: now_ms(),
                },
            );
        }
        let is_page = request.method() == Method::Get && response.content_type() == Some(ContentType::HTML);
        let already_set = response
            .headers()
            .get("Set-Cookie")
            .any(|line| line.starts_with("inspector="));
        if browser.is_none() && is_page && !already_set {
            let cookie = Cookie::build((INSPECTOR_COOKIE, new_id()))
                .path("/")
                .http_only(true)
                .same_site(SameSite::Lax);
            response.adjoin_header(cookie.build());
        }
    }
}

/// This browser's `inspector` id, created (and set as a cookie) if it has none yet.
pub fn ensure_browser(jar: &rocket::http::CookieJar<'_>) -> String {
    if let Some(id) = jar
        .get(INSPECTOR_COOKIE)
        .map(|c| c.value().to_owned())
        .filter(|v| valid_id(v))
    {
        return id;
    }
    let id = new_id();
    jar.add(
        Cookie::build((INSPECTOR_COOKIE, id.clone()))
            .path("/")
            .http_only(true)
            .same_site(SameSite::Lax),
    );
    id
}

fn new_id() -> String {
    use rand::Rng;
    format!("{:032x}", rand::rng().random::<u128>())
}

fn valid_id(value: &str) -> bool {
    value.len() == 32 && value.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_values_are_left_out_and_everything_else_is_kept() {
        assert_eq!(
            redact("sid=abc; HttpOnly; SameSite=Lax; Path=/").as_deref(),
            Some("sid=…; HttpOnly; SameSite=Lax; Path=/")
        );
        assert_eq!(
            redact("password=1234; SameSite=Lax; Path=/cookie").as_deref(),
            Some("password=…; SameSite=Lax; Path=/cookie")
        );
        assert_eq!(redact("username=abc; Path=/cookie"), None);
        assert_eq!(
            redact("sid=; Max-Age=0; Path=/"),
            None,
            "a removal has no value to hide"
        );
    }
}
