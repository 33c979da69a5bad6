//! The contract every session store keeps. It is narrow on purpose: the memory, file, Redis, SQL
//! and memcached stores implement the same few methods, and one test suite runs against each.

use crate::config::StoreKind;
use crate::credentials::Username;

use crate::ids::SessionId;
use crate::record::SessionRecord;

/// Every backend maps its own failures into this one error.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// `create` found a live session under this id; the caller draws a new id.
    #[error("a session with this id already exists")]
    Exists,
    /// The backend cannot be reached or written; pages answer 503 until it returns.
    #[error("the session store is unavailable: {0}")]
    Unavailable(String),
    /// A stored record could not be read back.
    #[error("a stored session record is unreadable: {0}")]
    Corrupt(String),
}

/// A place to keep session records, keyed by [`SessionId`].
///
/// Times are passed in (`now_ms`, milliseconds since the epoch) so that every store judges
/// expiry the same way, with [`SessionRecord::is_expired`].
#[rocket::async_trait]
pub trait SessionStore: Send + Sync + 'static {
    fn kind(&self) -> StoreKind;

    /// Stores a new record. Never overwrites a live session: that is [`StoreError::Exists`].
    async fn create(&self, id: &SessionId, record: &SessionRecord) -> Result<(), StoreError>;

    /// The record, or `None` when it is missing or expired. Does not count as activity.
    async fn load(&self, id: &SessionId, now_ms: u64) -> Result<Option<SessionRecord>, StoreError>;

    /// Like `load`, and marks the session as seen at `now_ms` (the idle timeout slides).
    async fn touch(&self, id: &SessionId, now_ms: u64) -> Result<Option<SessionRecord>, StoreError>;

    /// Removes the record; `true` when there was one.
    async fn delete(&self, id: &SessionId) -> Result<bool, StoreError>;

    /// Frees every record expired at `now_ms`; returns how many it removed.
    async fn sweep(&self, now_ms: u64) -> Result<usize, StoreError>;

    /// How many records the store holds now (expired ones not yet swept included).
    async fn count(&self) -> Result<usize, StoreError>;

    /// `Ok` when the store can serve requests.
    async fn ping(&self) -> Result<(), StoreError>;

    /// Every live session, each with the key it is filed under: never the id itself, so a list
    /// shown to an instructor (or leaked) cannot be used to take a session over.
    async fn list(&self, now_ms: u64) -> Result<Vec<StoredSession>, StoreError>;

    /// Every live session of `user`, found through a per-account index: costs that user's
    /// sessions, never all of them.
    async fn list_user(&self, user: &Username, now_ms: u64) -> Result<Vec<StoredSession>, StoreError>;

    /// Deletes the session filed under `key` (a [`SessionId::storage_key`]); `true` when there was
    /// one. A key that is not 64 hex digits matches nothing.
    async fn delete_key(&self, key: &str) -> Result<bool, StoreError>;

    /// How this store lays out the record filed under `key`, for the inspector and the dashboard
    /// (no lookup: the caller has the record).
    fn holding(&self, key: &str, record: &SessionRecord) -> Holding;
}

/// A session record as one store keeps it: what holds it, where, and each stored field.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Holding {
    pub store: &'static str,
    /// The locale key of one sentence that says what holds the record.
    pub what: &'static str,
    /// Where it is: a key, a path, a row.
    pub address: String,
    pub fields: Vec<HeldField>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct HeldField {
    pub name: &'static str,
    pub value: String,
}

impl Holding {
    pub fn new<const N: usize>(
        kind: StoreKind,
        what: &'static str,
        address: String,
        fields: [(&'static str, String); N],
    ) -> Holding {
        Holding {
            store: kind.as_str(),
            what,
            address,
            fields: fields
                .into_iter()
                .map(|(name, value)| HeldField { name, value })
                .collect(),
        }
    }
}

/// The record as the file, Redis, SQL and memcached stores write it (JSON), except the CSRF
/// token, shown by its length only: a pane may be on a projector, and a token is a form secret.
pub fn shown_json(record: &SessionRecord) -> String {
    let json = serde_json::to_string(record).unwrap_or_default();
    let token = record.csrf_token.expose();
    // A key inside a JSON string would have its quotes escaped, so this is the field itself.
    json.replacen(
        &format!("\"csrf_token\":\"{token}\""),
        &format!("\"csrf_token\":\"[{} characters, not shown]\"", token.len()),
        1,
    )
}

/// [`SessionId::storage_key`] as hex, back to bytes; `None` for anything else.
pub fn parse_storage_key(key: &str) -> Option<[u8; 32]> {
    if !is_storage_key(key) {
        return None;
    }
    let mut bytes = [0u8; 32];
    for (i, byte) in bytes.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&key[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(bytes)
}

/// A session as a listing shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSession {
    /// [`SessionId::storage_key`]: 64 hex digits of a one-way hash of the id.
    pub key: String,
    pub record: SessionRecord,
}

impl StoredSession {
    /// The same eight hex digits that [`SessionId::fingerprint`] shows for this session.
    pub fn fingerprint(&self) -> &str {
        &self.key[..8.min(self.key.len())]
    }
}

/// Whether `key` has the shape of a [`SessionId::storage_key`].
pub fn is_storage_key(key: &str) -> bool {
    key.len() == 64 && key.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}
