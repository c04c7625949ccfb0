-- Impressum, Datenschutzerklärung, Erklärung zur Barrierefreiheit (sqlite; keep in step with the
-- other backend). The operator's details start empty: nobody invents them, the pages say what
-- is missing until an admin has entered it.
CREATE TABLE betreiber (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    name TEXT,
    anschrift TEXT,
    vertreten_durch TEXT,
    email TEXT,
    telefon TEXT,
    aufsicht TEXT,
    datenschutzbeauftragter TEXT,
    datenschutz_aufsicht TEXT,
    barrierefreiheit_kontakt TEXT,
    durchsetzung TEXT,
    pruef_stand TEXT,
    version BIGINT NOT NULL DEFAULT 1
);
INSERT INTO betreiber (id) VALUES (1);

-- The admins' own text per page (Markdown, rendered through a sanitiser).
CREATE TABLE rechtstext (
    art TEXT PRIMARY KEY CHECK (art IN ('impressum', 'datenschutz', 'barrierefreiheit')),
    markdown TEXT NOT NULL DEFAULT '',
    version BIGINT NOT NULL DEFAULT 1
);
INSERT INTO rechtstext (art) VALUES ('impressum'), ('datenschutz'), ('barrierefreiheit');

-- Feedback on accessibility (BITV 2.0 § 7): stored for the admins, receipt confirmed.
CREATE TABLE rueckmeldung (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    zeit_ms BIGINT NOT NULL,
    seite TEXT,
    name TEXT,
    email TEXT,
    nachricht TEXT NOT NULL
);
CREATE INDEX rueckmeldung_zeit ON rueckmeldung(zeit_ms);
