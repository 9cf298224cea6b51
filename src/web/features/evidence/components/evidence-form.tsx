import { useState, type FormEvent } from 'react';
import { Card } from '../../../components/ui/card';
import {
  CheckboxField,
  FormMessage,
  SelectField,
  TextAreaField,
  TextField,
} from '../../../components/ui/form';
import { humanize, todayIso } from '../../../lib/format';
import { useRecordEvidence } from '../api/record-evidence';
import { EVIDENCE_KINDS, type EvidenceKind } from '../types';

// `count`: a whole number from 1 with no upper bound (a milestone's number).
type FieldType = 'text' | 'long' | 'date' | 'email' | 'bool' | 'score' | 'count' | 'list' | 'select';

interface FieldSpec {
  name: string;
  label: string;
  type: FieldType;
  options?: readonly string[];
  hint?: string;
  /** Named option lists the caller supplies (clients, modules, checklist items, records). */
  source?: 'clients' | 'modules' | 'items' | 'records';
}

/** The fields of each kind, as the ledger's schema defines them (issue 4). */
const kindFields: Record<EvidenceKind, FieldSpec[]> = {
  decision: [
    {
      name: 'type',
      label: 'Decision type',
      type: 'select',
      options: ['scope_change', 'feature_proposal', 'kill', 'descope'],
    },
    { name: 'title', label: 'Title', type: 'text' },
    { name: 'recommendation', label: 'Recommendation', type: 'long' },
    {
      name: 'data',
      label: 'Data behind it',
      type: 'long',
      hint: 'What the numbers said; needed for a data-driven kill.',
    },
    { name: 'client', label: 'Client', type: 'text', source: 'clients' },
    {
      name: 'client_response',
      label: "Client's answer",
      type: 'select',
      options: ['pending', 'adopted', 'rejected'],
    },
    { name: 'outcome', label: 'Outcome seen later', type: 'long' },
    { name: 'significant', label: 'Significant decision (for the portfolio)', type: 'bool' },
  ],
  feature: [
    { name: 'title', label: 'Title', type: 'text' },
    { name: 'client', label: 'Client', type: 'text', source: 'clients' },
    { name: 'shipped_on', label: 'Shipped on', type: 'date' },
    {
      name: 'analytics_events',
      label: 'Analytics events',
      type: 'list',
      hint: 'Comma-separated event names; empty when none.',
    },
  ],
  retro: [
    { name: 'feature_id', label: 'Feature record id', type: 'text', source: 'records' },
    { name: 'hypothesis', label: 'Hypothesis', type: 'long' },
    { name: 'what_happened', label: 'What happened', type: 'long' },
    { name: 'what_to_change', label: 'What to change', type: 'long' },
  ],
  adr: [
    { name: 'title', label: 'Title', type: 'text' },
    {
      name: 'status',
      label: 'Status',
      type: 'select',
      options: ['proposed', 'accepted', 'rejected', 'deprecated', 'superseded'],
    },
    { name: 'link', label: 'Link', type: 'text' },
  ],
  code_review: [
    { name: 'link', label: 'Link to the review', type: 'text' },
    { name: 'lesson', label: 'What it taught', type: 'long' },
  ],
  review_citation: [
    {
      name: 'review_id',
      label: 'Code review record id',
      type: 'text',
      source: 'records',
      hint: 'The review you found helpful.',
    },
  ],
  mentee_review: [
    { name: 'mentee', label: 'Mentee email', type: 'email' },
    { name: 'score', label: 'Score (1–5)', type: 'score' },
    { name: 'notes', label: 'Notes', type: 'long' },
  ],
  checkin: [{ name: 'mentee', label: 'Mentee email', type: 'email' }],
  client_feedback: [
    { name: 'client', label: 'Client', type: 'text', source: 'clients' },
    { name: 'rating', label: 'Rating (1–5)', type: 'score' },
    { name: 'text', label: 'Feedback', type: 'long' },
  ],
  escalation: [
    { name: 'client', label: 'Client', type: 'text', source: 'clients' },
    { name: 'summary', label: 'Summary', type: 'long' },
  ],
  curriculum: [
    { name: 'module_id', label: 'Module', type: 'text', source: 'modules' },
    { name: 'status', label: 'Status', type: 'select', options: ['in_progress', 'done', 'not_started'] },
  ],
  self_evaluation: [
    { name: 'item_id', label: 'Checklist item', type: 'text', source: 'items' },
    { name: 'answer', label: 'Answer', type: 'select', options: ['yes', 'partly', 'no'] },
    {
      name: 'evidence_ids',
      label: 'Evidence record ids',
      type: 'list',
      source: 'records',
      hint: 'Comma-separated ids of records that show it.',
    },
  ],
  milestone_assessment: [
    {
      name: 'competency',
      label: 'Competency area',
      type: 'text',
      hint: 'The id of an area the ladder scores with points, e.g. data-modelling.',
    },
    {
      name: 'milestone',
      label: 'Milestone (1 is the first)',
      type: 'count',
      hint: 'Record it in your own name: the builder’s points count only assessments by someone else.',
    },
    { name: 'note', label: 'What you saw', type: 'long' },
  ],
};

export interface EvidenceFormOptions {
  clients?: { value: string; label: string }[];
  modules?: { value: string; label: string }[];
  items?: { value: string; label: string }[];
  records?: { value: string; label: string }[];
  /** The competency areas of the builder's ladder: a record may name those it speaks to (any kind). */
  competencies?: { value: string; label: string }[];
}

function initialValues(kind: EvidenceKind): Record<string, string | boolean> {
  const values: Record<string, string | boolean> = {};
  for (const field of kindFields[kind]) {
    if (field.type === 'bool') values[field.name] = false;
    else if (field.type === 'select') values[field.name] = field.options?.[0] ?? '';
    else if (field.type === 'date') values[field.name] = todayIso();
    else values[field.name] = '';
  }
  return values;
}

function toBody(kind: EvidenceKind, values: Record<string, string | boolean>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of kindFields[kind]) {
    const value = values[field.name];
    if (field.type === 'bool') body[field.name] = value === true;
    else if (field.type === 'score' || field.type === 'count')
      body[field.name] = value === '' ? null : Number(value);
    else if (field.type === 'list')
      body[field.name] = String(value ?? '')
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part !== '');
    else body[field.name] = value ?? '';
  }
  return body;
}

/**
 * Records evidence of every kind for a builder. The server validates every field and names the one that
 * is wrong; the form shows that message and keeps what was typed.
 */
export function EvidenceForm({
  builder,
  recorder,
  builderEditable = false,
  kinds = EVIDENCE_KINDS,
  options = {},
  onRecorded,
}: {
  builder: string;
  /** Who is signed in: records go in their name (the server sets recorded_by to the caller). */
  recorder: string;
  builderEditable?: boolean;
  kinds?: readonly EvidenceKind[];
  options?: EvidenceFormOptions;
  onRecorded?: (id: string) => void;
}) {
  const record = useRecordEvidence();
  const [kind, setKind] = useState<EvidenceKind>(kinds[0] ?? 'decision');
  const [values, setValues] = useState(() => initialValues(kinds[0] ?? 'decision'));
  const [subject, setSubject] = useState(builder);
  const [date, setDate] = useState(todayIso());
  const [success, setSuccess] = useState<string | null>(null);
  const [tags, setTags] = useState<string[]>([]);

  const pickKind = (next: EvidenceKind) => {
    setKind(next);
    setValues(initialValues(next));
    setSuccess(null);
    record.reset();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSuccess(null);
    const body = {
      kind,
      builder: subject,
      date,
      ...toBody(kind, values),
      ...(tags.length === 0 ? {} : { competencies: tags }),
    };
    record.mutate(body, {
      onSuccess: (saved) => {
        setSuccess(`Recorded ${humanize(saved.kind)} ${saved.id}.`);
        setValues(initialValues(kind));
        setTags([]);
        onRecorded?.(saved.id);
      },
    });
  };

  const fieldError = (name: string): string | undefined => {
    const details =
      record.error !== null && 'details' in record.error
        ? (record.error as { details?: unknown }).details
        : undefined;
    if (!Array.isArray(details)) return undefined;
    // A list's problem names its item (`competencies[1]`): it belongs under the list's field.
    const found = (details as { field?: string; message?: string }[]).find(
      (d) => d.field === name || d.field?.endsWith(`.${name}`) || d.field?.startsWith(`${name}[`),
    );
    return found?.message;
  };

  return (
    <Card title="Record evidence" id="record-evidence">
      <form onSubmit={submit} aria-label="Record evidence" noValidate>
        <div className="form-row">
          <SelectField
            label="Kind of evidence"
            value={kind}
            onChange={(e) => pickKind(e.target.value as EvidenceKind)}
            options={kinds.map((k) => ({ value: k, label: humanize(k) }))}
          />
          {builderEditable ? (
            <TextField
              label="Builder (email)"
              type="email"
              required
              value={subject}
              onChange={(e) => setSubject(e.target.value)}
              error={fieldError('builder')}
            />
          ) : (
            <TextField label="Builder" value={subject} readOnly />
          )}
          <TextField
            label="Date"
            type="date"
            required
            value={date}
            onChange={(e) => setDate(e.target.value)}
            error={fieldError('date')}
          />
        </div>
        {kindFields[kind].map((field) => {
          const value = values[field.name];
          const set = (next: string | boolean) => setValues({ ...values, [field.name]: next });
          const sourceOptions = field.source === undefined ? undefined : options[field.source];
          if (field.type === 'bool')
            return (
              <CheckboxField
                key={field.name}
                label={field.label}
                checked={value === true}
                onChange={(e) => set(e.target.checked)}
              />
            );
          if (field.type === 'select')
            return (
              <SelectField
                key={field.name}
                label={field.label}
                value={String(value)}
                onChange={(e) => set(e.target.value)}
                options={(field.options ?? []).map((o) => ({ value: o, label: humanize(o) }))}
              />
            );
          if (sourceOptions !== undefined && sourceOptions.length > 0 && field.type !== 'list')
            return (
              <SelectField
                key={field.name}
                label={field.label}
                value={String(value)}
                onChange={(e) => set(e.target.value)}
                options={[{ value: '', label: 'Choose…' }, ...sourceOptions]}
              />
            );
          if (field.type === 'long')
            return (
              <TextAreaField
                key={field.name}
                label={field.label}
                hint={field.hint}
                value={String(value)}
                onChange={(e) => set(e.target.value)}
              />
            );
          return (
            <TextField
              key={field.name}
              label={field.label}
              hint={field.hint}
              type={
                field.type === 'date'
                  ? 'date'
                  : field.type === 'email'
                    ? 'email'
                    : field.type === 'score' || field.type === 'count'
                      ? 'number'
                      : 'text'
              }
              {...(field.type === 'score' ? { min: 1, max: 5, step: 1 } : {})}
              {...(field.type === 'count' ? { min: 1, step: 1 } : {})}
              value={String(value)}
              onChange={(e) => set(e.target.value)}
              error={fieldError(field.name)}
            />
          );
        })}
        {(options.competencies ?? []).length > 0 && (
          <fieldset className="field competency-tags">
            <legend>Competencies this speaks to (optional)</legend>
            {(options.competencies ?? []).map((area) => (
              <CheckboxField
                key={area.value}
                label={area.label}
                checked={tags.includes(area.value)}
                onChange={(e) =>
                  setTags(
                    e.target.checked
                      ? (options.competencies ?? [])
                          .map((a) => a.value)
                          .filter((v) => v === area.value || tags.includes(v))
                      : tags.filter((t) => t !== area.value),
                  )
                }
              />
            ))}
            {fieldError('competencies') !== undefined && (
              <small className="field-error">{fieldError('competencies')}</small>
            )}
          </fieldset>
        )}
        {subject !== '' && subject !== recorder && (
          <p className="field-hint">
            Recorded in your name ({recorder}): evidence that someone other than the builder must vouch for
            counts because you record it.
          </p>
        )}
        <FormMessage error={record.error?.message} success={success} />
        <button type="submit" className="button" disabled={record.isPending}>
          {record.isPending ? 'Recording…' : 'Record'}
        </button>
      </form>
    </Card>
  );
}
