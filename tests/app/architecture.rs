//! The layers of docs/architecture.md, checked: every top-level module of src/ belongs to one
//! layer, depends only on its own layer or lower ones, and no two modules depend on each other
//! (directly or through others). A new module must be placed in a layer here to pass.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Lowest first; a module may use modules of its own layer and of the layers before it.
const LAYERS: [(&str, &[&str]); 5] = [
    (
        "leaves",
        &[
            "bounded",
            "browser_id",
            "clock",
            "config",
            "cookies",
            "credentials",
            "events",
            "flow",
            "ids",
            "lang",
            "record",
        ],
    ),
    ("storage", &["storage"]),
    ("services", &["accounts", "presets", "relay", "session", "signing"]),
    (
        "web",
        &[
            "assets",
            "auth",
            "catchers",
            "client",
            "cross_site",
            "error",
            "explain",
            "flows",
            "headers",
            "i18n",
            "inspector",
            "instructor",
            "lab",
            "pages",
            "register",
            "view",
        ],
    ),
    ("wiring", &["state"]),
];

/// Top-level module -> the other top-level modules its code names as `crate::…` (comments aside).
fn dependencies() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (path, text) in crate::helpers::files_under("src") {
        let relative = path.strip_prefix(&src).unwrap();
        let top = relative
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_owned();
        // The crate roots, and src/bin's programs (class-sim), which use only the public library.
        if top == "lib" || top == "main" || top == "bin" {
            continue;
        }
        let code: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        let uses = graph.entry(top.clone()).or_default();
        for part in code.split("crate::").skip(1) {
            let name: String = part
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
                .collect();
            if !name.is_empty() && name != top {
                uses.insert(name);
            }
        }
    }
    graph
}

#[test]
fn modules_stand_in_layers_and_depend_only_downwards() {
    let graph = dependencies();
    let layer_of = |module: &str| LAYERS.iter().position(|(_, modules)| modules.contains(&module));
    assert!(graph.len() > 25, "found the modules: {graph:?}");
    for (module, uses) in &graph {
        let Some(own) = layer_of(module) else {
            panic!("src/{module} is in no layer: add it to LAYERS and to docs/architecture.md");
        };
        for used in uses {
            let theirs = layer_of(used).unwrap_or_else(|| panic!("{module} uses {used}, which is in no layer"));
            assert!(
                theirs <= own,
                "{module} ({}) uses {used} ({}): dependencies point down, never up",
                LAYERS[own].0,
                LAYERS[theirs].0
            );
        }
    }
}

#[test]
fn no_two_modules_depend_on_each_other() {
    let graph = dependencies();
    let reaches = |from: &str, to: &str| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.to_owned()];
        while let Some(module) = stack.pop() {
            for next in graph.get(&module).into_iter().flatten() {
                if next == to {
                    return true;
                }
                if seen.insert(next.clone()) {
                    stack.push(next.clone());
                }
            }
        }
        false
    };
    for (module, uses) in &graph {
        for used in uses {
            assert!(
                !reaches(used, module),
                "a cycle: {module} uses {used}, which leads back to {module}"
            );
        }
    }
}

/// Lines that differ between two files: both files' lengths minus twice their longest common
/// subsequence of lines (what a minimal `diff` prints as `<` and `>` lines).
fn changed_lines(a: &str, b: &str) -> usize {
    let (a, b): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    let mut row = vec![0usize; b.len() + 1];
    for line in &a {
        let mut diagonal = 0;
        for (j, other) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if line == other { diagonal + 1 } else { above.max(row[j]) };
            diagonal = above;
        }
    }
    a.len() + b.len() - 2 * row[b.len()]
}

/// The cookie and session flows are mirror images: their diff is the lesson (which cookies,
/// readable or `HttpOnly`, where the role comes from, what logout deletes), at most 150 lines.
#[test]
fn the_cookie_and_session_flows_differ_only_by_the_lesson() {
    let read = |file: &str| std::fs::read_to_string(Path::new("src/flows").join(file)).unwrap();
    let (cookie, session) = (read("cookie.rs"), read("session.rs"));
    assert!(cookie.contains(".http_only(false)") && session.contains(".http_only(true)"));
    assert_eq!(changed_lines("a\nb\nc\n", "a\nx\nc\nd\n"), 3, "the measure itself");
    let changed = changed_lines(&cookie, &session);
    assert!(
        changed <= 150,
        "diff src/flows/cookie.rs src/flows/session.rs: {changed} changed lines"
    );
}
