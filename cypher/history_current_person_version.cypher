// Returns the current version of one person, with its valid_from, or no
// row when the person has no version.
MATCH (v:PersonVersion {person_id: $id})
WHERE v.valid_to IS NULL
RETURN v {
  id: v.person_id, .name, .side, .title, .function, .business_unit,
  .geography, .seniority, .role, .status, .departed_on, .email,
  .account_id, .manager_id
} AS person, v.valid_from AS valid_from
