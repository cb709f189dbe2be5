// The full-text index that search_notes queries. It uses the server's
// default analyzer, standard-no-stop-words in Neo4j 5.26 unless configured
// otherwise, which lower-cases words and keeps stop words such as "and".
CREATE FULLTEXT INDEX note_text IF NOT EXISTS
FOR (n:Note) ON EACH [n.text]
