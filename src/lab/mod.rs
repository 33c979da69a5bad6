//! The security lab: one module per lesson, each at `/lab/<name>`, listed on `/lab`.
//!
//! # Warning
//! The lessons are deliberately dangerous tools (a cookie editor, an attacker's replay), kept to
//! these routes. Each works only on the visiting browser's own cookies and sessions, and every
//! form carries a per-browser token, so another site cannot drive them.

pub mod csrf;
mod desk;
pub mod expiry;
pub mod fixation;
pub mod guess;
pub mod hijack;
pub mod signed;
pub mod sniff;
pub mod tamper;
pub mod xss;

use crate::view::Page;
use rocket_dyn_templates::context;

pub use desk::{LabDesk, LabDesks};

use crate::lang::Lang;
use crate::view;

/// The lessons, in teaching order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lesson {
    Tamper,
    Xss,
    Hijack,
    Expiry,
    Guess,
    Sniff,
    Fixation,
    Signed,
    Csrf,
}

impl Lesson {
    pub const ALL: [Lesson; 9] = [
        Lesson::Tamper,
        Lesson::Xss,
        Lesson::Hijack,
        Lesson::Expiry,
        Lesson::Guess,
        Lesson::Sniff,
        Lesson::Fixation,
        Lesson::Signed,
        Lesson::Csrf,
    ];

    /// The lesson's address, `/lab/<slug>`.
    pub const fn slug(self) -> &'static str {
        match self {
            Lesson::Tamper => "tamper",
            Lesson::Xss => "xss",
            Lesson::Hijack => "hijack",
            Lesson::Expiry => "expiry",
            Lesson::Guess => "guess",
            Lesson::Sniff => "sniff",
            Lesson::Fixation => "fixation",
            Lesson::Signed => "signed",
            Lesson::Csrf => "csrf",
        }
    }

    /// What the instructor switches on for it on the dashboard, as a locale key (the class's
    /// "start" page says it).
    pub const fn preset_key(self) -> Option<&'static str> {
        match self {
            Lesson::Expiry => Some("start-preset-expiry"),
            Lesson::Guess => Some("start-preset-weak"),
            Lesson::Xss => Some("start-preset-board"),
            _ => None,
        }
    }

    /// The locale keys of its title and summary on `/lab`.
    pub fn keys(self) -> (&'static str, &'static str) {
        match self {
            Lesson::Tamper => ("tamper-title", "tamper-summary"),
            Lesson::Xss => ("xss-title", "xss-summary"),
            Lesson::Hijack => ("hijack-title", "hijack-summary"),
            Lesson::Expiry => ("expiry-title", "expiry-summary"),
            Lesson::Guess => ("guess-title", "guess-summary"),
            Lesson::Sniff => ("sniff-title", "sniff-summary"),
            Lesson::Fixation => ("fixation-title", "fixation-summary"),
            Lesson::Signed => ("signed-lesson-title", "signed-lesson-summary"),
            Lesson::Csrf => ("csrf-title", "csrf-summary"),
        }
    }
}

impl Lesson {
    /// The lesson after this one in teaching order.
    pub fn next(self) -> Option<Lesson> {
        let at = Lesson::ALL.iter().position(|l| *l == self)?;
        Lesson::ALL.get(at + 1).copied()
    }

    /// The page's template, `lab/<slug>`.
    const fn template(self) -> &'static str {
        match self {
            Lesson::Tamper => "lab/tamper",
            Lesson::Xss => "lab/xss",
            Lesson::Hijack => "lab/hijack",
            Lesson::Expiry => "lab/expiry",
            Lesson::Guess => "lab/guess",
            Lesson::Sniff => "lab/sniff",
            Lesson::Fixation => "lab/fixation",
            Lesson::Signed => "lab/signed",
            Lesson::Csrf => "lab/csrf",
        }
    }
}

/// Renders a lesson's page with its place in the teaching order (`next`: the next lesson's slug
/// and title, for the link at the bottom).
pub(crate) fn render_lesson<C: serde::Serialize>(lesson: Lesson, lang: Lang, page: C) -> Page {
    let mut page = serde_json::to_value(page).unwrap_or_default();
    if let Some(fields) = page.as_object_mut() {
        let next = lesson.next().map(|next| {
            let (title, _) = next.keys();
            serde_json::json!({ "slug": next.slug(), "title": title })
        });
        fields.insert("next".into(), serde_json::json!(next));
    }
    view::render(lesson.template(), lang, page)
}

/// The lessons' slugs, in teaching order.
pub const LESSONS: [&str; 9] = {
    let mut slugs = [""; 9];
    let mut i = 0;
    while i < Lesson::ALL.len() {
        slugs[i] = Lesson::ALL[i].slug();
        i += 1;
    }
    slugs
};

pub fn routes() -> Vec<rocket::Route> {
    let mut routes = routes![index];
    routes.extend(tamper::routes());
    routes.extend(hijack::routes());
    routes.extend(expiry::routes());
    routes.extend(fixation::routes());
    routes.extend(sniff::routes());
    routes.extend(guess::routes());
    routes.extend(signed::routes());
    routes.extend(xss::routes::lab_routes());
    routes.extend(csrf::routes());
    routes
}

#[get("/")]
pub fn index(lang: Lang) -> Page {
    let lessons: Vec<serde_json::Value> = Lesson::ALL
        .iter()
        .map(|lesson| {
            let (title, summary) = lesson.keys();
            serde_json::json!({ "slug": lesson.slug(), "title": title, "summary": summary })
        })
        .collect();
    view::render("lab/index", lang, context! { lessons })
}
