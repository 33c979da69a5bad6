//! session-lab's integration tests: one binary, one module per area.

/// One `#[test]` per case of a contract suite (`store_suite`, `account_suite`): each builds its
/// backend with `$make` (a guard that keeps it alive, and the backend) on a two-worker runtime
/// and runs `$suite::$case` against it.
macro_rules! suite_cases {
    ($suite:ident, #[$meta:meta] $make:expr; $($case:ident),* $(,)?) => {
        $(
            #[test]
            #[$meta]
            fn $case() {
                let runtime = rocket::tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .enable_all()
                    .build()
                    .expect("a runtime");
                runtime.block_on(async {
                    let (_guard, backend) = $make;
                    crate::$suite::$case(backend).await;
                });
            }
        )*
    };
}

mod account_suite;
mod accounts;
mod architecture;
mod bad_input;
mod browser;
mod cookie_flow;
mod helpers;
mod hostile;
mod instructor;
mod lab;
mod mirror;
mod more_servers;
mod more_stores;
mod one_class;
mod pages;
mod promises;
mod real_server;
mod redis_server;
mod server;
mod session_flow;
mod signed_flow;
mod store_suite;
mod stores;
mod visible;
