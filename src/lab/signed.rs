//! Lesson: signed. A third way: the state in the cookie, signed by the server. No store, no
//! forgery, but no revocation either.

use rocket_dyn_templates::{context, Template};

use crate::lang::Lang;

pub fn routes() -> Vec<rocket::Route> {
    routes![page]
}

#[get("/signed")]
pub fn page(lang: Lang) -> Template {
    super::render_lesson(super::Lesson::Signed, lang, context! {})
}
