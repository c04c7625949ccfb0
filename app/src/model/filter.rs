//! The state of a filterable catalog view. It lives entirely in the URL query string, so a copied
//! link reproduces the view and the back button walks through earlier filter states.
//!
//! `?q=bau&tf=2&tf=5&nicht_tf=1&sort=name&ab=1&seite=2&pro=50`
//! * `q`: free text; `tf` etc.: selected facet values (several = any of them);
//! * `nicht_<facet>=1`: the facet reads "ist nicht gleich" (none of the selected values);
//! * `sort`, `ab` (absteigend), `seite` (1-based page), `pro` (rows per page).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Value standing for "not recorded" (NULL in the database) in URLs and facet lists.
pub const NICHT_ERFASST: &str = "-";
pub const PRO_SEITE_STANDARD: u32 = 50;
pub const PRO_SEITE_WAHL: [u32; 4] = [25, 50, 100, 500];

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Auswahl {
    pub werte: Vec<String>,
    pub negiert: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KatalogAnfrage {
    pub q: String,
    pub facetten: BTreeMap<String, Auswahl>,
    pub sort: Option<String>,
    pub absteigend: bool,
    pub seite: u32,
    pub pro_seite: u32,
}

impl Default for KatalogAnfrage {
    fn default() -> Self {
        KatalogAnfrage {
            q: String::new(),
            facetten: BTreeMap::new(),
            sort: None,
            absteigend: false,
            seite: 1,
            pro_seite: PRO_SEITE_STANDARD,
        }
    }
}

const RESERVIERT: [&str; 5] = ["q", "sort", "ab", "seite", "pro"];

impl KatalogAnfrage {
    /// Reads a query string (with or without leading `?`). Unknown keys become facet selections;
    /// the store ignores facets it does not know, so a stale link never fails.
    pub fn aus_query(query: &str) -> Self {
        let query = query.strip_prefix('?').unwrap_or(query);
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).unwrap_or_default();
        let mut a = KatalogAnfrage::default();
        for (k, v) in pairs {
            match k.as_str() {
                "q" => a.q = v.chars().take(200).collect(),
                "sort" if !v.is_empty() => a.sort = Some(v),
                "ab" => a.absteigend = v == "1",
                "seite" => a.seite = v.parse().unwrap_or(1).max(1),
                "pro" => {
                    a.pro_seite = v.parse().ok().filter(|n| PRO_SEITE_WAHL.contains(n)).unwrap_or(PRO_SEITE_STANDARD)
                }
                _ if k.starts_with("nicht_") && v == "1" => {
                    a.facetten.entry(k["nicht_".len()..].to_string()).or_default().negiert = true;
                }
                _ if k.starts_with("nicht_") => {}
                _ if !v.is_empty() && k.len() <= 20 => {
                    let sel = a.facetten.entry(k).or_default();
                    if !sel.werte.contains(&v) && sel.werte.len() < 50 {
                        sel.werte.push(v);
                    }
                }
                _ => {}
            }
        }
        a.facetten.retain(|_, s| !s.werte.is_empty());
        a
    }

    /// Canonical query string (without `?`); defaults are left out so links stay short.
    pub fn to_query(&self) -> String {
        let mut pairs: Vec<(String, String)> = Vec::new();
        if !self.q.is_empty() {
            pairs.push(("q".into(), self.q.clone()));
        }
        for (k, sel) in &self.facetten {
            if RESERVIERT.contains(&k.as_str()) {
                continue;
            }
            for v in &sel.werte {
                pairs.push((k.clone(), v.clone()));
            }
            if sel.negiert && !sel.werte.is_empty() {
                pairs.push((format!("nicht_{k}"), "1".into()));
            }
        }
        if let Some(s) = &self.sort {
            pairs.push(("sort".into(), s.clone()));
            if self.absteigend {
                pairs.push(("ab".into(), "1".into()));
            }
        }
        if self.seite > 1 {
            pairs.push(("seite".into(), self.seite.to_string()));
        }
        if self.pro_seite != PRO_SEITE_STANDARD {
            pairs.push(("pro".into(), self.pro_seite.to_string()));
        }
        serde_urlencoded::to_string(&pairs).unwrap_or_default()
    }

    /// `path?query`, or just `path` when the query is empty.
    pub fn href(&self, path: &str) -> String {
        let q = self.to_query();
        if q.is_empty() { path.to_string() } else { format!("{path}?{q}") }
    }

    pub fn hat(&self, facette: &str, wert: &str) -> bool {
        self.facetten.get(facette).is_some_and(|s| s.werte.iter().any(|w| w == wert))
    }

    pub fn negiert(&self, facette: &str) -> bool {
        self.facetten.get(facette).is_some_and(|s| s.negiert)
    }

    /// The same view with one facet value switched on or off; back to page 1.
    pub fn umgeschaltet(&self, facette: &str, wert: &str) -> Self {
        let mut a = self.clone();
        a.seite = 1;
        let sel = a.facetten.entry(facette.to_string()).or_default();
        if let Some(pos) = sel.werte.iter().position(|w| w == wert) {
            sel.werte.remove(pos);
        } else {
            sel.werte.push(wert.to_string());
        }
        a.facetten.retain(|_, s| !s.werte.is_empty());
        a
    }

    /// The same view narrowed by a value clicked in a row: added to a positive selection of the
    /// facet; a negated one ("ist nicht gleich") gives way to "ist gleich" this value.
    pub fn mit_wert(&self, facette: &str, wert: &str) -> Self {
        let mut a = self.clone();
        a.seite = 1;
        let sel = a.facetten.entry(facette.to_string()).or_default();
        if sel.negiert {
            *sel = Auswahl { werte: vec![wert.to_string()], negiert: false };
        } else if !sel.werte.iter().any(|w| w == wert) {
            sel.werte.push(wert.to_string());
        }
        a
    }

    pub fn ohne_facette(&self, facette: &str) -> Self {
        let mut a = self.clone();
        a.seite = 1;
        a.facetten.remove(facette);
        a
    }

    pub fn mit_seite(&self, seite: u32) -> Self {
        let mut a = self.clone();
        a.seite = seite.max(1);
        a
    }

    /// Sorting by a column: a second click on the active column flips the direction.
    pub fn sortiert(&self, spalte: &str) -> Self {
        let mut a = self.clone();
        a.seite = 1;
        if a.sort.as_deref() == Some(spalte) {
            a.absteigend = !a.absteigend;
        } else {
            a.sort = Some(spalte.to_string());
            a.absteigend = false;
        }
        a
    }

    pub fn ist_gefiltert(&self) -> bool {
        !self.q.is_empty() || !self.facetten.is_empty()
    }
}

/// One value of a facet with the number of rows it would match.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FacettenWert {
    pub wert: String,
    pub label: String,
    pub anzahl: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Facette {
    pub schluessel: String,
    pub label: String,
    pub werte: Vec<FacettenWert>,
    /// Values beyond the shown ones (large facets list the most frequent first).
    pub weitere: i64,
}

/// A page of a filtered catalog with the facet counts for the current filter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Trefferseite<T> {
    pub zeilen: Vec<T>,
    pub gesamt: i64,
    pub facetten: Vec<Facette>,
    pub anfrage: KatalogAnfrage,
}

impl<T> Trefferseite<T> {
    pub fn seiten(&self) -> u32 {
        let pro = i64::from(self.anfrage.pro_seite.max(1));
        u32::try_from((self.gesamt + pro - 1) / pro).unwrap_or(u32::MAX).max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_roundtrip_is_canonical() {
        let a = KatalogAnfrage::aus_query("?tf=2&q=Bau+amt&tf=5&nicht_tf=1&sort=name&ab=1&seite=3&pro=100");
        assert_eq!(a.q, "Bau amt");
        assert_eq!(a.facetten["tf"], Auswahl { werte: vec!["2".into(), "5".into()], negiert: true });
        assert_eq!(a.sort.as_deref(), Some("name"));
        assert!(a.absteigend);
        assert_eq!((a.seite, a.pro_seite), (3, 100));
        let again = KatalogAnfrage::aus_query(&a.to_query());
        assert_eq!(again, a);
    }

    #[test]
    fn defaults_stay_out_of_the_url() {
        assert_eq!(KatalogAnfrage::default().to_query(), "");
        assert_eq!(KatalogAnfrage::aus_query("seite=0&pro=7&nicht_tf=1").to_query(), "");
    }

    #[test]
    fn toggling_resets_the_page() {
        let a = KatalogAnfrage::aus_query("tf=2&seite=4");
        let b = a.umgeschaltet("tf", "5");
        assert_eq!(b.to_query(), "tf=2&tf=5");
        assert_eq!(b.umgeschaltet("tf", "2").umgeschaltet("tf", "5").to_query(), "");
    }

    #[test]
    fn a_row_value_adds_to_the_filter_or_replaces_a_negation() {
        let a = KatalogAnfrage::aus_query("tf=2&seite=3");
        assert_eq!(a.mit_wert("tf", "5").to_query(), "tf=2&tf=5");
        assert_eq!(a.mit_wert("tf", "2").to_query(), "tf=2");
        let nicht = KatalogAnfrage::aus_query("tf=2&nicht_tf=1");
        assert_eq!(nicht.mit_wert("tf", "5").to_query(), "tf=5");
    }

    #[test]
    fn sorting_twice_flips_direction() {
        let a = KatalogAnfrage::default().sortiert("name");
        assert!(!a.absteigend);
        assert!(a.sortiert("name").absteigend);
        assert!(!a.sortiert("name").sortiert("ozg_id").absteigend);
    }

    #[test]
    fn special_characters_are_encoded() {
        let a = KatalogAnfrage::default().umgeschaltet("ll", "Bauen & Immobilien");
        assert_eq!(a.to_query(), "ll=Bauen+%26+Immobilien");
        assert!(KatalogAnfrage::aus_query(&a.to_query()).hat("ll", "Bauen & Immobilien"));
    }

    #[test]
    fn page_count() {
        let s =
            Trefferseite::<()> { zeilen: vec![], gesamt: 557, facetten: vec![], anfrage: KatalogAnfrage::default() };
        assert_eq!(s.seiten(), 12);
        let leer = Trefferseite::<()> { gesamt: 0, ..s };
        assert_eq!(leer.seiten(), 1);
    }
}
