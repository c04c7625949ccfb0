//! The live bus of one app server: a reader task takes new events from the `ereignis` table
//! and fans them out to every open event stream of this process.
//!
//! Why read from the table instead of passing events in memory: the table is the one order all
//! app servers share. On SQLite (one process) a writer wakes the reader right after its commit;
//! on PostgreSQL every server LISTENs on [`crate::store::ereignis::KANAL`] and the writer's
//! NOTIFY (sent on commit) wakes all readers, whichever server took the save. A slow poll backs
//! both up, so a lost notification delays an event but never drops it.

use crate::model::live::Ereignis;
use crate::store::{Db, ereignis};
use std::sync::{Arc, Weak};
use std::time::{Duration, Instant};
use tokio::sync::{Notify, broadcast};

/// Events a slow stream may lag behind before it is told to reload.
const PUFFER: usize = 1024;
/// How long an id skipped by the reader is looked for again (a PostgreSQL transaction that took
/// it may still commit; a rolled-back one never will).
const LUECKE_OFFEN: Duration = Duration::from_secs(60);

struct Inner {
    sender: broadcast::Sender<Arc<Ereignis>>,
    /// The reader knows where it stands and (PostgreSQL) the listener is connected: what
    /// `/bereit` reports, so that a proxy sends no one to a server whose pages would not update.
    verbunden: std::sync::atomic::AtomicBool,
    /// Set when the server shuts down: every open stream ends, and the browser reconnects
    /// (through the proxy to another server) with its `Last-Event-ID`.
    ende: tokio::sync::watch::Sender<bool>,
}

/// Handle to the bus; cheap to clone. The reader task ends when the last handle is dropped.
#[derive(Clone)]
pub struct Live {
    inner: Arc<Inner>,
    wecker: Arc<Notify>,
    /// Keys of coalesced writes waiting for their turn ([`Live::gebuendelt`]).
    buendel: Arc<std::sync::Mutex<std::collections::HashSet<String>>>,
}

impl Live {
    /// Starts the reader (and on PostgreSQL the listener) on the current tokio runtime.
    pub fn starten(db: Db) -> Live {
        let (sender, _) = broadcast::channel(PUFFER);
        let inner = Inner { sender, verbunden: false.into(), ende: tokio::sync::watch::channel(false).0 };
        let live = Live { inner: Arc::new(inner), wecker: Arc::new(Notify::new()), buendel: Default::default() };
        let poll = match &db {
            Db::Sqlite(_) => Duration::from_secs(10),
            Db::Postgres(_) => Duration::from_secs(1),
        };
        if let Db::Postgres(pool) = &db {
            tokio::spawn(lauschen(pool.clone(), Arc::downgrade(&live.inner), live.wecker.clone()));
        }
        tokio::spawn(lesen(db, Arc::downgrade(&live.inner), live.wecker.clone(), poll));
        live
    }

    /// A receiver of every event read from now on.
    pub fn abonnieren(&self) -> broadcast::Receiver<Arc<Ereignis>> {
        self.inner.sender.subscribe()
    }

    /// Called by a writer of this process after its commit.
    pub fn wecken(&self) {
        self.wecker.notify_one();
    }

    /// Runs `schreiben` once `pause` after the first call for `schluessel`; calls meanwhile are
    /// covered by that run. Why: 300 votes in a second would otherwise be 300 events sent to
    /// 300 screens each; the projector needs one per moment, and `schreiben` reads the state at
    /// its run, so every call before it is included and one after it starts the next run.
    pub fn gebuendelt<F, Fut>(&self, schluessel: String, pause: Duration, schreiben: F)
    where
        F: FnOnce() -> Fut + Send + 'static,
        Fut: std::future::Future<Output = ()> + Send + 'static,
    {
        if !self.buendel.lock().unwrap_or_else(|e| e.into_inner()).insert(schluessel.clone()) {
            return;
        }
        let live = self.clone();
        tokio::spawn(async move {
            tokio::time::sleep(pause).await;
            live.buendel.lock().unwrap_or_else(|e| e.into_inner()).remove(&schluessel);
            schreiben().await;
            live.wecken();
        });
    }

    /// Open event streams on this server.
    pub fn verbindungen(&self) -> usize {
        self.inner.sender.receiver_count()
    }

    /// Whether events of all app servers reach this one.
    pub fn verbunden(&self) -> bool {
        self.inner.verbunden.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Ends every open stream (now and later ones) so that browsers reconnect elsewhere.
    pub fn beenden(&self) {
        self.inner.ende.send_replace(true);
    }

    /// Resolves when [`Live::beenden`] was called.
    pub fn beendet(&self) -> impl std::future::Future<Output = ()> + Send + 'static {
        let mut rx = self.inner.ende.subscribe();
        async move {
            let _ = rx.wait_for(|ende| *ende).await;
        }
    }
}

fn verbunden_setzen(inner: &Weak<Inner>, wert: bool) {
    if let Some(i) = inner.upgrade() {
        i.verbunden.store(wert, std::sync::atomic::Ordering::Relaxed);
    }
}

/// Ids between the last one read and a newer one that were not there yet.
#[derive(Default)]
struct Luecken(Vec<(i64, Instant)>);

impl Luecken {
    fn ids(&mut self) -> Vec<i64> {
        self.0.retain(|(_, seit)| seit.elapsed() < LUECKE_OFFEN);
        self.0.iter().map(|(id, _)| *id).collect()
    }
    /// Registers what a read returned; returns whether `id` is new (not seen before).
    fn gesehen(&mut self, letzte: &mut i64, id: i64) -> bool {
        if id > *letzte {
            // Never remember more than a bounded run of missing ids.
            let von = (*letzte + 1).max(id - 100);
            self.0.extend((von..id).map(|i| (i, Instant::now())));
            *letzte = id;
            true
        } else if let Some(pos) = self.0.iter().position(|(l, _)| *l == id) {
            self.0.swap_remove(pos);
            true
        } else {
            false
        }
    }
}

async fn lesen(db: Db, inner: Weak<Inner>, wecker: Arc<Notify>, poll: Duration) {
    let mut letzte = loop {
        match ereignis::letzte_id(&db).await {
            Ok(id) => break id,
            Err(e) => {
                tracing::warn!(error = %e, "Live: letzte Ereignis-ID nicht lesbar, neuer Versuch");
                tokio::time::sleep(Duration::from_secs(1)).await;
                if inner.strong_count() == 0 {
                    return;
                }
            }
        }
    };
    if matches!(db, Db::Sqlite(_)) {
        // One process: a writer wakes the reader directly; nothing else to connect.
        verbunden_setzen(&inner, true);
    }
    let mut luecken = Luecken::default();
    loop {
        let _ = tokio::time::timeout(poll, wecker.notified()).await;
        let Some(inner) = inner.upgrade() else { return };
        match ereignis::seit(&db, letzte, &luecken.ids(), 1000).await {
            Ok(neu) => {
                for e in neu {
                    if luecken.gesehen(&mut letzte, e.id) {
                        // No receiver is fine: nobody has a page open.
                        let _ = inner.sender.send(Arc::new(e));
                    }
                }
            }
            Err(e) => tracing::warn!(error = %e, "Live: Ereignisse nicht lesbar"),
        }
    }
}

async fn lauschen(pool: sqlx::PgPool, inner: Weak<Inner>, wecker: Arc<Notify>) {
    use sqlx::postgres::PgListener;
    while inner.strong_count() > 0 {
        let mut listener = match PgListener::connect_with(&pool).await {
            Ok(l) => l,
            Err(e) => {
                tracing::warn!(error = %e, "Live: LISTEN-Verbindung fehlgeschlagen, neuer Versuch");
                tokio::time::sleep(Duration::from_secs(1)).await;
                continue;
            }
        };
        if let Err(e) = listener.listen(ereignis::KANAL).await {
            tracing::warn!(error = %e, "Live: LISTEN fehlgeschlagen, neuer Versuch");
            tokio::time::sleep(Duration::from_secs(1)).await;
            continue;
        }
        verbunden_setzen(&inner, true);
        // Whatever was committed while not listening is read now.
        wecker.notify_one();
        loop {
            // try_recv reports a lost connection (None) instead of silently reconnecting, so the
            // reader is woken to look for what was missed and `/bereit` says no until it is back.
            match tokio::time::timeout(Duration::from_secs(5), listener.try_recv()).await {
                Ok(Ok(Some(_))) => wecker.notify_one(),
                Ok(Ok(None)) => {
                    // Lost: connect afresh above, and look for what was missed meanwhile.
                    verbunden_setzen(&inner, false);
                    wecker.notify_one();
                    break;
                }
                Ok(Err(e)) => {
                    tracing::warn!(error = %e, "Live: LISTEN-Verbindung verloren");
                    verbunden_setzen(&inner, false);
                    break;
                }
                Err(_) => {
                    if inner.strong_count() == 0 {
                        return;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_are_remembered_until_filled() {
        let mut l = Luecken::default();
        let mut letzte = 3;
        assert!(l.gesehen(&mut letzte, 6));
        assert_eq!(letzte, 6);
        assert_eq!(l.ids(), vec![4, 5]);
        assert!(l.gesehen(&mut letzte, 5), "a late commit is delivered");
        assert!(!l.gesehen(&mut letzte, 5), "but only once");
        assert!(!l.gesehen(&mut letzte, 6));
        assert_eq!(l.ids(), vec![4]);
    }
}
