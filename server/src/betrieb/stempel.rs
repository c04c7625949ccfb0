//! Build outputs that never cross. The server binary and the site (WASM, JS, CSS) are built
//! together and only work together: a server that serves another build's WASM breaks every
//! page's hydration without any error on the server. After each build the scripts stamp the
//! site with the binary's fingerprint (`ozg-atlas site-stempeln`); a server refuses to start on
//! a site with another stamp, and `/bereit` says no when the site is replaced under a running
//! server.

use std::path::Path;
use std::sync::OnceLock;

/// The stamp file in the site root.
pub const DATEI: &str = "ozg-atlas-build";

/// SHA-256 of this program's executable: changes with every build, survives copying.
pub fn eigene_kennung() -> &'static str {
    static KENNUNG: OnceLock<String> = OnceLock::new();
    KENNUNG.get_or_init(|| {
        use sha2::{Digest, Sha256};
        let inhalt = std::env::current_exe().and_then(std::fs::read);
        match inhalt {
            Ok(bytes) => hex::encode(Sha256::digest(&bytes)),
            // Unreadable (odd platform): a value no stamp has, so the check says so.
            Err(e) => format!("unlesbar: {e}"),
        }
    })
}

/// Marks `site_root` as belonging to this program.
pub fn stempeln(site_root: &str) -> std::io::Result<()> {
    std::fs::write(Path::new(site_root).join(DATEI), format!("{}\n", eigene_kennung()))
}

/// Whether the site carries this program's stamp.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stempel {
    Passt,
    Fehlt,
    Fremd,
}

pub fn lesen(site_root: &str) -> Stempel {
    match std::fs::read_to_string(Path::new(site_root).join(DATEI)) {
        Ok(s) if s.trim() == eigene_kennung() => Stempel::Passt,
        Ok(_) => Stempel::Fremd,
        Err(_) => Stempel::Fehlt,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_belongs_to_the_program_that_stamped_it() {
        let dir = std::env::temp_dir().join(format!("ozg-stempel-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let site = dir.display().to_string();
        assert_eq!(lesen(&site), Stempel::Fehlt);
        stempeln(&site).unwrap();
        assert_eq!(lesen(&site), Stempel::Passt);
        std::fs::write(dir.join(DATEI), "0123abcd\n").unwrap();
        assert_eq!(lesen(&site), Stempel::Fremd);
        assert_eq!(eigene_kennung().len(), 64);
        let _ = std::fs::remove_dir_all(dir);
    }
}
