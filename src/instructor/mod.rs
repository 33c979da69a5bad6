//! The instructor dashboard (`/instructor`): every live session, shown by fingerprint and never
//! by id because the screen is projected, and revocation of one session, of all of a user's, or
//! of all but the instructor's own. Only a session whose server-side record says `instructor`
//! gets in.
//!
//! The instructor's authority must never run in a student's script (see docs/security.md): every
//! control is a POST carrying the session's CSRF token *and*, where the browser sends Fetch
//! Metadata, a top-level navigation that a person started ([`FromDashboard`]); the dashboard page
//! cannot be fetched or framed by a script ([`DashboardView`]).

mod join;

use crate::view::Page;
use rocket::form::Form;
use rocket::http::Status;
use rocket::request::{FromRequest, Outcome, Request};
use rocket::response::stream::{Event, EventStream};
use rocket::response::Redirect;
use rocket::tokio::select;
use rocket::tokio::sync::broadcast::error::RecvError;
use rocket::tokio::time::{interval, timeout, Duration, MissedTickBehavior};
use rocket::{Shutdown, State};
use rocket_dyn_templates::context;
use serde::Serialize;

use crate::auth::{Instructor, SessionUser};
use crate::client::ClientAddr;
use crate::clock::now_ms;
use crate::credentials::Username;
use crate::error::Refused;
use crate::error::{AppError, Forbidden};
use crate::events::{EventBus, EventKind, Subject};
use crate::flow::Flow;
use crate::inspector::ReceiptBook;
use crate::lab::xss::Boards;
use crate::lab::LabDesks;
use crate::lang::Lang;
use crate::presets::Presets;
use crate::session::Sessions;
use crate::storage::{ClassRedis, SharedMap, StoreError, StoredSession};
use crate::view;

/// How often an open event stream checks that its session still lives.
const STREAM_CHECK: Duration = Duration::from_secs(2);

/// A request for the dashboard page itself: a top-level page load, not a script's `fetch` or a
/// frame, when the browser says which (`Sec-Fetch-Dest`).
pub struct DashboardView;

#[rocket::async_trait]
impl<'r> FromRequest<'r> for DashboardView {
    type Error = ();

    async fn from_request(request: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        match request.headers().get_one("Sec-Fetch-Dest") {
            None | Some("document") => Outcome::Success(DashboardView),
            Some(_) => {
                AppError::from(Forbidden::NotFromDashboard).note().leave(request);
                Outcome::Error((Status::Forbidden, ()))
            }
        }
    }
}

/// A control submitted from the dashboard by a person: where the browser sends Fetch Metadata,
/// a same-origin, top-level navigation (`Sec-Fetch-Mode: navigate`, `Sec-Fetch-Dest: document`)
/// with user activation (`Sec-Fetch-User: ?1`), and a `Referer` (when sent) on `/instructor`.
/// A script's `fetch`, or a form it submits without a click, fails here even with the token.
pub struct FromDashboard;

#[rocket::async_trait]
impl<'r> FromRequest<'r> for FromDashboard {
    type Error = ();

    async fn from_request(request: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let headers = request.headers();
        let fetch_metadata_ok = match headers.get_one("Sec-Fetch-Site") {
            None => true,
            Some(site) => {
                site == "same-origin"
                    && headers.get_one("Sec-Fetch-Mode") == Some("navigate")
                    && headers.get_one("Sec-Fetch-Dest") == Some("document")
                    && headers.get_one("Sec-Fetch-User") == Some("?1")
            }
        };
        let referer_ok = headers.get_one("Referer").is_none_or(|referer| {
            let host = headers.get_one("Host").unwrap_or_default();
            let path = referer
                .strip_prefix("http://")
                .or_else(|| referer.strip_prefix("https://"))
                .and_then(|rest| rest.strip_prefix(host));
            path.is_some_and(|p| {
                p == "/instructor"
                    || p.starts_with("/instructor?")
                    || p.starts_with("/instructor/")
                    || p.starts_with("/instructor#")
            })
        });
        if fetch_metadata_ok && referer_ok {
            Outcome::Success(FromDashboard)
        } else {
            AppError::from(Forbidden::NotFromDashboard).note().leave(request);
            Outcome::Error((Status::Forbidden, ()))
        }
    }
}

pub fn routes() -> Vec<rocket::Route> {
    routes![
        dashboard,
        dashboard_student,
        dashboard_anonymous,
        part,
        start,
        page_refused,
        event_stream,
        join::join_svg,
        events_refused,
        revoke,
        revoke_user,
        revoke_all,
        expiry_preset,
        class_board,
        weak_ids,
        delete_post,
        reset,
        control_refused
    ]
}

/// The live event stream behind the dashboard's event list (server-sent events). It starts with
/// the recent events (those after `Last-Event-ID` when the browser reconnects, so nothing shows
/// twice), then says whether the feed is live (`event: feed`, `live` or `reconnecting`: with
/// several instances, whether events from the others are arriving) and sends every event as it
/// happens. It ends as soon as the instructor's session does (logout, revocation, expiry):
/// checked before every event and every [`STREAM_CHECK`] (while the store is unreachable it
/// cannot be checked, and the stream stays).
#[get("/events")]
pub fn event_stream(
    instructor: Instructor,
    last: LastEventId,
    bus: &State<EventBus>,
    sessions: &State<Sessions>,
    mut end: Shutdown,
) -> EventStream![] {
    let mut events = bus.subscribe();
    let mut feed = bus.feed();
    let recent = bus.recent_after(last.0);
    let sessions = sessions.inner().clone();
    let id = instructor.0.id;
    EventStream! {
        for event in recent {
            yield class_event(&event);
        }
        let mut live = *feed.borrow_and_update();
        yield feed_event(live);
        let mut checks = interval(STREAM_CHECK);
        checks.set_missed_tick_behavior(MissedTickBehavior::Delay);
        loop {
            let event = select! {
                received = events.recv() => match received {
                    Ok(event) => Some(event),
                    Err(RecvError::Closed) => break,
                    Err(RecvError::Lagged(_)) => None,
                },
                changed = feed.changed() => {
                    if changed.is_err() {
                        break;
                    }
                    live = *feed.borrow_and_update();
                    yield feed_event(live);
                    continue;
                },
                _ = checks.tick() => None,
                _ = &mut end => break,
            };
            // Ended, or no longer an instructor's: the stream ends. A store that cannot say
            // (an outage, or no answer within a check's time) keeps it open: the feed line
            // says it is reconnecting.
            let ended = match timeout(STREAM_CHECK, sessions.peek(&id)).await {
                Ok(Ok(Some(record))) => record.role != crate::credentials::Role::Instructor,
                Ok(Ok(None)) => true,
                Ok(Err(_)) | Err(_) => false,
            };
            if ended {
                break;
            }
            if let Some(event) = event {
                yield class_event(&event);
            }
        }
    }
}

/// One class event on the stream; its id lets a reconnecting browser say what it has seen.
fn class_event(event: &crate::events::ClassEvent) -> Event {
    Event::json(event).id(event.at_ms.to_string())
}

fn feed_event(live: bool) -> Event {
    Event::data(if live { "live" } else { "reconnecting" }).event("feed")
}

/// The last event a reconnecting `EventSource` saw (`Last-Event-ID`, the event's time); 0 for
/// a new one.
pub struct LastEventId(u64);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for LastEventId {
    type Error = std::convert::Infallible;

    async fn from_request(request: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let seen = request
            .headers()
            .get_one("Last-Event-ID")
            .and_then(|id| id.parse().ok());
        Outcome::Success(LastEventId(seen.unwrap_or(0)))
    }
}

#[get("/events", rank = 2)]
pub fn events_refused() -> Forbidden {
    Forbidden::InstructorOnly
}

/// One row of the sessions table.
#[derive(Serialize)]
struct Row {
    key: String,
    fingerprint: String,
    user: String,
    role: String,
    created_ago_s: u64,
    last_seen_ago_s: u64,
    expires_in_s: u64,
    instance: String,
    yours: bool,
}

fn row(session: &StoredSession, now: u64, own_key: &str) -> Row {
    let ago = |ms: u64| now.saturating_sub(ms) / 1000;
    Row {
        key: session.key.clone(),
        fingerprint: session.fingerprint().to_owned(),
        user: session.record.user.to_string(),
        role: session.record.role.to_string(),
        created_ago_s: ago(session.record.created_ms),
        last_seen_ago_s: ago(session.record.last_seen_ms),
        expires_in_s: session.record.expires_in_s(now),
        instance: session.record.instance.to_string(),
        yours: session.key == own_key,
    }
}

/// The most rows the sessions table shows. A projector shows a few dozen; a class that made
/// thousands of sessions (ten an account, a hundred for `abc`) must not make every five-second
/// refresh send them all. The others are found by name (filtered here, on the server) and
/// counted under the table.
const SHOWN_ROWS: usize = 200;

/// The sessions table: how many sessions are live, the rows shown of those whose user name
/// contains the filter, and how many more of those there are.
#[derive(Serialize)]
struct Table {
    count: usize,
    rows: Vec<Row>,
    hidden: usize,
}

/// Rows grouped by account, the account with the newest login first, and inside each account
/// the newest session first, so a student who just logged in is on top.
fn table(sessions: &[StoredSession], now: u64, own_key: &str, filter: &str) -> Table {
    let wanted = filter.trim().to_lowercase();
    let mut newest: std::collections::HashMap<&str, u64> = std::collections::HashMap::new();
    for s in sessions {
        let entry = newest.entry(s.record.user.as_str()).or_default();
        *entry = (*entry).max(s.record.created_ms);
    }
    let mut matching: Vec<&StoredSession> = sessions
        .iter()
        .filter(|s| s.record.user.as_str().contains(wanted.as_str()))
        .collect();
    matching.sort_by_key(|s| {
        let group = newest.get(s.record.user.as_str()).copied().unwrap_or_default();
        (
            std::cmp::Reverse(group),
            s.record.user.as_str(),
            std::cmp::Reverse(s.record.created_ms),
        )
    });
    Table {
        count: sessions.len(),
        hidden: matching.len().saturating_sub(SHOWN_ROWS),
        rows: matching
            .into_iter()
            .take(SHOWN_ROWS)
            .map(|s| row(s, now, own_key))
            .collect(),
    }
}

/// What the last control did, shown beside the controls after an in-place submission: kept per
/// instructor session (by its storage key), bounded like every per-browser store, and shared by
/// the instances with the Redis store (the part may be fetched from another one).
#[derive(Debug, Clone, Default, Serialize, serde::Deserialize)]
pub struct Note {
    key: std::borrow::Cow<'static, str>,
    n: usize,
    who: Option<String>,
}

pub struct DashboardNotes(SharedMap<Option<Note>>);

impl DashboardNotes {
    pub fn new(class: Option<&ClassRedis>) -> DashboardNotes {
        DashboardNotes(SharedMap::new(class, "notes", 8, 100, 12 * 60 * 60 * 1000))
    }

    async fn leave(&self, instructor: &Instructor, owner: std::net::IpAddr, note: Note) -> Result<(), StoreError> {
        let key = instructor.0.id.storage_key();
        self.0.update(&key, owner, |slot| *slot = Some(note)).await
    }

    /// The last note; none when the store cannot say (it only explains the last click).
    async fn read(&self, instructor: &Instructor) -> Option<Note> {
        self.0
            .get(&instructor.0.id.storage_key())
            .await
            .ok()
            .flatten()
            .flatten()
    }
}

fn note_revoked(n: usize, who: Option<String>) -> Note {
    let key = match (n, &who) {
        (0, Some(_)) => "instructor-revoked-nobody",
        _ => "instructor-revoked",
    };
    Note {
        key: key.into(),
        n,
        who,
    }
}

/// A control's answer: back to the dashboard, or `204 No Content` when the dashboard's script
/// asked to stay (`stay=true`): a `204` ends the form's navigation, so the page, its event list
/// and its open stream stay as they are, and the script refreshes the parts that changed.
pub type Answer = rocket::Either<Redirect, Status>;

fn answer(stay: bool, to: String) -> Answer {
    if stay {
        rocket::Either::Right(Status::NoContent)
    } else {
        rocket::Either::Left(Redirect::to(to))
    }
}

/// The presets' part of a page's context.
fn presets_context(presets: &Presets, sessions: &Sessions, csrf_token: &str) -> serde_json::Value {
    serde_json::json!({
        "class_board": presets.class_board(),
        "weak_ids": presets.weak_ids(),
        "expiry_preset": presets.expiry(),
        "idle_timeout": sessions.idle_timeout_s(),
        "csrf_token": csrf_token,
    })
}

/// A part of the dashboard, for its script to refresh in place: the sessions table, the presets
/// or the last control's note. Without the CSRF token (the page's script fills it in from the
/// page), so a part read by anything else holds no secret.
#[get("/part/<name>?<user>")]
pub async fn part(
    name: &str,
    user: Option<&str>,
    instructor: Instructor,
    sessions: &State<Sessions>,
    presets: &State<Presets>,
    notes: &State<DashboardNotes>,
    lang: Lang,
) -> Result<Page, AppError> {
    match name {
        "sessions" => {
            let own_key = instructor.0.id.storage_key();
            let table = table(&sessions.list().await?, now_ms(), &own_key, user.unwrap_or_default());
            let page = context! { table, csrf_token: "" };
            Ok(view::render("instructor/sessions", lang, page))
        }
        "presets" => Ok(view::render(
            "instructor/presets",
            lang,
            presets_context(presets, sessions, ""),
        )),
        _ => Ok(view::render(
            "instructor/note",
            lang,
            context! { note: notes.read(&instructor).await },
        )),
    }
}

#[allow(clippy::too_many_arguments)]
#[get("/?<revoked>&<who>")]
pub async fn dashboard(
    instructor: Instructor,
    _view: DashboardView,
    desks: &State<LabDesks>,
    receipts: &State<ReceiptBook>,
    bus: &State<EventBus>,
    sessions: &State<Sessions>,
    presets: &State<Presets>,
    boards: &State<Boards>,
    notes: &State<DashboardNotes>,
    signing: &State<crate::signing::SigningKey>,
    join: join::JoinUrl,
    revoked: Option<usize>,
    who: Option<&str>,
    lang: Lang,
) -> Result<Page, AppError> {
    let now = now_ms();
    let own_key = instructor.0.id.storage_key();
    let listed = sessions.list().await?;
    let table = table(&listed, now, &own_key, "");
    // The newest session, as this server's store holds it.
    let newest = listed.iter().max_by_key(|s| s.record.created_ms);
    let held = newest.map(|s| sessions.layout().holding(&s.key, &s.record));
    let now_ms = now;
    let posts: Vec<serde_json::Value> = boards
        .all_posts()
        .await?
        .into_iter()
        .map(|p| serde_json::json!({ "id": p.id, "flow": p.flow, "name": p.name, "body": p.body }))
        .collect();
    let loot: Vec<serde_json::Value> = boards
        .all_loot()
        .await?
        .into_iter()
        .map(|l| serde_json::json!({ "flow": l.flow, "data": l.data, "ago_s": now_ms.saturating_sub(l.at_ms) / 1000 }))
        .collect();
    let page = context! {
        table,
        revoked,
        revoked_shown: revoked.is_some(),
        // A revocation by name that found nobody says so, naming whom it looked for.
        nobody: revoked == Some(0) && who.is_some(),
        who: who.and_then(|w| Username::parse(w).ok()).map(|u| u.to_string()),
        posts,
        loot,
        class_board: presets.class_board(),
        weak_ids: presets.weak_ids(),
        join_url: join.url,
        join_loopback: join.loopback,
        expiry_preset: presets.expiry(),
        idle_timeout: sessions.idle_timeout_s(),
        note: notes.read(&instructor).await,
        csrf_token: instructor.0.record.csrf_token.expose(),
        store: sessions.kind().as_str(),
        held,
        held_fingerprint: newest.map(|s| s.fingerprint().to_owned()),
        key_apart: signing.apart,
        desks: desks.count().await?,
        receipts: receipts.count().await?,
        dropped_events: bus.dropped(),
    };
    Ok(view::render("instructor/dashboard", lang, page))
}

/// "Start the class": for the projector before the lesson, the join address and its QR code
/// large, the lessons in teaching order with one line each, and what to switch on for which.
#[get("/start")]
pub fn start(_instructor: Instructor, _view: DashboardView, join: join::JoinUrl, lang: Lang) -> Page {
    let lessons: Vec<serde_json::Value> = crate::lab::Lesson::ALL
        .iter()
        .map(|lesson| {
            let (title, summary) = lesson.keys();
            serde_json::json!({ "slug": lesson.slug(), "title": title, "summary": summary, "preset": lesson.preset_key() })
        })
        .collect();
    let page = context! { join_url: join.url, join_loopback: join.loopback, lessons };
    view::render("instructor/start", lang, page)
}

#[get("/", rank = 2)]
pub fn dashboard_student(_student: SessionUser) -> Forbidden {
    Forbidden::InstructorOnly
}

#[get("/", rank = 3)]
pub fn dashboard_anonymous() -> Redirect {
    Redirect::to("/session/login")
}

#[derive(FromForm)]
pub struct Control {
    csrf_token: Option<String>,
    key: Option<String>,
    user: Option<String>,
    /// Set by the dashboard's script: answer `204` and stay on the page.
    stay: bool,
}

/// `Ok` when a control form carries the instructor session's CSRF token. Every control also
/// takes [`FromDashboard`].
fn verify(instructor: &Instructor, token: Option<&str>) -> Result<(), Refused> {
    if instructor.0.record.csrf_token.matches(token.unwrap_or_default()) {
        Ok(())
    } else {
        Err(Forbidden::Token.into())
    }
}

fn checked(instructor: &Instructor, form: &Control) -> Result<(), Refused> {
    verify(instructor, form.csrf_token.as_deref())
}

/// Revokes every session except the instructor's own; returns how many ended.
async fn revoke_all_but_own(instructor: &Instructor, sessions: &Sessions, bus: &EventBus) -> Result<usize, Refused> {
    let own_key = instructor.0.id.storage_key();
    let mut revoked = 0;
    for session in sessions.list().await?.iter().filter(|s| s.key != own_key) {
        if sessions.revoke(&session.key).await? {
            revoked += 1;
            bus.emit(
                EventKind::Revoked,
                Flow::Session,
                Subject::User(session.record.user.clone()),
            );
        }
    }
    Ok(revoked)
}

/// The answer to a control that ended `count` sessions, leaving its note.
async fn done(
    instructor: &Instructor,
    notes: &DashboardNotes,
    client: ClientAddr,
    stay: bool,
    count: usize,
) -> Result<Answer, Refused> {
    notes.leave(instructor, client.0, note_revoked(count, None)).await?;
    Ok(answer(stay, format!("/instructor?revoked={count}")))
}

#[post("/revoke", data = "<form>")]
pub async fn revoke(
    instructor: Instructor,
    _from: FromDashboard,
    form: Form<Control>,
    sessions: &State<Sessions>,
    bus: &State<EventBus>,
    notes: &State<DashboardNotes>,
    client: ClientAddr,
) -> Result<Answer, Refused> {
    checked(&instructor, &form)?;
    let key = form.key.as_deref().unwrap_or_default();
    let revoked = sessions.revoke(key).await?;
    if revoked {
        bus.emit(
            EventKind::Revoked,
            Flow::Session,
            Subject::Session(key.get(..8).unwrap_or_default().to_owned()),
        );
    }
    rocket::info!(
        "instructor {} revoked session #{}",
        instructor.0.record.user,
        key.get(..8).unwrap_or("?")
    );
    done(&instructor, notes, client, form.stay, usize::from(revoked)).await
}

/// Ends every session of one account (the instructor's own session stays), in time
/// proportional to that account's sessions.
#[post("/revoke-user", data = "<form>")]
pub async fn revoke_user(
    instructor: Instructor,
    _from: FromDashboard,
    form: Form<Control>,
    sessions: &State<Sessions>,
    bus: &State<EventBus>,
    notes: &State<DashboardNotes>,
    client: ClientAddr,
) -> Result<Answer, Refused> {
    checked(&instructor, &form)?;
    let Ok(user) = Username::parse(form.user.as_deref().unwrap_or_default()) else {
        return done(&instructor, notes, client, form.stay, 0).await;
    };
    let own_key = instructor.0.id.storage_key();
    let revoked = sessions.revoke_user(&user, Some(&own_key)).await?;
    notes
        .leave(&instructor, client.0, note_revoked(revoked, Some(user.to_string())))
        .await?;
    let answer = answer(form.stay, format!("/instructor?revoked={revoked}&who={user}#revoked"));
    if revoked > 0 {
        bus.emit(EventKind::Revoked, Flow::Session, Subject::User(user));
    }
    rocket::info!(
        "instructor {} revoked {revoked} sessions of a user",
        instructor.0.record.user
    );
    Ok(answer)
}

/// Ends every session except the instructor's own, so the dashboard stays open.
#[post("/revoke-all", data = "<form>")]
pub async fn revoke_all(
    instructor: Instructor,
    _from: FromDashboard,
    form: Form<Control>,
    sessions: &State<Sessions>,
    bus: &State<EventBus>,
    notes: &State<DashboardNotes>,
    client: ClientAddr,
) -> Result<Answer, Refused> {
    checked(&instructor, &form)?;
    let revoked = revoke_all_but_own(&instructor, sessions, bus).await?;
    rocket::info!("instructor {} revoked {revoked} sessions", instructor.0.record.user);
    done(&instructor, notes, client, form.stay, revoked).await
}

#[derive(FromForm)]
pub struct PresetForm {
    csrf_token: Option<String>,
    on: bool,
    stay: bool,
}

/// The tutorial's demo: new sessions end after `lab_expiry_preset` (30) idle seconds.
#[post("/preset/expiry", data = "<form>")]
pub async fn expiry_preset(
    instructor: Instructor,
    _from: FromDashboard,
    form: Form<PresetForm>,
    presets: &State<Presets>,
) -> Result<Answer, Refused> {
    verify(&instructor, form.csrf_token.as_deref())?;
    presets.set_expiry(form.on).await?;
    rocket::info!(
        "instructor {} set the expiry preset {}",
        instructor.0.record.user,
        if form.on { "on" } else { "off" }
    );
    Ok(answer(form.stay, "/instructor#presets".into()))
}

/// The XSS lesson's class board: every post's markup runs for every visitor while it is on.
#[post("/preset/class-board", data = "<form>")]
pub async fn class_board(
    instructor: Instructor,
    _from: FromDashboard,
    form: Form<PresetForm>,
    presets: &State<Presets>,
) -> Result<Answer, Refused> {
    verify(&instructor, form.csrf_token.as_deref())?;
    presets.set_class_board(form.on).await?;
    Ok(answer(form.stay, "/instructor#presets".into()))
}

/// # Warning
/// The guess lesson's weak ids: new student sessions get counter ids until this is switched off,
/// which also ends every session that got one.
#[post("/preset/weak-ids", data = "<form>")]
pub async fn weak_ids(
    instructor: Instructor,
    _from: FromDashboard,
    form: Form<PresetForm>,
    presets: &State<Presets>,
    sessions: &State<Sessions>,
) -> Result<Answer, Refused> {
    verify(&instructor, form.csrf_token.as_deref())?;
    presets.set_weak_ids(form.on).await?;
    let ended = if form.on {
        0
    } else {
        sessions.end_weak_sessions().await?
    };
    rocket::warn!(
        "instructor {} switched weak session ids {} ({ended} weak sessions ended)",
        instructor.0.record.user,
        if form.on { "ON" } else { "off" }
    );
    Ok(answer(form.stay, "/instructor#presets".into()))
}

#[derive(FromForm)]
pub struct DeletePost {
    csrf_token: Option<String>,
    post: u64,
    stay: bool,
}

#[post("/posts/delete", data = "<form>")]
pub async fn delete_post(
    instructor: Instructor,
    _from: FromDashboard,
    form: Form<DeletePost>,
    boards: &State<Boards>,
) -> Result<Answer, Refused> {
    verify(&instructor, form.csrf_token.as_deref())?;
    boards.delete(form.post).await?;
    Ok(answer(form.stay, "/instructor#posts".into()))
}

/// One click back to a clean class: every session but the instructor's revoked, the lab's
/// stolen ids, replays, receipts, board posts and collected data forgotten, presets off.
#[allow(clippy::too_many_arguments)]
#[post("/reset", data = "<form>")]
pub async fn reset(
    instructor: Instructor,
    _from: FromDashboard,
    form: Form<Control>,
    sessions: &State<Sessions>,
    desks: &State<LabDesks>,
    receipts: &State<ReceiptBook>,
    boards: &State<Boards>,
    presets: &State<Presets>,
    bus: &State<EventBus>,
    csrf: &State<crate::lab::csrf::CsrfLab>,
    notes: &State<DashboardNotes>,
    client: ClientAddr,
) -> Result<Answer, Refused> {
    checked(&instructor, &form)?;
    presets.reset().await?;
    csrf.clear().await?;
    let revoked = revoke_all_but_own(&instructor, sessions, bus).await?;
    desks.clear().await?;
    receipts.clear().await?;
    boards.clear().await?;
    rocket::info!(
        "instructor {} reset the class ({revoked} sessions revoked)",
        instructor.0.record.user
    );
    done(&instructor, notes, client, form.stay, revoked).await
}

/// Every other dashboard page (the start page, the parts), for anyone who is not a logged-in
/// instructor: refused.
#[get("/<_..>", rank = 4)]
pub fn page_refused() -> Forbidden {
    Forbidden::InstructorOnly
}

/// Every control, for anyone who is not a logged-in instructor: refused.
#[post("/<_..>", rank = 2)]
pub fn control_refused() -> Forbidden {
    Forbidden::InstructorOnly
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::Role;
    use crate::record::SessionRecord;

    /// Ten sessions each for `users` accounts, user `u07` logging in after `u06` and so on.
    fn class(users: usize) -> Vec<StoredSession> {
        (0..users * 10)
            .map(|i| {
                let user = Username::parse(&format!("u{:02}", i / 10)).unwrap();
                StoredSession {
                    key: format!("{i:064x}"),
                    record: SessionRecord::new(user, Role::Student, 1_000 + i as u64, 1800, 28800).unwrap(),
                }
            })
            .collect()
    }

    /// However many sessions there are, a refresh sends at most [`SHOWN_ROWS`] rows, the newest
    /// logins first, and counts the rest; a name finds sessions that are not shown.
    #[test]
    fn the_table_shows_the_newest_rows_and_finds_the_others_by_name() {
        let sessions = class(25);
        let all = table(&sessions, 10_000, "", "");
        assert_eq!((all.count, all.rows.len(), all.hidden), (250, SHOWN_ROWS, 50));
        assert_eq!(all.rows[0].user, "u24", "the newest login on top");
        assert!(
            all.rows.iter().all(|row| row.user.as_str() >= "u05"),
            "the oldest accounts left out"
        );
        let found = table(&sessions, 10_000, "", " U01 ");
        assert_eq!((found.count, found.rows.len(), found.hidden), (250, 10, 0));
        assert!(found.rows.iter().all(|row| row.user == "u01"));
        let none = table(&sessions, 10_000, "", "nobody");
        assert_eq!((none.count, none.rows.len()), (250, 0));
    }
}
