//! Results of catalog queries, kept per data generation (see [`super::generation`]).
//!
//! The page cache of the server answers anonymous page views; this one answers what it cannot:
//! the server-function calls of a hydrated page (each facet click), pages of logged-in readers
//! and the first render of a page. A catalog result depends only on the data and the canonical
//! filter, so it is kept under (generation, query, filter) – read the generation first, then the
//! data, and an entry is never older than its key. Bounded by the bytes of the results' JSON.

use super::{Db, StoreResult};
use std::any::Any;
use std::sync::Arc;
use std::time::Duration;

/// The generation this request already read before anything rendered (the server's page cache
/// leaves it in the request's extensions), so a page render does not read it once per query.
#[derive(Clone, Copy, Debug)]
pub struct GelesenVorDemRendern(pub i64);

#[derive(Clone, Debug, Hash, PartialEq, Eq)]
struct Schluessel {
    generation: i64,
    abfrage: &'static str,
    parameter: String,
}

#[derive(Clone)]
struct Eintrag {
    wert: Arc<dyn Any + Send + Sync>,
    gewicht: u32,
}

/// Counts the bytes written to it and keeps none.
#[derive(Default)]
struct Zaehler(u64);

impl std::io::Write for Zaehler {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0 += b.len() as u64;
        Ok(b.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The JSON size stands for the memory (the same order; exact would need a deep walk). Counted
/// while writing, so weighing a large result costs no second copy of it.
fn gewicht<T: serde::Serialize>(wert: &T) -> u32 {
    let mut z = Zaehler::default();
    match serde_json::to_writer(&mut z, wert) {
        Ok(()) => u32::try_from(z.0).unwrap_or(u32::MAX),
        Err(_) => u32::MAX,
    }
}

/// One per app server, shared by all requests.
#[derive(Clone)]
pub struct Abfragespeicher {
    inhalt: Option<moka::sync::Cache<Schluessel, Eintrag>>,
}

impl Abfragespeicher {
    /// `megabyte` = 0 switches it off.
    pub fn neu(megabyte: u64) -> Abfragespeicher {
        let inhalt = (megabyte > 0).then(|| {
            moka::sync::Cache::builder()
                .max_capacity(megabyte * 1024 * 1024)
                .weigher(|k: &Schluessel, e: &Eintrag| {
                    e.gewicht.saturating_add(u32::try_from(k.parameter.len()).unwrap_or(u32::MAX)).saturating_add(128)
                })
                .time_to_live(Duration::from_secs(600))
                .build()
        });
        Abfragespeicher { inhalt }
    }

    /// The result of `laden` for this query and filter at the current generation; computed
    /// only when no entry has it.
    pub async fn holen<T, F, Fut>(
        &self,
        db: &Db,
        gelesen: Option<GelesenVorDemRendern>,
        abfrage: &'static str,
        parameter: String,
        laden: F,
    ) -> StoreResult<T>
    where
        T: Clone + serde::Serialize + Send + Sync + 'static,
        F: FnOnce() -> Fut,
        Fut: Future<Output = StoreResult<T>>,
    {
        let Some(inhalt) = &self.inhalt else { return laden().await };
        let generation = match gelesen {
            Some(g) => g.0,
            None => super::generation::aktuell(db).await?,
        };
        let schluessel = Schluessel { generation, abfrage, parameter };
        if let Some(t) = inhalt.get(&schluessel).and_then(|e| e.wert.downcast_ref::<T>().cloned()) {
            return Ok(t);
        }
        let wert = laden().await?;
        let gewicht = gewicht(&wert);
        inhalt.insert(schluessel, Eintrag { wert: Arc::new(wert.clone()), gewicht });
        Ok(wert)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn weight_is_the_json_length() {
        let wert = vec![("Köln".to_string(), 5_315_000_u32); 1000];
        assert_eq!(super::gewicht(&wert) as usize, serde_json::to_vec(&wert).unwrap().len());
    }
}
