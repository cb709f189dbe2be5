// Returns one row with, for each stored person among $ids, the ids of the
// accounts whose account graph holds them: a customer's own account, or
// the accounts of the customers a vendor person relates to. Ids may repeat.
UNWIND $ids AS id
MATCH (p:Person {id: id})
RETURN collect({
  id: id,
  accounts: [(p)-[:WORKS_AT]->(a:Account) | a.id] +
    [(p)-[:RELATES_TO]-(c:Customer)-[:WORKS_AT]->(a:Account) WHERE p:Vendor | a.id]
}) AS memberships
