//! Templates: one layout, pages that fill its blocks, and the `t` helper that looks up the
//! page's language in locales/ and escapes the result like any other `{{value}}`. Each language
//! renders from its own copy of the templates, with the texts that never change already in place
//! (`per_language`); texts with arguments are remembered (`texts`).

use std::sync::atomic::AtomicBool;
use std::sync::{Arc, PoisonError, RwLock};

use rocket::http::Status;
use rocket::response::{self, content::RawHtml, Responder};
use rocket::Request;
use rocket_dyn_templates::handlebars::{Context, Handlebars};
use rocket_dyn_templates::Template;
use serde::Serialize;
use serde_json::Value;

use crate::config::AppConfig;
use crate::lang::Lang;
use crate::presets::Presets;

mod helpers;
mod per_language;
mod texts;

use helpers::{FlowKey, HeldFields, LiveFlag, SameForEveryone, ServerFact, Translate};

/// A page to send: its template and its context, rendered when Rocket writes the response.
pub struct Page {
    name: &'static str,
    lang: Lang,
    context: Result<Value, serde_json::Error>,
}

/// Renders `name` in `lang`; `body` must serialize as a map (a struct or `context!`), to which
/// `lang` is added. The context is built as JSON once, which is what Handlebars reads; Rocket's
/// `Template` would build it twice (Figment's value, then JSON), a tenth of a logged-in page's
/// time (docs/performance.md).
pub fn render<C: Serialize>(name: &'static str, lang: Lang, body: C) -> Page {
    let context = serde_json::to_value(body).and_then(|mut context| match context.as_object_mut() {
        Some(fields) => {
            fields.insert("lang".to_owned(), lang.code().into());
            Ok(context)
        }
        None => Err(serde::ser::Error::custom("a page's context must be a map")),
    });
    Page { name, lang, context }
}

impl<'r> Responder<'r, 'static> for Page {
    fn respond_to(self, request: &'r Request<'_>) -> response::Result<'static> {
        let Some(views) = request.rocket().state::<Views>() else {
            rocket::error!("page `{}`: the templates are not loaded", self.name);
            return Err(Status::InternalServerError);
        };
        let html = self
            .context
            .map_err(|e| e.to_string())
            .and_then(|context| {
                views.current()[self.lang as usize]
                    .render_with_context(self.name, &Context::from(context))
                    .map_err(|e| e.to_string())
            })
            .map_err(|e| {
                rocket::error!("page `{}` failed to render: {e}", self.name);
                Status::InternalServerError
            })?;
        RawHtml(html).respond_to(request)
    }
}

/// The templates as `rocket_dyn_templates` loaded them, with this app's helpers, in one copy
/// per language with that language's fixed texts in place ([`per_language`]): replaced whenever
/// it reloads them (debug builds watch templates/ for changes).
#[derive(Clone, Default)]
pub struct Views(Arc<RwLock<PerLanguage>>);

type PerLanguage = Arc<[Handlebars<'static>; Lang::ALL.len()]>;

impl Views {
    fn current(&self) -> PerLanguage {
        Arc::clone(&self.0.read().unwrap_or_else(PoisonError::into_inner))
    }

    fn replace(&self, registry: &Handlebars<'static>) {
        let per_language = Arc::new(Lang::ALL.map(|lang| per_language::for_language(registry, lang)));
        *self.0.write().unwrap_or_else(PoisonError::into_inner) = per_language;
    }
}

/// Loads the templates and registers the helpers: `t`, and `instance_name` and `store_kind`,
/// which every page shows so a class can see which server answered and where it keeps sessions,
/// and `weak_ids_on` for the banner while the guess lesson's weak ids are on. Pages render from
/// the returned [`Views`], which the app manages.
pub fn templates(config: &AppConfig, presets: &Presets) -> (impl rocket::fairing::Fairing, Views) {
    let instance = config.instance_name.clone();
    let store = config.session_store.as_str();
    let weak_ids = presets.weak_ids_flag();
    let views = Views::default();
    let loaded = views.clone();
    let fairing = Template::custom(move |engines| {
        register_helpers(&mut engines.handlebars, &instance, store, &weak_ids);
        loaded.replace(&engines.handlebars);
    });
    (fairing, views)
}

/// The helpers and the escape every page renders with.
fn register_helpers(registry: &mut Handlebars<'static>, instance: &str, store: &str, weak_ids: &Arc<AtomicBool>) {
    registry.register_helper("t", Box::new(Translate));
    // Registered anew whenever templates are reloaded (debug builds), so its cache never
    // outlives the templates it was rendered from.
    registry.register_helper("same_for_everyone", Box::new(SameForEveryone::default()));
    registry.register_helper("flow_key", Box::new(FlowKey));
    registry.register_helper("held_fields", Box::new(HeldFields));
    registry.register_helper("instance_name", Box::new(ServerFact(instance.into())));
    registry.register_helper("store_kind", Box::new(ServerFact(store.into())));
    registry.register_helper("weak_ids_on", Box::new(LiveFlag(Arc::clone(weak_ids))));
    registry.register_escape_fn(escape);
}

/// Escapes text for HTML exactly as Handlebars' own `html_escape` does (the same seven
/// characters, the same entities), copying each run of other text at once rather than one
/// character at a time: every `{{value}}` and every text of a page passes through here.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + text.len() / 8);
    let mut plain = 0;
    for (at, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'&' => "&amp;",
            b'\'' => "&#x27;",
            b'`' => "&#x60;",
            b'=' => "&#x3D;",
            _ => continue,
        };
        // These are ASCII bytes, so `at` is always the boundary of a character.
        escaped.push_str(&text[plain..at]);
        escaped.push_str(entity);
        plain = at + 1;
    }
    escaped.push_str(&text[plain..]);
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;
    use rocket::http::ContentType;
    use rocket::local::blocking::Client;
    use rocket_dyn_templates::handlebars;

    #[rocket::get("/known")]
    fn known() -> Page {
        render("known", Lang::Ko, rocket_dyn_templates::context! { name: "<b>" })
    }

    #[rocket::get("/missing")]
    fn missing() -> Page {
        render("missing", Lang::En, rocket_dyn_templates::context! {})
    }

    #[rocket::get("/not-a-map")]
    fn not_a_map() -> Page {
        render("known", Lang::En, "a string")
    }

    fn client() -> Client {
        let mut registry = Handlebars::new();
        registry.register_escape_fn(escape);
        registry
            .register_template_string("known", "{{lang}}: {{name}}")
            .unwrap();
        let views = Views::default();
        views.replace(&registry);
        let rocket = rocket::build()
            .manage(views)
            .mount("/", rocket::routes![known, missing, not_a_map]);
        Client::untracked(rocket).unwrap()
    }

    /// A page renders from its one JSON context, the language added, values escaped, as HTML.
    #[test]
    fn a_page_renders_its_context_with_the_language() {
        let client = client();
        let response = client.get("/known").dispatch();
        assert_eq!(response.status(), Status::Ok);
        assert_eq!(response.content_type(), Some(ContentType::HTML));
        assert_eq!(response.into_string().as_deref(), Some("ko: &lt;b&gt;"));
    }

    /// A page that cannot render is a 500 for Rocket's catchers, never a panic or half a page.
    #[test]
    fn a_page_that_cannot_render_is_a_server_error() {
        let client = client();
        for path in ["/missing", "/not-a-map"] {
            let response = client.get(path).dispatch();
            assert_eq!(response.status(), Status::InternalServerError, "{path}");
        }
    }

    /// The fast escape writes what Handlebars' own would, byte for byte, whatever the text.
    #[test]
    fn escape_matches_handlebars_escape() {
        use rand::seq::IndexedRandom;
        let alphabet: Vec<char> = "<>\"&'`=a 한\n/;:é😀".chars().collect();
        let mut rng = rand::rng();
        let mut texts = vec![String::new(), "plain".to_owned(), "<<==>>".to_owned()];
        texts.extend((0..2000).map(|n| (0..n % 40).filter_map(|_| alphabet.choose(&mut rng)).collect()));
        for text in texts {
            assert_eq!(escape(&text), handlebars::html_escape(&text), "{text:?}");
        }
    }
}
