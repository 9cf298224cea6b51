import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { t } from '../../i18n/i18n';

/** One choice of a picker: the value the API takes (an email, a client id), what a person reads, and a second line. */
export interface PickerOption {
  value: string;
  label: string;
  /** Secondary text shown beside the label (an email, a level): searched too. */
  detail?: string;
}

const MAX_SHOWN = 50;

function matches(option: PickerOption, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (q === '') return true;
  return [option.label, option.detail ?? '', option.value].some((text) => text.toLowerCase().includes(q));
}

/** The option a typed text names exactly (its label, value or detail), so typing a whole name or email picks it. */
function exactOption(options: readonly PickerOption[], text: string): PickerOption | undefined {
  const t = text.trim().toLowerCase();
  if (t === '') return undefined;
  return options.find(
    (o) => o.value.toLowerCase() === t || o.label.toLowerCase() === t || o.detail?.toLowerCase() === t,
  );
}

/**
 * A searchable picker of people or clients (WAI-ARIA combobox with a listbox): type part of a name or
 * email, move with the arrow keys, Enter or a click picks, Escape closes. The field shows the name; the
 * value it reports is the option's `value` (an email or id), or '' while nothing on the list is chosen.
 */
export function PersonPicker({
  label,
  options,
  value,
  onChange,
  error,
  hint,
  required,
  loading = false,
  emptyText,
}: {
  label: string;
  options: readonly PickerOption[];
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean;
  loading?: boolean;
  emptyText?: string;
}) {
  const id = useId();
  const listId = `${id}-list`;
  const selected = options.find((o) => o.value === value);
  const [query, setQuery] = useState(selected?.label ?? value);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);

  // What this field last reported: any other value came from outside (a reset after recording, a
  // builder named in the address) and the text follows it.
  const reported = useRef(value);
  useEffect(() => {
    if (value === reported.current) return;
    reported.current = value;
    setQuery(value === '' ? '' : (options.find((o) => o.value === value)?.label ?? value));
  }, [value, options]);
  // Options that arrive after the value (a list still loading) turn a shown email into its name.
  useEffect(() => {
    const option = options.find((o) => o.value === value);
    if (option !== undefined) setQuery((now) => (now === value ? option.label : now));
  }, [options, value]);

  const report = (next: string) => {
    reported.current = next;
    onChange(next);
  };

  const shown = useMemo(() => options.filter((o) => matches(o, query)).slice(0, MAX_SHOWN), [options, query]);
  const choose = (option: PickerOption) => {
    report(option.value);
    setQuery(option.label);
    setOpen(false);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) {
        setOpen(true);
        setActive(0);
        return;
      }
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((now) => (shown.length === 0 ? 0 : (now + step + shown.length) % shown.length));
    } else if (event.key === 'Enter') {
      // Enter picks from the open list instead of submitting the form.
      const option = shown[active];
      if (open && option !== undefined) {
        event.preventDefault();
        choose(option);
      }
    } else if (event.key === 'Escape') {
      if (open) event.preventDefault();
      setOpen(false);
      setQuery(selected?.label ?? '');
    }
  };

  const describedBy = [
    hint !== undefined ? `${id}-hint` : '',
    selected?.detail ? `${id}-detail` : '',
    error ? `${id}-error` : '',
  ]
    .filter((part) => part !== '')
    .join(' ');

  return (
    <div className="field picker">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && shown[active] !== undefined ? `${id}-opt-${active}` : undefined}
        aria-invalid={error !== undefined}
        aria-required={required}
        aria-describedby={describedBy === '' ? undefined : describedBy}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setOpen(true);
          setActive(0);
          const exact = exactOption(options, event.target.value);
          report(exact?.value ?? '');
        }}
        onFocus={() => setOpen(true)}
        onClick={() => setOpen(true)}
        onBlur={() => {
          setOpen(false);
          const exact = exactOption(options, query);
          if (exact !== undefined && exact.value !== value) choose(exact);
        }}
        onKeyDown={onKeyDown}
      />
      {open && (
        <ul className="picker-list" id={listId} role="listbox" aria-label={t('{label}: choices', { label })}>
          {loading ? (
            <li className="picker-empty" role="presentation">
              {t('Loading…')}
            </li>
          ) : shown.length === 0 ? (
            <li className="picker-empty" role="presentation">
              {emptyText ?? t('Nobody matches')}
            </li>
          ) : (
            shown.map((option, index) => (
              <li
                key={option.value}
                id={`${id}-opt-${index}`}
                role="option"
                aria-selected={option.value === value}
                className={index === active ? 'picker-option picker-active' : 'picker-option'}
                // mousedown, not click: the input's blur would close the list before a click lands.
                onMouseDown={(event) => {
                  event.preventDefault();
                  choose(option);
                }}
                onMouseEnter={() => setActive(index)}
              >
                <span>{option.label}</span>
                {option.detail !== undefined && <small className="muted"> {option.detail}</small>}
              </li>
            ))
          )}
        </ul>
      )}
      {selected?.detail !== undefined && selected.detail !== '' && (
        <small id={`${id}-detail`} className="field-hint">
          {selected.detail}
        </small>
      )}
      {hint !== undefined && (
        <small id={`${id}-hint`} className="field-hint">
          {hint}
        </small>
      )}
      {error !== undefined && (
        <small id={`${id}-error`} className="field-error">
          {error}
        </small>
      )}
    </div>
  );
}
