//! A Themenfeld: its page (Lebenslagen with their Leistungen, Labore, Online-Dienste,
//! Steckbriefe, Veranstaltungen) and what coordinators edit on it (the coordination). Its
//! workshops are Veranstaltungen (`store::veranstaltung`).

use super::StoreResult;
use super::akteur::Akteur;
use super::facette;
use super::leistung::{LEISTUNGEN, THEMENFELD_SPALTEN};
use super::protokoll::{Aenderung, konflikt_meldung, versioniert_schreiben};
use super::steckbrief::Sicht;
use super::{Db, SchreibFehler, Sql};
use crate::model::filter::KatalogAnfrage;
use crate::model::leistung::{Labor, LebenslageMitLeistungen, LeistungZeile, Themenfeld, ThemenfeldSeite};

/// The editable fields, with the version the form was based on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemenfeldAenderung {
    pub slug: String,
    pub version: i64,
    pub koordination: Option<String>,
}

#[derive(sqlx::FromRow)]
struct IdName {
    id: i64,
    name: String,
}

/// The id and name of the Themenfeld with this slug (feeds name it in their title).
pub async fn id_und_name(db: &Db, slug: &str) -> StoreResult<Option<(i64, String)>> {
    let mut s = Sql::new("SELECT id, name FROM themenfeld WHERE slug = ");
    s.bind(slug.to_string());
    Ok(db.eine::<IdName>(&s).await?.map(|z| (z.id, z.name)))
}

/// Slug and name of a Themenfeld by id.
pub async fn slug_und_name(db: &Db, id: i64) -> StoreResult<Option<(String, String)>> {
    db.eine(Sql::new("SELECT slug, name FROM themenfeld WHERE id = ").bind(id)).await
}

/// Saves the change and its audit entries in one transaction; refuses a stale version.
/// Returns the new version.
pub async fn aendern(db: &Db, neu: &ThemenfeldAenderung, wer: &Akteur) -> Result<i64, SchreibFehler> {
    let mut sql = Sql::new("SELECT id, name, slug, koordination, quelle, version FROM themenfeld WHERE slug = ");
    sql.bind(neu.slug.clone());
    let alt = db
        .eine::<Themenfeld>(&sql)
        .await?
        .ok_or_else(|| SchreibFehler::NichtGefunden(format!("Das Themenfeld „{}“", neu.slug)))?;
    let was = format!("Das Themenfeld „{}“", alt.name);
    if alt.version != neu.version {
        return Err(SchreibFehler::Konflikt(konflikt_meldung(db, "themenfeld", &alt.slug, &was).await));
    }
    let mut a = Aenderung::neu("themenfeld", &alt.slug, &alt.name);
    a.feld("koordination", alt.koordination.clone(), neu.koordination.clone());
    if a.ist_leer() {
        return Ok(alt.version);
    }
    let mut s = Sql::new("UPDATE themenfeld SET koordination = ");
    s.bind(neu.koordination.clone());
    s.push(", version = version + 1 WHERE id = ").bind(alt.id).push(" AND version = ").bind(neu.version);
    // Between the read above and here another save may have won: the version guard decides.
    versioniert_schreiben(db, &s, &a, wer, &was).await?;
    Ok(neu.version + 1)
}

/// `mit_kontakt`: whether the reader is logged in and may see the coordinator's phone and e-mail.
/// One Themenfeld; `leser` is the logged-in reader (contact data and Steckbriefe in review are
/// for them only).
pub async fn themenfeld_seite(
    db: &Db,
    slug: &str,
    leser: Option<&crate::model::konto::Angemeldet>,
) -> StoreResult<Option<ThemenfeldSeite>> {
    let mut sql = Sql::new(&format!("SELECT {THEMENFELD_SPALTEN} FROM themenfeld WHERE slug = "));
    sql.bind(slug);
    let Some(themenfeld) = db.eine::<Themenfeld>(&sql).await? else { return Ok(None) };

    let mut a = KatalogAnfrage::default();
    a.facetten
        .insert("tf".into(), crate::model::filter::Auswahl { werte: vec![themenfeld.id.to_string()], negiert: false });
    a.sort = Some("lebenslage".into());
    let leistungen = facette::alle_treffer::<LeistungZeile>(db, &LEISTUNGEN, &a, 10_000).await?;
    let mut lebenslagen: Vec<LebenslageMitLeistungen> = Vec::new();
    for l in leistungen {
        match lebenslagen.last_mut() {
            Some(ll) if ll.name == l.lebenslage => ll.leistungen.push(l),
            _ => lebenslagen.push(LebenslageMitLeistungen { name: l.lebenslage.clone(), leistungen: vec![l] }),
        }
    }
    for ll in &mut lebenslagen {
        ll.leistungen.sort_by_key(|x| crate::model::text::fold(&x.name));
    }
    let leika_gesamt = lebenslagen.iter().flat_map(|ll| &ll.leistungen).map(|l| l.leika_anzahl).sum();

    let mut sql = Sql::new(
        "SELECT id, themenfeld_id, ozg_id, titel, status, hinweis, quelle, version FROM labor WHERE themenfeld_id = ",
    );
    sql.bind(themenfeld.id).push(" ORDER BY status, titel");
    let labore = db.alle::<Labor>(&sql).await?;
    let kontakt = match (&themenfeld.koordination, leser.is_some()) {
        (Some(name), true) => super::ansprechperson::koordination(db, name).await?,
        _ => None,
    };
    let in_pruefung = async {
        match leser {
            Some(p) => super::steckbrief::in_pruefung_im_themenfeld(db, themenfeld.id, &Sicht::fuer(p)).await,
            None => Ok(vec![]),
        }
    };
    let (onlinedienste, steckbriefe, in_pruefung, veranstaltungen) = futures::try_join!(
        super::loesung::anzahl_im_themenfeld(db, themenfeld.id),
        super::steckbrief::im_themenfeld(db, themenfeld.id),
        in_pruefung,
        super::veranstaltung::im_themenfeld(db, themenfeld.id),
    )?;
    Ok(Some(ThemenfeldSeite {
        themenfeld,
        lebenslagen,
        labore,
        leika_gesamt,
        kontakt,
        onlinedienste,
        steckbriefe,
        in_pruefung,
        veranstaltungen,
        heute: chrono::Utc::now().date_naive(),
    }))
}

/// Every Lebenslage with its Themenfeld and number of OZG-Leistungen, by Themenfeld and name.
pub async fn lebenslagen(db: &Db) -> StoreResult<Vec<crate::model::leistung::LebenslageZeile>> {
    db.alle(&Sql::new(
        "SELECT ll.id, ll.name, ll.themenfeld_id, t.name AS themenfeld, \
           (SELECT COUNT(*) FROM leistung l WHERE l.lebenslage_id = ll.id) AS leistungen \
         FROM lebenslage ll JOIN themenfeld t ON t.id = ll.themenfeld_id ORDER BY t.slug, ll.sortname, ll.id",
    ))
    .await
}
