package cli

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/provensql/provensql"
	"github.com/provensql/provensql/circuits"
	"github.com/provensql/provensql/contracts"
	"github.com/provensql/provensql/planner"
	"github.com/provensql/provensql/store"
)

// anvilDevKey is the first account anvil (and hardhat) fund on chain 31337.
const anvilDevKey = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"

type evmOptions struct {
	rpc, key, contractsDir string
}

// connect returns the chain the demo uses: a simulated one, or a node.
func connect(ctx context.Context, o evmOptions) (*contracts.Chain, func(), error) {
	if o.rpc == "" {
		return contracts.NewSimulatedChain()
	}
	client, err := ethclient.DialContext(ctx, o.rpc)
	if err != nil {
		return nil, nil, fmt.Errorf("connecting to %s: %w", o.rpc, err)
	}
	id, err := client.ChainID(ctx)
	if err != nil {
		client.Close()
		return nil, nil, fmt.Errorf("%s: chain id: %w", o.rpc, err)
	}
	hexKey := o.key
	if hexKey == "" {
		hexKey = os.Getenv("PROVENSQL_EVM_KEY")
	}
	if hexKey == "" && id.Int64() == 31337 {
		hexKey = anvilDevKey
		fmt.Println("using the well-known development key of chain 31337")
	}
	if hexKey == "" {
		client.Close()
		return nil, nil, usagef("give --key or PROVENSQL_EVM_KEY: a funded account on chain %s", id)
	}
	var key *ecdsa.PrivateKey
	if key, err = crypto.HexToECDSA(strings.TrimPrefix(hexKey, "0x")); err != nil {
		client.Close()
		return nil, nil, usagef("--key: %v", err)
	}
	return &contracts.Chain{Client: client, ChainID: id, Key: key}, client.Close, nil
}

// demoEVM takes the demo's proof on chain: deploy, post the commitment,
// register the shape's verifier, submit the proof (contracts.TakeOnChain).
func demoEVM(ctx context.Context, db *provensql.DB, res *provensql.Proven, m *store.Manifest, o evmOptions) error {
	chain, done, err := connect(ctx, o)
	if err != nil {
		return err
	}
	defer done()
	where := "in-process simulated chain"
	if o.rpc != "" {
		where = o.rpc
	}
	fmt.Printf("\non chain (%s, chain id %s, from %s):\n", where, chain.ChainID, chain.From())
	tc := m.Commitment()
	run, err := contracts.TakeOnChain(ctx, chain, db.Store().SRS().VerifyingKey(), &tc, res.Receipt, res.Plan, o.contractsDir)
	if run != nil {
		fmt.Printf("  Coprocessor deployed at %s (%d gas)\n", run.Coprocessor, run.DeployGas)
		fmt.Printf("  table commitment posted (%d gas)\n", run.PostGas)
		fmt.Printf("  query-shape verifier deployed at %s (%d gas)\n", run.Verifier, run.VerifierGas)
	}
	if err != nil {
		if run != nil {
			fmt.Printf("  verdict: REJECTED (%v)\n", err)
		}
		return err
	}
	result, err := contracts.ResultOf(res.Plan, run.Result)
	if err != nil {
		return err
	}
	fmt.Printf("  verdict: ACCEPTED — the contract delivered %v (receipt: %v)\n", result, res.Receipt.Rows[0])
	fmt.Printf("  gas: %d for verifyQuery (%d segment proof(s), %d public inputs each, %d bytes of calldata)\n",
		run.VerifyGas, len(res.Receipt.Segments), circuits.NumPublic(res.Plan, circuits.Size{Lookup: res.Receipt.JoinLookup}), run.CalldataBytes)
	return nil
}

func (a *app) cmdExportVerifier(_ context.Context, args []string) error {
	fs := flag.NewFlagSet("export-verifier", flag.ContinueOnError)
	dir := fs.String("db", "", "store directory (default: the demo store with erc20_transfers)")
	sqlText := fs.String("sql", "", "the query (constants and placeholders are parameters of the shape)")
	out := fs.String("out", "", "output directory (required)")
	if err := fs.Parse(args); err != nil {
		return usageError{err}
	}
	if *sqlText == "" || *out == "" {
		return usagef("--sql and --out are required")
	}
	if *dir == "" {
		cache, err := os.UserCacheDir()
		if err != nil {
			return err
		}
		*dir = demoDir(cache, 1<<12)
		if _, err := os.Stat(filepath.Join(*dir, "tables")); err != nil {
			return fmt.Errorf("no --db and no demo store at %s: run provensql demo first or give --db", *dir)
		}
	}
	db, err := a.openExisting(*dir, provensql.Options{Progress: progress(os.Stderr)})
	if err != nil {
		return err
	}
	plan, err := db.Shape(*sqlText)
	if err != nil {
		return err
	}
	circ, err := db.Prepare(plan)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	var src bytes.Buffer
	if err := contracts.ExportVerifier(circ.VK, &src); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(*out, "Verifier.sol"), src.Bytes(), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(*out, "vk_hash.txt"), []byte(circ.VKHash+"\n"), 0o644); err != nil {
		return err
	}
	lb, err := json.MarshalIndent(layoutOf(plan, circ.VKHash), "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(*out, "layout.json"), append(lb, '\n'), 0o644); err != nil {
		return err
	}
	fmt.Printf("wrote %s/Verifier.sol, vk_hash.txt (%s), layout.json\n", *out, circ.VKHash)
	return nil
}

// layout describes a shape for contract authors: its public inputs and its registration.
type layout struct {
	Shape        string   `json:"shape"`
	ShapeHash    string   `json:"shape_hash"`
	VKHash       string   `json:"vk_hash"`
	Table        string   `json:"table"`
	TableID      string   `json:"table_id"`
	Columns      []int    `json:"columns"`
	PartialKinds []int    `json:"partial_kinds"`
	Params       []string `json:"params"`
	PublicInputs []string `json:"public_inputs"`
	Result       []string `json:"result"`
	// registerShape's window arguments (contracts.ShapeArgs)
	WindowColumn int    `json:"window_column"`
	WindowInputs int    `json:"window_inputs"`
	WindowWidth  int    `json:"window_width"`
	WindowLo     string `json:"window_lo"`
}

func layoutOf(plan *planner.Plan, vkHash string) layout {
	a := contracts.ShapeArgsOf(plan)
	l := layout{Shape: plan.Shape, ShapeHash: plan.ShapeHash, VKHash: vkHash, Table: plan.Query.Table.Name,
		TableID: fmt.Sprintf("0x%x", a.TableID)}
	for _, c := range a.Columns {
		l.Columns = append(l.Columns, int(c))
	}
	for _, k := range a.PartialKinds {
		l.PartialKinds = append(l.PartialKinds, int(k))
	}
	l.PublicInputs = append(l.PublicInputs, "z")
	for _, c := range plan.Columns {
		l.PublicInputs = append(l.PublicInputs, "y["+plan.Query.Table.Columns[c].Name+"]")
	}
	l.PublicInputs = append(l.PublicInputs, "segment_rows")
	for i, p := range plan.Query.Params {
		name := fmt.Sprintf("param[%d] %s", i, p.Type)
		if p.Explicit {
			name = fmt.Sprintf("$%d %s", p.Placeholder, p.Type)
		}
		l.Params = append(l.Params, name)
		l.PublicInputs = append(l.PublicInputs, name)
	}
	kinds := []string{"count", "sum", "min", "max"}
	for _, p := range plan.Partials {
		name := kinds[p.Kind]
		if p.Agg >= 0 {
			name += " of " + plan.Query.Select[p.Agg].Name
		}
		l.PublicInputs = append(l.PublicInputs, "partial "+name)
		l.Result = append(l.Result, name)
	}
	if j := plan.Query.Join; j != nil {
		l.PublicInputs = append(l.PublicInputs, "segment_rows of "+j.Right.Name)
	}
	l.WindowColumn, l.WindowInputs, l.WindowWidth, l.WindowLo = int(a.WindowColumn), int(a.WindowInputs), int(a.WindowWidth), a.WindowLo.String()
	if w := plan.Window; plan.WindowOpened(false) {
		col := w.Column.Name
		var vals []string
		for _, b := range []struct {
			end   string
			bound bool
		}{{"i0", w.Lo != nil}, {"i1", w.Hi != nil}} {
			if b.bound {
				vals = append(vals, "window "+b.end, fmt.Sprintf("%s[%s−1]", col, b.end), fmt.Sprintf("%s[%s]", col, b.end))
			}
		}
		if a.WindowWidth > 0 {
			vals = []string{fmt.Sprintf("window packed (%s: ends 32 bits, values − %s in %d bits)", strings.Join(vals, ", "), a.WindowLo, a.WindowWidth)}
		}
		l.PublicInputs = append(l.PublicInputs, vals...)
	}
	return l
}

// cmdPostCommitment posts a table's current commitment to a Coprocessor
// from an authorised indexer key.
func (a *app) cmdPostCommitment(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("post-commitment", flag.ContinueOnError)
	dir := fs.String("db", "", "store directory (required)")
	table := fs.String("table", "", "table to post (required)")
	rpc := fs.String("rpc", "", "JSON-RPC URL of the node (required)")
	coproc := fs.String("coprocessor", "", "address of the Coprocessor (required)")
	key := fs.String("key", "", "hex private key of an authorised indexer (default $PROVENSQL_EVM_KEY; anvil's dev key on chain 31337)")
	if err := fs.Parse(args); err != nil {
		return usageError{err}
	}
	if *dir == "" || *table == "" || *rpc == "" || *coproc == "" {
		return usagef("--db, --table, --rpc and --coprocessor are required")
	}
	if !common.IsHexAddress(*coproc) {
		return usagef("--coprocessor: %q is not an address", *coproc)
	}
	db, err := a.openExisting(*dir, provensql.Options{})
	if err != nil {
		return err
	}
	m, err := db.Store().Manifest(*table)
	if err != nil {
		return err
	}
	chain, done, err := connect(ctx, evmOptions{rpc: *rpc, key: *key})
	if err != nil {
		return err
	}
	defer done()
	tc := m.Commitment()
	digest, err := tc.Digest()
	if err != nil {
		return err
	}
	rcpt, err := chain.PostCommitment(ctx, common.HexToAddress(*coproc), &tc)
	if err != nil {
		return fmt.Errorf("posting %s (%d rows, digest %s): %w", *table, m.Rows, digest, err)
	}
	fmt.Printf("posted %s: %d rows, digest %s, tx %s (%d gas)\n", *table, m.Rows, digest, rcpt.TxHash, rcpt.GasUsed)
	return nil
}
