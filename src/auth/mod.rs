//! Request guards: who is asking, as each flow decides it. Handlers that need a user take one
//! of these; anonymous requests fall through to a lower-ranked twin route.

pub mod cookie;
mod session;
pub mod signed;

pub use cookie::{CookieClaims, CookieUser};
pub use session::{Instructor, SessionUser};
pub use signed::SignedUser;
