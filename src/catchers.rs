//! One friendly page for every error status, in the visitor's language, with `Retry-After` when
//! the error says waiting helps.

use crate::view::Page;
use rocket::http::{Header, Status};
use rocket::response::{self, Responder};
use rocket::Request;
use rocket_dyn_templates::context;

use crate::error::ErrorNote;
use crate::lang::Lang;
use crate::view;

pub fn all() -> Vec<rocket::Catcher> {
    catchers![any_status]
}

pub struct ErrorPage {
    status: Status,
    page: Page,
    retry_after_s: Option<u64>,
}

impl<'r> Responder<'r, 'static> for ErrorPage {
    fn respond_to(self, request: &'r Request<'_>) -> response::Result<'static> {
        let mut response = (self.status, self.page).respond_to(request)?;
        if let Some(seconds) = self.retry_after_s {
            response.set_header(Header::new("Retry-After", seconds.to_string()));
        }
        Ok(response)
    }
}

#[catch(default)]
pub fn any_status(status: Status, request: &Request<'_>) -> ErrorPage {
    let (title, message) = match status.code {
        400 => ("error-400-title", "error-400"),
        401 => ("error-401-title", "error-401"),
        403 => ("error-403-title", "error-403"),
        404 => ("error-404-title", "error-404"),
        413 => ("error-413-title", "error-413"),
        422 => ("error-422-title", "error-422"),
        429 => ("error-429-title", "error-throttled"),
        503 => ("error-503-title", "error-503"),
        code if code < 500 => ("error-4xx-title", "error-4xx"),
        _ => ("error-500-title", "error-500"),
    };
    let note = ErrorNote::of(request);
    let message = note.message.unwrap_or(message);
    let title = note.title.unwrap_or(title);
    let retry_after = note.retry_after_s;
    // A wait of minutes reads as minutes (rounded up), not as thousands of seconds.
    let retry_after_min = retry_after.filter(|s| *s >= 120).map(|s| s.div_ceil(60));
    let page = view::render(
        "error",
        Lang::negotiate(request),
        context! { status: status.code, title, message, retry_after, retry_after_min },
    );
    ErrorPage {
        status,
        page,
        retry_after_s: retry_after,
    }
}
