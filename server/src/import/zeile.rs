//! Reading the shipped CSV files: one row as a map from header to trimmed value, and the
//! checks that turn a bad value into an error naming file, line and column.

use super::{Datei, ImportError};
use app::model::ids::OzgId;
use std::collections::HashMap;

pub(super) type Zeile = HashMap<String, String>;

/// All rows with their line numbers as a spreadsheet shows them (the header is line 1).
pub(super) fn lesen(d: &Datei) -> Result<Vec<(usize, Zeile)>, ImportError> {
    let mut r = csv::ReaderBuilder::new().from_reader(d.inhalt.as_bytes());
    let kopf = r.headers().map_err(|fehler| ImportError::Csv { datei: d.name, fehler })?.clone();
    let mut out = Vec::new();
    for (i, rec) in r.records().enumerate() {
        let rec = rec.map_err(|fehler| ImportError::Csv { datei: d.name, fehler })?;
        let zeile: Zeile = kopf.iter().zip(rec.iter()).map(|(k, v)| (k.to_string(), v.trim().to_string())).collect();
        out.push((i + 2, zeile));
    }
    Ok(out)
}

/// The value of a column, empty when the column is missing.
pub(super) fn feld<'a>(z: &'a Zeile, k: &str) -> &'a str {
    z.get(k).map(String::as_str).unwrap_or("")
}

/// The value of a column, `None` when empty.
pub(super) fn opt(z: &Zeile, k: &str) -> Option<String> {
    Some(feld(z, k).to_string()).filter(|s| !s.is_empty())
}

pub(super) fn fehler(datei: &'static str, zeile: usize, meldung: impl Into<String>) -> ImportError {
    ImportError::Zeile { datei, zeile, meldung: meldung.into() }
}

pub(super) fn zahl(d: &'static str, nr: usize, z: &Zeile, k: &str) -> Result<i64, ImportError> {
    feld(z, k).parse().map_err(|_| fehler(d, nr, format!("Spalte {k}: „{}“ ist keine ganze Zahl", feld(z, k))))
}

/// A decimal number, with a comma or a point.
pub(super) fn dezimal(d: &'static str, nr: usize, z: &Zeile, k: &str) -> Result<f64, ImportError> {
    feld(z, k)
        .replace(',', ".")
        .parse()
        .map_err(|_| fehler(d, nr, format!("Spalte {k}: „{}“ ist keine Dezimalzahl", feld(z, k))))
}

pub(super) fn ja_nein(d: &'static str, nr: usize, wert: &str) -> Result<Option<bool>, ImportError> {
    match wert {
        "" => Ok(None),
        "ja" => Ok(Some(true)),
        "nein" => Ok(Some(false)),
        w => Err(fehler(d, nr, format!("„{w}“ ist weder ja noch nein"))),
    }
}

/// An OZG-ID as the number the tables store.
pub(super) fn ozg_id(d: &'static str, nr: usize, text: &str) -> Result<i64, ImportError> {
    let id = OzgId::parse(text).map_err(|e| fehler(d, nr, e.to_string()))?;
    Ok(i64::from(id.get()))
}

/// The non-empty parts of a `;`-separated list.
pub(super) fn liste(wert: &str) -> impl Iterator<Item = &str> {
    wert.split(';').map(str::trim).filter(|s| !s.is_empty())
}

/// A date written JJJJ-MM-TT; `None` when the column is empty.
pub(super) fn datum(d: &'static str, nr: usize, z: &Zeile, k: &str) -> Result<Option<chrono::NaiveDate>, ImportError> {
    match opt(z, k) {
        Some(v) => chrono::NaiveDate::parse_from_str(&v, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| fehler(d, nr, format!("„{v}“ in {k} ist kein Datum (JJJJ-MM-TT)"))),
        None => Ok(None),
    }
}
