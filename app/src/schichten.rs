//! The layering rule, checked over the source text: a module may use its own layer and the
//! layers below it, never one above (`pages` → `components` → `api` → `store` → `model`), and no
//! two files use each other, directly or around a circle. A test, so that `make test` fails on
//! the first upward import instead of a reviewer finding it months later.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Rank of a top-level module; a file may refer only to ranks at or below its own.
fn rang(oben: &str) -> Option<u8> {
    Some(match oben {
        "model" | "error" | "pfad" => 0,
        "store" | "markdown" | "schranke" | "sitzung" | "live" => 1,
        "api" => 2,
        "components" => 3,
        "pages" => 4,
        _ => return None,
    })
}

/// Module path of a source file: `src/pages/roadmap/live.rs` → `pages::roadmap::live`.
fn modulpfad(src: &Path, datei: &Path) -> String {
    let rel = datei.strip_prefix(src).unwrap_or(datei).with_extension("");
    let mut teile: Vec<String> = rel.iter().map(|t| t.to_string_lossy().into_owned()).collect();
    if teile.last().is_some_and(|t| t == "mod" || t == "lib") {
        teile.pop();
    }
    teile.join("::")
}

fn dateien(dir: &Path, aus: &mut Vec<PathBuf>) {
    let Ok(eintraege) = std::fs::read_dir(dir) else { return };
    for e in eintraege.flatten() {
        let p = e.path();
        if p.is_dir() {
            dateien(&p, aus);
        } else if p.extension().is_some_and(|x| x == "rs") {
            aus.push(p);
        }
    }
}

/// The modules a file refers to by `crate::…` or `super::…` path (test modules and comments left
/// out).
fn bezuege(modul: &str, text: &str, module: &BTreeSet<String>) -> BTreeSet<String> {
    // Comments name modules without depending on them.
    let code: String = text
        .split("#[cfg(test)]")
        .next()
        .unwrap_or(text)
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let eltern = modul.rsplit_once("::").map_or("", |(e, _)| e);
    let mut aus = BTreeSet::new();
    for (praefix, basis) in [("crate::", ""), ("super::", eltern)] {
        for stueck in code.split(praefix).skip(1) {
            let pfad: String = stueck.chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':').collect();
            let mut voll: Vec<&str> = if basis.is_empty() { vec![] } else { basis.split("::").collect() };
            voll.extend(pfad.split("::").filter(|s| !s.is_empty()));
            // The longest prefix that is a file of its own.
            while !voll.is_empty() && !module.contains(&voll.join("::")) {
                voll.pop();
            }
            let ziel = voll.join("::");
            if !ziel.is_empty() && ziel != modul {
                aus.insert(ziel);
            }
        }
    }
    aus
}

/// All references between the files of `src`, by module path.
pub fn graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut liste = Vec::new();
    dateien(src, &mut liste);
    let module: BTreeSet<String> = liste.iter().map(|d| modulpfad(src, d)).collect();
    liste
        .iter()
        .map(|d| {
            let m = modulpfad(src, d);
            let text = std::fs::read_to_string(d).unwrap_or_default();
            let b = bezuege(&m, &text, &module);
            (m, b)
        })
        .collect()
}

/// References that go up a layer: "pages ← components::x".
pub fn aufwaerts(g: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    let oben = |m: &str| rang(m.split("::").next().unwrap_or(""));
    let mut aus = Vec::new();
    for (von, ziele) in g {
        for nach in ziele {
            if let (Some(a), Some(b)) = (oben(von), oben(nach))
                && b > a
            {
                aus.push(format!("{von} → {nach}"));
            }
        }
    }
    aus
}

/// One circle of files that refer to each other, if there is one.
pub fn kreis(g: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn besuchen(
        m: &str,
        g: &BTreeMap<String, BTreeSet<String>>,
        stapel: &mut Vec<String>,
        fertig: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = stapel.iter().position(|x| x == m) {
            let mut k = stapel[i..].to_vec();
            k.push(m.to_string());
            return Some(k);
        }
        if fertig.contains(m) {
            return None;
        }
        stapel.push(m.to_string());
        for n in g.get(m).into_iter().flatten() {
            if let Some(k) = besuchen(n, g, stapel, fertig) {
                return Some(k);
            }
        }
        stapel.pop();
        fertig.insert(m.to_string());
        None
    }
    let mut fertig = BTreeSet::new();
    g.keys().find_map(|m| besuchen(m, g, &mut Vec::new(), &mut fertig))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quellen() -> BTreeMap<String, BTreeSet<String>> {
        graph(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"))
    }

    #[test]
    fn keine_schicht_greift_nach_oben() {
        let g = quellen();
        assert!(g.len() > 50, "Quellen nicht gefunden");
        assert_eq!(aufwaerts(&g), Vec::<String>::new());
    }

    #[test]
    fn keine_zwei_dateien_brauchen_einander() {
        assert_eq!(kreis(&quellen()), None);
    }

    /// The server crate has no layers of this kind, but the same rule against circles: its
    /// modules (router, sicherheit, import, betrieb, …) form a tree a newcomer can read from
    /// `router.rs` down.
    #[test]
    fn keine_zwei_dateien_des_servers_brauchen_einander() {
        let g = graph(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../server/src"));
        assert!(g.len() > 20, "Quellen des Servers nicht gefunden");
        assert_eq!(kreis(&g), None);
    }

    #[test]
    fn der_pruefer_findet_kreise_und_aufwaertsbezuege() {
        let mut g = BTreeMap::new();
        g.insert("components::a".to_string(), BTreeSet::from(["pages::b".to_string()]));
        g.insert("pages::b".to_string(), BTreeSet::from(["components::a".to_string()]));
        assert_eq!(aufwaerts(&g), vec!["components::a → pages::b".to_string()]);
        assert!(kreis(&g).is_some());
    }
}
