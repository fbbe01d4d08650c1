// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IProvenResultConsumer} from "./IProvenResultConsumer.sol";

interface ICoprocessor {
    function request(bytes32 shapeHash, bytes32 digest, uint256[] calldata params) external returns (bytes32);
}

/// @title ProvenAirdrop — an example consumer
/// @notice Pays a fixed amount to each wallet that a proven query shows made at
/// least `minTransfers` ERC-20 transfers of `token` in a block range:
///   SELECT COUNT(*) FROM erc20_transfers
///   WHERE from_address = $1 AND erc20 = $2 AND block_number BETWEEN $3 AND $4
/// A claim asks the Coprocessor; anyone may fulfil it with the proofs; the
/// Coprocessor calls back with the verified count and the wallet is paid once.
contract ProvenAirdrop is IProvenResultConsumer {
    ICoprocessor public immutable coprocessor;
    bytes32 public immutable shapeHash;
    bytes32 public immutable digest;
    uint256 public immutable token;
    uint256 public immutable fromBlock;
    uint256 public immutable toBlock;
    uint256 public immutable minTransfers;
    uint256 public immutable payout;

    mapping(bytes32 => address) public claimOf;
    mapping(address => bool) public paid;

    event Claimed(address indexed wallet, bytes32 requestId);
    event Paid(address indexed wallet, uint256 amount, int256 transfers);
    event Refused(address indexed wallet, int256 transfers);

    error OnlyCoprocessor();
    error AlreadyPaid(address wallet);

    constructor(
        address coprocessor_,
        bytes32 shapeHash_,
        bytes32 digest_,
        address token_,
        uint256 fromBlock_,
        uint256 toBlock_,
        uint256 minTransfers_,
        uint256 payout_
    ) payable {
        coprocessor = ICoprocessor(coprocessor_);
        shapeHash = shapeHash_;
        digest = digest_;
        token = uint256(uint160(token_));
        fromBlock = fromBlock_;
        toBlock = toBlock_;
        minTransfers = minTransfers_;
        payout = payout_;
    }

    /// @notice The parameters of the query for a wallet, as field elements.
    function paramsFor(address wallet) public view returns (uint256[] memory p) {
        p = new uint256[](4);
        p[0] = uint256(uint160(wallet));
        p[1] = token;
        p[2] = fromBlock;
        p[3] = toBlock;
    }

    function claim(address wallet) external returns (bytes32 requestId) {
        if (paid[wallet]) revert AlreadyPaid(wallet);
        requestId = coprocessor.request(shapeHash, digest, paramsFor(wallet));
        claimOf[requestId] = wallet;
        emit Claimed(wallet, requestId);
    }

    function onProvenResult(bytes32 requestId, int256[] calldata result) external {
        if (msg.sender != address(coprocessor)) revert OnlyCoprocessor();
        address wallet = claimOf[requestId];
        delete claimOf[requestId];
        if (wallet == address(0) || paid[wallet]) return;
        if (result[0] >= int256(minTransfers)) {
            paid[wallet] = true;
            emit Paid(wallet, payout, result[0]);
            (bool ok,) = wallet.call{value: payout}("");
            require(ok, "payout failed");
        } else {
            emit Refused(wallet, result[0]);
        }
    }

    receive() external payable {}
}
