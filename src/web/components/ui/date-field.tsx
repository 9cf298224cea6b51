import { useId, useState, type ReactNode } from 'react';
import { t } from '../../i18n/i18n';
import { dayInputPattern, formatDay, formatDayInput, parseDayInput } from '../../lib/format';

/**
 * A day typed the way the organisation's language writes it (01/03/2026 in French and in British
 * English), never the browser's own order: a native date input follows the browser's language, so an
 * English browser in a French organisation asked for 03/01/2026. An ISO day (2026-03-01) is taken too.
 * Under the field, the day in words confirms how it was read. `onChange` gets the ISO day, '' when the
 * field is empty, and null while the text is not a day or is before `min` (the field says so); the
 * parent keeps its last day as `value` meanwhile, so what is being typed stays.
 */
export function DateField({
  label,
  value,
  onChange,
  min,
  hint,
  required,
  name,
}: {
  label: string;
  /** The ISO day shown, '' for none. */
  value: string;
  onChange: (iso: string | null) => void;
  /** The first day allowed (ISO). */
  min?: string;
  hint?: ReactNode;
  required?: boolean;
  name?: string;
}) {
  const id = useId();
  const [text, setText] = useState(() => formatDayInput(value));
  // A value set from outside (a link, a reset) replaces what was typed, unless it is what was typed.
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    if (parseDayInput(text) !== value) setText(formatDayInput(value));
  }
  const parsed = parseDayInput(text);
  const pattern = dayInputPattern();
  const error =
    parsed === null
      ? t('Not a day: write it as {pattern}', { pattern })
      : min !== undefined && parsed !== '' && parsed < min
        ? t('On {date} or later', { date: formatDay(min) })
        : undefined;
  const said = parsed !== null && parsed !== '' && error === undefined ? formatDay(parsed) : undefined;
  const described = [hint === undefined ? '' : `${id}-hint`, `${id}-said`].filter((x) => x !== '').join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder={pattern}
        required={required}
        value={text}
        aria-invalid={error !== undefined}
        aria-describedby={described}
        onChange={(event) => {
          setText(event.target.value);
          const next = parseDayInput(event.target.value);
          const tooEarly = min !== undefined && next !== null && next !== '' && next < min;
          onChange(tooEarly ? null : next);
        }}
      />
      {hint !== undefined && (
        <small id={`${id}-hint`} className="field-hint">
          {hint}
        </small>
      )}
      <small id={`${id}-said`} className="field-hint" aria-live="polite" data-testid="date-said">
        {said ?? ''}
      </small>
      {error !== undefined && <small className="field-error">{error}</small>}
    </div>
  );
}
