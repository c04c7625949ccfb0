//! Bounded expensive work. CPU-heavy steps (password hashes, reading uploaded files) run on
//! tokio's blocking threads, which number up to 512: unbounded, 100 parallel logins took
//! ~800 MB for Argon2 alone. A `Schranke` lets as many run as half the cores, lets a few more
//! wait briefly, and turns everyone beyond that away at once, with a time to come back – the
//! caller answers 429 or 503 with `Retry-After` instead of queueing without end.

use std::sync::LazyLock;
use std::time::Duration;
use tokio::sync::Semaphore;

pub struct Schranke {
    name: &'static str,
    arbeit: Semaphore,
    warteplaetze: Semaphore,
    wartezeit: Duration,
}

/// Turned away: the server is busy with this kind of work.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Der Server ist gerade ausgelastet ({name}). Bitte versuchen Sie es in {sekunden} Sekunden erneut.")]
pub struct Ueberlast {
    pub name: &'static str,
    pub sekunden: u64,
}

fn kerne() -> usize {
    std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2)
}

/// Half the cores (at least one) for CPU-heavy work: the other half stays with the async
/// workers, so pages and saves keep answering while a login flood hashes (measured in the
/// stress run of `make bench`: with all cores hashing, a coordinator's save waited seconds).
fn haelfte() -> usize {
    (kerne() / 2).max(1)
}

impl Schranke {
    /// `parallel` at work, up to `wartend` more waiting at most `wartezeit` for a turn.
    pub fn neu(name: &'static str, parallel: usize, wartend: usize, wartezeit: Duration) -> Schranke {
        Schranke { name, arbeit: Semaphore::new(parallel), warteplaetze: Semaphore::new(wartend), wartezeit }
    }

    fn ueberlast(&self) -> Ueberlast {
        Ueberlast { name: self.name, sekunden: self.wartezeit.as_secs().max(1) }
    }

    /// Runs `f` on a blocking thread once a place is free.
    pub async fn blockierend<T: Send + 'static>(&self, f: impl FnOnce() -> T + Send + 'static) -> Result<T, Ueberlast> {
        let platz = match self.arbeit.try_acquire() {
            Ok(p) => p,
            Err(_) => {
                let _warten = self.warteplaetze.try_acquire().map_err(|_| self.ueberlast())?;
                tokio::time::timeout(self.wartezeit, self.arbeit.acquire())
                    .await
                    .map_err(|_| self.ueberlast())?
                    .map_err(|_| self.ueberlast())?
            }
        };
        let ergebnis = tokio::task::spawn_blocking(f).await;
        drop(platz);
        // A panic in `f` is a bug; it must not take the caller's task down with it.
        ergebnis.map_err(|e| {
            tracing::error!(arbeit = self.name, fehler = %e, "Abbruch in begrenzter Arbeit");
            self.ueberlast()
        })
    }

    /// Like [`Schranke::blockierend`], but waits for a place as long as it takes: for work of
    /// logged-in staff (an admin setting a password) that an anonymous flood must not turn away.
    /// The number of threads at work stays bounded.
    pub async fn blockierend_vorrangig<T: Send + 'static>(
        &self,
        f: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, Ueberlast> {
        let platz = self.arbeit.acquire().await.map_err(|_| self.ueberlast())?;
        let ergebnis = tokio::task::spawn_blocking(f).await;
        drop(platz);
        ergebnis.map_err(|e| {
            tracing::error!(arbeit = self.name, fehler = %e, "Abbruch in begrenzter Arbeit");
            self.ueberlast()
        })
    }

    /// Free places right now (for tests and metrics).
    pub fn frei(&self) -> usize {
        self.arbeit.available_permits()
    }
}

/// Argon2id checks and hashes: 19 MiB and ~25 ms of one core each.
pub static PASSWOERTER: LazyLock<Schranke> =
    LazyLock::new(|| Schranke::neu("Anmeldungen", haelfte(), 8 * kerne(), Duration::from_secs(2)));

/// Reading and checking uploaded files (up to 6 MB, 50,000 rows).
pub static DATEIEN: LazyLock<Schranke> =
    LazyLock::new(|| Schranke::neu("Dateiprüfungen", haelfte(), 2 * kerne(), Duration::from_secs(5)));

impl From<Ueberlast> for crate::error::AppError {
    fn from(e: Ueberlast) -> Self {
        crate::error::AppError::Ueberlastet(e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn beyond_workers_and_waiters_callers_are_turned_away() {
        let s: &'static Schranke = Box::leak(Box::new(Schranke::neu("Test", 1, 1, Duration::from_millis(200))));
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        let rx = std::sync::Arc::new(std::sync::Mutex::new(rx));
        let r = rx.clone();
        let erster = tokio::spawn(s.blockierend(move || {
            let _ = r.lock().unwrap().recv();
        }));
        tokio::time::sleep(Duration::from_millis(50)).await;
        let zweiter = tokio::spawn(s.blockierend(|| 2));
        tokio::time::sleep(Duration::from_millis(20)).await;
        // One at work, one waiting: the third is refused at once.
        assert_eq!(s.blockierend(|| 3).await, Err(Ueberlast { name: "Test", sekunden: 1 }));
        // The waiter gives up after its time.
        assert!(zweiter.await.unwrap().is_err());
        tx.send(()).unwrap();
        erster.await.unwrap().unwrap();
        assert_eq!(s.blockierend(|| 4).await, Ok(4));
    }
}
