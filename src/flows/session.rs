//! The session flow: the browser holds only a random id; who you are lives on the server.
//!
//! What a student should see happen:
//! - one cookie, `sid`, that JavaScript cannot read (`HttpOnly`) and that says nothing by itself;
//! - every login draws a fresh id, and the old one stops working;
//! - `/session/staff` asks the server's record for the role, so editing cookies gets you nowhere;
//! - logging out deletes the record: a copy of the old `sid` is worthless from that moment.

use super::prelude::*;

const FLOW: Flow = Flow::Session;

pub fn routes() -> Vec<rocket::Route> {
    routes![login_page, login, home, logout, staff, inspect, wire]
}

#[get("/login")]
pub fn login_page(inspector: Inspector, lang: Lang) -> Page {
    let inspector = inspector.panes(FLOW, SessionStoresPane::of(None, now_ms()));
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
) -> Result<Redirect, Refused> {
    let attempt = Attempt {
        username: &form.username,
        password: &form.password,
        from: client.0,
        flow: FLOW,
    };
    let panes = |inspector: Inspector| inspector.panes(FLOW, SessionStoresPane::of(None, now_ms()));
    let Some(account) = accounts.authenticate(&attempt).await? else {
        return Err(login_refused(FLOW, lang, &form.username, panes(inspector)));
    };
    // A fresh id on every login: an id known before login (planted or stolen) dies here.
    if let Some(old) = sessions.presented_id(jar) {
        sessions.end(&old).await?;
    }
    let (id, _) = sessions.start(&account).await?;
    jar.add(sid_cookie(sessions, &id, form.remember));
    rocket::info!("session flow: {} logged in, session {id}", account.username);
    bus.emit_from(client.0, EventKind::Login, FLOW, Subject::User(account.username));
    Ok(Redirect::to(session_landing(account.role)))
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

#[get("/")]
pub fn home(user: Maybe<SessionUser>, account: AccountPanel, inspector: Inspector, lang: Lang) -> Page {
    let rejected = user.rejected();
    let user = user.0;
    let inspector = inspector.panes(FLOW, SessionStoresPane::of(user.as_ref(), now_ms()));
    let page = context! {
        flow: FLOW,
        logged_in: user.is_some(),
        user: user.as_ref().map(Who::name),
        role: user.as_ref().map(Who::role),
        account,
        rejected,
        inspector,
    };
    view::render("session/home", lang, page)
}

/// Deletes the record on the server, then asks the browser to drop the id.
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
        rocket::info!("session flow: {} logged out, session {} deleted", user.name(), user.id);
        bus.emit_from(client.0, EventKind::Logout, FLOW, Subject::User(user.record.user));
    }
    sessions.drop_cookie(jar);
    Ok(LoggedOut::to("/session", jar))
}

/// The role comes from the server's record, which no cookie can change.
#[get("/staff")]
pub fn staff(user: Maybe<SessionUser>, inspector: Inspector, lang: Lang) -> (Status, Page) {
    let user = user.0;
    let role = user.as_ref().map(Who::role);
    let status = staff_status(role == Some(Role::Instructor), user.is_some());
    let page = context! {
        flow: FLOW,
        allowed: status == Status::Ok,
        logged_in: user.is_some(),
        user: user.as_ref().map(Who::name),
        real_role: role,
        inspector: inspector.panes(FLOW, SessionStoresPane::of(user.as_ref(), now_ms())),
    };
    (status, view::render("session/staff", lang, page))
}

#[get("/inspect")]
pub fn inspect(user: Maybe<PeekedSession>, cookies: RawCookieHeader) -> Json<Inspection> {
    let user = user.0.map(|peeked| peeked.0);
    Json(Inspection {
        flow: FLOW,
        logged_in: user.is_some(),
        user: user.as_ref().map(|u| u.name().to_owned()),
        role: user.as_ref().map(|u| u.role().to_string()),
        cookie_bytes: cookies.bytes(),
        flow_cookie_bytes: cookies.flow_bytes(FLOW),
        flow_cookie_header: cookies.flow_masked(FLOW),
        cookie_header: cookies.masked(),
        server_state: user.as_ref().and_then(|u| serde_json::to_value(&u.record).ok()),
        expires_in_s: user.as_ref().map(|u| u.record.expires_in_s(now_ms())),
        role_source: user.is_some().then_some("server"),
        password_checked: false,
    })
}

/// This very request as it crossed the network (the sniff lesson frames it).
#[get("/wire")]
pub fn wire(wire: WireRequest, lang: Lang) -> Page {
    view::render("wire", lang, context! { flow: FLOW, wire, password_exposed: false })
}
