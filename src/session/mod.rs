//! Server-side sessions as a service: [`Sessions`], the one typed way the rest of the app starts,
//! resumes and ends a session, with the policy (timeouts, per-account limits, the lesson presets)
//! applied to whichever store the configuration chose, and the sweeper.

mod sweeper;

use std::sync::Arc;

use rocket::http::{Cookie, CookieJar, SameSite};

pub use sweeper::sweeper;

use crate::accounts::Account;
use crate::clock::now_ms;
use crate::cookies;
use crate::ids::{RandomError, SessionId};
use crate::record::SessionRecord;
use crate::storage::{SessionStore, StoreError, StoredSession};

use crate::config::{AppConfig, StoreKind};
use crate::credentials::{Role, Username, DEMO_ACCOUNT};
use crate::presets::Presets;

/// Why a session could not be started.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Random(#[from] RandomError),
}

/// How many counter ids a login skips past (ids planted earlier) before it draws a random one.
const WEAK_ID_TRIES: u64 = 64;

/// A handle on the store that can only say how it lays out a record.
#[derive(Clone)]
pub struct Layout(Arc<dyn SessionStore>);

impl Layout {
    /// `key` is the [`SessionId::storage_key`] the record is filed under.
    pub fn holding(&self, key: &str, record: &SessionRecord) -> crate::storage::Holding {
        self.0.holding(key, record)
    }
}

impl std::fmt::Debug for Layout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Layout").field(&self.0.kind()).finish()
    }
}

/// The session facade: a store plus the policy (timeouts, cookie attributes) applied to it.
#[derive(Clone)]
pub struct Sessions {
    store: Arc<dyn SessionStore>,
    idle_timeout_s: u64,
    absolute_timeout_s: u64,
    cookie_secure: bool,
    /// Shared by every record this instance creates.
    instance: Arc<String>,
    /// The instructor's lesson switches, read when a session starts.
    presets: Presets,
    max_per_user: usize,
    max_demo: usize,
}

impl Sessions {
    pub fn new(store: Arc<dyn SessionStore>, config: &AppConfig, presets: Presets) -> Sessions {
        Sessions {
            store,
            idle_timeout_s: config.session_idle_timeout,
            absolute_timeout_s: config.session_absolute_timeout,
            cookie_secure: config.cookie_secure,
            instance: Arc::new(config.instance_name.clone()),
            presets,
            max_per_user: config.max_sessions_per_user,
            max_demo: config.max_sessions_demo_account,
        }
    }

    /// The session cookie's name: `__Host-sid` with `cookie_secure`, otherwise `sid`.
    pub fn cookie_name(&self) -> &'static str {
        if self.cookie_secure {
            cookies::HOST_SID
        } else {
            cookies::SID
        }
    }

    /// Whether cookies get `Secure` (`cookie_secure`).
    pub fn cookie_secure(&self) -> bool {
        self.cookie_secure
    }

    /// The id in this request's session cookie, if there is one and it parses strictly.
    pub fn presented_id(&self, jar: &CookieJar<'_>) -> Option<SessionId> {
        jar.get(self.cookie_name())
            .and_then(|cookie| cookie.value().parse().ok())
    }

    /// Asks the browser to drop its id cookie, if it sent one: the same name, path and attributes
    /// as `flows::session::sid_cookie` sets, expired.
    pub fn drop_cookie(&self, jar: &CookieJar<'_>) {
        if jar.get(self.cookie_name()).is_some() {
            let removal = Cookie::build(self.cookie_name())
                .path("/")
                .same_site(SameSite::Lax)
                .http_only(true)
                .secure(self.cookie_secure);
            jar.remove(removal);
        }
    }

    /// Ends every session that got a counter id (the weak-id preset went off, or the class was
    /// reset); returns how many.
    pub async fn end_weak_sessions(&self) -> Result<usize, StoreError> {
        let mut ended = 0;
        for session in self.store.list(now_ms()).await?.iter().filter(|s| s.record.weak_id) {
            ended += usize::from(self.store.delete_key(&session.key).await?);
        }
        Ok(ended)
    }

    /// The idle timeout new student sessions get now, in seconds (the preset, when it is on).
    pub fn idle_timeout_s(&self) -> u64 {
        self.presets.expiry().unwrap_or(self.idle_timeout_s)
    }

    /// The lesson presets apply to students only: the instructor's session is never shortened
    /// and never gets a guessable id.
    fn idle_timeout_for(&self, role: Role) -> u64 {
        match role {
            Role::Instructor => self.idle_timeout_s,
            Role::Student => self.idle_timeout_s(),
        }
    }

    fn record_for(&self, account: &Account) -> Result<SessionRecord, RandomError> {
        let mut record = SessionRecord::new(
            account.username.clone(),
            account.role,
            now_ms(),
            self.idle_timeout_for(account.role),
            self.absolute_timeout_s,
        )?;
        record.instance = Arc::clone(&self.instance);
        Ok(record)
    }

    /// How many sessions `user` may hold at once.
    fn limit_for(&self, user: &Username) -> usize {
        if user.as_str() == DEMO_ACCOUNT {
            self.max_demo
        } else {
            self.max_per_user
        }
    }

    pub fn absolute_timeout_s(&self) -> u64 {
        self.absolute_timeout_s
    }

    pub fn kind(&self) -> StoreKind {
        self.store.kind()
    }

    /// The store, for showing how it lays out a record ([`Layout::holding`]).
    pub fn layout(&self) -> Layout {
        Layout(Arc::clone(&self.store))
    }

    /// Starts a session for `account` under a fresh id, then ends the account's oldest
    /// sessions beyond its limit (`max_sessions_per_user`).
    pub async fn start(&self, account: &Account) -> Result<(SessionId, SessionRecord), StartError> {
        if account.role == Role::Student {
            // Another instance may have switched a preset a moment ago.
            self.presets.refresh().await?;
        }
        let mut record = self.record_for(account)?;
        let id = if self.presets.weak_ids() && account.role == Role::Student {
            record.weak_id = true;
            self.create_weak(&record).await?
        } else {
            record.weak_id = false;
            self.create_random(&record).await?
        };
        self.enforce_limit(&account.username).await?;
        Ok((id, record))
    }

    async fn create_random(&self, record: &SessionRecord) -> Result<SessionId, StartError> {
        // A collision of 256-bit random ids does not happen; if the store ever reports one,
        // drawing again is still the right answer, and never overwriting is the store's rule.
        for _ in 0..3 {
            let id = SessionId::generate()?;
            match self.store.create(&id, record).await {
                Ok(()) => return Ok(id),
                Err(StoreError::Exists) => continue,
                Err(e) => return Err(e.into()),
            }
        }
        Err(StoreError::Exists.into())
    }

    /// # Warning
    /// The next free counter id (students may have planted some ahead of the counter); after
    /// [`WEAK_ID_TRIES`] taken ids, a random one, so a login never fails because of the preset.
    async fn create_weak(&self, record: &SessionRecord) -> Result<SessionId, StartError> {
        for _ in 0..WEAK_ID_TRIES {
            let id = SessionId::weak_from_counter(self.presets.next_weak_counter().await?);
            match self.store.create(&id, record).await {
                Ok(()) => return Ok(id),
                Err(StoreError::Exists) => continue,
                Err(e) => return Err(e.into()),
            }
        }
        let mut record = record.clone();
        record.weak_id = false;
        self.create_random(&record).await
    }

    /// Ends the oldest sessions of `user` beyond its limit; returns how many ended.
    async fn enforce_limit(&self, user: &Username) -> Result<usize, StoreError> {
        let mut sessions = self.store.list_user(user, now_ms()).await?;
        let limit = self.limit_for(user);
        if sessions.len() <= limit {
            return Ok(0);
        }
        sessions.sort_by_key(|s| (s.record.created_ms, s.key.clone()));
        let mut ended = 0;
        for old in &sessions[..sessions.len() - limit] {
            ended += usize::from(self.store.delete_key(&old.key).await?);
        }
        Ok(ended)
    }

    /// Starts a session under an id the *client* chose, if that id is free.
    ///
    /// # Warning
    /// Deliberately vulnerable to session fixation, for the lab's fixation lesson only: an id
    /// planted in a victim's browser before login becomes the victim's logged-in session.
    /// [`Sessions::start`] always draws a fresh id; nothing else may call this.
    pub async fn start_adopting(&self, account: &Account, id: SessionId) -> Result<SessionRecord, StartError> {
        let mut record = self.record_for(account)?;
        record.weak_id = id.is_weak();
        self.store.create(&id, &record).await?;
        self.enforce_limit(&account.username).await?;
        Ok(record)
    }

    /// The live session under `id`, marked as seen now (this request counts as activity).
    pub async fn resume(&self, id: &SessionId) -> Result<Option<SessionRecord>, StoreError> {
        self.store.touch(id, now_ms()).await
    }

    /// The live session under `id`, without counting this look as activity.
    pub async fn peek(&self, id: &SessionId) -> Result<Option<SessionRecord>, StoreError> {
        self.store.load(id, now_ms()).await
    }

    /// Deletes the record: from now on the id means nothing, wherever a copy of it is.
    pub async fn end(&self, id: &SessionId) -> Result<bool, StoreError> {
        self.store.delete(id).await
    }

    pub async fn sweep(&self) -> Result<usize, StoreError> {
        self.store.sweep(now_ms()).await
    }

    pub async fn count(&self) -> Result<usize, StoreError> {
        self.store.count().await
    }

    pub async fn ping(&self) -> Result<(), StoreError> {
        self.store.ping().await
    }

    /// Every live session, oldest first.
    pub async fn list(&self) -> Result<Vec<StoredSession>, StoreError> {
        let mut sessions = self.store.list(now_ms()).await?;
        sessions.sort_by_key(|s| (s.record.created_ms, s.key.clone()));
        Ok(sessions)
    }

    /// Ends the session filed under `key`, wherever its id is: the next request with it fails.
    pub async fn revoke(&self, key: &str) -> Result<bool, StoreError> {
        self.store.delete_key(key).await
    }

    /// Ends every session of `user` except the one filed under `keep`; returns how many ended.
    pub async fn revoke_user(&self, user: &Username, keep: Option<&str>) -> Result<usize, StoreError> {
        let mut revoked = 0;
        for session in self.store.list_user(user, now_ms()).await? {
            if Some(session.key.as_str()) != keep {
                revoked += usize::from(self.store.delete_key(&session.key).await?);
            }
        }
        Ok(revoked)
    }
}
