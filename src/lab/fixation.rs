//! Lesson: fixation. An attacker plants a session id in the victim's browser before login; if
//! the login keeps that id, the attacker, who knows it, is logged in as the victim.
//!
//! # Warning
//! `login_keeping_id` is deliberately vulnerable, for this lesson only. The real session flow
//! (`/session/login`) always draws a fresh id, so a planted one dies at login.
//!
//! What a student should see: after the vulnerable login the attacker's replay of the planted id
//! is logged in as the student; after the real login it is refused.

use crate::view::Page;
use rocket::form::Form;
use rocket::http::CookieJar;
use rocket::response::Redirect;
use rocket::State;
use rocket_dyn_templates::context;

use super::hijack::Replay;
use super::{LabDesk, LabDesks};
use crate::accounts::{AccountStore, Attempt};
use crate::browser_id::ServerKey;
use crate::clock::now_ms;
use crate::credentials::Role;
use crate::error::{AppError, Forbidden};
use crate::flow::Flow;
use crate::flows::session::sid_cookie;
use crate::ids::{SessionId, ID_CHARS};
use crate::inspector::Visitor;
use crate::lang::Lang;
use crate::session::{Sessions, StartError};
use crate::storage::StoreError;

pub fn routes() -> Vec<rocket::Route> {
    routes![page, plant, login_keeping_id, login_real, replay, refused]
}

#[get("/fixation")]
pub async fn page(
    visitor: Visitor,
    key: &State<ServerKey>,
    jar: &CookieJar<'_>,
    desks: &State<LabDesks>,
    sessions: &State<Sessions>,
    lang: Lang,
) -> Result<Page, AppError> {
    let desk = desks.open(&visitor.0).await?;
    let planted_here = desk.planted_sid.is_some() && sessions.presented_id(jar) == desk.planted_sid;
    let replay = desk.fixation_replay.map(|mut r| {
        r.ago_s = now_ms().saturating_sub(r.at_ms) / 1000;
        r
    });
    let page = context! {
        token: desks.token(key, &visitor.0),
        planted: desk.planted_sid.is_some().then(|| format!("sid={}", "*".repeat(ID_CHARS))),
        planted_here,
        failed: desk.fixation_failed,
        replay,
    };
    Ok(super::render_lesson(super::Lesson::Fixation, lang, page))
}

#[derive(FromForm)]
pub struct FixationForm {
    token: Option<String>,
    username: Option<String>,
    password: Option<String>,
}

/// The attacker draws a well-formed id, remembers it, and plants it in this browser.
#[post("/fixation/plant", data = "<form>")]
pub async fn plant(
    desk: LabDesk<'_>,
    form: Form<FixationForm>,
    sessions: &State<Sessions>,
    jar: &CookieJar<'_>,
) -> Result<Redirect, AppError> {
    desk.check(form.token.as_deref())?;
    let id = SessionId::generate()?;
    jar.add(sid_cookie(sessions, &id, false));
    desk.update(|desk| {
        desk.planted_sid = Some(id);
        desk.fixation_replay = None;
        desk.fixation_failed = None;
    })
    .await?;
    Ok(Redirect::to("/lab/fixation#attacker"))
}

/// # Warning
/// A login that keeps the id the browser brought, the mistake this lesson shows. Contained: it
/// adopts only the id this lab planted in this browser (never an id a student typed), and it
/// refuses the instructor's account, whose session must never sit under a known id.
#[post("/fixation/login-keeping-id", data = "<form>")]
pub async fn login_keeping_id(
    desk: LabDesk<'_>,
    form: Form<FixationForm>,
    accounts: &State<AccountStore>,
    sessions: &State<Sessions>,
    jar: &CookieJar<'_>,
) -> Result<Redirect, AppError> {
    let Some(account) = lesson_login(&form, &desk, accounts).await? else {
        return Ok(Redirect::to("/lab/fixation#victim"));
    };
    let planted = desk.open().await?.planted_sid;
    let presented = sessions.presented_id(jar);
    let adopted = match presented.filter(|id| Some(*id) == planted) {
        Some(id) => match sessions.start_adopting(&account, id).await {
            Ok(_) => Some(id),
            Err(StartError::Store(StoreError::Exists)) => None,
            Err(e) => return Err(e.into()),
        },
        None => None,
    };
    if adopted.is_none() {
        let (id, _) = sessions.start(&account).await?;
        jar.add(sid_cookie(sessions, &id, false));
    }
    desk.update(|desk| desk.fixation_failed = None).await?;
    Ok(Redirect::to("/lab/fixation#victim"))
}

/// The session flow's own login, from the lesson page: the presented id (the planted one) is
/// deleted and a fresh one issued, exactly as `POST /session/login` does; then back to the
/// lesson, so the attacker can replay at once. Refuses the instructor, like every lab login.
#[post("/fixation/login-real", data = "<form>")]
pub async fn login_real(
    desk: LabDesk<'_>,
    form: Form<FixationForm>,
    accounts: &State<AccountStore>,
    sessions: &State<Sessions>,
    jar: &CookieJar<'_>,
) -> Result<Redirect, AppError> {
    let Some(account) = lesson_login(&form, &desk, accounts).await? else {
        return Ok(Redirect::to("/lab/fixation#victim"));
    };
    if let Some(old) = sessions.presented_id(jar) {
        sessions.end(&old).await?;
    }
    let (id, _) = sessions.start(&account).await?;
    jar.add(sid_cookie(sessions, &id, false));
    desk.update(|desk| desk.fixation_failed = None).await?;
    Ok(Redirect::to("/lab/fixation#attacker"))
}

/// Both of the lesson's logins check the lab token, then the password through the throttle like
/// any login, and refuse the instructor; a refusal is kept on the desk for the page to say, and
/// gives `None`.
async fn lesson_login(
    form: &FixationForm,
    desk: &LabDesk<'_>,
    accounts: &AccountStore,
) -> Result<Option<crate::accounts::Account>, AppError> {
    desk.check(form.token.as_deref())?;
    let attempt = Attempt {
        username: form.username.as_deref().unwrap_or_default(),
        password: form.password.as_deref().unwrap_or_default(),
        from: desk.client.0,
        flow: Flow::Session,
    };
    let refusal = match accounts.authenticate(&attempt).await? {
        None => "error-login-failed",
        Some(account) if account.role == Role::Instructor => "error-instructor-session-only",
        Some(account) => return Ok(Some(account)),
    };
    desk.update(|desk| desk.fixation_failed = Some(refusal.into())).await?;
    Ok(None)
}

/// The attacker uses the id they planted.
#[post("/fixation/replay", data = "<form>")]
pub async fn replay(
    desk: LabDesk<'_>,
    form: Form<FixationForm>,
    sessions: &State<Sessions>,
) -> Result<Redirect, AppError> {
    desk.check(form.token.as_deref())?;
    let result = match desk.open().await?.planted_sid {
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
        nothing_pasted: false,
    };
    desk.update(|desk| desk.fixation_replay = Some(replay)).await?;
    Ok(Redirect::to("/lab/fixation#attacker"))
}

#[post("/fixation/<_..>", rank = 2)]
pub fn refused() -> Forbidden {
    Forbidden::UnknownBrowser
}
