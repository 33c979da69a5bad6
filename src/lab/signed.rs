//! Lesson: signed. A third way: the state in the cookie, signed by the server. No store, no
//! forgery, but no revocation either.
//!
//! # Warning
//! Two attacker's tools, for the lesson: one rewrites this browser's own `signed` cookie with the
//! role `instructor` while keeping the old signature (the server must refuse it); the other keeps
//! a copy of this browser's token on the server, never printed, and replays it later (it works
//! until its expiry, logout or not). Both need this browser's lab token; the instructor never has
//! a signed token (the signed flow refuses the account).

use crate::view::Page;
use rocket::form::Form;
use rocket::http::{Cookie, CookieJar, SameSite};
use rocket::response::Redirect;
use rocket::State;
use rocket_dyn_templates::context;
use serde::Serialize;

use super::{LabDesk, LabDesks};
use crate::browser_id::ServerKey;
use crate::clock::now_ms;
use crate::cookies;
use crate::error::AppError;
use crate::inspector::Visitor;
use crate::lang::Lang;
use crate::signing::{decode_unverified, SigningKey};

/// The lesson page and its replay, under `/lab`.
pub fn routes() -> Vec<rocket::Route> {
    routes![page, replay]
}

/// The tools that need this browser's `signed` cookie (`Path=/signed`), under `/signed`.
pub fn flow_routes() -> Vec<rocket::Route> {
    routes![flip, copy]
}

/// What replaying the kept copy gave the attacker.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct SignedReplay {
    logged_in: bool,
    user: Option<String>,
    role: Option<String>,
    /// Seconds the copy has left, when it still works.
    expires_in_s: Option<u64>,
    at_ms: u64,
    ago_s: u64,
}

/// The lesson's part of a browser's desk: the kept copy (never shown) and the last replay.
#[derive(Debug, Clone, Default, Serialize, serde::Deserialize)]
#[serde(default)]
pub struct SignedDesk {
    pub copy: Option<String>,
    pub replay: Option<SignedReplay>,
    /// The last tool's message (a locale key).
    pub notice: Option<super::desk::Word>,
}

#[get("/signed")]
pub async fn page(
    visitor: Visitor,
    key: &State<ServerKey>,
    desks: &State<LabDesks>,
    lang: Lang,
) -> Result<Page, AppError> {
    let desk = desks.open(&visitor.0).await?.signed;
    let replay = desk.replay.map(|mut replay| {
        replay.ago_s = now_ms().saturating_sub(replay.at_ms) / 1000;
        replay
    });
    let page = context! {
        token: desks.token(key, &visitor.0),
        copied: desk.copy.is_some(),
        replay,
        notice: desk.notice,
    };
    Ok(super::render_lesson(super::Lesson::Signed, lang, page))
}

#[derive(FromForm)]
pub struct SignedForm {
    token: Option<String>,
}

/// The flow's cookie as the flow sets it, with another value.
fn signed_cookie(value: String, secure: bool) -> Cookie<'static> {
    Cookie::build((cookies::SIGNED, value))
        .path("/signed")
        .same_site(SameSite::Lax)
        .http_only(true)
        .secure(secure)
        .build()
}

/// # Warning
/// Rewrites this browser's own token: the payload says `instructor`, the signature is still the
/// one the server made for `student`. The next request to `/signed` shows what the server makes
/// of it.
#[post("/lab-flip", data = "<form>")]
pub async fn flip(
    desk: LabDesk<'_>,
    form: Form<SignedForm>,
    signing: &State<SigningKey>,
    jar: &CookieJar<'_>,
) -> Result<Redirect, AppError> {
    desk.check(form.token.as_deref())?;
    let token = jar.get(cookies::SIGNED).map(|c| c.value().to_owned());
    let flipped = token.as_deref().and_then(|token| {
        let (_, signature) = token.split_once('.')?;
        let mut payload = decode_unverified(token)?;
        payload["role"] = serde_json::json!("instructor");
        let encoded = base64::Engine::encode(
            &base64::engine::general_purpose::URL_SAFE_NO_PAD,
            serde_json::to_vec(&payload).ok()?,
        );
        Some(format!("{encoded}.{signature}"))
    });
    let notice = match flipped {
        Some(value) => {
            jar.add(signed_cookie(value, signing.secure));
            "signed-flip-done"
        }
        None => "signed-login-first",
    };
    desk.update(|desk| desk.signed.notice = Some(notice.into())).await?;
    Ok(Redirect::to("/lab/signed#tools"))
}

/// # Warning
/// Keeps a copy of this browser's token on the server, as someone who sniffed or copied it would;
/// it is never printed.
#[post("/lab-copy", data = "<form>")]
pub async fn copy(desk: LabDesk<'_>, form: Form<SignedForm>, jar: &CookieJar<'_>) -> Result<Redirect, AppError> {
    desk.check(form.token.as_deref())?;
    let token = jar
        .get(cookies::SIGNED)
        .map(|c| c.value().chars().take(4096).collect::<String>());
    let notice = if token.is_some() {
        "signed-copy-done"
    } else {
        "signed-login-first"
    };
    desk.update(|desk| {
        if token.is_some() {
            desk.signed.copy = token;
            desk.signed.replay = None;
        }
        desk.signed.notice = Some(notice.into());
    })
    .await?;
    Ok(Redirect::to("/lab/signed#tools"))
}

/// The attacker presents the kept copy: the server checks it exactly as the signed flow does.
#[post("/signed/replay", data = "<form>")]
pub async fn replay(
    desk: LabDesk<'_>,
    form: Form<SignedForm>,
    signing: &State<SigningKey>,
) -> Result<Redirect, AppError> {
    desk.check(form.token.as_deref())?;
    let now = now_ms();
    let copy = desk.open().await?.signed.copy;
    let claims = copy.as_deref().and_then(|token| signing.verify(token, now));
    let replay = SignedReplay {
        logged_in: claims.is_some(),
        user: claims.as_ref().map(|c| c.user.clone()),
        role: claims.as_ref().map(|c| c.role.to_string()),
        expires_in_s: claims.as_ref().map(|c| c.exp.saturating_sub(now).div_ceil(1000)),
        at_ms: now,
        ago_s: 0,
    };
    let notice = if copy.is_some() {
        None
    } else {
        Some("signed-nothing-copied")
    };
    desk.update(|desk| {
        desk.signed.replay = copy.is_some().then_some(replay);
        desk.signed.notice = notice.map(super::desk::Word::from);
    })
    .await?;
    Ok(Redirect::to("/lab/signed#tools"))
}
