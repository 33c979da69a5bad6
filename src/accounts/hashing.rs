//! Argon2id password hashing, run on the blocking thread pool and never on an async worker.
//!
//! Parameters default to the second of the OWASP Password Storage Cheat Sheet's five equivalent
//! Argon2id configurations, m = 19 MiB, t = 2, p = 1 (`HashCost::OWASP`; see docs/architecture.md). A semaphore lets at most one hash per
//! core run at once, so a burst of logins queues instead of taking 19 MiB per request at once;
//! the queue itself is short ([`MAX_WAITING_PER_CORE`] per core): a request that finds it full
//! is answered `503` with `Retry-After` at once instead of waiting seconds behind a flood.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;

use argon2::password_hash::{PasswordHash, PasswordHasher, SaltString};
use argon2::{Algorithm, Argon2, Params, PasswordVerifier, Version};
use rocket::tokio::sync::Semaphore;
use rocket::tokio::task;

use super::Password;
use crate::config::HashCost;

/// One lane: the cost is set by memory and passes (`password_hash_memory_kib`, `_iterations`).
pub const PARALLELISM: u32 = 1;
/// How many password checks may wait for a core, per core, before more are turned away. At
/// about 20 ms a check (the default cost on this project's 2-core machine), a full queue drains
/// in about 0.7 s: a class logging in on the teacher's word waits a moment and gets in (the class
/// simulation of 200 students saw 503s with a queue of 8 per core), while a flood is still
/// answered at once.
pub const MAX_WAITING_PER_CORE: usize = 64;

#[derive(Debug, thiserror::Error)]
pub enum HashError {
    #[error("password hashing failed: {0}")]
    Argon2(String),
    #[error("the hashing task did not finish")]
    Task(#[from] task::JoinError),
    #[error("the hashing queue is closed")]
    Closed(#[from] rocket::tokio::sync::AcquireError),
    /// Too many password checks are already waiting; the caller answers 503.
    #[error("the password hashing queue is full")]
    Busy,
}

/// Hashes and verifies passwords; cheap to clone.
#[derive(Clone)]
pub struct Hasher {
    argon: Argon2<'static>,
    permits: Arc<Semaphore>,
    /// Checks waiting for a permit now, and how many may wait.
    waiting: Arc<AtomicUsize>,
    max_waiting: usize,
    /// A real hash of a random password, verified when the username is unknown so that an
    /// unknown user takes as long to refuse as a wrong password.
    dummy: Arc<str>,
    /// How many verifications have run, dummy ones included.
    verifications: Arc<AtomicU64>,
}

impl Hasher {
    pub fn new(cost: HashCost) -> Result<Hasher, HashError> {
        let params = Params::new(cost.memory_kib, cost.iterations, PARALLELISM, None)
            .map_err(|e| HashError::Argon2(e.to_string()))?;
        let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        let dummy = hash_blocking(&argon, &random_password())?;
        Ok(Hasher {
            argon,
            permits: Arc::new(Semaphore::new(cores)),
            waiting: Arc::new(AtomicUsize::new(0)),
            max_waiting: cores * MAX_WAITING_PER_CORE,
            dummy: dummy.into(),
            verifications: Arc::new(AtomicU64::new(0)),
        })
    }

    /// Returns the PHC string (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`).
    pub async fn hash(&self, password: &Password) -> Result<String, HashError> {
        let _permit = self.permit().await?;
        let argon = self.argon.clone();
        let plain = password.expose().to_owned();
        task::spawn_blocking(move || hash_blocking(&argon, &plain)).await?
    }

    /// Verifies `candidate` against `phc`, or against the dummy hash when there is no account,
    /// in which case the answer is always `false`.
    pub async fn verify(&self, candidate: &str, phc: Option<&str>) -> Result<bool, HashError> {
        let _permit = self.permit().await?;
        self.verifications.fetch_add(1, Ordering::Relaxed);
        let argon = self.argon.clone();
        let known = phc.is_some();
        let phc = phc.map_or_else(|| self.dummy.to_string(), str::to_owned);
        // Bound the work an oversized cookie can ask for; no valid password is this long.
        let candidate: String = candidate.chars().take(65).collect();
        let matched = task::spawn_blocking(move || {
            let parsed = PasswordHash::new(&phc).map_err(|e| HashError::Argon2(e.to_string()))?;
            Ok::<_, HashError>(argon.verify_password(candidate.as_bytes(), &parsed).is_ok())
        })
        .await??;
        Ok(known && matched)
    }
}

impl Hasher {
    /// Times one verification against the dummy hash, the work alone (not the wait for a core):
    /// what every cookie-flow request costs at the configured hash cost.
    pub async fn time_one(&self) -> Result<std::time::Duration, HashError> {
        let _permit = self.permit().await?;
        let argon = self.argon.clone();
        let phc = self.dummy.to_string();
        task::spawn_blocking(move || {
            let started = std::time::Instant::now();
            let parsed = PasswordHash::new(&phc).map_err(|e| HashError::Argon2(e.to_string()))?;
            let _ = argon.verify_password(b"a probe, not a password", &parsed);
            Ok(started.elapsed())
        })
        .await?
    }
}

/// Counts one waiting check for as long as it lives, even if its request is dropped.
struct Waiting<'a>(&'a AtomicUsize);

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

impl Hasher {
    /// A core to hash on: at once if one is free, after a short wait if the queue has room,
    /// otherwise [`HashError::Busy`].
    async fn permit(&self) -> Result<rocket::tokio::sync::SemaphorePermit<'_>, HashError> {
        if let Ok(permit) = self.permits.try_acquire() {
            return Ok(permit);
        }
        if self.waiting.fetch_add(1, Ordering::Relaxed) >= self.max_waiting {
            self.waiting.fetch_sub(1, Ordering::Relaxed);
            return Err(HashError::Busy);
        }
        let _waiting = Waiting(&self.waiting);
        Ok(self.permits.acquire().await?)
    }

    /// How many password verifications this server has run since it started.
    pub fn verifications(&self) -> u64 {
        self.verifications.load(Ordering::Relaxed)
    }
}

fn hash_blocking(argon: &Argon2<'_>, plain: &str) -> Result<String, HashError> {
    use rand::TryRngCore;
    let mut salt = [0u8; 16];
    rand::rngs::OsRng
        .try_fill_bytes(&mut salt)
        .map_err(|e| HashError::Argon2(e.to_string()))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| HashError::Argon2(e.to_string()))?;
    argon
        .hash_password(plain.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| HashError::Argon2(e.to_string()))
}

/// A random password of 16 characters from an alphabet without look-alikes.
pub fn random_password() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    (0..16)
        .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
        .collect()
}
