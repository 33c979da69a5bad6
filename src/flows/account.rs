//! Account safety in the session flow: what only a server that holds every session can do.
//!
//! - `POST /session/logout-others` ends every other session of one's own account;
//! - `/session/password` changes the password and ends every other session with it, and the
//!   cookie flow's copies of the old password stop verifying on their next request.
//!
//! The demo account `abc` is shared by the whole class and `teacher` takes its password from
//! the configuration: neither can be changed or emptied of sessions from here.

use super::prelude::*;
use crate::accounts::ChangeError;
use crate::credentials::{Password, DEMO_ACCOUNT};
use rocket::request::{FromRequest, Outcome, Request};
use serde::Serialize;

const FLOW: Flow = Flow::Session;

pub fn routes() -> Vec<rocket::Route> {
    routes![logout_others, password_page, change_password]
}

/// The account's password comes from this server's configuration, not from its owner.
pub(crate) fn built_in(user: &SessionUser) -> bool {
    user.record.user.as_str() == DEMO_ACCOUNT || user.record.role == Role::Instructor
}

/// The home page's account controls: what this session may do to its own account, and what
/// "log out everywhere else" just did (`?ended=N`).
#[derive(Serialize)]
pub struct AccountPanel {
    csrf_token: Option<String>,
    shared_account: bool,
    own_password: bool,
    ended: Option<usize>,
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for AccountPanel {
    type Error = <SessionUser as FromRequest<'r>>::Error;

    async fn from_request(request: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let user = match request.guard::<Maybe<SessionUser>>().await {
            Outcome::Success(user) => user.0,
            Outcome::Error(e) => return Outcome::Error(e),
            Outcome::Forward(status) => return Outcome::Forward(status),
        };
        let ended = request.query_value::<usize>("ended").and_then(Result::ok);
        Outcome::Success(AccountPanel {
            csrf_token: user.as_ref().map(|u| u.record.csrf_token.expose()),
            shared_account: user.as_ref().is_some_and(|u| u.record.user.as_str() == DEMO_ACCOUNT),
            own_password: user.as_ref().is_some_and(|u| !built_in(u)),
            ended: user.as_ref().and(ended),
        })
    }
}

/// "Log out everywhere else": ends every other session of this account, wherever its id is,
/// and keeps this one. ASVS 5.0 requirement 7.5.2 asks that users can view and end any or all
/// of their active sessions, after authenticating again; this teaching app lets the session's
/// own form token do. The demo account is shared by the whole class, so there the answer is
/// `403`: one student must not log out everyone else.
#[post("/logout-others", data = "<form>")]
pub async fn logout_others(
    user: Maybe<SessionUser>,
    form: Form<LogoutForm>,
    sessions: &State<Sessions>,
    client: ClientAddr,
    bus: &State<EventBus>,
) -> Result<Redirect, Refused> {
    let Some(user) = user.0 else {
        return Ok(Redirect::to("/session"));
    };
    user.check_form(form.csrf_token.as_deref())?;
    if user.record.user.as_str() == DEMO_ACCOUNT {
        return Err(Forbidden::SharedAccount.into());
    }
    let ended = sessions
        .revoke_user(&user.record.user, Some(&user.id.storage_key()))
        .await?;
    rocket::info!(
        "session flow: {} ended {ended} other session(s), kept {}",
        user.record.user,
        user.id
    );
    if ended > 0 {
        bus.emit_from(client.0, EventKind::Revoked, FLOW, Subject::User(user.record.user));
    }
    Ok(Redirect::to(format!("/session?ended={ended}#ended")))
}

#[derive(FromForm)]
pub struct PasswordForm {
    current_password: String,
    new_password: String,
    csrf_token: Option<String>,
}

/// The form, or what a change did (`?ended=N`).
#[get("/password?<ended>")]
pub fn password_page(ended: Option<usize>, user: Maybe<SessionUser>, lang: Lang) -> rocket::Either<Page, Redirect> {
    match user.0 {
        Some(user) => rocket::Either::Left(password_view(&user, lang, None, ended)),
        None => rocket::Either::Right(Redirect::to("/session/login")),
    }
}

fn password_view(user: &SessionUser, lang: Lang, error: Option<&'static str>, ended: Option<usize>) -> Page {
    let page = context! {
        flow: FLOW,
        user: user.name(),
        built_in: built_in(user),
        csrf_token: user.record.csrf_token.expose(),
        error,
        changed: ended.is_some(),
        ended,
    };
    view::render("session/password", lang, page)
}

/// Checks the current password (throttled like a login), stores the new hash, and ends every
/// other session of the account: whoever held a copied id or knew the old password is out.
/// This session stays. ASVS 5.0 requirement 7.4.3 asks for the option to end all other
/// sessions after a change of an authentication factor; here it is not an option but the rule.
#[allow(clippy::too_many_arguments)]
#[post("/password", data = "<form>")]
pub async fn change_password(
    user: Maybe<SessionUser>,
    form: Form<PasswordForm>,
    accounts: &State<AccountStore>,
    sessions: &State<Sessions>,
    client: ClientAddr,
    bus: &State<EventBus>,
    lang: Lang,
) -> Result<Redirect, Refused> {
    let Some(user) = user.0 else {
        return Ok(Redirect::to("/session/login"));
    };
    user.check_form(form.csrf_token.as_deref())?;
    let refuse =
        |status: Status, error: &'static str| Err(Refused::page(status, password_view(&user, lang, Some(error), None)));
    if built_in(&user) {
        return refuse(Status::Forbidden, "password-built-in");
    }
    let new = match Password::parse(&form.new_password) {
        Ok(new) => new,
        Err(e) => return refuse(Status::UnprocessableEntity, e.message_key()),
    };
    let current = Attempt {
        username: user.record.user.as_str(),
        password: &form.current_password,
        from: client.0,
        flow: FLOW,
    };
    match accounts.change_password(&current, &new).await {
        Ok(Some(_)) => {}
        Ok(None) => return refuse(Status::Unauthorized, "password-wrong-current"),
        Err(ChangeError::Builtin) => return refuse(Status::Forbidden, "password-built-in"),
        Err(e) => return Err(e.into()),
    }
    let ended = sessions
        .revoke_user(&user.record.user, Some(&user.id.storage_key()))
        .await?;
    rocket::info!(
        "session flow: {} changed their password; {ended} other session(s) ended",
        user.record.user
    );
    if ended > 0 {
        bus.emit_from(client.0, EventKind::Revoked, FLOW, Subject::User(user.record.user));
    }
    Ok(Redirect::to(format!("/session/password?ended={ended}")))
}
