//! Request guards: who is asking, as each flow decides it. A handler that serves both the
//! logged-in and the anonymous case takes `Maybe<…>` of its flow's guard.

pub mod cookie;
mod session;
pub mod signed;

pub use cookie::{CookieClaims, CookieUser};
pub use session::{Instructor, SessionUser};
pub use signed::SignedUser;

use rocket::request::{FromRequest, Outcome, Request};

/// `Option<T>` for a guard, except that an error is not swallowed: no user is `None`, but a store
/// outage, the throttle or a full hashing queue still answers with its own status. So one handler
/// serves the logged-in and the anonymous case, and every flow answers an outage the same way.
pub struct Maybe<T>(pub Option<T>);

#[rocket::async_trait]
impl<'r, T: FromRequest<'r>> FromRequest<'r> for Maybe<T> {
    type Error = T::Error;

    async fn from_request(request: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        match T::from_request(request).await {
            Outcome::Success(user) => Outcome::Success(Maybe(Some(user))),
            Outcome::Forward(_) => Outcome::Success(Maybe(None)),
            Outcome::Error(e) => Outcome::Error(e),
        }
    }
}
