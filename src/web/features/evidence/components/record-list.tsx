import { useState } from 'react';
import { ErrorState, Loading } from '../../../components/ui/query-state';
import { formatDay, humanize } from '../../../lib/format';
import { useEvidence } from '../api/get-evidence';
import type { EvidenceRecord } from '../types';

const common = new Set([
  'id',
  'kind',
  'builder',
  'date',
  'recorded_by',
  'recorded_at',
  'confirmed_by',
  'supersedes',
  // Not a field of the record: the names of its people, shown beside their emails.
  'names',
]);

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.join(', ');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

/** A one-line title for a record: its title, lesson, summary or the kind. */
export function recordTitle(record: EvidenceRecord): string {
  for (const field of [
    'title',
    'lesson',
    'summary',
    'text',
    'hypothesis',
    'notes',
    'module_id',
    'item_id',
    'review_id',
    'mentee',
  ]) {
    const value = record[field];
    if (typeof value === 'string' && value !== '') return value;
  }
  return humanize(record.kind);
}

/** A person of a record by name, the email beside it; the email alone when no name is known. */
function Person({ email, nameOf }: { email: string; nameOf?: ((email: string) => string) | undefined }) {
  const name = nameOf?.(email) ?? email;
  if (name === email) return <>{email}</>;
  return (
    <>
      <span title={email}>{name}</span> <span className="muted">{email}</span>
    </>
  );
}

/** Every field of one record, as the ledger holds it; `nameOf` names its people (the ledger's page knows them). */
export function RecordDetails({
  record,
  nameOf,
}: {
  record: EvidenceRecord;
  nameOf?: ((email: string) => string) | undefined;
}) {
  return (
    <dl className="record-details" data-testid={`record-details-${record.id}`}>
      <dt>Kind</dt>
      <dd>{humanize(record.kind)}</dd>
      <dt>Date</dt>
      <dd>{formatDay(record.date)}</dd>
      <dt>Recorded by</dt>
      <dd>
        <Person email={record.recorded_by} nameOf={nameOf} /> on {formatDay(record.recorded_at)}
      </dd>
      <dt>Confirmed by</dt>
      <dd>{record.confirmed_by === null ? '—' : <Person email={record.confirmed_by} nameOf={nameOf} />}</dd>
      {record.supersedes !== null && (
        <>
          <dt>Corrects</dt>
          <dd>{record.supersedes}</dd>
        </>
      )}
      {Object.entries(record)
        .filter(([key]) => !common.has(key))
        .map(([key, value]) => (
          <div key={key} className="record-field">
            <dt>{humanize(key)}</dt>
            <dd>{describeValue(value)}</dd>
          </div>
        ))}
    </dl>
  );
}

function RecordItem({ id }: { id: string }) {
  const [open, setOpen] = useState(false);
  const query = useEvidence(id);
  return (
    <li>
      <button
        type="button"
        className="link-button"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        data-testid={`record-${id}`}
      >
        {query.data === undefined
          ? id
          : `${formatDay(query.data.date)} · ${humanize(query.data.kind)} · ${recordTitle(query.data)}`}
      </button>
      {open &&
        (query.isPending ? (
          <Loading />
        ) : query.error !== null ? (
          <ErrorState error={query.error} />
        ) : (
          <RecordDetails record={query.data} nameOf={(email) => query.data.names[email] ?? email} />
        ))}
    </li>
  );
}

/** The records behind an answer, by id: each opens to show every field (click through). */
export function RecordList({ ids }: { ids: string[] }) {
  return (
    <ul className="records">
      {ids.map((id) => (
        <RecordItem key={id} id={id} />
      ))}
    </ul>
  );
}
