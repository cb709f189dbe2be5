// Returns one row when the account exists, with lists in place of maps, so
// that the result carries no property names:
//   account        [id, name, tier, arr, renewal_date, owner_id]
//   people         [id, name, side, title, function, business_unit,
//                  geography, seniority, role, status, departed_on, email,
//                  account_id, manager_id] for each customer person of the
//                  account, of every status, and each vendor person with a
//                  RELATES_TO relationship with one of them
//   relationships  [person_a, targets] for each of those people with
//                  RELATES_TO relationships to others of them, each target
//                  [person_b, strength, type, last_interaction, source]
// Import keeps one WORKS_AT link per person, so the account_id of a
// customer person found through WORKS_AT is the account's id.
MATCH (a:Account {id: $account_id})
CALL {
  WITH a
  MATCH (c:Customer)-[:WORKS_AT]->(a)
  RETURN collect(c) AS customers
}
CALL {
  WITH customers
  UNWIND customers AS c
  MATCH (c)-[:RELATES_TO]-(v:Vendor)
  RETURN collect(DISTINCT v) AS vendors
}
CALL {
  WITH customers, vendors
  UNWIND customers + vendors AS p
  MATCH (p)-[r:RELATES_TO]->(q)
  WHERE q IN customers OR q IN vendors
  // properties(r) reads the four properties in one database hit, where
  // r.strength, r.type and so on take one each: PROFILE counts 366,000
  // hits for the whole query on the generated M account, against 426,000.
  WITH p, q, properties(r) AS values
  WITH p, collect([q.id, values.strength, values.type, values.last_interaction, values.source]) AS targets
  RETURN collect([p.id, targets]) AS relationships
}
RETURN [a.id, a.name, a.tier, a.arr, a.renewal_date,
        head([(a)-[:OWNED_BY]->(o:Person) | o.id])] AS account,
  [c IN customers | [c.id, c.name, c.side, c.title, c.function, c.business_unit,
    c.geography, c.seniority, c.role, c.status, c.departed_on, c.email,
    a.id, head([(c)-[:REPORTS_TO]->(m:Person) | m.id])]]
  + [v IN vendors | [v.id, v.name, v.side, v.title, v.function, v.business_unit,
    v.geography, v.seniority, v.role, v.status, v.departed_on, v.email,
    head([(v)-[:WORKS_AT]->(x:Account) | x.id]),
    head([(v)-[:REPORTS_TO]->(m:Person) | m.id])]] AS people,
  relationships
