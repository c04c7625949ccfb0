//! The query of a list endpoint, read strictly: every parameter is known, given once (facet
//! values may repeat), bounded in length and count before anything is looked up. A wrong one is
//! a problem naming the parameter – a client learns of a typo instead of getting unfiltered data.

use super::fehler::Problem;
use app::model::filter::KatalogAnfrage;
use app::store::facette::{KatalogDef, Marke, Reihenfolge, Spaltenart, Stelle};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// Longest query string read at all.
pub const MAX_ABFRAGE: usize = 4096;
/// Most parameters in one query.
pub const MAX_PARAMETER: usize = 100;
pub const MAX_SUCHE: usize = 200;
pub const MAX_WERT: usize = 100;
pub const MAX_WERTE: usize = 50;
pub const MAX_MARKE: usize = 512;
pub const LIMIT_STANDARD: u32 = 25;
pub const LIMIT_MAX: u32 = 100;

/// What a list endpoint filters and sorts by: its facets (URL key, label), its sorts and their
/// types, and the type of its key.
pub trait Filterbar: Sync {
    fn facetten(&self) -> Vec<(&'static str, &'static str)>;
    fn sortierungen(&self) -> &'static [(&'static str, Spaltenart)];
    fn schluessel_art(&self) -> Spaltenart;
}

/// A list endpoint over a SQL catalog: its catalog, the sorts it offers (by the catalog's names)
/// and their types.
pub struct Liste {
    pub def: &'static KatalogDef,
    pub schluessel_art: Spaltenart,
    /// Sorts besides the standard one (the folded name, text).
    pub sortierungen: &'static [(&'static str, Spaltenart)],
}

impl Filterbar for Liste {
    fn facetten(&self) -> Vec<(&'static str, &'static str)> {
        self.def.facetten.iter().map(|f| (f.schluessel, f.label)).collect()
    }
    fn sortierungen(&self) -> &'static [(&'static str, Spaltenart)] {
        self.sortierungen
    }
    fn schluessel_art(&self) -> Spaltenart {
        self.schluessel_art
    }
}

/// A list endpoint over a small list filtered in memory (`speicherliste`): its facets are the
/// row type's; its key is the numeric id.
pub struct Speicherliste {
    pub facetten: &'static [(&'static str, &'static str)],
    pub sortierungen: &'static [(&'static str, Spaltenart)],
}

impl Filterbar for Speicherliste {
    fn facetten(&self) -> Vec<(&'static str, &'static str)> {
        self.facetten.to_vec()
    }
    fn sortierungen(&self) -> &'static [(&'static str, Spaltenart)] {
        self.sortierungen
    }
    fn schluessel_art(&self) -> Spaltenart {
        Spaltenart::Zahl
    }
}

/// A read list query.
#[derive(Debug)]
pub struct Listenanfrage {
    pub katalog: KatalogAnfrage,
    /// As given (`name`, `-einwohner`), for the cursor and the next link.
    pub sort: Option<String>,
    pub absteigend: bool,
    pub art: Spaltenart,
    pub nach: Option<Stelle>,
    pub limit: u32,
    /// The pairs without the cursor, for the next link.
    pub rest: Vec<(String, String)>,
}

impl Listenanfrage {
    pub fn reihenfolge<'a>(&'a self, liste: &dyn Filterbar) -> Reihenfolge<'a> {
        Reihenfolge {
            sort: self.sort_name(),
            art: self.art,
            absteigend: self.absteigend,
            schluessel_art: liste.schluessel_art(),
        }
    }

    /// The sort's name without the direction (`None`: the standard sort).
    pub fn sort_name(&self) -> Option<&str> {
        self.sort.as_deref().map(|s| s.trim_start_matches('-'))
    }
}

/// What a cursor carries: the sort it belongs to and the place after the last row.
#[derive(serde::Serialize, serde::Deserialize)]
struct Marker {
    s: String,
    w: Option<Marke>,
    k: Marke,
}

pub fn marke_schreiben(sort: Option<&str>, stelle: &Stelle) -> String {
    let m = Marker { s: sort.unwrap_or_default().to_string(), w: stelle.wert.clone(), k: stelle.schluessel.clone() };
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(&m).unwrap_or_default())
}

fn marke_lesen(text: &str, sort: Option<&str>) -> Result<Stelle, Problem> {
    let falsch = || {
        Problem::parameter(
            "cursor",
            "„cursor“ ist keine gültige Fortsetzungsmarke. Bitte übernehmen Sie den Wert von „naechste“ unverändert.",
        )
    };
    if text.len() > MAX_MARKE {
        return Err(falsch());
    }
    let bytes = URL_SAFE_NO_PAD.decode(text).map_err(|_| falsch())?;
    let m: Marker = serde_json::from_slice(&bytes).map_err(|_| falsch())?;
    if m.s != sort.unwrap_or_default() {
        return Err(Problem::parameter(
            "cursor",
            "Die Fortsetzungsmarke gehört zu einer anderen Sortierung. Bitte „sort“ wie beim ersten Abruf angeben.",
        ));
    }
    Ok(Stelle { wert: m.w, schluessel: m.k })
}

fn einmal(gesehen: &mut Vec<String>, k: &str) -> Result<(), Problem> {
    if gesehen.iter().any(|g| g == k) {
        return Err(Problem::parameter(k, format!("„{k}“ darf nur einmal angegeben werden.")));
    }
    gesehen.push(k.to_string());
    Ok(())
}

fn pruefe_laenge(k: &str, v: &str, max: usize) -> Result<(), Problem> {
    if v.chars().count() > max {
        return Err(Problem::parameter(k, format!("„{k}“ ist zu lang (höchstens {max} Zeichen).")));
    }
    Ok(())
}

/// The pairs of a raw query string, bounded before they are parsed.
pub fn paare(roh: Option<&str>) -> Result<Vec<(String, String)>, Problem> {
    let roh = roh.unwrap_or_default();
    if roh.len() > MAX_ABFRAGE {
        return Err(Problem::Anfrage(format!("Die Abfrage ist zu lang (höchstens {MAX_ABFRAGE} Zeichen).")));
    }
    let paare: Vec<(String, String)> = serde_urlencoded::from_str(roh)
        .map_err(|_| Problem::Anfrage("Die Abfrage ist nicht lesbar (erwartet: URL-kodierte Parameter).".into()))?;
    if paare.len() > MAX_PARAMETER {
        return Err(Problem::Anfrage(format!("Zu viele Parameter (höchstens {MAX_PARAMETER}).")));
    }
    // PostgreSQL refuses NUL in text; other control characters have no place in a filter either.
    if let Some((k, _)) = paare.iter().find(|(k, v)| k.chars().chain(v.chars()).any(|c| c.is_control())) {
        return Err(Problem::parameter(k, format!("„{k}“ enthält ein Steuerzeichen.")));
    }
    Ok(paare)
}

/// Reads the query of a list endpoint.
pub fn lesen(roh: Option<&str>, liste: &dyn Filterbar) -> Result<Listenanfrage, Problem> {
    let paare = paare(roh)?;
    let mut a = Listenanfrage {
        katalog: KatalogAnfrage::default(),
        sort: None,
        absteigend: false,
        art: Spaltenart::Text,
        nach: None,
        limit: LIMIT_STANDARD,
        rest: Vec::new(),
    };
    let mut gesehen = Vec::new();
    let mut marke = None;
    let mut anzahl = std::collections::HashMap::new();
    for (k, v) in paare {
        match k.as_str() {
            "q" => {
                einmal(&mut gesehen, &k)?;
                pruefe_laenge(&k, &v, MAX_SUCHE)?;
                a.katalog.q = v.clone();
            }
            "limit" => {
                einmal(&mut gesehen, &k)?;
                a.limit = v.parse().ok().filter(|n| (1..=LIMIT_MAX).contains(n)).ok_or_else(|| {
                    Problem::parameter("limit", format!("„limit“ ist eine ganze Zahl von 1 bis {LIMIT_MAX}."))
                })?;
            }
            "sort" => {
                einmal(&mut gesehen, &k)?;
                let name = v.strip_prefix('-').unwrap_or(&v);
                let Some((_, art)) = liste.sortierungen().iter().find(|(s, _)| *s == name) else {
                    let moeglich: Vec<&str> = liste.sortierungen().iter().map(|(s, _)| *s).collect();
                    return Err(Problem::parameter(
                        "sort",
                        format!("Unbekannte Sortierung. Möglich: {} (mit „-“ davor absteigend).", moeglich.join(", ")),
                    ));
                };
                a.art = *art;
                a.absteigend = v.starts_with('-');
                a.sort = Some(v.clone());
            }
            "cursor" => {
                einmal(&mut gesehen, &k)?;
                marke = Some(v);
                continue;
            }
            _ => {
                if k.starts_with("nicht_") {
                    einmal(&mut gesehen, &k)?;
                }
                // Counted as given: repeating one value fifty times is as long a query.
                let n = anzahl.entry(k.clone()).or_insert(0usize);
                *n += 1;
                if *n > MAX_WERTE {
                    return Err(Problem::parameter(&k, format!("„{k}“ höchstens {MAX_WERTE}-mal.")));
                }
                facette(&mut a.katalog, &liste.facetten(), &k, &v)?
            }
        }
        a.rest.push((k, v));
    }
    if let Some(m) = marke {
        a.nach = Some(marke_lesen(&m, a.sort.as_deref())?);
    }
    // "nicht_tf=1" without a value of "tf" filters nothing (as on the catalog pages).
    a.katalog.facetten.retain(|_, s| !s.werte.is_empty());
    Ok(a)
}

/// A facet value (`tf=2`) or its negation (`nicht_tf=1`).
fn facette(a: &mut KatalogAnfrage, facetten: &[(&str, &str)], k: &str, v: &str) -> Result<(), Problem> {
    let bekannt = |name: &str| facetten.iter().any(|(f, _)| *f == name);
    let unbekannt = || {
        let namen: Vec<&str> = facetten.iter().map(|(f, _)| *f).collect();
        Problem::parameter(
            k,
            format!(
                "Unbekannter Parameter „{}“. Möglich: q, sort, limit, cursor und die Filter {} (je mit „nicht_…=1“ verneint).",
                app::model::text::zitat(k),
                namen.join(", ")
            ),
        )
    };
    if let Some(name) = k.strip_prefix("nicht_") {
        if !bekannt(name) {
            return Err(unbekannt());
        }
        let negiert = match v {
            "1" => true,
            "0" => false,
            _ => return Err(Problem::parameter(k, format!("„{k}“ ist 1 (verneint) oder 0."))),
        };
        a.facetten.entry(name.to_string()).or_default().negiert = negiert;
        return Ok(());
    }
    if !bekannt(k) {
        return Err(unbekannt());
    }
    pruefe_laenge(k, v, MAX_WERT)?;
    if v.is_empty() {
        return Err(Problem::parameter(k, format!("„{k}“ ist leer.")));
    }
    let auswahl = a.facetten.entry(k.to_string()).or_default();
    if !auswahl.werte.iter().any(|w| w == v) {
        auswahl.werte.push(v.to_string());
    }
    Ok(())
}
