package contracts

import (
	"bytes"
	"context"
	"fmt"
	"math/big"
	"reflect"

	"github.com/consensys/gnark/backend/groth16"
	"github.com/ethereum/go-ethereum/accounts/abi"
)

// Groth16VerifierGas exports vk's Solidity verifier (gnark's, its
// commitments hashed with keccak256 as solidity.WithProverTargetSolidityVerifier
// proves them), compiles it with the pinned solc-js of contractsDir,
// deploys it on a simulated chain under mainnet's rules and calls
// verifyProof with proof and public: the transaction's gas. A proof the
// verifier refuses for public is an error, and so, when refuse is given,
// is a verifier that accepts refuse (the same proof against other inputs).
func Groth16VerifierGas(contractsDir string, vk groth16.VerifyingKey, proof groth16.Proof, public, refuse []*big.Int) (uint64, error) {
	chain, closeChain, err := NewSimulatedChain()
	if err != nil {
		return 0, err
	}
	defer closeChain()
	ctx := context.Background()
	addr, compiled, _, err := chain.DeployGroth16Verifier(ctx, contractsDir, vk)
	if err != nil {
		return 0, err
	}
	verifierABI, err := abi.JSON(bytes.NewReader(compiled.ABI))
	if err != nil {
		return 0, fmt.Errorf("contracts: the verifier's ABI: %w", err)
	}
	words, err := solidityProof(proof)
	if err != nil {
		return 0, err
	}
	call := func(inputs []*big.Int) (uint64, error) {
		// verifyProof takes the inputs as a fixed-size array
		arr := reflect.New(reflect.ArrayOf(len(inputs), reflect.TypeOf(&big.Int{}))).Elem()
		for i, v := range inputs {
			arr.Index(i).Set(reflect.ValueOf(v))
		}
		data, err := verifierABI.Pack("verifyProof", words, arr.Interface())
		if err != nil {
			return 0, fmt.Errorf("contracts: verifyProof's arguments: %w", err)
		}
		rcpt, err := chain.Call(ctx, addr, data)
		if err != nil {
			return 0, err
		}
		return rcpt.GasUsed, nil
	}
	gas, err := call(public)
	if err != nil {
		return 0, fmt.Errorf("contracts: the verifier refused the proof: %w", err)
	}
	if refuse != nil {
		if _, err := call(refuse); err == nil {
			return 0, fmt.Errorf("contracts: the verifier accepted the proof for other inputs")
		}
	}
	return gas, nil
}

// solidityProof is a Groth16 proof as gnark's exported verifier reads it
// (MarshalSolidity), or an error for a proof that has no such encoding.
func solidityProof(proof groth16.Proof) ([]byte, error) {
	marshal, ok := proof.(interface{ MarshalSolidity() []byte })
	if !ok {
		return nil, fmt.Errorf("contracts: a %T proof has no Solidity encoding", proof)
	}
	return marshal.MarshalSolidity(), nil
}
