// Package contracts holds ProvenSQL's Solidity contracts (src/), their compiled
// artifacts (artifacts/, from the pinned solc-js), Go bindings generated with
// abigen v2, and the Go side of putting proofs on chain: exporting a query
// shape's gnark verifier, deploying, posting table commitments, registering
// shapes and submitting receipts to the Coprocessor.
//
// Regenerate artifacts and bindings after changing a contract:
//
//	npm ci --prefix contracts && go generate ./contracts
//
// A test fails when the committed artifacts or bindings differ from what the
// sources compile to.
package contracts

//go:generate go run ./internal/poseidon2sol/gen
//go:generate node compile.js
//go:generate go tool abigen --v2 --abi artifacts/Coprocessor.abi --bin artifacts/Coprocessor.bin --pkg contracts --type Coprocessor --out coprocessor_binding.go
//go:generate go tool abigen --v2 --abi artifacts/ProvenAirdrop.abi --bin artifacts/ProvenAirdrop.bin --pkg contracts --type ProvenAirdrop --out airdrop_binding.go
//go:generate go tool abigen --v2 --abi artifacts/OneCheckCoprocessor.abi --bin artifacts/OneCheckCoprocessor.bin --pkg contracts --type OneCheckCoprocessor --out onecheck_binding.go
//go:generate go tool abigen --v2 --abi artifacts/TestToken.abi --bin artifacts/TestToken.bin --pkg contracts --type TestToken --out token_binding.go

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bn254/fp"
	"github.com/consensys/gnark-crypto/ecc/bn254/kzg"
	"github.com/consensys/gnark/backend/groth16"
	groth16bn254 "github.com/consensys/gnark/backend/groth16/bn254"
	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/provensql/provensql/commitment"
	"github.com/provensql/provensql/planner"
	"github.com/provensql/provensql/receipt"
	"github.com/provensql/provensql/schema"
)

// SolidityPragma is the compiler version every contract, exported verifiers included, pins.
const SolidityPragma = "0.8.30"

// Client is what the on-chain helpers need of a node: go-ethereum's
// ethclient.Client and the simulated backend's client both qualify.
type Client interface {
	bind.ContractBackend
	bind.DeployBackend
	ethereum.GasEstimator
}

// Chain is a node with a funded key to send transactions from.
type Chain struct {
	Client  Client
	ChainID *big.Int
	Key     *ecdsa.PrivateKey
	// Mine is called after each transaction; the simulated backend needs it
	// (Commit), a node that mines by itself does not (nil).
	Mine func()
}

// From returns the address transactions are sent from.
func (c *Chain) From() common.Address { return crypto.PubkeyToAddress(c.Key.PublicKey) }

// send signs and sends data to `to` (nil: a deployment) and waits for the receipt.
func (c *Chain) send(ctx context.Context, to *common.Address, data []byte) (*types.Receipt, error) {
	opts := bind.NewKeyedTransactor(c.Key, c.ChainID)
	opts.Context = ctx
	var tx *types.Transaction
	var err error
	if to == nil {
		_, tx, err = bind.DeployContract(opts, data, c.Client, nil)
	} else {
		tx, err = bind.Transact(bind.NewBoundContract(*to, NewCoprocessor().abi, c.Client, c.Client, c.Client), opts, data)
	}
	if err != nil {
		return nil, RevertError(err)
	}
	if c.Mine != nil {
		c.Mine()
	}
	rcpt, err := bind.WaitMined(ctx, c.Client, tx.Hash())
	if err != nil {
		return nil, err
	}
	if rcpt.Status != types.ReceiptStatusSuccessful {
		return rcpt, fmt.Errorf("transaction %s reverted", tx.Hash())
	}
	return rcpt, nil
}

// Call sends a transaction with calldata to a contract and waits for its receipt.
func (c *Chain) Call(ctx context.Context, to common.Address, data []byte) (*types.Receipt, error) {
	return c.send(ctx, &to, data)
}

// sendTo sends a transaction with calldata to a contract and waits for it.
func (c *Chain) sendTo(ctx context.Context, to common.Address, data []byte) (*types.Receipt, error) {
	return c.send(ctx, &to, data)
}

// transfer sends value (wei) to an address.
func (c *Chain) transfer(ctx context.Context, to common.Address, value *big.Int) error {
	opts := bind.NewKeyedTransactor(c.Key, c.ChainID)
	opts.Context = ctx
	opts.Value = value
	tx, err := bind.Transact(bind.NewBoundContract(to, NewProvenAirdrop().abi, c.Client, c.Client, c.Client), opts, nil)
	if err != nil {
		return RevertError(err)
	}
	if c.Mine != nil {
		c.Mine()
	}
	_, err = bind.WaitMined(ctx, c.Client, tx.Hash())
	return err
}

// call runs an eth_call and returns the output.
func (c *Chain) call(ctx context.Context, to common.Address, data []byte) ([]byte, error) {
	out, err := c.Client.CallContract(ctx, ethereum.CallMsg{From: c.From(), To: &to, Data: data}, nil)
	if err != nil {
		return nil, RevertError(err)
	}
	return out, nil
}

// RevertError turns a node error carrying revert data into an error naming
// the Coprocessor's (or the one-check entry's) custom error and its
// arguments.
func RevertError(err error) error {
	var de interface{ ErrorData() interface{} }
	if !errors.As(err, &de) {
		return err
	}
	s, ok := de.ErrorData().(string)
	if !ok {
		return err
	}
	raw, herr := hex.DecodeString(strings.TrimPrefix(s, "0x"))
	if herr != nil || len(raw) < 4 {
		return err
	}
	if v, uerr := NewCoprocessor().UnpackError(raw); uerr == nil {
		name := strings.TrimSuffix(strings.TrimPrefix(fmt.Sprintf("%T", v), "*contracts.Coprocessor"), "Error")
		return &Revert{Reason: name, Detail: fmt.Sprintf("%+v", v), cause: err}
	}
	if v, uerr := NewOneCheckCoprocessor().UnpackError(raw); uerr == nil {
		name := strings.TrimSuffix(strings.TrimPrefix(fmt.Sprintf("%T", v), "*contracts.OneCheckCoprocessor"), "Error")
		return &Revert{Reason: name, Detail: fmt.Sprintf("%+v", v), cause: err}
	}
	return err
}

// Revert is a decoded revert of the Coprocessor or the one-check entry.
type Revert struct {
	Reason string // the custom error's name, e.g. ProofsRejected
	Detail string
	cause  error
}

func (r *Revert) Error() string { return fmt.Sprintf("reverted: %s %s", r.Reason, r.Detail) }
func (r *Revert) Unwrap() error { return r.cause }

// Compiled is a compiled contract.
type Compiled struct {
	ABI  json.RawMessage `json:"abi"`
	Bin  string          `json:"bin"`
	Solc string          `json:"solc"`
}

// CompileVerifier compiles an exported verifier with the pinned solc-js of
// the contracts directory (npm ci --prefix contracts installs it).
func CompileVerifier(contractsDir string, source []byte) (*Compiled, error) {
	if _, err := os.Stat(filepath.Join(contractsDir, "node_modules", "solc")); err != nil {
		return nil, fmt.Errorf("contracts: solc-js is not installed in %s (run: npm ci --prefix %s): %w", contractsDir, contractsDir, err)
	}
	f, err := os.CreateTemp("", "Verifier-*.sol")
	if err != nil {
		return nil, err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(source); err != nil {
		f.Close()
		return nil, err
	}
	f.Close()
	cmd := exec.Command("node", filepath.Join(contractsDir, "compile.js"), f.Name(), "Verifier")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("contracts: compiling the verifier: %v: %s", err, stderr.String())
	}
	var c Compiled
	if err := json.Unmarshal(out, &c); err != nil {
		return nil, fmt.Errorf("contracts: compiler output: %w", err)
	}
	return &c, nil
}

// Deploy deploys bytecode (hex, no constructor arguments) and returns its address.
func (c *Chain) Deploy(ctx context.Context, binHex string) (common.Address, *types.Receipt, error) {
	code, err := hex.DecodeString(strings.TrimPrefix(strings.TrimSpace(binHex), "0x"))
	if err != nil {
		return common.Address{}, nil, fmt.Errorf("contracts: bytecode: %w", err)
	}
	rcpt, err := c.send(ctx, nil, code)
	if err != nil {
		return common.Address{}, rcpt, err
	}
	return rcpt.ContractAddress, rcpt, nil
}

// DeployCoprocessor deploys the Coprocessor for the SRS of a store's column commitments.
func (c *Chain) DeployCoprocessor(ctx context.Context, srs kzg.VerifyingKey) (common.Address, *types.Receipt, error) {
	tau := [4]*big.Int{
		srs.G2[1].X.A1.BigInt(new(big.Int)), srs.G2[1].X.A0.BigInt(new(big.Int)),
		srs.G2[1].Y.A1.BigInt(new(big.Int)), srs.G2[1].Y.A0.BigInt(new(big.Int)),
	}
	h, _ := hex.DecodeString(commitment.VerifyingKeyHash(srs))
	var srsHash [32]byte
	copy(srsHash[:], h)
	code := NewCoprocessor().PackConstructor(tau, srsHash)
	bin, _ := hex.DecodeString(strings.TrimPrefix(CoprocessorMetaData.Bin, "0x"))
	rcpt, err := c.send(ctx, nil, append(bin, code...))
	if err != nil {
		return common.Address{}, rcpt, err
	}
	return rcpt.ContractAddress, rcpt, nil
}

// SetIndexer authorises (or not) an indexer key; only the owner may.
func (c *Chain) SetIndexer(ctx context.Context, coproc, indexer common.Address, allowed bool) (*types.Receipt, error) {
	return c.send(ctx, &coproc, NewCoprocessor().PackSetIndexer(indexer, allowed))
}

// PostArgs are the postCommitment arguments of a table commitment.
type PostArgs struct {
	Name        string
	SchemaHash  [32]byte
	LogCapacity uint8
	Columns     uint16
	// From is the first segment posted: the latest posted commitment's
	// full segments.
	From        uint64
	SegmentRows []uint64
	Points      []*big.Int
}

// PostArgsOf converts a table commitment to postCommitment arguments
// (uncompressed points, the identity as (0, 0)) for a table whose latest
// posted commitment has from full segments (0 for a table not posted
// yet): the segments from there on, which the post adds or replaces.
func PostArgsOf(tc *commitment.TableCommitment, from int) (*PostArgs, error) {
	if err := tc.Check(); err != nil {
		return nil, err
	}
	if from < 0 || from >= len(tc.Segments) {
		return nil, fmt.Errorf("contracts: posting %s from segment %d: it has %d segments", tc.Schema.Name, from, len(tc.Segments))
	}
	a := &PostArgs{Name: strings.ToLower(tc.Schema.Name), SchemaHash: tc.Schema.Hash(), LogCapacity: uint8(tc.LogCapacity), Columns: uint16(len(tc.Schema.Columns)), From: uint64(from)}
	for _, s := range tc.Segments[from:] {
		a.SegmentRows = append(a.SegmentRows, uint64(s.Rows))
		for _, h := range s.Columns {
			d, err := commitment.ParseDigestHex(h)
			if err != nil {
				return nil, err
			}
			a.Points = append(a.Points, d.X.BigInt(new(big.Int)), d.Y.BigInt(new(big.Int)))
		}
	}
	return a, nil
}

// PostCommitment posts a table commitment from the chain's key (an
// authorised indexer): the segments from the table's latest posted
// commitment's full ones on (postCommitment), and checks that the digest
// the Coprocessor recorded is tc's — the frozen segments posted before
// are this commitment's.
func (c *Chain) PostCommitment(ctx context.Context, coproc common.Address, tc *commitment.TableCommitment) (*types.Receipt, error) {
	cp := NewCoprocessor()
	posted, err := c.postedTable(ctx, coproc, tc)
	if err != nil {
		return nil, err
	}
	from := min(fullPosted(posted, tc), len(tc.Segments)-1)
	if from > 0 {
		// the frozen segments are posted already: they must be this
		// commitment's (a post cannot change them)
		out, err := c.call(ctx, coproc, cp.PackCommitment(posted.Latest))
		if err != nil {
			return nil, fmt.Errorf("contracts: reading table %s's latest commitment: %w", tc.Schema.Name, err)
		}
		latest, err := cp.UnpackCommitment(out)
		if err != nil {
			return nil, fmt.Errorf("contracts: reading table %s's latest commitment: %w", tc.Schema.Name, err)
		}
		if tc.FullChain(from) != latest.FullSegments {
			return nil, fmt.Errorf("contracts: table %s: the %d full segments posted before differ from this commitment's first %d: it does not extend the posted table", tc.Schema.Name, from, from)
		}
	}
	a, err := PostArgsOf(tc, from)
	if err != nil {
		return nil, err
	}
	rcpt, err := c.send(ctx, &coproc, cp.PackPostCommitment(a.Name, a.SchemaHash, a.LogCapacity, a.Columns, a.From, a.SegmentRows, a.Points))
	if err != nil {
		return rcpt, err
	}
	want, err := tc.Digest()
	if err != nil {
		return rcpt, err
	}
	after, err := c.postedTable(ctx, coproc, tc)
	if err != nil {
		return rcpt, err
	}
	if hex.EncodeToString(after.Latest[:]) != want {
		return rcpt, fmt.Errorf("contracts: table %s posted as %x, its commitment's digest is %s: the segments posted before differ from this commitment's", tc.Schema.Name, after.Latest, want)
	}
	return rcpt, nil
}

// postedTable reads the Coprocessor's record of tc's table (Exists false
// where none is posted).
func (c *Chain) postedTable(ctx context.Context, coproc common.Address, tc *commitment.TableCommitment) (TablesOutput, error) {
	cp := NewCoprocessor()
	out, err := c.call(ctx, coproc, cp.PackTables(crypto.Keccak256Hash([]byte(strings.ToLower(tc.Schema.Name)))))
	if err != nil {
		return TablesOutput{}, fmt.Errorf("contracts: reading table %s: %w", tc.Schema.Name, err)
	}
	posted, err := cp.UnpackTables(out)
	if err != nil {
		return TablesOutput{}, fmt.Errorf("contracts: reading table %s: %w", tc.Schema.Name, err)
	}
	return posted, nil
}

// fullPosted is how many full segments the posted table (postedTable)
// has, from which a post of tc goes on: 0 where none of its layout is
// posted.
func fullPosted(posted TablesOutput, tc *commitment.TableCommitment) int {
	if !posted.Exists || int(posted.LogCapacity) != tc.LogCapacity {
		return 0
	}
	return int(posted.Rows >> posted.LogCapacity)
}

// ShapeArgs are the registerShape arguments of a query plan.
type ShapeArgs struct {
	ShapeHash    [32]byte
	TableID      [32]byte
	Columns      []uint8
	PartialKinds []uint8
	Params       uint16
	// WindowColumn is a window's sorted column (255: none), WindowInputs
	// its values per segment (planner.Window.EndInputs), WindowWidth and
	// WindowLo how they pack into one public input (planner.Plan.
	// WindowPacking; width 0: not packed).
	WindowColumn uint8
	WindowInputs uint8
	WindowWidth  uint8
	WindowLo     *big.Int
	// WindowBounds tells the Coprocessor a window's bounds, for the
	// segments a receipt shows by their window alone (planner.Plan.
	// Prunable): the lower bound's parameter index + 1 in bits 0–7 (0:
	// none), the upper one's in bits 8–15, bit 16 where the lower bound is
	// excluded, bit 17 where the upper one is, bit 18 where the result is
	// the window's rows counted (planner.Plan.WindowAlone); 0 where no
	// segment can come without a proof.
	WindowBounds uint32
}

// ShapeArgsOf derives a plan's registration (the public input layout).
func ShapeArgsOf(plan *planner.Plan) ShapeArgs {
	var a ShapeArgs
	h, _ := hex.DecodeString(plan.ShapeHash)
	copy(a.ShapeHash[:], h)
	copy(a.TableID[:], crypto.Keccak256([]byte(strings.ToLower(plan.Query.Table.Name))))
	for _, c := range plan.Columns {
		a.Columns = append(a.Columns, uint8(c))
	}
	for _, p := range plan.Partials {
		a.PartialKinds = append(a.PartialKinds, uint8(p.Kind))
	}
	a.Params = uint16(len(plan.Query.Params))
	a.WindowColumn, a.WindowLo = noWindow, new(big.Int)
	if w := plan.Window; plan.WindowOpened(false) {
		a.WindowColumn, a.WindowInputs = uint8(w.Column.Index), uint8(w.EndInputs())
		if width, lo := plan.WindowPacking(); width > 0 {
			e := schema.Encode(lo)
			a.WindowWidth, a.WindowLo = uint8(width), e.BigInt(new(big.Int))
		}
		if plan.Prunable(false) {
			a.WindowBounds = windowBounds(plan)
		}
	}
	return a
}

// windowBounds packs a prunable window's bounds as ShapeArgs.WindowBounds.
func windowBounds(plan *planner.Plan) uint32 {
	w := plan.Window
	var b uint32
	if w.Lo != nil {
		b |= uint32(plan.PublicParam(w.Lo.Slot) + 1)
	}
	if w.Hi != nil {
		b |= uint32(plan.PublicParam(w.Hi.Slot)+1) << 8
	}
	if w.LoStrict {
		b |= 1 << 16
	}
	if w.HiStrict {
		b |= 1 << 17
	}
	if plan.WindowAlone() {
		b |= 1 << 18
	}
	return b
}

// noWindow is the Coprocessor's NO_WINDOW.
const noWindow = 255

// RegisterShape registers a shape's verifier; only the owner may.
func (c *Chain) RegisterShape(ctx context.Context, coproc, verifier common.Address, vkHash string, plan *planner.Plan) (*types.Receipt, error) {
	if !onChain(plan) {
		return nil, ErrNotOnChain
	}
	a := ShapeArgsOf(plan)
	var vh [32]byte
	h, err := hex.DecodeString(vkHash)
	if err != nil || len(h) != 32 {
		return nil, fmt.Errorf("contracts: vk hash %q", vkHash)
	}
	copy(vh[:], h)
	return c.send(ctx, &coproc, NewCoprocessor().PackRegisterShape(a.ShapeHash, verifier, vh, a.TableID, a.Columns, a.PartialKinds, a.Params, a.WindowColumn, a.WindowInputs, a.WindowWidth, new(big.Int).SetUint64(uint64(a.WindowBounds)), a.WindowLo))
}

// onChain reports whether the Coprocessor can check a plan's results: it
// combines the partials of single-row aggregate queries.
func onChain(plan *planner.Plan) bool {
	return !plan.Grouped && !plan.RowResult && plan.Query.Limit < 0 && !plan.HasU256 && plan.Query.Join == nil
}

// ErrNotOnChain refuses a query the Coprocessor cannot check yet.
var ErrNotOnChain = errors.New("contracts: GROUP BY, row-returning, LIMIT, JOIN and UINT256 results are not verified on chain yet (the Coprocessor combines the partials of single-row aggregate queries only)")

// QueryArgs are a receipt's verifyQuery arguments.
type QueryArgs struct {
	ShapeHash [32]byte
	Digest    [32]byte
	Params    []*big.Int
	// Cover says which of the table's segments Segments are (the
	// receipt's FirstSegment on) and carries the point hashes of the full
	// segments it leaves out.
	Cover    CoprocessorCoverage
	Segments []CoprocessorSegmentProof
	// Opening is the query's KZG opening: W.x, W.y, H.x, H.y (zeros for a
	// query that opens no column).
	Opening [4]*big.Int
}

// QueryArgsOf converts a receipt (whose SQL was planned as plan) to verifyQuery arguments.
func QueryArgsOf(rc *receipt.Receipt, plan *planner.Plan) (*QueryArgs, error) {
	if !onChain(plan) {
		return nil, ErrNotOnChain
	}
	a := &QueryArgs{}
	h, _ := hex.DecodeString(rc.ShapeHash)
	copy(a.ShapeHash[:], h)
	d, err := hex.DecodeString(rc.TableCommitments[rc.Table.Schema.Name])
	if err != nil || len(d) != 32 {
		return nil, errors.New("contracts: receipt has no table digest")
	}
	copy(a.Digest[:], d)
	vals, err := plan.ParamValues()
	if err != nil {
		return nil, err
	}
	for _, v := range vals {
		e := schema.Encode(v)
		a.Params = append(a.Params, e.BigInt(new(big.Int)))
	}
	proofs, err := receipt.DecodeProof(rc.Proof, rc.Proven())
	if err != nil {
		return nil, err
	}
	op, err := rc.QueryOpening()
	if err != nil {
		return nil, err
	}
	a.Opening = [4]*big.Int{new(big.Int), new(big.Int), new(big.Int), new(big.Int)}
	if op != nil {
		for k, c := range []*fp.Element{&op.W.X, &op.W.Y, &op.H.X, &op.H.Y} {
			c.BigInt(a.Opening[k])
		}
	}
	if a.Cover, err = coverageOf(rc); err != nil {
		return nil, err
	}
	for k, seg := range rc.Segments {
		i := rc.FirstSegment + k // the table's segment
		var sp CoprocessorSegmentProof
		// a segment outside the window: no proof, Z 0, no Y, no partials
		sp.Proof, sp.Z = []byte{}, new(big.Int)
		if !seg.WindowOnly {
			if len(proofs) == 0 {
				return nil, fmt.Errorf("contracts: segment %d has no proof", i)
			}
			p := groth16.NewProof(ecc.BN254)
			if _, err := p.ReadFrom(bytes.NewReader(proofs[0].Circuit)); err != nil {
				return nil, fmt.Errorf("contracts: segment %d proof: %w", i, err)
			}
			proofs = proofs[1:]
			sp.Proof = p.(*groth16bn254.Proof).MarshalSolidity()
			var ok bool
			if sp.Z, ok = new(big.Int).SetString(seg.Z, 10); !ok {
				return nil, fmt.Errorf("contracts: segment %d z", i)
			}
		}
		for _, y := range seg.Y {
			v, ok := new(big.Int).SetString(y, 10)
			if !ok {
				return nil, fmt.Errorf("contracts: segment %d y", i)
			}
			sp.Y = append(sp.Y, v)
		}
		for _, s := range seg.Partials {
			v, ok := new(big.Int).SetString(s, 10)
			if !ok {
				return nil, fmt.Errorf("contracts: segment %d partial", i)
			}
			e := schema.Encode(v)
			sp.Partials = append(sp.Partials, e.BigInt(new(big.Int)))
		}
		for _, h := range rc.Table.Segments[i].Columns {
			d, err := commitment.ParseDigestHex(h)
			if err != nil {
				return nil, err
			}
			sp.Points = append(sp.Points, d.X.BigInt(new(big.Int)), d.Y.BigInt(new(big.Int)))
		}
		if sp.Window, err = windowValues(seg); err != nil {
			return nil, fmt.Errorf("contracts: segment %d: %w", i, err)
		}
		a.Segments = append(a.Segments, sp)
	}
	return a, nil
}

// coverageOf returns verifyQuery's Coverage of a receipt: its first
// segment, the hash chain of the full segments before it and the hashes
// of the full segments after the receipt's (commitment.TableCommitment.
// FullChain, SegmentHash: as the Coprocessor hashes them).
func coverageOf(rc *receipt.Receipt) (CoprocessorCoverage, error) {
	cv := CoprocessorCoverage{First: big.NewInt(int64(rc.FirstSegment)), Later: [][32]byte{}}
	tc := &rc.Table
	if rc.FirstSegment < 0 || rc.FirstSegment > len(tc.Segments) || len(rc.Segments) > len(tc.Segments)-rc.FirstSegment {
		return cv, fmt.Errorf("contracts: the receipt holds segments %d to %d of %d", rc.FirstSegment, rc.FirstSegment+len(rc.Segments)-1, len(tc.Segments))
	}
	full := tc.FullSegments()
	cv.Before = tc.FullChain(min(rc.FirstSegment, full))
	for s := rc.FirstSegment + len(rc.Segments); s < full; s++ {
		cv.Later = append(cv.Later, tc.SegmentHash(s))
	}
	return cv, nil
}

// windowValues returns a segment's window values (none without a window).
func windowValues(seg receipt.Segment) ([]*big.Int, error) {
	vals := []*big.Int{}
	for _, s := range seg.Window {
		v, ok := new(big.Int).SetString(s, 10)
		if !ok {
			return nil, fmt.Errorf("window value %q", s)
		}
		vals = append(vals, v)
	}
	return vals, nil
}

// VerifyQuery calls verifyQuery and returns the delivered result and the gas
// a transaction doing the same would use.
func (c *Chain) VerifyQuery(ctx context.Context, coproc common.Address, a *QueryArgs) ([]*big.Int, uint64, error) {
	out, gas, err := c.callAndEstimate(ctx, coproc, NewCoprocessor().PackVerifyQuery(a.ShapeHash, a.Digest, a.Params, a.Cover, a.Segments, a.Opening))
	if err != nil {
		return nil, 0, err
	}
	res, err := NewCoprocessor().UnpackVerifyQuery(out)
	if err != nil {
		return nil, 0, err
	}
	return res, gas, nil
}

// VerifyQueryData returns the calldata of verifyQuery (for size measurements).
func VerifyQueryData(a *QueryArgs) []byte {
	return NewCoprocessor().PackVerifyQuery(a.ShapeHash, a.Digest, a.Params, a.Cover, a.Segments, a.Opening)
}

// ResultOf maps the on-chain result (count, then each aggregate's sum or
// extremum) to the receipt's text form, for comparison.
func ResultOf(plan *planner.Plan, onchain []*big.Int) ([]string, error) {
	seg := make([]*big.Int, len(onchain))
	copy(seg, onchain)
	return plan.Finalize([][]*big.Int{seg})
}
