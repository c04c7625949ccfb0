//! The coverage of NRW by online services (see [`crate::model::loesung::abdeckung`]): one row
//! per LeiKa key, service and place – the whole Land for a service of Land-wide reach, else each
//! Gemeinde that reports the service in operation – with the Bund's `art_flaechendeckung`.
//! Computed from the whole Lösungsdatenbank at once (a Kreis is "kreisweit" only if every
//! Gemeinde has the key), so callers keep the result per data generation.

use super::{Db, Sql, StoreResult};
use crate::model::loesung::abdeckung::{Abdeckung, Flaechendeckung};
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};

#[derive(sqlx::FromRow)]
struct Dienstschluessel {
    dienst_id: i64,
    url: Option<String>,
    schluessel: String,
    bezeichnung: Option<String>,
    /// NULL for Land-wide services.
    ags: Option<String>,
    in_betrieb_seit: Option<NaiveDate>,
    erreichbar: Option<bool>,
}

#[derive(sqlx::FromRow)]
struct Katalogname {
    schluessel: String,
    name: String,
    ozg_id: Option<i64>,
    ozg_name: Option<String>,
}

const LAND: &str = "SELECT o.id AS dienst_id, o.url, ol.schluessel, ol.bezeichnung, CAST(NULL AS TEXT) AS ags, \
    CAST(NULL AS DATE) AS in_betrieb_seit, ls.erreichbar FROM onlinedienst o \
    JOIN onlinedienst_leika ol ON ol.onlinedienst_id = o.id LEFT JOIN link_stand ls ON ls.url = o.url WHERE o.reichweite = 'land' AND o.status = 'live'";
const KOMMUNAL: &str = "SELECT o.id AS dienst_id, o.url, ol.schluessel, ol.bezeichnung, m.kommune_ags AS ags, \
    m.in_betrieb_seit, ls.erreichbar FROM onlinedienst_kommune m JOIN onlinedienst o ON o.id = m.onlinedienst_id \
    JOIN onlinedienst_leika ol ON ol.onlinedienst_id = o.id LEFT JOIN link_stand ls ON ls.url = o.url WHERE m.in_betrieb_seit IS NOT NULL";
const KATALOG: &str = "SELECT k.schluessel, k.name, k.ozg_id, l.name AS ozg_name FROM leika k \
    LEFT JOIN leistung l ON l.ozg_id = k.ozg_id WHERE k.schluessel IS NOT NULL";

/// Every row of the coverage on `heute`, ordered by key, place (Land first) and service.
pub async fn alle(db: &Db, heute: NaiveDate) -> StoreResult<Vec<Abdeckung>> {
    let (l, ko, ka, ge) =
        (Sql::new(LAND), Sql::new(KOMMUNAL), Sql::new(KATALOG), Sql::new("SELECT ags, kreis_ags FROM kommune"));
    let (land, kommunal, katalog, kommunen) = futures::try_join!(
        db.alle::<Dienstschluessel>(&l),
        db.alle::<Dienstschluessel>(&ko),
        db.alle::<Katalogname>(&ka),
        db.alle::<(String, String)>(&ge),
    )?;
    let kommunal: Vec<Dienstschluessel> =
        kommunal.into_iter().filter(|z| z.in_betrieb_seit.is_some_and(|d| d <= heute)).collect();
    let kreis_von: HashMap<String, String> = kommunen.iter().cloned().collect();
    let mut je_kreis: HashMap<&str, usize> = HashMap::new();
    for (_, k) in &kommunen {
        *je_kreis.entry(k.as_str()).or_default() += 1;
    }
    let landesweit: HashSet<&str> = land.iter().map(|z| z.schluessel.as_str()).collect();
    let mut orte: HashMap<&str, HashSet<&str>> = HashMap::new();
    for z in &kommunal {
        if let Some(ags) = &z.ags {
            orte.entry(z.schluessel.as_str()).or_default().insert(ags.as_str());
        }
    }
    let mut im_kreis: HashMap<(&str, &str), usize> = HashMap::new();
    for (k, o) in &orte {
        for ags in o {
            if let Some(kr) = kreis_von.get(*ags) {
                *im_kreis.entry((k, kr.as_str())).or_default() += 1;
            }
        }
    }
    let katalog: HashMap<&str, &Katalogname> = katalog.iter().map(|k| (k.schluessel.as_str(), k)).collect();
    let art = |z: &Dienstschluessel| {
        let k = z.schluessel.as_str();
        if !katalog.contains_key(k) {
            return Flaechendeckung::NichtBeruecksichtigt;
        }
        let hier = orte.get(k);
        if landesweit.contains(k) || hier.is_some_and(|o| o.len() == kommunen.len()) {
            return Flaechendeckung::Landesweit;
        }
        match z.ags.as_ref().and_then(|a| kreis_von.get(a)) {
            Some(kr) if im_kreis.get(&(k, kr.as_str())) == je_kreis.get(kr.as_str()) => Flaechendeckung::Kreisweit,
            _ => Flaechendeckung::MindEineKommune,
        }
    };
    let mut zeilen: Vec<Abdeckung> = land
        .iter()
        .chain(kommunal.iter())
        .map(|z| {
            let k = katalog.get(z.schluessel.as_str());
            Abdeckung {
                leika_key: z.schluessel.clone(),
                leika_name: k.map(|k| k.name.clone()),
                leika_bezeichnung: z.bezeichnung.clone(),
                ozg_id: k.and_then(|k| k.ozg_id),
                ozg_name: k.and_then(|k| k.ozg_name.clone()),
                kreis_ags: z.ags.as_ref().and_then(|a| kreis_von.get(a).cloned()),
                ags: z.ags.clone(),
                dienst_id: z.dienst_id,
                url: z.url.clone(),
                erreichbar: z.erreichbar,
                art: art(z),
            }
        })
        .collect();
    zeilen.sort_by(|a, b| (&a.leika_key, &a.ags, a.dienst_id).cmp(&(&b.leika_key, &b.ags, b.dienst_id)));
    zeilen.dedup_by(|a, b| (&a.leika_key, &a.ags, a.dienst_id) == (&b.leika_key, &b.ags, b.dienst_id));
    Ok(zeilen)
}

/// How many distinct LeiKa keys reach each value at best somewhere in NRW (the figures next to
/// the rules on `/loesungen/kennzahlen`).
pub fn kennzahlen(zeilen: &[Abdeckung]) -> Vec<(Flaechendeckung, i64)> {
    let mut beste: HashMap<&str, Flaechendeckung> = HashMap::new();
    for z in zeilen {
        let b = beste.entry(z.leika_key.as_str()).or_insert(z.art);
        *b = (*b).min(z.art);
    }
    Flaechendeckung::ALLE
        .into_iter()
        .map(|a| (a, crate::model::anzahl(beste.values().filter(|b| **b == a).count())))
        .collect()
}
