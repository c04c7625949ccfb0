//! Runtime configuration from command line and environment.

use leptos::config::LeptosOptions;
use std::net::SocketAddr;

/// Default database: one SQLite file next to the working directory, created on first start.
pub const STANDARD_DATENBANK: &str = "sqlite:var/ozg-atlas.sqlite";

/// Leptos options without relying on cargo-leptos' environment, so that the binary runs the same
/// under `cargo leptos`, from `target/release` and in tests.
pub fn leptos_options(addr: SocketAddr, site_root: &str) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("ozg-atlas")
        .site_root(site_root)
        .site_pkg_dir("pkg")
        .site_addr(addr)
        .env(leptos::config::Env::PROD)
        .build()
}

/// Makes sure the directory of a `sqlite:` file exists.
pub fn sqlite_verzeichnis_anlegen(url: &str) -> std::io::Result<()> {
    if let Some(pfad) = url.strip_prefix("sqlite:") {
        let pfad = pfad.trim_start_matches("//");
        let datei = pfad.split('?').next().unwrap_or(pfad);
        if let Some(dir) = std::path::Path::new(datei).parent()
            && datei != ":memory:"
            && !dir.as_os_str().is_empty()
        {
            std::fs::create_dir_all(dir)?;
        }
    }
    Ok(())
}
