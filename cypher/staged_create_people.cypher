// Creates each new person of the staged import $staging_id as a
// StagedPerson, which readers do not see, and their first version as a
// StagedPersonVersion valid from $at. Null fields set no property.
UNWIND $rows AS row
CREATE (:StagedPerson {
  staged_import: $staging_id, id: row.id, name: row.name, side: row.side,
  title: row.title, function: row.function,
  business_unit: row.business_unit, geography: row.geography,
  seniority: row.seniority, role: row.role, status: row.status,
  departed_on: row.departed_on, email: row.email
})
CREATE (:StagedPersonVersion {
  staged_import: $staging_id, person_id: row.id, valid_from: $at,
  name: row.name, side: row.side, title: row.title, function: row.function,
  business_unit: row.business_unit, geography: row.geography,
  seniority: row.seniority, role: row.role, status: row.status,
  departed_on: row.departed_on, email: row.email,
  account_id: row.account_id, manager_id: row.manager_id
})
