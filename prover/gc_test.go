package prover

import (
	"runtime/debug"
	"runtime/metrics"
	"testing"

	"github.com/provensql/provensql/circuits"
)

// gcPercent reads the garbage collector's current target heap growth.
func gcPercent() int {
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}}
	metrics.Read(s)
	return int(s[0].Value.Uint64())
}

// TestCompileGCPercent: a KeyStore with CompileGCPercent compiles under
// that target (the compile event comes once it is set) and restores the
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
	}
}
