-- Ready for the public internet (SQLite; keep in step with migrations/postgres).

-- Login throttling per (account, network) pair and per network, with locks that double each
-- time (`sperren`); `erfolg_ms` marks a pair that logged in successfully, which a lock of its
-- whole network does not stop; `abgewiesen` counts attempts refused while locked.
ALTER TABLE anmeldesperre ADD COLUMN sperren BIGINT NOT NULL DEFAULT 0;
ALTER TABLE anmeldesperre ADD COLUMN erfolg_ms BIGINT;
ALTER TABLE anmeldesperre ADD COLUMN abgewiesen BIGINT NOT NULL DEFAULT 0;
-- Old keys ('konto:…' for an account from anywhere) locked owners out; they go.
DELETE FROM anmeldesperre;

-- Public fields held "Name <e-mail>" of the person who entered them; the name is enough.
UPDATE labor SET quelle = substr(quelle, 1, instr(quelle, ' <') - 1)
 WHERE quelle LIKE 'Eingetragen von % <%>';
UPDATE lieferung SET benutzer = substr(benutzer, 1, instr(benutzer, ' <') - 1)
 WHERE benutzer LIKE '% <%>';

-- The audit log is written once and never changed, also not by a bug or an operator's typo.
CREATE TRIGGER protokoll_nicht_aendern BEFORE UPDATE ON protokoll
BEGIN SELECT RAISE(ABORT, 'Das Protokoll ist unveränderlich: UPDATE ist nicht erlaubt.'); END;
CREATE TRIGGER protokoll_nicht_loeschen BEFORE DELETE ON protokoll
BEGIN SELECT RAISE(ABORT, 'Das Protokoll ist unveränderlich: DELETE ist nicht erlaubt.'); END;
