//! The account store: usernames, roles and Argon2id hashes, never a plain password.

use std::collections::HashMap;
use std::sync::Arc;

use super::backend::{AccountBackend, MemoryAccounts, StoredAccount};
use super::hashing::{HashError, Hasher};
use super::{Password, Role, Username};
use crate::error::AppError;
use crate::session::StoreError;

/// How many accounts `/register` may add before it refuses; keeps a public class server bounded.
pub const MAX_ACCOUNTS: usize = 10_000;

/// A verified account, as handlers see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub username: Username,
    pub role: Role,
}

#[derive(Debug, thiserror::Error)]
pub enum RegisterError {
    #[error("that username is taken")]
    Taken,
    #[error("the server holds the most accounts it will keep")]
    Full,
    #[error(transparent)]
    App(#[from] AppError),
}

impl From<StoreError> for RegisterError {
    fn from(error: StoreError) -> Self {
        RegisterError::App(error.into())
    }
}

impl From<HashError> for RegisterError {
    fn from(error: HashError) -> Self {
        RegisterError::App(error.into())
    }
}

pub struct AccountStore {
    /// The student `abc`/`1234` and the instructor `teacher`, from the configuration.
    builtins: HashMap<Username, StoredAccount>,
    /// Accounts added with `/register`.
    registered: Arc<dyn AccountBackend>,
    hasher: Hasher,
}

impl AccountStore {
    /// The built-in accounts plus registered ones kept in `registered`.
    pub async fn new(
        instructor_password: &Password,
        registered: Arc<dyn AccountBackend>,
    ) -> Result<AccountStore, HashError> {
        let hasher = Hasher::new()?;
        let mut builtins = HashMap::new();
        let student = Password::parse("1234").map_err(|e| HashError::Argon2(e.to_string()))?;
        for (name, password, role) in [
            ("abc", &student, Role::Student),
            ("teacher", instructor_password, Role::Instructor),
        ] {
            let username = Username::parse(name).map_err(|e| HashError::Argon2(e.to_string()))?;
            builtins.insert(
                username,
                StoredAccount {
                    role,
                    phc: hasher.hash(password).await?,
                },
            );
        }
        Ok(AccountStore {
            builtins,
            registered,
            hasher,
        })
    }

    /// Built-in accounts only, with registrations kept in memory.
    pub async fn with_builtins(instructor_password: &Password) -> Result<AccountStore, HashError> {
        AccountStore::new(instructor_password, Arc::new(MemoryAccounts::default())).await
    }

    async fn find(&self, username: &Username) -> Result<Option<StoredAccount>, StoreError> {
        match self.builtins.get(username) {
            Some(account) => Ok(Some(account.clone())),
            None => self.registered.get(username).await,
        }
    }

    /// Adds a student account; the slow hash runs before the name is claimed.
    pub async fn register(&self, username: Username, password: &Password) -> Result<Account, RegisterError> {
        if self.find(&username).await?.is_some() {
            return Err(RegisterError::Taken);
        }
        if self.registered.count().await? >= MAX_ACCOUNTS {
            return Err(RegisterError::Full);
        }
        let account = StoredAccount {
            role: Role::Student,
            phc: self.hasher.hash(password).await?,
        };
        if !self.registered.insert_new(&username, &account).await? {
            return Err(RegisterError::Taken);
        }
        Ok(Account {
            username,
            role: Role::Student,
        })
    }

    /// Checks a username and password as they arrived, in any shape. Unknown or malformed
    /// usernames still cost one full hash verification, so timing does not tell them apart.
    pub async fn authenticate(&self, username: &str, password: &str) -> Result<Option<Account>, AppError> {
        let found = match Username::parse(username) {
            Ok(username) => self.find(&username).await?.map(|stored| (username, stored)),
            Err(_) => None,
        };
        let candidate = Password::parse(password)
            .map(|p| p.expose().to_owned())
            .unwrap_or_default();
        match found {
            Some((username, stored)) => {
                let ok = self.hasher.verify(&candidate, Some(&stored.phc)).await?;
                Ok(ok.then_some(Account {
                    username,
                    role: stored.role,
                }))
            }
            None => {
                self.hasher.verify(&candidate, None).await?;
                Ok(None)
            }
        }
    }

    /// How many password verifications have run since start-up (unknown usernames included).
    pub fn password_checks(&self) -> u64 {
        self.hasher.verifications()
    }

    /// The PHC string kept for `username`: what the server stores instead of a password.
    pub async fn stored_hash(&self, username: &str) -> Result<Option<String>, StoreError> {
        let Ok(username) = Username::parse(username) else {
            return Ok(None);
        };
        Ok(self.find(&username).await?.map(|stored| stored.phc))
    }

    /// Built-in plus registered accounts.
    pub async fn count(&self) -> Result<usize, StoreError> {
        Ok(self.builtins.len() + self.registered.count().await?)
    }
}
