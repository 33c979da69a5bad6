//! The client address a request came from, as far as this server can trust it.
//!
//! Rocket 0.5 believes an `X-Real-IP` header by default (`ip_header`), so any student could
//! rotate it and count as a new client for every limit. Here a forwarded address counts only
//! when the TCP peer is one of the configured `trusted_proxies` (the recipe's nginx); everyone
//! else is the address their connection comes from.

use std::net::{IpAddr, Ipv4Addr};

use rocket::request::{FromRequest, Outcome, Request};

use crate::config::AppConfig;

/// The header a trusted proxy puts the real client address in.
pub const FORWARDED_HEADER: &str = "X-Real-IP";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ClientAddr(pub IpAddr);

impl ClientAddr {
    pub fn of(request: &Request<'_>) -> ClientAddr {
        *request.local_cache(|| {
            let peer = request.remote().map(|addr| addr.ip().to_canonical());
            let trusted = |ip: &IpAddr| {
                request
                    .rocket()
                    .state::<AppConfig>()
                    .is_some_and(|c| c.trusted_proxies.contains(ip))
            };
            let forwarded = || {
                request
                    .headers()
                    .get_one(FORWARDED_HEADER)
                    .and_then(|v| v.trim().parse::<IpAddr>().ok())
                    .map(|ip| ip.to_canonical())
            };
            // The local test client has no peer address; it counts as one client.
            let ip = match peer {
                Some(ip) if trusted(&ip) => forwarded().unwrap_or(ip),
                Some(ip) => ip,
                None => IpAddr::V4(Ipv4Addr::UNSPECIFIED),
            };
            ClientAddr(ip)
        })
    }
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for ClientAddr {
    type Error = std::convert::Infallible;

    async fn from_request(request: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        Outcome::Success(ClientAddr::of(request))
    }
}
