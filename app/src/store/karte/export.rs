//! The map of one view as files for slides and spreadsheets: a standalone SVG (map, title,
//! legend, counting rule and attribution inside, fills written out so that it needs no style
//! sheet and opens in a browser, an office suite or an image program alike) and the table of
//! its numbers for CSV, with the source and the attribution below the rows.

use crate::model::karte::{Flaeche, KATEGORIEN, Karte, Mass, NAMENSNENNUNG, RAMPE, muster};
use crate::model::text::xml;
use std::fmt::Write;

/// The exported picture's size in pixels (16:10, as slides are).
pub const BREITE: i64 = 1600;
pub const HOEHE: i64 = 1000;
/// Where the map sits in the picture: x, y, width, height.
const KARTENFELD: [i64; 4] = [40, 110, 1000, 830];
const LEGENDE_X: i64 = 1080;
const GRAU: &str = "#d9d9d9";

/// The fill of a class: a ramp colour or a category pattern (`{praefix}-{stil}`).
fn fuellung(mass: Mass, stil: usize, praefix: &str) -> String {
    if mass.geordnet() {
        RAMPE.get(stil).copied().unwrap_or(RAMPE[0]).to_string()
    } else {
        format!("url(#{praefix}-{stil})")
    }
}

/// The category patterns with tiles of `kachel` units, as `<pattern id="{praefix}-N">`.
fn muster_defs(praefix: &str, kachel: f64, strich: f64) -> String {
    let mut s = String::new();
    for (i, farbe) in KATEGORIEN.iter().enumerate() {
        let breite = if i == 6 { strich * 2.5 } else { strich };
        let _ = write!(
            s,
            r##"<pattern id="{praefix}-{i}" width="{kachel}" height="{kachel}" patternUnits="userSpaceOnUse"><rect width="{kachel}" height="{kachel}" fill="{farbe}"/><path d="{}" stroke="#1a1a1a" stroke-opacity="0.55" stroke-width="{breite}" stroke-linecap="round"/></pattern>"##,
            muster(i, kachel)
        );
    }
    s
}

/// Words of `text` in lines of at most `breite` characters (a longer word gets its own line).
pub fn umbrechen(text: &str, breite: usize) -> Vec<String> {
    let mut zeilen: Vec<String> = Vec::new();
    for wort in text.split_whitespace() {
        match zeilen.last_mut() {
            Some(z) if z.chars().count() + 1 + wort.chars().count() <= breite => {
                z.push(' ');
                z.push_str(wort);
            }
            _ => zeilen.push(wort.to_string()),
        }
    }
    zeilen
}

/// Lines of text from `y` on, `abstand` apart; returns the `y` below the last line.
fn zeilen(s: &mut String, x: i64, mut y: i64, abstand: i64, attribute: &str, zeilen: &[String]) -> i64 {
    for z in zeilen {
        let _ = write!(s, r#"<text x="{x}" y="{y}" {attribute}>{}</text>"#, xml(z));
        y += abstand;
    }
    y
}

/// The map's units, surroundings and borders, scaled into [`KARTENFELD`]; strokes are given in
/// map units for the scale of the picture, so that every renderer draws them alike.
fn kartenbild(s: &mut String, k: &Karte) {
    let [x, y, b, h] = k.rahmen;
    let [fx, fy, fb, fh] = KARTENFELD;
    let einheit = (b as f64 / fb as f64).max(h as f64 / fh as f64);
    let strich = |px: f64| (px * einheit * 100.0).round() / 100.0;
    let kachel = crate::model::karte::kachelgroesse(k.rahmen);
    let _ = write!(
        s,
        r#"<svg x="{fx}" y="{fy}" width="{fb}" height="{fh}" viewBox="{x} {y} {b} {h}" preserveAspectRatio="xMidYMid meet"><defs>{}</defs>"#,
        muster_defs("karte-kat", kachel, kachel / 6.0)
    );
    let _ = write!(s, r##"<g fill="#eceff3" stroke="#c5ccd3" stroke-width="{}">"##, strich(0.6));
    for d in &k.umgebung {
        let _ = write!(s, r#"<path d="{d}"/>"#);
    }
    let _ = write!(s, r##"</g><g stroke="#ffffff" stroke-width="{}" fill-rule="evenodd">"##, strich(0.6));
    for f in &k.flaechen {
        flaeche(s, k.anfrage.mass, f);
    }
    let _ = write!(s, r##"</g><g fill="none" stroke="#1b1f24" stroke-width="{}">"##, strich(1.4));
    for d in &k.grenzen {
        let _ = write!(s, r#"<path d="{d}"/>"#);
    }
    let _ = write!(s, r##"</g><g fill="none" stroke="#000000" stroke-width="{}">"##, strich(3.0));
    for f in k.flaechen.iter().filter(|f| f.markiert) {
        let _ = write!(s, r#"<path d="{}"/>"#, f.pfad);
    }
    s.push_str("</g></svg>");
}

fn flaeche(s: &mut String, mass: Mass, f: &Flaeche) {
    let fill = if f.verglichen { fuellung(mass, f.klasse, "karte-kat") } else { GRAU.to_string() };
    let _ = write!(s, r#"<path d="{}" fill="{fill}"><title>{}: {}</title></path>"#, f.pfad, xml(&f.name), xml(&f.text));
}

/// The legend at the right: one swatch per class with its count, then the counting rule.
fn legende(s: &mut String, k: &Karte) -> i64 {
    let m = k.anfrage.mass;
    let _ = write!(s, "<defs>{}</defs>", muster_defs("legende-kat", 12.0, 2.0));
    let mut y =
        zeilen(s, LEGENDE_X, 140, 26, r#"font-size="20" font-weight="bold""#, &[format!("Legende: {}", m.label())]);
    let mut eintrag = |s: &mut String, fill: &str, label: &str| {
        let _ = write!(
            s,
            r##"<rect x="{LEGENDE_X}" y="{}" width="36" height="24" fill="{fill}" stroke="#555555"/>"##,
            y - 4
        );
        let unten = zeilen(s, LEGENDE_X + 48, y + 14, 22, r#"font-size="17""#, &umbrechen(label, 44));
        y = unten.max(y + 34) + 4;
    };
    for kl in &k.legende {
        let label = format!("{} ({})", kl.label, kl.anzahl);
        eintrag(s, &fuellung(m, kl.stil, "legende-kat"), &label);
    }
    let grau = k.flaechen.iter().filter(|f| !f.verglichen).count();
    if grau > 0 {
        eintrag(s, GRAU, &format!("nicht im Vergleich ({grau})"));
    }
    if k.flaechen.iter().any(|f| f.markiert) {
        let markiert: Vec<&str> = k.flaechen.iter().filter(|f| f.markiert).map(|f| f.name.as_str()).collect();
        let _ = write!(
            s,
            r##"<rect x="{LEGENDE_X}" y="{}" width="36" height="24" fill="none" stroke="#000000" stroke-width="3"/>"##,
            y - 4
        );
        y = zeilen(
            s,
            LEGENDE_X + 48,
            y + 14,
            22,
            r#"font-size="17""#,
            &umbrechen(&format!("hervorgehoben: {}", markiert.join(", ")), 44),
        )
        .max(y + 34)
            + 4;
    }
    let regel = umbrechen(&format!("Wie gezählt wird: {}", m.regel()), 60);
    zeilen(s, LEGENDE_X, y + 16, 19, r##"font-size="14" fill="#333333""##, &regel)
}

/// The standalone SVG of the view: title, map, legend with counts, counting rule, Stand and
/// the attribution of the boundaries.
pub fn svg(k: &Karte) -> String {
    let titel = format!("{} – {}", k.titel, k.anfrage.mass.label());
    let mut s = String::with_capacity(k.flaechen.iter().map(|f| f.pfad.len() + 120).sum::<usize>() + 20_000);
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{BREITE}" height="{HOEHE}" viewBox="0 0 {BREITE} {HOEHE}" role="img" aria-labelledby="titel" font-family="Arial, Helvetica, sans-serif" fill="#1a1a1a"><title id="titel">{}</title><desc>{}</desc><rect width="{BREITE}" height="{HOEHE}" fill="#ffffff"/>"##,
        xml(&titel),
        xml(k.anfrage.mass.regel())
    );
    zeilen(&mut s, 40, 58, 30, r#"font-size="30" font-weight="bold""#, &umbrechen(&titel, 90));
    let mut unter = format!("Stand {} · OZG-Atlas NRW", k.stand);
    if let Some(kl) = k.anfrage.klasse.as_ref().and_then(|c| k.klassen.iter().find(|(code, _)| code == c)) {
        unter = format!("Nur gleiche Größenklasse verglichen: {} · {unter}", kl.1);
    }
    zeilen(&mut s, 40, 92, 22, r##"font-size="18" fill="#333333""##, &[unter]);
    kartenbild(&mut s, k);
    legende(&mut s, k);
    zeilen(&mut s, 40, HOEHE - 22, 18, r##"font-size="15" fill="#333333""##, &[NAMENSNENNUNG.to_string()]);
    s.push_str("</svg>\n");
    s
}

fn dezimal(z: Option<f64>) -> String {
    z.map(|z| format!("{z}").replace('.', ",")).unwrap_or_default()
}

/// The view's numbers as rows (head first) for CSV; below them, after an empty row, the
/// measure's counting rule, the Stand and the attribution – every row as wide as the head.
pub fn tabelle(k: &Karte) -> Vec<Vec<String>> {
    let gemeinden = k.anfrage.gemeinden();
    let m = k.anfrage.mass;
    let kopf: Vec<String> = [
        "AGS",
        if gemeinden { "Gemeinde" } else { "Kreis / kreisfreie Stadt" },
        if gemeinden { "Kreis" } else { "Regierungsbezirk" },
        "Größenklasse",
        "Einwohner",
        m.label(),
        "Wert (Zahl)",
        "Rang",
        "Im Vergleich",
    ]
    .map(String::from)
    .to_vec();
    let breite = kopf.len();
    let mut rows = vec![kopf];
    for f in &k.flaechen {
        rows.push(vec![
            f.schluessel.clone(),
            f.name.clone(),
            f.oben.clone(),
            f.groessenklasse_label.clone(),
            f.einwohner.to_string(),
            f.text.clone(),
            dezimal(f.zahl),
            f.rang.map(|r| r.to_string()).unwrap_or_default(),
            if f.verglichen { "ja" } else { "nein" }.into(),
        ]);
    }
    let fuss = [
        String::new(),
        format!("Quelle: OZG-Atlas NRW, {} – {}, Stand {}", k.titel, m.label(), k.stand),
        format!("Wie gezählt wird: {}", m.regel()),
        NAMENSNENNUNG.to_string(),
    ];
    rows.extend(fuss.into_iter().map(|t| {
        let mut z = vec![t];
        z.resize(breite, String::new());
        z
    }));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_break_between_words() {
        assert_eq!(umbrechen("eins zwei drei", 9), vec!["eins zwei", "drei"]);
        assert_eq!(umbrechen("Donaudampfschifffahrt kurz", 5), vec!["Donaudampfschifffahrt", "kurz"]);
        assert!(umbrechen("  ", 10).is_empty());
    }

    fn karte(name: &str) -> Karte {
        let f = Flaeche {
            schluessel: "05554004".into(),
            name: name.into(),
            oben: "Borken".into(),
            pfad: "M0 0h10v10h-10z".into(),
            link: "/kommunen/05554004".into(),
            text: "4,8 % (22 von 462)".into(),
            zahl: Some(4.8),
            klasse: 0,
            groessenklasse: "mittel".into(),
            groessenklasse_label: "Mittlere kreisangehörige Stadt".into(),
            einwohner: 1,
            verglichen: true,
            rang: Some(1),
            markiert: true,
        };
        Karte {
            anfrage: Default::default(),
            titel: "Test".into(),
            stufen: vec![],
            rahmen: [0, 0, 10, 10],
            flaechen: vec![f.clone(), Flaeche { verglichen: false, markiert: false, ..f }],
            umgebung: vec![],
            grenzen: vec![],
            legende: vec![],
            klassen: vec![],
            bezirke: vec![],
            kreise: vec![],
            landesweit: 0,
            relevant: vec![("Kreisfreie Stadt".into(), 462)],
            zustaendigkeit: Default::default(),
            stand: "01.01.2026".into(),
            namen: vec![],
            hinweis: None,
        }
    }

    #[test]
    fn the_svg_is_well_formed_xml_whatever_the_names() {
        use quick_xml::events::Event;
        let svg = svg(&karte("A&B <script>alert(1)</script> \"x\""));
        let mut leser = quick_xml::Reader::from_str(&svg);
        let mut texte = String::new();
        loop {
            match leser.read_event().expect("well-formed") {
                Event::Eof => break,
                Event::Text(t) => texte.push_str(&t.xml10_content()),
                Event::GeneralRef(r) => texte.push(match &*r {
                    "amp" => '&',
                    "lt" => '<',
                    "gt" => '>',
                    "quot" => '"',
                    andere => panic!("unexpected entity {andere:?}"),
                }),
                _ => {}
            }
        }
        assert!(!svg.contains("<script>"));
        assert!(texte.contains("A&B <script>"), "the name is kept as text");
        assert!(texte.contains("nicht im Vergleich (1)"));
        assert!(texte.contains(NAMENSNENNUNG));
    }

    #[test]
    fn the_csv_rows_are_as_wide_as_the_head() {
        let t = tabelle(&karte("Ahaus, Stadt"));
        assert!(t.iter().all(|z| z.len() == t[0].len()));
        assert_eq!(t[1][6], "4,8");
        assert_eq!(t.last().map(|z| z[0].as_str()), Some(NAMENSNENNUNG));
    }

    #[test]
    fn ordered_classes_fill_with_the_ramp_categories_with_patterns() {
        assert_eq!(fuellung(Mass::Anteil, 4, "p"), RAMPE[4]);
        assert_eq!(fuellung(Mass::Anteil, 99, "p"), RAMPE[0]);
        assert_eq!(fuellung(Mass::Dienstleister, 3, "p"), "url(#p-3)");
    }
}
