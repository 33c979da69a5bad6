//! The session flow's guards: the `sid` cookie names a record, and the record says who you are.

use rocket::http::Status;
use rocket::request::{FromRequest, Outcome, Request};

use std::time::Instant;

use super::cookie::cookie_header_len;
use crate::credentials::Role;
use crate::ids::SessionId;
use crate::inspector::Metrics;
use crate::record::SessionRecord;
use crate::session::Sessions;

/// A request whose `sid` names a live session. Resolving it counts as activity: the idle
/// timeout starts again. Unknown, expired, revoked and malformed ids all simply forward.
#[derive(Debug, Clone)]
pub struct SessionUser {
    pub id: SessionId,
    pub record: SessionRecord,
}

impl SessionUser {
    /// A form of this session's pages: it must carry this session's token (and no other's).
    pub fn check_form(&self, csrf_token: Option<&str>) -> Result<(), crate::error::Forbidden> {
        match self.record.csrf_token.matches(csrf_token.unwrap_or_default()) {
            true => Ok(()),
            false => Err(crate::error::Forbidden::Token),
        }
    }
}

/// One store lookup per request, shared by every guard that asks.
struct Resolved(Result<Option<SessionUser>, ()>);

/// The session service and the id this request presents, or the outcome to give without one.
fn presented<'r, T>(request: &'r Request<'_>) -> Result<(&'r Sessions, SessionId), Outcome<T, ()>> {
    let Some(sessions) = request.rocket().state::<Sessions>() else {
        return Err(Outcome::Error((Status::InternalServerError, ())));
    };
    match sessions.presented_id(request.cookies()) {
        Some(id) => Ok((sessions, id)),
        None => Err(Outcome::Forward(Status::Unauthorized)),
    }
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for SessionUser {
    type Error = ();

    async fn from_request(request: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let (sessions, id) = match presented(request) {
            Ok(found) => found,
            Err(outcome) => return outcome,
        };
        let resolved = request
            .local_cache_async(async {
                let started = Instant::now();
                let resumed = sessions.resume(&id).await;
                if let Some(metrics) = request.rocket().state::<Metrics>() {
                    metrics.session.record(cookie_header_len(request), started.elapsed());
                }
                Resolved(match resumed {
                    Ok(record) => Ok(record.map(|record| SessionUser { id, record })),
                    Err(e) => {
                        rocket::error!("session {id}: store failed: {e}");
                        Err(())
                    }
                })
            })
            .await;
        match &resolved.0 {
            Ok(Some(user)) => Outcome::Success(user.clone()),
            Ok(None) => Outcome::Forward(Status::Unauthorized),
            Err(()) => Outcome::Error((Status::ServiceUnavailable, ())),
        }
    }
}

/// A request whose `sid` names a live session, looked up *without* counting as activity: for the
/// inspector, so that watching a session does not keep it alive.
#[derive(Debug, Clone)]
pub struct PeekedSession(pub SessionUser);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for PeekedSession {
    type Error = ();

    async fn from_request(request: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let (sessions, id) = match presented(request) {
            Ok(found) => found,
            Err(outcome) => return outcome,
        };
        match sessions.peek(&id).await {
            Ok(Some(record)) => Outcome::Success(PeekedSession(SessionUser { id, record })),
            Ok(None) => Outcome::Forward(Status::Unauthorized),
            Err(e) => {
                rocket::error!("session {id}: store failed: {e}");
                Outcome::Error((Status::ServiceUnavailable, ()))
            }
        }
    }
}

/// A session whose server-side record has the instructor role.
#[derive(Debug, Clone)]
pub struct Instructor(pub SessionUser);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Instructor {
    type Error = ();

    async fn from_request(request: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        match SessionUser::from_request(request).await {
            Outcome::Success(user) if user.record.role == Role::Instructor => Outcome::Success(Instructor(user)),
            Outcome::Success(_) => Outcome::Forward(Status::Forbidden),
            Outcome::Forward(status) => Outcome::Forward(status),
            Outcome::Error(e) => Outcome::Error(e),
        }
    }
}
