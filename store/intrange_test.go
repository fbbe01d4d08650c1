package store

import (
	"math"
	"math/big"
	"testing"

	"github.com/provensql/provensql/schema"
)

// TestIntRange: a column type's range checked on native integers agrees
// with schema.Type.InRange at and past every bound, for signed and
// unsigned Arrow values alike.
func TestIntRange(t *testing.T) {
	signed := []int64{math.MinInt64, -1 << 31, -1<<31 - 1, -129, -128, -1, 0, 1, 127, 128, 255, 256, 1<<31 - 1, 1 << 31, 1<<32 - 1, 1 << 32, math.MaxInt64}
	unsigned := []uint64{0, 1, 127, 128, 255, 256, 1<<31 - 1, 1 << 31, 1<<32 - 1, 1 << 32, math.MaxInt64, math.MaxInt64 + 1, math.MaxUint64}
	for _, typ := range []schema.Type{schema.BigInt, schema.BigIntUnsigned, schema.Int, schema.IntUnsigned, schema.SmallInt, schema.SmallIntUnsigned, schema.TinyInt, schema.TinyIntUnsigned, schema.Boolean, schema.Timestamp} {
		r := newIntRange(typ.Bounds())
		for _, v := range signed {
			if got, want := r.hasSigned(v), typ.InRange(big.NewInt(v)); got != want {
				t.Errorf("%v: %d in range %v, InRange says %v", typ, v, got, want)
			}
		}
		for _, v := range unsigned {
			if got, want := r.hasUnsigned(v), typ.InRange(new(big.Int).SetUint64(v)); got != want {
				t.Errorf("%v: %d in range %v, InRange says %v", typ, v, got, want)
			}
		}
	}
	if r := newIntRange(big.NewInt(5), big.NewInt(4)); r.hasSigned(4) || r.hasUnsigned(5) {
		t.Error("an empty range holds a value")
	}
}
