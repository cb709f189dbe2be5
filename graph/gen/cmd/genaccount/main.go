// Command genaccount writes a generated account graph as an import folder.
//
// Usage:
//
//	go run ./graph/gen/cmd/genaccount -size M -out DIR [-seed N]
//	    [-people N] [-relationships N] [-single-points N] [-account ID]
//
// -size picks a preset (S, M or L, see gen.Preset), and the other flags
// override its fields. The folder holds accounts.csv, people.csv and
// relationships.csv, which `kamgraph report --data DIR` and the networkx
// scripts read. genaccount prints one summary line on standard output.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/kamgraph/kamgraph/graph/gen"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "genaccount:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("genaccount", flag.ContinueOnError)
	size := fs.String("size", "M", "preset `size`: S (200 people), M (2,000) or L (20,000)")
	out := fs.String("out", "", "`folder` to write the CSV files to (required)")
	seed := fs.Uint64("seed", gen.DefaultSeed, "`seed` of the generator")
	people := fs.Int("people", 0, "number of `people`, vendors included (default: the preset's)")
	relationships := fs.Int("relationships", 0, "number of `relationships` to aim for (default: the preset's)")
	singlePoints := fs.Int("single-points", -1, "`number` of single points of failure (default: the preset's)")
	account := fs.String("account", "", "account `id` (default: the preset's)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q: name the folder with -out", fs.Arg(0))
	}
	if *out == "" {
		return fmt.Errorf("missing -out: name the folder to write")
	}

	cfg, err := gen.Preset(*size)
	if err != nil {
		return err
	}
	cfg.Seed = *seed
	if *people > 0 {
		cfg.People = *people
	}
	if *relationships > 0 {
		cfg.Relationships = *relationships
	}
	if *singlePoints >= 0 {
		cfg.SinglePoints = *singlePoints
	}
	if *account != "" {
		cfg.AccountID = *account
	}

	ds, err := gen.Generate(cfg)
	if err != nil {
		return err
	}
	if err := gen.WriteDir(*out, ds); err != nil {
		return err
	}
	fmt.Printf("account %s: %d people, %d relationships, %d single points of failure, seed %d, written to %s\n",
		cfg.AccountID, len(ds.People), len(ds.Relationships), cfg.SinglePoints, cfg.Seed, *out)
	return nil
}
