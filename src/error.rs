//! [`AppError`]: what can go wrong inside a request, with two audiences. The log gets the cause
//! chain; the user gets the status's page from the catchers, in their language, with a message
//! that says what to do (and `Retry-After` when waiting helps), and no details.

use std::error::Error as _;

use rocket::http::Status;
use rocket::request::Request;
use rocket::response::{self, Responder};

use crate::accounts::hashing::HashError;
use crate::accounts::throttle::RetryAfter;
use crate::accounts::{AuthError, RegisterError};
use crate::ids::RandomError;
use crate::session::StartError;
use crate::storage::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Hash(#[from] HashError),
    #[error(transparent)]
    Random(#[from] RandomError),
    /// A form without the right CSRF token, or a control for someone not allowed to use it.
    #[error("refused: the form did not carry this session's token")]
    Forbidden,
    /// A state-changing request from a page of another site.
    #[error("refused: a cross-site request")]
    CrossSite,
    /// An instructor control that did not come from a click on the dashboard itself.
    #[error("refused: not a form submitted from the dashboard by a person")]
    NotFromDashboard,
    /// Too many failed password checks from this address for this account.
    #[error("refused: too many failed password checks")]
    Throttled(RetryAfter),
}

impl From<AuthError> for AppError {
    fn from(error: AuthError) -> Self {
        match error {
            AuthError::Throttled(retry) => AppError::Throttled(retry),
            AuthError::Store(e) => AppError::Store(e),
            AuthError::Hash(e) => AppError::Hash(e),
        }
    }
}

impl From<StartError> for AppError {
    fn from(error: StartError) -> Self {
        match error {
            StartError::Store(e) => AppError::Store(e),
            StartError::Random(e) => AppError::Random(e),
        }
    }
}

impl From<RegisterError> for AppError {
    fn from(error: RegisterError) -> Self {
        match error {
            RegisterError::Store(e) => AppError::Store(e),
            RegisterError::Hash(e) => AppError::Hash(e),
            // Handled as pages by /register; here only for completeness.
            RegisterError::Taken | RegisterError::Full => AppError::Forbidden,
        }
    }
}

/// What the error page should add to the status's usual page, left in the request by
/// [`AppError`]'s responder (or a guard) for the catcher.
#[derive(Debug, Clone, Copy, Default)]
pub struct ErrorNote {
    pub message: Option<&'static str>,
    pub retry_after_s: Option<u64>,
}

impl ErrorNote {
    /// Leaves the note for this request's catcher (the first note wins).
    pub fn leave(self, request: &Request<'_>) {
        request.local_cache(|| self);
    }

    pub fn of(request: &Request<'_>) -> ErrorNote {
        *request.local_cache(ErrorNote::default)
    }
}

impl AppError {
    pub fn status(&self) -> Status {
        match self {
            AppError::Store(StoreError::Unavailable(_)) | AppError::Hash(HashError::Busy) => Status::ServiceUnavailable,
            AppError::Forbidden | AppError::CrossSite | AppError::NotFromDashboard => Status::Forbidden,
            AppError::Throttled(_) => Status::TooManyRequests,
            AppError::Store(_) | AppError::Hash(_) | AppError::Random(_) => Status::InternalServerError,
        }
    }

    pub fn note(&self) -> ErrorNote {
        match self {
            AppError::Throttled(RetryAfter(s)) => ErrorNote {
                message: Some("error-throttled"),
                retry_after_s: Some(*s),
            },
            AppError::Hash(HashError::Busy) => ErrorNote {
                message: Some("error-busy"),
                retry_after_s: Some(1),
            },
            AppError::CrossSite => ErrorNote {
                message: Some("error-cross-site"),
                retry_after_s: None,
            },
            AppError::NotFromDashboard => ErrorNote {
                message: Some("error-not-from-dashboard"),
                retry_after_s: None,
            },
            _ => ErrorNote::default(),
        }
    }
}

impl<'r> Responder<'r, 'static> for AppError {
    fn respond_to(self, request: &'r Request<'_>) -> response::Result<'static> {
        let status = self.status();
        let mut line = self.to_string();
        let mut source = self.source();
        while let Some(cause) = source {
            line.push_str(&format!(": {cause}"));
            source = cause.source();
        }
        if status.code >= 500 {
            rocket::error!("{} {}: {line}", request.method(), request.uri().path());
        } else {
            rocket::info!("{} {}: {line}", request.method(), request.uri().path());
        }
        self.note().leave(request);
        Err(status)
    }
}
