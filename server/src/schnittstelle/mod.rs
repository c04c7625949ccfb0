//! The open API, version 1 (`/api/v1`): read-only and public, for Kommunen, IT-Dienstleister,
//! Open.NRW and anyone else who wants the data without reading pages. Its types are its own
//! (`modell`), its errors are problem+json (`fehler`), its lists use the catalogs' definitions and
//! a cursor (`katalog`, `anfrage`), and its description is generated from the code (`openapi`).
//! Conditional requests and the headers every answer carries are in `bedingt`.

mod anfrage;
mod bedingt;
mod bund;
mod dcat;
mod doku;
mod fehler;
mod katalog;
mod koordination;
mod modell;
mod openapi;

pub use bedingt::Antwortspeicher;
pub use bedingt::schicht as bedingt;
pub use dcat::Oeffentlich;
pub use fehler::{PROBLEM_JSON, Problem, ProblemKoerper};
pub use openapi::beschreibung;

use axum::Router;
use axum::routing::{any, get};

/// Where the API lives; also the prefix that server functions (`/api/{name}`) never have.
pub const PRAEFIX: &str = "/api/v1";
/// The documentation page (problem types point to its anchors).
pub const DOKU: &str = "/api/v1/doku";

/// Whether a path belongs to the open API (not to the server functions under `/api/`).
pub fn ist_schnittstelle(pfad: &str) -> bool {
    pfad == PRAEFIX || pfad.starts_with("/api/v1/")
}

/// Text parameters hold no control characters (Unicode category Cc), as a JSON-Schema pattern.
pub const OHNE_STEUERZEICHEN: &str = r"^[^\u0000-\u001F\u007F-\u009F]*$";

/// The parameters every list shares; each list also takes its catalog's filters.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // read from the raw query by `anfrage::lesen`; here for the description
pub struct ListenParameter {
    /// Suche in Namen und Schlüsseln (Wortanfänge, ohne Groß-/Kleinschreibung und Umlaute).
    #[param(max_length = 200, pattern = r"^[^\u0000-\u001F\u007F-\u009F]*$")]
    q: Option<String>,
    /// Sortierung; mit „-“ davor absteigend. Ohne: nach Name bzw. Titel. Leere Werte stehen immer am Ende.
    #[param(max_length = 40)]
    sort: Option<String>,
    /// Zeilen je Seite.
    #[param(minimum = 1, maximum = 100, default = 25)]
    limit: Option<u32>,
    /// Fortsetzungsmarke: der Wert von „naechste“ der vorigen Seite, unverändert.
    #[param(max_length = 512, pattern = r"^[A-Za-z0-9_-]*$")]
    cursor: Option<String>,
}

/// The API's routes with their full paths (merged, not nested: the server functions' catch-all
/// `/api/{*fn_name}` would otherwise answer the addresses the API does not know).
pub fn router<S>() -> Router<S>
where
    S: Clone + Send + Sync + 'static,
    app::store::Db: axum::extract::FromRef<S>,
    app::store::abfragespeicher::Abfragespeicher: axum::extract::FromRef<S>,
    Oeffentlich: axum::extract::FromRef<S>,
{
    let p = |rest: &str| format!("{PRAEFIX}{rest}");
    Router::new()
        .route(&p("/openapi.json"), get(openapi::json))
        .route(&p("/doku"), get(doku::handler))
        .route(&p("/themenfelder"), get(katalog::themenfelder))
        .route(&p("/lebenslagen"), get(katalog::lebenslagen))
        .route(&p("/kreise"), get(katalog::kreise))
        .route(&p("/dienstleister"), get(katalog::dienstleister))
        .route(&p("/leistungen"), get(katalog::leistungen))
        .route(&p("/leika"), get(katalog::leika))
        .route(&p("/kommunen"), get(katalog::kommunen))
        .route(&p("/onlinedienste"), get(katalog::onlinedienste))
        .route(&p("/leistungen/{ozg_id}"), get(katalog::leistung))
        .route(&p("/leika/{id}"), get(katalog::leika_leistung))
        .route(&p("/kommunen/{ags}"), get(katalog::kommune))
        .route(&p("/onlinedienste/{id}"), get(katalog::onlinedienst))
        .route(&p("/projekte"), get(koordination::projekte))
        .route(&p("/projekte/{id}"), get(koordination::projekt))
        .route(&p("/veranstaltungen"), get(koordination::veranstaltungen))
        .route(&p("/veranstaltungen/{id}"), get(koordination::veranstaltung))
        .route(&p("/dokumente"), get(koordination::dokumente))
        .route(&p("/dokumente/{id}"), get(koordination::dokument))
        .route(&p("/dcat"), get(dcat::handler))
        .route(&p("/bund/data"), get(bund::alle_daten))
        .route(&p("/bund/data/{ars}"), get(bund::gebiet_daten))
        .route(&p("/bund/ars"), get(bund::gebiete))
        // The Bund's generated clients append `/v1/data` to their host: host = …/api/v1/bund.
        .route(&p("/bund/v1/data"), get(bund::alle_daten))
        .route(&p("/bund/v1/data/{ars}"), get(bund::gebiet_daten))
        .route(&p("/bund/v1/ars"), get(bund::gebiete))
        .route(PRAEFIX, any(nicht_gefunden))
        .route(&p("/{*rest}"), any(nicht_gefunden))
        .method_not_allowed_fallback(|| async { Problem::Methode })
}

async fn nicht_gefunden() -> Problem {
    Problem::NichtGefunden(format!(
        "Diese Adresse gibt es in der Schnittstelle nicht. Die Übersicht steht unter {PRAEFIX}/openapi.json und {DOKU}."
    ))
}
