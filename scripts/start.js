#!/usr/bin/env node
'use strict';
/**
 * `npm start` (after `npm run build`): opens the desktop app when an Electron binary can be had,
 * otherwise serves the same UI on the loopback host and says so in one line.
 *
 * Where the Electron binary comes from, in order:
 *   1. ELECTRON_OVERRIDE_DIST_PATH (a folder holding an unpacked Electron of the installed version);
 *   2. node_modules/electron/dist (already downloaded);
 *   3. a download by Electron's own installer (its cache folder first, then the network), skipped
 *      when ELECTRON_SKIP_BINARY_DOWNLOAD is set.
 * better-sqlite3 in node_modules is built for Node (CLI, tests); for Electron a second build is
 * prepared once into node_modules/.cache/tuopin/ and handed over in TUOPIN_SQLITE_BINDING.
 *
 * Options: --browser (skip Electron), --db FILE, --port N (loopback host only).
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const ELECTRON_PACKAGE = path.join(ROOT, 'node_modules', 'electron');
const MAIN_JS = path.join(ROOT, 'dist', 'electron', 'main', 'main.js');
const SERVE_JS = path.join(ROOT, 'dist', 'electron', 'http', 'serve.js');

function platformExecutable() {
  if (process.platform === 'win32') return 'electron.exe';
  if (process.platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  return 'electron';
}

function electronVersion() {
  try {
    return JSON.parse(fs.readFileSync(path.join(ELECTRON_PACKAGE, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

/** The Electron executable if one is present, without triggering any download. */
function findElectronBinary() {
  let relative = platformExecutable();
  try {
    relative = fs.readFileSync(path.join(ELECTRON_PACKAGE, 'path.txt'), 'utf8').trim() || relative;
  } catch {
    // Not downloaded yet: path.txt is written by the installer.
  }
  const candidates = [];
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) candidates.push(path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative));
  candidates.push(path.join(ELECTRON_PACKAGE, 'dist', relative));
  return candidates.find((file) => fs.existsSync(file)) ?? null;
}

/** Runs a child with output captured; prints `notice` only if it takes longer than a moment. */
function runQuietly(command, args, options, notice) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => process.stdout.write(`${notice}\n`), 3000);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ ok: false, output: String(err) });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ ok: code === 0, output });
    });
  });
}

async function obtainElectron() {
  const found = findElectronBinary();
  if (found || process.env.ELECTRON_SKIP_BINARY_DOWNLOAD || !fs.existsSync(path.join(ELECTRON_PACKAGE, 'install.js'))) return found;
  await runQuietly(process.execPath, [path.join(ELECTRON_PACKAGE, 'install.js')], { cwd: ELECTRON_PACKAGE }, '正在获取 Electron 运行时（只需一次）…');
  return findElectronBinary();
}

/** better-sqlite3 built for this Electron's ABI, prepared once (needs the network the first time). */
async function electronSqliteAddon(version) {
  if (process.env.TUOPIN_SQLITE_BINDING) return process.env.TUOPIN_SQLITE_BINDING;
  const cacheDir = path.join(ROOT, 'node_modules', '.cache', 'tuopin', `better-sqlite3-electron-${version}-${process.platform}-${process.arch}`);
  const addon = path.join(cacheDir, 'better_sqlite3.node');
  if (fs.existsSync(addon)) return addon;

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tuopin-sqlite-'));
  try {
    const source = path.join(ROOT, 'node_modules', 'better-sqlite3');
    const copy = path.join(work, 'node_modules', 'better-sqlite3');
    fs.cpSync(source, copy, { recursive: true, filter: (src) => !src.startsWith(path.join(source, 'build')) });
    fs.writeFileSync(path.join(work, 'package.json'), JSON.stringify({ name: 'tuopin-sqlite-for-electron', private: true, dependencies: { 'better-sqlite3': '*' } }));
    const rebuild = path.join(ROOT, 'node_modules', '@electron', 'rebuild', 'lib', 'cli.js');
    const result = await runQuietly(
      process.execPath,
      [rebuild, '--version', version, '--module-dir', work, '--only', 'better-sqlite3', '--force'],
      { cwd: work },
      '正在为 Electron 准备 SQLite 组件（只需一次）…',
    );
    const built = path.join(copy, 'build', 'Release', 'better_sqlite3.node');
    if (!result.ok || !fs.existsSync(built)) return null;
    fs.mkdirSync(cacheDir, { recursive: true });
    fs.copyFileSync(built, addon);
    return addon;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function launchElectron(binary, addon, args) {
  const child = spawn(binary, [MAIN_JS, ...args], { stdio: 'inherit', env: { ...process.env, TUOPIN_SQLITE_BINDING: addon } });
  const forward = (signal) => () => child.kill(signal);
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  child.on('close', (code) => process.exit(code ?? 0));
}

function serveInBrowser(args) {
  const { serve } = require(SERVE_JS);
  const named = args.includes('--db') || args.some((a) => a.startsWith('--db='));
  serve([...args, ...(named ? [] : ['--demo-if-empty']), '--open']).catch((err) => {
    process.stderr.write(`无法启动：${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}

async function main() {
  if (!fs.existsSync(MAIN_JS) || !fs.existsSync(SERVE_JS) || !fs.existsSync(path.join(ROOT, 'dist', 'renderer', 'index.html'))) {
    process.stderr.write('尚未构建：请运行 npm start（会先构建），或先运行 npm run build。\n');
    process.exit(1);
  }
  const args = process.argv.slice(2).filter((a) => a !== '--browser');
  if (process.argv.includes('--browser') || process.env.TUOPIN_NO_ELECTRON) {
    serveInBrowser(args);
    return;
  }
  const version = electronVersion();
  const binary = version ? await obtainElectron() : null;
  if (!binary) {
    process.stdout.write('未找到 Electron 运行时（本机无法下载）：改为在本机回环地址上提供同一界面，请在浏览器中打开下面的地址。\n');
    serveInBrowser(args);
    return;
  }
  const addon = await electronSqliteAddon(version);
  if (!addon) {
    process.stdout.write('已找到 Electron，但无法为它准备 SQLite 组件（首次需要联网）：改为在本机回环地址上提供同一界面。\n');
    serveInBrowser(args);
    return;
  }
  launchElectron(binary, addon, args);
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
