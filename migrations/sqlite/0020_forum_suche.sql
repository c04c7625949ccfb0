-- Search in the forum (sqlite; keep in step with the other backend): per thread its subject and the
-- text of its visible posts, folded as the catalogs fold (`model::text::search_column`). Folding
-- is Rust's, so the writes keep it current; threads from before this migration have '' until a
-- search fills them in (`store::forum::suche`).
ALTER TABLE forum_thema ADD COLUMN suchtext TEXT NOT NULL DEFAULT '';
