//! Where the Kommunen are and who serves them: Kreise, Gemeinden, the IT-Dienstleister of the
//! KDN list (with documented corrections) and the areas each one serves.

use super::katalog::zeilennummer;
use super::zeile::{Zeile, dezimal, fehler, feld, lesen, liste, opt, zahl};
use super::{Datei, ImportError, KDN_QUELLE, Kontext, OWL_IT_ID};
use app::model::ids::{Ags, KreisAgs};
use app::model::kommune::Groessenklasse;
use app::model::text::search_column;
use app::store::Arg;

impl Kontext {
    /// Kreise and kreisfreie Städte.
    pub(super) fn kreise(&mut self, quelle: &Datei) -> Result<(), ImportError> {
        let d = quelle.name;
        let mut zeilen = Vec::new();
        for (nr, z) in lesen(quelle)? {
            let ags = KreisAgs::parse(feld(&z, "kreis_ags")).map_err(|e| fehler(d, nr, e.to_string()))?;
            let name = feld(&z, "name").to_string();
            self.kreise.insert(ags.as_str().to_string(), name.clone());
            zeilen.push(vec![
                ags.as_str().into(),
                search_column([name.as_str()]).into(),
                name.into(),
                feld(&z, "typ").into(),
                regierungsbezirk(feld(&z, "regierungsbezirk")).into(),
                Arg::Int(zahl(d, nr, &z, "einwohner")?),
                Arg::Int(zahl(d, nr, &z, "anzahl_gemeinden")?),
            ]);
        }
        self.bericht.kreise = zeilen.len();
        self.bloecke(
            "INSERT INTO kreis (ags, suchname, name, typ, regierungsbezirk, einwohner, anzahl_gemeinden)",
            zeilen,
            "ON CONFLICT (ags) DO UPDATE SET suchname = excluded.suchname, name = excluded.name, typ = excluded.typ, \
             regierungsbezirk = excluded.regierungsbezirk, einwohner = excluded.einwohner, anzahl_gemeinden = excluded.anzahl_gemeinden",
        );
        Ok(())
    }

    /// Gemeinden with their Größenklasse; each must lie in a Kreis read before.
    pub(super) fn gemeinden(&mut self, quelle: &Datei) -> Result<(), ImportError> {
        let mut zeilen = Vec::new();
        for (nr, z) in lesen(quelle)? {
            zeilen.push(self.gemeinde_zeile(quelle.name, nr, &z)?);
            self.gemeinden.insert(feld(&z, "ags").to_string());
        }
        self.bericht.kommunen = zeilen.len();
        self.bloecke(
            "INSERT INTO kommune (ags, suchname, name, typ, kreis_ags, regierungsbezirk, groessenklasse, groessenklasse_quelle, \
             flaeche_km2, einwohner, plz, laengengrad, breitengrad, verstaedterung, suchtext)",
            zeilen,
            "ON CONFLICT (ags) DO UPDATE SET suchname = excluded.suchname, name = excluded.name, typ = excluded.typ, \
             kreis_ags = excluded.kreis_ags, regierungsbezirk = excluded.regierungsbezirk, groessenklasse = excluded.groessenklasse, \
             groessenklasse_quelle = excluded.groessenklasse_quelle, flaeche_km2 = excluded.flaeche_km2, einwohner = excluded.einwohner, \
             plz = excluded.plz, laengengrad = excluded.laengengrad, breitengrad = excluded.breitengrad, \
             verstaedterung = excluded.verstaedterung, suchtext = excluded.suchtext",
        );
        Ok(())
    }

    fn gemeinde_zeile(&self, d: &'static str, nr: usize, z: &Zeile) -> Result<Vec<Arg>, ImportError> {
        let ags = Ags::parse(feld(z, "ags")).map_err(|e| fehler(d, nr, e.to_string()))?;
        let kreis = ags.kreis();
        let kreis_name = self.kreise.get(kreis.as_str());
        if feld(z, "kreis_ags") != kreis.as_str() || kreis_name.is_none() {
            return Err(fehler(d, nr, format!("Kreis {} der Gemeinde {ags} ist unbekannt", feld(z, "kreis_ags"))));
        }
        let gk_text = feld(z, "groessenklasse_nrw");
        let gk = Groessenklasse::aus_quelle(gk_text)
            .ok_or_else(|| fehler(d, nr, format!("unbekannte Größenklasse „{gk_text}“")))?;
        let name = feld(z, "name").to_string();
        let suchtext =
            search_column([name.as_str(), ags.as_str(), feld(z, "plz"), kreis_name.map(String::as_str).unwrap_or("")]);
        Ok(vec![
            ags.as_str().into(),
            search_column([name.as_str()]).into(),
            name.into(),
            feld(z, "typ").into(),
            kreis.as_str().into(),
            regierungsbezirk(feld(z, "regierungsbezirk")).into(),
            gk.code().into(),
            gk_text.into(),
            Arg::OptFloat(Some(dezimal(d, nr, z, "flaeche_km2")?)),
            Arg::Int(zahl(d, nr, z, "einwohner")?),
            feld(z, "plz").into(),
            Arg::OptFloat(Some(dezimal(d, nr, z, "laengengrad")?)),
            Arg::OptFloat(Some(dezimal(d, nr, z, "breitengrad")?)),
            feld(z, "verstaedterung").into(),
            suchtext.into(),
        ])
    }

    /// IT-Dienstleister of the KDN list with documented corrections, plus OWL-IT.
    pub(super) fn dienstleister(&mut self, quelle: &Datei) -> Result<(), ImportError> {
        let mut dl: Vec<(i64, Zeile)> = Vec::new();
        for (nr, z) in lesen(quelle)? {
            dl.push((zahl(quelle.name, nr, &z, "kdn_id")?, z));
        }
        korrigieren(&mut dl);
        let mut zeilen = Vec::new();
        for (id, z) in &dl {
            self.dienstleister.insert(*id);
            zeilen.push(vec![
                Arg::Int(*id),
                feld(z, "name").into(),
                opt(z, "street").into(),
                opt(z, "zip_code").into(),
                opt(z, "town").into(),
                opt(z, "url").map(|u| if u.contains("://") { u } else { format!("https://{u}") }).into(),
                KDN_QUELLE.into(),
                opt(z, "korrektur").into(),
            ]);
        }
        // OWL-IT is named by the membership source but has no entry in the 2021 KDN list.
        self.dienstleister.insert(OWL_IT_ID);
        zeilen.push(vec![
            Arg::Int(OWL_IT_ID),
            "Ostwestfalen-Lippe-IT (OWL-IT)".into(),
            Arg::OptText(None),
            Arg::OptText(None),
            Arg::OptText(None),
            Arg::OptText(None),
            "Zuordnungsliste der IT-Dienstleister (OWL-Journal, 10.03.2026); nicht in der KDN-Liste von 2021".into(),
            Arg::OptText(None),
        ]);
        self.bericht.dienstleister = zeilen.len();
        self.bloecke(
            "INSERT INTO dienstleister (id, name, strasse, plz, ort, url, quelle, korrektur)",
            zeilen,
            "ON CONFLICT (id) DO UPDATE SET name = excluded.name, strasse = excluded.strasse, plz = excluded.plz, \
             ort = excluded.ort, url = excluded.url, quelle = excluded.quelle, korrektur = excluded.korrektur",
        );
        Ok(())
    }

    /// Served areas, each with its source and the Kreise it covers.
    pub(super) fn gebiete(&mut self, quelle: &Datei) -> Result<(), ImportError> {
        let d = quelle.name;
        let mut zeilen = Vec::new();
        let mut verknuepfungen = Vec::new();
        for (nr, z) in lesen(quelle)? {
            let name = feld(&z, "dienstleister");
            let dl_id = dienstleister_zu_quelle(name)
                .ok_or_else(|| fehler(d, nr, format!("Dienstleister „{name}“ nicht zuzuordnen")))?;
            if !self.dienstleister.contains(&dl_id) {
                return Err(fehler(d, nr, format!("Dienstleister-ID {dl_id} fehlt")));
            }
            let id = zeilennummer(nr);
            zeilen.push(vec![
                Arg::Int(id),
                Arg::Int(dl_id),
                name.into(),
                feld(&z, "mitglied_oder_gebiet").into(),
                feld(&z, "art").into(),
                feld(&z, "stand").into(),
                feld(&z, "quelle").into(),
            ]);
            for k in liste(feld(&z, "kreis_ags")) {
                let k = KreisAgs::parse(k).map_err(|e| fehler(d, nr, e.to_string()))?;
                if !self.kreise.contains_key(k.as_str()) {
                    return Err(fehler(d, nr, format!("Kreis {k} ist unbekannt")));
                }
                verknuepfungen.push(vec![Arg::Int(id), k.as_str().into()]);
            }
        }
        self.bericht.gebiete = zeilen.len();
        self.bloecke(
            "INSERT INTO dienstleister_gebiet (id, dienstleister_id, quelle_name, bezeichnung, art, stand, quelle_url)",
            zeilen,
            "ON CONFLICT (id) DO UPDATE SET dienstleister_id = excluded.dienstleister_id, quelle_name = excluded.quelle_name, \
             bezeichnung = excluded.bezeichnung, art = excluded.art, stand = excluded.stand, quelle_url = excluded.quelle_url",
        );
        self.bloecke(
            "INSERT INTO dienstleister_gebiet_kreis (gebiet_id, kreis_ags)",
            verknuepfungen,
            "ON CONFLICT (gebiet_id, kreis_ags) DO NOTHING",
        );
        Ok(())
    }
}

fn regierungsbezirk(s: &str) -> String {
    s.trim_start_matches("Reg.-Bez.").trim().to_string()
}

/// Corrections of the KDN provider list, each recorded with the entry it changes.
fn korrigieren(dl: &mut [(i64, Zeile)]) {
    let url = |dl: &mut [(i64, Zeile)], id: i64, falsch: &str, richtig: &str| {
        if let Some((_, z)) = dl.iter_mut().find(|(i, z)| *i == id && feld(z, "url") == falsch) {
            z.insert("url".into(), richtig.into());
            z.insert("korrektur".into(), format!("Webadresse in der KDN-Liste: „{falsch}“"));
        }
    };
    url(dl, 9, "jkreis-mettmann.de", "kreis-mettmann.de");
    url(dl, 30, "emscheid.de", "remscheid.de");
    url(dl, 31, "jstadt.wuppertal.de", "stadt.wuppertal.de");
    // LWL (Münster) and LWV Hessen (Kassel) carry each other's address in the KDN list.
    let lwl = dl.iter().position(|(i, z)| *i == 13 && feld(z, "town") == "Kassel");
    let lwv = dl.iter().position(|(i, z)| *i == 14 && feld(z, "town") == "Münster");
    if let (Some(a), Some(b)) = (lwl, lwv) {
        for k in ["street", "zip_code", "town", "url"] {
            let va = feld(&dl[a].1, k).to_string();
            let vb = feld(&dl[b].1, k).to_string();
            dl[a].1.insert(k.into(), vb);
            dl[b].1.insert(k.into(), va);
        }
        let hinweis =
            "Anschrift und Webadresse waren in der KDN-Liste mit denen von LWL/LWV Hessen vertauscht".to_string();
        dl[a].1.insert("korrektur".into(), hinweis.clone());
        dl[b].1.insert("korrektur".into(), hinweis);
    }
    for (id, z) in dl.iter_mut() {
        if *id == 3 || *id == 10 {
            z.insert(
                "korrektur".into(),
                "laut OWL-Journal (10.03.2026) seit 01.01.2024 Teil von Ostwestfalen-Lippe-IT (OWL-IT)".into(),
            );
        }
    }
}

/// Which provider of the KDN list a row of the membership source speaks of.
fn dienstleister_zu_quelle(name: &str) -> Option<i64> {
    const ZUORDNUNG: [(&str, i64); 8] = [
        ("ITK Rheinland", 5),
        ("KRZN", 11),
        ("Südwestfalen-IT", 32),
        ("Ostwestfalen-Lippe-IT", OWL_IT_ID),
        ("KDVZ Rhein-Erft-Rur", 8),
        ("KAAW", 7),
        ("civitec", 2),
        ("regio iT", 17),
    ];
    ZUORDNUNG.iter().find(|(p, _)| name.starts_with(p)).map(|(_, id)| *id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{DIENSTLEISTER, GEBIETE};

    #[test]
    fn corrections_are_recorded() {
        let mut dl: Vec<(i64, Zeile)> =
            lesen(&DIENSTLEISTER).unwrap().into_iter().map(|(_, z)| (feld(&z, "kdn_id").parse().unwrap(), z)).collect();
        korrigieren(&mut dl);
        let get = |id: i64| dl.iter().find(|(i, _)| *i == id).map(|(_, z)| z.clone()).unwrap();
        assert_eq!(feld(&get(13), "town"), "Münster");
        assert_eq!(feld(&get(13), "url"), "lwl.org");
        assert_eq!(feld(&get(14), "town"), "Kassel");
        assert_eq!(feld(&get(30), "url"), "remscheid.de");
        assert!(feld(&get(30), "korrektur").contains("emscheid.de"));
    }

    #[test]
    fn every_membership_row_names_a_known_provider() {
        for (_, z) in lesen(&GEBIETE).unwrap() {
            assert!(dienstleister_zu_quelle(feld(&z, "dienstleister")).is_some(), "{}", feld(&z, "dienstleister"));
        }
    }

    #[test]
    fn regierungsbezirk_prefix_is_dropped() {
        assert_eq!(regierungsbezirk("Reg.-Bez. Düsseldorf"), "Düsseldorf");
    }
}
