#!/usr/bin/env node
// Compiles every contract under contracts/src with the npm `solc` pinned in package.json
// (solcjs: no compiler is downloaded) and writes one artifact per contract to
// contracts/build/<Name>.json: ABI, bytecode, deployed bytecode, compiler version, settings and
// the sha256 of every source file it was built from. The app's contracts (not those under
// src/test/) are also copied into app/hearth/market/artifacts/ as package data, so an installed
// or frozen Hearth finds them without this folder.
//
//   node scripts/compile.js           write the artifacts
//   node scripts/compile.js --check   recompile and exit 1 if a committed artifact differs
"use strict";

const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const solc = require("solc");

const CONTRACTS = path.resolve(__dirname, "..");
const SRC = path.join(CONTRACTS, "src");
const BUILD = path.join(CONTRACTS, "build");
const NODE_MODULES = path.join(CONTRACTS, "node_modules");
const PACKAGE_ARTIFACTS = path.resolve(CONTRACTS, "..", "app", "hearth", "market", "artifacts");

// Fixed so that the bytecode (and so the gas figures) only change when a source does.
// evmVersion cancun: transient storage for the re-entrancy guard, and it runs on every chain
// that has had the Dencun upgrade (Prague/Osaka opcodes are not needed).
const SETTINGS = {
  evmVersion: "cancun",
  optimizer: { enabled: true, runs: 10000 },
  viaIR: true,
  metadata: { bytecodeHash: "ipfs" },
  outputSelection: {
    "*": { "*": ["abi", "evm.bytecode.object", "evm.deployedBytecode.object", "metadata"] },
  },
};

function solidityFiles(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return solidityFiles(full);
      return entry.name.endsWith(".sol") ? [full] : [];
    })
    .sort();
}

// Source unit names are paths relative to contracts/ ("src/DataMarket.sol"), or npm package
// paths ("@openzeppelin/contracts/...") resolved in node_modules, never absolute paths: the
// metadata hash in the bytecode then does not depend on where the checkout is.
function sourcePath(unitName) {
  return unitName.startsWith("@") ? path.join(NODE_MODULES, unitName) : path.join(CONTRACTS, unitName);
}

function findImports(unitName) {
  const file = sourcePath(unitName);
  if (!file.startsWith(NODE_MODULES + path.sep) && !file.startsWith(SRC + path.sep)) {
    return { error: `import outside src/ and node_modules/: ${unitName}` };
  }
  try {
    return { contents: fs.readFileSync(file, "utf8") };
  } catch (err) {
    return { error: `cannot read ${unitName} (did you run npm ci?): ${err.message}` };
  }
}

function sha256(file) {
  return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

function packageVersion(name) {
  const manifest = path.join(NODE_MODULES, name, "package.json");
  return JSON.parse(fs.readFileSync(manifest, "utf8")).version;
}

function compile() {
  const sources = {};
  for (const file of solidityFiles(SRC)) {
    const unitName = path.relative(CONTRACTS, file).split(path.sep).join("/");
    sources[unitName] = { content: fs.readFileSync(file, "utf8") };
  }
  const input = { language: "Solidity", sources, settings: SETTINGS };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
  const errors = (output.errors || []).filter((e) => e.severity === "error");
  // OpenZeppelin's own warnings (transient storage in its guard) are known; ours are shown.
  const ours = (output.errors || []).filter((e) => e.severity === "error" || !e.sourceLocation?.file.startsWith("@"));
  for (const message of ours) process.stderr.write(message.formattedMessage + "\n");
  if (errors.length) throw new Error(`${errors.length} compile error(s)`);

  const artifacts = {};
  for (const unitName of Object.keys(sources)) {
    for (const [name, contract] of Object.entries(output.contracts[unitName] || {})) {
      const metadata = JSON.parse(contract.metadata);
      const used = Object.keys(metadata.sources).sort();
      artifacts[name] = {
        contractName: name,
        sourceName: unitName,
        abi: contract.abi,
        bytecode: "0x" + contract.evm.bytecode.object,
        deployedBytecode: "0x" + contract.evm.deployedBytecode.object,
        compiler: { name: "solc", version: solc.version(), npmPackage: `solc@${packageVersion("solc")}` },
        libraries: { "@openzeppelin/contracts": packageVersion("@openzeppelin/contracts") },
        settings: {
          evmVersion: SETTINGS.evmVersion,
          optimizer: SETTINGS.optimizer,
          viaIR: SETTINGS.viaIR,
          metadata: SETTINGS.metadata,
        },
        sources: Object.fromEntries(used.map((unit) => [unit, { sha256: sha256(sourcePath(unit)) }])),
      };
    }
  }
  return artifacts;
}

function serialise(artifact) {
  return JSON.stringify(artifact, null, 2) + "\n";
}

function targets(artifacts) {
  const files = [];
  for (const [name, artifact] of Object.entries(artifacts)) {
    const text = serialise(artifact);
    files.push([path.join(BUILD, `${name}.json`), text]);
    if (!artifact.sourceName.startsWith("src/test/")) {
      files.push([path.join(PACKAGE_ARTIFACTS, `${name}.json`), text]);
    }
  }
  return files;
}

function main() {
  const check = process.argv.includes("--check");
  const files = targets(compile());
  if (check) {
    const stale = files.filter(([file, text]) => !fs.existsSync(file) || fs.readFileSync(file, "utf8") !== text);
    for (const [file] of stale) process.stderr.write(`differs from a fresh compile: ${path.relative(CONTRACTS, file)}\n`);
    process.exit(stale.length ? 1 : 0);
  }
  for (const [file, text] of files) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    process.stdout.write(`wrote ${path.relative(path.resolve(CONTRACTS, ".."), file)}\n`);
  }
}

main();
