//! The catalogs as lists: the same definitions, filters and search as the catalog pages
//! (`KatalogDef`), paged by cursor instead of page number.

use super::anfrage::{self, Liste, Listenanfrage};
use super::fehler::Problem;
use super::modell::{
    Dienstleister, Kommune, Kreis, Lebenslage, LeikaLeistung, Leistung, Onlinedienst, OnlinedienstEinzeln, Seite,
    Themenfeld,
};
use app::model::loesung::OnlinedienstZeile;
use app::store::facette::{self, Blatt, BlattFehler, Marke, Spaltenart::*};
use app::store::{Db, Zeile};
use axum::Json;
use axum::extract::rejection::PathRejection;
use axum::extract::{OriginalUri, Path, RawQuery, State};
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
    Ok(antwort::<Z, D>(blatt, pfad, a))
}

/// A page as the API answers it: `Seite<D>` and a `Link` header to the next page.
pub fn antwort<Z, D: From<Z> + utoipa::ToSchema + serde::Serialize>(
    blatt: Blatt<Z>,
    pfad: &str,
    a: &Listenanfrage,
) -> Response {
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
    r
}

async fn ohne<Z>(_: &Db, _: &mut [Z]) -> Result<(), Problem> {
    Ok(())
}

/// Refuses any parameter: the whole lists below have none.
pub fn ohne_parameter(roh: Option<&str>) -> Result<(), Problem> {
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

/// The key of a single-item address: a number, or an AGS of `stellen` digits. A key of the wrong
/// form is the client's error (400), a well-formed one that names nothing is 404.
pub fn schluessel(roh: Result<Path<String>, PathRejection>, name: &str, art: Schluessel) -> Result<Marke, Problem> {
    if let Schluessel::Zahl = art {
        return zahl(roh, name).map(Marke::Zahl);
    }
    let Ok(Path(roh)) = roh else {
        return Err(Problem::parameter(name, format!("„{name}“ ist nicht lesbar.")));
    };
    match art {
        Schluessel::Zahl => Err(Problem::parameter(name, format!("„{name}“ ist eine ganze Zahl."))),
        Schluessel::Ags(stellen) if roh.len() == stellen && roh.bytes().all(|b| b.is_ascii_digit()) => {
            Ok(Marke::Text(roh))
        }
        Schluessel::Ags(stellen) => {
            Err(Problem::parameter(name, format!("„{name}“ ist ein Schlüssel aus {stellen} Ziffern.")))
        }
    }
}

/// A numeric key of a single-item address.
pub fn zahl(roh: Result<Path<String>, PathRejection>, name: &str) -> Result<i64, Problem> {
    roh.ok()
        .and_then(|Path(r)| r.parse::<i64>().ok())
        .ok_or_else(|| Problem::parameter(name, format!("„{name}“ ist eine ganze Zahl.")))
}

#[derive(Clone, Copy)]
pub enum Schluessel {
    Zahl,
    Ags(usize),
}

/// A single row of a catalog, as its list gives it.
macro_rules! einzeln {
    ($name:ident, $def:path, $zeile:ty, $dto:ty, $pfad:literal, $param:literal, [$($beschreibung:tt)*], $art:expr, $doku:literal, $fehlt:literal) => {
        #[doc = $doku]
        #[utoipa::path(get, path = $pfad, tag = "Einzeln", params(($param = $($beschreibung)*)),
            responses((status = 200, description = "Der Eintrag", body = $dto),
                (status = 400, description = "Ungültiger Schlüssel", body = super::fehler::ProblemKoerper, content_type = "application/problem+json"),
                (status = 404, description = "Nicht vorhanden", body = super::fehler::ProblemKoerper, content_type = "application/problem+json")))]
        pub async fn $name(
            State(db): State<Db>,
            pfad: Result<Path<String>, PathRejection>,
            RawQuery(roh): RawQuery,
        ) -> Result<Response, Problem> {
            let k = schluessel(pfad, $param, $art)?;
            ohne_parameter(roh.as_deref())?;
            let Some(zeile) = facette::eine::<$zeile>(&db, &$def, k).await? else {
                return Err(Problem::NichtGefunden($fehlt.into()));
            };
            Ok(Json(<$dto>::from(zeile)).into_response())
        }
    };
}

einzeln!(
    leistung,
    app::store::leistung::LEISTUNGEN,
    app::model::leistung::LeistungZeile,
    Leistung,
    "/api/v1/leistungen/{ozg_id}",
    "ozg_id",
    [i64, Path, description = "Die OZG-ID"],
    Schluessel::Zahl,
    "Eine OZG-Leistung.",
    "Keine OZG-Leistung mit dieser Nummer."
);
einzeln!(
    leika_leistung,
    app::store::leistung::LEIKA,
    app::model::leistung::LeikaZeile,
    LeikaLeistung,
    "/api/v1/leika/{id}",
    "id",
    [i64, Path, description = "Die Zeile der Quelldatei (siehe LeikaLeistung.id)"],
    Schluessel::Zahl,
    "Eine LeiKa-Leistung.",
    "Keine LeiKa-Leistung mit dieser Nummer."
);
einzeln!(
    kommune,
    app::store::kommune::KOMMUNEN,
    app::model::kommune::KommuneZeile,
    Kommune,
    "/api/v1/kommunen/{ags}",
    "ags",
    [String, Path, description = "Amtlicher Gemeindeschlüssel (8 Ziffern)", pattern = r"^[0-9]{8}$"],
    Schluessel::Ags(8),
    "Eine Kommune.",
    "Keine Kommune mit diesem Gemeindeschlüssel."
);
/// One online service with its LeiKa keys and the Kommunen that reported using it.
#[utoipa::path(get, path = "/api/v1/onlinedienste/{id}", tag = "Einzeln", params(("id" = i64, Path, description = "Der Schlüssel")),
    responses((status = 200, description = "Der Eintrag", body = OnlinedienstEinzeln),
        (status = 400, description = "Ungültiger Schlüssel", body = super::fehler::ProblemKoerper, content_type = "application/problem+json"),
        (status = 404, description = "Nicht vorhanden", body = super::fehler::ProblemKoerper, content_type = "application/problem+json")))]
pub async fn onlinedienst(
    State(db): State<Db>,
    pfad: Result<Path<String>, PathRejection>,
    RawQuery(roh): RawQuery,
) -> Result<Response, Problem> {
    let id = zahl(pfad, "id")?;
    ohne_parameter(roh.as_deref())?;
    let fehlt = || Problem::NichtGefunden("Kein Online-Dienst mit dieser Nummer.".into());
    let zeile = facette::eine::<OnlinedienstZeile>(&db, &app::store::loesung::ONLINEDIENSTE, Marke::Zahl(id));
    let (zeile, seite) = futures::try_join!(zeile, app::store::loesung::seite(&db, id))?;
    let (Some(zeile), Some(seite)) = (zeile, seite) else { return Err(fehlt()) };
    let mut zeilen = [zeile];
    dienste_ergaenzen(&db, &mut zeilen).await?;
    let [zeile] = zeilen;
    Ok(Json(OnlinedienstEinzeln::neu(zeile, seite)).into_response())
}
