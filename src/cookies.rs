//! Every cookie this app sets, in one table: its name, path, whether scripts may read it, whether
//! its value is a secret, and which flow it belongs to. Every list elsewhere (what the inspector
//! masks, what receipts leave out, what the cookie editor may write) is derived from this table.
//! Also the raw `Cookie` header as a request carried it. A leaf.

use rocket::request::{FromRequest, Outcome, Request};

use crate::flow::Flow;

pub const USERNAME: &str = "username";
pub const PASSWORD: &str = "password";
pub const ROLE: &str = "role";
pub const SID: &str = "sid";
/// The session cookie's name with `cookie_secure`: browsers accept a `__Host-` cookie only with
/// `Secure`, `Path=/` and no `Domain`, so a sibling subdomain or a plain-HTTP page cannot plant one.
pub const HOST_SID: &str = "__Host-sid";
pub const SIGNED: &str = "signed";
pub const INSPECTOR: &str = "inspector";
pub const LANG: &str = "lang";

/// What is true of one cookie.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CookieFact {
    pub name: &'static str,
    pub path: &'static str,
    /// Set with `HttpOnly`: scripts cannot read it, so the app never shows its value back.
    pub http_only: bool,
    /// A credential or an id that logs someone in: never kept, not even for the inspector.
    pub secret: bool,
    /// The login flow it belongs to; `None` for the lab's own cookies.
    pub flow: Option<Flow>,
    /// Whether the tamper lesson's editor may write it.
    pub editable: bool,
}

const fn fact(
    name: &'static str,
    path: &'static str,
    http_only: bool,
    secret: bool,
    flow: Option<Flow>,
    editable: bool,
) -> CookieFact {
    CookieFact {
        name,
        path,
        http_only,
        secret,
        flow,
        editable,
    }
}

pub const COOKIES: [CookieFact; 8] = [
    fact(ROLE, "/cookie", false, false, Some(Flow::Cookie), true),
    fact(USERNAME, "/cookie", false, false, Some(Flow::Cookie), true),
    fact(PASSWORD, "/cookie", false, true, Some(Flow::Cookie), true),
    fact(SID, "/", true, true, Some(Flow::Session), true),
    fact(HOST_SID, "/", true, true, Some(Flow::Session), false),
    fact(SIGNED, "/signed", true, true, Some(Flow::Signed), true),
    fact(INSPECTOR, "/", true, false, None, false),
    fact(LANG, "/", true, false, None, false),
];

/// The fact for `name`, if it is one of this app's cookies.
pub fn fact_of(name: &str) -> Option<&'static CookieFact> {
    COOKIES.iter().find(|c| c.name == name)
}

/// Whether the app must not show this cookie's value back: it is `HttpOnly`, and reflecting it in
/// a page or JSON would hand it to any script (the "cross-site tracing" mistake).
pub fn is_masked(name: &str) -> bool {
    fact_of(name.trim()).is_some_and(|c| c.http_only)
}

/// Whether the value is a secret the server never keeps (receipts leave it out).
pub fn is_secret(name: &str) -> bool {
    fact_of(name).is_some_and(|c| c.secret)
}

/// The cookies the tamper lesson's editor may write.
pub fn editable() -> impl Iterator<Item = &'static CookieFact> {
    COOKIES.iter().filter(|c| c.editable)
}

/// The raw `Cookie` header(s) of this request, exactly as received.
pub struct RawCookieHeader(pub Option<String>);

impl RawCookieHeader {
    /// The `Cookie` header as received; several headers (HTTP/2 may split them) joined by `; `.
    pub fn read(request: &Request<'_>) -> RawCookieHeader {
        let headers: Vec<&str> = request.headers().get("Cookie").collect();
        RawCookieHeader((!headers.is_empty()).then(|| headers.join("; ")))
    }

    /// The `name=value` pairs as sent (`;` between them, spaces trimmed), each with its name.
    fn pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0
            .as_deref()
            .unwrap_or_default()
            .split(';')
            .map(str::trim)
            .filter(|pair| !pair.is_empty())
            .map(|pair| (pair.split_once('=').map_or(pair, |(name, _)| name), pair))
    }

    /// One pair as it may be shown back: an `HttpOnly` cookie's value masked with `*`, one for
    /// each byte, so lengths stay true.
    fn shown(name: &str, pair: &str) -> String {
        match pair.split_once('=') {
            Some((_, value)) if is_masked(name) => format!("{name}={}", "*".repeat(value.len())),
            _ => pair.to_owned(),
        }
    }

    /// The header as it may be shown back, every `HttpOnly` value masked.
    pub fn masked(&self) -> Option<String> {
        self.0.as_ref()?;
        Some(
            self.pairs()
                .map(|(name, pair)| Self::shown(name, pair))
                .collect::<Vec<_>>()
                .join("; "),
        )
    }

    /// One flow's own pairs, as they may be shown back (what /compare and /lab/sniff draw first).
    pub fn flow_masked(&self, flow: Flow) -> Option<String> {
        let own: Vec<String> = self
            .pairs()
            .filter(|(name, _)| fact_of(name).is_some_and(|fact| fact.flow == Some(flow)))
            .map(|(name, pair)| Self::shown(name, pair))
            .collect();
        (!own.is_empty()).then(|| own.join("; "))
    }

    /// The names of this app's cookies in the header (never their values).
    pub fn known_names(&self) -> Vec<&'static str> {
        self.pairs()
            .filter_map(|(name, _)| fact_of(name))
            .map(|fact| fact.name)
            .collect()
    }

    pub fn bytes(&self) -> usize {
        self.0.as_ref().map_or(0, String::len)
    }

    /// The bytes of one flow's own cookies in the header: their `name=value` pairs and the `; `
    /// between them, as if the browser had sent nothing else. The lab's own cookies and other
    /// flows' cookies are left out, so the flows compare fairly.
    pub fn flow_bytes(&self, flow: Flow) -> usize {
        let own: Vec<&str> = self
            .pairs()
            .filter(|(name, _)| fact_of(name).is_some_and(|fact| fact.flow == Some(flow)))
            .map(|(_, pair)| pair)
            .collect();
        own.iter().map(|pair| pair.len()).sum::<usize>() + 2 * own.len().saturating_sub(1)
    }
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for RawCookieHeader {
    type Error = std::convert::Infallible;

    async fn from_request(request: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        Outcome::Success(RawCookieHeader::read(request))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flows_bytes_count_only_its_own_cookies() {
        let header = RawCookieHeader(Some("lang=ko; username=abc; sid=xyz; password=1234; theme=dark".into()));
        assert_eq!(header.flow_bytes(Flow::Cookie), "username=abc; password=1234".len());
        assert_eq!(header.flow_bytes(Flow::Session), "sid=xyz".len());
        assert_eq!(header.flow_bytes(Flow::Signed), 0);
        assert_eq!(RawCookieHeader(None).flow_bytes(Flow::Cookie), 0);
        assert_eq!(header.flow_masked(Flow::Session).as_deref(), Some("sid=***"));
        assert_eq!(
            header.flow_masked(Flow::Cookie).as_deref(),
            Some("username=abc; password=1234")
        );
        assert_eq!(header.flow_masked(Flow::Signed), None);
        assert_eq!(header.known_names(), ["lang", "username", "sid", "password"]);
    }

    #[test]
    fn every_httponly_value_is_masked_and_lengths_stay_true() {
        let header = RawCookieHeader(Some("username=abc; sid=abcdef; lang=ko; inspector=xyz".into()));
        assert_eq!(
            header.masked().as_deref(),
            Some("username=abc; sid=******; lang=**; inspector=***")
        );
        assert!(is_secret(PASSWORD) && is_secret(SID) && is_secret(HOST_SID) && is_secret(SIGNED));
        assert!(!is_secret(USERNAME) && !is_secret(INSPECTOR));
        let editable: Vec<&str> = editable().map(|c| c.name).collect();
        assert_eq!(editable, [ROLE, USERNAME, PASSWORD, SID, SIGNED]);
    }
}
