// Counts RELATES_TO relationships stored from the higher id to the lower,
// which the import never writes.
MATCH (a:Person)-[r:RELATES_TO]->(b:Person)
WHERE a.id > b.id
RETURN count(r) AS reversed
