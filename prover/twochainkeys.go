package prover

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/backend/groth16"
	groth16_bn254 "github.com/consensys/gnark/backend/groth16/bn254"
	"github.com/consensys/gnark/constraint"

	"github.com/provensql/provensql/circuits"
	"github.com/provensql/provensql/commitment/kzg377"
	"github.com/provensql/provensql/internal/twochain"
	"github.com/provensql/provensql/planner"
	"github.com/provensql/provensql/proofsys"
)

// curveKeys is a Groth16 circuit of the two-chain path over its curve
// and its keys.
type curveKeys struct {
	cs constraint.ConstraintSystem
	pk groth16.ProvingKey
	vk groth16.VerifyingKey
	// setup is what compiling and setting it up took in this process,
	// load what reading it from the cache took (one of them is zero, both
	// where it was in memory already)
	setup, load time.Duration
}

// twoChainMeta is a two-chain cache entry's meta.json.
type twoChainMeta struct {
	Name        string            `json:"name"`
	Curve       string            `json:"curve"`
	Constraints int               `json:"constraints"`
	Files       map[string]string `json:"files"` // name → sha256
}

// twoChainEntry returns the circuit and keys the cache entry name holds
// (a name that says everything they depend on): from memory, from the key
// cache's directory twochain/name (every file's SHA-256 checked against
// its meta.json, the proving key read with ReadDump), or built and
// written there. A cache that cannot be written is reported, not an error.
func (k *KeyStore) twoChainEntry(name string, curve ecc.ID, detail string, report func(Event), build func() (constraint.ConstraintSystem, groth16.ProvingKey, groth16.VerifyingKey, error)) (*curveKeys, error) {
	log := k.log // the call's progress where it has one: the minutes of a setup are its
	if report != nil {
		log = report
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if c, ok := k.twoChain[name]; ok {
		return &curveKeys{cs: c.cs, pk: c.pk, vk: c.vk}, nil
	}
	if k.twoChain == nil {
		k.twoChain = map[string]*curveKeys{}
	}
	dir := filepath.Join(k.dir, "twochain", name)
	t0 := time.Now()
	c, err := readTwoChainEntry(dir, name, curve)
	if err == nil {
		c.load = time.Since(t0)
		log(Event{Stage: "load", Detail: detail + " from the cache", Elapsed: c.load})
		k.twoChain[name] = c
		return c, nil
	}
	if !errors.Is(err, os.ErrNotExist) {
		log(Event{Stage: "cache", Detail: fmt.Sprintf("key cache entry %s unusable (%v); setting up again", dir, err)})
	}
	log(Event{Stage: "setup", Detail: detail})
	c = &curveKeys{}
	if c.cs, c.pk, c.vk, err = build(); err != nil {
		return nil, err
	}
	c.setup = time.Since(t0)
	if err := writeTwoChainEntry(dir, name, curve, c); err != nil {
		log(Event{Stage: "cache", Detail: fmt.Sprintf("could not write key cache %s (the keys are set up again next run): %v", dir, err)})
	}
	k.twoChain[name] = c
	return c, nil
}

func writeTwoChainEntry(dir, name string, curve ecc.ID, c *curveKeys) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	meta := twoChainMeta{Name: name, Curve: curve.String(), Constraints: c.cs.GetNbConstraints(), Files: map[string]string{}}
	for _, f := range []struct {
		name string
		fn   func(io.Writer) error
	}{
		{"circuit.r1cs", func(w io.Writer) error { _, err := c.cs.WriteTo(w); return err }},
		{"pk.dump", c.pk.WriteDump},
		{"vk.bin", func(w io.Writer) error { _, err := c.vk.WriteTo(w); return err }},
	} {
		if err := writeCacheFile(dir, f.name, meta.Files, f.fn); err != nil {
			return err
		}
	}
	mb, err := json.MarshalIndent(meta, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "meta.json"), mb, 0o644)
}

// readTwoChainMeta reads a cache entry's meta.json, refusing one that
// describes another entry or curve.
func readTwoChainMeta(dir, name string, curve ecc.ID) (twoChainMeta, error) {
	var meta twoChainMeta
	mb, err := os.ReadFile(filepath.Join(dir, "meta.json"))
	if err != nil {
		return meta, err
	}
	if err := json.Unmarshal(mb, &meta); err != nil {
		return meta, fmt.Errorf("meta.json: %w", err)
	}
	if meta.Name != name || meta.Curve != curve.String() {
		return meta, errors.New("meta.json describes another circuit")
	}
	return meta, nil
}

func readTwoChainEntry(dir, name string, curve ecc.ID) (*curveKeys, error) {
	meta, err := readTwoChainMeta(dir, name, curve)
	if err != nil {
		return nil, err
	}
	c := &curveKeys{cs: groth16.NewCS(curve), pk: groth16.NewProvingKey(curve), vk: groth16.NewVerifyingKey(curve)}
	if err := readVerified(dir, "circuit.r1cs", meta.Files, func(r io.Reader) error { _, err := c.cs.ReadFrom(r); return err }); err != nil {
		return nil, err
	}
	if c.cs.GetNbConstraints() != meta.Constraints {
		return nil, errors.New("circuit.r1cs: constraint count differs from meta.json")
	}
	if err := readVerified(dir, "pk.dump", meta.Files, c.pk.ReadDump); err != nil {
		return nil, err
	}
	if err := readVerified(dir, "vk.bin", meta.Files, func(r io.Reader) error { _, err := c.vk.ReadFrom(r); return err }); err != nil {
		return nil, err
	}
	return c, nil
}

// twoChainSegment returns a plan's segment circuit over BLS12-377 and its
// keys (CompileOver, proofsys.SetupGroth16), refusing one of more than
// limit constraints where limit is positive (ErrCircuitTooLarge: before
// its setup where it is compiled here). Its events go to report where it
// is not nil (the call's progress), else to the store's.
func (k *KeyStore) twoChainSegment(plan *planner.Plan, size circuits.Size, limit int, report func(Event)) (*curveKeys, error) {
	c, err := k.twoChainEntry(segmentEntry(plan, size), ecc.BLS12_377, fmt.Sprintf("two-chain segment circuit over BLS12-377 for %d-row segments", 1<<size.LogN), report, func() (constraint.ConstraintSystem, groth16.ProvingKey, groth16.VerifyingKey, error) {
		cs, err := CompileOver(ecc.BLS12_377, plan, size)
		if err != nil {
			return nil, nil, nil, err
		}
		if err := withinLimit(cs.GetNbConstraints(), limit); err != nil {
			return nil, nil, nil, err
		}
		pk, vk, err := proofsys.SetupGroth16(cs)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("prover: the BLS12-377 segment circuit's setup: %w", err)
		}
		return cs, pk, vk, nil
	})
	if err != nil {
		return nil, err
	}
	if err := withinLimit(c.cs.GetNbConstraints(), limit); err != nil {
		return nil, err
	}
	return c, nil
}

// oneCheckLayers is a one-check proof's aggregator and wrapper keys, and
// what setting them up or reading them took.
type oneCheckLayers struct {
	agg                       *twochain.AggregatorKeys
	wrap                      *twochain.WrapperKeys
	aggSetup, wrapSetup, load time.Duration
}

// oneCheckKeys returns the aggregator's keys for segs' circuit, slots
// slots (OneCheckSlots of its segments) and srs, and the wrapper's for
// that aggregator: from this store's memory or cache, or set up. The
// entries are named by a hash of all they depend on: the segment
// circuit's verifying key, the layout, the SRS's points, the slot count
// and twochain.Version (the aggregator's); the aggregator's verifying key
// and twochain.Version (the wrapper's). Their events (minutes of setup) go
// to report where it is not nil.
func (k *KeyStore) oneCheckKeys(segs *TwoChainSegments, srs *kzg377.SRS, slots int, report func(Event)) (*oneCheckLayers, error) {
	key := KZGKey(srs)
	aggName, err := aggregatorEntry(segs.VK, segs.Layout, key, slots)
	if err != nil {
		return nil, err
	}
	agg, err := k.twoChainEntry(aggName, ecc.BW6_761, fmt.Sprintf("query aggregator of %d slots (BW6-761): tables of up to %d segments", slots, slots), report, func() (constraint.ConstraintSystem, groth16.ProvingKey, groth16.VerifyingKey, error) {
		shape, err := twochain.QueryAggregatorShape(segs.CS, segs.VK, slots, segs.Layout, key)
		if err != nil {
			return nil, nil, nil, err
		}
		a, err := twochain.SetupAggregator(shape)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("prover: %w", err)
		}
		return a.CS, a.PK, a.VK, nil
	})
	if err != nil {
		return nil, err
	}
	widths := segs.Layout.OutputWidths()
	wrapName, err := wrapperEntry(agg.vk, widths)
	if err != nil {
		return nil, err
	}
	wrap, err := k.twoChainEntry(wrapName, ecc.BN254, "BN254 wrapper of the aggregator (about 5.9M constraints)", report, func() (constraint.ConstraintSystem, groth16.ProvingKey, groth16.VerifyingKey, error) {
		shape, err := twochain.WrapperShapeWith(agg.cs, agg.vk, widths)
		if err != nil {
			return nil, nil, nil, err
		}
		w, err := twochain.SetupWrapper(shape)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("prover: %w", err)
		}
		return w.CS, w.PK, w.VK, nil
	})
	if err != nil {
		return nil, err
	}
	wpk, ok := wrap.pk.(*groth16_bn254.ProvingKey)
	wvk, ok2 := wrap.vk.(*groth16_bn254.VerifyingKey)
	if !ok || !ok2 {
		return nil, fmt.Errorf("prover: the wrapper's keys are not BN254's (%T, %T)", wrap.pk, wrap.vk)
	}
	return &oneCheckLayers{
		agg:      &twochain.AggregatorKeys{CS: agg.cs, PK: agg.pk, VK: agg.vk},
		wrap:     &twochain.WrapperKeys{CS: wrap.cs, PK: wpk, VK: wvk},
		aggSetup: agg.setup, wrapSetup: wrap.setup, load: agg.load + wrap.load,
	}, nil
}

// aggregatorEntry names the aggregator's cache entry by a hash of all it
// depends on: the segment circuit's verifying key, the statement layout,
// the SRS's points, the aggregator's slot count (OneCheckSlots) and
// twochain.Version.
func aggregatorEntry(segmentVK groth16.VerifyingKey, layout twochain.StatementLayout, key twochain.KZGKey, slots int) (string, error) {
	var id bytes.Buffer
	if _, err := segmentVK.WriteTo(&id); err != nil {
		return "", err
	}
	lb, err := json.Marshal(layout)
	if err != nil {
		return "", err
	}
	id.Write(lb)
	for _, g := range key.G2 {
		b := g.Bytes()
		id.Write(b[:])
	}
	tb := key.TauG1.Bytes()
	id.Write(tb[:])
	fmt.Fprintf(&id, "/%d/%s", slots, twochain.Version)
	h := sha256.Sum256(id.Bytes())
	return "aggregator-" + hex.EncodeToString(h[:16]), nil
}

// wrapperEntry names the wrapper's cache entry by a hash of the
// aggregator's verifying key, the widths of its outputs and
// twochain.Version.
func wrapperEntry(aggregatorVK groth16.VerifyingKey, widths []twochain.OutputWidth) (string, error) {
	var id bytes.Buffer
	if _, err := aggregatorVK.WriteTo(&id); err != nil {
		return "", err
	}
	fmt.Fprintf(&id, "/widths %v/%s", widths, twochain.Version)
	h := sha256.Sum256(id.Bytes())
	return "wrapper-" + hex.EncodeToString(h[:16]), nil
}

// segmentEntry names a plan's BLS12-377 segment circuit's cache entry.
func segmentEntry(plan *planner.Plan, size circuits.Size) string {
	return fmt.Sprintf("segment-%s-%s-c%s", plan.ShapeHash, size, circuits.Version)
}

// twoChainVK returns the verifying key of the cache entry name: from
// memory, or its vk.bin (SHA-256 checked against its meta.json), never set
// up — a verifier's lookup, which reads no proving key.
func (k *KeyStore) twoChainVK(name string, curve ecc.ID) (groth16.VerifyingKey, error) {
	k.mu.Lock()
	c, ok := k.twoChain[name]
	k.mu.Unlock()
	if ok {
		return c.vk, nil
	}
	dir := filepath.Join(k.dir, "twochain", name)
	meta, err := readTwoChainMeta(dir, name, curve)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("prover: no cached two-chain keys %s: %w", name, err)
	} else if err != nil {
		return nil, fmt.Errorf("prover: two-chain keys %s: %w", dir, err)
	}
	vk := groth16.NewVerifyingKey(curve)
	if err := readVerified(dir, "vk.bin", meta.Files, func(r io.Reader) error { _, err := vk.ReadFrom(r); return err }); err != nil {
		return nil, fmt.Errorf("prover: %s: %w", dir, err)
	}
	return vk, nil
}

// oneCheckProvingKeys returns the proving keys of a plan's one-check
// layers at size, slots slots and srs — its segment circuit's over
// BLS12-377, its aggregator's over BW6-761 and its wrapper's over BN254 —
// from this store's memory or cache, or set up (report receives the
// setups' events).
func (k *KeyStore) oneCheckProvingKeys(plan *planner.Plan, size circuits.Size, slots int, srs *kzg377.SRS, report func(Event)) (segment, aggregator, wrapper groth16.ProvingKey, err error) {
	seg, err := k.twoChainSegment(plan, size, 0, report)
	if err != nil {
		return nil, nil, nil, err
	}
	layers, err := k.oneCheckKeys(&TwoChainSegments{CS: seg.cs, VK: seg.vk, Layout: TwoChainLayout(plan, size)}, srs, slots, report)
	if err != nil {
		return nil, nil, nil, err
	}
	return seg.pk, layers.agg.PK, layers.wrap.PK, nil
}

// oneCheckVerifyingKey returns the wrapper's verifying key this store
// holds (in memory or in its cache, never set up here) for a plan's
// segment circuit at size, its aggregator of slots slots and srs: the key
// a verifier with this store trusts.
func (k *KeyStore) oneCheckVerifyingKey(plan *planner.Plan, size circuits.Size, slots int, srs *kzg377.SRS) ([]byte, error) {
	segVK, err := k.twoChainVK(segmentEntry(plan, size), ecc.BLS12_377)
	if err != nil {
		return nil, err
	}
	layout := TwoChainLayout(plan, size)
	aggName, err := aggregatorEntry(segVK, layout, KZGKey(srs), slots)
	if err != nil {
		return nil, err
	}
	aggVK, err := k.twoChainVK(aggName, ecc.BW6_761)
	if err != nil {
		return nil, err
	}
	wrapName, err := wrapperEntry(aggVK, layout.OutputWidths())
	if err != nil {
		return nil, err
	}
	wrapVK, err := k.twoChainVK(wrapName, ecc.BN254)
	if err != nil {
		return nil, err
	}
	var vk bytes.Buffer
	if _, err := wrapVK.WriteTo(&vk); err != nil {
		return nil, err
	}
	return vk.Bytes(), nil
}
