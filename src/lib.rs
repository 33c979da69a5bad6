//! session-lab: the same login kept two ways, side by side.
//!
//! The cookie flow keeps the credentials themselves in client cookies (deliberately weak); the
//! session flow keeps only a random id in an `HttpOnly` cookie and the state on the server.
//! [`build`] assembles the application from a figment, so tests can merge their own configuration.

#[macro_use]
extern crate rocket;

pub mod accounts;
pub mod auth;
pub mod catchers;
pub mod config;
pub mod error;
pub mod explain;
pub mod flows;
pub mod headers;
pub mod i18n;
pub mod inspector;
pub mod instructor;
pub mod lab;
pub mod pages;
pub mod session;
pub mod view;

use rocket::figment::Figment;
use rocket::fs::{relative, FileServer};
use rocket::{Build, Rocket};

/// Builds the application; each stage below is one area of the app, in reading order.
pub fn build(figment: Figment) -> Rocket<Build> {
    rocket::custom(figment)
        .attach(config::stage())
        .attach(config::log_cap())
        .attach(session::stage())
        .attach(session::sweeper())
        .attach(accounts::stage())
        .attach(inspector::stage())
        .attach(lab::stage())
        .attach(instructor::stage())
        .attach(flows::signed::stage())
        .attach(view::stage())
        .attach(headers::stage())
        .mount("/", pages::routes())
        .mount("/", accounts::routes())
        .mount("/", explain::routes())
        .mount("/cookie", flows::cookie::routes())
        .mount("/session", flows::session::routes())
        .mount("/signed", flows::signed::routes())
        .mount("/instructor", instructor::routes())
        .mount("/lab", lab::routes())
        .mount("/cookie", lab::xss::routes::board_routes())
        .mount("/session", lab::xss::routes::board_routes())
        .mount("/static", FileServer::from(relative!("static")))
        .register("/", catchers::all())
}
