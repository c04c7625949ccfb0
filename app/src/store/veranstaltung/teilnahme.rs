//! Anmeldungen: a seat while there are free ones, else the waiting list; a cancelled seat goes
//! to the first on the waiting list in the same transaction. Each of these runs under the
//! event's row lock (see the module above), so two people never get the last seat.

use super::super::akteur::Akteur;
use super::super::protokoll::Aenderung;
use super::super::{Db, SchreibFehler, Sql, StoreResult, Tx, jetzt_ms};
use super::{ankuendigen, in_tx, sperren};
use crate::model::veranstaltung::{Teilnahme, Teilnehmer, Veranstaltung};
use chrono::NaiveDate;

#[derive(sqlx::FromRow)]
struct Zeile {
    id: i64,
    status: String,
}

/// A person's row for an event, if any.
async fn zeile(tx: &mut Tx, veranstaltung: i64, benutzer: i64) -> StoreResult<Option<Zeile>> {
    let mut s = Sql::new("SELECT id, status FROM teilnahme WHERE veranstaltung_id = ");
    s.bind(veranstaltung).push(" AND benutzer_id = ").bind(benutzer);
    tx.eine(&s).await
}

/// The place on the waiting list of a row waiting since `seit_ms` (1 = next).
async fn position(tx: &mut Tx, veranstaltung: i64, id: i64, seit_ms: i64) -> StoreResult<i64> {
    let mut s = Sql::new("SELECT COUNT(*) FROM teilnahme WHERE status = 'warteliste' AND veranstaltung_id = ");
    s.bind(veranstaltung).push(" AND (seit_ms < ").bind(seit_ms).push(" OR (seit_ms = ").bind(seit_ms);
    s.push(" AND id <= ").bind(id).push("))");
    tx.zahl(&s).await
}

fn protokoll_name(v: &Veranstaltung, person: &str) -> String {
    format!("{} – {person}", v.titel)
}

async fn name_von(tx: &mut Tx, benutzer: i64) -> StoreResult<String> {
    #[derive(sqlx::FromRow)]
    struct N {
        name: String,
    }
    let mut s = Sql::new("SELECT name FROM benutzer WHERE id = ");
    s.bind(benutzer);
    Ok(tx.eine::<N>(&s).await?.map(|n| n.name).unwrap_or_default())
}

/// Registers `benutzer` (by `wer`: themselves or a colleague/the coordination). Refused when
/// registration is not open, the event is cancelled or over, or the person is registered.
pub async fn anmelden(
    db: &Db,
    veranstaltung: i64,
    benutzer: i64,
    wer: &Akteur,
    heute: NaiveDate,
) -> Result<Teilnahme, SchreibFehler> {
    let mut tx = db.beginnen().await?;
    if !sperren(&mut tx, veranstaltung).await? {
        return Err(SchreibFehler::NichtGefunden("Die Veranstaltung".into()));
    }
    let v =
        in_tx(&mut tx, veranstaltung).await?.ok_or_else(|| SchreibFehler::NichtGefunden("Die Veranstaltung".into()))?;
    if !v.anmeldbar(heute) {
        let grund = if v.abgesagt {
            "Die Veranstaltung ist abgesagt."
        } else if v.termin.vorbei(heute) {
            "Die Veranstaltung hat bereits stattgefunden."
        } else {
            "Für diese Veranstaltung ist die Anmeldung im Portal nicht geöffnet."
        };
        return Err(SchreibFehler::Abgelehnt(grund.into()));
    }
    let alt = zeile(&mut tx, veranstaltung, benutzer).await?;
    if let Some(z) = &alt
        && z.status != "abgemeldet"
    {
        return Err(SchreibFehler::Abgelehnt(if z.status == "platz" {
            "Diese Person ist bereits angemeldet.".into()
        } else {
            "Diese Person steht bereits auf der Warteliste.".into()
        }));
    }
    let status = if v.ausgebucht() { "warteliste" } else { "platz" };
    let jetzt = jetzt_ms();
    let id = match &alt {
        Some(z) => {
            let mut s = Sql::new("UPDATE teilnahme SET status = ");
            s.bind(status).push(", seit_ms = ").bind(jetzt).push(", angemeldet_von = ").bind(wer.id);
            s.push(" WHERE id = ").bind(z.id);
            tx.ausfuehren(&s).await?;
            z.id
        }
        None => {
            let mut s = Sql::new(
                "INSERT INTO teilnahme (veranstaltung_id, benutzer_id, status, seit_ms, angemeldet_von) VALUES (",
            );
            s.bind(veranstaltung).push(", ").bind(benutzer).push(", ").bind(status).push(", ").bind(jetzt);
            s.push(", ").bind(wer.id).push(") RETURNING id");
            tx.zahl(&s).await?
        }
    };
    let person = name_von(&mut tx, benutzer).await?;
    let mut a = Aenderung::neu("teilnahme", format!("{veranstaltung}/{benutzer}"), protokoll_name(&v, &person));
    a.feld("status", alt.map(|z| z.status), Some(status.into()));
    a.schreiben(&mut tx, wer).await?;
    let ergebnis = if status == "platz" {
        Teilnahme::Platz
    } else {
        Teilnahme::Warteliste(position(&mut tx, veranstaltung, id, jetzt).await?)
    };
    ankuendigen(&mut tx, veranstaltung, wer).await?;
    tx.commit().await?;
    Ok(ergebnis)
}

/// Cancels the registration of `benutzer`; a freed seat goes to the first on the waiting list.
/// After the deadline only `auch_nach_frist` (the coordination) may cancel.
pub async fn abmelden(
    db: &Db,
    veranstaltung: i64,
    benutzer: i64,
    wer: &Akteur,
    heute: NaiveDate,
    auch_nach_frist: bool,
) -> Result<(), SchreibFehler> {
    let mut tx = db.beginnen().await?;
    if !sperren(&mut tx, veranstaltung).await? {
        return Err(SchreibFehler::NichtGefunden("Die Veranstaltung".into()));
    }
    let v =
        in_tx(&mut tx, veranstaltung).await?.ok_or_else(|| SchreibFehler::NichtGefunden("Die Veranstaltung".into()))?;
    let Some(z) = zeile(&mut tx, veranstaltung, benutzer).await?.filter(|z| z.status != "abgemeldet") else {
        return Err(SchreibFehler::Abgelehnt("Diese Person ist nicht angemeldet.".into()));
    };
    if !auch_nach_frist && !v.abmeldbar(heute) {
        let bis = v.abmeldeschluss.map(|d| format!(" (Abmeldeschluss {})", d.format("%d.%m.%Y"))).unwrap_or_default();
        return Err(SchreibFehler::Abgelehnt(format!(
            "Die Frist zur Abmeldung ist abgelaufen{bis}. Bitte wenden Sie sich an die Koordination."
        )));
    }
    let mut s = Sql::new("UPDATE teilnahme SET status = 'abgemeldet', seit_ms = ");
    s.bind(jetzt_ms()).push(" WHERE id = ").bind(z.id);
    tx.ausfuehren(&s).await?;
    let person = name_von(&mut tx, benutzer).await?;
    let mut a = Aenderung::neu("teilnahme", format!("{veranstaltung}/{benutzer}"), protokoll_name(&v, &person));
    a.feld("status", Some(z.status), Some("abgemeldet".into()));
    a.schreiben(&mut tx, wer).await?;
    nachruecken(&mut tx, veranstaltung, &v.titel, wer).await?;
    ankuendigen(&mut tx, veranstaltung, wer).await?;
    tx.commit().await?;
    Ok(())
}

/// Fills free seats from the waiting list, first come first served; each move is logged.
/// Runs inside a transaction that holds the event's lock.
pub(super) async fn nachruecken(tx: &mut Tx, veranstaltung: i64, titel: &str, wer: &Akteur) -> StoreResult<()> {
    let mut p = Sql::new("SELECT plaetze AS wert FROM veranstaltung WHERE id = ");
    p.bind(veranstaltung);
    #[derive(sqlx::FromRow)]
    struct Plaetze {
        wert: Option<i64>,
    }
    let plaetze = tx.eine::<Plaetze>(&p).await?.and_then(|p| p.wert);
    let mut b = Sql::new("SELECT COUNT(*) FROM teilnahme WHERE status = 'platz' AND veranstaltung_id = ");
    b.bind(veranstaltung);
    let belegt = tx.zahl(&b).await?;
    let frei = plaetze.map_or(i64::MAX, |p| p - belegt);
    if frei <= 0 {
        return Ok(());
    }
    #[derive(sqlx::FromRow)]
    struct Wartend {
        id: i64,
        benutzer_id: i64,
        name: String,
    }
    let mut w = Sql::new(
        "SELECT t.id, t.benutzer_id, b.name FROM teilnahme t JOIN benutzer b ON b.id = t.benutzer_id \
         WHERE t.status = 'warteliste' AND t.veranstaltung_id = ",
    );
    w.bind(veranstaltung).push(" ORDER BY t.seit_ms, t.id LIMIT ").bind(frei.min(10_000));
    let wartend: Vec<Wartend> = tx.alle(&w).await?;
    let jetzt = jetzt_ms();
    for z in wartend {
        let mut s = Sql::new("UPDATE teilnahme SET status = 'platz', seit_ms = ");
        s.bind(jetzt).push(" WHERE id = ").bind(z.id);
        tx.ausfuehren(&s).await?;
        let mut a =
            Aenderung::neu("teilnahme", format!("{veranstaltung}/{}", z.benutzer_id), format!("{titel} – {}", z.name));
        a.feld("status", Some("warteliste".into()), Some("platz (nachgerückt)".into()));
        a.schreiben(tx, wer).await?;
    }
    Ok(())
}

/// A person's standing for one event.
pub async fn status(db: &Db, veranstaltung: i64, benutzer: i64) -> StoreResult<Option<Teilnahme>> {
    Ok(meine(db, benutzer).await?.into_iter().find(|(id, _)| *id == veranstaltung).map(|(_, t)| t))
}

/// All active registrations of a person: (event id, standing with waiting-list place).
pub async fn meine(db: &Db, benutzer: i64) -> StoreResult<Vec<(i64, Teilnahme)>> {
    #[derive(sqlx::FromRow)]
    struct M {
        veranstaltung_id: i64,
        status: String,
        platz: i64,
    }
    let mut s = Sql::new(
        "SELECT t.veranstaltung_id, t.status, (SELECT COUNT(*) FROM teilnahme w WHERE w.veranstaltung_id = t.veranstaltung_id \
           AND w.status = 'warteliste' AND (w.seit_ms < t.seit_ms OR (w.seit_ms = t.seit_ms AND w.id <= t.id))) AS platz \
         FROM teilnahme t WHERE t.status <> 'abgemeldet' AND t.benutzer_id = ",
    );
    s.bind(benutzer);
    let zeilen: Vec<M> = db.alle(&s).await?;
    Ok(zeilen
        .into_iter()
        .map(|m| {
            (m.veranstaltung_id, if m.status == "platz" { Teilnahme::Platz } else { Teilnahme::Warteliste(m.platz) })
        })
        .collect())
}

/// A person's active registrations with their events, in date order (their page and their feed).
pub async fn meine_veranstaltungen(db: &Db, benutzer: i64) -> StoreResult<Vec<(Veranstaltung, Teilnahme)>> {
    let meine = meine(db, benutzer).await?;
    Ok(super::alle(db)
        .await?
        .into_iter()
        .filter_map(|v| meine.iter().find(|(id, _)| *id == v.id).map(|(_, t)| (v, *t)))
        .collect())
}

/// Everyone registered (seat and waiting list, waiting list in its order), with e-mail when
/// `mit_email` (the coordination's list and export).
pub async fn teilnehmende(db: &Db, veranstaltung: i64, mit_email: bool) -> StoreResult<Vec<Teilnehmer>> {
    #[derive(sqlx::FromRow)]
    struct T {
        benutzer_id: i64,
        name: String,
        email: String,
        kommune: Option<String>,
        status: String,
        seit_ms: i64,
    }
    let mut s = Sql::new(
        "SELECT t.benutzer_id, b.name, b.email, k.name AS kommune, t.status, t.seit_ms FROM teilnahme t \
         JOIN benutzer b ON b.id = t.benutzer_id LEFT JOIN kommune k ON k.ags = b.kommune_ags \
         WHERE t.status <> 'abgemeldet' AND t.veranstaltung_id = ",
    );
    s.bind(veranstaltung).push(" ORDER BY CASE t.status WHEN 'platz' THEN 0 ELSE 1 END, t.seit_ms, t.id");
    let zeilen: Vec<T> = db.alle(&s).await?;
    let mut warte = 0;
    Ok(zeilen
        .into_iter()
        .map(|t| {
            let status = if t.status == "platz" {
                Teilnahme::Platz
            } else {
                warte += 1;
                Teilnahme::Warteliste(warte)
            };
            Teilnehmer {
                benutzer_id: t.benutzer_id,
                name: t.name,
                email: mit_email.then_some(t.email),
                kommune: t.kommune,
                status,
                seit_ms: t.seit_ms,
            }
        })
        .collect())
}

/// Active accounts of a Kommune (whom its staff may register): (id, name).
pub async fn kollegen(db: &Db, ags: &str) -> StoreResult<Vec<(i64, String)>> {
    #[derive(sqlx::FromRow)]
    struct K {
        id: i64,
        name: String,
    }
    let mut s = Sql::new("SELECT id, name FROM benutzer WHERE aktiv = TRUE AND kommune_ags = ");
    s.bind(ags.to_string()).push(" ORDER BY name, id");
    Ok(db.alle::<K>(&s).await?.into_iter().map(|k| (k.id, k.name)).collect())
}
