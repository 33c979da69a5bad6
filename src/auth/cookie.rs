//! The cookie flow's guards.
//!
//! # Warning
//! Deliberately weak, for the lesson: the credentials themselves travel in readable cookies.
//! These guards are used only by `/cookie/*` routes.

use rocket::http::Status;
use rocket::request::{FromRequest, Outcome, Request};

use serde::Serialize;
use std::time::Instant;

use super::Who;
use crate::accounts::{Account, AccountStore, Attempt};

use crate::client::ClientAddr;
use crate::cookies::{self, RawCookieHeader};
use crate::credentials::Role;
use crate::error::AppError;
use crate::flow::Flow;
use crate::inspector::Metrics;

/// Bytes of one flow's own cookies in the request's `Cookie` header (for the live metrics).
pub fn flow_cookie_bytes(request: &Request<'_>, flow: Flow) -> usize {
    RawCookieHeader::read(request).flow_bytes(flow)
}

/// What the three cookies claim, exactly as they arrived; nothing here is verified.
#[derive(Debug, Clone, Default)]
pub struct CookieClaims {
    pub username: Option<String>,
    pub password: Option<String>,
    pub role: Option<String>,
}

impl CookieClaims {
    pub fn from_request(request: &Request<'_>) -> CookieClaims {
        let value = |name| request.cookies().get(name).map(|c| c.value().to_owned());
        CookieClaims {
            username: value(cookies::USERNAME),
            password: value(cookies::PASSWORD),
            role: value(cookies::ROLE),
        }
    }
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for CookieClaims {
    type Error = std::convert::Infallible;

    async fn from_request(request: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        Outcome::Success(CookieClaims::from_request(request))
    }
}

/// A user whose `username` and `password` cookies verified against the account store on this
/// very request: the cookie flow keeps no state, so every request pays for a password check.
#[derive(Debug, Clone)]
pub struct CookieUser {
    pub account: Account,
}

/// The cookie flow's "server stores" pane: the server holds nothing, only what it checked on this
/// request.
#[derive(Debug, Serialize)]
pub struct CookieStoresPane<'a> {
    logged_in: bool,
    user: Option<&'a str>,
    role_claim: Option<String>,
    rejected: bool,
}

impl<'a> CookieStoresPane<'a> {
    pub fn of(user: Option<&'a CookieUser>, claims: &CookieClaims) -> Self {
        CookieStoresPane {
            logged_in: user.is_some(),
            user: user.map(Who::name),
            role_claim: claims.role.clone(),
            rejected: user.is_none() && (claims.username.is_some() || claims.password.is_some()),
        }
    }
}

impl super::Presented for CookieUser {
    fn presented(request: &Request<'_>) -> bool {
        let claims = CookieClaims::from_request(request);
        claims.username.is_some() || claims.password.is_some()
    }
}

/// One verification per request, shared by every guard that asks.
struct Verification(Result<Option<Account>, Status>);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for CookieUser {
    type Error = ();

    async fn from_request(request: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let claims = CookieClaims::from_request(request);
        let (Some(username), Some(password)) = (&claims.username, &claims.password) else {
            return Outcome::Forward(Status::Unauthorized);
        };
        let Some(accounts) = request.rocket().state::<AccountStore>() else {
            return Outcome::Error((Status::InternalServerError, ()));
        };
        let verification = request
            .local_cache_async(async {
                let started = Instant::now();
                let attempt = Attempt {
                    username,
                    password,
                    from: ClientAddr::of(request).0,
                    flow: Flow::Cookie,
                };
                let outcome = accounts.authenticate(&attempt).await;
                if let Some(metrics) = request.rocket().state::<Metrics>() {
                    metrics
                        .cookie
                        .record(flow_cookie_bytes(request, Flow::Cookie), started.elapsed());
                }
                Verification(outcome.map_err(|e| {
                    let error = AppError::from(e);
                    rocket::info!("cookie flow: password check refused: {error}");
                    error.note().leave(request);
                    error.status()
                }))
            })
            .await;
        match &verification.0 {
            // The instructor never logs in through readable cookies (the login form refuses it).
            Ok(Some(account)) if account.role == Role::Instructor => Outcome::Forward(Status::Unauthorized),
            Ok(Some(account)) => Outcome::Success(CookieUser {
                account: account.clone(),
            }),
            Ok(None) => Outcome::Forward(Status::Unauthorized),
            Err(status) => Outcome::Error((*status, ())),
        }
    }
}
