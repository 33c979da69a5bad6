//! Private PostgreSQL and memcached servers for one test each, like [`crate::redis_server`]: a
//! free loopback port, a temporary folder, stopped when dropped.

use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use tempfile::TempDir;

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn wait_for(port: u16, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "{what} did not start on port {port}");
        sleep(Duration::from_millis(20));
    }
}

fn running_as_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// PostgreSQL refuses to run as root; as root, the servers run as Debian's `postgres` user.
fn as_server_user(program: PathBuf) -> Command {
    if running_as_root() {
        let mut command = Command::new("runuser");
        command.args(["-u", "postgres", "--"]).arg(program);
        command
    } else {
        Command::new(program)
    }
}

/// The newest `/usr/lib/postgresql/<version>/bin`.
fn postgres_bin() -> PathBuf {
    let mut versions: Vec<u32> = std::fs::read_dir("/usr/lib/postgresql")
        .expect("postgresql is installed (./scripts/test installs it)")
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse().ok())
        .collect();
    versions.sort_unstable();
    let version = versions.last().expect("a postgresql version is installed");
    PathBuf::from(format!("/usr/lib/postgresql/{version}/bin"))
}

pub struct PostgresServer {
    pub port: u16,
    dir: TempDir,
    child: Option<Child>,
}

impl PostgresServer {
    /// `initdb` (trust on loopback, no fsync) and a running server with an empty database.
    pub fn start() -> PostgresServer {
        let dir = tempfile::tempdir().unwrap();
        if running_as_root() {
            let status = Command::new("chown").arg("postgres").arg(dir.path()).status().unwrap();
            assert!(status.success(), "chown the server's folder to postgres");
        }
        let status = as_server_user(postgres_bin().join("initdb"))
            .arg("-D")
            .arg(dir.path().join("data"))
            .args(["-A", "trust", "-U", "postgres", "-N", "-E", "UTF8", "--locale=C"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("initdb runs");
        assert!(status.success(), "initdb failed");
        let mut server = PostgresServer {
            port: free_port(),
            dir,
            child: None,
        };
        server.run();
        server
    }

    fn run(&mut self) {
        let child = as_server_user(postgres_bin().join("postgres"))
            .arg("-D")
            .arg(self.dir.path().join("data"))
            .args(["-p", &self.port.to_string(), "-k"])
            .arg(self.dir.path())
            .args(["-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("postgres runs");
        self.child = Some(child);
        wait_for(self.port, "postgres");
        // The port opens a moment before connections are accepted.
        let deadline = Instant::now() + Duration::from_secs(20);
        while !Command::new(postgres_bin().join("pg_isready"))
            .args(["-q", "-h", "127.0.0.1", "-p", &self.port.to_string()])
            .status()
            .is_ok_and(|s| s.success())
        {
            assert!(Instant::now() < deadline, "postgres did not accept connections");
            sleep(Duration::from_millis(50));
        }
    }

    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    /// Stops the server (a fast shutdown: connections are closed), as an outage would.
    pub fn stop(&mut self) {
        let Some(mut child) = self.child.take() else {
            return;
        };
        // The server's own pid (runuser may stand in between): SIGINT is its fast shutdown.
        let pid_file = self.dir.path().join("data/postmaster.pid");
        let pid: Option<libc::pid_t> = std::fs::read_to_string(&pid_file)
            .ok()
            .and_then(|text| text.lines().next()?.trim().parse().ok());
        // SAFETY: kill with a pid and a signal number has no memory effects.
        unsafe { libc::kill(pid.unwrap_or(child.id() as libc::pid_t), libc::SIGINT) };
        let deadline = Instant::now() + Duration::from_secs(20);
        while pid_file.exists() && Instant::now() < deadline {
            sleep(Duration::from_millis(20));
        }
        let _ = child.kill();
        let _ = child.wait();
    }

    /// Starts it again on the same port with the same data.
    pub fn restart(&mut self) {
        self.stop();
        self.run();
    }
}

impl Drop for PostgresServer {
    fn drop(&mut self) {
        self.stop();
    }
}

pub struct MemcachedServer {
    pub port: u16,
    /// `-m` and any `-o` options.
    options: Vec<String>,
    child: Option<Child>,
}

impl MemcachedServer {
    /// memcached as packaged: 64 MB, segmented LRU.
    pub fn start() -> MemcachedServer {
        MemcachedServer::with_options(&["-m", "64"])
    }

    /// A server that keeps at most `megabytes` of items (`-m`) and, when full, evicts the least
    /// recently used item of the needed size whether or not it was read since (a single LRU,
    /// `-o no_lru_maintainer`). memcached's default segmented LRU lets an item read soon after
    /// it was written skip eviction for a while, which makes *which* item goes first a matter of
    /// timing.
    pub fn with_memory(megabytes: u32) -> MemcachedServer {
        MemcachedServer::with_options(&["-m", &megabytes.to_string(), "-o", "no_lru_maintainer"])
    }

    fn with_options(options: &[&str]) -> MemcachedServer {
        let mut server = MemcachedServer {
            port: free_port(),
            options: options.iter().map(|o| (*o).to_owned()).collect(),
            child: None,
        };
        server.run();
        server
    }

    fn run(&mut self) {
        let mut command = Command::new("memcached");
        command.args(["-p", &self.port.to_string(), "-l", "127.0.0.1", "-U", "0"]);
        command.args(&self.options);
        if running_as_root() {
            command.args(["-u", "root"]);
        }
        let child = command
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("memcached is installed (./scripts/test installs it)");
        self.child = Some(child);
        wait_for(self.port, "memcached");
    }

    pub fn url(&self) -> String {
        format!("memcache://127.0.0.1:{}", self.port)
    }

    /// Kills the server: every item is gone, as after any restart of memcached.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Starts it again on the same port, empty.
    pub fn restart(&mut self) {
        self.stop();
        self.run();
    }
}

impl Drop for MemcachedServer {
    fn drop(&mut self) {
        self.stop();
    }
}
