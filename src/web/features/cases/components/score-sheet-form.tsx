import { useState, type FormEvent } from 'react';
import { Card } from '../../../components/ui/card';
import { FormMessage, SelectField, TextAreaField } from '../../../components/ui/form';
import { t } from '../../../i18n/i18n';
import { formatDay } from '../../../lib/format';
import { useSaveSheet } from '../api/save-sheet';
import type { CaseView, SheetView } from '../types';

/** The caller's score sheet: pass/fail per assessment component, a score per criterion, a summary. */
export function ScoreSheetForm({ view, mine }: { view: CaseView; mine: SheetView | undefined }) {
  const save = useSaveSheet(view.id);
  const [components, setComponents] = useState<Record<string, string>>(
    Object.fromEntries(
      view.assessment.map((c) => [c.id, mine?.components.find((x) => x.id === c.id)?.result ?? '']),
    ),
  );
  const [scores, setScores] = useState<Record<string, string>>(
    Object.fromEntries(
      view.criteria.map((c) => [c.id, String(mine?.criteria.find((x) => x.id === c.id)?.score ?? '')]),
    ),
  );
  const [summary, setSummary] = useState(mine?.summary ?? '');
  const [message, setMessage] = useState<string | null>(null);
  if (mine?.submitted_at !== null && mine?.submitted_at !== undefined) {
    return (
      <Card title={t('Your score sheet')} id="score-sheet">
        <p role="status">
          {t('Submitted on {date}. A submitted sheet is final.', { date: formatDay(mine.submitted_at) })}
        </p>
        <ul>
          {view.criteria.map((c) => (
            <li key={c.id}>
              {t('{criterion}: {score}', {
                criterion: c.name,
                score: mine.criteria.find((x) => x.id === c.id)?.score ?? '—',
              })}
            </li>
          ))}
        </ul>
      </Card>
    );
  }
  const scaleOptions = [{ value: '', label: t('Choose a score') }];
  for (let s = view.scale.min; s <= view.scale.max; s += 1) {
    const anchor = view.scale.anchors[String(s)];
    scaleOptions.push({ value: String(s), label: anchor === undefined ? String(s) : `${s} — ${anchor}` });
  }
  const sheet = () => ({
    components: view.assessment
      .filter((c) => components[c.id] === 'pass' || components[c.id] === 'fail')
      .map((c) => ({ id: c.id, result: components[c.id] as 'pass' | 'fail' })),
    criteria: view.criteria
      .filter((c) => (scores[c.id] ?? '') !== '')
      .map((c) => ({ id: c.id, score: Number(scores[c.id]) })),
    ...(summary === '' ? {} : { summary }),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const final = (event.nativeEvent as SubmitEvent).submitter?.getAttribute('value') === 'submit';
    setMessage(null);
    save.mutate(
      { sheet: sheet(), submit: final },
      { onSuccess: () => setMessage(final ? t('Sheet submitted.') : t('Draft saved. Only you can see it.')) },
    );
  };
  return (
    <Card title={t('Your score sheet')} id="score-sheet">
      <form onSubmit={submit} aria-label={t('Score sheet')}>
        <fieldset>
          <legend>{t('Assessment components')}</legend>
          {view.assessment.map((component) => (
            <SelectField
              key={component.id}
              label={component.name}
              value={components[component.id] ?? ''}
              onChange={(e) => setComponents({ ...components, [component.id]: e.target.value })}
              options={[
                { value: '', label: t('Not judged yet') },
                { value: 'pass', label: t('Pass') },
                { value: 'fail', label: t('Fail') },
              ]}
            />
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('Criteria ({min}–{max})', { min: view.scale.min, max: view.scale.max })}</legend>
          {view.criteria.map((criterion) => (
            <SelectField
              key={criterion.id}
              label={criterion.gate ? t('{criterion} (gate)', { criterion: criterion.name }) : criterion.name}
              title={criterion.description}
              value={scores[criterion.id] ?? ''}
              onChange={(e) => setScores({ ...scores, [criterion.id]: e.target.value })}
              options={scaleOptions}
            />
          ))}
        </fieldset>
        <TextAreaField
          label={t('Feedback for the candidate')}
          value={summary}
          onChange={(e) => setSummary(e.target.value)}
        />
        <FormMessage error={save.error?.message} success={message} />
        <div className="card-actions">
          <button type="submit" className="button button-secondary" value="draft" disabled={save.isPending}>
            {t('Save draft')}
          </button>
          <button type="submit" className="button" value="submit" disabled={save.isPending}>
            {t('Submit sheet')}
          </button>
        </div>
      </form>
    </Card>
  );
}
