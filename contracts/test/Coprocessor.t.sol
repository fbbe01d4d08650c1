// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Base} from "./Base.sol";
import {Coprocessor} from "../src/Coprocessor.sol";
import {IProvenResultConsumer} from "../src/IProvenResultConsumer.sol";
import {Q1Fixture as F} from "./fixtures/Q1Fixture.sol";
import {Verifier} from "./fixtures/Q1Verifier.sol";

contract Consumer is IProvenResultConsumer {
    Coprocessor internal immutable coprocessor;
    bytes32 public lastId;
    int256[] internal last;
    uint256 public calls;

    constructor(Coprocessor c) {
        coprocessor = c;
    }

    function ask() external returns (bytes32) {
        return coprocessor.request(F.SHAPE_HASH, F.DIGEST, F.params());
    }

    function onProvenResult(bytes32 id, int256[] calldata r) external {
        require(msg.sender == address(coprocessor), "only the coprocessor");
        lastId = id;
        last = r;
        calls++;
    }

    function result() external view returns (int256[] memory) {
        return last;
    }
}

/// @dev Stands in for the shape's verifier: passes the Coprocessor's call
/// on, and also asks the verifier what it must refuse — the caller's first
/// pair moved off the G2 generator onto the second pair's [τ]₂ (the key's
/// proof of knowledge pairs with the generator, so the verifier adds that
/// pair into it and would otherwise check it on the wrong point), and a
/// public input raised by r (the same scalar to the precompiles, so only
/// the verifier's range check refuses it).
contract VerifierProbe {
    uint256 internal constant R = 21888242871839275222246405745257275088548364400416034343698204186575808495617;
    Verifier internal immutable v;

    constructor(Verifier verifier) {
        v = verifier;
    }

    function INPUTS() external view returns (uint256) {
        return v.INPUTS();
    }

    function verifyBatch(uint256[] calldata inputs, uint256[] calldata proofs, uint256[12] calldata extra)
        external
        view
        returns (bool)
    {
        require(v.verifyBatch(inputs, proofs, extra), "the honest batch was refused");
        uint256[12] memory moved = extra;
        for (uint256 i = 2; i < 6; i++) {
            moved[i] = extra[6 + i];
        }
        require(!v.verifyBatch(inputs, proofs, moved), "a first pair off the generator was accepted");
        uint256[] memory raised = inputs;
        raised[raised.length - 1] += R;
        require(!v.verifyBatch(raised, proofs, extra), "a public input above r was accepted");
        return true;
    }
}

contract CoprocessorTest is Base {
    Coprocessor internal c;
    Verifier internal v;
    address internal constant INDEXER = address(0xBEEF);
    address internal constant STRANGER = address(0xBAD);

    /// @dev The fixture's one segment: every segment of the table covered.
    function allSegments() internal pure returns (Coprocessor.Coverage memory) {
        return Coprocessor.Coverage(0, bytes32(0), new bytes32[](0));
    }

    function setUp() public {
        c = new Coprocessor(F.tau(), F.SRS_HASH);
        v = new Verifier();
        c.setIndexer(INDEXER, true);
    }

    function post() internal returns (bytes32) {
        vm.prank(INDEXER);
        return c.postCommitment(F.NAME, F.SCHEMA_HASH, F.LOG_CAPACITY, F.COLUMNS, 0, F.segmentRows(), F.points());
    }

    function register() internal {
        c.registerShape(F.SHAPE_HASH, address(v), F.VK_HASH, F.TABLE_ID, F.columns(), F.partialKinds(), F.PARAMS, F.WINDOW_COLUMN, F.WINDOW_INPUTS, F.WINDOW_WIDTH, F.WINDOW_BOUNDS, F.WINDOW_LO);
    }

    function test_PostComputesTheSameDigestAsGo() public {
        assertEq(post(), F.DIGEST);
        bytes32[] memory h = c.tableHistory(F.TABLE_ID);
        assertEq(h.length, 1);
        assertEq(h[0], F.DIGEST);
    }

    function test_OnlyAnIndexerPosts() public {
        uint64[] memory rows = F.segmentRows();
        uint256[] memory pts = F.points();
        vm.prank(STRANGER);
        vm.expectRevert(abi.encodeWithSelector(Coprocessor.NotIndexer.selector, STRANGER));
        c.postCommitment(F.NAME, F.SCHEMA_HASH, F.LOG_CAPACITY, F.COLUMNS, 0, rows, pts);
    }

    function test_OnlyTheOwnerAuthorisesAndRegisters() public {
        vm.prank(STRANGER);
        vm.expectRevert(Coprocessor.NotOwner.selector);
        c.setIndexer(STRANGER, true);
        uint8[] memory cols = F.columns();
        uint8[] memory kinds = F.partialKinds();
        vm.prank(STRANGER);
        vm.expectRevert(Coprocessor.NotOwner.selector);
        c.registerShape(F.SHAPE_HASH, address(v), F.VK_HASH, F.TABLE_ID, cols, kinds, F.PARAMS, F.WINDOW_COLUMN, F.WINDOW_INPUTS, F.WINDOW_WIDTH, F.WINDOW_BOUNDS, F.WINDOW_LO);
    }

    function test_AppendOnly() public {
        post();
        uint64[] memory rows = F.segmentRows();
        uint256[] memory pts = F.points();
        // the same segment again, as the table's first: no extension
        vm.prank(INDEXER);
        vm.expectRevert(abi.encodeWithSelector(Coprocessor.NotExtending.selector, "segments posted from other than the latest commitment's full ones"));
        c.postCommitment(F.NAME, F.SCHEMA_HASH, F.LOG_CAPACITY, F.COLUMNS, 0, rows, pts);
        // a partial second segment, then a shorter one in its place
        rows[0] = 5;
        vm.prank(INDEXER);
        c.postCommitment(F.NAME, F.SCHEMA_HASH, F.LOG_CAPACITY, F.COLUMNS, 1, rows, pts);
        rows[0] = 3;
        vm.prank(INDEXER);
        vm.expectRevert(abi.encodeWithSelector(Coprocessor.NotExtending.selector, "row count does not grow"));
        c.postCommitment(F.NAME, F.SCHEMA_HASH, F.LOG_CAPACITY, F.COLUMNS, 1, rows, pts);
        vm.prank(INDEXER);
        vm.expectRevert(abi.encodeWithSelector(Coprocessor.NotExtending.selector, "schema differs"));
        c.postCommitment(F.NAME, bytes32(uint256(1)), F.LOG_CAPACITY, F.COLUMNS, 0, rows, pts);
    }

    /// The view derives each segment's rows from the commitment's rows and
    /// the table's capacity: one full segment; then an extension to three
    /// segments, the last partial, posted as its two new segments alone
    /// (the first is frozen: its hash stays in the chain); then a fourth
    /// version that grows the partial segment, posted as that segment alone.
    function test_CommitmentViewDerivesSegmentRows() public {
        bytes32 first = post();
        (bytes32 tableId, uint64 rows, uint64[] memory segRows, bytes32 chain1,) = c.commitment(first);
        assertEq(tableId, F.TABLE_ID);
        assertEq(rows, uint64(1) << F.LOG_CAPACITY);
        assertEq(segRows.length, 1);
        assertEq(segRows[0], uint64(1) << F.LOG_CAPACITY);

        uint256[] memory pts = F.points();
        uint64[] memory two = new uint64[](2);
        (two[0], two[1]) = (uint64(1) << F.LOG_CAPACITY, 5);
        uint256[] memory twice = new uint256[](2 * pts.length);
        for (uint256 i = 0; i < pts.length; i++) {
            (twice[i], twice[pts.length + i]) = (pts[i], pts[i]);
        }
        vm.prank(INDEXER);
        bytes32 second = c.postCommitment(F.NAME, F.SCHEMA_HASH, F.LOG_CAPACITY, F.COLUMNS, 1, two, twice);
        bytes32 chain2;
        bytes32 last2;
        (, rows, segRows, chain2, last2) = c.commitment(second);
        assertEq(rows, 2 * (uint64(1) << F.LOG_CAPACITY) + 5);
        assertEq(segRows.length, 3);
        assertEq(segRows[0], uint64(1) << F.LOG_CAPACITY);
        assertEq(segRows[1], uint64(1) << F.LOG_CAPACITY);
        assertEq(segRows[2], 5);
        // the chain goes on from the first version's: one more full segment,
        // whose points are segment 0's, so c_2 = keccak(c_1 ‖ h_0) where
        // c_1 = keccak(0 ‖ h_0); the partial segment's hash is h_0 too
        assertEq(keccak256(abi.encodePacked(bytes32(0), last2)), chain1);
        assertEq(keccak256(abi.encodePacked(chain1, last2)), chain2);
        // the first version is still there, as it was
        (, rows, segRows,,) = c.commitment(first);
        assertEq(rows, uint64(1) << F.LOG_CAPACITY);
        assertEq(segRows.length, 1);
        // an unknown digest: no rows, no segments
        (, rows, segRows,,) = c.commitment(bytes32(uint256(7)));
        assertEq(rows, 0);
        assertEq(segRows.length, 0);

        // a third version: the partial segment grows, posted alone (the
        // two full ones are frozen); it keeps the second's chain
        uint64[] memory one = new uint64[](1);
        one[0] = 9;
        vm.prank(INDEXER);
        bytes32 third = c.postCommitment(F.NAME, F.SCHEMA_HASH, F.LOG_CAPACITY, F.COLUMNS, 2, one, pts);
        bytes32 chain3;
        (, rows,, chain3,) = c.commitment(third);
        assertEq(rows, 2 * (uint64(1) << F.LOG_CAPACITY) + 9);
        assertEq(chain3, chain2);
        // posting from a frozen segment, as a caller holding every segment
        // might, is refused: the frozen segments cannot change
        vm.prank(INDEXER);
        vm.expectRevert(abi.encodeWithSelector(Coprocessor.NotExtending.selector, "segments posted from other than the latest commitment's full ones"));
        c.postCommitment(F.NAME, F.SCHEMA_HASH, F.LOG_CAPACITY, F.COLUMNS, 1, two, twice);
    }

    function test_RejectsPointsOffTheCurve() public {
        uint64[] memory rows = F.segmentRows();
        uint256[] memory pts = F.points();
        pts[0] += 1;
        vm.prank(INDEXER);
        vm.expectRevert(abi.encodeWithSelector(Coprocessor.BadCommitment.selector, "point not on the curve"));
        c.postCommitment(F.NAME, F.SCHEMA_HASH, F.LOG_CAPACITY, F.COLUMNS, 0, rows, pts);
    }

    function test_RejectsBadSegmentRows() public {
        uint256[] memory pts = F.points();
        uint64[] memory rows = F.segmentRows(); // one segment
        uint256[2] memory bad = [uint256(0), (uint256(1) << F.LOG_CAPACITY) + 1];
        for (uint256 i = 0; i < bad.length; i++) {
            rows[0] = uint64(bad[i]);
            vm.prank(INDEXER);
            vm.expectRevert(abi.encodeWithSelector(Coprocessor.BadCommitment.selector, "segment rows"));
            c.postCommitment(F.NAME, F.SCHEMA_HASH, F.LOG_CAPACITY, F.COLUMNS, 0, rows, pts);
        }
        // two segments, the first partial
        uint64[] memory two = new uint64[](2);
        (two[0], two[1]) = ((uint64(1) << F.LOG_CAPACITY) - 1, 1);
        uint256[] memory twice = new uint256[](2 * pts.length);
        for (uint256 i = 0; i < pts.length; i++) {
            (twice[i], twice[pts.length + i]) = (pts[i], pts[i]);
        }
        vm.prank(INDEXER);
        vm.expectRevert(abi.encodeWithSelector(Coprocessor.BadCommitment.selector, "only the last segment may be partial"));
        c.postCommitment(F.NAME, F.SCHEMA_HASH, F.LOG_CAPACITY, F.COLUMNS, 0, two, twice);
    }

    function test_VerifiesTheFixedProofFromGo() public {
        post();
        register();
        int256[] memory r = c.verifyQuery(F.SHAPE_HASH, F.DIGEST, F.params(), allSegments(), F.segments(), F.opening());
        int256[] memory want = F.result();
        assertEq(r.length, want.length);
        for (uint256 i = 0; i < r.length; i++) {
            assertEq(r[i], want[i]);
        }
    }

    function test_RejectsATamperedResult() public {
        post();
        register();
        Coprocessor.SegmentProof[] memory s = F.segments();
        s[0].partials[1] += 1;
        vm.expectRevert(Coprocessor.ProofsRejected.selector);
        c.verifyQuery(F.SHAPE_HASH, F.DIGEST, F.params(), allSegments(), s, F.opening());
    }

    function test_RejectsATamperedParameter() public {
        post();
        register();
        uint256[] memory p = F.params();
        p[2] += 1;
        Coprocessor.SegmentProof[] memory s = F.segments();
        vm.expectRevert(Coprocessor.ProofsRejected.selector);
        c.verifyQuery(F.SHAPE_HASH, F.DIGEST, p, allSegments(), s, F.opening());
    }

    function test_RejectsACommitmentNeverPosted() public {
        register();
        uint256[] memory p = F.params();
        Coprocessor.SegmentProof[] memory s = F.segments();
        vm.expectRevert(abi.encodeWithSelector(Coprocessor.UnknownCommitment.selector, F.DIGEST));
        c.verifyQuery(F.SHAPE_HASH, F.DIGEST, p, allSegments(), s, F.opening());
    }

    function test_RejectsAMalformedProof() public {
        post();
        register();
        uint256[] memory p = F.params();
        Coprocessor.SegmentProof[] memory s = F.segments();
        s[0].proof = hex"00";
        vm.expectRevert(abi.encodeWithSelector(Coprocessor.MalformedSegment.selector, 0, "proof length"));
        c.verifyQuery(F.SHAPE_HASH, F.DIGEST, p, allSegments(), s, F.opening());
    }

    function test_RejectsAWrongOpening() public {
        post();
        register();
        uint256[] memory p = F.params();
        uint256[4] memory o = F.opening();
        (o[2], o[3]) = (1, 2); // H the generator
        vm.expectRevert(Coprocessor.ProofsRejected.selector);
        c.verifyQuery(F.SHAPE_HASH, F.DIGEST, p, allSegments(), F.segments(), o);
    }

    function test_TheVerifierRefusesAlteredCalls() public {
        assertEq(v.FIXED_PAIRS(), 6); // the fixture's key: SetupBN254's, G the generator
        post();
        VerifierProbe probe = new VerifierProbe(v);
        c.registerShape(F.SHAPE_HASH, address(probe), F.VK_HASH, F.TABLE_ID, F.columns(), F.partialKinds(), F.PARAMS, F.WINDOW_COLUMN, F.WINDOW_INPUTS, F.WINDOW_WIDTH, F.WINDOW_BOUNDS, F.WINDOW_LO);
        c.verifyQuery(F.SHAPE_HASH, F.DIGEST, F.params(), allSegments(), F.segments(), F.opening());
    }

    function test_RejectsAWrongOpeningW() public {
        post();
        register();
        uint256[] memory p = F.params();
        uint256[4] memory o = F.opening();
        (o[0], o[1]) = (1, 2); // W the generator
        vm.expectRevert(Coprocessor.ProofsRejected.selector);
        c.verifyQuery(F.SHAPE_HASH, F.DIGEST, p, allSegments(), F.segments(), o);
    }

    function test_RejectsATamperedWindowValue() public {
        post();
        register();
        uint256[] memory p = F.params();
        Coprocessor.SegmentProof[] memory s = F.segments();
        s[0].window[2] += 1; // the column's value at the window's first row
        vm.expectRevert(Coprocessor.ProofsRejected.selector);
        c.verifyQuery(F.SHAPE_HASH, F.DIGEST, p, allSegments(), s, F.opening());
    }

    function test_RejectsAMissingWindowValue() public {
        post();
        register();
        uint256[] memory p = F.params();
        Coprocessor.SegmentProof[] memory s = F.segments();
        s[0].window = new uint256[](0);
        vm.expectRevert(abi.encodeWithSelector(Coprocessor.MalformedSegment.selector, 0, "window length"));
        c.verifyQuery(F.SHAPE_HASH, F.DIGEST, p, allSegments(), s, F.opening());
    }

    function test_CallbackFlow() public {
        post();
        register();
        Consumer consumer = new Consumer(c);
        bytes32 id = consumer.ask();
        uint256[] memory p = F.params();
        Coprocessor.SegmentProof[] memory s = F.segments();
        p[0] ^= 1;
        vm.expectRevert(abi.encodeWithSelector(Coprocessor.ParamsMismatch.selector, id));
        c.fulfill(id, p, allSegments(), s, F.opening());
        p[0] ^= 1;
        vm.prank(STRANGER); // anyone may fulfil with valid proofs
        c.fulfill(id, p, allSegments(), s, F.opening());
        assertEq(consumer.calls(), 1);
        assertEq(consumer.lastId(), id);
        assertEq(consumer.result()[0], F.result()[0]);
        vm.expectRevert(abi.encodeWithSelector(Coprocessor.RequestNotOpen.selector, id));
        c.fulfill(id, p, allSegments(), s, F.opening());
    }
}
