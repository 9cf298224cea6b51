import type { ReactNode } from 'react';

/**
 * A wide table's horizontal scroll box. It is a labelled region in the tab order, so a keyboard user
 * can scroll it with the arrow keys (axe: scrollable-region-focusable) and a screen reader names it.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
