//! Search in the forum: each thread keeps its subject and the text of its visible posts folded
//! like the catalogs (`forum_thema.suchtext`, migration 0020), renewed by every write that
//! changes them; a search matches every word of the query as a part of a word.

use super::super::{Db, Sql, StoreResult, Tx};
use super::{Leser, ThemaZeile, themen_sql};
use crate::model::forum::Thema;

/// Most characters of a thread's search text (a very long thread is found by its first words).
const MAX_SUCHTEXT: usize = 200_000;
/// Most threads in a result.
pub const HOECHSTENS: i64 = 50;
/// Threads from before migration 0020 filled in per search, at most.
const NACHTRAGEN: i64 = 200;

/// Renews the search text of thread `thema` (in the write's transaction). Hidden posts are left
/// out: nobody finds them by their words.
pub async fn erneuern(tx: &mut Tx, thema: i64) -> StoreResult<()> {
    let mut b = Sql::new("SELECT betreff FROM forum_thema WHERE id = ");
    b.bind(thema);
    let Some((betreff,)) = tx.eine::<(String,)>(&b).await? else { return Ok(()) };
    let mut p = Sql::new("SELECT text FROM forum_beitrag WHERE verborgen_grund IS NULL AND thema_id = ");
    p.bind(thema).push(" ORDER BY id");
    let texte = tx.alle::<(String,)>(&p).await?;
    let mut such =
        crate::model::text::search_column(std::iter::once(betreff.as_str()).chain(texte.iter().map(|(t,)| t.as_str())));
    if such.len() > MAX_SUCHTEXT {
        let ende = (0..=MAX_SUCHTEXT).rev().find(|i| such.is_char_boundary(*i)).unwrap_or(0);
        such.truncate(ende);
        such.push(' ');
    }
    let mut u = Sql::new("UPDATE forum_thema SET suchtext = ");
    u.bind(such).push(" WHERE id = ").bind(thema);
    tx.ausfuehren(&u).await?;
    Ok(())
}

/// A new post's words appended to its thread's search text (in the write's transaction); a
/// thread from before the search stays empty for [`nachtragen`], one at the bound stays as is.
pub async fn anhaengen(tx: &mut Tx, thema: i64, text: &str) -> StoreResult<()> {
    let woerter = crate::model::text::fold(text);
    let mut u = Sql::new("UPDATE forum_thema SET suchtext = suchtext || ");
    u.bind(format!("{woerter} "))
        .push(" WHERE suchtext <> '' AND LENGTH(suchtext) < ")
        .bind(crate::model::anzahl(MAX_SUCHTEXT));
    u.push(" AND id = ").bind(thema);
    tx.ausfuehren(&u).await?;
    Ok(())
}

/// The search text of a new thread's subject (its first post is appended as every post is).
pub fn anfang(betreff: &str) -> String {
    crate::model::text::search_column([betreff])
}

/// Fills in threads written before the search existed (a few per call).
async fn nachtragen(db: &Db) -> StoreResult<()> {
    let mut s = Sql::new("SELECT id FROM forum_thema WHERE suchtext = '' ORDER BY id LIMIT ");
    s.bind(NACHTRAGEN);
    let offen = db.alle::<(i64,)>(&s).await?;
    if offen.is_empty() {
        return Ok(());
    }
    let mut tx = db.beginnen().await?;
    for (id,) in offen {
        erneuern(&mut tx, id).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Threads the reader may see whose subject or visible posts contain every word of `anfrage`
/// (folded: "Führerschein" finds "fuehrerschein"), the latest activity first.
pub async fn suchen(db: &Db, leser: Leser, anfrage: &str) -> StoreResult<Vec<Thema>> {
    let woerter = crate::model::text::query_tokens(anfrage);
    if woerter.is_empty() {
        return Ok(vec![]);
    }
    nachtragen(db).await?;
    let mut s = themen_sql(leser);
    // Folded words hold letters, digits and spaces only: no LIKE wildcard can reach the pattern.
    for w in woerter {
        s.push(" AND t.suchtext LIKE ").bind(format!("%{w}%"));
    }
    s.push(" ORDER BY t.letzte_ms DESC, t.id DESC LIMIT ").bind(HOECHSTENS);
    Ok(db.alle::<ThemaZeile>(&s).await?.into_iter().map(Thema::from).collect())
}
