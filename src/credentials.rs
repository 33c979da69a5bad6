//! Usernames, passwords and roles: types at the edge, so that once parsed they are known to be
//! valid. A leaf: it depends on nothing else in the crate.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// A username: 3 to 32 characters of `a-z 0-9 _ . -`. A shared `str`: it never grows (8 bytes
/// smaller in every session record than a `String`), and copies share one allocation, so the
/// memory store keeps one copy of a name for all of that user's sessions.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Username(Arc<str>);

/// Why a username or password was refused; each maps to one message in locales/.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CredentialError {
    #[error("username must be 3 to 32 characters")]
    UsernameLength,
    #[error("username may use only a-z, 0-9, '_', '.' and '-'")]
    UsernameAlphabet,
    #[error("password must be 4 to 64 characters")]
    PasswordLength,
    #[error("password may not contain control characters")]
    PasswordControl,
}

impl CredentialError {
    /// The locale key of the message a user sees.
    pub fn message_key(self) -> &'static str {
        match self {
            CredentialError::UsernameLength => "error-username-length",
            CredentialError::UsernameAlphabet => "error-username-alphabet",
            CredentialError::PasswordLength => "error-password-length",
            CredentialError::PasswordControl => "error-password-control",
        }
    }
}

impl Username {
    pub fn parse(raw: &str) -> Result<Username, CredentialError> {
        if !(3..=32).contains(&raw.chars().count()) {
            return Err(CredentialError::UsernameLength);
        }
        let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "_.-".contains(c);
        if !raw.chars().all(allowed) {
            return Err(CredentialError::UsernameAlphabet);
        }
        Ok(Username(raw.into()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Username {
    type Error = CredentialError;

    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Username::parse(&raw)
    }
}

impl From<Username> for String {
    fn from(name: Username) -> String {
        name.0.as_ref().to_owned()
    }
}

impl fmt::Display for Username {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Username {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Username({})", self.0)
    }
}

/// A password: 4 to 64 characters, any printable ones (`;`, `=`, `%`, space and non-ASCII too).
/// Its `Debug` never shows it.
#[derive(Clone)]
pub struct Password(String);

impl Password {
    pub fn parse(raw: &str) -> Result<Password, CredentialError> {
        if !(4..=64).contains(&raw.chars().count()) {
            return Err(CredentialError::PasswordLength);
        }
        if raw.chars().any(char::is_control) {
            return Err(CredentialError::PasswordControl);
        }
        Ok(Password(raw.to_owned()))
    }

    /// The plain text, for hashing, and for the cookie flow's deliberately weak cookie.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password([redacted])")
    }
}

/// The built-in student account that a whole class may share (`abc` / `1234`, the tutorial's).
pub const DEMO_ACCOUNT: &str = "abc";
/// The built-in instructor account; it may log in to the session flow only.
pub const INSTRUCTOR_ACCOUNT: &str = "teacher";

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_follow_the_contract() {
        assert!(Username::parse("abc").is_ok());
        assert!(Username::parse("a.b_c-9").is_ok());
        assert_eq!(Username::parse("ab"), Err(CredentialError::UsernameLength));
        assert_eq!(Username::parse(&"a".repeat(33)), Err(CredentialError::UsernameLength));
        assert_eq!(Username::parse("Abc"), Err(CredentialError::UsernameAlphabet));
        assert_eq!(Username::parse("a b"), Err(CredentialError::UsernameAlphabet));
        assert_eq!(Username::parse("../x"), Err(CredentialError::UsernameAlphabet));
    }

    #[test]
    fn passwords_take_any_printable_characters_and_hide_in_debug() {
        let password = Password::parse("a;b=c%d e 비밀").unwrap();
        assert_eq!(password.expose(), "a;b=c%d e 비밀");
        assert_eq!(format!("{password:?}"), "Password([redacted])");
        assert_eq!(Password::parse("abc").unwrap_err(), CredentialError::PasswordLength);
        assert_eq!(Password::parse("ab\0cd").unwrap_err(), CredentialError::PasswordControl);
        assert!(Password::parse(&"가".repeat(64)).is_ok());
        assert!(Password::parse(&"가".repeat(65)).is_err());
    }
}
