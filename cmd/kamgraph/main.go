// Command kamgraph serves the kamgraph HTTP API, imports CSV folders, CRM
// exports and interaction logs, and prints account resilience reports.
//
// Usage:
//
//	kamgraph serve   [flags]          run the HTTP API
//	kamgraph import  [flags] DIR      import a CSV folder, CRM export or interaction log into Neo4j
//	kamgraph report  [flags]          print one account's resilience report
//	kamgraph suggest [flags]          suggest next connections with warm introductions
//	kamgraph whatif  [flags]          simulate people leaving an account or the portfolio
//	kamgraph handover [flags]         write the handover brief of a vendor person
//	kamgraph depart  [flags]          mark a person departed in Neo4j
//	kamgraph notes   SUBCOMMAND       add, edit, list, show, delete and search notes in Neo4j
//	kamgraph portfolio [flags]        print the risk of every account, exposure or consistency
//	kamgraph alerts  [flags]          print the portfolio's alerts, optionally to a webhook
//	kamgraph keys    SUBCOMMAND       create, list and revoke API keys in Neo4j
//	kamgraph version                  print the version
//	kamgraph help    [COMMAND]        print help
//
// Run "kamgraph COMMAND -h" for the flags of a command. Exit status is 0 on
// success, 1 on failure and 2 on a usage error.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

// Exit statuses.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run executes the command line args (without the program name) and
// returns the exit status. It reads the environment for flag fallbacks.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c := &cli{stdin: stdin, stdout: stdout, stderr: stderr, lookupEnv: os.LookupEnv}
	return c.run(context.Background(), args)
}

// cli carries the standard streams and the environment of one run, so
// that tests can run commands in-process.
type cli struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	lookupEnv      func(string) (string, bool)
}

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(c *cli, ctx context.Context, args []string) int
}

// commands lists the subcommands in the order help shows them.
var commands = []command{
	{"serve", "run the HTTP API", (*cli).serve},
	{"import", "import a CSV folder, CRM export or interaction log into Neo4j", (*cli).importFolder},
	{"report", "print one account's resilience report", (*cli).report},
	{"suggest", "suggest next connections with warm introductions", (*cli).suggest},
	{"whatif", "simulate people leaving an account or the portfolio", (*cli).whatif},
	{"handover", "write the handover brief of a vendor person", (*cli).handover},
	{"depart", "mark a person departed in Neo4j", (*cli).depart},
	{"notes", "add, edit, list, show, delete and search notes in Neo4j", (*cli).notes},
	{"portfolio", "print the risk of every account, exposure or consistency", (*cli).portfolio},
	{"alerts", "print the portfolio's alerts, optionally to a webhook", (*cli).alerts},
	{"keys", "create, list and revoke API keys in Neo4j", (*cli).keys},
	{"version", "print the version", (*cli).version},
}

func (c *cli) run(ctx context.Context, args []string) int {
	if len(args) == 0 {
		c.printUsage(c.stderr)
		return exitUsage
	}
	name, rest := args[0], args[1:]
	switch name {
	case "help", "-h", "-help", "--help":
		return c.help(ctx, rest)
	}
	for _, cmd := range commands {
		if cmd.name == name {
			return cmd.run(c, ctx, rest)
		}
	}
	fmt.Fprintf(c.stderr, "kamgraph: unknown command %q\nRun 'kamgraph help' for the list of commands.\n", name)
	return exitUsage
}

// help prints the overview, or the usage of one command.
func (c *cli) help(ctx context.Context, args []string) int {
	switch len(args) {
	case 0:
		c.printUsage(c.stdout)
		return exitOK
	case 1:
		for _, cmd := range commands {
			if cmd.name == args[0] {
				return cmd.run(c, ctx, []string{"-h"})
			}
		}
		fmt.Fprintf(c.stderr, "kamgraph help: unknown command %q\nRun 'kamgraph help' for the list of commands.\n", args[0])
		return exitUsage
	}
	fmt.Fprintln(c.stderr, "kamgraph help: too many arguments: give at most one command")
	return exitUsage
}

func (c *cli) printUsage(w io.Writer) {
	fmt.Fprint(w, `kamgraph measures how resilient the relationships between our company and
each customer account are: who the single points of failure are, and how
many independent threads reach each decision maker.

Usage: kamgraph COMMAND [flags] [arguments]

Commands:
`)
	for _, cmd := range commands {
		fmt.Fprintf(w, "  %-8s %s\n", cmd.name, cmd.summary)
	}
	fmt.Fprint(w, `  help     print this help, or a command's help with "kamgraph help COMMAND"

Run "kamgraph COMMAND -h" for the flags of a command.
Exit status: 0 on success, 1 on failure, 2 on a usage error.
`)
}

// fail prints "kamgraph CMD: err" and returns the exit status for err:
// exitUsage for a usage error, exitOK for a help request, exitFailure
// otherwise.
func (c *cli) fail(cmd string, err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	var usage *usageError
	if errors.As(err, &usage) {
		fmt.Fprintf(c.stderr, "kamgraph %s: %v\nRun 'kamgraph %s -h' for usage.\n", cmd, err, cmd)
		return exitUsage
	}
	fmt.Fprintf(c.stderr, "kamgraph %s: %v\n", cmd, err)
	return exitFailure
}
