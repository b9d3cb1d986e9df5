// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.24;

/// @notice A hostile payee or buyer for the re-entrancy tests: when it receives the coin it
/// calls `target` again with the armed calldata, and records whether that call got through.
/// With `bubble` set it reverts with the inner call's error (so the outer payment fails);
/// otherwise it swallows the error and keeps the coin.
contract ReentrantReceiver {
    address public target;
    bytes public reentry;
    bool public bubble;
    bool public tried;
    bool public reentrySucceeded;
    bytes public reentryError;
    uint256 public received;

    function arm(address target_, bytes calldata reentry_, bool bubble_) external {
        target = target_;
        reentry = reentry_;
        bubble = bubble_;
    }

    /// @notice Act as a buyer or payee: forward a call (with value) to the market.
    function execute(address to, bytes calldata data) external payable returns (bytes memory) {
        (bool ok, bytes memory result) = to.call{value: msg.value}(data);
        if (!ok) {
            assembly {
                revert(add(result, 32), mload(result))
            }
        }
        return result;
    }

    receive() external payable {
        received += msg.value;
        if (reentry.length == 0 || tried) return;
        tried = true;
        (bool ok, bytes memory result) = target.call(reentry);
        reentrySucceeded = ok;
        reentryError = result;
        if (!ok && bubble) {
            assembly {
                revert(add(result, 32), mload(result))
            }
        }
    }
}
