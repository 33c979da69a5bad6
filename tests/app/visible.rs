//! Making the difference visible: the inspector's panes, /compare, /explain and its measured
//! numbers, and the locales behind every sentence.

use std::collections::BTreeSet;

use rocket::http::Status;

use crate::helpers::{figment, form, set_cookies, spawn_app, spawn_app_with, Browser, INSTRUCTOR_PASSWORD};

/// The text of the element with this `id` (the first run of text inside it).
fn text_of(page: &str, id: &str) -> Option<String> {
    let start = page.find(&format!("id=\"{id}\""))?;
    let after = &page[start..];
    let open = after.find('>')? + 1;
    let close = after[open..].find('<')?;
    Some(after[open..open + close].trim().to_owned())
}

fn number_of(page: &str, id: &str) -> f64 {
    text_of(page, id)
        .and_then(|t| t.parse().ok())
        .unwrap_or_else(|| panic!("no number with id {id}"))
}

/// The inspector's "server set" pane of a page.
fn set_pane(page: &str) -> String {
    let start = page.find("id=\"pane-set\"").expect("a server-set pane");
    let end = page[start..].find("</article>").expect("the pane ends") + start;
    page[start..end].replace("&#x3D;", "=")
}

#[test]
fn every_flow_page_carries_the_four_inspector_panes() {
    let app = spawn_app();
    let student = app.browser();
    student.login("cookie", "abc", "1234");
    student.login("session", "abc", "1234");
    for path in [
        "/cookie",
        "/cookie/login",
        "/cookie/staff",
        "/session",
        "/session/login",
        "/session/staff",
    ] {
        let page = student.get(path).into_string().unwrap();
        for pane in ["pane-sent", "pane-set", "pane-js", "pane-stores"] {
            assert!(page.contains(&format!("id=\"{pane}\"")), "{path} lacks {pane}");
        }
        assert!(
            page.contains("src=\"/static/js/app.js\""),
            "{path}: the live pane's script"
        );
    }
}

#[test]
fn the_server_set_pane_shows_the_login_response_lines_after_the_redirect() {
    let app = spawn_app();
    let student = app.browser();
    student.get("/session/login");
    let login = student.login("session", "abc", "1234");
    let sent = set_cookies(&login);
    let sid = student.cookie("sid").unwrap();
    let page = student.get("/session").into_string().unwrap();
    let pane = set_pane(&page);
    let expected = sent[0].replacen(&sid, "…", 1);
    assert!(pane.contains(&format!("Set-Cookie: {expected}")), "{expected}\n{pane}");
    assert!(pane.contains("HttpOnly") && pane.contains("SameSite=Lax") && pane.contains("Path=/"));
    assert!(
        !page.contains(&sid),
        "the page never prints the id: HttpOnly would mean nothing"
    );

    let logout = student.logout("session");
    let removal = set_cookies(&logout)
        .into_iter()
        .find(|l| l.starts_with("sid="))
        .unwrap();
    let pane = set_pane(&student.get("/session").into_string().unwrap());
    assert!(pane.contains(&format!("Set-Cookie: {removal}")), "{removal}\n{pane}");
    assert!(pane.contains("Max-Age=0"));
}

#[test]
fn the_cookie_flow_pane_shows_every_line_and_keeps_no_password() {
    let app = spawn_app();
    let student = app.browser();
    student.get("/cookie/login");
    let login = student.login_remembered("cookie", "abc", "1234");
    let page = student.get("/cookie").into_string().unwrap();
    let pane = set_pane(&page);
    for line in set_cookies(&login) {
        let shown = if line.starts_with("password=") {
            line.replacen("password=1234", "password=…", 1)
        } else {
            line
        };
        assert!(pane.contains(&format!("Set-Cookie: {shown}")), "{shown}\n{pane}");
    }
    assert!(
        !pane.contains("1234"),
        "the server keeps no password, not even for the inspector"
    );
    assert!(pane.contains("Max-Age=2592000"));
}

#[test]
fn one_browsers_receipts_never_reach_another() {
    let app = spawn_app();
    let first = app.browser();
    first.get("/cookie/login");
    first.login("cookie", "abc", "1234");
    assert!(set_pane(&first.get("/cookie").into_string().unwrap()).contains("Set-Cookie: username=abc"));

    let second = app.browser();
    second.get("/cookie/login");
    for pair in first
        .cookie_header_for("/cookie")
        .unwrap()
        .split("; ")
        .filter(|p| !p.starts_with("inspector="))
    {
        let (name, value) = pair.split_once('=').unwrap();
        second.set_cookie(name, value, "/cookie");
    }
    let pane = set_pane(&second.get("/cookie").into_string().unwrap());
    assert!(
        pane.contains("Nothing yet"),
        "same credentials, another browser: nothing of the first's\n{pane}"
    );
}

#[test]
fn the_server_stores_pane_shows_the_record_or_nothing() {
    let app = spawn_app();
    let student = app.browser();
    student.login("session", "abc", "1234");
    let page = student.get("/session").into_string().unwrap();
    let stores = &page[page.find("id=\"pane-stores\"").unwrap()..];
    assert!(stores.contains("<code>abc</code>") && stores.contains("<code>student</code>"));
    assert!(
        stores.contains("class=\"countdown\" data-expires-ms=\""),
        "the countdown runs in the browser"
    );

    student.login("cookie", "abc", "1234");
    let page = student.get("/cookie").into_string().unwrap();
    let stores = &page[page.find("id=\"pane-stores\"").unwrap()..];
    assert!(stores.contains("Nothing. This server remembers nobody between requests."));
    assert!(stores.contains("checked the password against the stored Argon2id hash"));
}

#[test]
fn compare_frames_both_flows_with_a_row_of_facts() {
    let app = spawn_app();
    let page = app.browser().get("/compare").into_string().unwrap();
    assert!(page.contains("id=\"frame-cookie\"") && page.contains("src=\"/cookie\""));
    assert!(page.contains("id=\"frame-session\"") && page.contains("src=\"/session\""));
    for fact in [
        "fact-bytes-cookie",
        "fact-bytes-session",
        "fact-js-cookie",
        "fact-js-session",
        "fact-server-cookie",
        "fact-server-session",
    ] {
        assert!(page.contains(&format!("id=\"{fact}\"")), "{fact}");
    }
    let framed = app.browser().get("/cookie");
    assert_eq!(
        framed.headers().get_one("X-Frame-Options"),
        Some("SAMEORIGIN"),
        "this origin may frame its own pages"
    );
}

#[test]
fn explain_draws_all_three_flows_and_cites_its_sources() {
    let app = spawn_app();
    let page = app.browser().get("/explain").into_string().unwrap();
    assert_eq!(page.matches("class=\"sequence\"").count(), 3);
    assert_eq!(page.matches("class=\"msg ").count(), 18, "six steps each");
    for source in [
        "rfc6265",
        "developer.mozilla.org",
        "cheatsheetseries.owasp.org",
        "flask.palletsprojects.com",
    ] {
        assert!(page.contains(source), "{source}");
    }
    assert!(
        page.contains("SESSION_PERMANENT"),
        "the tutorial's misconception, corrected"
    );
    assert!(page.contains("Nothing measured yet"), "no numbers before any request");
    // The topics a teacher expects, each with its source.
    for topic in [
        "localStorage",
        "HTML5 Security Cheat Sheet",
        "section 8.5",
        "__Host-",
        "4.1.3",
        "The hash is not keyed",
        "Flask signs that cookie",
        "Synchronizer Token Pattern",
    ] {
        assert!(page.replace("&quot;", "\"").contains(topic), "/explain teaches {topic}");
    }
    let signed = app.browser().get("/lab/signed").into_string().unwrap();
    assert!(signed.contains("deny-list") && signed.contains("version number per user"));
}

/// The pairs of `header` whose names are in `names`, joined as a browser joins them.
fn own_cookies(header: &str, names: &[&str]) -> String {
    let own = |pair: &&str| names.iter().any(|name| pair.starts_with(&format!("{name}=")));
    header.split("; ").filter(own).collect::<Vec<_>>().join("; ")
}

/// The number an element with this `id` shows, or `None` when the page has no such element.
fn maybe_number(page: &str, id: &str) -> Option<f64> {
    text_of(page, id).and_then(|t| t.parse().ok())
}

/// /compare shows each flow's own cookies only: the inspector's `flow_cookie_bytes` leaves out
/// the lab's cookies, the other flows' cookies and anything else the browser holds.
#[test]
fn each_flows_byte_count_counts_only_its_own_cookies() {
    let app = spawn_app();
    let student = app.browser();
    student.login("cookie", "abc", "1234");
    student.login("session", "abc", "1234");
    student.set_cookie("theme", "dark-and-long-enough-to-notice", "/");
    for (flow, names) in [
        ("cookie", &["username", "password", "role"][..]),
        ("session", &["sid"][..]),
    ] {
        let path = format!("/{flow}/inspect");
        let header = student.cookie_header_for(&path).unwrap();
        let report = crate::helpers::json(student.get(&path));
        assert_eq!(report["cookie_bytes"], header.len(), "{flow}: the whole header");
        let own = own_cookies(&header, names);
        assert_eq!(report["flow_cookie_bytes"], own.len(), "{flow}: only {own}");
        assert!(
            own.len() < header.len(),
            "{flow}: the header carried more than the flow's cookies"
        );
    }
}

#[test]
fn explain_has_three_columns_in_both_languages_and_its_numbers_follow_the_configuration() {
    let app = spawn_app();
    for (lang, headings) in [
        ("en", ["Credentials in cookies", "Signed cookie", "Server session"]),
        ("ko", ["쿠키에 인증 정보", "서명된 쿠키", "서버 세션"]),
    ] {
        let page = app
            .browser()
            .get(&format!("/explain?lang={lang}"))
            .into_string()
            .unwrap();
        for class in ["cookie", "signed", "session"] {
            assert!(
                page.contains(&format!("<th scope=\"col\" class=\"{class}\">")),
                "{lang}: {class} column"
            );
        }
        for heading in headings {
            assert!(page.contains(heading), "{lang}: {heading}");
        }
        for id in [
            "probe-cookie-us",
            "probe-signed-us",
            "probe-session-us",
            "record-bytes",
            "bytes-signed-probe",
        ] {
            assert!(number_of(&page, id) > 0.0, "{lang}: {id} is measured before any login");
        }
        assert!(
            page.contains("저장위치") && page.contains("무조건 만료"),
            "{lang}: the seed's table, as written"
        );
    }

    // The anti-pattern's cost is the configured hash cost, measured: make the hash far cheaper and
    // the number falls with it (by orders of magnitude, so a busy machine cannot blur it).
    let default_cost = number_of(&app.browser().get("/explain").into_string().unwrap(), "probe-cookie-us");
    let cheap = spawn_app_with(
        figment()
            .merge(("password_hash_memory_kib", 8))
            .merge(("password_hash_iterations", 1)),
    );
    let page = cheap.browser().get("/explain").into_string().unwrap();
    let cheap_cost = number_of(&page, "probe-cookie-us");
    assert!(
        cheap_cost * 20.0 < default_cost,
        "m = 8 KiB, t = 1 must cost far less than m = 19 MiB, t = 2: {cheap_cost} µs vs {default_cost} µs"
    );
    assert!(
        page.replace("&#x3D;", "=").contains("m = 8 KiB, t = 1"),
        "the cell names the cost it measured"
    );
    assert!(
        maybe_number(&page, "rate-cookie").unwrap()
            > maybe_number(&app.browser().get("/explain").into_string().unwrap(), "rate-cookie").unwrap()
    );

    // The session column names the store it measured.
    let folder = std::env::temp_dir().join(format!("explain-file-store-{}", std::process::id()));
    let file = spawn_app_with(
        figment()
            .merge(("session_store", "file"))
            .merge(("session_dir", folder.display().to_string())),
    );
    let page = file.browser().get("/explain").into_string().unwrap();
    assert!(page.contains("one lookup in the file store"));
    assert!(number_of(&page, "probe-session-us") > 0.0);
    let _ = std::fs::remove_dir_all(folder);
}

#[test]
fn explain_numbers_come_from_real_requests_and_follow_the_inputs() {
    let app = spawn_app();
    let long = "a much longer password, with spaces; = and % in it!";
    app.browser()
        .post_form("/register", &form(&[("username", "longpw"), ("password", long)]));

    let short_user = app.browser();
    short_user.login("cookie", "abc", "1234");
    let sent = own_cookies(
        &short_user.cookie_header_for("/cookie").unwrap(),
        &["username", "password", "role"],
    );
    short_user.get("/cookie");
    let page = app.browser().get("/explain").into_string().unwrap();
    let short = number_of(&page, "bytes-cookie-last");
    assert_eq!(
        short as usize,
        sent.len(),
        "exactly the flow's own cookies as sent: {sent}"
    );
    assert!(number_of(&page, "check-cookie-avg") > 0.0);

    let long_user = app.browser();
    long_user.login("cookie", "longpw", long);
    long_user.get("/cookie");
    let longer = number_of(
        &app.browser().get("/explain").into_string().unwrap(),
        "bytes-cookie-last",
    );
    assert!(
        longer > short,
        "a longer password makes every request longer: {short} -> {longer}"
    );

    long_user.set_cookie("theme", "a-cookie-that-has-nothing-to-do-with-login", "/");
    long_user.get("/cookie");
    let more = number_of(
        &app.browser().get("/explain").into_string().unwrap(),
        "bytes-cookie-last",
    );
    assert_eq!(more, longer, "a cookie of no flow is not counted against the flow");

    let session = app.browser();
    session.login("session", "abc", "1234");
    let sent = own_cookies(&session.cookie_header_for("/session").unwrap(), &["sid"]);
    session.get("/session");
    let page = app.browser().get("/explain").into_string().unwrap();
    assert_eq!(number_of(&page, "bytes-session-last") as usize, sent.len());
    // Which check is faster is a benchmark's business (docs/performance.md), not a test's: here
    // both numbers must come from the requests just made.
    assert!(
        number_of(&page, "check-session-avg") > 0.0,
        "measured on the session flow's lookups"
    );
    assert!(
        number_of(&page, "check-cookie-avg") > 0.0,
        "measured on the cookie flow's hashes"
    );
}

fn keys(file: &str) -> BTreeSet<String> {
    let path = format!("{}/locales/{file}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_lowercase()))
        .filter_map(|l| l.split_once(" =").map(|(k, _)| k.trim().to_owned()))
        .collect()
}

#[test]
fn every_key_exists_in_both_locales_and_every_used_key_exists() {
    let (en, ko) = (keys("en/main.ftl"), keys("ko/main.ftl"));
    assert_eq!(
        en.difference(&ko).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "missing in Korean"
    );
    assert_eq!(
        ko.difference(&en).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "missing in English"
    );
    let mut used = BTreeSet::new();
    for (_, text) in crate::helpers::files_under("templates") {
        for part in text.split("{{t \"").skip(1) {
            used.insert(part.split('"').next().unwrap().to_owned());
        }
        // `(flow_key "pane-js-{flow}" …)` names one key per flow.
        for part in text.split("(flow_key \"").skip(1) {
            let pattern = part.split('"').next().unwrap();
            for flow in ["cookie", "session", "signed"] {
                used.insert(pattern.replace("{flow}", flow));
            }
        }
    }
    assert!(used.len() > 100, "found the keys in templates");
    assert_eq!(
        used.difference(&en).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "used but not defined"
    );
}

/// Every locale key that the Rust code names as a string (error messages, notes, diagram steps)
/// exists in both languages: the templates' `{{t error}}` and `{{t label}}` take them at run time.
#[test]
fn every_key_the_code_names_exists_in_both_locales() {
    let (en, ko) = (keys("en/main.ftl"), keys("ko/main.ftl"));
    let not_keys = [
        "browser-id",
        "by-user",
        "collector-ticket",
        "form-token",
        "kebab-case",
        "no-store",
        "same-origin",
        // Redis key names.
        "weak-counter",
        // HTTP header names and values, and the CSRF lesson's variants.
        "cache-control",
        "content-security-policy",
        "content-type",
        "cross-site",
        "no-referrer",
        "referrer-policy",
        "same-site",
        "x-content-type-options",
    ];
    let mut named = BTreeSet::new();
    // src/bin holds programs that show no page (class-sim), so none of their strings is a key.
    let programs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/bin");
    for (_, text) in crate::helpers::files_under("src")
        .into_iter()
        .filter(|(path, _)| !path.starts_with(&programs))
    {
        for literal in text.split('"').skip(1).step_by(2) {
            let shaped = literal.contains('-')
                && !literal.ends_with('-')
                && literal.starts_with(|c: char| c.is_ascii_lowercase())
                && literal
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if shaped && !not_keys.contains(&literal) {
                named.insert(literal.to_owned());
            }
        }
    }
    assert!(named.len() > 40, "found the keys in the code: {named:?}");
    for key in &named {
        assert!(
            en.contains(key) && ko.contains(key),
            "{key} is named in src/ but missing in a locale"
        );
    }
}

/// The literal parts of every English sentence (placeables removed), long enough to mean
/// something. (No such part is shared with the Korean locale today; one that must be would be
/// listed here, not filtered by reading ko, which would hide English copied into it.)
fn english_sentences() -> Vec<String> {
    let read = |file: &str| std::fs::read_to_string(format!("{}/locales/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let en = read("en/main.ftl");
    let shared: [&str; 0] = [];
    let mut sentences = Vec::new();
    for line in en.lines() {
        let value = match line.split_once(" = ") {
            Some((key, value)) if key.starts_with(|c: char| c.is_ascii_lowercase()) => value,
            _ if line.starts_with("    ") => line.trim(),
            _ => continue,
        };
        for fragment in value.split(['{', '}']).step_by(2) {
            let fragment = fragment.trim();
            // What a page shows escaped: quotes and equals signs become entities.
            let escaped = fragment.contains(['"', '=', '\'', '<', '>', '&', '`']);
            if fragment.chars().count() >= 24 && !escaped && !shared.contains(&fragment) {
                sentences.push(fragment.to_owned());
            }
        }
    }
    sentences
}

/// Every page a Korean student or instructor can reach, as each sees it, logged in to all flows.
fn korean_pages(app: &crate::helpers::TestApp) -> Vec<(String, String)> {
    let student = app.browser();
    student.set_cookie("lang", "ko", "/");
    for flow in ["cookie", "session", "signed"] {
        student.login(flow, "abc", "1234");
    }
    let teacher = app.browser();
    teacher.set_cookie("lang", "ko", "/");
    teacher.login("session", "teacher", INSTRUCTOR_PASSWORD);
    let mut pages: Vec<(String, String)> = Vec::new();
    let mut visit = |who: &Browser<'_>, path: &str| pages.push((path.to_owned(), who.get(path).into_string().unwrap()));
    for path in [
        "/",
        "/compare",
        "/compare?third=signed",
        "/explain",
        "/register",
        "/lab",
        "/lab/stolen",
        "/cookie",
        "/cookie/login",
        "/cookie/staff",
        "/cookie/wire",
        "/cookie/board",
        "/session",
        "/session/login",
        "/session/staff",
        "/session/wire",
        "/session/board",
        "/session/password",
        "/signed",
        "/signed/login",
        "/signed/staff",
        "/no-such-page",
    ] {
        visit(&student, path);
    }
    for lesson in session_lab::lab::LESSONS {
        visit(&student, &format!("/lab/{lesson}"));
    }
    visit(&teacher, "/instructor");
    visit(&teacher, "/session/staff");
    let register = student.post_form("/register", &form(&[("username", "A B"), ("password", "x")]));
    pages.push(("/register (refused)".into(), register.into_string().unwrap()));
    let refused = student.login("cookie", "abc", "wrong");
    pages.push(("/cookie/login (refused)".into(), refused.into_string().unwrap()));
    pages
}

#[test]
fn the_korean_pages_are_korean_throughout() {
    let english = english_sentences();
    assert!(english.len() > 200, "{} sentences", english.len());
    let app = spawn_app();
    let pages = korean_pages(&app);
    assert!(pages.len() > 30);
    for (path, page) in &pages {
        assert!(page.contains("lang=\"ko\""), "{path} is served in Korean");
        for sentence in &english {
            assert!(!page.contains(sentence.as_str()), "{path} shows English: {sentence:?}");
        }
        // The glossary's register: students are 여러분, the person in a story is 사용자 or 피해자.
        assert!(!page.contains("당신"), "{path} says 당신");
    }
    let ko = std::fs::read_to_string(format!("{}/locales/ko/main.ftl", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let says = ko.lines().filter(|line| line.contains("당신")).collect::<Vec<_>>();
    assert!(says.is_empty(), "the Korean locale says 당신: {says:#?}");
}

/// Latin-script words a Korean page may show (docs/glossary.md): code identifiers, cookie,
/// header and attribute names, units, and proper names. Acronyms, words with digits and
/// identifiers with `_` or `.` pass without being listed; quoted titles and `<cite>`d works, as
/// published, are not read at all.
#[rustfmt::skip]
const LATIN_ALLOWED: &[&str] = &[
    // Cookie and header names, attributes and their values.
    "Cookie", "Set-Cookie", "HttpOnly", "Secure", "SameSite", "Lax", "Strict", "None", "Max-Age", "Expires",
    "Path", "Domain", "Origin", "Referer", "Content-Security-Policy", "Strict-Transport-Security",
    "Clear-Site-Data", "Sec-Fetch-Site", "Host-", "Secure-", "sid", "signed", "username", "password", "role", "inspector", "lang",
    "instructor", "student", "sandbox",
    // Accounts, code, URL schemes and configuration values.
    "abc", "teacher", "memory", "file", "redis", "maxmemory", "filesystem", "mongodb", "sqlalchemy", "True", "False", "true", "false", "http", "https", "passwd",
    "itsdangerous", "localStorage", "sessionStorage", "fetch", "base64url", "md5", "SessionID", "a-z",
    // Units.
    "s", "m", "t", "B", "KiB", "MiB", "ms",
    // Proper names.
    "session-lab", "English", "JavaScript", "Redis", "SQLite", "PostgreSQL", "MongoDB", "memcached", "Flask", "Flask-Session", "Chromium", "Rocket", "Rust",
    "nginx", "localhost", "Argon2id", "Handlebars", "Fluent", "Python", "Django", "Java",
];

fn latin_words(page: &str) -> Vec<String> {
    // Markup that holds code or published titles, then every tag, then quoted titles.
    let mut text = page.to_owned();
    for tag in [
        "script", "style", "code", "pre", "kbd", "samp", "textarea", "cite", "title",
    ] {
        while let Some(start) = text.find(&format!("<{tag}")) {
            let close = format!("</{tag}>");
            let Some(end) = text[start..].find(&close) else { break };
            text.replace_range(start..start + end + close.len(), " ");
        }
    }
    let mut plain = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                plain.push(' ');
            }
            _ if !in_tag => plain.push(c),
            _ => {}
        }
    }
    let plain = plain
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#x3D;", "=")
        .replace("&amp;", "&");
    let mut unquoted = String::new();
    let mut quote: Option<char> = None;
    for c in plain.chars() {
        match (quote, c) {
            (None, '"' | '“' | '‘') => {
                quote = Some(if c == '"' {
                    '"'
                } else if c == '“' {
                    '”'
                } else {
                    '’'
                })
            }
            (Some(end), _) if c == end => quote = None,
            (None, _) => unquoted.push(c),
            _ => {}
        }
    }
    let mut words = Vec::new();
    for token in unquoted.split(|c: char| !(c.is_ascii_alphanumeric() || "-_./".contains(c))) {
        // A path such as /healthz or /cookie/login is a route, not a word.
        let path = token.starts_with('/') || token.contains('/');
        let token = token.trim_matches(|c: char| ".-/".contains(c));
        if path || token.is_empty() || !token.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let acronym = token.chars().all(|c| !c.is_ascii_lowercase());
        let identifier = token.contains(['_', '.']) || token.chars().any(|c| c.is_ascii_digit());
        if !acronym && !identifier && !LATIN_ALLOWED.contains(&token) {
            words.push(token.to_owned());
        }
    }
    words
}

#[test]
fn the_korean_pages_show_no_english_words() {
    assert_eq!(
        latin_words("<p>세션 <code>document.cookie</code> login \"Manual Session Expiration\" HttpOnly RFC 6265</p>"),
        ["login"]
    );
    let app = spawn_app();
    let found: Vec<(String, Vec<String>)> = korean_pages(&app)
        .into_iter()
        .map(|(path, page)| (path, latin_words(&page)))
        .filter(|(_, words)| !words.is_empty())
        .collect();
    assert!(
        found.is_empty(),
        "Latin-script words outside the allow-list: {found:#?}"
    );
}

#[test]
fn korean_pages_carry_their_korean_headings() {
    let app = spawn_app();
    let student = app.browser();
    student.set_cookie("lang", "ko", "/");
    student.login("session", "abc", "1234");
    for (path, phrase) in [
        ("/explain", "작동 원리와 그 대가"),
        ("/compare", "두 방식을 나란히"),
        ("/session", "인스펙터"),
        ("/cookie/login", "로그인: 쿠키 방식"),
    ] {
        let page = student.get(path).into_string().unwrap();
        assert!(page.contains(phrase), "{path}");
        assert!(
            !page.contains("The server stores") && !page.contains("Step by step"),
            "{path}: no English left"
        );
    }
    let teacher = app.browser();
    teacher.login("session", "teacher", INSTRUCTOR_PASSWORD);
    assert_eq!(teacher.get("/session/staff").status(), Status::Ok);
}

#[test]
fn httponly_values_are_never_shown_back_in_a_page_or_json() {
    let app = spawn_app();
    let student = app.browser();
    student.get("/session/login");
    student.login("session", "abc", "1234");
    let sid = student.cookie("sid").unwrap();
    let inspector = student.cookie("inspector").unwrap();
    for path in [
        "/session",
        "/session/inspect",
        "/session/staff",
        "/cookie",
        "/cookie/inspect",
        "/session/login",
    ] {
        let body = student.get(path).into_string().unwrap();
        assert!(
            !body.contains(&sid[..12]) && !body.contains(&inspector[..12]),
            "{path} reflects an HttpOnly value"
        );
    }
    let report = crate::helpers::json(student.get("/session/inspect"));
    let header = report["cookie_header"].as_str().unwrap();
    assert!(header.contains(&format!("sid={}", "*".repeat(sid.len()))), "{header}");
    assert_eq!(report["cookie_bytes"], header.len(), "masking keeps every length true");
}
