//! Lesson: fixation. An attacker plants a session id in the victim's browser before login; if
//! the login keeps that id, the attacker, who knows it, is logged in as the victim.
//!
//! # Warning
//! `login_keeping_id` is deliberately vulnerable, for this lesson only. The real session flow
//! (`/session/login`) always draws a fresh id, so a planted one dies at login.
//!
//! What a student should see: after the vulnerable login the attacker's replay of the planted id
//! is logged in as the student; after the real login it is refused.

use rocket::form::Form;
use rocket::http::{CookieJar, Status};
use rocket::response::Redirect;
use rocket::State;
use rocket_dyn_templates::{context, Template};

use super::hijack::Replay;
use super::{LabBrowser, LabDesks};
use crate::accounts::{AccountStore, Role};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::inspector::ensure_browser;
use crate::session::{now_ms, presented_id, SessionId, Sessions, StoreError, ID_CHARS};
use crate::view;

pub fn routes() -> Vec<rocket::Route> {
    routes![page, plant, login_keeping_id, replay, refused]
}

#[get("/fixation")]
pub fn page(jar: &CookieJar<'_>, desks: &State<LabDesks>, lang: Lang) -> Template {
    let desk = desks.open(&ensure_browser(jar));
    let planted_here = desk.planted_sid.is_some() && presented_id(jar) == desk.planted_sid;
    let replay = desk.fixation_replay.map(|mut r| {
        r.ago_s = now_ms().saturating_sub(r.at_ms) / 1000;
        r
    });
    let page = context! {
        token: desk.token,
        planted: desk.planted_sid.is_some().then(|| format!("sid={}", "*".repeat(ID_CHARS))),
        planted_here,
        replay,
    };
    view::render("lab/fixation", lang, page)
}

#[derive(FromForm)]
pub struct FixationForm {
    token: Option<String>,
    username: Option<String>,
    password: Option<String>,
}

/// The attacker draws a well-formed id, remembers it, and plants it in this browser.
#[post("/fixation/plant", data = "<form>")]
pub fn plant(
    browser: LabBrowser,
    form: Form<FixationForm>,
    desks: &State<LabDesks>,
    sessions: &State<Sessions>,
    jar: &CookieJar<'_>,
) -> Result<Redirect, AppError> {
    desks.check(&browser, form.token.as_deref())?;
    let id = SessionId::generate()?;
    jar.add(sessions.cookie(&id, false));
    desks.update(&browser.0, |desk| {
        desk.planted_sid = Some(id);
        desk.fixation_replay = None;
    });
    Ok(Redirect::to("/lab/fixation#attacker"))
}

/// # Warning
/// A login that keeps the id the browser brought, the mistake this lesson shows.
#[post("/fixation/login-keeping-id", data = "<form>")]
pub async fn login_keeping_id(
    browser: LabBrowser,
    form: Form<FixationForm>,
    desks: &State<LabDesks>,
    accounts: &State<AccountStore>,
    sessions: &State<Sessions>,
    jar: &CookieJar<'_>,
) -> Result<Redirect, AppError> {
    desks.check(&browser, form.token.as_deref())?;
    let (username, password) = (
        form.username.as_deref().unwrap_or_default(),
        form.password.as_deref().unwrap_or_default(),
    );
    let Some(account) = accounts.authenticate(username, password).await? else {
        return Ok(Redirect::to("/lab/fixation?failed=1#victim"));
    };
    let adopted = match presented_id(jar) {
        Some(id) => match sessions.start_adopting(&account, id).await {
            Ok(_) => Some(id),
            Err(AppError::Store(StoreError::Exists)) => None,
            Err(e) => return Err(e),
        },
        None => None,
    };
    if adopted.is_none() {
        let (id, _) = sessions.start(&account).await?;
        jar.add(sessions.cookie(&id, false));
    }
    Ok(Redirect::to("/lab/fixation#victim"))
}

/// The attacker uses the id they planted.
#[post("/fixation/replay", data = "<form>")]
pub async fn replay(
    browser: LabBrowser,
    form: Form<FixationForm>,
    desks: &State<LabDesks>,
    sessions: &State<Sessions>,
) -> Result<Redirect, AppError> {
    desks.check(&browser, form.token.as_deref())?;
    let result = match desks.open(&browser.0).planted_sid {
        Some(id) => sessions
            .resume(&id)
            .await?
            .map(|record| (record.user.to_string(), record.role)),
        None => None,
    };
    let replay = Replay {
        logged_in: result.is_some(),
        staff: result.as_ref().is_some_and(|(_, role)| *role == Role::Instructor),
        role: result.as_ref().map(|(_, role)| role.to_string()),
        user: result.map(|(user, _)| user),
        at_ms: now_ms(),
        ago_s: 0,
    };
    desks.update(&browser.0, |desk| desk.fixation_replay = Some(replay));
    Ok(Redirect::to("/lab/fixation#attacker"))
}

#[post("/fixation/<_..>", rank = 2)]
pub fn refused() -> Status {
    Status::Forbidden
}
