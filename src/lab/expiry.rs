//! Lesson: expiry. Watch a session end by itself, and see what a memory cookie and a persistent
//! (`remember`) cookie change, and what they do not.
//!
//! What a student should see: with the instructor's 30-second preset, the inspector's countdown
//! reaches zero and the next request is logged out, unless a request came first (the idle timeout
//! slides). A cookie-flow login never expires on the server: there is nothing there to expire.

use rocket::State;
use rocket_dyn_templates::{context, Template};

use crate::lang::Lang;
use crate::presets::Presets;
use crate::session::Sessions;

pub fn routes() -> Vec<rocket::Route> {
    routes![page]
}

#[get("/expiry")]
pub fn page(sessions: &State<Sessions>, presets: &State<Presets>, lang: Lang) -> Template {
    let page = context! {
        idle: sessions.idle_timeout_s(),
        preset: presets.expiry(),
        absolute: sessions.absolute_timeout_s(),
    };
    super::render_lesson(super::Lesson::Expiry, lang, page)
}
