//! Receipts: the `Set-Cookie` lines of each browser's last login or logout, per flow, and the
//! browser id (`inspector` cookie) they are filed under. With the Redis store they are kept in
//! Redis ([`SharedMap`]), so the pane shows the last login whichever instance served it.

use rocket::fairing::{Fairing, Info, Kind};
use rocket::http::{ContentType, Cookie, CookieJar, Method, SameSite, Status};
use rocket::request::{FromRequest, Outcome, Request};
use rocket::Response;
use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::browser_id::{BrowserId, ServerKey};
use crate::client::ClientAddr;
use crate::clock::now_ms;
use crate::config::AppConfig;
use crate::cookies::{self, INSPECTOR};
use crate::flow::Flow;
use crate::storage::{ClassRedis, SharedMap, StoreError};

/// How long a receipt is kept, how many browsers one client address may have receipts for, and
/// how many browsers in all.
const KEEP_MS: u64 = 30 * 60 * 1000;
const PER_ADDRESS: usize = 32;
const MAX_BROWSERS: usize = 10_000;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Receipt {
    /// `login` or `logout`.
    pub action: Cow<'static, str>,
    /// The `Set-Cookie` lines exactly as sent, secret values replaced by `…`.
    pub lines: Vec<String>,
    /// Whether a secret value was left out.
    pub redacted: bool,
    pub at_ms: u64,
}

/// One browser's last receipt in each flow.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Receipts {
    pub cookie: Option<Receipt>,
    pub session: Option<Receipt>,
    pub signed: Option<Receipt>,
}

impl Receipts {
    fn slot(&mut self, flow: Flow) -> &mut Option<Receipt> {
        match flow {
            Flow::Cookie => &mut self.cookie,
            Flow::Session => &mut self.session,
            Flow::Signed => &mut self.signed,
        }
    }
}

/// This request's browser's receipts, looked up once per request (the session guard asks for
/// them together with the session, so that with Redis both go out in one round trip); none
/// when the browser has no id or the store cannot say: they only explain the page.
pub async fn receipts_of<'r>(request: &'r Request<'_>) -> &'r Receipts {
    struct Cached(Receipts);
    &request
        .local_cache_async(async {
            let book = request.rocket().state::<ReceiptBook>();
            Cached(match (book, verified(request)) {
                (Some(book), Some(id)) => book.of(&id).await.unwrap_or_default(),
                _ => Receipts::default(),
            })
        })
        .await
        .0
}

/// Receipts by browser, bounded per client address (see [`crate::bounded`]).
pub struct ReceiptBook {
    receipts: SharedMap<Receipts>,
}

impl ReceiptBook {
    pub fn new(class: Option<&ClassRedis>) -> ReceiptBook {
        ReceiptBook {
            receipts: SharedMap::new(class, "receipts", PER_ADDRESS, MAX_BROWSERS, KEEP_MS),
        }
    }

    /// This browser's last receipt in each flow.
    pub async fn of(&self, browser: &BrowserId) -> Result<Receipts, StoreError> {
        Ok(self.receipts.get(browser.as_str()).await?.unwrap_or_default())
    }

    /// Forgets every receipt (class reset).
    pub async fn clear(&self) -> Result<(), StoreError> {
        self.receipts.clear().await
    }

    pub async fn count(&self) -> Result<usize, StoreError> {
        self.receipts.count().await
    }

    async fn record(
        &self,
        browser: &BrowserId,
        owner: ClientAddr,
        flow: Flow,
        receipt: Receipt,
    ) -> Result<(), StoreError> {
        self.receipts
            .update(browser.as_str(), owner.0, |r| *r.slot(flow) = Some(receipt))
            .await
    }
}

/// Replaces the value of a secret cookie in a `Set-Cookie` line; `None` when nothing changed.
fn redact(line: &str) -> Option<String> {
    let (pair, rest) = line.split_once(';').map_or((line, ""), |(p, r)| (p, r));
    let (name, value) = pair.split_once('=')?;
    (cookies::is_secret(name) && !value.is_empty()).then(|| format!("{name}=…;{rest}").trim_end_matches(';').to_owned())
}

/// The flow and action of a login or logout route.
fn flow_action(path: &str) -> Option<(Flow, &'static str)> {
    let (flow, action) = path.strip_prefix('/')?.split_once('/')?;
    let flow = Flow::ALL.into_iter().find(|f| f.as_str() == flow)?;
    let action = match action {
        "login" => "login",
        "logout" => "logout",
        _ => return None,
    };
    Some((flow, action))
}

/// The browser's verified id, if it has one.
fn verified(request: &Request<'_>) -> Option<BrowserId> {
    // Checked once per request (an HMAC), however many guards and fairings ask.
    struct Verified(Option<BrowserId>);
    let verify = || {
        let key = request.rocket().state::<ServerKey>()?;
        let value = request.cookies().get(INSPECTOR)?.value().to_owned();
        BrowserId::verify(key, &value)
    };
    request.local_cache(|| Verified(verify())).0.clone()
}

/// The lab's own cookie: which browser this is. `HttpOnly`, gone when the browser closes,
/// `Secure` with `cookie_secure`.
fn browser_cookie(request: &Request<'_>, id: &BrowserId) -> Cookie<'static> {
    let secure = request.rocket().state::<AppConfig>().is_some_and(|c| c.cookie_secure);
    Cookie::build((INSPECTOR, id.as_str().to_owned()))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .build()
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
        let browser = verified(request);
        let action = flow_action(request.uri().path().as_str());
        if let (Some(browser), Some((flow, action)), Method::Post, Status::SeeOther) =
            (&browser, action, request.method(), response.status())
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
            let receipt = Receipt {
                action: action.into(),
                lines,
                redacted,
                at_ms: now_ms(),
            };
            if let Err(e) = book.record(browser, ClientAddr::of(request), flow, receipt).await {
                rocket::warn!("the receipt of a {action} was not kept: {e}");
            }
        }
        let is_page = request.method() == Method::Get && response.content_type() == Some(ContentType::HTML);
        let already_set = response
            .headers()
            .get("Set-Cookie")
            .any(|line| line.strip_prefix(INSPECTOR).is_some_and(|rest| rest.starts_with('=')));
        if browser.is_none() && is_page && !already_set {
            let key = request.rocket().state::<ServerKey>();
            if let Some(id) = key.and_then(|key| BrowserId::issue(key).ok()) {
                response.adjoin_header(browser_cookie(request, &id));
            }
        }
    }
}

/// The visiting browser, by the id this server gave it; a browser without a valid one is given
/// one now (the cookie goes out with this response).
pub struct Visitor(pub BrowserId);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Visitor {
    type Error = ();

    async fn from_request(request: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        if let Some(id) = verified(request) {
            return Outcome::Success(Visitor(id));
        }
        let Some(key) = request.rocket().state::<ServerKey>() else {
            return Outcome::Error((Status::InternalServerError, ()));
        };
        match BrowserId::issue(key) {
            Ok(id) => {
                let jar: &CookieJar<'_> = request.cookies();
                jar.add(browser_cookie(request, &id));
                Outcome::Success(Visitor(id))
            }
            Err(e) => {
                rocket::error!("could not issue a browser id: {e}");
                Outcome::Error((Status::InternalServerError, ()))
            }
        }
    }
}

/// A browser that already holds an id this server issued: every lab form needs one, so a form
/// posted from a browser that never opened a page here is refused.
pub struct KnownBrowser(pub BrowserId);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for KnownBrowser {
    type Error = ();

    async fn from_request(request: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        match verified(request) {
            Some(id) => Outcome::Success(KnownBrowser(id)),
            None => Outcome::Forward(Status::Forbidden),
        }
    }
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
