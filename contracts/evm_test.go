package contracts

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254/fp"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/backend/groth16"
	"github.com/consensys/gnark/constraint"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient/simulated"

	"github.com/provensql/provensql"
	"github.com/provensql/provensql/commitment"
	"github.com/provensql/provensql/datagen"
	"github.com/provensql/provensql/proofsys"
	"github.com/provensql/provensql/receipt"
	"github.com/provensql/provensql/schema"
	"github.com/provensql/provensql/store"
)

// fixture is a store with 100 generated transfers (segments of 64 rows) and
// a simulated chain with the Coprocessor deployed and the owner as indexer.
type fixture struct {
	db       *provensql.DB
	chain    *Chain
	sim      *simulated.Backend
	coproc   common.Address
	data     *datagen.Data
	outsider *Chain
}

func newFixture(t *testing.T) *fixture { return newFixtureOf(t, 100, 6) }

// newFixtureOf is newFixture with rows transfers in segments of 2^logCap rows.
func newFixtureOf(t *testing.T, rows, logCap int) *fixture {
	return newFixtureWith(t, rows, logCap, provensql.Options{})
}

// newFixtureWith is newFixtureOf with the store opened with opt (its
// SRSSize set here).
func newFixtureWith(t *testing.T, rows, logCap int, opt provensql.Options) *fixture {
	t.Helper()
	opt.SRSSize = max(1<<logCap, 2)
	db, err := provensql.Open(t.TempDir(), opt)
	if err != nil {
		t.Fatal(err)
	}
	data := datagen.ERC20Transfers(rows, 1)
	if _, err := db.Store().Append(data.Table, logCap, data.Cols); err != nil {
		t.Fatal(err)
	}
	f := newChainFixture(t, db)
	f.data = data
	return f
}

// newChainFixture is a fixture over db's store: a simulated chain with the
// Coprocessor deployed for db's SRS and the owner as indexer (data unset).
func newChainFixture(t *testing.T, db *provensql.DB) *fixture {
	t.Helper()
	owner, _ := crypto.GenerateKey()
	other, _ := crypto.GenerateKey()
	eth := new(big.Int).Mul(big.NewInt(1e18), big.NewInt(1000))
	sim := simulated.NewBackend(types.GenesisAlloc{
		crypto.PubkeyToAddress(owner.PublicKey): {Balance: eth},
		crypto.PubkeyToAddress(other.PublicKey): {Balance: eth},
	}, simulated.WithBlockGasLimit(60_000_000), simulated.WithCallGasLimit(60_000_000), WithMainnetRules())
	t.Cleanup(func() { sim.Close() })
	chain := &Chain{Client: sim.Client(), ChainID: big.NewInt(1337), Key: owner, Mine: func() { sim.Commit() }}
	ctx := context.Background()
	coproc, rcpt, err := chain.DeployCoprocessor(ctx, db.Store().SRS().VerifyingKey())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("deploy Coprocessor: %d gas", rcpt.GasUsed)
	if _, err := chain.SetIndexer(ctx, coproc, chain.From(), true); err != nil {
		t.Fatal(err)
	}
	return &fixture{db: db, chain: chain, sim: sim, coproc: coproc,
		outsider: &Chain{Client: sim.Client(), ChainID: big.NewInt(1337), Key: other, Mine: func() { sim.Commit() }}}
}

// registerShape exports, compiles, deploys and registers the verifier of a receipt's shape.
func (f *fixture) registerShape(t *testing.T, res *provensql.Proven) common.Address {
	t.Helper()
	addr := f.deployVerifier(t, res)
	if _, err := f.chain.RegisterShape(context.Background(), f.coproc, addr, res.Receipt.VKHash, res.Plan); err != nil {
		t.Fatal(err)
	}
	return addr
}

// deployVerifier exports, compiles and deploys the verifier of a receipt's shape.
func (f *fixture) deployVerifier(t *testing.T, res *provensql.Proven) common.Address {
	t.Helper()
	var src bytes.Buffer
	vk, _ := decodeB64(res.Receipt.VerifyingKey)
	if err := ExportVerifier(vk, &src); err != nil {
		t.Fatal(err)
	}
	c, err := CompileVerifier(".", src.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	addr, rcpt, err := f.chain.Deploy(context.Background(), c.Bin)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("deploy verifier: %d gas", rcpt.GasUsed)
	return addr
}

func (f *fixture) post(t *testing.T) *types.Receipt {
	t.Helper()
	m, err := f.db.Store().Manifest(datagen.TableName)
	if err != nil {
		t.Fatal(err)
	}
	tc := m.Commitment()
	rcpt, err := f.chain.PostCommitment(context.Background(), f.coproc, &tc)
	if err != nil {
		t.Fatal(err)
	}
	return rcpt
}

// windowsOf lists a receipt's segment windows, for failure messages.
func windowsOf(rc *receipt.Receipt) [][]string {
	var out [][]string
	for _, seg := range rc.Segments {
		out = append(out, seg.Window)
	}
	return out
}

func wantRevert(t *testing.T, err error, reason string) {
	t.Helper()
	var r *Revert
	if errors.As(err, &r) && r.Reason == reason {
		return
	}
	if err == nil || r != nil || !strings.HasSuffix(err.Error(), "execution reverted: "+reason) { // a require's message
		t.Fatalf("want revert %s, got %v", reason, err)
	}
}

func TestQueryVerifiedOnChain(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	postRcpt := f.post(t)
	t.Logf("post commitment (8 columns, 2 segments): %d gas", postRcpt.GasUsed)

	res, err := f.db.Prove(ctx, datagen.Q1, f.data.Q1Params()...)
	if err != nil {
		t.Fatal(err)
	}
	args, gas := f.verifyOnChain(t, res)
	t.Logf("verifyQuery Q1 over 2 segments: %d gas, %d bytes of calldata", gas, len(VerifyQueryData(args)))

	// Windows at every edge verify on chain under the same shape: empty
	// (bounds reversed, or past every block: its rows repeat, one value
	// each), the whole segment (row −1 is the last row, row n the first),
	// one block.
	token, lo, hi := f.data.Q1Params()[0], f.data.Q1Params()[1], f.data.Q1Params()[2]
	var other *QueryArgs // the args of the first of these: another opening
	for _, params := range [][]string{
		{token, hi, lo},
		{token, "0", "4294967295"},
		{token, "4294967290", "4294967295"},
		{token, lo, lo},
	} {
		edge, err := f.db.Prove(ctx, datagen.Q1, params...)
		if err != nil {
			t.Fatal(err)
		}
		a, err := QueryArgsOf(edge.Receipt, edge.Plan)
		if err != nil {
			t.Fatal(err)
		}
		if other == nil {
			other = a
		}
		out, _, err := f.chain.VerifyQuery(ctx, f.coproc, a)
		if err != nil {
			t.Fatalf("params %v (windows %v): %v", params, windowsOf(edge.Receipt), err)
		}
		if got, _ := ResultOf(edge.Plan, out); strings.Join(got, ",") != strings.Join(edge.Receipt.Rows[0], ",") {
			t.Fatalf("params %v: on chain %v, receipt %v", params, got, edge.Receipt.Rows[0])
		}
		t.Logf("params %v: windows %v verified on chain", params[1:], windowsOf(edge.Receipt))
	}

	// Rejections, each with its revert reason.
	tamper := func(edit func(a *QueryArgs)) *QueryArgs {
		b, _ := QueryArgsOf(res.Receipt, res.Plan)
		edit(b)
		return b
	}
	cases := []struct {
		name   string
		args   *QueryArgs
		reason string
	}{
		{"tampered result", tamper(func(a *QueryArgs) {
			a.Segments[0].Partials[1] = new(big.Int).Add(a.Segments[0].Partials[1], big.NewInt(1))
		}), "ProofsRejected"},
		{"tampered count", tamper(func(a *QueryArgs) {
			a.Segments[1].Partials[0] = new(big.Int).Add(a.Segments[1].Partials[0], big.NewInt(1))
		}), "ProofsRejected"},
		{"tampered parameter", tamper(func(a *QueryArgs) { a.Params[1] = new(big.Int).Add(a.Params[1], big.NewInt(1)) }), "ProofsRejected"},
		{"tampered y", tamper(func(a *QueryArgs) { a.Segments[0].Y[0] = new(big.Int).Add(a.Segments[0].Y[0], big.NewInt(1)) }), "ProofsRejected"},
		{"the opening's H another point", tamper(func(a *QueryArgs) { a.Opening[2], a.Opening[3] = a.Segments[0].Points[0], a.Segments[0].Points[1] }), "ProofsRejected"},
		{"the opening's W another point", tamper(func(a *QueryArgs) { a.Opening[0], a.Opening[1] = a.Segments[1].Points[2], a.Segments[1].Points[3] }), "ProofsRejected"},
		{"the opening's W and H swapped", tamper(func(a *QueryArgs) {
			a.Opening[0], a.Opening[1], a.Opening[2], a.Opening[3] = a.Opening[2], a.Opening[3], a.Opening[0], a.Opening[1]
		}), "ProofsRejected"},
		{"the opening's W off the curve", tamper(func(a *QueryArgs) { a.Opening[1] = new(big.Int).Add(a.Opening[1], big.NewInt(1)) }), "ecAdd"},
		{"the opening of other parameters", tamper(func(a *QueryArgs) { a.Opening = other.Opening }), "ProofsRejected"},
		{"Y swapped between segments", tamper(func(a *QueryArgs) { a.Segments[0].Y, a.Segments[1].Y = a.Segments[1].Y, a.Segments[0].Y }), "ProofsRejected"},
		{"a full segment's column commitments not the posted ones", tamper(func(a *QueryArgs) { a.Segments[0].Points[0] = big.NewInt(1) }), "MalformedSegment"},
		{"a full segment's column commitment another point on the curve", tamper(func(a *QueryArgs) {
			p := a.Segments[0].Points
			p[0], p[1] = p[len(p)-2], p[len(p)-1] // the last column's, an unopened one
		}), "FullSegmentsDiffer"},
		{"the partial segment's column commitments not the posted ones", tamper(func(a *QueryArgs) { a.Segments[1].Points[3] = big.NewInt(1) }), "MalformedSegment"},
		{"a column commitment's y negated (the same x)", tamper(func(a *QueryArgs) {
			a.Segments[1].Points[3] = new(big.Int).Sub(fp.Modulus(), a.Segments[1].Points[3])
		}), "MalformedSegment"},
		{"full and partial segments' column commitments swapped", tamper(func(a *QueryArgs) {
			a.Segments[0].Points, a.Segments[1].Points = a.Segments[1].Points, a.Segments[0].Points
		}), "MalformedSegment"},
		{"malformed proof bytes", tamper(func(a *QueryArgs) { a.Segments[0].Proof = a.Segments[0].Proof[:100] }), "MalformedSegment"},
		// the Groth16 equation does not involve the commitment's proof of
		// knowledge (the last two words): only its own check can refuse these
		{"proof of knowledge of another segment", tamper(func(a *QueryArgs) {
			copy(a.Segments[0].Proof[320:], a.Segments[1].Proof[320:384])
		}), "ProofsRejected"},
		{"proof of knowledge replaced by the generator", tamper(func(a *QueryArgs) {
			pok := a.Segments[1].Proof[320:384]
			clear(pok)
			pok[31], pok[63] = 1, 2
		}), "ProofsRejected"},
		{"proofs swapped between segments", tamper(func(a *QueryArgs) {
			a.Segments[0].Proof, a.Segments[1].Proof = a.Segments[1].Proof, a.Segments[0].Proof
		}), "ProofsRejected"},
		{"flipped proof byte", tamper(func(a *QueryArgs) { a.Segments[0].Proof[40] ^= 1 }), "ProofsRejected"},
		{"commitment never posted", tamper(func(a *QueryArgs) { a.Digest[0] ^= 1 }), "UnknownCommitment"},
		{"unknown shape", tamper(func(a *QueryArgs) { a.ShapeHash[0] ^= 1 }), "UnknownShape"},
		{"segment dropped", tamper(func(a *QueryArgs) { a.Segments = a.Segments[:1] }), "Uncovered"},
		{"every segment dropped", tamper(func(a *QueryArgs) { a.Segments = nil }), "SegmentCount"},
		{"param outside the field", tamper(func(a *QueryArgs) { a.Params[0] = fr.Modulus() }), "NotInField"},
		{"partial outside the field", tamper(func(a *QueryArgs) { a.Segments[1].Partials[1] = fr.Modulus() }), "NotInField"},
		{"a parameter missing", tamper(func(a *QueryArgs) { a.Params = a.Params[:len(a.Params)-1] }), "ParamCount"},
		// the window: its ends are public inputs, the column's values beside
		// them openings at their rows
		{"tampered window end", tamper(func(a *QueryArgs) { a.Segments[0].Window[0] = new(big.Int).Add(a.Segments[0].Window[0], big.NewInt(1)) }), "ProofsRejected"},
		{"tampered window value", tamper(func(a *QueryArgs) { a.Segments[1].Window[4] = new(big.Int).Add(a.Segments[1].Window[4], big.NewInt(1)) }), "ProofsRejected"},
		{"window of another segment", tamper(func(a *QueryArgs) { a.Segments[0].Window = a.Segments[1].Window }), "ProofsRejected"},
		{"windows swapped between segments", tamper(func(a *QueryArgs) {
			a.Segments[0].Window, a.Segments[1].Window = a.Segments[1].Window, a.Segments[0].Window
		}), "ProofsRejected"},
		{"window value outside the field", tamper(func(a *QueryArgs) { a.Segments[0].Window[1] = fr.Modulus() }), "MalformedSegment"},
		{"window value outside its packed width", tamper(func(a *QueryArgs) {
			width, lo := res.Plan.WindowPacking()
			a.Segments[0].Window[1] = new(big.Int).Add(lo, new(big.Int).Lsh(big.NewInt(1), uint(width)))
		}), "MalformedSegment"},
		{"z outside the field", tamper(func(a *QueryArgs) { a.Segments[1].Z = fr.Modulus() }), "MalformedSegment"},
		{"y outside the field", tamper(func(a *QueryArgs) { a.Segments[0].Y[1] = new(big.Int).Add(a.Segments[0].Y[1], fr.Modulus()) }), "MalformedSegment"},
		{"window end beyond the segment", tamper(func(a *QueryArgs) { a.Segments[0].Window[3] = big.NewInt(1 << 20) }), "MalformedSegment"},
	}
	// every word of a proof is bound: one changed word (a point no longer
	// the proof's, or no point at all) is refused
	for w := 0; w < ProofWords; w++ {
		cases = append(cases, struct {
			name   string
			args   *QueryArgs
			reason string
		}{fmt.Sprintf("proof word %d changed", w), tamper(func(a *QueryArgs) { a.Segments[1].Proof[32*w+31] ^= 1 }), "ProofsRejected"})
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := f.chain.VerifyQuery(ctx, f.coproc, tc.args)
			wantRevert(t, err, tc.reason)
		})
	}

	// Q1's shape over another table's posted commitment is refused.
	tokens, tokenCols := f.data.TokenTable()
	tm, err := f.db.Store().Append(tokens, 6, tokenCols)
	if err != nil {
		t.Fatal(err)
	}
	ttc := tm.Commitment()
	if _, err := f.chain.PostCommitment(ctx, f.coproc, &ttc); err != nil {
		t.Fatal(err)
	}
	elsewhere := tamper(func(a *QueryArgs) {})
	td, err := ttc.Digest()
	if err != nil {
		t.Fatal(err)
	}
	copy(elsewhere.Digest[:], common.Hex2Bytes(td))
	_, _, err = f.chain.VerifyQuery(ctx, f.coproc, elsewhere)
	wantRevert(t, err, "WrongTable")

	// A proof of another shape (with Q1's public inputs), submitted under
	// Q1's shape, is rejected.
	otherShape, err := f.db.Prove(ctx, "SELECT COUNT(*), SUM(value) FROM erc20_transfers WHERE erc20 <> $1 AND block_number BETWEEN $2 AND $3", f.data.Q1Params()...)
	if err != nil {
		t.Fatal(err)
	}
	oargs, _ := QueryArgsOf(otherShape.Receipt, otherShape.Plan)
	oargs.ShapeHash = args.ShapeHash
	_, _, err = f.chain.VerifyQuery(ctx, f.coproc, oargs)
	wantRevert(t, err, "ProofsRejected")

	// A shape registered with a verifier of another input count is refused.
	lone, err := f.db.Prove(ctx, "SELECT COUNT(*) FROM erc20_transfers WHERE block_number > $1", "0")
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.chain.RegisterShape(ctx, f.coproc, f.deployVerifier(t, lone), res.Receipt.VKHash, res.Plan)
	wantRevert(t, err, "VerifierMismatch")
}

// verifyOnChain registers res's shape, verifies its receipt on chain and
// checks the delivered result is the receipt's first row; it returns the
// call's arguments and gas.
func (f *fixture) verifyOnChain(t *testing.T, res *provensql.Proven) (*QueryArgs, uint64) {
	t.Helper()
	f.registerShape(t, res)
	args, err := QueryArgsOf(res.Receipt, res.Plan)
	if err != nil {
		t.Fatal(err)
	}
	out, gas, err := f.chain.VerifyQuery(context.Background(), f.coproc, args)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ResultOf(res.Plan, out)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, ",") != strings.Join(res.Receipt.Rows[0], ",") {
		t.Fatalf("on chain %v, receipt %v", got, res.Receipt.Rows[0])
	}
	return args, gas
}

// refusal is a change to a receipt's verifyQuery arguments and the revert
// it must meet.
type refusal struct {
	name, reason string
	edit         func(a *QueryArgs)
}

// wantRefused submits res's receipt to verifyQuery with each change and
// checks each reverts with its reason.
func (f *fixture) wantRefused(t *testing.T, res *provensql.Proven, cases []refusal) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, err := QueryArgsOf(res.Receipt, res.Plan)
			if err != nil {
				t.Fatal(err)
			}
			c.edit(b)
			_, _, err = f.chain.VerifyQuery(context.Background(), f.coproc, b)
			wantRevert(t, err, c.reason)
		})
	}
}

// gnarksSetup proves as proofsys.Groth16 does, with keys from gnark's own
// setup, whose commitment's proof of knowledge pairs with a random G2 point
// (as a phase-2 ceremony's keys may), not with the generator.
type gnarksSetup struct{ proofsys.Groth16 }

func (gnarksSetup) Setup(cs constraint.ConstraintSystem) (proofsys.Keys, error) {
	pk, vk, err := groth16.Setup(cs)
	return proofsys.Keys{PK: pk, VK: vk}, err
}

// TestKeyOffTheGenerator: a shape whose key's proof of knowledge is not on
// the G2 generator gets a batch verifier with the caller's pairs apart
// (FIXED_PAIRS 7, not 6), which accepts its proofs and refuses them
// changed — the opening, a Y, the proof of knowledge.
func TestKeyOffTheGenerator(t *testing.T) {
	f := newFixtureWith(t, 100, 6, provensql.Options{Prover: gnarksSetup{proofsys.NewGroth16()}})
	ctx := context.Background()
	f.post(t)
	res, err := f.db.Prove(ctx, datagen.Q1, f.data.Q1Params()...)
	if err != nil {
		t.Fatal(err)
	}
	vk, err := base64.StdEncoding.DecodeString(res.Receipt.VerifyingKey)
	if err != nil {
		t.Fatal(err)
	}
	var src bytes.Buffer
	if err := ExportVerifier(vk, &src); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(src.String(), "FIXED_PAIRS = 7;") {
		t.Fatal("the verifier of a key off the generator does not keep the caller's pairs apart")
	}
	_, gas := f.verifyOnChain(t, res)
	t.Logf("verifyQuery Q1 over 2 segments, a key off the generator: %d gas", gas)
	f.wantRefused(t, res, []refusal{
		{"tampered opening", "ProofsRejected", func(a *QueryArgs) { a.Opening[2], a.Opening[3] = a.Segments[1].Points[0], a.Segments[1].Points[1] }},
		{"tampered y", "ProofsRejected", func(a *QueryArgs) { a.Segments[1].Y[0] = new(big.Int).Add(a.Segments[1].Y[0], big.NewInt(1)) }},
		{"proof of knowledge", "ProofsRejected", func(a *QueryArgs) { copy(a.Segments[0].Proof[320:], a.Segments[1].Proof[320:384]) }},
	})
}

// TestNoWindowOnChain: a shape without a window (no condition on the
// SORTED block_number) opens its columns at Z alone, one KZG opening a
// segment; the Coprocessor verifies it over a full and a partial segment,
// delivers the receipt's COUNT, SUM, MIN and MAX combined over them (and
// leaves out the MIN and MAX of a segment that selects no rows), and
// refuses a Y, an opening, a partial or a segment's points changed.
func TestNoWindowOnChain(t *testing.T) {
	// every segment proven: the second query's window would leave out the
	// segment whose zero MIN and MAX this test needs proven
	f := newFixtureWith(t, 100, 6, provensql.Options{ProveEverySegment: true})
	ctx := context.Background()
	f.post(t)
	res, err := f.db.Prove(ctx, "SELECT COUNT(*), SUM(value), MIN(value), MAX(value) FROM erc20_transfers WHERE erc20 = $1", f.data.Q1Params()[0])
	if err != nil {
		t.Fatal(err)
	}
	if res.Plan.Window != nil {
		t.Fatal("the query has a window; the test needs one without")
	}
	args, gas := f.verifyOnChain(t, res)
	if len(args.Segments) != 2 || len(args.Segments[0].Window) != 0 {
		t.Fatalf("%d segments, %d window values", len(args.Segments), len(args.Segments[0].Window))
	}
	// the Coprocessor combines the segments' partials: MIN and MAX must
	// differ between the segments for the test to tell its choice
	if args.Segments[0].Partials[2].Cmp(args.Segments[1].Partials[2]) == 0 || args.Segments[0].Partials[3].Cmp(args.Segments[1].Partials[3]) == 0 {
		t.Fatalf("the segments' MIN or MAX are equal: %v, %v", args.Segments[0].Partials, args.Segments[1].Partials)
	}
	t.Logf("verifyQuery without a window over 2 segments: %d gas", gas)
	// a segment that selects no rows proves MIN and MAX 0, which the
	// Coprocessor must leave out: here only rows of the first segment
	// (blocks before its tenth row's) are selected
	var b10 big.Int
	f.data.Cols[0][10].BigInt(&b10)
	early, err := f.db.Prove(ctx, "SELECT COUNT(*), MIN(value), MAX(value) FROM erc20_transfers WHERE block_number < $1", b10.String())
	if err != nil {
		t.Fatal(err)
	}
	if ea, _ := f.verifyOnChain(t, early); ea.Segments[1].Partials[0].Sign() != 0 || ea.Segments[0].Partials[1].Sign() <= 0 {
		t.Fatalf("the second segment selects %v rows, the first's MIN is %v: want 0 and a positive one", ea.Segments[1].Partials[0], ea.Segments[0].Partials[1])
	}
	f.wantRefused(t, res, []refusal{
		{"y changed", "ProofsRejected", func(a *QueryArgs) { a.Segments[1].Y[0].Add(a.Segments[1].Y[0], big.NewInt(1)) }},
		{"the opening's H another point", "ProofsRejected", func(a *QueryArgs) { a.Opening[2], a.Opening[3] = a.Segments[1].Points[0], a.Segments[1].Points[1] }},
		{"the opening's W another point", "ProofsRejected", func(a *QueryArgs) { a.Opening[0], a.Opening[1] = a.Segments[0].Points[0], a.Segments[0].Points[1] }},
		{"sum changed", "ProofsRejected", func(a *QueryArgs) { a.Segments[0].Partials[1].Add(a.Segments[0].Partials[1], big.NewInt(1)) }},
		{"the partial segment's points changed", "MalformedSegment", func(a *QueryArgs) { a.Segments[1].Points[2] = big.NewInt(2) }},
	})
}

// TestWindowOnlyOnChain: a segment the window holds no row of comes
// without a proof (planner.Plan.Prunable) and the Coprocessor accepts it
// where its window's values show the window empty, opened at their rows;
// a query whose window holds no row of the table has no proof at all and
// is checked by the opening's pairing alone. It refuses such a segment
// given a Z or a partial, one whose ends move apart, a proven segment
// left out (with its true window, or with ends made to meet), and values
// beside the ends that are not the column's.
func TestWindowOnlyOnChain(t *testing.T) {
	f := newFixtureWith(t, 100, 6, provensql.Options{KeepEverySegment: true}) // every segment held
	ctx := context.Background()
	f.post(t)
	// the window holds rows of the first segment alone (64 rows a segment)
	token := f.data.Q1Params()[0]
	var first, b10 big.Int
	f.data.Cols[0][0].BigInt(&first)
	f.data.Cols[0][10].BigInt(&b10)
	res, err := f.db.Prove(ctx, datagen.Q1, token, first.String(), b10.String())
	if err != nil {
		t.Fatal(err)
	}
	if !res.Receipt.Segments[1].WindowOnly || res.Receipt.Segments[0].WindowOnly {
		t.Fatalf("segments outside the window: %v, %v; want the second alone", res.Receipt.Segments[0].WindowOnly, res.Receipt.Segments[1].WindowOnly)
	}
	args, gas := f.verifyOnChain(t, res)
	t.Logf("verifyQuery Q1, one of two segments outside the window: %d gas, %d bytes of calldata", gas, len(VerifyQueryData(args)))
	none, err := f.db.Prove(ctx, datagen.Q1, token, "4294967290", "4294967295")
	if err != nil {
		t.Fatal(err)
	}
	if none.Receipt.Proven() != 0 {
		t.Fatalf("%d segments proven; want none", none.Receipt.Proven())
	}
	_, gasNone := f.verifyOnChain(t, none)
	t.Logf("verifyQuery Q1, every segment outside the window: %d gas", gasNone)
	// segment 0's window is [0, k), k the rows up to block b10
	f.wantRefused(t, res, []refusal{
		{"outside, given a z", "MalformedSegment", func(a *QueryArgs) { a.Segments[1].Z = big.NewInt(1) }},
		{"outside, given a partial", "MalformedSegment", func(a *QueryArgs) { a.Segments[1].Partials = []*big.Int{big.NewInt(0), big.NewInt(0)} }},
		{"outside, its ends apart", "MalformedSegment", func(a *QueryArgs) { a.Segments[1].Window[3] = big.NewInt(1) }},
		{"outside, a value beside its ends changed", "ProofsRejected", func(a *QueryArgs) {
			w := a.Segments[1].Window // (0, v[−1], v[0]) for each bound: v[0] given twice
			w[2].Add(w[2], big.NewInt(1))
			w[5] = w[2]
		}},
		{"a proven segment left out", "MalformedSegment", func(a *QueryArgs) { leaveOut(&a.Segments[0]) }},
		{"a proven segment left out, its ends met at its first row", "MalformedSegment", func(a *QueryArgs) {
			leaveOut(&a.Segments[0])
			w := a.Segments[0].Window
			w[3], w[4], w[5] = w[0], w[1], w[2] // (0, v[−1], v[0]) twice
		}},
		{"a proven segment left out, its ends met at its first row, shown above the bound", "ProofsRejected", func(a *QueryArgs) {
			leaveOut(&a.Segments[0])
			w := a.Segments[0].Window
			w[2] = big.NewInt(4294967295)
			w[3], w[4], w[5] = w[0], w[1], w[2]
		}},
		// a dishonest prover also opens what it leaves out: the opening
		// holds, only checkWindow refuses these (and would otherwise
		// deliver a count of 0)
		{"a proven segment left out, with its opening", "MalformedSegment", func(a *QueryArgs) {
			leaveOut(&a.Segments[0])
			a.Opening = f.openingOfWindows(t, res, a, f.data.Cols[res.Plan.WindowTableColumn()])
		}},
		{"a proven segment left out, its ends met at its first row, with its opening", "MalformedSegment", func(a *QueryArgs) {
			leaveOut(&a.Segments[0])
			w := a.Segments[0].Window
			w[3], w[4], w[5] = w[0], w[1], w[2]
			a.Opening = f.openingOfWindows(t, res, a, f.data.Cols[res.Plan.WindowTableColumn()])
		}},
	})
}

// openingOfWindows is the query opening a prover makes for arguments
// whose every segment is left outside the window: each segment's window
// column (of the table's values column) opened at its window's rows, as
// a receipt's opening.
func (f *fixture) openingOfWindows(t *testing.T, res *provensql.Proven, a *QueryArgs, column []fr.Element) [4]*big.Int {
	t.Helper()
	st := f.db.Store()
	op := st.SRS().NewQueryOpener(st.MSM(), len(a.Segments))
	defer op.Close()
	capacity := 1 << res.Receipt.Table.LogCapacity
	tc := res.Plan.WindowTableColumn()
	first := int(a.Cover.First.Int64())
	for k, seg := range a.Segments {
		s := first + k // the table's segment
		col := make([]fr.Element, capacity)
		copy(col, column[s*capacity:min((s+1)*capacity, len(column))])
		var ends []uint64
		for k := 0; k < len(seg.Window); k += 3 {
			ends = append(ends, seg.Window[k].Uint64())
		}
		d, err := commitment.ParseDigestHex(res.Receipt.Table.Segments[s].Columns[tc])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := op.Add(k, nil, nil, fr.Element{}, col, d, res.Plan.Window.EndRows(ends, uint64(capacity))); err != nil {
			t.Fatal(err)
		}
	}
	o, err := op.Open()
	if err != nil {
		t.Fatal(err)
	}
	var out [4]*big.Int
	for k, c := range []*fp.Element{&o.W.X, &o.W.Y, &o.H.X, &o.H.Y} {
		out[k] = c.BigInt(new(big.Int))
	}
	return out
}

// TestWindowOnlySignedOnChain: the Coprocessor compares a left-out
// segment's values with the bounds as the signed integers they encode. A
// BIGINT SORTED column b = 2i − 30 (i = 0 … 23, segments of 8: b from −30
// to −16, −14 to 0, 2 to 16): a BETWEEN of negative bounds leaves out the
// first segment (below) and the last (above), a strict b < −16 the last
// two; each verifies on chain with its result, and the segment holding
// the window's rows, left out with the opening a dishonest prover makes
// for it, is refused. A count of the window's rows alone has no proof at
// all: the Coprocessor counts each segment's window; one whose start is
// moved a row down, with the true values there and the opening made for
// them, is refused.
func TestWindowOnlySignedOnChain(t *testing.T) {
	ctx := context.Background()
	// every segment held, those outside the window shown by it
	f, data := sortedChainFixtureWith(t, provensql.Options{KeepEverySegment: true}, 24, 3, func(i int) (int64, int64) { return int64(2*i - 30), int64(i) })
	db := f.db
	for _, c := range []struct {
		query   string
		args    []string
		in      int // the segment holding the window's rows
		outside []bool
		result  string
	}{
		{"SELECT COUNT(*), SUM(v) FROM w WHERE b BETWEEN $1 AND $2", []string{"-13", "-3"}, 1, []bool{true, false, true}, "5,55"},
		{"SELECT COUNT(*), SUM(v) FROM w WHERE b < $1", []string{"-16"}, 0, []bool{false, true, true}, "7,21"},
		// two one-sided bounds, one window: b in (−16, −2]
		{"SELECT COUNT(*), SUM(v) FROM w WHERE b > $1 AND b <= $2", []string{"-16", "-2"}, 1, []bool{true, false, true}, "7,77"},
		// the window's rows counted: every segment by its window
		{"SELECT COUNT(*) FROM w WHERE b BETWEEN $1 AND $2", []string{"-13", "3"}, 1, []bool{true, true, true}, "8"},
	} {
		t.Run(c.query, func(t *testing.T) {
			res, err := db.Prove(ctx, c.query, c.args...)
			if err != nil {
				t.Fatal(err)
			}
			for s, seg := range res.Receipt.Segments {
				if seg.WindowOnly != c.outside[s] {
					t.Fatalf("segment %d outside the window: %v, want %v", s, seg.WindowOnly, c.outside[s])
				}
			}
			if got := strings.Join(res.Receipt.Rows[0], ","); got != c.result {
				t.Fatalf("result %s, want %s", got, c.result)
			}
			f.verifyOnChain(t, res)
			lie := refusal{"the segment holding the window's rows left out, with its opening", "MalformedSegment", func(a *QueryArgs) {
				leaveOut(&a.Segments[c.in])
				a.Opening = f.openingOfWindows(t, res, a, data[0])
			}}
			if res.Plan.WindowAlone() {
				lie = refusal{"a row below the window counted, with its opening", "MalformedSegment", func(a *QueryArgs) {
					w := a.Segments[c.in].Window // i0, v[i0−1], v[i0], …
					i0 := w[0].Int64() - 1
					value := func(row int64) *big.Int { return data[0][int64(8*c.in)+(row+8)%8].BigInt(new(big.Int)) }
					w[0], w[1], w[2] = big.NewInt(i0), value(i0-1), value(i0)
					a.Opening = f.openingOfWindows(t, res, a, data[0])
				}}
			}
			f.wantRefused(t, res, []refusal{lie})
		})
	}
}

// leaveOut makes a segment's verifyQuery arguments those of a segment
// outside the window: no proof, Z 0, no Y, no partials (its window kept).
func leaveOut(s *CoprocessorSegmentProof) {
	s.Proof, s.Z, s.Y, s.Partials = []byte{}, new(big.Int), []*big.Int{}, []*big.Int{}
}

// sortedChainFixture stores w(b BIGINT SORTED, v BIGINT), row i = row(i)
// for i < rows, through the CSV reader, in segments of 2^logCap, and posts
// its commitment to a fresh Coprocessor: the fixture (data unset) and the
// table's columns.
func sortedChainFixture(t *testing.T, rows, logCap int, row func(i int) (b, v int64)) (*fixture, [][]fr.Element) {
	return sortedChainFixtureWith(t, provensql.Options{}, rows, logCap, row)
}

// sortedTable opens a store with opt (its SRSSize set here) and stores
// w(b BIGINT SORTED, v BIGINT), row i = row(i) for i < rows, through the
// CSV reader, in segments of 2^logCap: the database, the table's manifest
// and its columns.
func sortedTable(t *testing.T, opt provensql.Options, rows, logCap int, row func(i int) (b, v int64)) (*provensql.DB, *store.Manifest, [][]fr.Element) {
	t.Helper()
	opt.SRSSize = 1 << logCap
	db, err := provensql.Open(t.TempDir(), opt)
	if err != nil {
		t.Fatal(err)
	}
	cols, err := schema.ParseColumns("b BIGINT SORTED, v BIGINT")
	if err != nil {
		t.Fatal(err)
	}
	var csv strings.Builder
	csv.WriteString("b,v\n")
	for i := range rows {
		b, v := row(i)
		fmt.Fprintf(&csv, "%d,%d\n", b, v)
	}
	data, blobs, err := store.DecodeCSVBlobs(strings.NewReader(csv.String()), "w.csv", cols)
	if err != nil {
		t.Fatal(err)
	}
	m, err := db.Store().AppendBlobs(&schema.Table{Name: "w", Columns: cols}, logCap, data, blobs, nil)
	if err != nil {
		t.Fatal(err)
	}
	return db, m, data
}

// sortedChainFixtureWith is sortedChainFixture with the store opened with
// opt (its SRSSize set here).
func sortedChainFixtureWith(t *testing.T, opt provensql.Options, rows, logCap int, row func(i int) (b, v int64)) (*fixture, [][]fr.Element) {
	t.Helper()
	db, m, data := sortedTable(t, opt, rows, logCap, row)
	f := newChainFixture(t, db)
	tc := m.Commitment()
	if _, err := f.chain.PostCommitment(context.Background(), f.coproc, &tc); err != nil {
		t.Fatal(err)
	}
	return f, data
}

// TestUnpackedWindowOnChain: a BETWEEN on a BIGINT SORTED column does not
// pack its window's six values into one public input (2·(32 + 2·64) bits
// > 250), so each is a public input of its own; the Coprocessor verifies
// such a shape over a full and a partial segment (delivering a negative
// MIN), and refuses a window value changed, or outside the field, and an
// end changed.
func TestUnpackedWindowOnChain(t *testing.T) {
	ctx := context.Background()
	// 16 + 8 rows: a full segment and a partial one
	f, _ := sortedChainFixture(t, 24, 4, func(i int) (int64, int64) { return 1_000_000_000_000 + int64(i/2)*7, int64(i*i - 40) })
	db := f.db
	// MIN(v) is negative (v = i² − 40 at row i): the Coprocessor decodes it
	res, err := db.Prove(ctx, "SELECT COUNT(*), SUM(v), MIN(v) FROM w WHERE b BETWEEN $1 AND $2", "1000000000014", "1000000000049")
	if err != nil {
		t.Fatal(err)
	}
	if width, _ := res.Plan.WindowPacking(); width != 0 {
		t.Fatalf("the window packs into %d-bit parts; the test needs one that does not", width)
	}
	args, gas := f.verifyOnChain(t, res)
	if len(args.Segments) != 2 || len(args.Segments[0].Window) != 6 || args.Segments[0].Window[0].Int64() != 4 || args.Segments[0].Window[3].Int64() != 16 {
		t.Fatalf("%d segments, the first's window %v: want rows [4, 16)", len(args.Segments), args.Segments[0].Window)
	}
	if res.Receipt.Rows[0][2] != "-24" {
		t.Fatalf("MIN(v) = %s, want -24", res.Receipt.Rows[0][2])
	}
	t.Logf("verifyQuery, an unpacked window over 2 segments: %d gas", gas)
	f.wantRefused(t, res, []refusal{
		// segment 0 selects rows [4, 16): its lower end and the value before it
		{"window value changed", "ProofsRejected", func(a *QueryArgs) { a.Segments[0].Window[1].Add(a.Segments[0].Window[1], big.NewInt(1)) }},
		{"window end changed", "ProofsRejected", func(a *QueryArgs) { a.Segments[0].Window[0].Add(a.Segments[0].Window[0], big.NewInt(1)) }},
		{"window value outside the field", "MalformedSegment", func(a *QueryArgs) { a.Segments[0].Window[4] = fr.Modulus() }},
	})
}

func TestRegistryRules(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	m, _ := f.db.Store().Manifest(datagen.TableName)
	tc := m.Commitment()
	// Unauthorised key.
	_, err := f.outsider.PostCommitment(ctx, f.coproc, &tc)
	wantRevert(t, err, "NotIndexer")
	// Only the owner registers indexers.
	_, err = f.outsider.SetIndexer(ctx, f.coproc, f.outsider.From(), true)
	wantRevert(t, err, "NotOwner")
	f.post(t)
	// The same commitment again: no growth.
	_, err = f.chain.PostCommitment(ctx, f.coproc, &tc)
	wantRevert(t, err, "NotExtending")
	// Growing the table extends it; the old digest stays usable.
	more := datagen.ERC20Transfers(20, 2)
	for i := range more.Cols[0] { // later blocks: block_number is SORTED
		more.Cols[0][i].Add(&more.Cols[0][i], new(fr.Element).SetUint64(1_000_000))
	}
	m2, err := f.db.Store().Append(more.Table, 6, more.Cols)
	if err != nil {
		t.Fatal(err)
	}
	tc2 := m2.Commitment()
	if _, err := f.chain.PostCommitment(ctx, f.coproc, &tc2); err != nil {
		t.Fatal(err)
	}
	// A commitment that rewrites a full segment does not extend the table:
	// its frozen segments are not posted again, so it is refused before
	// posting (and the table's history below is unchanged).
	bad := m2.Commitment()
	bad.Rows += 1
	bad.Segments[len(bad.Segments)-1].Rows += 1
	d, _ := commitment.ParseDigestHex(bad.Segments[0].Columns[0])
	bad.Segments[0].Columns[0] = commitment.DigestHex(commitment.Add(d, d))
	if _, err = f.chain.PostCommitment(ctx, f.coproc, &bad); err == nil || !strings.Contains(err.Error(), "does not extend the posted table") {
		t.Fatalf("a rewritten full segment posted: %v", err)
	}
	// The on-chain digest is the Go digest, and history keeps both versions.
	d1, _ := tc.Digest()
	d2, _ := tc2.Digest()
	f.wantHistory(t, datagen.TableName, d1, d2)
}

// wantHistory checks the Coprocessor's history of a table's commitment digests.
func (f *fixture) wantHistory(t *testing.T, table string, digests ...string) {
	t.Helper()
	var tableID [32]byte
	copy(tableID[:], crypto.Keccak256([]byte(table)))
	out, err := f.chain.call(context.Background(), f.coproc, NewCoprocessor().PackTableHistory(tableID))
	if err != nil {
		t.Fatal(err)
	}
	hist, err := NewCoprocessor().UnpackTableHistory(out)
	if err != nil {
		t.Fatal(err)
	}
	got := make([]string, len(hist))
	for i, h := range hist {
		got[i] = common.Bytes2Hex(h[:])
	}
	if strings.Join(got, ",") != strings.Join(digests, ",") {
		t.Fatalf("history of %s: %v, want %v", table, got, digests)
	}
}

func TestAirdropCallback(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.post(t)
	const q = "SELECT COUNT(*) FROM erc20_transfers WHERE from_address = $1 AND erc20 = $2 AND block_number BETWEEN $3 AND $4"
	// The busiest sender of the top token.
	m, _ := f.db.Store().Manifest(datagen.TableName)
	cols, _ := f.db.Store().LoadSegment(m, 0)
	wallet := schema.Address.FormatValue(cols[4][0].BigInt(new(big.Int)))
	params := []string{wallet, schema.Address.FormatValue(cols[3][0].BigInt(new(big.Int))), "0", "4294967295"}
	res, err := f.db.Prove(ctx, q, params...)
	if err != nil {
		t.Fatal(err)
	}
	f.registerShape(t, res)
	args, _ := QueryArgsOf(res.Receipt, res.Plan)
	count, _ := new(big.Int).SetString(res.Receipt.Rows[0][0], 10)
	if count.Sign() == 0 {
		t.Fatal("fixture wallet has no transfers")
	}
	// Deploy the airdrop (threshold = the wallet's count) with 10 ETH.
	token := common.HexToAddress(params[1])
	deploy := NewProvenAirdrop().PackConstructor(f.coproc, args.ShapeHash, args.Digest, token, big.NewInt(0), big.NewInt(4294967295), count, big.NewInt(1e18))
	bin := common.FromHex(ProvenAirdropMetaData.Bin)
	rcpt, err := f.chain.send(ctx, nil, append(bin, deploy...))
	if err != nil {
		t.Fatal(err)
	}
	airdrop := rcpt.ContractAddress
	if err := f.chain.transfer(ctx, airdrop, big.NewInt(5e18)); err != nil {
		t.Fatal(err)
	}
	walletAddr := common.HexToAddress(wallet)
	before, _ := f.sim.Client().BalanceAt(ctx, walletAddr, nil)
	rcpt, err = f.chain.sendTo(ctx, airdrop, NewProvenAirdrop().PackClaim(walletAddr))
	if err != nil {
		t.Fatal(err)
	}
	var requestID [32]byte
	for _, l := range rcpt.Logs {
		if ev, err := NewCoprocessor().UnpackQueryRequestedEvent(l); err == nil {
			requestID = ev.RequestId
		}
	}
	if requestID == ([32]byte{}) {
		t.Fatal("no QueryRequested event")
	}
	// Fulfilling with other params is refused; with the proofs, the wallet is paid.
	wrong := append([]*big.Int(nil), args.Params...)
	wrong[2] = big.NewInt(1)
	_, err = f.outsider.sendTo(ctx, f.coproc, NewCoprocessor().PackFulfill(requestID, wrong, args.Cover, args.Segments, args.Opening))
	wantRevert(t, err, "ParamsMismatch")
	rcpt, err = f.outsider.sendTo(ctx, f.coproc, NewCoprocessor().PackFulfill(requestID, args.Params, args.Cover, args.Segments, args.Opening))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("fulfil with callback and payout: %d gas", rcpt.GasUsed)
	after, _ := f.sim.Client().BalanceAt(ctx, walletAddr, nil)
	if new(big.Int).Sub(after, before).Cmp(big.NewInt(1e18)) != 0 {
		t.Fatalf("wallet balance %s → %s, want +1 ETH", before, after)
	}
	_, err = f.outsider.sendTo(ctx, f.coproc, NewCoprocessor().PackFulfill(requestID, args.Params, args.Cover, args.Segments, args.Opening))
	wantRevert(t, err, "RequestNotOpen")
}

func decodeB64(s string) ([]byte, error) { return base64.StdEncoding.DecodeString(s) }

// TestCoverageOnChain: a query whose window is on a SORTED column covers
// only the segments around its window's rows (Coverage), however many
// the table has: b = 2i over 16 segments of 8 rows, the window b ∈ [36,
// 44] (rows 18 … 22, inside segment 2) is proven by segment 2 alone and
// verifies on chain with the result of a receipt holding all 16 segments,
// for less gas. The Coprocessor refuses coverage that leaves out a
// segment holding window rows (the first or last covered segment's window
// then reaches its edge), a wrong hash or count of the segments left out,
// coverage moved along the table, and a shape without a window leaving
// segments out.
func TestCoverageOnChain(t *testing.T) {
	ctx := context.Background()
	row := func(i int) (int64, int64) { return int64(2 * i), int64(i % 5) }
	const query = "SELECT COUNT(*), SUM(v) FROM w WHERE b BETWEEN $1 AND $2"
	args := []string{"36", "44"}
	keep, _ := sortedChainFixtureWith(t, provensql.Options{KeepEverySegment: true}, 128, 3, row)
	all, err := keep.db.Prove(ctx, query, args...)
	if err != nil {
		t.Fatal(err)
	}
	_, allGas := keep.verifyOnChain(t, all)
	f, data := sortedChainFixture(t, 128, 3, row)
	res, err := f.db.Prove(ctx, query, args...)
	if err != nil {
		t.Fatal(err)
	}
	if res.Receipt.FirstSegment != 2 || len(res.Receipt.Segments) != 1 {
		t.Fatalf("segments %d to %d covered, want segment 2 alone", res.Receipt.FirstSegment, res.Receipt.FirstSegment+len(res.Receipt.Segments)-1)
	}
	a, gas := f.verifyOnChain(t, res)
	if got, want := strings.Join(res.Receipt.Rows[0], ","), strings.Join(all.Receipt.Rows[0], ","); got != want || got != "5,10" {
		t.Fatalf("result %s; holding every segment %s; want 5,10", got, want)
	}
	t.Logf("verifyQuery over 16 segments, the window inside one: %d gas, %d bytes of calldata, covering it alone; %d gas holding all 16 (15 shown by their window)", gas, len(VerifyQueryData(a)), allGas)
	if gas >= allGas {
		t.Errorf("covering one segment costs %d gas, holding all %d", gas, allGas)
	}
	// a window over segments 1 to 3 (b ∈ [20, 61]: rows 10 … 30), covered
	// with one of its end segments cut: the arguments are otherwise those
	// of the edited receipt
	wide, err := f.db.Prove(ctx, query, "20", "61")
	if err != nil {
		t.Fatal(err)
	}
	if wide.Receipt.FirstSegment != 1 || len(wide.Receipt.Segments) != 3 {
		t.Fatalf("segments %d to %d covered, want 1 to 3", wide.Receipt.FirstSegment, wide.Receipt.FirstSegment+len(wide.Receipt.Segments)-1)
	}
	f.verifyOnChain(t, wide)
	covering := func(first, n int) func(*QueryArgs) {
		b, err := QueryArgsOf(cutReceipt(t, wide.Receipt, first, n), wide.Plan)
		if err != nil {
			t.Fatal(err)
		}
		return func(a *QueryArgs) { *a = *b }
	}
	f.wantRefused(t, wide, []refusal{
		{"segment 1 left out", "Uncovered", covering(2, 2)},
		{"segment 3 left out", "Uncovered", covering(1, 2)},
	})
	// the window's rows counted: no proof, the opening of the windows is
	// the whole proof, so a dishonest prover makes it for the segments it
	// covers; leaving segment 1 out would count 20 rows, not 21
	count, err := f.db.Prove(ctx, "SELECT COUNT(*) FROM w WHERE b BETWEEN $1 AND $2", "20", "61")
	if err != nil {
		t.Fatal(err)
	}
	if count.Receipt.Proven() != 0 || count.Receipt.FirstSegment != 1 || len(count.Receipt.Segments) != 3 {
		t.Fatalf("%d proofs, segments %d to %d covered; want none, 1 to 3", count.Receipt.Proven(), count.Receipt.FirstSegment, count.Receipt.FirstSegment+len(count.Receipt.Segments)-1)
	}
	f.verifyOnChain(t, count)
	short, err := QueryArgsOf(cutReceipt(t, count.Receipt, 2, 2), count.Plan)
	if err != nil {
		t.Fatal(err)
	}
	short.Opening = f.openingOfWindows(t, count, short, data[0])
	f.wantRefused(t, count, []refusal{
		{"segment 1 left out, the opening made for the rest", "Uncovered", func(a *QueryArgs) { *a = *short }},
	})
	f.wantRefused(t, res, []refusal{
		{"a later segment hashed wrong", "FullSegmentsDiffer", func(a *QueryArgs) { a.Cover.Later[5][0] ^= 1 }},
		{"a later segment not hashed", "FullSegmentsDiffer", func(a *QueryArgs) { a.Cover.Later = a.Cover.Later[1:] }},
		{"the chain before it changed", "FullSegmentsDiffer", func(a *QueryArgs) { a.Cover.Before[31] ^= 1 }},
		{"moved one segment up", "FullSegmentsDiffer", func(a *QueryArgs) { a.Cover.First = big.NewInt(3) }},
		{"moved to segment 0, the chain before it kept", "FullSegmentsDiffer", func(a *QueryArgs) {
			a.Cover.First = big.NewInt(0)
			a.Cover.Later = append(make([][32]byte, 2), a.Cover.Later...)
		}},
		{"past the table's end", "SegmentCount", func(a *QueryArgs) { a.Cover.First = big.NewInt(16) }},
	})
	// a shape without a window leaves no segment out
	plain, err := f.db.Prove(ctx, "SELECT COUNT(*), SUM(v) FROM w WHERE v > $1", "2")
	if err != nil {
		t.Fatal(err)
	}
	if len(plain.Receipt.Segments) != 16 {
		t.Fatalf("%d segments held without a window, want 16", len(plain.Receipt.Segments))
	}
	f.verifyOnChain(t, plain)
	cut, err := QueryArgsOf(cutReceipt(t, plain.Receipt, 2, 1), plain.Plan)
	if err != nil {
		t.Fatal(err)
	}
	f.wantRefused(t, plain, []refusal{
		{"segments left out without a window", "Uncovered", func(a *QueryArgs) { *a = *cut }},
	})
}

// cutReceipt returns rc holding only the table's segments first … first +
// n − 1 of those it holds, with their proofs.
func cutReceipt(t *testing.T, rc *receipt.Receipt, first, n int) *receipt.Receipt {
	t.Helper()
	proofs, err := receipt.DecodeProof(rc.Proof, rc.Proven())
	if err != nil {
		t.Fatal(err)
	}
	cut := *rc
	from := first - rc.FirstSegment
	cut.FirstSegment, cut.Segments = first, rc.Segments[from:from+n]
	skip := 0 // the proofs of the segments before the cut
	for _, seg := range rc.Segments[:from] {
		if !seg.WindowOnly {
			skip++
		}
	}
	cut.Proof = receipt.EncodeProof(proofs[skip : skip+cut.Proven()])
	return &cut
}

// TestPostGrowing: a table posted as it grows, a few segments a post
// (PostGrowing), each post carrying only the segments it adds: 16
// segments of 8 rows, five posted first, then three a post from there,
// make five commitments, each the Go digest of the table's prefix, the
// last the whole table's. A query over the last rows verifies against the
// last commitment.
func TestPostGrowing(t *testing.T) {
	ctx := context.Background()
	db, m, _ := sortedTable(t, provensql.Options{}, 128, 3, func(i int) (int64, int64) { return int64(2 * i), int64(i % 5) })
	f := newChainFixture(t, db)
	tc := m.Commitment()
	prefix := func(n int) *commitment.TableCommitment {
		p := tc
		p.Segments, p.Rows = tc.Segments[:n], n<<tc.LogCapacity
		return &p
	}
	// five segments posted first, the rest three a post from there
	if _, err := f.chain.PostCommitment(ctx, f.coproc, prefix(5)); err != nil {
		t.Fatal(err)
	}
	gas, err := f.chain.PostGrowing(ctx, f.coproc, &tc, 3*64*len(tc.Schema.Columns))
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, n := range []int{5, 8, 11, 14, 16} {
		d, err := prefix(n).Digest()
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, d)
	}
	f.wantHistory(t, "w", want...)
	t.Logf("11 more segments posted three at a time: %d gas in four posts", gas)
	res, err := db.Prove(ctx, "SELECT COUNT(*), SUM(v) FROM w WHERE b >= $1", "250")
	if err != nil {
		t.Fatal(err)
	}
	if res.Receipt.FirstSegment != 15 || len(res.Receipt.Segments) != 1 {
		t.Fatalf("segments %d to %d held, want 15 alone", res.Receipt.FirstSegment, res.Receipt.FirstSegment+len(res.Receipt.Segments)-1)
	}
	if got := strings.Join(res.Receipt.Rows[0], ","); got != "3,3" { // rows 125 … 127: v 0, 1, 2
		t.Fatalf("result %s, want 3,3", got)
	}
	f.verifyOnChain(t, res)
}
