//! The landing page and the health check.

use rocket::http::Status;
use rocket::serde::json::Json;
use rocket::State;
use rocket_dyn_templates::{context, Template};
use serde::Serialize;

use crate::config::AppConfig;
use crate::i18n::Lang;
use crate::session::Sessions;
use crate::view;

pub fn routes() -> Vec<rocket::Route> {
    routes![index, healthz]
}

#[get("/")]
pub fn index(sessions: &State<Sessions>, lang: Lang) -> Template {
    view::render("index", lang, context! { store: sessions.kind().as_str() })
}

#[derive(Serialize)]
pub struct Health {
    ok: bool,
    store: &'static str,
    /// Which app instance answered (`instance_name`).
    instance: String,
    /// Session records the store holds now, or null when it cannot be asked.
    sessions: Option<usize>,
}

/// `200 {"ok":true,…}` while the session store answers, `503 {"ok":false,…}` while it does not.
#[get("/healthz")]
pub async fn healthz(sessions: &State<Sessions>, config: &State<AppConfig>) -> (Status, Json<Health>) {
    let store = sessions.kind().as_str();
    let instance = config.instance_name.clone();
    match sessions.ping().await {
        Ok(()) => {
            let count = sessions.count().await.ok();
            (
                Status::Ok,
                Json(Health {
                    ok: true,
                    store,
                    instance,
                    sessions: count,
                }),
            )
        }
        Err(e) => {
            rocket::warn!("health check: {e}");
            (
                Status::ServiceUnavailable,
                Json(Health {
                    ok: false,
                    store,
                    instance,
                    sessions: None,
                }),
            )
        }
    }
}
