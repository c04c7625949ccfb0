//! Workshop sessions (see [`crate::model::workshop`]): start, join, the facilitator's view and
//! questions, one answer per participant, results, decisions taken into the catalog.
//!
//! Every change of what the room sees writes a [`crate::model::live::WORKSHOP`] event in its own
//! transaction (so it reaches every app server); answers only count up the question's `stand`
//! and the caller writes one coalesced event for many ([`zustand_melden`]).

pub mod beschluss;
pub mod protokoll;

pub use beschluss::{Vermerk, beschluesse, prioritaet_beschliessen, vermerk};

use super::akteur::Akteur;
use super::{Db, SchreibFehler, Sql, StoreResult, Tx, ereignis, jetzt_ms};
use crate::model::workshop::{Code, Ergebnis, Frage, FrageArt, FrageNeu, Freitext, PrioZeile, SKALA, Zustand};

/// A session as stored (ids included), for the server functions.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SitzungZeile {
    pub id: i64,
    pub code: String,
    pub veranstaltung_id: i64,
    pub themenfeld_id: Option<i64>,
    pub titel: String,
    pub leitung_id: Option<i64>,
    pub leitung: String,
    pub beendet_ms: Option<i64>,
    pub ansicht: String,
    pub markierung: String,
    pub frage_id: Option<i64>,
    pub stand: i64,
    pub protokoll_id: Option<i64>,
}

impl SitzungZeile {
    pub fn offen(&self) -> bool {
        self.beendet_ms.is_none()
    }

    /// The state screens follow, from this row and the current question's count.
    pub fn zustand(&self, frage_stand: i64) -> Zustand {
        Zustand {
            code: self.code.clone(),
            stand: self.stand,
            ansicht: self.ansicht.clone(),
            markierung: self.markierung.clone(),
            frage_id: self.frage_id,
            frage_stand,
            beendet: !self.offen(),
            ergebnis: None,
        }
    }
}

const SITZUNG_SPALTEN: &str = "id, code, veranstaltung_id, themenfeld_id, titel, leitung_id, leitung, beendet_ms, \
    ansicht, markierung, frage_id, stand, protokoll_id";

/// The session with this code, open or ended.
pub async fn sitzung(db: &Db, code: &Code) -> StoreResult<Option<SitzungZeile>> {
    let mut s = Sql::new(&format!("SELECT {SITZUNG_SPALTEN} FROM workshop_sitzung WHERE code = "));
    s.bind(code.as_str());
    db.eine(&s).await
}

/// The open session of an event, if one runs.
pub async fn offene_sitzung(db: &Db, veranstaltung_id: i64) -> StoreResult<Option<SitzungZeile>> {
    let mut s = Sql::new(&format!(
        "SELECT {SITZUNG_SPALTEN} FROM workshop_sitzung WHERE beendet_ms IS NULL AND veranstaltung_id = "
    ));
    s.bind(veranstaltung_id).push(" ORDER BY id DESC LIMIT 1");
    db.eine(&s).await
}

/// Starts a session for a Themenfeld-Workshop, or returns the one already open. `code` is a
/// fresh random code (the caller retries with another if it was taken).
pub async fn starten(db: &Db, veranstaltung_id: i64, code: &Code, wer: &Akteur) -> Result<Code, SchreibFehler> {
    if let Some(s) = offene_sitzung(db, veranstaltung_id).await? {
        return Code::parse(&s.code).ok_or_else(|| SchreibFehler::Abgelehnt("Ungültiger Code.".into()));
    }
    let Some(v) = super::veranstaltung::eine(db, veranstaltung_id).await? else {
        return Err(SchreibFehler::NichtGefunden("Die Veranstaltung wurde nicht gefunden.".into()));
    };
    if v.art != crate::model::veranstaltung::Art::Workshop {
        return Err(SchreibFehler::Abgelehnt("Workshop-Sitzungen gibt es nur für Themenfeld-Workshops.".into()));
    }
    let ansicht = crate::pfad::workshop(code);
    let mut s = Sql::new(
        "INSERT INTO workshop_sitzung (code, veranstaltung_id, themenfeld_id, titel, leitung_id, leitung, ansicht, begonnen_ms) VALUES (",
    );
    s.bind(code.as_str()).push(", ").bind(veranstaltung_id).push(", ").bind(v.themenfeld.as_ref().map(|t| t.0));
    s.push(", ").bind(v.titel.clone()).push(", ").bind(wer.id).push(", ").bind(wer.oeffentlich.clone());
    s.push(", ").bind(ansicht).push(", ").bind(jetzt_ms()).push(")");
    db.transaktion(&[s]).await?;
    Ok(code.clone())
}

/// The participation of an account (joining if `beitreten`), or None.
pub async fn teilnahme_konto(
    db: &Db,
    sitzung_id: i64,
    benutzer_id: i64,
    name: &str,
    beitreten: bool,
) -> StoreResult<Option<i64>> {
    if beitreten {
        let mut s = Sql::new("INSERT INTO workshop_teilnahme (sitzung_id, benutzer_id, name, beigetreten_ms) VALUES (");
        s.bind(sitzung_id).push(", ").bind(benutzer_id).push(", ").bind(name.chars().take(100).collect::<String>());
        s.push(", ").bind(jetzt_ms()).push(") ON CONFLICT (sitzung_id, benutzer_id) DO NOTHING");
        db.transaktion(&[s]).await?;
    }
    let mut s = Sql::new("SELECT id FROM workshop_teilnahme WHERE sitzung_id = ");
    s.bind(sitzung_id).push(" AND benutzer_id = ").bind(benutzer_id);
    Ok(db.eine::<(i64,)>(&s).await?.map(|t| t.0))
}

/// A guest joins: the browser's token is kept as its hash only.
pub async fn gast_beitreten(db: &Db, sitzung_id: i64, token: &str, name: &str, kommune: &str) -> StoreResult<i64> {
    let mut s =
        Sql::new("INSERT INTO workshop_teilnahme (sitzung_id, gast_hash, name, kommune, beigetreten_ms) VALUES (");
    s.bind(sitzung_id).push(", ").bind(super::geheimnis::token_hash(token)).push(", ").bind(name);
    s.push(", ").bind(kommune).push(", ").bind(jetzt_ms()).push(") RETURNING id");
    let mut tx = db.beginnen().await?;
    let id = tx.zahl(&s).await?;
    tx.commit().await?;
    Ok(id)
}

/// The participation a guest token holds in this session: (id, name).
pub async fn teilnahme_gast(db: &Db, sitzung_id: i64, token: &str) -> StoreResult<Option<(i64, String)>> {
    let mut s = Sql::new("SELECT id, name FROM workshop_teilnahme WHERE sitzung_id = ");
    s.bind(sitzung_id).push(" AND gast_hash = ").bind(super::geheimnis::token_hash(token));
    db.eine(&s).await
}

/// The participation of a guest token in a session that is still open (for the limits, which
/// count such a guest by itself). One lookup by the unique hash.
pub async fn gast_pruefen(db: &Db, token: &str) -> StoreResult<Option<i64>> {
    let mut s = Sql::new("SELECT t.id FROM workshop_teilnahme t JOIN workshop_sitzung s ON s.id = t.sitzung_id");
    s.push(" WHERE t.gast_hash = ").bind(super::geheimnis::token_hash(token)).push(" AND s.beendet_ms IS NULL");
    Ok(db.eine::<(i64,)>(&s).await?.map(|t| t.0))
}

pub async fn teilnehmende(db: &Db, sitzung_id: i64) -> StoreResult<i64> {
    db.zahl(Sql::new("SELECT COUNT(*) FROM workshop_teilnahme WHERE sitzung_id = ").bind(sitzung_id)).await
}

#[derive(sqlx::FromRow)]
struct FrageZeile {
    id: i64,
    art: String,
    text: String,
    optionen: String,
    offen: bool,
    stand: i64,
}

/// A question of the session with its choices (for the Priorität: the Leistungen' names).
pub async fn frage(db: &Db, sitzung_id: i64, frage_id: i64) -> StoreResult<Option<Frage>> {
    let mut s = Sql::new("SELECT id, art, text, optionen, offen, stand FROM workshop_frage WHERE sitzung_id = ");
    s.bind(sitzung_id).push(" AND id = ").bind(frage_id);
    let Some(z) = db.eine::<FrageZeile>(&s).await? else { return Ok(None) };
    let Some(art) = FrageArt::aus_code(&z.art) else { return Ok(None) };
    let zeilen: Vec<String> = z.optionen.lines().map(str::to_string).collect();
    let optionen = match art {
        FrageArt::Prioritaet => leistungsnamen(db, &zeilen).await?,
        FrageArt::Skala => SKALA.iter().enumerate().map(|(i, l)| (i.to_string(), l.to_string())).collect(),
        FrageArt::Freitext => Vec::new(),
        FrageArt::Einfach | FrageArt::Mehrfach => {
            zeilen.into_iter().enumerate().map(|(i, l)| (i.to_string(), l)).collect()
        }
    };
    Ok(Some(Frage { id: z.id, art, text: z.text, optionen, offen: z.offen, stand: z.stand }))
}

async fn leistungsnamen(db: &Db, ids: &[String]) -> StoreResult<Vec<(String, String)>> {
    let zahlen: Vec<i64> = ids.iter().filter_map(|i| i.parse().ok()).collect();
    if zahlen.is_empty() {
        return Ok(Vec::new());
    }
    let mut s = Sql::new("SELECT ozg_id, name FROM leistung WHERE ozg_id IN (");
    s.bind_list(zahlen).push(")");
    let namen: Vec<(i64, String)> = db.alle(&s).await?;
    Ok(ids
        .iter()
        .filter_map(|i| namen.iter().find(|(id, _)| id.to_string() == *i).map(|(id, n)| (id.to_string(), n.clone())))
        .collect())
}

/// The Leistungen of a Themenfeld as (OZG-ID, name), in the catalog's order.
pub async fn themenfeld_leistungen(db: &Db, themenfeld_id: i64) -> StoreResult<Vec<(i64, String)>> {
    let mut s = Sql::new(
        "SELECT l.ozg_id, l.name FROM leistung l JOIN lebenslage ll ON ll.id = l.lebenslage_id WHERE l.themenfeld_id = ",
    );
    s.bind(themenfeld_id).push(" ORDER BY ll.sortname, l.suchname, l.ozg_id");
    db.alle(&s).await
}

/// The OZG-IDs of the Themenfeld's Leistungen that the Priorität may ask about (all when none
/// were chosen); ids of other Themenfelder are refused with their numbers.
pub async fn leistungen_pruefen(
    db: &Db,
    themenfeld_id: Option<i64>,
    gewaehlt: &[String],
) -> Result<Vec<String>, SchreibFehler> {
    let Some(tf) = themenfeld_id else {
        return Err(SchreibFehler::Abgelehnt("Dieser Workshop gehört zu keinem Themenfeld.".into()));
    };
    let alle: Vec<String> = themenfeld_leistungen(db, tf).await?.into_iter().map(|(id, _)| id.to_string()).collect();
    if gewaehlt.is_empty() {
        return Ok(alle.into_iter().take(crate::model::workshop::MAX_LEISTUNGEN).collect());
    }
    let fremd: Vec<&str> = gewaehlt.iter().filter(|g| !alle.contains(g)).map(String::as_str).collect();
    if !fremd.is_empty() {
        return Err(SchreibFehler::Abgelehnt(format!("Nicht aus dem Themenfeld des Workshops: {}.", fremd.join(", "))));
    }
    Ok(gewaehlt.to_vec())
}

/// Asks a new question (closing the one before) and shows it.
pub async fn frage_stellen(db: &Db, s: &SitzungZeile, neu: &FrageNeu, wer: &Akteur) -> StoreResult<i64> {
    let mut tx = db.beginnen().await?;
    tx.ausfuehren(Sql::new("UPDATE workshop_frage SET offen = FALSE WHERE sitzung_id = ").bind(s.id)).await?;
    let mut q = Sql::new("INSERT INTO workshop_frage (sitzung_id, art, text, optionen, gestellt_ms) VALUES (");
    q.bind(s.id).push(", ").bind(neu.art.code()).push(", ").bind(neu.text.clone()).push(", ");
    q.bind(neu.optionen.join("\n")).push(", ").bind(jetzt_ms()).push(") RETURNING id");
    let id = tx.zahl(&q).await?;
    let mut u = Sql::new("UPDATE workshop_sitzung SET frage_id = ");
    u.bind(id)
        .push(", ansicht = ")
        .bind(crate::pfad::workshop(&s.code))
        .push(", markierung = '', stand = stand + 1 WHERE id = ")
        .bind(s.id);
    tx.ausfuehren(&u).await?;
    ereignis_schreiben(&mut tx, s.id, wer).await?;
    tx.commit().await?;
    Ok(id)
}

/// Closes the current question (answers are no longer taken; the result stays shown).
pub async fn frage_schliessen(db: &Db, s: &SitzungZeile, wer: &Akteur) -> StoreResult<()> {
    let mut tx = db.beginnen().await?;
    tx.ausfuehren(Sql::new("UPDATE workshop_frage SET offen = FALSE WHERE sitzung_id = ").bind(s.id)).await?;
    tx.ausfuehren(Sql::new("UPDATE workshop_sitzung SET stand = stand + 1 WHERE id = ").bind(s.id)).await?;
    ereignis_schreiben(&mut tx, s.id, wer).await?;
    tx.commit().await
}

/// The facilitator shows a view (a checked path) and perhaps highlights an element of it.
pub async fn ansicht_setzen(
    db: &Db,
    s: &SitzungZeile,
    ansicht: &str,
    markierung: &str,
    wer: &Akteur,
) -> StoreResult<()> {
    let mut tx = db.beginnen().await?;
    let mut u = Sql::new("UPDATE workshop_sitzung SET ansicht = ");
    u.bind(ansicht).push(", markierung = ").bind(markierung).push(", stand = stand + 1 WHERE id = ").bind(s.id);
    tx.ausfuehren(&u).await?;
    ereignis_schreiben(&mut tx, s.id, wer).await?;
    tx.commit().await
}

/// Ends the session: guests lose their access, answers are no longer taken. Refused if it
/// ended meanwhile (so only one caller files the protocol).
pub async fn beenden(db: &Db, s: &SitzungZeile, wer: &Akteur) -> Result<(), SchreibFehler> {
    let mut tx = db.beginnen().await?;
    let mut u = Sql::new("UPDATE workshop_sitzung SET beendet_ms = ");
    u.bind(jetzt_ms()).push(", stand = stand + 1 WHERE beendet_ms IS NULL AND id = ").bind(s.id);
    if tx.ausfuehren(&u).await? == 0 {
        return Err(SchreibFehler::Abgelehnt("Diese Workshop-Sitzung ist bereits beendet.".into()));
    }
    tx.ausfuehren(Sql::new("UPDATE workshop_frage SET offen = FALSE WHERE sitzung_id = ").bind(s.id)).await?;
    ereignis_schreiben(&mut tx, s.id, wer).await?;
    tx.commit().await?;
    Ok(())
}

/// Stores one participant's answer, replacing an earlier one (also from a second tab or after
/// a reconnect: the key is question × participant × Leistung). Refused once the question
/// closed, checked inside the transaction.
pub async fn antworten(
    db: &Db,
    frage_id: i64,
    teilnahme_id: i64,
    werte: &[(String, String)],
) -> Result<(), SchreibFehler> {
    let mut tx = db.beginnen().await?;
    // Counting up first takes the question's row lock (PostgreSQL) and tells if it is open.
    let mut u = Sql::new("UPDATE workshop_frage SET stand = stand + 1 WHERE offen = TRUE AND id = ");
    u.bind(frage_id);
    if tx.ausfuehren(&u).await? == 0 {
        return Err(SchreibFehler::Abgelehnt("Diese Frage ist bereits geschlossen.".into()));
    }
    let mut d = Sql::new("DELETE FROM workshop_stimme WHERE frage_id = ");
    d.bind(frage_id).push(" AND teilnahme_id = ").bind(teilnahme_id);
    d.push(" AND schluessel NOT IN (").bind_list(werte.iter().map(|(k, _)| k.clone())).push(")");
    tx.ausfuehren(&d).await?;
    let jetzt = jetzt_ms();
    for (k, w) in werte {
        let mut i =
            Sql::new("INSERT INTO workshop_stimme (frage_id, teilnahme_id, schluessel, wert, zeit_ms) VALUES (");
        i.bind(frage_id).push(", ").bind(teilnahme_id).push(", ").bind(k.clone()).push(", ").bind(w.clone());
        i.push(", ")
            .bind(jetzt)
            .push(") ON CONFLICT (frage_id, teilnahme_id, schluessel) DO UPDATE SET wert = excluded.wert, ");
        // A changed free text needs approval again.
        i.push("zeit_ms = excluded.zeit_ms, freigegeben = (workshop_stimme.freigegeben AND workshop_stimme.wert = excluded.wert)");
        tx.ausfuehren(&i).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The caller's stored answer to a question.
pub async fn meine_antwort(db: &Db, frage_id: i64, teilnahme_id: i64) -> StoreResult<Vec<(String, String)>> {
    let mut s = Sql::new("SELECT schluessel, wert FROM workshop_stimme WHERE frage_id = ");
    s.bind(frage_id).push(" AND teilnahme_id = ").bind(teilnahme_id).push(" ORDER BY schluessel");
    db.alle(&s).await
}

/// Approves (or withdraws) a free-text answer for the room.
pub async fn freigeben(
    db: &Db,
    s: &SitzungZeile,
    frage_id: i64,
    teilnahme_id: i64,
    ja: bool,
    wer: &Akteur,
) -> StoreResult<bool> {
    let mut tx = db.beginnen().await?;
    let mut u = Sql::new("UPDATE workshop_stimme SET freigegeben = ");
    u.bind(ja).push(" WHERE frage_id = ").bind(frage_id).push(" AND teilnahme_id = ").bind(teilnahme_id);
    u.push(" AND frage_id IN (SELECT id FROM workshop_frage WHERE sitzung_id = ").bind(s.id).push(")");
    let n = tx.ausfuehren(&u).await?;
    if n > 0 {
        tx.ausfuehren(Sql::new("UPDATE workshop_frage SET stand = stand + 1 WHERE id = ").bind(frage_id)).await?;
        ereignis_schreiben(&mut tx, s.id, wer).await?;
    }
    tx.commit().await?;
    Ok(n > 0)
}

/// The counts of a question; free texts not yet approved only for the facilitator.
pub async fn ergebnis(db: &Db, frage: &Frage, leiten: bool) -> StoreResult<Ergebnis> {
    let mut s = Sql::new("SELECT schluessel, wert, COUNT(*) FROM workshop_stimme WHERE frage_id = ");
    s.bind(frage.id).push(" GROUP BY schluessel, wert");
    let mut antwortende = Sql::new("SELECT COUNT(DISTINCT teilnahme_id) FROM workshop_stimme WHERE frage_id = ");
    antwortende.bind(frage.id);
    let (gruppen, antwortende) = if frage.art == FrageArt::Freitext {
        (Vec::new(), db.zahl(&antwortende).await?)
    } else {
        futures::try_join!(db.alle::<(String, String, i64)>(&s), db.zahl(&antwortende))?
    };
    let mut e = Ergebnis {
        frage_id: frage.id,
        stand: frage.stand,
        antwortende,
        zaehlung: Vec::new(),
        prioritaeten: Vec::new(),
        freitexte: Vec::new(),
        svg: String::new(),
    };
    match frage.art {
        FrageArt::Prioritaet => {
            e.prioritaeten = prio_zeilen(db, frage, &gruppen).await?;
            e.zaehlung = e
                .prioritaeten
                .iter()
                .map(|z| (format!("{} ({})", z.name, z.stimmen_text()), z.stimmen.iter().sum()))
                .collect();
            e.svg = crate::model::workshop::prioritaet_svg(&frage.text, &e.prioritaeten);
        }
        FrageArt::Freitext => e.freitexte = freitexte(db, frage.id, leiten).await?,
        _ => {
            let schluessel_ist_wahl = frage.art == FrageArt::Mehrfach;
            e.zaehlung = frage
                .optionen
                .iter()
                .map(|(k, label)| {
                    let n = gruppen
                        .iter()
                        .filter(|(s, w, _)| if schluessel_ist_wahl { s == k } else { w == k })
                        .map(|(_, _, n)| *n)
                        .sum();
                    (label.clone(), n)
                })
                .collect();
            let werte: Vec<(&str, i64)> = e.zaehlung.iter().map(|(l, n)| (l.as_str(), *n)).collect();
            e.svg = crate::model::loesung::umsetzung::balken_svg(&frage.text, &werte);
        }
    }
    Ok(e)
}

async fn prio_zeilen(db: &Db, frage: &Frage, gruppen: &[(String, String, i64)]) -> StoreResult<Vec<PrioZeile>> {
    let ids: Vec<i64> = frage.optionen.iter().filter_map(|(k, _)| k.parse().ok()).collect();
    let mut s = Sql::new("SELECT ozg_id, prioritaet FROM leistung WHERE ozg_id IN (");
    s.bind_list(ids).push(")");
    let aktuell: Vec<(i64, Option<i64>)> = if frage.optionen.is_empty() { Vec::new() } else { db.alle(&s).await? };
    Ok(frage
        .optionen
        .iter()
        .map(|(k, name)| {
            let mut stimmen = [0i64; 3];
            for (_, w, n) in gruppen.iter().filter(|(s, _, _)| s == k) {
                if let Some(i) = w.parse::<usize>().ok().filter(|i| (1..=3).contains(i)) {
                    stimmen[i - 1] += n;
                }
            }
            let ozg_id = k.parse().unwrap_or(0);
            let aktuell = aktuell.iter().find(|(id, _)| *id == ozg_id).and_then(|(_, p)| *p);
            PrioZeile { ozg_id, name: name.clone(), stimmen, aktuell }
        })
        .collect())
}

async fn freitexte(db: &Db, frage_id: i64, leiten: bool) -> StoreResult<Vec<Freitext>> {
    let mut s = Sql::new("SELECT teilnahme_id, wert, freigegeben FROM workshop_stimme WHERE frage_id = ");
    s.bind(frage_id);
    if !leiten {
        s.push(" AND freigegeben = TRUE");
    }
    s.push(" ORDER BY zeit_ms, teilnahme_id LIMIT 500");
    let z: Vec<(i64, String, bool)> = db.alle(&s).await?;
    Ok(z.into_iter().map(|(teilnahme_id, text, freigegeben)| Freitext { teilnahme_id, text, freigegeben }).collect())
}

#[derive(sqlx::FromRow)]
struct ZustandZeile {
    code: String,
    stand: i64,
    ansicht: String,
    markierung: String,
    frage_id: Option<i64>,
    frage_stand: Option<i64>,
    beendet_ms: Option<i64>,
}

const ZUSTAND_SQL: &str = "SELECT s.code, s.stand, s.ansicht, s.markierung, s.frage_id, f.stand AS frage_stand, \
    s.beendet_ms FROM workshop_sitzung s LEFT JOIN workshop_frage f ON f.id = s.frage_id";

/// The live state of a session by its code, in one query (the workshop bar's first read on
/// every page a participant opens).
pub async fn zustand_von(db: &Db, code: &Code) -> StoreResult<Option<Zustand>> {
    let mut s = Sql::new(ZUSTAND_SQL);
    s.push(" WHERE s.code = ").bind(code.as_str());
    Ok(db.eine::<ZustandZeile>(&s).await?.map(zustand))
}

fn zustand(z: ZustandZeile) -> Zustand {
    Zustand {
        code: z.code,
        stand: z.stand,
        ansicht: z.ansicht,
        markierung: z.markierung,
        frage_id: z.frage_id,
        frage_stand: z.frage_stand.unwrap_or(0),
        beendet: z.beendet_ms.is_some(),
        ergebnis: None,
    }
}

/// Writes the session's current state as a live event, inside the change's transaction.
pub(super) async fn ereignis_schreiben(tx: &mut Tx, sitzung_id: i64, wer: &Akteur) -> StoreResult<()> {
    ereignis_mit(tx, sitzung_id, None, wer).await
}

/// The state as a live event, with `ergebnis` (of the current question) if it fits: the state is
/// then the one of that result (`frage_stand`), so a screen knows it has the newest counts.
async fn ereignis_mit(tx: &mut Tx, sitzung_id: i64, ergebnis: Option<Ergebnis>, wer: &Akteur) -> StoreResult<()> {
    let mut s = Sql::new(ZUSTAND_SQL);
    s.push(" WHERE s.id = ").bind(sitzung_id);
    let Some(z) = tx.eine::<ZustandZeile>(&s).await? else { return Ok(()) };
    let z = zustand(z);
    let json = |z: &Zustand| serde_json::to_string(z).map_err(|e| super::StoreError::Intern(e.to_string()));
    let mut daten = json(&z)?;
    if let Some(e) = ergebnis.filter(|e| Some(e.frage_id) == z.frage_id) {
        let mit = json(&Zustand { frage_stand: e.stand, ergebnis: Some(e), ..z.clone() })?;
        if mit.len() <= crate::model::workshop::MAX_ERGEBNIS_IM_EREIGNIS {
            daten = mit;
        }
    }
    ereignis::schreiben(tx, crate::model::live::WORKSHOP, &z.code, &daten, wer).await?;
    Ok(())
}

/// One event with the state and the public result after answers (coalesced by the caller: many
/// answers, one event).
pub async fn zustand_melden(db: &Db, sitzung_id: i64, wer: &Akteur) -> StoreResult<()> {
    let ergebnis = ergebnis_fuer_alle(db, sitzung_id).await?;
    let mut tx = db.beginnen().await?;
    ereignis_mit(&mut tx, sitzung_id, ergebnis, wer).await?;
    tx.commit().await
}

/// The current question's result as every participant sees it; none for free text.
async fn ergebnis_fuer_alle(db: &Db, sitzung_id: i64) -> StoreResult<Option<Ergebnis>> {
    let mut s = Sql::new("SELECT frage_id FROM workshop_sitzung WHERE id = ");
    s.bind(sitzung_id);
    let Some((Some(frage_id),)) = db.eine::<(Option<i64>,)>(&s).await? else { return Ok(None) };
    match frage(db, sitzung_id, frage_id).await? {
        Some(f) if f.art != FrageArt::Freitext => Ok(Some(ergebnis(db, &f, false).await?)),
        _ => Ok(None),
    }
}
