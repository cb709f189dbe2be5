// Returns one row when the account exists: the account, and its customer
// people of every status together with every vendor person who has a
// RELATES_TO relationship with one of them.
MATCH (a:Account {id: $account_id})
OPTIONAL MATCH (c:Customer)-[:WORKS_AT]->(a)
OPTIONAL MATCH (c)-[:RELATES_TO]-(v:Vendor)
WITH a, collect(DISTINCT c) + collect(DISTINCT v) AS people
RETURN a {
  .id, .name, .tier, .arr, .renewal_date,
  owner_id: head([(a)-[:OWNED_BY]->(o:Person) | o.id])
} AS account,
[p IN people | p {
  .id, .name, .side, .title, .function, .business_unit, .geography,
  .seniority, .role, .status, .departed_on, .email,
  account_id: head([(p)-[:WORKS_AT]->(x:Account) | x.id]),
  manager_id: head([(p)-[:REPORTS_TO]->(m:Person) | m.id])
}] AS people
