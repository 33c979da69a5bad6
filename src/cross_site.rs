//! Cross-site requests that change state are refused (`403`), whatever route they aim at: a page
//! on another site cannot log a browser in as the attacker's account (login CSRF), register
//! accounts, post to a board, or drive a lab tool or a dashboard control. Same-site is judged by
//! `Sec-Fetch-Site` when the browser sends it, otherwise by `Origin` against `Host`; a request
//! with neither (curl, a very old browser) is not a cross-site browser request and goes through.
//!
//! Routes that a lesson keeps open on purpose are listed in [`OPEN_ON_PURPOSE`] and in
//! docs/lab.md: the CSRF lesson's three targets, which change nothing but that lesson's record.

use rocket::fairing::{Fairing, Info, Kind};
use rocket::http::uri::Origin;
use rocket::http::Method;
use rocket::{Data, Request};

use crate::error::Forbidden;

/// State-changing routes that accept cross-site requests, each for a lesson (docs/lab.md).
pub const OPEN_ON_PURPOSE: &[&str] = &["/cookie/csrf", "/session/csrf", "/signed/csrf"];

const REFUSED: &str = "/refused/cross-site";

/// Whether the browser says this request came from a page of another site.
pub fn is_cross_site(request: &Request<'_>) -> bool {
    let headers = request.headers();
    if let Some(site) = headers.get_one("Sec-Fetch-Site") {
        return !matches!(site, "same-origin" | "none");
    }
    match (headers.get_one("Origin"), headers.get_one("Host")) {
        (Some(origin), host) => {
            let origin_host = origin
                .strip_prefix("http://")
                .or_else(|| origin.strip_prefix("https://"));
            origin_host.is_none() || origin_host != host
        }
        (None, _) => false,
    }
}

pub struct CrossSiteGuard;

pub fn stage() -> CrossSiteGuard {
    CrossSiteGuard
}

#[rocket::async_trait]
impl Fairing for CrossSiteGuard {
    fn info(&self) -> Info {
        Info {
            name: "Refuse cross-site state changes",
            kind: Kind::Request,
        }
    }

    async fn on_request(&self, request: &mut Request<'_>, _: &mut Data<'_>) {
        let changes_state = matches!(
            request.method(),
            Method::Post | Method::Put | Method::Patch | Method::Delete
        );
        let open = OPEN_ON_PURPOSE.contains(&request.uri().path().as_str());
        if changes_state && !open && is_cross_site(request) {
            rocket::info!("refused a cross-site {} {}", request.method(), request.uri().path());
            request.set_method(Method::Post);
            request.set_uri(Origin::path_only(REFUSED));
        }
    }
}

pub fn routes() -> Vec<rocket::Route> {
    routes![refused]
}

#[post("/refused/cross-site")]
fn refused() -> Forbidden {
    Forbidden::CrossSite
}
