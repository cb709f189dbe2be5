// Deletes up to $limit relationships of the staged nodes of the staged
// import $only, or of every staged import but $except when $only is null.
// Returns how many it deleted. A staged person can have thousands of
// relationships, so they go in batches of their own before the nodes.
MATCH (n:StagedAccount|StagedPerson|StagedAccountVersion|StagedPersonVersion)-[r]-()
WHERE ($only IS NULL OR n.staged_import = $only)
  AND ($except IS NULL OR n.staged_import <> $except)
WITH DISTINCT r LIMIT $limit
DELETE r
RETURN count(*) AS deleted
