import type { Command } from 'commander';
import { validationFailed } from '../../core/errors.js';
import { AUDIT_PAGE_MAX, listAudit, type AuditFilter } from '../../services/audit.service.js';
import { writeLine, type CliContext } from '../context.js';
import { withServices } from '../with-services.js';

interface AuditOptions {
  actor?: string;
  action?: string;
  entity?: string;
  entityId?: string;
  from?: string;
  to?: string;
  limit: string;
  json?: boolean;
}

/** `ladder audit`: the audit log, newest first, with filters; one line per entry or JSON lines. */
export function registerAuditCommand(program: Command, ctx: CliContext): void {
  program
    .command('audit')
    .description('list the audit log, newest first (every write: who, what, which entity, before/after)')
    .option('--actor <actor>', 'an email, operator:NAME or system')
    .option('--action <action>', 'e.g. account.create, placement.end')
    .option('--entity <entity>', 'e.g. builder, placement, account')
    .option('--entity-id <id>', 'one entity')
    .option('--from <date>', 'from this ISO date or date-time (inclusive)')
    .option('--to <date>', 'up to this ISO date (inclusive) or date-time')
    .option('--limit <n>', `at most n entries (1–${AUDIT_PAGE_MAX})`, '50')
    .option('--json', 'one JSON object per line, with before/after')
    .action(async (options: AuditOptions) => {
      const limit = Number(options.limit);
      if (!Number.isInteger(limit))
        throw validationFailed(`--limit: expected a whole number, got "${options.limit}"`);
      const filter: AuditFilter = { limit };
      if (options.actor !== undefined) filter.actor = options.actor;
      if (options.action !== undefined) filter.action = options.action;
      if (options.entity !== undefined) filter.entity = options.entity;
      if (options.entityId !== undefined) filter.entityId = options.entityId;
      if (options.from !== undefined) filter.from = options.from;
      if (options.to !== undefined) filter.to = options.to;
      await withServices(ctx, async (services) => {
        const rows = await listAudit(services.db, ctx.actor(), filter);
        for (const row of rows) {
          if (options.json === true) {
            writeLine(ctx.stdout, JSON.stringify({ ...row, at: row.at.toISOString() }));
          } else {
            writeLine(
              ctx.stdout,
              `${row.at.toISOString()}  ${row.actor}  ${row.action}  ${row.entity}:${row.entityId}`,
            );
          }
        }
        if (rows.length === 0 && options.json !== true) writeLine(ctx.stderr, 'no audit entries match');
      });
    });
}
