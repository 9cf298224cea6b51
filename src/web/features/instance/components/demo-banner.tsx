import { useInstance } from '../api/get-instance';

/**
 * On every page of a demo database: the people are invented and the demo accounts' password is public,
 * so nobody mistakes it for their organisation's (or records real evidence in it).
 */
export function DemoBanner() {
  const instance = useInstance();
  if (instance.data?.demo !== true) return null;
  return (
    <div className="demo-banner" role="note" aria-label="Demo database" data-testid="demo-banner">
      <strong>Demo data.</strong> Everyone here is invented and the demo accounts’ password is public. To run
      your organisation, start ladder on a new, empty database with <code>--no-demo</code> and import it
      there.
    </div>
  );
}
