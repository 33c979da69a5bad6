//! One class over two instances of the real binary that share one Redis (no balancer: each step
//! names the instance it goes to, which is what a round-robin balancer does at random). What the
//! instructor switches, posts, events, revocations and weak ids reach both; losing Redis for a
//! moment loses nothing Redis kept, and the dashboard's feed says it is reconnecting meanwhile.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use session_lab::ids::SessionId;

use crate::real_server::{Reply, Server};
use crate::redis_server::{unique_prefix, RedisServer};

const TEACHER_PASSWORD: &str = "one-class-teacher-pw";

fn instance(redis: &RedisServer, prefix: &str, name: &str) -> Server {
    instance_with(redis, prefix, name, &[])
}

/// The same, with more of the configuration set.
fn instance_with(redis: &RedisServer, prefix: &str, name: &str, more: &[(&str, &str)]) -> Server {
    let url = redis.url();
    let mut env = vec![
        ("ROCKET_SESSION_STORE", "redis"),
        ("ROCKET_REDIS_URL", url.as_str()),
        ("ROCKET_REDIS_PREFIX", prefix),
        ("ROCKET_INSTANCE_NAME", name),
        ("ROCKET_INSTRUCTOR_PASSWORD", TEACHER_PASSWORD),
        ("ROCKET_LOG_LEVEL", "normal"),
    ];
    env.extend_from_slice(more);
    Server::start(&env)
}

/// Instances `a` and `b` of one class on `redis`, under a prefix of their own (returned too).
fn two_instances(redis: &RedisServer) -> (String, Server, Server) {
    let prefix = unique_prefix();
    let (a, b) = (instance(redis, &prefix, "a"), instance(redis, &prefix, "b"));
    (prefix, a, b)
}

/// A browser's cookies, kept across requests to either instance.
#[derive(Default)]
struct Jar(Vec<(String, String)>);

impl Jar {
    fn header(&self) -> Option<String> {
        (!self.0.is_empty()).then(|| {
            self.0
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; ")
        })
    }

    fn keep(&mut self, reply: &Reply) {
        for (_, value) in reply.headers.iter().filter(|(k, _)| k == "set-cookie") {
            let Some((name, rest)) = value.split_once('=') else {
                continue;
            };
            let cookie_value = rest.split(';').next().unwrap_or_default().to_owned();
            self.0.retain(|(k, _)| k != name);
            if !value.contains("Max-Age=0") && !cookie_value.is_empty() {
                self.0.push((name.to_owned(), cookie_value));
            }
        }
    }

    fn get(&mut self, server: &Server, path: &str) -> Reply {
        let reply = server.get(path, self.header().as_deref());
        self.keep(&reply);
        reply
    }

    fn post(&mut self, server: &Server, path: &str, body: &str) -> Reply {
        let reply = server.post(path, body, self.header().as_deref());
        self.keep(&reply);
        reply
    }

    fn value(&self, name: &str) -> Option<String> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
    }
}

fn location(reply: &Reply) -> &str {
    reply
        .headers
        .iter()
        .find(|(k, _)| k == "location")
        .map_or("", |(_, v)| v.as_str())
}

/// The value of the hidden input `name` (or with `id`) in a page.
fn hidden(page: &str, marker: &str) -> String {
    let at = page
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} in the page:\n{page}"));
    let value = &page[at..];
    let start = value.find("value=\"").unwrap() + 7;
    value[start..start + value[start..].find('"').unwrap()].to_owned()
}

fn log_in(jar: &mut Jar, server: &Server, user: &str, password: &str) -> Reply {
    jar.get(server, "/session/login");
    jar.post(
        server,
        "/session/login",
        &format!("username={user}&password={password}"),
    )
}

/// The teacher, logged in on `server`, with the dashboard's CSRF token.
fn teacher(server: &Server) -> (Jar, String) {
    let mut jar = Jar::default();
    let login = log_in(&mut jar, server, "teacher", TEACHER_PASSWORD);
    assert_eq!((login.status, location(&login)), (303, "/instructor"), "{}", login.body);
    let dashboard = jar.get(server, "/instructor");
    assert_eq!(dashboard.status, 200);
    let token = hidden(&dashboard.body, "id=\"dashboard-token\"");
    (jar, token)
}

fn control(jar: &mut Jar, server: &Server, token: &str, path: &str, fields: &str) {
    let reply = jar.post(server, path, &format!("csrf_token={token}&{fields}"));
    assert_eq!(reply.status, 303, "{path}: {}", reply.body);
}

fn student(server: &Server, user: &str, password: &str) -> Jar {
    let mut jar = Jar::default();
    let login = log_in(&mut jar, server, user, password);
    assert_eq!(login.status, 303, "{}", login.body);
    jar
}

/// The instructor's event stream, read as it arrives into a shared text (HTTP/1.0, so the
/// text is the stream itself, without chunk sizes).
struct Stream(Arc<Mutex<String>>);

impl Stream {
    fn open(server: &Server, jar: &Jar) -> Stream {
        let mut socket = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        let cookie = jar.header().unwrap();
        write!(
            socket,
            "GET /instructor/events HTTP/1.0\r\nHost: localhost\r\nCookie: {cookie}\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        let text = Arc::new(Mutex::new(String::new()));
        let sink = Arc::clone(&text);
        thread::spawn(move || {
            for line in BufReader::new(socket).lines().map_while(Result::ok) {
                let mut text = sink.lock().unwrap();
                text.push_str(&line);
                text.push('\n');
            }
        });
        Stream(text)
    }

    /// Waits up to `within` for `needle` to arrive (after `from` bytes); the position after it.
    fn wait_for(&self, needle: &str, from: usize, within: Duration) -> Option<usize> {
        let deadline = Instant::now() + within;
        loop {
            {
                let text = self.0.lock().unwrap();
                if let Some(at) = text.get(from..).and_then(|t| t.find(needle)) {
                    return Some(from + at + needle.len());
                }
            }
            if Instant::now() > deadline {
                return None;
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    fn text(&self) -> String {
        self.0.lock().unwrap().clone()
    }
}

fn session_seconds_left(jar: &mut Jar, server: &Server) -> u64 {
    let report = jar.get(server, "/session/inspect");
    let json: serde_json::Value = serde_json::from_str(&report.body).unwrap();
    assert_eq!(json["logged_in"], true, "{json}");
    json["expires_in_s"].as_u64().unwrap()
}

/// Everything stored under `prefix`, as one text (values of every type, lossily decoded).
fn redis_text(redis: &RedisServer, prefix: &str) -> String {
    use redis::Commands;
    let mut connection = redis::Client::open(redis.url()).unwrap().get_connection().unwrap();
    let keys: Vec<String> = connection.keys(format!("{prefix}*")).unwrap();
    assert!(
        keys.iter().any(|k| k.contains(":map:desk:v:")),
        "the desk is in Redis: {keys:?}"
    );
    let mut text = String::new();
    for key in keys {
        let kind: String = redis::cmd("TYPE").arg(&key).query(&mut connection).unwrap();
        let values: Vec<Vec<u8>> = match kind.as_str() {
            "string" => vec![connection.get(&key).unwrap()],
            "hash" => connection.hvals(&key).unwrap(),
            "list" => connection.lrange(&key, 0, -1).unwrap(),
            "set" => connection.smembers(&key).unwrap(),
            "zset" => connection.zrange(&key, 0, -1).unwrap(),
            _ => Vec::new(),
        };
        for value in values {
            text.push_str(&String::from_utf8_lossy(&value));
            text.push('\n');
        }
    }
    text
}

fn weak_counter(jar: &Jar) -> Option<u64> {
    jar.value("sid")?.parse::<SessionId>().ok()?.weak_counter()
}

#[test]
#[ignore = "needs redis-server; run ./scripts/test"]
fn two_instances_on_one_redis_are_one_class() {
    let redis = RedisServer::start();
    let (prefix, a, b) = two_instances(&redis);
    let (mut teacher_jar, token) = teacher(&a);
    let stream = Stream::open(&a, &teacher_jar);
    let live = stream
        .wait_for("event:feed\ndata:live", 0, Duration::from_secs(5))
        .unwrap_or_else(|| panic!("the feed says it is live:\n{}", stream.text()));

    // A student's login on B reaches the dashboard A serves within 2 s.
    let started = Instant::now();
    let mut mina = student(&b, "abc", "1234");
    assert!(
        stream
            .wait_for("\"kind\":\"login\"", live, Duration::from_secs(2))
            .is_some(),
        "a login on B in A's stream within 2 s:\n{}",
        stream.text()
    );
    assert!(started.elapsed() < Duration::from_secs(3));

    // A dashboard on an instance started later gets that login from Redis's recent list.
    let late = instance(&redis, &prefix, "late");
    let (late_teacher, _) = teacher(&late);
    let replay = Stream::open(&late, &late_teacher);
    assert!(
        replay.wait_for("\"user\":\"abc\"", 0, Duration::from_secs(5)).is_some(),
        "B's login, replayed to a dashboard opened later elsewhere:\n{}",
        replay.text()
    );
    drop(late);

    // The 30-second preset switched on A holds for a login on B.
    assert!(
        session_seconds_left(&mut mina, &b) > 60,
        "before the preset: the normal timeout"
    );
    control(&mut teacher_jar, &a, &token, "/instructor/preset/expiry", "on=true");
    let mut jun = student(&b, "abc", "1234");
    let left = session_seconds_left(&mut jun, &b);
    assert!((1..=30).contains(&left), "a 30-second session from B, {left} s left");

    // A post made on B appears on A's board and on A's dashboard.
    let board = jun.get(&b, "/session/board");
    let lab_token = hidden(&board.body, "name=\"token\"");
    let posted = jun.post(&b, "/session/board", &format!("token={lab_token}&body=hello-from-b"));
    assert_eq!(
        (posted.status, location(&posted)),
        (303, "/session/board#feedback"),
        "{}",
        posted.body
    );
    // The post runs in its author's browser on A too (one browser id for the class), and what
    // its script sends to A's collector is listed for that browser on B.
    let board_on_a = jun.get(&a, "/session/board").body;
    let collector = board_on_a
        .split("data-collector=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the author's own post runs on A")
        .replace("&amp;", "&")
        .replace("&#x3D;", "=");
    let sent = a.send(
        format!(
            "POST {collector} HTTP/1.1\r\nHost: localhost\r\nOrigin: http://localhost\r\nSec-Fetch-Site: same-origin\r\nCookie: {}\r\nContent-Type: text/plain\r\nContent-Length: 10\r\nConnection: close\r\n\r\nsent-via-a",
            jun.header().unwrap()
        )
        .as_bytes(),
    );
    assert_eq!(sent.status, 204, "{}", sent.body);
    assert!(
        jun.get(&b, "/lab/stolen").body.contains("sent-via-a"),
        "A's collector, listed on B"
    );
    let mut reader = student(&a, "abc", "1234");
    assert!(
        reader.get(&a, "/session/board").body.contains("hello-from-b"),
        "on A's board"
    );
    assert!(
        teacher_jar.get(&a, "/instructor").body.contains("hello-from-b"),
        "on A's dashboard"
    );

    // The weak-id preset switched on A changes the ids B issues, from one counter: B's guess
    // lesson shows the id A will issue next.
    control(&mut teacher_jar, &a, &token, "/instructor/preset/weak-ids", "on=true");
    let first = weak_counter(&student(&b, "abc", "1234")).expect("B issues a counter id");
    let second = weak_counter(&student(&a, "abc", "1234")).expect("A too");
    let third = weak_counter(&student(&a, "abc", "1234")).expect("and again");
    assert_eq!((second, third), (first + 1, first + 2), "one counter for the class");
    for _ in 0..2 {
        student(&a, "abc", "1234");
    }
    let guess = b.get("/lab/guess", None).body;
    assert!(
        guess.contains("WEAK SESSION IDS ARE ON"),
        "B's pages show the weak-id banner"
    );
    // The page shows the next three ids; B itself has issued only the first.
    let next = SessionId::weak_from_counter(third + 3).expose();
    assert!(
        guess.contains(&next),
        "B's guess lesson counts from the class's counter ({next})"
    );

    // A lab desk and a receipt written through B are read through A, and Redis holds the
    // stolen id only sealed.
    let hijack_token = hidden(&jun.get(&b, "/lab/hijack").body, "name=\"token\"");
    let stolen = jun.post(&b, "/lab/hijack/steal", &format!("token={hijack_token}"));
    assert_eq!(stolen.status, 303, "{}", stolen.body);
    assert!(
        jun.get(&a, "/lab/hijack").body.contains(&"*".repeat(43)),
        "B's desk, read on A"
    );
    assert!(
        jun.get(&a, "/session").body.contains("Set-Cookie: sid&#x3D;…"),
        "the receipt of the login on B, shown on A"
    );
    let sid = jun.value("sid").unwrap();
    assert!(
        !redis_text(&redis, &prefix).contains(&sid),
        "no Redis value holds the stolen id in clear"
    );

    // Without a configured signing_key, the key in Redis: a signed cookie and a lab form from A
    // work on B.
    let mut signer = Jar::default();
    signer.get(&a, "/signed/login");
    let signed = signer.post(&a, "/signed/login", "username=abc&password=1234");
    assert_eq!(signed.status, 303, "{}", signed.body);
    assert!(
        signer.get(&b, "/signed/inspect").body.contains("\"logged_in\":true"),
        "signed on A, valid on B"
    );
    let from_a = hidden(&jun.get(&a, "/session/board").body, "name=\"token\"");
    let posted = jun.post(&b, "/session/board", &format!("token={from_a}&body=form-from-a"));
    assert_eq!(posted.status, 303, "A's lab form accepted by B: {}", posted.body);

    // Revoking on A ends the session used on B.
    assert!(b
        .get("/session", mina.header().as_deref())
        .body
        .contains("logged in as abc"));
    control(&mut teacher_jar, &a, &token, "/instructor/revoke-user", "user=abc");
    let after = mina.get(&b, "/session/inspect");
    assert!(after.body.contains("\"logged_in\":false"), "{}", after.body);

    // Resetting the class on A empties what B shows: posts, desks, presets.
    control(&mut teacher_jar, &a, &token, "/instructor/reset", "stay=false");
    let mut fresh = student(&b, "abc", "1234");
    assert!(
        !fresh.get(&b, "/session/board").body.contains("hello-from-b"),
        "no posts"
    );
    assert!(!jun.get(&b, "/lab/hijack").body.contains(&"*".repeat(43)), "no desk");
    assert!(
        !b.get("/lab/guess", None).body.contains("WEAK SESSION IDS ARE ON"),
        "presets off"
    );
    let left = session_seconds_left(&mut fresh, &b);
    assert!(left > 60, "the normal timeout again, {left} s");
}

#[test]
#[ignore = "needs redis-server; run ./scripts/test"]
fn losing_redis_for_a_moment_loses_nothing_it_kept_and_the_feed_says_so() {
    let mut redis = RedisServer::start();
    let (_, a, b) = two_instances(&redis);
    let (mut teacher_jar, token) = teacher(&a);
    control(
        &mut teacher_jar,
        &a,
        &token,
        "/instructor/preset/class-board",
        "on=true",
    );
    let mut poster = student(&b, "abc", "1234");
    let board = poster.get(&b, "/session/board");
    let lab_token = hidden(&board.body, "name=\"token\"");
    poster.post(
        &b,
        "/session/board",
        &format!("token={lab_token}&body=kept-through-the-outage"),
    );
    // With the class board on, the post runs for a classmate, but never in the browser the
    // teacher used on A: not on B either, even once that browser no longer presents the session.
    let mut classmate = student(&a, "abc", "1234");
    assert!(
        classmate.get(&a, "/session/board").body.contains("data-collector="),
        "runs for a classmate"
    );
    let mut teachers_browser = Jar(vec![("inspector".into(), teacher_jar.value("inspector").unwrap())]);
    assert!(
        !teachers_browser
            .get(&b, "/session/board")
            .body
            .contains("data-collector="),
        "B knows the teacher's browser"
    );
    let stream = Stream::open(&a, &teacher_jar);
    let live = stream.wait_for("data:live", 0, Duration::from_secs(5)).expect("live");

    // Redis saves what it holds and goes away for a moment, as a restart with persistence does.
    let mut connection = redis::Client::open(redis.url()).unwrap().get_connection().unwrap();
    let _: () = redis::cmd("SAVE").query(&mut connection).unwrap();
    redis.stop();
    let down = stream
        .wait_for("data:reconnecting", live, Duration::from_secs(5))
        .unwrap_or_else(|| panic!("the feed says it is reconnecting:\n{}", stream.text()));
    assert_eq!(
        b.get("/session/board", poster.header().as_deref()).status,
        503,
        "no Redis, no board: 503"
    );
    redis.restart();
    let back = stream
        .wait_for("data:live", down, Duration::from_secs(10))
        .unwrap_or_else(|| panic!("the feed is live again:\n{}", stream.text()));

    // What Redis kept is all there, on both instances; events flow again.
    for server in [&a, &b] {
        let mut reader = student(server, "abc", "1234");
        let page = reader.get(server, "/session/board");
        assert!(page.body.contains("kept-through-the-outage"), "the post survived");
        assert!(page.body.contains("Class board ON"), "the class board is still on");
    }
    assert!(
        stream
            .wait_for("\"kind\":\"login\"", back, Duration::from_secs(2))
            .is_some(),
        "events arrive again:\n{}",
        stream.text()
    );
}

#[test]
#[ignore = "needs redis-server; run ./scripts/test"]
fn an_instance_that_started_without_redis_says_on_the_dashboard_that_its_key_is_its_own() {
    let mut redis = RedisServer::start();
    let prefix = unique_prefix();
    let shared = instance(&redis, &prefix, "a");
    redis.stop();
    let apart = instance(&redis, &prefix, "b");
    redis.restart();
    assert!(
        apart.output().contains("signs with its own key"),
        "said at start:\n{}",
        apart.output()
    );
    let (mut on_apart, _) = teacher(&apart);
    let page = on_apart.get(&apart, "/instructor").body;
    assert!(page.contains("id=\"key-apart\""), "the dashboard says so");
    let (mut on_shared, _) = teacher(&shared);
    assert!(
        !on_shared.get(&shared, "/instructor").body.contains("id=\"key-apart\""),
        "an instance with the class's key says nothing"
    );
}

#[test]
#[ignore = "needs redis-server; run ./scripts/test"]
fn password_guesses_spread_over_two_instances_are_counted_together() {
    let redis = RedisServer::start();
    let (_, a, b) = two_instances(&redis);
    for guess in 0..10 {
        let server = if guess % 2 == 0 { &a } else { &b };
        let reply = server.post("/cookie/login", &format!("username=abc&password=guess{guess}"), None);
        assert_eq!(reply.status, 401, "guess {guess}");
    }
    for server in [&a, &b] {
        let reply = server.post("/cookie/login", "username=abc&password=1234", None);
        assert_eq!(
            reply.status, 429,
            "ten failures in all: refused on both, even the right password"
        );
    }
}

/// One address's registrations count on every instance: a script that sends each to another
/// instance still stops at the limit, on all of them.
#[test]
#[ignore = "needs redis-server; run ./scripts/test"]
fn registrations_from_one_address_spread_over_two_instances_are_counted_together() {
    let redis = RedisServer::start();
    let prefix = unique_prefix();
    let limit = [("ROCKET_MAX_REGISTRATIONS_PER_ADDRESS", "3")];
    let (a, b) = (
        instance_with(&redis, &prefix, "a", &limit),
        instance_with(&redis, &prefix, "b", &limit),
    );
    for (i, server) in [&a, &b, &a].into_iter().enumerate() {
        let reply = server.post("/register", &format!("username=spread{i}&password=pw-1234-{i}"), None);
        assert_eq!(reply.status, 303, "registration {i}");
    }
    for server in [&a, &b] {
        let reply = server.post("/register", "username=spread9&password=pw-1234-9", None);
        assert_eq!(reply.status, 429, "three in all: refused on both");
        let wait: u64 = reply.header("retry-after").and_then(|s| s.parse().ok()).unwrap_or(0);
        assert!((3500..=3600).contains(&wait), "within the hour: {wait}");
    }
    let mut jar = Jar::default();
    assert_eq!(
        log_in(&mut jar, &b, "spread1", "pw-1234-1").status,
        303,
        "the accounts work"
    );
}

/// Twenty requests of one address racing for places in Redis: exactly the limit's number get
/// one. One script checks and counts; a check followed by a count would let all twenty through.
#[rocket::async_test]
#[ignore = "needs redis-server; run ./scripts/test"]
async fn places_taken_at_once_through_redis_never_exceed_the_limit() {
    use session_lab::accounts::limit::{Limit, Rule};
    let redis = RedisServer::start();
    let store = session_lab::storage::RedisStore::connect(&redis.url(), &unique_prefix()).unwrap();
    let rule = Rule {
        most: 5,
        window_ms: 60_000,
        keys: 10,
    };
    let limit: Limit<u8> = Limit::new(rule).shared(Some(store.class()), |k| format!("race:{k}"));
    let now = session_lab::clock::now_ms();
    let taken = rocket::futures::future::join_all((0..20).map(|_| limit.take(&1, now))).await;
    assert_eq!(taken.iter().filter(|t| t.is_ok()).count(), 5, "{taken:?}");
    assert!(limit.check(&1, now).await.is_err(), "the log is full");
    assert!(limit.take(&2, now).await.is_ok(), "another key");
}

#[test]
#[ignore = "needs redis-server; run ./scripts/test"]
fn a_redis_that_hangs_is_reported_as_reconnecting_not_frozen() {
    let redis = RedisServer::start();
    let (_, a, b) = two_instances(&redis);
    let (teacher_jar, _) = teacher(&a);
    let stream = Stream::open(&a, &teacher_jar);
    let live = stream.wait_for("data:live", 0, Duration::from_secs(5)).expect("live");
    redis.pause(true);
    let hung = stream
        .wait_for("data:reconnecting", live, Duration::from_secs(15))
        .unwrap_or_else(|| panic!("a paused Redis is noticed:\n{}", stream.text()));
    redis.pause(false);
    let back = stream
        .wait_for("data:live", hung, Duration::from_secs(10))
        .unwrap_or_else(|| panic!("live again once it answers:\n{}", stream.text()));
    student(&b, "abc", "1234");
    assert!(
        stream
            .wait_for("\"user\":\"abc\"", back, Duration::from_secs(2))
            .is_some(),
        "B's login arrives again:\n{}",
        stream.text()
    );
}
