// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @notice A contract that asks the Coprocessor for a proven query result and
/// receives it, once verified, through this callback.
interface IProvenResultConsumer {
    /// @param requestId the id `Coprocessor.request` returned
    /// @param result the combined partial values: the selected-row count, then for each
    ///        aggregate in SELECT order its sum (SUM, AVG) or extremum (MIN, MAX)
    function onProvenResult(bytes32 requestId, int256[] calldata result) external;
}
