//! The landing page and the health check.

use crate::view::Page;
use rocket::http::Status;
use rocket::serde::json::Json;
use rocket::State;
use rocket_dyn_templates::context;
use serde::Serialize;

use crate::config::AppConfig;
use crate::lang::Lang;
use crate::session::Sessions;
use crate::view;

pub fn routes() -> Vec<rocket::Route> {
    routes![index, healthz]
}

#[get("/")]
pub fn index(sessions: &State<Sessions>, lang: Lang) -> Page {
    view::render("index", lang, context! { store: sessions.kind().as_str() })
}

#[derive(Serialize)]
pub struct Health {
    ok: bool,
    store: &'static str,
    /// Which app instance answered (`instance_name`).
    instance: String,
}

/// `200 {"ok":true,…}` while the session store answers, `503 {"ok":false,…}` while it does not.
/// Open to anyone, so it says nothing that grows with the class (counts are on the dashboard),
/// and costs the same whatever the number of sessions: one ping of the store.
#[get("/healthz")]
pub async fn healthz(sessions: &State<Sessions>, config: &State<AppConfig>) -> (Status, Json<Health>) {
    let store = sessions.kind().as_str();
    let instance = config.instance_name.clone();
    let ok = match sessions.ping().await {
        Ok(()) => true,
        Err(e) => {
            rocket::warn!("health check: {e}");
            false
        }
    };
    let status = if ok { Status::Ok } else { Status::ServiceUnavailable };
    (status, Json(Health { ok, store, instance }))
}
