package twochain

import (
	"fmt"
	"math/big"

	"github.com/consensys/gnark-crypto/ecc"
	bls12377 "github.com/consensys/gnark-crypto/ecc/bls12-377"
	"github.com/consensys/gnark/constraint/solver"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/std/algebra/native/sw_bls12377"
	"github.com/consensys/gnark/std/hash/poseidon2"
	"github.com/consensys/gnark/std/math/emulated"
)

// The aggregator checks all its KZG openings (every slot's columns at Z,
// every window row) with one pairing check: claim o, that commitment C_o
// opens to v_o at x_o with quotient W_o, holds iff
// E_o = C_o − [v_o]G + [x_o]W_o − [τ]W_o is the identity, and the check is
// that Σ ρ_o·E_o is, for weights ρ_o of openingWeightBits bits drawn from
// a hash of everything the claims say: the commitments, the points, the
// quotients and the values. A false claim passes for at most one ρ_o below
// r given the others (E_o has order r), so with probability at most
// 2^-openingWeightBits per hash the prover tries. An inactive slot's
// claims weigh 0: they add nothing to the result, like the rest of that
// slot. Checked one by one, an opening cost a pairing check of its own
// (6.3k constraints) besides its two scalar multiplications; batched, a
// commitment and a quotient cost a scalar multiplication by a short weight
// each, and a window row's quotient one more by its point (Q1's
// aggregator: 106k → 87k constraints a slot, 90k with its proofs' subgroup
// checks).
//
// The weights are native integers, not emulated scalars: emulated
// multiplications would need a BSB22 commitment, which the aggregator
// does without (CompileAggregator). So Σ ρ_o·v_o, whose terms have up to
// openingWeightBits + 254 bits, is reduced mod r after each claim by a
// hinted quotient and remainder (reduceModR).

// openingWeightBits is the width of each claim's weight: three per hash
// output.
const openingWeightBits = 120

// quotientBits bounds reduceModR's quotient: the running sum, below
// 2^253 + 2^(openingWeightBits+254) < 2^374.01, over r (above 2^252.2) is
// below 2^122, and q·r + m < 2^122·r + 2^253 < 2^374.3 does not wrap
// BW6-761's field (above 2^376.7), so v = q·r + m holds over the integers.
const quotientBits = 122

// kzgBatch collects an aggregator's KZG claims and checks them together.
type kzgBatch struct {
	api     frontend.API
	commits []*sw_bls12377.G1Affine
	points  []*emulated.Element[sw_bls12377.ScalarField]
	claims  []kzgClaim
}

// kzgClaim is one opening: commits[c] opens to v at points[x] with
// quotient w, in a slot whose flag is active (1 or 0).
type kzgClaim struct {
	c, x   int
	w      *sw_bls12377.G1Affine
	v      frontend.Variable
	active frontend.Variable
}

// commit adds a commitment and returns its index.
func (b *kzgBatch) commit(c *sw_bls12377.G1Affine) int {
	b.commits = append(b.commits, c)
	return len(b.commits) - 1
}

// point adds an opening point and returns its index.
func (b *kzgBatch) point(x *emulated.Element[sw_bls12377.ScalarField]) int {
	b.points = append(b.points, x)
	return len(b.points) - 1
}

// claim adds the claim that commitment c opens to v (an integer below
// 2^254, the value mod r) at point x with quotient w.
func (b *kzgBatch) claim(c, x int, w *sw_bls12377.G1Affine, v, active frontend.Variable) {
	b.claims = append(b.claims, kzgClaim{c: c, x: x, w: w, v: v, active: active})
}

// check asserts Σ ρ_o·E_o = 0 as e(P + [τ]₁, [1]) · e(−(Q + G), [τ]) = 1
// with P = Σ_c [Σ_{o on c} ρ_o]C_c + Σ_x [x](Σ_{o at x} [ρ_o]W_o) −
// [Σ ρ_o v_o]G and Q = Σ_o [ρ_o]W_o: both sides shifted by [τ]G, so that
// neither is the identity (which the pairing gadget does not take) for
// honest claims; the sums are complete additions. kzg are the SRS's [1]
// and [τ] in G2, tauG1 its [τ]₁.
func (b *kzgBatch) check(kzg [2]sw_bls12377.G2Affine, tauG1 *sw_bls12377.G1Affine) error {
	if len(b.claims) == 0 {
		return nil
	}
	api := b.api
	weights, err := b.weights()
	if err != nil {
		return err
	}
	cr, err := sw_bls12377.NewCurve(api)
	if err != nil {
		return err
	}
	// every point on the curve, so that the group law's formulas mean it;
	// a component outside G1's prime order, which only the pairing sees
	// of these points, is mapped to 1 by it
	pairing := sw_bls12377.NewPairing(api)
	for _, c := range b.commits {
		pairing.AssertIsOnCurve(c)
	}
	for _, cl := range b.claims {
		pairing.AssertIsOnCurve(cl.w)
	}
	_, _, g1, _ := bls12377.Generators()
	gen := sw_bls12377.NewG1Affine(g1)
	onCommit := make([]frontend.Variable, len(b.commits))
	atPoint := make([]*sw_bls12377.G1Affine, len(b.points))
	var q *sw_bls12377.G1Affine
	var value frontend.Variable = 0
	for o, cl := range b.claims {
		rho := api.Mul(cl.active, weights[o])
		if onCommit[cl.c] == nil {
			onCommit[cl.c] = rho
		} else {
			onCommit[cl.c] = api.Add(onCommit[cl.c], rho)
		}
		var rw sw_bls12377.G1Affine
		rw.ScalarMul(api, *cl.w, rho)
		q = addOrSet(cr, q, &rw)
		atPoint[cl.x] = addOrSet(cr, atPoint[cl.x], &rw)
		value = api.Add(value, api.Mul(rho, cl.v))
		if value, err = reduceModR(api, value); err != nil {
			return err
		}
	}
	var p *sw_bls12377.G1Affine
	for c, weight := range onCommit {
		if weight == nil {
			continue
		}
		var rc sw_bls12377.G1Affine
		rc.ScalarMul(api, *b.commits[c], weight)
		p = addOrSet(cr, p, &rc)
	}
	for x, s := range atPoint {
		if s != nil {
			p = cr.AddUnified(p, cr.ScalarMul(s, b.points[x]))
		}
	}
	var vG sw_bls12377.G1Affine
	vG.ScalarMulBase(api, value)
	p = cr.AddUnified(p, cr.Neg(&vG))
	p = cr.AddUnified(p, tauG1)
	q = cr.Neg(cr.AddUnified(q, &gen))
	return pairing.PairingCheck([]*sw_bls12377.G1Affine{p, q}, []*sw_bls12377.G2Affine{&kzg[0], &kzg[1]})
}

// addOrSet returns sum + p, or p where sum is nil.
func addOrSet(cr *sw_bls12377.Curve, sum, p *sw_bls12377.G1Affine) *sw_bls12377.G1Affine {
	if sum == nil {
		return p
	}
	return cr.AddUnified(sum, p)
}

// weights returns an openingWeightBits-bit weight per claim: Poseidon2
// over BW6-761's scalar field of every commitment (x, y), every point (its
// limbs packed into one element) and every claim's quotient (x, y) and
// value, then of that digest and a counter, three weights per output (its
// canonical bits).
func (b *kzgBatch) weights() ([]frontend.Variable, error) {
	api := b.api
	h, err := poseidon2.New(api)
	if err != nil {
		return nil, fmt.Errorf("twochain: the openings' hash: %w", err)
	}
	for _, c := range b.commits {
		h.Write(c.X, c.Y)
	}
	for _, x := range b.points {
		h.Write(packedScalar(api, x))
	}
	for _, cl := range b.claims {
		h.Write(cl.w.X, cl.w.Y, cl.v)
	}
	digest := h.Sum()
	perOutput := api.Compiler().FieldBitLen() / openingWeightBits
	var out []frontend.Variable
	for counter := 0; len(out) < len(b.claims); counter++ {
		h.Reset()
		h.Write(digest, counter)
		bits := api.ToBinary(h.Sum())
		for k := 0; k < perOutput && len(out) < len(b.claims); k++ {
			out = append(out, api.FromBinary(bits[k*openingWeightBits:(k+1)*openingWeightBits]...))
		}
	}
	return out, nil
}

// packedScalar is an emulated BLS12-377 scalar's limbs as one native
// integer (what the curve's scalar multiplication reads of it).
func packedScalar(api frontend.API, e *emulated.Element[sw_bls12377.ScalarField]) frontend.Variable {
	_, bits := emulated.GetEffectiveFieldParams[sw_bls12377.ScalarField](api.Compiler().Field())
	var out frontend.Variable = 0
	for i, l := range e.Limbs {
		out = api.Add(out, api.Mul(l, new(big.Int).Lsh(big.NewInt(1), bits*uint(i))))
	}
	return out
}

// reduceModR returns v mod r for a native v below 2^253 + 2^(openingWeightBits+254):
// a hinted quotient below 2^quotientBits and remainder below 2^253, v =
// q·r + m checked (quotientBits says why it cannot wrap). The remainder may
// exceed r − 1 by less than r: any representative of v mod r will do for
// a scalar.
func reduceModR(api frontend.API, v frontend.Variable) (frontend.Variable, error) {
	out, err := api.Compiler().NewHint(divModR, 2, v)
	if err != nil {
		return nil, fmt.Errorf("twochain: reducing mod r: %w", err)
	}
	q, m := out[0], out[1]
	api.ToBinary(q, quotientBits)
	api.ToBinary(m, 253)
	api.AssertIsEqual(v, api.Add(api.Mul(q, ecc.BLS12_377.ScalarField()), m))
	return m, nil
}

func init() { solver.RegisterHint(divModR) }

// divModR is reduceModR's hint: v's quotient and remainder by r.
func divModR(_ *big.Int, in, out []*big.Int) error {
	if len(in) != 1 || len(out) != 2 {
		return fmt.Errorf("twochain: divModR takes 1 input and 2 outputs, got %d and %d", len(in), len(out))
	}
	out[0].DivMod(in[0], ecc.BLS12_377.ScalarField(), out[1])
	return nil
}
