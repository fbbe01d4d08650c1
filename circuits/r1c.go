package circuits

import (
	"github.com/consensys/gnark/constraint"
	"github.com/consensys/gnark/frontend"
)

// isR1CS reports whether compiler is an R1CS builder, whose variables are
// linear expressions that r1cWriter can put in an R1C of its own (gnark's
// PLONK builder and test engine are not).
func isR1CS(compiler frontend.Compiler) bool {
	_, ok := compiler.ToCanonicalVariable(0).(constraint.LinearExpression)
	return ok
}

// r1cWriter adds R1Cs L·R = O straight to an R1CS builder's system, under
// one generic R1C blueprint of its own: a batch whose values a hint
// computes (quotientBatch, zeroTests) then emits exactly the constraints
// gnark's DivUnchecked or IsZero would, without gnark's per-value hint.
type r1cWriter struct {
	compiler  frontend.Compiler
	blueprint *constraint.BlueprintGenericR1C
	id        constraint.BlueprintID
	calldata  []uint32
}

// newR1CWriter returns a writer into compiler, an R1CS builder (isR1CS).
func newR1CWriter(compiler frontend.Compiler) *r1cWriter {
	b := &constraint.BlueprintGenericR1C{}
	return &r1cWriter{compiler: compiler, blueprint: b, id: compiler.AddBlueprint(b)}
}

// term returns v as a linear expression of the system's wires; a raw
// constant is none (constraint.LinearExpression{} stands for 0).
func (w *r1cWriter) term(v frontend.Variable) constraint.LinearExpression {
	return w.compiler.ToCanonicalVariable(v).(constraint.LinearExpression)
}

// add adds the R1C l·r = o.
func (w *r1cWriter) add(l, r, o constraint.LinearExpression) {
	w.calldata = w.calldata[:0]
	w.blueprint.CompressR1C(&constraint.R1C{L: l, R: r, O: o}, &w.calldata)
	w.compiler.AddInstruction(w.id, w.calldata)
}
