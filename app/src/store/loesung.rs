//! Queries of the Lösungsdatenbank.

use super::Sql;
use super::facette::{FacettenArt, FacettenDef, KatalogDef, Label};
use super::{Db, StoreResult};
use crate::model::filter::{KatalogAnfrage, Trefferseite};
use crate::model::loesung::{
    AbgedeckterSchluessel, Nutzung, Onlinedienst, OnlinedienstSeite, OnlinedienstZeile, ThemenfeldBezug,
    reifegrad_label, status_label,
};

/// Link paths of the facets; aliases start with `x` so they never clash with the catalog's.
const UEBER_LEIKA: &str = "onlinedienst_leika xl JOIN leika xk ON xk.schluessel = xl.schluessel \
                           JOIN leistung xo ON xo.ozg_id = xk.ozg_id JOIN themenfeld xt ON xt.id = xo.themenfeld_id";

pub static ONLINEDIENSTE: KatalogDef = KatalogDef {
    from: "onlinedienst o LEFT JOIN dienstleister d ON d.id = o.dienstleister_id LEFT JOIN link_stand ls ON ls.url = o.url",
    select: "o.id, o.name, o.url, o.status, o.reifegrad, o.reifegrad_modell, COALESCE(d.name, o.anbieter) AS anbieter, \
             ls.erreichbar AS link_erreichbar, ls.seit_ms AS link_seit_ms, \
             CASE WHEN o.dienstleister_id IS NOT NULL THEN 'dl' || CAST(o.dienstleister_id AS TEXT) ELSE o.anbieter END AS anbieter_wert, \
             CAST(0 AS BIGINT) AS leika_anzahl, CAST(0 AS BIGINT) AS leika_im_katalog, CAST(0 AS BIGINT) AS kommunen",
    suchspalte: "o.suchtext",
    rangspalte: "o.suchname",
    facetten: &[
        FacettenDef {
            schluessel: "anbieter",
            label: "IT-Dienstleister / Anbieter",
            art: FacettenArt::Spalte {
                wert: "CASE WHEN o.dienstleister_id IS NOT NULL THEN 'dl' || CAST(o.dienstleister_id AS TEXT) ELSE o.anbieter END",
                label: Label::Sql("COALESCE(d.name, o.anbieter)"),
            },
            max_werte: 12,
            nach_label: false,
        },
        FacettenDef {
            schluessel: "tf",
            label: "Themenfeld",
            art: FacettenArt::Bezug {
                verbindung: UEBER_LEIKA,
                zeile: "xl.onlinedienst_id = o.id",
                wert: "CAST(xt.id AS TEXT)",
                label: "xt.name",
            },
            max_werte: 20,
            nach_label: true,
        },
        FacettenDef {
            schluessel: "ozg",
            label: "OZG-Leistung",
            art: FacettenArt::Bezug {
                verbindung: UEBER_LEIKA,
                zeile: "xl.onlinedienst_id = o.id",
                wert: "CAST(xo.ozg_id AS TEXT)",
                label: "xo.name",
            },
            max_werte: 12,
            nach_label: false,
        },
        FacettenDef {
            schluessel: "kommune",
            label: "Kommune",
            art: FacettenArt::Link {
                tabelle: "onlinedienst_kommune",
                zeile: "onlinedienst_id",
                wert: "kommune_ags",
                labels: "kommune",
                label_schluessel: "ags",
                label: "name",
                zaehltabelle: Some("onlinedienst_kommune_anzahl"),
            },
            max_werte: 12,
            nach_label: false,
        },
        FacettenDef {
            schluessel: "reife",
            label: "Reifegrad",
            art: FacettenArt::Spalte {
                wert: "CASE WHEN o.reifegrad IS NULL THEN NULL ELSE o.reifegrad_modell || ':' || CAST(o.reifegrad AS TEXT) END",
                label: Label::Rust(reifegrad_label),
            },
            max_werte: 13,
            nach_label: true,
        },
        FacettenDef {
            schluessel: "status",
            label: "Status",
            art: FacettenArt::Spalte { wert: "o.status", label: Label::Rust(status_label) },
            max_werte: 6,
            nach_label: false,
        },
        // The link check's verdict on the service's address; "nicht erfasst" = no address.
        FacettenDef {
            schluessel: "erreichbar",
            label: "Adresse erreichbar",
            art: FacettenArt::Spalte {
                wert: "CASE WHEN o.url IS NULL THEN NULL WHEN ls.url IS NULL THEN 'offen' \
                       WHEN ls.erreichbar THEN 'ja' ELSE 'nein' END",
                label: Label::Rust(crate::model::linkpruefung::erreichbar_label),
            },
            max_werte: 3,
            nach_label: false,
        },
    ],
    sortierungen: &[("name", "o.suchname"), ("status", "o.status"), ("anbieter", "COALESCE(d.name, o.anbieter)")],
    standard_sort: "o.suchname",
    schluessel: "o.id",
};

pub async fn suchen(db: &Db, a: &KatalogAnfrage) -> StoreResult<Trefferseite<OnlinedienstZeile>> {
    let mut seite = super::facette::suchen(db, &ONLINEDIENSTE, a).await?;
    ergaenzen(db, &mut seite.zeilen).await?;
    Ok(seite)
}

/// Every match, streamed: rows arrive in blocks of 500, each completed with its counts.
pub fn export(db: &Db, a: &KatalogAnfrage) -> tokio::sync::mpsc::Receiver<StoreResult<OnlinedienstZeile>> {
    let mut roh = super::facette::treffer_strom::<OnlinedienstZeile>(db, &ONLINEDIENSTE, a, 100_000);
    let (tx, rx) = tokio::sync::mpsc::channel(256);
    let db = db.clone();
    tokio::spawn(async move {
        let mut block = Vec::with_capacity(500);
        loop {
            let ende = match roh.recv().await {
                Some(Ok(z)) => {
                    block.push(z);
                    false
                }
                Some(Err(e)) => {
                    let _ = tx.send(Err(e)).await;
                    return;
                }
                None => true,
            };
            if block.len() == 500 || (ende && !block.is_empty()) {
                if let Err(e) = ergaenzen_block(&db, &mut block).await {
                    let _ = tx.send(Err(e)).await;
                    return;
                }
                for z in block.drain(..) {
                    if tx.send_timeout(Ok(z), super::GEDULD).await.is_err() {
                        return;
                    }
                }
            }
            if ende {
                return;
            }
        }
    });
    rx
}

/// Counts and Themenfelder of the listed rows only, one query each (not one per row, and not
/// for every matching row before sorting, which cost 15–20 ms with 200,000 usage rows). In
/// blocks, so an export of many rows stays below the databases' limits of bound values.
pub async fn ergaenzen(db: &Db, zeilen: &mut [OnlinedienstZeile]) -> StoreResult<()> {
    for block in zeilen.chunks_mut(2000) {
        ergaenzen_block(db, block).await?;
    }
    Ok(())
}

async fn ergaenzen_block(db: &Db, zeilen: &mut [OnlinedienstZeile]) -> StoreResult<()> {
    if zeilen.is_empty() {
        return Ok(());
    }
    #[derive(sqlx::FromRow)]
    struct Anzahl {
        id: i64,
        n: i64,
    }
    let ids: Vec<i64> = zeilen.iter().map(|z| z.id).collect();
    let anzahl = |kopf: &str, fuss: &str| {
        let mut sql = Sql::new(kopf);
        sql.bind_list(ids.iter().copied()).push(fuss);
        sql
    };
    let (leika, katalog, kommunen) = (
        anzahl(
            "SELECT onlinedienst_id AS id, COUNT(*) AS n FROM onlinedienst_leika WHERE onlinedienst_id IN (",
            ") GROUP BY onlinedienst_id",
        ),
        anzahl(
            "SELECT x.onlinedienst_id AS id, COUNT(*) AS n FROM onlinedienst_leika x JOIN leika k ON k.schluessel = x.schluessel \
             WHERE x.onlinedienst_id IN (",
            ") GROUP BY x.onlinedienst_id",
        ),
        anzahl(
            "SELECT onlinedienst_id AS id, COUNT(*) AS n FROM onlinedienst_kommune WHERE onlinedienst_id IN (",
            ") GROUP BY onlinedienst_id",
        ),
    );
    let (leika, katalog, kommunen) =
        futures::try_join!(db.alle::<Anzahl>(&leika), db.alle::<Anzahl>(&katalog), db.alle::<Anzahl>(&kommunen))?;
    let von = |liste: &[Anzahl], id: i64| liste.iter().find(|a| a.id == id).map_or(0, |a| a.n);
    for z in zeilen.iter_mut() {
        z.leika_anzahl = von(&leika, z.id);
        z.leika_im_katalog = von(&katalog, z.id);
        z.kommunen = von(&kommunen, z.id);
    }
    let mut sql = Sql::new(
        "SELECT DISTINCT xl.onlinedienst_id, xt.id, xt.name, xt.slug FROM onlinedienst_leika xl \
         JOIN leika xk ON xk.schluessel = xl.schluessel JOIN leistung xo ON xo.ozg_id = xk.ozg_id \
         JOIN themenfeld xt ON xt.id = xo.themenfeld_id WHERE xl.onlinedienst_id IN (",
    );
    sql.bind_list(zeilen.iter().map(|z| z.id)).push(") ORDER BY xt.name");
    let bezuege: Vec<ThemenfeldBezug> = db.alle(&sql).await?;
    for z in zeilen.iter_mut() {
        z.themenfelder = bezuege.iter().filter(|b| b.onlinedienst_id == z.id).cloned().collect();
    }
    Ok(())
}

/// Online services with at least one key of a Leistung in the Themenfeld.
pub async fn anzahl_im_themenfeld(db: &Db, themenfeld_id: i64) -> StoreResult<i64> {
    let mut sql = Sql::new("SELECT COUNT(DISTINCT xl.onlinedienst_id) FROM ");
    sql.push(UEBER_LEIKA).push(" WHERE xt.id = ").bind(themenfeld_id);
    db.zahl(&sql).await
}

/// One service with its keys (resolved against the catalog) and its users.
pub async fn seite(db: &Db, id: i64) -> StoreResult<Option<OnlinedienstSeite>> {
    let dienst = Sql::new(
        "SELECT o.id, o.name, o.dienstleister_id, COALESCE(d.name, o.anbieter) AS anbieter, o.url, o.reifegrad, \
         o.reifegrad_modell, o.status, o.efa_status, o.authentifizierung, o.bezahlung, o.zustaendige_stelle, o.quelle, \
         o.reichweite, o.version FROM onlinedienst o LEFT JOIN dienstleister d ON d.id = o.dienstleister_id WHERE o.id = ",
    )
    .bind(id)
    .clone();
    let schluessel = Sql::new(
        "SELECT xl.schluessel, xl.bezeichnung, xk.name AS katalog_name, xo.ozg_id, xo.name AS ozg_name, \
         xt.name AS themenfeld, xt.slug AS themenfeld_slug FROM onlinedienst_leika xl \
         LEFT JOIN leika xk ON xk.schluessel = xl.schluessel LEFT JOIN leistung xo ON xo.ozg_id = xk.ozg_id \
         LEFT JOIN themenfeld xt ON xt.id = xo.themenfeld_id WHERE xl.onlinedienst_id = ",
    )
    .bind(id)
    .push(" ORDER BY xl.schluessel")
    .clone();
    let kommunen = Sql::new(
        "SELECT m.kommune_ags AS ags, g.name AS kommune, m.geplant_ab, m.in_betrieb_seit, m.kommentar, m.version \
         FROM onlinedienst_kommune m JOIN kommune g ON g.ags = m.kommune_ags WHERE m.onlinedienst_id = ",
    )
    .bind(id)
    .push(" ORDER BY g.name")
    .clone();
    let mut link = Sql::new(
        "SELECT ls.erreichbar, ls.status, ls.fehler, ls.seit_ms FROM link_stand ls JOIN onlinedienst o ON o.url = ls.url \
         WHERE o.id = ",
    );
    link.bind(id);
    let (dienst, schluessel, kommunen, link) = futures::try_join!(
        db.eine::<Onlinedienst>(&dienst),
        db.alle::<AbgedeckterSchluessel>(&schluessel),
        db.alle::<Nutzung>(&kommunen),
        db.eine::<crate::model::linkpruefung::LinkStand>(&link),
    )?;
    Ok(dienst.map(|dienst| OnlinedienstSeite { dienst, schluessel, kommunen, link }))
}

/// What a Kommune reports about its use of a service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NutzungDaten {
    pub geplant_ab: Option<chrono::NaiveDate>,
    pub in_betrieb_seit: Option<chrono::NaiveDate>,
    pub kommentar: Option<String>,
}

fn monat_text(d: Option<chrono::NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m").to_string())
}

/// Records or changes (`version` > 0: based on that version) a Kommune's use of a service;
/// `None` removes it. Returns the new version (0 after removal).
pub async fn nutzung_speichern(
    db: &Db,
    dienst: i64,
    ags: &str,
    version: i64,
    neu: Option<&NutzungDaten>,
    wer: &super::akteur::Akteur,
) -> Result<i64, super::SchreibFehler> {
    use super::protokoll::{Aenderung, konflikt_meldung};
    let Some(seite) = seite(db, dienst).await? else {
        return Err(super::SchreibFehler::NichtGefunden("Der Online-Dienst".into()));
    };
    let alt = seite.kommunen.iter().find(|k| k.ags == ags).cloned();
    let objekt = format!("{dienst}:{ags}");
    let was = format!("Die Nutzung von „{}“", seite.dienst.name);
    let mut tx = db.beginnen().await?;
    let q = match (neu, version) {
        (Some(n), 0) => {
            let mut q = Sql::new(
                "INSERT INTO onlinedienst_kommune (onlinedienst_id, kommune_ags, geplant_ab, in_betrieb_seit, kommentar) VALUES (",
            );
            q.bind(dienst).push(", ").bind(ags).push(", ").bind(n.geplant_ab).push(", ").bind(n.in_betrieb_seit);
            q.push(", ").bind(n.kommentar.clone()).push(") ON CONFLICT (onlinedienst_id, kommune_ags) DO NOTHING");
            q
        }
        (Some(n), v) => {
            let mut q = Sql::new("UPDATE onlinedienst_kommune SET geplant_ab = ");
            q.bind(n.geplant_ab).push(", in_betrieb_seit = ").bind(n.in_betrieb_seit).push(", kommentar = ");
            q.bind(n.kommentar.clone()).push(", version = version + 1 WHERE onlinedienst_id = ").bind(dienst);
            q.push(" AND kommune_ags = ").bind(ags).push(" AND version = ").bind(v);
            q
        }
        (None, v) => {
            let mut q = Sql::new("DELETE FROM onlinedienst_kommune WHERE onlinedienst_id = ");
            q.bind(dienst).push(" AND kommune_ags = ").bind(ags).push(" AND version = ").bind(v);
            q
        }
    };
    if tx.ausfuehren(&q).await? == 0 {
        drop(tx);
        return Err(super::SchreibFehler::Konflikt(konflikt_meldung(db, "nutzung", &objekt, &was).await));
    }
    let mut a = Aenderung::neu("nutzung", &objekt, format!("{} – {}", seite.dienst.name, ags));
    a.feld(
        "geplant_ab",
        alt.as_ref().and_then(|x| monat_text(x.geplant_ab)),
        neu.and_then(|n| monat_text(n.geplant_ab)),
    );
    a.feld(
        "in_betrieb_seit",
        alt.as_ref().and_then(|x| monat_text(x.in_betrieb_seit)),
        neu.and_then(|n| monat_text(n.in_betrieb_seit)),
    );
    a.feld("kommentar", alt.as_ref().and_then(|x| x.kommentar.clone()), neu.and_then(|n| n.kommentar.clone()));
    a.schreiben(&mut tx, wer).await?;
    tx.commit().await?;
    Ok(if neu.is_some() { version + 1 } else { 0 })
}

/// Sets a service's reach (`Some("land")` or `None`), checked against `version`; audited.
/// Returns the new version.
pub async fn reichweite_setzen(
    db: &Db,
    dienst: i64,
    version: i64,
    reichweite: Option<&str>,
    wer: &super::akteur::Akteur,
) -> Result<i64, super::SchreibFehler> {
    use super::protokoll::{Aenderung, konflikt_meldung};
    use crate::model::loesung::reichweite_label;
    let Some(seite) = seite(db, dienst).await? else {
        return Err(super::SchreibFehler::NichtGefunden("Der Online-Dienst".into()));
    };
    let mut tx = db.beginnen().await?;
    let mut q = Sql::new("UPDATE onlinedienst SET reichweite = ");
    q.bind(reichweite.map(str::to_string)).push(", version = version + 1 WHERE id = ").bind(dienst);
    q.push(" AND version = ").bind(version);
    if tx.ausfuehren(&q).await? == 0 {
        drop(tx);
        let was = format!("Der Online-Dienst „{}“", seite.dienst.name);
        return Err(super::SchreibFehler::Konflikt(
            konflikt_meldung(db, "onlinedienst", &dienst.to_string(), &was).await,
        ));
    }
    let mut a = Aenderung::neu("onlinedienst", dienst.to_string(), seite.dienst.name.clone());
    a.feld(
        "reichweite",
        Some(reichweite_label(seite.dienst.reichweite.as_deref()).to_string()),
        Some(reichweite_label(reichweite).to_string()),
    );
    a.schreiben(&mut tx, wer).await?;
    tx.commit().await?;
    Ok(version + 1)
}

/// The bottom-up figures, computed now (rules in [`crate::model::loesung::umsetzung`]).
pub async fn bottom_up(db: &Db) -> StoreResult<crate::model::loesung::umsetzung::BottomUp> {
    use crate::model::loesung::umsetzung::{BottomUp, klassen};
    #[derive(sqlx::FromRow)]
    struct Anbieter {
        ozg_id: i64,
        n: i64,
    }
    let je_leistung = Sql::new(
        "SELECT k.ozg_id, COUNT(DISTINCT CASE WHEN o.dienstleister_id IS NOT NULL \
           THEN 'dl' || CAST(o.dienstleister_id AS TEXT) ELSE COALESCE(o.anbieter, 'od' || CAST(o.id AS TEXT)) END) AS n \
         FROM leika k JOIN onlinedienst_leika ol ON ol.schluessel = k.schluessel JOIN onlinedienst o ON o.id = ol.onlinedienst_id \
         WHERE k.ozg_id IS NOT NULL GROUP BY k.ozg_id",
    );
    let relevant = Sql::new(&format!(
        "SELECT l.ozg_id, CAST(1 AS BIGINT) AS n FROM leistung l WHERE ({}) = 'ja'",
        super::leistung::KOMMUNAL_RELEVANT
    ));
    let (alle, dienste) = (Sql::new("SELECT COUNT(*) FROM leistung"), Sql::new("SELECT COUNT(*) FROM onlinedienst"));
    let (je_leistung, relevant, leistungen, dienste, abdeckung, zustaendigkeit) = futures::try_join!(
        db.alle::<Anbieter>(&je_leistung),
        db.alle::<Anbieter>(&relevant),
        db.zahl(&alle),
        db.zahl(&dienste),
        super::abdeckung::alle(db, chrono::Utc::now().date_naive()),
        super::leistung::pflegestand(db),
    )?;
    let relevant: std::collections::HashSet<i64> = relevant.into_iter().map(|r| r.ozg_id).collect();
    let relevant_je: Vec<i64> = je_leistung.iter().filter(|a| relevant.contains(&a.ozg_id)).map(|a| a.n).collect();
    let (anbieter_1, anbieter_2_6, anbieter_7) = klassen(relevant_je.iter().copied());
    Ok(BottomUp {
        leistungen,
        mit_dienst: crate::model::anzahl(je_leistung.len()),
        relevant: crate::model::anzahl(relevant.len()),
        relevant_mit_dienst: crate::model::anzahl(relevant_je.len()),
        anbieter_1,
        anbieter_2_6,
        anbieter_7,
        dienste,
        flaechendeckung: super::abdeckung::kennzahlen(&abdeckung),
        zustaendigkeit,
    })
}
