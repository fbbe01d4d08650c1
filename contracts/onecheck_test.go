package contracts

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"math/big"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	bls12377 "github.com/consensys/gnark-crypto/ecc/bls12-377"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/ethereum/go-ethereum/common"

	"github.com/provensql/provensql"
	"github.com/provensql/provensql/prover"
	"github.com/provensql/provensql/schema"
)

var updateOneCheck = flag.Bool("update-one-check", false, "regenerate test/fixtures/onecheck.json (a one-check proof: minutes and about 8 GiB)")

// oneCheckFixture is a one-check proof of oneCheckSQL over the pay table
// (Amounts in segments of 2^LogCapacity rows, with their UINT256 values,
// payValue) with the BLS12-377 commitments it was proven against, as the
// table's owner posts them.
type oneCheckFixture struct {
	SQL         string   `json:"sql"`
	Params      []string `json:"params"`
	LogCapacity int      `json:"log_capacity"`
	Amounts     []int64  `json:"amounts"`
	RowCounts   []int    `json:"row_counts"`
	// Columns[s][c] is segment s's column c's commitment over BLS12-377,
	// compressed, in hex.
	Columns  [][]string       `json:"columns"`
	OneCheck *prover.OneCheck `json:"one_check"`
	// Want is the result verifyQuery returns, per partial: COUNT, SUM,
	// MIN and MAX of amount, the MAX of value's two 128-bit limbs.
	Want []string `json:"want"`
}

const oneCheckSQL = "SELECT COUNT(*), SUM(amount), MIN(amount), MAX(amount), MAX(value) FROM pay WHERE amount > $1"

var oneCheckAmounts = []int64{-7, 5, -2, 9, 0, -3, 14, 3, -1, 6, -9, 2} // 8 + 4 rows

// payValue is row i's UINT256 value in a pay table: (|amount| + 1)·2^250
// + i, past BLS12-377's r for most rows.
func payValue(i int, amount int64) *big.Int {
	a := big.NewInt(amount)
	return new(big.Int).Add(new(big.Int).Lsh(a.Abs(a).Add(a, big.NewInt(1)), 250), big.NewInt(int64(i)))
}

// payRows are the columns of a pay table's rows amounts (from row first
// on): amount, value (payValue) and value's high limb.
func payRows(amounts []int64, first int) [][]fr.Element {
	cols := make([][]fr.Element, 3)
	for i, a := range amounts {
		lo, hi := schema.SplitUint256(payValue(first+i, a))
		cols[0], cols[1], cols[2] = append(cols[0], schema.Encode(big.NewInt(a))), append(cols[1], schema.Encode(lo)), append(cols[2], schema.Encode(hi))
	}
	return cols
}

// payTable stores amounts as the table name(amount BIGINT, value
// UINT256) in a new DB, segments of 2^logCap rows.
func payTable(t *testing.T, name string, amounts []int64, logCap int) (*provensql.DB, *schema.Table) {
	t.Helper()
	db, err := provensql.Open(t.TempDir(), provensql.Options{SRSSize: 1 << logCap})
	if err != nil {
		t.Fatal(err)
	}
	tbl := &schema.Table{Name: name, Columns: schema.WithLimbs([]schema.Column{{Name: "amount", Type: schema.BigInt}, {Name: "value", Type: schema.Uint256}})}
	if _, err := db.Store().Append(tbl, logCap, payRows(amounts, 0)); err != nil {
		t.Fatal(err)
	}
	return db, tbl
}

// TestOneCheckCoprocessor checks the one-check entry with a real proof
// (test/fixtures/onecheck.json; regenerate with go test ./contracts -run
// TestOneCheckCoprocessor -update-one-check): posted against the table's
// Coprocessor commitment with the table's BLS12-377 digest, it returns
// COUNT, SUM, MIN and MAX; a partial, the parameter, the digest, the
// table changed, or a shape of fewer slots than the table's segments, is
// refused, and so is a digest posted
// by someone who is not an indexer, twice, or for no commitment.
func TestOneCheckCoprocessor(t *testing.T) {
	path := filepath.Join("test", "fixtures", "onecheck.json")
	if *updateOneCheck {
		writeOneCheckFixture(t, path)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("fixture missing (go test ./contracts -run TestOneCheckCoprocessor -update-one-check): %v", err)
	}
	var fx oneCheckFixture
	if err := json.Unmarshal(raw, &fx); err != nil {
		t.Fatal(err)
	}
	oc := fx.OneCheck
	if oc == nil || oc.Kind != prover.OneCheckKind {
		t.Fatalf("the fixture's proof is not a %s proof: regenerate it", prover.OneCheckKind)
	}
	// the posted table's digest, recomputed from its commitments
	table := &prover.TwoChainTable{Name: "pay", RowCounts: fx.RowCounts}
	for _, seg := range fx.Columns {
		var cs []bls12377.G1Affine
		for _, h := range seg {
			b, err := hex.DecodeString(h)
			if err != nil {
				t.Fatal(err)
			}
			var p bls12377.G1Affine
			if _, err := p.SetBytes(b); err != nil {
				t.Fatal(err)
			}
			cs = append(cs, p)
		}
		table.Columns = append(table.Columns, cs)
	}
	digest377, _, err := table.Digest()
	if err != nil {
		t.Fatal(err)
	}
	if digest377.Cmp(oc.TableDigest) != 0 {
		t.Fatal("the proof's table digest is not its table's")
	}

	ctx := context.Background()
	db, _ := payTable(t, "pay", fx.Amounts, fx.LogCapacity)
	f := newChainFixture(t, db)
	m, err := db.Store().Manifest("pay")
	if err != nil {
		t.Fatal(err)
	}
	tc := m.Commitment()
	plan, err := db.Plan(fx.SQL, fx.Params...)
	if err != nil {
		t.Fatal(err)
	}
	proof := &OneCheckProof{VerifyingKey: oc.VerifyingKey, Proof: oc.Proof, Outputs: oc.Outputs, Slots: oc.Slots}
	run, err := TakeOneCheckOnChain(ctx, f.chain, db.Store().SRS().VerifyingKey(), &tc, digest377, oc.VerifyingKey, proof, plan, ".")
	if err != nil {
		t.Fatalf("the one-check entry refused the honest proof: %v", err)
	}
	segments := len(fx.RowCounts)
	t.Logf("deploy OneCheckCoprocessor %d gas, postTableDigest %d gas, the verifier %d gas; verifyQuery (one check, %d segments): %d gas, %d bytes of calldata",
		run.OneCheckDeployGas, run.PostDigestGas, run.VerifierGas, segments, run.VerifyGas, run.CalldataBytes)
	got := run.Result
	if len(got) != len(fx.Want) {
		t.Fatalf("result %v, want %v", got, fx.Want)
	}
	for i := range got {
		if got[i].String() != fx.Want[i] {
			t.Fatalf("result %v, want %v", got, fx.Want)
		}
	}
	// the proof's rows: the MAX of value whole, its limbs joined
	maxValue := new(big.Int).Add(new(big.Int).Lsh(got[5], 128), got[4])
	if want := append(append([]string{}, fx.Want[:4]...), maxValue.String()); !slices.Equal(oc.Rows[0], want) {
		t.Fatalf("the proof's rows %v, want %v", oc.Rows, want)
	}
	f.coproc = run.Coprocessor
	oneCheck, verifier := run.OneCheck, run.Verifier
	digest, _ := tc.Digest()

	// another table version: one row more (the same segments), its
	// commitment posted, at first without a BLS12-377 digest
	if _, err := db.Store().Append(&m.Schema, fx.LogCapacity, payRows([]int64{1}, len(fx.Amounts))); err != nil {
		t.Fatal(err)
	}
	digest2 := postTable(t, f, db, "pay")
	// another table, for the shape's table check
	other, _ := payTable(t, "other", []int64{1, 2, 3}, fx.LogCapacity)
	otherDigest := postTable(t, f, other, "other")
	// the shape registered for one slot (tables of one segment), under
	// another hash
	one := append([]byte{}, oc.VerifyingKey...)
	one = append(one, 1)
	if _, err := f.chain.RegisterOneCheckShape(ctx, oneCheck, verifier, one, plan, 1); err != nil {
		t.Fatal(err)
	}

	r377 := ecc.BLS12_377.ScalarField()
	for _, c := range []struct {
		name  string
		alter func(a *OneCheckArgs)
		want  string
	}{
		{"a COUNT one higher", func(a *OneCheckArgs) { a.Outputs[0] = new(big.Int).Add(a.Outputs[0], big.NewInt(1)) }, "ProofRejected"},
		{"a SUM one higher", func(a *OneCheckArgs) { a.Outputs[2] = new(big.Int).Add(a.Outputs[2], big.NewInt(1)) }, "ProofRejected"},
		{"a MIN one lower", func(a *OneCheckArgs) { a.Outputs[4] = new(big.Int).Sub(a.Outputs[4], big.NewInt(1)) }, "ProofRejected"},
		{"a MAX one higher", func(a *OneCheckArgs) { a.Outputs[5] = new(big.Int).Add(a.Outputs[5], big.NewInt(1)) }, "ProofRejected"},
		{"a SUM's high word changed", func(a *OneCheckArgs) { a.Outputs[3] = new(big.Int).Add(a.Outputs[3], big.NewInt(1)) }, "ProofRejected"},
		{"a UINT256 MAX one higher", func(a *OneCheckArgs) { a.Outputs[6] = new(big.Int).Add(a.Outputs[6], big.NewInt(1)) }, "ProofRejected"},
		{"a UINT256 MAX's high word changed", func(a *OneCheckArgs) { a.Outputs[7] = new(big.Int).Sub(a.Outputs[7], big.NewInt(1)) }, "ProofRejected"},
		{"another parameter", func(a *OneCheckArgs) { a.Params[0] = new(big.Int).Sub(r377, big.NewInt(2)) }, "ProofRejected"},
		{"a parameter outside the field", func(a *OneCheckArgs) { a.Params[0] = new(big.Int).Add(a.Params[0], r377) }, "NotInField"},
		{"a parameter missing", func(a *OneCheckArgs) { a.Params = nil }, "ParamCount"},
		{"an output missing", func(a *OneCheckArgs) { a.Outputs = a.Outputs[:7] }, "OutputCount"},
		{"the proof's bytes changed", func(a *OneCheckArgs) { a.Proof = append([]byte{}, a.Proof...); a.Proof[5] ^= 1 }, "ProofRejected"},
		{"an unknown shape", func(a *OneCheckArgs) { a.ShapeHash[0] ^= 1 }, "UnknownShape"},
		{"a shape of fewer slots than the table's segments", func(a *OneCheckArgs) { a.ShapeHash = OneCheckShapeHash(one) }, "TooManySegments"},
		{"a table version without a digest", func(a *OneCheckArgs) { a.Commitment = mustWord(t, digest2) }, "NoTableDigest"},
		{"another table", func(a *OneCheckArgs) { a.Commitment = mustWord(t, otherDigest) }, "WrongTable"},
		{"a commitment never posted", func(a *OneCheckArgs) { a.Commitment[0] ^= 1 }, "UnknownCommitment"},
	} {
		t.Run(c.name, func(t *testing.T) {
			a, err := OneCheckArgsOf(proof, plan, digest)
			if err != nil {
				t.Fatal(err)
			}
			a.Params, a.Outputs = append([]*big.Int{}, a.Params...), append([]*big.Int{}, a.Outputs...)
			c.alter(a)
			wantOneCheckRevert(t, f.chain, oneCheck, a, c.want)
		})
	}

	// the new version's digest posted: the proof is about the old one's
	lo := new(big.Int).Add(oc.TableDigest, big.NewInt(1))
	if _, err := f.chain.PostTableDigest(ctx, oneCheck, digest2, lo); err != nil {
		t.Fatal(err)
	}
	t.Run("another version's digest", func(t *testing.T) {
		a, _ := OneCheckArgsOf(proof, plan, digest2)
		wantOneCheckRevert(t, f.chain, oneCheck, a, "ProofRejected")
	})
	// postTableDigest refusals, sent as they are (PostTableDigest checks
	// the digest's width itself)
	low, high := splitWord(oc.TableDigest)
	for _, c := range []struct {
		name      string
		chain     *Chain
		post      string
		low, high *big.Int
		want      string
	}{
		{"a digest posted twice", f.chain, digest, low, high, "AlreadyPosted"},
		{"a digest posted by someone not an indexer", f.outsider, otherDigest, low, high, "NotIndexer"},
		{"a digest for no commitment", f.chain, hex.EncodeToString(make([]byte, 32)), low, high, "UnknownCommitment"},
		{"a digest of 378 bits", f.chain, otherDigest, low, new(big.Int).Lsh(big.NewInt(1), 377-192), "BadDigest"},
		{"a low word of 193 bits", f.chain, otherDigest, new(big.Int).Lsh(big.NewInt(1), 192), high, "BadDigest"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := c.chain.send(ctx, &oneCheck, NewOneCheckCoprocessor().PackPostTableDigest(mustWord(t, c.post), c.low, c.high))
			var rev *Revert
			if !errors.As(err, &rev) || rev.Reason != c.want {
				t.Fatalf("error %v, want a %s revert", err, c.want)
			}
		})
	}
	if _, err := f.chain.PostTableDigest(ctx, oneCheck, otherDigest, new(big.Int).Lsh(big.NewInt(1), 377)); err == nil {
		t.Error("PostTableDigest took a digest of 378 bits")
	}
}

// postTable posts db's table name as it stands to f's Coprocessor and
// returns its commitment's digest.
func postTable(t *testing.T, f *fixture, db *provensql.DB, name string) string {
	t.Helper()
	m, err := db.Store().Manifest(name)
	if err != nil {
		t.Fatal(err)
	}
	tc := m.Commitment()
	if _, err := f.chain.PostCommitment(context.Background(), f.coproc, &tc); err != nil {
		t.Fatal(err)
	}
	d, err := tc.Digest()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// wantOneCheckRevert calls verifyQuery with a and wants the named revert.
func wantOneCheckRevert(t *testing.T, chain *Chain, oneCheck common.Address, a *OneCheckArgs, reason string) {
	t.Helper()
	_, _, err := chain.VerifyOneCheck(context.Background(), oneCheck, a)
	var rev *Revert
	if !errors.As(err, &rev) || rev.Reason != reason {
		t.Fatalf("error %v, want a %s revert", err, reason)
	}
}

func mustWord(t *testing.T, digest string) [32]byte {
	t.Helper()
	w, err := digestWord(digest)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// writeOneCheckFixture proves oneCheckSQL over the pay table for one
// check (set-up included: minutes, about 8 GiB) and writes the fixture.
func writeOneCheckFixture(t *testing.T, path string) {
	t.Helper()
	const logCap = 3
	db, _ := payTable(t, "pay", oneCheckAmounts, logCap)
	params := []string{"-3"}
	oc, _, err := db.ProveOneCheck(context.Background(), oneCheckSQL, params...)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.VerifyOneCheck(oc); err != nil {
		t.Fatal(err)
	}
	posted, err := db.TwoChainTable("pay")
	if err != nil {
		t.Fatal(err)
	}
	fx := oneCheckFixture{SQL: oneCheckSQL, Params: params, LogCapacity: logCap, Amounts: oneCheckAmounts, RowCounts: posted.RowCounts, OneCheck: oc}
	for _, seg := range posted.Columns {
		var hs []string
		for _, p := range seg {
			b := p.Bytes()
			hs = append(hs, hex.EncodeToString(b[:]))
		}
		fx.Columns = append(fx.Columns, hs)
	}
	// the result, from the amounts: COUNT, SUM, MIN, MAX of amount > −3,
	// and the MAX of value as its two limbs
	var count, sum int64
	lo, hi := int64(1<<62), int64(-1<<62)
	top := new(big.Int)
	for i, a := range oneCheckAmounts {
		if a > -3 {
			count, sum, lo, hi = count+1, sum+a, min(lo, a), max(hi, a)
			if v := payValue(i, a); v.Cmp(top) > 0 {
				top = v
			}
		}
	}
	low, high := schema.SplitUint256(top)
	fx.Want = []string{strconv.FormatInt(count, 10), strconv.FormatInt(sum, 10), strconv.FormatInt(lo, 10), strconv.FormatInt(hi, 10), low.String(), high.String()}
	b, err := json.MarshalIndent(fx, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestOneCheckArgsRefusals: converting a one-check proof for the entry
// refuses what it cannot convert, each by name: no proof, a commitment
// digest that is not 32 bytes of hex, outputs of another count than the
// plan's partials and parameters make, proof bytes that are not a proof.
func TestOneCheckArgsRefusals(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("test", "fixtures", "onecheck.json"))
	if err != nil {
		t.Fatal(err)
	}
	var fx oneCheckFixture
	if err := json.Unmarshal(raw, &fx); err != nil {
		t.Fatal(err)
	}
	db, _ := payTable(t, "pay", fx.Amounts, fx.LogCapacity)
	plan, err := db.Plan(fx.SQL, fx.Params...)
	if err != nil {
		t.Fatal(err)
	}
	good := func() *OneCheckProof {
		return &OneCheckProof{VerifyingKey: fx.OneCheck.VerifyingKey, Proof: fx.OneCheck.Proof, Outputs: append([]*big.Int{}, fx.OneCheck.Outputs...)}
	}
	digest := hex.EncodeToString(make([]byte, 32))
	if _, err := OneCheckArgsOf(good(), plan, digest); err != nil {
		t.Fatalf("the fixture's proof: %v", err)
	}
	for _, c := range []struct {
		name   string
		proof  *OneCheckProof
		digest string
		want   string
	}{
		{"no proof", nil, digest, "needs the proof"},
		{"a short digest", good(), "abcd", "not 32 bytes of hex"},
		{"a digest not hex", good(), "zz" + digest[2:], "not 32 bytes of hex"},
		{"an output missing", func() *OneCheckProof { p := good(); p.Outputs = p.Outputs[1:]; return p }(), digest, "outputs"},
		{"proof bytes not a proof", func() *OneCheckProof { p := good(); p.Proof = []byte{1, 2, 3}; return p }(), digest, "proof's bytes"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := OneCheckArgsOf(c.proof, plan, c.digest)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want one naming %q", err, c.want)
			}
		})
	}
}
