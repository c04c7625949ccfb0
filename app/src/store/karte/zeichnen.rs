//! One view of the map: the units of the chosen level with their values, classes, ranks and
//! links, the shapes around them and the legend. Pure: the numbers come in as a [`Grundlage`].

use super::geometrie::{Form, Geometrie, Rahmen};
use super::{DienstNutzung, GemeindeWert, Grundlage, KreisWert};
use crate::model::karte::*;
use crate::model::kommune::Groessenklasse;
use std::collections::HashMap;

const TAG_MS: i64 = 86_400_000;
/// Categories with their own colour; the rest share "weitere".
const EIGENE_FARBEN: usize = 7;

/// A unit before it is classed: its value as text, number and category.
struct Wert {
    text: String,
    zahl: Option<f64>,
    klasse: usize,
}

fn prozent(teil: i64, ganz: i64) -> f64 {
    if ganz == 0 { 0.0 } else { (teil as f64 * 1000.0 / ganz as f64).round() / 10.0 }
}

fn anteil(abgedeckt: i64, relevant: i64) -> Wert {
    let p = prozent(abgedeckt, relevant);
    Wert {
        text: format!("{} % ({abgedeckt} von {relevant})", zahl_text(p)),
        zahl: Some(p),
        klasse: klasse_von(p, &ANTEIL_GRENZEN),
    }
}

fn zahl_text(p: f64) -> String {
    format!("{p:.1}").replace('.', ",").trim_end_matches(",0").to_string()
}

fn dienste(n: i64) -> Wert {
    let text = if n == 1 { "1 Online-Dienst".to_string() } else { format!("{n} Online-Dienste") };
    Wert { text, zahl: Some(n as f64), klasse: klasse_von(n as f64, &DIENSTE_GRENZEN) }
}

/// The categories of the IT-Dienstleister measure: the most frequent among the Kreise first.
fn dienstleister_stile(kreise: &[KreisWert]) -> HashMap<String, usize> {
    let mut zahl: HashMap<String, usize> = HashMap::new();
    for k in kreise.iter().filter(|k| !k.dienstleister.is_empty()) {
        *zahl.entry(k.dienstleister.join(" / ")).or_default() += 1;
    }
    let mut reihe: Vec<(String, usize)> = zahl.into_iter().collect();
    reihe.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    reihe.into_iter().enumerate().map(|(i, (name, _))| (name, i.min(EIGENE_FARBEN))).collect()
}

fn dienstleister_wert(k: &KreisWert, stile: &HashMap<String, usize>) -> Wert {
    if k.dienstleister.is_empty() {
        return Wert { text: "keiner genannt".into(), zahl: None, klasse: EIGENE_FARBEN + 1 };
    }
    let text = k.dienstleister.join(" / ");
    let klasse = stile.get(&text).copied().unwrap_or(EIGENE_FARBEN);
    Wert { text, zahl: None, klasse }
}

/// What the values of one view depend on besides the numbers of a unit.
struct Kontext<'a> {
    stile: HashMap<String, usize>,
    jetzt_ms: i64,
    nutzung: Option<&'a DienstNutzung>,
}

/// A Gemeinde's state for the service of a use map: 2 in operation, 1 planned, 0 not reported.
fn genutzt(n: Option<&DienstNutzung>, ags: &str) -> u8 {
    match n {
        Some(n) if n.landesweit || n.in_betrieb.contains(ags) => 2,
        Some(n) if n.geplant.contains(ags) => 1,
        _ => 0,
    }
}

fn gemeinde_wert(m: Mass, g: &GemeindeWert, k: &KreisWert, x: &Kontext) -> Wert {
    let (stile, jetzt_ms) = (&x.stile, x.jetzt_ms);
    match m {
        Mass::Anteil => anteil(g.abgedeckt, g.relevant),
        Mass::Dienste => dienste(g.dienste),
        Mass::Lieferung => {
            let tage = g.lieferung_ms.map(|ms| (jetzt_ms - ms).max(0) / TAG_MS);
            let text = match tage {
                None => "keine Lieferung".to_string(),
                Some(0) => "heute geliefert".to_string(),
                Some(1) => "vor 1 Tag geliefert".to_string(),
                Some(t) => format!("vor {t} Tagen geliefert"),
            };
            Wert { text, zahl: tage.map(|t| t as f64), klasse: lieferung_klasse(tage) }
        }
        Mass::Dienstleister => dienstleister_wert(k, stile),
        Mass::Groessenklasse => {
            let gk = Groessenklasse::aus_code(&g.groessenklasse);
            let klasse = Groessenklasse::ALLE.iter().position(|x| Some(*x) == gk).unwrap_or(0);
            Wert { text: gk.map_or("unbekannt", Groessenklasse::label).into(), zahl: None, klasse }
        }
        Mass::Nutzung => {
            let stand = genutzt(x.nutzung, &g.ags);
            let text = match (stand, x.nutzung.is_some_and(|n| n.landesweit)) {
                (2, true) => "in Betrieb (Reichweite Land)",
                (2, false) => "in Betrieb",
                (1, _) => "geplant",
                _ => "nicht gemeldet",
            };
            Wert { text: text.into(), zahl: Some(f64::from(stand)), klasse: usize::from(stand) * 2 }
        }
    }
}

fn kreis_wert(m: Mass, k: &KreisWert, gem: &[&GemeindeWert], x: &Kontext) -> Wert {
    let (stile, jetzt_ms) = (&x.stile, x.jetzt_ms);
    match m {
        Mass::Anteil => anteil(gem.iter().map(|g| g.abgedeckt).sum(), gem.iter().map(|g| g.relevant).sum()),
        Mass::Dienste => dienste(k.dienste),
        Mass::Lieferung => {
            let alle = crate::model::anzahl(gem.len());
            let mit = crate::model::anzahl(
                gem.iter().filter(|g| g.lieferung_ms.is_some_and(|ms| jetzt_ms - ms <= 365 * TAG_MS)).count(),
            );
            Wert {
                text: format!("{mit} von {alle} Gemeinden mit Lieferung aus den letzten 365 Tagen"),
                zahl: Some(prozent(mit, alle)),
                klasse: lieferung_kreis_klasse(mit, alle),
            }
        }
        Mass::Dienstleister => dienstleister_wert(k, stile),
        Mass::Groessenklasse => {
            let (text, klasse) = if k.kreisfrei() { ("Kreisfreie Stadt", 0) } else { ("Kreis", 1) };
            Wert { text: text.into(), zahl: None, klasse }
        }
        Mass::Nutzung => {
            let zaehlen =
                |stand: u8| crate::model::anzahl(gem.iter().filter(|g| genutzt(x.nutzung, &g.ags) == stand).count());
            let (mit, geplant, alle) = (zaehlen(2), zaehlen(1), crate::model::anzahl(gem.len()));
            let p = prozent(mit, alle);
            let dazu = if geplant > 0 { format!(", {geplant} geplant") } else { String::new() };
            Wert {
                text: format!("{mit} von {alle} Gemeinden in Betrieb{dazu}"),
                zahl: Some(p),
                klasse: klasse_von(p, &ANTEIL_GRENZEN),
            }
        }
    }
}

fn bezirk_name(g: &Grundlage, code: &str) -> Option<String> {
    g.kreise
        .iter()
        .find(|k| k.ags.starts_with(code))
        .map(|k| format!("Regierungsbezirk {}", k.regierungsbezirk.trim_start_matches("Reg.-Bez. ")))
}

fn rahmen_mit_rand(r: Rahmen) -> [i64; 4] {
    let rand = ((r.x1 - r.x0).max(r.y1 - r.y0) / 25).max(20);
    [r.x0 - rand, r.y0 - rand, r.x1 - r.x0 + 2 * rand, r.y1 - r.y0 + 2 * rand]
}

/// The areas at this level, as unit drafts: key, name, the level above, shape, value, size class.
struct Einheit<'a> {
    schluessel: &'a str,
    name: &'a str,
    oben: String,
    form: &'a Form,
    wert: Wert,
    gk: (String, String),
    einwohner: i64,
    link: String,
}

fn einheiten<'a>(
    g: &'a Grundlage,
    geo: &'a Geometrie,
    a: &KartenAnfrage,
    praefix: &str,
    x: &Kontext,
) -> Vec<Einheit<'a>> {
    let kreise: HashMap<&str, &KreisWert> = g.kreise.iter().map(|k| (k.ags.as_str(), k)).collect();
    let formen = |liste: &'a [Form]| liste.iter().map(|f| (f.schluessel.as_str(), f)).collect::<HashMap<_, _>>();
    if a.gemeinden() {
        let formen = formen(&geo.gemeinden);
        g.gemeinden
            .iter()
            .filter(|gm| gm.ags.starts_with(praefix))
            .filter_map(|gm| {
                let k = kreise.get(gm.kreis_ags.as_str())?;
                let gk = Groessenklasse::aus_code(&gm.groessenklasse);
                Some(Einheit {
                    schluessel: &gm.ags,
                    name: &gm.name,
                    oben: k.name.clone(),
                    form: formen.get(gm.ags.as_str())?,
                    wert: gemeinde_wert(a.mass, gm, k, x),
                    gk: (gm.groessenklasse.clone(), gk.map_or("unbekannt", Groessenklasse::label).to_string()),
                    einwohner: gm.einwohner,
                    link: crate::pfad::kommune(&gm.ags),
                })
            })
            .collect()
    } else {
        let formen = formen(&geo.kreise);
        g.kreise
            .iter()
            .filter(|k| k.ags.starts_with(praefix))
            .filter_map(|k| {
                let gem: Vec<&GemeindeWert> = g.gemeinden.iter().filter(|gm| gm.kreis_ags == k.ags).collect();
                let gk = if k.kreisfrei() { ("kreisfrei", "Kreisfreie Stadt") } else { ("kreis", "Kreis") };
                Some(Einheit {
                    schluessel: &k.ags,
                    name: &k.name,
                    oben: bezirk_name(g, &k.ags[..3]).unwrap_or_default(),
                    form: formen.get(k.ags.as_str())?,
                    wert: kreis_wert(a.mass, k, &gem, x),
                    gk: (gk.0.to_string(), gk.1.to_string()),
                    einwohner: gem.iter().map(|gm| gm.einwohner).sum(),
                    link: a
                        .mit(|n| {
                            n.gebiet = k.ags.clone();
                            n.markiert = None;
                            n.klasse = None;
                        })
                        .pfad(),
                })
            })
            .collect()
    }
}

fn legende(m: Mass, gemeinden: bool, flaechen: &[Flaeche], stile: &HashMap<String, usize>) -> Vec<Klasse> {
    let anzahl = |stil: usize| crate::model::anzahl(flaechen.iter().filter(|f| f.klasse == stil).count());
    let labels: Vec<String> = match m {
        Mass::Anteil | Mass::Dienste | Mass::Lieferung | Mass::Nutzung => klassen_labels(m, gemeinden),
        Mass::Groessenklasse if gemeinden => Groessenklasse::ALLE.iter().map(|g| g.label().to_string()).collect(),
        Mass::Groessenklasse => vec!["Kreisfreie Stadt".into(), "Kreis".into()],
        Mass::Dienstleister => {
            let mut l = vec![String::new(); EIGENE_FARBEN + 2];
            for (name, stil) in stile.iter().filter(|(_, s)| **s < EIGENE_FARBEN) {
                l[*stil] = name.clone();
            }
            l[EIGENE_FARBEN] = "weitere".into();
            l[EIGENE_FARBEN + 1] = "keiner genannt".into();
            l
        }
    };
    labels
        .into_iter()
        .enumerate()
        .map(|(stil, label)| Klasse { label, stil, anzahl: anzahl(stil) })
        .filter(|k| !k.label.is_empty() && (m.geordnet() || k.anzahl > 0))
        .collect()
}

/// The map for `a`; `None` if the area does not exist.
pub fn zusammenstellen(
    g: &Grundlage,
    geo: &Geometrie,
    nutzung: Option<&DienstNutzung>,
    a: &KartenAnfrage,
    jetzt_ms: i64,
) -> Option<Karte> {
    let praefix = if a.gebiet.is_empty() { "05" } else { a.gebiet.as_str() };
    let (rahmen, titel_ort) = match a.gebiet.len() {
        0 => (geo.land.rahmen, "Nordrhein-Westfalen".to_string()),
        3 => (geo.bezirke.iter().find(|b| b.schluessel == a.gebiet)?.rahmen, bezirk_name(g, &a.gebiet)?),
        _ => {
            let k = g.kreise.iter().find(|k| k.ags == a.gebiet)?;
            (geo.kreise.iter().find(|f| f.schluessel == a.gebiet)?.rahmen, k.name.clone())
        }
    };
    let kontext = Kontext { stile: dienstleister_stile(&g.kreise), jetzt_ms, nutzung };
    let einheiten = einheiten(g, geo, a, praefix, &kontext);
    let verglichen = |e: &Einheit| a.klasse.as_ref().is_none_or(|k| *k == e.gk.0);
    let vergleichswerte: Vec<f64> = einheiten.iter().filter(|e| verglichen(e)).filter_map(|e| e.wert.zahl).collect();
    let raenge_alle = raenge(&vergleichswerte);
    let mut flaechen: Vec<Flaeche> = einheiten
        .iter()
        .map(|e| {
            let rang = (matches!(a.mass, Mass::Anteil | Mass::Dienste) && verglichen(e))
                .then(|| e.wert.zahl.and_then(|z| vergleichswerte.iter().position(|v| *v == z)))
                .flatten()
                .map(|i| raenge_alle[i]);
            Flaeche {
                schluessel: e.schluessel.to_string(),
                name: e.name.to_string(),
                oben: e.oben.clone(),
                pfad: e.form.pfad.clone(),
                link: e.link.clone(),
                text: e.wert.text.clone(),
                zahl: e.wert.zahl,
                klasse: e.wert.klasse,
                groessenklasse: e.gk.0.clone(),
                groessenklasse_label: e.gk.1.clone(),
                einwohner: e.einwohner,
                verglichen: verglichen(e),
                rang,
                markiert: a.markiert.as_deref() == Some(e.schluessel),
            }
        })
        .collect();
    flaechen.sort_by(|x, y| x.oben.cmp(&y.oben).then(x.name.cmp(&y.name)));
    let gemeinden = a.gemeinden();
    // Only the neighbours that reach into the frame: the rest would never show.
    let [rx, ry, rb, rh] = rahmen_mit_rand(rahmen);
    let sichtbar = |r: &Rahmen| r.x1 >= rx && r.x0 <= rx + rb && r.y1 >= ry && r.y0 <= ry + rh;
    let umgebung = if a.gebiet.is_empty() {
        Vec::new()
    } else {
        geo.kreise
            .iter()
            .filter(|k| !k.schluessel.starts_with(praefix) && sichtbar(&k.rahmen))
            .map(|k| k.pfad.clone())
            .collect()
    };
    let grenzen: Vec<String> = if gemeinden {
        geo.kreise.iter().filter(|k| k.schluessel.starts_with(praefix)).map(|k| k.pfad.clone()).collect()
    } else {
        geo.bezirke.iter().filter(|b| b.schluessel.starts_with(praefix)).map(|b| b.pfad.clone()).collect()
    };
    let stufen = stufen(g, a);
    let mut titel = format!("{titel_ort}: {}", if gemeinden { "Gemeinden" } else { "Kreise und kreisfreie Städte" });
    if let Some(n) = nutzung.filter(|_| a.mass == Mass::Nutzung) {
        titel = format!("Online-Dienst „{}“ – {titel}", n.name);
    }
    let klassen = if gemeinden {
        Groessenklasse::ALLE.iter().map(|g| (g.code().to_string(), g.label().to_string())).collect()
    } else {
        vec![("kreisfrei".into(), "Kreisfreie Stadt".into()), ("kreis".into(), "Kreis".into())]
    };
    let bezirke =
        geo.bezirke.iter().filter_map(|b| Some((b.schluessel.clone(), bezirk_name(g, &b.schluessel)?))).collect();
    let kreise = g.kreise.iter().map(|k| (k.ags.clone(), k.name.clone())).collect();
    Some(Karte {
        legende: legende(a.mass, gemeinden, &flaechen, &kontext.stile),
        anfrage: a.clone(),
        titel,
        stufen,
        rahmen: rahmen_mit_rand(rahmen),
        flaechen,
        umgebung,
        grenzen,
        klassen,
        bezirke,
        kreise,
        landesweit: g.landesweit,
        relevant: crate::model::kommune::Groessenklasse::ALLE
            .into_iter()
            .map(|k| (k.label().to_string(), g.relevant.get(k.code()).copied().unwrap_or(0)))
            .collect(),
        zustaendigkeit: g.zustaendigkeit,
        stand: g.heute.format("%d.%m.%Y").to_string(),
        hinweis: None,
        namen: {
            let mut n: Vec<String> = g.gemeinden.iter().map(|x| x.name.clone()).collect();
            n.sort();
            n
        },
    })
}

/// Land › Regierungsbezirk › Kreis, each a link keeping the measure.
fn stufen(g: &Grundlage, a: &KartenAnfrage) -> Vec<Stufe> {
    let ebene = |gebiet: &str| {
        a.mit(|n| {
            n.gebiet = gebiet.to_string();
            n.markiert = None;
        })
        .pfad()
    };
    let mut s = vec![Stufe { label: "Nordrhein-Westfalen".into(), link: ebene("") }];
    if a.gebiet.len() >= 3
        && let Some(name) = bezirk_name(g, &a.gebiet[..3])
    {
        s.push(Stufe { label: name, link: ebene(&a.gebiet[..3]) });
    }
    if let Some(k) = g.kreise.iter().find(|k| k.ags == a.gebiet) {
        s.push(Stufe { label: k.name.clone(), link: ebene(&k.ags) });
    }
    s
}
