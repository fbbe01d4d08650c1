package provensql

import (
	"context"
	"encoding/base64"
	"strings"
	"testing"

	"github.com/provensql/provensql/circuits"
	"github.com/provensql/provensql/commitment"
	"github.com/provensql/provensql/datagen"
	"github.com/provensql/provensql/receipt"
	"github.com/provensql/provensql/verifier"
)

// TestVerifyRefusesAlteredReceipts: the verifier refuses a Q1 receipt (two
// segments) changed in what its proofs do not cover by themselves — a
// segment proof dropped, the SRS key swapped, a key or SRS other than the
// one the caller trusts, another store's receipt, the result's columns and
// rows reshaped — each with an error naming what. (Removing any of these
// checks failed no test before.)
func TestVerifyRefusesAlteredReceipts(t *testing.T) {
	ctx := context.Background()
	prove := func() (*DB, *receipt.Receipt) {
		db, err := Open(t.TempDir(), Options{SRSSize: 64})
		if err != nil {
			t.Fatal(err)
		}
		data := datagen.ERC20Transfers(100, 1)
		if _, err := db.Store().Append(data.Table, 6, data.Cols); err != nil {
			t.Fatal(err)
		}
		res, err := db.Prove(ctx, datagen.Q1, data.Q1Params()...)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Receipt.Segments) != 2 {
			t.Fatalf("%d segments, want 2", len(res.Receipt.Segments))
		}
		return db, res.Receipt
	}
	db, rc := prove()
	other, orc := prove() // the same data under another SRS and other keys
	if _, err := db.Verify(rc); err != nil {
		t.Fatalf("the honest receipt: %v", err)
	}
	otherVK, err := base64.StdEncoding.DecodeString(orc.VerifyingKey)
	if err != nil {
		t.Fatal(err)
	}
	// a query that reads no column opens nothing: an opening there is refused
	count, err := db.Prove(ctx, "SELECT COUNT(*) FROM "+datagen.TableName)
	if err != nil {
		t.Fatal(err)
	}
	if count.Receipt.Opening != "" {
		t.Fatal("COUNT(*) without WHERE has an opening")
	}
	count.Receipt.Opening = rc.Opening
	if _, err := db.Verify(count.Receipt); err == nil || !strings.Contains(err.Error(), "an opening for a query that opens no column") {
		t.Fatalf("an opening on COUNT(*): got %v", err)
	}
	for _, c := range []struct {
		name   string
		edit   func(rc *receipt.Receipt)
		verify func(rc *receipt.Receipt) error
		want   string
	}{
		{"a segment proof dropped", func(rc *receipt.Receipt) { rc.Segments = rc.Segments[:1] }, nil, "the segments after segment 0 are left out"},
		{"another SRS's key", func(rc *receipt.Receipt) { rc.SRSVerifyingKey = orc.SRSVerifyingKey }, nil, "does not hash to srs_hash"},
		{"an SRS the caller does not trust", nil, func(rc *receipt.Receipt) error {
			_, err := verifier.Verify(rc, verifier.Options{TrustedSRSHash: commitment.VerifyingKeyHash(other.Store().SRS().VerifyingKey())})
			return err
		}, "is not the trusted SRS"},
		{"a key the caller does not trust", nil, func(rc *receipt.Receipt) error {
			_, err := verifier.Verify(rc, verifier.Options{TrustedVK: func(string, string, circuits.Size) ([]byte, error) { return otherVK, nil }})
			return err
		}, "is not the trusted key"},
		{"another store's table", nil, func(rc *receipt.Receipt) error { _, err := other.Verify(rc); return err }, "is not one the store recorded"},
		{"a second table named", func(rc *receipt.Receipt) { rc.TableCommitments["tokens"] = rc.TableCommitments[datagen.TableName] }, nil, "table_commitments names 2 tables"},
		{"a result column dropped", func(rc *receipt.Receipt) { rc.Columns = rc.Columns[:1] }, nil, "result columns, query has"},
		{"a result column renamed", func(rc *receipt.Receipt) { rc.Columns[1].Name = "total" }, nil, "query gives"},
		{"a result row short a value", func(rc *receipt.Receipt) { rc.Rows[0] = rc.Rows[0][:1] }, nil, "values, want"},
		{"the opening dropped", func(rc *receipt.Receipt) { rc.Opening = "" }, nil, "has no opening of the columns the query reads"},
		{"the opening not base64", func(rc *receipt.Receipt) { rc.Opening = "%" + rc.Opening[1:] }, nil, "opening is not base64"},
		{"another store's opening", func(rc *receipt.Receipt) { rc.Opening = orc.Opening }, nil, "the opening of the segments' columns"},
		{"a second table without a join", func(rc *receipt.Receipt) { second := rc.Table; rc.JoinTable = &second }, nil, "commits a second table but the query joins none"},
		{"join_lookup without a join", func(rc *receipt.Receipt) { rc.JoinLookup = true }, nil, "join_lookup is set for a query the lookup join circuit does not prove"},
	} {
		t.Run(c.name, func(t *testing.T) {
			changed := clone(t, rc)
			if c.edit != nil {
				c.edit(changed)
			}
			verify := c.verify
			if verify == nil {
				verify = func(rc *receipt.Receipt) error { _, err := Verify(rc); return err }
			}
			err := verify(changed)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %v, want an error with %q", err, c.want)
			}
		})
	}
}
