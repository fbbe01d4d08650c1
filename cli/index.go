package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/provensql/provensql"
	"github.com/provensql/provensql/devchain"
	"github.com/provensql/provensql/indexer"
	"github.com/provensql/provensql/store"
)

// cmdIndex pulls ERC-20 transfers or block headers from a node into the store.
func (a *app) cmdIndex(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("index", flag.ContinueOnError)
	rpc := fs.String("rpc", "", "JSON-RPC URL of an Ethereum node (required)")
	dir := fs.String("db", "", "store directory (created if needed; required)")
	from := fs.Uint64("from", 0, "first block when the table has no cursor yet")
	to := fs.Int64("to", -1, "last block to index (default: the confirmed head)")
	follow := fs.Bool("follow", false, "keep indexing new blocks until interrupted")
	poll := fs.Duration("poll", 2*time.Second, "with --follow: how often to look for new blocks")
	conf := fs.Uint64("confirmations", 12, "only index blocks this deep below the head")
	batch := fs.Uint64("batch", 500, "blocks per eth_getLogs request")
	conc := fs.Int("concurrency", 4, "requests in flight")
	segRows := fs.Int("segment-rows", 1<<store.DefaultLogCapacity, "segment capacity of a new table (a power of two)")
	table := fs.String("table", "erc20_transfers", "table to fill: erc20_transfers, blocks, transactions or logs")
	heal := fs.Bool("heal", true, "take back reorganised blocks (to the newest checkpoint the chain still has) and index the new chain")
	if err := fs.Parse(args); err != nil {
		return usageError{err}
	}
	sources := map[string]indexer.Source{"erc20_transfers": indexer.Transfers{}, "blocks": indexer.Blocks{}, "transactions": indexer.Transactions{}, "logs": indexer.Logs{}}
	source, ok := sources[*table]
	if !ok {
		return usagef("--table %q: want erc20_transfers, blocks, transactions or logs", *table)
	}
	if *rpc == "" || *dir == "" {
		return usagef("--rpc and --db are required")
	}
	if *follow && *to >= 0 {
		return usagef("--to and --follow exclude each other")
	}
	logCap, err := store.LogCapacityFor(*segRows)
	if err != nil {
		return usagef("--segment-rows: %v", err)
	}
	client, err := ethclient.DialContext(ctx, *rpc)
	if err != nil {
		return fmt.Errorf("connecting to %s: %w", *rpc, err)
	}
	defer client.Close()
	st, err := a.openStore(*dir, store.Options{SRSSize: max(*segRows, store.DefaultSRSSize)})
	if err != nil {
		return err
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))
	cfg := indexer.Config{From: *from, Confirmations: *conf, BatchBlocks: *batch, Concurrency: *conc, LogCapacity: logCap, Source: source, Heal: *heal,
		Progress: func(p indexer.Progress) {
			logger.Info("indexed", "block", p.Block, "target", p.Target, "rows", p.Rows, "blocks_per_s", fmt.Sprintf("%.0f", p.BlocksPerSec))
		}}
	if *to >= 0 {
		t := uint64(*to)
		cfg.To = &t
	}
	for {
		res, err := indexer.Run(ctx, client, st, cfg)
		if errors.Is(err, context.Canceled) {
			fmt.Println("interrupted; the next run resumes from the stored cursor")
			return nil
		}
		if err != nil {
			return err
		}
		if res.HealedRows > 0 {
			fmt.Printf("reorganisation healed: %d rows of %s taken back, re-indexing from block %d (a commitment already posted on chain for the old blocks is not replaced)\n", res.HealedRows, *table, res.FromBlock)
		}
		if res.ToBlock >= res.FromBlock {
			fmt.Printf("indexed blocks %d–%d: %d new rows, %d in %s\n", res.FromBlock, res.ToBlock, res.Rows, res.TotalRows, *table)
		}
		if !*follow {
			if res.ToBlock < res.FromBlock {
				fmt.Printf("nothing new below the confirmed head (%d rows in %s)\n", res.TotalRows, *table)
			}
			return nil
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(*poll):
		}
	}
}

// cmdDevchain serves the embedded development chain until interrupted.
func (a *app) cmdDevchain(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("devchain", flag.ContinueOnError)
	listen := fs.String("listen", "127.0.0.1:8545", "host:port for JSON-RPC over HTTP")
	blocks := fs.Int("blocks", 60, "blocks of transfers to mine at start")
	per := fs.Int("transfers-per-block", 5, "average transfers per block")
	every := fs.Duration("mine-every", 0, "keep mining a block of transfers this often (0: never)")
	if err := fs.Parse(args); err != nil {
		return usageError{err}
	}
	c, err := devchain.Start(devchain.Config{Listen: *listen, Blocks: *blocks, TransfersPerBlock: *per, Seed: 1})
	if err != nil {
		return err
	}
	defer c.Close()
	head, _ := c.Client().BlockNumber(ctx)
	fmt.Printf("devchain: JSON-RPC at %s (chain id %s), ERC-20 at %s, %d blocks mined\n", c.URL, c.ChainID, c.Token, head)
	fmt.Printf("try: provensql index --rpc %s --db DIR --confirmations 0\n", c.URL)
	var tick <-chan time.Time
	if *every > 0 {
		t := time.NewTicker(*every)
		defer t.Stop()
		tick = t.C
	}
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-tick:
			if err := c.Mine(1, *per); err != nil {
				return err
			}
		}
	}
}

// cmdExport writes a table to Parquet, so users can check it with their own tools.
func (a *app) cmdExport(_ context.Context, args []string) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	dir := fs.String("db", "", "store directory (required)")
	table := fs.String("table", "", "table to export (required; or --all)")
	all := fs.Bool("all", false, "export every table to OUT/NAME.parquet")
	out := fs.String("parquet", "", "Parquet file (or directory with --all) to write (required)")
	if err := fs.Parse(args); err != nil {
		return usageError{err}
	}
	if *dir == "" || *out == "" || (*table == "") == !*all {
		return usagef("want --db DIR --parquet OUT and one of --table NAME, --all")
	}
	db, err := a.openExisting(*dir, provensql.Options{})
	if err != nil {
		return err
	}
	names := []string{*table}
	if *all {
		if names, err = db.Store().Tables(); err != nil {
			return err
		}
		if err := os.MkdirAll(*out, 0o755); err != nil {
			return err
		}
	}
	for _, name := range names {
		path := *out
		if *all {
			path = filepath.Join(*out, name+".parquet")
		}
		n, err := db.Store().ExportParquet(name, path)
		if err != nil {
			return err
		}
		fmt.Printf("%s: %d rows → %s\n", name, n, path)
	}
	return nil
}
