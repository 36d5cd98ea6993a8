import { stringify } from 'csv-stringify/sync';
import { ok } from '../../domain/result';
import { plural } from '../../domain/plural';
import { privateReply, type CommandContext, type UseCaseResult } from '../command-context';
import { moderatorOnly } from './require-member';

const COLUMNS = [
  'pairing_id',
  'mentor',
  'mentee',
  'status',
  'source',
  'started_at',
  'ended_at',
  'at_risk',
  'check_ins',
  'last_check_in_at',
  'goals',
  'goals_done',
];

const iso = (date: Date | null): string => (date ? date.toISOString() : '');

/** Pairings and check-in activity as CSV, for spreadsheets and reports. Never notes or feedback text. */
export async function exportPairings(ctx: CommandContext): Promise<UseCaseResult> {
  const allowed = moderatorOnly(ctx, 'export');
  if (!allowed.ok) return allowed;
  const rows = await ctx.tx.exportPairings(ctx.community.id);
  const content = stringify(
    rows.map((r) => [
      r.pairingId,
      r.mentorId,
      r.menteeId,
      r.status,
      r.source,
      iso(r.startedAt),
      iso(r.endedAt),
      r.atRisk ? 'yes' : 'no',
      r.checkIns,
      iso(r.lastCheckInAt),
      r.goals,
      r.goalsDone,
    ]),
    { header: true, columns: COLUMNS },
  );
  const day = ctx.now.toISOString().slice(0, 10);
  return ok(
    privateReply(`Export of ${plural(rows.length, 'pairing')} with check-in and goal counts (no private notes).`, {
      attachment: { filename: `mentor-pairings-${day}.csv`, mimeType: 'text/csv', content },
    }),
  );
}
