//! Accounts: the built-in student and instructor, `/register`, and Argon2id password hashes.

pub mod backend;
mod credentials;
pub mod hashing;
mod register;
mod store;

use std::fmt;

use rocket::fairing::AdHoc;
use serde::{Deserialize, Serialize};

pub use credentials::{CredentialError, Password, Username};
pub use store::{Account, AccountStore, RegisterError, MAX_ACCOUNTS};

use crate::config::AppConfig;
use crate::session::AccountsBackend;

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

/// Builds the account store. Without `instructor_password` the instructor's password is made
/// up here and printed once, on standard output, so the person who started the server can log in.
pub fn stage() -> AdHoc {
    AdHoc::try_on_ignite("Accounts", |rocket| async {
        let Some(config) = rocket.state::<AppConfig>() else {
            return Err(rocket);
        };
        let configured = config.instructor_password.as_deref().map(Password::parse);
        let password = match configured {
            Some(Ok(password)) => password,
            Some(Err(_)) => return Err(rocket),
            None => {
                let generated = hashing::random_password();
                println!(
                    "session-lab: instructor login is `teacher` / `{generated}` (set instructor_password to choose it)"
                );
                match Password::parse(&generated) {
                    Ok(password) => password,
                    Err(_) => return Err(rocket),
                }
            }
        };
        let Some(AccountsBackend(registered)) = rocket.state::<AccountsBackend>().cloned() else {
            return Err(rocket);
        };
        match AccountStore::new(&password, registered).await {
            Ok(store) => Ok(rocket.manage(store)),
            Err(e) => {
                rocket::error!("could not create the built-in accounts: {e}");
                Err(rocket)
            }
        }
    })
}
