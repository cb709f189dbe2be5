// Package salesforce reads Salesforce exports whose header row holds API
// field names, as Data Loader, Workbench and "sf data export" write them:
// Account, Contact, User, AccountContactRelation, AccountContactRole,
// OpportunityContactRole and AccountTeamMember, one CSV file per object.
//
// By the default mapping (package mapping; MAPPING.md beside package
// ingest lists it in full):
//
//   - Users with UserType Standard are vendor people; IsActive 0 makes
//     them departed. Contacts with an AccountId are customer people of that
//     account. ManagerId and ReportsToId become reporting lines.
//   - Account.OwnerId is the account's owner. Contact.OwnerId gives a
//     relationship of strength mapping.DefaultOwnerStrength (0.25, the
//     default qualifying threshold of the analytics) between the owner and
//     the contact, type "crm_owner", source "salesforce".
//   - AccountContactRelation, AccountContactRole and
//     OpportunityContactRole roles become the contact's customer role;
//     a contact with several roles gets the most decisive one.
//   - AccountTeamMember rows create no relationships unless the mapping
//     sets AccountTeamStrength, because team membership does not show that
//     a team member works with every contact of the account.
//   - Rows with IsDeleted 1, contacts without an account and relations
//     with IsDirect 0 are skipped and counted in the summary.
//
// Ids are Salesforce ids, unchanged. Title inference fills function and
// seniority where the export has none.
package salesforce
