//! Lesson: guess. Where a session id comes from decides whether it can be guessed.
//!
//! # Warning
//! The weak-id preset (instructor only, off by default, a banner on every page while on) makes
//! the session flow issue counter ids, so one student can guess another's live session. The
//! guess tool checks a typed id against the store, exactly as any request with it would.
//!
//! What a student should see: counter, timestamp and md5-of-counter ids are as guessable as what
//! went into them; with the 256-bit CSPRNG no number of guesses a class (or a botnet) can make
//! will ever find a session.

use crate::view::Page;
use md5::{Digest, Md5};
use rocket::form::Form;
use rocket::http::CookieJar;
use rocket::response::Redirect;
use rocket::State;
use rocket_dyn_templates::context;
use serde::Serialize;

use super::{LabDesk, LabDesks};
use crate::browser_id::ServerKey;
use crate::clock::now_ms;
use crate::credentials::Role;
use crate::error::{AppError, Forbidden};
use crate::events::{EventBus, EventKind, Subject};
use crate::flow::Flow;
use crate::ids::SessionId;
use crate::inspector::Visitor;
use crate::lang::Lang;
use crate::presets::{Presets, WEAK_COUNTER_START};
use crate::session::Sessions;
use crate::storage::StoreError;

pub fn routes() -> Vec<rocket::Route> {
    routes![page, try_guess, try_neighbour, use_hit, refused]
}

#[derive(Serialize)]
struct Generator {
    name: &'static str,
    samples: Vec<String>,
    bits: String,
    note: &'static str,
}

/// Seconds to find one of `sessions` live sessions by trying ids at `rate` per second, on average.
pub fn expected_seconds(bits: f64, rate: f64, sessions: f64) -> f64 {
    (bits - 1.0).exp2() / (rate.max(1.0) * sessions.max(1.0))
}

/// "3.2 × 10^51 years", "12 minutes": a duration a class can read.
fn human(seconds: f64, lang: Lang) -> String {
    if seconds < 1.0 {
        return match lang {
            Lang::Ko => "1초 미만".into(),
            Lang::En => "less than a second".into(),
        };
    }
    let units: [(f64, &str, &str); 5] = [
        (31_557_600.0, "years", "년"),
        (86_400.0, "days", "일"),
        (3_600.0, "hours", "시간"),
        (60.0, "minutes", "분"),
        (1.0, "seconds", "초"),
    ];
    let (size, en, ko) = units
        .iter()
        .find(|(size, _, _)| seconds >= *size)
        .copied()
        .unwrap_or(units[4]);
    let value = seconds / size;
    let number = if value >= 1e6 {
        let exponent = value.log10().floor();
        format!("{:.1} × 10^{}", value / 10f64.powf(exponent), exponent)
    } else {
        format!("{value:.1}")
    };
    match lang {
        Lang::Ko => format!("{number}{ko}"),
        Lang::En => format!("{number} {en}"),
    }
}

/// A number as a person writes it: `1000000000`, `16.9`, never `1000000000.0`.
fn plain(x: f64) -> String {
    let rounded = (x * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 && rounded.abs() < 1e16 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded}")
    }
}

#[derive(FromForm, Clone, Copy)]
pub struct Calculator {
    bits: Option<f64>,
    rate: Option<f64>,
    sessions: Option<f64>,
}

#[allow(clippy::too_many_arguments)]
#[get("/guess?<calc..>")]
pub async fn page(
    calc: Calculator,
    visitor: Visitor,
    key: &State<ServerKey>,
    jar: &CookieJar<'_>,
    desks: &State<LabDesks>,
    sessions: &State<Sessions>,
    presets: &State<Presets>,
    lang: Lang,
) -> Result<Page, AppError> {
    let desk = desks.open(&visitor.0).await?;
    let issued_so_far = |issued: u64| issued.saturating_sub(WEAK_COUNTER_START - 1) as f64;
    let now = now_ms();
    let issued = presets.weak_counter().await?.max(1);
    let generators = vec![
        Generator {
            name: "guess-gen-counter",
            samples: (0..3)
                .map(|i| SessionId::weak_from_counter(issued + i).expose())
                .collect(),
            bits: plain(issued_so_far(issued).log2().max(1.0)),
            note: "guess-note-counter",
        },
        Generator {
            name: "guess-gen-timestamp",
            samples: (0..3).map(|i| SessionId::weak_from_counter(now + i).expose()).collect(),
            bits: plain(60_000f64.log2()),
            note: "guess-note-timestamp",
        },
        Generator {
            name: "guess-gen-md5",
            samples: (0..3)
                .map(|i| format!("{:x}", Md5::digest((issued + i).to_string())))
                .collect(),
            bits: plain(issued_so_far(issued).log2().max(1.0)),
            note: "guess-note-md5",
        },
        Generator {
            name: "guess-gen-csprng",
            samples: (0..3)
                .filter_map(|_| SessionId::generate().ok())
                .map(|id| id.expose())
                .collect(),
            bits: plain(256.0),
            note: "guess-note-csprng",
        },
    ];
    let bits = calc.bits.unwrap_or(256.0).clamp(1.0, 512.0);
    let rate = calc.rate.unwrap_or(1e9).clamp(1.0, 1e15);
    let live = calc.sessions.unwrap_or(30.0).clamp(1.0, 1e9);
    let weak = presets.weak_ids();
    // A hit on a session that has ended since (the preset went off, a logout) says so.
    let ended = match &desk.guess_result {
        Some((tried, user)) if !user.is_empty() => match tried.parse::<SessionId>() {
            Ok(id) => matches!(sessions.peek(&id).await, Ok(None)),
            Err(_) => true,
        },
        _ => false,
    };
    let page = context! {
        generators,
        bits: plain(bits),
        rate: plain(rate),
        live: plain(live),
        ended,
        answer: human(expected_seconds(bits, rate, live), lang),
        weak,
        // Only a weak (counter) id is ever shown: it is predictable anyway, and seeing one is how a
        // student spots the pattern. A random id stays where HttpOnly keeps it.
        own_id: sessions.presented_id(jar).filter(SessionId::is_weak).map(|id| id.expose()),
        own_counter: sessions.presented_id(jar).and_then(|id| id.weak_counter()),
        own_user: own_user(sessions, jar).await,
        tried_counter: desk.guess_result.as_ref().and_then(|(tried, _)| tried.parse::<SessionId>().ok()).and_then(|id| id.weak_counter()),
        token: desks.token(key, &visitor.0),
        no_start: desk.guess_no_start,
        tried: desk.guess_result.as_ref().map(|(tried, _)| tried.clone()),
        result: desk.guess_result.map(|(_, user)| user),
    };
    Ok(super::render_lesson(super::Lesson::Guess, lang, page))
}

#[derive(FromForm)]
pub struct GuessForm {
    token: Option<String>,
    #[field(validate = len(..=200))]
    candidate: String,
}

#[derive(FromForm)]
pub struct NeighbourForm {
    token: Option<String>,
    /// `-1` or `1`: the id before or after the last one tried (or this browser's own).
    #[field(default = 1)]
    step: i8,
}

/// "The id before / after": decodes the counter of the last weak id tried (or of this browser's
/// own), steps by one, encodes again and tries it: the arithmetic an attacker does by hand.
#[post("/guess/neighbour", data = "<form>")]
pub async fn try_neighbour(
    desk: LabDesk<'_>,
    form: Form<NeighbourForm>,
    sessions: &State<Sessions>,
    jar: &CookieJar<'_>,
    bus: &State<EventBus>,
) -> Result<Redirect, AppError> {
    desk.check(form.token.as_deref())?;
    let last = last_tried(&desk).await?.and_then(|id| id.weak_counter());
    let from = last.or_else(|| sessions.presented_id(jar).and_then(|id| id.weak_counter()));
    let Some(from) = from else {
        desk.update(|desk| desk.guess_no_start = true).await?;
        return Ok(Redirect::to("/lab/guess#try"));
    };
    let counter = if form.step < 0 {
        from.saturating_sub(1)
    } else {
        from.saturating_add(1)
    };
    let candidate = SessionId::weak_from_counter(counter);
    record_try(&candidate.expose(), &desk, sessions, bus).await?;
    Ok(Redirect::to("/lab/guess#try"))
}

/// The id this browser's last guess tried, if it was a well-formed one.
async fn last_tried(desk: &LabDesk<'_>) -> Result<Option<SessionId>, StoreError> {
    Ok(desk
        .open()
        .await?
        .guess_result
        .and_then(|(tried, _)| tried.parse().ok()))
}

/// Whose session this browser presents now, when it is a weak one (after "use it", a classmate's).
async fn own_user(sessions: &Sessions, jar: &CookieJar<'_>) -> Option<String> {
    let id = sessions.presented_id(jar).filter(SessionId::is_weak)?;
    sessions
        .peek(&id)
        .await
        .ok()
        .flatten()
        .map(|record| record.user.to_string())
}

/// # Warning
/// The attacker's last step: this browser takes the session the last guess found, as a request
/// carrying that id would. Only a weak id (never the instructor's: weak ids are not issued to
/// the instructor) that this browser's own guess found, and only while it lives.
#[post("/guess/use", data = "<form>")]
pub async fn use_hit(
    desk: LabDesk<'_>,
    form: Form<NeighbourForm>,
    sessions: &State<Sessions>,
    jar: &CookieJar<'_>,
) -> Result<Redirect, AppError> {
    desk.check(form.token.as_deref())?;
    let found = last_tried(&desk).await?.filter(SessionId::is_weak);
    if let Some(id) = found {
        if matches!(sessions.peek(&id).await?, Some(record) if record.role == Role::Student) {
            jar.add(crate::flows::session::sid_cookie(sessions, &id, false));
        }
    }
    Ok(Redirect::to("/lab/guess#try"))
}

/// Looks one typed id up exactly as a request with it would, and keeps the result on the desk.
async fn record_try(candidate: &str, desk: &LabDesk<'_>, sessions: &Sessions, bus: &EventBus) -> Result<(), AppError> {
    let client = desk.client;
    let found = match candidate.trim().parse::<SessionId>() {
        Ok(id) => sessions.peek(&id).await?.map(|record| record.user),
        Err(_) => None,
    };
    match &found {
        Some(user) => bus.emit_from(
            client.0,
            EventKind::GuessHit,
            Flow::Session,
            Subject::User(user.clone()),
        ),
        None => bus.emit_from(client.0, EventKind::GuessFailed, Flow::Session, Subject::Unknown),
    }
    let result = found.map(|u| u.to_string()).unwrap_or_default();
    let tried: String = candidate.trim().chars().filter(|c| !c.is_control()).take(64).collect();
    desk.update(|desk| {
        desk.guess_result = Some((tried, result));
        desk.guess_no_start = false;
    })
    .await?;
    Ok(())
}

/// Tries one id, as a request carrying it would. Misses go to the dashboard's event stream.
#[post("/guess/try", data = "<form>")]
pub async fn try_guess(
    desk: LabDesk<'_>,
    form: Form<GuessForm>,
    sessions: &State<Sessions>,
    bus: &State<EventBus>,
) -> Result<Redirect, AppError> {
    desk.check(form.token.as_deref())?;
    record_try(&form.candidate, &desk, sessions, bus).await?;
    Ok(Redirect::to("/lab/guess#try"))
}

#[post("/guess/<_..>", rank = 2)]
pub fn refused() -> Forbidden {
    Forbidden::UnknownBrowser
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_calculator_follows_the_bits() {
        assert!((expected_seconds(10.0, 1.0, 1.0) - 512.0).abs() < 1e-9);
        assert!(expected_seconds(256.0, 1e9, 30.0) > 1e60);
        assert_eq!(human(90.0, Lang::En), "1.5 minutes");
        assert!(human(expected_seconds(256.0, 1e9, 30.0), Lang::En).contains("× 10^"));
    }
}
