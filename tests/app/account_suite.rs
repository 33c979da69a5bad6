//! The account-backend contract, written once and run against every backend
//! (`account_suite!` per backend), like the session store suite.

use std::sync::Arc;

use session_lab::credentials::{Role, Username};
use session_lab::storage::{AccountBackend, StoredAccount};

fn name(raw: &str) -> Username {
    Username::parse(raw).unwrap()
}

fn account(phc: &str) -> StoredAccount {
    StoredAccount {
        role: Role::Student,
        phc: phc.to_owned(),
    }
}

pub async fn an_inserted_account_reads_back(backend: Arc<dyn AccountBackend>) {
    assert_eq!(backend.get(&name("mina")).await.unwrap().map(|a| a.phc), None);
    assert!(backend
        .insert_new(&name("mina"), &account("$argon2id$one"))
        .await
        .unwrap());
    let found = backend.get(&name("mina")).await.unwrap().expect("the account");
    assert_eq!(found.phc, "$argon2id$one");
    assert_eq!(found.role, Role::Student);
    assert_eq!(backend.count().await.unwrap(), 1);
}

/// A password change: the new hash replaces the old one; replacing a name nobody registered
/// creates nothing (a change must never become a registration).
pub async fn a_replaced_account_reads_back_and_a_missing_one_is_not_made(backend: Arc<dyn AccountBackend>) {
    assert!(!backend
        .replace(&name("mina"), &account("$argon2id$ghost"))
        .await
        .unwrap());
    assert!(backend.get(&name("mina")).await.unwrap().is_none());
    assert_eq!(backend.count().await.unwrap(), 0);
    assert!(backend
        .insert_new(&name("mina"), &account("$argon2id$old"))
        .await
        .unwrap());
    assert!(backend.replace(&name("mina"), &account("$argon2id$new")).await.unwrap());
    assert_eq!(backend.get(&name("mina")).await.unwrap().unwrap().phc, "$argon2id$new");
    assert_eq!(backend.count().await.unwrap(), 1, "replaced, not added");
}

pub async fn a_taken_name_is_never_overwritten(backend: Arc<dyn AccountBackend>) {
    assert!(backend
        .insert_new(&name("mina"), &account("$argon2id$first"))
        .await
        .unwrap());
    assert!(!backend
        .insert_new(&name("mina"), &account("$argon2id$second"))
        .await
        .unwrap());
    assert_eq!(
        backend.get(&name("mina")).await.unwrap().unwrap().phc,
        "$argon2id$first"
    );
    assert_eq!(backend.count().await.unwrap(), 1);
}

pub async fn every_valid_name_is_its_own_account(backend: Arc<dyn AccountBackend>) {
    let names = ["abc", ".hidden", ".tmp-abc", "a.b-c_d", "...", "x".repeat(32).leak()];
    for (i, raw) in names.iter().enumerate() {
        assert!(
            backend
                .insert_new(&name(raw), &account(&format!("$argon2id${i}")))
                .await
                .unwrap(),
            "{raw}"
        );
    }
    for (i, raw) in names.iter().enumerate() {
        assert_eq!(
            backend.get(&name(raw)).await.unwrap().unwrap().phc,
            format!("$argon2id${i}"),
            "{raw}"
        );
    }
    assert_eq!(
        backend.count().await.unwrap(),
        names.len(),
        "every one counts towards the cap"
    );
}

pub async fn concurrent_inserts_of_one_name_make_exactly_one_account(backend: Arc<dyn AccountBackend>) {
    let tasks: Vec<_> = (0..20)
        .map(|i| {
            let backend = Arc::clone(&backend);
            rocket::tokio::spawn(async move {
                let won = backend
                    .insert_new(&name("bob"), &account(&format!("$argon2id${i}")))
                    .await
                    .unwrap();
                (i, won)
            })
        })
        .collect();
    let mut winners = Vec::new();
    for task in tasks {
        let (i, won) = task.await.unwrap();
        if won {
            winners.push(i);
        }
    }
    assert_eq!(winners.len(), 1, "{winners:?}");
    let stored = backend.get(&name("bob")).await.unwrap().unwrap().phc;
    assert_eq!(
        stored,
        format!("$argon2id${}", winners[0]),
        "the winner's hash is the one kept"
    );
    assert_eq!(backend.count().await.unwrap(), 1);
}

macro_rules! account_suite {
    ($backend:ident, #[$meta:meta] $make:expr) => {
        mod $backend {
            use super::*;
            suite_cases!(account_suite, #[$meta] $make;
                an_inserted_account_reads_back,
                a_taken_name_is_never_overwritten,
                a_replaced_account_reads_back_and_a_missing_one_is_not_made,
                every_valid_name_is_its_own_account,
                concurrent_inserts_of_one_name_make_exactly_one_account,
            );
        }
    };
    ($backend:ident, $make:expr) => {
        account_suite!($backend, #[cfg(all())] $make);
    };
}

account_suite!(
    memory,
    (
        (),
        Arc::new(session_lab::storage::MemoryAccounts::default()) as Arc<dyn AccountBackend>
    )
);

account_suite!(file, {
    let dir = tempfile::tempdir().unwrap();
    let backend = session_lab::storage::FileAccounts::open(dir.path().join("accounts")).unwrap();
    (dir, Arc::new(backend) as Arc<dyn AccountBackend>)
});

account_suite!(
    redis,
    #[ignore = "needs redis-server; run ./scripts/test"]
    {
        let server = crate::redis_server::RedisServer::start();
        let prefix = crate::redis_server::unique_prefix();
        let store = session_lab::storage::RedisStore::connect(&server.url(), &prefix).unwrap();
        let backend = session_lab::storage::RedisAccounts::new(store.connection(), &prefix);
        (server, Arc::new(backend) as Arc<dyn AccountBackend>)
    }
);

account_suite!(sqlite, {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/sessions.sqlite3", dir.path().display());
    let store = session_lab::storage::SqlStore::open(session_lab::config::StoreKind::Sqlite, &url).unwrap();
    (dir, Arc::new(store.accounts()) as Arc<dyn AccountBackend>)
});

account_suite!(
    postgres,
    #[ignore = "needs postgresql; run ./scripts/test"]
    {
        let server = crate::more_servers::PostgresServer::start();
        let store =
            session_lab::storage::SqlStore::open(session_lab::config::StoreKind::Postgres, &server.url()).unwrap();
        (server, Arc::new(store.accounts()) as Arc<dyn AccountBackend>)
    }
);

// With memcached, accounts are kept as files (a cache may drop anything): the backend
// `storage::open` gives for that store, which needs no memcached to exist.
account_suite!(memcached, {
    let dir = tempfile::tempdir().unwrap();
    let config = session_lab::config::AppConfig {
        session_store: session_lab::config::StoreKind::Memcached,
        session_dir: dir.path().join("sessions"),
        ..Default::default()
    };
    let backend = session_lab::storage::open(&config).unwrap();
    (dir, Arc::clone(&backend.accounts) as Arc<dyn AccountBackend>)
});
