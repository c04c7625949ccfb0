//! Filing the protocol of an ended session: gathered from the session's tables, written as HTML
//! and DOCX, two Fassungen of one document (art Protokoll) of the library linked to the event and
//! its Themenfeld, and a Mitteilung for the Themenfeld's followers.

use super::SitzungZeile;
use crate::model::dokument::eingabe::{DokumentDaten, FassungDaten};
use crate::model::dokument::{Art, BezugArt, Format};
use crate::model::workshop::protokoll::{Absatz, Protokoll};
use crate::store::akteur::Akteur;
use crate::store::{Db, SchreibFehler, Sql, StoreError, StoreResult};

/// Everything the protocol says, read now.
pub async fn sammeln(db: &Db, s: &SitzungZeile) -> StoreResult<Protokoll> {
    let themenfeld = match s.themenfeld_id {
        Some(id) => crate::store::themenfeld::slug_und_name(db, id).await?.map(|(_, n)| n),
        None => None,
    };
    let mut k = Sql::new(
        "SELECT DISTINCT COALESCE(t.kommune, ko.name, 'ohne Angabe') FROM workshop_teilnahme t \
         LEFT JOIN benutzer b ON b.id = t.benutzer_id LEFT JOIN kommune ko ON ko.ags = b.kommune_ags WHERE t.sitzung_id = ",
    );
    k.bind(s.id).push(" ORDER BY 1");
    let kommunen: Vec<String> = db.alle::<(String,)>(&k).await?.into_iter().map(|z| z.0).collect();
    let ids: Vec<i64> = db
        .alle::<(i64,)>(Sql::new("SELECT id FROM workshop_frage WHERE sitzung_id = ").bind(s.id).push(" ORDER BY id"))
        .await?
        .into_iter()
        .map(|z| z.0)
        .collect();
    let mut fragen = Vec::new();
    for id in ids {
        if let Some(f) = super::frage(db, s.id, id).await? {
            let e = super::ergebnis(db, &f, true).await?;
            fragen.push((f, e));
        }
    }
    let begonnen = db.zahl(Sql::new("SELECT begonnen_ms FROM workshop_sitzung WHERE id = ").bind(s.id)).await?;
    let zeit = zeitraum(begonnen, s.beendet_ms.unwrap_or_else(crate::store::jetzt_ms));
    Ok(Protokoll {
        titel: s.titel.clone(),
        themenfeld,
        zeit,
        leitung: s.leitung.clone(),
        teilnehmende: super::teilnehmende(db, s.id).await?,
        kommunen,
        fragen,
        beschluesse: super::beschluesse(db, s.id).await?,
    })
}

/// "07.12.2026, 10:00 Uhr bis 07.12.2026, 12:15 Uhr" in German time.
fn zeitraum(von_ms: i64, bis_ms: i64) -> String {
    use crate::model::konto::zeit_anzeigen;
    format!("{} bis {}", zeit_anzeigen(von_ms), zeit_anzeigen(bis_ms))
}

/// Files the protocol; returns the document's id. If a step fails, what was filed is removed.
pub async fn ablegen(db: &Db, s: &SitzungZeile, wer: &Akteur) -> Result<i64, SchreibFehler> {
    let p = sammeln(db, s).await?;
    let heute = chrono::Utc::now().date_naive();
    let mut bezuege = vec![(BezugArt::Veranstaltung, s.veranstaltung_id.to_string())];
    bezuege.extend(s.themenfeld_id.map(|tf| (BezugArt::Themenfeld, tf.to_string())));
    let d = DokumentDaten {
        titel: format!("Protokoll: {} ({})", s.titel, heute.format("%d.%m.%Y")),
        art: Art::Protokoll,
        beschreibung: Some("Protokoll der Workshop-Sitzung: Teilnehmende, Fragen, Ergebnisse und Beschlüsse.".into()),
        quelle: "Workshop-Modus des OZG-Atlas NRW".into(),
        lizenz: None,
        link: None,
        alt_text: None,
        bezuege,
    };
    let id = crate::store::dokument::anlegen(db, &d, wer).await?;
    let dateien = [
        (format!("protokoll-{}.html", s.code), Format::Html, p.html().into_bytes()),
        (format!("protokoll-{}.docx", s.code), Format::Docx, docx(&p.absaetze())?),
    ];
    for (dateiname, format, inhalt) in dateien {
        let f = FassungDaten { stand: heute, dateiname, format, inhalt };
        if let Err(e) = crate::store::dokument::fassung_hinzufuegen(db, id, &f, wer).await {
            let mut weg = Sql::new("DELETE FROM dokument WHERE id = ");
            weg.bind(id);
            let _ = db.transaktion(&[weg]).await;
            return Err(e);
        }
    }
    verknuepfen_und_mitteilen(db, s, id, &d.titel, wer).await?;
    Ok(id)
}

async fn verknuepfen_und_mitteilen(db: &Db, s: &SitzungZeile, id: i64, titel: &str, wer: &Akteur) -> StoreResult<()> {
    use crate::model::infoverteiler::{AboArt, MitteilungNeu};
    let mut tx = db.beginnen().await?;
    // A new state: the screens of the ended session reload and show the protocol's link.
    let mut u = Sql::new("UPDATE workshop_sitzung SET stand = stand + 1, protokoll_id = ");
    u.bind(id).push(" WHERE id = ").bind(s.id);
    tx.ausfuehren(&u).await?;
    super::ereignis_schreiben(&mut tx, s.id, wer).await?;
    let m = MitteilungNeu {
        art: "veranstaltung",
        titel: titel.to_string(),
        pfad: crate::pfad::dokument(id),
        auszug: format!("Das Protokoll des Workshops „{}“ liegt in der Dokumentenbibliothek.", s.titel),
        zeit_ms: crate::store::jetzt_ms(),
        bezuege: s.themenfeld_id.map(|tf| (AboArt::Themenfeld, tf.to_string())).into_iter().collect(),
    };
    crate::store::infoverteiler::mitteilen(&mut tx, &m, wer).await?;
    tx.commit().await
}

/// A minimal Word document (Office Open XML): title, headings, paragraphs, bullets as
/// paragraphs with a dash, German language set for spell checking and screen readers.
pub fn docx(absaetze: &[Absatz]) -> StoreResult<Vec<u8>> {
    use std::io::Write;
    let fehler = |e: &dyn std::fmt::Display| StoreError::Intern(format!("DOCX: {e}"));
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, inhalt) in [
        ("[Content_Types].xml", INHALTSTYPEN.to_string()),
        ("_rels/.rels", BEZIEHUNGEN.to_string()),
        ("word/_rels/document.xml.rels", DOKUMENT_BEZIEHUNGEN.to_string()),
        ("word/styles.xml", STILE.to_string()),
        ("word/document.xml", dokument_xml(absaetze)),
    ] {
        z.start_file(name, o).map_err(|e| fehler(&e))?;
        z.write_all(inhalt.as_bytes()).map_err(|e| fehler(&e))?;
    }
    Ok(z.finish().map_err(|e| fehler(&e))?.into_inner())
}

fn dokument_xml(absaetze: &[Absatz]) -> String {
    use crate::model::text::xml;
    let absatz = |stil: Option<&str>, text: &str| {
        let p = stil.map(|s| format!("<w:pPr><w:pStyle w:val=\"{s}\"/></w:pPr>")).unwrap_or_default();
        format!("<w:p>{p}<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>", xml(text))
    };
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>",
    );
    for a in absaetze {
        x.push_str(&match a {
            Absatz::Titel(t) => absatz(Some("Title"), t),
            Absatz::Ueberschrift(t) => absatz(Some("Heading1"), t),
            Absatz::Text(t) => absatz(None, t),
            Absatz::Punkt(t) => absatz(Some("ListParagraph"), &format!("– {t}")),
        });
    }
    x.push_str("<w:sectPr/></w:body></w:document>");
    x
}

const INHALTSTYPEN: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
</Types>";

const BEZIEHUNGEN: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
</Relationships>";

const DOKUMENT_BEZIEHUNGEN: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
</Relationships>";

const STILE: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\"/><w:sz w:val=\"22\"/><w:lang w:val=\"de-DE\"/></w:rPr></w:rPrDefault></w:docDefaults>\
<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"120\"/></w:pPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"36\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:before=\"240\"/><w:outlineLvl w:val=\"1\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"28\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"ListParagraph\"><w:name w:val=\"List Paragraph\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:ind w:left=\"360\"/></w:pPr></w:style>\
</w:styles>";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docx_is_a_zip_with_the_escaped_paragraphs() {
        let b = docx(&[Absatz::Titel("A & B".into()), Absatz::Punkt("<x>".into())]).unwrap();
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(b)).unwrap();
        let mut d = String::new();
        std::io::Read::read_to_string(&mut z.by_name("word/document.xml").unwrap(), &mut d).unwrap();
        assert!(d.contains("A &amp; B") && d.contains("– &lt;x&gt;") && d.contains("w:val=\"Title\""));
        assert!(z.by_name("[Content_Types].xml").is_ok());
    }
}
