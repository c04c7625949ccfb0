//! Data delivery ("Daten liefern"): a Kommune's service pages, each with the LeiKa keys it
//! serves. A file is checked row by row before anything is stored; a delivery with any problem
//! is not stored at all, a correct one replaces the Kommune's previous delivery.
//!
//! Table layout (CSV with `;` or `,`, or the first sheet of an XLSX file): a header row with a
//! column `url` and one or more columns whose name starts with `leika`; a cell may hold several
//! keys separated by spaces, commas, semicolons or `|`.

use crate::model::ids::{LeikaKey, WebAdresse};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

pub const MAX_ZEILEN: usize = 50_000;
/// Problem rows listed in a preview; the rest are counted. Keeps the answer small even for a
/// file where every row is wrong.
pub const MAX_GEZEIGT: usize = 1_000;
/// Problems and keys listed per row (a cell can hold thousands of wrong keys).
const MAX_JE_ZEILE: usize = 10;

/// One data row of the file as checked; `nr` is the row number as a spreadsheet shows it
/// (header = 1).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PruefZeile {
    pub nr: usize,
    pub url: String,
    pub schluessel: Vec<String>,
    pub probleme: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vorschau {
    pub dateiname: String,
    /// Problems of the file as a whole (no header, no url column …).
    pub datei_fehler: Vec<String>,
    /// Rows with problems: the first [`MAX_GEZEIGT`] of them …
    pub fehlerhaft: Vec<PruefZeile>,
    /// … and how many there are in all.
    pub fehlerhaft_gesamt: usize,
    /// Correct rows: their number and the first ones as a sample.
    pub gueltig: usize,
    pub beispiele: Vec<PruefZeile>,
    pub seiten: usize,
    pub zuordnungen: usize,
    /// The delivery the preview is based on (0 = none yet), to detect a concurrent upload.
    pub basis: i64,
}

impl Vorschau {
    pub fn fehlerfrei(&self) -> bool {
        self.datei_fehler.is_empty() && self.fehlerhaft_gesamt == 0 && self.gueltig > 0
    }
}

/// The newest delivery of a Kommune.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct LieferungInfo {
    pub dateiname: String,
    pub seiten: i64,
    pub zuordnungen: i64,
    /// Who delivered: only sent to logged-in users.
    pub benutzer: String,
    pub zeit_ms: i64,
}

/// What the Kommune page shows of the delivery: the newest one and the current pages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LieferungStand {
    pub basis: i64,
    pub letzte: Option<LieferungInfo>,
    /// (page URL, [(key, catalog name)]) in file order.
    pub seiten: Vec<(String, Vec<(String, String)>)>,
}

/// A checked delivery ready to store: (page URL, key, row number) – each pair once.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lieferung {
    pub paare: Vec<(String, String, usize)>,
}

fn ist_schluessel_spalte(name: &str) -> bool {
    let n = name.trim().to_lowercase();
    n.starts_with("leika") || n == "schluessel" || n == "schlüssel"
}

fn ist_url_spalte(name: &str) -> bool {
    matches!(name.trim().to_lowercase().as_str(), "url" | "seite" | "adresse" | "seiten-url" | "seiten_url")
}

/// Checks the rows of a table (header first) against the catalog's keys. Returns the preview
/// (without `basis`) and, if there is no problem at all, the delivery to store.
pub fn pruefen(dateiname: &str, tabelle: &[Vec<String>], katalog: &HashSet<String>) -> (Vorschau, Option<Lieferung>) {
    let mut p =
        Pruefung { v: Vorschau { dateiname: dateiname.to_string(), ..Default::default() }, ..Default::default() };
    let spalten = match spalten_finden(tabelle) {
        Ok(s) => s,
        Err(fehler) => {
            p.v.datei_fehler = fehler;
            return (p.v, None);
        }
    };
    for (i, zeile) in tabelle.iter().enumerate().skip(1) {
        if zeile.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let zelle = |s: usize| zeile.get(s).map(|c| c.trim()).unwrap_or("");
        let mut probleme = Vec::new();
        let url = url_lesen(zelle(spalten.url), &mut probleme);
        let zellen: Vec<&str> = spalten.schluessel.iter().map(|s| zelle(*s)).collect();
        let schluessel = schluessel_lesen(&zellen, katalog, &mut probleme);
        let nr = i + 1;
        if probleme.is_empty() {
            probleme.extend(p.doppelt(nr, &url, &schluessel));
        }
        p.aufnehmen(PruefZeile { nr, url, schluessel, probleme });
    }
    p.abschliessen()
}

/// Where the page address and the key columns are; the file's own problems otherwise.
struct Spalten {
    url: usize,
    schluessel: Vec<usize>,
}

fn spalten_finden(tabelle: &[Vec<String>]) -> Result<Spalten, Vec<String>> {
    let Some(kopf) = tabelle.first() else {
        return Err(vec!["Die Datei ist leer.".into()]);
    };
    let mut fehler: Vec<String> = Vec::new();
    let url = kopf.iter().position(|k| ist_url_spalte(k));
    let schluessel: Vec<usize> =
        kopf.iter().enumerate().filter(|(_, k)| ist_schluessel_spalte(k)).map(|(i, _)| i).collect();
    if url.is_none() {
        fehler.push("Zeile 1: Es fehlt die Spalte „url“ (Adresse der Seite).".into());
    }
    if schluessel.is_empty() {
        fehler.push("Zeile 1: Es fehlt eine Spalte „leika“ (LeiKa-Schlüssel).".into());
    }
    if tabelle.len() - 1 > MAX_ZEILEN {
        fehler.push(format!("Die Datei hat mehr als {MAX_ZEILEN} Zeilen; höchstens {MAX_ZEILEN} sind möglich."));
    }
    match url {
        Some(url) if fehler.is_empty() => Ok(Spalten { url, schluessel }),
        _ => Err(fehler),
    }
}

/// The page address as stored; a bad one is kept (shortened) for the message.
fn url_lesen(roh: &str, probleme: &mut Vec<String>) -> String {
    if roh.is_empty() {
        probleme.push("Die Adresse der Seite (url) fehlt.".to_string());
        return String::new();
    }
    match WebAdresse::parse(roh) {
        Ok(w) => w.as_str().to_string(),
        Err(e) => {
            probleme.push(e.to_string());
            roh.chars().take(300).collect()
        }
    }
}

/// The keys of all key cells (split at spaces, commas, semicolons, bars), each once; bad and
/// unknown ones are kept for the message.
fn schluessel_lesen(zellen: &[&str], katalog: &HashSet<String>, probleme: &mut Vec<String>) -> Vec<String> {
    let mut schluessel: Vec<String> = Vec::new();
    let teile = zellen.iter().flat_map(|z| z.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '|')));
    for teil in teile.filter(|t| !t.is_empty()) {
        match LeikaKey::parse(teil) {
            Ok(k) if !katalog.contains(k.as_str()) => {
                probleme.push(format!("Der Schlüssel „{k}“ ist nicht im LeiKa-Katalog."));
                schluessel.push(k.to_string());
            }
            Ok(k) => {
                if !schluessel.contains(&k.to_string()) {
                    schluessel.push(k.to_string());
                }
            }
            Err(e) => {
                probleme.push(e.to_string());
                schluessel.push(teil.chars().take(40).collect());
            }
        }
    }
    if schluessel.is_empty() {
        probleme.push("Es fehlt ein LeiKa-Schlüssel.".into());
    }
    schluessel
}

/// The state of one check while the rows are read.
#[derive(Default)]
struct Pruefung {
    v: Vorschau,
    paare: Vec<(String, String, usize)>,
    /// (url, key) → first row with it.
    gesehen: HashMap<(String, String), usize>,
    /// (url, sorted keys) → first row: a whole row repeated is a duplicate row.
    zeilen_gesehen: HashMap<(String, Vec<String>), usize>,
    seiten: HashSet<String>,
}

impl Pruefung {
    /// Why a well-formed row repeats an earlier one, if it does.
    fn doppelt(&mut self, nr: usize, url: &str, schluessel: &[String]) -> Vec<String> {
        let mut sortiert = schluessel.to_vec();
        sortiert.sort();
        if let Some(frueher) = self.zeilen_gesehen.get(&(url.to_string(), sortiert.clone())) {
            return vec![format!("Doppelte Zeile: gleich wie Zeile {frueher}.")];
        }
        self.zeilen_gesehen.insert((url.to_string(), sortiert), nr);
        schluessel
            .iter()
            .filter_map(|k| self.gesehen.get(&(url.to_string(), k.clone())).map(|frueher| (k, frueher)))
            .map(|(k, frueher)| format!("Der Schlüssel {k} ist dieser Seite schon in Zeile {frueher} zugeordnet."))
            .collect()
    }

    fn aufnehmen(&mut self, z: PruefZeile) {
        if !z.probleme.is_empty() {
            self.v.fehlerhaft_gesamt += 1;
            if self.v.fehlerhaft.len() < MAX_GEZEIGT {
                self.v.fehlerhaft.push(gekuerzt(z));
            }
            return;
        }
        for k in &z.schluessel {
            self.gesehen.insert((z.url.clone(), k.clone()), z.nr);
            self.paare.push((z.url.clone(), k.clone(), z.nr));
        }
        self.seiten.insert(z.url.clone());
        self.v.gueltig += 1;
        if self.v.beispiele.len() < 20 {
            self.v.beispiele.push(z);
        }
    }

    fn abschliessen(mut self) -> (Vorschau, Option<Lieferung>) {
        if self.v.gueltig == 0 && self.v.fehlerhaft_gesamt == 0 {
            self.v.datei_fehler.push("Die Datei enthält keine Datenzeilen.".into());
        }
        self.v.seiten = self.seiten.len();
        self.v.zuordnungen = self.paare.len();
        let lieferung = self.v.fehlerfrei().then_some(Lieferung { paare: self.paare });
        (self.v, lieferung)
    }
}

/// A problem row as listed: at most [`MAX_JE_ZEILE`] keys and problems, the rest counted.
fn gekuerzt(mut z: PruefZeile) -> PruefZeile {
    for liste in [&mut z.schluessel, &mut z.probleme] {
        if liste.len() > MAX_JE_ZEILE {
            let rest = liste.len() - MAX_JE_ZEILE;
            liste.truncate(MAX_JE_ZEILE);
            liste.push(format!("… und {rest} weitere"));
        }
    }
    z
}

/// The delivery as a table in the upload format, one row per page (keys space-separated).
pub fn als_tabelle(paare: &[(String, String)]) -> Vec<Vec<String>> {
    let mut zeilen: Vec<Vec<String>> = vec![vec!["url".into(), "leika".into()]];
    let mut seiten: Vec<(String, Vec<String>)> = Vec::new();
    for (url, k) in paare {
        match seiten.iter_mut().find(|(u, _)| u == url) {
            Some((_, ks)) => ks.push(k.clone()),
            None => seiten.push((url.clone(), vec![k.clone()])),
        }
    }
    zeilen.extend(seiten.into_iter().map(|(u, ks)| vec![u, ks.join(" ")]));
    zeilen
}

#[cfg(test)]
mod tests {
    use super::*;

    fn katalog() -> HashSet<String> {
        ["99110009104000", "99110009070000", "99012001000000"].into_iter().map(String::from).collect()
    }

    fn t(zeilen: &[&[&str]]) -> Vec<Vec<String>> {
        zeilen.iter().map(|z| z.iter().map(|c| c.to_string()).collect()).collect()
    }

    #[test]
    fn every_bad_row_is_named_by_its_number() {
        let tabelle = t(&[
            &["url", "leika"],
            &["https://www.ahaus.de/hund", "99110009104000 99110009070000"],
            &["www.ahaus.de/abbruch", "99012001000000"],
            &["https://www.ahaus.de/x", "9911000910400"],
            &["https://www.ahaus.de/y", "99999999999999"],
            &["", ""],
            &["https://www.ahaus.de/hund", "99110009070000, 99110009104000"],
            &["https://www.ahaus.de/z", ""],
        ]);
        let (v, lieferung) = pruefen("a.csv", &tabelle, &katalog());
        assert!(lieferung.is_none(), "nothing to store while a row is wrong");
        let nummern: Vec<usize> = v.fehlerhaft.iter().map(|z| z.nr).collect();
        assert_eq!(nummern, [3, 4, 5, 7, 8], "empty row 6 skipped");
        assert!(v.fehlerhaft[0].probleme[0].contains("keine gültige Webadresse"));
        assert!(v.fehlerhaft[1].probleme[0].contains("kein gültiger LeiKa-Schlüssel"));
        assert!(v.fehlerhaft[2].probleme[0].contains("nicht im LeiKa-Katalog"));
        assert_eq!(v.fehlerhaft[3].probleme, ["Doppelte Zeile: gleich wie Zeile 2."]);
        assert_eq!(v.fehlerhaft[4].probleme, ["Es fehlt ein LeiKa-Schlüssel."]);
        assert_eq!(v.gueltig, 1);
    }

    #[test]
    fn a_correct_file_gives_pairs_and_round_trips() {
        let tabelle = t(&[
            &["URL", "leika_1", "leika_2"],
            &["https://www.ahaus.de/hund", "99110009104000", "99110009070000|99110009104000"],
            &["https://www.ahaus.de/abbruch", "99012001000000", ""],
        ]);
        let (v, lieferung) = pruefen("a.csv", &tabelle, &katalog());
        assert!(v.fehlerfrei(), "{v:?}");
        let paare = lieferung.unwrap().paare;
        assert_eq!(paare.len(), 3);
        assert_eq!((v.seiten, v.zuordnungen), (2, 3));
        let zurueck = als_tabelle(&paare.iter().map(|(u, k, _)| (u.clone(), k.clone())).collect::<Vec<_>>());
        assert_eq!(zurueck[1], ["https://www.ahaus.de/hund", "99110009104000 99110009070000"]);
        let (v2, l2) = pruefen("b.csv", &zurueck, &katalog());
        assert!(v2.fehlerfrei());
        let ohne_nr = |p: Vec<(String, String, usize)>| p.into_iter().map(|(u, k, _)| (u, k)).collect::<Vec<_>>();
        assert_eq!(ohne_nr(l2.unwrap().paare), ohne_nr(paare), "download → upload gives the same delivery");
    }

    #[test]
    fn missing_columns_are_file_errors() {
        let (v, l) = pruefen("a.csv", &t(&[&["adresse der seite", "key"], &["x", "y"]]), &katalog());
        assert!(l.is_none());
        assert_eq!(v.datei_fehler.len(), 2);
        let (v, _) = pruefen("a.csv", &[], &katalog());
        assert_eq!(v.datei_fehler, ["Die Datei ist leer."]);
    }
}
