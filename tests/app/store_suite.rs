//! The store contract, written once and run against every store (`store_suite!` per backend).

use std::sync::Arc;

use session_lab::clock::now_ms;
use session_lab::credentials::{Role, Username};
use session_lab::ids::SessionId;
use session_lab::record::SessionRecord;
use session_lab::storage::{SessionStore, StoreError};

pub fn record(user: &str, now: u64, idle_s: u64, absolute_s: u64) -> SessionRecord {
    SessionRecord::new(Username::parse(user).unwrap(), Role::Student, now, idle_s, absolute_s).unwrap()
}

pub fn id() -> SessionId {
    SessionId::generate().unwrap()
}

pub async fn create_then_load_returns_the_record(store: Arc<dyn SessionStore>) {
    let (id, now) = (id(), now_ms());
    let record = record("abc", now, 60, 600);
    store.create(&id, &record).await.unwrap();
    assert_eq!(store.load(&id, now).await.unwrap(), Some(record));
    assert_eq!(store.count().await.unwrap(), 1);
}

pub async fn create_never_overwrites_a_live_session(store: Arc<dyn SessionStore>) {
    let (id, now) = (id(), now_ms());
    store.create(&id, &record("abc", now, 60, 600)).await.unwrap();
    let err = store.create(&id, &record("mallory", now, 60, 600)).await.unwrap_err();
    assert!(matches!(err, StoreError::Exists), "{err}");
    assert_eq!(store.load(&id, now).await.unwrap().unwrap().user.as_str(), "abc");
}

pub async fn unknown_ids_load_as_none(store: Arc<dyn SessionStore>) {
    let now = now_ms();
    assert_eq!(store.load(&id(), now).await.unwrap(), None);
    assert_eq!(store.touch(&id(), now).await.unwrap(), None);
    assert!(!store.delete(&id()).await.unwrap());
}

pub async fn expired_records_load_as_none(store: Arc<dyn SessionStore>) {
    let (idle, absolute, now) = (id(), id(), now_ms());
    store.create(&idle, &record("abc", now, 10, 600)).await.unwrap();
    store.create(&absolute, &record("abc", now, 600, 20)).await.unwrap();
    assert!(store.load(&idle, now + 9_999).await.unwrap().is_some());
    assert_eq!(store.load(&idle, now + 10_000).await.unwrap(), None);
    assert_eq!(store.touch(&absolute, now + 20_000).await.unwrap(), None);
}

pub async fn touch_slides_the_idle_timeout_but_not_the_absolute_one(store: Arc<dyn SessionStore>) {
    let (id, now) = (id(), now_ms());
    store.create(&id, &record("abc", now, 10, 25)).await.unwrap();
    let touched = store.touch(&id, now + 8_000).await.unwrap().expect("alive at 8 s");
    assert_eq!(touched.last_seen_ms, now + 8_000);
    assert!(
        store.touch(&id, now + 16_000).await.unwrap().is_some(),
        "alive at 16 s: the idle timer restarted at 8 s"
    );
    assert!(store.load(&id, now + 24_000).await.unwrap().is_some());
    assert_eq!(
        store.load(&id, now + 25_000).await.unwrap(),
        None,
        "the absolute timeout does not slide"
    );
}

pub async fn load_does_not_count_as_activity(store: Arc<dyn SessionStore>) {
    let (id, now) = (id(), now_ms());
    store.create(&id, &record("abc", now, 10, 600)).await.unwrap();
    assert!(store.load(&id, now + 9_000).await.unwrap().is_some());
    assert_eq!(store.load(&id, now + 10_000).await.unwrap(), None);
}

pub async fn delete_removes_the_record(store: Arc<dyn SessionStore>) {
    let (id, now) = (id(), now_ms());
    store.create(&id, &record("abc", now, 60, 600)).await.unwrap();
    assert!(store.delete(&id).await.unwrap());
    assert_eq!(store.load(&id, now).await.unwrap(), None);
    assert!(!store.delete(&id).await.unwrap());
    assert_eq!(store.count().await.unwrap(), 0);
}

pub async fn sweep_frees_expired_records_only(store: Arc<dyn SessionStore>) {
    let now = now_ms();
    let live: Vec<SessionId> = (0..5).map(|_| id()).collect();
    let dead: Vec<SessionId> = (0..7).map(|_| id()).collect();
    for id in &live {
        store.create(id, &record("abc", now, 600, 600)).await.unwrap();
    }
    for id in &dead {
        store.create(id, &record("abc", now - 20_000, 10, 600)).await.unwrap();
    }
    // A store may free expired records itself (Redis does); after a sweep none are left.
    let freed = store.sweep(now).await.unwrap();
    if store.kind().expires_by_itself() {
        assert!(freed <= dead.len(), "{freed}");
    } else {
        assert_eq!(freed, dead.len(), "the sweep freed exactly the expired ones");
    }
    assert_eq!(store.count().await.unwrap(), 5);
    for id in &dead {
        assert_eq!(store.load(id, now).await.unwrap(), None);
    }
    for id in &live {
        assert!(store.load(id, now).await.unwrap().is_some());
    }
}

pub async fn an_expired_id_can_be_reused_by_create(store: Arc<dyn SessionStore>) {
    let (id, now) = (id(), now_ms());
    store.create(&id, &record("abc", now - 20_000, 10, 600)).await.unwrap();
    store.create(&id, &record("mina", now, 60, 600)).await.unwrap();
    assert_eq!(store.load(&id, now).await.unwrap().unwrap().user.as_str(), "mina");
}

pub async fn list_shows_live_sessions_by_key_never_by_id(store: Arc<dyn SessionStore>) {
    let now = now_ms();
    let (live, dead) = (id(), id());
    store.create(&live, &record("abc", now, 600, 600)).await.unwrap();
    store
        .create(&dead, &record("mina", now - 20_000, 10, 600))
        .await
        .unwrap();
    let listed = store.list(now).await.unwrap();
    assert_eq!(listed.len(), 1, "expired sessions are not listed");
    assert_eq!(listed[0].key, live.storage_key());
    assert_eq!(listed[0].fingerprint(), live.fingerprint());
    assert_eq!(listed[0].record.user.as_str(), "abc");
    assert!(!listed[0].key.contains(&live.expose()[..8]));
}

pub async fn delete_key_revokes_exactly_that_session(store: Arc<dyn SessionStore>) {
    let now = now_ms();
    let (one, two) = (id(), id());
    store.create(&one, &record("abc", now, 600, 600)).await.unwrap();
    store.create(&two, &record("abc", now, 600, 600)).await.unwrap();
    assert!(store.delete_key(&one.storage_key()).await.unwrap());
    assert_eq!(store.load(&one, now).await.unwrap(), None);
    assert!(store.load(&two, now).await.unwrap().is_some());
    assert!(!store.delete_key(&one.storage_key()).await.unwrap(), "already gone");
    for bad in ["", "../x", &"g".repeat(64), &one.expose(), &two.storage_key()[..63]] {
        assert!(!store.delete_key(bad).await.unwrap(), "{bad:?}");
    }
    assert!(store.load(&two, now).await.unwrap().is_some());
}

/// Many tasks on a multi-threaded runtime create, read, touch and delete at once. Every
/// session is found while it lives, none survives its delete, and nothing is left over.
pub async fn concurrent_tasks_lose_and_leak_nothing(store: Arc<dyn SessionStore>) {
    const TASKS: usize = 16;
    const PER_TASK: usize = 100;
    let mut handles = Vec::new();
    for task in 0..TASKS {
        let store = Arc::clone(&store);
        handles.push(rocket::tokio::spawn(async move {
            let now = now_ms();
            let user = format!("user{task}");
            let ids: Vec<SessionId> = (0..PER_TASK).map(|_| id()).collect();
            for id in &ids {
                store.create(id, &record(&user, now, 600, 600)).await.unwrap();
            }
            for id in &ids {
                let found = store
                    .touch(id, now_ms())
                    .await
                    .unwrap()
                    .expect("a live session is found");
                assert_eq!(found.user.as_str(), user, "no session answers with another's record");
            }
            for id in ids.iter().step_by(2) {
                assert!(store.delete(id).await.unwrap());
            }
            for (i, id) in ids.iter().enumerate() {
                assert_eq!(store.load(id, now_ms()).await.unwrap().is_some(), i % 2 == 1);
            }
            for id in ids.iter().skip(1).step_by(2) {
                assert!(store.delete(id).await.unwrap());
            }
        }));
    }
    for handle in handles {
        handle.await.expect("no task panicked");
    }
    assert_eq!(store.count().await.unwrap(), 0, "nothing leaked");
}

/// Generates one `#[test]` per contract case for a store. `$make` is an expression, evaluated
/// inside the test's runtime, giving `(guard, store)`: the guard (a temporary folder, a Redis
/// server) lives as long as the test. An attribute before it (`#[ignore = …]`) applies to every
/// case. Each test gets its own multi-threaded runtime with two workers.
pub async fn list_user_finds_exactly_that_accounts_live_sessions(store: Arc<dyn SessionStore>) {
    let now = now_ms();
    let mina = Username::parse("mina").unwrap();
    let ids: Vec<SessionId> = (0..3).map(|_| id()).collect();
    for id in &ids {
        store.create(id, &record("mina", now, 60, 600)).await.unwrap();
    }
    store.create(&id(), &record("abc", now, 60, 600)).await.unwrap();
    let expired = id();
    store
        .create(&expired, &record("mina", now - 120_000, 60, 600))
        .await
        .unwrap();
    let mut found: Vec<String> = store
        .list_user(&mina, now)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.key)
        .collect();
    found.sort();
    let mut expected: Vec<String> = ids.iter().map(SessionId::storage_key).collect();
    expected.sort();
    assert_eq!(
        found, expected,
        "mina's three live sessions, not abc's, not the expired one"
    );

    assert!(store.delete(&ids[0]).await.unwrap());
    assert!(store.delete_key(&ids[1].storage_key()).await.unwrap());
    let left = store.list_user(&mina, now).await.unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].key, ids[2].storage_key());
    assert_eq!(left[0].record.user, mina);
    let nobody = Username::parse("nobody").unwrap();
    assert!(store.list_user(&nobody, now).await.unwrap().is_empty());
}

pub async fn an_id_reused_after_expiry_is_listed_under_its_new_account(store: Arc<dyn SessionStore>) {
    let (id, now) = (id(), now_ms());
    store
        .create(&id, &record("mina", now - 120_000, 60, 600))
        .await
        .unwrap();
    store.create(&id, &record("abc", now, 60, 600)).await.unwrap();
    let abc = Username::parse("abc").unwrap();
    let mina = Username::parse("mina").unwrap();
    assert_eq!(store.list_user(&abc, now).await.unwrap().len(), 1);
    assert!(
        store.list_user(&mina, now).await.unwrap().is_empty(),
        "not under its old account"
    );
}

macro_rules! store_suite {
    ($backend:ident, #[$meta:meta] $make:expr) => {
        mod $backend {
            use super::*;
            suite_cases!(store_suite, #[$meta] $make;
                create_then_load_returns_the_record,
                create_never_overwrites_a_live_session,
                unknown_ids_load_as_none,
                expired_records_load_as_none,
                touch_slides_the_idle_timeout_but_not_the_absolute_one,
                load_does_not_count_as_activity,
                delete_removes_the_record,
                sweep_frees_expired_records_only,
                an_expired_id_can_be_reused_by_create,
                list_shows_live_sessions_by_key_never_by_id,
                delete_key_revokes_exactly_that_session,
                concurrent_tasks_lose_and_leak_nothing,
                list_user_finds_exactly_that_accounts_live_sessions,
                an_id_reused_after_expiry_is_listed_under_its_new_account,
            );
        }
    };
    ($backend:ident, $make:expr) => {
        store_suite!($backend, #[cfg(all())] $make);
    };
}

store_suite!(
    memory,
    (
        (),
        Arc::new(session_lab::storage::MemoryStore::new()) as Arc<dyn SessionStore>
    )
);

store_suite!(file, {
    let dir = tempfile::tempdir().unwrap();
    let store = session_lab::storage::FileStore::open(&dir.path().join("sessions")).unwrap();
    (dir, Arc::new(store) as Arc<dyn SessionStore>)
});

store_suite!(
    redis,
    #[ignore = "needs redis-server; run ./scripts/test"]
    {
        let server = crate::redis_server::RedisServer::start();
        let prefix = crate::redis_server::unique_prefix();
        let store = session_lab::storage::RedisStore::connect(&server.url(), &prefix).unwrap();
        (server, Arc::new(store) as Arc<dyn SessionStore>)
    }
);

store_suite!(sqlite, {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/sessions.sqlite3", dir.path().display());
    let store = session_lab::storage::SqlStore::open(session_lab::config::StoreKind::Sqlite, &url).unwrap();
    (dir, Arc::new(store) as Arc<dyn SessionStore>)
});

store_suite!(
    postgres,
    #[ignore = "needs postgresql; run ./scripts/test"]
    {
        let server = crate::more_servers::PostgresServer::start();
        let store =
            session_lab::storage::SqlStore::open(session_lab::config::StoreKind::Postgres, &server.url()).unwrap();
        (server, Arc::new(store) as Arc<dyn SessionStore>)
    }
);

store_suite!(
    memcached,
    #[ignore = "needs memcached; run ./scripts/test"]
    {
        let server = crate::more_servers::MemcachedServer::start();
        let store = session_lab::storage::MemcachedStore::connect(&server.url(), "session-lab:").unwrap();
        (server, Arc::new(store) as Arc<dyn SessionStore>)
    }
);

/// Redis writes a session's activity at most once a second: a touch within the second returns the
/// record as stored, the next one moves it.
#[test]
#[ignore = "needs redis-server; run ./scripts/test"]
fn redis_writes_activity_at_most_once_a_second() {
    let runtime = rocket::tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let server = crate::redis_server::RedisServer::start();
        let store =
            session_lab::storage::RedisStore::connect(&server.url(), &crate::redis_server::unique_prefix()).unwrap();
        let (id, now) = (id(), now_ms());
        store.create(&id, &record("abc", now, 60, 600)).await.unwrap();
        let soon = store.touch(&id, now + 900).await.unwrap().unwrap();
        assert_eq!(soon.last_seen_ms, now, "within the second: not written");
        let later = store.touch(&id, now + 1_000).await.unwrap().unwrap();
        assert_eq!(later.last_seen_ms, now + 1_000, "a second on: written");
        assert_eq!(
            store.load(&id, now + 1_000).await.unwrap().unwrap().last_seen_ms,
            now + 1_000
        );
    });
}
