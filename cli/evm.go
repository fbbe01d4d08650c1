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
	"github.com/provensql/provensql/internal/twochain"
	"github.com/provensql/provensql/planner"
	"github.com/provensql/provensql/prover"
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
	oneCheck := fs.Bool("one-check", false, "export the shape's one-check verifier over the table's current segments instead (its key from the key cache: prove it with query --one-check first)")
	slots := fs.Int("slots", 0, "with --one-check: "+slotsUsage)
	if err := fs.Parse(args); err != nil {
		return usageError{err}
	}
	if *sqlText == "" || *out == "" {
		return usagef("--sql and --out are required")
	}
	if err := checkSlots("--slots", *slots); err != nil {
		return err
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
	db, err := a.openExisting(*dir, provensql.Options{Progress: progress(os.Stderr), OneCheckSlots: *slots})
	if err != nil {
		return err
	}
	plan, err := db.Shape(*sqlText)
	if err != nil {
		return err
	}
	if *oneCheck {
		return exportOneCheckVerifier(db, plan, *out)
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

// oneCheckLayout is a one-check shape's registration on the one-check
// entry (OneCheckCoprocessor.registerShape), its proof's outputs and its
// one public input, their digest.
type oneCheckLayout struct {
	ShapeHash    string `json:"shape_hash"`
	Table        string `json:"table"`
	TableID      string `json:"table_id"`
	PartialKinds []int  `json:"partial_kinds"`
	Params       int    `json:"params"`
	// Slots is registerShape's: the most segments the verifier takes
	// (prover.OneCheckSlots of the table's Segments and --slots when it
	// was exported).
	Slots    int      `json:"slots"`
	Segments int      `json:"segments"`
	Outputs  []string `json:"outputs"`
	// PublicInput says what the verifier's one public input is.
	PublicInput string `json:"public_input"`
}

// oneCheckLayoutOf is the registration of plan's one-check shape over
// segments segments (its aggregator of at least minSlots slots), its
// wrapper key vk, and its proof's outputs as the wrapper exposes them
// (twochain.QueryOutputWidths): the COUNT and SUM partials split at bit
// 192, then the MIN and MAX partials and the parameters whole, then the
// table digest split; the verifier's public input is their digest.
func oneCheckLayoutOf(plan *planner.Plan, vk []byte, segments, minSlots int) oneCheckLayout {
	a := contracts.ShapeArgsOf(plan)
	h := contracts.OneCheckShapeHash(vk)
	l := oneCheckLayout{ShapeHash: fmt.Sprintf("0x%x", h), Table: plan.Query.Table.Name, TableID: fmt.Sprintf("0x%x", a.TableID),
		Params: contracts.OneCheckParams(plan), Slots: prover.OneCheckSlots(segments, minSlots), Segments: segments,
		PublicInput: "SHA-256 of the outputs as 32-byte big-endian words, mod BN254's r (twochain.OutputDigest; verifyQuery computes it)"}
	kinds := contracts.OneCheckKindsOf(plan)
	var sums, extremes []string
	for k, kind := range kinds {
		l.PartialKinds = append(l.PartialKinds, int(kind))
		switch kind {
		case contracts.OneCheckCount:
			sums = append(sums, "count")
		case contracts.OneCheckSum:
			sums = append(sums, "sum")
		case contracts.OneCheckMin:
			extremes = append(extremes, "min")
		case contracts.OneCheckMax:
			extremes = append(extremes, "max")
		case contracts.OneCheckUint256Low:
			extremes = append(extremes, map[bool]string{false: "min", true: "max"}[plan.Partials[k].Kind == planner.PartialMax]+" (UINT256)")
		}
	}
	names := append(sums, extremes...)
	for i := range l.Params {
		names = append(names, fmt.Sprintf("param[%d]", i))
	}
	names = append(names, "table digest")
	widths := contracts.OneCheckOutputWidths(kinds, l.Params)
	for i, w := range widths {
		if w == twochain.Wide {
			l.Outputs = append(l.Outputs, names[i]+" (low 192 bits)", names[i]+" (high bits)")
		} else {
			l.Outputs = append(l.Outputs, names[i])
		}
	}
	return l
}

// exportOneCheckVerifier writes the Solidity verifier of plan's one-check
// wrapper key, as the store's key cache holds it (nothing is set up), and
// its registration.
func exportOneCheckVerifier(db *provensql.DB, plan *planner.Plan, out string) error {
	vkBytes, err := db.OneCheckVerifyingKey(plan)
	if err != nil {
		return err
	}
	var src bytes.Buffer
	if err := contracts.ExportOneCheckVerifier(vkBytes, &src); err != nil {
		return err
	}
	m, err := db.Store().Manifest(plan.Query.Table.Name)
	if err != nil {
		return err
	}
	l := oneCheckLayoutOf(plan, vkBytes, len(m.Segments), db.OneCheckSlots())
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, "OneCheckVerifier.sol"), src.Bytes(), 0o644); err != nil {
		return err
	}
	lb, err := json.MarshalIndent(l, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, "one_check_layout.json"), append(lb, '\n'), 0o644); err != nil {
		return err
	}
	fmt.Printf("wrote %s/OneCheckVerifier.sol and one_check_layout.json (shape %s, %d segments: register it for %d slots)\n", out, l.ShapeHash, l.Segments, l.Slots)
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
	WindowBounds uint32 `json:"window_bounds"`
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
	l.WindowBounds = a.WindowBounds
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
	oneCheck := fs.String("one-check", "", "address of a one-check entry (OneCheckCoprocessor) to post the table's BLS12-377 digest to as well")
	if err := fs.Parse(args); err != nil {
		return usageError{err}
	}
	if *dir == "" || *table == "" || *rpc == "" || *coproc == "" {
		return usagef("--db, --table, --rpc and --coprocessor are required")
	}
	if !common.IsHexAddress(*coproc) {
		return usagef("--coprocessor: %q is not an address", *coproc)
	}
	if *oneCheck != "" && !common.IsHexAddress(*oneCheck) {
		return usagef("--one-check: %q is not an address", *oneCheck)
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
	// the segments added since the table's last post, a few a transaction
	gas, err := chain.PostGrowing(ctx, common.HexToAddress(*coproc), &tc, contracts.MaxPostBytes)
	if err != nil {
		return fmt.Errorf("posting %s (%d rows, digest %s): %w", *table, m.Rows, digest, err)
	}
	fmt.Printf("posted %s: %d rows, digest %s (%d gas)\n", *table, m.Rows, digest, gas)
	if *oneCheck == "" {
		return nil
	}
	posted, err := db.TwoChainTable(*table)
	if err != nil {
		return err
	}
	d377, _, err := posted.Digest()
	if err != nil {
		return err
	}
	rcpt, err := chain.PostTableDigest(ctx, common.HexToAddress(*oneCheck), digest, d377)
	if err != nil {
		return fmt.Errorf("posting %s's BLS12-377 digest for %s: %w", *table, digest, err)
	}
	fmt.Printf("posted %s's BLS12-377 digest %#x to the one-check entry, tx %s (%d gas)\n", *table, d377, rcpt.TxHash, rcpt.GasUsed)
	return nil
}
