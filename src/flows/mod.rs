//! The three login flows, written as mirror images: the same handler names in `cookie.rs`,
//! `session.rs` and `signed.rs`, so that a diff of two files shows only what the lesson is about.

pub mod account;
pub mod cookie;
pub mod session;
pub mod signed;
pub mod wire;

/// What every flow file uses, so that a diff of two flow files shows only what differs.
pub(crate) mod prelude {
    pub(crate) use crate::view::Page;
    pub(crate) use rocket::form::Form;
    pub(crate) use rocket::http::{Cookie, CookieJar, SameSite, Status};
    pub(crate) use rocket::response::Redirect;
    pub(crate) use rocket::serde::json::Json;
    pub(crate) use rocket::time::Duration;
    pub(crate) use rocket::State;
    pub(crate) use rocket_dyn_templates::context;

    pub(crate) use super::account::AccountPanel;
    pub(crate) use super::wire::WireRequest;
    pub(crate) use super::{instructor_refused, login_refused, session_landing, staff_status};
    pub(crate) use super::{Inspection, LoggedOut, LoginForm, LogoutForm};
    pub(crate) use crate::accounts::{Account, AccountStore, Attempt};
    /// Each flow's guard, and the service each flow keeps its state in (or its settings).
    pub(crate) use crate::auth::{CookieClaims, CookieUser, PeekedSession, SessionUser, SignedUser};
    /// Each flow's "server stores" pane.
    pub(crate) use crate::auth::{CookieStoresPane, SessionStoresPane, SignedStoresPane};
    pub(crate) use crate::auth::{Maybe, Who};
    pub(crate) use crate::client::ClientAddr;
    pub(crate) use crate::clock::now_ms;
    pub(crate) use crate::config::AppConfig;
    pub(crate) use crate::cookies::{self, RawCookieHeader};
    pub(crate) use crate::credentials::Role;
    pub(crate) use crate::error::{Forbidden, Refused};
    pub(crate) use crate::events::{EventBus, EventKind, Subject};
    pub(crate) use crate::flow::Flow;
    pub(crate) use crate::ids::SessionId;
    pub(crate) use crate::inspector::Inspector;
    pub(crate) use crate::lang::Lang;
    pub(crate) use crate::session::Sessions;
    pub(crate) use crate::view;
}

use rocket::http::{CookieJar, Header, Status};
use rocket::response::Redirect;
use rocket_dyn_templates::context;
use serde::Serialize;

use crate::credentials::Role;
use crate::error::Refused;
use crate::flow::Flow;
use crate::inspector::Panes;
use crate::lang::Lang;
use crate::view;

/// A staff page's answer: `200` for an instructor (as the flow decides who that is), `403` for
/// anyone else logged in, `401` for a visitor.
pub fn staff_status(instructor: bool, logged_in: bool) -> Status {
    match (instructor, logged_in) {
        (true, _) => Status::Ok,
        (false, true) => Status::Forbidden,
        (false, false) => Status::Unauthorized,
    }
}

/// The login form of both flows.
#[derive(FromForm)]
pub struct LoginForm {
    pub username: String,
    pub password: String,
    /// `remember=on` asks for a persistent cookie (`Max-Age`) instead of a memory cookie.
    pub remember: bool,
}

/// A logout form that carries the session's CSRF token, so another site cannot log you out.
#[derive(FromForm)]
pub struct LogoutForm {
    pub csrf_token: Option<String>,
}

/// A redirect to the flow's home that also tells the browser to forget this site's cookies
/// (`Clear-Site-Data`), so nothing of a session is left behind.
#[derive(Responder)]
pub struct LoggedOut {
    redirect: Redirect,
    clear: Header<'static>,
}

impl LoggedOut {
    /// `Clear-Site-Data` clears every cookie of the site, the language choice too; a browser that
    /// had chosen one is sent home with `?lang=`, so the page after logout speaks it again.
    pub fn to(home: &'static str, jar: &CookieJar<'_>) -> LoggedOut {
        let chosen = jar.get(crate::cookies::LANG).and_then(|c| Lang::from_tag(c.value()));
        let target = match chosen {
            Some(lang) => format!("{home}?lang={}", lang.code()),
            None => home.to_owned(),
        };
        LoggedOut {
            redirect: Redirect::to(target),
            clear: Header::new("Clear-Site-Data", "\"cookies\""),
        }
    }
}

/// The login form again, with a message that does not say which half was wrong.
pub(crate) fn login_refused<S: Serialize>(flow: Flow, lang: Lang, username: &str, inspector: Panes<S>) -> Refused {
    login_again(
        Status::Unauthorized,
        flow,
        lang,
        username,
        "error-login-failed",
        inspector,
    )
}

/// Where the session flow's login lands: a student on their session's page, the instructor on
/// the dashboard that runs the class.
pub(crate) fn session_landing(role: Role) -> &'static str {
    match role {
        Role::Student => "/session",
        Role::Instructor => "/instructor",
    }
}

/// The login form again for the instructor, who may log in to the session flow only: the
/// password was right, but this flow would put the instructor's authority where the lessons
/// attack it (a readable cookie, a token nobody can revoke). No cookie is set.
pub(crate) fn instructor_refused<S: Serialize>(flow: Flow, lang: Lang, inspector: Panes<S>) -> Refused {
    login_again(
        Status::Forbidden,
        flow,
        lang,
        "",
        "error-instructor-session-only",
        inspector,
    )
}

fn login_again<S: Serialize>(
    status: Status,
    flow: Flow,
    lang: Lang,
    username: &str,
    error: &'static str,
    inspector: Panes<S>,
) -> Refused {
    let template = match flow {
        Flow::Cookie => "cookie/login",
        Flow::Signed => "signed/login",
        Flow::Session => "session/login",
    };
    let page = view::render(template, lang, context! { flow, username, error, inspector });
    Refused::page(status, page)
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
    /// The bytes of this flow's own cookies in that header (see [`RawCookieHeader::flow_bytes`]).
    pub flow_cookie_bytes: usize,
    /// This flow's own cookies from that header, `HttpOnly` values masked (or null).
    pub flow_cookie_header: Option<String>,
    pub server_state: Option<serde_json::Value>,
    pub expires_in_s: Option<u64>,
    /// Where the role the server acts on came from: `"cookie"` (the client said so) or `"server"`.
    pub role_source: Option<&'static str>,
    /// Whether answering this request cost a password hash verification.
    pub password_checked: bool,
}
