// Returns one row with the ids among each row's ids that an INTERACTIONS
// relationship of the pair holds. Rows are pairs {a, b, ids} with a < b.
UNWIND $rows AS row
MATCH (:Person {id: row.a})-[r:INTERACTIONS]->(:Person {id: row.b})
UNWIND [id IN row.ids WHERE id IN r.ids] AS id
RETURN collect(DISTINCT id) AS ids
