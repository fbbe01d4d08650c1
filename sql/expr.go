package sql

import (
	"fmt"
	"math/big"

	"github.com/provensql/provensql/schema"
)

// Pos is a 1-based line and column in the SQL text.
type Pos struct {
	Line, Col int
}

func (p Pos) String() string { return fmt.Sprintf("line %d, column %d", p.Line, p.Col) }

// Kind classifies the value an expression produces.
type Kind uint8

// Expression kinds.
const (
	// KindInt is an integer (every integer type, and BOOLEAN columns as 0/1).
	KindInt Kind = iota
	// KindPredicate is a truth value produced by comparisons and logic.
	KindPredicate
	// KindAddress is a bytes20 address, usable only with = <> IN and COUNT.
	KindAddress
	// KindString is a VARCHAR value: comparisons (bytewise order), IN,
	// LIKE 'prefix%', no arithmetic.
	KindString
	// KindU256 is a UINT256 value (a column or a parameter, two 128-bit
	// limbs): comparisons, IN, BETWEEN, COUNT, SUM, AVG, MIN, MAX and row
	// output; no arithmetic.
	KindU256
	// KindBytes32 is a BYTES32 value (a hash): = <> IN, COUNT and row output.
	KindBytes32
	// KindLongText is a LONGTEXT value and KindBytes a BYTES value, each
	// committed as the digest of its bytes (schema.Digest): = <> IN,
	// IS NULL, COUNT, COUNT(DISTINCT), GROUP BY, DISTINCT and row output.
	KindLongText
	KindBytes
)

// Long reports whether values of kind k are digests of byte strings (LONGTEXT, BYTES).
func Long(k Kind) bool { return k == KindLongText || k == KindBytes }

// choosable reports whether values of kind k may be the result of CASE,
// COALESCE or IFNULL: one-element values (integers, addresses, strings),
// not conditions, two-limb or digest values.
func choosable(k Kind) bool { return k != KindPredicate && !Wide(k) && !Long(k) }

// Wide reports whether values of kind k are two 128-bit limbs (UINT256, BYTES32).
func Wide(k Kind) bool { return k == KindU256 || k == KindBytes32 }

// KindOf returns the kind of values of a column type.
func KindOf(t schema.Type) Kind {
	switch t {
	case schema.Address:
		return KindAddress
	case schema.Varchar:
		return KindString
	case schema.Uint256:
		return KindU256
	case schema.Bytes32:
		return KindBytes32
	case schema.LongText:
		return KindLongText
	case schema.Bytes:
		return KindBytes
	}
	return KindInt
}

// Expr is a bound, typed expression.
type Expr interface {
	Kind() Kind
	Position() Pos
}

// Column reads a table column.
type Column struct {
	Index int
	Name  string
	Type  schema.Type
	At    Pos
	// Flag is the index of a nullable column's NULL flag column, 0 when
	// the column is NOT NULL.
	Flag int
	// Unmatched is, for a Right column of a LEFT JOIN, the index of the
	// join's Unmatched column (the column is NULL there too), else 0.
	Unmatched int
}

// Param is a query parameter: an explicit placeholder (? or $n) or a
// constant of the SQL text, which becomes a parameter of the query shape.
type Param struct {
	// Slot is the parameter's position in Query.Params.
	Slot int
	Type schema.Type
	At   Pos
}

// Arith is integer + - * / %. L is nil for unary minus. Division truncates
// toward zero and the remainder takes the dividend's sign (as SQLite and
// MySQL's DIV/MOD do); a division by zero wherever the expression is
// evaluated is a query error.
type Arith struct {
	Op   byte // '+', '-', '*', '/', '%'
	L, R Expr
	At   Pos
}

// Abs is ABS(x).
type Abs struct {
	X  Expr
	At Pos
}

// When is one WHEN cond THEN value branch of a CASE.
type When struct {
	Cond, Then Expr
}

// Case is CASE WHEN c1 THEN v1 ... ELSE v END (a simple CASE x WHEN a ...
// is bound to conditions x = a). Only the branch taken is evaluated.
type Case struct {
	Whens []When
	Else  Expr
	At    Pos
}

// Compare is = <> < <= > >=.
type Compare struct {
	Op   string
	L, R Expr
	At   Pos
}

// Holds reports whether a three-way comparison result c (−1, 0, 1 as from
// big.Int.Cmp) satisfies the comparison operator.
func (c *Compare) Holds(cmp int) bool {
	switch c.Op {
	case "=":
		return cmp == 0
	case "<>":
		return cmp != 0
	case "<":
		return cmp < 0
	case "<=":
		return cmp <= 0
	case ">":
		return cmp > 0
	}
	return cmp >= 0
}

// Logic is AND / OR of two predicates.
type Logic struct {
	And  bool
	L, R Expr
	At   Pos
}

// Not negates a predicate.
type Not struct {
	X  Expr
	At Pos
}

// Between is X BETWEEN Lo AND Hi (inclusive), or NOT BETWEEN.
type Between struct {
	X, Lo, Hi Expr
	Negated   bool
	At        Pos
}

// In is X IN (list), or NOT IN.
type In struct {
	X       Expr
	List    []Expr
	Negated bool
	At      Pos
}

// Truth turns a BOOLEAN column (an integer 0/1) into a predicate.
type Truth struct {
	X  Expr
	At Pos
}

// Kind implementations.
func (c *Column) Kind() Kind { return KindOf(c.Type) }
func (p *Param) Kind() Kind  { return KindOf(p.Type) }
func (*Arith) Kind() Kind    { return KindInt }
func (*Abs) Kind() Kind      { return KindInt }
func (c *Case) Kind() Kind   { return c.Else.Kind() }
func (*Compare) Kind() Kind  { return KindPredicate }
func (*Logic) Kind() Kind    { return KindPredicate }
func (*Not) Kind() Kind      { return KindPredicate }
func (*Between) Kind() Kind  { return KindPredicate }
func (*In) Kind() Kind       { return KindPredicate }
func (*Truth) Kind() Kind    { return KindPredicate }

// Position implementations.
func (c *Column) Position() Pos  { return c.At }
func (p *Param) Position() Pos   { return p.At }
func (a *Arith) Position() Pos   { return a.At }
func (a *Abs) Position() Pos     { return a.At }
func (c *Case) Position() Pos    { return c.At }
func (c *Compare) Position() Pos { return c.At }
func (l *Logic) Position() Pos   { return l.At }
func (n *Not) Position() Pos     { return n.At }
func (b *Between) Position() Pos { return b.At }
func (i *In) Position() Pos      { return i.At }
func (t *Truth) Position() Pos   { return t.At }

// AggFunc is an aggregate function.
type AggFunc uint8

// Aggregate functions.
const (
	CountStar AggFunc = iota
	Count
	Sum
	Min
	Max
	Avg
	// GroupKey is the GROUP BY column selected as an output column.
	GroupKey
	// Value is an item of a row-returning query: its expression's value on
	// each selected row.
	Value
	// CountDistinct is COUNT(DISTINCT col).
	CountDistinct
	// SumDistinct is SUM(DISTINCT col).
	SumDistinct
	// AvgDistinct is AVG(DISTINCT col).
	AvgDistinct
)

var aggNames = [...]string{"COUNT(*)", "COUNT", "SUM", "MIN", "MAX", "AVG", "KEY", "VALUE", "COUNT DISTINCT", "SUM DISTINCT", "AVG DISTINCT"}

// AggRef refers, inside HAVING, to aggregate Index of Query.Aggregates().
type AggRef struct {
	Index int
	Type  Kind
	At    Pos
}

// Kind implements Expr.
func (a *AggRef) Kind() Kind { return a.Type }

// Position implements Expr.
func (a *AggRef) Position() Pos { return a.At }

func (a AggFunc) String() string { return aggNames[a] }

// Aggregate is one SELECT item: an aggregate over the filtered rows.
type Aggregate struct {
	Func AggFunc
	Arg  Expr // nil for COUNT(*)
	Name string
	At   Pos
	// Values is, for an aggregate whose argument can be NULL, 1 + the index
	// in Query.HavingAggs of the hidden SUM counting its non-NULL values
	// (COUNT's value, AVG's divisor, NULL when 0); 0 otherwise. Display is
	// then the argument as written (Arg reads NULL as neutral).
	Values  int
	Display Expr
	// Null is, for a row item that can be NULL, the slot expression that
	// is 1 where it is NULL (see Plan.SlotExprs); nil otherwise.
	Null Expr
}

// Shown is the argument as written: Display when the binder rewrote it to
// skip NULLs, else Arg.
func (a Aggregate) Shown() Expr {
	if a.Display != nil {
		return a.Display
	}
	return a.Arg
}

// ParamValue is the value and type of one query parameter.
type ParamValue struct {
	Type schema.Type
	// Value is set once bound (explicit placeholders) or from the SQL text (constants).
	Value *big.Int
	// Explicit is true for placeholders (? or $n) and false for SQL constants.
	Explicit bool
	// Placeholder is the 1-based placeholder number of an explicit parameter.
	Placeholder int
	At          Pos
}

// OrderKey is one ORDER BY key. In a row-returning query Expr is a value
// expression of the row (integer or address); in an aggregate query it is
// an *AggRef to one of Query.Aggregates().
type OrderKey struct {
	Expr Expr
	Desc bool
	At   Pos
}

// Query is a bound single-table query: aggregates (optionally grouped) or
// rows (every SELECT item a Value).
type Query struct {
	Text string
	// Table is the table queried; for a join, the combined table of
	// Join.Left's and Join.Right's columns.
	Table *schema.Table
	// Join is the query's inner equi-join, nil for a one-table query.
	Join   *Join
	Where  Expr // a predicate, nil when there is no WHERE
	Select []Aggregate
	// Params holds every parameter of the query: the explicit placeholders
	// in placeholder order first, then the SQL constants in text order.
	Params []ParamValue
	// NumPlaceholders is the number of distinct explicit placeholders.
	NumPlaceholders int
	// GroupBy are the grouping columns (none without GROUP BY).
	GroupBy []*Column
	// Having filters groups; its AggRefs index Aggregates().
	Having Expr
	// DistinctKey is the column of the query's COUNT(DISTINCT col)
	// aggregates (one column per query), nil without.
	DistinctKey *Column
	// HavingAggs are aggregates HAVING or ORDER BY use that SELECT does not.
	HavingAggs []Aggregate
	// OrderBy are the ORDER BY keys, most significant first.
	OrderBy []OrderKey
	// Limit is the LIMIT row count, -1 without LIMIT; Offset is OFFSET (0 without).
	Limit, Offset int64
	// LimitAt is the position of LIMIT.
	LimitAt Pos
}

// RowResult reports whether the query returns rows of values (no
// aggregates, no GROUP BY).
func (q *Query) RowResult() bool {
	return len(q.Select) > 0 && q.Select[0].Func == Value
}

// Aggregates returns the SELECT items followed by HAVING's extra aggregates.
func (q *Query) Aggregates() []Aggregate {
	return append(append([]Aggregate(nil), q.Select...), q.HavingAggs...)
}
