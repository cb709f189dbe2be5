MATCH (a:Account)
RETURN a {
  .id, .name, .tier, .arr, .renewal_date,
  owner_id: head([(a)-[:OWNED_BY]->(o:Person) | o.id])
} AS account
