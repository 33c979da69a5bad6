//! session-lab: the same login kept two ways, side by side.
//!
//! The cookie flow keeps the credentials themselves in client cookies (deliberately weak); the
//! session flow keeps only a random id in an `HttpOnly` cookie and the state on the server.
//! [`build`] assembles the application from a figment, so tests can merge their own configuration;
//! [`build_on`] does the same on a memory store made beforehand.

#[macro_use]
extern crate rocket;

pub mod accounts;
pub(crate) mod assets;
pub(crate) mod auth;
pub(crate) mod bounded;
pub(crate) mod browser_id;
pub(crate) mod catchers;
pub(crate) mod client;
pub mod clock;
pub mod config;
pub(crate) mod cookies;
pub mod credentials;
pub mod cross_site;
pub(crate) mod error;
pub mod events;
pub(crate) mod explain;
pub mod flow;
pub(crate) mod flows;
pub(crate) mod headers;
pub(crate) mod i18n;
pub mod ids;
pub mod inspector;
pub(crate) mod instructor;
pub mod lab;
pub(crate) mod lang;
pub(crate) mod pages;
pub mod presets;
pub mod record;
pub(crate) mod register;
pub(crate) mod relay;
pub mod session;
pub(crate) mod signing;
pub(crate) mod state;
pub mod storage;
pub(crate) mod view;

use std::sync::Arc;

use rocket::figment::Figment;
use rocket::{Build, Rocket};

use storage::MemoryStore;

/// Builds the application; each stage below is one area of the app, in reading order.
pub fn build(figment: Figment) -> Rocket<Build> {
    assemble(figment, None)
}

/// Builds the application with its sessions in `sessions`, a memory store the caller made and
/// may already have filled through the store's API: how `cargo bench --bench page_scale`
/// serves pages among a million sessions, which no class could log in fast enough to create.
pub fn build_on(figment: Figment, sessions: Arc<MemoryStore>) -> Rocket<Build> {
    assemble(figment.merge(("session_store", "memory")), Some(sessions))
}

fn assemble(figment: Figment, sessions: Option<Arc<MemoryStore>>) -> Rocket<Build> {
    let (figment, built_in_templates) = assets::templates(figment);
    rocket::custom(figment)
        .manage(built_in_templates)
        .attach(state::stage(sessions))
        .attach(config::log_cap())
        .attach(session::sweeper())
        .attach(presets::follower())
        .attach(relay::relay())
        .attach(cross_site::stage())
        .attach(inspector::recorder())
        .attach(headers::stage())
        .mount("/", pages::routes())
        .mount("/", register::routes())
        .mount("/", explain::routes())
        .mount("/cookie", flows::cookie::routes())
        .mount("/session", flows::session::routes())
        .mount("/session", flows::account::routes())
        .mount("/signed", flows::signed::routes())
        .mount("/instructor", instructor::routes())
        .mount("/lab", lab::routes())
        .mount("/cookie", lab::xss::routes::board_routes())
        .mount("/session", lab::xss::routes::board_routes())
        .mount("/cookie", lab::csrf::cookie_routes())
        .mount("/session", lab::csrf::session_routes())
        .mount("/signed", lab::csrf::signed_routes())
        .mount("/signed", lab::signed::flow_routes())
        .mount("/static", assets::static_files())
        .mount("/", cross_site::routes())
        .register("/", catchers::all())
}
