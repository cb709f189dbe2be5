// Returns the interactions of one pair, $a < $b, as parallel lists, one
// row for each INTERACTIONS relationship of the pair.
MATCH (:Person {id: $a})-[r:INTERACTIONS]->(:Person {id: $b})
RETURN r.ids AS ids, r.at AS at, r.types AS types, r.from_a AS from_a, r.message_ids AS message_ids
