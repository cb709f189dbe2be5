// Package mapping defines which source column fills which kamgraph field
// when a Salesforce or HubSpot export is read, how source values translate
// into kamgraph's roles, seniority levels, statuses and tiers, and how
// strong the relationships are that CRM ownership implies.
//
// Default returns the documented default: standard Salesforce API field
// names and HubSpot's English export columns, the Salesforce and HubSpot
// role picklists, and common level names. Parse and Load read a JSON file
// that overrides it, for instance to read seniority from a custom Level__c
// field. MAPPING.md beside package ingest documents both for users.
package mapping
