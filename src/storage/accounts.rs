//! Where registered accounts live: beside the sessions, in the same backend, so instances that
//! share a session store also share accounts. The built-in accounts come from the
//! configuration and are kept in memory by every instance.

use std::collections::HashMap;
use std::fs;
use std::io::ErrorKind;
use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;
use std::sync::{PoisonError, RwLock};

use redis::aio::ConnectionManager;
use rocket::tokio::task;
use serde::{Deserialize, Serialize};

use super::redis::send;
use super::StoreError;
use crate::credentials::{Role, Username};

/// What is kept for an account: its role and its Argon2id hash (PHC string), never a password.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredAccount {
    pub role: Role,
    pub phc: String,
}

#[rocket::async_trait]
pub trait AccountBackend: Send + Sync + 'static {
    async fn get(&self, username: &Username) -> Result<Option<StoredAccount>, StoreError>;
    /// Adds the account unless the name is taken: `Ok(false)` then, and nothing changes.
    async fn insert_new(&self, username: &Username, account: &StoredAccount) -> Result<bool, StoreError>;
    /// Replaces an existing account (a new password hash): `Ok(false)` when there is none.
    async fn replace(&self, username: &Username, account: &StoredAccount) -> Result<bool, StoreError>;
    async fn count(&self) -> Result<usize, StoreError>;
}

/// Accounts in this process's memory: gone at restart, invisible to other instances.
#[derive(Default)]
pub struct MemoryAccounts {
    accounts: RwLock<HashMap<Username, StoredAccount>>,
}

#[rocket::async_trait]
impl AccountBackend for MemoryAccounts {
    async fn get(&self, username: &Username) -> Result<Option<StoredAccount>, StoreError> {
        Ok(self
            .accounts
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(username)
            .cloned())
    }

    async fn insert_new(&self, username: &Username, account: &StoredAccount) -> Result<bool, StoreError> {
        let mut accounts = self.accounts.write().unwrap_or_else(PoisonError::into_inner);
        if accounts.contains_key(username) {
            return Ok(false);
        }
        accounts.insert(username.clone(), account.clone());
        Ok(true)
    }

    async fn replace(&self, username: &Username, account: &StoredAccount) -> Result<bool, StoreError> {
        let mut accounts = self.accounts.write().unwrap_or_else(PoisonError::into_inner);
        Ok(accounts
            .get_mut(username)
            .map(|stored| *stored = account.clone())
            .is_some())
    }

    async fn count(&self) -> Result<usize, StoreError> {
        Ok(self.accounts.read().unwrap_or_else(PoisonError::into_inner).len())
    }
}

/// Accounts as files `account-<username>.json` (0600) in `<session_dir>/accounts` (0700). A
/// username has already been parsed, so it is safe in a file name (`a-z 0-9 _ . -`, at least 3
/// long); the prefix keeps every account file from starting with `.`, the mark of temporary files.
/// A new account is written to a temporary file with a random name (opened create-new), then
/// linked into place: `link` fails when the name exists, so of any number of concurrent
/// registrations of one name exactly one wins, and it is the one whose hash is in the file.
pub struct FileAccounts {
    dir: PathBuf,
}

impl FileAccounts {
    pub fn open(dir: PathBuf) -> Result<FileAccounts, StoreError> {
        let fail = |e: std::io::Error| StoreError::Unavailable(format!("could not prepare the accounts folder: {e}"));
        fs::create_dir_all(&dir).map_err(fail)?;
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o700)).map_err(fail)?;
        Ok(FileAccounts { dir })
    }
}

const ACCOUNT_PREFIX: &str = "account-";

fn account_file(username: &Username) -> String {
    format!("{ACCOUNT_PREFIX}{username}.json")
}

fn io_unavailable(what: &str, error: std::io::Error) -> StoreError {
    StoreError::Unavailable(format!("could not {what}: {error}"))
}

#[rocket::async_trait]
impl AccountBackend for FileAccounts {
    async fn get(&self, username: &Username) -> Result<Option<StoredAccount>, StoreError> {
        let path = self.dir.join(account_file(username));
        let read = task::spawn_blocking(move || fs::read_to_string(path))
            .await
            .map_err(|e| StoreError::Unavailable(e.to_string()))?;
        match read {
            Ok(json) => serde_json::from_str(&json)
                .map(Some)
                .map_err(|e| StoreError::Corrupt(e.to_string())),
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
            Err(e) => Err(io_unavailable("read an account file", e)),
        }
    }

    async fn insert_new(&self, username: &Username, account: &StoredAccount) -> Result<bool, StoreError> {
        let json = serde_json::to_vec(account).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let (dir, name) = (self.dir.clone(), account_file(username));
        task::spawn_blocking(move || {
            let temp = super::write_temp(&dir, &json, None).map_err(|e| io_unavailable("write an account file", e))?;
            // `link` refuses an existing name: a taken username is never overwritten.
            let linked = fs::hard_link(&temp, dir.join(&name));
            let _ = fs::remove_file(&temp);
            match linked {
                Ok(()) => Ok(true),
                Err(e) if e.kind() == ErrorKind::AlreadyExists => Ok(false),
                Err(e) => Err(io_unavailable("store an account file", e)),
            }
        })
        .await
        .map_err(|e| StoreError::Unavailable(e.to_string()))?
    }

    /// Written to a temporary file and renamed over the old one: a reader sees the old account
    /// or the new one, never half of either.
    async fn replace(&self, username: &Username, account: &StoredAccount) -> Result<bool, StoreError> {
        let json = serde_json::to_vec(account).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let (dir, name) = (self.dir.clone(), account_file(username));
        task::spawn_blocking(move || {
            let path = dir.join(&name);
            if !path.exists() {
                return Ok(false);
            }
            let temp = super::write_temp(&dir, &json, None).map_err(|e| io_unavailable("write an account file", e))?;
            let renamed = fs::rename(&temp, &path);
            if renamed.is_err() {
                let _ = fs::remove_file(&temp);
            }
            renamed
                .map(|()| true)
                .map_err(|e| io_unavailable("replace an account file", e))
        })
        .await
        .map_err(|e| StoreError::Unavailable(e.to_string()))?
    }

    async fn count(&self) -> Result<usize, StoreError> {
        let dir = self.dir.clone();
        task::spawn_blocking(move || {
            let entries = fs::read_dir(&dir).map_err(|e| io_unavailable("list the accounts folder", e))?;
            let is_account = |name: &str| name.starts_with(ACCOUNT_PREFIX) && name.ends_with(".json");
            Ok(entries
                .flatten()
                .filter(|e| e.file_name().to_str().is_some_and(is_account))
                .count())
        })
        .await
        .map_err(|e| StoreError::Unavailable(e.to_string()))?
    }
}

/// Accounts in one Redis hash, `<prefix>accounts`: username → JSON.
pub struct RedisAccounts {
    connection: ConnectionManager,
    key: String,
}

impl RedisAccounts {
    pub fn new(connection: ConnectionManager, prefix: &str) -> RedisAccounts {
        RedisAccounts {
            connection,
            key: format!("{prefix}accounts"),
        }
    }
}

#[rocket::async_trait]
impl AccountBackend for RedisAccounts {
    async fn get(&self, username: &Username) -> Result<Option<StoredAccount>, StoreError> {
        let json: Option<String> = send(
            &self.connection,
            redis::cmd("HGET").arg(&self.key).arg(username.as_str()),
        )
        .await?;
        json.map(|json| serde_json::from_str(&json).map_err(|e| StoreError::Corrupt(e.to_string())))
            .transpose()
    }

    async fn insert_new(&self, username: &Username, account: &StoredAccount) -> Result<bool, StoreError> {
        let json = serde_json::to_string(account).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        send(
            &self.connection,
            redis::cmd("HSETNX").arg(&self.key).arg(username.as_str()).arg(json),
        )
        .await
    }

    /// Accounts are never deleted, so checking and then writing cannot race with a removal.
    async fn replace(&self, username: &Username, account: &StoredAccount) -> Result<bool, StoreError> {
        let exists: bool = send(
            &self.connection,
            redis::cmd("HEXISTS").arg(&self.key).arg(username.as_str()),
        )
        .await?;
        if !exists {
            return Ok(false);
        }
        let json = serde_json::to_string(account).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let _: usize = send(
            &self.connection,
            redis::cmd("HSET").arg(&self.key).arg(username.as_str()).arg(json),
        )
        .await?;
        Ok(true)
    }

    async fn count(&self) -> Result<usize, StoreError> {
        send(&self.connection, redis::cmd("HLEN").arg(&self.key)).await
    }
}
