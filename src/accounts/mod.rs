//! Accounts: the built-in student and instructor, `/register`, and Argon2id password hashes.

pub mod backend;
mod credentials;
pub mod hashing;
mod register;
mod store;
pub mod throttle;

use std::fmt;

use serde::{Deserialize, Serialize};

pub use credentials::{CredentialError, Password, Username};
pub use store::{Account, AccountStore, Attempt, AuthError, RegisterError, MAX_ACCOUNTS};

use crate::config::AppConfig;

/// What an account may do. Students use both flows; the instructor also runs the class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Student,
    Instructor,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Student => "student",
            Role::Instructor => "instructor",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

pub fn routes() -> Vec<rocket::Route> {
    routes![register::register_page, register::register]
}

/// The built-in student account that a whole class may share (`abc` / `1234`, the tutorial's).
pub const DEMO_ACCOUNT: &str = "abc";
/// The built-in instructor account; it may log in to the session flow only.
pub const INSTRUCTOR_ACCOUNT: &str = "teacher";

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
