import type { ImportControl } from '../../../../electron/core/import/importSnapshot';

/** An import control that records the stages it is told and turns cancelled once `when` says so. */
export function cancelWhen(when: (stage: string) => boolean): { control: ImportControl; stages: string[] } {
  let cancelled = false;
  const stages: string[] = [];
  const control: ImportControl = {
    progress: (_f, stage) => {
      stages.push(stage);
      if (when(stage)) cancelled = true;
    },
    get cancelled() {
      return cancelled;
    },
  };
  return { control, stages };
}
