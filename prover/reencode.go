package prover

import (
	"fmt"
	"math/big"
	"reflect"

	fr_bn254 "github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark/frontend"

	"github.com/provensql/provensql/circuits"
	"github.com/provensql/provensql/schema"
)

// encodeQueryIn returns a copy of w whose every assigned value is the same
// signed integer in the field of modulus p: a value v of the field of
// modulus from (BN254's: the prover's witness) read as the integer it
// encodes (schema.DecodeSignedIn), mod p. A value whose integer p cannot
// hold (|v| ≥ p/2: a hash, say, where p is smaller than from) is refused,
// naming the field it sits in.
func encodeQueryIn(w *circuits.Query, from, p *big.Int) (*circuits.Query, error) {
	out := *w
	if err := encodeValueIn(reflect.ValueOf(&out).Elem(), from, p, "Query"); err != nil {
		return nil, err
	}
	return &out, nil
}

var variableType = reflect.TypeOf((*frontend.Variable)(nil)).Elem()

func encodeValueIn(v reflect.Value, from, p *big.Int, at string) error {
	switch {
	case v.Type() == variableType:
		if v.IsNil() {
			return nil
		}
		x, err := integerOf(v.Interface(), from)
		if err != nil {
			return fmt.Errorf("prover: %s: %w", at, err)
		}
		i := schema.DecodeSignedIn(x, from)
		if !holdsSigned(i, p) {
			return fmt.Errorf("prover: %s holds %s, which the segment curve's field (%d bits) cannot hold as a signed integer", at, i, p.BitLen())
		}
		v.Set(reflect.ValueOf(i.Mod(i, p)))
	case v.Kind() == reflect.Slice:
		if v.IsNil() {
			return nil
		}
		c := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		reflect.Copy(c, v)
		v.Set(c)
		for i := 0; i < v.Len(); i++ {
			if err := encodeValueIn(v.Index(i), from, p, fmt.Sprintf("%s[%d]", at, i)); err != nil {
				return err
			}
		}
	case v.Kind() == reflect.Array:
		for i := 0; i < v.Len(); i++ {
			if err := encodeValueIn(v.Index(i), from, p, fmt.Sprintf("%s[%d]", at, i)); err != nil {
				return err
			}
		}
	case v.Kind() == reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if f := v.Type().Field(i); f.IsExported() {
				if err := encodeValueIn(v.Field(i), from, p, at+"."+f.Name); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// holdsSigned reports whether the field of modulus p holds the signed
// integer v: |v| < p/2, so that v and −v do not meet.
func holdsSigned(v, p *big.Int) bool {
	return new(big.Int).Lsh(new(big.Int).Abs(v), 1).Cmp(p) < 0
}

// integerOf reads an assigned value as a canonical integer mod from (a
// BN254 element: of BN254's field).
func integerOf(x any, from *big.Int) (*big.Int, error) {
	switch x := x.(type) {
	case *big.Int:
		return new(big.Int).Mod(x, from), nil
	case fr_bn254.Element:
		if from.Cmp(fr_bn254.Modulus()) != 0 {
			return nil, fmt.Errorf("a BN254 element in a witness of another field")
		}
		return x.BigInt(new(big.Int)), nil
	case *fr_bn254.Element:
		if from.Cmp(fr_bn254.Modulus()) != 0 {
			return nil, fmt.Errorf("a BN254 element in a witness of another field")
		}
		return x.BigInt(new(big.Int)), nil
	case int:
		return new(big.Int).Mod(big.NewInt(int64(x)), from), nil
	case int64:
		return new(big.Int).Mod(big.NewInt(x), from), nil
	case uint64:
		return new(big.Int).Mod(new(big.Int).SetUint64(x), from), nil
	}
	return nil, fmt.Errorf("an assigned value of type %T", x)
}
