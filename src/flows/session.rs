//! The session flow: the browser holds only a random id; who you are lives on the server.
//!
//! What a student should see happen:
//! - one cookie, `sid`, that JavaScript cannot read (`HttpOnly`) and that says nothing by itself;
//! - every login draws a fresh id, and the old one stops working;
//! - `/session/staff` asks the server's record for the role, so editing cookies gets you nowhere;
//! - logging out deletes the record: a copy of the old `sid` is worthless from that moment.

use super::prelude::*;
use crate::auth::{PeekedSession, SessionUser};
use crate::clock::now_ms;
use crate::credentials::DEMO_ACCOUNT;
use crate::ids::SessionId;
use crate::inspector::{InstructorBrowsers, KnownBrowser};
use crate::session::Sessions;

const FLOW: Flow = Flow::Session;

pub fn routes() -> Vec<rocket::Route> {
    let mut routes = routes![login_page, login, home, logout, staff, inspect, wire];
    routes.extend(super::account::routes());
    routes
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
    bus: &State<EventBus>,
    lang: Lang,
    browser: Option<KnownBrowser>,
    instructors: &State<InstructorBrowsers>,
) -> Result<Redirect, Refused> {
    let attempt = Attempt {
        username: &form.username,
        password: &form.password,
        from: client.0,
        flow: FLOW,
    };
    let panes = |inspector: Inspector| inspector.panes(FLOW, stores(None));
    let Some(account) = accounts.authenticate(&attempt).await? else {
        return Err(login_refused(FLOW, lang, &form.username, panes(inspector)));
    };
    // A fresh id on every login: an id known before login (planted or stolen) dies here.
    if let Some(old) = sessions.presented_id(jar) {
        sessions.end(&old).await?;
    }
    let (id, record) = sessions.start(&account).await?;
    jar.add(sid_cookie(sessions, &id, form.remember));
    if let (Some(browser), Role::Instructor) = (browser, record.role) {
        // From now on this browser never runs a board post, even after logging out.
        instructors.mark(&browser.0, client.0);
    }
    rocket::info!("session flow: {} logged in, session {id}", account.username);
    bus.emit_from(client.0, EventKind::Login, FLOW, Subject::User(account.username));
    Ok(Redirect::to("/session"))
}

/// The flow's only cookie: a random id that means nothing without the server's record. Scripts
/// cannot read it; it is sent to the whole site (`/`), by its `__Host-` name behind HTTPS, and
/// lasts as long as the session can live only when the user asked to be remembered.
pub fn sid_cookie(sessions: &Sessions, id: &SessionId, remember: bool) -> Cookie<'static> {
    let mut cookie = Cookie::build((sessions.cookie_name(), id.expose()))
        .path("/")
        .same_site(SameSite::Lax)
        .http_only(true)
        .secure(sessions.cookie_secure());
    if remember {
        let seconds = i64::try_from(sessions.absolute_timeout_s()).unwrap_or(i64::MAX);
        cookie = cookie.max_age(Duration::seconds(seconds));
    }
    cookie.build()
}

/// What removes the id cookie: the same name, path and attributes, expired.
fn removal(sessions: &Sessions) -> Cookie<'static> {
    Cookie::build(sessions.cookie_name())
        .path("/")
        .same_site(SameSite::Lax)
        .http_only(true)
        .secure(sessions.cookie_secure())
        .build()
}

#[get("/?<ended>")]
pub fn home(
    ended: Option<usize>,
    user: Maybe<SessionUser>,
    sessions: &State<Sessions>,
    jar: &CookieJar<'_>,
    inspector: Inspector,
    lang: Lang,
) -> Template {
    let user = user.0;
    // An id that is unknown, expired, revoked or malformed: the browser is asked to drop it.
    let rejected = user.is_none() && jar.get(sessions.cookie_name()).is_some();
    if rejected {
        jar.remove(removal(sessions));
    }
    let inspector = inspector.panes(FLOW, stores(user.as_ref()));
    let page = context! {
        flow: FLOW,
        logged_in: user.is_some(),
        user: user.as_ref().map(Who::name),
        role: user.as_ref().map(Who::role),
        csrf_token: user.as_ref().map(|u| u.record.csrf_token.expose()),
        shared_account: user.as_ref().is_some_and(|u| u.record.user.as_str() == DEMO_ACCOUNT),
        own_password: user.as_ref().is_some_and(|u| !super::account::built_in(u)),
        ended: user.as_ref().and(ended),
        rejected,
        inspector,
    };
    view::render("session/home", lang, page)
}

/// The inspector's "server stores" pane: this client's session record, as the store keeps it.
fn stores(user: Option<&SessionUser>) -> serde_json::Value {
    let now = now_ms();
    let ago = |ms: u64| now.saturating_sub(ms) / 1000;
    serde_json::json!({
        "logged_in": user.is_some(),
        "user": user.map(Who::name),
        "role": user.map(Who::role),
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

/// Deletes the record on the server, then asks the browser to drop the id. Without a live
/// session there is nothing to delete, but a stale id is still dropped.
#[post("/logout", data = "<form>")]
pub async fn logout(
    user: Maybe<SessionUser>,
    form: Form<LogoutForm>,
    sessions: &State<Sessions>,
    jar: &CookieJar<'_>,
    client: ClientAddr,
    bus: &State<EventBus>,
) -> Result<LoggedOut, Refused> {
    if let Some(user) = user.0 {
        user.check_form(form.csrf_token.as_deref())?;
        sessions.end(&user.id).await?;
        rocket::info!(
            "session flow: {} logged out, session {} deleted",
            user.record.user,
            user.id
        );
        bus.emit_from(client.0, EventKind::Logout, FLOW, Subject::User(user.record.user));
    }
    if jar.get(sessions.cookie_name()).is_some() {
        jar.remove(removal(sessions));
    }
    Ok(LoggedOut::to("/session"))
}

/// The role comes from the server's record, which no cookie can change.
#[get("/staff")]
pub fn staff(user: Maybe<SessionUser>, inspector: Inspector, lang: Lang) -> (Status, Template) {
    let user = user.0;
    let role = user.as_ref().map(Who::role);
    let status = staff_status(role == Some(Role::Instructor), user.is_some());
    let page = context! {
        flow: FLOW,
        allowed: status == Status::Ok,
        logged_in: user.is_some(),
        user: user.as_ref().map(Who::name),
        real_role: role,
        inspector: inspector.panes(FLOW, stores(user.as_ref())),
    };
    (status, view::render("session/staff", lang, page))
}

/// Reads the record without counting as activity, so watching the inspector does not keep a
/// session alive.
#[get("/inspect")]
pub fn inspect(user: Maybe<PeekedSession>, cookies: RawCookieHeader) -> Json<Inspection> {
    let user = user.0.map(|peeked| peeked.0);
    Json(Inspection {
        flow: FLOW,
        logged_in: user.is_some(),
        user: user.as_ref().map(|u| u.name().to_owned()),
        role: user.as_ref().map(|u| u.role().to_string()),
        cookie_bytes: cookies.bytes(),
        cookie_header: cookies.masked(),
        server_state: user.as_ref().and_then(|u| serde_json::to_value(&u.record).ok()),
        expires_in_s: user.as_ref().map(|u| u.record.expires_in_s(now_ms())),
        role_source: user.is_some().then_some("server"),
        password_checked: false,
    })
}

/// This very request as it crossed the network (the sniff lesson frames it).
#[get("/wire")]
pub fn wire(wire: WireRequest, lang: Lang) -> Template {
    view::render("wire", lang, context! { flow: FLOW, wire, password_exposed: false })
}
