-- Ready for the public internet (PostgreSQL; keep in step with migrations/sqlite).

-- Login throttling per (account, network) pair and per network, with locks that double each
-- time (`sperren`); `erfolg_ms` marks a pair that logged in successfully, which a lock of its
-- whole network does not stop; `abgewiesen` counts attempts refused while locked.
ALTER TABLE anmeldesperre ADD COLUMN sperren BIGINT NOT NULL DEFAULT 0;
ALTER TABLE anmeldesperre ADD COLUMN erfolg_ms BIGINT;
ALTER TABLE anmeldesperre ADD COLUMN abgewiesen BIGINT NOT NULL DEFAULT 0;
-- Old keys ('konto:…' for an account from anywhere) locked owners out; they go.
DELETE FROM anmeldesperre;

-- Public fields held "Name <e-mail>" of the person who entered them; the name is enough.
UPDATE labor SET quelle = substr(quelle, 1, strpos(quelle, ' <') - 1)
 WHERE quelle LIKE 'Eingetragen von % <%>';
UPDATE lieferung SET benutzer = substr(benutzer, 1, strpos(benutzer, ' <') - 1)
 WHERE benutzer LIKE '% <%>';

-- The audit log is written once and never changed, also not by a bug or an operator's typo.
-- (An operator may in addition run the portal under a role without UPDATE/DELETE on it.)
CREATE FUNCTION protokoll_unveraenderlich() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'Das Protokoll ist unveränderlich: % ist nicht erlaubt.', TG_OP;
END $$;
CREATE TRIGGER protokoll_nicht_aendern BEFORE UPDATE OR DELETE ON protokoll
    FOR EACH ROW EXECUTE FUNCTION protokoll_unveraenderlich();
CREATE TRIGGER protokoll_nicht_leeren BEFORE TRUNCATE ON protokoll
    FOR EACH STATEMENT EXECUTE FUNCTION protokoll_unveraenderlich();
