// Waits until the full-text index of notes is online, which takes a while
// when it is created over existing notes. The procedure fails after
// $timeout_seconds.
CALL db.awaitIndex('note_text', $timeout_seconds)
