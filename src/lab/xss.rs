//! Lesson: xss. A message board under each flow renders posts without escaping, on purpose, so a
//! post can carry a script; the script reads `document.cookie` and sends it to the lab's own
//! collector (`/lab/stolen`).
//!
//! # Warning
//! Deliberately unsafe rendering, contained: a post's markup runs only in its author's browser
//! unless the instructor switches on the class board; every other visitor sees it escaped. The
//! board pages' CSP lets scripts talk to this app only, and the collector takes data only from
//! this origin, caps what it keeps, and shows it only to the post's author and the instructor.
//!
//! What a student should see: the cookie flow's board leaks `username`, `password` and `role`;
//! the session flow's board leaks no `sid`, because the browser keeps `HttpOnly` cookies from
//! scripts.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;

use serde::Serialize;

use crate::session::now_ms;

const MAX_POSTS: usize = 200;
const MAX_POST_CHARS: usize = 2000;
const MAX_LOOT_BYTES: usize = 2048;
const MAX_LOOT_PER_BROWSER: usize = 50;
const MAX_LOOT: usize = 1000;

/// The board pages' policy: inline scripts may run (that is the lesson), but may only talk to
/// this app, and load nothing from anywhere else.
pub const BOARD_CSP: &str = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self'; img-src 'self'; \
     connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";

#[derive(Debug, Clone, Serialize)]
pub struct Post {
    pub id: u64,
    pub flow: &'static str,
    /// The author's `inspector` id: whose browser may run this post's markup.
    #[serde(skip)]
    pub author: String,
    pub name: String,
    pub body: String,
    pub at_ms: u64,
}

/// Something a script sent to the collector.
#[derive(Debug, Clone, Serialize)]
pub struct Loot {
    /// The browser the post's script ran in.
    #[serde(skip)]
    pub victim: String,
    /// The author of the post that sent it, when the script named its post.
    #[serde(skip)]
    pub thief: Option<String>,
    pub flow: Option<&'static str>,
    pub data: String,
    pub at_ms: u64,
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[derive(Default)]
pub struct Boards {
    posts: Mutex<VecDeque<Post>>,
    loot: Mutex<VecDeque<Loot>>,
    next: AtomicU64,
    class_board: AtomicBool,
}

impl Boards {
    pub fn post(&self, flow: &'static str, author: &str, name: &str, body: &str) {
        let body: String = body.chars().take(MAX_POST_CHARS).collect();
        let post = Post {
            id: self.next.fetch_add(1, Ordering::Relaxed) + 1,
            flow,
            author: author.to_owned(),
            name: name.to_owned(),
            body,
            at_ms: now_ms(),
        };
        let mut posts = lock(&self.posts);
        if posts.len() >= MAX_POSTS {
            posts.pop_front();
        }
        posts.push_back(post);
    }

    /// A flow's posts, newest first.
    pub fn posts(&self, flow: &str) -> Vec<Post> {
        let posts = lock(&self.posts);
        posts.iter().rev().filter(|p| p.flow == flow).cloned().collect()
    }

    pub fn all_posts(&self) -> Vec<Post> {
        lock(&self.posts).iter().rev().cloned().collect()
    }

    pub fn delete(&self, id: u64) -> bool {
        let mut posts = lock(&self.posts);
        let before = posts.len();
        posts.retain(|p| p.id != id);
        posts.len() != before
    }

    fn author_of(&self, id: u64) -> Option<(String, &'static str)> {
        let posts = lock(&self.posts);
        posts.iter().find(|p| p.id == id).map(|p| (p.author.clone(), p.flow))
    }

    /// Whether every visitor runs every post's markup (the instructor's class board).
    pub fn class_board(&self) -> bool {
        self.class_board.load(Ordering::Relaxed)
    }

    pub fn set_class_board(&self, on: bool) {
        self.class_board.store(on, Ordering::Relaxed);
    }

    /// Keeps what a script sent, within the caps; `false` when a cap refused it.
    pub fn collect(&self, victim: &str, post: Option<u64>, data: &str) -> bool {
        let mut data = data.to_owned();
        if data.len() > MAX_LOOT_BYTES {
            let mut end = MAX_LOOT_BYTES;
            while !data.is_char_boundary(end) {
                end -= 1;
            }
            data.truncate(end);
        }
        let (thief, flow) = match post.and_then(|id| self.author_of(id)) {
            Some((author, flow)) => (Some(author), Some(flow)),
            None => (None, None),
        };
        let mut loot = lock(&self.loot);
        let mine = loot.iter().filter(|l| l.victim == victim).count();
        if mine >= MAX_LOOT_PER_BROWSER {
            return false;
        }
        if loot.len() >= MAX_LOOT {
            loot.pop_front();
        }
        loot.push_back(Loot {
            victim: victim.to_owned(),
            thief,
            flow,
            data,
            at_ms: now_ms(),
        });
        true
    }

    /// What this browser's posts stole, and what was stolen from this browser, newest first.
    pub fn loot_for(&self, browser: &str) -> Vec<Loot> {
        let loot = lock(&self.loot);
        loot.iter()
            .rev()
            .filter(|l| l.victim == browser || l.thief.as_deref() == Some(browser))
            .cloned()
            .collect()
    }

    pub fn all_loot(&self) -> Vec<Loot> {
        lock(&self.loot).iter().rev().cloned().collect()
    }

    /// Forgets every post and everything collected (class reset); the class board goes off.
    pub fn clear(&self) {
        lock(&self.posts).clear();
        lock(&self.loot).clear();
        self.set_class_board(false);
    }
}

pub mod routes {
    //! The board (mounted under both flows), the collector and the lesson page.

    use rocket::form::Form;
    use rocket::http::{CookieJar, Header, Status};
    use rocket::request::{FromRequest, Outcome, Request};
    use rocket::response::Redirect;
    use rocket::State;
    use rocket_dyn_templates::{context, Template};

    use super::{Boards, BOARD_CSP};
    use crate::auth::{CookieClaims, SessionUser};
    use crate::error::AppError;
    use crate::i18n::Lang;
    use crate::inspector::ensure_browser;
    use crate::lab::{LabBrowser, LabDesks};
    use crate::view;

    /// Which flow's board this request is for, from its path.
    pub struct BoardFlow(pub &'static str);

    #[rocket::async_trait]
    impl<'r> FromRequest<'r> for BoardFlow {
        type Error = std::convert::Infallible;

        async fn from_request(request: &'r Request<'_>) -> Outcome<Self, Self::Error> {
            let cookie = request.uri().path().starts_with("/cookie/");
            Outcome::Success(BoardFlow(if cookie { "cookie" } else { "session" }))
        }
    }

    /// A board page, with the board's own, looser script policy.
    #[derive(Responder)]
    pub struct BoardPage {
        page: Template,
        csp: Header<'static>,
    }

    /// Routes mounted under `/cookie` and under `/session`.
    pub fn board_routes() -> Vec<rocket::Route> {
        routes![board, post]
    }

    /// Routes mounted under `/lab`.
    pub fn lab_routes() -> Vec<rocket::Route> {
        routes![lesson, stolen_page, collect, collect_refused, post_refused]
    }

    /// # Warning
    /// Renders posts without escaping for their author (or for everyone, with the class board
    /// on): the XSS lesson.
    #[get("/board")]
    pub fn board(
        flow: BoardFlow,
        jar: &CookieJar<'_>,
        boards: &State<Boards>,
        desks: &State<LabDesks>,
        lang: Lang,
    ) -> BoardPage {
        let me = ensure_browser(jar);
        let desk = desks.open(&me);
        let class_board = boards.class_board();
        let posts: Vec<serde_json::Value> = boards
            .posts(flow.0)
            .into_iter()
            .map(|p| serde_json::json!({ "id": p.id, "name": p.name, "body": p.body, "runs": class_board || p.author == me }))
            .collect();
        let page = view::render(
            "lab/board",
            lang,
            context! { flow: flow.0, posts, token: desk.token, class_board },
        );
        BoardPage {
            page,
            csp: Header::new("Content-Security-Policy", BOARD_CSP),
        }
    }

    #[derive(FromForm)]
    pub struct PostForm {
        token: Option<String>,
        #[field(validate = len(1..=2000))]
        body: String,
    }

    #[post("/board", data = "<form>")]
    pub fn post(
        flow: BoardFlow,
        browser: LabBrowser,
        form: Form<PostForm>,
        claims: CookieClaims,
        user: Option<SessionUser>,
        boards: &State<Boards>,
        desks: &State<LabDesks>,
    ) -> Result<Redirect, AppError> {
        desks.check(&browser, form.token.as_deref())?;
        let name = match flow.0 {
            "cookie" => claims.username.unwrap_or_default(),
            _ => user.map(|u| u.record.user.to_string()).unwrap_or_default(),
        };
        let name: String = name.chars().filter(|c| c.is_ascii_graphic()).take(32).collect();
        boards.post(flow.0, &browser.0, &name, &form.body);
        Ok(Redirect::to(format!("/{}/board", flow.0)))
    }

    #[post("/board", rank = 2)]
    pub fn post_refused() -> Status {
        Status::Forbidden
    }

    #[get("/xss")]
    pub fn lesson(boards: &State<Boards>, lang: Lang) -> Template {
        view::render("lab/xss", lang, context! { class_board: boards.class_board() })
    }

    #[get("/stolen")]
    pub fn stolen_page(jar: &CookieJar<'_>, boards: &State<Boards>, lang: Lang) -> Template {
        let now = crate::session::now_ms();
        let loot: Vec<serde_json::Value> = boards
            .loot_for(&ensure_browser(jar))
            .into_iter()
            .map(|l| serde_json::json!({ "flow": l.flow, "data": l.data, "ago_s": now.saturating_sub(l.at_ms) / 1000 }))
            .collect();
        view::render("lab/stolen", lang, context! { loot })
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

    /// The collector: what a board script sends. Only from this origin, only from a browser that
    /// has opened the lab, capped in size and count.
    #[post("/stolen?<post>", data = "<data>", rank = 1)]
    pub fn collect(
        _origin: SameOrigin,
        browser: LabBrowser,
        post: Option<u64>,
        data: String,
        boards: &State<Boards>,
    ) -> Status {
        if boards.collect(&browser.0, post, &data) {
            Status::NoContent
        } else {
            Status::TooManyRequests
        }
    }

    #[post("/stolen", rank = 2)]
    pub fn collect_refused() -> Status {
        Status::Forbidden
    }
}
