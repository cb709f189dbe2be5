package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
)

// usageError is a problem with the command line or its environment
// fallbacks. Commands exit with exitUsage on it.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// newFlagSet returns a FlagSet for a command whose usage text starts with
// synopsis and description. The FlagSet prints nothing itself: parseArgs
// reports its errors.
func newFlagSet(name, synopsis, description string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintf(w, "Usage: %s\n\n%s\n", synopsis, description)
		if hasFlags(fs) {
			fmt.Fprintln(w, "\nFlags:")
			fs.PrintDefaults()
		}
	}
	return fs
}

func hasFlags(fs *flag.FlagSet) bool {
	found := false
	fs.VisitAll(func(*flag.Flag) { found = true })
	return found
}

// parseArgs parses args with fs and returns the positional arguments.
// Flags may follow positional arguments, as in "import DIR --dry-run",
// and "--" ends the flags. On -h or --help it prints the usage to stdout
// and returns flag.ErrHelp.
func (c *cli) parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	explainDurations(fs)
	var positional []string
	for {
		err := fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(c.stdout)
			fs.Usage()
			return nil, flag.ErrHelp
		}
		if err != nil {
			return nil, &usageError{msg: err.Error()}
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			return append(positional, rest...), nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// envFallbacks maps flag names to the environment variables that set them
// when the command line does not.
type envFallbacks map[string]string

// annotate appends " (env NAME)" to the usage of each flag of fs that has
// an environment fallback, so that the help text names the variable.
func (env envFallbacks) annotate(fs *flag.FlagSet) {
	for name, variable := range env {
		if f := fs.Lookup(name); f != nil {
			f.Usage += " (env " + variable + ")"
		}
	}
}

// apply sets every flag of fs that the command line left unset from its
// non-empty environment variable, which the flag's own parser validates.
func (env envFallbacks) apply(fs *flag.FlagSet, lookup func(string) (string, bool)) error {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	for _, name := range slices.Sorted(maps.Keys(env)) {
		variable := env[name]
		value, ok := lookup(variable)
		if !ok || value == "" || set[name] {
			continue
		}
		if err := fs.Set(name, value); err != nil {
			return usagef("invalid %s %q for --%s: %v", variable, value, name, err)
		}
	}
	return nil
}

var (
	_ flag.Value  = (*choiceValue)(nil)
	_ flag.Value  = (*byteSize)(nil)
	_ flag.Getter = durationValue{}
)

// durationValue wraps the value of a flag that flag.DurationVar defined,
// and replaces the bare "parse error" of the flag package with an example
// of a valid duration.
type durationValue struct{ flag.Value }

// String returns the duration, or "0s" for the zero durationValue that
// flag.PrintDefaults builds to tell whether a default is zero.
func (d durationValue) String() string {
	if d.Value == nil {
		return time.Duration(0).String()
	}
	return d.Value.String()
}

// Get returns the wrapped time.Duration, as the flag package's own value
// does.
func (d durationValue) Get() any {
	if getter, ok := d.Value.(flag.Getter); ok {
		return getter.Get()
	}
	return time.Duration(0)
}

func (d durationValue) Set(s string) error {
	if err := d.Value.Set(s); err != nil {
		return errors.New("use a number with a unit (ns, us, ms, s, m or h), such as 30s, 5m or 1h30m")
	}
	return nil
}

// explainDurations wraps every duration flag of fs in a durationValue, so
// that the command line and the environment fallbacks, which both set a
// flag through its Value, explain an invalid duration the same way.
func explainDurations(fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		if _, wrapped := f.Value.(durationValue); wrapped {
			return
		}
		if getter, ok := f.Value.(flag.Getter); ok {
			if _, ok := getter.Get().(time.Duration); ok {
				f.Value = durationValue{f.Value}
			}
		}
	})
}

// choiceValue is a string flag restricted to a fixed set of values.
type choiceValue struct {
	value   string
	choices []string
}

func newChoice(def string, choices ...string) *choiceValue {
	return &choiceValue{value: def, choices: choices}
}

func (v *choiceValue) String() string { return v.value }

func (v *choiceValue) Set(s string) error {
	for _, c := range v.choices {
		if s == c {
			v.value = s
			return nil
		}
	}
	return fmt.Errorf("use one of %s", strings.Join(v.choices, ", "))
}

// byteSize is a size flag in bytes that accepts the suffixes KiB, MiB and
// GiB, such as 64MiB.
type byteSize int64

var byteUnits = []struct {
	suffix string
	size   int64
}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"B", 1}}

func (b *byteSize) String() string {
	n := int64(*b)
	for _, u := range byteUnits {
		if n >= u.size && n%u.size == 0 {
			return fmt.Sprintf("%d%s", n/u.size, u.suffix)
		}
	}
	return strconv.FormatInt(n, 10)
}

func (b *byteSize) Set(s string) error {
	number, multiplier := strings.TrimSpace(s), int64(1)
	for _, u := range byteUnits {
		if strings.HasSuffix(number, u.suffix) {
			number, multiplier = strings.TrimSpace(strings.TrimSuffix(number, u.suffix)), u.size
			break
		}
	}
	n, err := strconv.ParseInt(number, 10, 64)
	if err != nil || n <= 0 || n > (1<<62)/multiplier {
		return errors.New("use a positive whole number of bytes, optionally with KiB, MiB or GiB, such as 64MiB")
	}
	*b = byteSize(n * multiplier)
	return nil
}

// logLevels maps the --log-level choices to slog levels.
var logLevels = map[string]slog.Level{
	"debug": slog.LevelDebug,
	"info":  slog.LevelInfo,
	"warn":  slog.LevelWarn,
	"error": slog.LevelError,
}

// newLogger returns a logger that writes to w in format "text" or "json"
// at level and above.
func newLogger(w io.Writer, format, level string) *slog.Logger {
	opts := &slog.HandlerOptions{Level: logLevels[level]}
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
