// Returns one row when the account existed at $at: its version valid then
// and the versions valid then of the customer people it had then.
MATCH (a:AccountVersion {account_id: $account_id})
WHERE (a.valid_from IS NULL OR a.valid_from <= $at)
  AND (a.valid_to IS NULL OR a.valid_to > $at)
OPTIONAL MATCH (p:PersonVersion {account_id: $account_id})
WHERE p.side = 'customer'
  AND (p.valid_from IS NULL OR p.valid_from <= $at)
  AND (p.valid_to IS NULL OR p.valid_to > $at)
WITH a, collect(p) AS customers
RETURN a {
  id: a.account_id, .name, .tier, .arr, .renewal_date, .owner_id
} AS account,
[p IN customers | p {
  id: p.person_id, .name, .side, .title, .function, .business_unit,
  .geography, .seniority, .role, .status, .departed_on, .email,
  .account_id, .manager_id
}] AS people
