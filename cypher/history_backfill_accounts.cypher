// Gives up to $limit accounts stored without any version, such as those
// written before the store kept history, a version without valid_from,
// which means valid since before history began. Returns how many it
// created.
MATCH (a:Account)
WHERE NOT EXISTS { MATCH (:AccountVersion {account_id: a.id}) }
WITH a LIMIT $limit
CREATE (v:AccountVersion {
  account_id: a.id, name: a.name, tier: a.tier, arr: a.arr,
  renewal_date: a.renewal_date,
  owner_id: head([(a)-[:OWNED_BY]->(o:Person) | o.id])
})
RETURN count(v) AS created
