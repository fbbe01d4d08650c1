#!/usr/bin/env node
// Compiles Solidity sources with the pinned solc-js, offline.
//   node compile.js [--out DIR]     → artifacts/<Contract>.abi / .bin for src/*.sol
//   node compile.js FILE.sol NAME   → FILE's contract NAME as JSON {abi, bin} on stdout
const path = require('path');
const fs = require('fs');
const solc = require('solc');


function compile(sources) {
  const input = {
    language: 'Solidity',
    sources,
    settings: {
      optimizer: {enabled: true, runs: 200},
      evmVersion: 'cancun',
      viaIR: true, // ours and the generated shape verifiers
      outputSelection: {'*': {'*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object']}},
    },
  };
  const out = JSON.parse(solc.compile(JSON.stringify(input), {import: (p) => {
    const f = path.join(__dirname, 'src', path.basename(p));
    return fs.existsSync(f) ? {contents: fs.readFileSync(f, 'utf8')} : {error: 'not found: ' + p};
  }}));
  let failed = false;
  for (const e of out.errors || []) {
    if (e.severity === 'error') { failed = true; }
    process.stderr.write(e.formattedMessage + '\n');
  }
  if (failed) process.exit(1);
  return out.contracts;
}

const outFlag = process.argv.indexOf('--out');
const outDir = outFlag > 0 ? path.resolve(process.argv[outFlag + 1]) : path.join(__dirname, 'artifacts');
if (process.argv.length > 2 && outFlag < 0) {
  const file = process.argv[2], name = process.argv[3];
  const contracts = compile({[path.basename(file)]: {content: fs.readFileSync(file, 'utf8')}});
  const c = contracts[path.basename(file)][name];
  if (!c) { process.stderr.write(`no contract ${name} in ${file}\n`); process.exit(1); }
  process.stdout.write(JSON.stringify({abi: c.abi, bin: c.evm.bytecode.object, solc: solc.version()}));
  process.exit(0);
}

const srcDir = path.join(__dirname, 'src');
const sources = {};
for (const f of fs.readdirSync(srcDir).sort()) {
  if (f.endsWith('.sol')) sources[f] = {content: fs.readFileSync(path.join(srcDir, f), 'utf8')};
}
const contracts = compile(sources);
fs.mkdirSync(outDir, {recursive: true});
for (const file of Object.keys(contracts).sort()) {
  for (const name of Object.keys(contracts[file]).sort()) {
    const c = contracts[file][name];
    if (!c.evm.bytecode.object) continue; // interfaces
    fs.writeFileSync(path.join(outDir, name + '.abi'), JSON.stringify(c.abi, null, 1) + '\n');
    fs.writeFileSync(path.join(outDir, name + '.bin'), c.evm.bytecode.object + '\n');
  }
}
fs.writeFileSync(path.join(outDir, 'SOLC_VERSION'), solc.version() + '\n');
