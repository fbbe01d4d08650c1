package provensql

import (
	"context"
	"math/big"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"github.com/provensql/provensql/schema"
)

func TestSmoke(t *testing.T) {
	db, err := Open(t.TempDir(), Options{SRSSize: 64})
	if err != nil {
		t.Fatal(err)
	}
	tbl := &schema.Table{Name: "t", Columns: []schema.Column{{Name: "a", Type: schema.BigInt}, {Name: "b", Type: schema.BigIntUnsigned}}}
	cols := make([][]fr.Element, 2)
	for i := 0; i < 40; i++ {
		cols[0] = append(cols[0], schema.Encode(big.NewInt(int64(i-20))))
		cols[1] = append(cols[1], schema.Encode(big.NewInt(int64(i*i))))
	}
	if _, err := db.Store().Append(tbl, 4, cols); err != nil {
		t.Fatal(err)
	}
	res, err := db.Prove(context.Background(), "SELECT COUNT(*), SUM(b), MIN(a), MAX(b), AVG(a) FROM t WHERE a > $1 AND b < 1000", "-5")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("rows %v constraints %d", res.Receipt.Rows, res.Timings.Constraints)
	if _, err := db.Verify(res.Receipt); err != nil {
		t.Fatal(err)
	}
	res.Receipt.Rows[0][0] = "7"
	if _, err := db.Verify(res.Receipt); err == nil {
		t.Fatal("tampered accepted")
	}
}
