-- Workshop decisions on the roadmap: besides the Priorität of a Leistung ('prioritaet') a
-- session may create an Umsetzungsprojekt ('projekt') or move a phase on the timeline
-- ('termin'); `objekt_id` is then the project's id. Keep sqlite and postgres in step.
ALTER TABLE workshop_beschluss DROP CONSTRAINT IF EXISTS workshop_beschluss_art_check;
ALTER TABLE workshop_beschluss ADD CONSTRAINT workshop_beschluss_art_check
    CHECK (art IN ('prioritaet', 'projekt', 'termin'));
