import type { ReactNode } from 'react';
import { figureUnit, type HeadlineFigureId } from '../../../../shared/semantic/headlineFigures';

/**
 * A headline figure in a view's figure line: the number in bold and its unit word, read from the
 * headline catalogue by the figure's id (so 户次 cannot be printed as 户).
 */
export function FigureValue({ id, text, value, testId }: {
  readonly id: HeadlineFigureId;
  readonly text: string;
  readonly value?: number | null | undefined;
  readonly testId?: string;
}): ReactNode {
  return (
    <>
      <b data-figure={id} data-testid={testId} data-value={value ?? undefined}>{text}</b>{figureUnit(id)}
    </>
  );
}
