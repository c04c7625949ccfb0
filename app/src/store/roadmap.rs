//! The roadmap: Umsetzungsprojekte with their Themenfelder, Leistungen and phase dates.
//! A few dozen projects at most, so filtering and sorting happen in Rust on the full list.

use super::workshop::Vermerk;
use super::{Db, Sql, StoreResult};
use crate::model::filter::KatalogAnfrage;
use crate::model::roadmap::{Phase, Phasen, Projekt, Roadmap};
use chrono::NaiveDate;
use std::collections::BTreeMap;

#[derive(sqlx::FromRow)]
struct ProjektZeile {
    id: i64,
    name: String,
    beschreibung: Option<String>,
    efa_status: Option<String>,
    vorbereitung: Option<NaiveDate>,
    konzeption: Option<NaiveDate>,
    umsetzung: Option<NaiveDate>,
    pilotierung: Option<NaiveDate>,
    inbetriebnahme: Option<NaiveDate>,
    rollout: Option<NaiveDate>,
    quelle: String,
    version: i64,
    archiviert: bool,
}

#[derive(sqlx::FromRow)]
struct Bezug {
    projekt_id: i64,
    id: i64,
    name: String,
    slug: String,
}

/// All projects not archived with status on `stichtag`, in name order.
pub async fn projekte(db: &Db, stichtag: NaiveDate) -> StoreResult<Vec<Projekt>> {
    lesen(db, stichtag, None).await
}

/// The archived projects (id, name), in name order.
pub async fn archivierte(db: &Db) -> StoreResult<Vec<(i64, String)>> {
    db.alle(&Sql::new("SELECT id, name FROM projekt WHERE archiviert_ms IS NOT NULL ORDER BY name")).await
}

/// One project with its status on `stichtag`, archived or not.
pub async fn projekt(db: &Db, id: i64, stichtag: NaiveDate) -> StoreResult<Option<Projekt>> {
    Ok(lesen(db, stichtag, Some(id)).await?.into_iter().next())
}

/// The projects not archived, or the one with id `nur` (archived or not).
async fn lesen(db: &Db, stichtag: NaiveDate, nur: Option<i64>) -> StoreResult<Vec<Projekt>> {
    let mut s = Sql::new(
        "SELECT id, name, beschreibung, efa_status, vorbereitung, konzeption, umsetzung, pilotierung, \
           inbetriebnahme, rollout, quelle, version, (archiviert_ms IS NOT NULL) AS archiviert FROM projekt",
    );
    match nur {
        Some(id) => s.push(" WHERE id = ").bind(id),
        None => s.push(" WHERE archiviert_ms IS NULL ORDER BY name"),
    };
    let zeilen: Vec<ProjektZeile> = db.alle(&s).await?;
    let tf: Vec<Bezug> = db
        .alle(&Sql::new(
            "SELECT pt.projekt_id, t.id, t.name, t.slug FROM projekt_themenfeld pt \
             JOIN themenfeld t ON t.id = pt.themenfeld_id ORDER BY t.name",
        ))
        .await?;
    let ls: Vec<Bezug> = db
        .alle(&Sql::new(
            "SELECT pl.projekt_id, l.ozg_id AS id, l.name, '' AS slug FROM projekt_leistung pl \
             JOIN leistung l ON l.ozg_id = pl.ozg_id ORDER BY l.ozg_id",
        ))
        .await?;
    let mut tf_je: BTreeMap<i64, Vec<(i64, String, String)>> = BTreeMap::new();
    for b in tf {
        tf_je.entry(b.projekt_id).or_default().push((b.id, b.name, b.slug));
    }
    let mut ls_je: BTreeMap<i64, Vec<(i64, String)>> = BTreeMap::new();
    for b in ls {
        ls_je.entry(b.projekt_id).or_default().push((b.id, b.name));
    }
    Ok(zeilen
        .into_iter()
        .map(|z| {
            let phasen = Phasen {
                vorbereitung: z.vorbereitung,
                konzeption: z.konzeption,
                umsetzung: z.umsetzung,
                pilotierung: z.pilotierung,
                inbetriebnahme: z.inbetriebnahme,
                rollout: z.rollout,
            };
            Projekt {
                id: z.id,
                status: phasen.status(stichtag),
                reihenfolge_fehler: phasen.reihenfolge_fehler(),
                name: z.name,
                beschreibung: z.beschreibung,
                efa_status: z.efa_status,
                phasen,
                themenfelder: tf_je.remove(&z.id).unwrap_or_default(),
                leistungen: ls_je.remove(&z.id).unwrap_or_default(),
                quelle: z.quelle,
                version: z.version,
                archiviert: z.archiviert,
            }
        })
        .collect())
}

/// The roadmap table for a URL state: facets `tf` (Themenfeld id) and `status` (status code),
/// each with "ist gleich / ist nicht gleich"; `sort` = name, status, themenfeld or a phase code.
pub fn filtern(alle: Vec<Projekt>, a: &KatalogAnfrage, stichtag: NaiveDate) -> Roadmap {
    let mut zaehler: BTreeMap<(String, i64), i64> = BTreeMap::new();
    for p in &alle {
        for (id, name, _) in &p.themenfelder {
            *zaehler.entry((name.clone(), *id)).or_default() += 1;
        }
    }
    let passt = |p: &Projekt, facette: &str, werte: &[String]| match facette {
        "tf" => p.themenfelder.iter().any(|(id, _, _)| werte.contains(&id.to_string())),
        "status" => werte.iter().any(|w| w == p.status.code()),
        _ => true,
    };
    let mut projekte: Vec<Projekt> = alle
        .iter()
        .filter(|p| a.facetten.iter().all(|(f, aw)| aw.werte.is_empty() || passt(p, f, &aw.werte) != aw.negiert))
        .cloned()
        .collect();
    match a.sort.as_deref() {
        Some("status") => projekte.sort_by_key(|p| p.status),
        Some("themenfeld") => {
            projekte.sort_by(|x, y| x.themenfelder.first().map(|t| &t.1).cmp(&y.themenfelder.first().map(|t| &t.1)))
        }
        Some(code) => {
            if let Some(ph) = Phase::aus_code(code) {
                // Projects without a date for the phase go last, in either direction.
                projekte.sort_by_key(|p| (p.phasen.beginn(ph).is_none(), p.phasen.beginn(ph)));
            }
        }
        None => {}
    }
    if a.absteigend {
        projekte.reverse();
    }
    Roadmap {
        stichtag,
        gesamt: alle.len(),
        themenfelder: zaehler.into_iter().map(|((name, id), n)| (id, name, n)).collect(),
        projekte,
        archiviert: vec![],
    }
}

pub async fn roadmap(db: &Db, a: &KatalogAnfrage, stichtag: NaiveDate) -> StoreResult<Roadmap> {
    let mut r = filtern(projekte(db, stichtag).await?, a, stichtag);
    r.archiviert = archivierte(db).await?;
    Ok(r)
}

/// The project a write is based on, if `version` is still current; else the conflict message
/// naming who changed it. Also returns how messages name the project.
async fn zum_schreiben(
    db: &Db,
    id: i64,
    version: i64,
    stichtag: NaiveDate,
) -> Result<(Projekt, String), super::SchreibFehler> {
    let alt = projekt(db, id, stichtag)
        .await?
        .ok_or_else(|| super::SchreibFehler::NichtGefunden("Das Umsetzungsprojekt".into()))?;
    let was = format!("Das Umsetzungsprojekt „{}“", alt.name);
    if alt.version != version {
        let m = super::protokoll::konflikt_meldung(db, "projekt", &id.to_string(), &was).await;
        return Err(super::SchreibFehler::Konflikt(m));
    }
    Ok((alt, was))
}

/// Saves the phase dates of a project based on the version the form showed; the audit log
/// keeps old and new month of each changed phase (the project's history). Made in an open
/// workshop session (`vermerk`), the change is also the session's decision.
pub async fn phasen_speichern(
    db: &Db,
    id: i64,
    version: i64,
    neu: &Phasen,
    wer: &super::akteur::Akteur,
    vermerk: Option<&Vermerk>,
) -> Result<i64, super::SchreibFehler> {
    use super::protokoll::{Aenderung, Ankuendigung, versioniert_schreiben_live};
    let heute = chrono::Utc::now().date_naive();
    let (alt, was) = zum_schreiben(db, id, version, heute).await?;
    let mut a = Aenderung::neu("projekt", id, &alt.name);
    let text = |d: Option<NaiveDate>| d.map(|d| d.format("%Y-%m").to_string());
    for ph in Phase::ALLE {
        a.feld(ph.code(), text(alt.phasen.beginn(ph)), text(neu.beginn(ph)));
    }
    if a.ist_leer() {
        return Ok(version);
    }
    let mut s = Sql::new("UPDATE projekt SET ");
    for (i, ph) in Phase::ALLE.into_iter().enumerate() {
        if i > 0 {
            s.push(", ");
        }
        s.push(ph.code()).push(" = ").bind(neu.beginn(ph));
    }
    s.push(", version = version + 1 WHERE id = ").bind(id).push(" AND version = ").bind(version);
    let verschoben = phasen_text(&alt.phasen, neu);
    let mut danach = vec![];
    if let Some(v) = vermerk {
        a.feld("beschluss", None, Some(v.notiz()));
        let (vorher, nachher) = phasen_paar(&alt.phasen, neu);
        danach.extend(v.sql("termin", id, &alt.name, Some(vorher), nachher, wer));
    }
    let gespeichert = alt.mit_phasen(*neu, version + 1, heute);
    let daten = serde_json::to_string(&gespeichert).map_err(|e| super::StoreError::Intern(e.to_string()))?;
    let mitteilung = mitteilung_falls_ruhig(db, &gespeichert, "Zeitplan geändert", verschoben).await?;
    let e = Ankuendigung { art: crate::model::live::PROJEKT, daten: &daten, mitteilung };
    versioniert_schreiben_live(db, &s, &a, wer, &was, Some(e), &danach).await?;
    Ok(version + 1)
}

/// Archives a project (`archiv`) or restores it, based on the version the page showed. Nothing is
/// deleted: the audit log keeps the step with the rest of the history; the live event takes the
/// project off every open roadmap (or brings it back).
pub async fn archivieren(
    db: &Db,
    id: i64,
    version: i64,
    archiv: bool,
    wer: &super::akteur::Akteur,
) -> Result<i64, super::SchreibFehler> {
    use super::protokoll::{Aenderung, Ankuendigung, versioniert_schreiben_live};
    let heute = chrono::Utc::now().date_naive();
    let (alt, was) = zum_schreiben(db, id, version, heute).await?;
    if alt.archiviert == archiv {
        return Ok(version);
    }
    let mut a = Aenderung::neu("projekt", id, &alt.name);
    let text = |b: bool| b.then(|| "archiviert".to_string());
    a.feld("archiviert", text(alt.archiviert), text(archiv));
    let mut s = Sql::new("UPDATE projekt SET archiviert_ms = ");
    s.bind(archiv.then(super::jetzt_ms)).push(", version = version + 1 WHERE id = ").bind(id);
    s.push(" AND version = ").bind(version);
    let neu = Projekt { archiviert: archiv, version: version + 1, ..alt };
    let daten = serde_json::to_string(&neu).map_err(|e| super::StoreError::Intern(e.to_string()))?;
    let wie = if archiv { "archiviert" } else { "wiederhergestellt" };
    let mitteilung = mitteilung_falls_ruhig(db, &neu, wie, String::new()).await?;
    let e = Ankuendigung { art: crate::model::live::PROJEKT, daten: &daten, mitteilung };
    versioniert_schreiben_live(db, &s, &a, wer, &was, Some(e), &[]).await?;
    Ok(version + 1)
}

/// The newest change of a project in the audit log: who, when, and each phase's old month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetzteAenderung {
    pub benutzer_id: Option<i64>,
    pub benutzer: String,
    pub zeit_ms: i64,
    /// (phase code, month before, month after) as stored ("JJJJ-MM" or none).
    pub felder: Vec<(String, Option<String>, Option<String>)>,
}

pub async fn letzte_aenderung(db: &Db, id: i64) -> StoreResult<Option<LetzteAenderung>> {
    #[derive(sqlx::FromRow)]
    struct Z {
        benutzer_id: Option<i64>,
        benutzer: String,
        zeit_ms: i64,
        feld: String,
        alt: Option<String>,
        neu: Option<String>,
    }
    // One save writes all its rows with the same time and person; the newest row names both.
    let mut s = Sql::new(
        "SELECT p.benutzer_id, p.benutzer, p.zeit_ms, p.feld, p.alt, p.neu FROM protokoll p \
         JOIN (SELECT zeit_ms, benutzer FROM protokoll WHERE objekt_art = 'projekt' AND objekt_id = ",
    );
    s.bind(id.to_string()).push(
        " ORDER BY id DESC LIMIT 1) l ON l.zeit_ms = p.zeit_ms AND l.benutzer = p.benutzer \
         WHERE p.objekt_art = 'projekt' AND p.objekt_id = ",
    );
    s.bind(id.to_string()).push(" ORDER BY p.id");
    let zeilen: Vec<Z> = db.alle(&s).await?;
    let Some(erste) = zeilen.first() else { return Ok(None) };
    Ok(Some(LetzteAenderung {
        benutzer_id: erste.benutzer_id,
        benutzer: erste.benutzer.clone(),
        zeit_ms: erste.zeit_ms,
        felder: zeilen.into_iter().map(|z| (z.feld, z.alt, z.neu)).collect(),
    }))
}

/// What describes a project besides its dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stammdaten {
    pub name: String,
    pub beschreibung: Option<String>,
    pub efa_status: Option<String>,
    /// Themenfeld ids, at least one.
    pub themenfelder: Vec<i64>,
    /// OZG-IDs.
    pub leistungen: Vec<i64>,
}

/// The linked records as the project shows them: (id, name, slug) and (OZG-ID, name).
type Bezuege = (Vec<(i64, String, String)>, Vec<(i64, String)>);

/// Checks names and links against the database: the name unique (other than `ausser`), every
/// Themenfeld and OZG-ID known. Returns the messages per form field and, if none, the linked
/// records.
pub async fn stammdaten_pruefen(
    db: &Db,
    s: &Stammdaten,
    ausser: Option<i64>,
) -> StoreResult<Result<Bezuege, Vec<(&'static str, String)>>> {
    let mut fehler = vec![];
    let mut q = Sql::new("SELECT COUNT(*) FROM projekt WHERE name = ");
    q.bind(s.name.clone()).push(" AND id <> ").bind(ausser.unwrap_or(-1));
    if !s.name.is_empty() && db.zahl(&q).await? > 0 {
        fehler.push(("name", format!("Ein Umsetzungsprojekt „{}“ gibt es schon.", s.name)));
    }
    #[derive(sqlx::FromRow)]
    struct Tf {
        id: i64,
        name: String,
        slug: String,
    }
    let mut tfs: Vec<(i64, String, String)> = vec![];
    if !s.themenfelder.is_empty() {
        let mut q = Sql::new("SELECT id, name, slug FROM themenfeld WHERE id IN (");
        q.bind_list(s.themenfelder.iter().copied()).push(") ORDER BY name");
        tfs = db.alle::<Tf>(&q).await?.into_iter().map(|t| (t.id, t.name, t.slug)).collect();
    }
    // An empty choice is the form's to report.
    if tfs.len() != s.themenfelder.len() {
        fehler.push(("themenfelder", "Unbekanntes Themenfeld gewählt.".into()));
    }
    #[derive(sqlx::FromRow)]
    struct L {
        ozg_id: i64,
        name: String,
    }
    let mut ls: Vec<(i64, String)> = vec![];
    if !s.leistungen.is_empty() {
        let mut q = Sql::new("SELECT ozg_id, name FROM leistung WHERE ozg_id IN (");
        q.bind_list(s.leistungen.iter().copied()).push(") ORDER BY ozg_id");
        ls = db.alle::<L>(&q).await?.into_iter().map(|l| (l.ozg_id, l.name)).collect();
        let fehlend: Vec<String> =
            s.leistungen.iter().filter(|id| !ls.iter().any(|l| l.0 == **id)).map(|id| id.to_string()).collect();
        if !fehlend.is_empty() {
            fehler.push(("leistungen", format!("Keine OZG-Leistung mit der ID {} im Katalog.", fehlend.join(", "))));
        }
    }
    Ok(if fehler.is_empty() { Ok((tfs, ls)) } else { Err(fehler) })
}

fn stammdaten_aenderung(a: &mut super::protokoll::Aenderung, alt: Option<&Projekt>, neu: &Stammdaten, b: &Bezuege) {
    let liste = |v: Vec<String>| (!v.is_empty()).then(|| v.join("; "));
    a.feld("name", alt.map(|p| p.name.clone()), Some(neu.name.clone()));
    a.feld("beschreibung", alt.and_then(|p| p.beschreibung.clone()), neu.beschreibung.clone());
    a.feld("efa_status", alt.and_then(|p| p.efa_status.clone()), neu.efa_status.clone());
    a.feld(
        "themenfelder",
        alt.and_then(|p| liste(p.themenfelder.iter().map(|t| t.1.clone()).collect())),
        liste(b.0.iter().map(|t| t.1.clone()).collect()),
    );
    a.feld(
        "leistungen",
        alt.and_then(|p| liste(p.leistungen.iter().map(|l| l.0.to_string()).collect())),
        liste(b.1.iter().map(|l| l.0.to_string()).collect()),
    );
}

fn verknuepfen(id: i64, b: &Bezuege) -> Vec<Sql> {
    let mut v = vec![];
    let mut s = Sql::new("DELETE FROM projekt_themenfeld WHERE projekt_id = ");
    s.bind(id);
    v.push(s);
    let mut s = Sql::new("DELETE FROM projekt_leistung WHERE projekt_id = ");
    s.bind(id);
    v.push(s);
    for (tf, _, _) in &b.0 {
        let mut s = Sql::new("INSERT INTO projekt_themenfeld (projekt_id, themenfeld_id) VALUES (");
        s.bind(id).push(", ").bind(*tf).push(")");
        v.push(s);
    }
    for (ozg, _) in &b.1 {
        let mut s = Sql::new("INSERT INTO projekt_leistung (projekt_id, ozg_id) VALUES (");
        s.bind(id).push(", ").bind(*ozg).push(")");
        v.push(s);
    }
    v
}

/// Creates a project without dates (they are set on the timeline or in the date form).
/// The caller has checked the data with [`stammdaten_pruefen`]; `b` are its links. Created in an
/// open workshop session (`vermerk`), the project is also the session's decision.
pub async fn anlegen(
    db: &Db,
    s: &Stammdaten,
    b: &Bezuege,
    wer: &super::akteur::Akteur,
    vermerk: Option<&Vermerk>,
) -> Result<i64, super::SchreibFehler> {
    let heute = chrono::Utc::now().date_naive();
    let mut tx = db.beginnen().await?;
    let mut q = Sql::new("INSERT INTO projekt (name, beschreibung, efa_status, quelle) VALUES (");
    q.bind(s.name.clone()).push(", ").bind(s.beschreibung.clone()).push(", ").bind(s.efa_status.clone());
    q.push(", ").bind(format!("angelegt von {}", wer.oeffentlich)).push(") RETURNING id");
    let id = tx.zahl(&q).await?;
    for q in verknuepfen(id, b) {
        tx.ausfuehren(&q).await?;
    }
    let mut a = super::protokoll::Aenderung::neu("projekt", id, &s.name);
    stammdaten_aenderung(&mut a, None, s, b);
    if let Some(v) = vermerk {
        a.feld("beschluss", None, Some(v.notiz()));
        for q in v.sql("projekt", id, &s.name, None, s.name.clone(), wer) {
            tx.ausfuehren(&q).await?;
        }
    }
    a.schreiben(&mut tx, wer).await?;
    let p = Projekt {
        id,
        name: s.name.clone(),
        beschreibung: s.beschreibung.clone(),
        efa_status: s.efa_status.clone(),
        phasen: Phasen::default(),
        themenfelder: b.0.clone(),
        leistungen: b.1.clone(),
        quelle: format!("angelegt von {}", wer.oeffentlich),
        version: 1,
        status: Phasen::default().status(heute),
        reihenfolge_fehler: vec![],
        archiviert: false,
    };
    let daten = serde_json::to_string(&p).map_err(|e| super::StoreError::Intern(e.to_string()))?;
    super::ereignis::schreiben(&mut tx, crate::model::live::PROJEKT, &id.to_string(), &daten, wer).await?;
    let m = mitteilung(&p, "neu in der Roadmap", p.beschreibung.clone().unwrap_or_default());
    super::infoverteiler::mitteilen(&mut tx, &m, wer).await?;
    tx.commit().await?;
    Ok(id)
}

/// The Infoverteiler's notice of a project change: for those who follow the project or one of
/// its Themenfelder.
fn mitteilung(p: &Projekt, was: &str, auszug: String) -> crate::model::infoverteiler::MitteilungNeu {
    use crate::model::infoverteiler::AboArt;
    let mut bezuege = vec![(AboArt::Projekt, p.id.to_string())];
    bezuege.extend(p.themenfelder.iter().map(|(tf, _, _)| (AboArt::Themenfeld, tf.to_string())));
    crate::model::infoverteiler::MitteilungNeu {
        art: "projekt",
        titel: format!("{}: {was}", p.name),
        pfad: crate::pfad::projekt(p.id),
        auszug,
        zeit_ms: super::jetzt_ms(),
        bezuege,
    }
}

/// Dragging a phase on the timeline saves at every drop: one notice per project and half hour is
/// enough (the page shows the rest).
const RUHE_MS: i64 = 30 * 60 * 1000;

async fn mitteilung_falls_ruhig(
    db: &Db,
    p: &Projekt,
    was: &str,
    auszug: String,
) -> StoreResult<Option<crate::model::infoverteiler::MitteilungNeu>> {
    let mut s = Sql::new("SELECT COUNT(*) FROM mitteilung WHERE art = 'projekt' AND pfad = ");
    s.bind(crate::pfad::projekt(p.id)).push(" AND zeit_ms > ").bind(super::jetzt_ms() - RUHE_MS);
    Ok((db.zahl(&s).await? == 0).then(|| mitteilung(p, was, auszug)))
}

/// ("Umsetzung 03/2026", "Umsetzung 05/2026"): the moved phases before and after, as a workshop
/// decision lists them.
fn phasen_paar(alt: &Phasen, neu: &Phasen) -> (String, String) {
    let monat = |d: Option<NaiveDate>| d.map_or_else(|| "offen".to_string(), |d| d.format("%m/%Y").to_string());
    let bewegt: Vec<Phase> = Phase::ALLE.into_iter().filter(|ph| alt.beginn(*ph) != neu.beginn(*ph)).collect();
    let text = |p: &Phasen| {
        bewegt.iter().map(|ph| format!("{} {}", ph.label(), monat(p.beginn(*ph)))).collect::<Vec<_>>().join(", ")
    };
    (text(alt), text(neu))
}

/// "Umsetzung: 03/2026 → 05/2026; …" for the phases that moved.
fn phasen_text(alt: &Phasen, neu: &Phasen) -> String {
    let monat = |d: Option<NaiveDate>| d.map_or_else(|| "offen".to_string(), |d| d.format("%m/%Y").to_string());
    Phase::ALLE
        .into_iter()
        .filter(|ph| alt.beginn(*ph) != neu.beginn(*ph))
        .map(|ph| format!("{}: {} → {}", ph.label(), monat(alt.beginn(ph)), monat(neu.beginn(ph))))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Saves name, description, EfA status and links based on the version the form showed.
pub async fn stammdaten_speichern(
    db: &Db,
    id: i64,
    version: i64,
    s: &Stammdaten,
    b: &Bezuege,
    wer: &super::akteur::Akteur,
) -> Result<i64, super::SchreibFehler> {
    use super::protokoll::{Aenderung, Ankuendigung, versioniert_schreiben_live};
    let heute = chrono::Utc::now().date_naive();
    let (alt, was) = zum_schreiben(db, id, version, heute).await?;
    let mut a = Aenderung::neu("projekt", id, &s.name);
    stammdaten_aenderung(&mut a, Some(&alt), s, b);
    if a.ist_leer() {
        return Ok(version);
    }
    let mut q = Sql::new("UPDATE projekt SET name = ");
    q.bind(s.name.clone()).push(", beschreibung = ").bind(s.beschreibung.clone());
    q.push(", efa_status = ").bind(s.efa_status.clone());
    q.push(", version = version + 1 WHERE id = ").bind(id).push(" AND version = ").bind(version);
    let neu = Projekt {
        name: s.name.clone(),
        beschreibung: s.beschreibung.clone(),
        efa_status: s.efa_status.clone(),
        themenfelder: b.0.clone(),
        leistungen: b.1.clone(),
        version: version + 1,
        ..alt
    };
    let daten = serde_json::to_string(&neu).map_err(|e| super::StoreError::Intern(e.to_string()))?;
    let mitteilung =
        mitteilung_falls_ruhig(db, &neu, "Beschreibung geändert", neu.beschreibung.clone().unwrap_or_default()).await?;
    let e = Ankuendigung { art: crate::model::live::PROJEKT, daten: &daten, mitteilung };
    versioniert_schreiben_live(db, &q, &a, wer, &was, Some(e), &verknuepfen(id, b)).await?;
    Ok(version + 1)
}

/// The projects as a list of the open API: the roadmap's facets `tf` and `status`, search in
/// name, description, Themenfelder and Leistungen.
impl super::speicherliste::Listeneintrag for Projekt {
    const FACETTEN: &'static [(&'static str, &'static str)] = &[("tf", "Themenfeld"), ("status", "Status")];
    type Kontext = ();

    fn werte(&self, facette: &str, _: &()) -> Vec<(String, String)> {
        match facette {
            "tf" => self.themenfelder.iter().map(|(id, name, _)| (id.to_string(), name.clone())).collect(),
            "status" => vec![(self.status.code().into(), self.status.label().into())],
            _ => vec![],
        }
    }

    fn suchtext(&self) -> String {
        let tf: Vec<&str> = self.themenfelder.iter().map(|t| t.1.as_str()).collect();
        let ls: Vec<&str> = self.leistungen.iter().map(|l| l.1.as_str()).collect();
        format!("{} {} {} {}", self.name, self.beschreibung.as_deref().unwrap_or(""), tf.join(" "), ls.join(" "))
    }
}
