// Returns every node but the import lock and the write counter, with its
// labels, its properties and its outgoing relationships, each with its
// type, its properties and the labels and properties of its end.
MATCH (n)
WHERE NOT n:ImportLock AND NOT n:GraphVersion
RETURN labels(n) AS labels, properties(n) AS properties,
       [(n)-[r]->(m) | [type(r), properties(r), labels(m), properties(m)]] AS outgoing
