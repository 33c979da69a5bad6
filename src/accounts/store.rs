//! The account store: usernames, roles and Argon2id hashes, never a plain password.

use std::collections::HashMap;
use std::sync::{PoisonError, RwLock};

use super::hashing::{HashError, Hasher};
use super::{Password, Role, Username};

/// How many accounts `/register` may add before it refuses; keeps a public class server bounded.
pub const MAX_ACCOUNTS: usize = 10_000;

/// A verified account, as handlers see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub username: Username,
    pub role: Role,
}

struct StoredAccount {
    role: Role,
    phc: String,
}

#[derive(Debug, thiserror::Error)]
pub enum RegisterError {
    #[error("that username is taken")]
    Taken,
    #[error("the server holds the most accounts it will keep")]
    Full,
    #[error(transparent)]
    Hash(#[from] HashError),
}

pub struct AccountStore {
    accounts: RwLock<HashMap<Username, StoredAccount>>,
    hasher: Hasher,
}

impl AccountStore {
    /// A store holding the built-in student `abc`/`1234` and the instructor `teacher`.
    pub async fn with_builtins(instructor_password: &Password) -> Result<AccountStore, HashError> {
        let store = AccountStore {
            accounts: RwLock::new(HashMap::new()),
            hasher: Hasher::new()?,
        };
        let builtins = [
            ("abc", "1234", Role::Student),
            ("teacher", instructor_password.expose(), Role::Instructor),
        ];
        for (name, password, role) in builtins {
            let (Ok(username), Ok(password)) = (Username::parse(name), Password::parse(password)) else {
                unreachable!("built-in accounts are valid");
            };
            let phc = store.hasher.hash(&password).await?;
            store.write().insert(username, StoredAccount { role, phc });
        }
        Ok(store)
    }

    /// Adds a student account; the slow hash runs before the name is claimed.
    pub async fn register(&self, username: Username, password: &Password) -> Result<Account, RegisterError> {
        if self.read().contains_key(&username) {
            return Err(RegisterError::Taken);
        }
        let phc = self.hasher.hash(password).await?;
        let mut accounts = self.write();
        if accounts.len() >= MAX_ACCOUNTS {
            return Err(RegisterError::Full);
        }
        if accounts.contains_key(&username) {
            return Err(RegisterError::Taken);
        }
        accounts.insert(
            username.clone(),
            StoredAccount {
                role: Role::Student,
                phc,
            },
        );
        Ok(Account {
            username,
            role: Role::Student,
        })
    }

    /// Checks a username and password as they arrived, in any shape. Unknown or malformed
    /// usernames still cost one full hash verification, so timing does not tell them apart.
    pub async fn authenticate(&self, username: &str, password: &str) -> Result<Option<Account>, HashError> {
        let found = Username::parse(username).ok().and_then(|username| {
            let accounts = self.read();
            accounts
                .get(&username)
                .map(|stored| (username, stored.role, stored.phc.clone()))
        });
        let candidate = Password::parse(password)
            .map(|p| p.expose().to_owned())
            .unwrap_or_default();
        match found {
            Some((username, role, phc)) => {
                let ok = self.hasher.verify(&candidate, Some(&phc)).await?;
                Ok(ok.then_some(Account { username, role }))
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
    pub fn stored_hash(&self, username: &str) -> Option<String> {
        let username = Username::parse(username).ok()?;
        self.read().get(&username).map(|stored| stored.phc.clone())
    }

    pub fn len(&self) -> usize {
        self.read().len()
    }

    pub fn is_empty(&self) -> bool {
        self.read().is_empty()
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, HashMap<Username, StoredAccount>> {
        self.accounts.read().unwrap_or_else(PoisonError::into_inner)
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, HashMap<Username, StoredAccount>> {
        self.accounts.write().unwrap_or_else(PoisonError::into_inner)
    }
}
