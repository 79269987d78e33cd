import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, matchesGlob } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..', '..');
// electron-builder's own YAML reader and schema check (its dependencies), so "valid" means what it means to
// `npm run dist`.
const builderRequire = createRequire(require.resolve('electron-builder/package.json', { paths: [ROOT] }));
const yaml = builderRequire('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = builderRequire('app-builder-lib/out/util/config/config') as {
  validateConfiguration(config: unknown, debug: { add(): void; isEnabled: boolean; data: object }): Promise<void>;
};

interface Target {
  target: string;
  arch: string[];
}
interface BuilderConfig {
  appId: string;
  productName: string;
  publish: unknown;
  asarUnpack: string[];
  files: string[];
  win: { icon: string; target: Target[] };
  electronFuses: Record<string, boolean>;
  linux: { icon: string; target: Target[] };
}

const config = yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema check', async () => {
    await expect(validateConfiguration(config, {
      add: () => undefined, isEnabled: false, data: {},
    })).resolves.toBeUndefined();
  });

  it('flips Electron\'s fuses in the packaged app: no RunAsNode, NODE_OPTIONS or --inspect; asar integrity on (issue 17)', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('builds Windows NSIS + portable (x64) and Linux AppImage + deb (x64, arm64)', () => {
    expect(config.win.target).toEqual([
      { target: 'nsis', arch: ['x64'] },
      { target: 'portable', arch: ['x64'] },
    ]);
    expect(config.linux.target).toEqual([
      { target: 'AppImage', arch: ['x64', 'arm64'] },
      { target: 'deb', arch: ['x64', 'arm64'] },
    ]);
  });

  it('names the product, never publishes, and unpacks better-sqlite3 from the asar', () => {
    expect(config.appId).toBe('cn.gov.tuopin.workstation');
    expect(config.productName).toBe('脱贫成效分析工作站');
    expect(config.publish).toBeNull();
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**');
    expect(config.files).toContain('dist/**');
  });

  it('unpacks the DuckDB addon and its shared library (the Parquet export) from the asar', () => {
    const bindings = readdirSync(join(ROOT, 'node_modules', '@duckdb')).filter((d) => d.startsWith('node-bindings-'));
    expect(bindings.length).toBeGreaterThan(0);
    for (const dir of bindings) {
      const natives = readdirSync(join(ROOT, 'node_modules', '@duckdb', dir)).filter((f) => /\.(node|so|dll|dylib)$/.test(f));
      expect(natives).toContain('duckdb.node');
      for (const f of natives) {
        const path = `node_modules/@duckdb/${dir}/${f}`;
        expect(config.asarUnpack.some((pattern) => matchesGlob(path, pattern)), path).toBe(true);
      }
    }
  });

  it('uses icons that exist: a 512×512 PNG and an .ico with a 256 px entry', () => {
    const png = readFileSync(join(ROOT, config.linux.icon));
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
    const ico = readFileSync(join(ROOT, config.win.icon));
    expect(ico.readUInt16LE(2)).toBe(1);
    const sizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico[6 + 16 * i] || 256);
    expect(sizes).toContain(256);
    expect(sizes).toContain(16);
  });
});
