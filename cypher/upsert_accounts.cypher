// Setting a property to null removes it, so empty fields leave no property.
UNWIND $rows AS row
MERGE (a:Account {id: row.id})
SET a.name = row.name,
    a.tier = row.tier,
    a.arr = row.arr,
    a.renewal_date = row.renewal_date
