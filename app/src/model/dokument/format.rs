//! File formats the library accepts, recognised from the first bytes of the content – never from
//! the file name or the type the browser claims. What is not recognised is refused.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Format {
    Pdf,
    Png,
    Jpeg,
    /// Word, Excel, PowerPoint (Office Open XML).
    Docx,
    Xlsx,
    Pptx,
    /// Any other ZIP archive (e.g. a BPMN model package).
    Zip,
    /// XML, XSD, BPMN.
    Xml,
    Html,
}

/// The formats as the upload form names them.
pub const ERLAUBT: &str = "PDF, PNG, JPEG, Word, Excel, PowerPoint (Office Open XML), ZIP, XML/XSD/BPMN, HTML";

impl Format {
    pub fn mime(self) -> &'static str {
        match self {
            Format::Pdf => "application/pdf",
            Format::Png => "image/png",
            Format::Jpeg => "image/jpeg",
            Format::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Format::Pptx => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            Format::Zip => "application/zip",
            Format::Xml => "application/xml",
            Format::Html => "text/html",
        }
    }

    pub fn aus_mime(mime: &str) -> Option<Format> {
        use Format::*;
        [Pdf, Png, Jpeg, Docx, Xlsx, Pptx, Zip, Xml, Html].into_iter().find(|f| f.mime() == mime)
    }

    pub fn label(self) -> &'static str {
        match self {
            Format::Pdf => "PDF",
            Format::Png => "PNG-Bild",
            Format::Jpeg => "JPEG-Bild",
            Format::Docx => "Word",
            Format::Xlsx => "Excel",
            Format::Pptx => "PowerPoint",
            Format::Zip => "ZIP",
            Format::Xml => "XML",
            Format::Html => "HTML",
        }
    }

    /// File name endings that fit the format; the first is used when the name has none of them.
    fn endungen(self) -> &'static [&'static str] {
        match self {
            Format::Pdf => &["pdf"],
            Format::Png => &["png"],
            Format::Jpeg => &["jpg", "jpeg"],
            Format::Docx => &["docx"],
            Format::Xlsx => &["xlsx"],
            Format::Pptx => &["pptx"],
            Format::Zip => &["zip"],
            Format::Xml => &["xml", "xsd", "bpmn"],
            Format::Html => &["html", "htm"],
        }
    }

    pub fn ist_bild(self) -> bool {
        matches!(self, Format::Png | Format::Jpeg)
    }

    /// Shown in the browser (PDF and images); everything else is a download, so that an
    /// uploaded HTML or Office file never runs in the portal's origin.
    pub fn im_browser(self) -> bool {
        matches!(self, Format::Pdf | Format::Png | Format::Jpeg)
    }

    /// The format of `inhalt`, or `None` when it is none of the accepted ones.
    pub fn erkennen(inhalt: &[u8]) -> Option<Format> {
        if inhalt.starts_with(b"%PDF-") {
            return Some(Format::Pdf);
        }
        if inhalt.starts_with(b"\x89PNG\r\n\x1a\n") {
            return Some(Format::Png);
        }
        if inhalt.starts_with(&[0xFF, 0xD8, 0xFF]) {
            return Some(Format::Jpeg);
        }
        if inhalt.starts_with(b"PK\x03\x04") {
            // Office files name their main part in the archive's (uncompressed) directory.
            let hat = |name: &[u8]| inhalt.windows(name.len()).any(|w| w == name);
            return Some(if hat(b"word/document.xml") {
                Format::Docx
            } else if hat(b"xl/workbook.xml") {
                Format::Xlsx
            } else if hat(b"ppt/presentation.xml") {
                Format::Pptx
            } else {
                Format::Zip
            });
        }
        let text = std::str::from_utf8(inhalt).ok()?;
        let anfang = text.trim_start_matches('\u{feff}').trim_start();
        let klein: String = anfang.chars().take(15).collect::<String>().to_lowercase();
        if klein.starts_with("<!doctype html") || klein.starts_with("<html") {
            return Some(Format::Html);
        }
        let zweites = anfang.chars().nth(1);
        if anfang.starts_with("<?xml") || (anfang.starts_with('<') && zweites.is_some_and(char::is_alphabetic)) {
            return Some(Format::Xml);
        }
        None
    }

    /// A safe file name: the given stem with only letters, digits, `-`, `_`, `.`; the ending
    /// fitting the recognised format (a "bild.pdf" that is a PNG becomes "bild.png").
    pub fn dateiname(self, gegeben: &str) -> String {
        let basis = gegeben.rsplit(['/', '\\']).next().unwrap_or_default();
        let (stamm, endung) = match basis.rsplit_once('.') {
            Some((s, e)) if !s.is_empty() => (s, e.to_lowercase()),
            _ => (basis, String::new()),
        };
        let mut sauber: String = stamm
            .chars()
            .map(|c| if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') { c } else { '_' })
            .take(100)
            .collect();
        sauber = sauber.trim_matches(['.', '_']).to_string();
        if sauber.is_empty() {
            sauber = "dokument".into();
        }
        let endung = if self.endungen().contains(&endung.as_str()) { endung } else { self.endungen()[0].to_string() };
        format!("{sauber}.{endung}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_content_decides_not_the_name() {
        assert_eq!(Format::erkennen(b"%PDF-1.7\n..."), Some(Format::Pdf));
        assert_eq!(Format::erkennen(b"\x89PNG\r\n\x1a\n\0\0"), Some(Format::Png));
        assert_eq!(Format::erkennen(&[0xFF, 0xD8, 0xFF, 0xE0]), Some(Format::Jpeg));
        assert_eq!(Format::erkennen(b"PK\x03\x04....xl/workbook.xml...."), Some(Format::Xlsx));
        assert_eq!(Format::erkennen(b"PK\x03\x04....process.bpmn"), Some(Format::Zip));
        assert_eq!(Format::erkennen("\u{feff}  <?xml version=\"1.0\"?><xs:schema/>".as_bytes()), Some(Format::Xml));
        assert_eq!(Format::erkennen(b"<!DOCTYPE html><html>"), Some(Format::Html));
        for boese in
            [&b"MZ\x90\0 Windows executable"[..], b"#!/bin/sh\nrm -rf /", b"", b"\xff\xfe\0<", b"< 3 ist kein XML"]
        {
            assert_eq!(Format::erkennen(boese), None, "{boese:?}");
        }
    }

    #[test]
    fn file_names_are_cleaned_and_get_the_right_ending() {
        assert_eq!(Format::Pdf.dateiname("OZG-Referenzprozess Wohngeld.pdf"), "OZG-Referenzprozess_Wohngeld.pdf");
        assert_eq!(Format::Png.dateiname("bild.pdf"), "bild.png");
        assert_eq!(Format::Xml.dateiname("Datenfelder.XSD"), "Datenfelder.xsd");
        assert_eq!(Format::Pdf.dateiname("../../etc/passwd"), "passwd.pdf");
        assert_eq!(Format::Html.dateiname("<script>.html"), "script.html");
        assert_eq!(Format::Zip.dateiname(""), "dokument.zip");
        assert_eq!(Format::Jpeg.dateiname(&"x".repeat(500)).len(), 104);
    }
}
