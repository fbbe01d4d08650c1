package cli

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/provensql/provensql"
)

// cmdKeys handles ceremony keys: export a query shape's circuit, import the keys.
//
//	provensql keys circuit --db DIR --out FILE "SQL"
//	provensql keys import  --db DIR --pk FILE --vk FILE "SQL"
func (a *app) cmdKeys(_ context.Context, args []string) error {
	if len(args) < 1 || (args[0] != "circuit" && args[0] != "import") {
		return usagef("want keys circuit|import ...")
	}
	fs := flag.NewFlagSet("keys "+args[0], flag.ContinueOnError)
	dir := fs.String("db", "", "store directory (required)")
	out := fs.String("out", "", "circuit file to write (keys circuit)")
	pkPath := fs.String("pk", "", "proving key from the ceremony (keys import)")
	vkPath := fs.String("vk", "", "verifying key from the ceremony (keys import)")
	pos, err := parseInterleaved(fs, args[1:])
	if err != nil {
		return err
	}
	if *dir == "" || len(pos) != 1 {
		return usagef("want --db DIR and one SQL query")
	}
	db, err := a.openExisting(*dir, provensql.Options{})
	if err != nil {
		return err
	}
	if args[0] == "circuit" {
		if *out == "" {
			return usagef("--out is required")
		}
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		if err := db.ExportCircuit(pos[0], f); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
		fmt.Printf("circuit written to %s\n", *out)
		return nil
	}
	if *pkPath == "" || *vkPath == "" {
		return usagef("--pk and --vk are required")
	}
	pk, err := os.Open(*pkPath)
	if err != nil {
		return err
	}
	defer pk.Close()
	vk, err := os.Open(*vkPath)
	if err != nil {
		return err
	}
	defer vk.Close()
	h, err := db.ImportKeys(pos[0], pk, vk)
	if err != nil {
		return err
	}
	fmt.Printf("keys imported; vk hash %s\n", h)
	return nil
}
