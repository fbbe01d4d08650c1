package bench

import (
	"context"
	"os"
	"runtime/pprof"
	"testing"
)

func TestZZProf(t *testing.T) {
	dir := t.TempDir()
	keys := "/tmp/k14new"
	if _, err := RunWith(context.Background(), "Q1", 1<<14, dir, Options{KeyDir: keys}); err != nil {
		t.Fatal(err)
	}
	f, _ := os.Create("/tmp/prove.pprof")
	pprof.StartCPUProfile(f)
	r, err := RunWith(context.Background(), "Q1", 1<<14, t.TempDir(), Options{KeyDir: keys})
	pprof.StopCPUProfile()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%+v", *r)
}
