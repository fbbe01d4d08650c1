package sql

import (
	"fmt"
	"math/big"

	"github.com/pingcap/tidb/pkg/parser/ast"

	"github.com/provensql/provensql/schema"
)

// NULLs. A nullable column is stored with a hidden NULL flag column (see
// schema.NullFlag) and its value 0 where it is NULL. The binder expresses
// SQL's three-valued logic with two-valued predicates over those flags, so
// every construct stays one the circuits already prove:
//   - nullOf(e) is the predicate "e is NULL" (nil when e is never NULL):
//     a column's flag, any operand's for arithmetic, the taken branch's for
//     CASE and COALESCE;
//   - truth(p, want) is the predicate "p is TRUE" (want) or "p is FALSE":
//     a comparison is TRUE when no operand is NULL and it holds, AND, OR and
//     NOT follow Kleene's tables; WHERE and CASE WHEN keep the rows whose
//     condition is TRUE;
//   - aggregates skip NULLs: SUM, AVG, MIN and MAX read NULLs as a neutral
//     value, and a hidden SUM of "is not NULL" (Aggregate.Values) counts the
//     values, which is COUNT(x), AVG's divisor, and NULL when it is 0.

// Null is the NULL literal (value 0, always NULL).
type Null struct {
	Of Kind // the kind of the values it stands among
	At Pos
}

// Extreme is the largest (High) or smallest value expression X can take
// (its bounds as the planner derives them): MIN and MAX read a NULL as it.
type Extreme struct {
	X    Expr
	High bool
	At   Pos
}

// IsNull is agg IS [NOT] NULL in HAVING, over a proven aggregate or group key.
type IsNull struct {
	X       *AggRef
	Negated bool
	At      Pos
}

// Kind implements Expr.
func (*IsNull) Kind() Kind { return KindPredicate }

// Position implements Expr.
func (n *IsNull) Position() Pos { return n.At }

// Bool is a constant truth value.
type Bool struct {
	Value bool
	At    Pos
}

// Kind implementations.
func (n *Null) Kind() Kind { return n.Of }
func (*Bool) Kind() Kind   { return KindPredicate }
func (e *Extreme) Kind() Kind {
	return e.X.Kind()
}

// Position implementations.
func (n *Null) Position() Pos { return n.At }
func (b *Bool) Position() Pos { return b.At }
func (e *Extreme) Position() Pos {
	return e.At
}

// FlagColumn returns a nullable table column's own NULL flag column (not a
// LEFT JOIN's Unmatched column), or nil.
func (c *Column) FlagColumn() *Column {
	if c.Flag <= 0 {
		return nil
	}
	return &Column{Index: c.Flag, Name: schema.NullColumn(c.Name), Type: schema.NullFlag, At: c.At}
}

// unmatchedColumn returns, for a LEFT JOIN's right column, the join's
// Unmatched column, or nil.
func (c *Column) unmatchedColumn() *Column {
	if c.Unmatched <= 0 {
		return nil
	}
	return &Column{Index: c.Unmatched, Name: "$unmatched", Type: schema.NullFlag, At: c.At}
}

// Nullable reports whether e can be NULL.
func Nullable(e Expr) bool { return nullOf(e) != nil }

func or(a, b Expr) Expr {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	}
	return &Logic{And: false, L: a, R: b, At: a.Position()}
}

// nullOf returns the predicate "e is NULL", or nil when e is never NULL.
func nullOf(e Expr) Expr {
	switch x := e.(type) {
	case *Column:
		var n Expr
		for _, f := range []*Column{x.FlagColumn(), x.unmatchedColumn()} {
			if f != nil {
				n = or(n, &Truth{X: f, At: x.At})
			}
		}
		return n
	case *Null:
		return &Bool{Value: true, At: x.At}
	case *Arith:
		if x.L == nil {
			return nullOf(x.R)
		}
		return or(nullOf(x.L), nullOf(x.R))
	case *Abs:
		return nullOf(x.X)
	case *Case:
		// NULL when the branch taken yields NULL (conditions are already
		// two-valued: truth(cond, true))
		var n Expr = nullOf(x.Else)
		for i := len(x.Whens) - 1; i >= 0; i-- {
			w := x.Whens[i]
			nt := nullOf(w.Then)
			if n == nil && nt == nil {
				continue
			}
			// (cond AND nt) OR (NOT cond AND n)
			var taken, other Expr
			if nt != nil {
				taken = &Logic{And: true, L: w.Cond, R: nt, At: x.At}
			}
			if n != nil {
				other = &Logic{And: true, L: &Not{X: w.Cond, At: x.At}, R: n, At: x.At}
			}
			n = or(taken, other)
		}
		return n
	case *Compare, *Between, *In, *Truth, *Logic, *Not:
		if !hasNullable(e) {
			return nil
		}
		// neither TRUE nor FALSE
		return &Not{X: &Logic{And: false, L: truth(e, true), R: truth(e, false), At: e.Position()}, At: e.Position()}
	}
	return nil
}

// hasNullable reports whether a predicate tree has a nullable leaf.
func hasNullable(e Expr) bool {
	switch x := e.(type) {
	case *Logic:
		return hasNullable(x.L) || hasNullable(x.R)
	case *Not:
		return hasNullable(x.X)
	}
	return operandsNull(e) != nil
}

// operandsNull is "some operand of the comparison p is NULL" (nil when none can be).
func operandsNull(p Expr) Expr {
	switch x := p.(type) {
	case *Compare:
		return or(nullOf(x.L), nullOf(x.R))
	case *Between:
		return or(nullOf(x.X), or(nullOf(x.Lo), nullOf(x.Hi)))
	case *In:
		n := nullOf(x.X)
		for _, v := range x.List {
			n = or(n, nullOf(v))
		}
		return n
	case *Truth:
		return nullOf(x.X)
	case *Like:
		return nullOf(x.X)
	}
	return nil
}

// truth returns the two-valued predicate "p is TRUE" (want) or "p is
// FALSE" (!want) under SQL's three-valued logic. BETWEEN and IN whose
// bounds or list can be NULL are bound as ANDs and ORs of comparisons, so
// a comparison leaf is UNKNOWN exactly when one of its operands is NULL.
func truth(p Expr, want bool) Expr {
	switch x := p.(type) {
	case *Logic:
		// TRUE of AND (FALSE of OR) needs both; FALSE of AND (TRUE of OR) either
		return &Logic{And: x.And == want, L: truth(x.L, want), R: truth(x.R, want), At: x.At}
	case *Not:
		return truth(x.X, !want)
	case *Bool:
		return &Bool{Value: x.Value == want, At: x.At}
	case *In:
		if anyNullable(x.List...) { // x IN (a, b) is x = a OR x = b, each maybe UNKNOWN
			var or Expr
			for _, v := range x.List {
				eq := &Compare{Op: "=", L: x.X, R: v, At: x.At}
				if or == nil {
					or = eq
				} else {
					or = &Logic{And: false, L: or, R: eq, At: x.At}
				}
			}
			if x.Negated {
				or = &Not{X: or, At: x.At}
			}
			return truth(or, want)
		}
	case *Between:
		if anyNullable(x.Lo, x.Hi) { // x BETWEEN a AND b is x >= a AND x <= b
			var e Expr = &Logic{And: true, L: &Compare{Op: ">=", L: x.X, R: x.Lo, At: x.At}, R: &Compare{Op: "<=", L: x.X, R: x.Hi, At: x.At}, At: x.At}
			if x.Negated {
				e = &Not{X: e, At: x.At}
			}
			return truth(e, want)
		}
	}
	leaf := p
	if !want {
		leaf = &Not{X: p, At: p.Position()}
	}
	n := operandsNull(p)
	if n == nil {
		return leaf
	}
	return &Logic{And: true, L: &Not{X: n, At: p.Position()}, R: leaf, At: p.Position()}
}

// constParam adds an integer constant of type t as a shape parameter.
func (b *binder) constParam(v int64, t schema.Type, at Pos) Expr {
	b.q.Params = append(b.q.Params, ParamValue{Type: t, Value: big.NewInt(v), At: at})
	return &Param{Slot: len(b.q.Params) - 1, Type: t, At: at}
}

// indicator is CASE WHEN p THEN 1 ELSE 0 END.
func (b *binder) indicator(p Expr, at Pos) Expr {
	return &Case{Whens: []When{{Cond: p, Then: b.constParam(1, schema.TinyInt, at)}}, Else: b.constParam(0, schema.TinyInt, at), At: at}
}

// nullable rewrites an aggregate over a value that can be NULL so that it
// skips NULLs (see the package comment above): the argument reads NULL as
// neutral (0 for sums; the type's bound for MIN/MAX, which only a column
// has), and a hidden SUM counts the non-NULL values.
func (b *binder) nullable(a Aggregate, at Pos) (Aggregate, error) {
	if a.Arg == nil {
		return a, nil
	}
	n := nullOf(a.Arg)
	if n == nil {
		return a, nil
	}
	switch {
	case a.Func == CountDistinct || a.Func == SumDistinct || a.Func == AvgDistinct:
		// the planner keeps the NULL flag in the key and counts no NULL value
		return a, nullKey(a.Arg.(*Column), a.Func.String()+" of")
	case a.Arg.Kind() == KindU256 && (a.Func == Sum || a.Func == Avg || a.Func == Max || a.Func == Min):
		// a NULL UINT256 is 0 in both limbs (the store's invariant, and an
		// unmatched LEFT JOIN row's): neither the sum nor the maximum of the
		// values changes when NULL rows count as 0 (no value is below 0, and
		// with no value at all the hidden count makes the result NULL), so
		// only MIN is rewritten below (a NULL read as 2^256 − 1)
	case Wide(a.Arg.Kind()) && a.Func != Count:
		return a, &Error{At: at, Msg: fmt.Sprintf("%s of a nullable %s is not supported yet", a.Func, map[Kind]string{KindU256: "UINT256", KindBytes32: "BYTES32"}[a.Arg.Kind()])}
	}
	notNull := &Not{X: n, At: at}
	b.q.HavingAggs = append(b.q.HavingAggs, Aggregate{Func: Sum, Arg: b.indicator(notNull, at), Name: fmt.Sprintf("values#%d", len(b.q.HavingAggs)), At: at})
	a.Values = len(b.q.HavingAggs)
	a.Display = a.Arg
	switch a.Func {
	case Sum, Avg:
		if a.Arg.Kind() != KindU256 {
			a.Arg = &Case{Whens: []When{{Cond: n, Then: b.constParam(0, schema.TinyInt, at)}}, Else: a.Arg, At: at}
		}
	case Min, Max:
		if a.Arg.Kind() != KindU256 || a.Func == Min {
			a.Arg = &Case{Whens: []When{{Cond: n, Then: &Extreme{X: a.Arg, High: a.Func == Min, At: at}}}, Else: a.Arg, At: at}
		}
	}
	return a, nil
}

// bindIsNull binds x IS [NOT] NULL (two-valued).
func (b *binder) bindIsNull(x *ast.IsNullExpr, alias string) (Expr, error) {
	at := b.pos(x.OriginTextPosition())
	v, err := b.bindAny(x.Expr, alias)
	if err != nil {
		return nil, err
	}
	if ref, ok := v.(*AggRef); ok { // HAVING: the verifier tests the proven value
		return &IsNull{X: ref, Negated: x.Not, At: at}, nil
	}
	var n Expr = nullOf(v)
	if n == nil {
		n = &Bool{Value: false, At: at}
	}
	if x.Not {
		return &Not{X: n, At: at}, nil
	}
	return n, nil
}

// bindCoalesce binds COALESCE(a, b, …) (and IFNULL(a, b)): the first
// argument that is not NULL, as a CASE.
func (b *binder) bindCoalesce(x *ast.FuncCallExpr, alias string, hint schema.Type) (Expr, error) {
	at := b.pos(x.OriginTextPosition())
	if len(x.Args) < 1 || len(x.Args) > 16 {
		return nil, b.errAt(x, "%s takes 1 to 16 arguments", x.FnName.O)
	}
	args := make([]Expr, len(x.Args))
	for i, a := range x.Args {
		v, err := b.bindValue(a, alias, hint)
		if err != nil {
			return nil, err
		}
		if !choosable(v.Kind()) {
			return nil, b.errAt(a, "%s takes integers, addresses or strings, not %s", x.FnName.O, kindName(v))
		}
		if i > 0 && v.Kind() != args[0].Kind() {
			if _, isNull := v.(*Null); !isNull {
				return nil, b.errAt(a, "%s arguments have different types: %s and %s", x.FnName.O, kindName(args[0]), kindName(v))
			}
			v = &Null{Of: args[0].Kind(), At: v.Position()}
		}
		if hint == schema.Invalid {
			hint = typeHint(v)
		}
		args[i] = v
	}
	c := &Case{Else: args[len(args)-1], At: at}
	for _, a := range args[:len(args)-1] {
		n := nullOf(a)
		if n == nil { // never NULL: the rest is never reached
			c.Else = a
			break
		}
		c.Whens = append(c.Whens, When{Cond: &Not{X: n, At: a.Position()}, Then: a})
	}
	if len(c.Whens) == 0 {
		return c.Else, nil
	}
	return c, nil
}

// hasDivision reports whether a value expression divides.
func hasDivision(e Expr) bool {
	switch x := e.(type) {
	case *Arith:
		return x.Op == '/' || x.Op == '%' || (x.L != nil && hasDivision(x.L)) || hasDivision(x.R)
	case *Abs:
		return hasDivision(x.X)
	case *Case:
		for _, w := range x.Whens {
			if hasDivision(w.Then) {
				return true
			}
		}
		return hasDivision(x.Else)
	}
	return false
}

// NullFlagColumn returns the column that is 1 where column c is NULL (its
// NULL flag, or for a LEFT JOIN's right column the join's Unmatched
// column), or nil when c is never NULL. A key column (GROUP BY, DISTINCT)
// has at most one of the two (see nullKey).
func (c *Column) NullFlagColumn() *Column {
	if f := c.FlagColumn(); f != nil {
		return f
	}
	return c.unmatchedColumn()
}

// nullKey refuses, as a key column (what: GROUP BY, DISTINCT …), a
// nullable column of a LEFT JOIN's right table: it would need two flags.
func nullKey(c *Column, what string) error {
	if c.Flag > 0 && c.Unmatched > 0 {
		return &Error{At: c.At, Msg: fmt.Sprintf("%s a nullable column of a LEFT JOIN's right table (%s) is not supported yet", what, c.Name)}
	}
	return nil
}

// groupBy adds a GROUP BY column and, when it is nullable, its NULL flag
// as a hidden key column right after it: NULLs form one group of their own.
func (b *binder) groupBy(c *Column) error {
	if err := nullKey(c, "GROUP BY"); err != nil {
		return err
	}
	b.q.GroupBy = append(b.q.GroupBy, c)
	if f := c.NullFlagColumn(); f != nil {
		b.q.GroupBy = append(b.q.GroupBy, f)
	}
	return nil
}

// anyNullable reports whether any of the expressions can be NULL.
func anyNullable(es ...Expr) bool {
	for _, e := range es {
		if nullOf(e) != nil {
			return true
		}
	}
	return false
}
