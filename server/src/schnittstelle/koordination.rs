//! What the coordination plans and publishes as lists: Umsetzungsprojekte, Veranstaltungen and
//! Dokumente. They are small (a few hundred rows at most) and filtered in memory with the same
//! facets as their pages (`speicherliste`); the cursor works as on the SQL catalogs.

use super::anfrage::{self, Speicherliste};
use super::fehler::Problem;
use super::katalog::{antwort, ohne_parameter, zahl};
use super::modell::{Dokument, Projekt, Seite, Veranstaltung};
use app::model::text::fold;
use app::store::Db;
use app::store::facette::{Marke, Spaltenart::*, Stelle};
use app::store::speicherliste::{self, Listeneintrag};
use axum::Json;
use axum::extract::rejection::PathRejection;
use axum::extract::{OriginalUri, Path, RawQuery, State};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;

/// Today as the pages count it (UTC date), for a project's status and an event's "kommend".
fn heute() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

fn text(t: &str) -> Option<Marke> {
    Some(Marke::Text(fold(t)))
}

fn datum(d: Option<NaiveDate>) -> Option<Marke> {
    d.map(|d| Marke::Text(d.to_string()))
}

pub static PROJEKTE: Speicherliste = Speicherliste {
    facetten: <app::model::roadmap::Projekt as Listeneintrag>::FACETTEN,
    sortierungen: &[
        ("name", Text),
        ("status", Zahl),
        ("vorbereitung", Text),
        ("konzeption", Text),
        ("umsetzung", Text),
        ("pilotierung", Text),
        ("inbetriebnahme", Text),
        ("rollout", Text),
    ],
};

fn projekt_stelle(sort: Option<&str>) -> impl Fn(&app::model::roadmap::Projekt) -> Stelle {
    use app::model::roadmap::{Phase, Status};
    move |p| Stelle {
        wert: match sort {
            Some("status") => Status::alle().position(|s| s == p.status).map(|i| Marke::Zahl(app::model::anzahl(i))),
            Some(code) => match Phase::aus_code(code) {
                Some(ph) => datum(p.phasen.beginn(ph)),
                None => text(&p.name),
            },
            None => text(&p.name),
        },
        schluessel: Marke::Zahl(p.id),
    }
}

pub static VERANSTALTUNGEN: Speicherliste = Speicherliste {
    facetten: <app::model::veranstaltung::Veranstaltung as Listeneintrag>::FACETTEN,
    sortierungen: &[("titel", Text), ("datum", Text)],
};

fn veranstaltung_stelle(sort: Option<&str>) -> impl Fn(&app::model::veranstaltung::Veranstaltung) -> Stelle {
    move |v| Stelle {
        wert: match sort {
            Some("datum") => datum(Some(v.termin.von())),
            _ => text(&v.titel),
        },
        schluessel: Marke::Zahl(v.id),
    }
}

pub static DOKUMENTE: Speicherliste = Speicherliste {
    facetten: <app::model::dokument::Dokument as Listeneintrag>::FACETTEN,
    sortierungen: &[("titel", Text), ("stand", Text)],
};

fn dokument_stelle(sort: Option<&str>) -> impl Fn(&app::model::dokument::Dokument) -> Stelle {
    move |d| Stelle {
        wert: match sort {
            Some("stand") => datum(d.stand()),
            _ => text(&d.titel),
        },
        schluessel: Marke::Zahl(d.id),
    }
}

/// A list endpoint over one of the small lists.
macro_rules! speicherliste {
    ($name:ident, $liste:ident, $dto:ty, $pfad:literal, $doku:literal, $laden:expr, $kontext:expr, $stelle:path) => {
        #[doc = $doku]
        #[utoipa::path(get, path = $pfad, tag = "Koordination", params(super::ListenParameter),
            responses((status = 200, description = "Eine Seite der Liste", body = Seite<$dto>,
                    headers(("Link" = String, description = "Die nächste Seite (rel=\"next\")"))),
                (status = 400, description = "Ungültiger Parameter", body = super::fehler::ProblemKoerper, content_type = "application/problem+json")))]
        pub async fn $name(
            State(db): State<Db>,
            OriginalUri(uri): OriginalUri,
            RawQuery(roh): RawQuery,
        ) -> Result<Response, Problem> {
            let a = anfrage::lesen(roh.as_deref(), &$liste)?;
            let alle = $laden(&db).await?;
            let r = a.reihenfolge(&$liste);
            let blatt = speicherliste::blaettern(alle, &a.katalog, &$kontext, &r, a.nach.as_ref(), a.limit, $stelle(a.sort_name()))?;
            Ok(antwort::<_, $dto>(blatt, uri.path(), &a))
        }
    };
}

async fn projekte_laden(db: &Db) -> Result<Vec<app::model::roadmap::Projekt>, Problem> {
    Ok(app::store::roadmap::projekte(db, heute()).await?)
}

speicherliste!(
    projekte,
    PROJEKTE,
    Projekt,
    "/api/v1/projekte",
    "Die Umsetzungsprojekte der Roadmap mit ihren sechs Phasen, gefiltert wie auf der Roadmap.",
    projekte_laden,
    (),
    projekt_stelle
);
speicherliste!(
    veranstaltungen,
    VERANSTALTUNGEN,
    Veranstaltung,
    "/api/v1/veranstaltungen",
    "Die Veranstaltungen (ohne Teilnehmende und ohne Online-Zugang), gefiltert wie im Kalender.",
    app::store::veranstaltung::alle,
    heute(),
    veranstaltung_stelle
);
speicherliste!(
    dokumente,
    DOKUMENTE,
    Dokument,
    "/api/v1/dokumente",
    "Die Dokumente der Bibliothek (Metadaten und Adressen der Dateien), gefiltert wie in der Bibliothek.",
    app::store::dokument::alle,
    (),
    dokument_stelle
);

/// A single entry of a small list.
macro_rules! eintrag {
    ($name:ident, $dto:ty, $pfad:literal, $doku:literal, $laden:expr, $fehlt:literal) => {
        #[doc = $doku]
        #[utoipa::path(get, path = $pfad, tag = "Einzeln", params(("id" = i64, Path, description = "Der Schlüssel")),
            responses((status = 200, description = "Der Eintrag", body = $dto),
                (status = 400, description = "Ungültiger Schlüssel", body = super::fehler::ProblemKoerper, content_type = "application/problem+json"),
                (status = 404, description = "Nicht vorhanden", body = super::fehler::ProblemKoerper, content_type = "application/problem+json")))]
        pub async fn $name(
            State(db): State<Db>,
            pfad: Result<Path<String>, PathRejection>,
            RawQuery(roh): RawQuery,
        ) -> Result<Response, Problem> {
            let id = zahl(pfad, "id")?;
            ohne_parameter(roh.as_deref())?;
            match $laden(&db, id).await? {
                Some(x) => Ok(Json(<$dto>::from(x)).into_response()),
                None => Err(Problem::NichtGefunden($fehlt.into())),
            }
        }
    };
}

async fn projekt_laden(db: &Db, id: i64) -> Result<Option<app::model::roadmap::Projekt>, Problem> {
    Ok(app::store::roadmap::projekt(db, id, heute()).await?)
}

eintrag!(
    projekt,
    Projekt,
    "/api/v1/projekte/{id}",
    "Ein Umsetzungsprojekt.",
    projekt_laden,
    "Kein Umsetzungsprojekt mit dieser Nummer."
);
eintrag!(
    veranstaltung,
    Veranstaltung,
    "/api/v1/veranstaltungen/{id}",
    "Eine Veranstaltung.",
    app::store::veranstaltung::eine,
    "Keine Veranstaltung mit dieser Nummer."
);
eintrag!(
    dokument,
    Dokument,
    "/api/v1/dokumente/{id}",
    "Ein Dokument der Bibliothek.",
    app::store::dokument::eines,
    "Kein Dokument mit dieser Nummer."
);
