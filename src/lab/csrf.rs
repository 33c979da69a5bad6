//! Lesson: cross-site request forgery. A page on another origin, "the attacker's site", submits
//! forms to each flow, and the browser adds each flow's cookies by itself, as `SameSite` allows.
//! The attacker's site is a second small listener of this same process on another port: another
//! origin on the same site; opened as `localhost` from `127.0.0.1` (or the other way round), it is
//! another site as well.
//!
//! # Warning
//! Deliberately open, for the lesson: `POST /cookie/csrf`, `/session/csrf` and `/signed/csrf`
//! accept requests from other origins (`cross_site::OPEN_ON_PURPOSE`, docs/lab.md). They change
//! nothing but the lesson's record on the desk of the browser whose own lesson page issued the
//! attack id; the session flow's target demands the session's form token, which the attacker's
//! page cannot know. The real login stays closed to other origins, which the lesson shows.

use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use crate::view::{escape as html_escape, Page};
use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use rocket::form::Form;
use rocket::http::{Cookie, CookieJar, SameSite};
use rocket::request::{FromRequest, Outcome};
use rocket::response::Redirect;
use rocket::tokio::net::TcpListener;
use rocket::tokio::sync::{OnceCell, Semaphore};
use rocket::State;
use rocket_dyn_templates::context;
use serde::{Deserialize, Serialize};

use super::desk::Word;
use super::{LabDesk, LabDesks};
use crate::auth::{CookieClaims, CookieUser, Maybe, SessionUser, SignedUser};
use crate::browser_id::{BrowserId, ServerKey};
use crate::client::ClientAddr;
use crate::clock::now_ms;
use crate::cookies::{self, RawCookieHeader};
use crate::error::AppError;
use crate::flow::Flow;
use crate::inspector::Visitor;
use crate::lang::Lang;
use crate::storage::{ClassRedis, SharedMap, StoreError};

/// The lesson page and its own (same-origin) controls, under `/lab`.
pub fn routes() -> Vec<rocket::Route> {
    routes![page, open]
}

/// The forged requests' targets, one per flow, mounted under each flow's path so that the flow's
/// cookies (`Path=/cookie`, `/signed`) go along; and the cookie flow's SameSite control.
pub fn cookie_routes() -> Vec<rocket::Route> {
    routes![at_cookie, same_site]
}

pub fn session_routes() -> Vec<rocket::Route> {
    routes![at_session]
}

pub fn signed_routes() -> Vec<rocket::Route> {
    routes![at_signed]
}

/// How long an attack id stays valid, and how many one client address may hold.
const ATTACK_KEEP_MS: u64 = 30 * 60 * 1000;
const ATTACKS_PER_ADDRESS: usize = 16;
const MAX_ATTACKS: usize = 10_000;
/// Results kept on a desk, newest first.
const RESULTS_KEPT: usize = 6;
/// Connections the attacker's site serves at once; it closes any that takes longer than this.
const SITE_CONNECTIONS: usize = 64;
const SITE_TIMEOUT: Duration = Duration::from_secs(10);

/// The lesson's server-side state: which browser each attack id belongs to, and the attacker's
/// site, started on the first visit to the lesson.
pub struct CsrfLab {
    /// Shared by every instance with the Redis store: a forged request may reach another one.
    attacks: SharedMap<Option<BrowserId>>,
    site: OnceCell<Option<u16>>,
}

impl CsrfLab {
    pub fn new(class: Option<&ClassRedis>) -> CsrfLab {
        CsrfLab {
            attacks: SharedMap::new(class, "attacks", ATTACKS_PER_ADDRESS, MAX_ATTACKS, ATTACK_KEEP_MS),
            site: OnceCell::new(),
        }
    }

    /// The attacker's site's port, starting it on `address` the first time; `None` if it could
    /// not listen (said once in the log and on the page).
    async fn site_port(&self, address: IpAddr, victim_port: u16) -> Option<u16> {
        *self
            .site
            .get_or_init(|| async move {
                match start_site(address, victim_port).await {
                    Ok(port) => {
                        rocket::info!("csrf lesson: the attacker's site listens on port {port}");
                        Some(port)
                    }
                    Err(e) => {
                        rocket::error!("csrf lesson: the attacker's site could not listen: {e}");
                        None
                    }
                }
            })
            .await
    }

    pub async fn clear(&self) -> Result<(), StoreError> {
        self.attacks.clear().await
    }
}

/// What one forged request did, as the lesson page shows it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Forgery {
    flow: Flow,
    /// The locale key of the outcome.
    outcome: Word,
    user: Option<String>,
    /// The names of this app's cookies the browser attached (never their values).
    cookies: Vec<Word>,
    /// What the browser said about where the request came from (`Sec-Fetch-Site`).
    fetch_site: Word,
    at_ms: u64,
    ago_s: u64,
}

/// The lesson's part of a browser's desk.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CsrfDesk {
    pub results: Vec<Forgery>,
    /// The SameSite value the student gave the cookie flow's cookies, if any.
    pub same_site: Option<Word>,
    /// A message for the SameSite control (a locale key).
    pub notice: Option<Word>,
}

/// The host the student reached this server by (`Host`, without the port), if it is a plain
/// host name or address.
pub struct VictimHost(Option<String>);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for VictimHost {
    type Error = Infallible;

    async fn from_request(request: &'r rocket::Request<'_>) -> Outcome<Self, Infallible> {
        let host = request.headers().get_one("Host").and_then(host_name);
        Outcome::Success(VictimHost(host))
    }
}

/// `127.0.0.1:8000` → `127.0.0.1`, `[::1]:8000` → `[::1]`; anything else than letters, digits,
/// dots, dashes and a bracketed IPv6 address is refused.
fn host_name(host: &str) -> Option<String> {
    let name = match host.strip_prefix('[') {
        Some(rest) => format!("[{}]", rest.split(']').next()?),
        None => host.split(':').next()?.to_owned(),
    };
    let ok = |c: char| c.is_ascii_alphanumeric() || ".-[]:".contains(c);
    (!name.is_empty() && name.len() <= 253 && name.chars().all(ok)).then_some(name)
}

/// The other loopback name, when the student is on this machine: `localhost` for `127.0.0.1`
/// and the other way round. A page there is another *site*, not only another origin.
fn other_loopback(host: &str) -> Option<&'static str> {
    match host {
        "127.0.0.1" => Some("localhost"),
        "localhost" => Some("127.0.0.1"),
        _ => None,
    }
}

#[allow(clippy::too_many_arguments)]
#[get("/csrf")]
pub async fn page(
    visitor: Visitor,
    key: &State<ServerKey>,
    desks: &State<LabDesks>,
    lab: &State<CsrfLab>,
    host: VictimHost,
    session_user: Maybe<SessionUser>,
    lang: Lang,
    rocket: &rocket::Config,
) -> Result<LessonPage, AppError> {
    let site_port = lab.site_port(rocket.address, rocket.port).await;
    let mut desk = desks.open(&visitor.0).await?.csrf;
    let now = now_ms();
    for result in &mut desk.results {
        result.ago_s = now.saturating_sub(result.at_ms) / 1000;
    }
    let host = host.0.unwrap_or_else(|| "127.0.0.1".into());
    // The buttons post here and are sent on to the attacker's site: the page's own policy must
    // let a form go there (form-action applies to where a submission is redirected as well).
    let sites = site_port.map_or_else(String::new, |port| {
        [Some(host.as_str()), other_loopback(&host)]
            .into_iter()
            .flatten()
            .map(|name| format!(" http://{name}:{port}"))
            .collect()
    });
    let policy =
        crate::headers::CONTENT_SECURITY_POLICY.replace("form-action 'self'", &format!("form-action 'self'{sites}"));
    let page = context! {
        token: desks.token(key, &visitor.0),
        site_port,
        cross_site_host: other_loopback(&host),
        host,
        session_user: session_user.0.as_ref().map(|u| u.record.user.to_string()),
        results: desk.results,
        same_site: desk.same_site.unwrap_or(Word::Borrowed("Lax")),
        notice: desk.notice,
    };
    Ok(LessonPage {
        page: super::render_lesson(super::Lesson::Csrf, lang, page),
        policy: rocket::http::Header::new("Content-Security-Policy", policy),
    })
}

/// The lesson page, with a policy that lets its buttons lead to the attacker's site.
#[derive(Responder)]
pub struct LessonPage {
    page: Page,
    policy: rocket::http::Header<'static>,
}

#[derive(FromForm)]
pub struct OpenForm {
    token: Option<String>,
    /// `same-site` (another port of this host) or `cross-site` (the other loopback name).
    variant: Option<String>,
}

/// Draws an attack id for this browser and sends it to the attacker's site.
#[post("/csrf/open", data = "<form>")]
pub async fn open(
    desk: LabDesk<'_>,
    form: Form<OpenForm>,
    key: &State<ServerKey>,
    lab: &State<CsrfLab>,
    host: VictimHost,
    lang: Lang,
    rocket: &rocket::Config,
) -> Result<Redirect, AppError> {
    desk.check(form.token.as_deref())?;
    let Some(port) = lab.site_port(rocket.address, rocket.port).await else {
        return Ok(Redirect::to("/lab/csrf#attacker"));
    };
    let host = host.0.unwrap_or_else(|| "127.0.0.1".into());
    let site_host = match form.variant.as_deref() {
        Some("cross-site") => match other_loopback(&host) {
            Some(other) => other.to_owned(),
            None => return Ok(Redirect::to("/lab/csrf#attacker")),
        },
        _ => host.clone(),
    };
    let attack = desk.browser.token(key, &format!("csrf-attack-{}", now_ms()));
    lab.attacks
        .update(&attack, desk.client.0, |owner| *owner = Some(desk.browser.clone()))
        .await?;
    Ok(Redirect::to(format!(
        "http://{site_host}:{port}/?attack={attack}&to={host}&lang={}",
        lang.code()
    )))
}

/// A forged request's fields: the attack id its page carried, and for the session flow a token
/// the attacker would have to guess.
#[derive(FromForm)]
pub struct Forged {
    attack: Option<String>,
    csrf_token: Option<String>,
}

/// `Sec-Fetch-Site` as the browser sent it, if it is one of the four values browsers send.
fn fetch_site(request: &rocket::Request<'_>) -> &'static str {
    match request.headers().get_one("Sec-Fetch-Site") {
        Some("same-origin") => "same-origin",
        Some("same-site") => "same-site",
        Some("cross-site") => "cross-site",
        Some("none") => "none",
        _ => "unknown",
    }
}

/// What a forged request arrived with (the names of this app's cookies, its origin, the client
/// address), and what recording it needs: one guard for the three targets.
pub struct Arrival<'r> {
    cookies: Vec<&'static str>,
    fetch_site: &'static str,
    client: ClientAddr,
    lab: &'r CsrfLab,
    desks: &'r LabDesks,
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Arrival<'r> {
    type Error = ();

    async fn from_request(request: &'r rocket::Request<'_>) -> Outcome<Self, ()> {
        let rocket = request.rocket();
        let (Some(lab), Some(desks)) = (rocket.state::<CsrfLab>(), rocket.state::<LabDesks>()) else {
            return Outcome::Error((rocket::http::Status::InternalServerError, ()));
        };
        Outcome::Success(Arrival {
            cookies: RawCookieHeader::read(request).known_names(),
            fetch_site: fetch_site(request),
            client: ClientAddr::of(request),
            lab,
            desks,
        })
    }
}

impl Arrival<'_> {
    /// Records what the forged request did on the desk of the browser that drew its attack id
    /// (the request comes from that browser, so its address owns the desk), and sends it back
    /// to the lesson.
    async fn record(
        self,
        attack: Option<&str>,
        flow: Flow,
        outcome: &'static str,
        user: Option<String>,
    ) -> Result<Redirect, AppError> {
        let owner = match attack {
            Some(attack) => self.lab.attacks.get(attack).await?.flatten(),
            None => None,
        };
        if let Some(browser) = owner {
            rocket::info!("csrf lesson: a forged request to the {flow} flow: {outcome}");
            let forgery = Forgery {
                flow,
                outcome: outcome.into(),
                user,
                cookies: self.cookies.into_iter().map(Word::from).collect(),
                fetch_site: self.fetch_site.into(),
                at_ms: now_ms(),
                ago_s: 0,
            };
            self.desks
                .update(&browser, self.client.0, |desk| {
                    desk.csrf.results.insert(0, forgery);
                    desk.csrf.results.truncate(RESULTS_KEPT);
                })
                .await?;
        }
        Ok(Redirect::to("/lab/csrf#results"))
    }
}

/// # Warning
/// Open to other origins, for the lesson: the cookie flow has no token, so a logged-in browser's
/// cookies are all it takes.
#[post("/csrf", data = "<form>")]
pub async fn at_cookie(
    user: Maybe<CookieUser>,
    form: Form<Forged>,
    arrival: Arrival<'_>,
) -> Result<Redirect, AppError> {
    let rejected = user.rejected();
    let (outcome, name) = match user.0 {
        Some(user) => ("csrf-outcome-done", Some(user.account.username.to_string())),
        None if rejected => ("csrf-outcome-rejected", None),
        None => ("csrf-outcome-no-login", None),
    };
    arrival
        .record(form.attack.as_deref(), Flow::Cookie, outcome, name)
        .await
}

/// # Warning
/// Open to other origins, for the lesson: the `sid` comes along whenever SameSite lets it, and
/// the form token is what refuses the request.
#[post("/csrf", data = "<form>")]
pub async fn at_session(
    user: Maybe<SessionUser>,
    form: Form<Forged>,
    arrival: Arrival<'_>,
) -> Result<Redirect, AppError> {
    let (outcome, name) = match user.0 {
        Some(user) => match user.check_form(form.csrf_token.as_deref()) {
            Ok(()) => ("csrf-outcome-done", Some(user.record.user.to_string())),
            Err(_) => ("csrf-outcome-token", Some(user.record.user.to_string())),
        },
        None => ("csrf-outcome-no-login", None),
    };
    arrival
        .record(form.attack.as_deref(), Flow::Session, outcome, name)
        .await
}

/// # Warning
/// Open to other origins, for the lesson: a signature proves who the user is, not that the user
/// meant to send this.
#[post("/csrf", data = "<form>")]
pub async fn at_signed(
    user: Maybe<SignedUser>,
    form: Form<Forged>,
    arrival: Arrival<'_>,
) -> Result<Redirect, AppError> {
    let (outcome, name) = match user.0 {
        Some(user) => ("csrf-outcome-done", Some(user.claims.user.clone())),
        None => ("csrf-outcome-no-login", None),
    };
    arrival
        .record(form.attack.as_deref(), Flow::Signed, outcome, name)
        .await
}

#[derive(FromForm)]
pub struct SameSiteForm {
    token: Option<String>,
    same_site: Option<String>,
}

/// Sets the cookie flow's three cookies again with the SameSite value the student chose
/// (`None` needs `Secure`, which browsers accept over plain HTTP only on `localhost`-like hosts).
/// Same-origin only, like every lab control.
#[post("/csrf-samesite", data = "<form>")]
pub async fn same_site(
    desk: LabDesk<'_>,
    form: Form<SameSiteForm>,
    claims: CookieClaims,
    jar: &CookieJar<'_>,
) -> Result<Redirect, AppError> {
    desk.check(form.token.as_deref())?;
    let (value, choice) = match form.same_site.as_deref() {
        Some("Strict") => (SameSite::Strict, "Strict"),
        Some("None") => (SameSite::None, "None"),
        _ => (SameSite::Lax, "Lax"),
    };
    let present = [
        (cookies::USERNAME, claims.username),
        (cookies::PASSWORD, claims.password),
        (cookies::ROLE, claims.role),
    ];
    let logged_in = present.iter().take(2).all(|(_, value)| value.is_some());
    if logged_in {
        for (name, content) in present {
            let (Some(content), Some(fact)) = (content, cookies::fact_of(name)) else {
                continue;
            };
            let cookie = Cookie::build((name, content))
                .path(fact.path)
                .http_only(fact.http_only)
                .same_site(value)
                .secure(value == SameSite::None);
            jar.add(cookie);
        }
    }
    desk.update(|desk| {
        desk.csrf.same_site = logged_in.then_some(choice.into());
        desk.csrf.notice = Some(
            if logged_in {
                "csrf-samesite-set"
            } else {
                "csrf-samesite-login-first"
            }
            .into(),
        );
    })
    .await?;
    Ok(Redirect::to("/lab/csrf#samesite"))
}

/// Starts the attacker's site on `address`, any free port; returns the port.
async fn start_site(address: IpAddr, victim_port: u16) -> std::io::Result<u16> {
    let listener = TcpListener::bind(SocketAddr::new(address, 0)).await?;
    let port = listener.local_addr()?.port();
    let slots = Arc::new(Semaphore::new(SITE_CONNECTIONS));
    rocket::tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            let Ok(slot) = slots.clone().try_acquire_owned() else {
                continue; // Too many at once: the connection is dropped.
            };
            rocket::tokio::spawn(async move {
                let service = hyper::service::service_fn(move |request| async move {
                    Ok::<_, Infallible>(attacker_page(&request, victim_port, port))
                });
                let connection = hyper::server::conn::http1::Builder::new()
                    .keep_alive(false)
                    .serve_connection(TokioIo::new(stream), service);
                let _ = rocket::tokio::time::timeout(SITE_TIMEOUT, connection).await;
                drop(slot);
            });
        }
    });
    Ok(port)
}

/// One value of the attacker page's query string.
fn query_value<'a>(query: &'a str, name: &str) -> Option<&'a str> {
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

/// The attacker's page. It takes its attack id, the victim's host and the language from the
/// query; anything malformed gets a short 400.
fn attacker_page(request: &Request<Incoming>, victim_port: u16, own_port: u16) -> Response<Full<Bytes>> {
    let query = request.uri().query().unwrap_or_default();
    let attack = query_value(query, "attack").filter(|a| {
        (16..=128).contains(&a.len()) && a.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    });
    let to = query_value(query, "to").and_then(host_name);
    let lang = query_value(query, "lang").and_then(Lang::from_tag).unwrap_or(Lang::En);
    let own_host = request
        .headers()
        .get("host")
        .and_then(|h| h.to_str().ok())
        .and_then(host_name);
    let (Some(attack), Some(to), Some(own_host), "/") = (attack, to, own_host, request.uri().path()) else {
        return plain(
            StatusCode::BAD_REQUEST,
            "This page needs the link from the CSRF lesson.",
        );
    };
    let victim = format!("http://{to}:{victim_port}");
    let t = |key: &str, args: &[(&'static str, String)]| {
        let args = args
            .iter()
            .map(|(name, value)| (std::borrow::Cow::Borrowed(*name), value.clone().into()))
            .collect();
        html_escape(&lang.try_text(key, &args).unwrap_or_default())
    };
    let origin = format!("http://{own_host}:{own_port}");
    let form = |flow: &str, extra: &str, label: &str| {
        format!(
            "<form method=\"post\" action=\"{victim}/{flow}/csrf\"><input type=\"hidden\" name=\"attack\" value=\"{attack}\">{extra}<button type=\"submit\">{label}</button></form>",
            victim = html_escape(&victim),
        )
    };
    let body = format!(
        "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title><style>{style}</style></head><body><main>\
         <p class=\"banner\">{banner}</p><h1>{title}</h1><p>{lead}</p>\
         <section>{cookie}{session}{signed}</section>\
         <h2>{login_title}</h2><p>{login_lead}</p>\
         <form method=\"post\" action=\"{victim_html}/session/login\"><input type=\"hidden\" name=\"username\" value=\"abc\"><input type=\"hidden\" name=\"password\" value=\"1234\"><button type=\"submit\" class=\"quiet\">{login_button}</button></form>\
         <p><a href=\"{victim_html}/lab/csrf#results\">{back}</a></p></main></body></html>",
        lang = lang.code(),
        style = ATTACKER_STYLE,
        title = t("csrf-site-title", &[]),
        banner = t("csrf-site-banner", &[("origin", origin.clone()), ("victim", victim.clone())]),
        lead = t("csrf-site-lead", &[]),
        cookie = form("cookie", "", &t("csrf-site-claim-cookie", &[])),
        session = form(
            "session",
            "<input type=\"hidden\" name=\"csrf_token\" value=\"a-guess\">",
            &t("csrf-site-claim-session", &[])
        ),
        signed = form("signed", "", &t("csrf-site-claim-signed", &[])),
        login_title = t("csrf-site-login-title", &[]),
        login_lead = t("csrf-site-login-lead", &[]),
        login_button = t("csrf-site-login", &[]),
        victim_html = html_escape(&victim),
        back = t("csrf-site-back", &[]),
    );
    let policy = format!(
        "default-src 'none'; style-src 'unsafe-inline'; form-action {victim}; base-uri 'none'; frame-ancestors 'none'"
    );
    let mut response = Response::new(Full::new(Bytes::from(body)));
    let headers = response.headers_mut();
    for (name, value) in [
        ("content-type", "text/html; charset=utf-8".to_owned()),
        ("content-security-policy", policy),
        ("cache-control", "no-store".to_owned()),
        ("x-content-type-options", "nosniff".to_owned()),
        ("referrer-policy", "no-referrer".to_owned()),
    ] {
        if let Ok(value) = value.parse() {
            headers.insert(name, value);
        }
    }
    response
}

fn plain(status: StatusCode, text: &'static str) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from_static(text.as_bytes())));
    *response.status_mut() = status;
    if let Ok(value) = "text/plain; charset=utf-8".parse() {
        response.headers_mut().insert("content-type", value);
    }
    response
}

const ATTACKER_STYLE: &str = "body{font-family:system-ui,sans-serif;margin:0;background:#fef3c7;color:#1f2937}\
main{max-width:40rem;margin:0 auto;padding:1rem}\
.banner{background:#7f1d1d;color:#fff;padding:.6rem .8rem;border-radius:.4rem;font-size:.9rem}\
h1{font-size:2rem}section{display:grid;gap:.6rem}\
button{font-size:1.1rem;padding:.8rem 1rem;width:100%;border:0;border-radius:.5rem;background:#b91c1c;color:#fff;cursor:pointer}\
button.quiet{background:#374151}a{color:#1d4ed8}";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_host_names_are_taken() {
        assert_eq!(host_name("127.0.0.1:8000").as_deref(), Some("127.0.0.1"));
        assert_eq!(host_name("[::1]:8000").as_deref(), Some("[::1]"));
        assert_eq!(host_name("localhost").as_deref(), Some("localhost"));
        assert_eq!(host_name("evil.example/\"><script>"), None);
        assert_eq!(host_name(""), None);
    }
}
