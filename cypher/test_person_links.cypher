// Returns a person's labels, property keys, departure date and every link
// that the import maintains, so that tests can check that upserts move links.
MATCH (p:Person {id: $id})
RETURN labels(p) AS labels,
       keys(p) AS keys,
       p.departed_on AS departed_on,
       [(p)-[:IN_FUNCTION]->(f:Function) | f.key] AS functions,
       [(p)-[:IN_UNIT]->(u:BusinessUnit) | u {.side, .org, .key, .name}] AS units,
       [(p)-[:WORKS_AT]->(a:Account) | a.id] AS accounts,
       [(p)-[:REPORTS_TO]->(m:Person) | m.id] AS managers,
       [(a:Account)-[:OWNED_BY]->(p) | a.id] AS owned_accounts
