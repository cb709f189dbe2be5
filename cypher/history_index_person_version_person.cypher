// Serves the lookups of the versions of one person.
CREATE INDEX person_version_person_id IF NOT EXISTS
FOR (v:PersonVersion) ON (v.person_id)
