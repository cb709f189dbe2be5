package graph

import (
	"errors"
	"fmt"
	"strings"
)

// ErrorKind classifies an error for callers such as the HTTP API, which
// maps each kind to one status code.
type ErrorKind string

// Error kinds.
const (
	KindInvalid     ErrorKind = "invalid"     // the request or its input is wrong; fix it and retry
	KindNotFound    ErrorKind = "not_found"   // the named object does not exist
	KindConflict    ErrorKind = "conflict"    // the input contradicts what is stored
	KindUnavailable ErrorKind = "unavailable" // a dependency such as Neo4j cannot be reached; retry later
	KindTooLarge    ErrorKind = "too_large"   // the input exceeds a size limit; split it or raise the limit
	KindInternal    ErrorKind = "internal"    // a bug or an unexpected failure
)

// Error is an error with a kind and a message meant for the user. Err, when
// set, is the underlying cause; it is logged but not shown to clients.
type Error struct {
	Kind    ErrorKind
	Message string
	Err     error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Message + ": " + e.Err.Error()
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error of the given kind with a formatted message.
func Errorf(kind ErrorKind, format string, args ...any) *Error {
	return &Error{Kind: kind, Message: fmt.Sprintf(format, args...)}
}

// KindOf returns the kind of the first *Error or *ImportError in err's
// chain, or KindInternal when there is none.
func KindOf(err error) ErrorKind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	var ie *ImportError
	if errors.As(err, &ie) {
		return KindInvalid
	}
	return KindInternal
}

// MessageOf returns the user-facing message of err: the Message of an
// *Error, the summary of an *ImportError, or a generic text for anything
// else, so that internal details never reach a client.
func MessageOf(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	var ie *ImportError
	if errors.As(err, &ie) {
		return ie.Error()
	}
	return "internal error"
}

// Problem is one defect found in import input. File, Line and Column are
// set when the input came from a CSV file; Line counts the header as 1.
type Problem struct {
	File    string `json:"file,omitempty"`
	Line    int    `json:"line,omitempty"`
	Column  string `json:"column,omitempty"`
	Value   string `json:"value,omitempty"`
	Message string `json:"message"`
}

func (p Problem) String() string {
	var b strings.Builder
	if p.File != "" {
		b.WriteString(p.File)
		if p.Line > 0 {
			fmt.Fprintf(&b, ":%d", p.Line)
		}
		b.WriteString(": ")
	}
	if p.Column != "" {
		fmt.Fprintf(&b, "column %s: ", p.Column)
	}
	b.WriteString(p.Message)
	if p.Value != "" && !strings.Contains(p.Message, p.Value) {
		fmt.Fprintf(&b, " (value %q)", p.Value)
	}
	return b.String()
}

// MaxProblems caps how many problems one ImportError collects, so that a
// file with a systematic defect yields a readable error.
const MaxProblems = 100

// ImportError lists every problem found in an import. An import that
// returns it has written nothing.
type ImportError struct {
	Problems  []Problem
	Truncated bool // more problems existed than MaxProblems
}

func (e *ImportError) Error() string {
	if len(e.Problems) == 0 {
		return "import rejected"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "import rejected, nothing was written: %s", e.Problems[0])
	if n := len(e.Problems) - 1; n > 0 || e.Truncated {
		more := fmt.Sprint(n)
		if e.Truncated {
			more = fmt.Sprintf("at least %d", n)
		}
		fmt.Fprintf(&b, " (and %s more problems)", more)
	}
	return b.String()
}

// Add appends p unless MaxProblems is reached, in which case it marks e
// as truncated.
func (e *ImportError) Add(p Problem) {
	if len(e.Problems) >= MaxProblems {
		e.Truncated = true
		return
	}
	e.Problems = append(e.Problems, p)
}

// ErrOrNil returns e when it holds problems and nil otherwise.
func (e *ImportError) ErrOrNil() error {
	if len(e.Problems) == 0 {
		return nil
	}
	return e
}
