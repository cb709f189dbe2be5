// Package hubspot reads HubSpot exports of companies, contacts and users
// with HubSpot's default English column names ("Record ID", "Company
// name", "First Name", "Job Title", "Associated Company IDs", ...).
//
// Each file is classified as a companies, contacts or users export by its
// header. Companies become accounts and
// contacts customer people of their primary associated company; users
// become vendor people. "Company owner" and "Contact owner" values match a
// user by email or full name, and each owned contact gets a relationship
// of strength mapping.DefaultOwnerStrength with its owner, type
// "crm_owner", source "hubspot". Without a users export, owners are
// ignored.
//
// HubSpot numbers each object type separately, so ids carry the prefixes
// CompanyPrefix, ContactPrefix and UserPrefix. MAPPING.md beside package
// ingest lists the default mapping in full.
package hubspot
