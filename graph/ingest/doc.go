// Package ingest turns CRM exports and interaction logs into a
// graph.Dataset, the value that every store validates with graph.Plan and
// imports whole or not at all.
//
// The readers live in subpackages: salesforce and hubspot read CRM
// exports through the column mapping of package mapping, interactions
// derives relationship strengths from e-mail, meeting and call logs, and
// titles infers function and seniority from job titles. This package holds
// what they share:
//
//   - Table reads a CSV export row by row: header names match without
//     regard to case, and a byte-order mark, CRLF line ends, quoted line
//     breaks and the wrong delimiter are handled or reported.
//   - ParseTime, ParseDate and ParseBool read the date and boolean forms
//     of CRM exports, Excel serial dates included.
//   - Problems collects each defect with its file, line, column and
//     value. By default any defect rejects the import; with
//     Options.KeepGoing the defective rows, and the rows that depend on
//     them, are left out whole and reported.
//   - Result carries the dataset, a Summary of rows read, skipped and
//     rejected, and the titles that inference could not read.
//     Options.Progress reports the rows and bytes read so far.
//   - Merge combines two datasets, matching people by id or email, and
//     PeopleIndex resolves log participants to people the same way.
//
// MAPPING.md in this folder documents the default mapping, the role
// table, title inference and the interaction formula for users.
package ingest
