//! Lesson: xss. A message board under each flow renders posts without escaping, on purpose, so a
//! post can carry a script; the script reads `document.cookie` and sends it to the lab's own
//! collector (`/lab/stolen`).
//!
//! # Warning
//! Deliberately unsafe rendering, contained (docs/security.md has the whole argument):
//! - a post's markup runs only in its author's browser unless the instructor switches on the
//!   class board, and never in a browser that an instructor has logged in from or that presents
//!   an instructor's session: there it is always shown as text;
//! - the board pages' policy ([`board_csp`]) lets a script reach nothing but the collector: no
//!   `fetch` to any other path, no frames, no popups, no workers, forms only back to the board;
//!   browsers have no policy that stops a script navigating its own page elsewhere, so the
//!   containment does not rely on the policy alone;
//! - the collector takes data only from this origin and from browsers this server issued an id
//!   to, credits a post's author only with a ticket that the board printed for that browser and
//!   that post, and keeps little (512 bytes a record; for each browser the last 50 records taken
//!   from it and the last 50 its posts took; 4 browsers' records per address, 200 in all);
//! - posts are bounded per browser, per address and in all, so one browser cannot push the
//!   class's posts off the board.
//!
//! What a student should see: the cookie flow's board leaks `username`, `password` and `role`;
//! the session flow's board leaks no `sid`, because the browser keeps `HttpOnly` cookies from
//! scripts.

use std::collections::VecDeque;
use std::net::IpAddr;

use serde::{Deserialize, Serialize};

use crate::browser_id::{BrowserId, ServerKey};
use crate::clock::now_ms;
use crate::flow::Flow;
use crate::storage::{ClassRedis, SharedCell, SharedMap, StoreError};

const MAX_POSTS: usize = 200;
const MAX_POSTS_PER_BROWSER: usize = 5;
const MAX_POSTS_PER_ADDRESS: usize = 20;
const MAX_POST_CHARS: usize = 2000;
const MAX_LOOT_BYTES: usize = 512;
/// Records taken from one browser (more are refused) and kept for its posts (older ones go).
const MAX_LOOT_PER_BROWSER: usize = 50;
/// Browsers with records, per client address and in all.
const LOOT_BROWSERS_PER_ADDRESS: usize = 4;
const MAX_LOOT_BROWSERS: usize = 200;
/// Records are kept for a lesson's length after the browser's last one.
const LOOT_KEEP_MS: u64 = 2 * 60 * 60 * 1000;

/// The board pages' policy for a page served to `origin` (`http://host:port`): inline scripts
/// may run (that is the lesson), but may connect only to the collector and submit forms only to
/// the board; no frames, popups, workers or plugins (`sandbox` without `allow-popups`).
pub fn board_csp(origin: &str, flow: Flow) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self'; img-src 'self'; \
         connect-src {origin}/lab/stolen; frame-src 'none'; child-src 'none'; worker-src 'none'; \
         object-src 'none'; base-uri 'none'; form-action {origin}/{flow}/board; frame-ancestors 'self'; \
         sandbox allow-scripts allow-same-origin allow-forms allow-modals"
    )
}

/// A post as the board keeps it (in Redis too, so every field is serialized; pages get their
/// own view of it).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Post {
    pub id: u64,
    pub flow: Flow,
    /// The author's browser: the one browser that runs this post's markup (class board off).
    pub author: BrowserId,
    pub address: IpAddr,
    pub name: String,
    pub body: String,
    pub at_ms: u64,
}

/// Something a script sent to the collector.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Loot {
    /// The flow of the post that sent it, when the script presented that post's ticket.
    pub flow: Option<Flow>,
    pub data: String,
    pub at_ms: u64,
}

/// One browser's records: what scripts sent from it, and what its posts took from others.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Haul {
    taken: VecDeque<Loot>,
    stolen: VecDeque<Loot>,
}

/// Removes the oldest item for which `mine` holds; `true` if there was one.
fn drop_oldest<T>(items: &mut VecDeque<T>, mine: impl Fn(&T) -> bool) -> bool {
    match items.iter().position(mine) {
        Some(i) => items.remove(i).is_some(),
        None => false,
    }
}

/// The address with the most items in `items`.
fn busiest<T>(items: &VecDeque<T>, address: impl Fn(&T) -> IpAddr) -> Option<IpAddr> {
    let mut counts: std::collections::HashMap<IpAddr, usize> = std::collections::HashMap::new();
    for item in items {
        *counts.entry(address(item)).or_default() += 1;
    }
    counts.into_iter().max_by_key(|(_, n)| *n).map(|(ip, _)| ip)
}

/// The class's posts: shared by every instance with the Redis store.
#[derive(Clone, Default, Serialize, Deserialize)]
pub struct BoardPosts {
    /// The last post's id.
    last_id: u64,
    posts: VecDeque<Post>,
}

impl BoardPosts {
    /// Adds a post. A browser keeps its last [`MAX_POSTS_PER_BROWSER`] posts, an address its
    /// last [`MAX_POSTS_PER_ADDRESS`]; when the board is full, the busiest address loses its
    /// oldest post, so nobody can push everyone else's posts off.
    fn add(&mut self, mut post: Post) -> u64 {
        let posts = &mut self.posts;
        if posts.iter().filter(|p| p.author == post.author).count() >= MAX_POSTS_PER_BROWSER {
            drop_oldest(posts, |p| p.author == post.author);
        }
        if posts.iter().filter(|p| p.address == post.address).count() >= MAX_POSTS_PER_ADDRESS {
            drop_oldest(posts, |p| p.address == post.address);
        }
        if posts.len() >= MAX_POSTS {
            if let Some(busiest) = busiest(posts, |p| p.address) {
                drop_oldest(posts, |p| p.address == busiest);
            }
        }
        self.last_id += 1;
        post.id = self.last_id;
        posts.push_back(post);
        self.last_id
    }
}

pub struct Boards {
    posts: SharedCell<BoardPosts>,
    /// Each browser's records, by browser id.
    loot: SharedMap<Haul>,
}

impl Boards {
    /// The boards, shared through `class` when there is one.
    pub fn new(class: Option<&ClassRedis>) -> Boards {
        Boards {
            posts: SharedCell::new(class, "board"),
            loot: SharedMap::new(
                class,
                "loot",
                LOOT_BROWSERS_PER_ADDRESS,
                MAX_LOOT_BROWSERS,
                LOOT_KEEP_MS,
            ),
        }
    }

    /// Adds a post (within the bounds of [`BoardPosts::add`]); returns its id.
    pub async fn post(
        &self,
        flow: Flow,
        author: &BrowserId,
        address: IpAddr,
        name: &str,
        body: &str,
    ) -> Result<u64, StoreError> {
        let post = Post {
            id: 0,
            flow,
            author: author.clone(),
            address,
            name: name.to_owned(),
            body: body.chars().take(MAX_POST_CHARS).collect(),
            at_ms: now_ms(),
        };
        self.posts.update(|board| board.add(post.clone())).await
    }

    /// A flow's posts, newest first.
    pub async fn posts(&self, flow: Flow) -> Result<Vec<Post>, StoreError> {
        let mut posts = self.all_posts().await?;
        posts.retain(|p| p.flow == flow);
        Ok(posts)
    }

    /// Every post, newest first.
    pub async fn all_posts(&self) -> Result<Vec<Post>, StoreError> {
        Ok(self.posts.read().await?.posts.into_iter().rev().collect())
    }

    pub async fn delete(&self, id: u64) -> Result<bool, StoreError> {
        self.posts
            .update(|board| {
                let before = board.posts.len();
                board.posts.retain(|p| p.id != id);
                board.posts.len() != before
            })
            .await
    }

    async fn post_by_id(&self, id: u64) -> Result<Option<Post>, StoreError> {
        Ok(self.posts.read().await?.posts.into_iter().find(|p| p.id == id))
    }

    /// The collector address a post's script sends to from `viewer`'s browser: it names the post
    /// and carries a ticket only the board could have printed for this browser and this post.
    pub fn collector_url(key: &ServerKey, viewer: &BrowserId, post: u64) -> String {
        format!("/lab/stolen?post={post}&ticket={}", ticket(key, viewer, post))
    }

    /// Keeps what a script sent, within the caps; `false` when a cap refused it. The post's
    /// author is credited only when `ticket` is this browser's ticket for that post.
    pub async fn collect(
        &self,
        key: &ServerKey,
        victim: &BrowserId,
        address: IpAddr,
        post: Option<u64>,
        ticket_sent: Option<&str>,
        data: &str,
    ) -> Result<bool, StoreError> {
        let mut data = data.to_owned();
        if data.len() > MAX_LOOT_BYTES {
            let mut end = MAX_LOOT_BYTES;
            while !data.is_char_boundary(end) {
                end -= 1;
            }
            data.truncate(end);
        }
        let credited = match (post, ticket_sent) {
            (Some(id), Some(sent)) if ticket_matches(key, victim, id, sent) => self.post_by_id(id).await?,
            _ => None,
        };
        let loot = Loot {
            flow: credited.as_ref().map(|p| p.flow),
            data,
            at_ms: now_ms(),
        };
        let kept = self
            .loot
            .update(victim.as_str(), address, |haul| {
                let room = haul.taken.len() < MAX_LOOT_PER_BROWSER;
                if room {
                    haul.taken.push_back(loot.clone());
                }
                room
            })
            .await?;
        // A post that ran in its author's own browser took nothing from anyone else.
        if let Some(post) = credited.filter(|p| kept && &p.author != victim) {
            self.loot
                .update(post.author.as_str(), post.address, |haul| {
                    if haul.stolen.len() >= MAX_LOOT_PER_BROWSER {
                        haul.stolen.pop_front();
                    }
                    haul.stolen.push_back(loot);
                })
                .await?;
        }
        Ok(kept)
    }

    /// What this browser's posts stole, and what was stolen from this browser, newest first.
    pub async fn loot_for(&self, browser: &BrowserId) -> Result<Vec<Loot>, StoreError> {
        let haul = self.loot.get(browser.as_str()).await?.unwrap_or_default();
        let mut loot: Vec<Loot> = haul.taken.into_iter().chain(haul.stolen).collect();
        loot.sort_by_key(|l| std::cmp::Reverse(l.at_ms));
        Ok(loot)
    }

    /// Everything collected, newest first.
    pub async fn all_loot(&self) -> Result<Vec<Loot>, StoreError> {
        let mut loot: Vec<Loot> = self.loot.values().await?.into_iter().flat_map(|h| h.taken).collect();
        loot.sort_by_key(|l| std::cmp::Reverse(l.at_ms));
        Ok(loot)
    }

    /// Forgets every post and everything collected (class reset).
    pub async fn clear(&self) -> Result<(), StoreError> {
        self.loot.clear().await?;
        self.posts.clear().await
    }
}

fn ticket(key: &ServerKey, viewer: &BrowserId, post: u64) -> String {
    key.tag_hex(
        "collector-ticket",
        &[viewer.as_str().as_bytes(), &post.to_be_bytes()],
        24,
    )
}

fn ticket_matches(key: &ServerKey, viewer: &BrowserId, post: u64, sent: &str) -> bool {
    subtle::ConstantTimeEq::ct_eq(ticket(key, viewer, post).as_bytes(), sent.as_bytes()).into()
}

pub mod routes {
    //! The board (mounted under both flows), the collector and the lesson page.

    use crate::view::Page;
    use rocket::form::Form;
    use rocket::http::{CookieJar, Header, Status};
    use rocket::request::{FromRequest, Outcome, Request};
    use rocket::response::Redirect;
    use rocket::State;
    use rocket_dyn_templates::context;

    use super::{board_csp, Boards};
    use crate::auth::CookieClaims;
    use crate::browser_id::ServerKey;
    use crate::client::ClientAddr;
    use crate::config::AppConfig;
    use crate::credentials::Role;
    use crate::error::{AppError, Forbidden};
    use crate::flow::Flow;
    use crate::inspector::{InstructorBrowsers, KnownBrowser, Visitor};
    use crate::lab::{LabDesk, LabDesks};
    use crate::lang::Lang;
    use crate::presets::Presets;
    use crate::session::Sessions;
    use crate::view;

    /// Which flow's board this request is for, from its path.
    pub struct BoardFlow(pub Flow);

    #[rocket::async_trait]
    impl<'r> FromRequest<'r> for BoardFlow {
        type Error = std::convert::Infallible;

        async fn from_request(request: &'r Request<'_>) -> Outcome<Self, Self::Error> {
            let cookie = request.uri().path().starts_with("/cookie/");
            Outcome::Success(BoardFlow(if cookie { Flow::Cookie } else { Flow::Session }))
        }
    }

    /// This server's origin as the browser reached it, for the board's policy.
    pub struct PageOrigin(pub String);

    #[rocket::async_trait]
    impl<'r> FromRequest<'r> for PageOrigin {
        type Error = std::convert::Infallible;

        async fn from_request(request: &'r Request<'_>) -> Outcome<Self, Self::Error> {
            let host: String = request
                .headers()
                .get_one("Host")
                .unwrap_or("localhost")
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || ".:-[]".contains(*c))
                .take(255)
                .collect();
            let secure = request.rocket().state::<AppConfig>().is_some_and(|c| c.cookie_secure);
            let scheme = if secure { "https" } else { "http" };
            Outcome::Success(PageOrigin(format!("{scheme}://{host}")))
        }
    }

    /// A board page, with the board's own, looser script policy.
    #[derive(Responder)]
    pub struct BoardPage {
        page: Page,
        csp: Header<'static>,
    }

    /// Routes mounted under `/cookie` and under `/session`.
    pub fn board_routes() -> Vec<rocket::Route> {
        routes![board, post, post_refused]
    }

    /// Routes mounted under `/lab`.
    pub fn lab_routes() -> Vec<rocket::Route> {
        routes![lesson, stolen_page, collect, collect_refused]
    }

    /// Whether this browser belongs to an instructor: it presents an instructor's session, or an
    /// instructor logged in from it. A store that cannot say counts as yes.
    async fn instructors_browser(
        sessions: &Sessions,
        jar: &CookieJar<'_>,
        instructors: &InstructorBrowsers,
        visitor: &Visitor,
    ) -> bool {
        if instructors.contains(&visitor.0).await {
            return true;
        }
        match sessions.presented_id(jar) {
            Some(id) => !matches!(
                sessions.peek(&id).await,
                Ok(None)
                    | Ok(Some(crate::record::SessionRecord {
                        role: Role::Student,
                        ..
                    }))
            ),
            None => false,
        }
    }

    /// # Warning
    /// Renders posts without escaping for their author (or for everyone, with the class board
    /// on), never for an instructor: the XSS lesson.
    #[allow(clippy::too_many_arguments)]
    #[get("/board?<login>")]
    pub async fn board(
        login: Option<&str>,
        flow: BoardFlow,
        visitor: Visitor,
        origin: PageOrigin,
        key: &State<ServerKey>,
        jar: &CookieJar<'_>,
        sessions: &State<Sessions>,
        boards: &State<Boards>,
        presets: &State<Presets>,
        desks: &State<LabDesks>,
        instructors: &State<InstructorBrowsers>,
        lang: Lang,
    ) -> Result<BoardPage, AppError> {
        let instructor = instructors_browser(sessions, jar, instructors, &visitor).await;
        let class_board = presets.class_board();
        let me = &visitor.0;
        let posts: Vec<serde_json::Value> = boards
            .posts(flow.0)
            .await?
            .into_iter()
            .map(|p| {
                let runs = !instructor && (class_board || &p.author == me);
                serde_json::json!({
                    "id": p.id,
                    "name": p.name,
                    "body": p.body,
                    "runs": runs,
                    "collector": runs.then(|| Boards::collector_url(key, me, p.id)),
                })
            })
            .collect();
        let page = view::render(
            "lab/board",
            lang,
            context! {
                flow: flow.0,
                posts,
                token: desks.token(key, me),
                class_board,
                instructor,
                login_needed: login == Some("needed"),
            },
        );
        Ok(BoardPage {
            page,
            csp: Header::new("Content-Security-Policy", board_csp(&origin.0, flow.0)),
        })
    }

    #[derive(FromForm)]
    pub struct PostForm {
        token: Option<String>,
        #[field(validate = len(1..=2000))]
        body: String,
    }

    /// A post comes from a person pressing the button (where the browser says so with
    /// `Sec-Fetch-User`), so a post's script cannot repost itself from every reader's browser.
    pub struct PressedByPerson;

    #[rocket::async_trait]
    impl<'r> FromRequest<'r> for PressedByPerson {
        type Error = ();

        async fn from_request(request: &'r Request<'_>) -> Outcome<Self, Self::Error> {
            let headers = request.headers();
            if headers.get_one("Sec-Fetch-Site").is_none() || headers.get_one("Sec-Fetch-User") == Some("?1") {
                Outcome::Success(PressedByPerson)
            } else {
                AppError::from(Forbidden::NotClicked).note().leave(request);
                Outcome::Error((Status::Forbidden, ()))
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    #[post("/board", data = "<form>")]
    pub async fn post(
        flow: BoardFlow,
        desk: LabDesk<'_>,
        _person: PressedByPerson,
        form: Form<PostForm>,
        claims: CookieClaims,
        sessions: &State<Sessions>,
        jar: &CookieJar<'_>,
        boards: &State<Boards>,
    ) -> Result<Redirect, AppError> {
        desk.check(form.token.as_deref())?;
        let name = match flow.0 {
            Flow::Cookie => claims.username.unwrap_or_default(),
            Flow::Session | Flow::Signed => match sessions.presented_id(jar) {
                Some(id) => sessions
                    .peek(&id)
                    .await?
                    .map(|r| r.user.to_string())
                    .unwrap_or_default(),
                None => String::new(),
            },
        };
        let name: String = name.chars().filter(|c| c.is_ascii_graphic()).take(32).collect();
        if name.is_empty() {
            // Without a login there is nothing for the script to read, and an empty result
            // would look like safety: the lesson starts only when the flow has a login to steal.
            return Ok(Redirect::to(format!("/{}/board?login=needed", flow.0)));
        }
        boards
            .post(flow.0, &desk.browser, desk.client.0, &name, &form.body)
            .await?;
        Ok(Redirect::to(format!("/{}/board#feedback", flow.0)))
    }

    #[post("/board", rank = 2)]
    pub fn post_refused() -> Forbidden {
        Forbidden::UnknownBrowser
    }

    #[get("/xss")]
    pub fn lesson(presets: &State<Presets>, lang: Lang) -> Page {
        crate::lab::render_lesson(
            crate::lab::Lesson::Xss,
            lang,
            context! { class_board: presets.class_board() },
        )
    }

    /// What the collector received from this browser's posts and the scripts that ran in it; with
    /// `?format=json`, the newest ten as JSON, which a board page asks for right after a post ran
    /// (the board's policy lets it reach this one address).
    #[get("/stolen?<format>")]
    pub async fn stolen_page(
        format: Option<&str>,
        visitor: Visitor,
        boards: &State<Boards>,
        lang: Lang,
    ) -> Result<rocket::Either<Page, rocket::serde::json::Json<Vec<serde_json::Value>>>, AppError> {
        let now = crate::clock::now_ms();
        let loot: Vec<serde_json::Value> = boards
            .loot_for(&visitor.0)
            .await?
            .into_iter()
            .map(|l| serde_json::json!({ "flow": l.flow, "data": l.data, "ago_s": now.saturating_sub(l.at_ms) / 1000 }))
            .collect();
        if format == Some("json") {
            return Ok(rocket::Either::Right(rocket::serde::json::Json(
                loot.into_iter().take(10).collect(),
            )));
        }
        Ok(rocket::Either::Left(view::render(
            "lab/stolen",
            lang,
            context! { loot },
        )))
    }

    /// Whether a request comes from a page of this very origin (what a browser's `fetch` from a
    /// board page sends); a request that says nothing is refused too.
    pub struct SameOrigin;

    #[rocket::async_trait]
    impl<'r> FromRequest<'r> for SameOrigin {
        type Error = ();

        async fn from_request(request: &'r Request<'_>) -> Outcome<Self, Self::Error> {
            let site = request.headers().get_one("Sec-Fetch-Site");
            let origin = request.headers().get_one("Origin");
            let host = request.headers().get_one("Host");
            let origin_ok = match (origin, host) {
                (Some(origin), Some(host)) => {
                    origin
                        .strip_prefix("http://")
                        .or_else(|| origin.strip_prefix("https://"))
                        == Some(host)
                }
                _ => false,
            };
            if site.is_some_and(|s| s != "same-origin") || !origin_ok {
                return Outcome::Forward(Status::Forbidden);
            }
            Outcome::Success(SameOrigin)
        }
    }

    /// The collector: what a board script sends. Only from this origin, only from a browser this
    /// server issued an id to, capped in size and count.
    #[allow(clippy::too_many_arguments)]
    #[post("/stolen?<post>&<ticket>", data = "<data>", rank = 1)]
    pub async fn collect(
        _origin: SameOrigin,
        browser: KnownBrowser,
        post: Option<u64>,
        ticket: Option<&str>,
        data: String,
        key: &State<ServerKey>,
        client: ClientAddr,
        boards: &State<Boards>,
    ) -> Result<Status, AppError> {
        let kept = boards.collect(key, &browser.0, client.0, post, ticket, &data).await?;
        Ok(if kept {
            Status::NoContent
        } else {
            Status::TooManyRequests
        })
    }

    #[post("/stolen", rank = 2)]
    pub fn collect_refused() -> Forbidden {
        Forbidden::UnknownBrowser
    }
}
