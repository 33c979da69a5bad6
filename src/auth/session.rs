//! The session flow's guards: the `sid` cookie names a record, and the record says who you are.

use rocket::http::{Method, Status};
use rocket::request::{FromRequest, Outcome, Request};

use serde::Serialize;
use std::time::Instant;

use super::cookie::flow_cookie_bytes;
use super::Who;
use crate::client::ClientAddr;
use crate::credentials::Role;
use crate::flow::Flow;
use crate::ids::SessionId;
use crate::inspector::{receipts_of, InstructorBrowsers, KnownBrowser, Metrics};
use crate::record::SessionRecord;
use crate::session::{Layout, Sessions};
use crate::storage::Holding;

/// A request whose `sid` names a live session. Resolving it counts as activity: the idle
/// timeout starts again. Unknown, expired, revoked and malformed ids all forward, and the
/// browser is asked to drop them. A browser that presents an instructor's session is marked, so
/// that it never runs a board post, even after logging out.
#[derive(Debug, Clone)]
pub struct SessionUser {
    pub id: SessionId,
    pub record: SessionRecord,
    /// The store it came from, to show how that store holds it.
    pub layout: Layout,
}

impl SessionUser {
    /// The record as the inspector's "server stores" pane shows it: ages and deadlines in seconds
    /// from now, and the fingerprint of the key it is stored under (never the id itself).
    pub fn pane(&self, now: u64) -> RecordPane {
        let ago = |ms: u64| now.saturating_sub(ms) / 1000;
        let key = self.id.storage_key();
        RecordPane {
            fingerprint: key[..8].to_owned(),
            created_ago_s: ago(self.record.created_ms),
            last_seen_ago_s: ago(self.record.last_seen_ms),
            expires_in_s: self.record.expires_in_s(now),
            expires_ms: self.record.expires_ms(),
            now_ms: now,
            idle_timeout_s: self.record.idle_timeout_s,
            absolute_timeout_s: self.record.absolute_timeout_s,
            held: self.layout.holding(&key, &self.record),
        }
    }

    /// A form of this session's pages: it must carry this session's token (and no other's).
    pub fn check_form(&self, csrf_token: Option<&str>) -> Result<(), crate::error::Forbidden> {
        match self.record.csrf_token.matches(csrf_token.unwrap_or_default()) {
            true => Ok(()),
            false => Err(crate::error::Forbidden::Token),
        }
    }
}

/// The session flow's "server stores" pane: what the record says about this client, if it has
/// one. Typed rather than built as JSON, so the page's context is built once.
#[derive(Debug, Serialize)]
pub struct SessionStoresPane<'a> {
    logged_in: bool,
    user: Option<&'a str>,
    role: Option<Role>,
    record: Option<RecordPane>,
}

impl<'a> SessionStoresPane<'a> {
    pub fn of(user: Option<&'a SessionUser>, now: u64) -> Self {
        SessionStoresPane {
            logged_in: user.is_some(),
            user: user.map(Who::name),
            role: user.map(Who::role),
            record: user.map(|u| u.pane(now)),
        }
    }
}

/// One session record in the pane (see [`SessionUser::pane`]).
#[derive(Debug, Serialize)]
pub struct RecordPane {
    fingerprint: String,
    created_ago_s: u64,
    last_seen_ago_s: u64,
    expires_in_s: u64,
    expires_ms: u64,
    now_ms: u64,
    idle_timeout_s: u64,
    absolute_timeout_s: u64,
    held: Holding,
}

impl super::Presented for SessionUser {
    fn presented(request: &Request<'_>) -> bool {
        let sessions = request.rocket().state::<Sessions>();
        sessions.is_some_and(|sessions| request.cookies().get(sessions.cookie_name()).is_some())
    }
}

impl super::Presented for PeekedSession {
    fn presented(request: &Request<'_>) -> bool {
        SessionUser::presented(request)
    }
}

/// One store lookup per request, shared by every guard that asks.
struct Resolved(Result<Option<SessionUser>, ()>);

fn sessions_of<'r>(request: &'r Request<'_>) -> Option<&'r Sessions> {
    request.rocket().state::<Sessions>()
}

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

/// What resolving a live id does besides the lookup: an instructor's browser is remembered.
async fn mark_instructor(request: &Request<'_>, record: &SessionRecord) {
    if record.role != Role::Instructor {
        return;
    }
    if let (Outcome::Success(browser), Some(marks)) = (
        request.guard::<KnownBrowser>().await,
        request.rocket().state::<InstructorBrowsers>(),
    ) {
        marks.mark(&browser.0, ClientAddr::of(request).0).await;
    }
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for SessionUser {
    type Error = ();

    async fn from_request(request: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let (sessions, id) = match presented(request) {
            Ok(found) => found,
            Err(outcome) => {
                sessions_of(request).inspect(|sessions| sessions.drop_cookie(request.cookies()));
                return outcome;
            }
        };
        let resolved = request
            .local_cache_async(async {
                let timed_resume = async {
                    let started = Instant::now();
                    let resumed = sessions.resume(&id).await;
                    (resumed, started.elapsed())
                };
                // A page shows this browser's receipts too: asked for at the same time, so that
                // with Redis both lookups share one round trip.
                let (resumed, took) = if request.method() == Method::Get {
                    rocket::tokio::join!(timed_resume, receipts_of(request)).0
                } else {
                    timed_resume.await
                };
                if let Some(metrics) = request.rocket().state::<Metrics>() {
                    metrics.session.record(flow_cookie_bytes(request, Flow::Session), took);
                }
                if let Ok(Some(record)) = &resumed {
                    mark_instructor(request, record).await;
                }
                Resolved(match resumed {
                    Ok(record) => Ok(record.map(|record| SessionUser {
                        id,
                        record,
                        layout: sessions.layout(),
                    })),
                    Err(e) => {
                        rocket::error!("session {id}: store failed: {e}");
                        Err(())
                    }
                })
            })
            .await;
        match &resolved.0 {
            Ok(Some(user)) => Outcome::Success(user.clone()),
            Ok(None) => {
                sessions.drop_cookie(request.cookies());
                Outcome::Forward(Status::Unauthorized)
            }
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
            Ok(Some(record)) => Outcome::Success(PeekedSession(SessionUser {
                id,
                record,
                layout: sessions.layout(),
            })),
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
