//! CSV and JSON export of a filtered catalog view: `/export/{katalog}.{csv|json}?{filter}` takes
//! the same query string as the page, so the export always matches what the user sees.

use app::model::filter::KatalogAnfrage;
use app::model::kommune::KommuneZeile;
use app::model::leistung::{Ebene, LeikaZeile, LeistungZeile};
use app::model::loesung::{OnlinedienstZeile, status_label};
use app::model::text::xml;
use app::store::abfragespeicher::Abfragespeicher;
use app::store::{self, Db};
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use futures::StreamExt;
use serde::Serialize;

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(
        "Unbekannter Export „{0}“. Möglich: leistungen, leika, kommunen, loesungen, veranstaltungen als .csv oder .json."
    )]
    Unbekannt(String),
    #[error("Der Export ist gerade nicht möglich: Die Datenbank antwortet nicht.")]
    Datenbank(#[from] store::StoreError),
    #[error("Der Export konnte nicht erzeugt werden.")]
    Schreiben(#[from] csv::Error),
    #[error("Bitte melden Sie sich an: Teilnehmerlisten sieht nur die Koordination.")]
    NichtAngemeldet,
    #[error("Teilnehmerlisten sieht nur die Koordination.")]
    KeineBerechtigung,
    #[error("Die Adresse der Karte ist zu lang.")]
    ZuLang,
    #[error("Das Gebiet oder der Online-Dienst der Karte wurde nicht gefunden.")]
    GebietUnbekannt,
}

impl IntoResponse for ExportError {
    fn into_response(self) -> Response {
        let status = match self {
            ExportError::Unbekannt(_) | ExportError::GebietUnbekannt => StatusCode::NOT_FOUND,
            ExportError::ZuLang => StatusCode::UNPROCESSABLE_ENTITY,
            ExportError::NichtAngemeldet => StatusCode::UNAUTHORIZED,
            ExportError::KeineBerechtigung => StatusCode::FORBIDDEN,
            ExportError::Datenbank(ref e) => {
                tracing::error!(error = %e, "Export: Datenbankfehler");
                StatusCode::SERVICE_UNAVAILABLE
            }
            ExportError::Schreiben(ref e) => {
                tracing::error!(error = %e, "Export: CSV-Fehler");
                StatusCode::INTERNAL_SERVER_ERROR
            }
        };
        (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], self.to_string()).into_response()
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Csv,
    Json,
    /// Only for data deliveries: the format a Kommune may have uploaded.
    Xlsx,
    /// Only for the map.
    Svg,
}

fn ja_nein(b: Option<bool>) -> String {
    b.map(|b| if b { "ja" } else { "nein" }.to_string()).unwrap_or_default()
}

/// A table for CSV: header and rows of text.
trait Tabelle {
    fn kopf() -> &'static [&'static str];
    fn zeile(&self) -> Vec<String>;
}

impl Tabelle for app::model::veranstaltung::Veranstaltung {
    fn kopf() -> &'static [&'static str] {
        &[
            "id",
            "art",
            "titel",
            "termin",
            "genauigkeit",
            "von",
            "bis",
            "termin_hinweis",
            "themenfeld",
            "ort",
            "kommune_ags",
            "anmeldung",
            "plaetze",
            "belegt",
            "warteliste",
            "abgesagt",
            "quelle",
        ]
    }
    fn zeile(&self) -> Vec<String> {
        vec![
            self.id.to_string(),
            self.art.label().into(),
            self.titel.clone(),
            self.termin.anzeigen(),
            self.termin.genauigkeit().into(),
            self.termin.von().to_string(),
            self.termin.bis().to_string(),
            self.termin_hinweis.clone().unwrap_or_default(),
            self.themenfeld.as_ref().map(|t| t.1.clone()).unwrap_or_default(),
            self.ort.clone().unwrap_or_default(),
            self.kommune.as_ref().map(|k| k.0.clone()).unwrap_or_default(),
            self.anmeldung.label().into(),
            self.plaetze.map(|p| p.to_string()).unwrap_or_default(),
            self.belegt.to_string(),
            self.warteliste.to_string(),
            ja_nein(Some(self.abgesagt)),
            self.quelle.clone(),
        ]
    }
}

/// The filtered list of Veranstaltungen (a few hundred at most, read whole), as rows for
/// [`antwort`]. The page's paging does not apply to an export.
async fn veranstaltungen(
    db: &Db,
    a: &KatalogAnfrage,
) -> Result<tokio::sync::mpsc::Receiver<store::StoreResult<app::model::veranstaltung::Veranstaltung>>, ExportError> {
    let mut a = a.clone();
    (a.seite, a.pro_seite) = (1, u32::MAX);
    let alle = store::veranstaltung::alle(db).await?;
    let zeilen = store::veranstaltung::liste::filtern(alle, &a, chrono::Utc::now().date_naive()).zeilen;
    let (tx, rx) = tokio::sync::mpsc::channel(zeilen.len().max(1));
    for z in zeilen {
        let _ = tx.try_send(Ok(z));
    }
    Ok(rx)
}

impl Tabelle for LeistungZeile {
    fn kopf() -> &'static [&'static str] {
        &[
            "ozg_id",
            "name",
            "themenfeld",
            "lebenslage",
            "zustaendigkeit",
            "prioritaet",
            "efa",
            "leika_anzahl",
            "groessenklassen",
        ]
    }
    fn zeile(&self) -> Vec<String> {
        vec![
            self.ozg_id.to_string(),
            self.name.clone(),
            self.themenfeld.clone(),
            self.lebenslage.clone(),
            self.ebenen().iter().map(|e: &Ebene| e.label()).collect::<Vec<_>>().join(", "),
            self.prioritaet.map(|p| p.to_string()).unwrap_or_default(),
            ja_nein(self.efa),
            self.leika_anzahl.to_string(),
            // Empty: not kept (the general rule applies).
            self.groessenklassen
                .as_deref()
                .map(|k| app::model::zustaendigkeit::anzeige(&app::model::zustaendigkeit::aus_speicherform(k)))
                .unwrap_or_default(),
        ]
    }
}

impl Tabelle for LeikaZeile {
    fn kopf() -> &'static [&'static str] {
        &[
            "leika_schluessel",
            "schluessel_laut_quelle",
            "name",
            "typisierung",
            "ozg_id",
            "ozg_leistung",
            "themenfeld",
            "hinweise",
        ]
    }
    fn zeile(&self) -> Vec<String> {
        vec![
            self.schluessel.clone().unwrap_or_default(),
            self.schluessel_roh.clone(),
            self.name.clone(),
            self.typisierung.clone().unwrap_or_default(),
            self.ozg_id.map(|o| o.to_string()).unwrap_or_default(),
            self.ozg_name.clone().unwrap_or_default(),
            self.themenfeld.clone().unwrap_or_default(),
            self.hinweise().join("; "),
        ]
    }
}

impl Tabelle for KommuneZeile {
    fn kopf() -> &'static [&'static str] {
        &["ags", "name", "typ", "kreis_ags", "kreis", "regierungsbezirk", "groessenklasse", "einwohner"]
    }
    fn zeile(&self) -> Vec<String> {
        vec![
            self.ags.clone(),
            self.name.clone(),
            self.typ.clone(),
            self.kreis_ags.clone(),
            self.kreis.clone(),
            self.regierungsbezirk.clone(),
            self.groessenklasse_label().to_string(),
            self.einwohner.to_string(),
        ]
    }
}

impl Tabelle for OnlinedienstZeile {
    fn kopf() -> &'static [&'static str] {
        &[
            "id",
            "name",
            "anbieter",
            "url",
            "themenfelder",
            "leika_schluessel",
            "leika_im_katalog",
            "reifegrad",
            "reifegradmodell",
            "status",
            "kommunen",
        ]
    }
    fn zeile(&self) -> Vec<String> {
        vec![
            self.id.to_string(),
            self.name.clone(),
            self.anbieter.clone().unwrap_or_default(),
            self.url.clone().unwrap_or_default(),
            self.themenfelder.iter().map(|t| t.name.as_str()).collect::<Vec<_>>().join(", "),
            self.leika_anzahl.to_string(),
            self.leika_im_katalog.to_string(),
            self.reifegrad.map(|r| r.to_string()).unwrap_or_default(),
            self.reifegrad_modell.clone().unwrap_or_default(),
            status_label(&self.status),
            self.kommunen.to_string(),
        ]
    }
}

/// A cell a spreadsheet would take for a formula (OWASP "CSV injection": `=`, `+`, `-`, `@`,
/// tab, carriage return at the start) gets a leading apostrophe, so Excel and LibreOffice show
/// it as text. Every exported cell passes here: user-entered text reaches names and notes.
pub fn zelle_entschaerfen(zelle: &str) -> std::borrow::Cow<'_, str> {
    if zelle.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{zelle}").into() } else { zelle.into() }
}

fn zeile_schreiben<W: std::io::Write>(w: &mut csv::Writer<W>, zeile: &[impl AsRef<str>]) -> csv::Result<()> {
    w.write_record(zeile.iter().map(|z| zelle_entschaerfen(z.as_ref()).into_owned()))
}

/// A whole table (head row first) as CSV the way German spreadsheets open it: UTF-8 with BOM,
/// semicolon-separated, every cell through [`zelle_entschaerfen`].
pub fn csv_tabelle(tabelle: &[Vec<String>]) -> Result<Vec<u8>, ExportError> {
    let mut w = csv::WriterBuilder::new().delimiter(b';').from_writer(vec![0xEF, 0xBB, 0xBF]);
    for z in tabelle {
        zeile_schreiben(&mut w, z)?;
    }
    w.into_inner().map_err(|e| ExportError::Schreiben(e.into_error().into()))
}

/// CSV as German spreadsheets open it directly: UTF-8 with BOM, semicolon-separated (the
/// streamed export writes the same bytes row by row).
#[cfg(test)]
fn csv_text<T: Tabelle>(zeilen: &[T]) -> Result<Vec<u8>, ExportError> {
    let mut w = csv::WriterBuilder::new().delimiter(b';').from_writer(vec![0xEF, 0xBB, 0xBF]);
    w.write_record(T::kopf())?;
    for z in zeilen {
        zeile_schreiben(&mut w, &z.zeile())?;
    }
    w.into_inner().map_err(|e| ExportError::Schreiben(e.into_error().into()))
}

/// One row in the chosen format: a CSV line, or a JSON object with the separator before it.
fn zeile_kodieren<T: Tabelle + Serialize>(z: &T, format: Format, erste: bool) -> Result<Vec<u8>, ExportError> {
    match format {
        Format::Csv => {
            let mut w = csv::WriterBuilder::new().delimiter(b';').from_writer(Vec::new());
            zeile_schreiben(&mut w, &z.zeile())?;
            w.into_inner().map_err(|e| ExportError::Schreiben(e.into_error().into()))
        }
        Format::Json | Format::Xlsx | Format::Svg => {
            let mut v = if erste { b"\n".to_vec() } else { b",\n".to_vec() };
            serde_json::to_writer(&mut v, z)
                .map_err(|e| ExportError::Schreiben(csv::Error::from(std::io::Error::other(e))))?;
            Ok(v)
        }
    }
}

/// Streams the rows as they come from the database: the server never holds the whole file.
/// The first row (or the end) is awaited before the answer starts, so a database that does not
/// answer still gets a 503; a fault later ends the download early (and is logged).
async fn antwort<T: Tabelle + Serialize + Send + 'static>(
    name: &str,
    format: Format,
    mut zeilen: tokio::sync::mpsc::Receiver<store::StoreResult<T>>,
    platz: Option<crate::last::ExportPlatz>,
) -> Result<Response, ExportError> {
    let erste = zeilen.recv().await.transpose()?;
    let (kopf, typ, endung) = match format {
        Format::Csv => {
            let mut w = csv::WriterBuilder::new().delimiter(b';').from_writer(vec![0xEF, 0xBB, 0xBF]);
            w.write_record(T::kopf())?;
            let kopf = w.into_inner().map_err(|e| ExportError::Schreiben(e.into_error().into()))?;
            (kopf, "text/csv; charset=utf-8", "csv")
        }
        Format::Json | Format::Xlsx | Format::Svg => (b"[".to_vec(), "application/json", "json"),
    };
    let anfang = match &erste {
        Some(z) => [kopf, zeile_kodieren(z, format, true)?].concat(),
        None => kopf,
    };
    let schluss: &'static [u8] = if format == Format::Csv { b"" } else { b"\n]\n" };
    // The anonymous export's place (`last`) travels with the stream until the last byte is out.
    let rest = futures::stream::unfold(Some((zeilen, platz)), move |zustand| async move {
        let (mut zeilen, platz) = zustand?;
        match zeilen.recv().await {
            Some(Ok(z)) => Some((zeile_kodieren(&z, format, false), Some((zeilen, platz)))),
            Some(Err(e)) => Some((Err(ExportError::Datenbank(e)), None)),
            None => Some((Ok(schluss.to_vec()), None)),
        }
    });
    // Fused: a body consumer (the compression layer) may poll once more after the end.
    let teile = futures::stream::once(async move { Ok(anfang) }).chain(rest).fuse().map(|t| {
        t.map(axum::body::Bytes::from).map_err(|e| {
            tracing::error!(error = %e, "Export abgebrochen");
            std::io::Error::other(e.to_string())
        })
    });
    datei_antwort(name, typ, endung, axum::body::Body::from_stream(teile))
}

pub async fn handler(
    State(db): State<Db>,
    State(speicher): State<Abfragespeicher>,
    Path(datei): Path<String>,
    RawQuery(query): RawQuery,
    platz: Option<axum::Extension<crate::last::ExportPlatz>>,
    anfrager: Option<axum::Extension<app::sitzung::Anfrager>>,
) -> Result<Response, ExportError> {
    let platz = platz.map(|p| p.0);
    let (name, format) = match datei.rsplit_once('.') {
        Some((n, "csv")) => (n, Format::Csv),
        Some((n, "json")) => (n, Format::Json),
        Some((n, "xlsx")) if n.starts_with("lieferung-") || n.starts_with("teilnehmende-") => (n, Format::Xlsx),
        Some(("karte", "svg")) => ("karte", Format::Svg),
        _ => return Err(ExportError::Unbekannt(datei)),
    };
    if name == "karte" && format != Format::Json {
        return karte(&db, &speicher, query.as_deref().unwrap_or(""), format).await;
    }
    if let Some(ags) = name.strip_prefix("lieferung-") {
        return lieferung(&db, ags, format).await;
    }
    if let Some(id) = name.strip_prefix("teilnehmende-") {
        let person = anfrager.and_then(|a| a.0.person).ok_or(ExportError::NichtAngemeldet)?;
        if !person.darf(app::model::konto::Recht::VeranstaltungenBearbeiten) {
            return Err(ExportError::KeineBerechtigung);
        }
        return teilnehmende(&db, id, format).await;
    }
    let a = KatalogAnfrage::aus_query(query.as_deref().unwrap_or(""));
    match name {
        "leistungen" => antwort(name, format, store::leistung::leistungen_export(&db, &a), platz).await,
        "leika" => antwort(name, format, store::leistung::leika_export(&db, &a), platz).await,
        "kommunen" => antwort(name, format, store::kommune::kommunen_export(&db, &a), platz).await,
        "loesungen" => antwort(name, format, store::loesung::export(&db, &a), platz).await,
        "veranstaltungen" => antwort(name, format, veranstaltungen(&db, &a).await?, platz).await,
        _ => Err(ExportError::Unbekannt(datei)),
    }
}

/// The map of the view the query string describes (the same as `/karte`'s) as a standalone SVG
/// or its numbers as CSV; the numbers come from the same cache as the page.
async fn karte(db: &Db, speicher: &Abfragespeicher, query: &str, format: Format) -> Result<Response, ExportError> {
    if query.len() > app::api::karte::MAX_QUERY {
        return Err(ExportError::ZuLang);
    }
    let a = app::model::karte::KartenAnfrage::aus_query(query);
    let heute = chrono::Utc::now().date_naive();
    let k = store::karte::karte(db, speicher, None, a, heute, store::jetzt_ms())
        .await?
        .ok_or(ExportError::GebietUnbekannt)?;
    let (typ, endung, body) = match format {
        Format::Svg => ("image/svg+xml; charset=utf-8", "svg", store::karte::export::svg(&k).into_bytes()),
        _ => ("text/csv; charset=utf-8", "csv", csv_tabelle(&store::karte::export::tabelle(&k))?),
    };
    let mut resp = datei_antwort("karte", typ, endung, body)?;
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{}\"", k.anfrage.dateiname(endung))) {
        resp.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(resp)
}

/// A Kommune's current delivery in the upload format (one row per page, keys space-separated),
/// so a downloaded file can be edited and uploaded again.
async fn lieferung(db: &Db, ags: &str, format: Format) -> Result<Response, ExportError> {
    if store::kommune::name(db, ags).await?.is_none() {
        return Err(ExportError::Unbekannt(format!("lieferung-{ags}")));
    }
    let paare: Vec<(String, String)> =
        store::lieferung::aktuell(db, ags).await?.into_iter().map(|(u, k, _)| (u, k)).collect();
    let tabelle = app::model::lieferung::als_tabelle(&paare);
    let name = format!("lieferung-{ags}");
    match format {
        Format::Csv => {
            let body = csv_tabelle(&tabelle)?;
            datei_antwort(&name, "text/csv; charset=utf-8", "csv", body)
        }
        Format::Xlsx => {
            let body = xlsx(&tabelle, "Lieferung").map_err(|e| ExportError::Schreiben(csv::Error::from(e)))?;
            datei_antwort(&name, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", body)
        }
        Format::Json | Format::Svg => {
            let seiten: Vec<serde_json::Value> = tabelle
                .iter()
                .skip(1)
                .map(|z| serde_json::json!({ "url": z[0], "leika": z[1].split(' ').collect::<Vec<_>>() }))
                .collect();
            let body = serde_json::to_vec_pretty(&seiten)
                .map_err(|e| ExportError::Schreiben(csv::Error::from(std::io::Error::other(e))))?;
            datei_antwort(&name, "application/json", "json", body)
        }
    }
}

/// The participant list of an event (coordination): seats first, then the waiting list in its
/// order. Personal data: never cached.
async fn teilnehmende(db: &Db, id: &str, format: Format) -> Result<Response, ExportError> {
    let unbekannt = || ExportError::Unbekannt(format!("teilnehmende-{}", app::model::text::zitat(id)));
    let nummer: i64 = id.parse().map_err(|_| unbekannt())?;
    let v = store::veranstaltung::eine(db, nummer).await?.ok_or_else(unbekannt)?;
    let liste = store::veranstaltung::teilnahme::teilnehmende(db, nummer, true).await?;
    let mut tabelle = vec![["Name", "E-Mail", "Kommune", "Status", "Angemeldet seit"].map(String::from).to_vec()];
    for t in &liste {
        tabelle.push(vec![
            t.name.clone(),
            t.email.clone().unwrap_or_default(),
            t.kommune.clone().unwrap_or_default(),
            t.status.anzeigen(),
            app::model::konto::zeit_anzeigen(t.seit_ms),
        ]);
    }
    let name = format!("teilnehmende-{nummer}");
    let mut antwort = match format {
        Format::Csv => {
            let body = csv_tabelle(&tabelle)?;
            datei_antwort(&name, "text/csv; charset=utf-8", "csv", body)?
        }
        Format::Xlsx => {
            let body = xlsx(&tabelle, "Teilnehmende").map_err(|e| ExportError::Schreiben(csv::Error::from(e)))?;
            datei_antwort(&name, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", body)?
        }
        Format::Json | Format::Svg => {
            let body =
                serde_json::to_vec_pretty(&serde_json::json!({ "veranstaltung": v.titel, "teilnehmende": liste }))
                    .map_err(|e| ExportError::Schreiben(csv::Error::from(std::io::Error::other(e))))?;
            datei_antwort(&name, "application/json", "json", body)?
        }
    };
    antwort.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    Ok(antwort)
}

/// A minimal XLSX workbook (one sheet, every cell an inline string, so a 14-digit key is never
/// turned into a number by Excel).
pub fn xlsx(tabelle: &[Vec<String>], blattname: &str) -> std::io::Result<Vec<u8>> {
    use std::io::Write;
    let mut blatt = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>",
    );
    for (r, zeile) in tabelle.iter().enumerate() {
        blatt.push_str(&format!("<row r=\"{}\">", r + 1));
        for (c, zelle) in zeile.iter().enumerate() {
            let spalte = spaltenname(c);
            let text = xml(&zelle_entschaerfen(zelle));
            blatt.push_str(&format!("<c r=\"{spalte}{}\" t=\"inlineStr\"><is><t>{text}</t></is></c>", r + 1));
        }
        blatt.push_str("</row>");
    }
    blatt.push_str("</sheetData></worksheet>");
    let dateien: [(&str, String); 5] = [
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
             <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
             <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
             <Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
             <Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>\
             </Types>"
                .into(),
        ),
        (
            "_rels/.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
             <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>\
             </Relationships>"
                .into(),
        ),
        (
            "xl/workbook.xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
             xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">\
             <sheets><sheet name=\"BLATT\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
                .replace("BLATT", &xml(blattname)),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
             <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>\
             </Relationships>"
                .into(),
        ),
        ("xl/worksheets/sheet1.xml", blatt),
    ];
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let optionen = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (pfad, inhalt) in dateien {
        z.start_file(pfad, optionen).map_err(std::io::Error::other)?;
        z.write_all(inhalt.as_bytes())?;
    }
    Ok(z.finish().map_err(std::io::Error::other)?.into_inner())
}

fn datei_antwort(
    name: &str,
    typ: &'static str,
    endung: &str,
    body: impl IntoResponse,
) -> Result<Response, ExportError> {
    let mut resp = body.into_response();
    resp.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(typ));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"ozg-atlas-{name}.{endung}\"")) {
        resp.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(resp)
}

/// The spreadsheet name of a column counted from 0: A … Z, AA, AB, … (`b'A' + c` would overflow
/// past 26 columns).
fn spaltenname(mut c: usize) -> String {
    let mut name = Vec::new();
    loop {
        name.push(char::from(b'A' + u8::try_from(c % 26).unwrap_or(0)));
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    name.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_neutralised() {
        for gefaehrlich in ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(zelle_entschaerfen(gefaehrlich), format!("'{gefaehrlich}"));
        }
        for harmlos in ["https://www.ahaus.de", "99110009104000", "Ahaus", "", "a=b"] {
            assert_eq!(zelle_entschaerfen(harmlos), harmlos);
        }
    }

    #[test]
    fn csv_has_bom_semicolons_and_quoting() {
        let z = KommuneZeile {
            ags: "05554004".into(),
            name: "Ahaus, Stadt".into(),
            typ: "Stadt (kreisangehörig)".into(),
            kreis_ags: "05554".into(),
            kreis: "Borken".into(),
            regierungsbezirk: "Münster".into(),
            groessenklasse: "mittel".into(),
            einwohner: 39_393,
        };
        let bytes = csv_text(&[z]).unwrap();
        assert_eq!(&bytes[..3], &[0xEF, 0xBB, 0xBF]);
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        let mut lines = text.lines();
        assert_eq!(lines.next(), Some("ags;name;typ;kreis_ags;kreis;regierungsbezirk;groessenklasse;einwohner"));
        assert_eq!(
            lines.next(),
            Some(
                "05554004;Ahaus, Stadt;Stadt (kreisangehörig);05554;Borken;Münster;Mittlere kreisangehörige Stadt;39393"
            )
        );
    }

    #[test]
    fn columns_past_z_are_named_like_a_spreadsheet() {
        assert_eq!(super::spaltenname(0), "A");
        assert_eq!(super::spaltenname(25), "Z");
        assert_eq!(super::spaltenname(26), "AA");
        assert_eq!(super::spaltenname(27), "AB");
        assert_eq!(super::spaltenname(701), "ZZ");
        assert_eq!(super::spaltenname(702), "AAA");
    }
}
