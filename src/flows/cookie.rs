//! The cookie flow: the login itself lives in three client cookies.
//!
//! # Warning
//! Deliberately weak, for the lesson. What a student should see happen:
//! - `username`, `password` and `role` are readable by JavaScript (`document.cookie`) and travel
//!   with every request to `/cookie`;
//! - the server remembers nobody: each request re-verifies the password (a slow hash);
//! - `/cookie/staff` believes the `role` cookie, so editing it to `instructor` gets you in;
//! - logging out only asks the browser to forget; a copy of the cookies keeps working.

use super::prelude::*;

const FLOW: Flow = Flow::Cookie;
/// How long `remember` keeps the credentials in the browser: the server has no say after that.
pub(crate) const REMEMBER_DAYS: i64 = 30;

pub fn routes() -> Vec<rocket::Route> {
    routes![login_page, login, home, logout, staff, inspect, wire]
}

#[get("/login")]
pub fn login_page(inspector: Inspector, lang: Lang) -> Page {
    let inspector = inspector.panes(FLOW, CookieStoresPane::of(None, &CookieClaims::default()));
    view::render("cookie/login", lang, context! { flow: FLOW, username: "", inspector })
}

#[allow(clippy::too_many_arguments)]
#[post("/login", data = "<form>")]
pub async fn login(
    form: Form<LoginForm>,
    accounts: &State<AccountStore>,
    config: &State<AppConfig>,
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
    let panes = |inspector: Inspector| inspector.panes(FLOW, CookieStoresPane::of(None, &CookieClaims::default()));
    let Some(account) = accounts.authenticate(&attempt).await? else {
        return Err(login_refused(FLOW, lang, &form.username, panes(inspector)));
    };
    if account.role == Role::Instructor {
        return Err(instructor_refused(FLOW, lang, panes(inspector)));
    }
    for (name, value) in credentials(&account, &form.password) {
        jar.add(credential_cookie(name, value, form.remember, config.cookie_secure));
    }
    rocket::info!("cookie flow: {} logged in", account.username);
    bus.emit_from(client.0, EventKind::Login, FLOW, Subject::User(account.username));
    Ok(Redirect::to("/cookie"))
}

/// # Warning
/// Deliberately weak: the plain password, in a cookie that JavaScript can read, sent to every
/// page under `/cookie`. The values are percent-encoded only as cookie syntax needs (`;`, `=`,
/// `%`, space, non-ASCII), so they come back intact and cannot break the `Set-Cookie` header.
fn credential_cookie(name: &'static str, value: String, remember: bool, secure: bool) -> Cookie<'static> {
    let mut cookie = Cookie::build((name, value))
        .path("/cookie")
        .same_site(SameSite::Lax)
        .http_only(false)
        .secure(secure);
    if remember {
        cookie = cookie.max_age(Duration::days(REMEMBER_DAYS));
    }
    cookie.build()
}

/// What the three cookies hold: the account's name and role, and the password as typed.
fn credentials(account: &Account, password: &str) -> [(&'static str, String); 3] {
    [
        (cookies::USERNAME, account.username.to_string()),
        (cookies::PASSWORD, password.to_owned()),
        (cookies::ROLE, account.role.to_string()),
    ]
}

#[get("/")]
pub fn home(user: Maybe<CookieUser>, claims: CookieClaims, inspector: Inspector, lang: Lang) -> Page {
    let rejected = user.rejected();
    let user = user.0;
    let inspector = inspector.panes(FLOW, CookieStoresPane::of(user.as_ref(), &claims));
    let page = context! {
        flow: FLOW,
        logged_in: user.is_some(),
        user: user.as_ref().map(Who::name),
        role_cookie: claims.role.as_deref(),
        rejected,
        inspector,
    };
    view::render("cookie/home", lang, page)
}

/// Asks the browser to drop the three cookies. Nothing on the server changes, because the
/// server never held anything: a copy of the cookies taken earlier still logs in.
#[post("/logout")]
pub fn logout(
    claims: CookieClaims,
    config: &State<AppConfig>,
    jar: &CookieJar<'_>,
    client: ClientAddr,
    bus: &State<EventBus>,
) -> Redirect {
    for name in [cookies::USERNAME, cookies::PASSWORD, cookies::ROLE] {
        // Removal keeps the name, path and attributes it is given (Rocket sends it expired).
        jar.remove(credential_cookie(name, String::new(), false, config.cookie_secure));
    }
    if let Some(user) = claims.username.as_deref() {
        rocket::info!("cookie flow: a browser dropped its cookies");
        bus.emit_from(client.0, EventKind::Logout, FLOW, Subject::typed(user));
    }
    Redirect::to("/cookie")
}

/// # Warning
/// Deliberately broken authorisation: the role comes from the `role` cookie, which the client
/// wrote, not from the account.
#[get("/staff")]
pub fn staff(user: Maybe<CookieUser>, claims: CookieClaims, inspector: Inspector, lang: Lang) -> (Status, Page) {
    let user = user.0;
    let role = claims.role.as_deref();
    let status = staff_status(role == Some("instructor"), user.is_some());
    let page = context! {
        flow: FLOW,
        allowed: status == Status::Ok,
        logged_in: user.is_some(),
        user: user.as_ref().map(Who::name),
        real_role: user.as_ref().map(Who::role),
        role_cookie: role,
        inspector: inspector.panes(FLOW, CookieStoresPane::of(user.as_ref(), &claims)),
    };
    (status, view::render("cookie/staff", lang, page))
}

#[get("/inspect")]
pub fn inspect(user: Maybe<CookieUser>, claims: CookieClaims, cookies: RawCookieHeader) -> Json<Inspection> {
    let user = user.0;
    Json(Inspection {
        flow: FLOW,
        logged_in: user.is_some(),
        user: user.as_ref().map(|u| u.name().to_owned()),
        role: user.as_ref().and(claims.role.clone()),
        cookie_bytes: cookies.bytes(),
        flow_cookie_bytes: cookies.flow_bytes(FLOW),
        flow_cookie_header: cookies.flow_masked(FLOW),
        cookie_header: cookies.masked(),
        server_state: None,
        expires_in_s: None,
        role_source: user.is_some().then_some("cookie"),
        password_checked: claims.username.is_some() && claims.password.is_some(),
    })
}

/// This very request as it crossed the network (the sniff lesson frames it).
#[get("/wire")]
pub fn wire(wire: WireRequest, lang: Lang) -> Page {
    view::render("wire", lang, context! { flow: FLOW, wire, password_exposed: true })
}
