//! The signed flow's guard: a request whose `signed` cookie verifies.

use rocket::http::Status;
use rocket::request::{FromRequest, Outcome, Request};

use std::time::Instant;

use super::cookie::flow_cookie_bytes;
use crate::clock::now_ms;
use crate::flow::Flow;
use crate::inspector::Metrics;
use crate::signing::{Claims, SigningKey};

/// A request whose `signed` cookie carries a valid, unexpired signature.
#[derive(Debug, Clone)]
pub struct SignedUser {
    pub claims: Claims,
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
