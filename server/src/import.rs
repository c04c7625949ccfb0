//! Import of the shipped public data (see `data/SOURCES.md`) into the database.
//!
//! The files are compiled into the binary, so the server needs no data directory at run time.
//! The import runs in one transaction and upserts by the keys of the sources, so running it
//! again changes nothing; a checksum in `datenstand` lets a restart skip it entirely.
//! Values that coordinators may edit later (Zuständigkeit, Priorität, EfA, …) are only filled
//! where still empty, so a re-import never overwrites an edit.

use app::model::ids::{Ags, KreisAgs, LeikaKey, OzgId};
use app::model::kommune::Groessenklasse;
use app::model::leistung::Ebene;
use app::model::text::{fold, search_column, slug};
use app::store::{Arg, Db, Sql, StoreError};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

pub struct Datei {
    pub name: &'static str,
    pub inhalt: &'static str,
}

macro_rules! datei {
    ($pfad:literal) => {
        Datei { name: $pfad, inhalt: include_str!(concat!("../../data/", $pfad)) }
    };
}

pub const THEMENFELDER: Datei = datei!("quellen/kdn_ozg_themenfelder.csv");
pub const LEBENSLAGEN: Datei = datei!("quellen/kdn_ozg_lebenslagen.csv");
pub const LEISTUNGEN: Datei = datei!("quellen/kdn_ozg_leistungen.csv");
pub const LEIKA: Datei = datei!("quellen/kdn_leika_leistungen.csv");
pub const DIENSTLEISTER: Datei = datei!("quellen/kdn_it_dienstleister.csv");
pub const GEBIETE: Datei = datei!("quellen/it_dienstleister_mitglieder_aus_quellen.csv");
pub const KREISE: Datei = datei!("quellen/destatis_gv_nrw_kreise_2021-12-31.csv");
pub const GEMEINDEN: Datei = datei!("quellen/nrw_gemeinden_ags_kreis_einwohner_groessenklasse.csv");
pub const FOLIEN_THEMENFELDER: Datei = datei!("folien_themenfelder.csv");
pub const FOLIEN_LEISTUNGEN: Datei = datei!("folien_leistungsattribute.csv");
pub const FOLIEN_LABORE: Datei = datei!("folien_labore.csv");
pub const FOLIEN_PERSONEN: Datei = datei!("folien_ansprechpersonen.csv");
pub const FOLIEN_ROADMAP: Datei = datei!("folien_roadmap.csv");
pub const WSP: Datei = datei!("quellen/wsp_nrw_live_onlinedienste_leika.csv");

const ALLE: [&Datei; 14] = [
    &THEMENFELDER,
    &LEBENSLAGEN,
    &LEISTUNGEN,
    &LEIKA,
    &DIENSTLEISTER,
    &GEBIETE,
    &KREISE,
    &GEMEINDEN,
    &FOLIEN_THEMENFELDER,
    &FOLIEN_LEISTUNGEN,
    &FOLIEN_LABORE,
    &FOLIEN_PERSONEN,
    &FOLIEN_ROADMAP,
    &WSP,
];

const KDN_QUELLE: &str = "KDN OZG-Datenbank NRW (MIT), Entwicklungsstand 2021";
const WSP_QUELLE: &str = "Wirtschafts-Service-Portal.NRW, öffentliche Liste der Online-Dienste (2021)";
const WSP_ANBIETER: &str = "Wirtschafts-Service-Portal.NRW";
/// The portal's paths in the source are relative to this address.
const WSP_URL: &str = "https://wirtschafts-service-portal.nrw";
const BASISDIENSTE_ID: i64 = 15;
const OWL_IT_ID: i64 = 100;
/// Rows per multi-row INSERT; keeps PostgreSQL below its 65,535 parameters per statement.
const BLOCK: usize = 400;

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{datei}: CSV nicht lesbar: {fehler}")]
    Csv { datei: &'static str, fehler: csv::Error },
    #[error("{datei}, Zeile {zeile}: {meldung}")]
    Zeile { datei: &'static str, zeile: usize, meldung: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

type Zeile = HashMap<String, String>;

fn lesen(d: &Datei) -> Result<Vec<(usize, Zeile)>, ImportError> {
    let mut r = csv::ReaderBuilder::new().from_reader(d.inhalt.as_bytes());
    let kopf = r.headers().map_err(|fehler| ImportError::Csv { datei: d.name, fehler })?.clone();
    let mut out = Vec::new();
    for (i, rec) in r.records().enumerate() {
        let rec = rec.map_err(|fehler| ImportError::Csv { datei: d.name, fehler })?;
        let zeile: Zeile = kopf.iter().zip(rec.iter()).map(|(k, v)| (k.to_string(), v.trim().to_string())).collect();
        // Line numbers as a spreadsheet shows them: header is line 1.
        out.push((i + 2, zeile));
    }
    Ok(out)
}

fn feld<'a>(z: &'a Zeile, k: &str) -> &'a str {
    z.get(k).map(String::as_str).unwrap_or("")
}

fn opt(z: &Zeile, k: &str) -> Option<String> {
    Some(feld(z, k).to_string()).filter(|s| !s.is_empty())
}

fn fehler(datei: &'static str, zeile: usize, meldung: impl Into<String>) -> ImportError {
    ImportError::Zeile { datei, zeile, meldung: meldung.into() }
}

fn zahl(d: &'static str, nr: usize, z: &Zeile, k: &str) -> Result<i64, ImportError> {
    feld(z, k).parse().map_err(|_| fehler(d, nr, format!("Spalte {k}: „{}“ ist keine ganze Zahl", feld(z, k))))
}

fn dezimal(d: &'static str, nr: usize, z: &Zeile, k: &str) -> Result<f64, ImportError> {
    feld(z, k)
        .replace(',', ".")
        .parse()
        .map_err(|_| fehler(d, nr, format!("Spalte {k}: „{}“ ist keine Dezimalzahl", feld(z, k))))
}

fn ja_nein(d: &'static str, nr: usize, wert: &str) -> Result<Option<bool>, ImportError> {
    match wert {
        "" => Ok(None),
        "ja" => Ok(Some(true)),
        "nein" => Ok(Some(false)),
        w => Err(fehler(d, nr, format!("„{w}“ ist weder ja noch nein"))),
    }
}

/// FNV-1a over all shipped files: changes whenever any source changes.
pub fn pruefsumme() -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for d in ALLE {
        for b in d.name.bytes().chain(d.inhalt.bytes()) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

fn bloecke(head: &str, zeilen: Vec<Vec<Arg>>, tail: &str, out: &mut Vec<Sql>) {
    let mut rest = zeilen;
    while !rest.is_empty() {
        let n = rest.len().min(BLOCK);
        let block: Vec<Vec<Arg>> = rest.drain(..n).collect();
        out.push(Sql::insert_rows(head, block, tail));
    }
}

/// What an import did, for the log and the tests.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Bericht {
    pub themenfelder: usize,
    pub lebenslagen: usize,
    pub leistungen: usize,
    pub leika: usize,
    pub leika_ohne_schluessel: usize,
    pub leika_ohne_ozg: usize,
    pub labore: usize,
    pub kreise: usize,
    pub kommunen: usize,
    pub dienstleister: usize,
    pub gebiete: usize,
    pub ansprechpersonen: usize,
    pub projekte: usize,
    pub onlinedienste: usize,
    pub onlinedienst_leika: usize,
}

/// Builds every statement of the import; nothing touches the database yet.
pub fn anweisungen() -> Result<(Vec<Sql>, Bericht), ImportError> {
    let mut sql = Vec::new();
    let mut bericht = Bericht::default();

    // Themenfelder: KDN ids 1-14, plus Basisdienste from the roadmap slide.
    let folien_tf: HashMap<String, (usize, Zeile)> =
        lesen(&FOLIEN_THEMENFELDER)?.into_iter().map(|(nr, z)| (feld(&z, "themenfeld").to_string(), (nr, z))).collect();
    let mut tf_ids: HashMap<String, i64> = HashMap::new();
    let mut zeilen = Vec::new();
    let mut tf_namen: Vec<(i64, String, String)> = Vec::new();
    for (nr, z) in lesen(&THEMENFELDER)? {
        tf_namen.push((
            zahl(THEMENFELDER.name, nr, &z, "kdn_id")?,
            feld(&z, "themenfeld").to_string(),
            KDN_QUELLE.to_string(),
        ));
    }
    tf_namen.push((
        BASISDIENSTE_ID,
        "Basisdienste".to_string(),
        "Folie „In 5 Steps zum OZG“ (April 2021), #5 Roadmap planen".to_string(),
    ));
    for (id, name, quelle) in tf_namen {
        let folie = folien_tf.get(&name);
        let (koordination, datum, ort, hinweis, folien_quelle) = match folie {
            Some((nr, f)) => {
                let datum = match opt(f, "workshop_datum") {
                    Some(d) => Some(chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").map_err(|_| {
                        fehler(FOLIEN_THEMENFELDER.name, *nr, format!("„{d}“ ist kein Datum (JJJJ-MM-TT)"))
                    })?),
                    None => None,
                };
                (opt(f, "koordination"), datum, opt(f, "workshop_ort"), opt(f, "workshop_hinweis"), opt(f, "folie"))
            }
            None => (None, None, None, None, None),
        };
        let quelle = match folien_quelle {
            Some(f) if quelle != f => format!("{quelle}; Koordination und Workshop: {f}"),
            _ => quelle,
        };
        tf_ids.insert(name.clone(), id);
        zeilen.push(vec![
            Arg::Int(id),
            name.clone().into(),
            slug(&name).into(),
            koordination.into(),
            datum.into(),
            ort.into(),
            hinweis.into(),
            quelle.into(),
        ]);
    }
    bericht.themenfelder = zeilen.len();
    for name in folien_tf.keys() {
        if !tf_ids.contains_key(name) {
            let (nr, _) = folien_tf[name];
            return Err(fehler(FOLIEN_THEMENFELDER.name, nr, format!("Themenfeld „{name}“ gibt es im Katalog nicht")));
        }
    }
    bloecke(
        "INSERT INTO themenfeld (id, name, slug, koordination, workshop_datum, workshop_ort, workshop_hinweis, quelle)",
        zeilen,
        "ON CONFLICT (id) DO UPDATE SET name = excluded.name, slug = excluded.slug, quelle = excluded.quelle, \
         koordination = COALESCE(themenfeld.koordination, excluded.koordination), \
         workshop_datum = COALESCE(themenfeld.workshop_datum, excluded.workshop_datum), \
         workshop_ort = COALESCE(themenfeld.workshop_ort, excluded.workshop_ort), \
         workshop_hinweis = COALESCE(themenfeld.workshop_hinweis, excluded.workshop_hinweis)",
        &mut sql,
    );

    // Lebenslagen.
    let mut ll_ids: HashMap<(String, String), i64> = HashMap::new();
    let mut zeilen = Vec::new();
    for (nr, z) in lesen(&LEBENSLAGEN)? {
        let id = zahl(LEBENSLAGEN.name, nr, &z, "kdn_id")?;
        let tf = feld(&z, "themenfeld");
        let tf_id =
            *tf_ids.get(tf).ok_or_else(|| fehler(LEBENSLAGEN.name, nr, format!("unbekanntes Themenfeld „{tf}“")))?;
        let name = feld(&z, "lebenslage").to_string();
        ll_ids.insert((name.clone(), tf.to_string()), id);
        zeilen.push(vec![Arg::Int(id), fold(&name).into(), name.into(), Arg::Int(tf_id)]);
    }
    bericht.lebenslagen = zeilen.len();
    bloecke(
        "INSERT INTO lebenslage (id, sortname, name, themenfeld_id)",
        zeilen,
        "ON CONFLICT (id) DO UPDATE SET name = excluded.name, sortname = excluded.sortname, themenfeld_id = excluded.themenfeld_id",
        &mut sql,
    );

    // LeiKa rows first in memory: their names and keys become part of the Leistung search text.
    let leika = lesen(&LEIKA)?;
    let mut leika_text: HashMap<i64, Vec<String>> = HashMap::new();
    for (_, z) in &leika {
        if let Ok(id) = OzgId::parse(feld(z, "ozg_id")) {
            let e = leika_text.entry(i64::from(id.get())).or_default();
            e.push(feld(z, "name").to_string());
            e.push(feld(z, "leika_key").to_string());
        }
    }

    // OZG-Leistungen.
    let mut ozg_ids: HashSet<i64> = HashSet::new();
    let mut zeilen = Vec::new();
    for (nr, z) in lesen(&LEISTUNGEN)? {
        let id = OzgId::parse(feld(&z, "ozg_id")).map_err(|e| fehler(LEISTUNGEN.name, nr, e.to_string()))?;
        let id = i64::from(id.get());
        let (tf, ll) = (feld(&z, "themenfeld"), feld(&z, "lebenslage"));
        let tf_id =
            *tf_ids.get(tf).ok_or_else(|| fehler(LEISTUNGEN.name, nr, format!("unbekanntes Themenfeld „{tf}“")))?;
        let ll_id = *ll_ids.get(&(ll.to_string(), tf.to_string())).ok_or_else(|| {
            fehler(LEISTUNGEN.name, nr, format!("Lebenslage „{ll}“ gibt es im Themenfeld „{tf}“ nicht"))
        })?;
        let name = feld(&z, "name").to_string();
        let id_text = id.to_string();
        let mut teile: Vec<&str> = vec![&name, &id_text, ll, tf];
        if let Some(t) = leika_text.get(&id) {
            teile.extend(t.iter().map(String::as_str));
        }
        let suchtext = search_column(teile);
        let suchname = search_column([name.as_str()]);
        ozg_ids.insert(id);
        zeilen.push(vec![
            Arg::Int(id),
            name.into(),
            Arg::Int(ll_id),
            Arg::Int(tf_id),
            suchtext.into(),
            suchname.into(),
        ]);
    }
    bericht.leistungen = zeilen.len();
    bloecke(
        "INSERT INTO leistung (ozg_id, name, lebenslage_id, themenfeld_id, suchtext, suchname)",
        zeilen,
        "ON CONFLICT (ozg_id) DO UPDATE SET name = excluded.name, lebenslage_id = excluded.lebenslage_id, \
         themenfeld_id = excluded.themenfeld_id, suchtext = excluded.suchtext, suchname = excluded.suchname",
        &mut sql,
    );

    // Values the slides give for single Leistungen; fill only what is still empty.
    for (nr, z) in lesen(&FOLIEN_LEISTUNGEN)? {
        let d = FOLIEN_LEISTUNGEN.name;
        let id = OzgId::parse(feld(&z, "ozg_id")).map_err(|e| fehler(d, nr, e.to_string()))?;
        let id = i64::from(id.get());
        if !ozg_ids.contains(&id) {
            return Err(fehler(d, nr, format!("OZG-ID {id} gibt es im Katalog nicht")));
        }
        let mut ebenen = Vec::new();
        for teil in feld(&z, "zustaendigkeit").split(';').filter(|s| !s.is_empty()) {
            ebenen.push(Ebene::parse(teil).ok_or_else(|| fehler(d, nr, format!("unbekannte Zuständigkeit „{teil}“")))?);
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
        s.push("), online_dienst_nrw = COALESCE(online_dienst_nrw, ").bind(ja_nein(
            d,
            nr,
            feld(&z, "online_dienst_nrw"),
        )?);
        s.push("), weitere_aktivitaeten = COALESCE(weitere_aktivitaeten, ").bind(opt(&z, "weitere_aktivitaeten"));
        s.push("), attribute_quelle = COALESCE(attribute_quelle, ").bind(opt(&z, "folie"));
        s.push(") WHERE ozg_id = ").bind(id);
        sql.push(s);
    }

    // LeiKa: every row is kept; invalid keys and missing OZG-IDs are stored as NULL and flagged.
    let mut zeilen = Vec::new();
    let mut schluessel_gesehen: HashSet<String> = HashSet::new();
    for (nr, z) in leika {
        let roh = feld(&z, "leika_key").to_string();
        let schluessel = LeikaKey::parse(&roh).ok().map(|k| k.as_str().to_string());
        if let Some(k) = &schluessel {
            if !schluessel_gesehen.insert(k.clone()) {
                return Err(fehler(LEIKA.name, nr, format!("LeiKa-Schlüssel {k} kommt doppelt vor")));
            }
        } else {
            bericht.leika_ohne_schluessel += 1;
        }
        let ozg = match opt(&z, "ozg_id") {
            Some(o) => {
                let id = OzgId::parse(&o).map_err(|e| fehler(LEIKA.name, nr, e.to_string()))?;
                let id = i64::from(id.get());
                if !ozg_ids.contains(&id) {
                    return Err(fehler(LEIKA.name, nr, format!("OZG-ID {id} gibt es im Katalog nicht")));
                }
                Some(id)
            }
            None => {
                bericht.leika_ohne_ozg += 1;
                None
            }
        };
        let name = feld(&z, "name").to_string();
        let suchtext = search_column([name.as_str(), roh.as_str(), feld(&z, "ozg_id"), feld(&z, "rechtsgrundlage")]);
        let suchname = search_column([name.as_str()]);
        zeilen.push(vec![
            Arg::Int(nr as i64),
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
    bericht.leika = zeilen.len();
    bloecke(
        "INSERT INTO leika (id, schluessel, schluessel_roh, name, typisierung, ozg_id, rechtsgrundlage, gesetze, gesetz_kuerzel, suchtext, suchname)",
        zeilen,
        "ON CONFLICT (id) DO UPDATE SET schluessel = excluded.schluessel, schluessel_roh = excluded.schluessel_roh, \
         name = excluded.name, typisierung = excluded.typisierung, ozg_id = excluded.ozg_id, \
         rechtsgrundlage = excluded.rechtsgrundlage, gesetze = excluded.gesetze, gesetz_kuerzel = excluded.gesetz_kuerzel, \
         suchtext = excluded.suchtext, suchname = excluded.suchname",
        &mut sql,
    );

    // Digitalisierungslabore named on the slides.
    let mut zeilen = Vec::new();
    for (nr, z) in lesen(&FOLIEN_LABORE)? {
        let d = FOLIEN_LABORE.name;
        let tf = feld(&z, "themenfeld");
        let tf_id = *tf_ids.get(tf).ok_or_else(|| fehler(d, nr, format!("unbekanntes Themenfeld „{tf}“")))?;
        let ozg = match opt(&z, "ozg_id") {
            Some(o) => Some(i64::from(OzgId::parse(&o).map_err(|e| fehler(d, nr, e.to_string()))?.get())),
            None => None,
        };
        zeilen.push(vec![
            Arg::Int(nr as i64),
            Arg::Int(tf_id),
            ozg.into(),
            feld(&z, "titel").into(),
            feld(&z, "status").into(),
            opt(&z, "hinweis").into(),
            feld(&z, "folie").into(),
        ]);
    }
    bericht.labore = zeilen.len();
    bloecke(
        "INSERT INTO labor (id, themenfeld_id, ozg_id, titel, status, hinweis, quelle)",
        zeilen,
        "ON CONFLICT (id) DO NOTHING",
        &mut sql,
    );

    // Kreise and kreisfreie Städte.
    let kreise = lesen(&KREISE)?;
    let kreis_namen: HashMap<String, String> =
        kreise.iter().map(|(_, z)| (feld(z, "kreis_ags").to_string(), feld(z, "name").to_string())).collect();
    let mut kreis_ags: HashSet<String> = HashSet::new();
    let mut zeilen = Vec::new();
    for (nr, z) in kreise {
        let d = KREISE.name;
        let ags = KreisAgs::parse(feld(&z, "kreis_ags")).map_err(|e| fehler(d, nr, e.to_string()))?;
        kreis_ags.insert(ags.as_str().to_string());
        let name = feld(&z, "name").to_string();
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
    bericht.kreise = zeilen.len();
    bloecke(
        "INSERT INTO kreis (ags, suchname, name, typ, regierungsbezirk, einwohner, anzahl_gemeinden)",
        zeilen,
        "ON CONFLICT (ags) DO UPDATE SET suchname = excluded.suchname, name = excluded.name, typ = excluded.typ, \
         regierungsbezirk = excluded.regierungsbezirk, einwohner = excluded.einwohner, anzahl_gemeinden = excluded.anzahl_gemeinden",
        &mut sql,
    );

    // Gemeinden with their Größenklasse.
    let mut zeilen = Vec::new();
    for (nr, z) in lesen(&GEMEINDEN)? {
        let d = GEMEINDEN.name;
        let ags = Ags::parse(feld(&z, "ags")).map_err(|e| fehler(d, nr, e.to_string()))?;
        let kreis = ags.kreis();
        if feld(&z, "kreis_ags") != kreis.as_str() || !kreis_ags.contains(kreis.as_str()) {
            return Err(fehler(d, nr, format!("Kreis {} der Gemeinde {ags} ist unbekannt", feld(&z, "kreis_ags"))));
        }
        let gk_text = feld(&z, "groessenklasse_nrw");
        let gk = Groessenklasse::aus_quelle(gk_text)
            .ok_or_else(|| fehler(d, nr, format!("unbekannte Größenklasse „{gk_text}“")))?;
        let name = feld(&z, "name").to_string();
        let suchtext = search_column([
            name.as_str(),
            ags.as_str(),
            feld(&z, "plz"),
            kreis_namen.get(kreis.as_str()).map(String::as_str).unwrap_or(""),
        ]);
        zeilen.push(vec![
            ags.as_str().into(),
            search_column([name.as_str()]).into(),
            name.into(),
            feld(&z, "typ").into(),
            kreis.as_str().into(),
            regierungsbezirk(feld(&z, "regierungsbezirk")).into(),
            gk.code().into(),
            gk_text.into(),
            Arg::OptFloat(Some(dezimal(d, nr, &z, "flaeche_km2")?)),
            Arg::Int(zahl(d, nr, &z, "einwohner")?),
            feld(&z, "plz").into(),
            Arg::OptFloat(Some(dezimal(d, nr, &z, "laengengrad")?)),
            Arg::OptFloat(Some(dezimal(d, nr, &z, "breitengrad")?)),
            feld(&z, "verstaedterung").into(),
            suchtext.into(),
        ]);
    }
    bericht.kommunen = zeilen.len();
    bloecke(
        "INSERT INTO kommune (ags, suchname, name, typ, kreis_ags, regierungsbezirk, groessenklasse, groessenklasse_quelle, \
         flaeche_km2, einwohner, plz, laengengrad, breitengrad, verstaedterung, suchtext)",
        zeilen,
        "ON CONFLICT (ags) DO UPDATE SET suchname = excluded.suchname, name = excluded.name, typ = excluded.typ, \
         kreis_ags = excluded.kreis_ags, regierungsbezirk = excluded.regierungsbezirk, groessenklasse = excluded.groessenklasse, \
         groessenklasse_quelle = excluded.groessenklasse_quelle, flaeche_km2 = excluded.flaeche_km2, einwohner = excluded.einwohner, \
         plz = excluded.plz, laengengrad = excluded.laengengrad, breitengrad = excluded.breitengrad, \
         verstaedterung = excluded.verstaedterung, suchtext = excluded.suchtext",
        &mut sql,
    );

    // IT-Dienstleister with documented corrections of the KDN list.
    let mut dl: Vec<(i64, Zeile)> = Vec::new();
    for (nr, z) in lesen(&DIENSTLEISTER)? {
        dl.push((zahl(DIENSTLEISTER.name, nr, &z, "kdn_id")?, z));
    }
    korrigieren(&mut dl);
    let mut dl_ids: HashSet<i64> = HashSet::new();
    let mut zeilen = Vec::new();
    for (id, z) in &dl {
        dl_ids.insert(*id);
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
    dl_ids.insert(OWL_IT_ID);
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
    bericht.dienstleister = zeilen.len();
    bloecke(
        "INSERT INTO dienstleister (id, name, strasse, plz, ort, url, quelle, korrektur)",
        zeilen,
        "ON CONFLICT (id) DO UPDATE SET name = excluded.name, strasse = excluded.strasse, plz = excluded.plz, \
         ort = excluded.ort, url = excluded.url, quelle = excluded.quelle, korrektur = excluded.korrektur",
        &mut sql,
    );

    // Served areas, each with its source.
    let mut zeilen = Vec::new();
    let mut verknuepfungen = Vec::new();
    for (nr, z) in lesen(&GEBIETE)? {
        let d = GEBIETE.name;
        let name = feld(&z, "dienstleister");
        let dl_id = dienstleister_zu_quelle(name)
            .ok_or_else(|| fehler(d, nr, format!("Dienstleister „{name}“ nicht zuzuordnen")))?;
        if !dl_ids.contains(&dl_id) {
            return Err(fehler(d, nr, format!("Dienstleister-ID {dl_id} fehlt")));
        }
        zeilen.push(vec![
            Arg::Int(nr as i64),
            Arg::Int(dl_id),
            name.into(),
            feld(&z, "mitglied_oder_gebiet").into(),
            feld(&z, "art").into(),
            feld(&z, "stand").into(),
            feld(&z, "quelle").into(),
        ]);
        for k in feld(&z, "kreis_ags").split(';').map(str::trim).filter(|s| !s.is_empty()) {
            let k = KreisAgs::parse(k).map_err(|e| fehler(d, nr, e.to_string()))?;
            if !kreis_ags.contains(k.as_str()) {
                return Err(fehler(d, nr, format!("Kreis {k} ist unbekannt")));
            }
            verknuepfungen.push(vec![Arg::Int(nr as i64), k.as_str().into()]);
        }
    }
    bericht.gebiete = zeilen.len();
    bloecke(
        "INSERT INTO dienstleister_gebiet (id, dienstleister_id, quelle_name, bezeichnung, art, stand, quelle_url)",
        zeilen,
        "ON CONFLICT (id) DO UPDATE SET dienstleister_id = excluded.dienstleister_id, quelle_name = excluded.quelle_name, \
         bezeichnung = excluded.bezeichnung, art = excluded.art, stand = excluded.stand, quelle_url = excluded.quelle_url",
        &mut sql,
    );
    bloecke(
        "INSERT INTO dienstleister_gebiet_kreis (gebiet_id, kreis_ags)",
        verknuepfungen,
        "ON CONFLICT (gebiet_id, kreis_ags) DO NOTHING",
        &mut sql,
    );

    // Contact persons of the coordination, as printed on the public slides. Added once by name;
    // afterwards they belong to the coordinators, so a re-import never overwrites their edits.
    for (_, z) in lesen(&FOLIEN_PERSONEN)? {
        let mut s = Sql::new(
            "INSERT INTO ansprechperson (kommune_ags, name, funktion, organisation, telefon, mobil, email, quelle) \
             SELECT NULL, ",
        );
        s.bind(feld(&z, "name")).push(", ").bind(opt(&z, "funktion")).push(", ").bind(opt(&z, "organisation"));
        s.push(", ").bind(opt(&z, "telefon")).push(", ").bind(opt(&z, "mobil")).push(", ").bind(opt(&z, "email"));
        s.push(", ").bind(format!("Folie „{}“", feld(&z, "folie")));
        s.push(" WHERE NOT EXISTS (SELECT 1 FROM ansprechperson WHERE kommune_ags IS NULL AND name = ");
        s.bind(feld(&z, "name")).push(")");
        sql.push(s);
        bericht.ansprechpersonen += 1;
    }

    // Umsetzungsprojekte of the roadmap slide. Created once by name; their links are added only
    // while a project is unedited (version 1), so a coordinator's later changes stay.
    for (nr, z) in lesen(&FOLIEN_ROADMAP)? {
        let d = FOLIEN_ROADMAP.name;
        let name = feld(&z, "projekt");
        let datum = |k: &str| -> Result<Option<chrono::NaiveDate>, ImportError> {
            match opt(&z, k) {
                Some(v) => chrono::NaiveDate::parse_from_str(&v, "%Y-%m-%d")
                    .map(Some)
                    .map_err(|_| fehler(d, nr, format!("„{v}“ in {k} ist kein Datum (JJJJ-MM-TT)"))),
                None => Ok(None),
            }
        };
        let mut s = Sql::new(
            "INSERT INTO projekt (name, vorbereitung, konzeption, umsetzung, pilotierung, inbetriebnahme, rollout, quelle) \
             SELECT ",
        );
        s.bind(name);
        for k in ["vorbereitung", "konzeption", "umsetzung"] {
            s.push(", ").bind(datum(k)?);
        }
        s.push(", ").bind(Arg::OptDate(None));
        s.push(", ").bind(datum("inbetriebnahme_nrw")?).push(", ").bind(datum("start_rollout")?);
        s.push(", ").bind(format!("Folie „{}“", feld(&z, "folie")));
        s.push(" WHERE NOT EXISTS (SELECT 1 FROM projekt WHERE name = ").bind(name).push(")");
        sql.push(s);
        for tf in feld(&z, "themenfelder").split(';').map(str::trim).filter(|t| !t.is_empty()) {
            let tf_id = *tf_ids.get(tf).ok_or_else(|| fehler(d, nr, format!("unbekanntes Themenfeld „{tf}“")))?;
            let mut s = Sql::new("INSERT INTO projekt_themenfeld (projekt_id, themenfeld_id) SELECT id, ");
            s.bind(tf_id).push(" FROM projekt WHERE version = 1 AND name = ").bind(name);
            s.push(" ON CONFLICT (projekt_id, themenfeld_id) DO NOTHING");
            sql.push(s);
        }
        for o in feld(&z, "ozg_ids").split(';').map(str::trim).filter(|t| !t.is_empty()) {
            let ozg = OzgId::parse(o).map_err(|e| fehler(d, nr, e.to_string()))?;
            let mut s = Sql::new("INSERT INTO projekt_leistung (projekt_id, ozg_id) SELECT id, ");
            s.bind(i64::from(ozg.get())).push(" FROM projekt WHERE version = 1 AND name = ").bind(name);
            s.push(" ON CONFLICT (projekt_id, ozg_id) DO NOTHING");
            sql.push(s);
        }
        bericht.projekte += 1;
    }

    // Online services of the Wirtschafts-Service-Portal.NRW: one per "Onlinedienst
    // (übergeordnet)", with the LeiKa keys of its rows. Created once (import key "wsp:<name>");
    // its keys are added while it is unedited (version 1), so coordinators' later edits stay.
    let d = WSP.name;
    /// Address, responsible authorities, (LeiKa key, service name) per online service.
    type Dienst = (String, BTreeSet<String>, Vec<(String, String)>);
    let mut dienste: BTreeMap<String, Dienst> = BTreeMap::new();
    for (nr, z) in lesen(&WSP)? {
        let name = feld(&z, "Onlinedienst (übergeordnet)");
        if name.is_empty() {
            return Err(fehler(d, nr, "Onlinedienst fehlt"));
        }
        let schluessel = feld(&z, "Nummer");
        if schluessel.len() != 14 || !schluessel.bytes().all(|b| b.is_ascii_digit()) {
            return Err(fehler(d, nr, format!("„{schluessel}“ ist kein 14-stelliger LeiKa-Schlüssel")));
        }
        if feld(&z, "Live") != "Ja" {
            return Err(fehler(d, nr, format!("unerwarteter Live-Wert „{}“", feld(&z, "Live"))));
        }
        let pfad = opt(&z, "Landingpage")
            .or_else(|| opt(&z, "Direktlink (nur ODs ohne Landingpage)"))
            .ok_or_else(|| fehler(d, nr, "weder Landingpage noch Direktlink"))?;
        let eintrag =
            dienste.entry(name.to_string()).or_insert_with(|| (format!("{WSP_URL}{pfad}"), BTreeSet::new(), vec![]));
        if let Some(stelle) = opt(&z, "Stelle") {
            eintrag.1.insert(stelle.split_whitespace().collect::<Vec<_>>().join(" "));
        }
        if !eintrag.2.iter().any(|(k, _)| k == schluessel) {
            eintrag.2.push((schluessel.to_string(), feld(&z, "Name").to_string()));
        }
    }
    for (name, (url, stellen, schluessel)) in &dienste {
        let import = format!("wsp:{name}");
        let mut s = Sql::new(
            "INSERT INTO onlinedienst (name, anbieter, url, status, zustaendige_stelle, quelle, import_schluessel, \
             suchtext, suchname) VALUES (",
        );
        s.bind(name.as_str()).push(", ").bind(WSP_ANBIETER).push(", ").bind(url.as_str()).push(", 'live', ");
        s.bind(stellen.iter().cloned().collect::<Vec<_>>().join("; ")).push(", ").bind(WSP_QUELLE);
        let leistungen: Vec<&str> = schluessel.iter().map(|(_, n)| n.as_str()).collect();
        let such = search_column([name.as_str(), WSP_ANBIETER, &leistungen.join(" ")]);
        s.push(", ").bind(import.as_str()).push(", ").bind(such).push(", ").bind(search_column([name.as_str()]));
        s.push(") ON CONFLICT (import_schluessel) DO NOTHING");
        sql.push(s);
        for (k, bezeichnung) in schluessel {
            let mut s =
                Sql::new("INSERT INTO onlinedienst_leika (onlinedienst_id, schluessel, bezeichnung) SELECT id, ");
            s.bind(k.as_str()).push(", ").bind(bezeichnung.as_str());
            s.push(" FROM onlinedienst WHERE version = 1 AND import_schluessel = ").bind(import.as_str());
            s.push(" ON CONFLICT (onlinedienst_id, schluessel) DO NOTHING");
            sql.push(s);
        }
        bericht.onlinedienst_leika += schluessel.len();
    }
    bericht.onlinedienste = dienste.len();
    Ok((sql, bericht))
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

/// Advisory lock key of the import (any constant no other code uses).
const IMPORT_SPERRE: i64 = 0x6f7a_6701;

/// Another process (a CLI command while the server starts) imports the same SQLite file and
/// holds the write lock for seconds.
fn sqlite_besetzt(e: &ImportError) -> bool {
    matches!(e, ImportError::Store(StoreError::Sql(e)) if app::store::sqlite_besetzt(e))
}

/// Imports the shipped data if it changed (checksum in `datenstand`). When another process
/// imports at the same moment, this one waits and then finds the data current.
pub async fn importieren(db: &Db, erzwingen: bool) -> Result<Option<Bericht>, ImportError> {
    let start = std::time::Instant::now();
    loop {
        match importieren_einmal(db, erzwingen).await {
            Err(e)
                if matches!(db, Db::Sqlite(_)) && sqlite_besetzt(&e) && start.elapsed() < app::store::SQLITE_GEDULD =>
            {
                tracing::info!("Ein anderer Prozess importiert gerade; neuer Versuch");
                tokio::time::sleep(std::time::Duration::from_millis(250)).await;
            }
            r => return r,
        }
    }
}

async fn importieren_einmal(db: &Db, erzwingen: bool) -> Result<Option<Bericht>, ImportError> {
    let summe = pruefsumme();
    if !erzwingen {
        let mut s = Sql::new("SELECT pruefsumme FROM datenstand WHERE quelle = ");
        s.bind("katalog");
        if db.text(&s).await?.as_deref() == Some(summe.as_str()) {
            return Ok(None);
        }
    }
    let (mut sql, bericht) = anweisungen()?;
    if matches!(db, Db::Postgres(_)) {
        // Two app servers starting together on a new version: the second waits for the first
        // import to commit, then repeats it (every statement is an upsert) instead of racing it.
        sql.insert(0, Sql::new(&format!("SELECT pg_advisory_xact_lock({IMPORT_SPERRE})")));
    }
    let mut s = Sql::new("INSERT INTO datenstand (quelle, pruefsumme, zeilen, importiert_am) VALUES ('katalog', ");
    s.bind(summe).push(", ").bind(bericht.leika as i64 + bericht.leistungen as i64 + bericht.kommunen as i64);
    s.push(", ").bind(chrono::Utc::now().to_rfc3339());
    s.push(") ON CONFLICT (quelle) DO UPDATE SET pruefsumme = excluded.pruefsumme, zeilen = excluded.zeilen, importiert_am = excluded.importiert_am");
    sql.push(s);
    db.transaktion(&sql).await?;
    Ok(Some(bericht))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_data_builds_a_complete_import() {
        let (sql, b) = anweisungen().expect("the shipped data is consistent");
        assert_eq!(b.themenfelder, 15);
        assert_eq!(b.lebenslagen, 55);
        assert_eq!(b.leistungen, 557);
        assert_eq!(b.leika, 5251);
        assert_eq!(b.leika_ohne_schluessel, 438, "436 'nicht im LeiKa' + 2 keys of wrong length");
        assert_eq!(b.leika_ohne_ozg, 26);
        assert_eq!(b.kreise, 53);
        assert_eq!(b.kommunen, 396);
        assert_eq!(b.dienstleister, 33);
        assert_eq!(b.gebiete, 24);
        assert_eq!(b.onlinedienste, 84);
        assert_eq!(b.onlinedienst_leika, 368, "369 rows, one key listed twice for the same service");
        for s in &sql {
            assert!(s.args.len() < 65_535, "PostgreSQL's parameter limit");
        }
    }

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
