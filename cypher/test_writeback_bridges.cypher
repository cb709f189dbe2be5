// Lists the RELATES_TO relationships marked as a bridge of the account.
MATCH (a:Person)-[r:RELATES_TO]->(b:Person)
WHERE $id IN r.bridge_accounts
RETURN a.id AS person_a, b.id AS person_b
ORDER BY person_a, person_b
