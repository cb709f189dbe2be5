// Moves each person's IN_UNIT link to the BusinessUnit of
// (row.unit_side, row.unit_org, row.unit_key), or removes it when the key is
// null. A new unit takes the person's spelling as its name.
UNWIND $rows AS row
MATCH (p:Person {id: row.id})
OPTIONAL MATCH (p)-[old:IN_UNIT]->(u:BusinessUnit)
WHERE row.unit_key IS NULL
   OR u.key <> row.unit_key
   OR u.org <> row.unit_org
   OR u.side <> row.unit_side
DELETE old
WITH DISTINCT p, row
WHERE row.unit_key IS NOT NULL
MERGE (u:BusinessUnit {side: row.unit_side, org: row.unit_org, key: row.unit_key})
  ON CREATE SET u.name = row.unit_name
MERGE (p)-[:IN_UNIT]->(u)
