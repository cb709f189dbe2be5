// Makes the people staged by the import $staging_id visible: they become
// Person nodes with the label of their side.
MATCH (p:StagedPerson {staged_import: $staging_id})
REMOVE p:StagedPerson, p.staged_import
SET p:Person
FOREACH (_ IN CASE WHEN p.side = 'vendor' THEN [1] ELSE [] END | SET p:Vendor)
FOREACH (_ IN CASE WHEN p.side = 'customer' THEN [1] ELSE [] END | SET p:Customer)
RETURN count(p) AS published
