//! Korean and English: the strings live in locales/<lang>/main.ftl (Fluent), embedded at build
//! time. The language of a request comes from `?lang=`, then the `lang` cookie, then
//! `Accept-Language`, then `default_lang`.

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{static_loader, LanguageIdentifier, Loader};
use rocket::http::{Cookie, SameSite};
use rocket::request::{FromRequest, Outcome, Request};
use rocket::time::Duration;

use crate::config::AppConfig;
use crate::cookies;
use crate::lang::Lang;

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // No Unicode isolation marks around arguments: they would show up inside HTML attributes.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

impl Lang {
    fn id(self) -> LanguageIdentifier {
        match self {
            Lang::En => fluent_templates::langid!("en"),
            Lang::Ko => fluent_templates::langid!("ko"),
        }
    }

    /// The text for `key` in this language, or `None` when no locale has it.
    pub fn try_text(self, key: &str, args: &HashMap<Cow<'static, str>, FluentValue<'_>>) -> Option<String> {
        LOCALES.try_lookup_with_args(&self.id(), key, args)
    }

    /// Picks the language for a request, without side effects (catchers use this too).
    pub fn negotiate(request: &Request<'_>) -> Lang {
        let from_query = request
            .query_value::<&str>("lang")
            .and_then(Result::ok)
            .and_then(Lang::from_tag);
        let from_cookie = || {
            request
                .cookies()
                .get(cookies::LANG)
                .and_then(|c| Lang::from_tag(c.value()))
        };
        let from_header = || {
            request
                .headers()
                .get_one("Accept-Language")
                .and_then(from_accept_language)
        };
        let default = || {
            request
                .rocket()
                .state::<AppConfig>()
                .map_or(Lang::En, |c| c.default_lang)
        };
        from_query
            .or_else(from_cookie)
            .or_else(from_header)
            .unwrap_or_else(default)
    }
}

/// The supported language with the highest `q` in an `Accept-Language` header.
fn from_accept_language(header: &str) -> Option<Lang> {
    let mut best: Option<(Lang, f32)> = None;
    for item in header.split(',') {
        let mut parts = item.split(';');
        let Some(lang) = parts.next().and_then(Lang::from_tag) else {
            continue;
        };
        let q = parts
            .find_map(|p| p.trim().strip_prefix("q="))
            .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())
            .unwrap_or(0.0);
        if q > 0.0 && best.is_none_or(|(_, best_q)| q > best_q) {
            best = Some((lang, q));
        }
    }
    best.map(|(lang, _)| lang)
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Lang {
    type Error = std::convert::Infallible;

    /// Negotiates the language; a valid `?lang=` is also remembered in the `lang` cookie.
    async fn from_request(request: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let lang = Lang::negotiate(request);
        let asked = request
            .query_value::<&str>("lang")
            .and_then(Result::ok)
            .and_then(Lang::from_tag);
        let remembered = request
            .cookies()
            .get(cookies::LANG)
            .and_then(|c| Lang::from_tag(c.value()));
        if asked.is_some() && asked != remembered {
            let secure = request.rocket().state::<AppConfig>().is_some_and(|c| c.cookie_secure);
            let cookie = Cookie::build((cookies::LANG, lang.code()))
                .path("/")
                .same_site(SameSite::Lax)
                .http_only(true)
                .secure(secure)
                .max_age(Duration::days(365));
            request.cookies().add(cookie);
        }
        Outcome::Success(lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_best_supported_language() {
        assert_eq!(from_accept_language("ko-KR,ko;q=0.9,en-US;q=0.8"), Some(Lang::Ko));
        assert_eq!(from_accept_language("fr;q=1.0, en;q=0.5, ko;q=0.7"), Some(Lang::Ko));
        assert_eq!(from_accept_language("en-GB"), Some(Lang::En));
        assert_eq!(from_accept_language("fr, de"), None);
        assert_eq!(from_accept_language("ko;q=0"), None);
        assert_eq!(from_accept_language(""), None);
    }
}
