import type { ReactNode } from 'react';

/** Stands in for a view that is not built yet, so the navigation is complete from day one. */
export function UnderConstruction({ label }: { readonly label: string }): ReactNode {
  return (
    <section className="under-construction" data-testid="under-construction">
      <h1>{label}</h1>
      <div className="notice">
        <strong>本功能建设中</strong>
        <p>“{label}”页面正在开发，完成后将在此显示。其他已完成的页面可从左侧导航进入。</p>
      </div>
    </section>
  );
}
