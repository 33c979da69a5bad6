//! Texts from locales/, escaped for HTML, and remembered: a text never changes for the same key,
//! language and arguments, and Fluent takes about 4 000 instructions to format one.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::{Arc, LazyLock};

use dashmap::DashMap;
use fluent_templates::fluent_bundle::FluentValue;
use rocket_dyn_templates::handlebars::{RenderError, RenderErrorReason};
use serde_json::Value;

use crate::lang::Lang;

/// Texts without arguments, by language: each is looked up in Fluent and escaped once, then
/// served from here (a page shows about a hundred of them). Only keys that exist in locales/ are
/// kept, so the map is as large as the locales at most.
static PLAIN: LazyLock<[DashMap<Box<str>, Arc<str>>; Lang::ALL.len()]> = LazyLock::new(Default::default);

/// Texts with arguments, by language, key and arguments: "12 seconds ago", "logged in as abc".
/// Arguments come from requests (a user's name, a count), so the map is bounded: when it holds
/// [`REMEMBERED_MAX`] texts it is emptied and fills again with what pages ask for (pages
/// rendering at that very moment may each add one more).
static REMEMBERED: LazyLock<[DashMap<Box<str>, Arc<str>>; Lang::ALL.len()]> = LazyLock::new(Default::default);

/// Enough for the counts of seconds a class's pages show in a while (a session's age, the time
/// left) and its names; about 150 bytes each, so well under a megabyte per language. Emptying it
/// costs no more than one Fluent formatting for each text asked for next.
pub(super) const REMEMBERED_MAX: usize = 4_096;

/// The escaped text of `key` in `lang`, which takes no arguments.
pub(super) fn plain(lang: Lang, key: &str) -> Result<Arc<str>, RenderError> {
    let texts = &PLAIN[lang as usize];
    if let Some(text) = texts.get(key) {
        return Ok(Arc::clone(&text));
    }
    let text = lang.try_text(key, &HashMap::new()).ok_or_else(|| no_text(key))?;
    let escaped: Arc<str> = super::escape(&text).into();
    texts.insert(key.into(), Arc::clone(&escaped));
    Ok(escaped)
}

/// The escaped text of `key` in `lang` with these arguments, formatted by Fluent the first time
/// and remembered (see [`REMEMBERED`]).
pub(super) fn remembered<'a>(
    lang: Lang,
    key: &str,
    args: impl Iterator<Item = (&'a str, &'a Value)> + Clone,
) -> Result<Arc<str>, RenderError> {
    let texts = &REMEMBERED[lang as usize];
    let id = remembered_id(key, args.clone());
    if let Some(text) = texts.get(&*id) {
        return Ok(Arc::clone(&text));
    }
    let text: Arc<str> = with_args(lang, key, args)?.into();
    if texts.len() >= REMEMBERED_MAX {
        texts.clear();
    }
    texts.insert(id.into(), Arc::clone(&text));
    Ok(text)
}

/// `key` and each argument's name, kind and value, every part after its length, so that no two
/// different calls share an id whatever their values hold. A string and a number are different
/// arguments to Fluent (only a number chooses a plural form).
fn remembered_id<'a>(key: &str, args: impl Iterator<Item = (&'a str, &'a Value)>) -> String {
    let mut id = String::with_capacity(64);
    let mut part = |text: &str| {
        let _ = write!(id, "{}:{text}", text.len());
    };
    part(key);
    for (name, value) in args {
        part(name);
        match value {
            Value::String(text) => {
                part("s");
                part(text);
            }
            other => {
                part("j");
                part(&other.to_string());
            }
        }
    }
    id
}

/// The text of `key` in `lang` with these arguments, escaped, formatted by Fluent now.
pub(super) fn with_args<'a>(
    lang: Lang,
    key: &str,
    args: impl Iterator<Item = (&'a str, &'a Value)>,
) -> Result<String, RenderError> {
    let args: HashMap<Cow<'static, str>, FluentValue<'_>> = args
        .map(|(name, value)| (Cow::Owned(name.to_owned()), fluent_value(value)))
        .collect();
    let text = lang.try_text(key, &args).ok_or_else(|| no_text(key))?;
    Ok(super::escape(&text))
}

fn fluent_value(value: &Value) -> FluentValue<'static> {
    match value {
        Value::Number(n) => n.as_f64().map_or_else(|| n.to_string().into(), FluentValue::from),
        Value::String(s) => s.clone().into(),
        other => other.to_string().into(),
    }
}

fn no_text(key: &str) -> RenderError {
    RenderErrorReason::Other(format!("no text for key `{key}`")).into()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// A remembered text is the text Fluent formats for those arguments, the first time and
    /// every time after, for numbers (which choose plural forms) and strings alike.
    #[test]
    fn a_remembered_text_is_the_text_itself() {
        let calls = (0..2_000)
            .map(|n| ("seconds", json!(n)))
            .chain((0..50).map(|n| ("seconds-ago", json!(n))))
            .chain(["abc", "<b>'", "1", "김민지", "5:ab"].map(|name| ("logged-in-as", json!(name))))
            .chain([("seconds", json!("1")), ("seconds", json!(1.5))]);
        for lang in Lang::ALL {
            for (key, value) in calls.clone() {
                let name = if key == "logged-in-as" { "user" } else { "n" };
                let args = [(name, &value)];
                let fresh = with_args(lang, key, args.iter().copied()).unwrap();
                for _ in 0..2 {
                    let kept = remembered(lang, key, args.iter().copied()).unwrap();
                    assert_eq!(&*kept, fresh, "{key} {value} in {lang:?}");
                }
            }
        }
        let one = |value: Value| with_args(Lang::En, "seconds", [("n", &value)].into_iter());
        assert_ne!(one(json!(1)).unwrap(), one(json!(2)).unwrap(), "plural forms");
    }

    /// Calls that differ in any part never share an id, whatever their values hold.
    #[test]
    fn different_calls_have_different_ids() {
        let (one, text_one, tricky) = (json!(1), json!("1"), json!("1:b1:s"));
        let ids = [
            remembered_id("k", [("n", &one)].into_iter()),
            remembered_id("k", [("n", &text_one)].into_iter()),
            remembered_id("k", [("n", &tricky)].into_iter()),
            remembered_id("k", [("n", &text_one), ("b", &text_one)].into_iter()),
            remembered_id("kn", [("", &one)].into_iter()),
        ];
        for (i, a) in ids.iter().enumerate() {
            for b in &ids[i + 1..] {
                assert_ne!(a, b);
            }
        }
    }

    /// However many different arguments requests bring, the remembered texts stay bounded (the
    /// margin: other tests render pages at the same time, each of which may add one).
    #[test]
    fn remembered_texts_are_bounded() {
        for n in 0..(REMEMBERED_MAX + 500) {
            let name = json!(format!("student{n}"));
            remembered(Lang::Ko, "logged-in-as", [("user", &name)].into_iter()).unwrap();
            assert!(REMEMBERED[Lang::Ko as usize].len() <= REMEMBERED_MAX + 16);
        }
    }
}
