-- Where an online service is offered regardless of what Kommunen report: 'land' = to everybody
-- in NRW (the Land's Wirtschafts-Service-Portal.NRW: its list names "396 Städte und Gemeinden"
-- as responsible, and the portal serves all of them); NULL = where Kommunen report it in
-- operation. Read by the Bund-compatible coverage (`/api/v1/bund`, `store::abdeckung`).
-- (postgres; keep in step with migrations/sqlite.)
ALTER TABLE onlinedienst ADD COLUMN reichweite TEXT CHECK (reichweite IS NULL OR reichweite = 'land');
UPDATE onlinedienst SET reichweite = 'land' WHERE import_schluessel LIKE 'wsp:%';
