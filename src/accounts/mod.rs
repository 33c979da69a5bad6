//! Accounts: the built-in student and instructor, `/register`, and Argon2id password hashes.

pub mod hashing;
pub mod limit;
mod store;
pub mod throttle;

pub use store::{Account, AccountStore, Attempt, AuthError, ChangeError, RegisterError};

use crate::config::AppConfig;
use crate::credentials::{Password, INSTRUCTOR_ACCOUNT};

/// The instructor's password: the configured one, or a generated one printed once on standard
/// output, so the person who started the server can log in.
pub fn instructor_password(config: &AppConfig) -> Result<Password, String> {
    match config.instructor_password.as_deref() {
        Some(configured) => Password::parse(configured).map_err(|e| format!("instructor_password: {e}")),
        None => {
            let generated = hashing::random_password();
            println!(
                "session-lab: instructor login is `{INSTRUCTOR_ACCOUNT}` / `{generated}` (set instructor_password to choose it)"
            );
            Password::parse(&generated).map_err(|e| format!("generated instructor password: {e}"))
        }
    }
}
