import { useEffect, useState } from 'react';
import type { PivotResult } from '../../../../shared/api/pivot';
import { ApiCallError, call } from '../../api/client';
import type { toRunSpec } from './pivotState';

const SPINNER_DELAY_MS = 150;

export type PivotRunInput = { spec: ReturnType<typeof toRunSpec>; snapshotId: number; acrossCounties?: boolean };

/** Runs the pivot whenever the spec changes; a spinner only when the answer takes over 150 ms. */
type RunState = { result: PivotResult | null; error: ApiCallError | null };

export function usePivotRun(request: PivotRunInput | null): RunState & { slow: boolean } {
  const key = request ? JSON.stringify(request) : null;
  const [state, setState] = useState<RunState>({ result: null, error: null });
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (key === null) return;
    let live = true;
    const timer = setTimeout(() => live && setSlow(true), SPINNER_DELAY_MS);
    call('pivot.run', JSON.parse(key) as PivotRunInput).then(
      (result) => live && setState({ result, error: null }),
      (err: unknown) => live && setState({
        result: null, error: err instanceof ApiCallError ? err : new ApiCallError({ code: 'internal', message: String(err) }),
      }),
    ).finally(() => {
      clearTimeout(timer);
      if (live) setSlow(false);
    });
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key]);
  return { ...state, slow };
}
