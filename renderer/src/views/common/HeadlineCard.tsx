import type { ReactNode } from 'react';
import type { HeadlineFigureId } from '../../../../shared/semantic/headlineFigures';

export interface HeadlineCardProps {
  /** Names the card for tests and for the link: `card-<id>`. */
  readonly id: string;
  /** The figure in the headline catalogue: its grain says the unit word (户, not 户次). */
  readonly figure: HeadlineFigureId;
  readonly label: string;
  readonly value: string;
  readonly unit?: string;
  /** The exact figure behind a rounded value (万), for the tooltip and for checking. */
  readonly exact?: number | null;
  /** A second figure or a comparison, in small type. */
  readonly detail?: ReactNode;
  /** What the figure counts, in one line. */
  readonly note?: string;
  /** The view behind the figure: the card opens it. */
  readonly viewLabel?: string;
  readonly onOpen?: () => void;
  readonly loading?: boolean;
}

/** A headline figure of 概览 that opens the view explaining it. */
export function HeadlineCard(props: HeadlineCardProps): ReactNode {
  const { id, figure, label, value, unit, exact, detail, note, viewLabel, onOpen, loading } = props;
  const body = (
    <>
      <span className="headline-label">{label}</span>
      <span className="headline-value" data-value={exact ?? undefined} data-figure={figure}>
        {loading ? <span className="headline-pending">…</span> : value}
        {unit && !loading ? <span className="headline-unit">{unit}</span> : null}
      </span>
      {detail && !loading ? <span className="headline-detail">{detail}</span> : null}
      {note ? <span className="headline-note">{note}</span> : null}
      {viewLabel ? <span className="headline-link">查看{viewLabel} ›</span> : null}
    </>
  );
  const title = exact !== null && exact !== undefined ? `${label}：${new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 4 }).format(exact)}${unit ?? ''}` : undefined;
  return onOpen ? (
    <button type="button" className="headline-card" data-testid={`card-${id}`} onClick={onOpen} title={title}>
      {body}
    </button>
  ) : (
    <div className="headline-card" data-testid={`card-${id}`} title={title}>
      {body}
    </div>
  );
}
