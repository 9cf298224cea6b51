import { Card } from '../../../components/ui/card';
import { QueryView } from '../../../components/ui/query-state';
import { t } from '../../../i18n/i18n';
import { useLevelChoices } from '../api/get-level-choices';

/**
 * The organisation's own choices the level's page shows (the ladder file's `choices`): which numbers are
 * not the source's, each with why, as `ladder ladder render --choices` lists them.
 */
export function LevelChoices({
  ladderId,
  levelRef,
  at,
  lang,
}: {
  ladderId: string;
  /** `track/id`: names the level even where tracks share ids. */
  levelRef: string;
  at: string | undefined;
  lang: string;
}) {
  const query = useLevelChoices(ladderId, levelRef, at, true);
  return (
    <Card title={t('The organisation’s own choices')} id="choices">
      <QueryView query={query} label={t('Loading the organisation’s own choices…')}>
        {(choices) =>
          choices.length === 0 ? (
            <p>{t('This page shows none of the organisation’s own choices.')}</p>
          ) : (
            <>
              <p className="muted">
                {t(
                  'These values are the organisation’s own: the source the ladder was written from does not state them.',
                )}
              </p>
              <ul className="described" aria-label={t('The organisation’s own choices')}>
                {choices.map((choice) => (
                  <li key={`${choice.on_level ?? ''}/${choice.field}`} data-testid="choice">
                    <strong>
                      <code>{choice.field}</code>: {choice.value}
                    </strong>
                    {choice.on_level !== undefined && (
                      <span className="badge">{t('on {level}', { level: choice.on_level })}</span>
                    )}{' '}
                    — <span lang={lang}>{choice.why}</span>
                  </li>
                ))}
              </ul>
            </>
          )
        }
      </QueryView>
    </Card>
  );
}
