// Package devchain is the embedded default chain for trying the indexer
// without a node: go-ethereum's simulated backend served over standard
// Ethereum JSON-RPC (HTTP), with a real ERC-20 (contracts/TestToken)
// deployed and transfers already mined across many blocks.
package devchain

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"math/big"
	"math/rand/v2"
	"net"
	"strconv"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/node"

	"github.com/provensql/provensql/contracts"
)

// Config shapes the generated history.
type Config struct {
	// Listen is host:port for JSON-RPC over HTTP ("127.0.0.1:0" picks a port).
	Listen string
	// Blocks and TransfersPerBlock size the history mined at start.
	Blocks, TransfersPerBlock int
	// Wallets is how many accounts hold and move tokens.
	Wallets int
	// Seed makes the history deterministic.
	Seed uint64
}

// Chain is a running development chain.
type Chain struct {
	URL     string
	Token   common.Address
	ChainID *big.Int
	sim     *simulated.Backend
	keys    []*ecdsa.PrivateKey
	nonces  []uint64 // next nonce per wallet: sent transactions are counted here, not read back from the pool
	rng     *rand.Rand
	mu      sync.Mutex
}

// Start mines the configured history and serves it.
func Start(cfg Config) (*Chain, error) {
	if cfg.Listen == "" {
		cfg.Listen = "127.0.0.1:0"
	}
	if cfg.Wallets < 2 {
		cfg.Wallets = 20
	}
	host, portText, err := net.SplitHostPort(cfg.Listen)
	if err != nil {
		return nil, fmt.Errorf("devchain: --listen %q: %w", cfg.Listen, err)
	}
	port, err := strconv.Atoi(portText)
	if err != nil {
		return nil, fmt.Errorf("devchain: port %q: %w", portText, err)
	}
	if port == 0 { // node.Config wants a concrete port
		ln, err := net.Listen("tcp", net.JoinHostPort(host, "0"))
		if err != nil {
			return nil, err
		}
		port = ln.Addr().(*net.TCPAddr).Port
		ln.Close()
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x5bd1e995))
	c := &Chain{ChainID: big.NewInt(1337), rng: rng}
	alloc := types.GenesisAlloc{}
	for i := 0; i < cfg.Wallets; i++ {
		k, err := crypto.ToECDSA(crypto.Keccak256([]byte(fmt.Sprintf("provensql devchain wallet %d/%d", cfg.Seed, i))))
		if err != nil {
			return nil, err
		}
		c.keys = append(c.keys, k)
		c.nonces = append(c.nonces, 0)
		alloc[crypto.PubkeyToAddress(k.PublicKey)] = types.Account{Balance: new(big.Int).Mul(big.NewInt(1e18), big.NewInt(1000))}
	}
	c.sim = simulated.NewBackend(alloc, func(nc *node.Config, ec *ethconfig.Config) {
		nc.HTTPHost = host
		nc.HTTPPort = port
		nc.HTTPModules = []string{"eth", "net", "web3"}
		nc.HTTPVirtualHosts = []string{"*"}
	}, simulated.WithBlockGasLimit(60_000_000), contracts.WithMainnetRules())
	c.URL = "http://" + net.JoinHostPort(host, strconv.Itoa(port))
	ctx := context.Background()
	owner := c.chain(0)
	addr, _, err := owner.Deploy(ctx, contracts.TestTokenMetaData.Bin+hexArgs(contracts.NewTestToken().PackConstructor("ProvenSQL Test Token", "PSQL")))
	if err != nil {
		c.Close()
		return nil, fmt.Errorf("devchain: deploying the token: %w", err)
	}
	c.Token = addr
	c.nonces[0] = 1
	for i := range c.keys {
		if err := c.send(0, contracts.NewTestToken().PackMint(crypto.PubkeyToAddress(c.keys[i].PublicKey), new(big.Int).Mul(big.NewInt(1e9), big.NewInt(1e18)))); err != nil {
			c.Close()
			return nil, err
		}
	}
	// The transaction pool promotes a sender's queued transactions in the
	// background (beyond its per-account slots, here the later mints), so
	// one block may not hold them all yet: mine until every mint is in,
	// or a wallet's first transfer would find no tokens.
	minter := crypto.PubkeyToAddress(c.keys[0].PublicKey)
	for tries := 0; ; tries++ {
		c.sim.Commit()
		n, err := c.sim.Client().NonceAt(ctx, minter, nil)
		if err != nil {
			c.Close()
			return nil, fmt.Errorf("devchain: %w", err)
		}
		if n >= c.nonces[0] {
			break
		}
		if tries == 100 {
			c.Close()
			return nil, fmt.Errorf("devchain: %d of %d mints mined after %d blocks", n-1, len(c.keys), tries+1)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := c.Mine(cfg.Blocks, cfg.TransfersPerBlock); err != nil {
		c.Close()
		return nil, err
	}
	return c, nil
}

func hexArgs(b []byte) string { return common.Bytes2Hex(b) }

// chain returns a contracts.Chain sending from wallet i (without mining).
func (c *Chain) chain(i int) *contracts.Chain {
	return &contracts.Chain{Client: c.sim.Client(), ChainID: c.ChainID, Key: c.keys[i], Mine: func() { c.sim.Commit() }}
}

// send submits a token transaction from wallet i without mining it.
func (c *Chain) send(i int, data []byte) error {
	opts := bind.NewKeyedTransactor(c.keys[i], c.ChainID)
	opts.Nonce = new(big.Int).SetUint64(c.nonces[i])
	bc := bind.NewBoundContract(c.Token, contracts.NewTestToken().GetABI(), c.sim.Client(), c.sim.Client(), c.sim.Client())
	if c.Token == (common.Address{}) {
		return fmt.Errorf("devchain: no token")
	}
	if _, err := bind.Transact(bc, opts, data); err != nil {
		return fmt.Errorf("devchain: transaction from wallet %d: %w", i, err)
	}
	c.nonces[i]++
	return nil
}

// Mine adds blocks, each with transfers between random wallets.
func (c *Chain) Mine(blocks, transfersPerBlock int) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	for b := 0; b < blocks; b++ {
		n := 1 + c.rng.IntN(2*max(transfersPerBlock, 1))
		for t := 0; t < n; t++ {
			from := c.rng.IntN(len(c.keys))
			to := c.rng.IntN(len(c.keys))
			// up to 1,000 tokens of 18 decimals: most values exceed 2^64
			value := new(big.Int).Mul(big.NewInt(int64(1+c.rng.IntN(1_000_000_000))), big.NewInt(1e12))
			if err := c.send(from, contracts.NewTestToken().PackTransfer(crypto.PubkeyToAddress(c.keys[to].PublicKey), value)); err != nil {
				return err
			}
		}
		c.sim.Commit()
	}
	return nil
}

// Reorg replaces the last depth blocks with an empty fork of the same
// length plus one (for reorg tests).
func (c *Chain) Reorg(depth int) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	ctx := context.Background()
	head, err := c.sim.Client().BlockNumber(ctx)
	if err != nil {
		return err
	}
	parent, err := c.sim.Client().HeaderByNumber(ctx, new(big.Int).SetUint64(head-uint64(depth)))
	if err != nil {
		return err
	}
	if err := c.sim.Fork(parent.Hash()); err != nil {
		return err
	}
	for i := 0; i <= depth; i++ {
		c.sim.Commit()
	}
	return nil
}

// Client returns an in-process client of the chain.
func (c *Chain) Client() simulated.Client { return c.sim.Client() }

// Close stops the chain.
func (c *Chain) Close() error { return c.sim.Close() }
