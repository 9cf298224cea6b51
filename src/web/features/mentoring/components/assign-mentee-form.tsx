import { useState, type FormEvent } from 'react';
import { Card } from '../../../components/ui/card';
import { FormMessage, TextField } from '../../../components/ui/form';
import { PersonPicker } from '../../../components/ui/person-picker';
import { t } from '../../../i18n/i18n';
import { ApiError } from '../../../lib/api-client';
import { todayIso } from '../../../lib/format';
import { useRosterBuilderOptions, useStaffOptions } from '../../../lib/people-options';
import { useAssignMentee } from '../api/assign-mentee';

/** The ladder's refusals in plain words, read in the locale of the moment they are shown. */
function refusal(code: string): string | undefined {
  const words: Record<string, string> = {
    mentor_slots_full: t('Every mentee slot of this mentor is taken'),
    mentee_level_not_eligible: t("The mentee's level is not one this mentor may take"),
    mentor_not_eligible: t('This person may not mentor that mentee'),
  };
  return words[code];
}

/**
 * Leadership assigns a mentee, both people picked by name from the roster; the ladder's slot and level
 * rules answer, in plain words, when they refuse.
 */
export function AssignMenteeForm({ mentor }: { mentor?: string }) {
  const assign = useAssignMentee();
  const mentors = useStaffOptions(true);
  const builders = useRosterBuilderOptions(true);
  const [mentorEmail, setMentorEmail] = useState(mentor ?? '');
  const [mentee, setMentee] = useState('');
  const [start, setStart] = useState(todayIso());
  const [missing, setMissing] = useState<{ mentor?: string; mentee?: string }>({});
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: { mentor?: string; mentee?: string } = {};
    if (mentorEmail === '') problems.mentor = t('Choose the mentor');
    if (mentee === '') problems.mentee = t('Choose the mentee');
    setMissing(problems);
    if (problems.mentor !== undefined || problems.mentee !== undefined) {
      assign.reset();
      return;
    }
    assign.mutate({ mentor: mentorEmail, mentee, start, end: null }, { onSuccess: () => setMentee('') });
  };
  const error = assign.error;
  const known = error instanceof ApiError ? refusal(error.code) : undefined;
  const message = error === null ? null : known !== undefined ? `${known}: ${error.message}` : error.message;
  return (
    <Card title={t('Assign a mentee')} id="assign">
      <form onSubmit={submit} aria-label={t('Assign a mentee')} noValidate>
        <div className="form-row">
          <PersonPicker
            label={t('Mentor')}
            required
            options={mentors.data ?? []}
            loading={mentors.isPending}
            value={mentorEmail}
            onChange={setMentorEmail}
            error={missing.mentor}
          />
          <PersonPicker
            label={t('Mentee')}
            required
            options={(builders.data ?? []).filter((b) => b.value !== mentorEmail)}
            loading={builders.isPending}
            value={mentee}
            onChange={setMentee}
            error={missing.mentee}
          />
          <TextField
            label={t('Start')}
            type="date"
            required
            value={start}
            onChange={(e) => setStart(e.target.value)}
          />
        </div>
        <FormMessage error={message} success={assign.isSuccess ? t('Mentee assigned.') : null} />
        <button type="submit" className="button" disabled={assign.isPending}>
          {t('Assign')}
        </button>
      </form>
    </Card>
  );
}
