import { useState, type FormEvent } from 'react';
import { Card } from '../../../components/ui/card';
import { FormMessage, TextField } from '../../../components/ui/form';
import { ApiError } from '../../../lib/api-client';
import { todayIso } from '../../../lib/format';
import { useAssignMentee } from '../api/assign-mentee';

const refusals: Record<string, string> = {
  mentor_slots_full: 'Every mentee slot of this mentor is taken',
  mentee_level_not_eligible: "The mentee's level is not one this mentor may take",
  mentor_not_eligible: 'This person may not mentor that mentee',
};

/** Leadership assigns a mentee; the ladder's slot and level rules answer, in plain words, when they refuse. */
export function AssignMenteeForm({ mentor }: { mentor?: string }) {
  const assign = useAssignMentee();
  const [mentorEmail, setMentorEmail] = useState(mentor ?? '');
  const [mentee, setMentee] = useState('');
  const [start, setStart] = useState(todayIso());
  const submit = (event: FormEvent) => {
    event.preventDefault();
    assign.mutate({ mentor: mentorEmail, mentee, start, end: null }, { onSuccess: () => setMentee('') });
  };
  const error = assign.error;
  const message =
    error === null
      ? null
      : error instanceof ApiError && refusals[error.code] !== undefined
        ? `${refusals[error.code]}: ${error.message}`
        : error.message;
  return (
    <Card title="Assign a mentee" id="assign">
      <form onSubmit={submit} aria-label="Assign a mentee">
        <div className="form-row">
          <TextField
            label="Mentor (email)"
            type="email"
            required
            value={mentorEmail}
            onChange={(e) => setMentorEmail(e.target.value)}
          />
          <TextField
            label="Mentee (email)"
            type="email"
            required
            value={mentee}
            onChange={(e) => setMentee(e.target.value)}
          />
          <TextField
            label="Start"
            type="date"
            required
            value={start}
            onChange={(e) => setStart(e.target.value)}
          />
        </div>
        <FormMessage error={message} success={assign.isSuccess ? 'Mentee assigned.' : null} />
        <button type="submit" className="button" disabled={assign.isPending}>
          Assign
        </button>
      </form>
    </Card>
  );
}
