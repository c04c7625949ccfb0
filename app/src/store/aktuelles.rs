//! Meldungen (Aktuelles) in the database: the list (filtered in memory, [`super::speicherliste`]),
//! one item, its Markdown for the form, and writing by the coordination – versioned, audited,
//! announced on the live bus.

use super::speicherliste::{self, Listeneintrag};
use super::{Db, SchreibFehler, Sql, StoreResult, Tx, akteur::Akteur};
use crate::model::aktuelles::{Meldung, MeldungDaten, Stand};
use crate::model::filter::{KatalogAnfrage, Trefferseite};
use chrono::{Datelike, NaiveDate};

const SPALTEN: &str = "SELECT m.id, m.titel, m.text, m.themenfeld_id, tf.name AS tf_name, tf.slug AS tf_slug, \
    m.veroeffentlicht, m.ablauf, m.geaendert_ms, m.version FROM meldung m LEFT JOIN themenfeld tf ON tf.id = m.themenfeld_id";

#[derive(sqlx::FromRow)]
struct Zeile {
    id: i64,
    titel: String,
    text: String,
    themenfeld_id: Option<i64>,
    tf_name: Option<String>,
    tf_slug: Option<String>,
    veroeffentlicht: NaiveDate,
    ablauf: Option<NaiveDate>,
    geaendert_ms: i64,
    version: i64,
}

impl Zeile {
    fn meldung(self, heute: NaiveDate) -> Meldung {
        let z = self;
        let themenfeld = match (z.themenfeld_id, z.tf_name, z.tf_slug) {
            (Some(id), Some(n), Some(s)) => Some((id, n, s)),
            _ => None,
        };
        let mut m = Meldung {
            id: z.id,
            titel: z.titel,
            html: crate::markdown::html(&z.text),
            themenfeld,
            veroeffentlicht: z.veroeffentlicht,
            ablauf: z.ablauf,
            geaendert_ms: z.geaendert_ms,
            version: z.version,
            stand: Stand::Aktuell,
        };
        m.stand = m.stand_am(heute);
        m
    }
}

/// Every Meldung, newest first, with its [`Stand`] on `heute`.
pub async fn alle(db: &Db, heute: NaiveDate) -> StoreResult<Vec<Meldung>> {
    let mut s = Sql::new(SPALTEN);
    s.push(" ORDER BY m.veroeffentlicht DESC, m.id DESC");
    Ok(db.alle::<Zeile>(&s).await?.into_iter().map(|z| z.meldung(heute)).collect())
}

/// The current ones (published, not expired), newest first – what the public lists and feeds show.
pub async fn aktuelle(db: &Db, heute: NaiveDate) -> StoreResult<Vec<Meldung>> {
    let mut s = Sql::new(SPALTEN);
    s.push(" WHERE m.veroeffentlicht <= ")
        .bind(Some(heute))
        .push(" AND (m.ablauf IS NULL OR m.ablauf >= ")
        .bind(Some(heute))
        .push(") ORDER BY m.veroeffentlicht DESC, m.id DESC");
    Ok(db.alle::<Zeile>(&s).await?.into_iter().map(|z| z.meldung(heute)).collect())
}

pub async fn eine(db: &Db, id: i64, heute: NaiveDate) -> StoreResult<Option<Meldung>> {
    let mut s = Sql::new(SPALTEN);
    s.push(" WHERE m.id = ").bind(id);
    Ok(db.eine::<Zeile>(&s).await?.map(|z| z.meldung(heute)))
}

/// The Markdown as typed (for the edit form).
pub async fn markdown(db: &Db, id: i64) -> StoreResult<Option<String>> {
    let mut s = Sql::new("SELECT text FROM meldung WHERE id = ");
    s.bind(id);
    db.text(&s).await
}

impl Listeneintrag for Meldung {
    const FACETTEN: &'static [(&'static str, &'static str)] =
        &[("tf", "Themenfeld"), ("jahr", "Jahr"), ("stand", "Stand")];
    type Kontext = NaiveDate;

    fn werte(&self, facette: &str, heute: &NaiveDate) -> Vec<(String, String)> {
        match facette {
            "tf" => match &self.themenfeld {
                Some((id, name, _)) => vec![(id.to_string(), name.clone())],
                None => vec![("allgemein".into(), "Allgemein (themenübergreifend)".into())],
            },
            "jahr" => {
                let j = self.veroeffentlicht.year().to_string();
                vec![(j.clone(), j)]
            }
            "stand" => {
                let s = self.stand_am(*heute);
                vec![(s.code().into(), s.label().into())]
            }
            _ => vec![],
        }
    }

    fn suchtext(&self) -> String {
        // The visible text: the HTML without its tags (entities stay, which folding ignores).
        let mut sichtbar = String::with_capacity(self.html.len());
        let mut in_tag = false;
        for c in self.html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => {
                    in_tag = false;
                    sichtbar.push(' ');
                }
                c if !in_tag => sichtbar.push(c),
                _ => {}
            }
        }
        format!("{} {} {sichtbar}", self.titel, self.bereich())
    }
}

/// The page of the query, newest first (`sort=titel` by title). Without `mit_stand` (the public)
/// only current items and no "Stand" facet.
pub fn filtern(alle: Vec<Meldung>, a: &KatalogAnfrage, heute: NaiveDate, mit_stand: bool) -> Trefferseite<Meldung> {
    let alle: Vec<Meldung> =
        if mit_stand { alle } else { alle.into_iter().filter(|m| m.stand == Stand::Aktuell).collect() };
    let mut seite = speicherliste::filtern(alle, a, &heute, |m| match a.sort.as_deref() {
        Some("titel") => m.sort_by_key(|x| crate::model::text::fold(&x.titel)),
        _ => m.sort_by_key(|x| (std::cmp::Reverse(x.veroeffentlicht), std::cmp::Reverse(x.id))),
    });
    seite.facetten.retain(|f| mit_stand || f.schluessel != "stand");
    for f in seite.facetten.iter_mut().filter(|f| f.schluessel == "jahr") {
        f.werte.reverse();
    }
    seite
}

/// Checks that a chosen Themenfeld exists.
pub async fn bezuege_pruefen(db: &Db, d: &MeldungDaten) -> StoreResult<Vec<(&'static str, String)>> {
    let Some(tf) = d.themenfeld_id else { return Ok(vec![]) };
    let mut s = Sql::new("SELECT COUNT(*) FROM themenfeld WHERE id = ");
    s.bind(tf);
    Ok(if db.zahl(&s).await? == 0 { vec![("themenfeld", "Unbekanntes Themenfeld gewählt.".into())] } else { vec![] })
}

fn werte(d: &MeldungDaten) -> Vec<(&'static str, super::Arg)> {
    vec![
        ("titel", d.titel.clone().into()),
        ("text", d.text.clone().into()),
        ("themenfeld_id", d.themenfeld_id.into()),
        ("veroeffentlicht", Some(d.veroeffentlicht).into()),
        ("ablauf", d.ablauf.into()),
        ("geaendert_ms", super::jetzt_ms().into()),
    ]
}

fn aenderung(a: &mut super::protokoll::Aenderung, alt: Option<(&Meldung, &str)>, d: &MeldungDaten) {
    let tag = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    let m = alt.map(|(m, _)| m);
    a.feld("titel", m.map(|m| m.titel.clone()), Some(d.titel.clone()));
    a.feld("text", alt.map(|(_, t)| t.to_string()), Some(d.text.clone()));
    a.feld(
        "themenfeld",
        m.and_then(|m| m.themenfeld.as_ref().map(|t| t.0.to_string())),
        d.themenfeld_id.map(|t| t.to_string()),
    );
    a.feld("veroeffentlicht", m.map(|m| tag(m.veroeffentlicht)), Some(tag(d.veroeffentlicht)));
    a.feld("ablauf", m.and_then(|m| m.ablauf.map(tag)), d.ablauf.map(tag));
}

async fn ankuendigen(tx: &mut Tx, id: i64, wer: &Akteur) -> Result<(), SchreibFehler> {
    super::ereignis::schreiben(tx, crate::model::live::MELDUNG, &id.to_string(), "{}", wer).await?;
    Ok(())
}

/// Writes a new Meldung (the caller checked [`bezuege_pruefen`]); returns its id.
pub async fn anlegen(db: &Db, d: &MeldungDaten, wer: &Akteur) -> Result<i64, SchreibFehler> {
    let mut tx = db.beginnen().await?;
    let mut s = Sql::new("INSERT INTO meldung (quelle, erstellt_ms");
    let w = werte(d);
    for (spalte, _) in &w {
        s.push(", ").push(spalte);
    }
    s.push(") VALUES (").bind(format!("geschrieben von {}", wer.oeffentlich)).push(", ").bind(super::jetzt_ms());
    for (_, wert) in w {
        s.push(", ").bind(wert);
    }
    s.push(") RETURNING id");
    let id = tx.zahl(&s).await?;
    let mut a = super::protokoll::Aenderung::neu("meldung", id, &d.titel);
    aenderung(&mut a, None, d);
    a.schreiben(&mut tx, wer).await?;
    ankuendigen(&mut tx, id, wer).await?;
    super::infoverteiler::mitteilen(&mut tx, &mitteilung(id, d), wer).await?;
    tx.commit().await?;
    Ok(id)
}

/// The Infoverteiler's notice of a new item: for those who follow the news or its Themenfeld,
/// visible (and mailed) from its first day on.
fn mitteilung(id: i64, d: &MeldungDaten) -> crate::model::infoverteiler::MitteilungNeu {
    use crate::model::infoverteiler::AboArt;
    let mut bezuege = vec![(AboArt::Aktuelles, String::new())];
    bezuege.extend(d.themenfeld_id.map(|tf| (AboArt::Themenfeld, tf.to_string())));
    let erster_tag = d.veroeffentlicht.and_hms_opt(0, 0, 0).map(|t| t.and_utc().timestamp_millis()).unwrap_or(0);
    crate::model::infoverteiler::MitteilungNeu {
        art: "meldung",
        titel: d.titel.clone(),
        pfad: crate::pfad::meldung(id),
        auszug: d.text.clone(),
        zeit_ms: super::jetzt_ms().max(erster_tag),
        bezuege,
    }
}

/// Saves a Meldung based on the version the form showed (else 409 naming who saved first);
/// returns the new version.
pub async fn speichern(db: &Db, id: i64, version: i64, d: &MeldungDaten, wer: &Akteur) -> Result<i64, SchreibFehler> {
    let mut tx = db.beginnen().await?;
    let mut sperre = Sql::new("UPDATE meldung SET version = version WHERE id = ");
    sperre.bind(id);
    let weg = || SchreibFehler::NichtGefunden("Die Meldung".into());
    if tx.ausfuehren(&sperre).await? != 1 {
        return Err(weg());
    }
    let mut s = Sql::new(SPALTEN);
    s.push(" WHERE m.id = ").bind(id);
    let zeile = tx.eine::<Zeile>(&s).await?.ok_or_else(weg)?;
    let text_alt = zeile.text.clone();
    let alt = zeile.meldung(chrono::Utc::now().date_naive());
    if alt.version != version {
        drop(tx);
        let was = format!("Die Meldung „{}“", alt.titel);
        return Err(SchreibFehler::Konflikt(
            super::protokoll::konflikt_meldung(db, "meldung", &id.to_string(), &was).await,
        ));
    }
    let mut a = super::protokoll::Aenderung::neu("meldung", id, &d.titel);
    aenderung(&mut a, Some((&alt, &text_alt)), d);
    if a.ist_leer() {
        return Ok(version);
    }
    let mut u = Sql::new("UPDATE meldung SET version = version + 1");
    for (spalte, wert) in werte(d) {
        u.push(", ").push(spalte).push(" = ").bind(wert);
    }
    u.push(" WHERE id = ").bind(id);
    tx.ausfuehren(&u).await?;
    a.schreiben(&mut tx, wer).await?;
    ankuendigen(&mut tx, id, wer).await?;
    tx.commit().await?;
    Ok(version + 1)
}
