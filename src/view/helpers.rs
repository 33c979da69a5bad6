//! The helpers every template can call: `t` for texts, `same_for_everyone` for partials that
//! depend on the language only, `held_fields` for a stored record, `flow_key`, and facts about
//! this server.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use dashmap::DashMap;
use rocket_dyn_templates::handlebars::{
    Context, Handlebars, Helper, HelperDef, HelperResult, Output, RenderContext, RenderError, RenderErrorReason,
    ScopedJson,
};
use serde_json::Value;

use super::texts;
use crate::lang::Lang;

/// `{{same_for_everyone "partials/nav"}}`: a partial that depends on nothing but the language
/// (the navigation, the footer) is rendered once per language and then copied into every page,
/// instead of walking its dozen helpers on every request (docs/performance.md).
#[derive(Default)]
pub(super) struct SameForEveryone([DashMap<Box<str>, Arc<str>>; Lang::ALL.len()]);

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
pub(super) struct ServerFact(pub(super) Value);

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
pub(super) struct LiveFlag(pub(super) Arc<AtomicBool>);

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
pub(super) struct FlowKey;

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
pub(super) struct Translate;

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
            out.write(&texts::plain(lang, key)?)?;
            return Ok(());
        }
        let args = h.hash().iter().map(|(name, value)| (*name, value.value()));
        out.write(&texts::remembered(lang, key, args)?)?;
        Ok(())
    }
}

/// `{{held_fields address fields}}`: the address and each field (`name`, `value`) of a
/// [`Holding`](crate::storage::Holding) as a definition list, every value escaped here. One helper call instead of a template loop with a
/// partial, which cost the logged-in page a tenth of its time (docs/performance.md, "Stores").
pub(super) struct HeldFields;

impl HelperDef for HeldFields {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let escape = super::escape;
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
