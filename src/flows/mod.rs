//! The two login flows, written as mirror images: the same handler names in `cookie.rs` and
//! `session.rs`, so that a diff of the two files shows only what the lesson is about.

pub mod cookie;
pub mod session;
pub mod signed;
pub mod wire;

use rocket::http::Status;
use rocket::request::{FromRequest, Outcome, Request};
use rocket_dyn_templates::{context, Template};
use serde::Serialize;

use crate::error::AppError;
use crate::i18n::Lang;
use crate::inspector::Panes;
use crate::view;

/// The login form of both flows.
#[derive(FromForm)]
pub struct LoginForm {
    pub username: String,
    pub password: String,
    /// `remember=on` asks for a persistent cookie (`Max-Age`) instead of a memory cookie.
    pub remember: bool,
}

/// A request that did not succeed: a page with its status, or an internal error.
#[derive(Responder)]
pub enum Refused {
    Page(Box<(Status, Template)>),
    Error(AppError),
}

impl Refused {
    pub fn page(status: Status, page: Template) -> Refused {
        Refused::Page(Box::new((status, page)))
    }
}

impl From<AppError> for Refused {
    fn from(error: AppError) -> Self {
        Refused::Error(error)
    }
}

/// The login form again, with a message that does not say which half was wrong.
fn login_refused(flow: &'static str, lang: Lang, username: &str, inspector: Panes) -> Refused {
    let template = match flow {
        "cookie" => "cookie/login",
        "signed" => "signed/login",
        _ => "session/login",
    };
    let page = view::render(
        template,
        lang,
        context! { flow, username, error: "error-login-failed", inspector },
    );
    Refused::page(Status::Unauthorized, page)
}

/// Cookies whose values the app never shows back, because they are `HttpOnly`.
pub const MASKED_COOKIES: [&str; 3] = [
    crate::session::SID_COOKIE,
    crate::inspector::INSPECTOR_COOKIE,
    crate::auth::signed::SIGNED_COOKIE,
];

/// The raw `Cookie` header(s) of this request, exactly as received.
pub struct RawCookieHeader(pub Option<String>);

impl RawCookieHeader {
    /// The `Cookie` header as received; several headers (HTTP/2 may split them) joined by `; `.
    pub fn read(request: &Request<'_>) -> RawCookieHeader {
        let headers: Vec<&str> = request.headers().get("Cookie").collect();
        RawCookieHeader((!headers.is_empty()).then(|| headers.join("; ")))
    }

    /// The header as it may be shown back: the values of `HttpOnly` cookies (`sid`, `inspector`)
    /// masked with `*`, one for each byte, so lengths stay true. Reflecting them in a page or in
    /// JSON would let any script read what `HttpOnly` hides (the "cross-site tracing" mistake).
    pub fn masked(&self) -> Option<String> {
        let header = self.0.as_ref()?;
        let masked = header.split("; ").map(|pair| match pair.split_once('=') {
            Some((name, value)) if MASKED_COOKIES.contains(&name.trim()) => {
                format!("{name}={}", "*".repeat(value.len()))
            }
            _ => pair.to_owned(),
        });
        Some(masked.collect::<Vec<_>>().join("; "))
    }

    pub fn bytes(&self) -> usize {
        self.0.as_ref().map_or(0, String::len)
    }
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for RawCookieHeader {
    type Error = std::convert::Infallible;

    async fn from_request(request: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        Outcome::Success(RawCookieHeader::read(request))
    }
}

/// The inspector's JSON (`/cookie/inspect`, `/session/inspect`); field names are in the contract.
#[derive(Debug, Serialize)]
pub struct Inspection {
    pub flow: &'static str,
    pub logged_in: bool,
    pub user: Option<String>,
    pub role: Option<String>,
    /// The `Cookie` header received, with `HttpOnly` values masked (see [`RawCookieHeader::masked`]).
    pub cookie_header: Option<String>,
    pub cookie_bytes: usize,
    pub server_state: Option<serde_json::Value>,
    pub expires_in_s: Option<u64>,
    /// Where the role the server acts on came from: `"cookie"` (the client said so) or `"server"`.
    pub role_source: Option<&'static str>,
    /// Whether answering this request cost a password hash verification.
    pub password_checked: bool,
}
