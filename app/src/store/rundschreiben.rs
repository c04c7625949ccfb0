//! Rundschreiben in the database (migration 0021): who gets one, the send (archive row,
//! Mitteilung, one outbox row per recipient and the audit entry in one transaction, once per
//! fingerprint), the archive, and switching them off.

use super::{Db, SchreibFehler, Sql, StoreResult, akteur::Akteur, infoverteiler, jetzt_ms, protokoll::Aenderung};
use crate::model::infoverteiler::{AboArt, MitteilungNeu};
use crate::model::rundschreiben::{Archiv, Empfaenger, Rundschreiben, RundschreibenDaten, an_text};
use sha2::{Digest, Sha256};

/// The archive shows this many, newest first.
pub const HOECHSTENS: i64 = 200;

/// What the preview and the send compare: target, subject and text.
pub fn fingerabdruck(d: &RundschreibenDaten) -> String {
    let mut h = Sha256::new();
    for teil in [d.an.code().as_str(), &d.betreff, &d.text] {
        h.update(teil.as_bytes());
        h.update([0u8]);
    }
    h.finalize().iter().map(|x| format!("{x:02x}")).collect()
}

/// Whom it goes to, in words (`None` for an unknown Themenfeld).
pub async fn an_label(db: &Db, an: Empfaenger) -> StoreResult<Option<String>> {
    let Empfaenger::Themenfeld(id) = an else { return Ok(Some(an_text(true, None))) };
    let mut s = Sql::new("SELECT name FROM themenfeld WHERE id = ");
    s.bind(id);
    Ok(db.text(&s).await?.map(|n| an_text(false, Some(&n))))
}

/// `FROM … WHERE …` of the recipients: active, not switched off, following the Themenfeld.
fn empfaenger_sql(s: &mut Sql, an: Empfaenger) {
    s.push(
        " FROM benutzer b LEFT JOIN infoverteiler_konto k ON k.benutzer_id = b.id \
         WHERE b.aktiv = TRUE AND (k.rundschreiben_aus IS NULL OR k.rundschreiben_aus = FALSE)",
    );
    if let Empfaenger::Themenfeld(id) = an {
        s.push(" AND EXISTS (SELECT 1 FROM abo a WHERE a.benutzer_id = b.id AND a.art = 'themenfeld' AND a.ziel = ");
        s.bind(id.to_string()).push(")");
    }
}

/// How many would get it now.
pub async fn empfaenger_zahl(db: &Db, an: Empfaenger) -> StoreResult<i64> {
    let mut s = Sql::new("SELECT COUNT(*)");
    empfaenger_sql(&mut s, an);
    db.zahl(&s).await
}

/// Sends: archive row, Mitteilung (for the Themenfeld's followers under "Neu für mich"), one
/// outbox row per recipient, audit – all or nothing. The same fingerprint is sent once (409).
/// Returns the id and the number of recipients.
pub async fn senden(db: &Db, d: &RundschreibenDaten, wer: &Akteur) -> Result<(i64, i64), SchreibFehler> {
    let Some(an) = an_label(db, d.an).await? else { return Err(SchreibFehler::NichtGefunden("Das Themenfeld".into())) };
    let jetzt = jetzt_ms();
    let themenfeld = match d.an {
        Empfaenger::Alle => None,
        Empfaenger::Themenfeld(id) => Some(id),
    };
    let mut tx = db.beginnen().await?;
    let mut s = Sql::new(
        "INSERT INTO rundschreiben (an_alle, themenfeld_id, betreff, text, fingerabdruck, autor_id, gesendet_ms, \
         empfaenger) VALUES (",
    );
    s.bind(themenfeld.is_none()).push(", ").bind(themenfeld).push(", ").bind(d.betreff.clone()).push(", ");
    s.bind(d.text.clone()).push(", ").bind(fingerabdruck(d)).push(", ").bind(wer.id).push(", ").bind(jetzt);
    s.push(", 0) ON CONFLICT (fingerabdruck) DO NOTHING RETURNING id");
    let Some((id,)) = tx.eine::<(i64,)>(&s).await? else {
        drop(tx);
        return Err(SchreibFehler::Abgelehnt(frueher_gesendet(db, d).await?));
    };
    let m = MitteilungNeu {
        art: "rundschreiben",
        titel: d.betreff.clone(),
        pfad: crate::pfad::rundschreiben(id),
        auszug: d.text.clone(),
        zeit_ms: jetzt,
        bezuege: themenfeld.map(|tf| (AboArt::Themenfeld, tf.to_string())).into_iter().collect(),
    };
    let mitteilung = infoverteiler::eintragen(&mut tx, &m, wer).await?;
    let zahl = tx.ausfuehren(&einreihen(d.an, mitteilung, jetzt)).await?;
    let zahl = i64::try_from(zahl).unwrap_or(i64::MAX);
    let mut fertig = Sql::new("UPDATE rundschreiben SET mitteilung_id = ");
    fertig.bind(mitteilung).push(", empfaenger = ").bind(zahl).push(" WHERE id = ").bind(id);
    tx.ausfuehren(&fertig).await?;
    let mut a = Aenderung::neu("rundschreiben", id, &d.betreff);
    a.feld("an", None, Some(an)).feld("empfaenger", None, Some(zahl.to_string()));
    a.feld("text", None, Some(crate::model::infoverteiler::auszug(&d.text)));
    a.schreiben(&mut tx, wer).await?;
    tx.commit().await?;
    Ok((id, zahl))
}

/// The outbox rows: one per recipient, keyed so a row is never written twice.
fn einreihen(an: Empfaenger, mitteilung: i64, jetzt: i64) -> Sql {
    let mut s = Sql::new(
        "INSERT INTO mail_ausgang (schluessel, art, benutzer_id, mitteilung_id, erstellt_ms, faellig_ms) SELECT ",
    );
    s.bind(format!("rundschreiben:{mitteilung}:")).push(" || CAST(b.id AS TEXT), 'rundschreiben', b.id, ");
    s.bind(mitteilung).push(", ").bind(jetzt).push(", ").bind(jetzt);
    empfaenger_sql(&mut s, an);
    s.push(" ON CONFLICT (schluessel) DO NOTHING");
    s
}

async fn frueher_gesendet(db: &Db, d: &RundschreibenDaten) -> StoreResult<String> {
    let mut s = Sql::new("SELECT gesendet_ms FROM rundschreiben WHERE fingerabdruck = ");
    s.bind(fingerabdruck(d));
    let wann = db.eine::<(i64,)>(&s).await?.map(|(ms,)| crate::model::konto::zeit_anzeigen(ms));
    Ok(match wann {
        Some(w) => format!("Dieses Rundschreiben wurde bereits am {w} gesendet; es geht nicht ein zweites Mal hinaus."),
        None => "Dieses Rundschreiben wird gerade gesendet.".into(),
    })
}

#[derive(sqlx::FromRow)]
struct Zeile {
    id: i64,
    an_alle: bool,
    themenfeld: Option<String>,
    betreff: String,
    text: String,
    von: Option<String>,
    gesendet_ms: i64,
    empfaenger: i64,
}

/// The archive (newest first); the number of recipients only for the coordination.
pub async fn archiv(db: &Db, benutzer: i64, mit_zahlen: bool) -> StoreResult<Archiv> {
    let mut s = Sql::new(
        "SELECT r.id, r.an_alle, t.name AS themenfeld, r.betreff, r.text, b.name AS von, r.gesendet_ms, r.empfaenger \
         FROM rundschreiben r LEFT JOIN themenfeld t ON t.id = r.themenfeld_id \
         LEFT JOIN benutzer b ON b.id = r.autor_id ORDER BY r.gesendet_ms DESC, r.id DESC LIMIT ",
    );
    s.bind(HOECHSTENS);
    let liste = db
        .alle::<Zeile>(&s)
        .await?
        .into_iter()
        .map(|z| Rundschreiben {
            id: z.id,
            an: an_text(z.an_alle, z.themenfeld.as_deref()),
            betreff: z.betreff,
            text: z.text,
            von: z.von.map_or_else(|| "Koordination".into(), |v| format!("{v} (Koordination)")),
            gesendet_ms: z.gesendet_ms,
            empfaenger: mit_zahlen.then_some(z.empfaenger),
        })
        .collect();
    Ok(Archiv { liste, per_mail: !ausgeschaltet(db, benutzer).await? })
}

/// Whether the person switched Rundschreiben off.
pub async fn ausgeschaltet(db: &Db, benutzer: i64) -> StoreResult<bool> {
    let mut s = Sql::new("SELECT rundschreiben_aus FROM infoverteiler_konto WHERE benutzer_id = ");
    s.bind(benutzer);
    Ok(db.eine::<(bool,)>(&s).await?.is_some_and(|(aus,)| aus))
}

/// Switches Rundschreiben by mail on or off for the person.
pub async fn per_mail(db: &Db, benutzer: i64, an: bool) -> StoreResult<()> {
    let mut s = Sql::new("UPDATE infoverteiler_konto SET rundschreiben_aus = ");
    s.bind(!an).push(" WHERE benutzer_id = ").bind(benutzer);
    db.transaktion(&[infoverteiler::konto_anlegen(benutzer)?, s]).await.map(|_| ())
}

/// A queued Rundschreiben as the worker sends it: subject, text and to whom it went.
pub async fn fuer_mail(db: &Db, mitteilung: i64) -> StoreResult<Option<(i64, String, String, String)>> {
    let mut s = Sql::new(
        "SELECT r.id, r.betreff, r.text, r.an_alle, t.name FROM rundschreiben r \
         LEFT JOIN themenfeld t ON t.id = r.themenfeld_id WHERE r.mitteilung_id = ",
    );
    s.bind(mitteilung);
    let zeile = db.eine::<(i64, String, String, bool, Option<String>)>(&s).await?;
    Ok(zeile.map(|(id, betreff, text, alle, tf)| (id, betreff, text, an_text(alle, tf.as_deref()))))
}
