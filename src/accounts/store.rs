//! The account store: usernames, roles and Argon2id hashes, never a plain password.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Arc;

use super::hashing::{HashError, Hasher};
use super::limit::{Limit, RetryAfter, Rule};
use super::throttle::Throttle;
use crate::clock::now_ms;
use crate::config::HashCost;
use crate::credentials::{Password, Role, Username};
use crate::events::{EventBus, EventKind, Subject};
use crate::flow::Flow;
use crate::storage::{AccountBackend, MemoryAccounts, StoredAccount};
use crate::storage::{ClassRedis, StoreError};

use crate::config::{DEFAULT_MAX_ACCOUNTS, DEFAULT_REGISTRATIONS_PER_ADDRESS};

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
    /// This client address has registered as many accounts as it may within the hour.
    #[error("too many registrations from this address; retry in {} s", .0.0)]
    TooMany(RetryAfter),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Hash(#[from] HashError),
}

/// Why a password check did not run to an answer.
#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    /// Too many failures from this address for this account: `429`.
    #[error("too many failed password checks; retry in {} s", .0.0)]
    Throttled(RetryAfter),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Hash(#[from] HashError),
}

/// Why a password change did not happen, beyond a wrong current password.
#[derive(Debug, thiserror::Error)]
pub enum ChangeError {
    /// `abc` and `teacher` take their passwords from the configuration.
    #[error("a built-in account")]
    Builtin,
    #[error(transparent)]
    Auth(#[from] AuthError),
    #[error(transparent)]
    Hash(#[from] HashError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// One password check as it arrived: from whom, through which flow.
pub struct Attempt<'a> {
    pub username: &'a str,
    pub password: &'a str,
    pub from: IpAddr,
    pub flow: Flow,
}

pub struct AccountStore {
    /// The student `abc`/`1234` and the instructor `teacher`, from the configuration.
    builtins: HashMap<Username, StoredAccount>,
    /// Accounts added with `/register`.
    registered: Arc<dyn AccountBackend>,
    hasher: Hasher,
    throttle: Throttle,
    /// Registrations per client address within [`REGISTRATION_WINDOW_MS`].
    registrations: Limit<IpAddr>,
    events: EventBus,
    max_accounts: usize,
}

/// The window of `max_registrations_per_address`.
const REGISTRATION_WINDOW_MS: u64 = 60 * 60 * 1000;
/// Client addresses whose registrations the process counts at once.
const REGISTERING_ADDRESSES: usize = 10_000;

fn registration_rule(most: usize) -> Rule {
    Rule {
        most,
        window_ms: REGISTRATION_WINDOW_MS,
        keys: REGISTERING_ADDRESSES,
    }
}

impl AccountStore {
    /// The built-in accounts plus registered ones kept in `registered`.
    pub async fn new(
        instructor_password: &Password,
        registered: Arc<dyn AccountBackend>,
        events: EventBus,
        cost: HashCost,
    ) -> Result<AccountStore, HashError> {
        let hasher = Hasher::new(cost)?;
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
            throttle: Throttle::default(),
            registrations: Limit::new(registration_rule(DEFAULT_REGISTRATIONS_PER_ADDRESS)),
            events,
            max_accounts: DEFAULT_MAX_ACCOUNTS,
        })
    }

    /// At most `registrations_per_address` registrations from one client address within an
    /// hour (`max_registrations_per_address`); with the class's Redis, these counts and the
    /// failure counts are shared by every instance.
    pub fn with_limits(mut self, registrations_per_address: usize, redis: Option<ClassRedis>) -> AccountStore {
        self.registrations = Limit::new(registration_rule(registrations_per_address))
            .shared(redis.clone(), |from| format!("register:{from}"));
        if let Some(redis) = redis {
            self.throttle = Throttle::shared(redis);
        }
        self
    }

    /// At most `max` registered accounts (`max_accounts`).
    pub fn with_max_accounts(mut self, max: usize) -> AccountStore {
        self.max_accounts = max;
        self
    }

    /// Built-in accounts only, with registrations kept in memory.
    pub async fn with_builtins(instructor_password: &Password) -> Result<AccountStore, HashError> {
        AccountStore::new(
            instructor_password,
            Arc::new(MemoryAccounts::default()),
            EventBus::default(),
            HashCost::OWASP,
        )
        .await
    }

    async fn find(&self, username: &Username) -> Result<Option<StoredAccount>, StoreError> {
        match self.builtins.get(username) {
            Some(account) => Ok(Some(account.clone())),
            None => self.registered.get(username).await,
        }
    }

    /// Adds a student account for a client at `from`; the slow hash runs before the name is
    /// claimed. A name already taken costs `from` nothing; every other attempt takes one of its
    /// places for the hour, so a script from one address cannot fill the server.
    pub async fn register(
        &self,
        username: Username,
        password: &Password,
        from: IpAddr,
    ) -> Result<Account, RegisterError> {
        if self.find(&username).await?.is_some() {
            return Err(RegisterError::Taken);
        }
        if self.registered.count().await? >= self.max_accounts {
            return Err(RegisterError::Full);
        }
        self.registrations
            .take(&from, now_ms())
            .await
            .map_err(RegisterError::TooMany)?;
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

    /// Checks a username and password as they arrived, in any shape, from any route. Unknown or
    /// malformed usernames still cost one full hash verification, so timing does not tell them
    /// apart. Every failure counts towards the throttle and reaches the dashboard.
    /// What one password check costs on this server at its configured hash cost (for /explain):
    /// no account, no throttle, no event.
    pub async fn time_one_check(&self) -> Result<std::time::Duration, HashError> {
        self.hasher.time_one().await
    }

    pub async fn authenticate(&self, attempt: &Attempt<'_>) -> Result<Option<Account>, AuthError> {
        let username = Username::parse(attempt.username).ok();
        let found = match &username {
            Some(name) => self.find(name).await?.map(|stored| (name.clone(), stored)),
            None => None,
        };
        let counted = found.as_ref().map(|(name, _)| name.clone());
        let counted = counted.as_ref();
        if let Err(retry) = self.throttle.check(attempt.from, counted, now_ms()).await {
            let subject = Subject::typed(attempt.username);
            self.events
                .emit_from(attempt.from, EventKind::Throttled, attempt.flow, subject);
            return Err(AuthError::Throttled(retry));
        }
        let candidate = Password::parse(attempt.password)
            .map(|p| p.expose().to_owned())
            .unwrap_or_default();
        let account = match found {
            Some((username, stored)) => {
                let ok = self.hasher.verify(&candidate, Some(&stored.phc)).await?;
                ok.then_some(Account {
                    username,
                    role: stored.role,
                })
            }
            None => {
                self.hasher.verify(&candidate, None).await?;
                None
            }
        };
        match &account {
            Some(account) => self.throttle.succeeded(attempt.from, &account.username).await,
            None => {
                self.throttle.failed(attempt.from, counted, now_ms()).await;
                let subject = Subject::typed(attempt.username);
                self.events
                    .emit_from(attempt.from, EventKind::LoginFailed, attempt.flow, subject);
            }
        }
        Ok(account)
    }

    /// Sets a new password for a registered account after checking the current one (throttled
    /// and reported like any login). `Ok(None)`: the current password was wrong.
    /// The built-in accounts come from the configuration, so they answer `Builtin`.
    pub async fn change_password(&self, current: &Attempt<'_>, new: &Password) -> Result<Option<Account>, ChangeError> {
        let builtin = Username::parse(current.username)
            .ok()
            .is_some_and(|name| self.builtins.contains_key(&name));
        if builtin {
            return Err(ChangeError::Builtin);
        }
        let Some(account) = self.authenticate(current).await? else {
            return Ok(None);
        };
        let stored = StoredAccount {
            role: account.role,
            phc: self.hasher.hash(new).await?,
        };
        if !self.registered.replace(&account.username, &stored).await? {
            return Ok(None);
        }
        Ok(Some(account))
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
