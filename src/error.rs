//! [`AppError`]: what can go wrong inside a request, with two audiences. The log gets the cause
//! chain; the user gets the status's page from the catchers, in their language, with a message
//! that says what to do (and `Retry-After` when waiting helps), and no details.

use std::error::Error as _;

use crate::view::Page;
use rocket::http::Status;
use rocket::request::Request;
use rocket::response::{self, Responder};

use crate::accounts::hashing::HashError;
use crate::accounts::limit::RetryAfter;
use crate::accounts::{AuthError, ChangeError, RegisterError};
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
    /// Every `403` the app gives, with the reason the page explains.
    #[error("refused: {0}")]
    Forbidden(Forbidden),
    /// Too many failed password checks from this address for this account.
    #[error("refused: too many failed password checks")]
    Throttled(RetryAfter),
    /// Too many accounts registered from this address within the hour.
    #[error("refused: too many registrations from this address")]
    Registrations(RetryAfter),
}

/// Why a request was refused with `403`. Every refusal in the app is one of these, answered the
/// same way: the error page in the visitor's language, saying which.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Forbidden {
    /// A form without this session's (or this browser's) token.
    #[error("the form did not carry its token")]
    Token,
    /// A state-changing request from a page of another site.
    #[error("a cross-site request")]
    CrossSite,
    /// An instructor control or page that did not come from a person on the dashboard itself.
    #[error("not a person's click on the dashboard")]
    NotFromDashboard,
    /// A board post that no person pressed the button for.
    #[error("not a person's click")]
    NotClicked,
    /// Something only the instructor may open or do.
    #[error("only for the instructor")]
    InstructorOnly,
    /// A lab form from a browser this server never issued an id to, or from another origin.
    #[error("not from a browser of this lab")]
    UnknownBrowser,
    /// Ending the other sessions of the demo account, which the whole class shares.
    #[error("the shared demo account")]
    SharedAccount,
}

impl Forbidden {
    fn note(self) -> ErrorNote {
        let (title, message) = match self {
            Forbidden::Token => ("error-csrf-title", "error-csrf"),
            Forbidden::CrossSite => ("error-403-title", "error-cross-site"),
            Forbidden::NotFromDashboard => ("error-403-title", "error-not-from-dashboard"),
            Forbidden::NotClicked => ("error-403-title", "error-not-clicked"),
            Forbidden::InstructorOnly => ("error-403-title", "instructor-only"),
            Forbidden::UnknownBrowser => ("error-403-title", "error-unknown-browser"),
            Forbidden::SharedAccount => ("error-403-title", "error-shared-account"),
        };
        ErrorNote {
            title: Some(title),
            message: Some(message),
            retry_after_s: None,
        }
    }
}

impl From<Forbidden> for AppError {
    fn from(reason: Forbidden) -> Self {
        AppError::Forbidden(reason)
    }
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

impl From<ChangeError> for AppError {
    fn from(error: ChangeError) -> Self {
        match error {
            ChangeError::Auth(e) => e.into(),
            ChangeError::Store(e) => AppError::Store(e),
            ChangeError::Hash(e) => AppError::Hash(e),
            // Handled as a page by /session/password; here only for completeness.
            ChangeError::Builtin => AppError::Forbidden(Forbidden::SharedAccount),
        }
    }
}

impl From<RegisterError> for AppError {
    fn from(error: RegisterError) -> Self {
        match error {
            RegisterError::Store(e) => AppError::Store(e),
            RegisterError::Hash(e) => AppError::Hash(e),
            RegisterError::TooMany(retry) => AppError::Registrations(retry),
            // Handled as pages by /register; here only for completeness.
            RegisterError::Taken | RegisterError::Full => AppError::Forbidden(Forbidden::Token),
        }
    }
}

/// What the error page should add to the status's usual page, left in the request by
/// [`AppError`]'s responder (or a guard) for the catcher.
#[derive(Debug, Clone, Copy, Default)]
pub struct ErrorNote {
    pub title: Option<&'static str>,
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
            AppError::Forbidden(_) => Status::Forbidden,
            AppError::Throttled(_) | AppError::Registrations(_) => Status::TooManyRequests,
            AppError::Store(_) | AppError::Hash(_) | AppError::Random(_) => Status::InternalServerError,
        }
    }

    pub fn note(&self) -> ErrorNote {
        match self {
            AppError::Throttled(RetryAfter(s)) => ErrorNote {
                title: None,
                message: Some("error-throttled"),
                retry_after_s: Some(*s),
            },
            AppError::Registrations(RetryAfter(s)) => ErrorNote {
                title: None,
                message: Some("error-registrations"),
                retry_after_s: Some(*s),
            },
            AppError::Hash(HashError::Busy) => ErrorNote {
                title: None,
                message: Some("error-busy"),
                retry_after_s: Some(1),
            },
            AppError::Forbidden(reason) => reason.note(),
            _ => ErrorNote::default(),
        }
    }
}

impl<'r> Responder<'r, 'static> for Forbidden {
    fn respond_to(self, request: &'r Request<'_>) -> response::Result<'static> {
        AppError::Forbidden(self).respond_to(request)
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

/// A request that did not succeed: a page with its status, or an internal error.
#[derive(Responder)]
pub enum Refused {
    Page(Box<(Status, Page)>),
    Error(AppError),
}

impl Refused {
    pub fn page(status: Status, page: Page) -> Refused {
        Refused::Page(Box::new((status, page)))
    }
}

macro_rules! refused_from {
    ($($error:ty),*) => {$(
        impl From<$error> for Refused {
            fn from(error: $error) -> Self {
                Refused::Error(error.into())
            }
        }
    )*};
}

refused_from!(
    AppError,
    Forbidden,
    crate::accounts::AuthError,
    crate::session::StartError,
    crate::storage::StoreError,
    crate::ids::RandomError,
    crate::accounts::RegisterError,
    crate::accounts::ChangeError
);
