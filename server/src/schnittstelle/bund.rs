//! The Bund's "Dashboard Digitale Verwaltung" API for NRW (`GET /v1/data`, `/v1/data/{ars}`,
//! `/v1/ars`, OpenAPI 3.0.1 in github bundesAPI/digitale-verwaltung-api, copied to
//! `server/tests/bund/openapi.yaml`): the same parameters, the same page shape (`PageDvDataDto`,
//! page numbers from 0), the same row fields and `art_flaechendeckung` values, computed from the
//! Lösungsdatenbank (`store::abdeckung`). Served at `/api/v1/bund/…` and, for the Bund's
//! generated clients (host + `/v1/data`), also at `/api/v1/bund/v1/…`.
//!
//! As in the Bund's description, errors are `application/json` objects (the problem fields).

use super::anfrage::paare;
use super::fehler::Problem;
use app::model::loesung::abdeckung::{self as ab, Abdeckung, Gebiet};
use app::store::Db;
use app::store::abfragespeicher::Abfragespeicher;
use axum::Json;
use axum::extract::rejection::PathRejection;
use axum::extract::{OriginalUri, Path, RawQuery, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use std::sync::Arc;
use utoipa::ToSchema;

pub const GROESSE_STANDARD: usize = 100;
pub const GROESSE_MAX: usize = 1000;
/// Page numbers beyond this are refused (no area has that many rows).
pub const SEITE_MAX: usize = 1_000_000;

/// The page parameters as described (the Bund's clients send them as strings; on the wire the
/// same). Read by [`lesen`]; here for the description.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct SeitenParameter {
    /// Seite, ab 0.
    #[param(minimum = 0, maximum = 1000000)]
    page: Option<u32>,
    /// Zeilen je Seite (Standard 100).
    #[param(minimum = 1, maximum = 1000)]
    size: Option<u32>,
    /// Reihenfolge nach LeiKa-Schlüssel, Gebiet und Dienst (bei /ars nach Schlüssel).
    order: Option<Reihenfolge>,
}

#[derive(ToSchema)]
#[allow(dead_code, non_camel_case_types)]
pub enum Reihenfolge {
    asc,
    desc,
}

#[derive(ToSchema)]
#[allow(dead_code, non_camel_case_types)]
pub enum Dateityp {
    csv,
    xlsx,
}

/// The area parameters of `/data/{ars}`.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query, rename_all = "camelCase")]
#[allow(dead_code)]
pub struct GebietParameter {
    /// csv oder xlsx: das ganze Ergebnis als Datei statt einer Seite.
    filetype: Option<Dateityp>,
    /// Standard true: auch Dienste darüberliegender Gebiete (landesweite).
    include_above: Option<bool>,
    /// Standard true: auch Dienste der Gemeinden im Gebiet.
    include_below: Option<bool>,
}

/// An error in the Bund's form: a JSON object (the problem's fields), not problem+json.
pub struct BundFehler(Problem, String);

impl IntoResponse for BundFehler {
    fn into_response(self) -> Response {
        let mut r = (self.0.status(), Json(self.0.koerper(&self.1))).into_response();
        r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
        r
    }
}

/// The parameters of the Bund's data endpoints.
#[derive(Debug, PartialEq)]
pub struct Abfrage {
    pub seite: usize,
    pub groesse: usize,
    pub absteigend: bool,
    pub datei: Option<Dateiart>,
    pub oben: bool,
    pub unten: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Dateiart {
    Csv,
    Xlsx,
}

fn wahr(k: &str, v: &str) -> Result<bool, Problem> {
    match v {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(Problem::parameter(k, format!("„{k}“ ist true oder false."))),
    }
}

fn zahl(k: &str, v: &str, bereich: std::ops::RangeInclusive<usize>) -> Result<usize, Problem> {
    v.parse::<usize>().ok().filter(|n| bereich.contains(n)).ok_or_else(|| {
        Problem::parameter(k, format!("„{k}“ ist eine ganze Zahl von {} bis {}.", bereich.start(), bereich.end()))
    })
}

/// Reads the query; `mit` names the parameters this endpoint has besides page, size and order.
pub fn lesen(roh: Option<&str>, mit_gebiet: bool) -> Result<Abfrage, Problem> {
    let mut a =
        Abfrage { seite: 0, groesse: GROESSE_STANDARD, absteigend: false, datei: None, oben: true, unten: true };
    let mut gesehen: Vec<String> = Vec::new();
    for (k, v) in paare(roh)? {
        if gesehen.contains(&k) {
            return Err(Problem::parameter(&k, format!("„{k}“ darf nur einmal angegeben werden.")));
        }
        match (k.as_str(), mit_gebiet) {
            ("page", _) => a.seite = zahl(&k, &v, 0..=SEITE_MAX)?,
            ("size", _) => a.groesse = zahl(&k, &v, 1..=GROESSE_MAX)?,
            ("order", _) => {
                a.absteigend = match v.as_str() {
                    "asc" => false,
                    "desc" => true,
                    _ => return Err(Problem::parameter(&k, "„order“ ist asc oder desc.")),
                }
            }
            ("filetype", true) => {
                a.datei = Some(match v.as_str() {
                    "csv" => Dateiart::Csv,
                    "xlsx" => Dateiart::Xlsx,
                    _ => return Err(Problem::parameter(&k, "„filetype“ ist csv oder xlsx.")),
                })
            }
            ("includeAbove", true) => a.oben = wahr(&k, &v)?,
            ("includeBelow", true) => a.unten = wahr(&k, &v)?,
            _ => {
                let erlaubt = if mit_gebiet {
                    "page, size, order, filetype, includeAbove, includeBelow"
                } else {
                    "page, size, order"
                };
                return Err(Problem::parameter(
                    &k,
                    format!("Unbekannter Parameter „{}“. Möglich: {erlaubt}.", app::model::text::zitat(&k)),
                ));
            }
        }
        gesehen.push(k);
    }
    Ok(a)
}

/// One row as the Bund's API gives it (`DvDataDto`). Fields the atlas cannot fill are left out
/// (the Bund's schema requires none): `online_status` while the link check has not seen the URL.
#[derive(Serialize, ToSchema)]
pub struct DvDataDto {
    /// LeiKa-Schlüssel (14 Ziffern).
    pub leika_key: String,
    /// Name im LeiKa-Katalog; fehlt der Schlüssel dort, der Name aus der Quelle des Dienstes.
    pub leika_name: String,
    /// 12-stelliger amtlicher Regionalschlüssel des Gebiets, in dem der Dienst läuft.
    pub ars: String,
    pub ars_name: Option<String>,
    pub ars_federal_state: Option<String>,
    pub bundesland: Option<String>,
    /// Die Bezeichnung aus der Quelle des Online-Dienstes.
    pub leika_bezeichnung: Option<String>,
    pub ozgid: Option<i32>,
    pub ozg_bezeichnung: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// `ok` / `nicht ok` aus der Linkprüfung; fehlt, solange die Adresse nicht geprüft ist.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub online_status: Option<String>,
    /// `ja`: der Dienst ist in Betrieb (nur solche Zeilen werden geliefert).
    pub aktiv: Option<String>,
    /// Siehe /loesungen/kennzahlen für die Regel je Wert.
    pub art_flaechendeckung: String,
}

#[derive(Serialize, ToSchema)]
pub struct SortObject {
    pub unsorted: bool,
    pub sorted: bool,
    pub empty: bool,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PageableObject {
    pub paged: bool,
    pub unpaged: bool,
    pub page_number: i32,
    pub page_size: i32,
    pub offset: i64,
    pub sort: SortObject,
}

/// A page in the Bund's (Spring Data) shape.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BundSeite<T: ToSchema> {
    pub total_pages: i32,
    pub total_elements: i64,
    pub pageable: PageableObject,
    pub number_of_elements: i32,
    pub size: i32,
    pub content: Vec<T>,
    pub number: i32,
    pub sort: SortObject,
    pub first: bool,
    pub last: bool,
    pub empty: bool,
}

fn i32_von(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

fn sortierung() -> SortObject {
    SortObject { unsorted: false, sorted: true, empty: false }
}

/// The page `a` of `alle` (already in order); only the page's rows are turned into `T`.
fn seite<Q, T: ToSchema>(alle: &[Q], a: &Abfrage, als: impl Fn(&Q) -> T) -> BundSeite<T> {
    let gesamt = alle.len();
    let seiten = gesamt.div_ceil(a.groesse);
    let start = a.seite.saturating_mul(a.groesse);
    let inhalt: Vec<T> = alle.iter().skip(start).take(a.groesse).map(als).collect();
    BundSeite {
        total_pages: i32_von(seiten),
        total_elements: app::model::anzahl(gesamt),
        pageable: PageableObject {
            paged: true,
            unpaged: false,
            page_number: i32_von(a.seite),
            page_size: i32_von(a.groesse),
            offset: app::model::anzahl(start),
            sort: sortierung(),
        },
        number_of_elements: i32_von(inhalt.len()),
        size: i32_von(a.groesse),
        empty: inhalt.is_empty(),
        content: inhalt,
        number: i32_von(a.seite),
        sort: sortierung(),
        first: a.seite == 0,
        last: a.seite + 1 >= seiten,
    }
}

/// Names of the areas by ARS: the Land, its Regierungsbezirke, Kreise and Gemeinden, sorted by
/// ARS. Kept per data generation (every Bund request needs them).
#[derive(Clone, Serialize)]
struct Namen {
    gebiete: Arc<Vec<(String, String)>>,
}

impl Namen {
    async fn aus_der_datenbank(db: &Db) -> app::store::StoreResult<Namen> {
        let sql = app::store::Sql::new("SELECT ags, name, regierungsbezirk FROM kommune ORDER BY ags");
        let (kommunen, kreise) =
            futures::try_join!(db.alle::<(String, String, String)>(&sql), app::store::kommune::kreise(db))?;
        let mut gebiete = std::collections::BTreeMap::new();
        gebiete.insert(ab::LAND_ARS.to_string(), "Nordrhein-Westfalen".to_string());
        for (ags, _, rb) in &kommunen {
            gebiete.entry(format!("05{}000000000", &ags[2..3])).or_insert_with(|| rb.clone());
        }
        // A kreisfreie Stadt is its own Kreis (same ARS): the Kreis's name is kept.
        gebiete.extend(kreise.into_iter().map(|k| (ab::kreis_ars(&k.ags), k.name)));
        for (ags, name, _) in kommunen {
            gebiete.entry(ab::gemeinde_ars(&ags)).or_insert(name);
        }
        Ok(Namen { gebiete: Arc::new(gebiete.into_iter().collect()) })
    }

    async fn laden(db: &Db, speicher: &Abfragespeicher) -> Result<Namen, Problem> {
        Ok(speicher.holen(db, None, "bund_namen", String::new(), || Namen::aus_der_datenbank(db)).await?)
    }

    fn name(&self, ars: &str) -> Option<String> {
        self.gebiete.binary_search_by(|(a, _)| a.as_str().cmp(ars)).ok().map(|i| self.gebiete[i].1.clone())
    }
}

fn zeile(z: &Abdeckung, namen: &Namen) -> DvDataDto {
    let ars = z.ags.as_deref().map_or_else(|| ab::LAND_ARS.to_string(), ab::gemeinde_ars);
    DvDataDto {
        leika_name: z.leika_name.clone().or_else(|| z.leika_bezeichnung.clone()).unwrap_or_else(|| z.leika_key.clone()),
        leika_key: z.leika_key.clone(),
        ars_name: namen.name(&ars),
        ars,
        ars_federal_state: Some("05".into()),
        bundesland: Some("Nordrhein-Westfalen".into()),
        leika_bezeichnung: z.leika_bezeichnung.clone(),
        ozgid: z.ozg_id.and_then(|i| i32::try_from(i).ok()),
        ozg_bezeichnung: z.ozg_name.clone(),
        url: z.url.clone(),
        online_status: z.erreichbar.map(|e| if e { "ok" } else { "nicht ok" }.to_string()),
        aktiv: Some("ja".into()),
        art_flaechendeckung: z.art.bund().into(),
    }
}

/// Only one computation of the coverage at a time on this server: the others wait for it and
/// then find its result kept (a cold cache under many parallel requests computes it once).
static BERECHNUNG: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// The coverage rows, kept per data generation and day.
async fn abdeckung(db: &Db, speicher: &Abfragespeicher) -> Result<Arc<Vec<Abdeckung>>, Problem> {
    let heute = chrono::Utc::now().date_naive();
    let laden = || async move { Ok(Arc::new(app::store::abdeckung::alle(db, heute).await?)) };
    let _allein = BERECHNUNG.lock().await;
    Ok(speicher.holen(db, None, "bund_abdeckung", heute.to_string(), laden).await?)
}

/// Rows in one file at most (the whole Land with every reported use stays far below; a larger
/// result is read page by page).
pub const DATEI_MAX: usize = 100_000;

/// The rows of the area `ars`; none for an ARS that names no area of NRW.
async fn daten(db: &Db, speicher: &Abfragespeicher, ars: &str, a: &Abfrage) -> Result<Response, Problem> {
    let (alle, namen) = futures::try_join!(abdeckung(db, speicher), Namen::laden(db, speicher))?;
    let gebiet = Gebiet::aus_ars(ars).filter(|_| namen.name(ars).is_some());
    let mut treffer: Vec<&Abdeckung> = match &gebiet {
        Some(g) => alle.iter().filter(|z| g.umfasst(z.ags.as_deref(), a.oben, a.unten)).collect(),
        None => Vec::new(),
    };
    if a.absteigend {
        treffer.reverse();
    }
    let als = |z: &&Abdeckung| zeile(z, &namen);
    match a.datei {
        None => Ok(Json(seite(&treffer, a, als)).into_response()),
        Some(_) if treffer.len() > DATEI_MAX => Err(Problem::parameter(
            "filetype",
            format!(
                "Die Datei hätte {} Zeilen, höchstens {} sind möglich. Bitte ein kleineres Gebiet wählen \
                 oder die Daten seitenweise abrufen.",
                treffer.len(),
                DATEI_MAX
            ),
        )),
        Some(art) => datei(treffer.iter().map(als), art),
    }
}

const SPALTEN: [&str; 13] = [
    "leika_key",
    "leika_name",
    "ars",
    "ars_name",
    "ars_federal_state",
    "bundesland",
    "leika_bezeichnung",
    "ozgid",
    "ozg_bezeichnung",
    "url",
    "online_status",
    "aktiv",
    "art_flaechendeckung",
];

fn zellen(z: &DvDataDto) -> Vec<String> {
    let t = |o: &Option<String>| o.clone().unwrap_or_default();
    vec![
        z.leika_key.clone(),
        z.leika_name.clone(),
        z.ars.clone(),
        t(&z.ars_name),
        t(&z.ars_federal_state),
        t(&z.bundesland),
        t(&z.leika_bezeichnung),
        z.ozgid.map(|i| i.to_string()).unwrap_or_default(),
        t(&z.ozg_bezeichnung),
        t(&z.url),
        t(&z.online_status),
        t(&z.aktiv),
        z.art_flaechendeckung.clone(),
    ]
}

/// The whole result (not a page) as a file: CSV as German spreadsheets open it (UTF-8 with
/// BOM, semicolons) or XLSX, every cell text. Sent as `application/octet-stream`, the type the
/// Bund's description gives; the file name says which.
fn datei(zeilen: impl Iterator<Item = DvDataDto>, art: Dateiart) -> Result<Response, Problem> {
    let mut tabelle = vec![SPALTEN.iter().map(|s| s.to_string()).collect::<Vec<_>>()];
    tabelle.extend(zeilen.map(|z| zellen(&z)));
    let schreibfehler = |_| Problem::Anfrage("Die Datei konnte nicht geschrieben werden.".into());
    let (inhalt, endung) = match art {
        Dateiart::Csv => (crate::export::csv_tabelle(&tabelle).map_err(|e| schreibfehler(e.to_string()))?, "csv"),
        Dateiart::Xlsx => (crate::export::xlsx(&tabelle, "Daten").map_err(|e| schreibfehler(e.to_string()))?, "xlsx"),
    };
    let mut r = inhalt.into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/octet-stream"));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"ozg-atlas-bund-daten.{endung}\"")) {
        r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(r)
}

/// Informationen zu OZG-Leistungen und ihren Online-Diensten in ganz NRW (wie `findAll` des
/// Bundes).
#[utoipa::path(get, path = "/api/v1/bund/data", tag = "Bund",
    params(SeitenParameter),
    responses((status = 200, description = "Eine Seite", body = BundSeite<DvDataDto>),
        (status = 400, description = "Ungültiger Parameter", body = super::fehler::ProblemKoerper)))]
pub async fn alle_daten(
    State(db): State<Db>,
    State(speicher): State<Abfragespeicher>,
    OriginalUri(uri): OriginalUri,
    RawQuery(roh): RawQuery,
) -> Result<Response, BundFehler> {
    let fehler = |p| BundFehler(p, uri.path().to_string());
    let a = lesen(roh.as_deref(), false).map_err(fehler)?;
    daten(&db, &speicher, ab::LAND_ARS, &a).await.map_err(fehler)
}

/// Informationen zu OZG-Leistungen und ihren Online-Diensten in einem Gebiet von NRW (wie
/// `findByFilter` des Bundes). Ein Gebiet außerhalb NRWs oder ein unbekanntes ergibt eine leere
/// Seite.
#[utoipa::path(get, path = "/api/v1/bund/data/{ars}", tag = "Bund",
    params(("ars" = String, Path, description = "12-stelliger amtlicher Regionalschlüssel", pattern = r"^\d{12}$"),
        SeitenParameter, GebietParameter),
    responses((status = 200, description = "Eine Seite, oder mit filetype die Datei",
        content((BundSeite<DvDataDto> = "application/json"), (Vec<u8> = "application/octet-stream"))),
        (status = 400, description = "Ungültiger Parameter", body = super::fehler::ProblemKoerper)))]
pub async fn gebiet_daten(
    State(db): State<Db>,
    State(speicher): State<Abfragespeicher>,
    OriginalUri(uri): OriginalUri,
    pfad: Result<Path<String>, PathRejection>,
    RawQuery(roh): RawQuery,
) -> Result<Response, BundFehler> {
    let fehler = |p| BundFehler(p, uri.path().to_string());
    let ars = match pfad {
        Ok(Path(a)) if a.len() == 12 && a.bytes().all(|b| b.is_ascii_digit()) => a,
        _ => return Err(fehler(Problem::parameter("ars", "„ars“ ist ein Regionalschlüssel aus 12 Ziffern."))),
    };
    let a = lesen(roh.as_deref(), true).map_err(fehler)?;
    daten(&db, &speicher, &ars, &a).await.map_err(fehler)
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ArsDto {
    pub ars: String,
    pub ars_name: String,
}

/// Die Gebiete von NRW mit Regionalschlüssel: Land, Regierungsbezirke, Kreise, Gemeinden (wie
/// `/v1/ars` des Bundes, beschränkt auf NRW).
#[utoipa::path(get, path = "/api/v1/bund/ars", tag = "Bund",
    params(SeitenParameter),
    responses((status = 200, description = "Eine Seite", body = BundSeite<ArsDto>),
        (status = 400, description = "Ungültiger Parameter", body = super::fehler::ProblemKoerper)))]
pub async fn gebiete(
    State(db): State<Db>,
    State(speicher): State<Abfragespeicher>,
    OriginalUri(uri): OriginalUri,
    RawQuery(roh): RawQuery,
) -> Result<Response, BundFehler> {
    let fehler = |p| BundFehler(p, uri.path().to_string());
    let a = lesen(roh.as_deref(), false).map_err(fehler)?;
    let namen = Namen::laden(&db, &speicher).await.map_err(fehler)?;
    let mut alle: Vec<&(String, String)> = namen.gebiete.iter().collect();
    if a.absteigend {
        alle.reverse();
    }
    let als = |(ars, name): &&(String, String)| ArsDto { ars: ars.clone(), ars_name: name.clone() };
    Ok(Json(seite(&alle, &a, als)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_as_the_bund_names_them() {
        let a = lesen(Some("page=2&size=10&order=desc&filetype=xlsx&includeAbove=false"), true).unwrap();
        assert_eq!(
            (a.seite, a.groesse, a.absteigend, a.datei, a.oben, a.unten),
            (2, 10, true, Some(Dateiart::Xlsx), false, true)
        );
        for falsch in
            ["page=-1", "size=0", "size=1001", "order=up", "filetype=pdf", "includeBelow=ja", "page=1&page=2", "x=1"]
        {
            assert!(lesen(Some(falsch), true).is_err(), "{falsch}");
        }
        assert!(lesen(Some("filetype=csv"), false).is_err(), "findAll has no filetype");
    }

    #[test]
    fn pages_count_from_zero() {
        let a = Abfrage { seite: 1, groesse: 2, absteigend: false, datei: None, oben: true, unten: true };
        let als = |i: &usize| ArsDto { ars: i.to_string(), ars_name: String::new() };
        let alle: Vec<usize> = (0..5).collect();
        let s = seite(&alle, &a, als);
        assert_eq!((s.total_pages, s.total_elements, s.number_of_elements, s.first, s.last), (3, 5, 2, false, false));
        assert_eq!(s.content[0].ars, "2");
        let a = Abfrage { seite: 7, ..a };
        let s = seite(&alle, &a, als);
        assert!(s.empty && s.last && s.content.is_empty());
    }
}
