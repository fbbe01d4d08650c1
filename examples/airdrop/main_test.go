package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	var out bytes.Buffer
	if err := run(&out, t.TempDir(), 64); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "VERIFIED") || !strings.Contains(out.String(), "A: ") {
		t.Fatalf("output:\n%s", out.String())
	}
	t.Log(out.String())
}
