//! Squarified treemap layout (Bruls, Huizing, van Wijk 2000) for the Themenfeld map.
//! Pure arithmetic, so server render and hydration produce identical tile positions.

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rechteck {
    pub x: f64,
    pub y: f64,
    pub b: f64,
    pub h: f64,
}

impl Rechteck {
    /// Position as percentages of a `breite` × `hoehe` container, for CSS `left/top/width/height`.
    pub fn prozent(&self, breite: f64, hoehe: f64) -> (f64, f64, f64, f64) {
        (self.x / breite * 100.0, self.y / hoehe * 100.0, self.b / breite * 100.0, self.h / hoehe * 100.0)
    }
}

fn worst(row: &[f64], seite: f64) -> f64 {
    let summe: f64 = row.iter().sum();
    let max = row.iter().cloned().fold(f64::MIN, f64::max);
    let min = row.iter().cloned().fold(f64::MAX, f64::min);
    let s2 = seite * seite;
    let q2 = summe * summe;
    f64::max(s2 * max / q2, q2 / (s2 * min))
}

/// Lays out `werte` (need not be sorted; non-positive values get an empty rectangle) in a
/// `breite` × `hoehe` area. Returns one rectangle per input value, in input order.
pub fn layout(werte: &[f64], breite: f64, hoehe: f64) -> Vec<Rechteck> {
    let mut out = vec![Rechteck { x: 0.0, y: 0.0, b: 0.0, h: 0.0 }; werte.len()];
    let summe: f64 = werte.iter().filter(|v| **v > 0.0).sum();
    if summe <= 0.0 || breite <= 0.0 || hoehe <= 0.0 {
        return out;
    }
    let skala = breite * hoehe / summe;
    let mut idx: Vec<usize> = (0..werte.len()).filter(|i| werte[*i] > 0.0).collect();
    idx.sort_by(|a, b| werte[*b].total_cmp(&werte[*a]).then(a.cmp(b)));

    let (mut x, mut y, mut b, mut h) = (0.0, 0.0, breite, hoehe);
    let mut rest = idx.as_slice();
    while !rest.is_empty() {
        let seite = b.min(h);
        let mut n = 1;
        let flaeche = |i: usize| werte[i] * skala;
        let mut row: Vec<f64> = vec![flaeche(rest[0])];
        while n < rest.len() {
            let mut probe = row.clone();
            probe.push(flaeche(rest[n]));
            if worst(&probe, seite) <= worst(&row, seite) {
                row = probe;
                n += 1;
            } else {
                break;
            }
        }
        let row_summe: f64 = row.iter().sum();
        if b >= h {
            // Column along the left edge.
            let spalte = row_summe / h;
            let mut yy = y;
            for (k, a) in row.iter().enumerate() {
                let hh = a / spalte;
                out[rest[k]] = Rechteck { x, y: yy, b: spalte, h: hh };
                yy += hh;
            }
            x += spalte;
            b -= spalte;
        } else {
            // Row along the top edge.
            let zeile = row_summe / b;
            let mut xx = x;
            for (k, a) in row.iter().enumerate() {
                let bb = a / zeile;
                out[rest[k]] = Rechteck { x: xx, y, b: bb, h: zeile };
                xx += bb;
            }
            y += zeile;
            h -= zeile;
        }
        rest = &rest[n..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn areas_are_proportional_and_fill_the_box() {
        let werte = [6.0, 6.0, 4.0, 3.0, 2.0, 2.0, 1.0];
        let r = layout(&werte, 6.0, 4.0);
        let total: f64 = r.iter().map(|q| q.b * q.h).sum();
        assert!((total - 24.0).abs() < 1e-9);
        for (q, w) in r.iter().zip(werte) {
            assert!((q.b * q.h - w).abs() < 1e-9, "area {} for value {}", q.b * q.h, w);
            assert!(q.x >= -1e-9 && q.y >= -1e-9 && q.x + q.b <= 6.0 + 1e-9 && q.y + q.h <= 4.0 + 1e-9);
        }
    }

    #[test]
    fn tiles_do_not_overlap() {
        let werte = [53.0, 40.0, 31.0, 12.0, 9.0, 80.0, 5.0, 1.0];
        let r = layout(&werte, 16.0, 9.0);
        for i in 0..r.len() {
            for j in (i + 1)..r.len() {
                let (a, b) = (r[i], r[j]);
                let ox = (a.x + a.b).min(b.x + b.b) - a.x.max(b.x);
                let oy = (a.y + a.h).min(b.y + b.h) - a.y.max(b.y);
                assert!(ox <= 1e-9 || oy <= 1e-9, "tiles {i} and {j} overlap");
            }
        }
    }

    #[test]
    fn zero_values_get_no_area() {
        let r = layout(&[0.0, 5.0], 10.0, 10.0);
        assert_eq!(r[0].b * r[0].h, 0.0);
        assert!((r[1].b * r[1].h - 100.0).abs() < 1e-9);
        assert!(layout(&[0.0, 0.0], 10.0, 10.0).iter().all(|q| q.b == 0.0));
    }
}
