// Returns one row with every account version valid at $at. A version
// without valid_from is valid since before history began.
MATCH (v:AccountVersion)
WHERE (v.valid_from IS NULL OR v.valid_from <= $at)
  AND (v.valid_to IS NULL OR v.valid_to > $at)
RETURN collect(v {
  id: v.account_id, .name, .tier, .arr, .renewal_date, .owner_id
}) AS accounts
