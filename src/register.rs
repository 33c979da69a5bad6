//! `/register`: new student accounts, usable in every flow.

use crate::view::Page;
use rocket::form::Form;
use rocket::http::Status;
use rocket::response::Redirect;
use rocket::State;
use rocket_dyn_templates::context;

use crate::accounts::{AccountStore, RegisterError};
use crate::client::ClientAddr;
use crate::credentials::{Password, Username};
use crate::error::Refused;
use crate::lang::Lang;
use crate::view;

pub fn routes() -> Vec<rocket::Route> {
    routes![register_page, register]
}

#[derive(FromForm)]
pub struct RegisterForm {
    username: String,
    password: String,
}

#[get("/register?<created>")]
pub fn register_page(created: Option<&str>, lang: Lang) -> Page {
    let created = created.and_then(|name| Username::parse(name).ok());
    view::render(
        "register",
        lang,
        context! { username: "", created: created.as_ref().map(Username::as_str) },
    )
}

#[post("/register", data = "<form>")]
pub async fn register(
    form: Form<RegisterForm>,
    accounts: &State<AccountStore>,
    client: ClientAddr,
    lang: Lang,
) -> Result<Redirect, Refused> {
    let refuse = |status: Status, error: &'static str| {
        let page = view::render("register", lang, context! { username: form.username.as_str(), error });
        Err(Refused::page(status, page))
    };
    let username = match Username::parse(&form.username) {
        Ok(username) => username,
        Err(e) => return refuse(Status::UnprocessableEntity, e.message_key()),
    };
    let password = match Password::parse(&form.password) {
        Ok(password) => password,
        Err(e) => return refuse(Status::UnprocessableEntity, e.message_key()),
    };
    match accounts.register(username, &password, client.0).await {
        Ok(account) => {
            rocket::info!("registered student {}", account.username);
            Ok(Redirect::to(format!("/register?created={}", account.username)))
        }
        Err(RegisterError::Taken) => refuse(Status::Conflict, "error-username-taken"),
        // Not 503: waiting does not help, so a client must not be told to retry.
        Err(RegisterError::Full) => refuse(Status::Forbidden, "error-accounts-full"),
        Err(e) => Err(e.into()),
    }
}
