import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Card } from '../../../components/ui/card';
import {
  CheckboxField,
  FormMessage,
  SelectField,
  TextAreaField,
  TextField,
} from '../../../components/ui/form';
import { PersonPicker, type PickerOption } from '../../../components/ui/person-picker';
import { ApiError } from '../../../lib/api-client';
import { useSession } from '../../../lib/auth';
import { t } from '../../../i18n/i18n';
import { humanize, todayIso } from '../../../lib/format';
import {
  useClientBuilderOptions,
  useClientOptions,
  useMenteeOptions,
  usePlacedClientOptions,
} from '../api/picker-options';
import { useRosterBuilderOptions } from '../../../lib/people-options';
import { useRecordEvidence } from '../api/record-evidence';
import { EVIDENCE_KINDS, type EvidenceKind, type EvidenceRecord } from '../types';
import { recordTitle } from './record-list';

// `count`: a whole number from 1 with no upper bound (a milestone's number).
type FieldType = 'text' | 'long' | 'date' | 'email' | 'bool' | 'score' | 'count' | 'list' | 'select';

interface FieldSpec {
  name: string;
  label: string;
  type: FieldType;
  options?: readonly string[];
  hint?: string;
  /** Named option lists: supplied by the caller (modules, checklist items, records) or read here (clients, mentees). */
  source?: 'clients' | 'modules' | 'items' | 'records' | 'mentees';
  /** Said under the field, before anything is sent, when it is left empty. */
  required?: string;
}

/**
 * The fields of each kind, as the ledger's schema defines them (issue 4); a function, so its words are
 * read in the locale of the moment they are shown.
 */
function kindFieldTable(): Record<EvidenceKind, FieldSpec[]> {
  return {
    decision: [
      {
        name: 'type',
        label: t('Decision type'),
        type: 'select',
        options: ['scope_change', 'feature_proposal', 'kill', 'descope'],
      },
      { name: 'title', label: t('Title'), type: 'text' },
      { name: 'recommendation', label: t('Recommendation'), type: 'long' },
      {
        name: 'data',
        label: t('Data behind it'),
        type: 'long',
        hint: t('What the numbers said; needed for a data-driven kill.'),
      },
      {
        name: 'client',
        label: t('Client'),
        type: 'text',
        source: 'clients',
        required: t('Choose the client'),
      },
      {
        name: 'client_response',
        label: t("Client's answer"),
        type: 'select',
        options: ['pending', 'adopted', 'rejected'],
      },
      { name: 'outcome', label: t('Outcome seen later'), type: 'long' },
      { name: 'significant', label: t('Significant decision (for the portfolio)'), type: 'bool' },
    ],
    feature: [
      { name: 'title', label: t('Title'), type: 'text' },
      {
        name: 'client',
        label: t('Client'),
        type: 'text',
        source: 'clients',
        required: t('Choose the client'),
      },
      { name: 'shipped_on', label: t('Shipped on'), type: 'date', required: t('Give the day it shipped') },
      {
        name: 'analytics_events',
        label: t('Analytics events'),
        type: 'list',
        hint: t('Comma-separated event names; empty when none.'),
      },
    ],
    retro: [
      {
        name: 'feature_id',
        label: t('Feature record id'),
        type: 'text',
        source: 'records',
        required: t('Name the feature record'),
      },
      { name: 'hypothesis', label: t('Hypothesis'), type: 'long' },
      { name: 'what_happened', label: t('What happened'), type: 'long' },
      { name: 'what_to_change', label: t('What to change'), type: 'long' },
    ],
    adr: [
      { name: 'title', label: t('Title'), type: 'text' },
      {
        name: 'status',
        label: t('Status'),
        type: 'select',
        options: ['proposed', 'accepted', 'rejected', 'deprecated', 'superseded'],
      },
      { name: 'link', label: t('Link'), type: 'text' },
    ],
    code_review: [
      { name: 'link', label: t('Link to the review'), type: 'text' },
      { name: 'lesson', label: t('What it taught'), type: 'long' },
    ],
    review_citation: [
      {
        name: 'review_id',
        label: t('Code review record id'),
        type: 'text',
        source: 'records',
        hint: t('The review you found helpful.'),
        required: t('Name the code review record'),
      },
    ],
    mentee_review: [
      {
        name: 'mentee',
        label: t('Mentee'),
        type: 'email',
        source: 'mentees',
        required: t('Choose the mentee'),
      },
      { name: 'score', label: t('Score (1–5)'), type: 'score', required: t('Give a score from 1 to 5') },
      { name: 'notes', label: t('Notes'), type: 'long' },
    ],
    checkin: [
      {
        name: 'mentee',
        label: t('Mentee'),
        type: 'email',
        source: 'mentees',
        required: t('Choose the mentee'),
      },
    ],
    client_feedback: [
      {
        name: 'client',
        label: t('Client'),
        type: 'text',
        source: 'clients',
        required: t('Choose the client'),
      },
      { name: 'rating', label: t('Rating (1–5)'), type: 'score', required: t('Give a rating from 1 to 5') },
      { name: 'text', label: t('Feedback'), type: 'long' },
    ],
    escalation: [
      {
        name: 'client',
        label: t('Client'),
        type: 'text',
        source: 'clients',
        required: t('Choose the client'),
      },
      { name: 'summary', label: t('Summary'), type: 'long' },
    ],
    curriculum: [
      {
        name: 'module_id',
        label: t('Module'),
        type: 'text',
        source: 'modules',
        required: t('Choose the module'),
      },
      { name: 'status', label: t('Status'), type: 'select', options: ['in_progress', 'done', 'not_started'] },
    ],
    self_evaluation: [
      {
        name: 'item_id',
        label: t('Checklist item'),
        type: 'text',
        source: 'items',
        required: t('Choose the checklist item'),
      },
      { name: 'answer', label: t('Answer'), type: 'select', options: ['yes', 'partly', 'no'] },
      {
        name: 'evidence_ids',
        label: t('Evidence record ids'),
        type: 'list',
        source: 'records',
        hint: t('Comma-separated ids of records that show it.'),
      },
    ],
    milestone_assessment: [
      {
        name: 'competency',
        label: t('Competency area'),
        type: 'text',
        hint: t('The id of an area the ladder scores with points, e.g. data-modelling.'),
        required: t('Name the competency area'),
      },
      {
        name: 'milestone',
        label: t('Milestone (1 is the first)'),
        type: 'count',
        required: t('Give the milestone number'),
        hint: t('Record it in your own name: the builder’s points count only assessments by someone else.'),
      },
      { name: 'note', label: t('What you saw'), type: 'long' },
    ],
  };
}

export interface EvidenceFormOptions {
  /** The clients to offer; without it leadership gets every client and a builder the clients they were placed with. */
  clients?: PickerOption[];
  modules?: { value: string; label: string }[];
  items?: { value: string; label: string }[];
  records?: { value: string; label: string }[];
  /** The competency areas of the builder's ladder: a record may name those it speaks to (any kind). */
  competencies?: { value: string; label: string }[];
}

function initialValues(kind: EvidenceKind): Record<string, string | boolean> {
  const values: Record<string, string | boolean> = {};
  for (const field of kindFieldTable()[kind]) {
    if (field.type === 'bool') values[field.name] = false;
    else if (field.type === 'select') values[field.name] = field.options?.[0] ?? '';
    else if (field.type === 'date') values[field.name] = todayIso();
    else values[field.name] = '';
  }
  return values;
}

function toBody(kind: EvidenceKind, values: Record<string, string | boolean>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of kindFieldTable()[kind]) {
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

/** The problems the form finds before sending: each empty field that must be given, in words. */
function missingFields(
  kind: EvidenceKind,
  values: Record<string, string | boolean>,
  common: { builder: string; date: string },
): Record<string, string> {
  const problems: Record<string, string> = {};
  if (common.builder === '') problems.builder = t('Choose the builder');
  if (common.date === '') problems.date = t('Give the day it happened');
  for (const field of kindFieldTable()[kind]) {
    if (field.required !== undefined && String(values[field.name] ?? '').trim() === '')
      problems[field.name] = field.required;
  }
  return problems;
}

/** The server's field messages by field name (`body.client` → `client`, `competencies[1]` → `competencies`). */
function serverFieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return {};
  const found: Record<string, string> = {};
  for (const detail of error.details as { field?: unknown; message?: unknown }[]) {
    if (typeof detail.field !== 'string' || typeof detail.message !== 'string') continue;
    const name = detail.field.replace(/^body\./, '').replace(/(\[\d+\]|\.\d+)$/, '');
    found[name] ??= detail.message;
  }
  return found;
}

/** Where a record can be read after it is recorded: the ledger on /evidence, opened at the record. */
function recordLink(record: EvidenceRecord, ownBuilder: string | null): string {
  const query = new URLSearchParams();
  if (record.builder !== ownBuilder) query.set('builder', record.builder);
  query.set('record', record.id);
  return `/evidence?${query.toString()}`;
}

/**
 * Records evidence of every kind for a builder. People and clients are chosen from searchable pickers;
 * a field left empty is named in words before anything is sent, and a refusal of the server is shown
 * under the field it names, keeping what was typed.
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
  const session = useSession().data ?? null;
  const role = session?.role;
  const [kind, setKind] = useState<EvidenceKind>(kinds[0] ?? 'decision');
  const [values, setValues] = useState(() => initialValues(kinds[0] ?? 'decision'));
  const [subject, setSubject] = useState(builder);
  const [date, setDate] = useState(todayIso());
  const [saved, setSaved] = useState<EvidenceRecord | null>(null);
  const [tags, setTags] = useState<string[]>([]);
  const [missing, setMissing] = useState<Record<string, string>>({});

  const fields = kindFieldTable()[kind];
  const wantsClients = fields.some((f) => f.source === 'clients') && options.clients === undefined;
  const wantsMentees = fields.some((f) => f.source === 'mentees');
  const rosterBuilders = useRosterBuilderOptions(builderEditable && role === 'leadership');
  const clientBuilders = useClientBuilderOptions(builderEditable && role === 'client_stakeholder');
  const allClients = useClientOptions(wantsClients && role === 'leadership');
  const placedClients = usePlacedClientOptions(subject, wantsClients && role === 'builder');
  const mentees = useMenteeOptions(subject, wantsMentees && role !== 'client_stakeholder');
  const builderPicker = role === 'leadership' ? rosterBuilders : clientBuilders;
  const clientPicker = role === 'leadership' ? allClients : placedClients;
  const pickerOptions = (
    source: FieldSpec['source'],
  ): { list: PickerOption[]; loading: boolean } | undefined => {
    if (source === 'clients') {
      if (options.clients !== undefined) return { list: options.clients, loading: false };
      return { list: clientPicker.data ?? [], loading: clientPicker.isPending };
    }
    if (source === 'mentees') return { list: mentees.data ?? [], loading: mentees.isPending };
    return undefined;
  };

  const pickKind = (next: EvidenceKind) => {
    setKind(next);
    setValues(initialValues(next));
    setSaved(null);
    setMissing({});
    record.reset();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    const problems = missingFields(kind, values, { builder: subject, date });
    setMissing(problems);
    if (Object.keys(problems).length > 0) {
      record.reset();
      return;
    }
    const body = {
      kind,
      builder: subject,
      date,
      ...toBody(kind, values),
      ...(tags.length === 0 ? {} : { competencies: tags }),
    };
    record.mutate(body, {
      onSuccess: (answer) => {
        setSaved(answer);
        setValues(initialValues(kind));
        setTags([]);
        onRecorded?.(answer.id);
      },
    });
  };

  const serverErrors = serverFieldErrors(record.error);
  const fieldError = (name: string): string | undefined => missing[name] ?? serverErrors[name];
  const shownOnFields = (['builder', 'date', 'competencies', ...fields.map((f) => f.name)] as string[]).some(
    (name) => serverErrors[name] !== undefined,
  );
  const formError =
    Object.keys(missing).length > 0
      ? t('Some fields need an answer: see the messages under them.')
      : record.error === null
        ? undefined
        : shownOnFields
          ? t('The record was not saved: see the messages under the fields.')
          : record.error.message;
  // A client contact cannot read the ledger, so their confirmation has no link.
  const canReadLedger = role === 'builder' || role === 'leadership';
  const ownBuilder = session?.role === 'builder' ? session.email : null;

  return (
    <Card title={t('Record evidence')} id="record-evidence">
      <form onSubmit={submit} aria-label={t('Record evidence')} noValidate>
        <div className="form-row">
          <SelectField
            label={t('Kind of evidence')}
            value={kind}
            onChange={(e) => pickKind(e.target.value as EvidenceKind)}
            options={kinds.map((k) => ({ value: k, label: humanize(k) }))}
          />
          {builderEditable ? (
            <PersonPicker
              label={t('Builder')}
              required
              options={builderPicker.data ?? []}
              loading={builderPicker.isPending}
              value={subject}
              onChange={setSubject}
              error={fieldError('builder')}
            />
          ) : (
            <TextField label={t('Builder')} value={subject} readOnly />
          )}
          <TextField
            label={t('Date')}
            type="date"
            required
            value={date}
            onChange={(e) => setDate(e.target.value)}
            error={fieldError('date')}
          />
        </div>
        {fields.map((field) => {
          const value = values[field.name];
          const set = (next: string | boolean) => setValues({ ...values, [field.name]: next });
          const picker = pickerOptions(field.source);
          const sourceOptions =
            field.source === undefined || field.source === 'mentees' || picker !== undefined
              ? undefined
              : options[field.source];
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
          if (picker !== undefined)
            return (
              <PersonPicker
                key={`${kind}-${field.name}`}
                label={field.label}
                required={field.required !== undefined}
                options={picker.list}
                loading={picker.loading}
                emptyText={field.source === 'mentees' ? t('No mentee matches') : t('No client matches')}
                value={String(value)}
                onChange={(next) => set(next)}
                error={fieldError(field.name)}
              />
            );
          if (sourceOptions !== undefined && sourceOptions.length > 0 && field.type !== 'list')
            return (
              <SelectField
                key={field.name}
                label={field.label}
                value={String(value)}
                onChange={(e) => set(e.target.value)}
                options={[{ value: '', label: t('Choose…') }, ...sourceOptions]}
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
            <legend>{t('Competencies this speaks to (optional)')}</legend>
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
            {t(
              'Recorded in your name ({recorder}): evidence that someone other than the builder must vouch for counts because you record it.',
              { recorder },
            )}
          </p>
        )}
        <FormMessage error={formError} />
        {saved !== null && (
          <p className="form-message form-success" role="status" data-testid="recorded">
            {t('Recorded: {kind} ‘{title}’.', { kind: humanize(saved.kind), title: recordTitle(saved) })}{' '}
            {canReadLedger && <Link to={recordLink(saved, ownBuilder)}>{t('See it in the ledger')}</Link>}
          </p>
        )}
        <button type="submit" className="button" disabled={record.isPending}>
          {record.isPending ? t('Recording…') : t('Record')}
        </button>
      </form>
    </Card>
  );
}
