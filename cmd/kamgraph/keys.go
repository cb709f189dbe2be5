package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"text/tabwriter"
	"time"

	"github.com/kamgraph/kamgraph/graph"
)

// keyStores is the store interface of kamgraph keys: the keys, and the
// people that account_manager keys are bound to.
type keyStores interface {
	graph.KeyStore
	graph.PeopleStore
}

// openKeyStore opens the Neo4j store that the keys subcommands use and
// returns it with the function that closes it. Tests replace it.
var openKeyStore = func(ctx context.Context, n neo4jFlags, logger *slog.Logger) (keyStores, func(), error) {
	return openStoreAs[keyStores](ctx, n, logger, "API keys")
}

// keyNow is the clock of key creation. Tests replace it.
var keyNow = time.Now

func (c *cli) keys(ctx context.Context, args []string) int {
	if len(args) == 0 {
		c.printKeysUsage(c.stderr)
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		c.printKeysUsage(c.stdout)
		return exitOK
	case "create":
		return c.keysCreate(ctx, args[1:])
	case "list":
		return c.keysList(ctx, args[1:])
	case "revoke":
		return c.keysRevoke(ctx, args[1:])
	}
	fmt.Fprintf(c.stderr, "kamgraph keys: unknown subcommand %q\nRun 'kamgraph keys -h' for the list of subcommands.\n", args[0])
	return exitUsage
}

func (c *cli) printKeysUsage(w io.Writer) {
	fmt.Fprint(w, `Usage: kamgraph keys SUBCOMMAND [flags] [arguments]

Manages the API keys that kamgraph serve --auth accepts as bearer tokens.
Neo4j keeps only a salted SHA-256 hash of each key's secret. Every
subcommand needs a Neo4j URI (--neo4j-uri or NEO4J_URI).

Subcommands:
  create  create a key and print its token, which is shown only once
  list    list the keys without their secrets
  revoke  delete a key, so that its token stops working

Run "kamgraph keys SUBCOMMAND -h" for the flags of a subcommand.
`)
}

// keyFlags are the flags of every keys subcommand.
type keyFlags = neo4jCommandFlags

func newKeyFlags(fs *flag.FlagSet) *keyFlags {
	return newNeo4jCommandFlags(fs, "missing Neo4j URI: API keys are kept in Neo4j, so set --neo4j-uri or NEO4J_URI")
}

// runKeys opens the key store, calls fn with it and reports the error of
// either as the failure of the subcommand name.
func (c *cli) runKeys(ctx context.Context, name string, f *keyFlags, fn func(context.Context, keyStores) error) int {
	return runWithStore(ctx, c, name, f, openKeyStore, fn)
}

func (c *cli) keysCreate(ctx context.Context, args []string) int {
	const name = "keys create"
	fs := newFlagSet(name, "kamgraph keys create --name NAME --role ROLE [--person ID] [--expires-in DURATION] [flags]",
		`Creates an API key and prints its token once: store it in a secret
manager, because only a salted hash of it is kept. Roles: admin (every
route, API keys included), analyst (reads everything, runs imports),
leader (reads everything, writes nothing) and account_manager (only the
accounts that the vendor person of --person owns or has relationships
in).`)
	f := newKeyFlags(fs)
	keyName := fs.String("name", "", "`name` that says who or what uses the key (required)")
	role := newChoice("", "admin", "analyst", "leader", "account_manager")
	fs.Var(role, "role", "`role` of the key: admin, analyst, leader or account_manager (required)")
	person := fs.String("person", "", "vendor person `id` of an account_manager key")
	expiresIn := fs.Duration("expires-in", 0, "`duration` until the key expires, such as 2160h for 90 days; 0 means never")

	positional, err := f.parse(c, fs, args)
	if err == nil {
		err = checkFlagsOnly(positional, *keyName != "" && role.value != "", "give --name and --role")
	}
	if err == nil && *expiresIn < 0 {
		err = usagef("invalid --expires-in %s: use a positive duration, or 0 for a key that never expires", *expiresIn)
	}
	if err != nil {
		return c.fail(name, err)
	}
	return c.runKeys(ctx, name, f, func(ctx context.Context, store keyStores) error {
		now := keyNow()
		n := graph.NewAPIKey{Name: *keyName, Role: graph.KeyRole(role.value), PersonID: *person}
		if *expiresIn > 0 {
			n.ExpiresAt = now.Add(*expiresIn)
		}
		key, token, err := graph.GenerateAPIKey(n, now)
		if err != nil {
			return err
		}
		if err := checkVendorPerson(ctx, store, key); err != nil {
			return err
		}
		if err := store.CreateKey(ctx, key); err != nil {
			return err
		}
		return writeCreatedKey(c.stdout, f.format.value, key, token)
	})
}

// checkVendorPerson rejects an account_manager key whose person is not a
// stored vendor person.
func checkVendorPerson(ctx context.Context, people graph.PeopleStore, key graph.APIKey) error {
	if key.Role != graph.KeyRoleAccountManager {
		return nil
	}
	p, err := people.Person(ctx, key.PersonID)
	if err != nil {
		return err
	}
	if p.Side != graph.SideVendor {
		return fmt.Errorf("person %q is a customer: an account_manager key needs a vendor person", key.PersonID)
	}
	return nil
}

func (c *cli) keysList(ctx context.Context, args []string) int {
	const name = "keys list"
	fs := newFlagSet(name, "kamgraph keys list [flags]", "Lists the API keys, sorted by id, without their secrets.")
	f := newKeyFlags(fs)
	positional, err := f.parse(c, fs, args)
	if err == nil {
		err = checkFlagsOnly(positional, true, "")
	}
	if err != nil {
		return c.fail(name, err)
	}
	return c.runKeys(ctx, name, f, func(ctx context.Context, store keyStores) error {
		keys, err := store.Keys(ctx)
		if err != nil {
			return err
		}
		return writeKeys(c.stdout, f.format.value, keys)
	})
}

func (c *cli) keysRevoke(ctx context.Context, args []string) int {
	const name = "keys revoke"
	fs := newFlagSet(name, "kamgraph keys revoke [flags] KEY_ID",
		"Deletes the API key KEY_ID, the 16 hex digits after kg_ in its token. Its token stops working at once.")
	f := newKeyFlags(fs)
	positional, err := f.parse(c, fs, args)
	if err == nil && len(positional) != 1 {
		err = usagef("give exactly one key id, as 'kamgraph keys list' prints it")
	}
	if err != nil {
		return c.fail(name, err)
	}
	return c.runKeys(ctx, name, f, func(ctx context.Context, store keyStores) error {
		if err := store.DeleteKey(ctx, positional[0]); err != nil {
			return err
		}
		fmt.Fprintf(c.stdout, "revoked API key %s\n", positional[0])
		return nil
	})
}

func writeCreatedKey(w io.Writer, format string, key graph.APIKey, token string) error {
	if format == "json" {
		return writeIndentedJSON(w, map[string]any{"key": key, "token": token})
	}
	fmt.Fprintf(w, "created API key %s (%s, role %s)\n", key.ID, key.Name, key.Role)
	if !key.ExpiresAt.IsZero() {
		fmt.Fprintf(w, "expires %s\n", key.ExpiresAt.Format(time.RFC3339))
	}
	fmt.Fprintf(w, "token, shown only this once:\n%s\n", token)
	return nil
}

func writeKeys(w io.Writer, format string, keys []graph.APIKey) error {
	if format == "json" {
		if keys == nil {
			keys = []graph.APIKey{}
		}
		return writeIndentedJSON(w, map[string]any{"keys": keys})
	}
	if len(keys) == 0 {
		fmt.Fprintln(w, "no API keys")
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "KEY ID\tROLE\tPERSON\tNAME\tCREATED\tEXPIRES\tLAST USED")
	for _, k := range keys {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", k.ID, k.Role, keyDash(k.PersonID), k.Name,
			formatInstant(k.CreatedAt), formatInstant(k.ExpiresAt), formatInstant(k.LastUsedAt))
	}
	return tw.Flush()
}

func keyDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// formatInstant returns t in RFC 3339, or "-" for the zero time.
func formatInstant(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format(time.RFC3339)
}
