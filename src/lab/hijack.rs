//! Lesson: hijack. An attacker who copies your cookies replays them from another browser.
//!
//! # Warning
//! Deliberately dangerous, for the lesson: the server replays cookies on an "attacker's" behalf.
//! Only this browser's own cookies can be used, every form carries this browser's lab token, and
//! the stolen `sid` is held on the server and never printed.
//!
//! What a student should see: the cookie flow's copied credentials log the attacker in before
//! *and after* the victim logs out (until the password changes); the copied `sid` works only
//! while the session lives: after logout, expiry or an instructor's revocation it is refused.

use crate::view::Page;
use rocket::form::Form;
use rocket::http::{Cookie, CookieJar};
use rocket::response::Redirect;
use rocket::State;
use rocket_dyn_templates::context;
use serde::Serialize;

use super::{LabDesk, LabDesks};
use crate::accounts::{AccountStore, Attempt};
use crate::browser_id::ServerKey;
use crate::client::ClientAddr;
use crate::clock::now_ms;
use crate::cookies;
use crate::credentials::Role;
use crate::error::{AppError, Forbidden};
use crate::flow::Flow;
use crate::ids::ID_CHARS;
use crate::inspector::Visitor;
use crate::lang::Lang;
use crate::session::Sessions;

pub fn routes() -> Vec<rocket::Route> {
    routes![page, replay_cookie, steal_sid, replay_session, refused]
}

/// What the attacker saw when replaying stolen cookies.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct Replay {
    pub logged_in: bool,
    pub user: Option<String>,
    pub role: Option<String>,
    /// Whether the staff-only page would have opened for the attacker.
    pub staff: bool,
    pub at_ms: u64,
    /// Seconds since the replay, filled in when the page is shown.
    pub ago_s: u64,
    /// The paste held no cookie-flow credentials at all (nothing, or something else).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub nothing_pasted: bool,
}

impl Replay {
    fn refused() -> Replay {
        Replay {
            logged_in: false,
            user: None,
            role: None,
            staff: false,
            at_ms: now_ms(),
            ago_s: 0,
            nothing_pasted: false,
        }
    }
}

/// The cookies in whatever a student pasted from the "JavaScript can read" pane: the header form
/// `a=b; c=d`, one pair a line, the quoted `document.cookie = "…"` line, or the whole pane with
/// all of these at once. Values are decoded as a browser would send them.
pub fn pasted_cookies(text: &str) -> Vec<(String, String)> {
    text.split([';', '\n', '\r'])
        .map(|piece| {
            let piece = piece.trim();
            let piece = piece.strip_prefix("document.cookie").unwrap_or(piece).trim_start();
            let piece = piece.strip_prefix('=').unwrap_or(piece);
            piece.trim().trim_matches(['"', '\'', '`']).trim()
        })
        .filter(|piece| piece.contains('='))
        .filter_map(|piece| Cookie::parse_encoded(piece.to_owned()).ok())
        .map(|cookie| (cookie.name().to_owned(), cookie.value().to_owned()))
        .collect()
}

#[get("/hijack")]
pub async fn page(
    visitor: Visitor,
    key: &State<ServerKey>,
    desks: &State<LabDesks>,
    lang: Lang,
) -> Result<Page, AppError> {
    let desk = desks.open(&visitor.0).await?;
    let now = now_ms();
    let shown = |replay: Option<Replay>| {
        replay.map(|mut r| {
            r.ago_s = now.saturating_sub(r.at_ms) / 1000;
            r
        })
    };
    let page = context! {
        token: desks.token(key, &visitor.0),
        stolen: desk.stolen_sid.is_some().then(|| format!("sid={}", "*".repeat(ID_CHARS))),
        cookie_replay: shown(desk.cookie_replay),
        session_replay: shown(desk.session_replay),
    };
    Ok(super::render_lesson(super::Lesson::Hijack, lang, page))
}

#[derive(FromForm)]
pub struct LabForm {
    token: Option<String>,
    /// For the cookie flow: the `Cookie` header the attacker copied.
    cookie_header: Option<String>,
}

/// # Warning
/// Replays pasted cookie-flow cookies exactly as the cookie flow would judge them (the
/// instructor's credentials are refused there, so here too).
#[post("/hijack/replay-cookie", data = "<form>")]
pub async fn replay_cookie(
    desk: LabDesk<'_>,
    form: Form<LabForm>,
    accounts: &State<AccountStore>,
    client: ClientAddr,
) -> Result<Redirect, AppError> {
    desk.check(form.token.as_deref())?;
    let pasted = pasted_cookies(form.cookie_header.as_deref().unwrap_or_default());
    let value = |name: &str| pasted.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone());
    let (username, password, role) = (value(cookies::USERNAME), value(cookies::PASSWORD), value(cookies::ROLE));
    let account = match (&username, &password) {
        (Some(username), Some(password)) => {
            let attempt = Attempt {
                username,
                password,
                from: client.0,
                flow: Flow::Cookie,
            };
            accounts.authenticate(&attempt).await?
        }
        _ => None,
    };
    let account = account.filter(|a| a.role != Role::Instructor);
    let replay = match account {
        Some(account) => Replay {
            logged_in: true,
            user: Some(account.username.to_string()),
            staff: role.as_deref() == Some("instructor"),
            role,
            ..Replay::refused()
        },
        None => Replay {
            staff: role.as_deref() == Some("instructor"),
            nothing_pasted: username.is_none() && password.is_none() && role.is_none(),
            role,
            ..Replay::refused()
        },
    };
    desk.update(|desk| desk.cookie_replay = Some(replay)).await?;
    Ok(Redirect::to("/lab/hijack#attacker"))
}

/// Copies this browser's `sid` to the attacker, as someone watching an unencrypted network
/// would: the value is kept on the server and never shown. An instructor's session is never
/// taken: the lesson is for student sessions.
#[post("/hijack/steal", data = "<form>")]
pub async fn steal_sid(
    desk: LabDesk<'_>,
    form: Form<LabForm>,
    sessions: &State<Sessions>,
    jar: &CookieJar<'_>,
) -> Result<Redirect, AppError> {
    desk.check(form.token.as_deref())?;
    let mut stolen = sessions.presented_id(jar);
    if let Some(id) = stolen {
        if sessions.peek(&id).await?.is_some_and(|r| r.role == Role::Instructor) {
            stolen = None;
        }
    }
    desk.update(|desk| desk.stolen_sid = stolen).await?;
    Ok(Redirect::to("/lab/hijack#attacker"))
}

/// Replays the stolen `sid`: a real request by the attacker, so it also counts as activity.
#[post("/hijack/replay-session", data = "<form>")]
pub async fn replay_session(
    desk: LabDesk<'_>,
    form: Form<LabForm>,
    sessions: &State<Sessions>,
) -> Result<Redirect, AppError> {
    desk.check(form.token.as_deref())?;
    let replay = match desk.open().await?.stolen_sid {
        Some(id) => match sessions.resume(&id).await? {
            Some(record) => Replay {
                logged_in: true,
                user: Some(record.user.to_string()),
                role: Some(record.role.to_string()),
                staff: record.role == Role::Instructor,
                ..Replay::refused()
            },
            None => Replay::refused(),
        },
        None => Replay::refused(),
    };
    desk.update(|desk| desk.session_replay = Some(replay)).await?;
    Ok(Redirect::to("/lab/hijack#attacker"))
}

/// A lab form from a browser that never opened the lab: refused.
#[post("/hijack/<_..>", rank = 2)]
pub fn refused() -> Forbidden {
    Forbidden::UnknownBrowser
}

#[cfg(test)]
mod tests {
    use super::pasted_cookies;

    #[test]
    fn every_way_the_pane_shows_the_cookies_can_be_pasted() {
        let want = vec![
            ("username".to_owned(), "abc".to_owned()),
            ("password".to_owned(), "a b;c".to_owned()),
            ("role".to_owned(), "student".to_owned()),
        ];
        let header = "username=abc; password=a%20b%3Bc; role=student";
        let quoted = format!("\"{header}\"");
        let lines = "username=abc\npassword=a%20b%3Bc\nrole=student";
        let pane = format!("document.cookie\n= \"{header}\"\n\n{lines}");
        for paste in [
            header.to_owned(),
            quoted,
            lines.to_owned(),
            format!("document.cookie = \"{header}\""),
        ] {
            assert_eq!(pasted_cookies(&paste), want, "{paste:?}");
        }
        let mut twice = pasted_cookies(&pane);
        twice.dedup();
        assert!(
            twice.starts_with(&want) && twice.iter().all(|c| want.contains(c)),
            "{twice:?}"
        );
        assert!(pasted_cookies("").is_empty());
        assert!(pasted_cookies("document.cookie is empty: no script can read any cookie.").is_empty());
    }
}
