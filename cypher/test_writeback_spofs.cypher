// Lists every single point of failure that the write-back stored, as an
// analyst would query them.
MATCH (p:SPOF)-[m:METRICS]->(a:Account)
WHERE m.spof
RETURN p.id AS person_id, a.id AS account_id, m.cut_off AS cut_off
ORDER BY person_id, account_id
