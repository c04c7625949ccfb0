//! User Markdown to HTML, only through a sanitiser: `pulldown-cmark` renders, `ammonia` keeps
//! what a text may contain (headings, paragraphs, lists, emphasis, links, tables) and drops
//! everything else – scripts, event handlers, `style`, `javascript:` links, iframes. Links get
//! `rel="noopener noreferrer"`. Raw HTML in the Markdown passes the same sanitiser.

/// Safe HTML for a Markdown text of the coordination (news, legal pages).
pub fn html(markdown: &str) -> String {
    bereinigen(&roh(markdown), "noopener noreferrer", &[])
}

/// Safe HTML for a forum post: as [`html`], but links are marked as user content that search
/// engines should not follow (`nofollow ugc`), and pictures are not taken at all (no tracking
/// pixels, no `data:` images).
pub fn beitrag(markdown: &str) -> String {
    bereinigen(&roh(markdown), "nofollow ugc noopener noreferrer", &["img"])
}

fn roh(markdown: &str) -> String {
    use pulldown_cmark::{Options, Parser, html::push_html};
    let mut roh = String::with_capacity(markdown.len() * 3 / 2);
    push_html(&mut roh, Parser::new_ext(markdown, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH));
    roh
}

fn bereinigen(roh: &str, rel: &str, ohne: &[&str]) -> String {
    let mut b = ammonia::Builder::default();
    b.url_schemes(["http", "https", "mailto", "tel"].into_iter().collect()).link_rel(Some(rel));
    b.rm_tags(ohne.iter().copied());
    b.clean(roh).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formatting_stays_scripts_go() {
        let h = html("## Kontakt\n\n**Stelle** [Web](https://kdn.de)\n\n<script>alert(1)</script>");
        assert!(h.contains("<h2>Kontakt</h2>") && h.contains("<strong>Stelle</strong>"), "{h}");
        assert!(h.contains("href=\"https://kdn.de\"") && h.contains("noopener"), "{h}");
        assert!(!h.contains("<script") && !h.contains("alert(1)</script>"), "{h}");
    }

    #[test]
    fn hostile_links_and_attributes_are_removed() {
        for boese in [
            "[x](javascript:alert(1))",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<img src=x onerror=alert(1)>",
            "<iframe src=\"https://boese.example\"></iframe>",
            "<p style=\"position:fixed\" onclick=\"x()\">p</p>",
            "[x](data:text/html;base64,PHNjcmlwdD4=)",
        ] {
            let h = html(boese);
            for verboten in ["javascript:", "onerror", "onclick", "<iframe", "style=", "data:text"] {
                assert!(!h.contains(verboten), "{boese} → {h}");
            }
        }
    }

    #[test]
    fn forum_posts_mark_links_and_drop_pictures() {
        let h = beitrag(
            "[Seite](https://ozg-kommunal.de) ![x](data:image/png;base64,AAAA) <img src=\"https://t.example/p.gif\">",
        );
        assert!(h.contains("rel=\"nofollow ugc noopener noreferrer\""), "{h}");
        assert!(!h.contains("<img") && !h.contains("data:") && !h.contains("t.example"), "{h}");
    }
}
