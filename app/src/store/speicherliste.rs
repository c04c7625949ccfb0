//! Small catalogs filtered in Rust on the full list (Veranstaltungen, Meldungen, Dokumente: a
//! few hundred rows at most, read in one query): facets with counts and "ist nicht gleich",
//! search with the catalogs' German folding, paging – the same URL parameters as the SQL
//! catalogs of [`super::facette`], so the page components serve both.

use super::facette::{Blatt, BlattFehler, Reihenfolge, Stelle};
use crate::model::filter::{Facette, FacettenWert, KatalogAnfrage, Trefferseite};
use crate::model::text::{fold, query_tokens};
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// How one kind of row shows itself to the list.
pub trait Listeneintrag {
    /// The facets: (URL key, label).
    const FACETTEN: &'static [(&'static str, &'static str)];
    /// What the facet values depend on besides the row (e.g. today's date).
    type Kontext;
    /// What a row offers under a facet: (value, label); empty = not recorded.
    fn werte(&self, facette: &str, k: &Self::Kontext) -> Vec<(String, String)>;
    /// The text the search looks in (folded by the list).
    fn suchtext(&self) -> String;
}

fn passt_facette<T: Listeneintrag>(z: &T, a: &KatalogAnfrage, ausser: Option<&str>, k: &T::Kontext) -> bool {
    a.facetten.iter().filter(|(f, aw)| Some(f.as_str()) != ausser && !aw.werte.is_empty()).all(|(f, aw)| {
        if !T::FACETTEN.iter().any(|(k, _)| k == f) {
            return true;
        }
        let hat = z.werte(f, k).iter().any(|(w, _)| aw.werte.contains(w));
        hat != aw.negiert
    })
}

fn passt_suche<T: Listeneintrag>(z: &T, tokens: &[String]) -> bool {
    if tokens.is_empty() {
        return true;
    }
    let text = fold(&z.suchtext());
    let woerter: Vec<&str> = text.split(' ').collect();
    tokens.iter().all(|t| woerter.iter().any(|w| w.starts_with(t.as_str())))
}

/// Counts of each facet's values among the rows that match everything else, by label.
fn facetten<T: Listeneintrag>(alle: &[T], a: &KatalogAnfrage, tokens: &[String], k: &T::Kontext) -> Vec<Facette> {
    T::FACETTEN
        .iter()
        .map(|(schluessel, label)| {
            let mut zaehler: BTreeMap<(String, String), i64> = BTreeMap::new();
            for z in alle.iter().filter(|z| passt_suche(*z, tokens) && passt_facette(*z, a, Some(schluessel), k)) {
                for (wert, label) in z.werte(schluessel, k) {
                    *zaehler.entry((label, wert)).or_default() += 1;
                }
            }
            let werte =
                zaehler.into_iter().map(|((label, wert), anzahl)| FacettenWert { wert, label, anzahl }).collect();
            Facette { schluessel: schluessel.to_string(), label: label.to_string(), werte, weitere: 0 }
        })
        .collect()
}

/// The page of `a`: filtered, ordered by `sortieren` (which sees the query), reversed for
/// `ab=1`, cut to the page.
pub fn filtern<T: Listeneintrag>(
    alle: Vec<T>,
    a: &KatalogAnfrage,
    k: &T::Kontext,
    sortieren: impl FnOnce(&mut [T]),
) -> Trefferseite<T> {
    let tokens = query_tokens(&a.q);
    let facetten = facetten(&alle, a, &tokens, k);
    let mut treffer: Vec<T> =
        alle.into_iter().filter(|z| passt_suche(z, &tokens) && passt_facette(z, a, None, k)).collect();
    sortieren(&mut treffer);
    if a.absteigend {
        treffer.reverse();
    }
    let gesamt = crate::model::anzahl(treffer.len());
    let pro = a.pro_seite.max(1) as usize;
    let ab = (a.seite.max(1) as usize - 1).saturating_mul(pro);
    let zeilen = treffer.into_iter().skip(ab).take(pro).collect();
    Trefferseite { zeilen, gesamt, facetten, anfrage: a.clone() }
}

/// One page for the open API: filtered like the page, ordered by the row's place (`stelle`:
/// its sort value and key) – values missing last in either direction, the key ascending among
/// equal values, as [`super::facette::blaettern`] orders in SQL – and starting after `nach`.
pub fn blaettern<T: Listeneintrag>(
    alle: Vec<T>,
    a: &KatalogAnfrage,
    k: &T::Kontext,
    r: &Reihenfolge,
    nach: Option<&Stelle>,
    limit: u32,
    stelle: impl Fn(&T) -> Stelle,
) -> Result<Blatt<T>, BlattFehler> {
    if let Some(n) = nach
        && (!n.schluessel.passt(r.schluessel_art) || n.wert.as_ref().is_some_and(|w| !w.passt(r.art)))
    {
        return Err(BlattFehler::MarkePasstNicht);
    }
    let tokens = query_tokens(&a.q);
    let mut treffer: Vec<(Stelle, T)> = alle
        .into_iter()
        .filter(|z| passt_suche(z, &tokens) && passt_facette(z, a, None, k))
        .map(|z| (stelle(&z), z))
        .collect();
    let gesamt = crate::model::anzahl(treffer.len());
    treffer.sort_by(|(x, _), (y, _)| vergleichen(x, y, r.absteigend));
    let mut rest: Vec<(Stelle, T)> = treffer
        .into_iter()
        .filter(|(s, _)| nach.is_none_or(|n| vergleichen(s, n, r.absteigend) == Ordering::Greater))
        .take(limit as usize + 1)
        .collect();
    let mehr = rest.len() > limit as usize;
    rest.truncate(limit as usize);
    let weiter = if mehr { rest.last().map(|(s, _)| s.clone()) } else { None };
    Ok(Blatt { zeilen: rest.into_iter().map(|(_, z)| z).collect(), weiter, gesamt })
}

/// The order of [`blaettern`]: missing values last, then by value (reversed when descending),
/// then by key.
fn vergleichen(x: &Stelle, y: &Stelle, absteigend: bool) -> Ordering {
    let wert = match (&x.wert, &y.wert) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Greater,
        (Some(_), None) => Ordering::Less,
        (Some(a), Some(b)) if absteigend => b.cmp(a),
        (Some(a), Some(b)) => a.cmp(b),
    };
    wert.then_with(|| x.schluessel.cmp(&y.schluessel))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::facette::{Marke, Spaltenart};

    struct Z(i64, Option<i64>);

    impl Listeneintrag for Z {
        const FACETTEN: &'static [(&'static str, &'static str)] = &[("g", "Gerade")];
        type Kontext = ();
        fn werte(&self, _: &str, _: &()) -> Vec<(String, String)> {
            vec![((self.0 % 2 == 0).to_string(), String::new())]
        }
        fn suchtext(&self) -> String {
            String::new()
        }
    }

    fn alle() -> Vec<Z> {
        // Values repeat and are missing, so ties and the end of the order are exercised.
        (1..=23).map(|i| Z(i, (i % 5 != 0).then_some(i % 4))).collect()
    }

    fn gehen(absteigend: bool, a: &KatalogAnfrage) -> Vec<Vec<i64>> {
        let r = Reihenfolge { sort: None, art: Spaltenart::Zahl, absteigend, schluessel_art: Spaltenart::Zahl };
        let stelle = |z: &Z| Stelle { wert: z.1.map(Marke::Zahl), schluessel: Marke::Zahl(z.0) };
        let mut seiten = Vec::new();
        let mut nach = None;
        loop {
            let b = blaettern(alle(), a, &(), &r, nach.as_ref(), 4, stelle).expect("Seite");
            seiten.push(b.zeilen.iter().map(|z| z.0).collect());
            match b.weiter {
                Some(w) => nach = Some(w),
                None => return seiten,
            }
        }
    }

    #[test]
    fn blaettern_gibt_jede_zeile_einmal_in_der_ordnung() {
        for absteigend in [false, true] {
            let seiten = gehen(absteigend, &KatalogAnfrage::default());
            let ids: Vec<i64> = seiten.concat();
            let mut erwartet: Vec<&Z> = Vec::new();
            let daten = alle();
            erwartet.extend(daten.iter());
            erwartet.sort_by_key(|z| (z.1.is_none(), if absteigend { z.1.map(|v| -v) } else { z.1 }, z.0));
            assert_eq!(ids, erwartet.iter().map(|z| z.0).collect::<Vec<_>>(), "absteigend: {absteigend}");
            assert_eq!(seiten.len(), 6);
            assert!(seiten.iter().all(|s| s.len() <= 4));
        }
    }

    #[test]
    fn blaettern_filtert_wie_die_seite_und_prueft_die_marke() {
        let mut a = KatalogAnfrage::default();
        a.facetten.entry("g".into()).or_default().werte.push("true".into());
        assert_eq!(gehen(false, &a).concat().len(), 11);
        a.facetten.entry("g".into()).or_default().negiert = true;
        assert_eq!(gehen(false, &a).concat().len(), 12);
        let r = Reihenfolge { sort: None, art: Spaltenart::Zahl, absteigend: false, schluessel_art: Spaltenart::Zahl };
        let falsch = Stelle { wert: Some(Marke::Text("x".into())), schluessel: Marke::Zahl(1) };
        let e = blaettern(alle(), &a, &(), &r, Some(&falsch), 4, |z: &Z| Stelle {
            wert: z.1.map(Marke::Zahl),
            schluessel: Marke::Zahl(z.0),
        });
        assert!(matches!(e, Err(BlattFehler::MarkePasstNicht)));
    }
}
