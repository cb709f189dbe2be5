// Creates each new account of the staged import $staging_id as a
// StagedAccount, which readers do not see, and its first version as a
// StagedAccountVersion valid from $at. Null fields set no property.
UNWIND $rows AS row
CREATE (:StagedAccount {
  staged_import: $staging_id, id: row.id, name: row.name, tier: row.tier,
  arr: row.arr, renewal_date: row.renewal_date
})
CREATE (:StagedAccountVersion {
  staged_import: $staging_id, account_id: row.id, valid_from: $at,
  name: row.name, tier: row.tier, arr: row.arr,
  renewal_date: row.renewal_date, owner_id: row.owner_id
})
