//! Synthetic load for `make bench` only: online services and Kommune × Online-Dienst rows made
//! up on the spot in a throwaway database. Never shipped, never imported into a real database:
//! every generated service is marked "Benchmark" in its source, name and import key.

use app::store::{Arg, Db, Sql};

/// A small deterministic generator (xorshift), so every run measures the same data.
struct Zufall(u64);

impl Zufall {
    fn naechste(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        usize::try_from(self.0 % u64::try_from(n).unwrap_or(u64::MAX)).unwrap_or(0)
    }
}

/// Creates `dienste` services (3 catalog keys each, providers among the IT-Dienstleister,
/// maturity in both models) and `zeilen` usage rows spread over all Kommunen.
pub async fn erzeugen(db: &Db, dienste: usize, zeilen: usize) -> Result<String, String> {
    let fehler = |e: app::store::StoreError| e.to_string();
    #[derive(sqlx::FromRow)]
    struct T {
        wert: String,
    }
    let texte = |sql: &'static str| async move {
        db.alle::<T>(&Sql::new(sql)).await.map(|v| v.into_iter().map(|t| t.wert).collect::<Vec<_>>())
    };
    let schluessel = texte(
        "SELECT schluessel AS wert FROM leika WHERE schluessel IS NOT NULL AND ozg_id IS NOT NULL ORDER BY schluessel",
    )
    .await
    .map_err(fehler)?;
    let kommunen = texte("SELECT ags AS wert FROM kommune ORDER BY ags").await.map_err(fehler)?;
    let anbieter = texte("SELECT CAST(id AS TEXT) AS wert FROM dienstleister ORDER BY id").await.map_err(fehler)?;
    if schluessel.is_empty() || kommunen.is_empty() || anbieter.is_empty() {
        return Err("Katalog fehlt: zuerst importieren.".into());
    }
    let mut z = Zufall(0x9E37_79B9_7F4A_7C15);
    let mut tx = db.beginnen().await.map_err(fehler)?;
    let start = db.zahl(&Sql::new("SELECT COALESCE(MAX(id), 0) FROM onlinedienst")).await.map_err(fehler)?;
    let mut dienst_ids = Vec::with_capacity(dienste);
    for block in (0..dienste).collect::<Vec<_>>().chunks(200) {
        let mut zeilen_d = Vec::new();
        let mut zeilen_l = Vec::new();
        for &i in block {
            let id = start + 1 + app::model::anzahl(i);
            dienst_ids.push(id);
            let (modell, stufe) = if i % 2 == 0 { ("1.x", z.naechste(5)) } else { ("2.0", z.naechste(8)) };
            let name = format!("Benchmark-Dienst {i}");
            zeilen_d.push(vec![
                Arg::Int(id),
                Arg::from(name.as_str()),
                Arg::Int(anbieter[z.naechste(anbieter.len())].parse().unwrap_or(1)),
                Arg::OptInt(Some(app::model::anzahl(stufe))),
                Arg::from(modell),
                Arg::from(["live", "in_umsetzung", "geplant"][z.naechste(3)]),
                Arg::from("Benchmark (erzeugt, keine echten Daten)"),
                Arg::from(format!("bench:{i}")),
                Arg::from(app::model::text::search_column([name.as_str()])),
                Arg::from(app::model::text::search_column([name.as_str()])),
            ]);
            let mut keys: Vec<&String> = (0..3).map(|_| &schluessel[z.naechste(schluessel.len())]).collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                zeilen_l.push(vec![Arg::Int(id), Arg::from(k.as_str())]);
            }
        }
        tx.ausfuehren(&Sql::insert_rows(
            "INSERT INTO onlinedienst (id, name, dienstleister_id, reifegrad, reifegrad_modell, status, quelle, \
             import_schluessel, suchtext, suchname)",
            zeilen_d,
            "",
        ))
        .await
        .map_err(fehler)?;
        tx.ausfuehren(&Sql::insert_rows("INSERT INTO onlinedienst_leika (onlinedienst_id, schluessel)", zeilen_l, ""))
            .await
            .map_err(fehler)?;
    }
    // Each (Kommune, service) pair once: walk the pairs in a scrambled but complete order.
    let paare = kommunen.len() * dienst_ids.len();
    if zeilen > paare {
        return Err(format!("Höchstens {paare} Zeilen bei {} Diensten.", dienst_ids.len()));
    }
    let schritt = (0..).map(|k| 7919 + k * 2).find(|s| gcd(*s, paare) == 1).unwrap_or(1);
    let mut n = 0;
    let mut gesammelt = Vec::new();
    while n < zeilen {
        let p = (n * schritt) % paare;
        let (k, d) = (p % kommunen.len(), p / kommunen.len());
        let betrieb = if n % 3 == 0 {
            None
        } else {
            chrono::NaiveDate::from_ymd_opt(
                2020 + i32::try_from(n % 6).unwrap_or(0),
                1 + u32::try_from(n % 12).unwrap_or(0),
                1,
            )
        };
        gesammelt.push(vec![Arg::Int(dienst_ids[d]), Arg::from(kommunen[k].as_str()), Arg::OptDate(betrieb)]);
        n += 1;
        if gesammelt.len() == 300 || n == zeilen {
            tx.ausfuehren(&Sql::insert_rows(
                "INSERT INTO onlinedienst_kommune (onlinedienst_id, kommune_ags, in_betrieb_seit)",
                std::mem::take(&mut gesammelt),
                "",
            ))
            .await
            .map_err(fehler)?;
        }
    }
    tx.commit().await.map_err(fehler)?;
    // PostgreSQL: the identity must continue after the explicit ids.
    if db.backend() == app::store::Backend::Postgres {
        db.transaktion(&[Sql::new(
            "SELECT setval(pg_get_serial_sequence('onlinedienst', 'id'), (SELECT MAX(id) FROM onlinedienst))",
        )])
        .await
        .map_err(fehler)?;
        // Steady state as autovacuum leaves it: statistics and the visibility map (index-only
        // scans for the facet counts). VACUUM cannot run inside a transaction.
        db.text(&Sql::new("VACUUM ANALYZE")).await.map_err(fehler)?;
    } else {
        db.transaktion(&[Sql::new("ANALYZE")]).await.map_err(fehler)?;
    }
    Ok(format!("{} Online-Dienste, {zeilen} Kommune-×-Dienst-Zeilen erzeugt", dienst_ids.len()))
}

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 { a } else { gcd(b, a % b) }
}
