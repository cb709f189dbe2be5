MATCH (u:BusinessUnit)
WHERE NOT (u)<-[:IN_UNIT]-()
DELETE u
