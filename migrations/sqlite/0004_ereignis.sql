-- Live events (SQLite). Keep in step with migrations/postgres.
-- Written in the transaction of the change they announce; the id orders them and lets a browser
-- that lost its connection catch up from the last id it saw (SSE Last-Event-ID). Old rows are
-- pruned after a day: a client away longer reloads the page data instead.

CREATE TABLE ereignis (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    zeit_ms BIGINT NOT NULL,
    art TEXT NOT NULL,
    objekt_id TEXT NOT NULL,
    benutzer TEXT NOT NULL,
    daten TEXT NOT NULL
);
CREATE INDEX ereignis_zeit ON ereignis(zeit_ms);
