//! The OZG catalog: Themenfelder, Lebenslagen, OZG-Leistungen with the slides' attributes,
//! LeiKa-Leistungen and the Digitalisierungslabore.

use super::zeile::{Zeile, fehler, feld, ja_nein, lesen, liste, opt, ozg_id, zahl};
use super::{BASISDIENSTE_ID, Datei, ImportError, KDN_QUELLE, Kontext};
use app::model::ids::{LeikaKey, OzgId};
use app::model::leistung::Ebene;
use app::model::text::{fold, search_column, slug};
use app::store::{Arg, Sql};
use std::collections::{HashMap, HashSet};

impl Kontext {
    /// KDN ids 1-14, plus Basisdienste from the roadmap slide; coordination and workshop from
    /// the slides, filled only where still empty.
    pub(super) fn themenfelder(&mut self, katalog: &Datei, folien: &Datei) -> Result<(), ImportError> {
        let folie: HashMap<String, (usize, Zeile)> =
            lesen(folien)?.into_iter().map(|(nr, z)| (feld(&z, "themenfeld").to_string(), (nr, z))).collect();
        let mut namen: Vec<(i64, String, String)> = Vec::new();
        for (nr, z) in lesen(katalog)? {
            namen.push((zahl(katalog.name, nr, &z, "kdn_id")?, feld(&z, "themenfeld").to_string(), KDN_QUELLE.into()));
        }
        namen.push((
            BASISDIENSTE_ID,
            "Basisdienste".to_string(),
            "Folie „In 5 Steps zum OZG“ (April 2021), #5 Roadmap planen".to_string(),
        ));
        let mut zeilen = Vec::new();
        for (id, name, quelle) in namen {
            zeilen.push(themenfeld_zeile(id, &name, quelle, folie.get(&name).map(|(_, z)| z)));
            self.themenfelder.insert(name, id);
        }
        self.bericht.themenfelder = zeilen.len();
        for (name, (nr, _)) in &folie {
            if !self.themenfelder.contains_key(name) {
                return Err(fehler(folien.name, *nr, format!("Themenfeld „{name}“ gibt es im Katalog nicht")));
            }
        }
        self.bloecke(
            "INSERT INTO themenfeld (id, name, slug, koordination, quelle)",
            zeilen,
            "ON CONFLICT (id) DO UPDATE SET name = excluded.name, slug = excluded.slug, quelle = excluded.quelle, \
             koordination = COALESCE(themenfeld.koordination, excluded.koordination)",
        );
        Ok(())
    }

    pub(super) fn lebenslagen(&mut self, quelle: &Datei) -> Result<(), ImportError> {
        let mut zeilen = Vec::new();
        for (nr, z) in lesen(quelle)? {
            let id = zahl(quelle.name, nr, &z, "kdn_id")?;
            let tf = feld(&z, "themenfeld");
            let tf_id = self.themenfeld_id(quelle.name, nr, tf)?;
            let name = feld(&z, "lebenslage").to_string();
            self.lebenslagen.insert((name.clone(), tf.to_string()), id);
            zeilen.push(vec![Arg::Int(id), fold(&name).into(), name.into(), Arg::Int(tf_id)]);
        }
        self.bericht.lebenslagen = zeilen.len();
        self.bloecke(
            "INSERT INTO lebenslage (id, sortname, name, themenfeld_id)",
            zeilen,
            "ON CONFLICT (id) DO UPDATE SET name = excluded.name, sortname = excluded.sortname, themenfeld_id = excluded.themenfeld_id",
        );
        Ok(())
    }

    /// The OZG-Leistungen; their search text includes the names and keys of their LeiKa rows.
    pub(super) fn leistungen(&mut self, quelle: &Datei, leika: &[(usize, Zeile)]) -> Result<(), ImportError> {
        let leika_text = leika_text(leika);
        let d = quelle.name;
        let mut zeilen = Vec::new();
        for (nr, z) in lesen(quelle)? {
            let id = ozg_id(d, nr, feld(&z, "ozg_id"))?;
            let (tf, ll) = (feld(&z, "themenfeld"), feld(&z, "lebenslage"));
            let tf_id = self.themenfeld_id(d, nr, tf)?;
            let ll_id = *self
                .lebenslagen
                .get(&(ll.to_string(), tf.to_string()))
                .ok_or_else(|| fehler(d, nr, format!("Lebenslage „{ll}“ gibt es im Themenfeld „{tf}“ nicht")))?;
            let name = feld(&z, "name").to_string();
            let id_text = id.to_string();
            let mut teile: Vec<&str> = vec![&name, &id_text, ll, tf];
            if let Some(t) = leika_text.get(&id) {
                teile.extend(t.iter().map(String::as_str));
            }
            let suchtext = search_column(teile);
            let suchname = search_column([name.as_str()]);
            self.leistungen.insert(id);
            zeilen.push(vec![
                Arg::Int(id),
                name.into(),
                Arg::Int(ll_id),
                Arg::Int(tf_id),
                suchtext.into(),
                suchname.into(),
            ]);
        }
        self.bericht.leistungen = zeilen.len();
        self.bloecke(
            "INSERT INTO leistung (ozg_id, name, lebenslage_id, themenfeld_id, suchtext, suchname)",
            zeilen,
            "ON CONFLICT (ozg_id) DO UPDATE SET name = excluded.name, lebenslage_id = excluded.lebenslage_id, \
             themenfeld_id = excluded.themenfeld_id, suchtext = excluded.suchtext, suchname = excluded.suchname",
        );
        Ok(())
    }

    /// Values the slides give for single Leistungen; fill only what is still empty.
    pub(super) fn leistung_attribute(&mut self, quelle: &Datei) -> Result<(), ImportError> {
        let d = quelle.name;
        for (nr, z) in lesen(quelle)? {
            let id = self.katalog_ozg_id(d, nr, feld(&z, "ozg_id"))?;
            let mut ebenen = Vec::new();
            for teil in liste(feld(&z, "zustaendigkeit")) {
                ebenen.push(
                    Ebene::parse(teil).ok_or_else(|| fehler(d, nr, format!("unbekannte Zuständigkeit „{teil}“")))?,
                );
            }
            let prio = match opt(&z, "prioritaet") {
                Some(p) => Some(
                    p.parse::<i64>()
                        .ok()
                        .filter(|p| (1..=3).contains(p))
                        .ok_or_else(|| fehler(d, nr, format!("Priorität „{p}“ ist nicht 1, 2 oder 3")))?,
                ),
                None => None,
            };
            let mut s = Sql::new("UPDATE leistung SET zustaendigkeit = COALESCE(zustaendigkeit, ");
            s.bind(Ebene::speicherform(&ebenen));
            s.push("), prioritaet = COALESCE(prioritaet, ").bind(prio);
            s.push("), efa = COALESCE(efa, ").bind(ja_nein(d, nr, feld(&z, "efa"))?);
            s.push("), efa_hinweis = COALESCE(efa_hinweis, ").bind(opt(&z, "efa_hinweis"));
            s.push("), online_dienst_nrw = COALESCE(online_dienst_nrw, ");
            s.bind(ja_nein(d, nr, feld(&z, "online_dienst_nrw"))?);
            s.push("), weitere_aktivitaeten = COALESCE(weitere_aktivitaeten, ").bind(opt(&z, "weitere_aktivitaeten"));
            s.push("), attribute_quelle = COALESCE(attribute_quelle, ").bind(opt(&z, "folie"));
            s.push(") WHERE ozg_id = ").bind(id);
            self.sql.push(s);
        }
        Ok(())
    }

    /// Every LeiKa row is kept; invalid keys and missing OZG-IDs are stored as NULL and counted.
    pub(super) fn leika(&mut self, d: &'static str, leika: Vec<(usize, Zeile)>) -> Result<(), ImportError> {
        let mut zeilen = Vec::new();
        let mut gesehen: HashSet<String> = HashSet::new();
        for (nr, z) in leika {
            let roh = feld(&z, "leika_key").to_string();
            let schluessel = LeikaKey::parse(&roh).ok().map(|k| k.as_str().to_string());
            match &schluessel {
                Some(k) if !gesehen.insert(k.clone()) => {
                    return Err(fehler(d, nr, format!("LeiKa-Schlüssel {k} kommt doppelt vor")));
                }
                Some(_) => {}
                None => self.bericht.leika_ohne_schluessel += 1,
            }
            let ozg = match opt(&z, "ozg_id") {
                Some(o) => Some(self.katalog_ozg_id(d, nr, &o)?),
                None => {
                    self.bericht.leika_ohne_ozg += 1;
                    None
                }
            };
            let name = feld(&z, "name").to_string();
            let suchtext =
                search_column([name.as_str(), roh.as_str(), feld(&z, "ozg_id"), feld(&z, "rechtsgrundlage")]);
            let suchname = search_column([name.as_str()]);
            zeilen.push(vec![
                Arg::Int(zeilennummer(nr)),
                schluessel.into(),
                roh.into(),
                name.into(),
                opt(&z, "typisierung").into(),
                ozg.into(),
                opt(&z, "rechtsgrundlage").into(),
                opt(&z, "gesetze").into(),
                opt(&z, "gesetz_kuerzel").into(),
                suchtext.into(),
                suchname.into(),
            ]);
        }
        self.bericht.leika = zeilen.len();
        self.bloecke(
            "INSERT INTO leika (id, schluessel, schluessel_roh, name, typisierung, ozg_id, rechtsgrundlage, gesetze, gesetz_kuerzel, suchtext, suchname)",
            zeilen,
            "ON CONFLICT (id) DO UPDATE SET schluessel = excluded.schluessel, schluessel_roh = excluded.schluessel_roh, \
             name = excluded.name, typisierung = excluded.typisierung, ozg_id = excluded.ozg_id, \
             rechtsgrundlage = excluded.rechtsgrundlage, gesetze = excluded.gesetze, gesetz_kuerzel = excluded.gesetz_kuerzel, \
             suchtext = excluded.suchtext, suchname = excluded.suchname",
        );
        Ok(())
    }

    /// Digitalisierungslabore named on the slides.
    pub(super) fn labore(&mut self, quelle: &Datei) -> Result<(), ImportError> {
        let d = quelle.name;
        let mut zeilen = Vec::new();
        for (nr, z) in lesen(quelle)? {
            let tf_id = self.themenfeld_id(d, nr, feld(&z, "themenfeld"))?;
            let ozg = opt(&z, "ozg_id").map(|o| ozg_id(d, nr, &o)).transpose()?;
            zeilen.push(vec![
                Arg::Int(zeilennummer(nr)),
                Arg::Int(tf_id),
                ozg.into(),
                feld(&z, "titel").into(),
                feld(&z, "status").into(),
                opt(&z, "hinweis").into(),
                feld(&z, "folie").into(),
            ]);
        }
        self.bericht.labore = zeilen.len();
        self.bloecke(
            "INSERT INTO labor (id, themenfeld_id, ozg_id, titel, status, hinweis, quelle)",
            zeilen,
            "ON CONFLICT (id) DO NOTHING",
        );
        Ok(())
    }

    /// An OZG-ID that must exist in the catalog read before.
    fn katalog_ozg_id(&self, d: &'static str, nr: usize, text: &str) -> Result<i64, ImportError> {
        let id = ozg_id(d, nr, text)?;
        if !self.leistungen.contains(&id) {
            return Err(fehler(d, nr, format!("OZG-ID {id} gibt es im Katalog nicht")));
        }
        Ok(id)
    }
}

/// A row's line number as its stable id (rows of these sources have no key of their own).
pub(super) fn zeilennummer(nr: usize) -> i64 {
    i64::try_from(nr).unwrap_or(i64::MAX)
}

/// Names and keys of the LeiKa rows per OZG-ID.
fn leika_text(leika: &[(usize, Zeile)]) -> HashMap<i64, Vec<String>> {
    let mut text: HashMap<i64, Vec<String>> = HashMap::new();
    for (_, z) in leika {
        if let Ok(id) = OzgId::parse(feld(z, "ozg_id")) {
            let e = text.entry(i64::from(id.get())).or_default();
            e.push(feld(z, "name").to_string());
            e.push(feld(z, "leika_key").to_string());
        }
    }
    text
}

/// One row of `themenfeld`, with the coordination from the slide when it names one. (The
/// workshops of a Themenfeld are Veranstaltungen: `folien::veranstaltungen`.)
fn themenfeld_zeile(id: i64, name: &str, quelle: String, folie: Option<&Zeile>) -> Vec<Arg> {
    let (koordination, folien_quelle) = match folie {
        Some(f) => (opt(f, "koordination"), opt(f, "folie")),
        None => (None, None),
    };
    let quelle = match folien_quelle {
        Some(f) if quelle != f => format!("{quelle}; Koordination: {f}"),
        _ => quelle,
    };
    vec![Arg::Int(id), name.into(), slug(name).into(), koordination.into(), quelle.into()]
}
