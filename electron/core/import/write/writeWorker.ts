import { parentPort, workerData } from 'node:worker_threads';
import { parseToWriter, parseWriteThreadData, type FromWriter } from './writeProtocol';
import { WriteSession } from './writeSession';
import { WriteSignals } from './writeSignals';

/** Entry of an import's write thread (backgroundWrite.ts starts it). */
if (parentPort) {
  const port = parentPort;
  const data = parseWriteThreadData(workerData);
  const reply = (m: FromWriter): void => port.postMessage(m);
  const session = new WriteSession(reply, WriteSignals.from(data.signals), Buffer.from(data.idSecret));
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
