//! What the public slides name beyond the catalog: the coordination's contact persons and the
//! Umsetzungsprojekte of the roadmap. Both are created once and then belong to the coordinators.

use super::zeile::{datum, fehler, feld, lesen, liste, opt, ozg_id};
use super::{Datei, ImportError, Kontext};
use app::store::{Arg, Sql};

impl Kontext {
    /// Contact persons as printed on the slides. Added once by name, so a re-import never
    /// overwrites the coordinators' edits.
    pub(super) fn ansprechpersonen(&mut self, quelle: &Datei) -> Result<(), ImportError> {
        for (_, z) in lesen(quelle)? {
            let mut s = Sql::new(
                "INSERT INTO ansprechperson (kommune_ags, name, funktion, organisation, telefon, mobil, email, quelle) \
                 SELECT NULL, ",
            );
            s.bind(feld(&z, "name")).push(", ").bind(opt(&z, "funktion")).push(", ").bind(opt(&z, "organisation"));
            s.push(", ").bind(opt(&z, "telefon")).push(", ").bind(opt(&z, "mobil")).push(", ").bind(opt(&z, "email"));
            s.push(", ").bind(format!("Folie „{}“", feld(&z, "folie")));
            s.push(" WHERE NOT EXISTS (SELECT 1 FROM ansprechperson WHERE kommune_ags IS NULL AND name = ");
            s.bind(feld(&z, "name")).push(")");
            self.sql.push(s);
            self.bericht.ansprechpersonen += 1;
        }
        Ok(())
    }

    /// Umsetzungsprojekte of the roadmap slide. Created once by name; their links are added
    /// only while a project is unedited (version 1), so a coordinator's later changes stay.
    pub(super) fn roadmap(&mut self, quelle: &Datei) -> Result<(), ImportError> {
        let d = quelle.name;
        for (nr, z) in lesen(quelle)? {
            let name = feld(&z, "projekt");
            let mut s = Sql::new(
                "INSERT INTO projekt (name, vorbereitung, konzeption, umsetzung, pilotierung, inbetriebnahme, rollout, quelle) \
                 SELECT ",
            );
            s.bind(name);
            for k in ["vorbereitung", "konzeption", "umsetzung"] {
                s.push(", ").bind(datum(d, nr, &z, k)?);
            }
            s.push(", ").bind(Arg::OptDate(None));
            s.push(", ").bind(datum(d, nr, &z, "inbetriebnahme_nrw")?);
            s.push(", ").bind(datum(d, nr, &z, "start_rollout")?);
            s.push(", ").bind(format!("Folie „{}“", feld(&z, "folie")));
            s.push(" WHERE NOT EXISTS (SELECT 1 FROM projekt WHERE name = ").bind(name).push(")");
            self.sql.push(s);
            for tf in liste(feld(&z, "themenfelder")) {
                let tf_id = self.themenfeld_id(d, nr, tf)?;
                let mut s = Sql::new("INSERT INTO projekt_themenfeld (projekt_id, themenfeld_id) SELECT id, ");
                s.bind(tf_id).push(" FROM projekt WHERE version = 1 AND name = ").bind(name);
                s.push(" ON CONFLICT (projekt_id, themenfeld_id) DO NOTHING");
                self.sql.push(s);
            }
            for o in liste(feld(&z, "ozg_ids")) {
                let mut s = Sql::new("INSERT INTO projekt_leistung (projekt_id, ozg_id) SELECT id, ");
                s.bind(ozg_id(d, nr, o)?).push(" FROM projekt WHERE version = 1 AND name = ").bind(name);
                s.push(" ON CONFLICT (projekt_id, ozg_id) DO NOTHING");
                self.sql.push(s);
            }
            self.bericht.projekte += 1;
        }
        Ok(())
    }
}

impl Kontext {
    /// Veranstaltungen the slides name, with the date as precise as the slide gives it (a quarter
    /// stays a quarter). Added once by their key; afterwards they belong to the coordinators.
    pub(super) fn veranstaltungen(&mut self, quelle: &Datei) -> Result<(), ImportError> {
        use app::model::veranstaltung::{Art, Termin};
        let d = quelle.name;
        for (nr, z) in lesen(quelle)? {
            let art = Art::aus_code(feld(&z, "art"))
                .ok_or_else(|| fehler(d, nr, format!("unbekannte Art „{}“", feld(&z, "art"))))?;
            let termin = Termin::lesen(feld(&z, "termin")).map_err(|m| fehler(d, nr, m))?;
            let themenfeld = match opt(&z, "themenfeld") {
                Some(tf) => Some(self.themenfeld_id(d, nr, &tf)?),
                None => None,
            };
            let kommune = opt(&z, "kommune_ags");
            if let Some(ags) = &kommune
                && !self.gemeinden.contains(ags)
            {
                return Err(fehler(d, nr, format!("unbekannte Gemeinde „{ags}“")));
            }
            let agenda = opt(&z, "agenda").map(|a| a.split(" | ").map(str::trim).collect::<Vec<_>>().join("\n"));
            let quelle_text = match opt(&z, "anmerkung") {
                Some(a) => format!("Folie „{}“. {a}", feld(&z, "folie")),
                None => format!("Folie „{}“", feld(&z, "folie")),
            };
            let (beginn, ende) = termin.zeiten();
            let mut s = Sql::new(
                "INSERT INTO veranstaltung (art, titel, beschreibung, agenda, themenfeld_id, genauigkeit, von, bis, \
                 beginn_zeit, ende_zeit, termin_hinweis, ort, kommune_ags, anmeldung_extern, quelle, import_schluessel, \
                 geaendert_ms) VALUES (",
            );
            s.bind(art.code()).push(", ").bind(feld(&z, "titel")).push(", ").bind(opt(&z, "beschreibung"));
            s.push(", ").bind(agenda).push(", ").bind(themenfeld).push(", ").bind(termin.genauigkeit());
            s.push(", ").bind(Some(termin.von())).push(", ").bind(Some(termin.bis()));
            s.push(", ").bind(beginn).push(", ").bind(ende).push(", ").bind(opt(&z, "termin_hinweis"));
            s.push(", ").bind(opt(&z, "ort")).push(", ").bind(kommune).push(", ").bind(opt(&z, "anmeldung_extern"));
            s.push(", ")
                .bind(quelle_text)
                .push(", ")
                .bind(feld(&z, "schluessel"))
                .push(", ")
                .bind(app::store::jetzt_ms());
            s.push(") ON CONFLICT (import_schluessel) DO NOTHING");
            self.sql.push(s);
            self.bericht.veranstaltungen += 1;
        }
        Ok(())
    }
}

impl Kontext {
    /// The forum's boards: "Allgemeines und Themenübergreifendes" (the board the KDN slides show
    /// for "OZG kommunal", with its "Themenübergreifende Diskussion") and one per Themenfeld. Added
    /// once by their key; the coordination may rename them or open them for public reading.
    pub(super) fn foren(&mut self) {
        self.sql.push(Sql::new(
            "INSERT INTO forum_brett (slug, titel, beschreibung, reihenfolge) VALUES ('allgemein', \
             'Allgemeines und Themenübergreifendes', 'Themenübergreifende Diskussion', 0) ON CONFLICT (slug) DO NOTHING",
        ));
        // `WHERE` before `ON CONFLICT`: SQLite's parser needs it after a SELECT.
        self.sql.push(Sql::new(
            "INSERT INTO forum_brett (slug, titel, beschreibung, themenfeld_id, reihenfolge) \
             SELECT slug, name, 'Austausch im Themenfeld', id, id FROM themenfeld WHERE 1 = 1 ON CONFLICT (slug) DO NOTHING",
        ));
    }

    /// The public links the slides name (OZG-Informationsplattform, OZG-Katalog, the forum "OZG
    /// kommunal", …) as Link entries of the library, each added once by its key.
    pub(super) fn links(&mut self, quelle: &Datei) -> Result<(), ImportError> {
        let d = quelle.name;
        for (nr, z) in lesen(quelle)? {
            let link = feld(&z, "link");
            let gueltig =
                (link.starts_with("https://") || link.starts_with("http://")) && !link.contains(char::is_whitespace);
            if !gueltig {
                return Err(fehler(d, nr, format!("„{link}“ ist keine Webadresse")));
            }
            let mut s = Sql::new(
                "INSERT INTO dokument (titel, art, beschreibung, quelle, link, geaendert_ms, import_schluessel) VALUES (",
            );
            s.bind(feld(&z, "titel")).push(", 'link', ").bind(opt(&z, "beschreibung"));
            s.push(", ").bind(format!("Folie „{}“", feld(&z, "folie"))).push(", ").bind(link);
            s.push(", ").bind(app::store::jetzt_ms()).push(", ").bind(feld(&z, "schluessel"));
            s.push(") ON CONFLICT (import_schluessel) DO NOTHING");
            self.sql.push(s);
            self.bericht.links += 1;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Datei, Kontext};

    const KOPF: &str = "schluessel,art,titel,themenfeld,termin,termin_hinweis,ort,kommune_ags,agenda,beschreibung,anmeldung_extern,folie,anmerkung\n";

    fn lesen(zeile: &str) -> Result<Kontext, String> {
        let inhalt: &'static str = Box::leak(format!("{KOPF}{zeile}\n").into_boxed_str());
        let mut k = Kontext::default();
        k.themenfelder.insert("Bildung".into(), 3);
        k.gemeinden.insert("05158024".into());
        k.veranstaltungen(&Datei { name: "v.csv", inhalt }).map(|_| k).map_err(|e| e.to_string())
    }

    #[test]
    fn seed_events_are_checked_row_by_row() {
        let gut = lesen("a,workshop,W,Bildung,2019-Q4,voraussichtlich 12.12.,,05158024,Eins | Zwei,,,Folie,");
        assert_eq!(gut.map(|k| k.bericht.veranstaltungen).unwrap(), 1);
        for (zeile, teil) in [
            ("a,party,W,Bildung,2019-Q4,,,,,,,F,", "unbekannte Art"),
            ("a,workshop,W,Bildung,2019-Q5,,,,,,,F,", "Zeile 2: Ein Quartal"),
            ("a,workshop,W,Bauen,2019-Q4,,,,,,,F,", "unbekanntes Themenfeld „Bauen“"),
            ("a,workshop,W,,2019-12-03,,,05999999,,,,F,", "unbekannte Gemeinde „05999999“"),
            ("a,workshop,W,,irgendwann,,,,,,,F,", "kein Termin"),
        ] {
            let f = lesen(zeile).err().unwrap_or_default();
            assert!(f.contains(teil), "{zeile}: {f}");
        }
    }

    #[test]
    fn a_link_must_be_a_web_address() {
        let kopf = "schluessel,titel,link,beschreibung,folie\n";
        let lesen = |zeile: &str| {
            let inhalt: &'static str = Box::leak(format!("{kopf}{zeile}\n").into_boxed_str());
            let mut k = Kontext::default();
            k.links(&Datei { name: "l.csv", inhalt }).map(|_| k.bericht.links).map_err(|e| e.to_string())
        };
        assert_eq!(lesen("a,Forum,http://www.ozg-kommunal.de,,Folie"), Ok(1));
        for boese in ["javascript:alert(1)", "www.kdn.de", "https://a b.de"] {
            let e = lesen(&format!("a,X,{boese},,Folie")).unwrap_err();
            assert!(e.contains("Zeile") && e.contains("keine Webadresse"), "{e}");
        }
    }
}
