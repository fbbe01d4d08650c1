// Package sql parses ProvenSQL queries with the TiDB parser (MySQL dialect)
// and binds them against a catalog of table schemas, producing typed
// expression trees with positions for every error.
//
// Supported (proven) so far: one table or an equi-join (inner or LEFT) of
// two (see Join), nullable columns with SQL's three-valued logic (see
// nullOf), WHERE with = <> < <= > >=, BETWEEN,
// IN (list), AND/OR/NOT, parentheses, integer + - * / % (DIV, MOD), ABS,
// CASE ... ELSE ... END, placeholders (? or $n), the aggregates COUNT(*),
// COUNT(col), SUM, MIN, MAX, AVG, GROUP BY columns (every aggregate) with
// HAVING, row-returning queries (SELECT columns, expressions or *), ORDER BY
// (ASC/DESC, several keys) and LIMIT/OFFSET. Every other construct is
// refused with an error naming it and its position.
package sql

import (
	"errors"
	"fmt"
	"math/big"
	"regexp"
	"strings"

	"github.com/pingcap/tidb/pkg/parser"
	"github.com/pingcap/tidb/pkg/parser/ast"
	"github.com/pingcap/tidb/pkg/parser/opcode"
	"github.com/pingcap/tidb/pkg/parser/test_driver"

	"github.com/provensql/provensql/schema"
)

// Catalog resolves table names to schemas.
type Catalog interface {
	Schema(table string) (*schema.Table, error)
}

// Error is a positioned SQL error.
type Error struct {
	At  Pos
	Msg string
}

func (e *Error) Error() string { return fmt.Sprintf("sql: %s: %s", e.At, e.Msg) }

// MaxQueryLength bounds the SQL text accepted.
const MaxQueryLength = 64 << 10

type binder struct {
	having  bool // binding HAVING: aggregates and the group column become AggRefs
	text    string
	lines   []int         // byte offset of each line start
	table   *schema.Table // the table queried: one table, or a join's combined columns
	sources []source      // the tables of FROM, in order
	q       *Query
	marker  map[int]int // placeholder number per marker byte offset
}

func (b *binder) pos(off int) Pos {
	line := 0
	for line+1 < len(b.lines) && b.lines[line+1] <= off {
		line++
	}
	return Pos{Line: line + 1, Col: off - b.lines[line] + 1}
}

func (b *binder) errAt(n ast.Node, format string, args ...any) error {
	off := 0
	if n != nil {
		off = n.OriginTextPosition()
	}
	return &Error{At: b.pos(off), Msg: fmt.Sprintf(format, args...)}
}

// Parse parses and binds one SELECT statement. Placeholder values are bound
// later with Query.Bind.
func Parse(text string, cat Catalog) (*Query, error) {
	if len(text) > MaxQueryLength {
		return nil, fmt.Errorf("sql: query of %d bytes exceeds the %d-byte limit", len(text), MaxQueryLength)
	}
	rewritten, markers, err := rewriteDollarParams(text)
	if err != nil {
		return nil, err
	}
	b := &binder{text: text, lines: []int{0}, q: &Query{Text: text}, marker: markers}
	for i, c := range text {
		if c == '\n' {
			b.lines = append(b.lines, i+1)
		}
	}
	p := parser.New()
	stmts, _, err := p.Parse(rewritten, "", "")
	if err != nil {
		return nil, fmt.Errorf("sql: syntax error: %w", err)
	}
	if len(stmts) != 1 {
		return nil, fmt.Errorf("sql: want exactly one statement, got %d", len(stmts))
	}
	sel, ok := stmts[0].(*ast.SelectStmt)
	if !ok {
		return nil, b.errAt(stmts[0], "only SELECT is supported, found %s", stmtName(stmts[0]))
	}
	// Placeholders occupy the first parameter slots.
	n := 0
	for _, m := range markers {
		n = max(n, m)
	}
	for k := 1; k <= n; k++ {
		found := false
		for _, m := range markers {
			found = found || m == k
		}
		if !found {
			return nil, fmt.Errorf("sql: placeholder $%d is missing (placeholders must be numbered 1..%d)", k, n)
		}
	}
	b.q.NumPlaceholders = n
	b.q.Params = make([]ParamValue, n)
	for i := range b.q.Params {
		b.q.Params[i] = ParamValue{Explicit: true, Placeholder: i + 1}
	}
	if err := b.bindSelect(sel, cat); err != nil {
		return nil, err
	}
	return b.q, nil
}

// tableOffset finds the byte offset of the table name after FROM (the
// parser records no position for table names).
func (b *binder) tableOffset(name string) int {
	re := regexp.MustCompile("(?i)\\bfrom\\s+`?(" + regexp.QuoteMeta(name) + ")")
	if m := re.FindStringSubmatchIndex(b.text); m != nil {
		return m[2]
	}
	return 0
}

func stmtName(s ast.StmtNode) string {
	name := fmt.Sprintf("%T", s)
	name = strings.TrimPrefix(name, "*ast.")
	return strings.TrimSuffix(name, "Stmt")
}

// rewriteDollarParams replaces $n placeholders by ? padded with spaces (so
// positions are kept) and returns, per placeholder byte offset, its number.
func rewriteDollarParams(text string) (string, map[int]int, error) {
	out := []byte(text)
	markers := map[int]int{}
	dollar, question := false, false
	for i := 0; i < len(out); i++ {
		c := out[i]
		switch {
		case c == '\'' || c == '"' || c == '`':
			j := i + 1
			for j < len(out) && out[j] != c {
				if out[j] == '\\' {
					j++
				}
				j++
			}
			i = j
		case c == '-' && i+1 < len(out) && out[i+1] == '-':
			for i < len(out) && out[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(out) && out[i+1] == '*':
			end := strings.Index(string(out[i+2:]), "*/")
			if end < 0 {
				i = len(out)
			} else {
				i += end + 3
			}
		case c == '?':
			question = true
			markers[i] = len(markers) + 1
		case c == '$':
			j := i + 1
			for j < len(out) && out[j] >= '0' && out[j] <= '9' {
				j++
			}
			if j == i+1 {
				continue
			}
			var k int
			if _, err := fmt.Sscanf(string(out[i+1:j]), "%d", &k); err != nil || k < 1 || k > 1024 {
				return "", nil, fmt.Errorf("sql: placeholder %s is not a valid number (1..1024)", out[i:j])
			}
			dollar = true
			markers[i] = k
			out[i] = '?'
			for t := i + 1; t < j; t++ {
				out[t] = ' '
			}
			i = j - 1
		}
	}
	if dollar && question {
		return "", nil, errors.New("sql: mixing ? and $n placeholders in one query is not supported")
	}
	return string(out), markers, nil
}

func (b *binder) bindSelect(sel *ast.SelectStmt, cat Catalog) error {
	switch {
	case sel.With != nil:
		return b.errAt(sel.With, "WITH (common table expressions) is not supported yet")
	case sel.Having != nil && sel.GroupBy == nil:
		return b.errAt(sel.Having, "HAVING needs GROUP BY")
	case sel.WindowSpecs != nil:
		return b.errAt(sel, "WINDOW is not supported")
	case sel.SelectIntoOpt != nil:
		return b.errAt(sel, "SELECT ... INTO is not supported")
	case sel.LockInfo != nil && sel.LockInfo.LockType != ast.SelectLockNone:
		return b.errAt(sel, "locking clauses are not supported")
	case sel.From == nil:
		return b.errAt(sel, "a FROM clause naming one table is required")
	}
	alias, err := b.bindFrom(sel.From.TableRefs, cat)
	if err != nil {
		return err
	}
	if sel.GroupBy != nil {
		if sel.GroupBy.Rollup {
			return b.errAt(sel.GroupBy, "WITH ROLLUP is not supported")
		}
		if len(sel.GroupBy.Items) > 4 {
			return b.errAt(sel.GroupBy, "GROUP BY over %d columns is not supported (at most 4)", len(sel.GroupBy.Items))
		}
		for _, it := range sel.GroupBy.Items {
			key, err := b.bindValue(it.Expr, alias, schema.Invalid)
			if err != nil {
				return err
			}
			c, ok := key.(*Column)
			if !ok {
				return b.errAt(it.Expr, "GROUP BY needs columns")
			}
			if b.groupColumnIndex(c.Index) {
				return b.errAt(it.Expr, "column %s appears twice in GROUP BY", c.Name)
			}
			if err := b.groupBy(c); err != nil {
				return err
			}
		}
	}
	rowMode := b.q.GroupBy == nil
	for _, f := range sel.Fields.Fields {
		if _, isAgg := f.Expr.(*ast.AggregateFuncExpr); isAgg {
			rowMode = false
		}
	}
	for _, f := range sel.Fields.Fields {
		if rowMode {
			if err := b.bindRowItem(f, alias); err != nil {
				return err
			}
			continue
		}
		if b.q.GroupBy != nil && f.WildCard == nil {
			if cn, ok := f.Expr.(*ast.ColumnNameExpr); ok && b.groupColumn(cn.Name) != nil {
				name := f.AsName.O
				if name == "" {
					name = f.Text()
				}
				b.q.Select = append(b.q.Select, Aggregate{Func: GroupKey, Arg: b.groupColumn(cn.Name), Name: name, At: b.pos(cn.OriginTextPosition())})
				continue
			}
		}
		if f.WildCard != nil {
			return b.errAt(f, "SELECT * returns rows and cannot be mixed with aggregates")
		}
		agg, ok := f.Expr.(*ast.AggregateFuncExpr)
		if !ok {
			if b.q.GroupBy != nil {
				return b.errAt(f.Expr, "select item %q is neither an aggregate nor a GROUP BY column", f.Text())
			}
			return b.errAt(f.Expr, "select item %q is not an aggregate: a query returns either rows or aggregates (GROUP BY to mix them)", f.Text())
		}
		a, err := b.bindAggregate(agg, alias)
		if err != nil {
			return err
		}
		a.Name = f.AsName.O
		if a.Name == "" {
			a.Name = f.Text()
		}
		b.q.Select = append(b.q.Select, a)
	}
	if sel.Distinct {
		if err := b.distinct(sel); err != nil {
			return err
		}
	}
	if sel.Where != nil {
		w, err := b.bindPredicate(sel.Where, alias)
		if err != nil {
			return err
		}
		if b.q.Where != nil { // a JOIN's ON conditions beyond its keys come first
			w = &Logic{And: true, L: b.q.Where, R: w, At: w.Position()}
		}
		b.q.Where = w
	}
	if sel.Having != nil {
		b.having = true
		h, err := b.bindPredicate(sel.Having.Expr, alias)
		b.having = false
		if err != nil {
			return err
		}
		b.q.Having = h
	}
	if sel.OrderBy != nil {
		if err := b.bindOrderBy(sel.OrderBy.Items, alias); err != nil {
			return err
		}
	}
	if b.q.Where != nil { // WHERE keeps the rows whose condition is TRUE (not UNKNOWN)
		b.q.Where = truth(b.q.Where, true)
	}
	return b.bindLimit(sel.Limit)
}

// distinct turns SELECT DISTINCT c1, c2, … into a GROUP BY of those
// columns that selects its keys.
func (b *binder) distinct(sel *ast.SelectStmt) error {
	if !b.q.RowResult() {
		return b.errAt(sel, "SELECT DISTINCT with aggregates or GROUP BY is not supported (select columns only)")
	}
	if len(b.q.Select) > 4 {
		return b.errAt(sel, "SELECT DISTINCT over %d columns is not supported (at most 4)", len(b.q.Select))
	}
	for i, a := range b.q.Select {
		c, ok := a.Arg.(*Column)
		if !ok {
			return &Error{At: a.At, Msg: "SELECT DISTINCT takes columns only"}
		}
		if !b.groupColumnIndex(c.Index) {
			if err := b.groupBy(c); err != nil {
				return err
			}
		}
		b.q.Select[i].Func = GroupKey
	}
	return nil
}

// bindRowItem binds one item of a row-returning query: a column, * (every
// column), or an integer or address expression of the row.
func (b *binder) bindRowItem(f *ast.SelectField, alias string) error {
	if f.WildCard != nil {
		srcs := b.sourcesNamed(f.WildCard.Table.O)
		if f.WildCard.Schema.O != "" || len(srcs) == 0 {
			return b.errAt(f, "%s.* refers to another table", f.WildCard.Table.O)
		}
		at := b.pos(f.OriginTextPosition())
		for _, src := range srcs {
			for i, c := range src.table.Columns {
				if c.Type.Hidden() {
					continue
				}
				col := b.columnAt(src.offset+i, at)
				item := Aggregate{Func: Value, Arg: col, Name: c.Name, At: at}
				if n := nullOf(col); n != nil {
					item.Null = b.indicator(n, at)
				}
				b.q.Select = append(b.q.Select, item)
			}
		}
		return nil
	}
	e, err := b.bindValue(f.Expr, alias, schema.Invalid)
	if err != nil {
		return err
	}
	if e.Kind() == KindPredicate {
		return b.errAt(f.Expr, "select item %q is a condition: select columns or integer expressions (or use CASE WHEN ... THEN 1 ELSE 0 END)", f.Text())
	}
	name := f.AsName.O
	if name == "" {
		name = f.Text()
	}
	at := b.pos(f.Expr.OriginTextPosition())
	item := Aggregate{Func: Value, Arg: e, Name: name, At: at}
	if n := nullOf(e); n != nil {
		item.Null = b.indicator(n, at)
		if hasDivision(e) { // x / NULL is NULL, not a division by zero
			item.Arg = &Case{Whens: []When{{Cond: n, Then: &Null{Of: e.Kind(), At: at}}}, Else: e, At: at}
		}
	}
	b.q.Select = append(b.q.Select, item)
	return nil
}

// bindOrderBy binds ORDER BY keys: a result column by position (ORDER BY 2)
// or alias, or else an expression of the row (row-returning queries) or an
// aggregate or GROUP BY column (aggregate queries).
func (b *binder) bindOrderBy(items []*ast.ByItem, alias string) error {
	rows := b.q.RowResult()
	for _, it := range items {
		off := it.Expr.OriginTextPosition()
		if off == 0 {
			off = it.OriginTextPosition()
		}
		at := b.pos(off)
		idx := -1
		switch x := it.Expr.(type) {
		case *ast.PositionExpr:
			if x.P != nil || x.N < 1 || x.N > len(b.q.Select) {
				return &Error{At: at, Msg: fmt.Sprintf("ORDER BY position %d is not a result column (1..%d)", x.N, len(b.q.Select))}
			}
			idx = x.N - 1
		case *ast.ColumnNameExpr:
			if x.Name.Table.O == "" {
				for i, a := range b.q.Select {
					if strings.EqualFold(a.Name, x.Name.Name.O) {
						idx = i
						break
					}
				}
			}
		}
		var key Expr
		switch {
		case idx >= 0 && rows:
			key = b.q.Select[idx].Arg
		case idx >= 0:
			key = &AggRef{Index: idx, Type: KindInt, At: at}
			if a := b.q.Select[idx]; a.Func == GroupKey {
				key.(*AggRef).Type = KindOf(a.Arg.(*Column).Type)
			}
		case rows:
			e, err := b.bindValue(it.Expr, alias, schema.Invalid)
			if err != nil {
				return err
			}
			if e.Kind() == KindPredicate {
				return &Error{At: at, Msg: "ORDER BY a condition is not supported: order by a column or an integer expression"}
			}
			key = e
		default:
			switch it.Expr.(type) {
			case *ast.AggregateFuncExpr, *ast.ColumnNameExpr:
			default:
				return &Error{At: at, Msg: "ORDER BY of an aggregate query takes result columns, aggregates or GROUP BY columns"}
			}
			b.having = true
			e, err := b.havingRef(it.Expr, alias)
			b.having = false
			if err != nil {
				return err
			}
			key = e
		}
		if key.Kind() == KindBytes32 {
			return &Error{At: at, Msg: "ORDER BY a BYTES32 value is not supported (hashes have no useful order)"}
		}
		if Long(key.Kind()) {
			return &Error{At: at, Msg: fmt.Sprintf("ORDER BY %s is not supported (it is committed by its digest, which has no useful order; a VARCHAR of at most %d bytes orders)", kindName(key), schema.MaxVarcharBytes)}
		}
		if n := nullOf(key); rows && n != nil {
			// NULLs first ascending, last descending (as SQLite): order by
			// "is NULL" first
			b.q.OrderBy = append(b.q.OrderBy, OrderKey{Expr: b.indicator(n, at), Desc: !it.Desc, At: at})
			if hasDivision(key) { // x / NULL is NULL, not a division by zero
				key = &Case{Whens: []When{{Cond: n, Then: &Null{Of: key.Kind(), At: at}}}, Else: key, At: at}
			}
		}
		b.q.OrderBy = append(b.q.OrderBy, OrderKey{Expr: key, Desc: it.Desc, At: at})
	}
	return nil
}

// MaxLimit bounds LIMIT + OFFSET: the rows a proof returns are public.
const MaxLimit = 1 << 20

// bindLimit binds LIMIT n [OFFSET m] (or LIMIT m, n): constants, part of the
// query's shape.
func (b *binder) bindLimit(l *ast.Limit) error {
	b.q.Limit, b.q.Offset = -1, 0
	if l == nil {
		return nil
	}
	// The parser records no position for LIMIT: take the last LIMIT keyword.
	off := 0
	if locs := regexp.MustCompile(`(?i)\blimit\b`).FindAllStringIndex(b.text, -1); len(locs) > 0 {
		off = locs[len(locs)-1][0]
	}
	b.q.LimitAt = b.pos(off)
	value := func(n ast.ExprNode, what string) (int64, error) {
		v, ok := n.(*test_driver.ValueExpr)
		if !ok {
			return 0, &Error{At: b.q.LimitAt, Msg: what + " takes an integer constant (it is part of the query's shape, not a parameter)"}
		}
		var k *big.Int
		switch v.Kind() {
		case test_driver.KindInt64:
			k = big.NewInt(v.GetInt64())
		case test_driver.KindUint64:
			k = new(big.Int).SetUint64(v.GetUint64())
		default:
			return 0, &Error{At: b.q.LimitAt, Msg: what + " takes an integer constant"}
		}
		if k.Sign() < 0 || k.Cmp(big.NewInt(MaxLimit)) > 0 {
			return 0, &Error{At: b.q.LimitAt, Msg: fmt.Sprintf("%s %s is out of range [0, %d]", what, k, MaxLimit)}
		}
		return k.Int64(), nil
	}
	var err error
	if b.q.Limit, err = value(l.Count, "LIMIT"); err != nil {
		return err
	}
	if l.Offset != nil {
		if b.q.Offset, err = value(l.Offset, "OFFSET"); err != nil {
			return err
		}
	}
	if b.q.Limit+b.q.Offset > MaxLimit {
		return &Error{At: b.q.LimitAt, Msg: fmt.Sprintf("LIMIT + OFFSET is %d, above %d", b.q.Limit+b.q.Offset, MaxLimit)}
	}
	return nil
}

// groupColumn returns the GROUP BY column a column name refers to, or nil.
func (b *binder) groupColumn(cn *ast.ColumnName) *Column {
	c, err := b.column(cn, Pos{})
	if err != nil {
		return nil
	}
	for _, g := range b.q.GroupBy {
		if g.Index == c.Index {
			return g
		}
	}
	return nil
}

// havingRef binds an aggregate or a GROUP BY column inside HAVING.
func (b *binder) havingRef(n ast.ExprNode, alias string) (Expr, error) {
	at := b.pos(n.OriginTextPosition())
	var a Aggregate
	switch x := n.(type) {
	case *ast.AggregateFuncExpr:
		b.having = false
		agg, err := b.bindAggregate(x, alias)
		b.having = true
		if err != nil {
			return nil, err
		}
		a = agg
	case *ast.ColumnNameExpr:
		c := b.groupColumn(x.Name)
		if c == nil {
			return nil, &Error{At: at, Msg: fmt.Sprintf("HAVING may use only aggregates and the GROUP BY columns, not %q", x.Name.Name.O)}
		}
		a = Aggregate{Func: GroupKey, Arg: c, At: at}
	default:
		return nil, &Error{At: at, Msg: "HAVING supports comparisons of aggregates and the GROUP BY column with constants"}
	}
	a.Name = fmt.Sprintf("having#%d", len(b.q.HavingAggs))
	kind := KindInt
	switch {
	case a.Func == GroupKey:
		kind = KindOf(a.Arg.(*Column).Type)
	case (a.Func == Sum || a.Func == Min || a.Func == Max) && a.Arg.Kind() == KindU256:
		kind = KindU256 // compared with UINT256 constants and parameters
	}
	b.q.HavingAggs = append(b.q.HavingAggs, a)
	return &AggRef{Index: len(b.q.Select) + len(b.q.HavingAggs) - 1, Type: kind, At: at}, nil
}

func (b *binder) bindAggregate(agg *ast.AggregateFuncExpr, alias string) (Aggregate, error) {
	a, err := b.bindAggregateArg(agg, alias)
	if err != nil {
		return a, err
	}
	return b.nullable(a, b.pos(agg.OriginTextPosition()))
}

// bindAggregateArg binds an aggregate and its argument as written.
func (b *binder) bindAggregateArg(agg *ast.AggregateFuncExpr, alias string) (Aggregate, error) {
	at := b.pos(agg.OriginTextPosition())
	if len(agg.Args) != 1 {
		return Aggregate{}, b.errAt(agg, "%s takes one argument", strings.ToUpper(agg.F))
	}
	arg := agg.Args[0]
	if agg.Distinct {
		f, ok := map[string]AggFunc{"count": CountDistinct, "sum": SumDistinct, "avg": AvgDistinct}[strings.ToLower(agg.F)]
		if !ok {
			return Aggregate{}, b.errAt(agg, "%s(DISTINCT ...) is not supported (COUNT, SUM and AVG of DISTINCT col are)", strings.ToUpper(agg.F))
		}
		name := strings.ToUpper(agg.F)
		e, err := b.bindValue(arg, alias, schema.Invalid)
		if err != nil {
			return Aggregate{}, err
		}
		c, ok := e.(*Column)
		if !ok {
			return Aggregate{}, b.errAt(agg, "%s(DISTINCT ...) takes a column", name)
		}
		if c.Type.HasHighLimb() {
			return Aggregate{}, b.errAt(agg, "%s(DISTINCT ...) of a %v column is not supported yet", name, c.Type)
		}
		if f != CountDistinct && !c.Type.IsInteger() && c.Type != schema.Boolean {
			return Aggregate{}, b.errAt(agg, "%s(DISTINCT ...) needs an integer column, not %v", name, c.Type)
		}
		if d := b.q.DistinctKey; d != nil && d.Index != c.Index {
			return Aggregate{}, b.errAt(agg, "DISTINCT aggregates over two columns (%s and %s) in one query are not supported", d.Name, c.Name)
		}
		b.q.DistinctKey = c
		return Aggregate{Func: f, Arg: c, At: at}, nil
	}
	switch strings.ToLower(agg.F) {
	case "count":
		if v, isConst := arg.(*test_driver.ValueExpr); isConst && v.Kind() != test_driver.KindNull { // COUNT(NULL) is 0
			return Aggregate{Func: CountStar, At: at}, nil
		}
		e, err := b.bindAny(arg, alias)
		if err != nil {
			return Aggregate{}, err
		}
		return Aggregate{Func: Count, Arg: e, At: at}, nil
	case "min", "max":
		// integers and strings (bytewise order)
		e, err := b.bindValue(arg, alias, schema.Invalid)
		if err != nil {
			return Aggregate{}, err
		}
		if e.Kind() != KindInt && e.Kind() != KindString && e.Kind() != KindU256 {
			return Aggregate{}, b.errAt(arg, "%s needs an integer, a string or a UINT256, found %s", strings.ToUpper(agg.F), kindName(e))
		}
		return Aggregate{Func: map[string]AggFunc{"min": Min, "max": Max}[strings.ToLower(agg.F)], Arg: e, At: at}, nil
	case "sum", "avg":
		e, err := b.bindValue(arg, alias, schema.Invalid)
		if err != nil {
			return Aggregate{}, err
		}
		if e.Kind() != KindInt && e.Kind() != KindU256 {
			return Aggregate{}, b.errAt(arg, "%s needs an integer or a UINT256, found %s", strings.ToUpper(agg.F), kindName(e))
		}
		f := map[string]AggFunc{"sum": Sum, "min": Min, "max": Max, "avg": Avg}[strings.ToLower(agg.F)]
		return Aggregate{Func: f, Arg: e, At: at}, nil
	}
	return Aggregate{}, b.errAt(agg, "aggregate %s is not supported", strings.ToUpper(agg.F))
}

// bindAny binds an expression of any kind.
func (b *binder) bindAny(n ast.ExprNode, alias string) (Expr, error) {
	switch n.(type) {
	case *ast.BinaryOperationExpr, *ast.UnaryOperationExpr, *ast.ParenthesesExpr:
		if isPredicateNode(n) {
			return b.bindPredicate(n, alias)
		}
	case *ast.BetweenExpr, *ast.PatternInExpr:
		return b.bindPredicate(n, alias)
	}
	return b.bindValue(n, alias, schema.Invalid)
}

func isPredicateNode(n ast.ExprNode) bool {
	switch x := n.(type) {
	case *ast.ParenthesesExpr:
		return isPredicateNode(x.Expr)
	case *ast.BinaryOperationExpr:
		switch x.Op {
		case opcode.EQ, opcode.NE, opcode.LT, opcode.LE, opcode.GT, opcode.GE, opcode.LogicAnd, opcode.LogicOr:
			return true
		}
	case *ast.UnaryOperationExpr:
		return x.Op == opcode.Not || x.Op == opcode.Not2
	case *ast.BetweenExpr, *ast.PatternInExpr:
		return true
	}
	return false
}

// bindPredicate binds an expression used as a truth value.
func (b *binder) bindPredicate(n ast.ExprNode, alias string) (Expr, error) {
	at := b.pos(n.OriginTextPosition())
	switch x := n.(type) {
	case *ast.ParenthesesExpr:
		return b.bindPredicate(x.Expr, alias)
	case *ast.UnaryOperationExpr:
		if x.Op == opcode.Not || x.Op == opcode.Not2 {
			e, err := b.bindPredicate(x.V, alias)
			if err != nil {
				return nil, err
			}
			return &Not{X: e, At: at}, nil
		}
	case *ast.BinaryOperationExpr:
		switch x.Op {
		case opcode.LogicAnd, opcode.LogicOr:
			l, err := b.bindPredicate(x.L, alias)
			if err != nil {
				return nil, err
			}
			r, err := b.bindPredicate(x.R, alias)
			if err != nil {
				return nil, err
			}
			return &Logic{And: x.Op == opcode.LogicAnd, L: l, R: r, At: at}, nil
		case opcode.LogicXor:
			return nil, b.errAt(n, "XOR is not supported yet")
		case opcode.EQ, opcode.NE, opcode.LT, opcode.LE, opcode.GT, opcode.GE:
			return b.bindCompare(x, alias)
		case opcode.NullEQ:
			return nil, b.errAt(n, "<=> is not supported yet")
		}
	case *ast.BetweenExpr:
		v, err := b.bindValue(x.Expr, alias, schema.Invalid)
		if err != nil {
			return nil, err
		}
		if v.Kind() != KindInt && v.Kind() != KindString && v.Kind() != KindU256 {
			return nil, b.errAt(x.Expr, "BETWEEN needs an integer, a string or a UINT256, found %s", kindName(v))
		}
		hint := typeHint(v)
		bound := func(n ast.ExprNode) (Expr, error) {
			e, err := b.bindValue(n, alias, hint)
			if err == nil && e.Kind() != v.Kind() {
				err = b.errAt(n, "BETWEEN bound is %s, not %s", kindName(e), kindName(v))
			}
			return e, err
		}
		lo, err := bound(x.Left)
		if err != nil {
			return nil, err
		}
		hi, err := bound(x.Right)
		if err != nil {
			return nil, err
		}
		return &Between{X: v, Lo: lo, Hi: hi, Negated: x.Not, At: at}, nil
	case *ast.PatternInExpr:
		if x.Sel != nil {
			return nil, b.errAt(x.Sel, "IN (subquery) is not supported yet")
		}
		v, err := b.bindValue(x.Expr, alias, schema.Invalid)
		if err != nil {
			return nil, err
		}
		if v.Kind() == KindPredicate {
			return nil, b.errAt(x.Expr, "IN needs an integer or address on its left")
		}
		in := &In{X: v, Negated: x.Not, At: at}
		for _, item := range x.List {
			e, err := b.bindValue(item, alias, typeHint(v))
			if err != nil {
				return nil, err
			}
			if e.Kind() != v.Kind() {
				return nil, b.errAt(item, "IN list item has a different type from %s", kindName(v))
			}
			in.List = append(in.List, e)
		}
		if len(in.List) > 256 {
			return nil, b.errAt(n, "IN list of %d items exceeds the limit of 256", len(in.List))
		}
		return in, nil
	case *ast.IsNullExpr:
		return b.bindIsNull(x, alias)
	case *ast.IsTruthExpr:
		return nil, b.errAt(n, "IS TRUE / IS FALSE is not supported yet")
	case *ast.PatternLikeOrIlikeExpr:
		return b.bindLike(x, alias)
	}
	v, err := b.bindValue(n, alias, schema.Invalid)
	if err != nil {
		return nil, err
	}
	if c, ok := v.(*Column); ok && c.Type == schema.Boolean {
		return &Truth{X: c, At: at}, nil
	}
	if v.Kind() == KindPredicate {
		return v, nil
	}
	if _, ok := v.(*Null); ok { // a NULL condition is UNKNOWN: neither TRUE nor FALSE
		return &Compare{Op: "=", L: v, R: v, At: at}, nil
	}
	return nil, &Error{At: at, Msg: fmt.Sprintf("expected a condition, found %s (compare it, e.g. x <> 0)", kindName(v))}
}

// bindLike binds x [NOT] LIKE 'pattern' for a string x and a constant
// pattern of literal characters, optionally ending in %: without % it is
// equality, with it a range of the encoding (every string with that prefix
// lies in [prefix, prefix + 2^(8·(MaxVarcharBytes − len)) − 1]), whose
// bounds become parameters.
func (b *binder) bindLike(x *ast.PatternLikeOrIlikeExpr, alias string) (Expr, error) {
	at := b.pos(x.OriginTextPosition())
	if !x.IsLike {
		return nil, b.errAt(x, "ILIKE is not supported")
	}
	v, err := b.bindValue(x.Expr, alias, schema.Invalid)
	if err != nil {
		return nil, err
	}
	if Long(v.Kind()) {
		return nil, b.errAt(x.Expr, "LIKE over %s is not supported (it is committed by its digest): use = or IN, or a VARCHAR column of at most %d bytes", kindName(v), schema.MaxVarcharBytes)
	}
	if v.Kind() != KindString {
		return nil, b.errAt(x.Expr, "LIKE needs a string on its left, found %s", kindName(v))
	}
	pv, ok := x.Pattern.(*test_driver.ValueExpr)
	if !ok || pv.Kind() != test_driver.KindString {
		return nil, b.errAt(x.Pattern, "LIKE takes a constant string pattern")
	}
	pat := pv.GetString()
	esc := byte('\\')
	if x.Escape != 0 {
		esc = x.Escape
	}
	var lit []byte
	prefix := false
	for i := 0; i < len(pat); i++ {
		c := pat[i]
		switch {
		case c == esc && i+1 < len(pat):
			i++
			lit = append(lit, pat[i])
		case c == '%' && i == len(pat)-1:
			prefix = true
		case c == '%' || c == '_':
			return b.bindLikePattern(v, pat, esc, x.Not, at)
		default:
			lit = append(lit, c)
		}
	}
	lo, err := schema.EncodeString(string(lit))
	if err != nil {
		return nil, &Error{At: at, Msg: fmt.Sprintf("LIKE pattern %q: %v", pat, err)}
	}
	param := func(val *big.Int) *Param {
		b.q.Params = append(b.q.Params, ParamValue{Type: schema.Varchar, Value: val, At: at})
		return &Param{Slot: len(b.q.Params) - 1, Type: schema.Varchar, At: at}
	}
	if !prefix {
		var e Expr = &Compare{Op: "=", L: v, R: param(lo), At: at}
		if x.Not {
			e = &Not{X: e, At: at}
		}
		return e, nil
	}
	span := new(big.Int).Lsh(big.NewInt(1), uint(8*(schema.MaxVarcharBytes-len(lit))))
	hi := new(big.Int).Add(lo, span)
	hi.Sub(hi, big.NewInt(1))
	return &Between{X: v, Lo: param(lo), Hi: param(hi), Negated: x.Not, At: at}, nil
}

func kindName(e Expr) string {
	switch e.Kind() {
	case KindAddress:
		return "an address"
	case KindString:
		return "a string"
	case KindU256:
		return "a UINT256 value"
	case KindBytes32:
		return "a BYTES32 value"
	case KindLongText:
		return "a LONGTEXT value"
	case KindBytes:
		return "a BYTES value"
	case KindPredicate:
		return "a condition"
	}
	return "an integer expression"
}

func typeHint(e Expr) schema.Type {
	switch x := e.(type) {
	case *Column:
		return x.Type
	case *AggRef:
		switch x.Type {
		case KindAddress:
			return schema.Address
		case KindString:
			return schema.Varchar
		case KindU256:
			return schema.Uint256
		case KindLongText:
			return schema.LongText
		case KindBytes:
			return schema.Bytes
		}
	}
	return schema.Invalid
}

func (b *binder) bindCompare(x *ast.BinaryOperationExpr, alias string) (Expr, error) {
	op := map[opcode.Op]string{opcode.EQ: "=", opcode.NE: "<>", opcode.LT: "<", opcode.LE: "<=", opcode.GT: ">", opcode.GE: ">="}[x.Op]
	// Bind the side that fixes a type first, so a constant or placeholder on
	// the other side takes the column's type.
	var l, r Expr
	var err error
	if isLeafValue(x.L) && !isLeafValue(x.R) {
		if r, err = b.bindValue(x.R, alias, schema.Invalid); err != nil {
			return nil, err
		}
		if l, err = b.bindValue(x.L, alias, typeHint(r)); err != nil {
			return nil, err
		}
	} else {
		if l, err = b.bindValue(x.L, alias, schema.Invalid); err != nil {
			return nil, err
		}
		if r, err = b.bindValue(x.R, alias, typeHint(l)); err != nil {
			return nil, err
		}
	}
	if l.Kind() == KindPredicate || r.Kind() == KindPredicate {
		return nil, b.errAt(x, "comparing conditions with %s is not supported", op)
	}
	if l.Kind() != r.Kind() {
		return nil, b.errAt(x, "type mismatch: %s %s %s", kindName(l), op, kindName(r))
	}
	if (l.Kind() == KindAddress || l.Kind() == KindBytes32 || Long(l.Kind())) && op != "=" && op != "<>" {
		return nil, b.errAt(x, "%s support only = and <>, not %s", map[Kind]string{KindAddress: "addresses", KindBytes32: "BYTES32 values", KindLongText: "LONGTEXT values", KindBytes: "BYTES values"}[l.Kind()], op)
	}
	return &Compare{Op: op, L: l, R: r, At: b.pos(x.OriginTextPosition())}, nil
}

func isLeafValue(n ast.ExprNode) bool {
	switch x := n.(type) {
	case *test_driver.ValueExpr, *test_driver.ParamMarkerExpr:
		return true
	case *ast.UnaryOperationExpr:
		return x.Op == opcode.Minus && isLeafValue(x.V)
	case *ast.ParenthesesExpr:
		return isLeafValue(x.Expr)
	}
	return false
}

func (b *binder) bindInt(n ast.ExprNode, alias string, hint schema.Type) (Expr, error) {
	e, err := b.bindValue(n, alias, hint)
	if err != nil {
		return nil, err
	}
	if e.Kind() != KindInt {
		return nil, b.errAt(n, "expected an integer expression, found %s", kindName(e))
	}
	return e, nil
}

// bindValue binds a value expression (integer, address, or a parenthesised
// predicate). hint is the type a constant or placeholder takes.
func (b *binder) bindValue(n ast.ExprNode, alias string, hint schema.Type) (Expr, error) {
	at := b.pos(n.OriginTextPosition())
	if b.having {
		switch x := n.(type) {
		case *ast.AggregateFuncExpr, *ast.ColumnNameExpr:
			return b.havingRef(n, alias)
		case *ast.BinaryOperationExpr:
			if !isPredicateNode(x) {
				return nil, b.errAt(n, "arithmetic in HAVING is not supported yet")
			}
		case *ast.FuncCallExpr, *ast.CaseExpr, *ast.UnaryOperationExpr:
			if u, ok := x.(*ast.UnaryOperationExpr); !ok || u.Op != opcode.Minus {
				return nil, b.errAt(n, "only comparisons of aggregates with constants are supported in HAVING")
			}
		}
	}
	switch x := n.(type) {
	case *ast.ParenthesesExpr:
		return b.bindValue(x.Expr, alias, hint)
	case *ast.ColumnNameExpr:
		return b.column(x.Name, at)
	case *test_driver.ParamMarkerExpr:
		k, ok := b.marker[x.Offset]
		if !ok {
			return nil, b.errAt(n, "placeholder at byte %d not recognised", x.Offset)
		}
		p := &b.q.Params[k-1]
		t := hint
		if t == schema.Invalid {
			t = schema.BigInt
		}
		switch {
		case p.Type == schema.Invalid:
			p.Type, p.At = t, at
		case KindOf(p.Type) != KindOf(t):
			return nil, b.errAt(n, "placeholder $%d is used both as %v and as %v", k, p.Type, t)
		}
		return &Param{Slot: k - 1, Type: p.Type, At: at}, nil
	case *test_driver.ValueExpr:
		if x.Kind() == test_driver.KindNull {
			k := KindInt
			if hint != schema.Invalid {
				k = KindOf(hint)
			}
			return &Null{Of: k, At: at}, nil
		}
		return b.constant(x, hint, big.NewInt(1))
	case *ast.UnaryOperationExpr:
		switch x.Op {
		case opcode.Minus:
			if v, ok := x.V.(*test_driver.ValueExpr); ok {
				return b.constant(v, hint, big.NewInt(-1))
			}
			e, err := b.bindInt(x.V, alias, schema.Invalid)
			if err != nil {
				return nil, err
			}
			return &Arith{Op: '-', L: nil, R: e, At: at}, nil
		case opcode.Plus:
			return b.bindInt(x.V, alias, hint)
		case opcode.Not, opcode.Not2:
			return b.bindPredicate(n, alias)
		case opcode.BitNeg:
			return nil, b.errAt(n, "bitwise ~ is not supported")
		}
	case *ast.BinaryOperationExpr:
		switch x.Op {
		case opcode.Plus, opcode.Minus, opcode.Mul, opcode.Div, opcode.IntDiv, opcode.Mod:
			l, err := b.bindInt(x.L, alias, schema.Invalid)
			if err != nil {
				return nil, err
			}
			r, err := b.bindInt(x.R, alias, schema.Invalid)
			if err != nil {
				return nil, err
			}
			op := map[opcode.Op]byte{opcode.Plus: '+', opcode.Minus: '-', opcode.Mul: '*', opcode.Div: '/', opcode.IntDiv: '/', opcode.Mod: '%'}[x.Op]
			return &Arith{Op: op, L: l, R: r, At: at}, nil
		case opcode.And, opcode.Or, opcode.Xor, opcode.LeftShift, opcode.RightShift:
			return nil, b.errAt(n, "bitwise operators are not supported")
		}
		if isPredicateNode(n) {
			return b.bindPredicate(n, alias)
		}
	case *ast.BetweenExpr, *ast.PatternInExpr:
		return b.bindPredicate(n, alias)
	case *ast.AggregateFuncExpr:
		return nil, b.errAt(n, "aggregate %s is not allowed here", strings.ToUpper(x.F))
	case *ast.FuncCallExpr:
		if x.FnName.L == "abs" && len(x.Args) == 1 {
			v, err := b.bindInt(x.Args[0], alias, schema.Invalid)
			if err != nil {
				return nil, err
			}
			return &Abs{X: v, At: at}, nil
		}
		if x.FnName.L == "mod" && len(x.Args) == 2 {
			l, err := b.bindInt(x.Args[0], alias, schema.Invalid)
			if err != nil {
				return nil, err
			}
			r, err := b.bindInt(x.Args[1], alias, schema.Invalid)
			if err != nil {
				return nil, err
			}
			return &Arith{Op: '%', L: l, R: r, At: at}, nil
		}
		if x.FnName.L == "coalesce" || (x.FnName.L == "ifnull" && len(x.Args) == 2) {
			return b.bindCoalesce(x, alias, hint)
		}
		return nil, b.errAt(n, "function %s() is not supported yet", strings.ToUpper(x.FnName.O))
	case *ast.SubqueryExpr:
		return nil, b.errAt(n, "subqueries are not supported yet")
	case *ast.CaseExpr:
		return b.bindCase(x, alias, hint)
	}
	return nil, b.errAt(n, "unsupported expression %s", strings.TrimPrefix(fmt.Sprintf("%T", n), "*ast."))
}

// bindCase binds CASE [x] WHEN ... THEN ... ELSE ... END. Every branch has
// the same kind; an ELSE is required (a missing ELSE yields NULL).
func (b *binder) bindCase(x *ast.CaseExpr, alias string, hint schema.Type) (Expr, error) {
	at := b.pos(x.OriginTextPosition())

	if len(x.WhenClauses) > 64 {
		return nil, &Error{At: at, Msg: fmt.Sprintf("CASE with %d branches exceeds the limit of 64", len(x.WhenClauses))}
	}
	var subject Expr
	if x.Value != nil {
		v, err := b.bindValue(x.Value, alias, schema.Invalid)
		if err != nil {
			return nil, err
		}
		if v.Kind() == KindPredicate {
			return nil, b.errAt(x.Value, "CASE value must be an integer or an address")
		}
		subject = v
	}
	c := &Case{At: at}
	bindElse := func(hint schema.Type) error {
		if x.ElseClause == nil { // a missing ELSE is NULL
			k := KindInt
			if hint != schema.Invalid {
				k = KindOf(hint)
			}
			c.Else = &Null{Of: k, At: at}
			return nil
		}
		els, err := b.bindValue(x.ElseClause, alias, hint)
		if err != nil {
			return err
		}
		if !choosable(els.Kind()) {
			return b.errAt(x.ElseClause, "CASE results must be integers, addresses or strings, not %s", kindName(els))
		}
		c.Else = els
		return nil
	}
	// A constant or placeholder ELSE takes its type from the branches
	// (bound last, as it comes last in the text).
	deferElse := hint == schema.Invalid && (x.ElseClause == nil || isLeafValue(x.ElseClause))
	if !deferElse {
		if err := bindElse(hint); err != nil {
			return nil, err
		}
	}
	for _, w := range x.WhenClauses {
		var cond Expr
		var err error
		if subject != nil {
			v, err := b.bindValue(w.Expr, alias, typeHint(subject))
			if err != nil {
				return nil, err
			}
			if v.Kind() != subject.Kind() {
				return nil, b.errAt(w.Expr, "WHEN value has a different type from the CASE value")
			}
			cond = &Compare{Op: "=", L: subject, R: v, At: b.pos(w.Expr.OriginTextPosition())}
		} else if cond, err = b.bindPredicate(w.Expr, alias); err != nil {
			return nil, err
		}
		then, err := b.bindValue(w.Result, alias, hint)
		if err != nil {
			return nil, err
		}
		if !choosable(then.Kind()) {
			return nil, b.errAt(w.Result, "CASE results must be integers, addresses or strings, not %s", kindName(then))
		}
		if null, ok := then.(*Null); ok { // THEN NULL takes the other branches' kind
			if c.Else != nil {
				null.Of = c.Else.Kind()
			} else if len(c.Whens) > 0 {
				null.Of = c.Whens[0].Then.Kind()
			}
		}
		if c.Else != nil && then.Kind() != c.Else.Kind() {
			return nil, b.errAt(w.Result, "CASE branches have different types: %s and %s", kindName(then), kindName(c.Else))
		}
		if len(c.Whens) > 0 && then.Kind() != c.Whens[0].Then.Kind() {
			return nil, b.errAt(w.Result, "CASE branches have different types: %s and %s", kindName(then), kindName(c.Whens[0].Then))
		}
		c.Whens = append(c.Whens, When{Cond: truth(cond, true), Then: then})
	}
	if deferElse {
		if err := bindElse(typeHint(c.Whens[0].Then)); err != nil {
			return nil, err
		}
		if c.Else.Kind() != c.Whens[0].Then.Kind() {
			return nil, b.errAt(x.ElseClause, "CASE branches have different types: %s and %s", kindName(c.Whens[0].Then), kindName(c.Else))
		}
	}
	return c, nil
}

// constant turns a literal into a shape parameter.
func (b *binder) constant(x *test_driver.ValueExpr, hint schema.Type, sign *big.Int) (Expr, error) {
	at := b.pos(x.OriginTextPosition())
	var v *big.Int
	typ := schema.Invalid
	switch x.Kind() {
	case test_driver.KindInt64:
		v = big.NewInt(x.GetInt64())
	case test_driver.KindUint64:
		v = new(big.Int).SetUint64(x.GetUint64())
	case test_driver.KindMysqlDecimal:
		s := x.GetMysqlDecimal().String()
		var ok bool
		if v, ok = new(big.Int).SetString(s, 10); !ok {
			return nil, &Error{At: at, Msg: fmt.Sprintf("decimal constant %s is not supported (integers only)", s)}
		}
	case test_driver.KindBinaryLiteral:
		bs := []byte(x.GetBinaryLiteral())
		v = new(big.Int).SetBytes(bs)
		if hint == schema.Address || (len(bs) == 20 && hint != schema.Bytes32 && hint != schema.Uint256) {
			typ = schema.Address
		}
		if hint == schema.Bytes32 {
			if len(bs) != 32 {
				return nil, &Error{At: at, Msg: fmt.Sprintf("a BYTES32 constant needs 64 hex digits, this one has %d", 2*len(bs))}
			}
			typ = schema.Bytes32
		}
		if hint == schema.Bytes {
			v, typ = schema.Digest(bs), schema.Bytes
		}
	case test_driver.KindString:
		s := x.GetString()
		if hint == schema.Address {
			a, err := schema.ParseAddress(s)
			if err != nil {
				return nil, &Error{At: at, Msg: err.Error()}
			}
			v, typ = a, schema.Address
			break
		}
		if hint == schema.Timestamp || hint == schema.Varchar || hint == schema.Bytes32 || hint.Long() {
			val, err := hint.ParseValue(s)
			if err != nil {
				return nil, &Error{At: at, Msg: err.Error()}
			}
			v, typ = val, hint
			break
		}
		if len(s) > schema.MaxVarcharBytes {
			return nil, &Error{At: at, Msg: fmt.Sprintf("string constant of %d bytes where no LONGTEXT value is compared", len(s))}
		}
		return nil, &Error{At: at, Msg: fmt.Sprintf("string constant %q where no VARCHAR, TIMESTAMP or ADDRESS value is compared", s)}
	case test_driver.KindNull:
		return nil, &Error{At: at, Msg: "NULL is not supported yet (no nullable columns yet)"}
	default:
		return nil, &Error{At: at, Msg: "floating-point constants are not supported (integers only)"}
	}
	if typ == schema.Varchar || typ == schema.Bytes32 || typ.Long() || (typ == schema.Timestamp && x.Kind() == test_driver.KindString) {
		if sign.Sign() < 0 {
			return nil, &Error{At: at, Msg: "a string cannot be negated"}
		}
	} else if typ == schema.Address {
		if sign.Sign() < 0 {
			return nil, &Error{At: at, Msg: "an address cannot be negated"}
		}
		if hint != schema.Invalid && hint != schema.Address {
			return nil, &Error{At: at, Msg: fmt.Sprintf("address constant compared with a %v column", hint)}
		}
	} else {
		v.Mul(v, sign)
		switch {
		case hint == schema.Address:
			return nil, &Error{At: at, Msg: "integer constant where an address (0x + 40 hex digits) is expected"}
		case hint == schema.Varchar:
			return nil, &Error{At: at, Msg: "type mismatch: integer constant where a string is expected (quote it)"}
		case hint == schema.Bytes32:
			return nil, &Error{At: at, Msg: "type mismatch: integer constant where a BYTES32 (0x + 64 hex digits) is expected"}
		case hint.Long():
			return nil, &Error{At: at, Msg: fmt.Sprintf("type mismatch: integer constant where a %v value is expected", hint)}
		case hint != schema.Invalid:
			typ = hint
		case schema.BigInt.InRange(v):
			typ = schema.BigInt
		default:
			typ = schema.BigIntUnsigned
		}
	}
	if lo, hi := typ.ValueBounds(); v.Cmp(lo) < 0 || v.Cmp(hi) > 0 {
		return nil, &Error{At: at, Msg: fmt.Sprintf("constant %s is out of range for %v [%s, %s]", v, typ, lo, hi)}
	}
	slot := len(b.q.Params)
	b.q.Params = append(b.q.Params, ParamValue{Type: typ, Value: v, At: at})
	return &Param{Slot: slot, Type: typ, At: at}, nil
}

// Bind sets the placeholder values from their text forms, checking each
// against its type. It returns a copy of the query.
func (q *Query) Bind(args []string) (*Query, error) {
	if len(args) != q.NumPlaceholders {
		return nil, fmt.Errorf("sql: query has %d placeholder(s), %d value(s) given", q.NumPlaceholders, len(args))
	}
	out := *q
	out.Params = append([]ParamValue(nil), q.Params...)
	for i, a := range args {
		p := &out.Params[i]
		if p.Type == schema.Invalid {
			p.Type = schema.BigInt
		}
		v, err := p.Type.ParseValue(a)
		if err != nil {
			return nil, fmt.Errorf("sql: parameter $%d (%v, %s): %w", i+1, p.Type, p.At, err)
		}
		p.Value = v
	}
	return &out, nil
}
