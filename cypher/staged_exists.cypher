// Returns 1 when any staged node is stored, and 0 otherwise.
MATCH (n:StagedAccount|StagedPerson|StagedAccountVersion|StagedPersonVersion)
WITH n LIMIT 1
RETURN count(n) AS staged
