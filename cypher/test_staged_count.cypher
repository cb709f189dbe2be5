// Counts the staged nodes of every import.
MATCH (n:StagedAccount|StagedPerson|StagedAccountVersion|StagedPersonVersion)
RETURN count(n) AS staged
