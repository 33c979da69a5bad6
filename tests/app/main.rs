//! session-lab's integration tests: one binary, one module per area.

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
