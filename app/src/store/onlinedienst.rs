//! Queries of the Lösungsdatenbank.

use super::facette::{FacettenArt, FacettenDef, KatalogDef, Label};
use super::{Db, StoreResult};
use crate::model::filter::{KatalogAnfrage, Trefferseite};
use crate::model::onlinedienst::{OnlinedienstZeile, reifegrad_label, status_label};

/// Link paths of the facets; aliases start with `x` so they never clash with the catalog's.
const UEBER_LEIKA: &str = "onlinedienst_leika xl JOIN leika xk ON xk.schluessel = xl.schluessel \
                           JOIN leistung xo ON xo.ozg_id = xk.ozg_id JOIN themenfeld xt ON xt.id = xo.themenfeld_id";
const UEBER_KOMMUNE: &str = "onlinedienst_kommune xm JOIN kommune xg ON xg.ags = xm.kommune_ags";

pub static ONLINEDIENSTE: KatalogDef = KatalogDef {
    from: "onlinedienst o LEFT JOIN dienstleister d ON d.id = o.dienstleister_id",
    select: "o.id, o.name, o.url, o.status, o.reifegrad, o.reifegrad_modell, COALESCE(d.name, o.anbieter) AS anbieter, \
             CASE WHEN o.dienstleister_id IS NOT NULL THEN 'dl' || CAST(o.dienstleister_id AS TEXT) ELSE o.anbieter END AS anbieter_wert, \
             (SELECT COUNT(*) FROM onlinedienst_leika x WHERE x.onlinedienst_id = o.id) AS leika_anzahl, \
             (SELECT COUNT(*) FROM onlinedienst_leika x JOIN leika k ON k.schluessel = x.schluessel WHERE x.onlinedienst_id = o.id) AS leika_im_katalog, \
             (SELECT COUNT(*) FROM onlinedienst_kommune x WHERE x.onlinedienst_id = o.id) AS kommunen",
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
            art: FacettenArt::Bezug {
                verbindung: UEBER_KOMMUNE,
                zeile: "xm.onlinedienst_id = o.id",
                wert: "xm.kommune_ags",
                label: "xg.name",
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
    ],
    sortierungen: &[("name", "o.suchname"), ("status", "o.status"), ("anbieter", "COALESCE(d.name, o.anbieter)")],
    standard_sort: "o.suchname",
    schluessel: "o.id",
};

pub async fn suchen(db: &Db, a: &KatalogAnfrage) -> StoreResult<Trefferseite<OnlinedienstZeile>> {
    super::facette::suchen(db, &ONLINEDIENSTE, a).await
}
