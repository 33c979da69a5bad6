//! `class-sim` (run by `scripts/class-sim`): a class of simulated students against one server.
//!
//! Each student has its own cookie jar (cookies kept by name and path, sent where the browser
//! would send them) and its own loopback address (127.0.0.2 upwards), arrives at a random moment of the ramp (a class does not press Enter in the
//! same millisecond), registers its own account and logs in to the cookie, session and signed
//! flows with a second or two of typing before each form; then, once the whole class is in,
//! until the time is up it clicks, with a think time between clicks, through `/compare`,
//! `/explain`, the three flows' pages and every lesson, submitting one of the lesson page's own
//! forms (hidden fields as the page gave them, text fields filled in) after opening it. Redirects
//! are followed like a browser's.
//!
//! An error is a request that failed to complete (connection, timeout) or answered 5xx or 429;
//! the lessons' own refusals (401, 403, 404 on purpose) are answers, not errors. The p99 is over
//! the requests that do not verify a password (logins and the cookie flow's pages hash one each,
//! by design). Resident memory is the server's, read from /proc: of the process the simulator
//! started, or of the one listening on the `--base` port on this machine.
//!
//! Prints `class-sim students=<N> requests=<R> errors=<E> p99=<ms> rss-start=<KiB> rss-end=<KiB>`
//! where rss-start is sampled a minute in (a quarter of the run when shorter), once every
//! student is past its logins, and a line per kind of request after it.

use std::collections::{BTreeMap, HashMap};
use std::net::{Ipv4Addr, Ipv6Addr};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::header::{HeaderValue, CONTENT_TYPE, COOKIE, LOCATION, SET_COOKIE};
use hyper::{Method, Request, StatusCode};
use hyper_util::client::legacy::{connect::HttpConnector, Client};
use hyper_util::rt::TokioExecutor;
use rand::Rng;
use rocket::tokio;

const USAGE: &str = "usage: class-sim --students N --seconds S [--base URL] [--think-ms MS] [--ramp-ms MS]

  --students N   simulated students, each with its own cookie jar and account (1-1000)
  --seconds S    how long they click, once all have logged in (1-3600)
  --base URL     a running server on this machine (http://127.0.0.1:8000); without it, the session-lab binary
                 next to this one is started on a free loopback port with the memory store
  --think-ms MS  mean pause between one student's clicks (default 1000)
  --ramp-ms MS   students arrive spread over this long before registering (default 20000); the
                 S seconds start once every student has logged in to the three flows";

/// Pages whose own forms a student submits: the nine lessons and the XSS lesson's two boards.
const LESSONS: [&str; 11] = [
    "/lab/tamper",
    "/lab/hijack",
    "/lab/guess",
    "/lab/fixation",
    "/lab/xss",
    "/lab/sniff",
    "/lab/expiry",
    "/lab/signed",
    "/lab/csrf",
    "/cookie/board",
    "/session/board",
];
const PAGES: [&str; 8] = [
    "/compare",
    "/explain",
    "/session",
    "/cookie",
    "/signed",
    "/session/inspect",
    "/lab",
    "/",
];
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

struct Options {
    students: usize,
    seconds: u64,
    base: Option<String>,
    think_ms: u64,
    ramp_ms: u64,
}

fn options() -> Result<Options, String> {
    let mut args = std::env::args().skip(1);
    let (mut students, mut seconds, mut base, mut think_ms, mut ramp_ms) = (None, None, None, 1000, 20_000);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--students" => students = Some(number(&value("--students")?, 1, 1000)?),
            "--seconds" => seconds = Some(number(&value("--seconds")?, 1, 3600)? as u64),
            "--base" => base = Some(loopback(&value("--base")?)?),
            "--think-ms" => think_ms = number(&value("--think-ms")?, 0, 60_000)? as u64,
            "--ramp-ms" => ramp_ms = number(&value("--ramp-ms")?, 0, 600_000)? as u64,
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(Options {
        students: students.ok_or("--students is required")?,
        seconds: seconds.ok_or("--seconds is required")?,
        base,
        think_ms,
        ramp_ms,
    })
}

/// A load generator aimed at someone else's server is an attack: only this machine's addresses.
fn loopback(base: &str) -> Result<String, String> {
    let base = base.trim_end_matches('/');
    let host = base.strip_prefix("http://").unwrap_or_default();
    let on_this_machine = ["127.0.0.1", "localhost", "[::1]"]
        .iter()
        .any(|h| host == *h || host.strip_prefix(h).is_some_and(|rest| rest.starts_with(':')));
    if on_this_machine {
        Ok(base.to_owned())
    } else {
        Err(format!(
            "{base}: --base must be http:// on this machine (127.0.0.1, localhost or [::1])"
        ))
    }
}

fn number(text: &str, min: usize, max: usize) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(format!("{text}: expected a number from {min} to {max}")),
    }
}

/// What the whole class measured.
#[derive(Default)]
struct Tally {
    requests: u64,
    errors: u64,
    /// Latencies in microseconds by kind of request ("GET /compare", "POST /lab/hijack/steal").
    by_kind: BTreeMap<String, Vec<u64>>,
    /// Kinds that verify a password, left out of the headline p99.
    hashing: Vec<String>,
    first_errors: Vec<String>,
}

struct Student {
    client: Client<HttpConnector, Full<Bytes>>,
    base: String,
    /// (name, path) → value.
    jar: HashMap<(String, String), String>,
    tally: Arc<Mutex<Tally>>,
}

impl Student {
    fn cookie_header(&self, path: &str) -> String {
        let mut pairs: Vec<String> = self
            .jar
            .iter()
            .filter(|((_, scope), _)| {
                path == scope || path.starts_with(&format!("{}/", scope.trim_end_matches('/'))) || scope == "/"
            })
            .map(|((name, _), value)| format!("{name}={value}"))
            .collect();
        pairs.sort();
        pairs.join("; ")
    }

    fn keep_cookies(&mut self, headers: &hyper::HeaderMap) {
        for line in headers.get_all(SET_COOKIE).iter().filter_map(|v| v.to_str().ok()) {
            let mut parts = line.split(';').map(str::trim);
            let Some((name, value)) = parts.next().and_then(|p| p.split_once('=')) else {
                continue;
            };
            let mut path = "/".to_owned();
            let mut gone = false;
            for attribute in parts {
                let (key, val) = attribute.split_once('=').unwrap_or((attribute, ""));
                match key.to_ascii_lowercase().as_str() {
                    "path" => path = val.to_owned(),
                    "max-age" => gone |= val.starts_with('0') || val.starts_with('-'),
                    "expires" => gone |= val.contains("1970"),
                    _ => {}
                }
            }
            let key = (name.to_owned(), path);
            if gone {
                self.jar.remove(&key);
            } else {
                self.jar.insert(key, value.to_owned());
            }
        }
    }

    /// One request, recorded; `None` when it did not complete.
    async fn send(&mut self, method: Method, path: &str, form: Option<String>, kind: &str) -> Option<String> {
        let mut request = Request::builder().method(method).uri(format!("{}{path}", self.base));
        let cookies = self.cookie_header(path.split(['?', '#']).next().unwrap_or(path));
        if !cookies.is_empty() {
            request = request.header(COOKIE, cookies);
        }
        let body = match form {
            Some(form) => {
                request = request.header(
                    CONTENT_TYPE,
                    HeaderValue::from_static("application/x-www-form-urlencoded"),
                );
                Full::new(Bytes::from(form))
            }
            None => Full::new(Bytes::new()),
        };
        let started = Instant::now();
        let outcome = match request.body(body) {
            Ok(request) => tokio::time::timeout(REQUEST_TIMEOUT, async {
                let response = self.client.request(request).await.map_err(|e| e.to_string())?;
                let (parts, body) = response.into_parts();
                let bytes = body.collect().await.map_err(|e| e.to_string())?.to_bytes();
                Ok::<_, String>((parts, bytes))
            })
            .await
            .unwrap_or_else(|_| Err("timed out".to_owned())),
            Err(e) => Err(e.to_string()),
        };
        let micros = started.elapsed().as_micros() as u64;
        let page = match outcome {
            Ok((parts, bytes)) => {
                self.keep_cookies(&parts.headers);
                let location = parts
                    .headers
                    .get(LOCATION)
                    .and_then(|l| l.to_str().ok())
                    .map(str::to_owned);
                Some((parts.status, String::from_utf8_lossy(&bytes).into_owned(), location))
            }
            Err(e) => {
                self.record(kind, micros, Some(format!("{kind}: {e}")));
                return None;
            }
        };
        let (status, body, location) = page?;
        let failed = status.is_server_error() || status == StatusCode::TOO_MANY_REQUESTS;
        self.record(kind, micros, failed.then(|| format!("{kind}: {status}")));
        match location {
            Some(next) if status.is_redirection() && next.starts_with('/') => {
                let kind = format!("GET {}", route_of(&next));
                Box::pin(self.send(Method::GET, &next, None, &kind)).await
            }
            _ => Some(body),
        }
    }

    fn record(&self, kind: &str, micros: u64, error: Option<String>) {
        let mut tally = self.tally.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        tally.requests += 1;
        tally.by_kind.entry(kind.to_owned()).or_default().push(micros);
        if let Some(error) = error {
            tally.errors += 1;
            if tally.first_errors.len() < 10 {
                tally.first_errors.push(error);
            }
        }
    }

    async fn get(&mut self, path: &str) -> Option<String> {
        let kind = format!("GET {}", route_of(path));
        self.send(Method::GET, path, None, &kind).await
    }

    async fn post(&mut self, path: &str, fields: &[(String, String)]) -> Option<String> {
        let kind = format!("POST {}", route_of(path));
        self.send(Method::POST, path, Some(encode(fields)), &kind).await
    }

    /// Opens a lesson and submits one of its own forms, as a student clicking a button would.
    async fn lesson(&mut self, lesson: &str, credentials: &(String, String)) {
        let Some(page) = self.get(lesson).await else {
            return;
        };
        let lesson_form = |f: &Form| {
            f.action.starts_with("/lab/")
                || f.action.starts_with("/signed/lab-")
                || f.action.ends_with("/board")
                || f.action == "/cookie/csrf-samesite"
        };
        let forms: Vec<Form> = forms(&page).into_iter().filter(lesson_form).collect();
        if forms.is_empty() {
            return;
        }
        let pick = rand::rng().random_range(0..forms.len());
        let mut form = forms[pick].clone();
        for (name, value) in &mut form.fields {
            match name.as_str() {
                "username" => *value = credentials.0.clone(),
                "password" => *value = credentials.1.clone(),
                _ if value.is_empty() => *value = "hello from the class simulation".to_owned(),
                _ => {}
            }
        }
        let action = form.action.split('#').next().unwrap_or_default().to_owned();
        if form.post {
            self.post(&action, &form.fields).await;
        } else {
            let query = encode(&form.fields);
            self.get(&format!("{action}?{query}")).await;
        }
    }
}

/// The route a path belongs to, for the per-kind lines: no query, no ids.
fn route_of(path: &str) -> String {
    path.split(['?', '#']).next().unwrap_or(path).to_owned()
}

fn encode(fields: &[(String, String)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", escape(k), escape(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn escape(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            b' ' => "+".to_owned(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[derive(Clone)]
struct Form {
    action: String,
    post: bool,
    fields: Vec<(String, String)>,
}

/// The forms of a page the server rendered: action, method and the fields a click would send
/// (inputs, textareas, the first option of a select, the submit button's own name and value).
fn forms(html: &str) -> Vec<Form> {
    let mut found = Vec::new();
    for chunk in html.split("<form").skip(1) {
        let Some((open, rest)) = chunk.split_once('>') else {
            continue;
        };
        let body = rest.split("</form>").next().unwrap_or_default();
        let Some(action) = attribute(open, "action") else {
            continue;
        };
        let post = attribute(open, "method").is_some_and(|m| m.eq_ignore_ascii_case("post"));
        let mut fields = Vec::new();
        let mut button = None;
        for tag in body.split('<').skip(1) {
            let tag = tag.split('>').next().unwrap_or_default();
            let name = attribute(tag, "name");
            if tag.starts_with("input") {
                let kind = attribute(tag, "type").unwrap_or_else(|| "text".to_owned());
                let Some(name) = name else { continue };
                match kind.as_str() {
                    "checkbox" | "radio" if !tag.contains("checked") => {}
                    "submit" if button.is_some() => {}
                    "submit" => button = Some((name, attribute(tag, "value").unwrap_or_default())),
                    _ => fields.push((name, attribute(tag, "value").unwrap_or_default())),
                }
            } else if tag.starts_with("textarea") || tag.starts_with("select") {
                if let Some(name) = name {
                    fields.push((name, String::new()));
                }
            } else if tag.starts_with("option") {
                if let (Some(last), Some(value)) = (fields.last_mut(), attribute(tag, "value")) {
                    if last.1.is_empty() {
                        last.1 = value;
                    }
                }
            } else if tag.starts_with("button") && button.is_none() {
                if let Some(name) = name {
                    button = Some((name, attribute(tag, "value").unwrap_or_default()));
                }
            }
        }
        fields.extend(button);
        found.push(Form { action, post, fields });
    }
    found
}

/// One attribute's value from a tag's text, with the entities Handlebars writes undone.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let value = tag[at..].split('"').next()?;
    Some(
        value
            .replace("&quot;", "\"")
            .replace("&#x27;", "'")
            .replace("&#x3D;", "=")
            .replace("&#x60;", "`")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&"),
    )
}

/// Student `index`'s own address on the loopback network (127.0.0.2 upwards), as each student
/// of a class has a machine of its own: the server's per-address limits (registrations, lab
/// desks, the password throttle) then count per student, as they would in a classroom. (A server
/// on `[::1]` sees every student at that one address.)
fn address_of(index: usize) -> Ipv4Addr {
    let n = index + 2;
    Ipv4Addr::new(127, 0, (n / 256) as u8, (n % 256) as u8)
}

async fn student(
    index: usize,
    run: u32,
    options: Arc<Options>,
    base: String,
    tally: Arc<Mutex<Tally>>,
    logged_in: Arc<tokio::sync::Barrier>,
) {
    let mut connector = HttpConnector::new();
    connector.set_local_addresses(address_of(index), Ipv6Addr::LOCALHOST);
    let mut student = Student {
        client: Client::builder(TokioExecutor::new()).build(connector),
        base,
        jar: HashMap::new(),
        tally,
    };
    let credentials = (format!("sim{run}-{index}"), format!("pw-{run}-{index}-class"));
    let fields = |c: &(String, String)| {
        vec![
            ("username".to_owned(), c.0.clone()),
            ("password".to_owned(), c.1.clone()),
        ]
    };
    // A class arrives over the ramp, and a person takes a moment to type each form.
    let typing = || Duration::from_millis(rand::rng().random_range(500..=2000));
    let arrival = Duration::from_millis(rand::rng().random_range(0..=options.ramp_ms));
    tokio::time::sleep(arrival).await;
    student.get("/register").await;
    tokio::time::sleep(typing()).await;
    student.post("/register", &fields(&credentials)).await;
    for flow in ["cookie", "session", "signed"] {
        student.get(&format!("/{flow}/login")).await;
        tokio::time::sleep(typing()).await;
        student.post(&format!("/{flow}/login"), &fields(&credentials)).await;
    }
    // The clock starts once everybody is logged in; a slow login phase does not eat the run.
    logged_in.wait().await;
    let deadline = Instant::now() + Duration::from_secs(options.seconds);
    while Instant::now() < deadline {
        let think = if options.think_ms == 0 {
            0
        } else {
            rand::rng().random_range(options.think_ms / 2..=options.think_ms * 3 / 2)
        };
        tokio::time::sleep(Duration::from_millis(think)).await;
        if Instant::now() >= deadline {
            break;
        }
        let choice = rand::rng().random_range(0..PAGES.len() + LESSONS.len());
        match PAGES.get(choice) {
            Some(page) => {
                student.get(page).await;
            }
            None => student.lesson(LESSONS[choice - PAGES.len()], &credentials).await,
        }
    }
}

/// Resident memory of a process, in KiB.
fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))?
                .split_whitespace()
                .nth(1)?
                .parse()
                .ok()
        })
        .unwrap_or(0)
}

/// The process on this machine listening on `port` (through /proc: the socket's inode, then the
/// process holding it), when it is ours to read.
fn listener_pid(port: u16) -> Option<u32> {
    let wanted = format!(":{port:04X}");
    let mut inodes = Vec::new();
    for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
        for line in std::fs::read_to_string(table).unwrap_or_default().lines().skip(1) {
            let cols: Vec<&str> = line.split_whitespace().collect();
            if cols.len() > 9 && cols[1].ends_with(&wanted) && cols[3] == "0A" {
                inodes.push(format!("socket:[{}]", cols[9]));
            }
        }
    }
    for entry in std::fs::read_dir("/proc").ok()?.flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(fds) = std::fs::read_dir(entry.path().join("fd")) else {
            continue;
        };
        for fd in fds.flatten() {
            if let Ok(target) = std::fs::read_link(fd.path()) {
                if inodes.iter().any(|i| target.to_string_lossy() == *i) {
                    return Some(pid);
                }
            }
        }
    }
    None
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start_server() -> Result<(Server, String), String> {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_err(|e| e.to_string())?
        .port();
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let server = exe.with_file_name("session-lab");
    let child = Command::new(&server)
        .env("ROCKET_PORT", port.to_string())
        .env("ROCKET_ADDRESS", "127.0.0.1")
        .env("ROCKET_LOG_LEVEL", "critical")
        .env("ROCKET_INSTRUCTOR_PASSWORD", "class-sim-instructor")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("{}: {e}", server.display()))?;
    Ok((Server(child), format!("http://127.0.0.1:{port}")))
}

async fn wait_until_up(base: &str) -> Result<(), String> {
    let client: Client<HttpConnector, Full<Bytes>> = Client::builder(TokioExecutor::new()).build_http();
    for _ in 0..200 {
        let uri = format!("{base}/healthz")
            .parse::<hyper::Uri>()
            .map_err(|e| e.to_string())?;
        if let Ok(response) = client.get(uri).await {
            if response.status().is_success() {
                return Ok(());
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Err(format!("{base}/healthz did not answer"))
}

fn percentile_ms(mut micros: Vec<u64>, pct: usize) -> f64 {
    if micros.is_empty() {
        return 0.0;
    }
    micros.sort_unstable();
    let at = (micros.len() * pct / 100).min(micros.len() - 1);
    micros[at] as f64 / 1000.0
}

#[rocket::main]
async fn main() {
    let options = match options() {
        Ok(options) => Arc::new(options),
        Err(why) => {
            eprintln!("class-sim: {why}\n{USAGE}");
            std::process::exit(2);
        }
    };
    let (server, base) = match &options.base {
        Some(base) => (None, base.clone()),
        None => match start_server() {
            Ok((server, base)) => (Some(server), base),
            Err(why) => {
                eprintln!("class-sim: cannot start the server: {why}");
                std::process::exit(1);
            }
        },
    };
    if let Err(why) = wait_until_up(&base).await {
        eprintln!("class-sim: {why}");
        std::process::exit(1);
    }
    let pid = match &server {
        Some(server) => Some(server.0.id()),
        None => base
            .rsplit(':')
            .next()
            .and_then(|p| p.parse().ok())
            .filter(|_| base.contains("127.0.0.1") || base.contains("localhost"))
            .and_then(listener_pid),
    };
    let rss = || pid.map(rss_kib).unwrap_or(0);

    let tally = Arc::new(Mutex::new(Tally {
        hashing: [
            "POST /register",
            "POST /cookie/login",
            "POST /session/login",
            "POST /signed/login",
            "GET /cookie",
            "POST /lab/fixation/login-keeping-id",
            "POST /lab/fixation/login-real",
        ]
        .map(String::from)
        .to_vec(),
        ..Tally::default()
    }));
    let run: u32 = rand::rng().random_range(1000..10_000);
    let logged_in = Arc::new(tokio::sync::Barrier::new(options.students + 1));
    let mut students = Vec::new();
    for index in 0..options.students {
        students.push(tokio::spawn(student(
            index,
            run,
            Arc::clone(&options),
            base.clone(),
            Arc::clone(&tally),
            Arc::clone(&logged_in),
        )));
    }
    logged_in.wait().await;
    let settle = Duration::from_secs((options.seconds / 4).min(60));
    tokio::time::sleep(settle).await;
    let rss_start = rss();
    for student in students {
        let _ = student.await;
    }
    let rss_end = rss();

    let tally = Arc::try_unwrap(tally)
        .map(|m| m.into_inner().unwrap_or_else(|p| p.into_inner()))
        .unwrap_or_default();
    let quick: Vec<u64> = tally
        .by_kind
        .iter()
        .filter(|(kind, _)| !tally.hashing.contains(kind))
        .flat_map(|(_, v)| v.iter().copied())
        .collect();
    println!(
        "class-sim students={} requests={} errors={} p99={:.1} rss-start={rss_start} rss-end={rss_end}",
        options.students,
        tally.requests,
        tally.errors,
        percentile_ms(quick, 99)
    );
    for (kind, micros) in &tally.by_kind {
        let hashes = if tally.hashing.contains(kind) {
            " (verifies a password)"
        } else {
            ""
        };
        println!(
            "  {kind:<40} n={:<6} p50={:.1} p99={:.1}{hashes}",
            micros.len(),
            percentile_ms(micros.clone(), 50),
            percentile_ms(micros.clone(), 99)
        );
    }
    for error in &tally.first_errors {
        println!("  error: {error}");
    }
    drop(server);
    std::process::exit(if tally.errors == 0 { 0 } else { 1 });
}
