-- Rundschreiben of the coordination (sqlite; keep in step with the other backend): a mail to the
-- followers of one Themenfeld (`themenfeld_id`) or to every active account (`an_alle`), sent
-- after a preview. The send writes this row, its Mitteilung (so followers also find it under
-- "Neu für mich") and one outbox row per recipient in one transaction; `fingerabdruck` (SHA-256
-- of target, subject and text) is unique, so a double click or two coordinators sending the same
-- text at once send it once. Kept as the archive of what went out (the Mitteilung is cleared after
-- 60 days like every other; then `mitteilung_id` becomes NULL).
--
-- `infoverteiler_konto.rundschreiben_aus`: the person switched Rundschreiben off (in "Meine
-- Abonnements" or by the one-click link in a Rundschreiben's mail).
--
-- Read by logged-in accounts only and never cached: no generation triggers (see NICHT_GEZAEHLT).
CREATE TABLE rundschreiben (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    mitteilung_id BIGINT REFERENCES mitteilung(id) ON DELETE SET NULL,
    an_alle BOOLEAN NOT NULL,
    themenfeld_id BIGINT REFERENCES themenfeld(id) ON DELETE SET NULL,
    betreff TEXT NOT NULL,
    text TEXT NOT NULL,
    fingerabdruck TEXT NOT NULL UNIQUE,
    autor_id BIGINT REFERENCES benutzer(id) ON DELETE SET NULL,
    gesendet_ms BIGINT NOT NULL,
    empfaenger BIGINT NOT NULL
);
CREATE INDEX rundschreiben_zeit ON rundschreiben(gesendet_ms);
CREATE INDEX rundschreiben_mitteilung ON rundschreiben(mitteilung_id);

ALTER TABLE infoverteiler_konto ADD COLUMN rundschreiben_aus BOOLEAN NOT NULL DEFAULT FALSE;
