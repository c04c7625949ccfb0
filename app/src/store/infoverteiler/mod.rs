//! The Infoverteiler in the database: subscriptions, the Mitteilungen that changes write (in
//! their own transaction, together with the outbox rows of immediate mails), "Neu für mich", the
//! personal feed's token and the secret of the unsubscribe links. The outbox is [`ausgang`].

pub mod ausgang;

use super::{Db, SchreibFehler, Sql, StoreResult, Tx, akteur::Akteur, jetzt_ms};
use crate::model::forum::EHEMALIG;
use crate::model::infoverteiler::{Abo, AboArt, Mitteilung, MitteilungNeu, NeuFuerMich, Versand};
use std::collections::HashMap;

/// Reads of "Neu für mich" less than this apart are one visit (see `forum_gelesen`).
const BESUCH_MS: i64 = 30 * 60 * 1000;
/// "Neu für mich" looks this far back.
const RUECKBLICK_MS: i64 = 30 * 24 * 3600 * 1000;
/// At most this many Mitteilungen on the page, in the feed or in one digest.
pub const HOECHSTENS: i64 = 200;
/// A person may follow this many things (a bound on the joins behind every page of theirs).
pub const MAX_ABOS: i64 = 500;

/// Writes a Mitteilung with what it concerns, and the immediate mails for those who follow any
/// of it (one per person, never to its author) – in the caller's transaction, so a change and
/// its notice are saved together or not at all.
pub async fn mitteilen(tx: &mut Tx, m: &MitteilungNeu, wer: &Akteur) -> StoreResult<i64> {
    let id = eintragen(tx, m, wer).await?;
    tx.ausfuehren(&ausgang::sofort_einreihen(id, m.zeit_ms, wer.id)).await?;
    Ok(id)
}

/// Writes a Mitteilung with what it concerns, without mails (a Rundschreiben queues its own).
pub async fn eintragen(tx: &mut Tx, m: &MitteilungNeu, wer: &Akteur) -> StoreResult<i64> {
    let mut s = Sql::new("INSERT INTO mitteilung (zeit_ms, art, titel, pfad, auszug, autor_id) VALUES (");
    s.bind(m.zeit_ms).push(", ").bind(m.art).push(", ").bind(m.titel.clone()).push(", ").bind(m.pfad.clone());
    s.push(", ").bind(crate::model::infoverteiler::auszug(&m.auszug)).push(", ").bind(wer.id).push(") RETURNING id");
    let id = tx.zahl(&s).await?;
    let mut bezuege: Vec<(AboArt, String)> = m.bezuege.clone();
    bezuege.sort_by_key(|(a, z)| (a.code(), z.clone()));
    bezuege.dedup();
    let zeilen: Vec<_> = bezuege.into_iter().map(|(a, z)| vec![id.into(), a.code().into(), z.into()]).collect();
    if !zeilen.is_empty() {
        tx.ausfuehren(&Sql::insert_rows("INSERT INTO mitteilung_bezug (mitteilung_id, art, ziel)", zeilen, "")).await?;
    }
    Ok(id)
}

#[derive(sqlx::FromRow)]
struct AboZeile {
    id: i64,
    art: String,
    ziel: String,
    versand: String,
    erstellt_ms: i64,
    titel: Option<String>,
    slug: Option<String>,
}

impl AboZeile {
    fn abo(self) -> Option<Abo> {
        let art = AboArt::aus_code(&self.art)?;
        let ziel = self.ziel;
        let pfad = match art {
            AboArt::Themenfeld => self.slug.as_deref().map(crate::pfad::themenfeld),
            AboArt::Brett => self.slug.as_deref().map(crate::pfad::forum_brett),
            AboArt::Thema => Some(crate::pfad::forum_thema(&ziel)),
            AboArt::Projekt => Some(crate::pfad::projekt(&ziel)),
            AboArt::Kommune => Some(crate::pfad::kommune(&ziel)),
            AboArt::Veranstaltungen => Some(crate::pfad::VERANSTALTUNGEN.to_string()),
            AboArt::Aktuelles => Some(crate::pfad::AKTUELLES.to_string()),
        };
        let name = match art {
            AboArt::Veranstaltungen => Some("alle Veranstaltungen".to_string()),
            AboArt::Aktuelles => Some("alle Meldungen".to_string()),
            _ => self.titel,
        };
        Some(Abo {
            id: self.id,
            art,
            titel: format!("{} {}", art.label(), name.unwrap_or_else(|| "(nicht mehr vorhanden)".into())),
            pfad: pfad.unwrap_or_default(),
            ziel,
            versand: Versand::aus_code(&self.versand).unwrap_or_default(),
            erstellt_ms: self.erstellt_ms,
        })
    }
}

/// Subscriptions with the name of what they follow (one join per kind of target).
fn abos_sql() -> Sql {
    Sql::new(
        "SELECT a.id, a.art, a.ziel, a.versand, a.erstellt_ms, \
         COALESCE(tf.name, fb.titel, ft.betreff, p.name, k.name) AS titel, COALESCE(tf.slug, fb.slug) AS slug \
         FROM abo a \
         LEFT JOIN themenfeld tf ON a.art = 'themenfeld' AND CAST(tf.id AS TEXT) = a.ziel \
         LEFT JOIN forum_brett fb ON a.art = 'brett' AND CAST(fb.id AS TEXT) = a.ziel \
         LEFT JOIN forum_thema ft ON a.art = 'thema' AND CAST(ft.id AS TEXT) = a.ziel \
         LEFT JOIN projekt p ON a.art = 'projekt' AND CAST(p.id AS TEXT) = a.ziel \
         LEFT JOIN kommune k ON a.art = 'kommune' AND k.ags = a.ziel \
         WHERE a.benutzer_id = ",
    )
}

/// A person's subscriptions, in the order they made them.
pub async fn abos(db: &Db, benutzer: i64) -> StoreResult<Vec<Abo>> {
    let mut s = abos_sql();
    s.bind(benutzer).push(" ORDER BY a.erstellt_ms, a.id");
    Ok(db.alle::<AboZeile>(&s).await?.into_iter().filter_map(AboZeile::abo).collect())
}

/// Their subscription of one target, if any.
pub async fn abo(db: &Db, benutzer: i64, art: AboArt, ziel: &str) -> StoreResult<Option<Abo>> {
    let mut s = abos_sql();
    s.bind(benutzer).push(" AND a.art = ").bind(art.code()).push(" AND a.ziel = ").bind(ziel.to_string());
    Ok(db.eine::<AboZeile>(&s).await?.and_then(AboZeile::abo))
}

/// Whether the target exists (a subscription to nothing is refused).
async fn ziel_vorhanden(db: &Db, art: AboArt, ziel: &str) -> StoreResult<bool> {
    let tabelle = match art {
        AboArt::Veranstaltungen | AboArt::Aktuelles => return Ok(true),
        AboArt::Kommune => {
            let mut s = Sql::new("SELECT COUNT(*) FROM kommune WHERE ags = ");
            s.bind(ziel.to_string());
            return Ok(db.zahl(&s).await? > 0);
        }
        AboArt::Themenfeld => "themenfeld",
        AboArt::Brett => "forum_brett",
        AboArt::Thema => "forum_thema",
        AboArt::Projekt => "projekt",
    };
    let Ok(id) = ziel.parse::<i64>() else { return Ok(false) };
    let mut s = Sql::new(&format!("SELECT COUNT(*) FROM {tabelle} WHERE id = "));
    s.bind(id);
    Ok(db.zahl(&s).await? > 0)
}

/// Follows a target (or changes where they hear of it); returns the subscription.
pub async fn folgen(db: &Db, benutzer: i64, art: AboArt, ziel: &str, versand: Versand) -> Result<Abo, SchreibFehler> {
    if !ziel_vorhanden(db, art, ziel).await? {
        return Err(SchreibFehler::NichtGefunden(format!("Das Ziel ({})", art.label())));
    }
    let mut z = Sql::new("SELECT COUNT(*) FROM abo WHERE benutzer_id = ");
    z.bind(benutzer);
    if db.zahl(&z).await? >= MAX_ABOS && abo(db, benutzer, art, ziel).await?.is_none() {
        return Err(SchreibFehler::Abgelehnt(format!(
            "Sie folgen bereits {MAX_ABOS} Dingen. Bitte beenden Sie zuerst ein anderes Abonnement."
        )));
    }
    let mut s = Sql::new("INSERT INTO abo (benutzer_id, art, ziel, versand, erstellt_ms) VALUES (");
    s.bind(benutzer).push(", ").bind(art.code()).push(", ").bind(ziel.to_string()).push(", ");
    s.bind(versand.code()).push(", ").bind(jetzt_ms());
    s.push(") ON CONFLICT (benutzer_id, art, ziel) DO UPDATE SET versand = ").bind(versand.code());
    db.transaktion(&[s, konto_anlegen(benutzer)?]).await?;
    abo(db, benutzer, art, ziel).await?.ok_or_else(|| SchreibFehler::NichtGefunden("Das Abonnement".into()))
}

/// Ends one of their subscriptions (someone else's id changes nothing).
pub async fn entfolgen(db: &Db, benutzer: i64, abo: i64) -> StoreResult<bool> {
    let mut s = Sql::new("DELETE FROM abo WHERE benutzer_id = ");
    s.bind(benutzer).push(" AND id = ").bind(abo);
    Ok(db.transaktion(&[s]).await? == 1)
}

/// The person's row of `infoverteiler_konto`, made once with a fresh unsubscribe secret.
pub(crate) fn konto_anlegen(benutzer: i64) -> StoreResult<Sql> {
    let mut s = Sql::new("INSERT INTO infoverteiler_konto (benutzer_id, abmelde_token) VALUES (");
    s.bind(benutzer).push(", ").bind(super::geheimnis::token()?).push(") ON CONFLICT (benutzer_id) DO NOTHING");
    Ok(s)
}

#[derive(sqlx::FromRow)]
struct MitteilungZeile {
    id: i64,
    zeit_ms: i64,
    art: String,
    titel: String,
    pfad: String,
    auszug: String,
    autor_id: Option<i64>,
    autor: Option<String>,
    abo_id: i64,
}

/// Which of a person's Mitteilungen: a time window, and optionally only those of subscriptions
/// with one kind of delivery (a digest holds only what was asked for that way).
#[derive(Clone, Copy, Debug)]
pub struct Fenster {
    pub von_ms: i64,
    pub bis_ms: i64,
    pub versand: Option<Versand>,
}

/// The Mitteilungen of what `benutzer` follows in the window, newest first, never their own,
/// each with the subscription it came by (the first, if several).
async fn mitteilungen_zeilen(db: &Db, benutzer: i64, f: Fenster) -> StoreResult<Vec<MitteilungZeile>> {
    let mut s = Sql::new(
        "SELECT m.id, m.zeit_ms, m.art, m.titel, m.pfad, m.auszug, m.autor_id, b.name AS autor, MIN(a.id) AS abo_id \
         FROM mitteilung m JOIN mitteilung_bezug z ON z.mitteilung_id = m.id \
         JOIN abo a ON a.art = z.art AND a.ziel = z.ziel AND a.benutzer_id = ",
    );
    s.bind(benutzer);
    if let Some(v) = f.versand {
        s.push(" AND a.versand = ").bind(v.code());
    }
    // A Rundschreiben came by its own mail; a digest does not repeat it.
    let ohne_rundschreiben = f.versand.is_some();
    s.push(" LEFT JOIN benutzer b ON b.id = m.autor_id WHERE m.zeit_ms >= ").bind(f.von_ms);
    s.push(" AND m.zeit_ms < ").bind(f.bis_ms).push(" AND (m.autor_id IS NULL OR m.autor_id <> ").bind(benutzer);
    if ohne_rundschreiben {
        s.push(") AND (m.art <> 'rundschreiben'");
    }
    s.push(") GROUP BY m.id, m.zeit_ms, m.art, m.titel, m.pfad, m.auszug, m.autor_id, b.name");
    s.push(" ORDER BY m.zeit_ms DESC, m.id DESC LIMIT ").bind(HOECHSTENS);
    db.alle::<MitteilungZeile>(&s).await
}

/// The person's Mitteilungen in the window, with the name of the subscription each came by.
pub async fn mitteilungen(db: &Db, benutzer: i64, f: Fenster, neu_ab_ms: i64) -> StoreResult<Vec<Mitteilung>> {
    let gruppen: HashMap<i64, String> = abos(db, benutzer).await?.into_iter().map(|a| (a.id, a.titel)).collect();
    let zeilen = mitteilungen_zeilen(db, benutzer, f).await?;
    Ok(zeilen
        .into_iter()
        .map(|z| {
            let forum = matches!(z.art.as_str(), "thema" | "beitrag");
            let von = match (z.autor, z.autor_id) {
                (Some(n), _) => n,
                (None, _) if forum => EHEMALIG.to_string(),
                (None, _) => "Koordination".to_string(),
            };
            Mitteilung {
                id: z.id,
                neu: z.zeit_ms > neu_ab_ms,
                zeit_ms: z.zeit_ms,
                art: z.art,
                titel: z.titel,
                pfad: z.pfad,
                auszug: z.auszug,
                von,
                gruppe: gruppen.get(&z.abo_id).cloned().unwrap_or_default(),
            }
        })
        .collect())
}

/// One Mitteilung as `benutzer` gets it by mail (grouped under subscription `abo`).
pub async fn eine(db: &Db, benutzer: i64, id: i64, abo: Option<i64>) -> StoreResult<Option<Mitteilung>> {
    let mut s = Sql::new("SELECT zeit_ms FROM mitteilung WHERE id = ");
    s.bind(id);
    let Some((zeit,)) = db.eine::<(i64,)>(&s).await? else { return Ok(None) };
    let fenster = Fenster { von_ms: zeit, bis_ms: zeit + 1, versand: None };
    let mut liste = mitteilungen(db, benutzer, fenster, i64::MIN).await?;
    let gruppe = match abo {
        Some(a) => abos(db, benutzer).await?.into_iter().find(|x| x.id == a).map(|x| x.titel),
        None => None,
    };
    let mut m = liste.iter().position(|m| m.id == id).map(|i| liste.swap_remove(i));
    if let (Some(m), Some(g)) = (m.as_mut(), gruppe) {
        m.gruppe = g;
    }
    Ok(m)
}

/// Groups in order of their newest Mitteilung.
pub fn gruppieren(liste: Vec<Mitteilung>) -> Vec<(String, Vec<Mitteilung>)> {
    let mut gruppen: Vec<(String, Vec<Mitteilung>)> = Vec::new();
    for m in liste {
        match gruppen.iter_mut().find(|(g, _)| *g == m.gruppe) {
            Some((_, l)) => l.push(m),
            None => gruppen.push((m.gruppe.clone(), vec![m])),
        }
    }
    gruppen
}

#[derive(sqlx::FromRow, Default)]
struct Besuch {
    gesehen_ms: i64,
    zuvor_ms: i64,
}

async fn besuch(db: &Db, benutzer: i64) -> StoreResult<Besuch> {
    let mut s = Sql::new("SELECT gesehen_ms, zuvor_ms FROM infoverteiler_konto WHERE benutzer_id = ");
    s.bind(benutzer);
    Ok(db.eine::<Besuch>(&s).await?.unwrap_or_default())
}

/// "Neu für mich": the last 30 days of what they follow, marked new since the visit before this
/// one; records this visit.
pub async fn neu_fuer_mich(db: &Db, benutzer: i64) -> StoreResult<NeuFuerMich> {
    let jetzt = jetzt_ms();
    let alt = besuch(db, benutzer).await?;
    // A new visit starts from the previous one; within a visit the mark stays where it began.
    let neu_ab = if jetzt - alt.gesehen_ms > BESUCH_MS { alt.gesehen_ms } else { alt.zuvor_ms };
    let fenster = Fenster { von_ms: jetzt - RUECKBLICK_MS, bis_ms: jetzt + 1, versand: None };
    let liste = mitteilungen(db, benutzer, fenster, neu_ab).await?;
    let mut s = Sql::new("UPDATE infoverteiler_konto SET zuvor_ms = ");
    s.bind(neu_ab).push(", gesehen_ms = ").bind(jetzt).push(" WHERE benutzer_id = ").bind(benutzer);
    db.transaktion(&[konto_anlegen(benutzer)?, s]).await?;
    let mut z = Sql::new("SELECT COUNT(*) FROM abo WHERE benutzer_id = ");
    z.bind(benutzer);
    Ok(NeuFuerMich {
        neu: liste.iter().filter(|m| m.neu).count(),
        gruppen: gruppieren(liste),
        folgt: db.zahl(&z).await? > 0,
    })
}

/// How many Mitteilungen are new since their last visit of "Neu für mich" (for the header).
pub async fn neu_anzahl(db: &Db, benutzer: i64) -> StoreResult<i64> {
    let jetzt = jetzt_ms();
    let seit = besuch(db, benutzer).await?.gesehen_ms.max(jetzt - RUECKBLICK_MS);
    let mut s = Sql::new(
        "SELECT COUNT(DISTINCT m.id) FROM mitteilung m JOIN mitteilung_bezug z ON z.mitteilung_id = m.id \
         JOIN abo a ON a.art = z.art AND a.ziel = z.ziel AND a.benutzer_id = ",
    );
    s.bind(benutzer).push(" WHERE m.zeit_ms > ").bind(seit).push(" AND m.zeit_ms <= ").bind(jetzt);
    s.push(" AND (m.autor_id IS NULL OR m.autor_id <> ").bind(benutzer).push(")");
    db.zahl(&s).await
}

/// A new personal feed token (the previous one stops working); returns it – the database keeps
/// only its hash.
pub async fn feed_erneuern(db: &Db, benutzer: i64) -> StoreResult<String> {
    let token = super::geheimnis::token()?;
    let mut s = Sql::new("UPDATE infoverteiler_konto SET feed_hash = ");
    s.bind(super::geheimnis::token_hash(&token)).push(", feed_seit_ms = ").bind(jetzt_ms());
    s.push(" WHERE benutzer_id = ").bind(benutzer);
    db.transaktion(&[konto_anlegen(benutzer)?, s]).await?;
    Ok(token)
}

pub async fn feed_beenden(db: &Db, benutzer: i64) -> StoreResult<()> {
    let mut s = Sql::new("UPDATE infoverteiler_konto SET feed_hash = NULL, feed_seit_ms = NULL WHERE benutzer_id = ");
    s.bind(benutzer);
    db.transaktion(&[s]).await.map(|_| ())
}

pub async fn feed_seit(db: &Db, benutzer: i64) -> StoreResult<Option<i64>> {
    let mut s = Sql::new("SELECT feed_seit_ms FROM infoverteiler_konto WHERE benutzer_id = ");
    s.bind(benutzer);
    Ok(db.eine::<(Option<i64>,)>(&s).await?.and_then(|(t,)| t))
}

/// Tokens of the wrong shape are not looked up.
fn token_form(token: &str) -> bool {
    token.len() <= 100 && token.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// The active account and name a feed token belongs to.
pub async fn person_mit_feed(db: &Db, token: &str) -> StoreResult<Option<(i64, String)>> {
    if !token_form(token) {
        return Ok(None);
    }
    let mut s = Sql::new(
        "SELECT b.id, b.name FROM infoverteiler_konto k JOIN benutzer b ON b.id = k.benutzer_id \
         WHERE b.aktiv = TRUE AND k.feed_hash = ",
    );
    s.bind(super::geheimnis::token_hash(token));
    db.eine::<(i64, String)>(&s).await
}

/// The secret of a person's unsubscribe links (made on first use).
pub async fn abmelde_token(db: &Db, benutzer: i64) -> StoreResult<String> {
    db.transaktion(&[konto_anlegen(benutzer)?]).await?;
    let mut s = Sql::new("SELECT abmelde_token FROM infoverteiler_konto WHERE benutzer_id = ");
    s.bind(benutzer);
    db.text(&s).await?.ok_or_else(|| super::StoreError::Intern("Abmelde-Geheimnis fehlt".into()))
}

/// What an unsubscribe link stops: one subscription's mails, or a digest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Abmeldung {
    Abo(i64),
    Zusammenfassung(Versand),
    /// The coordination's Rundschreiben.
    Rundschreiben,
}

impl Abmeldung {
    pub fn code(self) -> String {
        match self {
            Abmeldung::Abo(id) => format!("abo-{id}"),
            Abmeldung::Zusammenfassung(v) => v.code().to_string(),
            Abmeldung::Rundschreiben => "rundschreiben".into(),
        }
    }

    pub fn lesen(s: &str) -> Option<Abmeldung> {
        if let Some(id) = s.strip_prefix("abo-") {
            return id.parse().ok().filter(|i| *i > 0).map(Abmeldung::Abo);
        }
        if s == "rundschreiben" {
            return Some(Abmeldung::Rundschreiben);
        }
        Versand::aus_code(s)
            .filter(|v| matches!(v, Versand::Taeglich | Versand::Woechentlich))
            .map(Abmeldung::Zusammenfassung)
    }
}

/// One-click unsubscribe (RFC 8058), without login: the subscriptions concerned keep showing in
/// the portal but send no more mail; Rundschreiben are switched off. Returns how many changed; `None` for an unknown token.
pub async fn abmelden(db: &Db, token: &str, was: Abmeldung) -> StoreResult<Option<u64>> {
    if !token_form(token) {
        return Ok(None);
    }
    let mut p = Sql::new("SELECT benutzer_id FROM infoverteiler_konto WHERE abmelde_token = ");
    p.bind(token.to_string());
    let Some((benutzer,)) = db.eine::<(i64,)>(&p).await? else { return Ok(None) };
    let mut s = Sql::new("UPDATE abo SET versand = 'portal' WHERE benutzer_id = ");
    s.bind(benutzer);
    match was {
        Abmeldung::Abo(id) => s.push(" AND id = ").bind(id),
        Abmeldung::Zusammenfassung(v) => s.push(" AND versand = ").bind(v.code()),
        Abmeldung::Rundschreiben => {
            s = Sql::new("UPDATE infoverteiler_konto SET rundschreiben_aus = TRUE WHERE benutzer_id = ");
            s.bind(benutzer)
        }
    };
    Ok(Some(db.transaktion(&[s]).await?))
}
