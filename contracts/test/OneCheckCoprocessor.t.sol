// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Base} from "./Base.sol";
import {ICommitmentRegistry, OneCheckCoprocessor} from "../src/OneCheckCoprocessor.sol";

/// @dev Stands in for the Coprocessor: this test is its indexer, and one
/// commitment of two segments is posted.
contract RegistryStub is ICommitmentRegistry {
    bytes32 internal constant TABLE = keccak256("pay");
    bytes32 internal constant COMMITMENT = keccak256("version 1");

    function isIndexer(address) external pure returns (bool) {
        return true;
    }

    function commitmentTable(bytes32 digest) external pure returns (bytes32, uint64, uint64) {
        if (digest != COMMITMENT) return (bytes32(0), 0, 0);
        return (TABLE, 12, 2);
    }
}

/// @dev Stands in for a shape's verifier: accepts exactly one call, the
/// one whose inputs it was told, so the entry's decoding of the outputs
/// is what is under test (Go's TestOneCheckCoprocessor runs a real proof).
contract VerifierStub {
    bytes32 internal immutable expected;

    constructor(bytes32 expectedInputs) {
        expected = expectedInputs;
    }

    fallback() external {
        // verifyProof(bytes proof, uint256[1] input): the offset word, then the input
        uint256 words = (msg.data.length - 4) / 32;
        require(words >= 2, "no inputs");
        bytes32 got;
        assembly {
            let n := sub(calldataload(4), 32) // the inputs' bytes: from word 1 up to the proof's offset
            let p := mload(0x40)
            calldatacopy(p, 36, n)
            got := keccak256(p, n)
        }
        require(got == expected, "other inputs");
    }
}

/// @dev The one-check entry's reading of a UINT256's MIN and MAX (kinds 4
/// and 5: one value, split at bit 192 like a sum, read back as its two
/// 128-bit limbs) and its refusal of limb kinds out of pairs.
contract OneCheckUint256Test is Base {
    bytes32 internal constant TABLE = keccak256("pay");
    bytes32 internal constant COMMITMENT = keccak256("version 1");
    bytes32 internal constant SHAPE = keccak256("shape");
    uint256 internal constant LOW_MASK = (uint256(1) << 192) - 1;
    uint256 internal constant LIMB_MASK = (uint256(1) << 128) - 1;

    OneCheckCoprocessor internal entry;
    uint256 internal constant DIGEST_LOW = 5;
    uint256 internal constant DIGEST_HIGH = 7;

    function setUp() public {
        entry = new OneCheckCoprocessor(new RegistryStub());
        entry.postTableDigest(COMMITMENT, DIGEST_LOW, DIGEST_HIGH);
    }

    function kinds(uint8[5] memory k) internal pure returns (uint8[] memory out) {
        out = new uint8[](5);
        for (uint256 i = 0; i < 5; i++) {
            out[i] = k[i];
        }
    }

    /// COUNT, MIN(v), MAX(v) of a UINT256 v: the outputs, the verifier's inputs.
    function outputs(uint256 count, uint256 minV, uint256 maxV) internal pure returns (uint256[] memory o) {
        o = new uint256[](6);
        (o[0], o[1]) = (count, 0);
        (o[2], o[3]) = (minV & LOW_MASK, minV >> 192);
        (o[4], o[5]) = (maxV & LOW_MASK, maxV >> 192);
    }

    uint256 internal constant R_BN254 = 21888242871839275222246405745257275088548364400416034343698204186575808495617;

    /// What the stub is told: the keccak256 of the verifier's one input, the
    /// SHA-256 of the outputs', the parameter's and the digest's words mod
    /// BN254's r (twochain.OutputDigest).
    function inputsHash(uint256[] memory o, uint256 param) internal pure returns (bytes32) {
        uint256 digest = uint256(sha256(abi.encodePacked(o, param, DIGEST_LOW, DIGEST_HIGH))) % R_BN254;
        return keccak256(abi.encodePacked(digest));
    }

    function test_Uint256ExtremesReadBackAsLimbs() public {
        uint256 minV = (uint256(1) << 251) + 15;
        uint256 maxV = type(uint256).max;
        uint256[] memory o = outputs(3, minV, maxV);
        uint256[] memory params = new uint256[](1);
        params[0] = 12;
        VerifierStub v = new VerifierStub(inputsHash(o, 12));
        entry.registerShape(SHAPE, address(v), TABLE, kinds([uint8(0), 4, 5, 4, 5]), 1, 2);
        int256[] memory r = entry.verifyQuery(SHAPE, COMMITMENT, params, o, hex"01");
        assertEq(r.length, 5);
        assertEq(r[0], 3);
        assertEq(uint256(r[1]), minV & LIMB_MASK);
        assertEq(uint256(r[2]), minV >> 128);
        assertEq(uint256(r[3]), maxV & LIMB_MASK);
        assertEq(uint256(r[4]), maxV >> 128);

        // a UINT256 extreme takes two words: one fewer is refused by count
        uint256[] memory short = new uint256[](5);
        for (uint256 i = 0; i < 5; i++) {
            short[i] = o[i];
        }
        vm.expectRevert(abi.encodeWithSelector(OneCheckCoprocessor.OutputCount.selector, 6, 5));
        entry.verifyQuery(SHAPE, COMMITMENT, params, short, hex"01");

        // another MAX is other inputs: the verifier refuses
        o[4] ^= 1;
        vm.expectRevert(OneCheckCoprocessor.ProofRejected.selector);
        entry.verifyQuery(SHAPE, COMMITMENT, params, o, hex"01");
    }

    function test_NoRowReadsZero() public {
        uint256[] memory o = outputs(0, 0, 0);
        uint256[] memory params = new uint256[](1);
        VerifierStub v = new VerifierStub(inputsHash(o, 0));
        entry.registerShape(SHAPE, address(v), TABLE, kinds([uint8(0), 4, 5, 4, 5]), 1, 2);
        int256[] memory r = entry.verifyQuery(SHAPE, COMMITMENT, params, o, hex"01");
        for (uint256 i = 0; i < 5; i++) {
            assertEq(r[i], 0);
        }
    }

    /// A verifier of 4 slots takes the table of 2 segments (the proof's
    /// digest binds the count); one of 1 slot refuses it by name, and a
    /// shape of no slots is not registered.
    function test_SlotsBoundTheSegments() public {
        uint256[] memory o = outputs(0, 0, 0);
        uint256[] memory params = new uint256[](1);
        VerifierStub v = new VerifierStub(inputsHash(o, 0));
        entry.registerShape(SHAPE, address(v), TABLE, kinds([uint8(0), 4, 5, 4, 5]), 1, 4);
        entry.verifyQuery(SHAPE, COMMITMENT, params, o, hex"01");
        entry.registerShape(SHAPE, address(v), TABLE, kinds([uint8(0), 4, 5, 4, 5]), 1, 1);
        vm.expectRevert(abi.encodeWithSelector(OneCheckCoprocessor.TooManySegments.selector, 1, 2));
        entry.verifyQuery(SHAPE, COMMITMENT, params, o, hex"01");
        vm.expectRevert(abi.encodeWithSelector(OneCheckCoprocessor.BadShape.selector, "no slots"));
        entry.registerShape(SHAPE, address(v), TABLE, kinds([uint8(0), 4, 5, 4, 5]), 1, 0);
    }

    function test_LimbKindsComeInPairs() public {
        VerifierStub v = new VerifierStub(bytes32(0));
        uint8[5][5] memory bad = [
            [uint8(0), 4, 1, 5, 1], // the high limb not after the low one
            [uint8(0), 5, 4, 1, 1], // high before low
            [uint8(0), 1, 1, 1, 4], // a low limb last
            [uint8(0), 4, 4, 5, 5], // a low limb followed by another
            [uint8(0), 1, 5, 4, 5] // a high limb after a sum, the pair after it whole
        ];
        for (uint256 i = 0; i < bad.length; i++) {
            vm.expectRevert(abi.encodeWithSelector(OneCheckCoprocessor.BadShape.selector, "a UINT256 extreme's limbs"));
            entry.registerShape(SHAPE, address(v), TABLE, kinds(bad[i]), 1, 2);
        }
        vm.expectRevert(abi.encodeWithSelector(OneCheckCoprocessor.BadShape.selector, "partial kind"));
        entry.registerShape(SHAPE, address(v), TABLE, kinds([uint8(0), 6, 1, 1, 1]), 1, 2);
    }
}
