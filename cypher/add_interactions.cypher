// Appends interactions to the INTERACTIONS relationship that this call of
// AddInteractions keeps for each pair, keyed by $added_at. It runs from
// the lower person id to the higher and is created when missing. Each row
// is one pair (row.a < row.b) with the entries of its interactions; an
// entry whose id any INTERACTIONS relationship of the pair holds is
// skipped. Returns the ids appended, one row per pair that got any.
UNWIND $rows AS row
MATCH (a:Person {id: row.a})
MATCH (b:Person {id: row.b})
OPTIONAL MATCH (a)-[old:INTERACTIONS]->(b)
WITH a, b, row, collect(old.ids) AS stored
WITH a, b, [e IN row.entries WHERE none(ids IN stored WHERE e.id IN ids)] AS added
WHERE size(added) > 0
MERGE (a)-[r:INTERACTIONS {added_at: $added_at}]->(b)
  ON CREATE SET r.ids = [], r.at = [], r.types = [], r.from_a = [], r.message_ids = []
SET r.ids = r.ids + [e IN added | e.id],
    r.at = r.at + [e IN added | e.at],
    r.types = r.types + [e IN added | e.type],
    r.from_a = r.from_a + [e IN added | e.from_a],
    r.message_ids = r.message_ids + [e IN added | e.message_id]
RETURN [e IN added | e.id] AS ids
