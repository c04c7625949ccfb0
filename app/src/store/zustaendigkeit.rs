//! Zuständigkeit je Größenklasse (see [`crate::model::zustaendigkeit`]): read per Themenfeld,
//! saved as one form – every changed row against the version it was based on, all rows in one
//! transaction with their audit entries, or none.

use super::akteur::Akteur;
use super::protokoll::{Aenderung, ohne_email};
use super::{Db, SchreibFehler, Sql, StoreResult};
use crate::model::zustaendigkeit::{
    ZustaendigkeitNeu, ZustaendigkeitSeite, ZustaendigkeitZeile, anzeige, aus_speicherform, speicherform,
};

/// The Leistungen of the Themenfeld with this slug and their kept Zuständigkeit; None if there
/// is no such Themenfeld.
pub async fn laden(db: &Db, slug: &str) -> StoreResult<Option<ZustaendigkeitSeite>> {
    let Some((themenfeld_id, themenfeld)) = super::themenfeld::id_und_name(db, slug).await? else {
        return Ok(None);
    };
    let mut zeilen = Sql::new(&format!(
        "SELECT l.ozg_id, l.name, ll.name AS lebenslage, l.groessenklassen, l.groessenklassen_quelle AS quelle, \
           l.groessenklassen_version AS version, ({}) AS regel \
         FROM leistung l JOIN lebenslage ll ON ll.id = l.lebenslage_id WHERE l.themenfeld_id = ",
        super::leistung::REGEL_RELEVANT
    ));
    zeilen.bind(themenfeld_id).push(" ORDER BY ll.sortname, l.suchname, l.ozg_id");
    let (zeilen, stand) =
        futures::try_join!(db.alle::<ZustaendigkeitZeile>(&zeilen), super::leistung::pflegestand(db))?;
    Ok(Some(ZustaendigkeitSeite { themenfeld_id, themenfeld, slug: slug.to_string(), zeilen, stand }))
}

/// Saves the rows of the Themenfeld's form (`seite` as read before, its rows checked by the
/// caller to be the Themenfeld's) that differ from what is stored; returns how many. A changed
/// row whose version is stale makes the whole form a conflict naming those rows, and nothing is
/// written.
pub async fn speichern(
    db: &Db,
    seite: &ZustaendigkeitSeite,
    neu: &[ZustaendigkeitNeu],
    wer: &Akteur,
) -> Result<usize, SchreibFehler> {
    let geaendert: Vec<(&ZustaendigkeitZeile, &ZustaendigkeitNeu, Option<String>)> = neu
        .iter()
        .filter_map(|n| {
            let alt = seite.zeilen.iter().find(|z| z.ozg_id == n.ozg_id)?;
            let klassen = n.klassen.as_deref().map(speicherform);
            (klassen != alt.groessenklassen || n.quelle != alt.quelle).then_some((alt, n, klassen))
        })
        .collect();
    let veraltet: Vec<&ZustaendigkeitZeile> =
        geaendert.iter().filter(|(alt, n, _)| alt.version != n.version).map(|(alt, _, _)| *alt).collect();
    if !veraltet.is_empty() {
        return Err(SchreibFehler::Konflikt(konflikt(db, &veraltet).await));
    }
    let mut tx = db.beginnen().await?;
    let mut verloren = Vec::new();
    for (alt, n, klassen) in &geaendert {
        let mut q = Sql::new("UPDATE leistung SET groessenklassen = ");
        q.bind(klassen.clone()).push(", groessenklassen_quelle = ").bind(n.quelle.clone());
        q.push(", groessenklassen_version = groessenklassen_version + 1 WHERE ozg_id = ").bind(n.ozg_id);
        q.push(" AND groessenklassen_version = ").bind(n.version);
        if tx.ausfuehren(&q).await? == 0 {
            verloren.push(*alt);
            continue;
        }
        aenderung(alt, n).schreiben(&mut tx, wer).await?;
    }
    if !verloren.is_empty() {
        drop(tx);
        return Err(SchreibFehler::Konflikt(konflikt(db, &verloren).await));
    }
    tx.commit().await?;
    Ok(geaendert.len())
}

/// The audit entries of one row: the Größenklassen as read, and the source.
fn aenderung(alt: &ZustaendigkeitZeile, n: &ZustaendigkeitNeu) -> Aenderung {
    let lesbar =
        |k: Option<&str>| Some(k.map_or_else(|| "nicht gepflegt".to_string(), |k| anzeige(&aus_speicherform(k))));
    let mut a = Aenderung::neu("leistung", n.ozg_id, &alt.name);
    a.feld(
        "groessenklassen",
        lesbar(alt.groessenklassen.as_deref()),
        lesbar(n.klassen.as_deref().map(speicherform).as_deref()),
    );
    a.feld("groessenklassen_quelle", alt.quelle.clone(), n.quelle.clone());
    a
}

/// "Inzwischen geändert: „A“, „B“ (zuletzt von X, Zeit). …": the message of a refused form.
async fn konflikt(db: &Db, zeilen: &[&ZustaendigkeitZeile]) -> String {
    #[derive(sqlx::FromRow)]
    struct Letzte {
        benutzer: String,
        zeit_ms: i64,
    }
    let namen: Vec<String> = zeilen.iter().map(|z| format!("„{}“", z.name)).collect();
    let ids: Vec<String> = zeilen.iter().map(|z| z.ozg_id.to_string()).collect();
    let mut sql = Sql::new("SELECT benutzer, zeit_ms FROM protokoll WHERE objekt_art = 'leistung' AND objekt_id IN (");
    sql.bind_list(ids).push(") ORDER BY zeit_ms DESC, id DESC LIMIT 1");
    let wer = match db.eine::<Letzte>(&sql).await {
        Ok(Some(l)) => {
            format!(" (zuletzt von {}, {})", ohne_email(&l.benutzer), crate::model::konto::zeit_anzeigen(l.zeit_ms))
        }
        _ => String::new(),
    };
    format!(
        "Die Zuständigkeit wurde inzwischen geändert für {}{wer}. Nichts wurde gespeichert; die aktuelle Fassung wird \
         angezeigt.",
        namen.join(", ")
    )
}
