// Hardhat Network only: the tests start `npx hardhat node` and talk JSON-RPC to it. The node
// compiles nothing, so no compiler is downloaded; contracts are compiled by the pinned npm
// `solc` (see package.json), not by Hardhat.
module.exports = {
  // Hardhat's own default; the networks.json preset "local" expects it.
  networks: {
    hardhat: {
      chainId: 31337,
    },
  },
  // Never read: keeps `hardhat node` from looking for sources or a compiler.
  paths: {
    sources: "./hardhat-no-sources",
  },
};
