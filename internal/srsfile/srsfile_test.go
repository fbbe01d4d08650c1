package srsfile

import (
	"strings"
	"testing"
)

func TestCheckDeclared(t *testing.T) {
	for _, c := range []struct {
		name string
		b    []byte
		want string // "" for accepted
	}{
		{"two points of 4 bytes", []byte{0, 0, 0, 2, 1, 2, 3, 4, 5, 6, 7, 8}, ""},
		{"text", []byte("not an SRS"), "declares 1852797984 points"},
		{"short", []byte{0, 0}, "too short"},
		{"no point", []byte{0, 0, 0, 0, 9}, "declares 0 points"},
		{"one byte short", []byte{0, 0, 0, 2, 1, 2, 3, 4, 5, 6, 7}, "declares 2 points"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := CheckDeclared(c.b, 4)
			if c.want == "" && err != nil || c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)) {
				t.Fatalf("error %v, want %q", err, c.want)
			}
		})
	}
}
