import { useState } from 'react';
import { EmptyState, QueryView } from '../../../components/ui/query-state';
import { formatDay, humanize } from '../../../lib/format';
import { useEvidence } from '../api/get-evidence';
import { useEvidenceList } from '../api/list-evidence';
import { RecordDetails, recordTitle } from './record-list';
import { TableScroll } from '../../../components/ui/table-scroll';
import { Card } from '../../../components/ui/card';
import { t } from '../../../i18n/i18n';
import { useBuilderName } from '../../../lib/builder-name';

/** The record an address names (`?record=`, where a confirmation links), shown whole above the ledger. */
function NamedRecord({ id, nameOf }: { id: string; nameOf: (email: string) => string }) {
  const query = useEvidence(id);
  return (
    <QueryView query={query} label="Loading the record…">
      {(record) => (
        <section className="named-record" aria-label="The record you followed" data-testid="named-record">
          <h3>
            {formatDay(record.date)} · {humanize(record.kind)} · {recordTitle(record)}
          </h3>
          <RecordDetails record={record} nameOf={(email) => record.names[email] ?? nameOf(email)} />
        </section>
      )}
    </QueryView>
  );
}

/**
 * A builder's ledger, newest first (latest date, then the latest recorded), 50 a page; a row opens to
 * every field. `highlight` (a record just recorded, followed by its link) is shown whole on top and
 * its row marked.
 */
export function EvidenceTable({ builder, highlight }: { builder: string; highlight?: string | undefined }) {
  const [offset, setOffset] = useState(0);
  // The highlighted record is shown whole above the table already: its row is marked, not opened again.
  const [open, setOpen] = useState<string | null>(null);
  const query = useEvidenceList({ builder, limit: 50, offset, order: 'newest' });
  // The page names the people of its records (builder, recorder, confirmer): shown by name, email beside.
  const names = query.data?.names ?? {};
  const nameOf = (email: string): string => names[email] ?? email;
  return (
    <>
      {highlight !== undefined && <NamedRecord id={highlight} nameOf={nameOf} />}
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
                      <tr key={record.id} className={record.id === highlight ? 'row-highlight' : undefined}>
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
                          {open === record.id && <RecordDetails record={record} nameOf={nameOf} />}
                        </td>
                        <td>
                          <span title={record.recorded_by}>{nameOf(record.recorded_by)}</span>
                          {nameOf(record.recorded_by) !== record.recorded_by && (
                            <div className="muted">{record.recorded_by}</div>
                          )}
                        </td>
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
    </>
  );
}

/** The ledger of one builder under their name (the email beside it), newest records first. */
export function LedgerCard({ builder, highlight }: { builder: string; highlight?: string | undefined }) {
  const name = useBuilderName(builder);
  return (
    <Card title={t('Ledger of {name}', { name })}>
      {name !== builder && <p className="muted">{builder}</p>}
      <EvidenceTable key={highlight ?? ''} builder={builder} highlight={highlight} />
    </Card>
  );
}
