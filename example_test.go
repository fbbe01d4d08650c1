package provensql_test

import (
	"context"
	"fmt"
	"math/big"
	"os"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"github.com/provensql/provensql"
	"github.com/provensql/provensql/schema"
)

// Open a store, commit a table, prove a query with parameters and verify the receipt.
func ExampleDB_Prove() {
	dir, _ := os.MkdirTemp("", "provensql-example-")
	defer os.RemoveAll(dir)
	db, err := provensql.Open(dir, provensql.Options{SRSSize: 16})
	if err != nil {
		panic(err)
	}
	tbl := &schema.Table{Name: "payments", Columns: []schema.Column{
		{Name: "block", Type: schema.BigIntUnsigned}, {Name: "amount", Type: schema.BigInt}}}
	cols := [][]fr.Element{{}, {}}
	for i := 0; i < 12; i++ {
		cols[0] = append(cols[0], schema.Encode(big.NewInt(int64(100+i))))
		cols[1] = append(cols[1], schema.Encode(big.NewInt(int64(i*10-30))))
	}
	if _, err := db.Store().Append(tbl, 3, cols); err != nil { // segments of 8 rows
		panic(err)
	}
	res, err := db.Prove(context.Background(),
		"SELECT COUNT(*), SUM(amount), AVG(amount) FROM payments WHERE block BETWEEN $1 AND $2", "103", "109")
	if err != nil {
		panic(err)
	}
	if _, err := db.Verify(res.Receipt); err != nil {
		panic(err)
	}
	fmt.Println(res.Receipt.Columns[1].Name, "=", res.Receipt.Rows[0][1])
	fmt.Println(res.Receipt.Rows[0])
	// Output:
	// SUM(amount) = 210
	// [7 210 30]
}
