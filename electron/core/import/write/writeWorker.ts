import { parentPort, workerData } from 'node:worker_threads';
import { parseToWriter, type FromWriter } from './writeProtocol';
import { WriteSession } from './writeSession';

/** Entry of an import's write thread (backgroundWrite.ts starts it). */
if (parentPort) {
  const port = parentPort;
  const data = workerData as { stop?: unknown } | null;
  const stop = data?.stop instanceof Int32Array ? data.stop : new Int32Array(1);
  const session = new WriteSession((m: FromWriter) => port.postMessage(m), () => Atomics.load(stop, 0) === 1);
  port.on('message', (raw: unknown) => {
    let message;
    try {
      message = parseToWriter(raw);
    } catch (err) {
      session.reject(err);
      return;
    }
    session.handle(message);
  });
}
