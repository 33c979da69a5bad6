//! The SQL stores: `sqlite` (one file beside the app, no server) and `postgres` (a server that
//! several instances share), through one backend on sqlx's `Any` driver, so every query below is
//! written once and runs on both.
//!
//! - Table `sessions`: one row per session, keyed by a hash of the id (never the id itself), with
//!   the owner's name, `last_seen_ms`, `expires_ms` (the moment the session ends:
//!   `min(last seen + idle, created + absolute)`) and the record as JSON. Every read compares
//!   `expires_ms` with the time of the request, so an expired row is never served even before the
//!   sweeper deletes it; indexes on `expires_ms` and `(username, expires_ms)` keep the sweep and one
//!   account's listing from reading the whole table.
//! - `create` is an `INSERT … ON CONFLICT DO UPDATE … WHERE` the old row has expired: a live
//!   session is never overwritten. Activity is written at most once a second per session, and only
//!   to a row that is still live, so a touch racing a logout cannot bring the session back.
//! - Table `accounts`: registered accounts, so they live (and survive restarts) beside the sessions.
//! - The schema is in `migrations/<database>/`, embedded in the binary and applied on first use,
//!   so the app starts while the database is away and answers 503 until it returns; a statement
//!   that meets a connection killed by a restart of the server runs again on another
//!   ([`Database::run`]), so a restarted server is reconnected by itself.

use std::borrow::Cow;
use std::fmt;
use std::future::Future;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::Path;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use rocket::tokio::sync::OnceCell;
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::migrate::{Migration, MigrationSource, MigrationType, Migrator};
use sqlx::AnyPool;
use sqlx::{Executor, Row};

use super::accounts::{AccountBackend, StoredAccount};
use super::sessions::{is_storage_key, StoredSession};
use super::{Holding, SessionStore, StoreError};
use crate::config::StoreKind;
use crate::credentials::Username;
use crate::ids::SessionId;
use crate::record::SessionRecord;

/// A session's activity is written at most this often (as with Redis): a page and the requests
/// its script makes right after cost one write, not four.
const TOUCH_EVERY_MS: u64 = 1000;

/// Rows the sweep deletes per statement, so a sweep of a million never holds SQLite's one
/// writer lock for long.
const SWEEP_BATCH: i64 = 1000;

/// The migrations of each database, in the binary: the app runs from an empty folder.
const SQLITE: Embedded = Embedded(&[(
    1,
    "sessions and accounts",
    include_str!("../../migrations/sqlite/0001_sessions_and_accounts.sql"),
)]);
const POSTGRES: Embedded = Embedded(&[(
    1,
    "sessions and accounts",
    include_str!("../../migrations/postgres/0001_sessions_and_accounts.sql"),
)]);

/// Migrations compiled in: `(version, description, SQL)`.
#[derive(Debug, Clone, Copy)]
struct Embedded(&'static [(i64, &'static str, &'static str)]);

impl MigrationSource<'static> for Embedded {
    fn resolve(
        self,
    ) -> Pin<Box<dyn Future<Output = Result<Vec<Migration>, sqlx::error::BoxDynError>> + Send + 'static>> {
        Box::pin(async move {
            Ok(self
                .0
                .iter()
                .map(|&(version, description, sql)| {
                    Migration::new(
                        version,
                        Cow::Borrowed(description),
                        MigrationType::Simple,
                        Cow::Borrowed(sql),
                        false,
                    )
                })
                .collect())
        })
    }
}

/// One database: the pool and whether its schema has been brought up to date.
struct Database {
    kind: StoreKind,
    pool: AnyPool,
    /// The pool's size: how many dead connections a restart of the server can leave in it.
    connections: u32,
    migrations: Embedded,
    migrated: OnceCell<()>,
}

impl Database {
    /// The pool, once the schema is current (the first successful call applies the migrations).
    async fn pool(&self) -> Result<&AnyPool, StoreError> {
        self.migrated
            .get_or_try_init(|| async {
                let migrator = Migrator::new(self.migrations)
                    .await
                    .map_err(|e| StoreError::Corrupt(format!("embedded migrations: {e}")))?;
                migrator
                    .run(&self.pool)
                    .await
                    .map_err(|e| StoreError::Unavailable(format!("{}: migrations: {e}", self.kind.as_str())))
            })
            .await?;
        Ok(&self.pool)
    }

    /// Runs one statement, and again on another connection when it failed because its
    /// connection had died (the server restarted since it was opened): at most once per pooled
    /// connection, plus one. The pool lends connections without pinging them first (a round trip
    /// per query); a dead one shows itself by failing, and the pool closes it when it comes back.
    async fn run<'a, T, F, Fut>(&'a self, statement: F) -> Result<T, StoreError>
    where
        F: Fn(&'a AnyPool) -> Fut,
        Fut: Future<Output = Result<T, sqlx::Error>>,
    {
        let pool = self.pool().await?;
        let mut tries = self.connections + 1;
        loop {
            match statement(pool).await {
                Err(error) if tries > 1 && connection_lost(&error) => {
                    rocket::warn!(
                        "{}: a pooled connection was dead ({error}); trying another",
                        self.kind.as_str()
                    );
                    tries -= 1;
                }
                done => return done.map_err(|e| self.fail(e)),
            }
        }
    }

    /// The number a `SELECT COUNT(*) …` gives.
    async fn count(&self, sql: &'static str) -> Result<usize, StoreError> {
        let count: i64 = self.run(|pool| sqlx::query_scalar(sql).fetch_one(pool)).await?;
        Ok(usize::try_from(count).unwrap_or(0))
    }

    fn fail(&self, error: sqlx::Error) -> StoreError {
        match error {
            sqlx::Error::ColumnDecode { .. } | sqlx::Error::Decode(_) | sqlx::Error::ColumnNotFound(_) => {
                StoreError::Corrupt(format!("{}: {error}", self.kind.as_str()))
            }
            _ => StoreError::Unavailable(format!("{}: {error}", self.kind.as_str())),
        }
    }
}

/// An error that says the connection itself is gone: it broke, or the server, shutting down,
/// ended it (SQLSTATE class 57, "operator intervention").
fn connection_lost(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::Io(_) | sqlx::Error::Protocol(_) => true,
        sqlx::Error::Database(e) => e.code().is_some_and(|code| code.starts_with("57P")),
        _ => false,
    }
}

impl fmt::Debug for Database {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Database")
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

/// Sessions in a SQL table.
pub struct SqlStore {
    db: Arc<Database>,
}

/// Accounts in the same database as the sessions.
pub struct SqlAccounts {
    db: Arc<Database>,
}

impl SqlStore {
    /// Prepares the pool without connecting (the database may be away). `kind` is `Sqlite` or
    /// `Postgres`; `url` must name the same database (`sqlite://…` or `postgres://…`).
    pub fn open(kind: StoreKind, url: &str) -> Result<SqlStore, StoreError> {
        sqlx::any::install_default_drivers();
        let (scheme_ok, migrations, connections) = match kind {
            StoreKind::Sqlite => (url.starts_with("sqlite:"), SQLITE, 4),
            StoreKind::Postgres => (
                url.starts_with("postgres://") || url.starts_with("postgresql://"),
                POSTGRES,
                8,
            ),
            other => {
                return Err(StoreError::Unavailable(format!(
                    "{} is not a SQL store",
                    other.as_str()
                )))
            }
        };
        if !scheme_ok {
            return Err(StoreError::Unavailable(format!(
                "database_url must start with {}:// for session_store = \"{}\"",
                kind.as_str(),
                kind.as_str()
            )));
        }
        if kind == StoreKind::Sqlite {
            prepare_sqlite_file(url)?;
        }
        let mut options = AnyPoolOptions::new()
            .max_connections(connections)
            .acquire_timeout(Duration::from_secs(2))
            .test_before_acquire(false);
        if kind == StoreKind::Sqlite {
            // WAL lets readers go on while one connection writes; NORMAL syncs at checkpoints,
            // so a crash of the app loses nothing and a power cut at most the last moments.
            options = options.after_connect(|connection, _| {
                Box::pin(async move {
                    connection
                        .execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;")
                        .await
                        .map(|_| ())
                })
            });
        }
        let pool = options
            .connect_lazy(url)
            .map_err(|e| StoreError::Unavailable(format!("database_url: {e}")))?;
        Ok(SqlStore {
            db: Arc::new(Database {
                kind,
                pool,
                connections,
                migrations,
                migrated: OnceCell::new(),
            }),
        })
    }

    /// The accounts kept in the same database.
    pub fn accounts(&self) -> SqlAccounts {
        SqlAccounts {
            db: Arc::clone(&self.db),
        }
    }

    fn row(&self, row: &AnyRow) -> Result<SessionRecord, StoreError> {
        let json: String = row.try_get("record").map_err(|e| self.db.fail(e))?;
        serde_json::from_str(&json).map_err(|e| StoreError::Corrupt(format!("{}: {e}", self.db.kind.as_str())))
    }

    fn stored(&self, row: &AnyRow) -> Result<StoredSession, StoreError> {
        Ok(StoredSession {
            key: row.try_get("key").map_err(|e| self.db.fail(e))?,
            record: self.row(row)?,
        })
    }

    /// The live record under `key` at `now_ms`.
    async fn live(&self, key: &str, now_ms: u64) -> Result<Option<SessionRecord>, StoreError> {
        let row = self
            .db
            .run(|pool| {
                sqlx::query("SELECT record FROM sessions WHERE key = $1 AND expires_ms > $2")
                    .bind(key)
                    .bind(ms(now_ms))
                    .fetch_optional(pool)
            })
            .await?;
        row.map(|row| self.row(&row)).transpose()
    }
}

/// The SQLite file named by `url`: its folder is made (`0700`) and the file created `0600`
/// before SQLite opens it, since it holds every session of the class.
fn prepare_sqlite_file(url: &str) -> Result<(), StoreError> {
    let rest = url.trim_start_matches("sqlite:").trim_start_matches("//");
    let path = rest.split('?').next().unwrap_or_default();
    if path.is_empty() || path == ":memory:" {
        return Ok(());
    }
    let path = Path::new(path);
    let fail =
        |what: &str, e: std::io::Error| StoreError::Unavailable(format!("could not {what} {}: {e}", path.display()));
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
        std::fs::create_dir_all(dir).map_err(|e| fail("create the folder of", e))?;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
            .map_err(|e| fail("restrict the folder of", e))?;
    }
    std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .open(path)
        .map(drop)
        .map_err(|e| fail("create", e))
}

/// Milliseconds as SQL's signed 64-bit integers (the epoch in ms fits for 292 million years).
fn ms(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

fn json<T: serde::Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::Corrupt(e.to_string()))
}

#[rocket::async_trait]
impl SessionStore for SqlStore {
    fn kind(&self) -> StoreKind {
        self.db.kind
    }

    fn holding(&self, key: &str, record: &SessionRecord) -> Holding {
        let fields = [
            ("key", key.to_owned()),
            ("username", record.user.to_string()),
            ("last_seen_ms", record.last_seen_ms.to_string()),
            ("expires_ms", record.expires_ms().to_string()),
            ("record", super::shown_json(record)),
        ];
        Holding::new(
            self.db.kind,
            "held-sql",
            format!("sessions WHERE key = '{key}'"),
            fields,
        )
    }

    async fn create(&self, id: &SessionId, record: &SessionRecord) -> Result<(), StoreError> {
        let (key, body) = (id.storage_key(), json(record)?);
        let done = self
            .db
            .run(|pool| {
                sqlx::query(
                    "INSERT INTO sessions (key, username, last_seen_ms, expires_ms, record) \
                     VALUES ($1, $2, $3, $4, $5) \
                     ON CONFLICT (key) DO UPDATE SET username = excluded.username, \
                     last_seen_ms = excluded.last_seen_ms, expires_ms = excluded.expires_ms, \
                     record = excluded.record WHERE sessions.expires_ms <= $6",
                )
                .bind(&key)
                .bind(record.user.as_str())
                .bind(ms(record.last_seen_ms))
                .bind(ms(record.expires_ms()))
                .bind(&body)
                .bind(ms(record.created_ms))
                .execute(pool)
            })
            .await?;
        match done.rows_affected() {
            0 => Err(StoreError::Exists),
            _ => Ok(()),
        }
    }

    async fn load(&self, id: &SessionId, now_ms: u64) -> Result<Option<SessionRecord>, StoreError> {
        self.live(&id.storage_key(), now_ms).await
    }

    async fn touch(&self, id: &SessionId, now_ms: u64) -> Result<Option<SessionRecord>, StoreError> {
        let key = id.storage_key();
        let Some(mut record) = self.live(&key, now_ms).await? else {
            return Ok(None);
        };
        if now_ms.saturating_sub(record.last_seen_ms) < TOUCH_EVERY_MS {
            return Ok(Some(record));
        }
        record.last_seen_ms = record.last_seen_ms.max(now_ms);
        let body = json(&record)?;
        let done = self
            .db
            .run(|pool| {
                sqlx::query(
                    "UPDATE sessions SET last_seen_ms = $3, expires_ms = $4, record = $5 \
                     WHERE key = $1 AND expires_ms > $2",
                )
                .bind(&key)
                .bind(ms(now_ms))
                .bind(ms(record.last_seen_ms))
                .bind(ms(record.expires_ms()))
                .bind(&body)
                .execute(pool)
            })
            .await?;
        Ok((done.rows_affected() > 0).then_some(record))
    }

    async fn delete(&self, id: &SessionId) -> Result<bool, StoreError> {
        self.delete_key(&id.storage_key()).await
    }

    async fn sweep(&self, now_ms: u64) -> Result<usize, StoreError> {
        let mut freed = 0;
        loop {
            let done = self
                .db
                .run(|pool| {
                    sqlx::query(
                        "DELETE FROM sessions WHERE key IN \
                         (SELECT key FROM sessions WHERE expires_ms <= $1 LIMIT $2)",
                    )
                    .bind(ms(now_ms))
                    .bind(SWEEP_BATCH)
                    .execute(pool)
                })
                .await?;
            let batch = usize::try_from(done.rows_affected()).unwrap_or(usize::MAX);
            freed += batch;
            if batch < SWEEP_BATCH as usize {
                return Ok(freed);
            }
        }
    }

    async fn count(&self) -> Result<usize, StoreError> {
        self.db.count("SELECT COUNT(*) FROM sessions").await
    }

    async fn ping(&self) -> Result<(), StoreError> {
        self.db
            .count("SELECT COUNT(*) FROM accounts WHERE 1 = 0")
            .await
            .map(drop)
    }

    async fn list(&self, now_ms: u64) -> Result<Vec<StoredSession>, StoreError> {
        let rows = self
            .db
            .run(|pool| {
                sqlx::query("SELECT key, record FROM sessions WHERE expires_ms > $1")
                    .bind(ms(now_ms))
                    .fetch_all(pool)
            })
            .await?;
        rows.iter().map(|row| self.stored(row)).collect()
    }

    async fn list_user(&self, user: &Username, now_ms: u64) -> Result<Vec<StoredSession>, StoreError> {
        let rows = self
            .db
            .run(|pool| {
                sqlx::query("SELECT key, record FROM sessions WHERE username = $1 AND expires_ms > $2")
                    .bind(user.as_str())
                    .bind(ms(now_ms))
                    .fetch_all(pool)
            })
            .await?;
        rows.iter().map(|row| self.stored(row)).collect()
    }

    async fn delete_key(&self, key: &str) -> Result<bool, StoreError> {
        if !is_storage_key(key) {
            return Ok(false);
        }
        let done = self
            .db
            .run(|pool| {
                sqlx::query("DELETE FROM sessions WHERE key = $1")
                    .bind(key)
                    .execute(pool)
            })
            .await?;
        Ok(done.rows_affected() > 0)
    }
}

#[rocket::async_trait]
impl AccountBackend for SqlAccounts {
    async fn get(&self, username: &Username) -> Result<Option<StoredAccount>, StoreError> {
        let json: Option<String> = self
            .db
            .run(|pool| {
                sqlx::query_scalar("SELECT account FROM accounts WHERE username = $1")
                    .bind(username.as_str())
                    .fetch_optional(pool)
            })
            .await?;
        json.map(|json| serde_json::from_str(&json).map_err(|e| StoreError::Corrupt(e.to_string())))
            .transpose()
    }

    async fn insert_new(&self, username: &Username, account: &StoredAccount) -> Result<bool, StoreError> {
        let body = json(account)?;
        let done = self
            .db
            .run(|pool| {
                sqlx::query(
                    "INSERT INTO accounts (username, account) VALUES ($1, $2) ON CONFLICT (username) DO NOTHING",
                )
                .bind(username.as_str())
                .bind(&body)
                .execute(pool)
            })
            .await?;
        Ok(done.rows_affected() > 0)
    }

    async fn replace(&self, username: &Username, account: &StoredAccount) -> Result<bool, StoreError> {
        let body = json(account)?;
        let done = self
            .db
            .run(|pool| {
                sqlx::query("UPDATE accounts SET account = $2 WHERE username = $1")
                    .bind(username.as_str())
                    .bind(&body)
                    .execute(pool)
            })
            .await?;
        Ok(done.rows_affected() > 0)
    }

    async fn count(&self) -> Result<usize, StoreError> {
        self.db.count("SELECT COUNT(*) FROM accounts").await
    }
}
