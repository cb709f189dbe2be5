CREATE CONSTRAINT business_unit_key IF NOT EXISTS
FOR (u:BusinessUnit) REQUIRE (u.side, u.org, u.key) IS UNIQUE
