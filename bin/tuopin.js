#!/usr/bin/env node
'use strict';
// The CLI is compiled by the package's prepare step (npm ci / npm install) into dist/.
const path = require('node:path');
const fs = require('node:fs');
const entry = path.join(__dirname, '..', 'dist', 'electron', 'cli', 'main.js');
if (!fs.existsSync(entry)) {
  process.stderr.write('tuopin 尚未构建：请先在项目目录运行 npm ci（或 npm run build:node）。\n');
  process.exit(1);
}
const { runCli } = require(entry);
runCli(process.argv.slice(2), {
  out: (t) => process.stdout.write(t + '\n'),
  err: (t) => process.stderr.write(t + '\n'),
}).then((code) => { process.exitCode = code; }, (err) => { process.stderr.write(String(err) + '\n'); process.exitCode = 1; });
