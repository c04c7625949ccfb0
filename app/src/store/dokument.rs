//! The document library in the database: documents with their files' metadata and what they
//! belong to, writing by the coordination (versioned, audited), new files by Stand, and a file's
//! content for the download. Contents are read only for the download, never with the lists.

use super::speicherliste::{self, Listeneintrag};
use super::{Db, SchreibFehler, Sql, StoreResult, Tx, akteur::Akteur};
use crate::model::dokument::eingabe::{DokumentDaten, FassungDaten};
use crate::model::dokument::{Art, Bezug, BezugArt, Dokument, Fassung, Format};
use crate::model::filter::{KatalogAnfrage, Trefferseite};
use chrono::NaiveDate;
use sha2::{Digest, Sha256};
use std::collections::HashMap;

#[derive(sqlx::FromRow)]
struct DokZeile {
    id: i64,
    titel: String,
    art: String,
    beschreibung: Option<String>,
    quelle: String,
    lizenz: Option<String>,
    link: Option<String>,
    alt_text: Option<String>,
    geaendert_ms: i64,
    version: i64,
}

#[derive(sqlx::FromRow)]
struct FassungZeile {
    id: i64,
    dokument_id: i64,
    stand: NaiveDate,
    dateiname: String,
    mime: String,
    groesse: i64,
    hochgeladen_ms: i64,
}

#[derive(sqlx::FromRow)]
struct BezugZeile {
    dokument_id: i64,
    art: String,
    schluessel: String,
    name: Option<String>,
    slug: Option<String>,
}

const FASSUNGEN: &str = "SELECT id, dokument_id, stand, dateiname, mime, groesse, hochgeladen_ms FROM dokument_fassung";
const BEZUEGE: &str = "SELECT b.dokument_id, b.art, b.schluessel, COALESCE(l.name, t.name, p.name, v.titel, lb.titel) AS name, \
    COALESCE(t.slug, lt.slug) AS slug \
    FROM dokument_bezug b \
    LEFT JOIN leistung l ON b.art = 'leistung' AND CAST(l.ozg_id AS TEXT) = b.schluessel \
    LEFT JOIN themenfeld t ON b.art = 'themenfeld' AND CAST(t.id AS TEXT) = b.schluessel \
    LEFT JOIN projekt p ON b.art = 'projekt' AND CAST(p.id AS TEXT) = b.schluessel \
    LEFT JOIN veranstaltung v ON b.art = 'veranstaltung' AND CAST(v.id AS TEXT) = b.schluessel \
    LEFT JOIN labor lb ON b.art = 'labor' AND CAST(lb.id AS TEXT) = b.schluessel \
    LEFT JOIN themenfeld lt ON lt.id = lb.themenfeld_id";

fn bezug(z: BezugZeile) -> Option<(i64, Bezug)> {
    let art = BezugArt::aus_code(&z.art)?;
    let pfad = match art {
        BezugArt::Leistung => crate::pfad::leistung(&z.schluessel),
        BezugArt::Themenfeld => crate::pfad::themenfeld(z.slug.as_deref().unwrap_or_default()),
        BezugArt::Projekt => crate::pfad::projekt(&z.schluessel),
        BezugArt::Veranstaltung => crate::pfad::veranstaltung(&z.schluessel),
        BezugArt::Labor => {
            format!("{}#labor-{}", crate::pfad::themenfeld(z.slug.as_deref().unwrap_or_default()), z.schluessel)
        }
    };
    let name = z.name.unwrap_or_else(|| format!("{} {}", art.label(), z.schluessel));
    Some((z.dokument_id, Bezug { art, schluessel: z.schluessel, name, pfad }))
}

/// `basis` (fassungen or links) restricted to the documents of `wo`: the clause's placeholders
/// keep their numbers, since nothing is bound before it.
fn nur(basis: &str, spalte: &str, wo: &Sql, danach: &str) -> Sql {
    Sql {
        text: format!("{basis} WHERE {spalte} IN (SELECT d.id FROM dokument d {}){danach}", wo.text),
        args: wo.args.clone(),
    }
}

/// Documents of `wo` (a WHERE clause on `d`, or empty) with their files and links.
async fn lesen(db: &Db, wo: Sql) -> StoreResult<Vec<Dokument>> {
    let mut fassungen: HashMap<i64, Vec<Fassung>> = HashMap::new();
    let f = nur(FASSUNGEN, "dokument_id", &wo, " ORDER BY stand DESC, id DESC");
    for z in db.alle::<FassungZeile>(&f).await? {
        let Some(format) = Format::aus_mime(&z.mime) else { continue };
        fassungen.entry(z.dokument_id).or_default().push(Fassung {
            id: z.id,
            stand: z.stand,
            dateiname: z.dateiname,
            format,
            groesse: z.groesse,
            hochgeladen_ms: z.hochgeladen_ms,
        });
    }
    let mut bezuege: HashMap<i64, Vec<Bezug>> = HashMap::new();
    let b = nur(BEZUEGE, "b.dokument_id", &wo, "");
    for (id, b) in db.alle::<BezugZeile>(&b).await?.into_iter().filter_map(bezug) {
        bezuege.entry(id).or_default().push(b);
    }
    let mut s = Sql::new(
        "SELECT id, titel, art, beschreibung, quelle, lizenz, link, alt_text, geaendert_ms, version FROM dokument d ",
    );
    s.text.push_str(&wo.text);
    s.args.extend(wo.args);
    s.push(" ORDER BY d.titel, d.id");
    let zeilen: Vec<DokZeile> = db.alle(&s).await?;
    Ok(zeilen
        .into_iter()
        .filter_map(|z| {
            Some(Dokument {
                art: Art::aus_code(&z.art)?,
                fassungen: fassungen.remove(&z.id).unwrap_or_default(),
                bezuege: bezuege.remove(&z.id).unwrap_or_default(),
                id: z.id,
                titel: z.titel,
                beschreibung: z.beschreibung,
                quelle: z.quelle,
                lizenz: z.lizenz,
                link: z.link,
                alt_text: z.alt_text,
                geaendert_ms: z.geaendert_ms,
                version: z.version,
            })
        })
        .collect())
}

pub async fn alle(db: &Db) -> StoreResult<Vec<Dokument>> {
    lesen(db, Sql::new("")).await
}

pub async fn eines(db: &Db, id: i64) -> StoreResult<Option<Dokument>> {
    let mut wo = Sql::new("WHERE d.id = ");
    wo.bind(id);
    Ok(lesen(db, wo).await?.into_iter().next())
}

/// The documents that belong to one Leistung, Themenfeld, project, event or lab; a Themenfeld's
/// include those of its labs (their pictures are the field's gallery).
pub async fn zu(db: &Db, art: BezugArt, schluessel: &str) -> StoreResult<Vec<Dokument>> {
    let mut wo = Sql::new("WHERE d.id IN (SELECT dokument_id FROM dokument_bezug WHERE art = ");
    wo.bind(art.code()).push(" AND schluessel = ").bind(schluessel.to_string());
    if art == BezugArt::Themenfeld
        && let Ok(tf) = schluessel.parse::<i64>()
    {
        wo.push(" OR art = 'labor' AND schluessel IN (SELECT CAST(id AS TEXT) FROM labor WHERE themenfeld_id = ");
        wo.bind(tf).push(")");
    }
    wo.push(")");
    lesen(db, wo).await
}

#[derive(sqlx::FromRow)]
struct Datei {
    dateiname: String,
    mime: String,
    inhalt: Vec<u8>,
}

/// A file for the download: name, format and content.
pub async fn datei(db: &Db, fassung: i64) -> StoreResult<Option<(String, Format, Vec<u8>)>> {
    let mut s = Sql::new("SELECT dateiname, mime, inhalt FROM dokument_fassung WHERE id = ");
    s.bind(fassung);
    Ok(db.eine::<Datei>(&s).await?.and_then(|d| Some((d.dateiname, Format::aus_mime(&d.mime)?, d.inhalt))))
}

impl Listeneintrag for Dokument {
    const FACETTEN: &'static [(&'static str, &'static str)] =
        &[("art", "Art"), ("tf", "Themenfeld"), ("bezug", "Gehört zu"), ("format", "Format")];
    type Kontext = ();

    fn werte(&self, facette: &str, _: &()) -> Vec<(String, String)> {
        match facette {
            "art" => vec![(self.art.code().into(), self.art.label().into())],
            "tf" => self
                .bezuege
                .iter()
                .filter(|b| b.art == BezugArt::Themenfeld)
                .map(|b| (b.schluessel.clone(), b.name.clone()))
                .collect(),
            "bezug" => {
                let mut arten: Vec<BezugArt> = self.bezuege.iter().map(|b| b.art).collect();
                arten.dedup();
                arten.into_iter().map(|a| (a.code().into(), a.label().into())).collect()
            }
            "format" => match self.fassungen.first() {
                Some(f) => vec![(f.format.mime().into(), f.format.label().into())],
                None if self.link.is_some() => vec![("link".into(), "Link".into())],
                None => vec![],
            },
            _ => vec![],
        }
    }

    fn suchtext(&self) -> String {
        let bezuege: Vec<&str> = self.bezuege.iter().map(|b| b.name.as_str()).collect();
        let ids: Vec<&str> = self.bezuege.iter().map(|b| b.schluessel.as_str()).collect();
        format!(
            "{} {} {} {} {} {}",
            self.titel,
            self.art.label(),
            self.beschreibung.as_deref().unwrap_or(""),
            self.quelle,
            bezuege.join(" "),
            ids.join(" ")
        )
    }
}

/// The page of the query: by title (`sort=stand`: newest Stand first).
pub fn filtern(alle: Vec<Dokument>, a: &KatalogAnfrage) -> Trefferseite<Dokument> {
    speicherliste::filtern(alle, a, &(), |d| match a.sort.as_deref() {
        Some("stand") => d.sort_by_key(|x| std::cmp::Reverse(x.stand())),
        _ => d.sort_by_key(|x| crate::model::text::fold(&x.titel)),
    })
}

/// The labs to choose from: (id, "title (Themenfeld)").
pub async fn labore(db: &Db) -> StoreResult<Vec<(i64, String)>> {
    #[derive(sqlx::FromRow)]
    struct Z {
        id: i64,
        titel: String,
        themenfeld: String,
    }
    let s = Sql::new(
        "SELECT lb.id, lb.titel, t.name AS themenfeld FROM labor lb JOIN themenfeld t ON t.id = lb.themenfeld_id \
         ORDER BY t.name, lb.titel",
    );
    Ok(db.alle::<Z>(&s).await?.into_iter().map(|z| (z.id, format!("{} ({})", z.titel, z.themenfeld))).collect())
}

/// Checks that every linked Leistung, Themenfeld, project and event exists.
pub async fn bezuege_pruefen(db: &Db, d: &DokumentDaten) -> StoreResult<Vec<(&'static str, String)>> {
    let mut fehler = vec![];
    for (art, schluessel) in &d.bezuege {
        let (tabelle, spalte, feld) = match art {
            BezugArt::Leistung => ("leistung", "ozg_id", "leistungen"),
            BezugArt::Themenfeld => ("themenfeld", "id", "themenfeld"),
            BezugArt::Projekt => ("projekt", "id", "projekt"),
            BezugArt::Veranstaltung => ("veranstaltung", "id", "veranstaltung"),
            BezugArt::Labor => ("labor", "id", "labor"),
        };
        let Ok(nummer) = schluessel.parse::<i64>() else { continue };
        let mut s = Sql::new(&format!("SELECT COUNT(*) FROM {tabelle} WHERE {spalte} = "));
        s.bind(nummer);
        if db.zahl(&s).await? == 0 {
            fehler.push((feld, format!("{} {schluessel} gibt es nicht.", art.label())));
        }
    }
    Ok(fehler)
}

fn bezuege_text(b: &[(BezugArt, String)]) -> Option<String> {
    let t: Vec<String> = b.iter().map(|(a, s)| format!("{}:{s}", a.code())).collect();
    (!t.is_empty()).then(|| t.join(", "))
}

fn aenderung(a: &mut super::protokoll::Aenderung, alt: Option<&Dokument>, d: &DokumentDaten) {
    a.feld("titel", alt.map(|x| x.titel.clone()), Some(d.titel.clone()));
    a.feld("art", alt.map(|x| x.art.code().to_string()), Some(d.art.code().into()));
    a.feld("beschreibung", alt.and_then(|x| x.beschreibung.clone()), d.beschreibung.clone());
    a.feld("quelle", alt.map(|x| x.quelle.clone()), Some(d.quelle.clone()));
    a.feld("lizenz", alt.and_then(|x| x.lizenz.clone()), d.lizenz.clone());
    a.feld("link", alt.and_then(|x| x.link.clone()), d.link.clone());
    a.feld("alt_text", alt.and_then(|x| x.alt_text.clone()), d.alt_text.clone());
    let alte: Option<Vec<(BezugArt, String)>> =
        alt.map(|x| x.bezuege.iter().map(|b| (b.art, b.schluessel.clone())).collect());
    a.feld("bezuege", alte.and_then(|b| bezuege_text(&b)), bezuege_text(&d.bezuege));
}

fn werte(d: &DokumentDaten) -> Vec<(&'static str, super::Arg)> {
    vec![
        ("titel", d.titel.clone().into()),
        ("art", d.art.code().into()),
        ("beschreibung", d.beschreibung.clone().into()),
        ("quelle", d.quelle.clone().into()),
        ("lizenz", d.lizenz.clone().into()),
        ("link", d.link.clone().into()),
        ("alt_text", d.alt_text.clone().into()),
        ("geaendert_ms", super::jetzt_ms().into()),
    ]
}

async fn bezuege_schreiben(tx: &mut Tx, id: i64, b: &[(BezugArt, String)]) -> StoreResult<()> {
    let mut weg = Sql::new("DELETE FROM dokument_bezug WHERE dokument_id = ");
    weg.bind(id);
    tx.ausfuehren(&weg).await?;
    if b.is_empty() {
        return Ok(());
    }
    let zeilen = b.iter().map(|(a, s)| vec![id.into(), a.code().into(), s.clone().into()]).collect();
    tx.ausfuehren(&Sql::insert_rows("INSERT INTO dokument_bezug (dokument_id, art, schluessel)", zeilen, "")).await?;
    Ok(())
}

/// Creates a document (the caller checked [`bezuege_pruefen`]); returns its id.
pub async fn anlegen(db: &Db, d: &DokumentDaten, wer: &Akteur) -> Result<i64, SchreibFehler> {
    let mut tx = db.beginnen().await?;
    let w = werte(d);
    let mut s = Sql::new("INSERT INTO dokument (");
    s.push(&w.iter().map(|(k, _)| *k).collect::<Vec<_>>().join(", ")).push(") VALUES (");
    s.bind_list(w.into_iter().map(|(_, v)| v)).push(") RETURNING id");
    let id = tx.zahl(&s).await?;
    bezuege_schreiben(&mut tx, id, &d.bezuege).await?;
    let mut a = super::protokoll::Aenderung::neu("dokument", id, &d.titel);
    aenderung(&mut a, None, d);
    a.schreiben(&mut tx, wer).await?;
    super::ereignis::schreiben(&mut tx, crate::model::live::DOKUMENT, &id.to_string(), "{}", wer).await?;
    tx.commit().await?;
    Ok(id)
}

/// Locks the document's row for the transaction and raises its version; false if it is gone.
async fn sperren(tx: &mut Tx, id: i64) -> StoreResult<bool> {
    let mut s = Sql::new("UPDATE dokument SET version = version + 1 WHERE id = ");
    s.bind(id);
    Ok(tx.ausfuehren(&s).await? == 1)
}

/// Saves a document based on the version the form showed (else 409 naming who saved first).
pub async fn speichern(db: &Db, id: i64, version: i64, d: &DokumentDaten, wer: &Akteur) -> Result<i64, SchreibFehler> {
    let alt = eines(db, id).await?.ok_or_else(|| SchreibFehler::NichtGefunden("Das Dokument".into()))?;
    let mut tx = db.beginnen().await?;
    let mut pruefen = Sql::new("UPDATE dokument SET version = version + 1 WHERE id = ");
    pruefen.bind(id).push(" AND version = ").bind(version);
    if tx.ausfuehren(&pruefen).await? != 1 {
        drop(tx);
        let was = format!("Das Dokument „{}“", alt.titel);
        return Err(SchreibFehler::Konflikt(
            super::protokoll::konflikt_meldung(db, "dokument", &id.to_string(), &was).await,
        ));
    }
    let mut u = Sql::new("UPDATE dokument SET ");
    for (i, (spalte, wert)) in werte(d).into_iter().enumerate() {
        u.push(if i == 0 { "" } else { ", " }).push(spalte).push(" = ").bind(wert);
    }
    u.push(" WHERE id = ").bind(id);
    tx.ausfuehren(&u).await?;
    bezuege_schreiben(&mut tx, id, &d.bezuege).await?;
    let mut a = super::protokoll::Aenderung::neu("dokument", id, &d.titel);
    aenderung(&mut a, Some(&alt), d);
    a.schreiben(&mut tx, wer).await?;
    super::ereignis::schreiben(&mut tx, crate::model::live::DOKUMENT, &id.to_string(), "{}", wer).await?;
    tx.commit().await?;
    Ok(version + 1)
}

/// Adds a file as a new Fassung; the earlier ones stay. The same content twice is refused.
pub async fn fassung_hinzufuegen(db: &Db, id: i64, f: &FassungDaten, wer: &Akteur) -> Result<i64, SchreibFehler> {
    let dok = eines(db, id).await?.ok_or_else(|| SchreibFehler::NichtGefunden("Das Dokument".into()))?;
    if dok.art.nur_link() {
        return Err(SchreibFehler::Abgelehnt(format!("„{}“ ist ein Link; Dateien gehören zu Dokumenten.", dok.titel)));
    }
    if dok.art.nur_bild() && !f.format.ist_bild() {
        return Err(SchreibFehler::Abgelehnt(format!(
            "„{}“ ist eine Impression: bitte ein Bild (PNG oder JPEG).",
            dok.titel
        )));
    }
    let hash: String = Sha256::digest(&f.inhalt).iter().map(|x| format!("{x:02x}")).collect();
    let mut tx = db.beginnen().await?;
    if !sperren(&mut tx, id).await? {
        return Err(SchreibFehler::NichtGefunden("Das Dokument".into()));
    }
    let mut gleich = Sql::new("SELECT stand FROM dokument_fassung WHERE dokument_id = ");
    gleich.bind(id).push(" AND sha256 = ").bind(hash.clone());
    if let Some(s) = tx.eine::<Stand>(&gleich).await? {
        let stand = s.stand.format("%d.%m.%Y");
        return Err(SchreibFehler::Abgelehnt(format!(
            "Diese Datei ist bereits als Fassung mit Stand {stand} gespeichert."
        )));
    }
    let mut s = Sql::new(
        "INSERT INTO dokument_fassung (dokument_id, stand, dateiname, mime, groesse, sha256, inhalt, hochgeladen_ms) VALUES (",
    );
    s.bind_list::<super::Arg>([
        id.into(),
        Some(f.stand).into(),
        f.dateiname.clone().into(),
        f.format.mime().into(),
        crate::model::anzahl(f.inhalt.len()).into(),
        hash.into(),
        f.inhalt.clone().into(),
        super::jetzt_ms().into(),
    ]);
    s.push(") RETURNING id");
    let fassung = tx.zahl(&s).await?;
    let mut a = super::protokoll::Aenderung::neu("dokument", id, &dok.titel);
    let neu = format!("{} ({}, Stand {})", f.dateiname, f.format.label(), f.stand.format("%d.%m.%Y"));
    a.feld("fassung", None, Some(neu));
    a.schreiben(&mut tx, wer).await?;
    super::ereignis::schreiben(&mut tx, crate::model::live::DOKUMENT, &id.to_string(), "{}", wer).await?;
    tx.commit().await?;
    Ok(fassung)
}

#[derive(sqlx::FromRow)]
struct Stand {
    stand: NaiveDate,
}
