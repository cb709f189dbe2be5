// Returns the interactions of every pair as parallel lists, one row for
// each INTERACTIONS relationship. A pair may have several, in any order.
MATCH (a:Person)-[r:INTERACTIONS]->(b:Person)
RETURN a.id AS a, b.id AS b, r.ids AS ids, r.at AS at, r.types AS types, r.from_a AS from_a
