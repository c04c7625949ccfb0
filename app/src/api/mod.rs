//! Server functions, one file per domain. Each reads the database from the request context.

pub mod dienstleister;
pub mod katalog;
pub mod kommunen;

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use crate::error::AppError;
    use crate::store::Db;
    use leptos::prelude::use_context;

    pub fn db() -> Result<Db, AppError> {
        use_context::<Db>().ok_or(AppError::Datenbank)
    }

    /// Sets the HTTP status of the current response to match the error, so a missing record is a
    /// real 404 also in the server-rendered page.
    pub fn melden(e: AppError) -> AppError {
        if let (Some(r), Ok(code)) =
            (use_context::<leptos_axum::ResponseOptions>(), http::StatusCode::from_u16(e.status()))
        {
            r.set_status(code);
        }
        e
    }

    pub fn db_fehler(e: crate::store::StoreError) -> AppError {
        melden(e.into())
    }

    pub fn gefunden<T>(wert: Option<T>, was: &str) -> Result<T, AppError> {
        wert.ok_or_else(|| melden(AppError::NichtGefunden(format!("{was} wurde nicht gefunden."))))
    }
}
