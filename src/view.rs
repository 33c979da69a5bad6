//! Templates: one layout, pages that fill its blocks, and the `t` helper that looks up the
//! page's language in locales/ and escapes the result like any other `{{value}}`.

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use rocket::http::Status;
use rocket::response::{self, content::RawHtml, Responder};
use rocket::Request;
use rocket_dyn_templates::handlebars::{
    self, Context, Handlebars, Helper, HelperDef, HelperResult, Output, RenderContext, RenderError, RenderErrorReason,
    ScopedJson,
};
use rocket_dyn_templates::Template;
use serde::Serialize;
use serde_json::Value;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, LazyLock, PoisonError, RwLock};

use dashmap::DashMap;

use crate::config::AppConfig;
use crate::lang::Lang;
use crate::presets::Presets;

/// A page to send: its template and its context, rendered when Rocket writes the response.
pub struct Page {
    name: &'static str,
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
    Page { name, context }
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
                views
                    .current()
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

/// The templates as `rocket_dyn_templates` loaded them, with this app's helpers: replaced
/// whenever it reloads them (debug builds watch templates/ for changes).
#[derive(Clone, Default)]
pub struct Views(Arc<RwLock<Arc<Handlebars<'static>>>>);

impl Views {
    fn current(&self) -> Arc<Handlebars<'static>> {
        Arc::clone(&self.0.read().unwrap_or_else(PoisonError::into_inner))
    }

    fn replace(&self, registry: &Handlebars<'static>) {
        *self.0.write().unwrap_or_else(PoisonError::into_inner) = Arc::new(registry.clone());
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
        engines.handlebars.register_helper("t", Box::new(Translate));
        // Registered anew whenever templates are reloaded (debug builds), so its cache never
        // outlives the templates it was rendered from.
        engines
            .handlebars
            .register_helper("same_for_everyone", Box::new(SameForEveryone::default()));
        engines.handlebars.register_helper("flow_key", Box::new(FlowKey));
        engines.handlebars.register_helper("held_fields", Box::new(HeldFields));
        engines
            .handlebars
            .register_helper("instance_name", Box::new(ServerFact(instance.clone().into())));
        engines
            .handlebars
            .register_helper("store_kind", Box::new(ServerFact(store.into())));
        engines
            .handlebars
            .register_helper("weak_ids_on", Box::new(LiveFlag(Arc::clone(&weak_ids))));
        engines.handlebars.register_escape_fn(handlebars::html_escape);
        loaded.replace(&engines.handlebars);
    });
    (fairing, views)
}

/// `{{same_for_everyone "partials/nav"}}`: a partial that depends on nothing but the language
/// (the navigation, the footer) is rendered once per language and then copied into every page,
/// instead of walking its dozen helpers on every request (docs/performance.md).
#[derive(Default)]
struct SameForEveryone([DashMap<Box<str>, Arc<str>>; Lang::ALL.len()]);

impl HelperDef for SameForEveryone {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        registry: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let name = str_param(h, "same_for_everyone", 0)?;
        let lang = lang_of(ctx);
        let rendered = &self.0[lang as usize];
        if let Some(html) = rendered.get(name) {
            out.write(&html)?;
            return Ok(());
        }
        let html: Arc<str> = registry
            .render(name, &serde_json::json!({ "lang": lang.code() }))?
            .into();
        rendered.insert(name.into(), Arc::clone(&html));
        out.write(&html)?;
        Ok(())
    }
}

/// The page's language, as `render` put it into every page's context.
fn lang_of(ctx: &Context) -> Lang {
    ctx.data()
        .get("lang")
        .and_then(Value::as_str)
        .and_then(Lang::from_tag)
        .unwrap_or(Lang::En)
}

/// A fixed fact about this server, usable as `{{name}}` or in a subexpression `(name)`.
struct ServerFact(Value);

impl HelperDef for ServerFact {
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        _: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
    ) -> Result<ScopedJson<'rc>, RenderError> {
        Ok(ScopedJson::Derived(self.0.clone()))
    }
}

/// A switch that can change while the server runs (the weak-id preset), as a boolean.
struct LiveFlag(Arc<AtomicBool>);

impl HelperDef for LiveFlag {
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        _: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
    ) -> Result<ScopedJson<'rc>, RenderError> {
        Ok(ScopedJson::Derived(Value::Bool(self.0.load(Ordering::Relaxed))))
    }
}

/// The helper's string parameter at `index`, or the error that names the helper.
fn str_param<'a>(h: &'a Helper<'_>, helper: &'static str, index: usize) -> Result<&'a str, RenderError> {
    h.param(index)
        .and_then(|p| p.value().as_str())
        .ok_or_else(|| RenderErrorReason::ParamNotFoundForIndex(helper, index).into())
}

/// `(flow_key "pane-js-{flow}" flow)`: the key for this flow, so that a shared template names
/// each flow's text without a chain of `(eq flow "…")`.
struct FlowKey;

impl HelperDef for FlowKey {
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
    ) -> Result<ScopedJson<'rc>, RenderError> {
        let pattern = str_param(h, "flow_key", 0)?;
        let flow = str_param(h, "flow_key", 1)?;
        Ok(ScopedJson::Derived(Value::String(pattern.replace("{flow}", flow))))
    }
}

/// `{{t "key"}}`, `{{t key_variable}}` or `{{t "key" name=value}}`.
struct Translate;

impl HelperDef for Translate {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let key = str_param(h, "t", 0)?;
        let lang = lang_of(ctx);
        if h.hash().is_empty() {
            out.write(&plain_text(lang, key)?)?;
            return Ok(());
        }
        let args: HashMap<Cow<'static, str>, FluentValue<'_>> = h
            .hash()
            .iter()
            .map(|(name, value)| (Cow::Owned(name.to_string()), fluent_value(value.value())))
            .collect();
        let text = lang.try_text(key, &args).ok_or_else(|| no_text(key))?;
        out.write(&handlebars::html_escape(&text))?;
        Ok(())
    }
}

/// `{{held_fields address fields}}`: the address and each field (`name`, `value`) of a
/// [`Holding`](crate::storage::Holding) as a definition list, every value escaped here. One helper call instead of a template loop with a
/// partial, which cost the logged-in page a tenth of its time (docs/performance.md, "Stores").
struct HeldFields;

impl HelperDef for HeldFields {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let escape = handlebars::html_escape;
        let address = str_param(h, "held_fields", 0)?;
        out.write("<p><code class=\"held-value\">")?;
        out.write(&escape(address))?;
        out.write("</code></p><dl class=\"record\">")?;
        let fields = h
            .param(1)
            .and_then(|p| p.value().as_array())
            .map_or(&[][..], Vec::as_slice);
        for field in fields {
            let part = |name: &str| field.get(name).and_then(Value::as_str).unwrap_or_default();
            out.write("<dt><code>")?;
            out.write(&escape(part("name")))?;
            out.write("</code></dt><dd><code class=\"held-value\">")?;
            out.write(&escape(part("value")))?;
            out.write("</code></dd>")?;
        }
        out.write("</dl>")?;
        Ok(())
    }
}

fn no_text(key: &str) -> RenderError {
    RenderErrorReason::Other(format!("no text for key `{key}`")).into()
}

/// Texts without arguments never change while the server runs: each is looked up in Fluent and
/// escaped once per language, then served from here (a page shows about a hundred of them).
/// Only keys that exist in locales/ are kept, so the map is as large as the locales at most.
static PLAIN_TEXTS: LazyLock<[DashMap<Box<str>, Arc<str>>; Lang::ALL.len()]> = LazyLock::new(Default::default);

fn plain_text(lang: Lang, key: &str) -> Result<Arc<str>, RenderError> {
    let texts = &PLAIN_TEXTS[lang as usize];
    if let Some(text) = texts.get(key) {
        return Ok(Arc::clone(&text));
    }
    let text = lang.try_text(key, &HashMap::new()).ok_or_else(|| no_text(key))?;
    let escaped: Arc<str> = handlebars::html_escape(&text).into();
    texts.insert(key.into(), Arc::clone(&escaped));
    Ok(escaped)
}

fn fluent_value(value: &Value) -> FluentValue<'static> {
    match value {
        Value::Number(n) => n.as_f64().map_or_else(|| n.to_string().into(), FluentValue::from),
        Value::String(s) => s.clone().into(),
        other => other.to_string().into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rocket::http::ContentType;
    use rocket::local::blocking::Client;

    /// A stored value is data, whatever it holds: the helper escapes every part it prints.
    #[test]
    fn held_fields_escape_every_value() {
        let mut registry = Handlebars::new();
        registry.register_helper("held_fields", Box::new(HeldFields));
        let data = serde_json::json!({
            "address": "<b>key</b>",
            "fields": [
                { "name": "user", "value": "<script>alert(1)</script>" },
                { "name": "re\"cord", "value": "{\"a\":\"'\"}" },
            ],
        });
        let html = registry
            .render_template("{{held_fields address fields}}", &data)
            .unwrap();
        assert!(!html.contains("<script>") && !html.contains("<b>"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{html}");
        assert!(html.contains("<dt><code>re&quot;cord</code></dt>"), "{html}");
        assert_eq!(html.matches("<dd>").count(), 2);
    }

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
        registry.register_escape_fn(handlebars::html_escape);
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
}
