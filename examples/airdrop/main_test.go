package main

import (
	"testing"

	"github.com/provensql/provensql/examples/internal/exutil"
)

func TestRun(t *testing.T) { exutil.CheckRun(t, run) }
