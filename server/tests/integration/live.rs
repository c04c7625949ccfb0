//! Live events over real HTTP: a save reaches open event streams, a reconnect replays what it
//! missed, and on PostgreSQL a save through one app server reaches the stream of another.

use crate::common;

use app::model::konto::Rolle;
use app::model::roadmap::Projekt;
use app::store::{Db, Sql};
use common::{dienen, konto_anmelden, starten};
use std::time::Duration;

/// One parsed server-sent event.
#[derive(Debug, Clone, Default)]
struct Sse {
    id: Option<String>,
    art: String,
    daten: String,
}

/// A reader of `/live/ereignisse` over a plain HTTP response.
struct Strom {
    antwort: reqwest::Response,
    puffer: String,
}

impl Strom {
    async fn oeffnen(basis: &str, letzte_id: Option<&str>) -> Strom {
        let mut r = reqwest::Client::new().get(format!("{basis}/live/ereignisse"));
        if let Some(id) = letzte_id {
            r = r.header("last-event-id", id);
        }
        let antwort = r.send().await.unwrap();
        assert_eq!(antwort.status(), 200);
        assert_eq!(antwort.headers()["content-type"], "text/event-stream");
        assert!(antwort.headers().get("content-encoding").is_none(), "an event stream must not be compressed");
        Strom { antwort, puffer: String::new() }
    }

    /// The next event (keep-alive comments skipped); panics after 10 s.
    async fn naechstes(&mut self) -> Sse {
        tokio::time::timeout(Duration::from_secs(10), async {
            loop {
                if let Some(ende) = self.puffer.find("\n\n") {
                    let block: String = self.puffer.drain(..ende + 2).collect();
                    let mut e = Sse::default();
                    for zeile in block.lines() {
                        if let Some(v) = zeile.strip_prefix("id:") {
                            e.id = Some(v.trim().to_string());
                        } else if let Some(v) = zeile.strip_prefix("event:") {
                            e.art = v.trim().to_string();
                        } else if let Some(v) = zeile.strip_prefix("data:") {
                            e.daten.push_str(v.trim_start());
                        }
                    }
                    if !e.art.is_empty() {
                        return e;
                    }
                    continue;
                }
                let chunk = self.antwort.chunk().await.unwrap().expect("stream ended");
                self.puffer.push_str(&String::from_utf8_lossy(&chunk));
            }
        })
        .await
        .expect("no event within 10 s")
    }
}

fn projekt(e: &Sse) -> Projekt {
    let ereignis: app::model::live::Ereignis = serde_json::from_str(&e.daten).unwrap();
    ereignis.projekt().unwrap()
}

async fn speichern(basis: &str, cookie: &str, id: i64, version: i64, umsetzung: &str) -> (u16, String) {
    let form = common::phasen_form(id, version, ["02.2021", "2021-04", umsetzung, "", "2022-06", ""]);
    common::senden(basis, "projekt_speichern", cookie, &form).await
}

async fn spreng_id(db: &Db) -> i64 {
    db.zahl(&Sql::new("SELECT id FROM projekt WHERE name = 'Sprengstofferlaubnis'")).await.unwrap()
}

async fn speichern_erreicht_offene_seiten(db: Db) {
    let basis = starten(db.clone()).await;
    let cookie = konto_anmelden(&db, &basis, "kora@kdn.de", "Kora Ordinatorin", Rolle::Koordination).await;
    let id = spreng_id(&db).await;
    let mut a = Strom::oeffnen(&basis, None).await;
    let mut b = Strom::oeffnen(&basis, None).await;
    let hallo = a.naechstes().await;
    assert_eq!(hallo.art, "verbunden");
    assert_eq!(hallo.id.as_deref(), Some("0"), "no event yet");
    b.naechstes().await;

    assert_eq!(speichern(&basis, &cookie, id, 1, "2021-05").await, (200, "2".into()));
    for s in [&mut a, &mut b] {
        let e = s.naechstes().await;
        assert_eq!(e.art, "projekt");
        assert!(e.daten.contains("Kora Ordinatorin") && !e.daten.contains("kdn.de"), "{}", e.daten);
        let p = projekt(&e);
        assert_eq!((p.id, p.version), (id, 2));
        assert_eq!(p.phasen.umsetzung.unwrap().to_string(), "2021-05-01");
        assert!(p.reihenfolge_fehler.is_empty());
    }
    // The public stream names who saved, never their e-mail address.
    let row: String = db.text(&Sql::new("SELECT benutzer FROM ereignis")).await.unwrap().unwrap();
    assert_eq!(row, "Kora Ordinatorin");

    // Refused saves announce nothing: a stale version, an order violation.
    assert_eq!(speichern(&basis, &cookie, id, 1, "2021-07").await.0, 409);
    assert_eq!(speichern(&basis, &cookie, id, 2, "2023-01").await.0, 422);
    assert_eq!(db.zahl(&Sql::new("SELECT COUNT(*) FROM ereignis")).await.unwrap(), 1);
    assert_eq!(speichern(&basis, &cookie, id, 2, "2021-06").await.0, 200);
    let e = a.naechstes().await;
    let p = projekt(&e);
    assert_eq!(p.version, 3, "the next event is the next save, not one of the refused ones");
}

async fn wiederverbinden_holt_nach(db: Db) {
    let basis = starten(db.clone()).await;
    let cookie = konto_anmelden(&db, &basis, "kora@kdn.de", "Kora", Rolle::Koordination).await;
    let id = spreng_id(&db).await;
    let mut s = Strom::oeffnen(&basis, None).await;
    let hallo = s.naechstes().await;
    let seit = hallo.id.unwrap();
    drop(s);
    // Two saves while the browser is offline.
    assert_eq!(speichern(&basis, &cookie, id, 1, "2021-05").await.0, 200);
    assert_eq!(speichern(&basis, &cookie, id, 2, "2021-06").await.0, 200);
    let mut s = Strom::oeffnen(&basis, Some(&seit)).await;
    assert_eq!(s.naechstes().await.art, "verbunden");
    let v: Vec<i64> = [s.naechstes().await, s.naechstes().await].iter().map(|e| projekt(e).version).collect();
    assert_eq!(v, [2, 3], "both missed saves, in order");
    // The id of the first replayed event: only the second is replayed.
    let erste = db.zahl(&Sql::new("SELECT MIN(id) FROM ereignis")).await.unwrap();
    let mut s = Strom::oeffnen(&basis, Some(&erste.to_string())).await;
    s.naechstes().await;
    assert_eq!(projekt(&s.naechstes().await).version, 3);
    // Events already pruned (the day-old rows are gone): the page reloads instead.
    db.transaktion(&[Sql::new("DELETE FROM ereignis WHERE id = (SELECT MIN(id) FROM ereignis)")]).await.unwrap();
    let mut s = Strom::oeffnen(&basis, Some(&seit)).await;
    s.naechstes().await;
    assert_eq!(s.naechstes().await.art, "neu-laden");
    // An id this database never gave out.
    let mut s = Strom::oeffnen(&basis, Some("999999")).await;
    s.naechstes().await;
    assert_eq!(s.naechstes().await.art, "neu-laden");
}

beide_datenbanken!(speichern_erreicht_offene_seiten, wiederverbinden_holt_nach);

/// Two app servers with their own connection pools on one PostgreSQL database, as behind a load
/// balancer: a save through A reaches a stream opened on B.
#[sqlx::test(migrations = "../migrations/postgres")]
async fn zwei_server_eine_datenbank(pool: sqlx::PgPool) {
    let a_db = Db::Postgres(pool.clone());
    let basis_a = starten(a_db.clone()).await;
    let b_pool = sqlx::postgres::PgPoolOptions::new().connect_with((*pool.connect_options()).clone()).await.unwrap();
    let basis_b = dienen(Db::Postgres(b_pool), server::sicherheit::Sicherheit::default()).await;
    let cookie = konto_anmelden(&a_db, &basis_a, "kora@kdn.de", "Kora", Rolle::Koordination).await;
    let id = spreng_id(&a_db).await;
    let mut auf_b = Strom::oeffnen(&basis_b, None).await;
    assert_eq!(auf_b.naechstes().await.art, "verbunden");
    assert_eq!(speichern(&basis_a, &cookie, id, 1, "2021-05").await.0, 200);
    let e = auf_b.naechstes().await;
    assert_eq!(e.art, "projekt");
    assert_eq!(projekt(&e).version, 2);
    // And back: the session works on B too (sessions live in the database).
    assert_eq!(speichern(&basis_b, &cookie, id, 2, "2021-06").await.0, 200);
    let mut auf_a = Strom::oeffnen(&basis_a, Some(e.id.as_deref().unwrap())).await;
    auf_a.naechstes().await;
    assert_eq!(projekt(&auf_a.naechstes().await).version, 3);
}
