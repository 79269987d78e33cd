/**
 * What the import and its write thread tell each other without waiting for a message: a cancel
 * (the thread skips the batches still queued), how much the thread has written, in KiB of batches (the import
 * stops reading ahead when the thread falls behind, or the batches in between would pile up in
 * memory) and whether the thread has failed (so that the import does not wait for it).
 */
export class WriteSignals {
  private static readonly STOP = 0;
  private static readonly WRITTEN = 1;
  private static readonly FAILED = 2;

  constructor(readonly shared: Int32Array<SharedArrayBuffer> = new Int32Array(new SharedArrayBuffer(3 * 4))) {}

  /** The signals of the other side, from what it was handed (workerData). */
  static from(value: unknown): WriteSignals {
    if (value instanceof Int32Array && value.buffer instanceof SharedArrayBuffer && value.length >= 3) {
      return new WriteSignals(value as Int32Array<SharedArrayBuffer>);
    }
    throw new Error('写入线程缺少共享的进度信号');
  }

  stop(): void {
    Atomics.store(this.shared, WriteSignals.STOP, 1);
  }

  get stopped(): boolean {
    return Atomics.load(this.shared, WriteSignals.STOP) === 1;
  }

  addWritten(kib: number): void {
    Atomics.add(this.shared, WriteSignals.WRITTEN, kib);
    Atomics.notify(this.shared, WriteSignals.WRITTEN);
  }

  get written(): number {
    return Atomics.load(this.shared, WriteSignals.WRITTEN);
  }

  fail(): void {
    Atomics.store(this.shared, WriteSignals.FAILED, 1);
    Atomics.notify(this.shared, WriteSignals.WRITTEN);
  }

  get failed(): boolean {
    return Atomics.load(this.shared, WriteSignals.FAILED) === 1;
  }

  /** Blocks this thread until at least `kib` are written or the thread fails (never on the write thread itself). */
  waitForWritten(kib: number): void {
    for (;;) {
      const now = this.written;
      if (now >= kib || this.failed) return;
      Atomics.wait(this.shared, WriteSignals.WRITTEN, now, 100);
    }
  }
}
