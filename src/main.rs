// A page allocates a few hundred short-lived strings while it renders; mimalloc's thread-local
// free lists serve them faster than the system allocator (measured in docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;

use rocket::error::ErrorKind;

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
    match session_lab::build(rocket::Config::figment()).launch().await {
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
