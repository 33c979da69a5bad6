//! The signed flow: a readable payload (user, role, expiry) and an HMAC-SHA256 signature in one
//! `HttpOnly` cookie, as Flask's default session and JWTs work. The answer to the tutorial's
//! question "if sessions are safer, why use cookies at all?": no store is needed, and the client
//! cannot forge what it holds.
//!
//! What a student should see: the payload is plain to read (only encoded), editing it breaks the
//! signature and logs you out, the staff page trusts the signed role; but logout only deletes the
//! browser's copy, so a copy taken earlier keeps working until its expiry: nothing on the server
//! can take it back.

use rocket::form::Form;
use rocket::http::{Cookie, CookieJar, SameSite, Status};
use rocket::response::Redirect;
use rocket::serde::json::Json;
use rocket::State;
use rocket_dyn_templates::{context, Template};

use super::{instructor_refused, login_refused, Inspection, LoginForm};
use crate::accounts::{AccountStore, Attempt};
use crate::auth::SignedUser;
use crate::client::ClientAddr;
use crate::clock::now_ms;
use crate::cookies::RawCookieHeader;
use crate::cookies::SIGNED as SIGNED_COOKIE;
use crate::credentials::Role;
use crate::error::Refused;
use crate::events::{EventBus, EventKind, Subject};
use crate::flow::Flow;
use crate::inspector::Inspector;
use crate::lang::Lang;
use crate::signing::{decode_unverified, Claims, SigningKey};
use crate::view;

const FLOW: Flow = Flow::Signed;

pub fn routes() -> Vec<rocket::Route> {
    routes![
        login_page,
        login,
        home,
        home_anonymous,
        logout,
        staff,
        staff_anonymous,
        inspect
    ]
}

#[get("/login")]
pub fn login_page(inspector: Inspector, jar: &CookieJar<'_>, lang: Lang) -> Template {
    let inspector = inspector.panes(FLOW, stores(None, jar));
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
    let Some(account) = accounts.authenticate(&attempt).await? else {
        return Err(login_refused(
            FLOW,
            lang,
            &form.username,
            inspector.panes(FLOW, stores(None, jar)),
        ));
    };
    if account.role == Role::Instructor {
        return Err(instructor_refused(FLOW, lang, inspector.panes(FLOW, stores(None, jar))));
    }
    let lifetime_s = key.lifetime_s;
    let claims = Claims {
        user: account.username.to_string(),
        role: account.role,
        exp: now_ms() + lifetime_s * 1000,
    };
    let mut cookie = Cookie::build((SIGNED_COOKIE, key.sign(&claims)))
        .path("/signed")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(key.secure);
    if form.remember {
        cookie = cookie.max_age(rocket::time::Duration::seconds(
            i64::try_from(lifetime_s).unwrap_or(i64::MAX),
        ));
    }
    jar.add(cookie);
    bus.emit_from(client.0, EventKind::Login, FLOW, Subject::User(account.username));
    Ok(Redirect::to("/signed"))
}

#[get("/")]
pub fn home(user: SignedUser, inspector: Inspector, jar: &CookieJar<'_>, lang: Lang) -> Template {
    let inspector = inspector.panes(FLOW, stores(Some(&user), jar));
    let page = context! { flow: FLOW, logged_in: true, user: &user.claims.user, role: user.claims.role, inspector };
    view::render("signed/home", lang, page)
}

#[get("/", rank = 2)]
pub fn home_anonymous(inspector: Inspector, jar: &CookieJar<'_>, lang: Lang) -> Template {
    let rejected = jar.get(SIGNED_COOKIE).is_some();
    let inspector = inspector.panes(FLOW, stores(None, jar));
    view::render(
        "signed/home",
        lang,
        context! { flow: FLOW, logged_in: false, rejected, inspector },
    )
}

/// The "server stores" pane: nothing but the key; and the payload, decoded as anyone could.
fn stores(user: Option<&SignedUser>, jar: &CookieJar<'_>) -> serde_json::Value {
    let payload = jar.get(SIGNED_COOKIE).and_then(|c| decode_unverified(c.value()));
    let now = now_ms();
    serde_json::json!({
        "logged_in": user.is_some(),
        "payload": payload.map(|p| p.to_string()),
        "expires_in_s": user.map(|u| u.claims.exp.saturating_sub(now).div_ceil(1000)),
        "expires_ms": user.map(|u| u.claims.exp),
        "now_ms": now,
    })
}

/// Asks the browser to drop the cookie. The server keeps no list of tokens, so a copy taken
/// earlier stays valid until its `exp`.
#[post("/logout")]
pub fn logout(
    user: Option<SignedUser>,
    jar: &CookieJar<'_>,
    key: &State<SigningKey>,
    client: ClientAddr,
    bus: &State<EventBus>,
) -> Redirect {
    if let Some(user) = user {
        bus.emit_from(client.0, EventKind::Logout, FLOW, Subject::typed(&user.claims.user));
    }
    jar.remove(
        Cookie::build(SIGNED_COOKIE)
            .path("/signed")
            .http_only(true)
            .same_site(SameSite::Lax)
            .secure(key.secure),
    );
    Redirect::to("/signed")
}

/// The role comes from the signed payload: readable, but not editable.
#[get("/staff")]
pub fn staff(user: SignedUser, inspector: Inspector, jar: &CookieJar<'_>, lang: Lang) -> (Status, Template) {
    let status = if user.claims.role == Role::Instructor {
        Status::Ok
    } else {
        Status::Forbidden
    };
    staff_page(status, Some(&user), inspector, jar, lang)
}

#[get("/staff", rank = 2)]
pub fn staff_anonymous(inspector: Inspector, jar: &CookieJar<'_>, lang: Lang) -> (Status, Template) {
    staff_page(Status::Unauthorized, None, inspector, jar, lang)
}

fn staff_page(
    status: Status,
    user: Option<&SignedUser>,
    inspector: Inspector,
    jar: &CookieJar<'_>,
    lang: Lang,
) -> (Status, Template) {
    let page = context! {
        flow: FLOW,
        allowed: status == Status::Ok,
        logged_in: user.is_some(),
        user: user.map(|u| u.claims.user.as_str()),
        real_role: user.map(|u| u.claims.role),
        inspector: inspector.panes(FLOW, stores(user, jar)),
    };
    (status, view::render("signed/staff", lang, page))
}

#[get("/inspect")]
pub fn inspect(user: Option<SignedUser>, cookies: RawCookieHeader) -> Json<Inspection> {
    let now = now_ms();
    Json(Inspection {
        flow: FLOW,
        logged_in: user.is_some(),
        user: user.as_ref().map(|u| u.claims.user.clone()),
        role: user.as_ref().map(|u| u.claims.role.to_string()),
        cookie_bytes: cookies.bytes(),
        cookie_header: cookies.masked(),
        server_state: None,
        expires_in_s: user.as_ref().map(|u| u.claims.exp.saturating_sub(now).div_ceil(1000)),
        role_source: user.is_some().then_some("signed cookie"),
        password_checked: false,
    })
}
