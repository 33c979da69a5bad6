//! The templates, once per language, with every text that never changes already in place.
//!
//! `{{t "key"}}` without arguments always writes the same escaped text for a language, so each
//! language gets its own copy of the compiled templates in which such an expression is replaced
//! by that text, and so is `{{t "key" name="literal"}}`, whose arguments never change either. A
//! page then walks no helper for its fixed texts: about forty per logged-in page, each a helper
//! call with its parameters evaluated and dropped (docs/performance.md). Texts whose key or
//! arguments come from the page (`{{t "seconds" n=expires_in_s}}`) stay helper calls.

use rocket_dyn_templates::handlebars::template::{HelperTemplate, Parameter, Template, TemplateElement};
use rocket_dyn_templates::handlebars::Handlebars;
use serde_json::Value;

use super::texts;
use crate::lang::Lang;

/// A copy of `registry` whose templates have `lang`'s fixed texts in place. A key that has no text
/// stays a helper call, so it fails when rendered, as it would without this copy.
pub(super) fn for_language(registry: &Handlebars<'static>, lang: Lang) -> Handlebars<'static> {
    let mut copy = registry.clone();
    for (name, template) in registry.get_templates() {
        let mut template = template.clone();
        put_texts_in(&mut template, lang);
        copy.register_template(name, template);
    }
    copy
}

fn put_texts_in(template: &mut Template, lang: Lang) {
    for element in &mut template.elements {
        let text = match element {
            TemplateElement::Expression(helper) | TemplateElement::HtmlExpression(helper) => fixed_text(helper, lang),
            TemplateElement::HelperBlock(helper) => {
                helper.template.iter_mut().for_each(|t| put_texts_in(t, lang));
                helper.inverse.iter_mut().for_each(|t| put_texts_in(t, lang));
                None
            }
            TemplateElement::DecoratorBlock(block) | TemplateElement::PartialBlock(block) => {
                block.template.iter_mut().for_each(|t| put_texts_in(t, lang));
                None
            }
            _ => None,
        };
        if let Some(text) = text {
            // One element for one, so the template's map of element positions stays right.
            *element = TemplateElement::RawString(text);
        }
        if let TemplateElement::PartialExpression(partial) | TemplateElement::PartialBlock(partial) = element {
            // Not re-indenting an included partial's lines (what Handlebars' `prevent_indent` does
            // when it compiles, which `rocket_dyn_templates` does before it lets us set anything):
            // HTML does not care, and Handlebars would copy everything the partial writes, one
            // character at a time, to indent it.
            partial.indent = None;
        }
    }
}

/// The key and arguments of a `t` whose key and arguments are all literals, as in
/// `{{t "key"}}` or `{{t "seconds" n=1}}`; `None` for any other expression.
fn fixed_call(helper: &HelperTemplate) -> Option<(&str, Vec<(&str, &Value)>)> {
    let is_t = matches!(&helper.name, Parameter::Name(name) if name == "t");
    let [Parameter::Literal(Value::String(key))] = helper.params.as_slice() else {
        return None;
    };
    if !is_t || helper.block_param.is_some() || helper.block {
        return None;
    }
    let args = helper.hash.iter().map(|(name, value)| match value {
        Parameter::Literal(value) => Some((name.as_str(), value)),
        _ => None,
    });
    Some((key, args.collect::<Option<_>>()?))
}

/// The escaped text that `helper` would write in `lang`, when it is fixed and the text exists.
fn fixed_text(helper: &HelperTemplate, lang: Lang) -> Option<String> {
    let (key, args) = fixed_call(helper)?;
    if args.is_empty() {
        return texts::plain(lang, key).ok().map(|text| text.to_string());
    }
    texts::with_args(lang, key, args.into_iter()).ok()
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::atomic::AtomicBool;
    use std::sync::Arc;

    use super::*;

    /// A registry with this app's helpers and every template in templates/, named as
    /// `rocket_dyn_templates` names them.
    fn app_registry(prevent_indent: bool) -> Handlebars<'static> {
        let mut registry = Handlebars::new();
        registry.set_prevent_indent(prevent_indent);
        super::super::register_helpers(&mut registry, "node1", "memory", &Arc::new(AtomicBool::new(false)));
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let mut folders = vec![root.clone()];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    folders.push(path);
                } else if let Some(name) = path
                    .strip_prefix(&root)
                    .unwrap()
                    .to_str()
                    .unwrap()
                    .strip_suffix(".html.hbs")
                {
                    registry.register_template_file(name, &path).unwrap();
                }
            }
        }
        registry
    }

    /// How many fixed texts of `template` are still helper calls.
    fn fixed_texts_left(template: &Template) -> usize {
        let inner = |t: &Option<Template>| t.as_ref().map_or(0, fixed_texts_left);
        template
            .elements
            .iter()
            .map(|element| match element {
                TemplateElement::Expression(h) | TemplateElement::HtmlExpression(h) => {
                    usize::from(fixed_call(h).is_some())
                }
                TemplateElement::HelperBlock(h) => inner(&h.template) + inner(&h.inverse),
                TemplateElement::DecoratorBlock(d) | TemplateElement::PartialBlock(d) => inner(&d.template),
                _ => 0,
            })
            .sum()
    }

    /// Every fixed text of every template, however deep in blocks, inline partials and `else if`
    /// chains, is in place in each language's copy.
    #[test]
    fn no_fixed_text_is_left_to_a_helper() {
        let registry = app_registry(false);
        let before: usize = registry.get_templates().values().map(fixed_texts_left).sum();
        assert!(before > 300, "templates/ has {before} fixed texts");
        for lang in Lang::ALL {
            let copy = for_language(&registry, lang);
            for (name, template) in copy.get_templates() {
                assert_eq!(fixed_texts_left(template), 0, "{name} in {lang:?}");
            }
        }
    }

    /// Each language's copy writes what the templates write with `t` called on every render,
    /// byte for byte, for every template of the app (with nothing in its context, so that each
    /// renders its fallbacks) and for a template that uses every kind of block with each branch.
    #[test]
    fn the_copies_render_what_the_helper_renders() {
        // What Handlebars writes with `t` called on every render and partials not re-indented…
        let mut expected = app_registry(true);
        // …and the registry the copies are made from, compiled as `rocket_dyn_templates` does.
        let mut registry = app_registry(false);
        let nested = r##"{{#*inline "p"}}[{{t "login"}}]{{/inline}}{{#if a}}{{t "logout"}}{{else if b}}{{t "login"}}{{> p}}{{else}}{{#each list}}{{t "nav-lab"}}{{#with this}}{{t "nav-cookie"}} {{t "seconds" n=this}} {{t "seconds" n=1}} {{t "seconds" n="#"}}{{/with}}{{/each}}{{/if}}{{t key}}{{{t "session-role"}}}"##;
        for registry in [&mut expected, &mut registry] {
            registry.register_template_string("nested", nested).unwrap();
        }
        let contexts = [
            serde_json::json!({}),
            serde_json::json!({ "a": true }),
            serde_json::json!({ "b": true }),
            serde_json::json!({ "list": [1, 2], "key": "nav-explain" }),
        ];
        let mut compared = 0;
        for lang in Lang::ALL {
            let copy = for_language(&registry, lang);
            for name in registry.get_templates().keys() {
                for context in &contexts {
                    let mut context = context.clone();
                    context["lang"] = lang.code().into();
                    let with_helper = expected.render(name, &context).map_err(|e| e.to_string());
                    let with_copy = copy.render(name, &context).map_err(|e| e.to_string());
                    assert_eq!(with_copy, with_helper, "{name} in {lang:?} with {context}");
                    compared += usize::from(with_helper.is_ok());
                }
            }
        }
        assert!(compared > 100, "only {compared} renders compared");
    }
}
