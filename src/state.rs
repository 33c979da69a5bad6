//! Everything the app keeps while it runs, built in one place, in dependency order, from the one
//! figment. A part that cannot be built stops launch with one log line that names it; nothing
//! here depends on the order in which fairings are attached.

use std::sync::Arc;

use rocket::fairing::AdHoc;
use rocket::figment::Figment;
use rocket::{Build, Rocket};

use crate::accounts::{self, AccountStore};
use crate::browser_id::ServerKey;
use crate::config::AppConfig;
use crate::events::EventBus;
use crate::inspector::{InstructorBrowsers, Metrics, ReceiptBook};
use crate::lab::xss::Boards;
use crate::lab::LabDesks;
use crate::presets::Presets;
use crate::session::Sessions;
use crate::signing::SigningKey;
use crate::storage::{self, ClassRedis, MemoryStore, SessionStore};
use crate::view;

/// The parts, each managed as Rocket state.
pub struct AppState {
    pub config: AppConfig,
    pub sessions: Sessions,
    pub accounts: AccountStore,
    pub events: EventBus,
    pub signing_key: SigningKey,
    pub server_key: ServerKey,
    pub presets: Presets,
    /// The class's Redis, when its state is shared between instances.
    pub class: Option<ClassRedis>,
}

impl AppState {
    /// `sessions`, when given, replaces the memory store the configuration opened
    /// ([`crate::build_on`] sets `session_store = "memory"`).
    pub async fn build(figment: &Figment, sessions: Option<Arc<MemoryStore>>) -> Result<AppState, String> {
        let config = AppConfig::from_figment(figment)?;
        let mut backend = storage::open(&config)
            .map_err(|e| format!("session_store = \"{}\": {e}", config.session_store.as_str()))?;
        if let Some(store) = sessions {
            backend.sessions = store as Arc<dyn SessionStore>;
        }
        let signing_key = match &backend.class {
            Some(class) => SigningKey::shared(&config, class).await,
            None => SigningKey::from_config(&config),
        }
        .map_err(|e| format!("could not make the signed flow's key: {e}"))?;
        let server_key = signing_key.browser_key();
        let class = backend
            .class
            .map(|class| class.sealed_with(signing_key.derived("class state")));
        let events = EventBus::default();
        let presets = Presets::new(&config, class.clone());
        let sessions = Sessions::new(backend.sessions, &config, presets.clone());
        let password = accounts::instructor_password(&config)?;
        if !config.hash_cost().meets_owasp() {
            rocket::warn!(
                "password hashes cost {:?}, below the OWASP Password Storage Cheat Sheet's Argon2id minimum",
                config.hash_cost()
            );
        }
        let accounts = AccountStore::new(&password, backend.accounts, events.clone(), config.hash_cost())
            .await
            .map_err(|e| format!("could not create the built-in accounts: {e}"))?
            .with_max_accounts(config.max_accounts)
            .with_limits(config.max_registrations_per_address, class.clone());
        Ok(AppState {
            config,
            sessions,
            accounts,
            events,
            signing_key,
            server_key,
            presets,
            class,
        })
    }

    fn manage(self, rocket: Rocket<Build>) -> Rocket<Build> {
        let (templates, views) = view::templates(&self.config, &self.presets);
        let class = self.class.as_ref();
        let rocket = rocket
            .manage(Boards::new(class))
            .manage(InstructorBrowsers::new(self.class.clone()))
            .manage(LabDesks::new(class))
            .manage(ReceiptBook::new(class))
            .manage(crate::lab::csrf::CsrfLab::new(class))
            .manage(crate::instructor::DashboardNotes::new(class));
        let rocket = match self.class {
            Some(class) => rocket.manage(class),
            None => rocket,
        };
        rocket
            .manage(self.config)
            .manage(self.sessions)
            .manage(self.accounts)
            .manage(self.events)
            .manage(self.signing_key)
            .manage(self.server_key)
            .manage(self.presets)
            .manage(Metrics::default())
            .manage(crate::explain::Calibration::default())
            .manage(views)
            .attach(templates)
    }
}

/// Builds and manages the state at ignition; a failure stops launch with one clear line.
/// `sessions`, when given, is the memory store the session flow uses (see [`crate::build_on`]).
pub fn stage(sessions: Option<Arc<MemoryStore>>) -> AdHoc {
    AdHoc::try_on_ignite("Application state", |rocket| async {
        match AppState::build(rocket.figment(), sessions).await {
            Ok(state) => Ok(state.manage(rocket)),
            Err(line) => {
                rocket::error!("{line}");
                Err(rocket)
            }
        }
    })
}
