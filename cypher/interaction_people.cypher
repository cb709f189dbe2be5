// Returns one row with the ids among $ids of the people that exist.
UNWIND $ids AS id
MATCH (p:Person {id: id})
RETURN collect(p.id) AS ids
