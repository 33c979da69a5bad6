//! The session flow: the browser holds only a random id; who you are lives on the server.
//!
//! What a student should see happen:
//! - one cookie, `sid`, that JavaScript cannot read (`HttpOnly`) and that says nothing by itself;
//! - every login draws a fresh id, and the old one stops working;
//! - `/session/staff` asks the server's record for the role, so editing cookies gets you nowhere;
//! - logging out deletes the record: a copy of the old `sid` is worthless from that moment.

use rocket::form::Form;
use rocket::http::{CookieJar, Header, Status};
use rocket::response::Redirect;
use rocket::serde::json::Json;
use rocket::State;
use rocket_dyn_templates::{context, Template};

use super::wire::WireRequest;
use super::{login_refused, Inspection, LoginForm};
use crate::accounts::{AccountStore, Attempt};
use crate::auth::{Instructor, SessionUser};
use crate::client::ClientAddr;
use crate::clock::now_ms;
use crate::cookies::RawCookieHeader;
use crate::error::AppError;
use crate::error::{Forbidden, Refused};
use crate::events::{EventBus, EventKind, Subject};
use crate::flow::Flow;
use crate::inspector::{Inspector, KnownBrowser};
use crate::lab::LabDesks;
use crate::lang::Lang;
use crate::session::Sessions;
use crate::view;

const FLOW: Flow = Flow::Session;

pub fn routes() -> Vec<rocket::Route> {
    routes![
        login_page,
        login,
        home,
        home_anonymous,
        logout,
        logout_anonymous,
        staff,
        staff_student,
        staff_anonymous,
        inspect,
        wire
    ]
}

#[get("/login")]
pub fn login_page(inspector: Inspector, lang: Lang) -> Template {
    let inspector = inspector.panes(FLOW, stores(None));
    view::render("session/login", lang, context! { flow: FLOW, username: "", inspector })
}

#[allow(clippy::too_many_arguments)]
#[post("/login", data = "<form>")]
pub async fn login(
    form: Form<LoginForm>,
    accounts: &State<AccountStore>,
    sessions: &State<Sessions>,
    jar: &CookieJar<'_>,
    inspector: Inspector,
    client: ClientAddr,
    browser: Option<KnownBrowser>,
    desks: &State<LabDesks>,
    bus: &State<EventBus>,
    lang: Lang,
) -> Result<Redirect, Refused> {
    let attempt = Attempt {
        username: &form.username,
        password: &form.password,
        from: client.0,
        flow: FLOW,
    };
    let Some(account) = accounts.authenticate(&attempt).await? else {
        return Err(login_refused(
            FLOW,
            lang,
            &form.username,
            inspector.panes(FLOW, stores(None)),
        ));
    };
    // A fresh id on every login: an id known before login (planted or stolen) dies here.
    if let Some(old) = sessions.presented_id(jar) {
        sessions.end(&old).await?;
    }
    let (id, record) = sessions.start(&account).await?;
    jar.add(sessions.cookie(&id, form.remember));
    if let (Some(browser), crate::credentials::Role::Instructor) = (browser, record.role) {
        // From now on this browser never runs a board post, even after logging out.
        desks.mark_instructor(&browser.0, client.0);
    }
    rocket::info!("session flow: {} logged in, session {id}", account.username);
    bus.emit_from(client.0, EventKind::Login, FLOW, Subject::User(account.username));
    Ok(Redirect::to("/session"))
}

#[get("/")]
pub fn home(user: SessionUser, inspector: Inspector, lang: Lang) -> Template {
    let inspector = inspector.panes(FLOW, stores(Some(&user)));
    let page = context! {
        flow: FLOW,
        logged_in: true,
        user: user.record.user.as_str(),
        role: user.record.role,
        csrf_token: user.record.csrf_token.expose(),
        inspector,
    };
    view::render("session/home", lang, page)
}

#[get("/", rank = 2)]
pub fn home_anonymous(jar: &CookieJar<'_>, sessions: &State<Sessions>, inspector: Inspector, lang: Lang) -> Template {
    let rejected = jar.get(sessions.cookie_name()).is_some();
    if rejected {
        // The id is unknown, expired, revoked or malformed: ask the browser to drop it.
        jar.remove(sessions.removal_cookie());
    }
    let inspector = inspector.panes(FLOW, stores(None));
    view::render(
        "session/home",
        lang,
        context! { flow: FLOW, logged_in: false, rejected, inspector },
    )
}

/// The inspector's "server stores" pane: this client's session record, as the store keeps it.
fn stores(user: Option<&SessionUser>) -> serde_json::Value {
    let now = now_ms();
    let ago = |ms: u64| now.saturating_sub(ms) / 1000;
    serde_json::json!({
        "logged_in": user.is_some(),
        "user": user.map(|u| u.record.user.as_str()),
        "role": user.map(|u| u.record.role),
        "fingerprint": user.map(|u| u.id.fingerprint()),
        "created_ago_s": user.map(|u| ago(u.record.created_ms)),
        "last_seen_ago_s": user.map(|u| ago(u.record.last_seen_ms)),
        "expires_in_s": user.map(|u| u.record.expires_in_s(now)),
        "expires_ms": user.map(|u| u.record.expires_ms()),
        "now_ms": now,
        "idle_timeout_s": user.map(|u| u.record.idle_timeout_s),
        "absolute_timeout_s": user.map(|u| u.record.absolute_timeout_s),
    })
}

/// The logout form carries this session's CSRF token, so another site cannot log you out.
#[derive(FromForm)]
pub struct LogoutForm {
    csrf_token: Option<String>,
}

/// A redirect that also tells the browser to forget this site's cookies (`Clear-Site-Data`), so
/// nothing of the session is left behind even where a cookie was set with other attributes.
#[derive(Responder)]
pub struct LoggedOut {
    redirect: Redirect,
    clear: Header<'static>,
}

impl LoggedOut {
    fn to(path: &'static str) -> LoggedOut {
        LoggedOut {
            redirect: Redirect::to(path),
            clear: Header::new("Clear-Site-Data", "\"cookies\""),
        }
    }
}

/// Deletes the record on the server, then asks the browser to drop the id.
#[post("/logout", data = "<form>")]
pub async fn logout(
    user: SessionUser,
    form: Form<LogoutForm>,
    sessions: &State<Sessions>,
    jar: &CookieJar<'_>,
    client: ClientAddr,
    bus: &State<EventBus>,
) -> Result<LoggedOut, Refused> {
    let token_ok = form
        .csrf_token
        .as_deref()
        .is_some_and(|t| user.record.csrf_token.matches(t));
    if !token_ok {
        return Err(Forbidden::Token.into());
    }
    sessions.end(&user.id).await?;
    jar.remove(sessions.removal_cookie());
    rocket::info!(
        "session flow: {} logged out, session {} deleted",
        user.record.user,
        user.id
    );
    bus.emit_from(client.0, EventKind::Logout, FLOW, Subject::User(user.record.user));
    Ok(LoggedOut::to("/session"))
}

/// Not logged in: there is nothing to delete, but a stale `sid` cookie is still dropped.
#[post("/logout", rank = 2)]
pub fn logout_anonymous(sessions: &State<Sessions>, jar: &CookieJar<'_>) -> LoggedOut {
    if jar.get(sessions.cookie_name()).is_some() {
        jar.remove(sessions.removal_cookie());
    }
    LoggedOut::to("/session")
}

/// The role comes from the server's record; no cookie can change it.
#[get("/staff")]
pub fn staff(instructor: Instructor, inspector: Inspector, lang: Lang) -> Template {
    staff_page(Status::Ok, Some(&instructor.0), inspector, lang).1
}

#[get("/staff", rank = 2)]
pub fn staff_student(user: SessionUser, inspector: Inspector, lang: Lang) -> (Status, Template) {
    staff_page(Status::Forbidden, Some(&user), inspector, lang)
}

#[get("/staff", rank = 3)]
pub fn staff_anonymous(inspector: Inspector, lang: Lang) -> (Status, Template) {
    staff_page(Status::Unauthorized, None, inspector, lang)
}

fn staff_page(status: Status, user: Option<&SessionUser>, inspector: Inspector, lang: Lang) -> (Status, Template) {
    let page = context! {
        flow: FLOW,
        allowed: status == Status::Ok,
        logged_in: user.is_some(),
        user: user.map(|u| u.record.user.as_str()),
        real_role: user.map(|u| u.record.role),
        inspector: inspector.panes(FLOW, stores(user)),
    };
    (status, view::render("session/staff", lang, page))
}

/// Reads the record without counting as activity, so watching the inspector does not keep a
/// session alive.
#[get("/inspect")]
pub async fn inspect(
    cookies: RawCookieHeader,
    sessions: &State<Sessions>,
    jar: &CookieJar<'_>,
) -> Result<Json<Inspection>, AppError> {
    let found = match sessions.presented_id(jar) {
        Some(id) => sessions.peek(&id).await?,
        None => None,
    };
    let server_state = found.as_ref().and_then(|record| serde_json::to_value(record).ok());
    Ok(Json(Inspection {
        flow: FLOW,
        logged_in: found.is_some(),
        user: found.as_ref().map(|r| r.user.to_string()),
        role: found.as_ref().map(|r| r.role.to_string()),
        cookie_bytes: cookies.bytes(),
        cookie_header: cookies.masked(),
        server_state,
        expires_in_s: found.as_ref().map(|r| r.expires_in_s(now_ms())),
        role_source: found.is_some().then_some("server"),
        password_checked: false,
    }))
}

/// This very request as it crossed the network (the sniff lesson frames it).
#[get("/wire")]
pub fn wire(wire: WireRequest, lang: Lang) -> Template {
    view::render("wire", lang, context! { flow: FLOW, wire })
}
