// Package interactions derives relationship strengths from logs of
// e-mails, meetings and calls, read as CSV or JSON lines.
//
// # Formula
//
// Each interaction i between people a and b at time t_i contributes its
// decay
//
//	d_i = 2^(-(as_of - t_i) / half_life)
//
// to one of four sums of the pair: M for meetings, C for calls, E_ab for
// e-mails from a to b and E_ba for e-mails from b to a. The pair's
// strength is
//
//	x = w_meeting*M + w_call*C
//	    + w_exchanged * 2*min(E_ab, E_ba)
//	    + w_one_way * |E_ab - E_ba|
//	s = 1 - exp(-x)
//
// rounded to StrengthDecimals decimals. The e-mail that went both ways,
// 2*min(E_ab, E_ba), is weighed as an exchange, and only the surplus in
// one direction as one-way mail. The formula is symmetric in a and b,
// grows with every interaction, saturates towards 1, and halves an
// interaction's weight every half-life. DefaultWeights are 1 for a
// meeting, 0.5 for a call, 0.25 per exchanged e-mail and 0.05 per one-way
// e-mail, so one meeting today gives 0.63, one e-mail each way today 0.39,
// and one unanswered e-mail today 0.05. The half-life defaults to 90 days.
//
// Results depend on nothing but the log and the options: as_of is
// required, interactions after it are ignored, and pairs whose rounded
// strength is 0 are left out. Each relationship carries the date of the
// pair's last interaction, the type that contributed most to x (ties go
// to meeting, then call, then e-mail) and source "interactions".
//
// # Participants
//
// An e-mail links its sender (from) with each recipient (to). CRM
// activity logs list our person first and mark replies as "inbound", so
// with that direction the arrow is reversed. A meeting links its organiser with
// each attendee, but not the attendees with each other, because a large
// meeting shows little about each pair of attendees. A call links its two
// ends. Options.Resolve maps participants as written (ids or e-mail
// addresses) to person ids; unresolved participants are counted and left
// out.
//
// # Memory
//
// The Aggregator keeps one small record per pair and one entry per
// distinct participant, never the rows, so memory grows with the number
// of pairs. BenchmarkReadCSVMillion reads 1,000,000 generated rows.
package interactions
