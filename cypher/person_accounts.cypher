// Returns the side of the person $id and the account ids that each kind of
// link gives them, in lists that may repeat an id: the account they work
// at (customers), the accounts they own (vendors), and the accounts of the
// customer people they have a relationship with, at any strength.
MATCH (p:Person {id: $id})
RETURN p.side AS side,
       [(p)-[:WORKS_AT]->(a:Account) | a.id] AS employer,
       [(a:Account)-[:OWNED_BY]->(p) | a.id] AS owned,
       [(p)-[:RELATES_TO]-(:Customer)-[:WORKS_AT]->(a:Account) | a.id] AS related
