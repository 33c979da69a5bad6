//! The inspector: four panes on every page of both flows that make the invisible visible.
//!
//! 1. *Your browser sent*: the raw `Cookie` header of this request and its size, the values
//!    of `HttpOnly` cookies masked (printing them would hand them to any script).
//! 2. *The server set*: the `Set-Cookie` lines of this browser's last login or logout response in
//!    this flow. A response fairing copies them from the real response, keyed by the browser's
//!    own random `inspector` cookie, so no browser ever sees another's. The values of `password`
//!    and `sid` are not kept: storing a password, or printing a session id into the page where any
//!    script could read it, is exactly what this app teaches against.
//! 3. *JavaScript can read*: `document.cookie`, printed live by static/js/app.js.
//! 4. *The server stores*: the session record, or for the cookie flow, nothing at all.

mod instructors;
mod metrics;
mod receipts;

pub use instructors::InstructorBrowsers;
pub use metrics::Metrics;
pub use receipts::{receipts_of, KnownBrowser, Receipt, ReceiptBook, Visitor};

use rocket::request::{FromRequest, Outcome, Request};
use serde::Serialize;

use crate::cookies::RawCookieHeader;
use crate::flow::Flow;

/// The panes the server can fill for this request (the JavaScript pane fills itself).
#[derive(Debug, Serialize)]
pub struct Panes<S> {
    pub flow: Flow,
    pub sent: Option<String>,
    pub sent_bytes: usize,
    pub set: Option<Receipt>,
    /// What the server keeps for this client, as the flow describes it (its `…StoresPane`).
    pub stores: S,
    /// The partial that draws `stores` for this flow.
    pub stores_partial: &'static str,
}

/// The inputs of the panes, gathered from the request; a handler adds what its flow stores.
pub struct Inspector {
    sent: RawCookieHeader,
    cookie_receipt: Option<Receipt>,
    session_receipt: Option<Receipt>,
    signed_receipt: Option<Receipt>,
}

impl Inspector {
    pub fn panes<S: Serialize>(self, flow: Flow, stores: S) -> Panes<S> {
        let set = match flow {
            Flow::Cookie => self.cookie_receipt,
            Flow::Signed => self.signed_receipt,
            Flow::Session => self.session_receipt,
        };
        let stores_partial = match flow {
            Flow::Cookie => "partials/stores/cookie",
            Flow::Session => "partials/stores/session",
            Flow::Signed => "partials/stores/signed",
        };
        Panes {
            flow,
            stores_partial,
            sent_bytes: self.sent.bytes(),
            sent: self.sent.masked(),
            set,
            stores,
        }
    }
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Inspector {
    type Error = std::convert::Infallible;

    async fn from_request(request: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let sent = RawCookieHeader::read(request);
        let receipts = receipts::receipts_of(request).await;
        Outcome::Success(Inspector {
            sent,
            cookie_receipt: receipts.cookie.clone(),
            session_receipt: receipts.session.clone(),
            signed_receipt: receipts.signed.clone(),
        })
    }
}

/// The fairing that copies each login's and logout's `Set-Cookie` lines into the receipts.
pub fn recorder() -> receipts::Recorder {
    receipts::Recorder
}
