//! The signed flow's guard: a request whose `signed` cookie verifies.

use rocket::http::{CookieJar, Status};
use rocket::request::{FromRequest, Outcome, Request};

use serde::Serialize;
use std::time::Instant;

use super::cookie::flow_cookie_bytes;
use crate::clock::now_ms;
use crate::flow::Flow;
use crate::inspector::Metrics;
use crate::signing::{decode_unverified, Claims, SigningKey};

/// A request whose `signed` cookie carries a valid, unexpired signature.
#[derive(Debug, Clone)]
pub struct SignedUser {
    pub claims: Claims,
}

/// The signed flow's "server stores" pane: nothing but the key; and the payload, decoded as
/// anyone could.
#[derive(Debug, Serialize)]
pub struct SignedStoresPane {
    logged_in: bool,
    payload: Option<String>,
    expires_in_s: Option<u64>,
    expires_ms: Option<u64>,
    now_ms: u64,
}

impl SignedStoresPane {
    pub fn of(user: Option<&SignedUser>, jar: &CookieJar<'_>, now: u64) -> Self {
        let payload = jar
            .get(crate::cookies::SIGNED)
            .and_then(|c| decode_unverified(c.value()));
        SignedStoresPane {
            logged_in: user.is_some(),
            payload: payload.map(|p| p.to_string()),
            expires_in_s: user.map(|u| u.claims.exp.saturating_sub(now).div_ceil(1000)),
            expires_ms: user.map(|u| u.claims.exp),
            now_ms: now,
        }
    }
}

impl super::Presented for SignedUser {
    fn presented(request: &Request<'_>) -> bool {
        request.cookies().get(crate::cookies::SIGNED).is_some()
    }
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for SignedUser {
    type Error = ();

    async fn from_request(request: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let Some(key) = request.rocket().state::<SigningKey>() else {
            return Outcome::Error((Status::InternalServerError, ()));
        };
        let Some(token) = request.cookies().get(crate::cookies::SIGNED) else {
            return Outcome::Forward(Status::Unauthorized);
        };
        // One HMAC over the payload: what this flow pays instead of a lookup or a hash.
        let started = Instant::now();
        let claims = key.verify(token.value(), now_ms());
        if let Some(metrics) = request.rocket().state::<Metrics>() {
            metrics
                .signed
                .record(flow_cookie_bytes(request, Flow::Signed), started.elapsed());
        }
        match claims {
            Some(claims) => Outcome::Success(SignedUser { claims }),
            None => Outcome::Forward(Status::Unauthorized),
        }
    }
}
