//! Queries of the OZG catalog: Themenfelder, OZG-Leistungen, LeiKa-Leistungen, Labore.

use super::facette::{self, FacettenArt, FacettenDef, KatalogDef, Label};
use super::{Db, Sql, StoreResult};
use crate::model::Kennzahlen;
use crate::model::filter::{KatalogAnfrage, Trefferseite};
use crate::model::leistung::*;

fn prio_label(w: &str) -> String {
    w.parse().map(|p| prioritaet_label(p).to_string()).unwrap_or_else(|_| w.to_string())
}

/// The general rule (SQL over `leistung l`, "ja"/"nein"): a Kommune may have to offer the
/// Leistung if the recorded Zuständigkeit names the municipal level, or – where none is
/// recorded – one of its LeiKa-Leistungen is of a type whose execution can lie with the
/// Kommunen (every type but 1, "Regelung und Vollzug Bund"; see
/// [`crate::model::leistung::RELEVANZ_REGEL`]). A macro, so that the constants below can be
/// put together at compile time (the facets need `&'static str`).
macro_rules! regel_relevant {
    () => {
        "CASE WHEN l.zustaendigkeit IS NOT NULL THEN \
         (CASE WHEN l.zustaendigkeit LIKE '%;kommunal;%' THEN 'ja' ELSE 'nein' END) \
         WHEN EXISTS (SELECT 1 FROM leika kr WHERE kr.ozg_id = l.ozg_id AND kr.typisierung IS NOT NULL \
         AND kr.typisierung <> '1') THEN 'ja' ELSE 'nein' END"
    };
}

/// The Größenklassen that have to offer the Leistung, in the stored form of
/// [`crate::model::zustaendigkeit`]: those the coordination keeps, else all five where the
/// general rule says "ja", else none (`;`).
macro_rules! wirksame_klassen {
    () => {
        concat!(
            "COALESCE(l.groessenklassen, CASE WHEN (",
            regel_relevant!(),
            ") = 'ja' THEN ';kreisfrei;sonderstatus;gross;mittel;gemeinde;' ELSE ';' END)"
        )
    };
}

/// The general rule alone ("ja"/"nein"), shown beside the kept Zuständigkeit.
pub const REGEL_RELEVANT: &str = regel_relevant!();

/// See [`wirksame_klassen`].
pub const WIRKSAME_KLASSEN: &str = wirksame_klassen!();

/// "ja" if some Kommune may have to offer the Leistung: at least one Größenklasse is
/// responsible (kept or by the general rule).
pub const KOMMUNAL_RELEVANT: &str = concat!("CASE WHEN ", wirksame_klassen!(), " <> ';' THEN 'ja' ELSE 'nein' END");

/// "ja" if Kommunen of the Größenklasse `gk` have to offer the Leistung.
pub fn relevant_fuer(gk: crate::model::kommune::Groessenklasse) -> String {
    format!("CASE WHEN {WIRKSAME_KLASSEN} LIKE '%;{};%' THEN 'ja' ELSE 'nein' END", gk.code())
}

/// How far the Zuständigkeit je Größenklasse is kept over the whole catalog.
pub async fn pflegestand(db: &Db) -> StoreResult<crate::model::zustaendigkeit::Pflegestand> {
    let (gepflegt, gesamt) = (
        Sql::new("SELECT COUNT(*) FROM leistung WHERE groessenklassen IS NOT NULL"),
        Sql::new("SELECT COUNT(*) FROM leistung"),
    );
    let (gepflegt, gesamt) = futures::try_join!(db.zahl(&gepflegt), db.zahl(&gesamt))?;
    Ok(crate::model::zustaendigkeit::Pflegestand { gepflegt, gesamt })
}

/// A LeiKa-Leistung whose execution can lie with the Kommunen: every type but 1.
const LEIKA_KOMMUNAL: &str =
    "CASE WHEN k.typisierung IS NULL THEN NULL WHEN k.typisierung <> '1' THEN 'ja' ELSE 'nein' END";

const ZUSTAENDIGKEITEN: &[(&str, &str)] = &[("bund", "Bund"), ("land", "Land"), ("kommunal", "Kommunal")];

/// The codes and labels of [`crate::model::kommune::Groessenklasse`] (a test keeps them equal).
const GROESSENKLASSEN: &[(&str, &str)] = &[
    ("kreisfrei", "Kreisfreie Stadt"),
    ("sonderstatus", "Kreisangehörige Stadt mit Sonderstatus (Aachen)"),
    ("gross", "Große kreisangehörige Stadt"),
    ("mittel", "Mittlere kreisangehörige Stadt"),
    ("gemeinde", "Kreisangehörige Gemeinde"),
];

pub static LEISTUNGEN: KatalogDef = KatalogDef {
    from: "leistung l JOIN themenfeld t ON t.id = l.themenfeld_id JOIN lebenslage ll ON ll.id = l.lebenslage_id",
    select: "l.ozg_id, l.name, l.themenfeld_id, t.name AS themenfeld, t.slug AS themenfeld_slug, \
             ll.name AS lebenslage, l.zustaendigkeit, l.groessenklassen, l.prioritaet, l.efa, \
             (SELECT COUNT(*) FROM leika k WHERE k.ozg_id = l.ozg_id) AS leika_anzahl",
    suchspalte: "l.suchtext",
    rangspalte: "l.suchname",
    facetten: &[
        FacettenDef {
            schluessel: "tf",
            label: "Themenfeld",
            art: FacettenArt::Spalte { wert: "CAST(l.themenfeld_id AS TEXT)", label: Label::Sql("t.name") },
            max_werte: 20,
            nach_label: true,
        },
        FacettenDef {
            schluessel: "ll",
            label: "Lebenslage",
            art: FacettenArt::Spalte { wert: "CAST(l.lebenslage_id AS TEXT)", label: Label::Sql("ll.name") },
            max_werte: 12,
            nach_label: false,
        },
        FacettenDef {
            schluessel: "zs",
            label: "Zuständigkeit",
            art: FacettenArt::Menge { spalte: "l.zustaendigkeit", werte: ZUSTAENDIGKEITEN },
            max_werte: 10,
            nach_label: false,
        },
        FacettenDef {
            schluessel: "kr",
            label: "Für Kommunen relevant",
            art: FacettenArt::Spalte { wert: KOMMUNAL_RELEVANT, label: Label::Wert },
            max_werte: 2,
            nach_label: true,
        },
        FacettenDef {
            schluessel: "gk",
            label: "Zuständige Größenklasse",
            art: FacettenArt::Menge { spalte: WIRKSAME_KLASSEN, werte: GROESSENKLASSEN },
            max_werte: 6,
            nach_label: false,
        },
        FacettenDef {
            schluessel: "gp",
            label: "Zuständigkeit je Größenklasse",
            art: FacettenArt::Spalte {
                wert: "CASE WHEN l.groessenklassen IS NULL THEN 'allgemeine Regel' ELSE 'gepflegt' END",
                label: Label::Wert,
            },
            max_werte: 2,
            nach_label: true,
        },
        FacettenDef {
            schluessel: "prio",
            label: "Priorität",
            art: FacettenArt::Spalte { wert: "CAST(l.prioritaet AS TEXT)", label: Label::Rust(prio_label) },
            max_werte: 10,
            nach_label: true,
        },
        FacettenDef {
            schluessel: "efa",
            label: "EfA (Einer für Alle)",
            art: FacettenArt::Spalte {
                wert: "CASE WHEN l.efa IS NULL THEN NULL WHEN l.efa THEN 'ja' ELSE 'nein' END",
                label: Label::Wert,
            },
            max_werte: 10,
            nach_label: true,
        },
        FacettenDef {
            schluessel: "od",
            label: "Online-Dienst in NRW vorhanden",
            art: FacettenArt::Spalte {
                wert: "CASE WHEN l.online_dienst_nrw IS NULL THEN NULL WHEN l.online_dienst_nrw THEN 'ja' ELSE 'nein' END",
                label: Label::Wert,
            },
            max_werte: 10,
            nach_label: true,
        },
    ],
    sortierungen: &[
        ("name", "l.suchname"),
        ("ozg_id", "l.ozg_id"),
        ("themenfeld", "t.slug"),
        ("lebenslage", "ll.sortname"),
        ("prio", "l.prioritaet"),
        // PostgreSQL allows no output alias inside an ORDER BY expression.
        ("leika", "(SELECT COUNT(*) FROM leika k WHERE k.ozg_id = l.ozg_id)"),
    ],
    standard_sort: "l.suchname",
    schluessel: "l.ozg_id",
};

pub static LEIKA: KatalogDef = KatalogDef {
    from: "leika k LEFT JOIN leistung l ON l.ozg_id = k.ozg_id LEFT JOIN themenfeld t ON t.id = l.themenfeld_id",
    select: "k.id, k.schluessel, k.schluessel_roh, k.name, k.typisierung, k.ozg_id, l.name AS ozg_name, \
             t.name AS themenfeld, k.rechtsgrundlage",
    suchspalte: "k.suchtext",
    rangspalte: "k.suchname",
    facetten: &[
        FacettenDef {
            schluessel: "tf",
            label: "Themenfeld",
            art: FacettenArt::Spalte { wert: "CAST(l.themenfeld_id AS TEXT)", label: Label::Sql("t.name") },
            max_werte: 20,
            nach_label: true,
        },
        FacettenDef {
            schluessel: "kr",
            label: "Vollzug durch Kommunen möglich",
            art: FacettenArt::Spalte { wert: LEIKA_KOMMUNAL, label: Label::Wert },
            max_werte: 2,
            nach_label: true,
        },
        FacettenDef {
            schluessel: "ozg",
            label: "OZG-Leistung",
            art: FacettenArt::Spalte { wert: "CAST(k.ozg_id AS TEXT)", label: Label::Sql("l.name") },
            max_werte: 12,
            nach_label: false,
        },
        FacettenDef {
            schluessel: "typ",
            label: "Typisierung",
            art: FacettenArt::Spalte { wert: "k.typisierung", label: Label::Wert },
            max_werte: 12,
            nach_label: true,
        },
        FacettenDef {
            schluessel: "sg",
            label: "LeiKa-Schlüssel",
            art: FacettenArt::Spalte {
                wert: "CASE WHEN k.schluessel IS NULL THEN 'fehlt' ELSE 'gueltig' END",
                label: Label::Rust(|w| if w == "gueltig" { "gültig".into() } else { "fehlt / ungültig".into() }),
            },
            max_werte: 5,
            nach_label: true,
        },
        FacettenDef {
            schluessel: "zo",
            label: "OZG-Zuordnung",
            art: FacettenArt::Spalte {
                wert: "CASE WHEN k.ozg_id IS NULL THEN 'nein' ELSE 'ja' END",
                label: Label::Rust(|w| if w == "ja" { "zugeordnet".into() } else { "ohne OZG-ID".into() }),
            },
            max_werte: 5,
            nach_label: true,
        },
    ],
    sortierungen: &[
        ("name", "k.suchname"),
        ("schluessel", "k.schluessel_roh"),
        ("ozg_id", "k.ozg_id"),
        ("typ", "k.typisierung"),
    ],
    standard_sort: "k.suchname",
    schluessel: "k.id",
};

pub async fn leistungen(db: &Db, a: &KatalogAnfrage) -> StoreResult<Trefferseite<LeistungZeile>> {
    facette::suchen(db, &LEISTUNGEN, a).await
}

pub fn leistungen_export(db: &Db, a: &KatalogAnfrage) -> tokio::sync::mpsc::Receiver<StoreResult<LeistungZeile>> {
    facette::treffer_strom(db, &LEISTUNGEN, a, 100_000)
}

pub async fn leika(db: &Db, a: &KatalogAnfrage) -> StoreResult<Trefferseite<LeikaZeile>> {
    facette::suchen(db, &LEIKA, a).await
}

pub fn leika_export(db: &Db, a: &KatalogAnfrage) -> tokio::sync::mpsc::Receiver<StoreResult<LeikaZeile>> {
    facette::treffer_strom(db, &LEIKA, a, 100_000)
}

pub async fn kennzahlen(db: &Db) -> StoreResult<Kennzahlen> {
    let z = |s: &str| Sql::new(s);
    Ok(Kennzahlen {
        leistungen: db.zahl(&z("SELECT COUNT(*) FROM leistung")).await?,
        leika: db.zahl(&z("SELECT COUNT(*) FROM leika")).await?,
        leika_ohne_schluessel: db.zahl(&z("SELECT COUNT(*) FROM leika WHERE schluessel IS NULL")).await?,
        kommunen: db.zahl(&z("SELECT COUNT(*) FROM kommune")).await?,
        kreise: db.zahl(&z("SELECT COUNT(*) FROM kreis")).await?,
        dienstleister: db.zahl(&z("SELECT COUNT(*) FROM dienstleister")).await?,
        themenfelder: db.zahl(&z("SELECT COUNT(*) FROM themenfeld")).await?,
    })
}

pub async fn themenfelder_kennzahlen(db: &Db) -> StoreResult<Vec<ThemenfeldKennzahlen>> {
    db.alle(&Sql::new(
        "SELECT t.id, t.name, t.slug, \
           (SELECT COUNT(*) FROM leistung l WHERE l.themenfeld_id = t.id) AS leistungen, \
           (SELECT COUNT(*) FROM leika k JOIN leistung l ON l.ozg_id = k.ozg_id WHERE l.themenfeld_id = t.id) AS leika, \
           (SELECT COUNT(*) FROM lebenslage ll WHERE ll.themenfeld_id = t.id) AS lebenslagen, \
           (SELECT COUNT(*) FROM leistung l WHERE l.themenfeld_id = t.id AND EXISTS (SELECT 1 FROM leika k \
              JOIN onlinedienst_leika ol ON ol.schluessel = k.schluessel WHERE k.ozg_id = l.ozg_id)) AS mit_dienst \
         FROM themenfeld t ORDER BY t.slug",
    ))
    .await
}

pub(crate) const THEMENFELD_SPALTEN: &str = "id, name, slug, koordination, quelle, version";

pub async fn existiert(db: &Db, ozg_id: i64) -> StoreResult<bool> {
    let mut sql = Sql::new("SELECT COUNT(*) FROM leistung WHERE ozg_id = ");
    sql.bind(ozg_id);
    Ok(db.zahl(&sql).await? > 0)
}

pub async fn leistung_seite(db: &Db, ozg_id: i64) -> StoreResult<Option<LeistungSeite>> {
    let mut sql = Sql::new(&format!(
        "SELECT l.ozg_id, l.name, l.themenfeld_id, t.name AS themenfeld, t.slug AS themenfeld_slug, \
           ll.name AS lebenslage, l.zustaendigkeit, l.prioritaet, l.efa, l.efa_hinweis, l.online_dienst_nrw, \
           l.weitere_aktivitaeten, l.attribute_quelle, l.groessenklassen, l.groessenklassen_quelle, \
           ({REGEL_RELEVANT}) AS regel \
         FROM leistung l JOIN themenfeld t ON t.id = l.themenfeld_id JOIN lebenslage ll ON ll.id = l.lebenslage_id \
         WHERE l.ozg_id = "
    ));
    sql.bind(ozg_id);
    let Some(leistung) = db.eine::<LeistungDetail>(&sql).await? else { return Ok(None) };
    let mut a = KatalogAnfrage::default();
    a.facetten.insert("ozg".into(), crate::model::filter::Auswahl { werte: vec![ozg_id.to_string()], negiert: false });
    let leika = facette::alle_treffer::<LeikaZeile>(db, &LEIKA, &a, 10_000).await?;
    let mut sql = Sql::new(
        "SELECT id, themenfeld_id, ozg_id, titel, status, hinweis, quelle, version FROM labor WHERE ozg_id = ",
    );
    sql.bind(ozg_id).push(" ORDER BY titel");
    let labore = db.alle::<Labor>(&sql).await?;
    Ok(Some(LeistungSeite { leistung, leika, labore }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::kommune::Groessenklasse;

    #[test]
    fn the_size_classes_in_sql_are_those_of_the_model() {
        let codes: Vec<(&str, &str)> = Groessenklasse::ALLE.iter().map(|g| (g.code(), g.label())).collect();
        assert_eq!(GROESSENKLASSEN, codes.as_slice());
        let alle = crate::model::zustaendigkeit::speicherform(&Groessenklasse::ALLE);
        assert!(WIRKSAME_KLASSEN.contains(&format!("'{alle}'")), "{WIRKSAME_KLASSEN}");
    }
}
