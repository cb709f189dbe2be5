// Closes the current version of each person in $rows at $at and adds the
// row as their new current version, valid from $at.
UNWIND $rows AS row
CALL {
  WITH row
  MATCH (old:PersonVersion {person_id: row.id})
  WHERE old.valid_to IS NULL
  SET old.valid_to = $at
}
CREATE (:PersonVersion {
  person_id: row.id, valid_from: $at, name: row.name, side: row.side,
  title: row.title, function: row.function,
  business_unit: row.business_unit, geography: row.geography,
  seniority: row.seniority, role: row.role, status: row.status,
  departed_on: row.departed_on, email: row.email,
  account_id: row.account_id, manager_id: row.manager_id
})
