//! The browsers an instructor's session has been used from. The XSS boards never run a post in such a
//! browser, even after the instructor logged out: a script loaded then could still be running
//! when the instructor logs in again. Bounded per client address like all per-browser state.

use std::net::IpAddr;

use crate::bounded::Bounded;
use crate::browser_id::BrowserId;
use crate::clock::now_ms;

/// A class day: a mark lasts twelve hours after the browser last presented the instructor's session.
const KEEP_MS: u64 = 12 * 60 * 60 * 1000;
const PER_ADDRESS: usize = 8;
const MAX_BROWSERS: usize = 1_000;

pub struct InstructorBrowsers(Bounded<BrowserId, bool>);

impl Default for InstructorBrowsers {
    fn default() -> Self {
        InstructorBrowsers(Bounded::new(PER_ADDRESS, MAX_BROWSERS, KEEP_MS))
    }
}

impl InstructorBrowsers {
    /// Remembers that this browser presented an instructor's session (the `SessionUser` guard
    /// calls this on every such request, the one after login included).
    pub fn mark(&self, browser: &BrowserId, owner: IpAddr) {
        self.0.update(browser, owner, now_ms(), |marked| *marked = true);
    }

    pub fn contains(&self, browser: &BrowserId) -> bool {
        self.0.get(browser, now_ms()).unwrap_or(false)
    }
}
