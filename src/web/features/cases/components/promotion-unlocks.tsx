import { Card } from '../../../components/ui/card';
import { QueryView } from '../../../components/ui/query-state';
import { formatDay } from '../../../lib/format';
import { useLadderLevel } from '../api/get-ladder-level';

/**
 * What a promotion brings from its effective day, as the ladder in force on that day says: billing tier,
 * mentoring slots (and the levels and referral terms that go with them) and the level's unlocks. Every
 * computation reads the level history by date, so these apply from that day.
 */
export function PromotionUnlocks({
  ladder,
  level,
  since,
  who,
}: {
  ladder: string;
  level: string;
  since: string;
  /** "you" for the candidate, the name for leadership. */
  who: string;
}) {
  const query = useLadderLevel(ladder, level, since);
  return (
    <Card title={`What ${level} brings from ${formatDay(since)}`} id="unlocks">
      <QueryView query={query} label="Reading the level…">
        {({ level: def }) => {
          const gives = def.mentorship?.gives;
          return (
            <dl className="record-details" data-testid="unlocks">
              <dt>Level</dt>
              <dd data-testid="unlocks-level">
                {who} {who === 'You' ? 'are' : 'is'} {def.label ?? def.id}
                {def.title === undefined || def.title === (def.label ?? def.id)
                  ? ''
                  : ` (${def.title})`} from {formatDay(since)}
              </dd>
              {def.billing_tier !== undefined && (
                <>
                  <dt>Billing tier</dt>
                  <dd>{def.billing_tier}</dd>
                </>
              )}
              <dt>Mentoring</dt>
              <dd data-testid="unlocks-slots">
                {gives === undefined || gives.slots === 0
                  ? 'No mentee slots at this level'
                  : `${gives.slots} mentee slot${gives.slots === 1 ? '' : 's'} for ${gives.mentee_levels.join(', ')}, ${gives.checkin_cadence} check-ins${
                      gives.referral === undefined
                        ? ''
                        : `; referral ${gives.referral.percent} % for ${gives.referral.months} months`
                    }`}
              </dd>
              {(def.unlocks ?? []).length > 0 && (
                <>
                  <dt>Unlocks</dt>
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
          );
        }}
      </QueryView>
    </Card>
  );
}
