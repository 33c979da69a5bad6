//! The address students join at, as text and as a QR code, for the projector.

use rocket::http::ContentType;
use rocket::request::{FromRequest, Outcome, Request};
use rocket::State;

use crate::config::AppConfig;

/// This server's address as the instructor's browser reached it (`Host`), which is the address
/// students on the same network can use too, unless it is a loopback one.
pub struct JoinUrl {
    pub url: String,
    pub loopback: bool,
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for JoinUrl {
    type Error = std::convert::Infallible;

    async fn from_request(request: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let host = request.headers().get_one("Host").unwrap_or("127.0.0.1:8000");
        let host: String = host
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || ".:-[]".contains(*c))
            .take(100)
            .collect();
        let secure = request.rocket().state::<AppConfig>().is_some_and(|c| c.cookie_secure);
        let url = format!("{}://{host}/", if secure { "https" } else { "http" });
        let loopback = host.starts_with("127.") || host.starts_with("localhost") || host.starts_with("[::1]");
        Outcome::Success(JoinUrl { url, loopback })
    }
}

/// The join address as an SVG QR code.
pub fn qr_svg(url: &str) -> Option<String> {
    let code = qrcode::QrCode::new(url.as_bytes()).ok()?;
    Some(
        code.render::<qrcode::render::svg::Color<'_>>()
            .min_dimensions(240, 240)
            .quiet_zone(true)
            .build(),
    )
}

#[get("/join.svg")]
pub fn join_svg(
    _instructor: crate::auth::Instructor,
    join: JoinUrl,
    _config: &State<AppConfig>,
) -> Option<(ContentType, String)> {
    qr_svg(&join.url).map(|svg| (ContentType::SVG, svg))
}
