//! The NRW-Karte's numbers (see [`crate::model::karte`] for the rules): one value set per
//! Gemeinde read in a few queries, and the map for one view put together from it and the
//! shapes of [`geometrie`].

pub mod export;
pub mod geometrie;
mod zeichnen;

pub use zeichnen::zusammenstellen;

use super::abfragespeicher::{Abfragespeicher, GelesenVorDemRendern};
use super::{Db, Sql, StoreError, StoreResult};
use crate::model::karte::{Karte, KartenAnfrage};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The values of one Gemeinde.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct GemeindeWert {
    pub ags: String,
    pub name: String,
    pub kreis_ags: String,
    pub groessenklasse: String,
    pub einwohner: i64,
    #[sqlx(skip)]
    pub relevant: i64,
    /// Relevant OZG-Leistungen with an online service in operation here.
    #[sqlx(skip)]
    pub abgedeckt: i64,
    /// Online services the Gemeinde reports in operation (Land-wide ones not counted).
    #[sqlx(skip)]
    pub dienste: i64,
    #[sqlx(skip)]
    pub lieferung_ms: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct KreisWert {
    pub ags: String,
    pub name: String,
    pub typ: String,
    pub regierungsbezirk: String,
    #[sqlx(skip)]
    pub dienstleister: Vec<String>,
    /// Distinct online services that Gemeinden of the Kreis report in operation.
    #[sqlx(skip)]
    pub dienste: i64,
}

impl KreisWert {
    pub fn kreisfrei(&self) -> bool {
        self.typ.to_lowercase().starts_with("kreisfrei")
    }
}

/// Everything the map needs, for one data generation and day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Grundlage {
    pub gemeinden: Vec<GemeindeWert>,
    pub kreise: Vec<KreisWert>,
    /// Relevant OZG-Leistungen per Größenklasse (code), as in the Kommune view.
    pub relevant: BTreeMap<String, i64>,
    pub landesweit: i64,
    pub heute: NaiveDate,
    /// How far the Zuständigkeit je Größenklasse is kept.
    pub zustaendigkeit: crate::model::zustaendigkeit::Pflegestand,
}

/// OZG-Leistungen (`ozg_id`) covered by a Land-wide live service: online for every Kommune
/// (the Kommune view counts them the same way).
pub(crate) const LANDESWEIT: &str = "SELECT DISTINCT k.ozg_id FROM onlinedienst o JOIN onlinedienst_leika ol ON ol.onlinedienst_id = o.id \
    JOIN leika k ON k.schluessel = ol.schluessel WHERE o.reichweite = 'land' AND o.status = 'live' AND k.ozg_id IS NOT NULL";
const DIENSTLEISTER: &str = "SELECT DISTINCT gk.kreis_ags, d.name FROM dienstleister_gebiet_kreis gk \
    JOIN dienstleister_gebiet g ON g.id = gk.gebiet_id JOIN dienstleister d ON d.id = g.dienstleister_id ORDER BY d.name";

/// Per Gemeinde: OZG-Leistungen relevant for its Größenklasse covered by its own services in
/// operation on `heute` that no Land-wide service covers already (those count for everyone).
/// Counted by the database: with many reported uses, loading them all was the map's slowest
/// step. The services' Leistungen (`d`, about a thousand rows, with the Größenklassen that have
/// to offer them) are joined to the uses read in index order; `CROSS JOIN` keeps SQLite from
/// looping over `d` and searching the uses per service (95 ms instead of 520 ms on 200,000
/// uses); PostgreSQL plans it as the inner join it is. `d.alle` spares the Größenklasse's
/// `LIKE` where all five are responsible (the general rule): on 200,000 uses 105 instead of
/// 170 ms (SQLite), 280–350 ms (PostgreSQL; before the Größenklassen 440–590 ms).
fn abgedeckt(heute: NaiveDate) -> Sql {
    let alle = crate::model::zustaendigkeit::speicherform(&crate::model::kommune::Groessenklasse::ALLE);
    let mut q = Sql::new(&format!(
        "SELECT m.kommune_ags, COUNT(DISTINCT d.ozg_id) FROM onlinedienst_kommune m \
         CROSS JOIN (SELECT DISTINCT ol.onlinedienst_id, k.ozg_id, r.klassen, \
                 CASE WHEN r.klassen = '{alle}' THEN 1 ELSE 0 END AS alle FROM onlinedienst_leika ol \
               JOIN leika k ON k.schluessel = ol.schluessel \
               JOIN (SELECT l.ozg_id, {} AS klassen FROM leistung l) r ON r.ozg_id = k.ozg_id \
               WHERE r.klassen <> ';' AND k.ozg_id NOT IN ({LANDESWEIT})) d \
         JOIN kommune g ON g.ags = m.kommune_ags \
         WHERE d.onlinedienst_id = m.onlinedienst_id \
           AND (d.alle = 1 OR d.klassen LIKE '%;' || g.groessenklasse || ';%') AND m.in_betrieb_seit <= ",
        super::leistung::WIRKSAME_KLASSEN
    ));
    q.bind(Some(heute)).push(" GROUP BY m.kommune_ags");
    q
}

/// Per Größenklasse (code): its relevant OZG-Leistungen, and how many of them a Land-wide live
/// service covers (online for every Kommune of the class).
async fn relevanz(db: &Db) -> StoreResult<HashMap<&'static str, (i64, i64)>> {
    use crate::model::kommune::Groessenklasse;
    let klassen = Sql::new(&format!("SELECT l.ozg_id, {} FROM leistung l", super::leistung::WIRKSAME_KLASSEN));
    let land = Sql::new(LANDESWEIT);
    let (klassen, land) = futures::try_join!(db.alle::<(i64, String)>(&klassen), db.alle::<(i64,)>(&land))?;
    let land: BTreeSet<i64> = land.into_iter().map(|(id,)| id).collect();
    Ok(Groessenklasse::ALLE
        .into_iter()
        .map(|g| {
            let muster = format!(";{};", g.code());
            let relevant: Vec<i64> = klassen.iter().filter(|(_, k)| k.contains(&muster)).map(|(id, _)| *id).collect();
            let abgedeckt = relevant.iter().filter(|id| land.contains(id)).count();
            (g.code(), (crate::model::anzahl(relevant.len()), crate::model::anzahl(abgedeckt)))
        })
        .collect())
}

/// Services in operation on `heute` per Gemeinde (`gruppe` = `m.kommune_ags`) or per Kreis
/// (`g.kreis_ags`: distinct over its Gemeinden); both read the index
/// `onlinedienst_kommune_betrieb` alone.
fn dienste(gruppe: &str, heute: NaiveDate) -> Sql {
    let mut q = Sql::new(&format!(
        "SELECT {gruppe}, COUNT(DISTINCT m.onlinedienst_id) FROM onlinedienst_kommune m \
         JOIN kommune g ON g.ags = m.kommune_ags WHERE m.in_betrieb_seit <= "
    ));
    q.bind(Some(heute)).push(&format!(" GROUP BY {gruppe}"));
    q
}

/// Reads the values of every Gemeinde and Kreis on `heute`.
pub async fn grundlage(db: &Db, heute: NaiveDate) -> StoreResult<Grundlage> {
    let (gem, kr, lief) = (
        Sql::new("SELECT ags, name, kreis_ags, groessenklasse, einwohner FROM kommune ORDER BY ags"),
        Sql::new("SELECT ags, name, typ, regierungsbezirk FROM kreis ORDER BY ags"),
        Sql::new("SELECT kommune_ags, MAX(zeit_ms) FROM lieferung GROUP BY kommune_ags"),
    );
    let (abgedeckt, je_gemeinde, je_kreis) =
        (abgedeckt(heute), dienste("m.kommune_ags", heute), dienste("g.kreis_ags", heute));
    let dienstleister = Sql::new(DIENSTLEISTER);
    let (
        mut gemeinden,
        mut kreise,
        relevanz,
        abgedeckt,
        je_gemeinde,
        je_kreis,
        lieferungen,
        dienstleister,
        zustaendigkeit,
    ) = futures::try_join!(
        db.alle::<GemeindeWert>(&gem),
        db.alle::<KreisWert>(&kr),
        relevanz(db),
        db.alle::<(String, i64)>(&abgedeckt),
        db.alle::<(String, i64)>(&je_gemeinde),
        db.alle::<(String, i64)>(&je_kreis),
        db.alle::<(String, i64)>(&lief),
        db.alle::<(String, String)>(&dienstleister),
        super::leistung::pflegestand(db),
    )?;
    let (abgedeckt, je_gemeinde, je_kreis, lieferungen): (HashMap<_, _>, HashMap<_, _>, HashMap<_, _>, HashMap<_, _>) = (
        abgedeckt.into_iter().collect(),
        je_gemeinde.into_iter().collect(),
        je_kreis.into_iter().collect(),
        lieferungen.into_iter().collect(),
    );
    for g in &mut gemeinden {
        let (relevant, landesweit) = relevanz.get(g.groessenklasse.as_str()).copied().unwrap_or_default();
        g.relevant = relevant;
        g.abgedeckt = landesweit + abgedeckt.get(&g.ags).copied().unwrap_or(0);
        g.dienste = je_gemeinde.get(&g.ags).copied().unwrap_or(0);
        g.lieferung_ms = lieferungen.get(&g.ags).copied();
    }
    let mut anbieter: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (kreis, name) in dienstleister {
        anbieter.entry(kreis).or_default().push(name);
    }
    for k in &mut kreise {
        k.dienstleister = anbieter.remove(&k.ags).unwrap_or_default();
        k.dienste = je_kreis.get(&k.ags).copied().unwrap_or(0);
    }
    let relevant = relevanz.into_iter().map(|(code, (n, _))| (code.to_string(), n)).collect();
    let landesweit = crate::model::anzahl(land_dienste(db).await?);
    Ok(Grundlage { gemeinden, kreise, relevant, landesweit, heute, zustaendigkeit })
}

/// The Gemeinde a "Kommune finden" text means: the same name (with the catalogs' folding; the
/// part before a comma, "Aachen, Stadt" → "aachen", counts too), else the first whose name
/// starts with it, else the first that contains it – by name.
pub fn finden<'a>(g: &'a Grundlage, text: &str) -> Option<&'a GemeindeWert> {
    use crate::model::text::fold;
    let t = fold(text.trim());
    if t.is_empty() {
        return None;
    }
    let mut alle: Vec<(&GemeindeWert, String)> = g.gemeinden.iter().map(|x| (x, fold(&x.name))).collect();
    alle.sort_by(|a, b| a.1.cmp(&b.1));
    let kurz = |n: &str| fold(n.split(',').next().unwrap_or(n));
    alle.iter()
        .find(|(x, n)| *n == t || kurz(&x.name) == t)
        .or_else(|| alle.iter().find(|(_, n)| n.starts_with(&t)))
        .or_else(|| alle.iter().find(|(_, n)| n.contains(&t)))
        .map(|(x, _)| *x)
}

/// Where one online service is used: the Gemeinden (AGS) with it in operation and those that
/// plan it; a Land-wide live service counts everywhere.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DienstNutzung {
    pub id: i64,
    pub name: String,
    pub landesweit: bool,
    pub in_betrieb: BTreeSet<String>,
    pub geplant: BTreeSet<String>,
}

/// The uses of service `id` on `heute`; `None` if there is no such service.
pub async fn nutzung(db: &Db, id: i64, heute: NaiveDate) -> StoreResult<Option<DienstNutzung>> {
    let mut d = Sql::new("SELECT name, reichweite, status FROM onlinedienst WHERE id = ");
    d.bind(id);
    let Some((name, reichweite, status)) = db.eine::<(String, Option<String>, String)>(&d).await? else {
        return Ok(None);
    };
    let mut m = Sql::new("SELECT kommune_ags, in_betrieb_seit FROM onlinedienst_kommune WHERE onlinedienst_id = ");
    m.bind(id);
    let (mut in_betrieb, mut geplant) = (BTreeSet::new(), BTreeSet::new());
    for (ags, seit) in db.alle::<(String, Option<NaiveDate>)>(&m).await? {
        if seit.is_some_and(|s| s <= heute) {
            in_betrieb.insert(ags)
        } else {
            geplant.insert(ags)
        };
    }
    Ok(Some(DienstNutzung {
        id,
        name,
        landesweit: reichweite.as_deref() == Some("land") && status == "live",
        in_betrieb,
        geplant,
    }))
}

/// The map for the request `a` – page, server function and exports alike: the numbers of the
/// day (and of the service, for its use) through the query cache, "Kommune finden" resolved.
/// `None` if the area or the service does not exist.
pub async fn karte(
    db: &Db,
    speicher: &Abfragespeicher,
    gelesen: Option<GelesenVorDemRendern>,
    a: KartenAnfrage,
    heute: NaiveDate,
    jetzt_ms: i64,
) -> StoreResult<Option<Karte>> {
    let g = speicher.holen(db, gelesen, "karte", heute.to_string(), || grundlage(db, heute)).await?;
    let nutzung = match a.dienst {
        Some(id) => {
            let n = speicher.holen(db, gelesen, "karte_nutzung", format!("{id} {heute}"), || nutzung(db, id, heute));
            match n.await? {
                Some(n) => Some(n),
                None => return Ok(None),
            }
        }
        None => None,
    };
    let geo = geometrie::geometrie().map_err(|e| StoreError::Intern(e.to_string()))?;
    Ok(ansicht(&g, geo, nutzung.as_ref(), a, jetzt_ms))
}

/// The map for `a` from the numbers at hand: "Kommune finden" resolved to the Gemeinde's Kreis
/// with the Gemeinde highlighted, and a message about it. `None` if the area does not exist.
pub fn ansicht(
    g: &Grundlage,
    geo: &geometrie::Geometrie,
    nutzung: Option<&DienstNutzung>,
    mut a: KartenAnfrage,
    jetzt_ms: i64,
) -> Option<Karte> {
    let gesucht = a.finden.take();
    let treffer = gesucht.as_deref().and_then(|t| finden(g, t));
    if let Some(x) = treffer {
        a.gebiet = x.kreis_ags.clone();
        a.markiert = Some(x.ags.clone());
    }
    let mut karte = zusammenstellen(g, geo, nutzung, &a, jetzt_ms)?;
    karte.hinweis = match (gesucht, treffer) {
        (Some(t), None) => Some(format!("Keine Gemeinde „{t}“ gefunden.")),
        (Some(_), Some(x)) => Some(format!("Gefunden: {}.", x.name)),
        _ if nutzung.is_some_and(|n| n.landesweit) => {
            Some("Der Dienst hat die Reichweite „Land“ und ist live: er gilt in allen Gemeinden.".into())
        }
        _ => None,
    };
    Some(karte)
}

/// Online services of Land-wide reach in operation.
async fn land_dienste(db: &Db) -> StoreResult<usize> {
    let n =
        db.zahl(&Sql::new("SELECT COUNT(*) FROM onlinedienst WHERE reichweite = 'land' AND status = 'live'")).await?;
    Ok(usize::try_from(n).unwrap_or(0))
}
