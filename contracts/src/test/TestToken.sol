// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/// @notice A plain ERC-20 with EIP-2612 permits for tests and the sandbox: anyone may mint.
contract TestToken is ERC20, ERC20Permit {
    constructor() ERC20("Hearth Test Token", "HTT") ERC20Permit("Hearth Test Token") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}
