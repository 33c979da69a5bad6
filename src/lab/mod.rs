//! The security lab: one module per lesson, each at `/lab/<name>`, listed on `/lab`.
//!
//! # Warning
//! The lessons are deliberately dangerous tools (a cookie editor, an attacker's replay), kept to
//! these routes. Each works only on the visiting browser's own cookies and sessions, and every
//! form carries a per-browser token, so another site cannot drive them.

mod desk;
pub mod expiry;
pub mod fixation;
pub mod guess;
pub mod hijack;
pub mod signed;
pub mod sniff;
pub mod tamper;
pub mod xss;

use rocket_dyn_templates::{context, Template};

pub use desk::{Desk, LabDesks};

use crate::lang::Lang;
use crate::view;

/// The lessons that exist, in teaching order.
pub const LESSONS: [&str; 8] = [
    "tamper", "xss", "hijack", "expiry", "guess", "sniff", "fixation", "signed",
];

pub fn routes() -> Vec<rocket::Route> {
    let mut routes = routes![index];
    routes.extend(tamper::routes());
    routes.extend(hijack::routes());
    routes.extend(expiry::routes());
    routes.extend(fixation::routes());
    routes.extend(sniff::routes());
    routes.extend(guess::routes());
    routes.extend(signed::routes());
    routes.extend(xss::routes::lab_routes());
    routes
}

#[get("/")]
pub fn index(lang: Lang) -> Template {
    view::render("lab/index", lang, context! { lessons: LESSONS })
}
