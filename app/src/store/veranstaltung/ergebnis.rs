//! The results linked to an event (Umsetzungsprojekte, online services of published Steckbriefe):
//! reading them, the candidates the coordination may link, and linking/unlinking – audited and
//! announced live like every other change of the event.

use super::super::{Db, SchreibFehler, Sql, StoreResult, akteur::Akteur, protokoll::Aenderung};
use crate::model::veranstaltung::ergebnis::{Ergebnis, ErgebnisArt};

#[derive(sqlx::FromRow)]
struct Zeile {
    art: String,
    id: i64,
    name: String,
}

fn ergebnisse_aus(z: Vec<Zeile>) -> Vec<Ergebnis> {
    let mut e: Vec<Ergebnis> = z
        .into_iter()
        .filter_map(|z| Some(Ergebnis { art: ErgebnisArt::aus_code(&z.art)?, id: z.id, name: z.name }))
        .collect();
    e.sort();
    e
}

/// The linked results of event `id`, projects first, each group by name.
pub async fn ergebnisse(db: &Db, id: i64) -> StoreResult<Vec<Ergebnis>> {
    let mut s = Sql::new(
        "SELECT 'projekt' AS art, p.id, p.name FROM veranstaltung_ergebnis e JOIN projekt p ON p.id = e.projekt_id \
         WHERE e.veranstaltung_id = ",
    );
    s.bind(id).push(
        " UNION ALL SELECT 'loesung' AS art, o.id, o.name FROM veranstaltung_ergebnis e \
         JOIN onlinedienst o ON o.id = e.onlinedienst_id WHERE e.veranstaltung_id = ",
    );
    s.bind(id);
    Ok(ergebnisse_aus(db.alle(&s).await?))
}

/// What the coordination may link: the projects and published Steckbriefe of the event's
/// Themenfeld (all of them for an event without one), minus what is linked already.
pub async fn auswahl(db: &Db, id: i64, themenfeld: Option<i64>) -> StoreResult<Vec<Ergebnis>> {
    let mut s = Sql::new("SELECT 'projekt' AS art, p.id, p.name FROM projekt p WHERE ");
    if let Some(tf) = themenfeld {
        s.push("p.id IN (SELECT projekt_id FROM projekt_themenfeld WHERE themenfeld_id = ").bind(tf).push(") AND ");
    }
    s.push("p.id NOT IN (SELECT projekt_id FROM veranstaltung_ergebnis WHERE projekt_id IS NOT NULL AND veranstaltung_id = ");
    s.bind(id).push(")");
    s.push(
        " UNION SELECT 'loesung' AS art, o.id, o.name FROM onlinedienst o JOIN steckbrief st ON st.onlinedienst_id = o.id \
         WHERE st.status = 'veroeffentlicht' AND ",
    );
    if let Some(tf) = themenfeld {
        s.push(
            "st.id IN (SELECT sl.steckbrief_id FROM steckbrief_leika sl JOIN leika k ON k.schluessel = sl.schluessel \
             JOIN leistung l ON l.ozg_id = k.ozg_id WHERE l.themenfeld_id = ",
        );
        s.bind(tf).push(") AND ");
    }
    s.push("o.id NOT IN (SELECT onlinedienst_id FROM veranstaltung_ergebnis WHERE onlinedienst_id IS NOT NULL AND veranstaltung_id = ");
    s.bind(id).push(")");
    Ok(ergebnisse_aus(db.alle(&s).await?))
}

/// The name of a project or online service, if it exists.
async fn name(db: &Db, art: ErgebnisArt, ziel: i64) -> StoreResult<Option<String>> {
    let tabelle = match art {
        ErgebnisArt::Projekt => "projekt",
        ErgebnisArt::Loesung => "onlinedienst",
    };
    let mut s = Sql::new(&format!("SELECT name FROM {tabelle} WHERE id = "));
    s.bind(ziel);
    db.text(&s).await
}

/// Links (`verbinden`) or unlinks a result; a link that exists already (or is already gone)
/// changes nothing and is not an error, so a double click is harmless.
pub async fn setzen(
    db: &Db,
    id: i64,
    art: ErgebnisArt,
    ziel: i64,
    verbinden: bool,
    wer: &Akteur,
) -> Result<(), SchreibFehler> {
    let Some(ziel_name) = name(db, art, ziel).await? else {
        let was = if art == ErgebnisArt::Projekt { "Das Umsetzungsprojekt" } else { "Der Online-Dienst" };
        return Err(SchreibFehler::NichtGefunden(was.into()));
    };
    let mut tx = db.beginnen().await?;
    let v = super::in_tx(&mut tx, id).await?.ok_or_else(|| SchreibFehler::NichtGefunden("Die Veranstaltung".into()))?;
    let spalte = art.spalte();
    let s = if verbinden {
        let mut s = Sql::new(&format!("INSERT INTO veranstaltung_ergebnis (veranstaltung_id, {spalte}) VALUES ("));
        s.bind(id).push(", ").bind(ziel).push(") ON CONFLICT DO NOTHING");
        s
    } else {
        let mut s = Sql::new("DELETE FROM veranstaltung_ergebnis WHERE veranstaltung_id = ");
        s.bind(id).push(&format!(" AND {spalte} = ")).bind(ziel);
        s
    };
    if tx.ausfuehren(&s).await? == 0 {
        return Ok(());
    }
    let mut a = Aenderung::neu("veranstaltung", id, &v.titel);
    let eintrag = Some(format!("{}: {ziel_name}", art.mehrzahl()));
    if verbinden {
        a.feld("ergebnis", None, eintrag);
    } else {
        a.feld("ergebnis", eintrag, None);
    }
    a.schreiben(&mut tx, wer).await?;
    super::ankuendigen(&mut tx, id, wer).await?;
    tx.commit().await?;
    Ok(())
}
