// Setting a property to null removes it, so empty fields leave no property.
UNWIND $rows AS row
MERGE (p:Person {id: row.id})
SET p.name = row.name,
    p.side = row.side,
    p.title = row.title,
    p.function = row.function,
    p.business_unit = row.business_unit,
    p.geography = row.geography,
    p.seniority = row.seniority,
    p.role = row.role,
    p.status = row.status,
    p.departed_on = row.departed_on,
    p.email = row.email
FOREACH (_ IN CASE WHEN row.side = 'vendor' THEN [1] ELSE [] END |
  SET p:Vendor REMOVE p:Customer)
FOREACH (_ IN CASE WHEN row.side = 'customer' THEN [1] ELSE [] END |
  SET p:Customer REMOVE p:Vendor)
