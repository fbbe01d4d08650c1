// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Vm} from "forge-std/Vm.sol";

/// @dev A minimal test base: the npm forge-std (1.1.2) Test.sol needs ds-test,
/// which npm does not serve, so tests use the cheatcodes through Vm.sol alone.
abstract contract Base {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    function assertEq(uint256 a, uint256 b) internal pure {
        require(a == b, "assertEq(uint256) failed");
    }

    function assertEq(int256 a, int256 b) internal pure {
        require(a == b, "assertEq(int256) failed");
    }

    function assertEq(bytes32 a, bytes32 b) internal pure {
        require(a == b, "assertEq(bytes32) failed");
    }
}
