//! Security headers on every response, and `Cache-Control: no-store` on everything that is not
//! a static file, since almost every page shows someone's login state.

use rocket::fairing::{Fairing, Info, Kind};
use rocket::http::Header;
use rocket::{Request, Response};

use crate::config::AppConfig;

/// Scripts, styles and images only from this origin; no inline script anywhere; no framing by
/// other sites; forms post only here.
pub const CONTENT_SECURITY_POLICY: &str =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
     connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";

pub struct SecurityHeaders;

pub fn stage() -> SecurityHeaders {
    SecurityHeaders
}

#[rocket::async_trait]
impl Fairing for SecurityHeaders {
    fn info(&self) -> Info {
        Info {
            name: "Security headers",
            kind: Kind::Response,
        }
    }

    async fn on_response<'r>(&self, request: &'r Request<'_>, response: &mut Response<'r>) {
        let path = request.uri().path();
        // The dashboard may not be framed even by this app's own pages (a board page could).
        let instructor = path == "/instructor" || path.starts_with("/instructor/");
        if instructor {
            let policy = CONTENT_SECURITY_POLICY.replace("frame-ancestors 'self'", "frame-ancestors 'none'");
            response.set_header(Header::new("Content-Security-Policy", policy));
        } else if !response.headers().contains("Content-Security-Policy") {
            response.set_header(Header::new("Content-Security-Policy", CONTENT_SECURITY_POLICY));
        }
        response.set_header(Header::new("X-Content-Type-Options", "nosniff"));
        response.set_header(Header::new("Referrer-Policy", "same-origin"));
        response.set_header(Header::new(
            "X-Frame-Options",
            if instructor { "DENY" } else { "SAMEORIGIN" },
        ));
        response.set_header(Header::new("Cross-Origin-Opener-Policy", "same-origin"));
        if request.rocket().state::<AppConfig>().is_some_and(|c| c.cookie_secure) {
            // Behind HTTPS: browsers that have seen this once never speak plain HTTP to it again.
            response.set_header(Header::new("Strict-Transport-Security", "max-age=31536000"));
        }
        // Only a static file that was found may be cached; its error pages may not.
        let cache = if path.starts_with("/static/") && response.status().class().is_success() {
            "public, max-age=3600"
        } else {
            "no-store"
        };
        response.set_header(Header::new("Cache-Control", cache));
    }
}
