import { contextBridge, ipcRenderer } from 'electron';

/**
 * The page's only door to the main process: one function that carries a contract call over the
 * one IPC channel. Kept self-contained on purpose: a sandboxed preload may require 'electron' and
 * nothing else, so the channel name is repeated here (a unit test holds it equal to IPC_CHANNEL).
 */
const IPC_CHANNEL = 'tuopin:call';

contextBridge.exposeInMainWorld('tuopin', {
  call: (method: string, payload: unknown): Promise<unknown> => ipcRenderer.invoke(IPC_CHANNEL, method, payload),
});
