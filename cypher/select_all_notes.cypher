// Returns one row with the ids of every note that the filters select. Null
// filters select everything.
MATCH (n:Note)
WHERE ($include_deleted OR n.deleted_at IS NULL)
  AND ($only_kind IS NULL OR n.kind = $only_kind)
  AND ($only_target_kind IS NULL OR n.target_kind = $only_target_kind)
RETURN collect(n.id) AS ids
