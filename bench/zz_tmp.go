package bench

import "github.com/provensql/provensql/datagen"

func init() {
	Queries["EQ"] = "SELECT COUNT(*), SUM(value) FROM erc20_transfers WHERE erc20 = $1"
	queryParams["EQ"] = func(d *datagen.Data) []string { return d.Q1Params()[:1] }
}
