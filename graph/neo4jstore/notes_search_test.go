package neo4jstore

import "testing"

func TestLuceneQuery(t *testing.T) {
	tests := []struct {
		query, want string
	}{
		{"budget freeze", "budget freeze"},
		{"  budget\tfreeze \n", "budget freeze"},
		{`"renewal"`, `\"renewal\"`},
		{`pricing:(draft)`, `pricing\:\(draft\)`},
		{`disc*unt? ~2 ^3`, `disc\*unt\? \~2 \^3`},
		{`+must -not !bang`, `\+must \-not \!bang`},
		{`a && b || c`, `a \&\& b \|\| c`},
		{`[a TO b] {c}`, `\[a to b\] \{c\}`},
		{`/re.x/ C:\path`, `\/re.x\/ C\:\\path`},
		{"budget AND NOT freeze OR cfo", "budget and not freeze or cfo"},
		{"Andrea Nottingham Oregon", "Andrea Nottingham Oregon"},
		{"Café 20%", "Café 20%"},
	}
	for _, tt := range tests {
		if got := luceneQuery(tt.query); got != tt.want {
			t.Errorf("luceneQuery(%q) = %q, want %q", tt.query, got, tt.want)
		}
	}
}
