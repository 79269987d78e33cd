/** Bytes read so far out of the total, for the progress bar; and whether to stop. */
export interface ReadControl {
  progress(done: number, total: number, stage: string): void;
  readonly cancelled: boolean;
}
