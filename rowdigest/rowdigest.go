// Package rowdigest computes the digest that binds the rows a segment proof
// of a row-returning query returns: Poseidon2 (gnark-crypto's BN254
// parameters: width 2, 6 full and 50 partial rounds, Merkle–Damgård with a
// zero IV) over the field elements
//
//	used, slot[0][0], …, slot[0][w−1], …, slot[S−1][w−1]
//
// where used is the number of slots holding a row, the S slots each hold w
// values (signed integers encoded as v mod p), and unused slots are zero.
// The circuit computes the same digest (package circuits) and exposes it as
// a public input; verifiers recompute it from the receipt's rows.
//
// Group rows (GROUP BY) are bound instead by Evaluations: each column of
// the rows, zero-padded to the segment capacity n, evaluated as a
// Lagrange-basis polynomial at the proof's challenge Z.
package rowdigest

import (
	"fmt"
	"math/big"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr/poseidon2"

	"github.com/provensql/provensql/commitment"
	"github.com/provensql/provensql/schema"
)

// Evaluations returns, for each of the width columns of rows (signed
// integers encoded as v mod p, zero-padded to n), Σ_j v_j·L_j(z) over the
// domain of size n.
func Evaluations(rows [][]*big.Int, width, n int, z fr.Element) []fr.Element {
	cols := make([][]fr.Element, width)
	for k := range cols {
		cols[k] = make([]fr.Element, len(rows))
		for r, row := range rows {
			cols[k][r] = schema.Encode(row[k])
		}
	}
	return commitment.EvaluateLagrangeColumns(n, cols, z)
}

// Digest returns the digest of the given rows laid out in nSlots slots of
// width values each.
func Digest(rows [][]*big.Int, nSlots, width int) (fr.Element, error) {
	if len(rows) > nSlots {
		return fr.Element{}, fmt.Errorf("rowdigest: %d rows for %d slots", len(rows), nSlots)
	}
	h := poseidon2.NewMerkleDamgardHasher()
	write := func(v *big.Int) {
		e := schema.Encode(v)
		b := e.Bytes()
		h.Write(b[:])
	}
	write(big.NewInt(int64(len(rows))))
	zero := new(big.Int)
	for s := 0; s < nSlots; s++ {
		if s < len(rows) && len(rows[s]) != width {
			return fr.Element{}, fmt.Errorf("rowdigest: row %d has %d values, want %d", s, len(rows[s]), width)
		}
		for k := 0; k < width; k++ {
			if s < len(rows) {
				write(rows[s][k])
			} else {
				write(zero)
			}
		}
	}
	var out fr.Element
	if err := out.SetBytesCanonical(h.Sum(nil)); err != nil {
		return fr.Element{}, fmt.Errorf("rowdigest: %w", err)
	}
	return out, nil
}
