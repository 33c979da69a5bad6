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
use crate::flow::Flow;
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

macro_rules! refused_from {
    ($($error:ty),*) => {$(
        impl From<$error> for Refused {
            fn from(error: $error) -> Self {
                Refused::Error(error.into())
            }
        }
    )*};
}

refused_from!(
    AppError,
    crate::accounts::AuthError,
    crate::session::StartError,
    crate::session::StoreError,
    crate::session::RandomError,
    crate::accounts::RegisterError
);

/// The login form again, with a message that does not say which half was wrong.
fn login_refused(flow: Flow, lang: Lang, username: &str, inspector: Panes) -> Refused {
    login_again(
        Status::Unauthorized,
        flow,
        lang,
        username,
        "error-login-failed",
        inspector,
    )
}

/// The login form again for the instructor, who may log in to the session flow only: the
/// password was right, but this flow would put the instructor's authority where the lessons
/// attack it (a readable cookie, a token nobody can revoke). No cookie is set.
fn instructor_refused(flow: Flow, lang: Lang, inspector: Panes) -> Refused {
    login_again(
        Status::Forbidden,
        flow,
        lang,
        "",
        "error-instructor-session-only",
        inspector,
    )
}

fn login_again(
    status: Status,
    flow: Flow,
    lang: Lang,
    username: &str,
    error: &'static str,
    inspector: Panes,
) -> Refused {
    let template = match flow {
        Flow::Cookie => "cookie/login",
        Flow::Signed => "signed/login",
        Flow::Session => "session/login",
    };
    let page = view::render(template, lang, context! { flow, username, error, inspector });
    Refused::page(status, page)
}

/// Cookies whose values the app never shows back, because they are `HttpOnly`.
pub const MASKED_COOKIES: [&str; 4] = [
    crate::session::SID_COOKIE,
    crate::session::HOST_SID_COOKIE,
    crate::browser_id::INSPECTOR_COOKIE,
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
    pub flow: Flow,
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
