import type { ReactNode } from 'react';
import type { IconName } from '../views/viewDefinition';

/** Line icons of the navigation, drawn on a 20×20 grid in the current text colour. */
const PATHS: Readonly<Record<IconName, ReactNode>> = {
  overview: (
    <>
      <rect x="3" y="3" width="6" height="6" rx="1" />
      <rect x="11" y="3" width="6" height="6" rx="1" />
      <rect x="3" y="11" width="6" height="6" rx="1" />
      <rect x="11" y="11" width="6" height="6" rx="1" />
    </>
  ),
  rollup: (
    <>
      <rect x="2.5" y="9" width="4" height="8" rx="0.5" />
      <rect x="8" y="5" width="4" height="12" rx="0.5" />
      <rect x="13.5" y="11" width="4" height="6" rx="0.5" />
      <path d="M2.5 3.5h15" />
    </>
  ),
  income: (
    <>
      <path d="M3 16h14" />
      <path d="M4 13l4-4 3 3 5-6" />
      <path d="M12.5 6H16v3.5" />
    </>
  ),
  returns: (
    <>
      <path d="M15 7a6 6 0 1 0 1 5" />
      <path d="M15.5 3v4h-4" />
      <path d="M10 7v3.5l2 1.5" />
    </>
  ),
  exits: (
    <>
      <path d="M8 3H4v14h4" />
      <path d="M9 10h8" />
      <path d="M14 6.5l3.5 3.5-3.5 3.5" />
    </>
  ),
  monitoring: (
    <>
      <path d="M10 2.5l6 2.5v4.5c0 4-2.7 6.6-6 8-3.3-1.4-6-4-6-8V5z" />
      <path d="M7.5 10l2 2 3.5-4" />
    </>
  ),
  flows: (
    <>
      <path d="M3 7h12" />
      <path d="M12 4l3 3-3 3" />
      <path d="M17 13H5" />
      <path d="M8 10l-3 3 3 3" />
    </>
  ),
  pivot: (
    <>
      <rect x="3" y="3" width="14" height="14" rx="1" />
      <path d="M3 7.5h14M7.5 3v14" />
      <path d="M10.5 11h4M10.5 14h4" />
    </>
  ),
  quality: (
    <>
      <circle cx="9" cy="9" r="5.5" />
      <path d="M13 13l4 4" />
      <path d="M6.5 9l1.8 1.8L11.5 7.5" />
    </>
  ),
  compare: (
    <>
      <rect x="2.5" y="4" width="6" height="12" rx="1" />
      <rect x="11.5" y="4" width="6" height="12" rx="1" />
      <path d="M8.5 8h3M10 6.5L11.5 8 10 9.5" />
    </>
  ),
  signals: (
    <>
      <path d="M3 16h14" />
      <path d="M5 16V11M8 16V8M11 16V5M14 16V9" />
      <path d="M2.5 9.5h15" strokeDasharray="2 1.5" />
    </>
  ),
  data: (
    <>
      <ellipse cx="10" cy="5" rx="6" ry="2.5" />
      <path d="M4 5v10c0 1.4 2.7 2.5 6 2.5s6-1.1 6-2.5V5" />
      <path d="M4 10c0 1.4 2.7 2.5 6 2.5s6-1.1 6-2.5" />
    </>
  ),
  standards: (
    <>
      <path d="M3 16.5h14" />
      <path d="M4 13l4-4 3 2.5 5-6" />
      <path d="M3 7.5h14" strokeDasharray="2 2" />
    </>
  ),
  report: (
    <>
      <path d="M5 2.5h7l3.5 3.5v11.5H5z" />
      <path d="M12 2.5V6h3.5" />
      <path d="M7.5 10h5M7.5 13h5" />
    </>
  ),
};

export function NavIcon({ name }: { readonly name: IconName }): ReactNode {
  return (
    <svg className="nav-icon" viewBox="0 0 20 20" width="18" height="18" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      {PATHS[name]}
    </svg>
  );
}
