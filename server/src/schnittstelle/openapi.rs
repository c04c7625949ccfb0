//! The API's description (OpenAPI 3.1), generated from the handlers' annotations and the answer
//! types; each list's filters are added from its catalog definition, so the description names
//! exactly the filters the code reads.

use super::anfrage::{Filterbar, MAX_WERT};
use super::{bund, dcat, fehler, katalog, koordination, modell};
use axum::http::header;
use axum::response::IntoResponse;
use std::sync::OnceLock;
use utoipa::OpenApi;
use utoipa::openapi::path::{Parameter, ParameterBuilder, ParameterIn};
use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Type};
use utoipa::openapi::{OpenApi as Dokument, RefOr, Required};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "OZG-Atlas NRW – Offene Schnittstelle",
        version = "1.0.0",
        description = "Lesender, öffentlicher Zugriff auf die Daten des OZG-Atlas NRW: Themenfelder, \
            Lebenslagen, OZG- und LeiKa-Leistungen, Kommunen, Kreise, IT-Dienstleister, die Online-Dienste der \
            Lösungsdatenbank, die Umsetzungsprojekte der Roadmap, Veranstaltungen und Dokumente. Ohne Anmeldung; je Netz \
            begrenzt (429 mit Retry-After). Fehler als application/problem+json (RFC 9457). Listen blättern \
            mit „cursor“; ETag und Last-Modified erlauben bedingte Abrufe (304).",
        license(name = "Daten: je Quelle, siehe /quellen (u. a. Datenlizenz Deutschland – Namensnennung 2.0)", url = "/quellen")
    ),
    paths(katalog::themenfelder, katalog::lebenslagen, katalog::kreise, katalog::dienstleister, katalog::leistungen, katalog::leika, katalog::kommunen, katalog::onlinedienste,
        koordination::projekte, koordination::veranstaltungen, koordination::dokumente,
        katalog::leistung, katalog::leika_leistung, katalog::kommune, katalog::onlinedienst,
        koordination::projekt, koordination::veranstaltung, koordination::dokument,
        bund::alle_daten, bund::gebiet_daten, bund::gebiete, dcat::handler),
    components(schemas(fehler::ProblemKoerper, bund::Reihenfolge, bund::Dateityp, modell::ThemenfeldVerweis, modell::KreisVerweis, modell::Gebiet)),
    tags((name = "Katalog", description = "Die Kataloge mit denselben Filtern wie die Seiten des Portals"),
        (name = "Koordination", description = "Roadmap, Veranstaltungen und Dokumente der Koordinierungsstelle"),
        (name = "Einzeln", description = "Ein Eintrag über seinen Schlüssel"),
        (name = "Metadaten", description = "Die Datensätze nach DCAT-AP.de, zum Einsammeln durch Datenportale"),
        (name = "Bund", description = "Wie die API des Dashboards Digitale Verwaltung (bundesAPI/digitale-verwaltung-api), für NRW; \
            für deren generierte Clients auch unter /api/v1/bund/v1/… (host = …/api/v1/bund)")),
    modifiers(&Filter)
)]
struct Schnittstelle;

/// Each list's catalog filters as query parameters.
struct Filter;

const LISTEN: [(&str, &dyn Filterbar); 7] = [
    ("/api/v1/leistungen", &katalog::LEISTUNGEN),
    ("/api/v1/leika", &katalog::LEIKA),
    ("/api/v1/kommunen", &katalog::KOMMUNEN),
    ("/api/v1/onlinedienste", &katalog::ONLINEDIENSTE),
    ("/api/v1/projekte", &koordination::PROJEKTE),
    ("/api/v1/veranstaltungen", &koordination::VERANSTALTUNGEN),
    ("/api/v1/dokumente", &koordination::DOKUMENTE),
];

fn filter_parameter(liste: &dyn Filterbar) -> Vec<Parameter> {
    let mut alle = Vec::new();
    for (schluessel, label) in liste.facetten() {
        let wert = ObjectBuilder::new()
            .schema_type(Type::String)
            .min_length(Some(1))
            .max_length(Some(MAX_WERT))
            .pattern(Some(super::OHNE_STEUERZEICHEN));
        alle.push(
            ParameterBuilder::new()
                .name(schluessel)
                .parameter_in(ParameterIn::Query)
                .required(Required::False)
                .description(Some(format!(
                    "Filter „{}“: einer der Werte (mehrfach angeben für mehrere; „-“ = nicht erfasst).",
                    label
                )))
                .schema(Some(ArrayBuilder::new().items(wert).max_items(Some(50))))
                .build(),
        );
        alle.push(
            ParameterBuilder::new()
                .name(format!("nicht_{schluessel}"))
                .parameter_in(ParameterIn::Query)
                .required(Required::False)
                .description(Some(format!("1: Filter „{label}“ verneint („ist nicht gleich“).")))
                .schema(Some(ObjectBuilder::new().schema_type(Type::String).enum_values(Some(["1", "0"]))))
                .build(),
        );
    }
    alle
}

/// An answer every operation may give: too many requests (with `Retry-After`), or the database
/// not answering.
fn allgemeine_antworten(doc: &mut Dokument) {
    use utoipa::openapi::{ContentBuilder, HeaderBuilder, Ref, ResponseBuilder};
    let problem = || ContentBuilder::new().schema(Some(Ref::from_schema_name("ProblemKoerper"))).build();
    let warten = || {
        HeaderBuilder::new()
            .schema(Some(ObjectBuilder::new().schema_type(Type::Integer)))
            .description(Some("Sekunden bis zum nächsten Versuch"))
            .build()
    };
    for item in doc.paths.paths.values_mut() {
        let Some(get) = item.get.as_mut() else { continue };
        for (status, text) in [("429", "Zu viele Anfragen aus diesem Netz"), ("503", "Vorübergehend nicht verfügbar")]
        {
            let antwort = ResponseBuilder::new()
                .description(text)
                .content(super::PROBLEM_JSON, problem())
                .header("Retry-After", warten())
                .build();
            get.responses.responses.insert(status.to_string(), RefOr::T(antwort));
        }
    }
}

impl utoipa::Modify for Filter {
    fn modify(&self, doc: &mut Dokument) {
        allgemeine_antworten(doc);
        for (pfad, liste) in LISTEN {
            let Some(get) = doc.paths.paths.get_mut(pfad).and_then(|p| p.get.as_mut()) else { continue };
            let sorten: Vec<String> =
                liste.sortierungen().iter().flat_map(|(s, _)| [s.to_string(), format!("-{s}")]).collect();
            let parameter = get.parameters.get_or_insert_with(Vec::new);
            for p in parameter.iter_mut() {
                if let RefOr::T(sort) = p
                    && sort.name == "sort"
                {
                    sort.schema =
                        Some(ObjectBuilder::new().schema_type(Type::String).enum_values(Some(sorten.clone())).into());
                }
            }
            parameter.extend(filter_parameter(liste).into_iter().map(RefOr::T));
        }
    }
}

/// The description (built once).
pub fn dokument() -> &'static Dokument {
    static DOK: OnceLock<Dokument> = OnceLock::new();
    DOK.get_or_init(Schnittstelle::openapi)
}

/// The description as served.
pub fn beschreibung() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| dokument().to_pretty_json().unwrap_or_default())
}

/// A short fingerprint of the description: part of every ETag, so that answers of a changed
/// API are not taken for the cached ones.
pub fn fingerabdruck() -> &'static str {
    static F: OnceLock<String> = OnceLock::new();
    F.get_or_init(|| {
        use sha2::Digest;
        hex::encode(&sha2::Sha256::digest(beschreibung().as_bytes())[..6])
    })
}

pub async fn json() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], beschreibung())
}
