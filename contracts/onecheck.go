package contracts

import (
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math/big"
	"strings"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bn254/kzg"
	"github.com/consensys/gnark/backend/groth16"
	"github.com/consensys/gnark/backend/solidity"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"golang.org/x/crypto/sha3"

	"github.com/provensql/provensql/commitment"
	"github.com/provensql/provensql/internal/twochain"
	"github.com/provensql/provensql/planner"
)

// DeployOneCheck deploys the one-check entry (OneCheckCoprocessor.sol)
// over a deployed Coprocessor, whose indexers post to it and whose
// commitments its table digests belong to.
func (c *Chain) DeployOneCheck(ctx context.Context, coproc common.Address) (common.Address, *types.Receipt, error) {
	bin, err := hex.DecodeString(strings.TrimPrefix(OneCheckCoprocessorMetaData.Bin, "0x"))
	if err != nil {
		return common.Address{}, nil, fmt.Errorf("contracts: the one-check entry's bytecode: %w", err)
	}
	rcpt, err := c.send(ctx, nil, append(bin, NewOneCheckCoprocessor().PackConstructor(coproc)...))
	if err != nil {
		return common.Address{}, rcpt, err
	}
	return rcpt.ContractAddress, rcpt, nil
}

// DeployGroth16Verifier exports the Solidity verifier of a BN254 Groth16
// key (gnark's, its commitments hashed with keccak256 as
// solidity.WithProverTargetSolidityVerifier proves them), compiles it with
// the pinned solc-js of contractsDir and deploys it: a one-check shape's
// verifier, from the wrapper's key.
func (c *Chain) DeployGroth16Verifier(ctx context.Context, contractsDir string, vk groth16.VerifyingKey) (common.Address, *Compiled, *types.Receipt, error) {
	var src bytes.Buffer
	if err := exportGroth16(vk, &src); err != nil {
		return common.Address{}, nil, nil, err
	}
	compiled, err := CompileVerifier(contractsDir, src.Bytes())
	if err != nil {
		return common.Address{}, nil, nil, err
	}
	addr, rcpt, err := c.Deploy(ctx, compiled.Bin)
	if err != nil {
		return common.Address{}, nil, nil, fmt.Errorf("contracts: deploying the verifier: %w", err)
	}
	return addr, compiled, rcpt, nil
}

// exportGroth16 writes gnark's Solidity verifier of vk, its commitments
// hashed with keccak256.
func exportGroth16(vk groth16.VerifyingKey, w io.Writer) error {
	if err := vk.ExportSolidity(w, solidity.WithHashToFieldFunction(sha3.NewLegacyKeccak256())); err != nil {
		return fmt.Errorf("contracts: exporting the verifier: %w", err)
	}
	return nil
}

// ExportOneCheckVerifier writes the Solidity verifier of a one-check
// wrapper key (as gnark writes it: OneCheck.VerifyingKey,
// provensql.DB.OneCheckVerifyingKey), for the one-check entry's
// registerShape.
func ExportOneCheckVerifier(vkBytes []byte, w io.Writer) error {
	vk := groth16.NewVerifyingKey(ecc.BN254)
	if _, err := vk.ReadFrom(bytes.NewReader(vkBytes)); err != nil {
		return fmt.Errorf("contracts: the one-check verifying key: %w", err)
	}
	return exportGroth16(vk, w)
}

// PostTableDigest posts a table version's BLS12-377 digest
// (prover.TwoChainTable.Digest) for its commitment's digest on the
// Coprocessor (hex, as TableCommitment.Digest gives it), from the chain's
// key (one of the Coprocessor's indexers).
func (c *Chain) PostTableDigest(ctx context.Context, oneCheck common.Address, commitmentDigest string, digest *big.Int) (*types.Receipt, error) {
	id, err := digestWord(commitmentDigest)
	if err != nil {
		return nil, err
	}
	if digest == nil || digest.Sign() < 0 || digest.BitLen() > 377 {
		return nil, fmt.Errorf("contracts: table digest %v is not a BW6-761 scalar", digest)
	}
	low, high := splitWord(digest)
	return c.send(ctx, &oneCheck, NewOneCheckCoprocessor().PackPostTableDigest(id, low, high))
}

// OneCheckShapeHash names a one-check shape on chain: the keccak256 of
// its wrapper's verifying key (as gnark writes it), which fixes the query
// shape, the segment size, the aggregator's slots and the SRS.
func OneCheckShapeHash(vk []byte) [32]byte {
	var h [32]byte
	copy(h[:], crypto.Keccak256(vk))
	return h
}

// RegisterOneCheckShape registers the verifier of a plan's one-check
// proofs whose aggregator has slots slots (its wrapper key's, deployed at
// verifier; a proof's Slots, so it verifies tables of up to slots
// segments) under OneCheckShapeHash(vk); only the owner may.
func (c *Chain) RegisterOneCheckShape(ctx context.Context, oneCheck, verifier common.Address, vk []byte, plan *planner.Plan, slots int) (*types.Receipt, error) {
	if !oneCheckOnChain(plan) {
		return nil, ErrNotOneCheck
	}
	a := ShapeArgsOf(plan)
	return c.send(ctx, &oneCheck, NewOneCheckCoprocessor().PackRegisterShape(OneCheckShapeHash(vk), verifier, a.TableID, OneCheckKindsOf(plan), uint16(OneCheckParams(plan)), uint32(slots)))
}

// oneCheckOnChain says whether the one-check entry reads a plan's result:
// one row of aggregates over one table, UINT256 columns and parameters
// included.
func oneCheckOnChain(plan *planner.Plan) bool {
	return !plan.Grouped && !plan.RowResult && plan.Query.Limit < 0 && plan.Query.Join == nil
}

// ErrNotOneCheck refuses a query the one-check entry cannot read yet.
var ErrNotOneCheck = errors.New("contracts: GROUP BY, row-returning, LIMIT and JOIN results are not verified by the one-check entry yet")

// OneCheckParams is how many parameter words the one-check entry takes
// of a plan: one a parameter, two a UINT256's (its 128-bit limbs, as its
// segments' statements hold it).
func OneCheckParams(plan *planner.Plan) int { return len(plan.PublicParamTypes()) }

// One-check partial kinds (OneCheckCoprocessor.registerShape's kinds).
const (
	OneCheckCount       uint8 = iota // a COUNT: two words
	OneCheckSum                      // a SUM (or one limb of a UINT256's): two words
	OneCheckMin                      // a signed MIN: one word
	OneCheckMax                      // a signed MAX: one word
	OneCheckUint256Low               // a UINT256 MIN or MAX's low limb: two words, its value
	OneCheckUint256High              // its high limb, the partial after: no word
)

// OneCheckKindsOf is a plan's partials as the one-check entry reads them,
// in the plan's order (one a partial).
func OneCheckKindsOf(plan *planner.Plan) []uint8 {
	kinds := make([]uint8, len(plan.Partials))
	for k, p := range plan.Partials {
		switch {
		case plan.WideExtreme(k):
			kinds[k] = OneCheckUint256Low
		case (p.Kind == planner.PartialMin || p.Kind == planner.PartialMax) && p.Limb == 1:
			kinds[k] = OneCheckUint256High
		case p.Kind == planner.PartialMin:
			kinds[k] = OneCheckMin
		case p.Kind == planner.PartialMax:
			kinds[k] = OneCheckMax
		case p.Kind == planner.PartialCount:
			kinds[k] = OneCheckCount
		default:
			kinds[k] = OneCheckSum
		}
	}
	return kinds
}

// OneCheckOutputWidths is how the wrapper exposes a shape of these kinds
// (OneCheckKindsOf) with params parameters: its sums, then its MIN and
// MAX, its parameters and the table digest
// (twochain.QueryOutputWidths).
func OneCheckOutputWidths(kinds []uint8, params int) []twochain.OutputWidth {
	sums := 0
	var extremes []twochain.OutputWidth
	for _, k := range kinds {
		switch k {
		case OneCheckCount, OneCheckSum:
			sums++
		case OneCheckMin, OneCheckMax:
			extremes = append(extremes, twochain.Scalar)
		case OneCheckUint256Low:
			extremes = append(extremes, twochain.Wide)
		}
	}
	return twochain.QueryOutputWidths(sums, extremes, params)
}

// OneCheckArgs are the one-check entry's verifyQuery arguments.
type OneCheckArgs struct {
	ShapeHash  [32]byte
	Commitment [32]byte
	// Params are the plan's parameters in BLS12-377's scalar field;
	// Outputs the proof's partial outputs (the wrapper's outputs before
	// the parameters and the table digest: the entry hashes them all into
	// the verifier's one public input); Proof its MarshalSolidity bytes.
	Params  []*big.Int
	Outputs []*big.Int
	Proof   []byte
}

// OneCheckProof is what the one-check entry takes of a one-check proof
// (prover.OneCheck): its wrapper key and proof as gnark writes them, and
// its outputs (what the wrapper's one public input is the digest of:
// twochain.OutputDigest).
type OneCheckProof struct {
	VerifyingKey, Proof []byte
	Outputs             []*big.Int
	// Slots are its aggregator's, what its verifier is registered for (0:
	// twochain.Slots of the table's segments).
	Slots int
}

// OneCheckArgsOf converts a one-check proof of plan, against the table
// version whose Coprocessor commitment is commitmentDigest (hex), to
// verifyQuery's arguments.
func OneCheckArgsOf(oc *OneCheckProof, plan *planner.Plan, commitmentDigest string) (*OneCheckArgs, error) {
	if oc == nil || plan == nil {
		return nil, errors.New("contracts: a one-check call needs the proof and its plan")
	}
	id, err := digestWord(commitmentDigest)
	if err != nil {
		return nil, err
	}
	vals, err := plan.PublicParamValues()
	if err != nil {
		return nil, err
	}
	r := ecc.BLS12_377.ScalarField()
	a := &OneCheckArgs{ShapeHash: OneCheckShapeHash(oc.VerifyingKey), Commitment: id}
	for _, v := range vals {
		a.Params = append(a.Params, new(big.Int).Mod(v, r))
	}
	// the outputs as the wrapper exposes them (twochain.QueryOutputWidths):
	// the partials' words, then the parameters' and the digest's
	widths := OneCheckOutputWidths(OneCheckKindsOf(plan), len(a.Params))
	if total := twochain.PartsOf(widths); len(oc.Outputs) != total {
		return nil, fmt.Errorf("contracts: the one-check proof has %d outputs, its %d partials and %d parameters make %d", len(oc.Outputs), len(plan.Partials), len(a.Params), total)
	}
	a.Outputs = oc.Outputs[:twochain.PartsOf(widths[:len(widths)-len(a.Params)-1])]
	proof := groth16.NewProof(ecc.BN254)
	if _, err := proof.ReadFrom(bytes.NewReader(oc.Proof)); err != nil {
		return nil, fmt.Errorf("contracts: the one-check proof's bytes: %w", err)
	}
	if a.Proof, err = solidityProof(proof); err != nil {
		return nil, err
	}
	return a, nil
}

// VerifyOneCheck calls the one-check entry's verifyQuery and returns the
// result it delivers (per partial, in the plan's order) and the gas a
// transaction doing the same would use.
func (c *Chain) VerifyOneCheck(ctx context.Context, oneCheck common.Address, a *OneCheckArgs) ([]*big.Int, uint64, error) {
	out, gas, err := c.callAndEstimate(ctx, oneCheck, NewOneCheckCoprocessor().PackVerifyQuery(a.ShapeHash, a.Commitment, a.Params, a.Outputs, a.Proof))
	if err != nil {
		return nil, 0, err
	}
	res, err := NewOneCheckCoprocessor().UnpackVerifyQuery(out)
	if err != nil {
		return nil, 0, err
	}
	return res, gas, nil
}

// digestWord is a commitment digest's 32 bytes.
func digestWord(digest string) ([32]byte, error) {
	var w [32]byte
	b, err := hex.DecodeString(strings.TrimPrefix(digest, "0x"))
	if err != nil || len(b) != 32 {
		return w, fmt.Errorf("contracts: commitment digest %q is not 32 bytes of hex", digest)
	}
	copy(w[:], b)
	return w, nil
}

// splitWord splits v at bit 192, as the one-check outputs are.
func splitWord(v *big.Int) (low, high *big.Int) {
	mask := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 192), big.NewInt(1))
	return new(big.Int).And(v, mask), new(big.Int).Rsh(v, 192)
}

// OneCheckOnChainRun is what taking a one-check proof on chain cost
// (TakeOneCheckOnChain).
type OneCheckOnChainRun struct {
	Coprocessor, OneCheck, Verifier common.Address
	// Gas of each transaction: deploying the Coprocessor, posting the
	// table commitment, deploying the one-check entry, posting the
	// table's BLS12-377 digest, deploying the shape's verifier (gnark's,
	// the wrapper key's) and the verifyQuery call itself.
	DeployGas, PostGas, OneCheckDeployGas, PostDigestGas, VerifierGas, VerifyGas uint64
	// CalldataBytes is the size of verifyQuery's calldata.
	CalldataBytes int
	// Result is what the entry delivered: per partial, in the plan's order.
	Result []*big.Int
}

// TakeOneCheckOnChain takes a one-check proof of plan on chain from
// scratch: it deploys a Coprocessor for the store's SRS, makes the sender
// an indexer, posts the table commitment tc and, to a new one-check entry,
// the table's BLS12-377 digest (prover.TwoChainTable.Digest: what the
// indexer vouches for, not what the proof claims), exports, compiles
// (solc-js from contractsDir) and deploys the verifier of the wrapper key
// vk (the one the verifier trusts: provensql.DB.OneCheckVerifyingKey),
// registers the shape and calls verifyQuery.
func TakeOneCheckOnChain(ctx context.Context, chain *Chain, srs kzg.VerifyingKey, tc *commitment.TableCommitment, digest377 *big.Int, vk []byte, oc *OneCheckProof, plan *planner.Plan, contractsDir string) (*OneCheckOnChainRun, error) {
	run := &OneCheckOnChainRun{}
	coproc, deployGas, postGas, err := chain.deployAndPost(ctx, srs, tc)
	if err != nil {
		return nil, err
	}
	run.Coprocessor, run.DeployGas, run.PostGas = coproc, deployGas, postGas
	digest, err := tc.Digest()
	if err != nil {
		return nil, err
	}
	var rcpt *types.Receipt
	if run.OneCheck, rcpt, err = chain.DeployOneCheck(ctx, coproc); err != nil {
		return nil, fmt.Errorf("deploying the one-check entry: %w", err)
	}
	run.OneCheckDeployGas = rcpt.GasUsed
	if rcpt, err = chain.PostTableDigest(ctx, run.OneCheck, digest, digest377); err != nil {
		return nil, fmt.Errorf("posting the table digest: %w", err)
	}
	run.PostDigestGas = rcpt.GasUsed
	key := groth16.NewVerifyingKey(ecc.BN254)
	if _, err := key.ReadFrom(bytes.NewReader(vk)); err != nil {
		return nil, fmt.Errorf("contracts: the wrapper's verifying key: %w", err)
	}
	if run.Verifier, _, rcpt, err = chain.DeployGroth16Verifier(ctx, contractsDir, key); err != nil {
		return nil, err
	}
	run.VerifierGas = rcpt.GasUsed
	slots := oc.Slots
	if slots == 0 {
		slots = twochain.Slots(len(tc.Segments))
	}
	if _, err := chain.RegisterOneCheckShape(ctx, run.OneCheck, run.Verifier, vk, plan, slots); err != nil {
		return nil, fmt.Errorf("registering the shape: %w", err)
	}
	args, err := OneCheckArgsOf(oc, plan, digest)
	if err != nil {
		return nil, err
	}
	args.ShapeHash = OneCheckShapeHash(vk) // the registered key's
	run.CalldataBytes = len(NewOneCheckCoprocessor().PackVerifyQuery(args.ShapeHash, args.Commitment, args.Params, args.Outputs, args.Proof))
	if run.Result, run.VerifyGas, err = chain.VerifyOneCheck(ctx, run.OneCheck, args); err != nil {
		return run, fmt.Errorf("verifyQuery rejected the one-check proof: %w", err)
	}
	return run, nil
}
