// Package schema defines the SQL column types ProvenSQL can commit and prove,
// their value ranges, and how each value is encoded as a BN254 scalar-field
// element. Every other package (store, sql, planner, circuits, prover,
// verifier) agrees on types through this package.
//
// Encoding: an integer v is encoded as v mod p, where p is the BN254 scalar
// field modulus; negative values therefore become p-|v|. Booleans are 0 or 1.
// An address (bytes20) is its 160-bit big-endian unsigned integer. Every
// type's range is far below p/2, so sums and products whose bounds the
// planner checks decode without ambiguity.
package schema

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/big"
	"math/bits"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
)

// Type is a SQL column type that ProvenSQL can store and prove.
type Type uint8

// The supported column types.
const (
	Invalid Type = iota
	BigInt
	BigIntUnsigned
	Int
	SmallInt
	TinyInt
	Boolean
	Address
	IntUnsigned
	SmallIntUnsigned
	TinyIntUnsigned
	// Timestamp is seconds since 1970-01-01 00:00:00 UTC, up to the end of
	// year 9999; written "YYYY-MM-DD HH:MM:SS" (UTC).
	Timestamp
	// Varchar is a string of at most MaxVarcharBytes bytes of UTF-8 without
	// NUL, encoded as its bytes left-aligned in a MaxVarcharBytes-byte
	// big-endian integer: equality is equality and numeric order is SQL's
	// binary (bytewise) string order.
	Varchar
	// Uint256 is an unsigned 256-bit integer (token amounts). It is stored
	// as two committed columns of 128-bit limbs: the column itself holds
	// the low limb, a hidden Uint256High column named LimbColumn(name)
	// right after it the high limb. ParseValue and FormatValue work on the
	// whole value; Bounds is a limb's range.
	Uint256
	// Uint256High is the hidden high-limb column of a Uint256 or Bytes32 column.
	Uint256High
	// Bytes32 is a 32-byte value (block and transaction hashes, log topics),
	// stored like Uint256 as two 128-bit limbs; equality only.
	Bytes32
	// NullFlag is the hidden column (named NullColumn(name)) that follows a
	// nullable column (after its high limb, if any): 1 where the value is
	// NULL, and the value (both limbs) is then 0.
	NullFlag
	// LongText is a string of any length (UTF-8): the committed value is
	// its DigestBits-bit digest (Digest), the bytes are kept beside the
	// segment. Equality, IN, IS NULL, COUNT, GROUP BY, DISTINCT and row
	// output; no ordering, LIKE or arithmetic.
	LongText
	// Bytes is a byte string of any length (event data, calldata), written
	// 0x-hex, committed and queried as LongText is.
	Bytes
)

// Long reports whether values of t are committed as digests of bytes kept
// beside the segment (LONGTEXT, BYTES).
func (t Type) Long() bool { return t == LongText || t == Bytes }

// Hidden reports whether columns of type t are hidden companions of a user
// column (a high limb or a NULL flag).
func (t Type) Hidden() bool { return t == Uint256High || t == NullFlag }

// NullColumn is the name of the NULL flag column of a nullable column.
func NullColumn(name string) string { return name + ".null" }

// NullFlagOf returns the index of column i's NULL flag column, or -1 when
// the column is not nullable.
func (t *Table) NullFlagOf(i int) int {
	if i < 0 || i >= len(t.Columns) || !t.Columns[i].Nullable {
		return -1
	}
	f := i + 1
	if t.Columns[i].Type.HasHighLimb() {
		f++
	}
	if f < len(t.Columns) && t.Columns[f].Type == NullFlag {
		return f
	}
	return -1
}

// HasHighLimb reports whether a column of type t is followed by a hidden
// Uint256High column holding the high 128 bits of its values.
func (t Type) HasHighLimb() bool { return t == Uint256 || t == Bytes32 }

// MaxVarcharBytes is the longest VARCHAR value: its encoding and the row
// position fit in one ordinal of ORDER BY (see package planner).
const MaxVarcharBytes = 27

var typeNames = map[Type]string{
	BigInt:           "BIGINT",
	BigIntUnsigned:   "BIGINT UNSIGNED",
	Int:              "INT",
	SmallInt:         "SMALLINT",
	TinyInt:          "TINYINT",
	Boolean:          "BOOLEAN",
	Address:          "ADDRESS",
	IntUnsigned:      "INT UNSIGNED",
	SmallIntUnsigned: "SMALLINT UNSIGNED",
	TinyIntUnsigned:  "TINYINT UNSIGNED",
	Timestamp:        "TIMESTAMP",
	Varchar:          "VARCHAR",
	Uint256:          "UINT256",
	Uint256High:      "UINT256 HIGH",
	Bytes32:          "BYTES32",
	NullFlag:         "NULL FLAG",
	LongText:         "LONGTEXT",
	Bytes:            "BYTES",
}

// String returns the SQL spelling of the type.
func (t Type) String() string {
	if s, ok := typeNames[t]; ok {
		return s
	}
	return fmt.Sprintf("Type(%d)", uint8(t))
}

// ParseType reads a SQL type name such as "BIGINT UNSIGNED" or "address".
// Common aliases (INTEGER, BOOL, BYTES20, UINT64, INT64) are accepted.
func ParseType(s string) (Type, error) {
	norm := strings.ToUpper(strings.Join(strings.Fields(s), " "))
	switch norm {
	case "BIGINT", "INT64":
		return BigInt, nil
	case "BIGINT UNSIGNED", "UINT64":
		return BigIntUnsigned, nil
	case "INT", "INTEGER", "INT32":
		return Int, nil
	case "INT UNSIGNED", "INTEGER UNSIGNED", "UINT32":
		return IntUnsigned, nil
	case "SMALLINT UNSIGNED", "UINT16":
		return SmallIntUnsigned, nil
	case "TINYINT UNSIGNED", "UINT8":
		return TinyIntUnsigned, nil
	case "SMALLINT", "INT16":
		return SmallInt, nil
	case "TINYINT", "INT8":
		return TinyInt, nil
	case "BOOLEAN", "BOOL":
		return Boolean, nil
	case "ADDRESS", "BYTES20":
		return Address, nil
	case "TIMESTAMP", "DATETIME":
		return Timestamp, nil
	case "VARCHAR", "TEXT", "STRING":
		return Varchar, nil
	case "UINT256", "BIGINT UNSIGNED 256":
		return Uint256, nil
	case "UINT256 HIGH":
		return Uint256High, nil
	case "BYTES32", "HASH":
		return Bytes32, nil
	case "NULL FLAG":
		return NullFlag, nil
	case "LONGTEXT", "MEDIUMTEXT":
		return LongText, nil
	case "BYTES", "BLOB", "VARBINARY", "BYTEA", "LONGBLOB":
		return Bytes, nil
	}
	var n int
	if _, err := fmt.Sscanf(norm, "VARCHAR(%d)", &n); err == nil && norm == fmt.Sprintf("VARCHAR(%d)", n) {
		if n < 1 {
			return Invalid, fmt.Errorf("column type %q: VARCHAR needs a positive length", s)
		}
		if n > MaxVarcharBytes {
			return LongText, nil // committed by digest: no ordering or LIKE
		}
		return Varchar, nil
	}
	return Invalid, fmt.Errorf("unsupported column type %q (supported: BIGINT, INT, SMALLINT, TINYINT, each optionally UNSIGNED, BOOLEAN, ADDRESS, TIMESTAMP, VARCHAR, LONGTEXT, BYTES, UINT256, BYTES32)", s)
}

// IsInteger reports whether values of t are integers usable in arithmetic
// and ordering comparisons.
func (t Type) IsInteger() bool {
	switch t {
	case BigInt, BigIntUnsigned, Int, SmallInt, TinyInt, IntUnsigned, SmallIntUnsigned, TinyIntUnsigned, Timestamp:
		return true
	}
	return false
}

// Bounds returns the inclusive range [lo, hi] of the type's values.
func (t Type) Bounds() (lo, hi *big.Int) {
	switch t {
	case BigInt:
		return big.NewInt(-1 << 63), big.NewInt(1<<63 - 1)
	case BigIntUnsigned:
		return big.NewInt(0), new(big.Int).SetUint64(1<<64 - 1)
	case Int:
		return big.NewInt(-1 << 31), big.NewInt(1<<31 - 1)
	case SmallInt:
		return big.NewInt(-1 << 15), big.NewInt(1<<15 - 1)
	case TinyInt:
		return big.NewInt(-1 << 7), big.NewInt(1<<7 - 1)
	case IntUnsigned:
		return big.NewInt(0), big.NewInt(1<<32 - 1)
	case SmallIntUnsigned:
		return big.NewInt(0), big.NewInt(1<<16 - 1)
	case TinyIntUnsigned:
		return big.NewInt(0), big.NewInt(1<<8 - 1)
	case Boolean, NullFlag:
		return big.NewInt(0), big.NewInt(1)
	case Address:
		return big.NewInt(0), new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 160), big.NewInt(1))
	case Timestamp:
		return big.NewInt(0), big.NewInt(maxTimestamp)
	case Varchar:
		return big.NewInt(0), new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 8*MaxVarcharBytes), big.NewInt(1))
	case Uint256, Uint256High, Bytes32:
		return big.NewInt(0), new(big.Int).Set(limbMax)
	case LongText, Bytes:
		return big.NewInt(0), new(big.Int).Set(digestMax)
	}
	return big.NewInt(0), big.NewInt(0)
}

// ValueBounds is the range of a whole value of type t: Bounds, except for
// the two-limb types (UINT256, BYTES32), whose values span 256 bits.
func (t Type) ValueBounds() (lo, hi *big.Int) {
	if t.HasHighLimb() {
		return big.NewInt(0), new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1))
	}
	return t.Bounds()
}

// InRange reports whether v lies in the type's range.
func (t Type) InRange(v *big.Int) bool {
	lo, hi := t.Bounds()
	return v.Cmp(lo) >= 0 && v.Cmp(hi) <= 0
}

// ParseValue reads a textual value of type t: a decimal integer, TRUE/FALSE
// (or 1/0) for BOOLEAN, a 0x-prefixed 40-digit hex string for ADDRESS, a
// date-time for TIMESTAMP, the text itself for VARCHAR (not trimmed).
// Values outside the type's range are refused.
func (t Type) ParseValue(s string) (*big.Int, error) {
	if t == Varchar {
		return EncodeString(s)
	}
	if t.Long() {
		b, err := t.ParseBytes(s)
		if err != nil {
			return nil, err
		}
		return Digest(b), nil
	}
	s = strings.TrimSpace(s)
	if t == Uint256 {
		return ParseUint256(s)
	}
	if t == Bytes32 {
		return ParseBytes32(s)
	}
	switch t {
	case Boolean:
		switch strings.ToLower(s) {
		case "true", "1", "t":
			return big.NewInt(1), nil
		case "false", "0", "f":
			return big.NewInt(0), nil
		}
		return nil, fmt.Errorf("%q is not a BOOLEAN (true/false/1/0)", s)
	case Address:
		return ParseAddress(s)
	case Timestamp:
		if v, err := parseTimestamp(s); err == nil || !isDecimal(s) {
			return v, err
		}
	}
	if !t.IsInteger() {
		return nil, fmt.Errorf("cannot parse a value of type %v", t)
	}
	v, ok := new(big.Int).SetString(s, 10)
	if !ok {
		return nil, fmt.Errorf("%q is not an integer", s)
	}
	if !t.InRange(v) {
		lo, hi := t.Bounds()
		return nil, fmt.Errorf("%s is out of range for %v [%s, %s]", s, t, lo, hi)
	}
	return v, nil
}

// maxTimestamp is 9999-12-31 23:59:59 UTC.
const maxTimestamp = 253402300799

// timestampLayouts are the accepted TIMESTAMP spellings (UTC unless the
// text names a zone).
var timestampLayouts = []string{"2006-01-02 15:04:05", "2006-01-02T15:04:05Z07:00", "2006-01-02T15:04:05", "2006-01-02"}

func isDecimal(s string) bool {
	_, ok := new(big.Int).SetString(s, 10)
	return ok
}

// parseTimestamp reads a date-time text as seconds since the epoch.
func parseTimestamp(s string) (*big.Int, error) {
	for _, l := range timestampLayouts {
		if tm, err := time.ParseInLocation(l, s, time.UTC); err == nil {
			if tm.Nanosecond() != 0 {
				return nil, fmt.Errorf("%q has fractions of a second (TIMESTAMP holds whole seconds)", s)
			}
			v := big.NewInt(tm.Unix())
			if !Timestamp.InRange(v) {
				return nil, fmt.Errorf("%q is outside TIMESTAMP's range (1970-01-01 to 9999-12-31)", s)
			}
			return v, nil
		}
	}
	return nil, fmt.Errorf("%q is not a TIMESTAMP (YYYY-MM-DD HH:MM:SS, YYYY-MM-DD, RFC 3339 or seconds since 1970)", s)
}

// limbMax is the largest 128-bit limb.
var limbMax = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 128), big.NewInt(1))

// LimbColumn names the hidden high-limb column of a UINT256 column.
func LimbColumn(name string) string { return name + ".hi" }

// ParseUint256 reads a UINT256 value: decimal, or 0x-prefixed hex.
func ParseUint256(s string) (*big.Int, error) {
	v, ok := new(big.Int), false
	if h, isHex := strings.CutPrefix(strings.ToLower(s), "0x"); isHex {
		_, ok = v.SetString(h, 16)
	} else {
		_, ok = v.SetString(s, 10)
	}
	if !ok {
		return nil, fmt.Errorf("%q is not a UINT256 (decimal or 0x hex)", s)
	}
	if v.Sign() < 0 || v.BitLen() > 256 {
		return nil, fmt.Errorf("%s is out of range for UINT256 [0, 2^256)", s)
	}
	return v, nil
}

// ParseBytes32 reads a 0x-prefixed 64-digit hex value.
func ParseBytes32(s string) (*big.Int, error) {
	h := strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X")
	b, err := hex.DecodeString(h)
	if err != nil || len(h) != 64 || len(h) == len(s) {
		return nil, fmt.Errorf("%q is not a BYTES32 (0x followed by 64 hex digits)", s)
	}
	return new(big.Int).SetBytes(b), nil
}

// SplitUint256 returns the low and high 128-bit limbs of a UINT256 value.
func SplitUint256(v *big.Int) (lo, hi *big.Int) {
	return new(big.Int).And(v, limbMax), new(big.Int).Rsh(v, 128)
}

// JoinUint256 returns lo + hi·2^128.
func JoinUint256(lo, hi *big.Int) *big.Int {
	v := new(big.Int).Lsh(hi, 128)
	return v.Add(v, lo)
}

// Logical returns the columns a user sees: every column but the hidden
// UINT256 high limbs and NULL flags.
func (t *Table) Logical() []Column {
	var out []Column
	for _, c := range t.Columns {
		if !c.Type.Hidden() {
			out = append(out, c)
		}
	}
	return out
}

// WithLimbs returns user-declared columns with their hidden companions: the
// high-limb column after every UINT256 and BYTES32 column, then the NULL
// flag column after every nullable one.
func WithLimbs(cols []Column) []Column {
	var out []Column
	for _, c := range cols {
		out = append(out, c)
		if c.Type.HasHighLimb() {
			out = append(out, Column{Name: LimbColumn(c.Name), Type: Uint256High})
		}
		if c.Nullable {
			out = append(out, Column{Name: NullColumn(c.Name), Type: NullFlag})
		}
	}
	return out
}

// Validate checks that every UINT256 column is followed by its high-limb
// column and that high-limb columns appear nowhere else.
func (t *Table) Validate() error {
	for i, c := range t.Columns {
		switch c.Type {
		case Uint256, Bytes32:
			if i+1 >= len(t.Columns) || t.Columns[i+1].Type != Uint256High || !strings.EqualFold(t.Columns[i+1].Name, LimbColumn(c.Name)) {
				return fmt.Errorf("table %s: %v column %s must be followed by its high-limb column %s (schema.WithLimbs adds it)", t.Name, c.Type, c.Name, LimbColumn(c.Name))
			}
		case Uint256High:
			if i == 0 || !t.Columns[i-1].Type.HasHighLimb() {
				return fmt.Errorf("table %s: high-limb column %s does not follow a UINT256 or BYTES32 column", t.Name, c.Name)
			}
		case NullFlag:
			owner := i - 1
			if owner > 0 && t.Columns[owner].Type == Uint256High {
				owner--
			}
			if owner < 0 || !t.Columns[owner].Nullable || !strings.EqualFold(c.Name, NullColumn(t.Columns[owner].Name)) {
				return fmt.Errorf("table %s: NULL flag column %s does not follow its nullable column", t.Name, c.Name)
			}
		}
		if c.Sorted && !c.sortable() {
			return fmt.Errorf("table %s: SORTED column %s must be an integer or timestamp NOT NULL column, not %v", t.Name, c.Name, c.Type)
		}
		if c.Nullable && (c.Type.Hidden() || t.NullFlagOf(i) < 0) {
			return fmt.Errorf("table %s: nullable column %s must be followed by its NULL flag column %s (schema.WithLimbs adds it)", t.Name, c.Name, NullColumn(c.Name))
		}
	}
	return nil
}

// EncodeString encodes a VARCHAR value (see Varchar).
func EncodeString(s string) (*big.Int, error) {
	switch {
	case len(s) > MaxVarcharBytes:
		return nil, fmt.Errorf("string of %d bytes exceeds VARCHAR's %d", len(s), MaxVarcharBytes)
	case !utf8.ValidString(s):
		return nil, fmt.Errorf("string %q is not valid UTF-8", s)
	case strings.IndexByte(s, 0) >= 0:
		return nil, fmt.Errorf("string %q contains a NUL byte", s)
	}
	var b [MaxVarcharBytes]byte
	copy(b[:], s)
	return new(big.Int).SetBytes(b[:]), nil
}

// DecodeString returns the VARCHAR value an encoding stands for.
func DecodeString(v *big.Int) string {
	var b [MaxVarcharBytes]byte
	if v.Sign() < 0 || v.BitLen() > 8*MaxVarcharBytes {
		return v.String()
	}
	v.FillBytes(b[:])
	return strings.TrimRight(string(b[:]), "\x00")
}

// ParseAddress reads a 0x-prefixed 20-byte hex address.
func ParseAddress(s string) (*big.Int, error) {
	h := strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X")
	if len(h) != 40 || len(h) == len(s) {
		return nil, fmt.Errorf("%q is not an address (0x followed by 40 hex digits)", s)
	}
	b, err := hex.DecodeString(h)
	if err != nil {
		return nil, fmt.Errorf("%q is not an address: %w", s, err)
	}
	return new(big.Int).SetBytes(b), nil
}

// FormatValue writes v (an integer of type t) in its canonical text form:
// decimal for integers, true/false for BOOLEAN, 0x-hex for ADDRESS.
func (t Type) FormatValue(v *big.Int) string {
	switch t {
	case Boolean:
		if v.Sign() != 0 {
			return "true"
		}
		return "false"
	case Address:
		var b [20]byte
		v.FillBytes(b[:])
		return "0x" + hex.EncodeToString(b[:])
	case Varchar:
		return DecodeString(v)
	case Uint256:
		return v.String()
	case Bytes32:
		var b [32]byte
		if v.Sign() >= 0 && v.BitLen() <= 256 {
			v.FillBytes(b[:])
			return "0x" + hex.EncodeToString(b[:])
		}
	case Timestamp:
		if v.IsInt64() && Timestamp.InRange(v) {
			return time.Unix(v.Int64(), 0).UTC().Format("2006-01-02 15:04:05")
		}
	case LongText, Bytes:
		return formatDigest(v) // the bytes are not known here (see Preimages)
	}
	return v.String()
}

// Modulus is the BN254 scalar field modulus.
var modulus = fr.Modulus()

// halfModulus is (p − 1)/2, the largest value DecodeSignedBig keeps.
var halfModulus = new(big.Int).Rsh(modulus, 1)

// Modulus returns a copy of the BN254 scalar field modulus.
func Modulus() *big.Int { return new(big.Int).Set(modulus) }

// Encode maps an integer (possibly negative) to its field element v mod p.
func Encode(v *big.Int) fr.Element {
	var e fr.Element
	e.SetBigInt(v) // SetBigInt reduces modulo p, negatives included
	return e
}

// DecodeSigned maps a field element back to the integer in (-p/2, p/2] it
// encodes. It leaves Montgomery form once (e.Bits) and compares the limbs
// with (p − 1)/2 — the provers decode every row's values with it, and
// gnark's LexicographicallyLargest then BigInt left it twice.
func DecodeSigned(e *fr.Element) *big.Int { return DecodeSignedTo(new(big.Int), e) }

// DecodeSignedTo is DecodeSigned into z, whose words it reuses (an
// evaluator decoding millions of values allocates none), and returns z.
func DecodeSignedTo(z *big.Int, e *fr.Element) *big.Int {
	if bits.UintSize != 64 { // big.Word is not a limb
		return z.Set(DecodeSignedBig(e.BigInt(new(big.Int))))
	}
	b := e.Bits()
	neg := aboveHalf(&b)
	if neg { // above (p − 1)/2: −(p − e)
		var n fr.Element
		n.Neg(e)
		b = n.Bits()
	}
	words := z.Bits()[:0]
	for _, l := range b {
		words = append(words, big.Word(l))
	}
	z.SetBits(words)
	if neg {
		z.Neg(z)
	}
	return z
}

// halfLimbs is (p − 1)/2 in little-endian 64-bit limbs.
var halfLimbs = func() (l [fr.Limbs]uint64) {
	for i, w := range new(big.Int).Rsh(fr.Modulus(), 1).Bits() {
		l[i] = uint64(w)
	}
	return l
}()

// aboveHalf reports whether the regular-form limbs b exceed (p − 1)/2.
func aboveHalf(b *[fr.Limbs]uint64) bool {
	for i := fr.Limbs - 1; i >= 0; i-- {
		if b[i] != halfLimbs[i] {
			return b[i] > halfLimbs[i]
		}
	}
	return false
}

// DecodeSignedBig maps a canonical field value in [0, p) to (-p/2, p/2].
func DecodeSignedBig(v *big.Int) *big.Int {
	if v.Cmp(halfModulus) > 0 {
		return new(big.Int).Sub(v, modulus)
	}
	return new(big.Int).Set(v)
}

// DecodeSignedIn is DecodeSignedBig in the field of modulus p (v in
// [0, p)): v − p above (p − 1)/2, else v. The circuits' hints decode so in
// whichever field they are solved in.
func DecodeSignedIn(v, p *big.Int) *big.Int {
	if p.Cmp(modulus) == 0 {
		return DecodeSignedBig(v)
	}
	if new(big.Int).Lsh(v, 1).Cmp(p) > 0 {
		return new(big.Int).Sub(v, p)
	}
	return new(big.Int).Set(v)
}

// Column is a named, typed column of a table schema.
type Column struct {
	Name string `json:"name"`
	Type Type   `json:"type"`
	// Nullable columns may hold NULL, recorded in their hidden NULL flag
	// column (see NullFlag).
	Nullable bool `json:"nullable,omitempty"`
	// Sorted columns (integer, NOT NULL) hold their values in ascending
	// order over the whole table, segment after segment: the store refuses
	// an append that breaks it, as it refuses a value out of its type's
	// range, and the schema hash carries the declaration. Range conditions
	// on such a column are proven as a window of rows (circuits), far
	// cheaper than a comparison per row, and a query's proof leaves out the
	// segments before and after its window's rows (planner.Plan.
	// CheckCoverage).
	Sorted bool `json:"sorted,omitempty"`
}

// sortable reports whether the column may be declared SORTED: an integer
// or timestamp NOT NULL column (UINT256, strings and addresses have no
// order the circuits' windows use).
func (c Column) sortable() bool { return c.Type.IsInteger() && !c.Nullable }

// MarshalText writes the type's SQL name.
func (t Type) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// UnmarshalText reads a SQL type name.
func (t *Type) UnmarshalText(b []byte) error {
	v, err := ParseType(string(b))
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// Table is the schema of a table: its name and ordered columns.
type Table struct {
	Name    string   `json:"name"`
	Columns []Column `json:"columns"`
}

// Column returns the index of the named column (case-insensitive) or -1.
func (t *Table) Column(name string) int {
	for i, c := range t.Columns {
		if strings.EqualFold(c.Name, name) {
			return i
		}
	}
	return -1
}

// Hash returns a digest of the table's name and column names and types, so
// two tables with the same data but different schemas commit differently.
func (t *Table) Hash() [32]byte {
	var b strings.Builder
	b.WriteString("provensql/schema/v1\n")
	b.WriteString(strings.ToLower(t.Name))
	for _, c := range t.Columns {
		b.WriteString("\n" + strings.ToLower(c.Name) + " " + c.Type.String())
		if c.Sorted {
			// ascending over the table (" sorted" meant within each
			// segment, which leaves no segment out of a proof)
			b.WriteString(" sorted over the table")
		}
	}
	return sha256.Sum256([]byte(b.String()))
}

// ParseColumns reads a schema string "col TYPE [NULL | NOT NULL] [SORTED],
// ..." and adds the hidden high-limb column of every UINT256 and BYTES32
// column and the NULL flag column of every nullable one (see WithLimbs).
// Columns are NOT NULL unless declared NULL; SORTED declares an ascending
// integer column (see Column.Sorted).
func ParseColumns(s string) ([]Column, error) {
	var cols []Column
	seen := map[string]bool{}
	for i, part := range strings.Split(s, ",") {
		f := strings.Fields(part)
		if len(f) < 2 {
			return nil, fmt.Errorf("schema item %d %q: want \"name TYPE\"", i+1, strings.TrimSpace(part))
		}
		if !ValidIdentifier(f[0]) {
			return nil, fmt.Errorf("schema item %d: %q is not a valid column name", i+1, f[0])
		}
		nullable, sorted := false, false
		if n := len(f); n >= 3 && strings.EqualFold(f[n-1], "SORTED") {
			f, sorted = f[:n-1], true
		}
		switch n := len(f); {
		case n >= 4 && strings.EqualFold(f[n-2], "NOT") && strings.EqualFold(f[n-1], "NULL"):
			f = f[:n-2]
		case n >= 3 && strings.EqualFold(f[n-1], "NULL"):
			f, nullable = f[:n-1], true
		}
		typ, err := ParseType(strings.Join(f[1:], " "))
		if err != nil {
			return nil, fmt.Errorf("schema item %d (%s): %w", i+1, f[0], err)
		}
		key := strings.ToLower(f[0])
		if seen[key] {
			return nil, fmt.Errorf("schema item %d: duplicate column %q", i+1, f[0])
		}
		seen[key] = true
		if typ.Hidden() {
			return nil, fmt.Errorf("schema item %d (%s): %v columns are added by the columns they belong to", i+1, f[0], typ)
		}
		col := Column{Name: f[0], Type: typ, Nullable: nullable, Sorted: sorted}
		if sorted && !col.sortable() {
			return nil, fmt.Errorf("schema item %d (%s): SORTED needs an integer or timestamp NOT NULL column, not %v", i+1, f[0], typ)
		}
		cols = append(cols, col)
	}
	return WithLimbs(cols), nil
}

// ValidIdentifier reports whether s is a plain SQL identifier
// (letters, digits, underscore; not starting with a digit; at most 64 bytes).
func ValidIdentifier(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for i, r := range s {
		switch {
		case r == '_', r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		case r >= '0' && r <= '9' && i > 0:
		default:
			return false
		}
	}
	return true
}
