//! The real binary over real HTTP: what only a socket shows (raw bytes in headers, the exact
//! Cookie header a client sent) and what only the process output shows (its log lines).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// The `session-lab` binary on a free loopback port, with everything it prints collected.
struct Server {
    child: Child,
    port: u16,
    output: Arc<Mutex<String>>,
}

impl Server {
    fn start(env: &[(&str, &str)]) -> Server {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let mut command = Command::new(env!("CARGO_BIN_EXE_session-lab"));
        command
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("ROCKET_ADDRESS", "127.0.0.1")
            .env("ROCKET_PORT", port.to_string())
            .env("ROCKET_LOG_LEVEL", "debug")
            .env("ROCKET_CLI_COLORS", "false")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (key, value) in env {
            command.env(key, value);
        }
        let mut child = command.spawn().expect("the binary starts");
        let output = Arc::new(Mutex::new(String::new()));
        for pipe in [
            child.stdout.take().map(|p| Box::new(p) as Box<dyn Read + Send>),
            child.stderr.take().map(|p| Box::new(p) as Box<dyn Read + Send>),
        ] {
            let (Some(pipe), output) = (pipe, Arc::clone(&output)) else {
                continue;
            };
            thread::spawn(move || {
                for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                    let mut out = output.lock().unwrap();
                    out.push_str(&line);
                    out.push('\n');
                }
            });
        }
        let server = Server { child, port, output };
        let deadline = Instant::now() + Duration::from_secs(60);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "the server did not start:\n{}",
                server.output()
            );
            thread::sleep(Duration::from_millis(50));
        }
        server
    }

    fn output(&self) -> String {
        self.output.lock().unwrap().clone()
    }

    /// Sends raw request bytes and returns the status, the headers and the body.
    fn send(&self, request: &[u8]) -> Reply {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        stream.write_all(request).unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        let text = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|l| l.split(' ').nth(1))
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let headers = lines
            .filter_map(|l| l.split_once(": "))
            .map(|(k, v)| (k.to_ascii_lowercase(), v.to_owned()))
            .collect();
        Reply {
            status,
            headers,
            body: body.to_owned(),
        }
    }

    fn get(&self, path: &str, cookie: Option<&str>) -> Reply {
        let cookie = cookie.map(|c| format!("Cookie: {c}\r\n")).unwrap_or_default();
        self.send(format!("GET {path} HTTP/1.1\r\nHost: localhost\r\n{cookie}Connection: close\r\n\r\n").as_bytes())
    }

    fn post(&self, path: &str, body: &str, cookie: Option<&str>) -> Reply {
        let cookie = cookie.map(|c| format!("Cookie: {c}\r\n")).unwrap_or_default();
        let request = format!(
            "POST {path} HTTP/1.1\r\nHost: localhost\r\n{cookie}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        self.send(request.as_bytes())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn set_cookie_value(&self, name: &str) -> Option<String> {
        self.headers
            .iter()
            .filter(|(k, _)| k == "set-cookie")
            .find_map(|(_, v)| {
                v.strip_prefix(&format!("{name}="))
                    .map(|rest| rest.split(';').next().unwrap_or("").to_owned())
            })
    }
}

#[test]
fn the_binary_serves_both_flows_and_logs_no_password_or_session_id() {
    let server = Server::start(&[]);
    let printed = server.output();
    let line = printed
        .lines()
        .find(|l| l.contains("instructor login is `teacher`"))
        .expect("the generated password is printed");
    let generated = line
        .split('`')
        .nth(3)
        .expect("the password between backticks")
        .to_owned();
    assert_eq!(generated.len(), 16);

    let password = "Zq9-distinctive-pw";
    let registered = server.post("/register", &format!("username=loggy&password={password}"), None);
    assert_eq!(registered.status, 303);

    let cookie_login = server.post("/cookie/login", &format!("username=loggy&password={password}"), None);
    assert_eq!(cookie_login.status, 303);
    assert_eq!(cookie_login.set_cookie_value("password").as_deref(), Some(password));

    let session_login = server.post(
        "/session/login",
        &format!("username=teacher&password={generated}"),
        None,
    );
    assert_eq!(session_login.status, 303);
    let sid = session_login.set_cookie_value("sid").expect("a sid");
    assert_eq!(
        server.get("/session/staff", Some(&format!("sid={sid}"))).status,
        200,
        "the printed password works"
    );
    let failed = server.post("/session/login", &format!("username=loggy&password={password}x"), None);
    assert_eq!(failed.status, 401);

    thread::sleep(Duration::from_millis(300));
    let log = server.output();
    assert!(log.contains("POST /session/login"), "debug logging was on:\n{log}");
    assert_eq!(
        log.matches(&generated).count(),
        1,
        "the generated password is printed once, never again"
    );
    assert!(!log.contains(password), "no password in the log");
    assert!(!log.contains(&sid), "no full session id in the log");
    assert!(!log.contains(&sid[..16]), "not even a prefix of it");
}

#[test]
fn raw_bytes_in_cookie_headers_are_simply_not_logged_in() {
    let server = Server::start(&[("ROCKET_INSTRUCTOR_PASSWORD", "not-used-here")]);
    let mut cases: Vec<Vec<u8>> = vec![
        b"sid=\xff\xfe\xfd".to_vec(),
        b"sid=AAAA\x00BBBB".to_vec(),
        b"sid=../../../../etc/passwd".to_vec(),
        b"username=\xc3\x28; password=\xa0\xa1; role=instructor\x80".to_vec(),
    ];
    cases.push(format!("sid={}", "A".repeat(10 * 1024)).into_bytes());
    for cookie in cases {
        for path in ["/session", "/cookie", "/session/inspect", "/cookie/inspect"] {
            let mut request =
                format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nCookie: ").into_bytes();
            request.extend_from_slice(&cookie);
            request.extend_from_slice(b"\r\n\r\n");
            let reply = server.send(&request);
            assert!(
                reply.status == 200 || (400..500).contains(&reply.status),
                "{path} {cookie:?}: {}",
                reply.status
            );
            if path.ends_with("inspect") && reply.status == 200 {
                assert!(reply.body.contains("\"logged_in\":false"), "{path}: {}", reply.body);
            }
        }
    }
    assert_eq!(server.get("/healthz", None).status, 200, "still serving");
}

#[test]
fn inspect_shows_the_cookie_header_exactly_as_sent() {
    let server = Server::start(&[("ROCKET_INSTRUCTOR_PASSWORD", "not-used-here")]);
    let header = "username=abc; password=1234; role=student; theme=dark";
    let reply = server.get("/cookie/inspect", Some(header));
    let report: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(report["cookie_header"], header);
    assert_eq!(report["cookie_bytes"], header.len());
    assert_eq!(report["logged_in"], true);
}
