//! The map's shapes: `data/karte_nrw.topo.json` (the BKG's VG250, derived by
//! `scripts/karte-daten.sh`; source, licence and command in data/SOURCES.md), compiled in,
//! decoded once per process and projected into SVG path data.
//!
//! The file is one TopoJSON topology: Gemeinden, Kreise, Regierungsbezirke and the Land share
//! their arcs, so neighbouring shapes meet exactly. The projection is equirectangular with the
//! longitudes shortened by cos(51.5°), the middle of NRW – at the size of one Land the
//! difference to UTM is below a pixel. Coordinates are whole numbers in a frame
//! [`BREITE`] units wide, so the path data needs no decimals.

use serde::Deserialize;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Width of the whole Land in SVG units.
pub const BREITE: f64 = 10_000.0;
const MITTE_BREITENGRAD: f64 = 51.5;
const DATEI: &str = include_str!("../../../../data/karte_nrw.topo.json");

#[derive(Deserialize)]
pub struct Topologie {
    pub arcs: Vec<Vec<[i64; 2]>>,
    transform: Transform,
    pub objects: HashMap<String, Sammlung>,
}

#[derive(Deserialize)]
struct Transform {
    scale: [f64; 2],
    translate: [f64; 2],
}

#[derive(Deserialize)]
pub struct Sammlung {
    pub geometries: Vec<Objekt>,
}

#[derive(Deserialize)]
pub struct Objekt {
    #[serde(flatten)]
    pub form: Bogenform,
    #[serde(default)]
    pub properties: Eigenschaften,
}

/// Rings as arc indices; a negative index `i` is arc `!i` backwards (TopoJSON).
#[derive(Deserialize)]
#[serde(tag = "type")]
pub enum Bogenform {
    Polygon { arcs: Vec<Vec<i64>> },
    MultiPolygon { arcs: Vec<Vec<Vec<i64>>> },
}

impl Bogenform {
    /// Every ring of the shape.
    pub fn ringe(&self) -> Vec<&Vec<i64>> {
        match self {
            Bogenform::Polygon { arcs } => arcs.iter().collect(),
            Bogenform::MultiPolygon { arcs } => arcs.iter().flatten().collect(),
        }
    }
}

#[derive(Deserialize, Default)]
pub struct Eigenschaften {
    pub ags: Option<String>,
    pub name: Option<String>,
    pub kreis: Option<String>,
    pub bezirk: Option<String>,
}

/// The box of a shape in SVG units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rahmen {
    pub x0: i64,
    pub y0: i64,
    pub x1: i64,
    pub y1: i64,
}

impl Rahmen {
    const LEER: Rahmen = Rahmen { x0: i64::MAX, y0: i64::MAX, x1: i64::MIN, y1: i64::MIN };
    fn mit(self, (x, y): (i64, i64)) -> Rahmen {
        Rahmen { x0: self.x0.min(x), y0: self.y0.min(y), x1: self.x1.max(x), y1: self.y1.max(y) }
    }
    pub fn und(self, o: Rahmen) -> Rahmen {
        self.mit((o.x0, o.y0)).mit((o.x1, o.y1))
    }
}

/// One area ready to draw: its key (AGS of Gemeinde or Kreis, the Bezirk's three digits, "05").
pub struct Form {
    pub schluessel: String,
    pub name: Option<String>,
    pub pfad: String,
    pub rahmen: Rahmen,
}

pub struct Geometrie {
    pub hoehe: i64,
    pub gemeinden: Vec<Form>,
    pub kreise: Vec<Form>,
    pub bezirke: Vec<Form>,
    pub land: Form,
}

impl Geometrie {
    pub fn gemeinde(&self, ags: &str) -> Option<&Form> {
        self.gemeinden.iter().find(|f| f.schluessel == ags)
    }
}

/// The decoded map, or why the compiled-in file could not be read (a unit test reads it).
pub fn geometrie() -> Result<&'static Geometrie, &'static str> {
    static GEOMETRIE: OnceLock<Result<Geometrie, String>> = OnceLock::new();
    GEOMETRIE.get_or_init(|| lesen(DATEI)).as_ref().map_err(String::as_str)
}

/// The raw topology of the compiled-in file (for the topology test).
pub fn topologie() -> Result<Topologie, String> {
    serde_json::from_str(DATEI).map_err(|e| format!("Kartendatei: {e}"))
}

fn lesen(text: &str) -> Result<Geometrie, String> {
    let t: Topologie = serde_json::from_str(text).map_err(|e| format!("Kartendatei: {e}"))?;
    let boegen = boegen_projizieren(&t);
    let ebene = |name: &str, schluessel: fn(&Eigenschaften) -> Option<&String>| -> Result<Vec<Form>, String> {
        let s = t.objects.get(name).ok_or_else(|| format!("Kartendatei ohne Ebene {name}"))?;
        s.geometries
            .iter()
            .map(|o| {
                let k = schluessel(&o.properties).cloned().unwrap_or_else(|| "05".into());
                Ok(form(k, o.properties.name.clone(), &o.form, &boegen))
            })
            .collect()
    };
    let mut land = ebene("land", |_| None)?;
    let land = land.pop().ok_or("Kartendatei ohne Land")?;
    Ok(Geometrie {
        hoehe: land.rahmen.y1,
        gemeinden: ebene("gemeinden", |e| e.ags.as_ref())?,
        kreise: ebene("kreise", |e| e.kreis.as_ref())?,
        bezirke: ebene("bezirke", |e| e.bezirk.as_ref())?,
        land,
    })
}

/// A projected coordinate as a whole number; the map's values lie within ±20,000.
#[allow(clippy::cast_possible_truncation)]
fn ganz(v: f64) -> i64 {
    v.round().clamp(-1e9, 1e9) as i64
}

/// Every arc as projected whole-number points (delta decoding, transform, projection).
fn boegen_projizieren(t: &Topologie) -> Vec<Vec<(i64, i64)>> {
    let [sx, sy] = t.transform.scale;
    let [tx, ty] = t.transform.translate;
    let grad = |b: &Vec<[i64; 2]>| {
        let (mut x, mut y) = (0_i64, 0_i64);
        b.iter()
            .map(|[dx, dy]| {
                x += dx;
                y += dy;
                (x as f64 * sx + tx, y as f64 * sy + ty)
            })
            .collect::<Vec<_>>()
    };
    let roh: Vec<Vec<(f64, f64)>> = t.arcs.iter().map(grad).collect();
    let kuerzung = MITTE_BREITENGRAD.to_radians().cos();
    let alle = roh.iter().flatten();
    let (lon0, lon1) = alle.clone().fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.0), b.max(p.0)));
    let lat1 = alle.fold(f64::MIN, |a, p| a.max(p.1));
    let massstab = BREITE / ((lon1 - lon0) * kuerzung);
    roh.iter()
        .map(|b| {
            b.iter()
                .map(|(lon, lat)| (ganz((lon - lon0) * kuerzung * massstab), ganz((lat1 - lat) * massstab)))
                .collect()
        })
        .collect()
}

/// The points of a ring, arcs joined (each arc starts where the last ended).
fn ring(bogen_ids: &[i64], boegen: &[Vec<(i64, i64)>]) -> Vec<(i64, i64)> {
    let mut punkte: Vec<(i64, i64)> = Vec::new();
    for &i in bogen_ids {
        let (index, rueckwaerts) = if i < 0 { (!i, true) } else { (i, false) };
        let Some(b) = usize::try_from(index).ok().and_then(|i| boegen.get(i)) else { continue };
        let mut teil: Vec<(i64, i64)> = b.clone();
        if rueckwaerts {
            teil.reverse();
        }
        let start = usize::from(!punkte.is_empty());
        punkte.extend(teil.into_iter().skip(start));
    }
    punkte.dedup();
    punkte
}

fn form(schluessel: String, name: Option<String>, f: &Bogenform, boegen: &[Vec<(i64, i64)>]) -> Form {
    let mut pfad = String::new();
    let mut rahmen = Rahmen::LEER;
    for r in f.ringe() {
        let punkte = ring(r, boegen);
        let Some(&(x0, y0)) = punkte.first() else { continue };
        pfad.push_str(&format!("M{x0} {y0}"));
        rahmen = rahmen.mit((x0, y0));
        let mut vorher = (x0, y0);
        for &(x, y) in &punkte[1..] {
            pfad.push_str(&format!("l{} {}", x - vorher.0, y - vorher.1));
            rahmen = rahmen.mit((x, y));
            vorher = (x, y);
        }
        pfad.push('z');
    }
    Form { schluessel, name, pfad, rahmen }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeSet, HashMap};

    fn boegen_einmal(objekte: &[&Objekt]) -> BTreeSet<i64> {
        let mut zahl: HashMap<i64, usize> = HashMap::new();
        for o in objekte {
            for r in o.form.ringe() {
                for &i in r {
                    *zahl.entry(if i < 0 { !i } else { i }).or_default() += 1;
                }
            }
        }
        zahl.into_iter().filter(|(_, n)| *n == 1).map(|(i, _)| i).collect()
    }

    /// Shared borders, no gaps: an arc bounds at most two Gemeinden, and the arcs that bound only
    /// one are exactly the Land's outline (an inner gap or overlap would add arcs used once). Each
    /// Kreis and Bezirk is the union of its Gemeinden.
    #[test]
    fn the_gemeinden_tile_the_land() {
        let t = topologie().unwrap();
        let gemeinden: Vec<&Objekt> = t.objects["gemeinden"].geometries.iter().collect();
        let mut nutzung: HashMap<i64, usize> = HashMap::new();
        for o in &gemeinden {
            for r in o.form.ringe() {
                for &i in r {
                    *nutzung.entry(if i < 0 { !i } else { i }).or_default() += 1;
                }
            }
        }
        assert!(nutzung.values().all(|&n| n <= 2), "ein Bogen grenzt an mehr als zwei Gemeinden");
        assert_eq!(nutzung.len(), t.arcs.len(), "Bögen, die keine Gemeinde nutzt");
        let land: Vec<&Objekt> = t.objects["land"].geometries.iter().collect();
        assert_eq!(boegen_einmal(&gemeinden), boegen_einmal(&land));
        for (ebene, stellen, feld) in [("kreise", 5, "kreis"), ("bezirke", 3, "bezirk")] {
            for o in &t.objects[ebene].geometries {
                let k = if feld == "kreis" { o.properties.kreis.clone() } else { o.properties.bezirk.clone() };
                let k = k.unwrap();
                let teile: Vec<&Objekt> = gemeinden
                    .iter()
                    .copied()
                    .filter(|g| g.properties.ags.as_deref().is_some_and(|a| a[..stellen] == k))
                    .collect();
                assert!(!teile.is_empty(), "{ebene} {k} ohne Gemeinden");
                assert_eq!(boegen_einmal(&teile), boegen_einmal(&[o]), "{ebene} {k}");
            }
        }
    }

    #[test]
    fn every_level_is_complete() {
        let g = geometrie().unwrap();
        let schluessel = |f: &[Form]| f.iter().map(|f| f.schluessel.clone()).collect::<BTreeSet<_>>();
        assert_eq!(schluessel(&g.gemeinden).len(), 396);
        assert_eq!(schluessel(&g.kreise).len(), 53);
        assert_eq!(schluessel(&g.bezirke), ["051", "053", "055", "057", "059"].map(String::from).into());
        assert!(g.gemeinden.iter().all(|f| f.schluessel.len() == 8 && f.name.is_some() && f.pfad.starts_with('M')));
        assert_eq!((g.land.rahmen.x0, g.land.rahmen.y0, g.land.rahmen.x1), (0, 0, ganz(BREITE)));
        assert!((9_000..11_000).contains(&g.hoehe), "NRW ist etwa so hoch wie breit: {}", g.hoehe);
        // Ahaus lies in the north-west: left of the middle and in the upper half.
        let ahaus = g.gemeinde("05554004").unwrap().rahmen;
        assert!(ahaus.x1 < 5_000 && ahaus.y1 < g.hoehe / 2, "{ahaus:?}");
    }

    #[test]
    fn a_reversed_arc_joins_backwards() {
        let boegen = vec![vec![(0, 0), (10, 0)], vec![(0, 10), (10, 0)]];
        // Ring: arc 0 forward, then arc 1 backwards (10,0 → 0,10), closed back to the start.
        assert_eq!(ring(&[0, !1], &boegen), vec![(0, 0), (10, 0), (0, 10)]);
        let f = form("x".into(), None, &Bogenform::Polygon { arcs: vec![vec![0, !1]] }, &boegen);
        assert_eq!(f.pfad, "M0 0l10 0l-10 10z");
        assert_eq!(f.rahmen, Rahmen { x0: 0, y0: 0, x1: 10, y1: 10 });
    }
}
