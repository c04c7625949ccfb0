//! DCAT-AP.de metadata (`/api/v1/dcat`, RDF/XML as GovData and Open.NRW harvest it): the
//! portal's exports and API lists as datasets with their distributions, each with the licence
//! of its source (SOURCES.md, `/quellen`) and the time the data last changed. Where a source
//! names no licence, none is claimed: the dataset says so in `dct:rights`.

use super::modell::zeitpunkt;
use app::model::text::xml;
use app::store::Db;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use std::fmt::Write;

pub use crate::oeffentlich::Oeffentlich;

/// A licence of the DCAT-AP.de vocabulary with the attribution its source asks for.
#[derive(Clone, Copy)]
pub struct Lizenz {
    /// `None`: the source names no licence; nothing is claimed.
    pub uri: Option<&'static str>,
    pub namensnennung: &'static str,
}

const KDN: Lizenz = Lizenz {
    // The KDN OZG-Datenbank is published under the MIT licence, which the vocabulary has no
    // entry of its own for: "andere offene Lizenz".
    uri: Some("http://dcat-ap.de/def/licenses/other-open"),
    namensnennung: "KDN – Dachverband kommunaler IT-Dienstleister, OZG-Datenbank NRW (MIT-Lizenz), Stand 2021",
};
const DESTATIS: Lizenz = Lizenz {
    uri: Some("http://dcat-ap.de/def/licenses/dl-by-de/2.0"),
    namensnennung: "Statistisches Bundesamt (Destatis), Gemeindeverzeichnis, Stand 31.12.2021",
};
const EIGEN: Lizenz = Lizenz {
    uri: None,
    namensnennung: "OZG-Atlas NRW: Einträge der Koordinierungsstelle und der Kommunen; Online-Dienste des \
                    Wirtschafts-Service-Portals.NRW (öffentliche Liste, 2021)",
};

/// A dataset: identifier, title, description, licence, distributions (path, media type, what).
pub struct Datensatz {
    pub kennung: &'static str,
    pub titel: &'static str,
    pub beschreibung: &'static str,
    pub lizenz: Lizenz,
    pub verteilungen: &'static [(&'static str, &'static str, &'static str)],
}

const JSON: &str = "application/json";
const CSV: &str = "text/csv";

pub const DATENSAETZE: &[Datensatz] = &[
    Datensatz {
        kennung: "leistungen",
        titel: "OZG-Leistungen und LeiKa-Leistungen",
        beschreibung: "Die OZG-Leistungen des Umsetzungskatalogs mit Themenfeld, Lebenslage, Zuständigkeit und Priorität, \
                       und die Leistungen des Leistungskatalogs (LeiKa) mit Schlüssel und Zuordnung.",
        lizenz: KDN,
        verteilungen: &[
            ("/api/v1/leistungen", JSON, "OZG-Leistungen (Schnittstelle, seitenweise)"),
            ("/api/v1/leika", JSON, "LeiKa-Leistungen (Schnittstelle, seitenweise)"),
            ("/export/leistungen.csv", CSV, "OZG-Leistungen als CSV"),
            ("/export/leika.csv", CSV, "LeiKa-Leistungen als CSV"),
        ],
    },
    Datensatz {
        kennung: "themenfelder",
        titel: "OZG-Themenfelder und Lebenslagen",
        beschreibung: "Die Themenfelder mit Kennzahlen und die Lebenslagen je Themenfeld.",
        lizenz: KDN,
        verteilungen: &[
            ("/api/v1/themenfelder", JSON, "Themenfelder (Schnittstelle)"),
            ("/api/v1/lebenslagen", JSON, "Lebenslagen (Schnittstelle)"),
        ],
    },
    Datensatz {
        kennung: "kommunen",
        titel: "Kommunen und Kreise in NRW",
        beschreibung: "Die 396 Gemeinden und 53 Kreise und kreisfreien Städte mit Gemeindeschlüssel, Regierungsbezirk, \
                       Einwohnern und Größenklasse.",
        lizenz: DESTATIS,
        verteilungen: &[
            ("/api/v1/kommunen", JSON, "Kommunen (Schnittstelle, seitenweise)"),
            ("/api/v1/kreise", JSON, "Kreise (Schnittstelle)"),
            ("/export/kommunen.csv", CSV, "Kommunen als CSV"),
        ],
    },
    Datensatz {
        kennung: "dienstleister",
        titel: "Kommunale IT-Dienstleister in NRW",
        beschreibung: "Die IT-Dienstleister mit Anschrift und den Gebieten, die öffentliche Quellen ihnen zuordnen.",
        lizenz: KDN,
        verteilungen: &[("/api/v1/dienstleister", JSON, "IT-Dienstleister (Schnittstelle)")],
    },
    Datensatz {
        kennung: "onlinedienste",
        titel: "Lösungsdatenbank: Online-Dienste und ihre Nutzung durch Kommunen",
        beschreibung: "Online-Dienste mit Reifegrad, Anbieter, abgedeckten LeiKa-Schlüsseln und den Kommunen, die sie \
                       nutzen oder planen.",
        lizenz: EIGEN,
        verteilungen: &[
            ("/api/v1/onlinedienste", JSON, "Online-Dienste (Schnittstelle, seitenweise)"),
            ("/export/loesungen.csv", CSV, "Online-Dienste als CSV"),
        ],
    },
    Datensatz {
        kennung: "flaechendeckung",
        titel: "Flächendeckung der Online-Dienste in NRW (Format des Dashboards Digitale Verwaltung)",
        beschreibung: "Je LeiKa-Schlüssel und Gebiet (Land, Gemeinde) der Online-Dienst in Betrieb und die Flächendeckung \
                       mit den Werten des Bundes; die Regeln stehen auf /loesungen/kennzahlen.",
        lizenz: EIGEN,
        verteilungen: &[
            ("/api/v1/bund/data", JSON, "Ganz NRW (Schnittstelle im Format des Bundes, seitenweise)"),
            ("/api/v1/bund/data/050000000000?filetype=csv", "application/octet-stream", "Ganz NRW als CSV"),
            ("/api/v1/bund/data/050000000000?filetype=xlsx", "application/octet-stream", "Ganz NRW als XLSX"),
        ],
    },
    Datensatz {
        kennung: "roadmap",
        titel: "Roadmap der OZG-Umsetzungsprojekte",
        beschreibung: "Die Umsetzungsprojekte mit den Monaten ihrer sechs Phasen, Themenfeldern und Leistungen.",
        lizenz: EIGEN,
        verteilungen: &[("/api/v1/projekte", JSON, "Umsetzungsprojekte (Schnittstelle)")],
    },
    Datensatz {
        kennung: "veranstaltungen",
        titel: "Veranstaltungen zur OZG-Umsetzung in NRW",
        beschreibung: "Workshops, Informationsveranstaltungen und Labore mit Termin, Ort und Themenfeld, ohne Teilnehmende.",
        lizenz: EIGEN,
        verteilungen: &[
            ("/api/v1/veranstaltungen", JSON, "Veranstaltungen (Schnittstelle)"),
            ("/export/veranstaltungen.csv", CSV, "Veranstaltungen als CSV"),
        ],
    },
    Datensatz {
        kennung: "dokumente",
        titel: "Dokumente und Links zur OZG-Umsetzung",
        beschreibung: "Die Metadaten der Bibliothek: Titel, Art, Stand, Format, Quelle und Lizenz je Dokument.",
        lizenz: EIGEN,
        verteilungen: &[("/api/v1/dokumente", JSON, "Dokumente (Schnittstelle)")],
    },
];

/// The catalog as RDF/XML.
pub fn katalog(basis: &str, geaendert_ms: i64) -> String {
    let b = xml(basis);
    let zeit = zeitpunkt(geaendert_ms);
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" \
         xmlns:dcat=\"http://www.w3.org/ns/dcat#\" xmlns:dct=\"http://purl.org/dc/terms/\" \
         xmlns:foaf=\"http://xmlns.com/foaf/0.1/\" xmlns:dcatde=\"http://dcat-ap.de/def/dcatde/\">\n",
    );
    let _ = write!(
        x,
        "<dcat:Catalog rdf:about=\"{b}/api/v1/dcat\"><dct:title xml:lang=\"de\">OZG-Atlas NRW</dct:title>\
         <dct:description xml:lang=\"de\">Offene Daten zur Umsetzung des Onlinezugangsgesetzes in den Kommunen \
         Nordrhein-Westfalens.</dct:description><foaf:homepage rdf:resource=\"{b}/\"/>\
         <dct:language rdf:resource=\"http://publications.europa.eu/resource/authority/language/DEU\"/>\
         <dct:modified rdf:datatype=\"http://www.w3.org/2001/XMLSchema#dateTime\">{zeit}</dct:modified>\
         <dct:publisher><foaf:Organization><foaf:name>OZG-Atlas NRW</foaf:name></foaf:Organization></dct:publisher>"
    );
    for d in DATENSAETZE {
        let _ = writeln!(x, "<dcat:dataset rdf:resource=\"{b}/api/v1/dcat#{}\"/>", d.kennung);
    }
    let _ = write!(x, "<dcat:service rdf:resource=\"{b}/api/v1\"/>\n</dcat:Catalog>\n");
    for d in DATENSAETZE {
        datensatz(&mut x, &b, d, &zeit);
    }
    let _ = write!(
        x,
        "<dcat:DataService rdf:about=\"{b}/api/v1\"><dct:title xml:lang=\"de\">Offene Schnittstelle des OZG-Atlas NRW</dct:title>\
         <dcat:endpointURL rdf:resource=\"{b}/api/v1\"/><dcat:endpointDescription rdf:resource=\"{b}/api/v1/openapi.json\"/>\
         <foaf:page rdf:resource=\"{b}/api/v1/doku\"/>"
    );
    for d in DATENSAETZE {
        let _ = write!(x, "<dcat:servesDataset rdf:resource=\"{b}/api/v1/dcat#{}\"/>", d.kennung);
    }
    x.push_str("</dcat:DataService>\n</rdf:RDF>\n");
    x
}

fn datensatz(x: &mut String, b: &str, d: &Datensatz, zeit: &str) {
    let lizenz = |x: &mut String| match d.lizenz.uri {
        Some(u) => {
            let _ = write!(x, "<dct:license rdf:resource=\"{u}\"/>");
        }
        None => {
            let _ = write!(
                x,
                "<dct:rights><dct:RightsStatement><rdf:value xml:lang=\"de\">Die Quellen nennen keine Lizenz; keine wird \
                 behauptet.</rdf:value></dct:RightsStatement></dct:rights>"
            );
        }
    };
    let _ = write!(
        x,
        "<dcat:Dataset rdf:about=\"{b}/api/v1/dcat#{k}\"><dct:identifier>{k}</dct:identifier>\
         <dct:title xml:lang=\"de\">{t}</dct:title><dct:description xml:lang=\"de\">{desc}</dct:description>\
         <dct:modified rdf:datatype=\"http://www.w3.org/2001/XMLSchema#dateTime\">{zeit}</dct:modified>\
         <dcat:theme rdf:resource=\"http://publications.europa.eu/resource/authority/data-theme/GOVE\"/>\
         <dcatde:politicalGeocodingLevelURI rdf:resource=\"http://dcat-ap.de/def/politicalGeocoding/Level/state\"/>\
         <dcatde:politicalGeocodingURI rdf:resource=\"http://dcat-ap.de/def/politicalGeocoding/stateKey/05\"/>\
         <dcatde:licenseAttributionByText xml:lang=\"de\">{n}</dcatde:licenseAttributionByText>\
         <dcat:landingPage rdf:resource=\"{b}/quellen\"/>",
        k = d.kennung,
        t = xml(d.titel),
        desc = xml(d.beschreibung),
        n = xml(d.lizenz.namensnennung),
    );
    for (pfad, typ, was) in d.verteilungen {
        let url = xml(&format!("{b}{pfad}"));
        let _ = write!(
            x,
            "<dcat:distribution><dcat:Distribution rdf:about=\"{url}\"><dct:title xml:lang=\"de\">{}</dct:title>\
             <dcat:accessURL rdf:resource=\"{url}\"/><dcat:downloadURL rdf:resource=\"{url}\"/>\
             <dcat:mediaType rdf:resource=\"https://www.iana.org/assignments/media-types/{typ}\"/>\
             <dct:modified rdf:datatype=\"http://www.w3.org/2001/XMLSchema#dateTime\">{zeit}</dct:modified>",
            xml(was)
        );
        lizenz(x);
        let _ = write!(
            x,
            "<dcatde:licenseAttributionByText xml:lang=\"de\">{}</dcatde:licenseAttributionByText>\
             </dcat:Distribution></dcat:distribution>",
            xml(d.lizenz.namensnennung)
        );
    }
    lizenz(x);
    x.push_str("</dcat:Dataset>\n");
}

/// Der Katalog der Datensätze nach DCAT-AP.de (RDF/XML), zum Einsammeln durch Open.NRW und GovData.
#[utoipa::path(get, path = "/api/v1/dcat", tag = "Metadaten",
    responses((status = 200, description = "Der Katalog", content_type = "application/rdf+xml", body = String)))]
pub async fn handler(
    State(db): State<Db>,
    State(oeffentlich): State<Oeffentlich>,
    kopf: HeaderMap,
    axum::extract::RawQuery(roh): axum::extract::RawQuery,
) -> Result<Response, super::Problem> {
    super::katalog::ohne_parameter(roh.as_deref())?;
    let (_, geaendert_ms) = app::store::generation::stand(&db).await?;
    let mut r = katalog(&oeffentlich.basis(&kopf), geaendert_ms).into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/rdf+xml; charset=utf-8"));
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_distribution_is_an_address_of_the_portal() {
        let x = katalog("https://atlas.example", 0);
        assert_eq!(x.matches("<dcat:Dataset ").count(), DATENSAETZE.len());
        assert!(x.contains("dl-by-de/2.0") && x.contains("1970-01-01T00:00:00Z"));
        for d in DATENSAETZE {
            assert!(!d.verteilungen.is_empty(), "{}", d.kennung);
            for (pfad, _, _) in d.verteilungen {
                assert!(pfad.starts_with("/api/v1/") || pfad.starts_with("/export/"), "{pfad}");
            }
        }
    }
}
