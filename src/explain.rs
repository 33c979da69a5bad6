//! The teaching pages: `/explain` (how each flow works, the trade-offs with numbers this server
//! measured, common misconceptions) and `/compare` (both flows side by side, live).

use rocket::State;
use rocket_dyn_templates::{context, Template};

use crate::config::AppConfig;
use crate::inspector::Metrics;
use crate::lang::Lang;
use crate::view;

pub fn routes() -> Vec<rocket::Route> {
    routes![explain, compare]
}

/// One step of a sequence diagram: an arrow from one lane to another, with a label.
#[derive(serde::Serialize)]
struct Step {
    from: u8,
    to: u8,
    label: &'static str,
    wire: Option<&'static str>,
}

const BROWSER: u8 = 1;
const SERVER: u8 = 2;
const STORE: u8 = 3;

fn step(from: u8, to: u8, label: &'static str, wire: Option<&'static str>) -> Step {
    Step { from, to, label, wire }
}

fn cookie_steps() -> Vec<Step> {
    vec![
        step(
            BROWSER,
            SERVER,
            "seq-cookie-1",
            Some("POST /cookie/login  username=abc&password=1234"),
        ),
        step(SERVER, STORE, "seq-cookie-2", None),
        step(
            SERVER,
            BROWSER,
            "seq-cookie-3",
            Some("Set-Cookie: password=1234; SameSite=Lax; Path=/cookie"),
        ),
        step(
            BROWSER,
            SERVER,
            "seq-cookie-4",
            Some("Cookie: username=abc; password=1234; role=student"),
        ),
        step(SERVER, STORE, "seq-cookie-5", None),
        step(SERVER, BROWSER, "seq-cookie-6", None),
    ]
}

fn session_steps() -> Vec<Step> {
    vec![
        step(
            BROWSER,
            SERVER,
            "seq-session-1",
            Some("POST /session/login  username=abc&password=1234"),
        ),
        step(SERVER, STORE, "seq-session-2", None),
        step(SERVER, STORE, "seq-session-3", None),
        step(
            SERVER,
            BROWSER,
            "seq-session-4",
            Some("Set-Cookie: sid=…43 characters…; HttpOnly; SameSite=Lax; Path=/"),
        ),
        step(BROWSER, SERVER, "seq-session-5", Some("Cookie: sid=…")),
        step(SERVER, STORE, "seq-session-6", None),
    ]
}

#[get("/explain")]
pub fn explain(metrics: &State<Metrics>, config: &State<AppConfig>, lang: Lang) -> Template {
    let cookie = metrics.cookie.snapshot();
    let session = metrics.session.snapshot();
    let ratio = (session.avg_check_us > 0.0 && cookie.requests > 0)
        .then(|| (cookie.avg_check_us / session.avg_check_us).round());
    let page = context! {
        cookie_steps: cookie_steps(),
        session_steps: session_steps(),
        cookie,
        session,
        ratio,
        idle: config.session_idle_timeout,
        absolute: config.session_absolute_timeout,
        store: config.session_store.as_str(),
    };
    view::render("explain", lang, page)
}

/// Both flows; `?third=signed` adds the signed flow as a third column.
#[get("/compare?<third>")]
pub fn compare(third: Option<&str>, lang: Lang) -> Template {
    view::render("compare", lang, context! { signed: third == Some("signed") })
}
