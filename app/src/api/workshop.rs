//! Server functions of the Workshop-Modus (see [`crate::model::workshop`]).
//!
//! Who may do what: anyone may read a session's public state and join (with the account, as a
//! guest, or as the projector); only participants answer; only the coordination leads
//! (`Recht::WorkshopLeiten`). Guests hold a token cookie that opens nothing but the answers of
//! that session while it is open.

use crate::error::AppError;
use crate::model::workshop::{AntwortEingabe, BeitrittEingabe, Ergebnis, FrageEingabe, Sitzung};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A session by its code, as the caller sees it (404 for an unknown code).
#[server(prefix = "/api", endpoint = "workshop")]
pub async fn workshop_laden(code: String) -> Result<Sitzung, AppError> {
    use ssr::*;
    let (db, s) = sitzung_zu(&code).await?;
    let wer = anfrager();
    let leiten = wer.person.as_ref().is_some_and(|p| p.darf(crate::model::konto::Recht::WorkshopLeiten));
    let ich = teilnahme(&db, &s, false).await?;
    let frage = match s.frage_id {
        Some(f) => crate::store::workshop::frage(&db, s.id, f).await?,
        None => None,
    };
    let meine_antwort = match (&frage, &ich) {
        (Some(f), Some(t)) => crate::store::workshop::meine_antwort(&db, f.id, t.id).await?,
        _ => Vec::new(),
    };
    let leistungen = match s.themenfeld_id {
        Some(tf) if leiten => crate::store::workshop::themenfeld_leistungen(&db, tf).await?,
        _ => Vec::new(),
    };
    let themenfeld = match s.themenfeld_id {
        Some(id) => crate::store::themenfeld::slug_und_name(&db, id).await?,
        None => None,
    };
    Ok(Sitzung {
        code: code_von(&s)?,
        titel: s.titel.clone(),
        veranstaltung_id: s.veranstaltung_id,
        themenfeld,
        leitung: s.leitung.clone(),
        zustand: s.zustand(frage.as_ref().map_or(0, |f| f.stand)),
        frage,
        teilnehmende: crate::store::workshop::teilnehmende(&db, s.id).await?,
        leiten,
        ich: ich.map(|t| (t.name, t.gast)),
        meine_antwort,
        konto: wer.person.is_some(),
        projektor: workshop_cookie().is_some_and(|(c, p)| p && c.as_str() == s.code),
        beschluesse: crate::store::workshop::beschluesse(&db, s.id).await?,
        leistungen,
        protokoll: s.protokoll_id,
    })
}

/// Only the live state of a session (one query): what the workshop bar needs on each page a
/// participant opens, where [`workshop_laden`] would read questions and decisions too.
#[server(prefix = "/api", endpoint = "workshop_zustand")]
pub async fn workshop_zustand(code: String) -> Result<crate::model::workshop::Zustand, AppError> {
    use ssr::*;
    let code = crate::model::workshop::Code::parse(&code)
        .ok_or_else(|| feld("code", "Bitte geben Sie den sechsstelligen Code ein."))?;
    let z = crate::store::workshop::zustand_von(&db()?, &code).await?;
    gefunden(z, "Die Workshop-Sitzung")
}

/// The result of a question of the session (free text not yet approved: the facilitator only).
#[server(prefix = "/api", endpoint = "workshop_ergebnis")]
pub async fn workshop_ergebnis(code: String, frage: i64) -> Result<Ergebnis, AppError> {
    use ssr::*;
    let (db, s) = sitzung_zu(&code).await?;
    let f = gefunden(crate::store::workshop::frage(&db, s.id, frage).await?, "Die Frage")?;
    let leiten = anfrager().person.is_some_and(|p| p.darf(crate::model::konto::Recht::WorkshopLeiten));
    Ok(crate::store::workshop::ergebnis(&db, &f, leiten).await?)
}

/// The result of the session's current question, if one was asked.
#[server(prefix = "/api", endpoint = "workshop_ergebnis_aktuell")]
pub async fn workshop_ergebnis_aktuell(code: String) -> Result<Option<Ergebnis>, AppError> {
    use ssr::*;
    let (db, s) = sitzung_zu(&code).await?;
    let Some(id) = s.frage_id else { return Ok(None) };
    let Some(f) = crate::store::workshop::frage(&db, s.id, id).await? else { return Ok(None) };
    let leiten = anfrager().person.is_some_and(|p| p.darf(crate::model::konto::Recht::WorkshopLeiten));
    Ok(Some(crate::store::workshop::ergebnis(&db, &f, leiten).await?))
}

/// Joins the session: with the account (`als=konto`), as a guest with name and Kommune
/// (`als=gast`), or this screen as the projector (`als=projektor`). Sets the cookies the page
/// frame and the answers read.
#[server(prefix = "/api", endpoint = "workshop_beitreten")]
pub async fn workshop_beitreten(#[server(flatten)] eingabe: BeitrittEingabe) -> Result<String, AppError> {
    use ssr::*;
    let (db, s) = sitzung_zu(&eingabe.code).await?;
    if !s.offen() {
        return Err(AppError::Konflikt("Diese Workshop-Sitzung ist beendet.".into()));
    }
    let code = code_von(&s)?;
    let https = anfrager().https;
    match eingabe.als.as_str() {
        "projektor" => {}
        "konto" => {
            let p = angemeldet()?;
            voll(&db, &s).await?;
            crate::store::workshop::teilnahme_konto(&db, s.id, p.id, &p.name, true).await?;
        }
        _ => {
            let (name, kommune) = eingabe.gast().map_err(AppError::Eingabe)?;
            voll(&db, &s).await?;
            let token = crate::store::konto::token()?;
            crate::store::workshop::gast_beitreten(&db, s.id, &token, &name, &kommune).await?;
            cookie(crate::sitzung::gast_cookie(&token, https));
        }
    }
    cookie(crate::sitzung::workshop_cookie(&code, eingabe.als == "projektor", https));
    Ok(crate::pfad::workshop(&code))
}

/// Leaves the workshop on this browser (the bar disappears; answers given stay counted).
#[server(prefix = "/api", endpoint = "workshop_verlassen")]
pub async fn workshop_verlassen() -> Result<(), AppError> {
    use ssr::*;
    for c in crate::sitzung::workshop_cookies_loeschen(anfrager().https) {
        cookie(c);
    }
    Ok(())
}

/// Answers the current question; answering again replaces the answer.
#[server(prefix = "/api", endpoint = "workshop_antworten")]
pub async fn workshop_antworten(#[server(flatten)] eingabe: AntwortEingabe) -> Result<(), AppError> {
    use ssr::*;
    let (db, s) = sitzung_zu(&eingabe.code).await?;
    let Some(t) = teilnahme(&db, &s, true).await? else {
        // An account knows who it is but has not joined; without an account there is nobody.
        return Err(match anfrager().person {
            Some(_) => AppError::Konflikt("Bitte treten Sie dem Workshop zuerst bei.".into()),
            None => AppError::NichtAngemeldet,
        });
    };
    let frage_id = eingabe.frage.trim().parse::<i64>().map_err(|_| feld("antwort", "Unbekannte Frage."))?;
    let f = gefunden(crate::store::workshop::frage(&db, s.id, frage_id).await?, "Die Frage")?;
    let werte = eingabe.lesen(&f).map_err(AppError::Eingabe)?;
    crate::store::workshop::antworten(&db, f.id, t.id, &werte).await?;
    melden(db, s.id);
    Ok(())
}

/// The facilitator's controls: start from a Themenfeld-Workshop; returns the join code.
#[server(prefix = "/api", endpoint = "workshop_starten")]
pub async fn workshop_starten(veranstaltung: i64) -> Result<String, AppError> {
    use ssr::*;
    let p = pflicht(crate::model::konto::Recht::WorkshopLeiten)?;
    let db = db()?;
    let wer = crate::store::akteur::Akteur::von(&p);
    // A code taken by another session (1 in ~900 million per try) is drawn again.
    for _ in 0..5 {
        let code = neuer_code()?;
        match crate::store::workshop::starten(&db, veranstaltung, &code, &wer).await {
            Ok(c) => {
                cookie(crate::sitzung::workshop_cookie(&c, false, anfrager().https));
                return Ok(c.to_string());
            }
            Err(crate::store::SchreibFehler::Store(crate::store::StoreError::Sql(sqlx::Error::Database(d))))
                if d.is_unique_violation() =>
            {
                continue;
            }
            Err(e) => return Err(e.into()),
        }
    }
    Err(AppError::Intern("Kein freier Code gefunden.".into()))
}

/// What the facilitator shows: a page of this site and perhaps a highlighted element.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnsichtEingabe {
    pub code: String,
    pub ansicht: String,
    #[serde(default)]
    pub markierung: String,
}

#[server(prefix = "/api", endpoint = "workshop_ansicht")]
pub async fn workshop_ansicht(#[server(flatten)] eingabe: AnsichtEingabe) -> Result<(), AppError> {
    use ssr::*;
    let (db, s, wer) = leitung(&eingabe.code).await?;
    let ansicht = crate::model::workshop::ansicht_pruefen(&eingabe.ansicht)
        .ok_or_else(|| feld("ansicht", "Nur Seiten dieses Portals können gezeigt werden."))?;
    let markierung = crate::model::workshop::markierung_pruefen(&eingabe.markierung)
        .ok_or_else(|| feld("markierung", "Ungültige Markierung."))?;
    if ansicht == s.ansicht && markierung == s.markierung {
        return Ok(());
    }
    crate::store::workshop::ansicht_setzen(&db, &s, &ansicht, &markierung, &wer).await?;
    live_wecken();
    Ok(())
}

/// Asks the room a new question (the previous one closes).
#[server(prefix = "/api", endpoint = "workshop_frage")]
pub async fn workshop_frage(#[server(flatten)] eingabe: FrageEingabe) -> Result<i64, AppError> {
    use ssr::*;
    let (db, s, wer) = leitung(&eingabe.code).await?;
    let mut neu = eingabe.lesen().map_err(AppError::Eingabe)?;
    if neu.art == crate::model::workshop::FrageArt::Prioritaet {
        neu.optionen = crate::store::workshop::leistungen_pruefen(&db, s.themenfeld_id, &neu.optionen)
            .await
            .map_err(|e| feld("leistungen", &AppError::from(e).to_string()))?;
    }
    let id = crate::store::workshop::frage_stellen(&db, &s, &neu, &wer).await?;
    live_wecken();
    Ok(id)
}

/// A session's code alone: for the controls that need nothing else.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeEingabe {
    pub code: String,
}

#[server(prefix = "/api", endpoint = "workshop_frage_schliessen")]
pub async fn workshop_frage_schliessen(#[server(flatten)] eingabe: CodeEingabe) -> Result<(), AppError> {
    use ssr::*;
    let (db, s, wer) = leitung(&eingabe.code).await?;
    crate::store::workshop::frage_schliessen(&db, &s, &wer).await?;
    live_wecken();
    Ok(())
}

/// Ends the session: no more answers, guests lose their access; the protocol is filed in the
/// document library (HTML and DOCX) and the Themenfeld's followers hear of it. Returns the
/// protocol's document id.
#[server(prefix = "/api", endpoint = "workshop_beenden")]
pub async fn workshop_beenden(#[server(flatten)] eingabe: CodeEingabe) -> Result<i64, AppError> {
    use ssr::*;
    let (db, s, wer) = leitung(&eingabe.code).await?;
    crate::store::workshop::beenden(&db, &s, &wer).await?;
    let beendet = gefunden(crate::store::workshop::sitzung(&db, &code_von(&s)?).await?, "Die Workshop-Sitzung")?;
    let id = crate::store::workshop::protokoll::ablegen(&db, &beendet, &wer).await?;
    live_wecken();
    Ok(id)
}

/// Shows (or withdraws) a free-text answer to the room. Text fields: a flattened form
/// delivers every value as text (serde cannot read numbers there).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FreigabeEingabe {
    pub code: String,
    pub frage: String,
    pub teilnahme: String,
    pub zeigen: String,
}

#[server(prefix = "/api", endpoint = "workshop_freigeben")]
pub async fn workshop_freigeben(#[server(flatten)] eingabe: FreigabeEingabe) -> Result<(), AppError> {
    use ssr::*;
    let (db, s, wer) = leitung(&eingabe.code).await?;
    let (frage, teilnahme) = (zahl(&eingabe.frage, "frage")?, zahl(&eingabe.teilnahme, "teilnahme")?);
    let zeigen = eingabe.zeigen == "true";
    if !crate::store::workshop::freigeben(&db, &s, frage, teilnahme, zeigen, &wer).await? {
        return Err(AppError::NichtGefunden("Die Antwort wurde nicht gefunden.".into()));
    }
    live_wecken();
    Ok(())
}

/// Takes the voted Priorität of one Leistung into the catalog.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BeschlussEingabe {
    pub code: String,
    pub frage: String,
    pub ozg_id: String,
    pub prioritaet: String,
}

#[server(prefix = "/api", endpoint = "workshop_beschliessen")]
pub async fn workshop_beschliessen(#[server(flatten)] eingabe: BeschlussEingabe) -> Result<(), AppError> {
    use ssr::*;
    let (db, s, wer) = leitung(&eingabe.code).await?;
    let prioritaet = zahl(&eingabe.prioritaet, "prioritaet").ok().filter(|p| (1..=3).contains(p));
    let Some(prioritaet) = prioritaet else {
        return Err(feld("prioritaet", "Die Priorität ist 1, 2 oder 3."));
    };
    let ozg_id = zahl(&eingabe.ozg_id, "ozg_id")?;
    let f = gefunden(crate::store::workshop::frage(&db, s.id, zahl(&eingabe.frage, "frage")?).await?, "Die Frage")?;
    let e = crate::store::workshop::ergebnis(&db, &f, true).await?;
    let zeile = e
        .prioritaeten
        .iter()
        .find(|z| z.ozg_id == ozg_id)
        .ok_or_else(|| feld("ozg_id", "Diese Leistung war nicht Teil der Frage."))?;
    if zeile.stimmen.iter().sum::<i64>() == 0 {
        return Err(feld("ozg_id", "Für diese Leistung gibt es noch keine Stimmen."));
    }
    crate::store::workshop::prioritaet_beschliessen(&db, &s, f.id, zeile, prioritaet, &wer).await?;
    live_wecken();
    Ok(())
}

/// The open session this browser's facilitator leads (the workshop cookie of a screen other than
/// the projector, and the right to lead), with the votes of its current question: a roadmap
/// change made now is that session's decision. None otherwise – the change is an ordinary one.
#[cfg(feature = "ssr")]
pub async fn vermerk_der_leitung(
    db: &crate::store::Db,
    p: &crate::model::konto::Angemeldet,
) -> Result<Option<crate::store::workshop::Vermerk>, AppError> {
    if !p.darf(crate::model::konto::Recht::WorkshopLeiten) {
        return Ok(None);
    }
    match ssr::workshop_cookie() {
        Some((code, false)) => Ok(crate::store::workshop::vermerk(db, &code).await?),
        _ => Ok(None),
    }
}

/// After a decision on the roadmap: the session's screens list it (a notice only; the decision
/// itself is stored with the change).
#[cfg(feature = "ssr")]
pub async fn vermerk_melden(
    db: &crate::store::Db,
    v: Option<&crate::store::workshop::Vermerk>,
    wer: &crate::store::akteur::Akteur,
) {
    let Some(v) = v else { return };
    if let Err(e) = crate::store::workshop::zustand_melden(db, v.sitzung_id, wer).await {
        tracing::warn!(error = %e, "Workshop: Beschluss nicht gemeldet");
    }
}

#[cfg(feature = "ssr")]
mod ssr {
    pub use crate::api::ssr::*;
    use crate::error::{AppError, Feldfehler};
    use crate::model::workshop::Code;
    use crate::store::Db;
    use crate::store::workshop::SitzungZeile;

    /// At most this many people in one session (a guest flood fills no table).
    const MAX_TEILNEHMENDE: i64 = 1000;
    /// Answers of one question within this time make one live event.
    const BUENDEL: std::time::Duration = std::time::Duration::from_millis(100);

    pub fn feld(name: &str, m: &str) -> AppError {
        AppError::Eingabe(vec![Feldfehler::neu(name, m)])
    }

    /// A number of the form, or a message at its field.
    pub fn zahl(wert: &str, name: &str) -> Result<i64, AppError> {
        wert.trim().parse().map_err(|_| feld(name, "Ungültige Angabe."))
    }

    pub async fn sitzung_zu(code: &str) -> Result<(Db, SitzungZeile), AppError> {
        let code = Code::parse(code).ok_or_else(|| feld("code", "Bitte geben Sie den sechsstelligen Code ein."))?;
        let db = db()?;
        let s = crate::store::workshop::sitzung(&db, &code).await?;
        Ok((db, gefunden(s, "Die Workshop-Sitzung")?))
    }

    pub fn code_von(s: &SitzungZeile) -> Result<Code, AppError> {
        Code::parse(&s.code).ok_or(AppError::Datenbank)
    }

    fn cookie_kopf() -> String {
        leptos::prelude::use_context::<http::request::Parts>()
            .map(|p| {
                p.headers
                    .get_all(http::header::COOKIE)
                    .iter()
                    .filter_map(|v| v.to_str().ok())
                    .collect::<Vec<_>>()
                    .join("; ")
            })
            .unwrap_or_default()
    }

    pub fn workshop_cookie() -> Option<(Code, bool)> {
        crate::sitzung::workshop_aus_cookie(&cookie_kopf())
    }

    pub struct Teilnahme {
        pub id: i64,
        pub name: String,
        pub gast: bool,
    }

    /// The caller's participation: by account, else by guest token. A guest's counts only while
    /// the session is open (`schreiben`: for an answer, an account's too).
    pub async fn teilnahme(db: &Db, s: &SitzungZeile, schreiben: bool) -> Result<Option<Teilnahme>, AppError> {
        if schreiben && !s.offen() {
            return Err(AppError::Konflikt("Diese Workshop-Sitzung ist beendet.".into()));
        }
        if let Some(p) = anfrager().person {
            let id = crate::store::workshop::teilnahme_konto(db, s.id, p.id, &p.name, false).await?;
            return Ok(id.map(|id| Teilnahme { id, name: p.name, gast: false }));
        }
        let Some(token) = crate::sitzung::gast_aus_cookie(&cookie_kopf()) else { return Ok(None) };
        if !s.offen() {
            return Ok(None);
        }
        let t = crate::store::workshop::teilnahme_gast(db, s.id, &token).await?;
        Ok(t.map(|(id, name)| Teilnahme { id, name, gast: true }))
    }

    pub async fn voll(db: &Db, s: &SitzungZeile) -> Result<(), AppError> {
        if crate::store::workshop::teilnehmende(db, s.id).await? >= MAX_TEILNEHMENDE {
            return Err(AppError::Konflikt(format!("Die Sitzung hat bereits {MAX_TEILNEHMENDE} Teilnehmende.")));
        }
        Ok(())
    }

    /// The facilitator's session: the right, and the session still open.
    pub async fn leitung(code: &str) -> Result<(Db, SitzungZeile, crate::store::akteur::Akteur), AppError> {
        let p = pflicht(crate::model::konto::Recht::WorkshopLeiten)?;
        let (db, s) = sitzung_zu(code).await?;
        if !s.offen() {
            return Err(AppError::Konflikt("Diese Workshop-Sitzung ist beendet.".into()));
        }
        Ok((db, s, crate::store::akteur::Akteur::von(&p)))
    }

    pub fn neuer_code() -> Result<Code, AppError> {
        let mut b = [0u8; crate::model::workshop::CODE_LAENGE];
        getrandom::fill(&mut b).map_err(|e| AppError::Intern(format!("Zufallsquelle: {e}")))?;
        Ok(Code::aus_zufall(b))
    }

    /// One live event for the answers of the next moment (see [`crate::live::Live::gebuendelt`]).
    /// The room's participants are not named in it.
    pub fn melden(db: Db, sitzung_id: i64) {
        let Some(live) = leptos::prelude::use_context::<crate::live::Live>() else { return };
        live.gebuendelt(format!("workshop-{sitzung_id}"), BUENDEL, move || async move {
            let raum =
                crate::store::akteur::Akteur { id: None, name: "Workshop".into(), oeffentlich: "Workshop".into() };
            if let Err(e) = crate::store::workshop::zustand_melden(&db, sitzung_id, &raum).await {
                tracing::warn!(error = %e, "Workshop: Stand der Antworten nicht gemeldet");
            }
        });
    }
}
