// Labels SPOF every person who is a single point of failure of some
// account, and returns how many people carry the label.
MATCH (p:Person)
WHERE EXISTS { MATCH (p)-[:METRICS {spof: true}]->(:Account) }
SET p:SPOF
RETURN count(p) AS spofs
