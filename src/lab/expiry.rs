//! Lesson: expiry. Watch a session end by itself, and see what a memory cookie and a persistent
//! (`remember`) cookie change, and what they do not.
//!
//! What a student should see: with the instructor's 30-second preset, the inspector's countdown
//! reaches zero and the next request is logged out, unless a request came first (the idle timeout
//! slides). A cookie-flow login never expires on the server: there is nothing there to expire.

use crate::view::Page;
use rocket::State;
use rocket_dyn_templates::context;

use crate::auth::{Maybe, PeekedSession};
use crate::clock::now_ms;
use crate::lang::Lang;
use crate::presets::Presets;
use crate::session::Sessions;

pub fn routes() -> Vec<rocket::Route> {
    routes![page]
}

/// Looking at this page does not keep the session alive (the record is peeked, not touched), so
/// the countdown at its top is the session's real one.
#[get("/expiry")]
pub fn page(user: Maybe<PeekedSession>, sessions: &State<Sessions>, presets: &State<Presets>, lang: Lang) -> Page {
    let now = now_ms();
    let session = user.0.map(|peeked| {
        let record = peeked.0.record;
        serde_json::json!({
            "user": record.user.to_string(),
            "expires_ms": record.expires_ms(),
            "expires_in_s": record.expires_in_s(now),
            "now_ms": now,
        })
    });
    let page = context! {
        idle: sessions.idle_timeout_s(),
        preset: presets.expiry(),
        absolute: sessions.absolute_timeout_s(),
        session,
    };
    super::render_lesson(super::Lesson::Expiry, lang, page)
}
