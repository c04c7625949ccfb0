//! Small catalogs filtered in Rust on the full list (Veranstaltungen, Meldungen, Dokumente: a
//! few hundred rows at most, read in one query): facets with counts and "ist nicht gleich",
//! search with the catalogs' German folding, paging – the same URL parameters as the SQL
//! catalogs of [`super::facette`], so the page components serve both.

use crate::model::filter::{Facette, FacettenWert, KatalogAnfrage, Trefferseite};
use crate::model::text::{fold, query_tokens};
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
