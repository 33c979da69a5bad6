//! Lesson: sniff. The exact bytes each flow puts on the wire for one request, and what HTTPS and
//! the `Secure` attribute change.
//!
//! What a student should see: a cookie-flow request carries the password in clear text every
//! time; a session-flow request carries only the id (here masked: this page is readable by
//! scripts, but on an unencrypted network every character of it would show).

use crate::view::Page;
use rocket::State;
use rocket_dyn_templates::context;

use crate::config::AppConfig;
use crate::lang::Lang;

pub fn routes() -> Vec<rocket::Route> {
    routes![page]
}

#[get("/sniff")]
pub fn page(config: &State<AppConfig>, lang: Lang) -> Page {
    let evidence_flows = ["cookie", "session"];
    super::render_lesson(
        super::Lesson::Sniff,
        lang,
        context! { secure: config.cookie_secure, evidence_flows },
    )
}
