//! Reading an uploaded table (CSV, or the first sheet of an XLSX workbook) under limits that hold
//! *before* memory is taken.
//!
//! An XLSX file is a zip of XML documents. A general spreadsheet library builds the declared
//! sheet range in memory first: two cells `A1` and `XFD1048576` in a 1.5 KB file asked for
//! 512 GiB and aborted the server. This reader streams the XML instead and holds only the cells
//! it has met, and stops at the first limit it reaches: size of the upload, number of zip
//! entries, decompressed bytes of every entry it reads (counted while inflating, so a lying
//! header does not help a zip bomb), declared sheet dimension, row and column of every cell,
//! number of cells, shared strings and their bytes, characters per cell, XML nesting depth.
//! Entities other than the five of XML and character references are refused, so no entity
//! expansion can happen. The work is CPU-bound and runs on a blocking thread (`api::lieferung`).

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};

/// The limits of one upload. [`Grenzen::LIEFERUNG`] is what the data delivery uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Grenzen {
    /// Size of the file as uploaded.
    pub max_bytes: usize,
    /// Rows including the header row.
    pub max_zeilen: usize,
    pub max_spalten: usize,
    pub max_zellen: usize,
    /// Excel's own limit per cell.
    pub max_zeichen_je_zelle: usize,
    /// Entries in the zip directory.
    pub max_eintraege: usize,
    /// Decompressed bytes of one zip entry that is read.
    pub max_entpackt: u64,
    pub max_geteilte_texte: usize,
    /// Bytes of all text held at once (shared strings and cells).
    pub max_text_bytes: usize,
    pub max_tiefe: usize,
}

impl Grenzen {
    pub const LIEFERUNG: Grenzen = Grenzen {
        max_bytes: 6 * 1024 * 1024,
        max_zeilen: crate::model::lieferung::MAX_ZEILEN + 1,
        max_spalten: 64,
        max_zellen: 1_000_000,
        max_zeichen_je_zelle: 32_767,
        max_eintraege: 1_000,
        max_entpackt: 64 * 1024 * 1024,
        max_geteilte_texte: 200_000,
        max_text_bytes: 32 * 1024 * 1024,
        max_tiefe: 32,
    };
}

/// What is wrong with a file; each message names the limit or the defect, in German.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TabellenFehler {
    #[error("Die Datei ist mit {mb} MB zu groß; höchstens {max_mb} MB sind möglich.")]
    ZuGross { mb: String, max_mb: usize },
    #[error("Die Datei ist keine lesbare XLSX-Datei ({0}). Bitte als .xlsx (Excel 2007 oder neuer) speichern.")]
    KeinXlsx(String),
    #[error("Die XLSX-Datei hat {0} Einträge; eine Tabelle hat höchstens {1}.")]
    ZuVieleEintraege(usize, usize),
    #[error(
        "Die XLSX-Datei entpackt „{eintrag}“ auf mehr als {max_mb} MB; mehr wird zum Schutz des Servers nicht gelesen."
    )]
    ZuVielEntpackt { eintrag: String, max_mb: u64 },
    #[error(
        "Das Tabellenblatt ist als Bereich {bereich} angelegt; möglich sind höchstens {zeilen} Zeilen und {spalten} \
         Spalten. Bitte leere Zeilen und Spalten unterhalb und rechts der Daten löschen."
    )]
    Bereich { bereich: String, zeilen: usize, spalten: usize },
    #[error(
        "Die Zelle {zelle} liegt außerhalb der möglichen {zeilen} Zeilen und {spalten} Spalten. Bitte leere Zeilen \
         und Spalten unterhalb und rechts der Daten löschen."
    )]
    Ausserhalb { zelle: String, zeilen: usize, spalten: usize },
    #[error("Zeile {zeile} hat mehr als {max} Spalten.")]
    ZuVieleSpalten { zeile: usize, max: usize },
    #[error("Die Datei hat mehr als {0} Zellen.")]
    ZuVieleZellen(usize),
    #[error("Die Datei hat mehr als {0} verschiedene Texte.")]
    ZuVieleTexte(usize),
    #[error("Die Datei enthält mehr als {0} MB Text.")]
    ZuVielText(usize),
    #[error("Zeile {zeile}: Eine Zelle hat mehr als {max} Zeichen.")]
    ZelleZuLang { zeile: usize, max: usize },
    #[error("Die XLSX-Datei ist tiefer als {0} Ebenen verschachtelt.")]
    ZuTief(usize),
    #[error("Zeile {0}: Die CSV-Datei ist nicht lesbar ({1}).")]
    Csv(usize, String),
}

type Ergebnis<T> = Result<T, TabellenFehler>;

/// Rows of cells of a CSV (`;` or `,`, UTF-8 with or without BOM, else Windows-1252 as Excel
/// writes it) or XLSX file (first worksheet).
pub fn lesen(inhalt: &[u8], g: &Grenzen) -> Ergebnis<Vec<Vec<String>>> {
    if inhalt.len() > g.max_bytes {
        return Err(TabellenFehler::ZuGross {
            mb: format!("{:.1}", inhalt.len() as f64 / 1_048_576.0).replace('.', ","),
            max_mb: g.max_bytes / 1_048_576,
        });
    }
    if inhalt.starts_with(b"PK\x03\x04") { xlsx_lesen(inhalt, g) } else { csv_lesen(inhalt, g) }
}

// ---------------------------------------------------------------- CSV

fn csv_lesen(inhalt: &[u8], g: &Grenzen) -> Ergebnis<Vec<Vec<String>>> {
    let inhalt = inhalt.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(inhalt);
    let text: std::borrow::Cow<str> = match std::str::from_utf8(inhalt) {
        Ok(t) => t.into(),
        // Latin-1 maps every byte; umlauts of Windows-1252 land right, keys and URLs are ASCII.
        Err(_) => inhalt.iter().map(|&b| char::from(b)).collect::<String>().into(),
    };
    let kopf = text.lines().next().unwrap_or("");
    let trenner = if kopf.matches(';').count() >= kopf.matches(',').count() { b';' } else { b',' };
    // A row of millions of separators would be split into millions of fields before any check
    // could see it; one pass over the bytes finds it first.
    spalten_vorab_pruefen(text.as_bytes(), trenner, g.max_spalten)?;
    let mut leser =
        csv::ReaderBuilder::new().delimiter(trenner).has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut zeilen: Vec<Vec<String>> = Vec::new();
    let mut zellen = 0usize;
    for (i, r) in leser.records().enumerate() {
        let r = r.map_err(|e| TabellenFehler::Csv(i + 1, e.to_string()))?;
        zellen += r.len();
        if zellen > g.max_zellen {
            return Err(TabellenFehler::ZuVieleZellen(g.max_zellen));
        }
        if r.iter().any(|c| c.chars().count() > g.max_zeichen_je_zelle) {
            return Err(TabellenFehler::ZelleZuLang { zeile: i + 1, max: g.max_zeichen_je_zelle });
        }
        zeilen.push(r.iter().map(str::to_string).collect());
        // One row more than allowed is enough for the check to say "too many".
        if zeilen.len() > g.max_zeilen {
            break;
        }
    }
    Ok(zeilen)
}

/// Refuses a line with more than `max` fields, counting separators outside quotes.
fn spalten_vorab_pruefen(text: &[u8], trenner: u8, max: usize) -> Ergebnis<()> {
    let (mut zeile, mut felder, mut in_anfuehrung) = (1usize, 1usize, false);
    for &b in text {
        match b {
            b'"' => in_anfuehrung = !in_anfuehrung,
            b'\n' if !in_anfuehrung => {
                zeile += 1;
                felder = 1;
            }
            b if b == trenner && !in_anfuehrung => {
                felder += 1;
                if felder > max {
                    return Err(TabellenFehler::ZuVieleSpalten { zeile, max });
                }
            }
            _ => {}
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- XLSX: the zip container

type Mappe<'a> = zip::ZipArchive<std::io::Cursor<&'a [u8]>>;

fn xlsx_lesen(inhalt: &[u8], g: &Grenzen) -> Ergebnis<Vec<Vec<String>>> {
    let mut mappe = zip::ZipArchive::new(std::io::Cursor::new(inhalt)).map_err(|e| kein_xlsx(e.to_string()))?;
    if mappe.len() > g.max_eintraege {
        return Err(TabellenFehler::ZuVieleEintraege(mappe.len(), g.max_eintraege));
    }
    let (blatt, texte_pfad) = erstes_blatt(&mut mappe, g)?;
    let mut text_bytes = 0usize;
    let texte = match texte_pfad {
        Some(p) if mappe.index_for_name(&p).is_some() => geteilte_texte(&mut mappe, &p, g, &mut text_bytes)?,
        _ => Vec::new(),
    };
    let mut leser = Xml::oeffnen(&mut mappe, &blatt, g)?;
    let zeilen = blatt_lesen(&mut leser, &texte, g, &mut text_bytes)?;
    leser.fertig()?;
    Ok(zeilen)
}

fn kein_xlsx(grund: impl Into<String>) -> TabellenFehler {
    TabellenFehler::KeinXlsx(grund.into())
}

/// Counts the bytes an entry inflates to and stops at the limit.
struct Begrenzt<R> {
    innen: R,
    rest: u64,
    eintrag: String,
    max: u64,
}

impl<R: Read> Read for Begrenzt<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        // Ask for one byte more than allowed, so reaching the limit is told from ending on it.
        let n = usize::try_from(self.rest.saturating_add(1)).map_or(buf.len(), |r| buf.len().min(r));
        let gelesen = self.innen.read(&mut buf[..n])?;
        if u64::try_from(gelesen).unwrap_or(u64::MAX) > self.rest {
            return Err(std::io::Error::other(TabellenFehler::ZuVielEntpackt {
                eintrag: self.eintrag.clone(),
                max_mb: self.max / 1_048_576,
            }));
        }
        self.rest -= gelesen as u64;
        Ok(gelesen)
    }
}

/// A streaming XML reader over one zip entry that tracks the nesting depth.
struct Xml<R: BufRead> {
    leser: quick_xml::Reader<R>,
    puffer: Vec<u8>,
    tiefe: usize,
    max_tiefe: usize,
}

type EintragLeser<'m, 'a> = BufReader<Begrenzt<zip::read::ZipFile<'m, std::io::Cursor<&'a [u8]>>>>;

impl<'m, 'a> Xml<EintragLeser<'m, 'a>> {
    fn oeffnen(mappe: &'m mut Mappe<'a>, pfad: &str, g: &Grenzen) -> Ergebnis<Self> {
        let eintrag = mappe.by_name(pfad).map_err(|e| kein_xlsx(format!("{pfad}: {e}")))?;
        if eintrag.encrypted() {
            return Err(kein_xlsx("verschlüsselt"));
        }
        let zu_viel =
            || TabellenFehler::ZuVielEntpackt { eintrag: pfad.to_string(), max_mb: g.max_entpackt / 1_048_576 };
        if eintrag.size() > g.max_entpackt {
            return Err(zu_viel());
        }
        let begrenzt =
            Begrenzt { innen: eintrag, rest: g.max_entpackt, eintrag: pfad.to_string(), max: g.max_entpackt };
        let mut leser = quick_xml::Reader::from_reader(BufReader::new(begrenzt));
        leser.config_mut().check_end_names = true;
        Ok(Xml { leser, puffer: Vec::new(), tiefe: 0, max_tiefe: g.max_tiefe })
    }
}

/// One XML event, reduced to what the reader needs.
enum Ereignis {
    Anfang { name: String, attribute: Vec<(String, String)>, leer: bool },
    Ende(String),
    Text(String),
    Schluss,
}

impl<R: BufRead> Xml<R> {
    fn naechstes(&mut self) -> Ergebnis<Ereignis> {
        use quick_xml::events::Event;
        loop {
            self.puffer.clear();
            let e = self.leser.read_event_into(&mut self.puffer).map_err(|e| xml_fehler(&e))?;
            let leer = matches!(e, Event::Empty(_));
            return Ok(match e {
                Event::Start(s) | Event::Empty(s) => {
                    if !leer {
                        self.tiefe += 1;
                        if self.tiefe > self.max_tiefe {
                            return Err(TabellenFehler::ZuTief(self.max_tiefe));
                        }
                    }
                    let name = lokal(s.name().as_ref());
                    let mut attribute = Vec::new();
                    for a in s.attributes() {
                        let a = a.map_err(|e| kein_xlsx(e.to_string()))?;
                        let wert =
                            a.normalized_value(quick_xml::XmlVersion::Implicit1_0).map_err(|e| xml_fehler(&e))?;
                        attribute.push((lokal(a.key.as_ref()), wert.into_owned()));
                    }
                    Ereignis::Anfang { name, attribute, leer }
                }
                Event::End(s) => {
                    self.tiefe = self.tiefe.saturating_sub(1);
                    Ereignis::Ende(lokal(s.name().as_ref()))
                }
                Event::Text(t) => Ereignis::Text(t.xml10_content().into_owned()),
                Event::CData(t) => Ereignis::Text(t.xml10_content().into_owned()),
                Event::GeneralRef(r) => Ereignis::Text(entitaet(&r)?.to_string()),
                Event::Eof => Ereignis::Schluss,
                // Declarations, comments, processing instructions, DOCTYPE: nothing to read.
                _ => continue,
            });
        }
    }

    /// Reads to the end of the entry, so an entry cut short or over its limit is noticed.
    fn fertig(&mut self) -> Ergebnis<()> {
        while !matches!(self.naechstes()?, Ereignis::Schluss) {}
        Ok(())
    }
}

fn xml_fehler(e: &quick_xml::Error) -> TabellenFehler {
    // The limit of `Begrenzt` travels through the XML reader as an I/O error.
    if let quick_xml::Error::Io(io) = e
        && let Some(t) = io.get_ref().and_then(|i| i.downcast_ref::<TabellenFehler>())
    {
        return t.clone();
    }
    kein_xlsx(e.to_string())
}

/// The five entities of XML and character references; anything else (a DTD's own entities) is
/// refused rather than expanded.
fn entitaet(r: &quick_xml::events::BytesRef<'_>) -> Ergebnis<char> {
    if r.is_char_ref() {
        return r.resolve_char_ref().ok().flatten().ok_or_else(|| kein_xlsx("ungültiger Zeichenverweis"));
    }
    match r.xml10_content().as_ref() {
        "amp" => Ok('&'),
        "lt" => Ok('<'),
        "gt" => Ok('>'),
        "quot" => Ok('"'),
        "apos" => Ok('\''),
        andere => Err(kein_xlsx(format!("unbekannte Entität „{andere}“"))),
    }
}

fn lokal(name: &str) -> String {
    name.rsplit(':').next().unwrap_or(name).to_string()
}

fn attribut<'x>(attribute: &'x [(String, String)], name: &str) -> Option<&'x str> {
    attribute.iter().find(|(n, _)| n == name).map(|(_, w)| w.as_str())
}

/// Path of the first worksheet and of the shared strings, from the workbook and its relations.
fn erstes_blatt(mappe: &mut Mappe<'_>, g: &Grenzen) -> Ergebnis<(String, Option<String>)> {
    let mut erstes_id = None;
    {
        let mut xml = Xml::oeffnen(mappe, "xl/workbook.xml", g)?;
        loop {
            match xml.naechstes()? {
                Ereignis::Anfang { name, attribute, .. } if name == "sheet" && erstes_id.is_none() => {
                    erstes_id = attribut(&attribute, "id").map(str::to_string);
                }
                Ereignis::Schluss => break,
                _ => {}
            }
        }
    }
    let erstes_id = erstes_id.ok_or_else(|| kein_xlsx("kein Tabellenblatt"))?;
    let mut ziele: HashMap<String, String> = HashMap::new();
    let mut texte = None;
    let mut xml = Xml::oeffnen(mappe, "xl/_rels/workbook.xml.rels", g)?;
    loop {
        match xml.naechstes()? {
            Ereignis::Anfang { name, attribute, .. } if name == "Relationship" => {
                let (Some(id), Some(ziel)) = (attribut(&attribute, "Id"), attribut(&attribute, "Target")) else {
                    continue;
                };
                let pfad = match ziel.strip_prefix('/') {
                    Some(absolut) => absolut.to_string(),
                    None => format!("xl/{ziel}"),
                };
                if attribut(&attribute, "Type").is_some_and(|t| t.ends_with("/sharedStrings")) {
                    texte = Some(pfad.clone());
                }
                if ziele.len() < g.max_eintraege {
                    ziele.insert(id.to_string(), pfad);
                }
            }
            Ereignis::Schluss => break,
            _ => {}
        }
    }
    let blatt = ziele.remove(&erstes_id).ok_or_else(|| kein_xlsx("das erste Tabellenblatt fehlt"))?;
    Ok((blatt, texte))
}

/// The shared-string table: every `<si>` in order, its text runs joined (phonetic runs left out).
fn geteilte_texte(mappe: &mut Mappe<'_>, pfad: &str, g: &Grenzen, text_bytes: &mut usize) -> Ergebnis<Vec<String>> {
    let mut xml = Xml::oeffnen(mappe, pfad, g)?;
    let mut texte = Vec::new();
    let (mut aktuell, mut in_t, mut in_phonetik) = (String::new(), false, false);
    loop {
        match xml.naechstes()? {
            Ereignis::Anfang { name, attribute, leer } => match name.as_str() {
                // The declared count is checked before any string is kept.
                "sst" => {
                    let angesagt = attribut(&attribute, "uniqueCount").and_then(|n| n.parse::<usize>().ok());
                    if angesagt.is_some_and(|n| n > g.max_geteilte_texte) {
                        return Err(TabellenFehler::ZuVieleTexte(g.max_geteilte_texte));
                    }
                }
                "si" if leer => texte.push(String::new()),
                "si" => aktuell.clear(),
                "t" => in_t = !leer,
                "rPh" => in_phonetik = !leer,
                _ => {}
            },
            Ereignis::Text(t) if in_t && !in_phonetik => {
                *text_bytes += t.len();
                if *text_bytes > g.max_text_bytes {
                    return Err(TabellenFehler::ZuVielText(g.max_text_bytes / 1_048_576));
                }
                aktuell.push_str(&t);
            }
            Ereignis::Ende(name) => match name.as_str() {
                "si" => {
                    if texte.len() >= g.max_geteilte_texte {
                        return Err(TabellenFehler::ZuVieleTexte(g.max_geteilte_texte));
                    }
                    texte.push(std::mem::take(&mut aktuell));
                }
                "t" => in_t = false,
                "rPh" => in_phonetik = false,
                _ => {}
            },
            Ereignis::Schluss => return Ok(texte),
            _ => {}
        }
    }
}

// ---------------------------------------------------------------- XLSX: the worksheet

/// Row and column (0-based) of a reference like `B12`.
fn zellbezug(r: &str) -> Option<(usize, usize)> {
    let buchstaben = r.bytes().take_while(u8::is_ascii_alphabetic).count();
    if buchstaben == 0 || buchstaben > 3 {
        return None;
    }
    let spalte = r[..buchstaben].bytes().fold(0usize, |s, b| s * 26 + usize::from(b.to_ascii_uppercase() - b'A') + 1);
    let zeile: usize = r[buchstaben..].parse().ok().filter(|z| *z >= 1)?;
    Some((zeile - 1, spalte - 1))
}

/// One cell being read: its position, type and text so far.
#[derive(Default)]
struct Zelle {
    zeile: usize,
    spalte: usize,
    typ: String,
    wert: String,
    in_wert: bool,
}

impl Zelle {
    /// The text a user sees: shared strings resolved, whole numbers without decimals (keys
    /// typed into Excel become numbers; 99110009104000 stays a 14-digit key).
    fn text(self, texte: &[String]) -> Ergebnis<String> {
        Ok(match self.typ.as_str() {
            "s" => {
                let i: usize = self.wert.trim().parse().map_err(|_| kein_xlsx("ungültiger Textverweis"))?;
                texte.get(i).cloned().ok_or_else(|| kein_xlsx("Textverweis ohne Text"))?
            }
            "b" => if self.wert.trim() == "1" { "WAHR" } else { "FALSCH" }.to_string(),
            "" | "n" => match self.wert.trim().parse::<f64>() {
                // A whole number below 10^15 is exact in f64 and in i64: the cast cannot truncate.
                #[allow(clippy::cast_possible_truncation)]
                Ok(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", f as i64),
                _ => self.wert,
            },
            _ => self.wert,
        })
    }
}

struct Blatt<'t> {
    zeilen: Vec<Vec<String>>,
    zellen: usize,
    g: &'t Grenzen,
}

impl Blatt<'_> {
    fn ausserhalb(&self, zelle: &str) -> TabellenFehler {
        TabellenFehler::Ausserhalb {
            zelle: zelle.chars().take(12).collect(),
            zeilen: self.g.max_zeilen,
            spalten: self.g.max_spalten,
        }
    }

    fn ablegen(&mut self, (z, s): (usize, usize), wert: String) -> Ergebnis<()> {
        if wert.chars().count() > self.g.max_zeichen_je_zelle {
            return Err(TabellenFehler::ZelleZuLang { zeile: z + 1, max: self.g.max_zeichen_je_zelle });
        }
        self.zellen += 1;
        if self.zellen > self.g.max_zellen {
            return Err(TabellenFehler::ZuVieleZellen(self.g.max_zellen));
        }
        // Positions were checked against the limits, so these vectors stay small.
        if self.zeilen.len() <= z {
            self.zeilen.resize_with(z + 1, Vec::new);
        }
        let zeile = &mut self.zeilen[z];
        if zeile.len() <= s {
            zeile.resize(s + 1, String::new());
        }
        zeile[s] = wert;
        Ok(())
    }
}

/// The declared range `A1:XFD1048576` (or a single cell) against the limits.
fn bereich_pruefen(bereich: &str, g: &Grenzen) -> Ergebnis<()> {
    let ende = bereich.rsplit(':').next().unwrap_or(bereich);
    match zellbezug(ende) {
        Some((z, s)) if z < g.max_zeilen && s < g.max_spalten => Ok(()),
        _ => Err(TabellenFehler::Bereich {
            bereich: bereich.chars().take(30).collect(),
            zeilen: g.max_zeilen,
            spalten: g.max_spalten,
        }),
    }
}

fn blatt_lesen<R: BufRead>(
    xml: &mut Xml<R>,
    texte: &[String],
    g: &Grenzen,
    text_bytes: &mut usize,
) -> Ergebnis<Vec<Vec<String>>> {
    let mut blatt = Blatt { zeilen: Vec::new(), zellen: 0, g };
    let (mut zeile, mut naechste_spalte) = (0usize, 0usize);
    let mut zelle: Option<Zelle> = None;
    loop {
        match xml.naechstes()? {
            Ereignis::Anfang { name, attribute, leer } => match name.as_str() {
                "dimension" => bereich_pruefen(attribut(&attribute, "ref").unwrap_or("A1"), g)?,
                "row" => {
                    zeile = match attribut(&attribute, "r") {
                        Some(r) => r.parse::<usize>().ok().filter(|r| *r >= 1).ok_or_else(|| blatt.ausserhalb(r))? - 1,
                        None => blatt.zeilen.len(),
                    };
                    if zeile >= g.max_zeilen {
                        return Err(blatt.ausserhalb(&format!("A{}", zeile + 1)));
                    }
                    naechste_spalte = 0;
                }
                "c" => {
                    let (z, s) = match attribut(&attribute, "r") {
                        Some(r) => zellbezug(r).ok_or_else(|| blatt.ausserhalb(r))?,
                        None => (zeile, naechste_spalte),
                    };
                    if z >= g.max_zeilen || s >= g.max_spalten {
                        return Err(blatt.ausserhalb(attribut(&attribute, "r").unwrap_or("?")));
                    }
                    naechste_spalte = s + 1;
                    let typ = attribut(&attribute, "t").unwrap_or("n").to_string();
                    zelle = (!leer).then_some(Zelle { zeile: z, spalte: s, typ, ..Default::default() });
                }
                // The value (`v`) or the text of an inline string (`is/t`); a formula's text is
                // not data.
                "v" | "t" => {
                    if let Some(z) = zelle.as_mut() {
                        z.in_wert = !leer;
                    }
                }
                _ => {}
            },
            Ereignis::Text(t) => {
                if let Some(z) = zelle.as_mut().filter(|z| z.in_wert) {
                    *text_bytes += t.len();
                    if *text_bytes > g.max_text_bytes {
                        return Err(TabellenFehler::ZuVielText(g.max_text_bytes / 1_048_576));
                    }
                    if z.wert.len() > 4 * g.max_zeichen_je_zelle {
                        return Err(TabellenFehler::ZelleZuLang { zeile: z.zeile + 1, max: g.max_zeichen_je_zelle });
                    }
                    z.wert.push_str(&t);
                }
            }
            Ereignis::Ende(name) => match name.as_str() {
                "v" | "t" => {
                    if let Some(z) = zelle.as_mut() {
                        z.in_wert = false;
                    }
                }
                "c" => {
                    if let Some(z) = zelle.take() {
                        let ort = (z.zeile, z.spalte);
                        blatt.ablegen(ort, z.text(texte)?)?;
                    }
                }
                "sheetData" => return Ok(blatt.zeilen),
                _ => {}
            },
            Ereignis::Schluss => return Ok(blatt.zeilen),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    const G: Grenzen = Grenzen::LIEFERUNG;

    /// A workbook with the given worksheet XML (inside `<worksheet>`) and shared strings.
    pub(crate) fn xlsx(blatt: &str, texte: &[&str]) -> Vec<u8> {
        let mut sst = String::from("<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">");
        for t in texte {
            sst.push_str(&format!("<si><t>{t}</t></si>"));
        }
        sst.push_str("</sst>");
        mappe(&[
            ("xl/workbook.xml", WORKBOOK.to_string()),
            ("xl/_rels/workbook.xml.rels", RELS.to_string()),
            ("xl/sharedStrings.xml", sst),
            ("xl/worksheets/sheet1.xml", format!("<worksheet xmlns=\"{NS}\">{blatt}</worksheet>")),
        ])
    }

    const NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const WORKBOOK: &str = "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
        xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>\
        <sheet name=\"Seiten\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
    const RELS: &str = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
        <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" \
        Target=\"worksheets/sheet1.xml\"/>\
        <Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" \
        Target=\"sharedStrings.xml\"/></Relationships>";

    fn mappe(eintraege: &[(&str, String)]) -> Vec<u8> {
        let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let o = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, inhalt) in eintraege {
            z.start_file(*name, o).unwrap();
            z.write_all(inhalt.as_bytes()).unwrap();
        }
        z.finish().unwrap().into_inner()
    }

    #[test]
    fn shared_inline_and_numeric_cells_are_read() {
        let blatt = "<dimension ref=\"A1:B3\"/><sheetData>\
            <row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>\
            <row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>https://a.de/?x=1&amp;y=2</t></is></c>\
            <c r=\"B2\"><v>99110009104000</v></c></row>\
            <row r=\"3\"><c r=\"B3\" t=\"s\"><v>2</v></c></row></sheetData>";
        let t = lesen(&xlsx(blatt, &["url", "leika", "R&amp;D &#246;"]), &G).unwrap();
        assert_eq!(t[0], vec!["url", "leika"]);
        assert_eq!(t[1], vec!["https://a.de/?x=1&y=2", "99110009104000"]);
        assert_eq!(t[2], vec!["", "R&D ö"]);
    }

    #[test]
    fn a_cell_far_away_is_refused_before_anything_is_allocated() {
        let blatt = "<dimension ref=\"A1\"/><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row>\
            <row r=\"1048576\"><c r=\"XFD1048576\"><v>1</v></c></row></sheetData>";
        let e = lesen(&xlsx(blatt, &[]), &G).unwrap_err();
        assert!(matches!(e, TabellenFehler::Ausserhalb { .. }), "{e}");
        let e = lesen(&xlsx("<dimension ref=\"A1:XFD1048576\"/><sheetData/>", &[]), &G).unwrap_err();
        assert!(e.to_string().contains("A1:XFD1048576"), "{e}");
        let weit = "<sheetData><row r=\"1\"><c r=\"BZ1\"><v>1</v></c></row></sheetData>";
        assert!(matches!(lesen(&xlsx(weit, &[]), &G).unwrap_err(), TabellenFehler::Ausserhalb { .. }));
    }

    #[test]
    fn a_zip_bomb_stops_at_the_decompressed_limit() {
        let klein = Grenzen { max_entpackt: 1024 * 1024, ..G };
        let riesig = format!("<worksheet xmlns=\"{NS}\"><sheetData>{}</sheetData></worksheet>", " ".repeat(8 << 20));
        let datei = mappe(&[
            ("xl/workbook.xml", WORKBOOK.into()),
            ("xl/_rels/workbook.xml.rels", RELS.into()),
            ("xl/worksheets/sheet1.xml", riesig),
        ]);
        assert!(datei.len() < 64 * 1024, "stark komprimiert: {}", datei.len());
        let e = lesen(&datei, &klein).unwrap_err();
        assert!(matches!(e, TabellenFehler::ZuVielEntpackt { .. }), "{e}");
    }

    /// A bomb whose headers claim a small size: the bytes are counted while inflating.
    #[test]
    fn a_lying_size_header_does_not_help_a_bomb() {
        let klein = Grenzen { max_entpackt: 1024 * 1024, ..G };
        let riesig = format!("<worksheet xmlns=\"{NS}\"><sheetData>{}</sheetData></worksheet>", " ".repeat(8 << 20));
        let mut datei = mappe(&[
            ("xl/workbook.xml", WORKBOOK.into()),
            ("xl/_rels/workbook.xml.rels", RELS.into()),
            ("xl/worksheets/sheet1.xml", riesig),
        ]);
        // Uncompressed size in the local header (offset 22) and the central directory (24).
        let name = b"xl/worksheets/sheet1.xml";
        let mut gefaelscht = 0;
        for i in 0..datei.len().saturating_sub(46) {
            let (lokal, zentral) = (datei[i..].starts_with(b"PK\x03\x04"), datei[i..].starts_with(b"PK\x01\x02"));
            let (feld, name_ab) = match (lokal, zentral) {
                (true, _) => (22, 30),
                (_, true) => (24, 46),
                _ => continue,
            };
            if datei[i + name_ab..].starts_with(name) {
                datei[i + feld..i + feld + 4].copy_from_slice(&1000u32.to_le_bytes());
                gefaelscht += 1;
            }
        }
        assert_eq!(gefaelscht, 2);
        let e = lesen(&datei, &klein).unwrap_err();
        assert!(
            matches!(e, TabellenFehler::ZuVielEntpackt { .. } | TabellenFehler::KeinXlsx(_)),
            "weder gezählt noch abgewiesen: {e:?}"
        );
    }

    #[test]
    fn shared_strings_and_depth_and_entities_are_bounded() {
        let mut viele = String::from("<sst uniqueCount=\"999999999\">");
        viele.push_str("<si><t>a</t></si></sst>");
        let datei = mappe(&[
            ("xl/workbook.xml", WORKBOOK.into()),
            ("xl/_rels/workbook.xml.rels", RELS.into()),
            ("xl/sharedStrings.xml", viele),
            ("xl/worksheets/sheet1.xml", format!("<worksheet xmlns=\"{NS}\"><sheetData/></worksheet>")),
        ]);
        assert!(matches!(lesen(&datei, &G).unwrap_err(), TabellenFehler::ZuVieleTexte(_)));
        let tief = format!("<sheetData>{}{}</sheetData>", "<x>".repeat(100), "</x>".repeat(100));
        assert!(matches!(lesen(&xlsx(&tief, &[]), &G).unwrap_err(), TabellenFehler::ZuTief(_)));
        let dtd = "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&lol9;</t></is></c></row></sheetData>";
        assert!(matches!(lesen(&xlsx(dtd, &[]), &G).unwrap_err(), TabellenFehler::KeinXlsx(_)));
    }

    #[test]
    fn csv_with_millions_of_separators_is_refused_by_a_scan() {
        let zeile = format!("url;leika\n{}\n", ";".repeat(2_000_000));
        let e = lesen(zeile.as_bytes(), &G).unwrap_err();
        assert_eq!(e, TabellenFehler::ZuVieleSpalten { zeile: 2, max: 64 });
        // Separators inside quotes are text.
        let t = lesen(format!("url;leika\n\"{}\";1\n", ";".repeat(100)).as_bytes(), &G).unwrap();
        assert_eq!(t[1].len(), 2);
    }

    #[test]
    fn not_a_workbook_and_too_large_are_named() {
        assert!(matches!(lesen(b"PK\x03\x04kaputt", &G).unwrap_err(), TabellenFehler::KeinXlsx(_)));
        let gross = vec![b'a'; G.max_bytes + 1];
        assert!(lesen(&gross, &G).unwrap_err().to_string().contains("höchstens 6 MB"));
    }

    #[test]
    fn cell_references_parse() {
        assert_eq!(zellbezug("A1"), Some((0, 0)));
        assert_eq!(zellbezug("AB12"), Some((11, 27)));
        assert_eq!(zellbezug("XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(zellbezug("A0"), None);
        assert_eq!(zellbezug("ABCD1"), None);
        assert_eq!(zellbezug("1"), None);
    }
}
