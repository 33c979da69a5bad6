//! What one request looked like on the wire, for the sniff lesson: the request line and every
//! header exactly as received, `HttpOnly` values masked (this is a page scripts can read), the
//! password cookie marked.

use rocket::request::{FromRequest, Outcome, Request};
use serde::Serialize;

use crate::cookies::{self, PASSWORD};

/// A piece of a header line; `mark` is set on the password, `masked` on hidden values.
#[derive(Debug, Serialize)]
pub struct Segment {
    pub text: String,
    pub mark: bool,
    pub masked: bool,
}

#[derive(Debug, Serialize)]
pub struct WireRequest {
    pub request_line: String,
    pub headers: Vec<Vec<Segment>>,
    /// Bytes of the request line and headers as sent (with the real, unmasked values).
    pub bytes: usize,
}

fn plain(text: impl Into<String>) -> Segment {
    Segment {
        text: text.into(),
        mark: false,
        masked: false,
    }
}

fn cookie_segments(value: &str) -> Vec<Segment> {
    let mut segments = vec![plain("Cookie: ")];
    for (i, pair) in value.split("; ").enumerate() {
        if i > 0 {
            segments.push(plain("; "));
        }
        match pair.split_once('=') {
            Some((name, value)) if cookies::is_masked(name) => {
                segments.push(plain(format!("{name}=")));
                segments.push(Segment {
                    text: "*".repeat(value.len()),
                    mark: false,
                    masked: true,
                });
            }
            Some((PASSWORD, value)) => {
                segments.push(plain(format!("{PASSWORD}=")));
                segments.push(Segment {
                    text: value.to_owned(),
                    mark: true,
                    masked: false,
                });
            }
            _ => segments.push(plain(pair)),
        }
    }
    segments
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for WireRequest {
    type Error = std::convert::Infallible;

    async fn from_request(request: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let request_line = format!("{} {} HTTP/1.1", request.method(), request.uri());
        let mut bytes = request_line.len() + 2;
        let mut headers = Vec::new();
        for header in request.headers().iter() {
            bytes += header.name().len() + 2 + header.value().len() + 2;
            if header.name().as_str().eq_ignore_ascii_case("cookie") {
                headers.push(cookie_segments(header.value()));
            } else {
                headers.push(vec![plain(format!("{}: {}", header.name(), header.value()))]);
            }
        }
        Outcome::Success(WireRequest {
            request_line,
            headers,
            bytes: bytes + 2,
        })
    }
}
