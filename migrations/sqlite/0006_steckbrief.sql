-- Steckbrief "OZG-Dienst zur Übertragung" (sqlite; keep in step with the other directory): a
-- Kommune or the coordination describes an online service for reuse by others. Coordinators
-- review it; publishing creates the online service in the Lösungsdatenbank.

CREATE TABLE steckbrief (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    organisation TEXT NOT NULL,
    dienst_name TEXT NOT NULL,
    url TEXT NOT NULL,
    -- Anbindung an ein Dokumentenmanagementsystem, as the submitter describes it.
    dms TEXT,
    -- Evidence: 'papier' = submitted on paper afterwards, 'elektronisch' = all with the application.
    nachweise TEXT CHECK (nachweise IS NULL OR nachweise IN ('papier', 'elektronisch')),
    once_only BOOLEAN,
    bezahlung TEXT,
    authentifizierung TEXT,
    kontakt TEXT,
    status TEXT NOT NULL DEFAULT 'eingereicht' CHECK (status IN ('eingereicht', 'veroeffentlicht', 'zurueckgewiesen')),
    -- The submitter's Kommune (NULL when the coordination submitted it).
    kommune_ags TEXT REFERENCES kommune(ags),
    eingereicht_von BIGINT REFERENCES benutzer(id),
    eingereicht_ms BIGINT NOT NULL,
    geprueft_von BIGINT REFERENCES benutzer(id),
    geprueft_ms BIGINT,
    pruef_kommentar TEXT,
    onlinedienst_id BIGINT REFERENCES onlinedienst(id),
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX steckbrief_status ON steckbrief(status);

-- Only keys of the catalog are accepted (checked in the form with a message per key, and here).
CREATE TABLE steckbrief_leika (
    steckbrief_id BIGINT NOT NULL REFERENCES steckbrief(id) ON DELETE CASCADE,
    schluessel TEXT NOT NULL REFERENCES leika(schluessel),
    PRIMARY KEY (steckbrief_id, schluessel)
);

-- Where a published Steckbrief came from, on the online service it created.
ALTER TABLE onlinedienst ADD COLUMN steckbrief_id BIGINT;
