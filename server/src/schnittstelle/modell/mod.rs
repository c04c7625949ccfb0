//! What the API answers, version 1: its own types, apart from the portal's models, so that the
//! pages may change without breaking a client, and so that only what is public can be in them –
//! each field is named here on purpose. The OpenAPI schemas are generated from these types.

use serde::Serialize;
use utoipa::ToSchema;

/// One page of a list, with the number of all matches and the cursor of the next page.
#[derive(Serialize, ToSchema)]
pub struct Seite<T: ToSchema> {
    pub daten: Vec<T>,
    /// All rows matching the filters (not only this page).
    pub gesamt: i64,
    /// Rows per page as requested (at most 100).
    pub limit: u32,
    /// Pass as `cursor` for the next page; `null` on the last page. Also in the `Link` header.
    pub naechste: Option<String>,
}

#[derive(Serialize, ToSchema)]
#[schema(example = json!({"id": 3, "slug": "familie-kind", "name": "Familie & Kind", "leistungen": 31,
    "leika_leistungen": 260, "lebenslagen": 6, "leistungen_mit_onlinedienst": 12, "adresse": "/themenfelder/familie-kind"}))]
pub struct Themenfeld {
    pub id: i64,
    pub slug: String,
    pub name: String,
    /// OZG-Leistungen of the field.
    pub leistungen: i64,
    pub leika_leistungen: i64,
    pub lebenslagen: i64,
    /// OZG-Leistungen of the field for which an online service covers one of its LeiKa keys.
    pub leistungen_mit_onlinedienst: i64,
    /// The field's page in the portal.
    pub adresse: String,
}

impl From<app::model::leistung::ThemenfeldKennzahlen> for Themenfeld {
    fn from(t: app::model::leistung::ThemenfeldKennzahlen) -> Self {
        Themenfeld {
            adresse: format!("/themenfelder/{}", t.slug),
            id: t.id,
            slug: t.slug,
            name: t.name,
            leistungen: t.leistungen,
            leika_leistungen: t.leika,
            lebenslagen: t.lebenslagen,
            leistungen_mit_onlinedienst: t.mit_dienst,
        }
    }
}

/// An OZG-Leistung of the OZG-Umsetzungskatalog.
#[derive(Serialize, ToSchema)]
pub struct Leistung {
    pub ozg_id: i64,
    pub name: String,
    pub themenfeld_id: i64,
    pub themenfeld: String,
    pub lebenslage: String,
    /// Executing levels as recorded: `bund`, `land`, `kommunal` (empty: not recorded).
    pub zustaendigkeit: Vec<String>,
    pub prioritaet: Option<i64>,
    /// Built once for all (Einer für Alle), where recorded.
    pub efa: Option<bool>,
    pub leika_anzahl: i64,
    /// Größenklassen that have to offer it, as kept by the coordination (`kreisfrei`,
    /// `sonderstatus`, `gross`, `mittel`, `gemeinde`; empty: none of them); null: not kept, the
    /// general rule applies.
    pub groessenklassen: Option<Vec<String>>,
    pub adresse: String,
}

impl From<app::model::leistung::LeistungZeile> for Leistung {
    fn from(l: app::model::leistung::LeistungZeile) -> Self {
        Leistung {
            zustaendigkeit: l.ebenen().into_iter().map(|e| e.code().to_string()).collect(),
            groessenklassen: l.groessenklassen.as_deref().map(|k| {
                app::model::zustaendigkeit::aus_speicherform(k).into_iter().map(|g| g.code().to_string()).collect()
            }),
            adresse: app::pfad::leistung(l.ozg_id),
            ozg_id: l.ozg_id,
            name: l.name,
            themenfeld_id: l.themenfeld_id,
            themenfeld: l.themenfeld,
            lebenslage: l.lebenslage,
            prioritaet: l.prioritaet,
            efa: l.efa,
            leika_anzahl: l.leika_anzahl,
        }
    }
}

/// A Leistung of the Leistungskatalog (LeiKa).
#[derive(Serialize, ToSchema)]
pub struct LeikaLeistung {
    /// The row of the source file (kdn_leika_leistungen.csv, see /quellen): stable while the
    /// source is; use `schluessel` where there is one.
    pub id: i64,
    /// The 14-digit key; `null` where the source's key is not a valid one (see `schluessel_roh`).
    pub schluessel: Option<String>,
    pub schluessel_roh: String,
    pub name: String,
    pub typisierung: Option<String>,
    pub ozg_id: Option<i64>,
    pub ozg_name: Option<String>,
    pub themenfeld: Option<String>,
    pub rechtsgrundlage: Option<String>,
}

impl From<app::model::leistung::LeikaZeile> for LeikaLeistung {
    fn from(k: app::model::leistung::LeikaZeile) -> Self {
        LeikaLeistung {
            id: k.id,
            schluessel: k.schluessel,
            schluessel_roh: k.schluessel_roh,
            name: k.name,
            typisierung: k.typisierung,
            ozg_id: k.ozg_id,
            ozg_name: k.ozg_name,
            themenfeld: k.themenfeld,
            rechtsgrundlage: k.rechtsgrundlage,
        }
    }
}

/// A Kommune of NRW (Gemeinde or kreisfreie Stadt).
#[derive(Serialize, ToSchema)]
pub struct Kommune {
    /// Amtlicher Gemeindeschlüssel (8 digits).
    pub ags: String,
    pub name: String,
    pub typ: String,
    pub kreis_ags: String,
    pub kreis: String,
    pub regierungsbezirk: String,
    pub groessenklasse: String,
    pub einwohner: i64,
    pub adresse: String,
}

impl From<app::model::kommune::KommuneZeile> for Kommune {
    fn from(k: app::model::kommune::KommuneZeile) -> Self {
        Kommune {
            adresse: app::pfad::kommune(&k.ags),
            ags: k.ags,
            name: k.name,
            typ: k.typ,
            kreis_ags: k.kreis_ags,
            kreis: k.kreis,
            regierungsbezirk: k.regierungsbezirk,
            groessenklasse: k.groessenklasse,
            einwohner: k.einwohner,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ThemenfeldVerweis {
    pub id: i64,
    pub slug: String,
    pub name: String,
}

/// An online service of the Lösungsdatenbank.
#[derive(Serialize, ToSchema)]
pub struct Onlinedienst {
    pub id: i64,
    pub name: String,
    pub url: Option<String>,
    /// `live`, `in_umsetzung`, `geplant` …
    pub status: String,
    /// Maturity level in the model named by `reifegrad_modell`.
    pub reifegrad: Option<i64>,
    pub reifegrad_modell: Option<String>,
    /// IT-Dienstleister or other provider.
    pub anbieter: Option<String>,
    /// LeiKa keys the service covers, and how many of them are in the LeiKa catalog.
    pub leika_anzahl: i64,
    pub leika_im_katalog: i64,
    /// Kommunen that reported using it.
    pub kommunen: i64,
    pub themenfelder: Vec<ThemenfeldVerweis>,
    pub adresse: String,
    /// Ergebnis der Linkprüfung für `url`: erreichbar (2xx, höchstens 5 Weiterleitungen) oder
    /// nicht; `null`, solange die Adresse nicht geprüft ist.
    pub erreichbar: Option<bool>,
    /// Seit wann der Stand gilt (RFC 3339, UTC).
    pub erreichbar_seit: Option<String>,
}

/// Milliseconds since 1970 as RFC 3339 in UTC (`2026-12-06T08:00:00Z`).
pub fn zeitpunkt(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms).unwrap_or_default().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

impl From<app::model::loesung::OnlinedienstZeile> for Onlinedienst {
    fn from(o: app::model::loesung::OnlinedienstZeile) -> Self {
        Onlinedienst {
            adresse: app::pfad::loesung(o.id),
            themenfelder: o
                .themenfelder
                .into_iter()
                .map(|t| ThemenfeldVerweis { id: t.id, slug: t.slug, name: t.name })
                .collect(),
            id: o.id,
            name: o.name,
            url: o.url,
            status: o.status,
            reifegrad: o.reifegrad,
            reifegrad_modell: o.reifegrad_modell,
            anbieter: o.anbieter,
            leika_anzahl: o.leika_anzahl,
            leika_im_katalog: o.leika_im_katalog,
            kommunen: o.kommunen,
            erreichbar: o.link_erreichbar,
            erreichbar_seit: o.link_seit_ms.map(zeitpunkt),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct Lebenslage {
    pub id: i64,
    pub name: String,
    pub themenfeld_id: i64,
    pub themenfeld: String,
    /// OZG-Leistungen of this Lebenslage.
    pub leistungen: i64,
}

impl From<app::model::leistung::LebenslageZeile> for Lebenslage {
    fn from(l: app::model::leistung::LebenslageZeile) -> Self {
        Lebenslage {
            id: l.id,
            name: l.name,
            themenfeld_id: l.themenfeld_id,
            themenfeld: l.themenfeld,
            leistungen: l.leistungen,
        }
    }
}

/// A Kreis or kreisfreie Stadt of NRW.
#[derive(Serialize, ToSchema)]
pub struct Kreis {
    /// Amtlicher Gemeindeschlüssel of the Kreis (5 digits).
    pub ags: String,
    pub name: String,
    pub typ: String,
    pub regierungsbezirk: String,
    pub einwohner: i64,
    pub anzahl_gemeinden: i64,
    pub adresse: String,
}

impl From<app::model::kommune::Kreis> for Kreis {
    fn from(k: app::model::kommune::Kreis) -> Self {
        Kreis {
            adresse: app::pfad::kreis(&k.ags),
            ags: k.ags,
            name: k.name,
            typ: k.typ,
            regierungsbezirk: k.regierungsbezirk,
            einwohner: k.einwohner,
            anzahl_gemeinden: k.anzahl_gemeinden,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct KreisVerweis {
    pub ags: String,
    pub name: String,
}

/// An area an IT-Dienstleister serves, as a public source names it.
#[derive(Serialize, ToSchema)]
pub struct Gebiet {
    pub bezeichnung: String,
    pub art: String,
    /// As of (the source's date).
    pub stand: String,
    pub quelle: String,
    pub quelle_url: String,
    pub kreise: Vec<KreisVerweis>,
}

/// A municipal IT service provider (the organisation; no contact persons).
#[derive(Serialize, ToSchema)]
pub struct Dienstleister {
    pub id: i64,
    pub name: String,
    pub strasse: Option<String>,
    pub plz: Option<String>,
    pub ort: Option<String>,
    pub url: Option<String>,
    pub gebiete: Vec<Gebiet>,
    pub adresse: String,
}

impl From<app::model::dienstleister::DienstleisterMitGebiet> for Dienstleister {
    fn from(d: app::model::dienstleister::DienstleisterMitGebiet) -> Self {
        let gebiete = d
            .gebiete
            .into_iter()
            .map(|(g, kreise)| Gebiet {
                bezeichnung: g.bezeichnung,
                art: g.art,
                stand: g.stand,
                quelle: g.quelle_name,
                quelle_url: g.quelle_url,
                kreise: kreise.into_iter().map(|k| KreisVerweis { ags: k.kreis_ags, name: k.kreis }).collect(),
            })
            .collect();
        let d0 = d.dienstleister;
        Dienstleister {
            adresse: app::pfad::dienstleister(d0.id),
            id: d0.id,
            name: d0.name,
            strasse: d0.strasse,
            plz: d0.plz,
            ort: d0.ort,
            url: d0.url,
            gebiete,
        }
    }
}

mod koordination;
pub use koordination::*;

/// A LeiKa key an online service covers, with the catalog's name where the key is in it.
#[derive(Serialize, ToSchema)]
pub struct AbgedeckterSchluessel {
    pub schluessel: String,
    /// The name as the source of the service gives it.
    pub bezeichnung: Option<String>,
    /// `null`: the key is not in the LeiKa catalog.
    pub katalog_name: Option<String>,
    pub ozg_id: Option<i64>,
}

/// A Kommune's reported use of an online service.
#[derive(Serialize, ToSchema)]
pub struct Nutzung {
    pub ags: String,
    pub kommune: String,
    /// Months as `JJJJ-MM`.
    pub geplant_ab: Option<String>,
    pub in_betrieb_seit: Option<String>,
    pub kommentar: Option<String>,
}

/// One online service with what its page shows besides the list's fields.
#[derive(Serialize, ToSchema)]
pub struct OnlinedienstEinzeln {
    #[serde(flatten)]
    pub dienst: Onlinedienst,
    pub efa_status: Option<String>,
    pub authentifizierung: Option<String>,
    pub bezahlung: Option<String>,
    pub zustaendige_stelle: Option<String>,
    pub quelle: String,
    pub leika: Vec<AbgedeckterSchluessel>,
    pub nutzung: Vec<Nutzung>,
}

impl OnlinedienstEinzeln {
    pub fn neu(zeile: app::model::loesung::OnlinedienstZeile, s: app::model::loesung::OnlinedienstSeite) -> Self {
        let monat = |d: Option<chrono::NaiveDate>| d.map(|d| d.format("%Y-%m").to_string());
        OnlinedienstEinzeln {
            dienst: zeile.into(),
            efa_status: s.dienst.efa_status,
            authentifizierung: s.dienst.authentifizierung,
            bezahlung: s.dienst.bezahlung,
            zustaendige_stelle: s.dienst.zustaendige_stelle,
            quelle: s.dienst.quelle,
            leika: s
                .schluessel
                .into_iter()
                .map(|k| AbgedeckterSchluessel {
                    schluessel: k.schluessel,
                    bezeichnung: k.bezeichnung,
                    katalog_name: k.katalog_name,
                    ozg_id: k.ozg_id,
                })
                .collect(),
            nutzung: s
                .kommunen
                .into_iter()
                .map(|n| Nutzung {
                    ags: n.ags,
                    kommune: n.kommune,
                    geplant_ab: monat(n.geplant_ab),
                    in_betrieb_seit: monat(n.in_betrieb_seit),
                    kommentar: n.kommentar,
                })
                .collect(),
        }
    }
}
