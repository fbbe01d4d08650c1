// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IProvenResultConsumer} from "./IProvenResultConsumer.sol";

/// @title ProvenSQL Coprocessor
/// @notice Registry of table commitments posted by authorised indexers, and the
/// entry point that accepts a query result only with valid proofs against one of
/// them: for every segment of the table, the gnark Groth16 proof of the query
/// shape and the KZG opening of the segment's column commitments at the
/// proof's point Z — every segment's Groth16 equation, commitment proof of
/// knowledge and opening in one pairing check (the shape's batch verifier,
/// contracts.ExportVerifier in Go, with the openings' pairs).
/// @dev Public inputs of a segment proof, in order (package verifier in Go):
/// Z, Y[0..c), the segment's row count, the query parameters, the partial values.
contract Coprocessor {
    /// Words of one segment proof (contracts.ProofWords in Go): A, B, C, the
    /// BSB22 commitment and its proof of knowledge, as gnark's MarshalSolidity.
    uint256 internal constant PROOF_WORDS = 12;
    /// BN254 scalar field (public inputs, parameters) and base field.
    uint256 internal constant R = 21888242871839275222246405745257275088548364400416034343698204186575808495617;
    uint256 internal constant Q = 21888242871839275222246405745257275088696311157297823662689037894645226208583;

    // G2 generator, EIP-197 order (x.im, x.re, y.im, y.re).
    uint256 internal constant G2_X1 = 11559732032986387107991004021392285783925812861821192530917403151452391805634;
    uint256 internal constant G2_X0 = 10857046999023057135944570762232829481370756359578518086990519993285655852781;
    uint256 internal constant G2_Y1 = 4082367875863433681332203403145435568316851327593401208105741076214120093531;
    uint256 internal constant G2_Y0 = 8495653923123431417604973247489272438418190587263600148770280649306958101930;

    // [τ]₂ of the SRS the column commitments use, EIP-197 order.
    uint256 internal immutable TAU_X1;
    uint256 internal immutable TAU_X0;
    uint256 internal immutable TAU_Y1;
    uint256 internal immutable TAU_Y0;
    /// @notice SHA-256 identity of the SRS verifying key (as the Go receipts name it).
    bytes32 public immutable srsHash;

    address public owner;
    mapping(address => bool) public isIndexer;

    struct Table {
        bytes32 schemaHash;
        uint8 logCapacity;
        uint16 columns;
        uint64 rows;
        bytes32 latest;
        bool exists;
    }

    /// @dev A posted commitment keeps, per segment, its row count and the
    /// keccak256 of its column commitments (x, y per column); queries pass the
    /// points in calldata and the Coprocessor checks them against the hash.
    struct Commitment {
        bytes32 tableId;
        uint64 rows;
        uint64[] segmentRows;
        bytes32[] segmentPoints;
    }

    struct Shape {
        address verifier;
        bytes32 vkHash;
        bytes32 tableId;
        uint8[] columns; // table columns the circuit reads, ascending
        uint8[] partialKinds; // 0 count, 1 sum, 2 min, 3 max
        uint16 params;
        bytes4 selector; // verifyBatch(uint256[],uint256[],uint256[12]) of the shape's verifier
    }

    /// @notice One segment's proof: the gnark proof (MarshalSolidity bytes), its
    /// point Z, the column evaluations Y, the partial values (field elements), the
    /// KZG quotient H of the folded opening, and the segment's column commitments
    /// as posted (x, y per column).
    struct SegmentProof {
        bytes proof;
        uint256 z;
        uint256[] y;
        uint256[] partials;
        uint256[2] h;
        uint256[] points;
    }

    struct Request {
        bytes32 shapeHash;
        bytes32 digest;
        bytes32 paramsHash;
        address consumer;
        bool open;
    }

    mapping(bytes32 => Table) public tables; // keccak256(lower-case name)
    mapping(bytes32 => Commitment) internal commitments; // digest
    mapping(bytes32 => bytes32[]) internal history; // tableId → digests, oldest first
    mapping(bytes32 => Shape) internal shapes;
    mapping(bytes32 => Request) public requests;
    uint256 public requestCount;

    event OwnershipTransferred(address indexed previous, address indexed next);
    event IndexerSet(address indexed indexer, bool allowed);
    event CommitmentPosted(bytes32 indexed tableId, bytes32 indexed digest, uint64 rows, uint256 version);
    event ShapeRegistered(bytes32 indexed shapeHash, address verifier, bytes32 vkHash, bytes32 tableId);
    event QueryRequested(bytes32 indexed requestId, bytes32 indexed shapeHash, bytes32 digest, uint256[] params, address consumer);
    event QueryFulfilled(bytes32 indexed requestId, int256[] result);

    error NotOwner();
    error NotIndexer(address caller);
    error BadCommitment(string reason);
    error NotExtending(string reason);
    error AlreadyPosted(bytes32 digest);
    error UnknownShape(bytes32 shapeHash);
    error UnknownCommitment(bytes32 digest);
    error WrongTable(bytes32 shapeTable, bytes32 commitmentTable);
    error ParamCount(uint256 want, uint256 got);
    error NotInField(string what, uint256 index);
    error SegmentCount(uint256 want, uint256 got);
    error MalformedSegment(uint256 segment, string reason);
    error ProofsRejected();
    error VerifierMismatch(uint256 inputs, uint256 verifierInputs);
    error RequestNotOpen(bytes32 requestId);
    error ParamsMismatch(bytes32 requestId);

    modifier onlyOwner() {
        if (msg.sender != owner) revert NotOwner();
        _;
    }

    /// @param tau [τ]₂ of the SRS in EIP-197 order (x.im, x.re, y.im, y.re)
    /// @param srsHash_ the SRS identity receipts carry
    constructor(uint256[4] memory tau, bytes32 srsHash_) {
        owner = msg.sender;
        TAU_X1 = tau[0];
        TAU_X0 = tau[1];
        TAU_Y1 = tau[2];
        TAU_Y0 = tau[3];
        srsHash = srsHash_;
        emit OwnershipTransferred(address(0), msg.sender);
    }

    function transferOwnership(address next) external onlyOwner {
        emit OwnershipTransferred(owner, next);
        owner = next;
    }

    function setIndexer(address indexer, bool allowed) external onlyOwner {
        isIndexer[indexer] = allowed;
        emit IndexerSet(indexer, allowed);
    }

    // ---------------------------------------------------------------- registry

    /// @notice Post a table commitment. Append-only: a table's new commitment must
    /// have more rows than its latest one, keep its schema and segment capacity, and
    /// leave every segment that was full unchanged. Every posted commitment stays
    /// usable for queries pinned to it.
    /// @return digest the commitment's digest (SHA-256, as Go's TableCommitment.Digest)
    function postCommitment(
        string calldata name,
        bytes32 schemaHash,
        uint8 logCapacity,
        uint16 columns,
        uint64[] calldata segmentRows,
        uint256[] calldata points
    ) external returns (bytes32 digest) {
        if (!isIndexer[msg.sender]) revert NotIndexer(msg.sender);
        if (logCapacity == 0 || logCapacity > 28) revert BadCommitment("segment capacity");
        if (columns == 0) revert BadCommitment("no columns");
        if (segmentRows.length == 0) revert BadCommitment("no segments");
        if (points.length != segmentRows.length * uint256(columns) * 2) revert BadCommitment("point count");
        uint64 capacity = uint64(1) << logCapacity;
        uint64 rows;
        for (uint256 s = 0; s < segmentRows.length; s++) {
            uint64 r = segmentRows[s];
            if (r == 0 || r > capacity) revert BadCommitment("segment rows");
            if (s + 1 < segmentRows.length && r != capacity) revert BadCommitment("only the last segment may be partial");
            rows += r;
        }
        for (uint256 i = 0; i < points.length; i += 2) {
            if (!onCurve(points[i], points[i + 1])) revert BadCommitment("point not on the curve");
        }
        bytes32 tableId = keccak256(bytes(lower(name)));
        uint256 width = uint256(columns) * 2;
        bytes32[] memory segHashes = new bytes32[](segmentRows.length);
        for (uint256 s = 0; s < segmentRows.length; s++) {
            segHashes[s] = keccak256(abi.encodePacked(points[s * width:(s + 1) * width]));
        }
        Table storage t = tables[tableId];
        if (t.exists) {
            if (t.schemaHash != schemaHash) revert NotExtending("schema differs");
            if (t.logCapacity != logCapacity || t.columns != columns) revert NotExtending("layout differs");
            if (rows <= t.rows) revert NotExtending("row count does not grow");
            Commitment storage prev = commitments[t.latest];
            for (uint256 s = 0; s < prev.segmentRows.length; s++) {
                if (prev.segmentRows[s] != capacity) break; // only full segments are frozen
                if (prev.segmentPoints[s] != segHashes[s]) revert NotExtending("a full segment changed");
            }
        }
        digest = tableDigest(schemaHash, logCapacity, rows, segmentRows, points, columns);
        if (commitments[digest].rows != 0) revert AlreadyPosted(digest);
        Commitment storage c = commitments[digest];
        c.tableId = tableId;
        c.rows = rows;
        c.segmentRows = segmentRows;
        c.segmentPoints = segHashes;
        if (!t.exists) {
            t.exists = true;
            t.schemaHash = schemaHash;
            t.logCapacity = logCapacity;
            t.columns = columns;
        }
        t.rows = rows;
        t.latest = digest;
        history[tableId].push(digest);
        emit CommitmentPosted(tableId, digest, rows, history[tableId].length - 1);
    }

    /// @notice The digests a table was committed to, oldest first.
    function tableHistory(bytes32 tableId) external view returns (bytes32[] memory) {
        return history[tableId];
    }

    /// @notice A posted commitment: its table, rows, and per segment the rows and
    /// the keccak256 of the column commitments.
    function commitment(bytes32 digest)
        external
        view
        returns (bytes32 tableId, uint64 rows, uint64[] memory segmentRows, bytes32[] memory segmentPoints)
    {
        Commitment storage c = commitments[digest];
        return (c.tableId, c.rows, c.segmentRows, c.segmentPoints);
    }

    /// @notice Register the verifier of a query shape (exported by `provensql export-verifier`).
    function registerShape(
        bytes32 shapeHash,
        address verifier,
        bytes32 vkHash,
        bytes32 tableId,
        uint8[] calldata columns,
        uint8[] calldata partialKinds,
        uint16 params
    ) external onlyOwner {
        if (verifier.code.length == 0) revert UnknownShape(shapeHash);
        if (partialKinds.length == 0 || partialKinds[0] != 0) revert UnknownShape(shapeHash);
        uint256 n = 2 + columns.length + params + partialKinds.length;
        (bool ok, bytes memory ret) = verifier.staticcall(abi.encodeWithSignature("INPUTS()"));
        uint256 got = ok && ret.length == 32 ? abi.decode(ret, (uint256)) : 0;
        if (got != n) revert VerifierMismatch(n, got);
        Shape storage sh = shapes[shapeHash];
        sh.verifier = verifier;
        sh.vkHash = vkHash;
        sh.tableId = tableId;
        sh.columns = columns;
        sh.partialKinds = partialKinds;
        sh.params = params;
        sh.selector = bytes4(keccak256("verifyBatch(uint256[],uint256[],uint256[12])"));
        emit ShapeRegistered(shapeHash, verifier, vkHash, tableId);
    }

    function shape(bytes32 shapeHash) external view returns (Shape memory) {
        return shapes[shapeHash];
    }

    // ---------------------------------------------------------------- queries

    /// @notice Verify a query's proofs against a posted commitment and return its
    /// result: the selected-row count, then each aggregate's sum or extremum,
    /// combined over the table's segments. Reverts with the reason otherwise.
    function verifyQuery(bytes32 shapeHash, bytes32 digest, uint256[] calldata params, SegmentProof[] calldata segments)
        public
        view
        returns (int256[] memory result)
    {
        Shape storage sh = shapes[shapeHash];
        if (sh.verifier == address(0)) revert UnknownShape(shapeHash);
        Commitment storage c = commitments[digest];
        if (c.rows == 0) revert UnknownCommitment(digest);
        if (c.tableId != sh.tableId) revert WrongTable(sh.tableId, c.tableId);
        if (params.length != sh.params) revert ParamCount(sh.params, params.length);
        for (uint256 i = 0; i < params.length; i++) {
            if (params[i] >= R) revert NotInField("param", i);
        }
        if (segments.length != c.segmentRows.length) revert SegmentCount(c.segmentRows.length, segments.length);
        uint256 width = uint256(tables[c.tableId].columns) * 2;
        uint256 nParts = sh.partialKinds.length;
        uint8[] memory cols = sh.columns;
        uint8[] memory kinds = sh.partialKinds;
        result = new int256[](nParts);
        bool[] memory seen = new bool[](nParts);
        uint256[] memory transcript = new uint256[](3 * segments.length);
        uint256 nIn = 2 + cols.length + params.length + nParts;
        uint256[] memory inputs = new uint256[](nIn * segments.length);
        uint256[] memory proofs = new uint256[](PROOF_WORDS * segments.length);
        for (uint256 s = 0; s < segments.length; s++) {
            SegmentProof calldata seg = segments[s];
            if (seg.y.length != cols.length) revert MalformedSegment(s, "y count");
            if (seg.partials.length != nParts) revert MalformedSegment(s, "partial count");
            if (seg.points.length != width || keccak256(abi.encodePacked(seg.points)) != c.segmentPoints[s]) {
                revert MalformedSegment(s, "column commitments differ from the posted ones");
            }
            if (seg.proof.length != 32 * PROOF_WORDS) revert MalformedSegment(s, "proof length");
            fillInputs(inputs, nIn * s, seg, c.segmentRows[s], params);
            for (uint256 w = 0; w < PROOF_WORDS; w++) {
                proofs[PROOF_WORDS * s + w] = uint256(bytes32(seg.proof[32 * w:32 * w + 32]));
            }
            transcript[3 * s] = foldChallenge(cols, seg, s);
            transcript[3 * s + 1] = seg.h[0];
            transcript[3 * s + 2] = seg.h[1];
            combine(kinds, seg.partials, result, seen);
        }
        uint256[12] memory extra = openingPairs(cols, segments, transcript);
        (bool ok, bytes memory ret) =
            sh.verifier.staticcall(abi.encodeWithSelector(sh.selector, inputs, proofs, extra));
        if (!ok || ret.length != 32 || abi.decode(ret, (uint256)) != 1) revert ProofsRejected();
    }

    /// @notice Ask for a proven result; the Coprocessor calls back msg.sender
    /// (an IProvenResultConsumer) when someone fulfils the request with valid proofs.
    function request(bytes32 shapeHash, bytes32 digest, uint256[] calldata params) external returns (bytes32 requestId) {
        if (shapes[shapeHash].verifier == address(0)) revert UnknownShape(shapeHash);
        if (commitments[digest].rows == 0) revert UnknownCommitment(digest);
        requestId = keccak256(abi.encode(address(this), block.chainid, ++requestCount));
        requests[requestId] = Request(shapeHash, digest, keccak256(abi.encode(params)), msg.sender, true);
        emit QueryRequested(requestId, shapeHash, digest, params, msg.sender);
    }

    /// @notice Fulfil a request: verify the proofs and deliver the result to the consumer.
    function fulfill(bytes32 requestId, uint256[] calldata params, SegmentProof[] calldata segments)
        external
        returns (int256[] memory result)
    {
        Request storage rq = requests[requestId];
        if (!rq.open) revert RequestNotOpen(requestId);
        if (keccak256(abi.encode(params)) != rq.paramsHash) revert ParamsMismatch(requestId);
        result = verifyQuery(rq.shapeHash, rq.digest, params, segments);
        rq.open = false;
        emit QueryFulfilled(requestId, result);
        IProvenResultConsumer(rq.consumer).onProvenResult(requestId, result);
    }

    // ---------------------------------------------------------------- internals

    /// @dev Segment s's public inputs, in the order of package verifier (Go):
    /// Z, Y[0..c), the segment's row count, the parameters, the partial values.
    function fillInputs(
        uint256[] memory inputs,
        uint256 at,
        SegmentProof calldata seg,
        uint64 rows,
        uint256[] calldata params
    ) internal pure {
        inputs[at++] = seg.z;
        for (uint256 j = 0; j < seg.y.length; j++) {
            inputs[at++] = seg.y[j];
        }
        inputs[at++] = rows;
        for (uint256 j = 0; j < params.length; j++) {
            inputs[at++] = params[j];
        }
        for (uint256 j = 0; j < seg.partials.length; j++) {
            inputs[at++] = seg.partials[j];
        }
    }

    /// @dev γ = keccak256(Z ‖ C_j ‖ Y_j) mod r, the challenge folding segment
    /// s's opened columns (as commitment.FoldChallenge in Go).
    function foldChallenge(uint8[] memory cols, SegmentProof calldata seg, uint256 s) internal pure returns (uint256) {
        uint256 m = cols.length;
        if (seg.z >= R) revert MalformedSegment(s, "z outside the field");
        uint256[] memory pts = new uint256[](2 * m);
        for (uint256 j = 0; j < m; j++) {
            pts[2 * j] = seg.points[2 * uint256(cols[j])];
            pts[2 * j + 1] = seg.points[2 * uint256(cols[j]) + 1];
            if (seg.y[j] >= R) revert MalformedSegment(s, "y outside the field");
        }
        return uint256(keccak256(abi.encodePacked(seg.z, pts, seg.y))) % R;
    }

    /// @dev The two pairs of every segment's folded KZG opening, for the
    /// verifier's pairing check. Segment s claims e(F_s − v_s·G + z_s·H_s, G₂)·
    /// e(−H_s, [τ]₂) = 1 with F_s = Σγ_s^j·C_{s,j} and v_s = Σγ_s^j·Y_{s,j}.
    /// With ρ = keccak256 of every segment's γ_s and H_s (so drawn after all of
    /// them) and r_s = ρ^s, the pairs are (Σ r_s·(F_s + z_s·H_s) − (Σ r_s·v_s)·G,
    /// G₂) and (−Σ r_s·H_s, [τ]₂): a wrong opening in any segment makes their
    /// product 1 only for one of at most n values of ρ (probability n/r).
    function openingPairs(uint8[] memory cols, SegmentProof[] calldata segments, uint256[] memory transcript)
        internal
        view
        returns (uint256[12] memory pairs)
    {
        uint256 rho = uint256(keccak256(abi.encodePacked(transcript))) % R;
        uint256 px;
        uint256 py;
        uint256 hx;
        uint256 hy;
        uint256 v;
        uint256 r = 1;
        for (uint256 s = 0; s < segments.length; s++) {
            SegmentProof calldata seg = segments[s];
            uint256 gamma = transcript[3 * s];
            uint256 pow = r; // r_s·γ^j
            for (uint256 j = 0; j < cols.length; j++) {
                uint256 c = 2 * uint256(cols[j]);
                (uint256 mx, uint256 my) = scaled(seg.points[c], seg.points[c + 1], pow);
                (px, py) = ecAdd(px, py, mx, my);
                v = addmod(v, mulmod(seg.y[j], pow, R), R);
                pow = mulmod(pow, gamma, R);
            }
            (uint256 zx, uint256 zy) = ecMul(seg.h[0], seg.h[1], mulmod(r, seg.z, R));
            (px, py) = ecAdd(px, py, zx, zy);
            (uint256 rx, uint256 ry) = scaled(seg.h[0], seg.h[1], r);
            (hx, hy) = ecAdd(hx, hy, rx, ry);
            r = mulmod(r, rho, R);
        }
        (uint256 gx, uint256 gy) = ecMul(1, 2, R - v);
        (px, py) = ecAdd(px, py, gx, gy);
        uint256 nhy = hy == 0 ? 0 : Q - hy;
        pairs = [px, py, G2_X1, G2_X0, G2_Y1, G2_Y0, hx, nhy, TAU_X1, TAU_X0, TAU_Y1, TAU_Y0];
    }

    function combine(uint8[] memory kinds, uint256[] calldata partials, int256[] memory result, bool[] memory seen)
        internal
        pure
    {
        for (uint256 t = 0; t < kinds.length; t++) {
            if (partials[t] >= R) revert NotInField("partial", t);
            int256 v = partials[t] > R / 2 ? int256(partials[t]) - int256(R) : int256(partials[t]);
            uint8 kind = kinds[t];
            if (kind <= 1) {
                result[t] += v;
            } else if (partials[0] != 0) {
                if (!seen[t] || (kind == 2 && v < result[t]) || (kind == 3 && v > result[t])) result[t] = v;
                seen[t] = true;
            }
        }
    }

    function ecAdd(uint256 ax, uint256 ay, uint256 bx, uint256 by) internal view returns (uint256, uint256) {
        uint256[4] memory input = [ax, ay, bx, by];
        uint256[2] memory out;
        bool ok;
        assembly ("memory-safe") {
            ok := staticcall(gas(), 0x06, input, 128, out, 64)
        }
        require(ok, "ecAdd");
        return (out[0], out[1]);
    }

    /// @dev s·(x, y), without the precompile call when s = 1 (the first segment's r).
    function scaled(uint256 x, uint256 y, uint256 s) internal view returns (uint256, uint256) {
        if (s == 1) return (x, y);
        return ecMul(x, y, s);
    }

    function ecMul(uint256 x, uint256 y, uint256 s) internal view returns (uint256, uint256) {
        uint256[3] memory input = [x, y, s];
        uint256[2] memory out;
        bool ok;
        assembly ("memory-safe") {
            ok := staticcall(gas(), 0x07, input, 96, out, 64)
        }
        require(ok, "ecMul");
        return (out[0], out[1]);
    }

    function onCurve(uint256 x, uint256 y) internal pure returns (bool) {
        if (x == 0 && y == 0) return true;
        if (x >= Q || y >= Q) return false;
        return mulmod(y, y, Q) == addmod(mulmod(mulmod(x, x, Q), x, Q), 3, Q);
    }

    /// @dev gnark-crypto's compressed G1 encoding: x big-endian with the top two
    /// bits 0b10 (y smallest), 0b11 (y largest) or 0b01 (identity).
    function compressed(uint256 x, uint256 y) internal pure returns (bytes32) {
        if (x == 0 && y == 0) return bytes32(uint256(1) << 254);
        uint256 flag = y > (Q - 1) / 2 ? 3 : 2;
        return bytes32(x | (flag << 254));
    }

    /// @dev SHA-256("provensql/table/v1" ‖ schema hash ‖ u64 log capacity ‖ u64 rows ‖
    /// per segment: u64 rows ‖ each column's compressed commitment).
    function tableDigest(
        bytes32 schemaHash,
        uint8 logCapacity,
        uint64 rows,
        uint64[] calldata segmentRows,
        uint256[] calldata points,
        uint16 columns
    ) internal pure returns (bytes32) {
        bytes memory head = abi.encodePacked("provensql/table/v1", schemaHash, uint64(logCapacity), rows);
        uint256 per = 8 + 32 * uint256(columns);
        bytes memory buf = new bytes(head.length + segmentRows.length * per);
        uint256 at;
        assembly ("memory-safe") {
            at := add(buf, 32)
        }
        for (uint256 i = 0; i < head.length; i++) buf[i] = head[i];
        at += head.length;
        uint256 k = 0;
        for (uint256 s = 0; s < segmentRows.length; s++) {
            uint256 r = uint256(segmentRows[s]) << 192;
            assembly ("memory-safe") {
                mstore(at, or(and(mload(at), 0x0000000000000000ffffffffffffffffffffffffffffffffffffffffffffffff), r))
            }
            at += 8;
            for (uint256 j = 0; j < columns; j++) {
                bytes32 cp = compressed(points[k], points[k + 1]);
                assembly ("memory-safe") {
                    mstore(at, cp)
                }
                at += 32;
                k += 2;
            }
        }
        return sha256(buf);
    }

    function lower(string calldata s) internal pure returns (string memory) {
        bytes memory b = bytes(s);
        for (uint256 i = 0; i < b.length; i++) {
            if (b[i] >= 0x41 && b[i] <= 0x5A) b[i] = bytes1(uint8(b[i]) + 32);
        }
        return string(b);
    }
}
