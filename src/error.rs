//! [`AppError`]: what can go wrong inside a request, with two audiences. The log gets the cause
//! chain; the user gets the status's page from the catchers, in their language, and no details.

use std::error::Error as _;

use rocket::http::Status;
use rocket::request::Request;
use rocket::response::{self, Responder};

use crate::accounts::hashing::HashError;
use crate::session::{RandomError, StoreError};

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
}

impl AppError {
    pub fn status(&self) -> Status {
        match self {
            AppError::Store(StoreError::Unavailable(_)) => Status::ServiceUnavailable,
            AppError::Forbidden => Status::Forbidden,
            AppError::Store(_) | AppError::Hash(_) | AppError::Random(_) => Status::InternalServerError,
        }
    }
}

impl<'r> Responder<'r, 'static> for AppError {
    fn respond_to(self, request: &'r Request<'_>) -> response::Result<'static> {
        let mut line = self.to_string();
        let mut source = self.source();
        while let Some(cause) = source {
            line.push_str(&format!(": {cause}"));
            source = cause.source();
        }
        rocket::error!("{} {}: {line}", request.method(), request.uri().path());
        Err(self.status())
    }
}
