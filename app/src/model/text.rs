//! Search normalisation shared by the importer (stored search columns) and the query side, so
//! that both fold text the same way: case, umlauts and their transliterations all compare equal.

/// Text for HTML or XML (element content and quoted attributes), for what the server writes
/// by hand: mails, SVG, exports. Pages escape through Leptos.
pub fn xml(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Folds text for matching: lower case, ä/ö/ü/ß and ae/oe/ue/ss spelled alike, every
/// non-alphanumeric character turned into one space. "Führerschein", "FUEHRERSCHEIN" and
/// "fuhrerschein" all fold to "fuhrerschein".
pub fn fold(text: &str) -> String {
    let mut lower = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            'ä' | 'Ä' | 'á' | 'à' | 'â' => lower.push('a'),
            'ö' | 'Ö' | 'ó' | 'ò' | 'ô' => lower.push('o'),
            'ü' | 'Ü' | 'ú' | 'ù' | 'û' => lower.push('u'),
            'é' | 'è' | 'ê' | 'É' => lower.push('e'),
            'ß' | 'ẞ' => lower.push_str("ss"),
            c if c.is_alphanumeric() => lower.extend(c.to_lowercase()),
            _ => lower.push(' '),
        }
    }
    // Transliterated umlauts (ae, oe, ue) fold onto the plain vowel as well, so that users who
    // cannot type umlauts still find the word.
    let folded = lower.replace("ae", "a").replace("oe", "o").replace("ue", "u");
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The stored search column: folded text framed by spaces so that a word prefix can be found
/// with `LIKE '% tok%'`.
pub fn search_column<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let joined: Vec<String> = parts.into_iter().map(fold).filter(|s| !s.is_empty()).collect();
    format!(" {} ", joined.join(" "))
}

/// Tokens of a user query, folded; at most eight, each at most 40 characters, so that a pasted
/// paragraph cannot turn into a huge SQL statement.
pub fn query_tokens(query: &str) -> Vec<String> {
    fold(query).split(' ').filter(|t| !t.is_empty()).take(8).map(|t| t.chars().take(40).collect()).collect()
}

/// URL-friendly identifier of a name ("Bauen & Wohnen" → "bauen-wohnen").
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for ch in name.chars() {
        match ch {
            'ä' | 'Ä' => out.push_str("ae"),
            'ö' | 'Ö' => out.push_str("oe"),
            'ü' | 'Ü' => out.push_str("ue"),
            'ß' => out.push_str("ss"),
            c if c.is_ascii_alphanumeric() => out.push(c.to_ascii_lowercase()),
            _ => out.push('-'),
        }
    }
    out.split('-').filter(|p| !p.is_empty()).collect::<Vec<_>>().join("-")
}

/// "ja" / "nein" for a recorded yes/no, None where nothing is recorded.
pub fn ja_nein(v: Option<bool>) -> Option<String> {
    v.map(|b| if b { "ja" } else { "nein" }.to_string())
}

/// The input as quoted in a message: at most 60 characters, so a hostile megabyte is not
/// echoed back (and not written to the log).
pub fn zitat(raw: &str) -> String {
    const MAX: usize = 60;
    if raw.chars().count() <= MAX {
        raw.to_string()
    } else {
        format!("{}…", raw.chars().take(MAX).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn umlauts_and_transliterations_fold_alike() {
        assert_eq!(fold("Führerschein"), "fuhrerschein");
        assert_eq!(fold("FUEHRERSCHEIN"), "fuhrerschein");
        assert_eq!(fold("fuhrerschein"), "fuhrerschein");
        assert_eq!(fold("Straße"), fold("strasse"));
        assert_eq!(fold("Öffentliche  Bekanntmachung!"), "offentliche bekanntmachung");
    }

    #[test]
    fn search_column_is_framed_for_prefix_search() {
        let col = search_column(["Abbruchgenehmigung", "10513", "Bauen & Wohnen"]);
        // "bauen" folds to "baun" (ue → u) on both sides, so it still matches itself.
        assert_eq!(col, " abbruchgenehmigung 10513 baun wohnen ");
        assert!(col.contains(&format!(" {}", fold("Bauen"))));
    }

    #[test]
    fn query_tokens_are_bounded() {
        assert_eq!(query_tokens("  Bau  Genehmigung "), vec!["bau", "genehmigung"]);
        assert_eq!(query_tokens(&"wort ".repeat(20)).len(), 8);
        assert!(query_tokens("%_'").is_empty(), "SQL wildcards never reach a pattern");
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Bauen & Wohnen"), "bauen-wohnen");
        assert_eq!(slug("Unternehmensführung & -entwicklung"), "unternehmensfuehrung-entwicklung");
        assert_eq!(slug("Ein- & Auswanderung"), "ein-auswanderung");
    }

    #[test]
    fn a_quote_is_at_most_sixty_characters() {
        assert_eq!(zitat("10513"), "10513");
        let lang = "ß".repeat(100_000);
        assert_eq!(zitat(&lang).chars().count(), 61, "60 characters and the ellipsis");
        assert!(zitat(&lang).ends_with('…'));
    }
}
