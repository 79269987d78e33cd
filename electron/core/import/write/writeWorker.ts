import { parentPort, workerData } from 'node:worker_threads';
import { parseToWriter, type FromWriter } from './writeProtocol';
import { WriteSession } from './writeSession';
import { WriteSignals } from './writeSignals';

/** Entry of an import's write thread (backgroundWrite.ts starts it). */
if (parentPort) {
  const port = parentPort;
  const signals = WriteSignals.from((workerData as { signals?: unknown } | null)?.signals);
  const session = new WriteSession((m: FromWriter) => port.postMessage(m), signals);
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
