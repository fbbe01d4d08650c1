package store

import (
	"bytes"
	"fmt"
	"math"
	"math/big"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"github.com/provensql/provensql/schema"
)

// typeMetadataKey records the ProvenSQL type of each Arrow field.
const typeMetadataKey = "provensql.type"

// arrowType maps a column type to its Arrow storage type.
func arrowType(t schema.Type) (arrow.DataType, error) {
	switch t {
	case schema.BigInt:
		return arrow.PrimitiveTypes.Int64, nil
	case schema.BigIntUnsigned:
		return arrow.PrimitiveTypes.Uint64, nil
	case schema.Int:
		return arrow.PrimitiveTypes.Int32, nil
	case schema.SmallInt:
		return arrow.PrimitiveTypes.Int16, nil
	case schema.TinyInt:
		return arrow.PrimitiveTypes.Int8, nil
	case schema.IntUnsigned:
		return arrow.PrimitiveTypes.Uint32, nil
	case schema.SmallIntUnsigned:
		return arrow.PrimitiveTypes.Uint16, nil
	case schema.TinyIntUnsigned:
		return arrow.PrimitiveTypes.Uint8, nil
	case schema.Boolean, schema.NullFlag:
		return arrow.FixedWidthTypes.Boolean, nil
	case schema.Address:
		return &arrow.FixedSizeBinaryType{ByteWidth: 20}, nil
	case schema.Timestamp:
		return &arrow.TimestampType{Unit: arrow.Second, TimeZone: "UTC"}, nil
	case schema.Varchar, schema.LongText:
		return arrow.BinaryTypes.String, nil
	case schema.Bytes:
		return arrow.BinaryTypes.Binary, nil
	case schema.Uint256, schema.Uint256High, schema.Bytes32:
		return &arrow.FixedSizeBinaryType{ByteWidth: 16}, nil // one 128-bit limb
	}
	return nil, fmt.Errorf("no Arrow type for %v", t)
}

// TypeFromArrow maps an Arrow type (as read from Parquet or IPC) to a column type.
func TypeFromArrow(dt arrow.DataType) (schema.Type, error) {
	switch dt.ID() {
	case arrow.INT64:
		return schema.BigInt, nil
	case arrow.UINT64:
		return schema.BigIntUnsigned, nil
	case arrow.INT32:
		return schema.Int, nil
	case arrow.INT16:
		return schema.SmallInt, nil
	case arrow.INT8:
		return schema.TinyInt, nil
	case arrow.UINT32:
		return schema.IntUnsigned, nil
	case arrow.UINT16:
		return schema.SmallIntUnsigned, nil
	case arrow.UINT8:
		return schema.TinyIntUnsigned, nil
	case arrow.BOOL:
		return schema.Boolean, nil
	case arrow.FIXED_SIZE_BINARY:
		switch dt.(*arrow.FixedSizeBinaryType).ByteWidth {
		case 20:
			return schema.Address, nil
		case 32:
			return schema.Uint256, nil // a whole big-endian uint256, split into limbs on reading
		}
	case arrow.TIMESTAMP:
		return schema.Timestamp, nil
	case arrow.STRING, arrow.LARGE_STRING:
		return schema.Varchar, nil
	case arrow.BINARY, arrow.LARGE_BINARY:
		return schema.Bytes, nil
	}
	return schema.Invalid, fmt.Errorf("Arrow type %v has no ProvenSQL column type (supported: int8/16/32/64, uint8/16/32/64, bool, fixed_size_binary[20] (address), fixed_size_binary[32] (uint256), timestamp, string, binary)", dt)
}

// arrowSchema builds the Arrow schema of a table.
func arrowSchema(t *schema.Table) (*arrow.Schema, error) {
	fields := make([]arrow.Field, len(t.Columns))
	for i, c := range t.Columns {
		dt, err := arrowType(c.Type)
		if err != nil {
			return nil, err
		}
		fields[i] = arrow.Field{Name: c.Name, Type: dt, Metadata: arrow.NewMetadata([]string{typeMetadataKey}, []string{c.Type.String()})}
	}
	return arrow.NewSchema(fields, nil), nil
}

// buildRecord converts field-encoded columns to an Arrow record; the bytes
// of LONGTEXT and BYTES values come from blobs (every one must be there).
func buildRecord(t *schema.Table, cols [][]fr.Element, blobs schema.Preimages) (arrow.RecordBatch, error) {
	sc, err := arrowSchema(t)
	if err != nil {
		return nil, err
	}
	mem := memory.DefaultAllocator
	b := array.NewRecordBuilder(mem, sc)
	defer b.Release()
	for ci, c := range t.Columns {
		vals := cols[ci]
		if c.Type.Long() {
			if err := appendLong(b.Field(ci), c, vals, flagsOf(t, cols, ci), blobs); err != nil {
				return nil, err
			}
			continue
		}
		switch fb := b.Field(ci).(type) {
		case *array.Int64Builder:
			for i := range vals {
				fb.Append(schema.DecodeSigned(&vals[i]).Int64())
			}
		case *array.Uint64Builder:
			for i := range vals {
				fb.Append(vals[i].BigInt(new(big.Int)).Uint64())
			}
		case *array.Int32Builder:
			for i := range vals {
				fb.Append(int32(schema.DecodeSigned(&vals[i]).Int64()))
			}
		case *array.Int16Builder:
			for i := range vals {
				fb.Append(int16(schema.DecodeSigned(&vals[i]).Int64()))
			}
		case *array.Int8Builder:
			for i := range vals {
				fb.Append(int8(schema.DecodeSigned(&vals[i]).Int64()))
			}
		case *array.Uint32Builder:
			for i := range vals {
				fb.Append(uint32(vals[i].Uint64()))
			}
		case *array.Uint16Builder:
			for i := range vals {
				fb.Append(uint16(vals[i].Uint64()))
			}
		case *array.Uint8Builder:
			for i := range vals {
				fb.Append(uint8(vals[i].Uint64()))
			}
		case *array.BooleanBuilder:
			for i := range vals {
				fb.Append(!vals[i].IsZero())
			}
		case *array.StringBuilder:
			for i := range vals {
				fb.Append(schema.DecodeString(vals[i].BigInt(new(big.Int))))
			}
		case *array.TimestampBuilder:
			for i := range vals {
				fb.Append(arrow.Timestamp(schema.DecodeSigned(&vals[i]).Int64()))
			}
		case *array.FixedSizeBinaryBuilder:
			width := fb.Type().(*arrow.FixedSizeBinaryType).ByteWidth
			for i := range vals {
				a := make([]byte, width)
				vals[i].BigInt(new(big.Int)).FillBytes(a)
				fb.Append(a)
			}
		default:
			return nil, fmt.Errorf("column %s: unexpected builder %T", c.Name, fb)
		}
	}
	return b.NewRecordBatch(), nil
}

// flagsOf returns the NULL flags of column ci of t (nil when NOT NULL).
func flagsOf(t *schema.Table, cols [][]fr.Element, ci int) []fr.Element {
	if f := t.NullFlagOf(ci); f >= 0 {
		return cols[f]
	}
	return nil
}

// appendLong appends a LONGTEXT or BYTES column's bytes (NULL rows as
// empty values; their flag column says they are NULL).
func appendLong(fb array.Builder, c schema.Column, vals, flags []fr.Element, blobs schema.Preimages) error {
	var add func([]byte)
	switch bb := fb.(type) {
	case *array.StringBuilder:
		add = func(b []byte) { bb.BinaryBuilder.Append(b) }
	case *array.BinaryBuilder:
		add = bb.Append
	default:
		return fmt.Errorf("column %s: unexpected builder %T", c.Name, fb)
	}
	for i := range vals {
		if flags != nil && !flags[i].IsZero() {
			add(nil)
			continue
		}
		d := vals[i].BigInt(new(big.Int))
		var b []byte
		var found bool
		if blobs != nil {
			b, found = blobs.Preimage(d)
		}
		if !found {
			return fmt.Errorf("column %s, row %d: the bytes of %s value %s are missing", c.Name, i+1, c.Type, c.Type.FormatValue(d))
		}
		add(b)
	}
	return nil
}

// columnValues converts one Arrow array of column type t into field elements,
// refusing out-of-range values, and NULLs unless nullable (a NULL is 0). where names the source in errors;
// rowBase is the row number of the array's first element in that source.
// The bytes of LONGTEXT and BYTES values are added to blobs.
func columnValues(arr arrow.Array, t schema.Type, col, where string, rowBase int, nullable bool, blobs schema.Blobs) ([]fr.Element, error) {
	n := arr.Len()
	out := make([]fr.Element, n)
	for i := 0; i < n; i++ {
		if arr.IsNull(i) && !nullable {
			return nil, fmt.Errorf("%s: row %d, column %s: NULL in a NOT NULL column", where, rowBase+i+1, col)
		}
	}
	bad := func(i int, v any) error {
		lo, hi := t.Bounds()
		return fmt.Errorf("%s: row %d, column %s: value %v out of range for %v [%s, %s]", where, rowBase+i+1, col, v, t, lo, hi)
	}
	// integers: every value checked against the column type's range, as
	// native integers (no big.Int per value)
	var signedAt func(i int) int64
	var unsignedAt func(i int) uint64
	switch a := arr.(type) {
	case *array.Int64:
		signedAt = func(i int) int64 { return a.Value(i) }
	case *array.Uint64:
		unsignedAt = func(i int) uint64 { return a.Value(i) }
	case *array.Int32:
		signedAt = func(i int) int64 { return int64(a.Value(i)) }
	case *array.Int16:
		signedAt = func(i int) int64 { return int64(a.Value(i)) }
	case *array.Int8:
		signedAt = func(i int) int64 { return int64(a.Value(i)) }
	case *array.Uint32:
		unsignedAt = func(i int) uint64 { return uint64(a.Value(i)) }
	case *array.Uint16:
		unsignedAt = func(i int) uint64 { return uint64(a.Value(i)) }
	case *array.Uint8:
		unsignedAt = func(i int) uint64 { return uint64(a.Value(i)) }
	case *array.Timestamp:
		if t != schema.Timestamp {
			return nil, fmt.Errorf("%s: column %s: Arrow %v cannot be stored as %v", where, col, arr.DataType(), t)
		}
		perSecond := int64(1)
		switch a.DataType().(*arrow.TimestampType).Unit {
		case arrow.Millisecond:
			perSecond = 1e3
		case arrow.Microsecond:
			perSecond = 1e6
		case arrow.Nanosecond:
			perSecond = 1e9
		}
		for i := 0; i < n; i++ {
			if arr.IsNull(i) {
				continue
			}
			if v := int64(a.Value(i)); v%perSecond != 0 {
				return nil, fmt.Errorf("%s: row %d, column %s: timestamp has fractions of a second (TIMESTAMP holds whole seconds)", where, rowBase+i+1, col)
			}
		}
		signedAt = func(i int) int64 { return int64(a.Value(i)) / perSecond }
	}
	if signedAt != nil || unsignedAt != nil {
		if !t.IsInteger() && t != schema.Boolean {
			return nil, fmt.Errorf("%s: column %s: Arrow %v cannot be stored as %v", where, col, arr.DataType(), t)
		}
		r := newIntRange(t.Bounds())
		for i := 0; i < n; i++ {
			if arr.IsNull(i) {
				continue
			}
			if signedAt != nil {
				v := signedAt(i)
				if !r.hasSigned(v) {
					return nil, bad(i, v)
				}
				out[i].SetInt64(v) // reduced modulo p, as schema.Encode does
				continue
			}
			v := unsignedAt(i)
			if !r.hasUnsigned(v) {
				return nil, bad(i, v)
			}
			out[i].SetUint64(v)
		}
		return out, nil
	}
	switch a := arr.(type) {
	case *array.Boolean:
		if t != schema.Boolean && t != schema.NullFlag {
			return nil, fmt.Errorf("%s: column %s: Arrow bool cannot be stored as %v", where, col, t)
		}
		for i := 0; i < n; i++ {
			if a.Value(i) && !arr.IsNull(i) {
				out[i].SetOne()
			}
		}
	case *array.String, *array.LargeString, *array.Binary, *array.LargeBinary:
		if t.Long() {
			for i := 0; i < n; i++ {
				if arr.IsNull(i) {
					continue
				}
				var raw []byte
				switch v := arr.(type) {
				case *array.String:
					raw = []byte(v.Value(i))
				case *array.LargeString:
					raw = []byte(v.Value(i))
				case *array.Binary:
					raw = bytes.Clone(v.Value(i))
				case *array.LargeBinary:
					raw = bytes.Clone(v.Value(i))
				}
				if raw == nil {
					raw = []byte{}
				}
				if err := t.CheckBytes(raw); err != nil {
					return nil, fmt.Errorf("%s: row %d, column %s: %w", where, rowBase+i+1, col, err)
				}
				out[i] = schema.Encode(blobs.Add(raw))
			}
			break
		}
		if t != schema.Varchar {
			return nil, fmt.Errorf("%s: column %s: Arrow %v cannot be stored as %v", where, col, arr.DataType(), t)
		}
		str := arr.(interface{ Value(int) string })
		for i := 0; i < n; i++ {
			if arr.IsNull(i) {
				continue
			}
			v, err := schema.EncodeString(str.Value(i))
			if err != nil {
				return nil, fmt.Errorf("%s: row %d, column %s: %w", where, rowBase+i+1, col, err)
			}
			out[i] = schema.Encode(v)
		}
	case *array.FixedSizeBinary:
		width := map[schema.Type]int{schema.Address: 20, schema.Uint256: 16, schema.Uint256High: 16, schema.Bytes32: 16}[t]
		if width == 0 {
			return nil, fmt.Errorf("%s: column %s: Arrow fixed_size_binary cannot be stored as %v", where, col, t)
		}
		for i := 0; i < n; i++ {
			if arr.IsNull(i) {
				continue
			}
			b := a.Value(i)
			if len(b) != width {
				return nil, fmt.Errorf("%s: row %d, column %s: %d bytes, want %d for %v", where, rowBase+i+1, col, len(b), width, t)
			}
			out[i].SetBytes(b) // big-endian, at most 20 bytes: below p
		}
	default:
		return nil, fmt.Errorf("%s: column %s: unsupported Arrow type %v", where, col, arr.DataType())
	}
	return out, nil
}

// intRange is a type's range [lo, hi] for checking native integers: its
// intersections with the int64 and the uint64 ranges.
type intRange struct {
	minSigned, maxSigned     int64
	minUnsigned, maxUnsigned uint64
	noSigned, noUnsigned     bool // the intersection is empty
}

func newIntRange(lo, hi *big.Int) intRange {
	minInt64, maxInt64 := big.NewInt(math.MinInt64), big.NewInt(math.MaxInt64)
	zero, maxUint64 := new(big.Int), new(big.Int).SetUint64(math.MaxUint64)
	clip := func(v, lo, hi *big.Int) *big.Int {
		if v.Cmp(lo) < 0 {
			return lo
		}
		if v.Cmp(hi) > 0 {
			return hi
		}
		return v
	}
	return intRange{
		minSigned: clip(lo, minInt64, maxInt64).Int64(), maxSigned: clip(hi, minInt64, maxInt64).Int64(),
		minUnsigned: clip(lo, zero, maxUint64).Uint64(), maxUnsigned: clip(hi, zero, maxUint64).Uint64(),
		noSigned:   lo.Cmp(maxInt64) > 0 || hi.Cmp(minInt64) < 0 || lo.Cmp(hi) > 0,
		noUnsigned: lo.Cmp(maxUint64) > 0 || hi.Sign() < 0 || lo.Cmp(hi) > 0,
	}
}

func (r intRange) hasSigned(v int64) bool {
	return !r.noSigned && v >= r.minSigned && v <= r.maxSigned
}

func (r intRange) hasUnsigned(v uint64) bool {
	return !r.noUnsigned && v >= r.minUnsigned && v <= r.maxUnsigned
}
