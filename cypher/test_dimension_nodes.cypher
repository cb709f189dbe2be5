// Returns every Function key and every BusinessUnit, to check that moved
// links leave no orphans behind.
RETURN COLLECT { MATCH (f:Function) RETURN f.key } AS functions,
       COLLECT { MATCH (u:BusinessUnit) RETURN u {.side, .org, .key, .name} } AS units
