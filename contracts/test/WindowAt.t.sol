// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Base} from "./Base.sol";
import {Coprocessor} from "../src/Coprocessor.sol";
import {Q1Fixture as F} from "./fixtures/Q1Fixture.sol";

/// Exposes the Coprocessor's window claim at ζ. Its inherited tables and
/// tableHistory would read as table tests to forge: foundry.toml's
/// no_match_contract leaves harnesses out.
contract WindowHarness is Coprocessor {
    constructor() Coprocessor(F.tau(), F.SRS_HASH) {}

    function at(uint256[] memory claims, uint256 zeta, uint256 dz) external view returns (uint256, uint256, uint256) {
        return windowAt(claims, 0, zeta, dz, 0);
    }
}

/// windowAt against the interpolation computed the plain way, over the
/// distinct points of every shape a window's rows take: two (one bound),
/// two given twice (a window over the whole segment), three (adjacent
/// bounds), four; and its refusals.
contract WindowAtTest is Base {
    uint256 internal constant R = 21888242871839275222246405745257275088548364400416034343698204186575808495617; // BN254's scalar field
    WindowHarness internal h;

    function setUp() public {
        h = new WindowHarness();
    }

    function claims(uint256[4] memory xs, uint256[4] memory vs) internal pure returns (uint256[] memory c) {
        c = new uint256[](10);
        for (uint256 k = 0; k < 4; k++) {
            (c[2 + k], c[6 + k]) = (xs[k], vs[k]);
        }
    }

    function inv(uint256 a) internal view returns (uint256 x) {
        bool ok;
        assembly {
            let m := mload(0x40)
            mstore(m, 32)
            mstore(add(m, 32), 32)
            mstore(add(m, 64), 32)
            mstore(add(m, 96), a)
            mstore(add(m, 128), sub(R, 2))
            mstore(add(m, 160), R)
            ok := staticcall(gas(), 0x05, m, 192, m, 32)
            x := mload(m)
        }
        require(ok);
    }

    /// r_S(ζ), 1/Z_S(ζ) and 1/dz over distinct points xs[0..n).
    function plain(uint256[] memory xs, uint256[] memory vs, uint256 zeta, uint256 dz)
        internal
        view
        returns (uint256 rs, uint256 invZs, uint256 invDz)
    {
        uint256 zs = 1;
        for (uint256 a = 0; a < xs.length; a++) {
            zs = mulmod(zs, addmod(zeta, R - xs[a], R), R);
            uint256 num = vs[a];
            uint256 den = 1;
            for (uint256 b = 0; b < xs.length; b++) {
                if (a == b) continue;
                num = mulmod(num, addmod(zeta, R - xs[b], R), R);
                den = mulmod(den, addmod(xs[a], R - xs[b], R), R);
            }
            rs = addmod(rs, mulmod(num, inv(den), R), R);
        }
        return (rs, inv(zs), inv(dz));
    }

    function check(uint256[4] memory xs, uint256[4] memory vs, uint256[] memory sx, uint256[] memory sv) internal view {
        uint256 zeta = 0x1234567890abcdef;
        uint256 dz = 987654321;
        (uint256 rs, uint256 invZs, uint256 invDz) = h.at(claims(xs, vs), zeta, dz);
        (uint256 wr, uint256 wz, uint256 wd) = plain(sx, sv, zeta, dz);
        require(rs == wr, "r_S(zeta)");
        require(invZs == wz, "1/Z_S(zeta)");
        require(invDz == wd, "1/dz");
    }

    function pair(uint256 a, uint256 b) internal pure returns (uint256[] memory r) {
        r = new uint256[](2);
        (r[0], r[1]) = (a, b);
    }

    function test_MatchesTheInterpolation() public view {
        // one bound: its two rows
        check([uint256(11), 22, 0, 0], [uint256(5), 6, 0, 0], pair(11, 22), pair(5, 6));
        // the whole segment: the second bound's rows are the first's
        check([uint256(11), 22, 11, 22], [uint256(5), 6, 5, 6], pair(11, 22), pair(5, 6));
        // adjacent bounds: three rows
        uint256[] memory x3 = new uint256[](3);
        uint256[] memory v3 = new uint256[](3);
        (x3[0], x3[1], x3[2], v3[0], v3[1], v3[2]) = (11, 22, 33, 5, 6, 7);
        check([uint256(11), 22, 22, 33], [uint256(5), 6, 6, 7], x3, v3);
        // the other way round: the second bound's first row is the first's first
        (x3[0], x3[1], x3[2], v3[0], v3[1], v3[2]) = (11, 22, 44, 5, 6, 8);
        check([uint256(11), 22, 44, 11], [uint256(5), 6, 8, 5], x3, v3);
        // four rows
        uint256[] memory x4 = new uint256[](4);
        uint256[] memory v4 = new uint256[](4);
        (x4[0], x4[1], x4[2], x4[3]) = (11, 22, 33, 44);
        (v4[0], v4[1], v4[2], v4[3]) = (5, 6, 7, R - 8);
        check([uint256(11), 22, 33, 44], [uint256(5), 6, 7, R - 8], x4, v4);
    }

    function test_RefusesTwoValuesAtOneRow() public {
        uint256[] memory c = claims([uint256(11), 22, 11, 22], [uint256(5), 6, 5, 7]);
        vm.expectRevert(abi.encodeWithSelector(Coprocessor.MalformedSegment.selector, 0, "two window values at one row"));
        h.at(c, 1000, 77);
        c = claims([uint256(11), 22, 22, 33], [uint256(5), 6, 9, 7]);
        vm.expectRevert(abi.encodeWithSelector(Coprocessor.MalformedSegment.selector, 0, "two window values at one row"));
        h.at(c, 1000, 77);
    }

    function test_RefusesADegeneratePoint() public {
        uint256[] memory c = claims([uint256(11), 22, 0, 0], [uint256(5), 6, 0, 0]);
        vm.expectRevert(abi.encodeWithSelector(Coprocessor.MalformedSegment.selector, 0, "degenerate opening point"));
        h.at(c, 22, 77); // ζ at a row
        vm.expectRevert(abi.encodeWithSelector(Coprocessor.MalformedSegment.selector, 0, "degenerate opening point"));
        h.at(c, 1000, 0); // ζ at z
    }
}
