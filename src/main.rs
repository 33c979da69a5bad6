// A page allocates a few hundred short-lived strings while it renders; mimalloc's thread-local
// free lists serve them faster than the system allocator (measured in docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[rocket::launch]
fn rocket() -> _ {
    session_lab::build(rocket::Config::figment())
}
