-- Reports of forum posts to the moderation (sqlite; keep in step with the other backend). A member
-- reports a post once (a second report updates the reason and opens it again). Only the
-- moderation reads these, on no cached page (no generation triggers, see NICHT_GEZAEHLT); done
-- ones keep who closed them and when.
CREATE TABLE forum_meldung (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    beitrag_id BIGINT NOT NULL REFERENCES forum_beitrag(id) ON DELETE CASCADE,
    benutzer_id BIGINT NOT NULL REFERENCES benutzer(id) ON DELETE CASCADE,
    grund TEXT NOT NULL,
    erstellt_ms BIGINT NOT NULL,
    erledigt_ms BIGINT,
    erledigt_von TEXT,
    UNIQUE (beitrag_id, benutzer_id)
);
CREATE INDEX forum_meldung_offen ON forum_meldung(erledigt_ms, erstellt_ms);
