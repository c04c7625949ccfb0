//! The visible part of a map (its SVG `viewBox`) under pan and zoom: pure arithmetic, shared by
//! the hydrated map (`components::karte::bewegen`) and its unit tests. The server draws the
//! whole frame; the browser only narrows the `viewBox`, so without JavaScript nothing changes.

/// A view box: x, y, width, height in map units.
pub type Rahmen = [f64; 4];

/// How far one can zoom in: an eighth of the frame's width.
pub const MAX_ZOOM: f64 = 8.0;

/// One zoom step of the buttons and the keys.
pub const ZOOM_SCHRITT: f64 = 1.5;

/// One pan step of the arrow keys, as a share of the visible width or height.
pub const PAN_SCHRITT: f64 = 0.2;

/// The box an element occupies on screen (CSS pixels, as `getBoundingClientRect` gives it).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bildschirm {
    pub links: f64,
    pub oben: f64,
    pub breite: f64,
    pub hoehe: f64,
}

/// Reads a `viewBox` attribute ("x y w h"); `None` unless four finite numbers with w, h > 0.
pub fn lesen(text: &str) -> Option<Rahmen> {
    let zahlen: Vec<f64> =
        text.split([' ', ',']).filter(|t| !t.is_empty()).map(str::parse).collect::<Result<_, _>>().ok()?;
    let [x, y, b, h] = <[f64; 4]>::try_from(zahlen).ok()?;
    ([x, y, b, h].iter().all(|z| z.is_finite()) && b > 0.0 && h > 0.0).then_some([x, y, b, h])
}

/// The `viewBox` attribute for `v` (rounded to a hundredth of a map unit).
pub fn text(v: Rahmen) -> String {
    let r = |z: f64| (z * 100.0).round() / 100.0;
    format!("{} {} {} {}", r(v[0]), r(v[1]), r(v[2]), r(v[3]))
}

/// `v` made valid inside the full frame `voll`: the frame's aspect ratio, between the whole
/// frame and [`MAX_ZOOM`], and never beyond the frame's edges.
pub fn klemmen(voll: Rahmen, v: Rahmen) -> Rahmen {
    let b = v[2].clamp(voll[2] / MAX_ZOOM, voll[2]);
    let h = b * voll[3] / voll[2];
    let x = v[0].clamp(voll[0], voll[0] + voll[2] - b);
    let y = v[1].clamp(voll[1], voll[1] + voll[3] - h);
    [x, y, b, h]
}

/// Zoomed by `faktor` (> 1 in, < 1 out) so that the map point `punkt` stays where it is.
pub fn zoomen(voll: Rahmen, v: Rahmen, faktor: f64, punkt: (f64, f64)) -> Rahmen {
    let b = (v[2] / faktor).clamp(voll[2] / MAX_ZOOM, voll[2]);
    let anteil = b / v[2];
    let x = punkt.0 - (punkt.0 - v[0]) * anteil;
    let y = punkt.1 - (punkt.1 - v[1]) * anteil;
    klemmen(voll, [x, y, b, v[3] * anteil])
}

/// Zoomed by `faktor` around the middle of the view (buttons, keys).
pub fn zoomen_mitte(voll: Rahmen, v: Rahmen, faktor: f64) -> Rahmen {
    zoomen(voll, v, faktor, (v[0] + v[2] / 2.0, v[1] + v[3] / 2.0))
}

/// Moved by `dx`, `dy` map units.
pub fn verschieben(voll: Rahmen, v: Rahmen, dx: f64, dy: f64) -> Rahmen {
    klemmen(voll, [v[0] + dx, v[1] + dy, v[2], v[3]])
}

/// Moved so that the map point `punkt` is in the middle (as far as the frame allows).
pub fn zentrieren(voll: Rahmen, v: Rahmen, punkt: (f64, f64)) -> Rahmen {
    klemmen(voll, [punkt.0 - v[2] / 2.0, punkt.1 - v[3] / 2.0, v[2], v[3]])
}

/// Whether `v` shows less than the whole frame.
pub fn gezoomt(voll: Rahmen, v: Rahmen) -> bool {
    v[2] < voll[2] * 0.999
}

/// Whether the map point `punkt` is inside the view.
pub fn sichtbar(v: Rahmen, punkt: (f64, f64)) -> bool {
    (v[0]..=v[0] + v[2]).contains(&punkt.0) && (v[1]..=v[1] + v[3]).contains(&punkt.1)
}

/// Map units per CSS pixel of an SVG drawn with `preserveAspectRatio="xMidYMid meet"`.
pub fn einheiten_je_pixel(v: Rahmen, bild: Bildschirm) -> f64 {
    let massstab = (bild.breite / v[2]).min(bild.hoehe / v[3]);
    if massstab > 0.0 { 1.0 / massstab } else { 0.0 }
}

/// The map point under the screen point `p` (the "meet" letterbox taken into account).
pub fn zu_karte(v: Rahmen, bild: Bildschirm, p: (f64, f64)) -> (f64, f64) {
    let e = einheiten_je_pixel(v, bild);
    if e <= 0.0 {
        return (v[0] + v[2] / 2.0, v[1] + v[3] / 2.0);
    }
    let (rand_x, rand_y) = ((bild.breite - v[2] / e) / 2.0, (bild.hoehe - v[3] / e) / 2.0);
    (v[0] + (p.0 - bild.links - rand_x) * e, v[1] + (p.1 - bild.oben - rand_y) * e)
}

#[cfg(test)]
mod tests {
    use super::*;

    const VOLL: Rahmen = [0.0, 0.0, 1000.0, 800.0];

    fn nah(a: Rahmen, b: Rahmen) -> bool {
        a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-9)
    }

    #[test]
    fn lesen_und_schreiben() {
        assert_eq!(lesen("10 -20.5 300 200"), Some([10.0, -20.5, 300.0, 200.0]));
        assert_eq!(lesen("1,2,3,4"), Some([1.0, 2.0, 3.0, 4.0]));
        for falsch in ["", "1 2 3", "1 2 3 4 5", "a b c d", "0 0 0 10", "0 0 10 -1", "0 0 NaN 1", "0 0 inf 1"] {
            assert_eq!(lesen(falsch), None, "{falsch}");
        }
        assert_eq!(text([1.0 / 3.0, 2.0, 100.0, 80.0]), "0.33 2 100 80");
        assert_eq!(lesen(&text(VOLL)), Some(VOLL));
    }

    #[test]
    fn zoom_haelt_den_punkt_und_die_grenzen() {
        let v = zoomen(VOLL, VOLL, 2.0, (250.0, 200.0));
        assert!(nah(v, [125.0, 100.0, 500.0, 400.0]), "{v:?}");
        // The point under the pointer stays under it: same share of the view before and after.
        assert!(((250.0 - v[0]) / v[2] - 0.25).abs() < 1e-9);
        // Never beyond MAX_ZOOM, never wider than the frame, the aspect ratio kept.
        let tief = (0..20).fold(VOLL, |v, _| zoomen_mitte(VOLL, v, 3.0));
        assert!((tief[2] - 125.0).abs() < 1e-9 && (tief[3] - 100.0).abs() < 1e-9, "{tief:?}");
        let weit = (0..20).fold(tief, |v, _| zoomen_mitte(VOLL, v, 1.0 / 3.0));
        assert!(nah(weit, VOLL), "{weit:?}");
        assert!(!gezoomt(VOLL, weit) && gezoomt(VOLL, tief));
    }

    #[test]
    fn verschieben_bleibt_im_rahmen() {
        assert!(nah(verschieben(VOLL, VOLL, 50.0, 50.0), VOLL), "ganz herausgezoomt: nichts zu verschieben");
        let v = [100.0, 100.0, 500.0, 400.0];
        assert!(nah(verschieben(VOLL, v, 50.0, -20.0), [150.0, 80.0, 500.0, 400.0]));
        assert!(nah(verschieben(VOLL, v, 5000.0, 5000.0), [500.0, 400.0, 500.0, 400.0]));
        assert!(nah(verschieben(VOLL, v, -5000.0, -5000.0), [0.0, 0.0, 500.0, 400.0]));
        assert!(nah(zentrieren(VOLL, v, (900.0, 50.0)), [500.0, 0.0, 500.0, 400.0]));
        assert!(sichtbar(v, (100.0, 500.0)) && !sichtbar(v, (99.0, 300.0)));
        // A hostile view box (from a page's attribute) is put back into the frame.
        assert!(nah(klemmen(VOLL, [-1e12, 1e12, 1e-9, 5.0]), [0.0, 700.0, 125.0, 100.0]));
    }

    #[test]
    fn bildschirm_zu_karte_mit_rand() {
        // A 1000 × 800 view drawn into 600 × 600 pixels: scale 0.6, 60 px bands above and below.
        let bild = Bildschirm { links: 10.0, oben: 20.0, breite: 600.0, hoehe: 600.0 };
        assert!((einheiten_je_pixel(VOLL, bild) - 1.0 / 0.6).abs() < 1e-9);
        let (x, y) = zu_karte(VOLL, bild, (10.0, 80.0));
        assert!(x.abs() < 1e-9 && y.abs() < 1e-9, "{x} {y}");
        let (x, y) = zu_karte(VOLL, bild, (610.0, 560.0));
        assert!((x - 1000.0).abs() < 1e-9 && (y - 800.0).abs() < 1e-9, "{x} {y}");
        let leer = Bildschirm { links: 0.0, oben: 0.0, breite: 0.0, hoehe: 0.0 };
        assert_eq!(einheiten_je_pixel(VOLL, leer), 0.0);
        assert_eq!(zu_karte(VOLL, leer, (5.0, 5.0)), (500.0, 400.0), "a hidden map: its middle");
    }
}
