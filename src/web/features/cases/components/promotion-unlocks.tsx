import { Card } from '../../../components/ui/card';
import { QueryView } from '../../../components/ui/query-state';
import { t } from '../../../i18n/i18n';
import { formatDay, formatNumber } from '../../../lib/format';
import { useLadderLevel, type PromotedLevel } from '../api/get-ladder-level';
import { cadenceWord } from '../case-words';

/** Who holds the level from when: "You are L5 (Senior) from 1 Feb 2026", or the candidate by name. */
function holdsSentence(candidate: string | null, def: PromotedLevel, since: string): string {
  const level = def.label ?? def.id;
  const date = formatDay(since);
  const title = def.title === undefined || def.title === level ? undefined : def.title;
  if (candidate === null)
    return title === undefined
      ? t('You are {level} from {date}', { level, date })
      : t('You are {level} ({title}) from {date}', { level, title, date });
  return title === undefined
    ? t('{name} is {level} from {date}', { name: candidate, level, date })
    : t('{name} is {level} ({title}) from {date}', { name: candidate, level, title, date });
}

/** The mentee slots a level gives, with their levels, cadence and referral terms. */
function slotsSentence(gives: NonNullable<PromotedLevel['mentorship']>['gives']): string {
  if (gives === undefined || gives.slots === 0) return t('No mentee slots at this level');
  const values = {
    slots: gives.slots,
    levels: gives.mentee_levels.join(', '),
    cadence: cadenceWord(gives.checkin_cadence),
  };
  return gives.referral === undefined
    ? t(
        '{slots, plural, one {# mentee slot} other {# mentee slots}} for {levels}, {cadence} check-ins',
        values,
      )
    : t(
        '{slots, plural, one {# mentee slot} other {# mentee slots}} for {levels}, {cadence} check-ins; referral {percent} % for {months, plural, one {# month} other {# months}}',
        { ...values, percent: formatNumber(gives.referral.percent), months: gives.referral.months },
      );
}

/**
 * What a promotion brings from its effective day, as the ladder in force on that day says: billing tier,
 * mentoring slots (and the levels and referral terms that go with them) and the level's unlocks. Every
 * computation reads the level history by date, so these apply from that day.
 */
export function PromotionUnlocks({
  ladder,
  level,
  levelLabel,
  since,
  candidate,
}: {
  ladder: string;
  level: string;
  /** How the level is shown (its label), when the caller has it; the id otherwise. */
  levelLabel?: string;
  since: string;
  /** The candidate's name for leadership; null when the candidate reads it ("You are …"). */
  candidate: string | null;
}) {
  const query = useLadderLevel(ladder, level, since);
  return (
    <Card
      title={t('What {level} brings from {date}', { level: levelLabel ?? level, date: formatDay(since) })}
      id="unlocks"
    >
      <QueryView query={query} label={t('Reading the level…')}>
        {({ level: def }) => (
          <dl className="record-details" data-testid="unlocks">
            <dt>{t('Level')}</dt>
            <dd data-testid="unlocks-level">{holdsSentence(candidate, def, since)}</dd>
            {def.billing_tier !== undefined && (
              <>
                <dt>{t('Billing tier')}</dt>
                <dd>{def.billing_tier}</dd>
              </>
            )}
            <dt>{t('Mentoring')}</dt>
            <dd data-testid="unlocks-slots">{slotsSentence(def.mentorship?.gives)}</dd>
            {(def.unlocks ?? []).length > 0 && (
              <>
                <dt>{t('Unlocks')}</dt>
                <dd>
                  <ul data-testid="unlocks-list">
                    {(def.unlocks ?? []).map((u) => (
                      <li key={u}>{u}</li>
                    ))}
                  </ul>
                </dd>
              </>
            )}
          </dl>
        )}
      </QueryView>
    </Card>
  );
}
