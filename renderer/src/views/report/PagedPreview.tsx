import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { ReportPreview } from '../../../../shared/api/report';

/** A4 with the 公文 margins, in CSS pixels (96 per inch). */
const MM = 96 / 25.4;
const TYPE_AREA_HEIGHT = (297 - 37 - 35) * MM;

/**
 * The report laid out on A4 sheets like the document: every block is measured once in a hidden
 * column of the type area's width, then the blocks fill pages in order (a block taller than a page
 * gets a page of its own; 附表 and 口径说明 start a new page, as in DOCX and PDF).
 */
export function PagedPreview({ preview }: { readonly preview: ReportPreview }): ReactNode {
  const measure = useRef<HTMLDivElement>(null);
  const [pages, setPages] = useState<number[][] | null>(null);
  // The report's fonts load when the measuring column first uses them: measure again once they are in.
  const [fontsIn, setFontsIn] = useState(0);
  useEffect(() => {
    let live = true;
    void document.fonts.ready.then(() => { if (live) setFontsIn((n) => n + 1); });
    return () => { live = false; };
  }, [preview]);

  useLayoutEffect(() => {
    const root = measure.current;
    if (!root) return;
    const heights = [...root.children].map((el) => {
      const style = getComputedStyle(el);
      return (el as HTMLElement).offsetHeight + parseFloat(style.marginTop) + parseFloat(style.marginBottom);
    });
    const out: number[][] = [[]];
    let used = 0;
    preview.blocks.forEach((b, i) => {
      const current = out[out.length - 1] as number[];
      const h = heights[i] ?? 0;
      if (b.kind === 'pageBreak') {
        if (current.length > 0) out.push([]);
        used = 0;
        return;
      }
      if (used + h > TYPE_AREA_HEIGHT && current.length > 0) {
        out.push([i]);
        used = h;
      } else {
        current.push(i);
        used += h;
      }
    });
    setPages(out.filter((p) => p.length > 0));
  }, [preview, fontsIn]);

  return (
    <div className="report-preview" data-testid="report-preview">
      <style>{preview.css}</style>
      <div className="report-doc report-measure" ref={measure} aria-hidden="true">
        {preview.blocks.map((b, i) => <div key={i} dangerouslySetInnerHTML={{ __html: b.html }} />)}
      </div>
      {pages?.map((blocks, p) => (
        <div className="report-sheet" key={p} data-testid="report-page">
          <div className="report-doc report-type-area">
            {blocks.map((i) => <div key={i} dangerouslySetInnerHTML={{ __html: preview.blocks[i]?.html ?? '' }} />)}
          </div>
          <div className={`report-page-number ${p % 2 === 0 ? 'odd' : 'even'}`}>— {p + 1} —</div>
        </div>
      ))}
    </div>
  );
}
