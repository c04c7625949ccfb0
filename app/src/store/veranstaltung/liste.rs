//! The list of Veranstaltungen as a catalog: facets `art`, `tf` (Themenfeld id), `kreis` (AGS
//! of the Kreis the event takes place in), `zeit` (kommend / vergangen), each with "ist nicht
//! gleich"; search over title, place and Themenfeld with the catalogs' folding. There are a few
//! hundred events at most, so this filters in Rust on the full list ([`speicherliste`]).

use crate::model::filter::{KatalogAnfrage, Trefferseite};
use crate::model::text::fold;
use crate::model::veranstaltung::{Art, Veranstaltung};
use chrono::{Datelike, NaiveDate};

use super::super::speicherliste::{self, Listeneintrag};

impl Listeneintrag for Veranstaltung {
    const FACETTEN: &'static [(&'static str, &'static str)] =
        &[("zeit", "Zeitraum"), ("art", "Art"), ("tf", "Themenfeld"), ("kreis", "Kreis / kreisfreie Stadt")];
    type Kontext = NaiveDate;

    fn werte(&self, facette: &str, heute: &NaiveDate) -> Vec<(String, String)> {
        match facette {
            "art" => vec![(self.art.code().into(), self.art.label().into())],
            "tf" => self.themenfeld.iter().map(|(id, name, _)| (id.to_string(), name.clone())).collect(),
            "kreis" => self.kommune.iter().map(|(_, _, ags, name)| (ags.clone(), name.clone())).collect(),
            "zeit" if self.termin.vorbei(*heute) => vec![("vergangen".into(), "vergangen".into())],
            "zeit" => vec![("kommend".into(), "kommend und laufend".into())],
            _ => vec![],
        }
    }

    fn suchtext(&self) -> String {
        format!(
            "{} {} {} {} {}",
            self.titel,
            self.ort.as_deref().unwrap_or(""),
            self.themenfeld.as_ref().map(|t| t.1.as_str()).unwrap_or(""),
            self.kommune.as_ref().map(|k| format!("{} {}", k.1, k.3)).unwrap_or_default(),
            self.art.label()
        )
    }
}

/// Upcoming events first (soonest first), then past ones (latest first); `sort=datum` orders
/// all by date (`ab=1` backwards), `sort=titel` by title.
fn sortieren(v: &mut [Veranstaltung], a: &KatalogAnfrage, heute: NaiveDate) {
    match a.sort.as_deref() {
        Some("titel") => v.sort_by_key(|x| fold(&x.titel)),
        Some("datum") => v.sort_by_key(|x| (x.termin.von(), x.termin.bis(), x.id)),
        _ => v.sort_by_key(|x| {
            let vorbei = x.termin.vorbei(heute);
            let tag = x.termin.von().num_days_from_ce();
            (vorbei, if vorbei { -tag } else { tag }, x.id)
        }),
    }
}

/// The page of the query; the Art facet in the order of [`Art::ALLE`] rather than by label.
pub fn filtern(alle: Vec<Veranstaltung>, a: &KatalogAnfrage, heute: NaiveDate) -> Trefferseite<Veranstaltung> {
    let mut s = speicherliste::filtern(alle, a, &heute, |v| sortieren(v, a, heute));
    for f in s.facetten.iter_mut().filter(|f| f.schluessel == "art") {
        f.werte.sort_by_key(|w| Art::aus_code(&w.wert));
    }
    s
}

/// The events whose span touches the month (for the calendar; imprecise ones included).
pub fn im_monat(alle: &[Veranstaltung], jahr: i32, monat: u32) -> Vec<Veranstaltung> {
    let erster = NaiveDate::from_ymd_opt(jahr, monat, 1).unwrap_or_default();
    let letzter = erster.checked_add_months(chrono::Months::new(1)).and_then(|d| d.pred_opt()).unwrap_or(erster);
    alle.iter().filter(|v| v.termin.von() <= letzter && v.termin.bis() >= erster).cloned().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::veranstaltung::{Anmeldung, Termin};

    fn v(id: i64, art: Art, termin: &str, tf: Option<i64>) -> Veranstaltung {
        Veranstaltung {
            id,
            art,
            titel: format!("Veranstaltung {id}"),
            beschreibung: None,
            agenda: vec![],
            themenfeld: tf.map(|t| (t, format!("Themenfeld {t}"), format!("tf-{t}"))),
            termin: Termin::lesen(termin).unwrap(),
            termin_hinweis: None,
            ort: Some("Münster".into()),
            kommune: None,
            online: false,
            anmeldung_extern: None,
            anmeldung: Anmeldung::Keine,
            plaetze: None,
            belegt: 0,
            warteliste: 0,
            abmeldeschluss: None,
            abgesagt: false,
            quelle: String::new(),
            geaendert_ms: 0,
            version: 1,
        }
    }

    fn heute() -> NaiveDate {
        NaiveDate::from_ymd_opt(2019, 11, 13).unwrap()
    }

    fn alle() -> Vec<Veranstaltung> {
        vec![
            v(1, Art::Info, "18.10.2019", None),
            v(2, Art::Workshop, "03.12.2019", Some(7)),
            v(3, Art::Workshop, "Q1 2020", Some(7)),
            v(4, Art::Info, "22.11.2019", None),
            v(5, Art::Workshop, "Q4 2019", Some(2)),
        ]
    }

    #[test]
    fn upcoming_first_then_the_past_latest_first() {
        let s = filtern(alle(), &KatalogAnfrage::default(), heute());
        let ids: Vec<i64> = s.zeilen.iter().map(|v| v.id).collect();
        // Q4 2019 runs until 31.12. and so is not over; it starts 01.10., before the others.
        assert_eq!(ids, vec![5, 4, 2, 3, 1]);
    }

    #[test]
    fn facets_filter_negate_and_count_the_others() {
        let a = KatalogAnfrage::aus_query("art=workshop&tf=7");
        let s = filtern(alle(), &a, heute());
        assert_eq!(s.zeilen.iter().map(|v| v.id).collect::<Vec<_>>(), vec![2, 3]);
        let art = s.facetten.iter().find(|f| f.schluessel == "art").unwrap();
        // Counted under tf=7 alone: two workshops, no Info event has Themenfeld 7.
        assert_eq!(art.werte.iter().map(|w| (w.wert.as_str(), w.anzahl)).collect::<Vec<_>>(), vec![("workshop", 2)]);
        let nicht = filtern(alle(), &KatalogAnfrage::aus_query("zeit=vergangen&nicht_zeit=1&art=info"), heute());
        assert_eq!(nicht.zeilen.iter().map(|v| v.id).collect::<Vec<_>>(), vec![4]);
        let suche = filtern(alle(), &KatalogAnfrage::aus_query("q=munst+veranst"), heute());
        assert_eq!(suche.gesamt, 5);
        assert_eq!(filtern(alle(), &KatalogAnfrage::aus_query("q=koln"), heute()).gesamt, 0);
    }

    #[test]
    fn the_month_holds_what_touches_it() {
        let dez: Vec<i64> = im_monat(&alle(), 2019, 12).iter().map(|v| v.id).collect();
        assert_eq!(dez, vec![2, 5]);
        assert_eq!(im_monat(&alle(), 2020, 2).iter().map(|v| v.id).collect::<Vec<_>>(), vec![3]);
    }
}
