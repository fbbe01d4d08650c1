// Package rowdigest binds the rows a segment proof returns — a grouped
// query's group rows, a row query's result rows — to the proof: each column
// of the rows, zero-padded to the segment capacity n, is evaluated as a
// Lagrange-basis polynomial at the proof's challenge Z, and the circuit
// exposes the same evaluations as public inputs (package circuits). Z is
// drawn after the proof's result slots are committed, so rows that differ
// from the slots evaluate differently except with probability n/p.
// Verifiers recompute the evaluations from the receipt's rows.
package rowdigest

import (
	"math/big"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

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
