package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
)

// version is the release version, set at build time with
// -ldflags "-X main.version=v1.2.3". Without it, buildVersion falls back to
// the module version that the go command recorded.
var version = ""

// buildVersion returns the version of this binary, or "dev" when it was
// built from a work tree without a version.
func buildVersion() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "dev"
}

func (c *cli) version(ctx context.Context, args []string) int {
	fs := newFlagSet("version", "kamgraph version", "Prints the version of kamgraph and of the Go toolchain that built it.")
	positional, err := c.parseArgs(fs, args)
	if err != nil {
		return c.fail("version", err)
	}
	if len(positional) > 0 {
		return c.fail("version", usagef("unexpected argument %q: version takes no arguments", positional[0]))
	}
	fmt.Fprintf(c.stdout, "kamgraph %s (%s, %s/%s)\n", buildVersion(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return exitOK
}
