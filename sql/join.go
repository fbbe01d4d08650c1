package sql

import (
	"fmt"
	"strings"

	"github.com/pingcap/tidb/pkg/parser/ast"
	"github.com/pingcap/tidb/pkg/parser/opcode"

	"github.com/provensql/provensql/schema"
)

// Join is an equi-join of two tables. The query reads their combined
// table (Query.Table): Left's columns, then Right's from index Split, each
// named table.column. The join pairs every row of Left with every row of
// Right whose key columns are equal; duplicate keys on either side give
// every pair. A LEFT JOIN (Outer) also gives every Left row without a match
// once, its Right columns NULL: the combined table then ends with the
// hidden column Unmatched, 1 on those rows (it is no table's column).
type Join struct {
	Left, Right *schema.Table
	Split       int
	Outer       bool
	Unmatched   int // index of the Unmatched column of an outer join, else 0
	// Keys are the ON (or USING) equalities, each a Left column and a Right
	// column of the same kind.
	Keys []JoinKey
	At   Pos
}

// JoinKey is one equality of a join condition.
type JoinKey struct {
	Left, Right *Column
}

// Side returns 0 when combined column index c is Left's, 1 when Right's,
// and 2 for an outer join's Unmatched column.
func (j *Join) Side(c int) int {
	switch {
	case c < j.Split:
		return 0
	case j.Outer && c == j.Unmatched:
		return 2
	}
	return 1
}

// TableColumn returns the table (0 Left, 1 Right) and the column index in
// that table of combined column index c.
func (j *Join) TableColumn(c int) (side, index int) {
	if c < j.Split {
		return 0, c
	}
	return 1, c - j.Split
}

// Tables returns the joined tables, Left first.
func (j *Join) Tables() []*schema.Table { return []*schema.Table{j.Left, j.Right} }

// Tables returns the stored tables a query reads: its table, or a join's
// Left and Right tables.
func (q *Query) Tables() []*schema.Table {
	if q.Join != nil {
		return q.Join.Tables()
	}
	return []*schema.Table{q.Table}
}

// source is one table of FROM, with the name and alias it is referred by
// and the index of its first column in the binder's (combined) table.
type source struct {
	table  *schema.Table
	alias  string
	offset int
	// aliasOnly: in a self-join an aliased table answers to its alias only
	aliasOnly bool
}

// name is how the query refers to the table: its alias, or its name.
func (s source) name() string {
	if s.alias != "" {
		return s.alias
	}
	return s.table.Name
}

func (s source) named(q string) bool {
	if q == "" || strings.EqualFold(q, s.alias) {
		return true
	}
	return !(s.aliasOnly && s.alias != "") && strings.EqualFold(q, s.table.Name)
}

// sourcesNamed returns the FROM tables a qualifier refers to (every table
// for an empty one).
func (b *binder) sourcesNamed(q string) []source {
	var out []source
	for _, s := range b.sources {
		if s.named(q) {
			out = append(out, s)
		}
	}
	return out
}

// column resolves a column name (qualified by a table name or alias, or
// unqualified when only one FROM table has it).
func (b *binder) column(cn *ast.ColumnName, at Pos) (*Column, error) {
	if cn.Schema.O != "" {
		return nil, &Error{At: at, Msg: fmt.Sprintf("column %q: database-qualified names are not supported", cn.String())}
	}
	srcs := b.sourcesNamed(cn.Table.O)
	if len(srcs) == 0 {
		return nil, &Error{At: at, Msg: fmt.Sprintf("column %q refers to another table", cn.String())}
	}
	found := -1
	for _, s := range srcs {
		i := s.table.Column(cn.Name.O)
		if i < 0 {
			continue
		}
		if found >= 0 {
			return nil, &Error{At: at, Msg: fmt.Sprintf("column %q is ambiguous: it is in %s and %s (qualify it)", cn.Name.O, b.sources[0].name(), b.sources[1].name())}
		}
		found = s.offset + i
	}
	if found < 0 {
		names := make([]string, len(srcs))
		for i, s := range srcs {
			names[i] = s.table.Name
		}
		return nil, &Error{At: at, Msg: fmt.Sprintf("unknown column %q in table %s", cn.String(), strings.Join(names, " or "))}
	}
	c := b.table.Columns[found]
	if c.Type.Hidden() {
		return nil, &Error{At: at, Msg: fmt.Sprintf("column %q is a hidden column (a UINT256 high limb or a NULL flag): use IS NULL", cn.Name.O)}
	}
	return b.columnAt(found, at), nil
}

// columnAt returns a reference to column k of the (combined) table.
func (b *binder) columnAt(k int, at Pos) *Column {
	c := b.table.Columns[k]
	col := &Column{Index: k, Name: c.Name, Type: c.Type, At: at, Flag: max(b.table.NullFlagOf(k), 0)}
	if j := b.q.Join; j != nil && j.Outer && j.Side(k) == 1 {
		col.Unmatched = j.Unmatched
	}
	return col
}

// groupColumnIndex reports whether combined column index c is a GROUP BY column.
func (b *binder) groupColumnIndex(c int) bool {
	for _, g := range b.q.GroupBy {
		if g.Index == c {
			return true
		}
	}
	return false
}

// bindFrom binds FROM: one table, or an inner equi-join of two. It returns
// the alias of a single table ("" for a join: columns resolve through
// b.sources).
func (b *binder) bindFrom(refs *ast.Join, cat Catalog) (string, error) {
	single := func(n ast.ResultSetNode) (source, error) {
		ts, ok := n.(*ast.TableSource)
		if !ok {
			if _, nested := n.(*ast.Join); nested {
				return source{}, b.errAt(refs, "a JOIN of more than two tables is not supported yet")
			}
			return source{}, b.errAt(refs, "FROM must name tables")
		}
		tn, ok := ts.Source.(*ast.TableName)
		if !ok {
			return source{}, b.errAt(ts, "subqueries in FROM are not supported yet")
		}
		if tn.Schema.O != "" {
			return source{}, b.errAt(tn, "qualified table names (%s.%s) are not supported", tn.Schema.O, tn.Name.O)
		}
		t, err := cat.Schema(tn.Name.O)
		if err != nil {
			return source{}, &Error{At: b.pos(b.tableOffset(tn.Name.O)), Msg: fmt.Sprintf("unknown table %q: %v", tn.Name.O, err)}
		}
		return source{table: t, alias: ts.AsName.O}, nil
	}
	if refs.Right == nil {
		if j, nested := refs.Left.(*ast.Join); nested && j.Right != nil {
			refs = j
		} else {
			s, err := single(refs.Left)
			if err != nil {
				return "", err
			}
			b.sources = []source{s}
			b.table, b.q.Table = s.table, s.table
			return strings.ToLower(s.alias), nil
		}
	}
	switch {
	case refs.Tp == ast.RightJoin:
		return "", b.errAt(refs, "RIGHT JOIN is not supported: swap the tables and use LEFT JOIN")
	case refs.NaturalJoin:
		return "", b.errAt(refs, "NATURAL JOIN is not supported: name the key columns with ON or USING")
	case refs.On == nil && refs.Using == nil:
		return "", b.errAt(refs, "a JOIN needs ON or USING with equalities of columns (cross joins are not supported)")
	}
	l, err := single(refs.Left)
	if err != nil {
		return "", err
	}
	r, err := single(refs.Right)
	if err != nil {
		return "", err
	}
	self := strings.EqualFold(l.table.Name, r.table.Name)
	if self {
		// a self-join: each side answers to its own alias
		if strings.EqualFold(l.name(), r.name()) {
			return "", b.errAt(refs, "a JOIN of table %s with itself needs two different aliases (FROM %s AS a JOIN %s AS b …)", l.table.Name, l.table.Name, l.table.Name)
		}
		l.aliasOnly, r.aliasOnly = true, true
	}
	r.offset = len(l.table.Columns)
	b.sources = []source{l, r}
	prefix := func(s source) string {
		if self {
			return s.name()
		}
		return s.table.Name
	}
	combined := &schema.Table{Name: prefix(l) + " JOIN " + prefix(r)}
	for _, s := range b.sources {
		for _, c := range s.table.Columns {
			combined.Columns = append(combined.Columns, schema.Column{Name: prefix(s) + "." + c.Name, Type: c.Type, Nullable: c.Nullable})
		}
	}
	j := &Join{Left: l.table, Right: r.table, Split: r.offset, Outer: refs.Tp == ast.LeftJoin, At: b.pos(refs.OriginTextPosition())}
	if j.Outer {
		j.Unmatched = len(combined.Columns)
		combined.Columns = append(combined.Columns, schema.Column{Name: prefix(r) + ".$unmatched", Type: schema.NullFlag})
	}
	b.table, b.q.Table = combined, combined
	b.q.Join = j
	if refs.Using != nil {
		for _, cn := range refs.Using {
			at := b.pos(cn.OriginTextPosition())
			lc, err := b.column(&ast.ColumnName{Table: ast.NewCIStr(l.name()), Name: cn.Name}, at)
			if err != nil {
				return "", err
			}
			rc, err := b.column(&ast.ColumnName{Table: ast.NewCIStr(r.name()), Name: cn.Name}, at)
			if err != nil {
				return "", err
			}
			if err := b.addJoinKey(lc, rc); err != nil {
				return "", err
			}
		}
		return "", nil
	}
	// ON: a conjunction; equalities of a Left and a Right column are the
	// keys, every other conjunct filters the joined rows like WHERE.
	var conj func(n ast.ExprNode) error
	conj = func(n ast.ExprNode) error {
		switch x := n.(type) {
		case *ast.ParenthesesExpr:
			return conj(x.Expr)
		case *ast.BinaryOperationExpr:
			if x.Op == opcode.LogicAnd {
				if err := conj(x.L); err != nil {
					return err
				}
				return conj(x.R)
			}
			if x.Op == opcode.EQ {
				lc, lok := x.L.(*ast.ColumnNameExpr)
				rc, rok := x.R.(*ast.ColumnNameExpr)
				if lok && rok {
					a, err := b.column(lc.Name, b.pos(lc.OriginTextPosition()))
					if err != nil {
						return err
					}
					c, err := b.column(rc.Name, b.pos(rc.OriginTextPosition()))
					if err != nil {
						return err
					}
					if j.Side(a.Index) != j.Side(c.Index) {
						if j.Side(a.Index) == 1 {
							a, c = c, a
						}
						return b.addJoinKey(a, c)
					}
				}
			}
		}
		if j.Outer {
			return b.errAt(n, "LEFT JOIN ... ON takes equalities of a %s and a %s column only (yet): filter %s's rows in WHERE", l.table.Name, r.table.Name, l.table.Name)
		}
		p, err := b.bindPredicate(n, "")
		if err != nil {
			return err
		}
		if b.q.Where == nil {
			b.q.Where = p
		} else {
			b.q.Where = &Logic{And: true, L: b.q.Where, R: p, At: p.Position()}
		}
		return nil
	}
	if err := conj(refs.On.Expr); err != nil {
		return "", err
	}
	if len(j.Keys) == 0 {
		return "", b.errAt(refs.On.Expr, "the JOIN condition has no equality of a %s column and a %s column", l.table.Name, r.table.Name)
	}
	return "", nil
}

// addJoinKey records the equality of Left column l and Right column r.
func (b *binder) addJoinKey(l, r *Column) error {
	if KindOf(l.Type) != KindOf(r.Type) {
		return &Error{At: l.At, Msg: fmt.Sprintf("JOIN key %s (%v) and %s (%v) are of different kinds", l.Name, l.Type, r.Name, r.Type)}
	}
	if l.Type.HasHighLimb() {
		return &Error{At: l.At, Msg: fmt.Sprintf("JOIN on a %v column (%s) is not supported yet", l.Type, l.Name)}
	}
	if len(b.q.Join.Keys) == 4 {
		return &Error{At: l.At, Msg: "a JOIN on more than 4 key columns is not supported"}
	}
	b.q.Join.Keys = append(b.q.Join.Keys, JoinKey{Left: l, Right: r})
	return nil
}
