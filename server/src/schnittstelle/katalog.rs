//! The catalogs as lists: the same definitions, filters and search as the catalog pages
//! (`KatalogDef`), paged by cursor instead of page number.

use super::anfrage::{self, Liste, Listenanfrage};
use super::fehler::Problem;
use super::modell::{
    Dienstleister, Kommune, Kreis, Lebenslage, LeikaLeistung, Leistung, Onlinedienst, Seite, Themenfeld,
};
use app::store::facette::{self, BlattFehler, Spaltenart::*};
use app::store::{Db, Zeile};
use axum::Json;
use axum::extract::{OriginalUri, RawQuery, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

pub static LEISTUNGEN: Liste = Liste {
    def: &app::store::leistung::LEISTUNGEN,
    schluessel_art: Zahl,
    sortierungen: &[("name", Text), ("ozg_id", Zahl), ("themenfeld", Text), ("lebenslage", Text), ("prio", Zahl)],
};

pub static LEIKA: Liste = Liste {
    def: &app::store::leistung::LEIKA,
    schluessel_art: Zahl,
    sortierungen: &[("name", Text), ("schluessel", Text), ("ozg_id", Zahl), ("typ", Text)],
};

pub static KOMMUNEN: Liste = Liste {
    def: &app::store::kommune::KOMMUNEN,
    schluessel_art: Text,
    sortierungen: &[("name", Text), ("ags", Text), ("kreis", Text), ("einwohner", Zahl), ("gk", Text)],
};

pub static ONLINEDIENSTE: Liste = Liste {
    def: &app::store::loesung::ONLINEDIENSTE,
    schluessel_art: Zahl,
    sortierungen: &[("name", Text), ("status", Text), ("anbieter", Text)],
};

impl From<BlattFehler> for Problem {
    fn from(e: BlattFehler) -> Self {
        match e {
            BlattFehler::UnbekannteSortierung => Problem::parameter("sort", "Unbekannte Sortierung."),
            BlattFehler::MarkePasstNicht => Problem::parameter(
                "cursor",
                "Die Fortsetzungsmarke passt nicht zu dieser Sortierung. Bitte „sort“ wie beim ersten Abruf angeben.",
            ),
            BlattFehler::Store(s) => Problem::Datenbank(s),
        }
    }
}

/// One page of a catalog as `Seite<D>`, with a `Link` header to the next page.
async fn seite<Z: Zeile, D: From<Z> + utoipa::ToSchema + serde::Serialize>(
    db: &Db,
    liste: &Liste,
    pfad: &str,
    a: &Listenanfrage,
    ergaenzen: impl AsyncFnOnce(&mut [Z]) -> Result<(), Problem>,
) -> Result<Response, Problem> {
    let mut blatt =
        facette::blaettern::<Z>(db, liste.def, &a.katalog, &a.reihenfolge(liste), a.nach.as_ref(), a.limit).await?;
    ergaenzen(&mut blatt.zeilen).await?;
    let naechste = blatt.weiter.as_ref().map(|s| anfrage::marke_schreiben(a.sort.as_deref(), s));
    let link = naechste.as_ref().map(|m| {
        let mut paare = a.rest.clone();
        paare.push(("cursor".into(), m.clone()));
        format!("<{pfad}?{}>; rel=\"next\"", serde_urlencoded::to_string(&paare).unwrap_or_default())
    });
    let seite = Seite {
        daten: blatt.zeilen.into_iter().map(D::from).collect(),
        gesamt: blatt.gesamt,
        limit: a.limit,
        naechste,
    };
    let mut r = Json(seite).into_response();
    if let Some(l) = link.and_then(|l| HeaderValue::from_str(&l).ok()) {
        r.headers_mut().insert(header::LINK, l);
    }
    Ok(r)
}

async fn ohne<Z>(_: &Db, _: &mut [Z]) -> Result<(), Problem> {
    Ok(())
}

/// Refuses any parameter: the whole lists below have none.
fn ohne_parameter(roh: Option<&str>) -> Result<(), Problem> {
    match anfrage::paare(roh)?.first() {
        Some((k, _)) => Err(Problem::parameter(k, "Diese Liste hat keine Parameter; sie kommt immer ganz.")),
        None => Ok(()),
    }
}

macro_rules! ganze_liste {
    ($name:ident, $dto:ty, $pfad:literal, $doku:literal, $laden:path) => {
        #[doc = $doku]
        #[utoipa::path(get, path = $pfad, tag = "Katalog",
            responses((status = 200, description = "Die ganze Liste", body = Vec<$dto>),
                (status = 400, description = "Ungültige Anfrage", body = super::fehler::ProblemKoerper, content_type = "application/problem+json")))]
        pub async fn $name(State(db): State<Db>, RawQuery(roh): RawQuery) -> Result<Response, Problem> {
            ohne_parameter(roh.as_deref())?;
            let alle = $laden(&db).await?;
            Ok(Json(alle.into_iter().map(<$dto>::from).collect::<Vec<_>>()).into_response())
        }
    };
}

ganze_liste!(
    themenfelder,
    Themenfeld,
    "/api/v1/themenfelder",
    "Die Themenfelder mit ihren Kennzahlen.",
    app::store::leistung::themenfelder_kennzahlen
);
ganze_liste!(
    lebenslagen,
    Lebenslage,
    "/api/v1/lebenslagen",
    "Die Lebenslagen je Themenfeld mit der Zahl ihrer OZG-Leistungen.",
    app::store::themenfeld::lebenslagen
);
ganze_liste!(kreise, Kreis, "/api/v1/kreise", "Die Kreise und kreisfreien Städte in NRW.", app::store::kommune::kreise);
ganze_liste!(
    dienstleister,
    Dienstleister,
    "/api/v1/dienstleister",
    "Die kommunalen IT-Dienstleister mit den Gebieten, die öffentliche Quellen ihnen zuordnen (ohne Ansprechpersonen).",
    app::store::dienstleister::alle
);

macro_rules! liste {
    ($name:ident, $liste:ident, $zeile:ty, $dto:ty, $pfad:literal, $doku:literal) => {
        liste!($name, $liste, $zeile, $dto, $pfad, $doku, ohne);
    };
    ($name:ident, $liste:ident, $zeile:ty, $dto:ty, $pfad:literal, $doku:literal, $ergaenzen:expr) => {
        #[doc = $doku]
        #[utoipa::path(get, path = $pfad, tag = "Katalog", params(super::ListenParameter),
            responses((status = 200, description = "Eine Seite der Liste", body = Seite<$dto>,
                    headers(("Link" = String, description = "Die nächste Seite (rel=\"next\")"))),
                (status = 400, description = "Ungültiger Parameter", body = super::fehler::ProblemKoerper, content_type = "application/problem+json")))]
        pub async fn $name(
            State(db): State<Db>,
            OriginalUri(uri): OriginalUri,
            RawQuery(roh): RawQuery,
        ) -> Result<Response, Problem> {
            let a = anfrage::lesen(roh.as_deref(), &$liste)?;
            seite::<$zeile, $dto>(&db, &$liste, uri.path(), &a, async |z: &mut [$zeile]| $ergaenzen(&db, z).await).await
        }
    };
}

async fn dienste_ergaenzen(db: &Db, z: &mut [app::model::loesung::OnlinedienstZeile]) -> Result<(), Problem> {
    Ok(app::store::loesung::ergaenzen(db, z).await?)
}

liste!(
    leistungen,
    LEISTUNGEN,
    app::model::leistung::LeistungZeile,
    Leistung,
    "/api/v1/leistungen",
    "Die OZG-Leistungen des Umsetzungskatalogs, gefiltert wie im Katalog."
);
liste!(
    leika,
    LEIKA,
    app::model::leistung::LeikaZeile,
    LeikaLeistung,
    "/api/v1/leika",
    "Die Leistungen des Leistungskatalogs (LeiKa), gefiltert wie im Katalog."
);
liste!(
    kommunen,
    KOMMUNEN,
    app::model::kommune::KommuneZeile,
    Kommune,
    "/api/v1/kommunen",
    "Die 396 Kommunen in NRW, gefiltert wie im Katalog."
);
liste!(
    onlinedienste,
    ONLINEDIENSTE,
    app::model::loesung::OnlinedienstZeile,
    Onlinedienst,
    "/api/v1/onlinedienste",
    "Die Online-Dienste der Lösungsdatenbank mit Reifegrad, Anbieter und Zahl der nutzenden Kommunen.",
    dienste_ergaenzen
);
