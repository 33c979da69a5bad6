//! The browsers an instructor's session has been used from. The XSS boards never run a post in such a
//! browser, even after the instructor logged out: a script loaded then could still be running
//! when the instructor logs in again. Bounded per client address like all per-browser state.
//!
//! With the Redis store the marks are shared (`class:flag:instructor-<browser id>`), so a board
//! served by any instance knows the instructor's browser; each instance keeps its own copy and
//! writes the mark again once an hour while the browser is in use.

use std::net::IpAddr;

use crate::bounded::Bounded;
use crate::browser_id::BrowserId;
use crate::clock::now_ms;
use crate::storage::ClassRedis;

/// A class day: a mark lasts twelve hours after the browser last presented the instructor's session.
const KEEP_MS: u64 = 12 * 60 * 60 * 1000;
/// How often a shared mark is written again while the browser is in use.
const REWRITE_MS: u64 = 60 * 60 * 1000;
const PER_ADDRESS: usize = 8;
const MAX_BROWSERS: usize = 1_000;

pub struct InstructorBrowsers {
    /// Each marked browser, with when its shared mark was last written (0: not shared).
    marks: Bounded<BrowserId, u64>,
    shared: Option<ClassRedis>,
}

impl InstructorBrowsers {
    pub fn new(shared: Option<ClassRedis>) -> InstructorBrowsers {
        InstructorBrowsers {
            marks: Bounded::new(PER_ADDRESS, MAX_BROWSERS, KEEP_MS),
            shared,
        }
    }

    /// Remembers that this browser presented an instructor's session (the `SessionUser` guard
    /// calls this on every such request, the one after login included).
    pub async fn mark(&self, browser: &BrowserId, owner: IpAddr) {
        let now = now_ms();
        let mut written = self.marks.get(browser, now).unwrap_or(0);
        if let Some(redis) = &self.shared {
            if now.saturating_sub(written) >= REWRITE_MS {
                match redis.raise_flag(&flag(browser), KEEP_MS).await {
                    Ok(()) => written = now,
                    Err(e) => rocket::warn!("{e}: the instructor's browser is marked on this instance only"),
                }
            }
        }
        self.marks.update(browser, owner, now, |w| *w = written);
    }

    /// Whether an instructor used this browser; a shared mark that cannot be read counts as yes.
    pub async fn contains(&self, browser: &BrowserId) -> bool {
        if self.marks.get(browser, now_ms()).is_some() {
            return true;
        }
        match &self.shared {
            Some(redis) => redis.flag(&flag(browser)).await.unwrap_or(true),
            None => false,
        }
    }
}

fn flag(browser: &BrowserId) -> String {
    format!("instructor-{}", browser.as_str())
}
