package contracts

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"math/big"

	"github.com/consensys/gnark-crypto/ecc/bn254/kzg"
	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/node"

	"github.com/provensql/provensql/commitment"
	"github.com/provensql/provensql/planner"
	"github.com/provensql/provensql/receipt"
)

// WithMainnetRules is a simulated backend option that runs the chain under
// the rules of the latest fork go-ethereum schedules on Ethereum mainnet
// (Osaka), instead of its dev configuration, which also enables draft forks
// (Amsterdam's state-gas metering and state-access repricing, EIPs
// 8037/8038): those charge a new storage slot several times more, so
// postCommitment measured about 1.28M gas under them against 0.32M under
// Osaka. Gas measured on a chain with this option is what mainnet charges.
func WithMainnetRules() func(*node.Config, *ethconfig.Config) {
	return func(_ *node.Config, ec *ethconfig.Config) {
		cfg := *ec.Genesis.Config
		cfg.AmsterdamTime, cfg.BogotaTime, cfg.UBTTime = nil, nil, nil
		ec.Genesis.Config = &cfg
	}
}

// NewSimulatedChain returns an in-process simulated chain (go-ethereum's
// ethclient/simulated) with one funded account and a 60M gas limit, and
// the function that closes it.
func NewSimulatedChain() (*Chain, func(), error) {
	key, err := crypto.GenerateKey()
	if err != nil {
		return nil, nil, err
	}
	funds := new(big.Int).Mul(big.NewInt(1e18), big.NewInt(100))
	sim := simulated.NewBackend(types.GenesisAlloc{crypto.PubkeyToAddress(key.PublicKey): {Balance: funds}},
		simulated.WithBlockGasLimit(60_000_000), simulated.WithCallGasLimit(60_000_000), WithMainnetRules())
	return &Chain{Client: sim.Client(), ChainID: big.NewInt(1337), Key: key, Mine: func() { sim.Commit() }}, func() { sim.Close() }, nil
}

// OnChainRun is what taking a proven query on chain cost (TakeOnChain).
type OnChainRun struct {
	Coprocessor, Verifier common.Address
	// Gas of each transaction: deploying the Coprocessor, posting the
	// table commitment, deploying the query shape's verifier, and the
	// verifyQuery call itself.
	DeployGas, PostGas, VerifierGas, VerifyGas uint64
	// CalldataBytes is the size of verifyQuery's calldata.
	CalldataBytes int
	// Result is what the contract delivered: the query's result row.
	Result []*big.Int
}

// TakeOnChain takes a proven single-row aggregate query on chain from
// scratch: it deploys a Coprocessor for the store's SRS, makes the sender
// an indexer, posts the table commitment, exports, compiles (solc-js from
// contractsDir) and deploys the receipt's shape verifier, registers the
// shape and verifies the receipt with verifyQuery. Queries the Coprocessor
// cannot check yet (GROUP BY, rows, LIMIT, joins, UINT256) are an error.
func TakeOnChain(ctx context.Context, chain *Chain, srs kzg.VerifyingKey, tc *commitment.TableCommitment, rc *receipt.Receipt, plan *planner.Plan, contractsDir string) (*OnChainRun, error) {
	if !onChain(plan) {
		return nil, ErrNotOnChain
	}
	run := &OnChainRun{}
	coproc, deployGas, postGas, err := chain.deployAndPost(ctx, srs, tc)
	if err != nil {
		return nil, err
	}
	run.Coprocessor, run.DeployGas, run.PostGas = coproc, deployGas, postGas
	vk, err := base64.StdEncoding.DecodeString(rc.VerifyingKey)
	if err != nil {
		return nil, fmt.Errorf("the receipt's verifying key: %w", err)
	}
	var src bytes.Buffer
	if err := ExportVerifier(vk, &src); err != nil {
		return nil, err
	}
	compiled, err := CompileVerifier(contractsDir, src.Bytes())
	if err != nil {
		return nil, err
	}
	var rcpt *types.Receipt
	if run.Verifier, rcpt, err = chain.Deploy(ctx, compiled.Bin); err != nil {
		return nil, fmt.Errorf("deploying the verifier: %w", err)
	}
	run.VerifierGas = rcpt.GasUsed
	if _, err := chain.RegisterShape(ctx, coproc, run.Verifier, rc.VKHash, plan); err != nil {
		return nil, fmt.Errorf("registering the shape: %w", err)
	}
	args, err := QueryArgsOf(rc, plan)
	if err != nil {
		return nil, err
	}
	run.CalldataBytes = len(VerifyQueryData(args))
	if run.Result, run.VerifyGas, err = chain.VerifyQuery(ctx, coproc, args); err != nil {
		return run, fmt.Errorf("verifyQuery rejected the proofs: %w", err)
	}
	return run, nil
}

// deployAndPost deploys a Coprocessor for the store's SRS, makes the
// sender an indexer and posts the table commitment tc: the Coprocessor and
// the deployment's and the post's gas.
func (c *Chain) deployAndPost(ctx context.Context, srs kzg.VerifyingKey, tc *commitment.TableCommitment) (coproc common.Address, deployGas, postGas uint64, err error) {
	coproc, rcpt, err := c.DeployCoprocessor(ctx, srs)
	if err != nil {
		return coproc, 0, 0, fmt.Errorf("deploying the Coprocessor: %w", err)
	}
	if _, err := c.SetIndexer(ctx, coproc, c.From(), true); err != nil {
		return coproc, 0, 0, fmt.Errorf("making the sender an indexer: %w", err)
	}
	deployGas = rcpt.GasUsed
	if postGas, err = c.PostGrowing(ctx, coproc, tc, MaxPostBytes); err != nil {
		return coproc, 0, 0, fmt.Errorf("posting the commitment: %w", err)
	}
	return coproc, deployGas, postGas, nil
}

// MaxPostBytes bounds the column commitments one PostGrowing transaction
// carries: well under go-ethereum's 128 KiB transaction size.
const MaxPostBytes = 96 << 10

// PostGrowing posts tc as an indexer posts a growing table: its prefixes
// of full segments first, from the segments posted already, each adding as
// many segments as maxBytes of points hold (64 bytes a column commitment),
// then tc itself, each post carrying only the segments it adds
// (postCommitment). It returns the gas of every post together.
func (c *Chain) PostGrowing(ctx context.Context, coproc common.Address, tc *commitment.TableCommitment, maxBytes int) (uint64, error) {
	posted, err := c.postedTable(ctx, coproc, tc)
	if err != nil {
		return 0, err
	}
	from := fullPosted(posted, tc)
	step := max(maxBytes/(64*max(len(tc.Schema.Columns), 1)), 1)
	var gas uint64
	for n := from + step; n < len(tc.Segments); n += step {
		prefix := *tc
		prefix.Segments = tc.Segments[:n]
		prefix.Rows = n << tc.LogCapacity
		rcpt, err := c.PostCommitment(ctx, coproc, &prefix)
		if err != nil {
			return gas, fmt.Errorf("posting segments up to %d of %d: %w", n, len(tc.Segments), err)
		}
		gas += rcpt.GasUsed
	}
	rcpt, err := c.PostCommitment(ctx, coproc, tc)
	if err != nil {
		return gas, err
	}
	return gas + rcpt.GasUsed, nil
}

// callAndEstimate runs data against to as an eth_call, and the gas a
// transaction doing the same would use.
func (c *Chain) callAndEstimate(ctx context.Context, to common.Address, data []byte) ([]byte, uint64, error) {
	out, err := c.call(ctx, to, data)
	if err != nil {
		return nil, 0, err
	}
	gas, err := c.Client.EstimateGas(ctx, ethereum.CallMsg{From: c.From(), To: &to, Data: data})
	if err != nil {
		return nil, 0, RevertError(err)
	}
	return out, gas, nil
}
