// Returns one row with the versions valid at $at of the vendor people who
// then had a relationship with one of the customers $customer_ids.
UNWIND $customer_ids AS id
MATCH (:Person {id: id})-[r:RELATES_TO_VERSION]-(other:Vendor)
WHERE (r.valid_from IS NULL OR r.valid_from <= $at)
  AND (r.valid_to IS NULL OR r.valid_to > $at)
WITH DISTINCT other
MATCH (p:PersonVersion {person_id: other.id})
WHERE p.side = 'vendor'
  AND (p.valid_from IS NULL OR p.valid_from <= $at)
  AND (p.valid_to IS NULL OR p.valid_to > $at)
RETURN collect(p {
  id: p.person_id, .name, .side, .title, .function, .business_unit,
  .geography, .seniority, .role, .status, .departed_on, .email,
  .account_id, .manager_id
}) AS people
