// A page allocates a few hundred short-lived strings while it renders; mimalloc's thread-local
// free lists serve them faster than the system allocator (measured in docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;

use rocket::error::ErrorKind;
use rocket::figment::providers::{Env, Format, Toml};
use rocket::figment::{Figment, Profile};

/// Rocket's own order (its defaults, then `Rocket.toml` or `ROCKET_CONFIG`, then `ROCKET_<KEY>`),
/// with the repository's Rocket.toml built in underneath: a copy of the binary started where no
/// Rocket.toml is keeps the same request-body limits and settings.
fn figment() -> Figment {
    let file = Env::var_or("ROCKET_CONFIG", "Rocket.toml");
    Figment::from(rocket::Config::default())
        .merge(Toml::string(include_str!("../Rocket.toml")).nested())
        .merge(Toml::file(file).nested())
        .merge(Env::prefixed("ROCKET_").ignore(&["PROFILE"]).global())
        .select(Profile::from_env_or("ROCKET_PROFILE", rocket::Config::DEFAULT_PROFILE))
}

#[rocket::main]
async fn main() -> ExitCode {
    match std::env::args().nth(1).as_deref() {
        None => {}
        Some("--help" | "-h") => {
            print!("{}", session_lab::config::help());
            return ExitCode::SUCCESS;
        }
        Some("--version" | "-V") => {
            println!("session-lab {}", env!("CARGO_PKG_VERSION"));
            return ExitCode::SUCCESS;
        }
        Some(other) => {
            eprintln!("session-lab: unknown argument {other:?}; see session-lab --help");
            return ExitCode::from(2);
        }
    }
    match session_lab::build(figment()).launch().await {
        Ok(_) => ExitCode::SUCCESS,
        Err(error) => {
            // A failed fairing (a bad configuration value, an unreachable store) has logged one
            // line naming the problem; asking for the kind marks the error handled, so Rocket
            // adds no panic and no backtrace. Anything else (a port in use) is printed here.
            if !matches!(error.kind(), ErrorKind::FailedFairings(_)) {
                error.pretty_print();
            }
            ExitCode::FAILURE
        }
    }
}
