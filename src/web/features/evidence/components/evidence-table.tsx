import { useState } from 'react';
import { EmptyState, QueryView } from '../../../components/ui/query-state';
import { formatDay, humanize } from '../../../lib/format';
import { useEvidenceList } from '../api/list-evidence';
import { RecordDetails, recordTitle } from './record-list';
import { TableScroll } from '../../../components/ui/table-scroll';

/** A builder's ledger in date order, 50 a page; a row opens to every field. */
export function EvidenceTable({ builder }: { builder: string }) {
  const [offset, setOffset] = useState(0);
  const [open, setOpen] = useState<string | null>(null);
  const query = useEvidenceList({ builder, limit: 50, offset });
  return (
    <QueryView query={query} label="Loading the ledger…">
      {(page) =>
        page.total === 0 ? (
          <EmptyState title="No evidence recorded yet">
            Record your first decision, feature or review above.
          </EmptyState>
        ) : (
          <>
            <TableScroll label="Evidence ledger">
              <table aria-label="Evidence ledger">
                <thead>
                  <tr>
                    <th scope="col">Date</th>
                    <th scope="col">Kind</th>
                    <th scope="col">What</th>
                    <th scope="col">Recorded by</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((record) => (
                    <tr key={record.id}>
                      <td>{formatDay(record.date)}</td>
                      <td>{humanize(record.kind)}</td>
                      <td>
                        <button
                          type="button"
                          className="link-button"
                          aria-expanded={open === record.id}
                          onClick={() => setOpen(open === record.id ? null : record.id)}
                        >
                          {recordTitle(record)}
                        </button>
                        {open === record.id && <RecordDetails record={record} />}
                      </td>
                      <td>{record.recorded_by}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
            <p className="muted">
              {page.offset + 1}–{page.offset + page.items.length} of {page.total}{' '}
              {page.offset > 0 && (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => setOffset(Math.max(0, offset - 50))}
                >
                  Previous
                </button>
              )}{' '}
              {page.offset + page.items.length < page.total && (
                <button type="button" className="link-button" onClick={() => setOffset(offset + 50)}>
                  Next
                </button>
              )}
            </p>
          </>
        )
      }
    </QueryView>
  );
}
