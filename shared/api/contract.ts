import type { z } from 'zod';
import { appApi } from './app';
import { dialogApi } from './dialog';
import { jobsApi } from './jobs';
import { snapshotsApi } from './snapshots';
import { standardMetricsApi } from './standardMetrics';
import { incomeApi } from './income';
import { exitsApi } from './exits';
import { returnsApi } from './returns';
import { monitoringApi } from './monitoring';
import { flowsApi } from './flows';
import { qualityApi } from './quality';
import { linesApi } from './lines';
import { importsApi } from './imports';
import { pivotApi } from './pivot';
import { deliveryApi } from './delivery';
import { exportApi } from './export';
import { evaluationApi } from './evaluation';
import { reportApi } from './report';
import { rollupApi } from './rollup';
import { standardsApi } from './standards';
import { idSecretApi } from './idSecret';
import { demoApi } from './demo';
import { reconcileApi } from './reconcile';

/**
 * The one contract between the renderer and the core: method name → request and response
 * schemas. Every host (Electron IPC, loopback HTTP) validates both sides with these; the type of
 * this map is the API, so a client cannot call what does not exist. Add a subject by writing its
 * own file beside this one and spreading it in here.
 */
export const API = {
  ...appApi,
  ...snapshotsApi,
  ...reconcileApi,
  ...importsApi,
  ...jobsApi,
  ...dialogApi,
  ...standardMetricsApi,
  ...incomeApi,
  ...exitsApi,
  ...returnsApi,
  ...monitoringApi,
  ...flowsApi,
  ...qualityApi,
  ...linesApi,
  ...pivotApi,
  ...deliveryApi,
  ...exportApi,
  ...evaluationApi,
  ...reportApi,
  ...rollupApi,
  ...standardsApi,
  ...idSecretApi,
  ...demoApi,
} as const;

export type ApiMethod = keyof typeof API;
export type ApiRequest<M extends ApiMethod> = z.input<(typeof API)[M]['request']>;
export type ApiResponse<M extends ApiMethod> = z.output<(typeof API)[M]['response']>;

export function isApiMethod(name: string): name is ApiMethod {
  return Object.prototype.hasOwnProperty.call(API, name);
}

/** IPC channel that carries every call in the desktop app. */
export const IPC_CHANNEL = 'tuopin:call';
/** HTTP path prefix of the loopback host; the method name follows. */
export const HTTP_API_PREFIX = '/api/';
/** Header that carries the loopback host's per-run token. */
export const HTTP_TOKEN_HEADER = 'x-tuopin-token';
/** HTTP path of the loopback host's file upload (raw bytes, `?name=` the file's name). */
export const HTTP_UPLOAD_PATH = '/upload';
/**
 * Reserved name on IPC_CHANNEL for handing a dropped file's bytes to the desktop host: the
 * IPC twin of HTTP_UPLOAD_PATH. Not a contract method, because its payload is binary.
 */
export const IPC_UPLOAD_METHOD = '$upload';
