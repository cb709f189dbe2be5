// Serves the lookups of staged people by id while an import is staged.
CREATE INDEX staged_person_id IF NOT EXISTS FOR (p:StagedPerson) ON (p.id)
