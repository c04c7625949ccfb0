-- Archiving an Umsetzungsprojekt instead of deleting it: it leaves the roadmap, the timeline,
-- the open API's list and the forms' choices, but keeps its page, its links and its history in
-- the audit log, and it can be restored (the undo). NULL = active. Keep sqlite and postgres in step.
ALTER TABLE projekt ADD COLUMN archiviert_ms BIGINT;
