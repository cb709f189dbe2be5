// Returns the written-back metrics of one account and of its people.
MATCH (a:Account {id: $id})
OPTIONAL MATCH (p:Person)-[m:METRICS]->(a)
RETURN a.bus_factor AS bus_factor, a.risk AS risk, a.metrics_computed_at AS computed_at,
  collect({person_id: p.id, threads: m.threads, betweenness: m.betweenness}) AS people
