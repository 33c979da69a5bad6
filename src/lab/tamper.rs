//! Lesson: tamper. Edit your own cookies and see which flow believes them.
//!
//! # Warning
//! Deliberately dangerous, for the lesson: a cookie editor that sets any value of the flows'
//! cookies in the visiting browser (what any user can do with developer tools). It needs this
//! browser's lab token, so no other site can plant cookies through it.
//!
//! What a student should see: `role=instructor` opens `/cookie/staff`, which believes the
//! cookie, but not `/session/staff`, which reads the role from the server's record; editing
//! `sid` does not make you anyone else: it only logs you out.

use crate::view::Page;
use rocket::form::Form;
use rocket::http::{Cookie, CookieJar, SameSite};
use rocket::response::Redirect;
use rocket::State;
use rocket_dyn_templates::context;

use super::{LabDesk, LabDesks};
use crate::browser_id::ServerKey;
use crate::config::AppConfig;
use crate::cookies;
use crate::error::{AppError, Forbidden};
use crate::inspector::Visitor;
use crate::lang::Lang;
use crate::session::Sessions;

pub fn routes() -> Vec<rocket::Route> {
    routes![page, set_cookie, refused]
}

#[get("/tamper?<edited>")]
pub fn page(
    edited: Option<&str>,
    visitor: Visitor,
    key: &State<ServerKey>,
    desks: &State<LabDesks>,
    lang: Lang,
) -> Page {
    let edited = edited.filter(|name| cookies::editable().any(|c| c.name == *name));
    let names: Vec<&str> = cookies::editable().map(|c| c.name).collect();
    let token = desks.token(key, &visitor.0);
    super::render_lesson(
        super::Lesson::Tamper,
        lang,
        context! { token, names, edited, staff_flows: ["cookie", "session"] },
    )
}

#[derive(FromForm)]
pub struct EditForm {
    token: Option<String>,
    name: String,
    #[field(validate = len(..=256))]
    value: String,
}

/// # Warning
/// Sets the chosen cookie with the same attributes its flow uses, so the browser replaces the
/// real one.
#[post("/tamper/set", data = "<form>")]
pub fn set_cookie(
    desk: LabDesk<'_>,
    form: Form<EditForm>,
    sessions: &State<Sessions>,
    config: &State<AppConfig>,
    jar: &CookieJar<'_>,
) -> Result<Redirect, AppError> {
    desk.check(form.token.as_deref())?;
    let Some(fact) = cookies::editable().find(|c| c.name == form.name) else {
        return Err(Forbidden::Token.into());
    };
    // The session cookie goes by the name the server uses now (`__Host-sid` behind HTTPS).
    let name = if fact.name == cookies::SID {
        sessions.cookie_name()
    } else {
        fact.name
    };
    let cookie = Cookie::build((name, form.value.clone()))
        .path(fact.path)
        .same_site(SameSite::Lax)
        .http_only(fact.http_only)
        .secure(config.cookie_secure);
    jar.add(cookie);
    Ok(Redirect::to(format!("/lab/tamper?edited={}#editor", fact.name)))
}

#[post("/tamper/<_..>", rank = 2)]
pub fn refused() -> Forbidden {
    Forbidden::UnknownBrowser
}
