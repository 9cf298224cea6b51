import { useSearchParams } from 'react-router';
import { TextField } from './form';
import { t } from '../../i18n/i18n';

/** "As of" day for screens that evaluate on a date: kept in `?at=` so the view can be linked. */
export function AsOfPicker() {
  const [params, setParams] = useSearchParams();
  return (
    <div className="as-of">
      <TextField
        label={t('As of')}
        type="date"
        value={params.get('at') ?? new Date().toISOString().slice(0, 10)}
        onChange={(event) => {
          const next = new URLSearchParams(params);
          if (event.target.value === '') next.delete('at');
          else next.set('at', event.target.value);
          setParams(next);
        }}
      />
    </div>
  );
}
