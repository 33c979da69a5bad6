//! The signed flow's guard: a request whose `signed` cookie verifies.

use rocket::http::Status;
use rocket::request::{FromRequest, Outcome, Request};

use crate::clock::now_ms;
use crate::signing::{Claims, SigningKey};

/// A request whose `signed` cookie carries a valid, unexpired signature.
#[derive(Debug, Clone)]
pub struct SignedUser {
    pub claims: Claims,
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for SignedUser {
    type Error = ();

    async fn from_request(request: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let Some(key) = request.rocket().state::<SigningKey>() else {
            return Outcome::Error((Status::InternalServerError, ()));
        };
        let claims = request
            .cookies()
            .get(crate::cookies::SIGNED)
            .and_then(|c| key.verify(c.value(), now_ms()));
        match claims {
            Some(claims) => Outcome::Success(SignedUser { claims }),
            None => Outcome::Forward(Status::Unauthorized),
        }
    }
}
