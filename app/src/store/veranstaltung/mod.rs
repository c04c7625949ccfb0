//! Veranstaltungen in the database: reading (with seat counts), the filtered list, writing by the
//! coordination, and the Anmeldungen (`teilnahme`).
//!
//! Every write that concerns one event first takes that event's row lock (an UPDATE of its row),
//! so registrations, cancellations and edits of one event run one after another on every app
//! server and on both databases; what they read afterwards is current.

pub mod ergebnis;
pub mod kalender;
pub mod liste;
pub mod teilnahme;

use super::{Db, Sql, StoreResult, Tx};
use crate::model::veranstaltung::eingabe::VeranstaltungDaten;
use crate::model::veranstaltung::{Anmeldung, Art, Termin, Veranstaltung};
use chrono::NaiveDate;

const SPALTEN: &str = "SELECT v.id, v.art, v.titel, v.beschreibung, v.agenda, v.themenfeld_id, tf.name AS tf_name, \
    tf.slug AS tf_slug, v.genauigkeit, v.von, v.bis, v.beginn_zeit, v.ende_zeit, v.termin_hinweis, v.ort, \
    v.kommune_ags, k.name AS kommune_name, k.kreis_ags, kr.name AS kreis_name, \
    CAST(CASE WHEN v.online_url IS NULL THEN 0 ELSE 1 END AS BIGINT) AS online, v.anmeldung_extern, v.anmeldung, v.plaetze, \
    (SELECT COUNT(*) FROM teilnahme t WHERE t.veranstaltung_id = v.id AND t.status = 'platz') AS belegt, \
    (SELECT COUNT(*) FROM teilnahme t WHERE t.veranstaltung_id = v.id AND t.status = 'warteliste') AS warteliste, \
    v.abmeldeschluss, v.abgesagt, v.quelle, v.geaendert_ms, v.version \
    FROM veranstaltung v LEFT JOIN themenfeld tf ON tf.id = v.themenfeld_id \
    LEFT JOIN kommune k ON k.ags = v.kommune_ags LEFT JOIN kreis kr ON kr.ags = k.kreis_ags";

#[derive(sqlx::FromRow)]
struct Zeile {
    id: i64,
    art: String,
    titel: String,
    beschreibung: Option<String>,
    agenda: Option<String>,
    themenfeld_id: Option<i64>,
    tf_name: Option<String>,
    tf_slug: Option<String>,
    genauigkeit: String,
    von: NaiveDate,
    bis: NaiveDate,
    beginn_zeit: Option<String>,
    ende_zeit: Option<String>,
    termin_hinweis: Option<String>,
    ort: Option<String>,
    kommune_ags: Option<String>,
    kommune_name: Option<String>,
    kreis_ags: Option<String>,
    kreis_name: Option<String>,
    online: i64,
    anmeldung_extern: Option<String>,
    anmeldung: String,
    plaetze: Option<i64>,
    belegt: i64,
    warteliste: i64,
    abmeldeschluss: Option<NaiveDate>,
    abgesagt: bool,
    quelle: String,
    geaendert_ms: i64,
    version: i64,
}

impl Zeile {
    fn veranstaltung(self) -> Option<Veranstaltung> {
        let termin = Termin::aus_spalten(
            &self.genauigkeit,
            self.von,
            self.bis,
            self.beginn_zeit.as_deref(),
            self.ende_zeit.as_deref(),
        )?;
        let themenfeld = match (self.themenfeld_id, self.tf_name, self.tf_slug) {
            (Some(id), Some(n), Some(s)) => Some((id, n, s)),
            _ => None,
        };
        let kommune = match (self.kommune_ags, self.kommune_name, self.kreis_ags, self.kreis_name) {
            (Some(a), Some(n), Some(ka), Some(kn)) => Some((a, n, ka, kn)),
            _ => None,
        };
        Some(Veranstaltung {
            id: self.id,
            art: Art::aus_code(&self.art)?,
            titel: self.titel,
            beschreibung: self.beschreibung,
            agenda: self
                .agenda
                .map(|a| a.lines().map(str::to_string).filter(|l| !l.trim().is_empty()).collect())
                .unwrap_or_default(),
            themenfeld,
            termin,
            termin_hinweis: self.termin_hinweis,
            ort: self.ort,
            kommune,
            online: self.online != 0,
            anmeldung_extern: self.anmeldung_extern,
            anmeldung: Anmeldung::aus_code(&self.anmeldung)?,
            plaetze: self.plaetze,
            belegt: self.belegt,
            warteliste: self.warteliste,
            abmeldeschluss: self.abmeldeschluss,
            abgesagt: self.abgesagt,
            quelle: self.quelle,
            geaendert_ms: self.geaendert_ms,
            version: self.version,
        })
    }
}

/// Every event, in date order. A row the model cannot read (a precision code from a newer
/// version) is left out and logged rather than failing the whole list.
pub async fn alle(db: &Db) -> StoreResult<Vec<Veranstaltung>> {
    let mut s = Sql::new(SPALTEN);
    s.push(" ORDER BY v.von, v.beginn_zeit, v.id");
    let zeilen: Vec<Zeile> = db.alle(&s).await?;
    Ok(zeilen.into_iter().filter_map(lesbar).collect())
}

fn lesbar(z: Zeile) -> Option<Veranstaltung> {
    let id = z.id;
    let v = z.veranstaltung();
    if v.is_none() {
        tracing::error!(id, "Veranstaltung mit unlesbaren Spalten übersprungen");
    }
    v
}

pub async fn eine(db: &Db, id: i64) -> StoreResult<Option<Veranstaltung>> {
    let mut s = Sql::new(SPALTEN);
    s.push(" WHERE v.id = ").bind(id);
    Ok(db.eine::<Zeile>(&s).await?.and_then(lesbar))
}

/// The same inside a transaction (after the row lock: current counts).
pub(super) async fn in_tx(tx: &mut Tx, id: i64) -> StoreResult<Option<Veranstaltung>> {
    let mut s = Sql::new(SPALTEN);
    s.push(" WHERE v.id = ").bind(id);
    Ok(tx.eine::<Zeile>(&s).await?.and_then(lesbar))
}

/// Takes the row lock of an event for the rest of the transaction; false if there is no such
/// event. On SQLite the first write of a transaction takes the database's write lock, which
/// serialises the same way.
async fn sperren(tx: &mut Tx, id: i64) -> StoreResult<bool> {
    let mut s = Sql::new("UPDATE veranstaltung SET version = version WHERE id = ");
    s.bind(id);
    Ok(tx.ausfuehren(&s).await? == 1)
}

/// The online link of an event (for registered people and the coordination).
pub async fn online_url(db: &Db, id: i64) -> StoreResult<Option<String>> {
    let mut s = Sql::new("SELECT online_url FROM veranstaltung WHERE id = ");
    s.bind(id);
    Ok(db.eine::<Url>(&s).await?.and_then(|u| u.online_url))
}

/// The link column alone (NULL when there is none: `Db::text` cannot read a NULL).
#[derive(sqlx::FromRow)]
struct Url {
    online_url: Option<String>,
}

/// The events of one Themenfeld (its page lists the next workshop and the past ones).
pub async fn im_themenfeld(db: &Db, themenfeld_id: i64) -> StoreResult<Vec<Veranstaltung>> {
    let mut s = Sql::new(SPALTEN);
    s.push(" WHERE v.themenfeld_id = ").bind(themenfeld_id).push(" ORDER BY v.von, v.beginn_zeit, v.id");
    let zeilen: Vec<Zeile> = db.alle(&s).await?;
    Ok(zeilen.into_iter().filter_map(lesbar).collect())
}

/// Checks the links of a form against the database: the Themenfeld and the Kommune exist.
pub async fn bezuege_pruefen(db: &Db, d: &VeranstaltungDaten) -> StoreResult<Vec<(&'static str, String)>> {
    let mut fehler = vec![];
    if let Some(tf) = d.themenfeld_id {
        let mut s = Sql::new("SELECT COUNT(*) FROM themenfeld WHERE id = ");
        s.bind(tf);
        if db.zahl(&s).await? == 0 {
            fehler.push(("themenfeld", "Unbekanntes Themenfeld gewählt.".to_string()));
        }
    }
    if let Some(ags) = &d.kommune_ags {
        let mut s = Sql::new("SELECT COUNT(*) FROM kommune WHERE ags = ");
        s.bind(ags.clone());
        if db.zahl(&s).await? == 0 {
            fehler.push(("kommune_ags", format!("Keine Gemeinde in NRW hat den Schlüssel {ags}.")));
        }
    }
    Ok(fehler)
}

fn aenderung(
    a: &mut super::protokoll::Aenderung,
    alt: Option<(&Veranstaltung, Option<String>)>,
    d: &VeranstaltungDaten,
) {
    let v = alt.as_ref().map(|(v, _)| *v);
    let tag = |d: Option<NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
    a.feld("art", v.map(|v| v.art.code().to_string()), Some(d.art.code().into()));
    a.feld("titel", v.map(|v| v.titel.clone()), Some(d.titel.clone()));
    a.feld("termin", v.map(|v| v.termin.eingabe()), Some(d.termin.eingabe()));
    a.feld("termin_hinweis", v.and_then(|v| v.termin_hinweis.clone()), d.termin_hinweis.clone());
    a.feld(
        "themenfeld",
        v.and_then(|v| v.themenfeld.as_ref().map(|t| t.0.to_string())),
        d.themenfeld_id.map(|t| t.to_string()),
    );
    a.feld("ort", v.and_then(|v| v.ort.clone()), d.ort.clone());
    a.feld("kommune_ags", v.and_then(|v| v.kommune.as_ref().map(|k| k.0.clone())), d.kommune_ags.clone());
    a.feld("online_url", alt.as_ref().and_then(|(_, u)| u.clone()), d.online_url.clone());
    a.feld("anmeldung_extern", v.and_then(|v| v.anmeldung_extern.clone()), d.anmeldung_extern.clone());
    a.feld("anmeldung", v.map(|v| v.anmeldung.code().to_string()), Some(d.anmeldung.code().into()));
    a.feld("plaetze", v.and_then(|v| v.plaetze.map(|p| p.to_string())), d.plaetze.map(|p| p.to_string()));
    a.feld("abmeldeschluss", v.and_then(|v| tag(v.abmeldeschluss)), tag(d.abmeldeschluss));
    a.feld("beschreibung", v.and_then(|v| v.beschreibung.clone()), d.beschreibung.clone());
    a.feld("agenda", v.map(|v| v.agenda.join("\n")).filter(|a| !a.is_empty()), d.agenda.clone());
    a.feld(
        "abgesagt",
        v.map(|v| crate::model::text::ja_nein(Some(v.abgesagt)).unwrap_or_default()),
        crate::model::text::ja_nein(Some(d.abgesagt)),
    );
}

/// The columns a form writes, for INSERT and UPDATE alike.
fn werte(d: &VeranstaltungDaten) -> Vec<(&'static str, super::Arg)> {
    let (beginn, ende) = d.termin.zeiten();
    vec![
        ("art", d.art.code().into()),
        ("titel", d.titel.clone().into()),
        ("genauigkeit", d.termin.genauigkeit().into()),
        ("von", Some(d.termin.von()).into()),
        ("bis", Some(d.termin.bis()).into()),
        ("beginn_zeit", beginn.into()),
        ("ende_zeit", ende.into()),
        ("termin_hinweis", d.termin_hinweis.clone().into()),
        ("themenfeld_id", d.themenfeld_id.into()),
        ("ort", d.ort.clone().into()),
        ("kommune_ags", d.kommune_ags.clone().into()),
        ("online_url", d.online_url.clone().into()),
        ("anmeldung_extern", d.anmeldung_extern.clone().into()),
        ("anmeldung", d.anmeldung.code().into()),
        ("plaetze", d.plaetze.into()),
        ("abmeldeschluss", d.abmeldeschluss.into()),
        ("beschreibung", d.beschreibung.clone().into()),
        ("agenda", d.agenda.clone().into()),
        ("abgesagt", d.abgesagt.into()),
        ("geaendert_ms", super::jetzt_ms().into()),
    ]
}

/// The live event of a changed event: its public form (no link, no names).
pub(super) async fn ankuendigen(tx: &mut Tx, id: i64, wer: &super::akteur::Akteur) -> Result<(), super::SchreibFehler> {
    let v = in_tx(tx, id).await?.ok_or_else(|| super::SchreibFehler::NichtGefunden("Die Veranstaltung".into()))?;
    let daten = serde_json::to_string(&v).map_err(|e| super::StoreError::Intern(e.to_string()))?;
    super::ereignis::schreiben(tx, crate::model::live::VERANSTALTUNG, &id.to_string(), &daten, wer).await?;
    Ok(())
}

/// Creates an event (the caller checked the links with [`bezuege_pruefen`]); returns its id.
pub async fn anlegen(
    db: &Db,
    d: &VeranstaltungDaten,
    wer: &super::akteur::Akteur,
) -> Result<i64, super::SchreibFehler> {
    let mut tx = db.beginnen().await?;
    let w = werte(d);
    let mut s = Sql::new("INSERT INTO veranstaltung (quelle");
    for (spalte, _) in &w {
        s.push(", ").push(spalte);
    }
    s.push(") VALUES (").bind(format!("angelegt von {}", wer.oeffentlich));
    for (_, wert) in w {
        s.push(", ").bind(wert);
    }
    s.push(") RETURNING id");
    let id = tx.zahl(&s).await?;
    let mut a = super::protokoll::Aenderung::neu("veranstaltung", id, &d.titel);
    aenderung(&mut a, None, d);
    a.schreiben(&mut tx, wer).await?;
    ankuendigen(&mut tx, id, wer).await?;
    super::infoverteiler::mitteilen(&mut tx, &mitteilung(id, d), wer).await?;
    tx.commit().await?;
    Ok(id)
}

/// The Infoverteiler's notice of a new event: for those who follow all events or its Themenfeld.
fn mitteilung(id: i64, d: &VeranstaltungDaten) -> crate::model::infoverteiler::MitteilungNeu {
    use crate::model::infoverteiler::AboArt;
    let mut bezuege = vec![(AboArt::Veranstaltungen, String::new())];
    bezuege.extend(d.themenfeld_id.map(|tf| (AboArt::Themenfeld, tf.to_string())));
    crate::model::infoverteiler::MitteilungNeu {
        art: "veranstaltung",
        titel: format!("{} ({})", d.titel, d.termin.anzeigen()),
        pfad: crate::pfad::veranstaltung(id),
        auszug: d.beschreibung.clone().unwrap_or_default(),
        zeit_ms: super::jetzt_ms(),
        bezuege,
    }
}

/// Saves an event based on the version the form showed (else 409 naming who saved first). More
/// seats move people up from the waiting list in the same transaction.
pub async fn speichern(
    db: &Db,
    id: i64,
    version: i64,
    d: &VeranstaltungDaten,
    wer: &super::akteur::Akteur,
) -> Result<i64, super::SchreibFehler> {
    let mut tx = db.beginnen().await?;
    if !sperren(&mut tx, id).await? {
        return Err(super::SchreibFehler::NichtGefunden("Die Veranstaltung".into()));
    }
    let alt =
        in_tx(&mut tx, id).await?.ok_or_else(|| super::SchreibFehler::NichtGefunden("Die Veranstaltung".into()))?;
    if alt.version != version {
        drop(tx);
        let was = format!("Die Veranstaltung „{}“", alt.titel);
        return Err(super::SchreibFehler::Konflikt(
            super::protokoll::konflikt_meldung(db, "veranstaltung", &id.to_string(), &was).await,
        ));
    }
    let mut u = Sql::new("SELECT online_url FROM veranstaltung WHERE id = ");
    u.bind(id);
    let url = tx.eine::<Url>(&u).await?.and_then(|u| u.online_url);
    let mut a = super::protokoll::Aenderung::neu("veranstaltung", id, &d.titel);
    aenderung(&mut a, Some((&alt, url)), d);
    if a.ist_leer() {
        return Ok(version);
    }
    let mut s = Sql::new("UPDATE veranstaltung SET version = version + 1");
    for (spalte, wert) in werte(d) {
        s.push(", ").push(spalte).push(" = ").bind(wert);
    }
    s.push(" WHERE id = ").bind(id);
    tx.ausfuehren(&s).await?;
    a.schreiben(&mut tx, wer).await?;
    teilnahme::nachruecken(&mut tx, id, &d.titel, wer).await?;
    ankuendigen(&mut tx, id, wer).await?;
    tx.commit().await?;
    Ok(version + 1)
}
