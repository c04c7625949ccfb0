//! The protocol of a workshop session: who was there (the number and the Kommunen – names stay
//! out, the library is public), the questions with their results, the decisions with their
//! votes. Built once as paragraphs, written as HTML here and as DOCX by the store (Word is what
//! the Kommunen's offices open; HTML reads anywhere, also with a screen reader).

use super::{Beschluss, Ergebnis, Frage, FrageArt};
use crate::model::text::xml;

/// One paragraph of the protocol.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Absatz {
    Titel(String),
    Ueberschrift(String),
    Text(String),
    Punkt(String),
}

/// What the protocol says, gathered by the store when the session ends.
#[derive(Debug, Clone, PartialEq)]
pub struct Protokoll {
    pub titel: String,
    pub themenfeld: Option<String>,
    /// "07.12.2026, 10:00–12:15 Uhr"
    pub zeit: String,
    pub leitung: String,
    pub teilnehmende: i64,
    pub kommunen: Vec<String>,
    pub fragen: Vec<(Frage, Ergebnis)>,
    pub beschluesse: Vec<Beschluss>,
}

impl Protokoll {
    pub fn absaetze(&self) -> Vec<Absatz> {
        let mut a = vec![Absatz::Titel(format!("Protokoll: {}", self.titel))];
        if let Some(tf) = &self.themenfeld {
            a.push(Absatz::Text(format!("Themenfeld: {tf}")));
        }
        a.push(Absatz::Text(format!("Sitzung: {}", self.zeit)));
        a.push(Absatz::Text(format!("Leitung: {}", self.leitung)));
        a.push(Absatz::Ueberschrift("Teilnehmende".into()));
        a.push(Absatz::Text(format!("{} Teilnehmende aus diesen Kommunen und Organisationen:", self.teilnehmende)));
        a.extend(self.kommunen.iter().map(|k| Absatz::Punkt(k.clone())));
        a.push(Absatz::Ueberschrift("Fragen und Ergebnisse".into()));
        if self.fragen.is_empty() {
            a.push(Absatz::Text("Es wurden keine Fragen gestellt.".into()));
        }
        for (f, e) in &self.fragen {
            a.push(Absatz::Ueberschrift(format!("{} ({})", f.text, f.art.label())));
            a.push(Absatz::Text(format!("{} Teilnehmende haben geantwortet.", e.antwortende)));
            match f.art {
                FrageArt::Freitext => {
                    let gezeigt: Vec<&str> =
                        e.freitexte.iter().filter(|t| t.freigegeben).map(|t| t.text.as_str()).collect();
                    let andere = e.freitexte.len() - gezeigt.len();
                    a.extend(gezeigt.into_iter().map(|t| Absatz::Punkt(t.to_string())));
                    if andere > 0 {
                        a.push(Absatz::Text(format!("{andere} weitere Antworten wurden nicht freigegeben.")));
                    }
                }
                _ => a.extend(e.zaehlung.iter().map(|(l, n)| Absatz::Punkt(format!("{l}: {n}")))),
            }
        }
        a.push(Absatz::Ueberschrift("Beschlüsse".into()));
        if self.beschluesse.is_empty() {
            a.push(Absatz::Text("Es wurden keine Ergebnisse in die Daten übernommen.".into()));
        }
        a.extend(self.beschluesse.iter().map(|b| Absatz::Punkt(b.text())));
        a.push(Absatz::Text("Erstellt vom Workshop-Modus des OZG-Atlas NRW beim Ende der Sitzung.".into()));
        a
    }

    /// A standalone HTML document (every text escaped).
    pub fn html(&self) -> String {
        let mut h = format!(
            "<!DOCTYPE html>\n<html lang=\"de\"><head><meta charset=\"utf-8\"><title>Protokoll: {}</title>\
             <style>body{{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.5}}</style>\
             </head><body>\n",
            xml(&self.titel)
        );
        let mut liste = false;
        for a in self.absaetze() {
            let punkt = matches!(a, Absatz::Punkt(_));
            if liste && !punkt {
                h.push_str("</ul>\n");
            } else if !liste && punkt {
                h.push_str("<ul>\n");
            }
            liste = punkt;
            h.push_str(&match a {
                Absatz::Titel(t) => format!("<h1>{}</h1>\n", xml(&t)),
                Absatz::Ueberschrift(t) => format!("<h2>{}</h2>\n", xml(&t)),
                Absatz::Text(t) => format!("<p>{}</p>\n", xml(&t)),
                Absatz::Punkt(t) => format!("<li>{}</li>\n", xml(&t)),
            });
        }
        if liste {
            h.push_str("</ul>\n");
        }
        h.push_str("</body></html>\n");
        h
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::workshop::Freitext;

    fn protokoll() -> Protokoll {
        let f = Frage {
            id: 1,
            art: FrageArt::Freitext,
            text: "Gute <Dienste>?".into(),
            optionen: vec![],
            offen: false,
            stand: 2,
        };
        let e = Ergebnis {
            frage_id: 1,
            stand: 2,
            antwortende: 2,
            zaehlung: vec![],
            prioritaeten: vec![],
            freitexte: vec![
                Freitext { teilnahme_id: 1, text: "Hund & Katze".into(), freigegeben: true },
                Freitext { teilnahme_id: 2, text: "nicht gezeigt".into(), freigegeben: false },
            ],
            svg: String::new(),
        };
        Protokoll {
            titel: "Workshop Bildung".into(),
            themenfeld: Some("Bildung".into()),
            zeit: "07.12.2026".into(),
            leitung: "Kora".into(),
            teilnehmende: 2,
            kommunen: vec!["Ahaus".into()],
            fragen: vec![(f, e)],
            beschluesse: vec![],
        }
    }

    #[test]
    fn protocol_shows_only_approved_text_and_escapes_it() {
        let h = protokoll().html();
        assert!(h.contains("<li>Hund &amp; Katze</li>") && !h.contains("nicht gezeigt"));
        assert!(h.contains("Gute &lt;Dienste&gt;?") && h.contains("1 weitere Antworten wurden nicht freigegeben."));
        assert_eq!(h.matches("<ul>").count(), h.matches("</ul>").count());
        assert!(h.contains("Es wurden keine Ergebnisse in die Daten übernommen."));
    }
}
