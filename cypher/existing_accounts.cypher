// Returns one row with the stored accounts among $ids.
UNWIND $ids AS id
MATCH (a:Account {id: id})
RETURN collect(a {
  .id, .name, .tier, .arr, .renewal_date,
  owner_id: head([(a)-[:OWNED_BY]->(o:Person) | o.id])
}) AS accounts
