// Makes up to $limit people staged by the import $staging_id visible: they
// become Person nodes with the label of their side. Returns how many. The
// nodes keep staged_import: removing it here took more of Neo4j's
// transaction memory than the relabelling itself.
MATCH (p:StagedPerson {staged_import: $staging_id})
WITH p LIMIT $limit
REMOVE p:StagedPerson
SET p:Person
FOREACH (_ IN CASE WHEN p.side = 'vendor' THEN [1] ELSE [] END | SET p:Vendor)
FOREACH (_ IN CASE WHEN p.side = 'customer' THEN [1] ELSE [] END | SET p:Customer)
RETURN count(p) AS published
