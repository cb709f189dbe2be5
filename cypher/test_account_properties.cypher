MATCH (a:Account {id: $id})
RETURN a.renewal_date AS renewal_date, keys(a) AS keys
