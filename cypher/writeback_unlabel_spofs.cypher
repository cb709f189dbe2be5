// Removes the SPOF label from people who are no longer a single point of
// failure of any account.
MATCH (p:SPOF)
WHERE NOT EXISTS { MATCH (p)-[:METRICS {spof: true}]->(:Account) }
REMOVE p:SPOF
