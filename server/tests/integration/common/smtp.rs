//! A real SMTP server for the mail tests: aiosmtpd (PyPI, pinned in `scripts/testpython.sh`)
//! with its Mailbox handler, which stores every mail it receives in a Maildir. The mails are read
//! back by Python's own e-mail parser (`scripts/mail_pruefen.py`).

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Postfach {
    kind: Child,
    pub port: u16,
    pub verzeichnis: std::path::PathBuf,
}

impl Postfach {
    /// Starts a server on a free loopback port and waits until it accepts connections.
    pub async fn starten() -> Postfach {
        let python = Command::new("../scripts/testpython.sh").output().expect("scripts/testpython.sh");
        assert!(python.status.success(), "{}", String::from_utf8_lossy(&python.stderr));
        let python = String::from_utf8(python.stdout).unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let verzeichnis = std::env::temp_dir().join(format!("ozg-postfach-{}-{port}", std::process::id()));
        let kind = Command::new(python.trim())
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}"), "-c", "aiosmtpd.handlers.Mailbox"])
            .arg(&verzeichnis)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("aiosmtpd");
        let bis = Instant::now() + Duration::from_secs(20);
        while tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_err() {
            assert!(Instant::now() < bis, "aiosmtpd auf Port {port} startet nicht");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Postfach { kind, port, verzeichnis }
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every mail received so far, as Python's parser reads it (sorted by recipient, subject).
    pub fn mails(&self) -> Vec<serde_json::Value> {
        if !self.verzeichnis.join("new").exists() {
            return vec![];
        }
        let v = super::unabhaengig_pruefen("mail_pruefen.py", &self.verzeichnis.display().to_string());
        v.as_array().cloned().unwrap_or_default()
    }
}

impl Drop for Postfach {
    fn drop(&mut self) {
        let _ = self.kind.kill();
        let _ = self.kind.wait();
        let _ = std::fs::remove_dir_all(&self.verzeichnis);
    }
}
