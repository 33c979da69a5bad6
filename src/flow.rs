//! The three ways this app keeps a login, as one closed set.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Which login flow something belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Flow {
    /// Credentials in readable client cookies (deliberately weak).
    Cookie,
    /// A random id in an `HttpOnly` cookie, the state on the server.
    Session,
    /// User and role in one signed `HttpOnly` cookie, no server state.
    Signed,
}

impl Flow {
    pub const ALL: [Flow; 3] = [Flow::Cookie, Flow::Session, Flow::Signed];

    pub fn as_str(self) -> &'static str {
        match self {
            Flow::Cookie => "cookie",
            Flow::Session => "session",
            Flow::Signed => "signed",
        }
    }
}

impl fmt::Display for Flow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
