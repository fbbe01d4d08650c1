package prover

import (
	"io"
	"runtime/debug"
	"runtime/metrics"
	"testing"

	"github.com/provensql/provensql/circuits"
	"github.com/provensql/provensql/proofsys"
)

// gcPercent reads the garbage collector's current target heap growth.
func gcPercent() int {
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}}
	metrics.Read(s)
	return int(s[0].Value.Uint64())
}

// gcReadingBackend records the garbage collector's target while it reads
// a proving key.
type gcReadingBackend struct {
	proofsys.Backend
	atRead *int
}

func (b gcReadingBackend) ReadProvingKey(r io.Reader) (any, error) {
	*b.atRead = gcPercent()
	return b.Backend.ReadProvingKey(r)
}

// TestCompileGCPercent: a KeyStore with CompileGCPercent compiles, and
// loads cached keys, under that target (the compile event comes once it
// is set; the backend reads the proving key under it) and restores the
// one before, which setup and the caller see again; without it, the
// target stays.
func TestCompileGCPercent(t *testing.T) {
	const before, compiling = 41, 137
	defer debug.SetGCPercent(debug.SetGCPercent(before))
	for _, c := range []struct{ option, atCompile int }{{compiling, compiling}, {0, before}} {
		p, st := setup(t, []int64{1, 2, 3})
		pl := plan(t, st, "SELECT SUM(a) FROM t WHERE a < 3")
		at := map[string]int{}
		p.Keys = NewKeyStore(t.TempDir(), p.Backend, func(e Event) { at[e.Stage] = gcPercent() })
		p.Keys.CompileGCPercent = c.option
		if _, err := p.Keys.Get(pl, circuits.SegmentSize(3)); err != nil {
			t.Fatal(err)
		}
		if got, ok := at["compile"]; !ok || got != c.atCompile {
			t.Errorf("CompileGCPercent %d: compiled at GOGC %d (reported: %v), want %d", c.option, got, ok, c.atCompile)
		}
		if got, ok := at["setup"]; !ok || got != before {
			t.Errorf("CompileGCPercent %d: set up at GOGC %d (reported: %v), want %d (restored)", c.option, got, ok, before)
		}
		if got := gcPercent(); got != before {
			t.Errorf("CompileGCPercent %d: GOGC after Get %d, want %d", c.option, got, before)
		}
		// a second store over the same directory loads the cached keys
		atRead := -1
		loader := NewKeyStore(p.Keys.dir, gcReadingBackend{p.Backend, &atRead}, func(Event) {})
		loader.CompileGCPercent = c.option
		got, err := loader.Get(pl, circuits.SegmentSize(3))
		if err != nil {
			t.Fatal(err)
		}
		if !got.FromCache {
			t.Fatal("the second store did not load the cache")
		}
		if atRead != c.atCompile {
			t.Errorf("CompileGCPercent %d: loaded the proving key at GOGC %d, want %d", c.option, atRead, c.atCompile)
		}
		if got := gcPercent(); got != before {
			t.Errorf("CompileGCPercent %d: GOGC after loading %d, want %d", c.option, got, before)
		}
	}
}
