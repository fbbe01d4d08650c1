package proofsys

import (
	"github.com/consensys/gnark-crypto/ecc/bls12-377"
	fr377 "github.com/consensys/gnark-crypto/ecc/bls12-377/fr"
	fft377 "github.com/consensys/gnark-crypto/ecc/bls12-377/fr/fft"
	pedersen377 "github.com/consensys/gnark-crypto/ecc/bls12-377/fr/pedersen"
	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr/fft"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr/pedersen"
	"github.com/consensys/gnark-crypto/ecc/bw6-761"
	fr761 "github.com/consensys/gnark-crypto/ecc/bw6-761/fr"
	fft761 "github.com/consensys/gnark-crypto/ecc/bw6-761/fr/fft"
	pedersen761 "github.com/consensys/gnark-crypto/ecc/bw6-761/fr/pedersen"
	groth16_bls12377 "github.com/consensys/gnark/backend/groth16/bls12-377"
	groth16_bn254 "github.com/consensys/gnark/backend/groth16/bn254"
	groth16_bw6761 "github.com/consensys/gnark/backend/groth16/bw6-761"
	cs_bls12377 "github.com/consensys/gnark/constraint/bls12-377"
	cs_bn254 "github.com/consensys/gnark/constraint/bn254"
	cs_bw6761 "github.com/consensys/gnark/constraint/bw6-761"

	"github.com/provensql/provensql/internal/batchmul"
)

// Each curve's setup below is the same: the wires laid out, the key
// scalars computed, the G1 and G2 points through the curve's comb tables,
// and the keys assembled field by field (gnark's key types of the three
// curves share no interface for it, as gnark's own setup is generated
// once per curve).
//
// The proof of knowledge's G2 point is the generator (gnark-crypto's
// pedersen.Setup draws a random one): the check e(D, −σ·G)·e(P, G) = 1 is
// as sound with any G whose σ-multiple alone is public, and with the
// generator a verifier folds e(P, G) into any other pair on [1]₂ (the
// Coprocessor's KZG opening), one pairing fewer per call.

// SetupBN254 is SetupGroth16 for a BN254 R1CS.
func SetupBN254(r1cs *cs_bn254.R1CS) (*groth16_bn254.ProvingKey, *groth16_bn254.VerifyingKey, error) {
	domain := fft.NewDomain(uint64(r1cs.GetNbConstraints()))
	ks, err := keyScalarsOf(&r1cs.System, r1cs.Coefficients,
		evaluationDomain[fr.Element]{int(domain.Cardinality), domain.Generator, domain.CardinalityInv},
		scalarField[fr.Element]{fr.Modulus(), fr.BatchInvert, fft.BitReverse[fr.Element]})
	if err != nil {
		return nil, nil, err
	}
	_, _, g1, g2 := bn254.Generators()
	points := batchmul.Parts(batchmul.BN254G1(), &g1, ks.g1Parts()...)
	g2Points := batchmul.Parts(batchmul.BN254G2(), &g2, ks.g2Scalars())[0]

	pk, vk := &groth16_bn254.ProvingKey{Domain: *domain}, &groth16_bn254.VerifyingKey{}
	pk.InfinityA, pk.NbInfinityA, pk.InfinityB, pk.NbInfinityB = ks.infA, ks.nbInfA, ks.infB, ks.nbInfB
	pk.G1.Alpha, pk.G1.Beta, pk.G1.Delta = points[0][0], points[0][1], points[0][2]
	pk.G1.A, pk.G1.B = points[1], points[2]
	pk.G1.Z = points[3][: domain.Cardinality-1 : domain.Cardinality-1] // deg H = n − 2
	vk.G1.K, pk.G1.K = points[4], points[5]
	if len(ks.ck) > 0 {
		pk.CommitmentKeys = make([]pedersen.ProvingKey, len(ks.ck))
		vk.CommitmentKeys = make([]pedersen.VerifyingKey, len(ks.ck))
	}
	for i := range ks.ck {
		pk.CommitmentKeys[i].Basis, pk.CommitmentKeys[i].BasisExpSigma = points[6+2*i], points[7+2*i]
		vk.CommitmentKeys[i].G = g2
		vk.CommitmentKeys[i].GSigmaNeg.ScalarMultiplication(&g2, negSigma(&ks.commitSigmas[i]))
	}
	vk.PublicAndCommitmentCommitted = ks.publicAndCommitmentCommitted()
	nB := len(ks.B)
	pk.G2.B, pk.G2.Beta, pk.G2.Delta = g2Points[:nB:nB], g2Points[nB], g2Points[nB+1]
	vk.G2.Beta, vk.G2.Delta, vk.G2.Gamma = pk.G2.Beta, pk.G2.Delta, g2Points[nB+2]
	vk.G1.Alpha, vk.G1.Beta, vk.G1.Delta = pk.G1.Alpha, pk.G1.Beta, pk.G1.Delta
	if err := vk.Precompute(); err != nil {
		return nil, nil, err
	}
	return pk, vk, nil
}

// SetupBLS12377 is SetupGroth16 for a BLS12-377 R1CS.
func SetupBLS12377(r1cs *cs_bls12377.R1CS) (*groth16_bls12377.ProvingKey, *groth16_bls12377.VerifyingKey, error) {
	domain := fft377.NewDomain(uint64(r1cs.GetNbConstraints()))
	ks, err := keyScalarsOf(&r1cs.System, r1cs.Coefficients,
		evaluationDomain[fr377.Element]{int(domain.Cardinality), domain.Generator, domain.CardinalityInv},
		scalarField[fr377.Element]{fr377.Modulus(), fr377.BatchInvert, fft377.BitReverse[fr377.Element]})
	if err != nil {
		return nil, nil, err
	}
	_, _, g1, g2 := bls12377.Generators()
	points := batchmul.Parts(batchmul.BLS12377G1(), &g1, ks.g1Parts()...)
	g2Points := batchmul.Parts(batchmul.BLS12377G2(), &g2, ks.g2Scalars())[0]

	pk, vk := &groth16_bls12377.ProvingKey{Domain: *domain}, &groth16_bls12377.VerifyingKey{}
	pk.InfinityA, pk.NbInfinityA, pk.InfinityB, pk.NbInfinityB = ks.infA, ks.nbInfA, ks.infB, ks.nbInfB
	pk.G1.Alpha, pk.G1.Beta, pk.G1.Delta = points[0][0], points[0][1], points[0][2]
	pk.G1.A, pk.G1.B = points[1], points[2]
	pk.G1.Z = points[3][: domain.Cardinality-1 : domain.Cardinality-1]
	vk.G1.K, pk.G1.K = points[4], points[5]
	if len(ks.ck) > 0 {
		pk.CommitmentKeys = make([]pedersen377.ProvingKey, len(ks.ck))
		vk.CommitmentKeys = make([]pedersen377.VerifyingKey, len(ks.ck))
	}
	for i := range ks.ck {
		pk.CommitmentKeys[i].Basis, pk.CommitmentKeys[i].BasisExpSigma = points[6+2*i], points[7+2*i]
		vk.CommitmentKeys[i].G = g2
		vk.CommitmentKeys[i].GSigmaNeg.ScalarMultiplication(&g2, negSigma(&ks.commitSigmas[i]))
	}
	vk.PublicAndCommitmentCommitted = ks.publicAndCommitmentCommitted()
	nB := len(ks.B)
	pk.G2.B, pk.G2.Beta, pk.G2.Delta = g2Points[:nB:nB], g2Points[nB], g2Points[nB+1]
	vk.G2.Beta, vk.G2.Delta, vk.G2.Gamma = pk.G2.Beta, pk.G2.Delta, g2Points[nB+2]
	vk.G1.Alpha, vk.G1.Beta, vk.G1.Delta = pk.G1.Alpha, pk.G1.Beta, pk.G1.Delta
	if err := vk.Precompute(); err != nil {
		return nil, nil, err
	}
	return pk, vk, nil
}

// SetupBW6761 is SetupGroth16 for a BW6-761 R1CS (the two-chain path's
// aggregator, internal/twochain).
func SetupBW6761(r1cs *cs_bw6761.R1CS) (*groth16_bw6761.ProvingKey, *groth16_bw6761.VerifyingKey, error) {
	domain := fft761.NewDomain(uint64(r1cs.GetNbConstraints()))
	ks, err := keyScalarsOf(&r1cs.System, r1cs.Coefficients,
		evaluationDomain[fr761.Element]{int(domain.Cardinality), domain.Generator, domain.CardinalityInv},
		scalarField[fr761.Element]{fr761.Modulus(), fr761.BatchInvert, fft761.BitReverse[fr761.Element]})
	if err != nil {
		return nil, nil, err
	}
	_, _, g1, g2 := bw6761.Generators()
	points := batchmul.Parts(batchmul.BW6761G1(), &g1, ks.g1Parts()...)
	g2Points := batchmul.Parts(batchmul.BW6761G2(), &g2, ks.g2Scalars())[0]

	pk, vk := &groth16_bw6761.ProvingKey{Domain: *domain}, &groth16_bw6761.VerifyingKey{}
	pk.InfinityA, pk.NbInfinityA, pk.InfinityB, pk.NbInfinityB = ks.infA, ks.nbInfA, ks.infB, ks.nbInfB
	pk.G1.Alpha, pk.G1.Beta, pk.G1.Delta = points[0][0], points[0][1], points[0][2]
	pk.G1.A, pk.G1.B = points[1], points[2]
	pk.G1.Z = points[3][: domain.Cardinality-1 : domain.Cardinality-1]
	vk.G1.K, pk.G1.K = points[4], points[5]
	if len(ks.ck) > 0 {
		pk.CommitmentKeys = make([]pedersen761.ProvingKey, len(ks.ck))
		vk.CommitmentKeys = make([]pedersen761.VerifyingKey, len(ks.ck))
	}
	for i := range ks.ck {
		pk.CommitmentKeys[i].Basis, pk.CommitmentKeys[i].BasisExpSigma = points[6+2*i], points[7+2*i]
		vk.CommitmentKeys[i].G = g2
		vk.CommitmentKeys[i].GSigmaNeg.ScalarMultiplication(&g2, negSigma(&ks.commitSigmas[i]))
	}
	vk.PublicAndCommitmentCommitted = ks.publicAndCommitmentCommitted()
	nB := len(ks.B)
	pk.G2.B, pk.G2.Beta, pk.G2.Delta = g2Points[:nB:nB], g2Points[nB], g2Points[nB+1]
	vk.G2.Beta, vk.G2.Delta, vk.G2.Gamma = pk.G2.Beta, pk.G2.Delta, g2Points[nB+2]
	vk.G1.Alpha, vk.G1.Beta, vk.G1.Delta = pk.G1.Alpha, pk.G1.Beta, pk.G1.Delta
	if err := vk.Precompute(); err != nil {
		return nil, nil, err
	}
	return pk, vk, nil
}
