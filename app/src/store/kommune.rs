//! Queries of Gemeinden and Kreise.

use super::facette::{self, FacettenArt, FacettenDef, KatalogDef, Label};
use super::{Db, Sql, StoreResult};
use crate::model::filter::{KatalogAnfrage, Trefferseite};
use crate::model::kommune::*;

fn gk_label(code: &str) -> String {
    Groessenklasse::aus_code(code).map(|g| g.label().to_string()).unwrap_or_else(|| code.to_string())
}

pub static KOMMUNEN: KatalogDef = KatalogDef {
    from: "kommune g JOIN kreis kr ON kr.ags = g.kreis_ags",
    select: "g.ags, g.name, g.typ, g.kreis_ags, kr.name AS kreis, g.regierungsbezirk, g.groessenklasse, g.einwohner",
    suchspalte: "g.suchtext",
    rangspalte: "g.suchname",
    facetten: &[
        FacettenDef {
            schluessel: "rb",
            label: "Regierungsbezirk",
            art: FacettenArt::Spalte { wert: "g.regierungsbezirk", label: Label::Wert },
            max_werte: 10,
            nach_label: true,
        },
        FacettenDef {
            schluessel: "kreis",
            label: "Kreis / kreisfreie Stadt",
            art: FacettenArt::Spalte { wert: "g.kreis_ags", label: Label::Sql("kr.name") },
            max_werte: 60,
            nach_label: true,
        },
        FacettenDef {
            schluessel: "gk",
            label: "Größenklasse",
            art: FacettenArt::Spalte { wert: "g.groessenklasse", label: Label::Rust(gk_label) },
            max_werte: 10,
            nach_label: false,
        },
        FacettenDef {
            schluessel: "typ",
            label: "Gemeindetyp",
            art: FacettenArt::Spalte { wert: "g.typ", label: Label::Wert },
            max_werte: 10,
            nach_label: true,
        },
    ],
    sortierungen: &[
        ("name", "g.suchname"),
        ("ags", "g.ags"),
        ("kreis", "kr.suchname"),
        ("einwohner", "g.einwohner"),
        ("gk", "g.groessenklasse"),
    ],
    standard_sort: "g.suchname",
    schluessel: "g.ags",
};

pub async fn kommunen(db: &Db, a: &KatalogAnfrage) -> StoreResult<Trefferseite<KommuneZeile>> {
    facette::suchen(db, &KOMMUNEN, a).await
}

pub fn kommunen_export(db: &Db, a: &KatalogAnfrage) -> tokio::sync::mpsc::Receiver<StoreResult<KommuneZeile>> {
    facette::treffer_strom(db, &KOMMUNEN, a, 100_000)
}

const BEZUG_SQL: &str = "SELECT d.id AS dienstleister_id, d.name AS dienstleister, g.bezeichnung, g.art, g.stand, g.quelle_url \
     FROM dienstleister_gebiet_kreis gk JOIN dienstleister_gebiet g ON g.id = gk.gebiet_id \
     JOIN dienstleister d ON d.id = g.dienstleister_id WHERE gk.kreis_ags = ";

async fn dienstleister_fuer_kreis(db: &Db, kreis_ags: &str) -> StoreResult<Vec<DienstleisterBezug>> {
    let mut sql = Sql::new(BEZUG_SQL);
    sql.bind(kreis_ags).push(" ORDER BY d.name, g.id");
    db.alle(&sql).await
}

/// `mit_kontakt`: whether the reader is logged in and may see the contact persons.
pub async fn kommune_seite(db: &Db, ags: &str, mit_kontakt: bool) -> StoreResult<Option<KommuneSeite>> {
    let mut sql = Sql::new(
        "SELECT g.ags, g.name, g.typ, g.kreis_ags, kr.name AS kreis, kr.typ AS kreis_typ, g.regierungsbezirk, \
           g.groessenklasse, g.groessenklasse_quelle, g.einwohner, g.flaeche_km2, g.plz, g.laengengrad, g.breitengrad, \
           g.verstaedterung \
         FROM kommune g JOIN kreis kr ON kr.ags = g.kreis_ags WHERE g.ags = ",
    );
    sql.bind(ags);
    let Some(kommune) = db.eine::<KommuneDetail>(&sql).await? else { return Ok(None) };
    let dienstleister = dienstleister_fuer_kreis(db, &kommune.kreis_ags).await?;
    let ansprechpersonen_anzahl = super::ansprechperson::anzahl(db, ags).await?;
    let ansprechpersonen = if mit_kontakt { Some(super::ansprechperson::der_kommune(db, ags).await?) } else { None };
    Ok(Some(KommuneSeite { kommune, dienstleister, ansprechpersonen, ansprechpersonen_anzahl }))
}

const KREIS_SPALTEN: &str = "ags, name, typ, regierungsbezirk, einwohner, anzahl_gemeinden";

pub async fn kreise(db: &Db) -> StoreResult<Vec<Kreis>> {
    db.alle(&Sql::new(&format!("SELECT {KREIS_SPALTEN} FROM kreis ORDER BY regierungsbezirk, suchname"))).await
}

pub async fn kreis_seite(db: &Db, ags: &str) -> StoreResult<Option<KreisSeite>> {
    let mut sql = Sql::new(&format!("SELECT {KREIS_SPALTEN} FROM kreis WHERE ags = "));
    sql.bind(ags);
    let Some(kreis) = db.eine::<Kreis>(&sql).await? else { return Ok(None) };
    let mut a = KatalogAnfrage::default();
    a.facetten.insert("kreis".into(), crate::model::filter::Auswahl { werte: vec![ags.to_string()], negiert: false });
    let gemeinden = facette::alle_treffer::<KommuneZeile>(db, &KOMMUNEN, &a, 1000).await?;
    let dienstleister = dienstleister_fuer_kreis(db, ags).await?;
    Ok(Some(KreisSeite { kreis, gemeinden, dienstleister }))
}

/// Every Kommune as (AGS, name, Kreis), by Kreis and name: the choice of a Kommune in forms.
pub async fn namen(db: &Db) -> StoreResult<Vec<crate::model::kommune::KommuneName>> {
    db.alle(&Sql::new(
        "SELECT g.ags, g.name, k.name AS kreis FROM kommune g JOIN kreis k ON k.ags = g.kreis_ags ORDER BY k.name, g.name",
    ))
    .await
}

/// The name of a Kommune; None if the AGS is unknown.
pub async fn name(db: &Db, ags: &str) -> StoreResult<Option<String>> {
    let mut sql = Sql::new("SELECT name FROM kommune WHERE ags = ");
    sql.bind(ags);
    db.text(&sql).await
}

/// The Kommune view on `heute`: the Leistungen relevant for its Größenklasse (see
/// [`super::leistung::relevant_fuer`]) with the online services covering them – those the
/// Kommune reports in operation (not with a future date) and the Land-wide live ones, counted as
/// on the NRW-Karte – and the services the Kommune uses or plans.
pub async fn sicht(db: &Db, ags: &str, heute: chrono::NaiveDate) -> StoreResult<crate::model::kommune::KommuneSicht> {
    use crate::model::kommune::{GenutzterDienst, KommuneLeistung, KommuneSicht};
    use crate::model::leistung::LeistungZeile;
    #[derive(sqlx::FromRow)]
    struct Anzahl {
        ozg_id: i64,
        n: i64,
    }
    let gk = groessenklasse(db, ags).await?;
    // The Leistungen for the Kommune's Größenklasse (kept Zuständigkeit, else the general rule).
    let (mut a, relevant) = match gk {
        Some(g) => {
            (KatalogAnfrage::aus_query(&format!("gk={}&sort=themenfeld", g.code())), super::leistung::relevant_fuer(g))
        }
        None => (KatalogAnfrage::aus_query("kr=ja&sort=themenfeld"), super::leistung::KOMMUNAL_RELEVANT.to_string()),
    };
    a.pro_seite = 1000;
    let mut in_betrieb = Sql::new(
        "SELECT k.ozg_id, COUNT(DISTINCT m.onlinedienst_id) AS n FROM onlinedienst_kommune m \
         JOIN onlinedienst_leika ol ON ol.onlinedienst_id = m.onlinedienst_id JOIN leika k ON k.schluessel = ol.schluessel \
         WHERE k.ozg_id IS NOT NULL AND m.in_betrieb_seit <= ",
    );
    in_betrieb.bind(Some(heute)).push(" AND m.kommune_ags = ").bind(ags).push(" GROUP BY k.ozg_id");
    let landesweit = Sql::new(super::karte::LANDESWEIT);
    let verfuegbar = Sql::new(
        "SELECT k.ozg_id, COUNT(DISTINCT ol.onlinedienst_id) AS n FROM onlinedienst_leika ol \
         JOIN leika k ON k.schluessel = ol.schluessel WHERE k.ozg_id IS NOT NULL GROUP BY k.ozg_id",
    );
    let leika = Sql::new(&format!(
        "SELECT COUNT(*) FROM leika k JOIN leistung l ON l.ozg_id = k.ozg_id WHERE k.typisierung <> '1' \
         AND ({relevant}) = 'ja'"
    ));
    let mut dienste = Sql::new(
        "SELECT o.id, o.name, COALESCE(d.name, o.anbieter) AS anbieter, m.geplant_ab, m.in_betrieb_seit, m.kommentar \
         FROM onlinedienst_kommune m JOIN onlinedienst o ON o.id = m.onlinedienst_id \
         LEFT JOIN dienstleister d ON d.id = o.dienstleister_id WHERE m.kommune_ags = ",
    );
    dienste.bind(ags).push(" ORDER BY o.suchname");
    let (leistungen, in_betrieb, landesweit, verfuegbar, leika_relevant, dienste, stand) = futures::try_join!(
        facette::alle_treffer::<LeistungZeile>(db, &super::leistung::LEISTUNGEN, &a, 10_000),
        db.alle::<Anzahl>(&in_betrieb),
        db.alle::<(i64,)>(&landesweit),
        db.alle::<Anzahl>(&verfuegbar),
        db.zahl(&leika),
        db.alle::<GenutzterDienst>(&dienste),
        super::leistung::pflegestand(db),
    )?;
    let zahl_fuer = |liste: &[Anzahl], id: i64| liste.iter().find(|x| x.ozg_id == id).map_or(0, |x| x.n);
    let landesweit: std::collections::HashSet<i64> = landesweit.into_iter().map(|(id,)| id).collect();
    let leistungen = leistungen
        .into_iter()
        .map(|l| KommuneLeistung {
            in_betrieb: zahl_fuer(&in_betrieb, l.ozg_id) > 0,
            landesweit: landesweit.contains(&l.ozg_id),
            dienste: zahl_fuer(&verfuegbar, l.ozg_id),
            leistung: l,
        })
        .collect();
    Ok(KommuneSicht { leistungen, leika_relevant, dienste, stand })
}

/// The Größenklasse of a Kommune; None if the AGS is unknown.
pub async fn groessenklasse(db: &Db, ags: &str) -> StoreResult<Option<crate::model::kommune::Groessenklasse>> {
    let mut sql = Sql::new("SELECT groessenklasse FROM kommune WHERE ags = ");
    sql.bind(ags);
    Ok(db.text(&sql).await?.as_deref().and_then(crate::model::kommune::Groessenklasse::aus_code))
}
