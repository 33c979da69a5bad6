#[rocket::launch]
fn rocket() -> _ {
    session_lab::build(rocket::Config::figment())
}
