//! One [`AppConfig`], read from the same figment as Rocket's own settings (Rocket.toml profiles,
//! then `ROCKET_<KEY>` environment variables) and checked once at ignition.

use std::fmt;
use std::net::IpAddr;
use std::path::PathBuf;

use rocket::fairing::AdHoc;
use rocket::figment::Figment;
use serde::{Deserialize, Serialize};

use crate::credentials::Password;
use crate::lang::Lang;

/// Where the server keeps session records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StoreKind {
    Memory,
    File,
    Redis,
    Sqlite,
    Postgres,
    Memcached,
}

impl StoreKind {
    pub fn as_str(self) -> &'static str {
        match self {
            StoreKind::Memory => "memory",
            StoreKind::File => "file",
            StoreKind::Redis => "redis",
            StoreKind::Sqlite => "sqlite",
            StoreKind::Postgres => "postgres",
            StoreKind::Memcached => "memcached",
        }
    }

    /// Whether the store frees expired sessions by itself (Redis and memcached expire their
    /// keys); the others are freed by the sweeper.
    pub fn expires_by_itself(self) -> bool {
        matches!(self, StoreKind::Redis | StoreKind::Memcached)
    }
}

/// The application's own settings; see the configuration table in the README.
#[derive(Clone, Deserialize)]
#[serde(default)]
pub struct AppConfig {
    pub session_store: StoreKind,
    pub session_dir: PathBuf,
    pub redis_url: String,
    /// Prepended to every Redis and memcached key, so several apps (or test runs) can share one
    /// server.
    pub redis_prefix: String,
    /// The SQL database of the `sqlite` and `postgres` stores (`sqlite://<file>`,
    /// `postgres://user@host/db`).
    pub database_url: String,
    pub memcached_url: String,
    /// Shown on every page, so a class can see which server answered; generated when unset.
    pub instance_name: String,
    /// Seconds without a request before a session ends.
    pub session_idle_timeout: u64,
    /// Seconds after login when a session ends regardless of activity.
    pub session_absolute_timeout: u64,
    /// Seconds between two sweeps that free expired sessions.
    pub session_sweep_interval: u64,
    /// The idle timeout of the lab's short-expiry preset (the tutorial's 30-second demo).
    pub lab_expiry_preset: u64,
    pub cookie_secure: bool,
    /// At least [`MIN_INSTRUCTOR_PASSWORD`] characters; digits only is fine (see `from_figment`).
    pub instructor_password: Option<String>,
    /// The signed flow's HMAC key, base64url, at least 32 bytes; random for each start if unset.
    pub signing_key: Option<String>,
    pub default_lang: Lang,
    /// Proxies whose `X-Real-IP` header is believed (see [`crate::client`]); nobody else's is.
    pub trusted_proxies: Vec<IpAddr>,
    /// A new login beyond this many sessions of one account ends that account's oldest session.
    pub max_sessions_per_user: usize,
    /// The same limit for the shared demo account `abc`, which a whole class may use at once.
    pub max_sessions_demo_account: usize,
    /// How many accounts `/register` may add.
    pub max_accounts: usize,
    /// How many accounts one client address may add within an hour: one student cannot take
    /// every place `max_accounts` leaves.
    pub max_registrations_per_address: usize,
    /// Argon2id memory cost in KiB for the password hashes (and so for every cookie-flow request).
    pub password_hash_memory_kib: u32,
    /// Argon2id passes over that memory.
    pub password_hash_iterations: u32,
}

/// The Argon2id cost of one password hash: what every login, and every cookie-flow request, pays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HashCost {
    pub memory_kib: u32,
    pub iterations: u32,
}

impl HashCost {
    /// The OWASP Password Storage Cheat Sheet's second Argon2id configuration (section "Argon2id"):
    /// m = 19 MiB, t = 2, p = 1.
    pub const OWASP: HashCost = HashCost {
        memory_kib: 19 * 1024,
        iterations: 2,
    };

    /// Whether the cost reaches the weakest of the Cheat Sheet's five equivalent configurations
    /// (m = 7 MiB with t = 5, and so on: memory times passes of at least 35 840 KiB).
    pub fn meets_owasp(self) -> bool {
        u64::from(self.memory_kib) * u64::from(self.iterations) >= 7168 * 5
    }
}

/// How many accounts `/register` may add unless `max_accounts` says otherwise.
pub const DEFAULT_MAX_ACCOUNTS: usize = 10_000;

/// How many accounts one client address may add within an hour unless
/// `max_registrations_per_address` says otherwise.
pub const DEFAULT_REGISTRATIONS_PER_ADDRESS: usize = 10;

/// The shortest `instructor_password` accepted: it opens the dashboard of a whole class.
pub const MIN_INSTRUCTOR_PASSWORD: usize = 12;

impl Default for AppConfig {
    fn default() -> Self {
        AppConfig {
            session_store: StoreKind::Memory,
            session_dir: PathBuf::from("var/sessions"),
            redis_url: "redis://127.0.0.1:6379/".into(),
            redis_prefix: "session-lab:".into(),
            database_url: "sqlite://var/session-lab.sqlite3".into(),
            memcached_url: "memcache://127.0.0.1:11211".into(),
            instance_name: generated_instance_name(),
            session_idle_timeout: 1800,
            session_absolute_timeout: 28800,
            session_sweep_interval: 60,
            lab_expiry_preset: 30,
            cookie_secure: false,
            instructor_password: None,
            signing_key: None,
            default_lang: Lang::En,
            trusted_proxies: Vec::new(),
            max_sessions_per_user: 10,
            max_sessions_demo_account: 100,
            max_accounts: DEFAULT_MAX_ACCOUNTS,
            max_registrations_per_address: DEFAULT_REGISTRATIONS_PER_ADDRESS,
            password_hash_memory_kib: HashCost::OWASP.memory_kib,
            password_hash_iterations: HashCost::OWASP.iterations,
        }
    }
}

/// What `session-lab --help` prints: how to run it, where the configuration is read from, and
/// every key of this build with its default (`tests/app/promises.rs` checks the list against the
/// README's table).
pub fn help() -> String {
    let d = AppConfig::default();
    let keys: [(&str, String); 22] = [
        (
            "session_store",
            format!(
                "\"{}\" (memory, file, redis, sqlite, postgres, memcached)",
                d.session_store.as_str()
            ),
        ),
        ("session_dir", format!("{:?}", d.session_dir.display().to_string())),
        ("redis_url", format!("{:?}", d.redis_url)),
        (
            "redis_prefix",
            format!("{:?} (also starts memcached keys)", d.redis_prefix),
        ),
        ("database_url", format!("{:?} (sqlite, postgres)", d.database_url)),
        ("memcached_url", format!("{:?}", d.memcached_url)),
        ("instance_name", "generated for each start (node-xxxx)".into()),
        ("session_idle_timeout", format!("{} (seconds)", d.session_idle_timeout)),
        (
            "session_absolute_timeout",
            format!("{} (seconds)", d.session_absolute_timeout),
        ),
        (
            "session_sweep_interval",
            format!("{} (seconds)", d.session_sweep_interval),
        ),
        ("lab_expiry_preset", format!("{} (seconds)", d.lab_expiry_preset)),
        ("cookie_secure", d.cookie_secure.to_string()),
        (
            "instructor_password",
            "unset: generated at start and printed once".into(),
        ),
        (
            "signing_key",
            "unset: random for each start (with the redis store, the first instance's, kept in Redis)".into(),
        ),
        ("default_lang", format!("\"{}\" (en, ko)", d.default_lang.code())),
        ("trusted_proxies", "[] (addresses whose X-Real-IP is believed)".into()),
        ("max_sessions_per_user", d.max_sessions_per_user.to_string()),
        ("max_sessions_demo_account", d.max_sessions_demo_account.to_string()),
        ("max_accounts", d.max_accounts.to_string()),
        (
            "max_registrations_per_address",
            d.max_registrations_per_address.to_string(),
        ),
        ("password_hash_memory_kib", d.password_hash_memory_kib.to_string()),
        ("password_hash_iterations", d.password_hash_iterations.to_string()),
    ];
    let mut text = String::from(
        "session-lab: cookies versus server-side sessions, side by side (a teaching app)\n\n\
         usage: session-lab            serve on ROCKET_ADDRESS:ROCKET_PORT (default 127.0.0.1:8000)\n\
         \x20      session-lab --help     this text\n\
         \x20      session-lab --version  the version\n\n\
         Configuration: the repository's Rocket.toml is built in; Rocket.toml in the working\n\
         folder (or the file named by ROCKET_CONFIG) overrides it, and ROCKET_<KEY> environment\n\
         variables override both; a key set nowhere takes the default below. Rocket's own keys\n\
         (address, port, log_level, ...) work the same way. A bad value stops the start with one\n\
         line naming it, and exit status 1. Templates and static files are built in too; in a\n\
         folder that has templates/ and static/, those are used instead.\n\n\
         keys and defaults:\n",
    );
    for (key, default) in keys {
        text.push_str(&format!("  {key:<27} {default}\n"));
    }
    text
}

impl fmt::Debug for AppConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AppConfig")
            .field("session_store", &self.session_store)
            .field("session_dir", &self.session_dir)
            .field("session_idle_timeout", &self.session_idle_timeout)
            .field("session_absolute_timeout", &self.session_absolute_timeout)
            .field("session_sweep_interval", &self.session_sweep_interval)
            .field("cookie_secure", &self.cookie_secure)
            .field(
                "instructor_password",
                &self.instructor_password.as_ref().map(|_| "[redacted]"),
            )
            .field("signing_key", &self.signing_key.as_ref().map(|_| "[redacted]"))
            .field("default_lang", &self.default_lang)
            .finish_non_exhaustive()
    }
}

impl AppConfig {
    /// Reads and checks the configuration; the error is one line fit for the launch log.
    ///
    /// Figment reads `ROCKET_INSTRUCTOR_PASSWORD=000123456789` as a number (and would drop the
    /// zeros), so a password that did not arrive as text is taken from the variable verbatim.
    pub fn from_figment(figment: &Figment) -> Result<AppConfig, String> {
        let mut figment = figment.clone();
        let is_text = figment
            .find_value("instructor_password")
            .map_or(true, |v| v.as_str().is_some());
        if !is_text {
            let raw = std::env::var("ROCKET_INSTRUCTOR_PASSWORD")
                .ok()
                .or_else(|| {
                    figment
                        .find_value("instructor_password")
                        .ok()
                        .and_then(|v| scalar_text(&v))
                })
                .ok_or("instructor_password must be text")?;
            figment = figment.merge(("instructor_password", raw));
        }
        let config: AppConfig = figment.extract().map_err(|e| format!("invalid configuration: {e}"))?;
        config.check()?;
        Ok(config)
    }

    pub fn hash_cost(&self) -> HashCost {
        HashCost {
            memory_kib: self.password_hash_memory_kib,
            iterations: self.password_hash_iterations,
        }
    }

    /// The configured signing key, if it is valid base64url of at least 32 bytes.
    pub fn signing_key_bytes(&self) -> Option<Vec<u8>> {
        use base64::Engine;
        let key = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(self.signing_key.as_deref()?.trim_end_matches('='))
            .ok()?;
        (key.len() >= 32).then_some(key)
    }

    fn check(&self) -> Result<(), String> {
        if self.session_idle_timeout == 0 || self.session_absolute_timeout == 0 {
            return Err("session_idle_timeout and session_absolute_timeout must be at least 1 second".into());
        }
        if self.lab_expiry_preset == 0 {
            return Err("lab_expiry_preset must be at least 1 second".into());
        }
        if self.session_sweep_interval == 0 {
            return Err("session_sweep_interval must be at least 1 second".into());
        }
        if let Some(password) = &self.instructor_password {
            Password::parse(password).map_err(|e| format!("instructor_password is not a valid password: {e}"))?;
            if password.chars().count() < MIN_INSTRUCTOR_PASSWORD {
                return Err(format!(
                    "instructor_password must be at least {MIN_INSTRUCTOR_PASSWORD} characters: it opens the instructor's dashboard"
                ));
            }
        }
        if self.max_sessions_per_user == 0 || self.max_sessions_demo_account == 0 {
            return Err("max_sessions_per_user and max_sessions_demo_account must be at least 1".into());
        }
        if self.max_registrations_per_address == 0 {
            return Err("max_registrations_per_address must be at least 1".into());
        }
        if self.signing_key.is_some() && self.signing_key_bytes().is_none() {
            return Err("signing_key must be base64url of at least 32 bytes".into());
        }
        if !(8..=1024 * 1024).contains(&self.password_hash_memory_kib)
            || !(1..=16).contains(&self.password_hash_iterations)
        {
            return Err("password_hash_memory_kib must be 8 to 1048576 and password_hash_iterations 1 to 16".into());
        }
        let name_ok = |c: char| c.is_ascii_alphanumeric() || "_.-".contains(c);
        if !(1..=32).contains(&self.instance_name.len()) || !self.instance_name.chars().all(name_ok) {
            return Err("instance_name must be 1 to 32 characters of A-Z a-z 0-9 _ . -".into());
        }
        let prefix_ok = |c: char| c.is_ascii_alphanumeric() || "_:.-".contains(c);
        if self.redis_prefix.len() > 64 || !self.redis_prefix.chars().all(prefix_ok) {
            return Err("redis_prefix must be at most 64 characters of A-Z a-z 0-9 _ : . -".into());
        }
        if self.session_store == StoreKind::Redis {
            redis::Client::open(self.redis_url.as_str())
                .map_err(|e| format!("redis_url is not a valid Redis URL ({e})"))?;
        }
        Ok(())
    }
}

/// A number or boolean that figment parsed from text, written back as that text.
fn scalar_text(value: &rocket::figment::value::Value) -> Option<String> {
    match serde_json::to_value(value).ok()? {
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A short random name such as `node-3fa9`, different for every start.
fn generated_instance_name() -> String {
    use rand::Rng;
    format!("node-{:04x}", rand::rng().random::<u16>())
}

/// Rocket's `log_level = "debug"` dumps every request and response with all their headers
/// (`Cookie` and `Set-Cookie`: passwords and session ids) and every form field as it is parsed.
/// Once Rocket has set its level (at ignition), cap it at `normal` (info), so no log line can
/// carry a secret whatever the configuration says.
pub fn log_cap() -> AdHoc {
    AdHoc::on_liftoff("Log cap: no secrets in logs", |_| {
        Box::pin(async {
            if log::max_level() > log::LevelFilter::Info {
                log::set_max_level(log::LevelFilter::Info);
                rocket::warn!(
                    "log_level \"debug\" is capped at \"normal\": debug output would print cookies and passwords"
                );
            }
        })
    })
}
