MATCH (f:Function)
WHERE NOT (f)<-[:IN_FUNCTION]-()
DELETE f
