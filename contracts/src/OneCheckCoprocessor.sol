// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @notice What the one-check entry reads of the Coprocessor: who may post,
/// and which table, rows and segments a posted commitment is.
interface ICommitmentRegistry {
    function isIndexer(address who) external view returns (bool);
    function commitmentTable(bytes32 digest) external view returns (bytes32 tableId, uint64 rows, uint64 segments);
}

/// @title ProvenSQL one-check entry
/// @notice Accepts an aggregate query's result over a table of any number of
/// segments with one proof (the two-chain path: segments proven over
/// BLS12-377, aggregated over BW6-761, wrapped over BN254; prover.ProveOneCheck
/// in Go), verified by the shape's gnark-exported Groth16 verifier against a
/// table version posted to the Coprocessor. The wrapper's outputs are the
/// aggregator's: the summed partials (COUNT, SUM; each split at bit 192, low
/// bits then the rest), the MIN/MAX partials (a signed value's a BLS12-377
/// scalar, one word; a UINT256's split as the sums) and the query's
/// parameters (each a BLS12-377 scalar, one word), then the table's
/// BLS12-377 digest (split; TableDigest in Go: every segment's row count
/// and every column's KZG commitment over BLS12-377); its one public input
/// is their SHA-256 as 32-byte words, mod BN254's r (twochain.OutputDigest in
/// Go), which this contract computes with the precompile: one public input
/// whatever the outputs. This contract supplies the parameters the caller asks about and
/// the digest an indexer posted for the table version, so a proof about other
/// parameters, rows or columns is refused by the verifier. A shape's verifier
/// has a number of slots (a power of two) and serves every table of at most
/// that many segments: the digest binds the segment count, so a table that
/// grows needs a new verifier only once it has more segments than slots.
/// @dev An indexer vouches that the BLS12-377 digest it posts and the
/// Coprocessor commitment it posts it for commit to the same rows, as it
/// vouches for the rows themselves.
contract OneCheckCoprocessor {
    /// BLS12-377's scalar field: the segments' values, parameters and partials.
    uint256 internal constant R377 = 8444461749428370424248824938781546531375899335154063827935233455917409239041;
    /// The wrapper's outputs are split at bit 192.
    uint256 internal constant LOW_BITS = 192;
    uint256 internal constant LOW_MASK = (uint256(1) << 192) - 1;
    /// The table digest is a BW6-761 scalar: below 2^377.
    uint256 internal constant DIGEST_HIGH_BITS = 377 - 192;
    /// BN254's scalar field: the wrapper's public input.
    uint256 internal constant R_BN254 = 21888242871839275222246405745257275088548364400416034343698204186575808495617;
    /// Every shape's verifier: gnark's verifyProof(bytes,uint256[1]).
    bytes4 internal constant VERIFY_PROOF = bytes4(keccak256("verifyProof(bytes,uint256[1])"));

    ICommitmentRegistry public immutable registry;
    address public owner;

    /// A table version's BLS12-377 digest, split at bit 192: two slots.
    struct TableDigest {
        uint192 low;
        bool posted;
        uint256 high;
    }

    /// A shape: verifier, params and slots in one slot.
    struct Shape {
        address verifier;
        uint16 params;
        uint32 slots; // the most segments its verifier's aggregator takes
        bytes32 tableId;
        // per partial, in the query's order: 0 count, 1 sum, 2 min, 3 max;
        // a UINT256's MIN or MAX: 4 its low limb, 5 its high limb (next)
        uint8[] kinds;
    }

    mapping(bytes32 => TableDigest) public tableDigests; // Coprocessor commitment digest → BLS12-377 digest
    mapping(bytes32 => Shape) internal shapes;

    event OwnershipTransferred(address indexed previous, address indexed next);
    event TableDigestPosted(bytes32 indexed commitment, uint256 low, uint256 high);
    event ShapeRegistered(bytes32 indexed shapeHash, address verifier, bytes32 tableId, uint32 slots);

    error NotOwner();
    error NotIndexer(address caller);
    error UnknownCommitment(bytes32 digest);
    error AlreadyPosted(bytes32 digest);
    error NoTableDigest(bytes32 digest);
    error BadDigest();
    error UnknownShape(bytes32 shapeHash);
    error BadShape(string reason);
    error WrongTable(bytes32 shapeTable, bytes32 commitmentTable);
    error TooManySegments(uint256 slots, uint256 segments);
    error ParamCount(uint256 want, uint256 got);
    error OutputCount(uint256 want, uint256 got);
    error NotInField(string what, uint256 index);
    error ProofRejected();

    modifier onlyOwner() {
        if (msg.sender != owner) revert NotOwner();
        _;
    }

    /// @param registry_ the Coprocessor whose indexers post and whose
    /// commitments the digests belong to
    constructor(ICommitmentRegistry registry_) {
        registry = registry_;
        owner = msg.sender;
        emit OwnershipTransferred(address(0), msg.sender);
    }

    function transferOwnership(address next) external onlyOwner {
        emit OwnershipTransferred(owner, next);
        owner = next;
    }

    /// @notice Post the BLS12-377 digest of a table version already posted to
    /// the Coprocessor (its commitment digest there). Once per version.
    /// @param low the digest's low 192 bits
    /// @param high the rest (below 2^185)
    function postTableDigest(bytes32 commitment, uint256 low, uint256 high) external {
        if (!registry.isIndexer(msg.sender)) revert NotIndexer(msg.sender);
        (, uint64 rows,) = registry.commitmentTable(commitment);
        if (rows == 0) revert UnknownCommitment(commitment);
        if (tableDigests[commitment].posted) revert AlreadyPosted(commitment);
        if (low > LOW_MASK || high >> DIGEST_HIGH_BITS != 0) revert BadDigest();
        tableDigests[commitment] = TableDigest(uint192(low), true, high);
        emit TableDigestPosted(commitment, low, high);
    }

    /// @notice Register the verifier of a query shape whose aggregator has
    /// `slots` slots (the wrapper's key, exported by gnark): it verifies the
    /// shape over a table of up to `slots` segments.
    /// @param kinds each partial's kind in the query's order (0 count, first; 1
    /// sum, or a limb of a UINT256's sum; 2 min; 3 max; a UINT256's MIN or
    /// MAX: 4 its low 128-bit limb, then 5 its high limb)
    function registerShape(
        bytes32 shapeHash,
        address verifier,
        bytes32 tableId,
        uint8[] calldata kinds,
        uint16 params,
        uint32 slots
    ) external onlyOwner {
        if (verifier.code.length == 0) revert BadShape("no verifier code");
        if (kinds.length == 0 || kinds[0] != 0) revert BadShape("the count must come first");
        for (uint256 i = 0; i < kinds.length; i++) {
            if (kinds[i] > 5) revert BadShape("partial kind");
            // a UINT256 extreme's limbs come in pairs, low then high: a low
            // limb exactly where a high one follows (kinds[0] is the count)
            if ((kinds[i] == 4) != (i + 1 < kinds.length && kinds[i + 1] == 5)) revert BadShape("a UINT256 extreme's limbs");
        }
        if (slots == 0) revert BadShape("no slots");
        Shape storage sh = shapes[shapeHash];
        sh.verifier = verifier;
        sh.tableId = tableId;
        sh.kinds = kinds;
        sh.params = params;
        sh.slots = slots;
        emit ShapeRegistered(shapeHash, verifier, tableId, slots);
    }

    function shape(bytes32 shapeHash) external view returns (Shape memory) {
        return shapes[shapeHash];
    }

    /// @notice Verify a one-check proof of a query against a posted table
    /// version and return its result: per partial in the query's order, the
    /// selected-row count, each SUM's sum, each MIN's or MAX's value (0 where
    /// no row counts; a UINT256's as two entries, its low and high 128-bit
    /// limbs, as a UINT256 SUM's limb sums are). Reverts with the reason
    /// otherwise.
    /// @param params the query's parameters, each in [0, r) of BLS12-377's r
    /// (a negative integer v as r + v)
    /// @param outputs the proven partials as the wrapper exposes them: the
    /// COUNT and SUM partials in the query's order, each as two words (its
    /// low 192 bits, the rest), then the MIN and MAX ones, a word each (a
    /// UINT256's two, as a sum's)
    /// @param proof the wrapper's proof (gnark's MarshalSolidity)
    function verifyQuery(
        bytes32 shapeHash,
        bytes32 commitment,
        uint256[] calldata params,
        uint256[] calldata outputs,
        bytes calldata proof
    ) external view returns (int256[] memory result) {
        Shape storage sh = shapes[shapeHash];
        if (sh.verifier == address(0)) revert UnknownShape(shapeHash);
        {
            (bytes32 tableId, uint64 rows, uint64 segments) = registry.commitmentTable(commitment);
            if (rows == 0) revert UnknownCommitment(commitment);
            if (tableId != sh.tableId) revert WrongTable(sh.tableId, tableId);
            if (segments > sh.slots) revert TooManySegments(sh.slots, segments);
        }
        TableDigest storage td = tableDigests[commitment];
        if (!td.posted) revert NoTableDigest(commitment);
        if (params.length != sh.params) revert ParamCount(sh.params, params.length);
        uint8[] memory kinds = sh.kinds;
        {
            uint256 want = outputWords(kinds);
            if (outputs.length != want) revert OutputCount(want, outputs.length);
        }
        for (uint256 i = 0; i < params.length; i++) {
            if (params[i] >= R377) revert NotInField("param", i);
        }
        // the wrapper's outputs, a 32-byte word each: the partials, the
        // parameters, the digest's two words; the verifier's one input is
        // their SHA-256 mod r
        uint256 digest = uint256(sha256(abi.encodePacked(outputs, params, uint256(td.low), td.high))) % R_BN254;
        // verifyProof(bytes proof, uint256[1] input): the bytes' offset, the
        // digest in place, then the bytes
        bytes memory call = abi.encodePacked(VERIFY_PROOF, uint256(64), digest, proof.length, proof);
        (bool ok,) = sh.verifier.staticcall(call);
        if (!ok) revert ProofRejected();
        return decode(kinds, outputs);
    }

    /// @dev The result from the proven outputs: the sums (COUNT, SUM) come
    /// first in the query's order, each the sum over the segments of integers
    /// in [0, r), read mod r as a signed integer; then the MIN and MAX ones,
    /// each t = v + (r − 1)/2 (MIN: r where no segment counts a row) or t + 1
    /// (MAX: 0 where none does), read back to v (twochain.ExtremeValue in Go);
    /// a UINT256's is its value (0 where no segment counts), split into its
    /// two 128-bit limbs.
    function decode(uint8[] memory kinds, uint256[] calldata outputs) internal pure returns (int256[] memory result) {
        result = new int256[](kinds.length);
        uint256 half = R377 >> 1;
        uint256 at = 0;
        for (uint256 pass = 0; pass < 2; pass++) {
            for (uint256 t = 0; t < kinds.length; t++) {
                bool extreme = kinds[t] >= 2;
                if (extreme != (pass == 1)) continue;
                if (kinds[t] == 5) continue; // decoded with its low limb
                if (kinds[t] == 4) {
                    // a proven value below 2^256: low 192 bits, then the rest
                    uint256 v = (outputs[at + 1] << LOW_BITS) + outputs[at];
                    at += 2;
                    result[t] = int256(v & ((uint256(1) << 128) - 1));
                    result[t + 1] = int256(v >> 128);
                    continue;
                }
                if (!extreme) {
                    uint256 v = addmod(mulmod(outputs[at + 1], uint256(1) << LOW_BITS, R377), outputs[at], R377);
                    at += 2;
                    result[t] = v > half ? int256(v) - int256(R377) : int256(v);
                    continue;
                }
                uint256 x = outputs[at++]; // at most r: a proven output
                if (kinds[t] == 3) {
                    if (x == 0) continue; // no row
                    x -= 1;
                } else if (x >= R377) {
                    continue; // no row
                }
                result[t] = int256(x) - int256(half);
            }
        }
    }

    /// @dev The words of a shape's partial outputs: two a sum and a UINT256's
    /// MIN or MAX (its low limb's kind), one a signed MIN or MAX.
    function outputWords(uint8[] memory kinds) internal pure returns (uint256 n) {
        for (uint256 i = 0; i < kinds.length; i++) {
            uint8 k = kinds[i];
            n += (k == 2 || k == 3) ? 1 : (k == 5 ? 0 : 2);
        }
    }
}
