//! Request guards: who is asking, as each flow decides it. A handler that serves both the
//! logged-in and the anonymous case takes `Maybe<…>` of its flow's guard.

pub mod cookie;
mod session;
pub mod signed;

pub use cookie::{CookieClaims, CookieStoresPane, CookieUser};
pub use session::{Instructor, PeekedSession, SessionStoresPane, SessionUser};
pub use signed::{SignedStoresPane, SignedUser};

use rocket::request::{FromRequest, Outcome, Request};

use crate::credentials::Role;

/// Who a flow's guard says is asking, whichever way the flow decided it.
pub trait Who {
    fn name(&self) -> &str;
    /// The account's role (the cookie flow's `role` cookie is a claim, not this).
    fn role(&self) -> Role;
}

impl Who for CookieUser {
    fn name(&self) -> &str {
        self.account.username.as_str()
    }

    fn role(&self) -> Role {
        self.account.role
    }
}

impl Who for SessionUser {
    fn name(&self) -> &str {
        self.record.user.as_str()
    }

    fn role(&self) -> Role {
        self.record.role
    }
}

impl Who for SignedUser {
    fn name(&self) -> &str {
        &self.claims.user
    }

    fn role(&self) -> Role {
        self.claims.role
    }
}

/// A flow's guard can tell a visitor who presented nothing from one whose cookies did not verify.
pub trait Presented {
    /// Whether the request carries this flow's login cookie(s), valid or not.
    fn presented(request: &Request<'_>) -> bool;
}

/// `Option<T>` for a guard, except that an error is not swallowed: no user is `None`, but a store
/// outage, the throttle or a full hashing queue still answers with its own status. So one handler
/// serves the logged-in and the anonymous case, and every flow answers an outage the same way.
pub struct Maybe<T>(pub Option<T>, bool);

impl<T> Maybe<T> {
    /// The flow's cookies arrived but made no user: an edited cookie, a changed password, an
    /// unknown, expired or malformed id, a bad signature.
    pub fn rejected(&self) -> bool {
        self.0.is_none() && self.1
    }
}

#[rocket::async_trait]
impl<'r, T: FromRequest<'r> + Presented> FromRequest<'r> for Maybe<T> {
    type Error = T::Error;

    async fn from_request(request: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        match T::from_request(request).await {
            Outcome::Success(user) => Outcome::Success(Maybe(Some(user), true)),
            Outcome::Forward(_) => Outcome::Success(Maybe(None, T::presented(request))),
            Outcome::Error(e) => Outcome::Error(e),
        }
    }
}
