//! One friendly page for every error status, in the visitor's language.

use rocket::http::Status;
use rocket::Request;
use rocket_dyn_templates::{context, Template};

use crate::i18n::Lang;
use crate::view;

pub fn all() -> Vec<rocket::Catcher> {
    catchers![any_status]
}

#[catch(default)]
pub fn any_status(status: Status, request: &Request<'_>) -> Template {
    let (title, message) = match status.code {
        400 => ("error-400-title", "error-400"),
        401 => ("error-401-title", "error-401"),
        403 => ("error-403-title", "error-403"),
        404 => ("error-404-title", "error-404"),
        413 => ("error-413-title", "error-413"),
        422 => ("error-422-title", "error-422"),
        503 => ("error-503-title", "error-503"),
        code if code < 500 => ("error-4xx-title", "error-4xx"),
        _ => ("error-500-title", "error-500"),
    };
    view::render(
        "error",
        Lang::negotiate(request),
        context! { status: status.code, title, message },
    )
}
