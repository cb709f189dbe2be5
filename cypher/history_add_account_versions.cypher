// Closes the current version of each account in $rows at $at and adds the
// row as its new current version, valid from $at.
UNWIND $rows AS row
CALL {
  WITH row
  MATCH (old:AccountVersion {account_id: row.id})
  WHERE old.valid_to IS NULL
  SET old.valid_to = $at
}
CREATE (:AccountVersion {
  account_id: row.id, valid_from: $at, name: row.name, tier: row.tier,
  arr: row.arr, renewal_date: row.renewal_date, owner_id: row.owner_id
})
