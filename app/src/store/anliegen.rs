//! The requests of "Unsere Fragen an Sie" and the coordination's inbox (migration 0019).

use super::{Db, SchreibFehler, Sql, StoreResult, akteur::Akteur, jetzt_ms, protokoll::Aenderung};
use crate::model::anliegen::{Anliegen, AnliegenDaten, Art, MAX_OFFEN, Status};

/// Done requests are deleted this long after they were closed (Datenschutzerklärung).
const AUFBEWAHREN_MS: i64 = 365 * 24 * 3600 * 1000;
/// The inbox shows at most this many per status.
pub const HOECHSTENS: i64 = 500;

/// Stores a request and answers its receipt number. The same request still open (same field,
/// kind, e-mail and named person) is not stored twice: a repeated send answers its number.
pub async fn anlegen(db: &Db, d: &AnliegenDaten, benutzer: Option<i64>) -> Result<i64, SchreibFehler> {
    let mut tf = Sql::new("SELECT COUNT(*) FROM themenfeld WHERE id = ");
    tf.bind(d.themenfeld_id);
    if db.zahl(&tf).await? == 0 {
        return Err(SchreibFehler::NichtGefunden("Das Themenfeld".into()));
    }
    if let Some(id) = offen_gleich(db, d).await? {
        return Ok(id);
    }
    let offen = db.zahl(&Sql::new("SELECT COUNT(*) FROM anliegen WHERE status = 'neu'")).await?;
    if offen >= MAX_OFFEN {
        return Err(SchreibFehler::Abgelehnt(
            "Zurzeit liegen sehr viele unbearbeitete Nachrichten vor; bitte versuchen Sie es in einigen Tagen \
             erneut oder schreiben Sie der Koordination direkt."
                .into(),
        ));
    }
    let jetzt = jetzt_ms();
    let mut s = Sql::new(
        "INSERT INTO anliegen (art, themenfeld_id, name, organisation, kontakt, person, nachricht, benutzer_id, \
         erstellt_ms, geaendert_ms) VALUES (",
    );
    s.bind(d.art.code()).push(", ").bind(d.themenfeld_id).push(", ").bind(d.name.clone()).push(", ");
    s.bind(d.organisation.clone()).push(", ").bind(d.kontakt.clone()).push(", ").bind(d.person.clone()).push(", ");
    s.bind(d.nachricht.clone()).push(", ").bind(benutzer).push(", ").bind(jetzt).push(", ").bind(jetzt);
    // The partial unique index (migration 0019) makes a send in parallel a no-op.
    s.push(") ON CONFLICT (themenfeld_id, art, kontakt, person) WHERE status = 'neu' DO NOTHING RETURNING id");
    let mut tx = db.beginnen().await?;
    let neu = tx.eine::<(i64,)>(&s).await?;
    tx.ausfuehren(&aufraeumen()).await?;
    tx.commit().await?;
    match neu {
        Some((id,)) => Ok(id),
        None => offen_gleich(db, d).await?.ok_or_else(|| SchreibFehler::Konflikt("Bitte erneut senden.".into())),
    }
}

/// The same request still open (same field, kind, e-mail and named person).
async fn offen_gleich(db: &Db, d: &AnliegenDaten) -> StoreResult<Option<i64>> {
    let mut s = Sql::new("SELECT id FROM anliegen WHERE status = 'neu' AND themenfeld_id = ");
    s.bind(d.themenfeld_id).push(" AND art = ").bind(d.art.code()).push(" AND kontakt = ").bind(d.kontakt.clone());
    s.push(" AND person = ").bind(d.person.clone());
    Ok(db.eine::<(i64,)>(&s).await?.map(|(id,)| id))
}

/// Deletes what was done a year ago (on every new request and every look at the inbox).
fn aufraeumen() -> Sql {
    let mut s = Sql::new("DELETE FROM anliegen WHERE status = 'erledigt' AND geaendert_ms < ");
    s.bind(jetzt_ms() - AUFBEWAHREN_MS);
    s
}

#[derive(sqlx::FromRow)]
struct Zeile {
    id: i64,
    art: String,
    themenfeld: String,
    themenfeld_slug: String,
    person: String,
    name: String,
    organisation: String,
    kontakt: String,
    nachricht: String,
    mit_konto: bool,
    erstellt_ms: i64,
    status: String,
    geaendert_ms: i64,
    version: i64,
}

impl Zeile {
    fn anliegen(self) -> Anliegen {
        Anliegen {
            id: self.id,
            art: Art::aus_code(&self.art).unwrap_or(Art::Person),
            themenfeld: self.themenfeld,
            themenfeld_slug: self.themenfeld_slug,
            person: self.person,
            name: self.name,
            organisation: self.organisation,
            kontakt: self.kontakt,
            nachricht: self.nachricht,
            mit_konto: self.mit_konto,
            erstellt_ms: self.erstellt_ms,
            status: Status::aus_code(&self.status).unwrap_or_default(),
            geaendert_ms: self.geaendert_ms,
            version: self.version,
        }
    }
}

/// The requests of one status (newest first) and how many there are of each status.
pub async fn liste(db: &Db, status: Status) -> StoreResult<(Vec<Anliegen>, Vec<(Status, i64)>)> {
    db.transaktion(&[aufraeumen()]).await?;
    let mut s = Sql::new(
        "SELECT a.id, a.art, t.name AS themenfeld, t.slug AS themenfeld_slug, a.person, a.name, a.organisation, \
         a.kontakt, a.nachricht, (a.benutzer_id IS NOT NULL) AS mit_konto, a.erstellt_ms, a.status, a.geaendert_ms, \
         a.version FROM anliegen a JOIN themenfeld t ON t.id = a.themenfeld_id WHERE a.status = ",
    );
    s.bind(status.code()).push(" ORDER BY a.erstellt_ms DESC, a.id DESC LIMIT ").bind(HOECHSTENS);
    let zeilen = db.alle::<Zeile>(&s).await?.into_iter().map(Zeile::anliegen).collect();
    let zahlen = db.alle::<(String, i64)>(&Sql::new("SELECT status, COUNT(*) FROM anliegen GROUP BY status")).await?;
    let anzahl = Status::ALLE
        .into_iter()
        .map(|st| (st, zahlen.iter().find(|(c, _)| c == st.code()).map_or(0, |(_, n)| *n)))
        .collect();
    Ok((zeilen, anzahl))
}

/// Sets a request's status (`version` as shown: a change in between is refused); audited.
pub async fn status_setzen(db: &Db, id: i64, version: i64, status: Status, wer: &Akteur) -> Result<i64, SchreibFehler> {
    let mut alt = Sql::new("SELECT status FROM anliegen WHERE id = ");
    alt.bind(id);
    let Some((alt,)) = db.eine::<(String,)>(&alt).await? else {
        return Err(SchreibFehler::NichtGefunden("Die Nachricht".into()));
    };
    let label = |c: &str| Status::aus_code(c).map(|s| s.label().to_string());
    let mut a = Aenderung::neu("anliegen", id, format!("Nachricht Nr. {id} („Unsere Fragen an Sie“)"));
    a.feld("status", label(&alt), Some(status.label().to_string()));
    let mut s = Sql::new("UPDATE anliegen SET status = ");
    s.bind(status.code()).push(", geaendert_ms = ").bind(jetzt_ms()).push(", version = version + 1 WHERE id = ");
    s.bind(id).push(" AND version = ").bind(version);
    super::protokoll::versioniert_schreiben(db, &s, &a, wer, &format!("Die Nachricht Nr. {id}")).await?;
    Ok(version + 1)
}
