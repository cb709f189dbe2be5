// Deletes up to $limit staged nodes, with their relationships, of the
// staged import $only, or of every staged import but $except when $only is
// null. Returns how many it deleted.
MATCH (n:StagedAccount|StagedPerson|StagedAccountVersion|StagedPersonVersion)
WHERE ($only IS NULL OR n.staged_import = $only)
  AND ($except IS NULL OR n.staged_import <> $except)
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted
