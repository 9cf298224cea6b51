import { useSearchParams } from 'react-router';
import { DateField } from './date-field';
import { t } from '../../i18n/i18n';

/** "As of" day for screens that evaluate on a date: kept in `?at=` so the view can be linked. */
export function AsOfPicker() {
  const [params, setParams] = useSearchParams();
  return (
    <div className="as-of">
      <DateField
        label={t('As of')}
        value={params.get('at') ?? new Date().toISOString().slice(0, 10)}
        onChange={(iso) => {
          // Text that is not a day yet (half typed) changes nothing.
          if (iso === null) return;
          const next = new URLSearchParams(params);
          if (iso === '') next.delete('at');
          else next.set('at', iso);
          setParams(next);
        }}
      />
    </div>
  );
}
