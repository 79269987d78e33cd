import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { IPC_CHANNEL } from '../../../shared/api/contract';

const PRELOAD_SOURCE = join(__dirname, '..', '..', '..', 'electron', 'preload', 'preload.ts');

/** Compiles the preload the way tsconfig.node.json does (CommonJS) and runs it as a sandboxed preload would. */
function runCompiledPreload(): { required: string[]; exposed: Map<string, unknown>; invoked: unknown[][] } {
  const output = ts.transpileModule(readFileSync(PRELOAD_SOURCE, 'utf8'), {
    compilerOptions: {
      module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16, target: ts.ScriptTarget.ES2022,
    },
    fileName: 'preload.cts',
  }).outputText;
  const required: string[] = [];
  const exposed = new Map<string, unknown>();
  const invoked: unknown[][] = [];
  const fakeElectron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer: { invoke: (...args: unknown[]) => (invoked.push(args), Promise.resolve({ ok: true, data: null })) },
  };
  // The sandboxed preload wrapper gives a require that knows 'electron' and very little else.
  const sandboxRequire = (name: string): unknown => {
    required.push(name);
    if (name === 'electron') return fakeElectron;
    throw new Error(`a sandboxed preload cannot require ${name}`);
  };
  const module = { exports: {} };
  new Function('require', 'module', 'exports', output)(sandboxRequire, module, module.exports);
  return { required, exposed, invoked };
}

describe('preload', () => {
  it('requires nothing but electron, so it runs in a sandboxed renderer', () => {
    expect(runCompiledPreload().required).toEqual(['electron']);
  });

  it('exposes exactly one function, call(method, payload), as window.tuopin', () => {
    const { exposed } = runCompiledPreload();
    expect([...exposed.keys()]).toEqual(['tuopin']);
    const api = exposed.get('tuopin') as Record<string, unknown>;
    expect(Object.keys(api)).toEqual(['call']);
    expect(typeof api.call).toBe('function');
  });

  it('carries every call over the contract’s IPC channel', async () => {
    const { exposed, invoked } = runCompiledPreload();
    const api = exposed.get('tuopin') as { call: (method: string, payload: unknown) => Promise<unknown> };
    await api.call('snapshots.list', {});
    expect(invoked).toEqual([[IPC_CHANNEL, 'snapshots.list', {}]]);
  });
});
