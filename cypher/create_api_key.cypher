// Creates the API key $key. The api_key_id constraint rejects a taken id.
CREATE (k:ApiKey)
SET k = $key
