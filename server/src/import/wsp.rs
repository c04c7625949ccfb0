//! Online services of the Wirtschafts-Service-Portal.NRW: one per "Onlinedienst
//! (übergeordnet)", with the LeiKa keys of its rows. Created once (import key "wsp:<name>");
//! its keys are added while it is unedited (version 1), so coordinators' later edits stay.

use super::zeile::{Zeile, fehler, feld, lesen, opt};
use super::{Datei, ImportError, Kontext, WSP_ANBIETER, WSP_QUELLE, WSP_URL};
use app::model::text::search_column;
use app::store::Sql;
use std::collections::{BTreeMap, BTreeSet};

/// One online service of the portal as its rows describe it.
#[derive(Default)]
struct Dienst {
    url: String,
    /// Responsible authorities, whitespace normalised.
    stellen: BTreeSet<String>,
    /// (LeiKa key, service name), each key once.
    leistungen: Vec<(String, String)>,
}

impl Kontext {
    pub(super) fn onlinedienste(&mut self, quelle: &Datei) -> Result<(), ImportError> {
        let mut dienste: BTreeMap<String, Dienst> = BTreeMap::new();
        for (nr, z) in lesen(quelle)? {
            dienst_zeile(&mut dienste, quelle.name, nr, &z)?;
        }
        for (name, dienst) in &dienste {
            self.onlinedienst(name, dienst);
        }
        self.bericht.onlinedienste = dienste.len();
        Ok(())
    }

    fn onlinedienst(&mut self, name: &str, dienst: &Dienst) {
        let import = format!("wsp:{name}");
        let mut s = Sql::new(
            "INSERT INTO onlinedienst (name, anbieter, url, status, reichweite, zustaendige_stelle, quelle, \
             import_schluessel, suchtext, suchname) VALUES (",
        );
        s.bind(name).push(", ").bind(WSP_ANBIETER).push(", ").bind(dienst.url.as_str()).push(", 'live', 'land', ");
        s.bind(dienst.stellen.iter().cloned().collect::<Vec<_>>().join("; ")).push(", ").bind(WSP_QUELLE);
        let leistungen: Vec<&str> = dienst.leistungen.iter().map(|(_, n)| n.as_str()).collect();
        let such = search_column([name, WSP_ANBIETER, &leistungen.join(" ")]);
        s.push(", ").bind(import.as_str()).push(", ").bind(such).push(", ").bind(search_column([name]));
        s.push(") ON CONFLICT (import_schluessel) DO NOTHING");
        self.sql.push(s);
        for (k, bezeichnung) in &dienst.leistungen {
            let mut s =
                Sql::new("INSERT INTO onlinedienst_leika (onlinedienst_id, schluessel, bezeichnung) SELECT id, ");
            s.bind(k.as_str()).push(", ").bind(bezeichnung.as_str());
            s.push(" FROM onlinedienst WHERE version = 1 AND import_schluessel = ").bind(import.as_str());
            s.push(" ON CONFLICT (onlinedienst_id, schluessel) DO NOTHING");
            self.sql.push(s);
        }
        self.bericht.onlinedienst_leika += dienst.leistungen.len();
    }
}

/// Checks one row of the portal's list and adds it to its online service.
fn dienst_zeile(
    dienste: &mut BTreeMap<String, Dienst>,
    d: &'static str,
    nr: usize,
    z: &Zeile,
) -> Result<(), ImportError> {
    let name = feld(z, "Onlinedienst (übergeordnet)");
    if name.is_empty() {
        return Err(fehler(d, nr, "Onlinedienst fehlt"));
    }
    let schluessel = feld(z, "Nummer");
    if schluessel.len() != 14 || !schluessel.bytes().all(|b| b.is_ascii_digit()) {
        return Err(fehler(d, nr, format!("„{schluessel}“ ist kein 14-stelliger LeiKa-Schlüssel")));
    }
    if feld(z, "Live") != "Ja" {
        return Err(fehler(d, nr, format!("unerwarteter Live-Wert „{}“", feld(z, "Live"))));
    }
    let pfad = opt(z, "Landingpage")
        .or_else(|| opt(z, "Direktlink (nur ODs ohne Landingpage)"))
        .ok_or_else(|| fehler(d, nr, "weder Landingpage noch Direktlink"))?;
    let eintrag = dienste
        .entry(name.to_string())
        .or_insert_with(|| Dienst { url: format!("{WSP_URL}{pfad}"), ..Dienst::default() });
    if let Some(stelle) = opt(z, "Stelle") {
        eintrag.stellen.insert(stelle.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    if !eintrag.leistungen.iter().any(|(k, _)| k == schluessel) {
        eintrag.leistungen.push((schluessel.to_string(), feld(z, "Name").to_string()));
    }
    Ok(())
}
