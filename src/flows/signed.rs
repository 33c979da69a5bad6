//! The signed flow: a readable payload (user, role, expiry) and an HMAC-SHA256 signature in one
//! `HttpOnly` cookie, the way JWTs (HS256) work. The answer to the tutorial's question "if
//! sessions are safer, why use cookies at all?": no store is needed, and the client cannot forge
//! what it holds.
//!
//! What a student should see happen:
//! - one cookie, `signed`, that JavaScript cannot read, whose payload anyone can decode;
//! - editing the payload breaks the signature: the request is simply not logged in;
//! - `/signed/staff` trusts the signed role, which only the server can write;
//! - logging out only deletes the browser's copy: a copy taken earlier works until its expiry.

use super::prelude::*;
use crate::signing::{Claims, SigningKey};

const FLOW: Flow = Flow::Signed;

pub fn routes() -> Vec<rocket::Route> {
    routes![login_page, login, home, logout, staff, inspect, wire]
}

#[get("/login")]
pub fn login_page(inspector: Inspector, jar: &CookieJar<'_>, lang: Lang) -> Page {
    let inspector = inspector.panes(FLOW, SignedStoresPane::of(None, jar, now_ms()));
    view::render("signed/login", lang, context! { flow: FLOW, username: "", inspector })
}

#[allow(clippy::too_many_arguments)]
#[post("/login", data = "<form>")]
pub async fn login(
    form: Form<LoginForm>,
    accounts: &State<AccountStore>,
    key: &State<SigningKey>,
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
    let panes = |inspector: Inspector| inspector.panes(FLOW, SignedStoresPane::of(None, jar, now_ms()));
    let Some(account) = accounts.authenticate(&attempt).await? else {
        return Err(login_refused(FLOW, lang, &form.username, panes(inspector)));
    };
    if account.role == Role::Instructor {
        return Err(instructor_refused(FLOW, lang, panes(inspector)));
    }
    let claims = Claims {
        user: account.username.to_string(),
        role: account.role,
        exp: now_ms() + key.lifetime_s * 1000,
    };
    jar.add(signed_cookie(key, &claims, form.remember));
    rocket::info!(
        "signed flow: {} logged in, token valid {} s",
        account.username,
        key.lifetime_s
    );
    bus.emit_from(client.0, EventKind::Login, FLOW, Subject::User(account.username));
    Ok(Redirect::to("/signed"))
}

/// The flow's only cookie: the claims, readable by anyone who decodes them, and the server's
/// signature over them. Scripts cannot read it; it is sent only under `/signed`, and lasts as
/// long as the token is valid only when the user asked to be remembered.
fn signed_cookie(key: &SigningKey, claims: &Claims, remember: bool) -> Cookie<'static> {
    let mut cookie = Cookie::build((cookies::SIGNED, key.sign(claims)))
        .path("/signed")
        .same_site(SameSite::Lax)
        .http_only(true)
        .secure(key.secure);
    if remember {
        let seconds = i64::try_from(key.lifetime_s).unwrap_or(i64::MAX);
        cookie = cookie.max_age(Duration::seconds(seconds));
    }
    cookie.build()
}

/// What removes the token cookie: the same name, path and attributes, expired.
fn removal(key: &SigningKey) -> Cookie<'static> {
    Cookie::build(cookies::SIGNED)
        .path("/signed")
        .same_site(SameSite::Lax)
        .http_only(true)
        .secure(key.secure)
        .build()
}

#[get("/")]
pub fn home(user: Maybe<SignedUser>, jar: &CookieJar<'_>, inspector: Inspector, lang: Lang) -> Page {
    let rejected = user.rejected();
    let user = user.0;
    let inspector = inspector.panes(FLOW, SignedStoresPane::of(user.as_ref(), jar, now_ms()));
    let page = context! {
        flow: FLOW,
        logged_in: user.is_some(),
        user: user.as_ref().map(Who::name),
        role: user.as_ref().map(Who::role),
        rejected,
        inspector,
    };
    view::render("signed/home", lang, page)
}

/// Asks the browser to drop the cookie. The server keeps no list of tokens, so a copy taken
/// earlier stays valid until its `exp`.
#[post("/logout")]
pub fn logout(
    user: Maybe<SignedUser>,
    key: &State<SigningKey>,
    jar: &CookieJar<'_>,
    client: ClientAddr,
    bus: &State<EventBus>,
) -> Redirect {
    jar.remove(removal(key));
    if let Some(user) = user.0 {
        rocket::info!(
            "signed flow: {} dropped the token; it stays valid until it expires",
            user.name()
        );
        bus.emit_from(client.0, EventKind::Logout, FLOW, Subject::typed(user.name()));
    }
    Redirect::to("/signed")
}

/// The role comes from the signed payload: readable, but not editable.
#[get("/staff")]
pub fn staff(user: Maybe<SignedUser>, jar: &CookieJar<'_>, inspector: Inspector, lang: Lang) -> (Status, Page) {
    let user = user.0;
    let role = user.as_ref().map(Who::role);
    let status = staff_status(role == Some(Role::Instructor), user.is_some());
    let page = context! {
        flow: FLOW,
        allowed: status == Status::Ok,
        logged_in: user.is_some(),
        user: user.as_ref().map(Who::name),
        real_role: role,
        inspector: inspector.panes(FLOW, SignedStoresPane::of(user.as_ref(), jar, now_ms())),
    };
    (status, view::render("signed/staff", lang, page))
}

#[get("/inspect")]
pub fn inspect(user: Maybe<SignedUser>, cookies: RawCookieHeader) -> Json<Inspection> {
    let user = user.0;
    let now = now_ms();
    Json(Inspection {
        flow: FLOW,
        logged_in: user.is_some(),
        user: user.as_ref().map(|u| u.name().to_owned()),
        role: user.as_ref().map(|u| u.role().to_string()),
        cookie_bytes: cookies.bytes(),
        flow_cookie_bytes: cookies.flow_bytes(FLOW),
        flow_cookie_header: cookies.flow_masked(FLOW),
        cookie_header: cookies.masked(),
        server_state: None,
        expires_in_s: user.as_ref().map(|u| u.claims.exp.saturating_sub(now).div_ceil(1000)),
        role_source: user.is_some().then_some("signed cookie"),
        password_checked: false,
    })
}

/// This very request as it crossed the network (the sniff lesson frames it).
#[get("/wire")]
pub fn wire(wire: WireRequest, lang: Lang) -> Page {
    view::render("wire", lang, context! { flow: FLOW, wire, password_exposed: false })
}
