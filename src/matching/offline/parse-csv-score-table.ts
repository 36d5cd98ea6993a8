import { fail, ok, type Result } from '../../domain/result';
import type { ParsedMatchInput } from './parsed-match-input';
import { numberCell, wholeCell, type CsvRow } from './read-csv';

/** mentor,mentee,score[,capacity] rows; see parse-match-input for the rules. */
export function parseCsvScoreTable(header: string[], rows: CsvRow[]): Result<ParsedMatchInput> {
  const unknown = header.find((h) => !['mentor', 'mentee', 'score', 'capacity'].includes(h));
  if (unknown !== undefined)
    return fail('invalid_input', `line 1: unknown column "${unknown}" (expected mentor, mentee, score, capacity)`);
  const hasCapacity = header.includes('capacity');
  const mentors: { id: string; capacity: number }[] = [];
  const capacityOf = new Map<string, { entry: { id: string; capacity: number }; line: number }>();
  const menteeIds: string[] = [];
  const seenMentees = new Set<string>();
  const pairLine = new Map<string, number>();
  const scores: [string, string, number][] = [];
  for (const row of rows) {
    const mentor = row.get('mentor');
    const mentee = row.get('mentee');
    if (mentor === '') return fail('invalid_input', `line ${row.line}: mentor is required`);
    if (mentee === '') return fail('invalid_input', `line ${row.line}: mentee is required`);
    const score = numberCell(row.get('score'), 'score', -1e9, 1e9);
    if (typeof score === 'string') return fail('invalid_input', `line ${row.line}: ${score}`);
    const key = JSON.stringify([mentor, mentee]);
    const seen = pairLine.get(key);
    if (seen !== undefined)
      return fail(
        'invalid_input',
        `line ${row.line}: ${mentor} and ${mentee} are listed twice (first on line ${seen})`,
      );
    pairLine.set(key, row.line);
    // The capacity column belongs to the mentor: it may be left empty after its first mention, never contradicted.
    const cell = hasCapacity ? row.get('capacity') : '';
    const known = capacityOf.get(mentor);
    if (cell !== '') {
      const capacity = wholeCell(cell, 'capacity', 0, 100);
      if (typeof capacity === 'string') return fail('invalid_input', `line ${row.line}: ${capacity}`);
      if (known !== undefined && known.line > 0 && known.entry.capacity !== capacity) {
        return fail(
          'invalid_input',
          `line ${row.line}: capacity ${capacity} for ${mentor} contradicts ${known.entry.capacity} on line ${known.line}`,
        );
      }
      const entry = known?.entry ?? { id: mentor, capacity };
      if (known === undefined) mentors.push(entry);
      entry.capacity = capacity;
      capacityOf.set(mentor, { entry, line: row.line });
    } else if (known === undefined) {
      const entry = { id: mentor, capacity: 1 };
      mentors.push(entry);
      capacityOf.set(mentor, { entry, line: 0 });
    }
    if (!seenMentees.has(mentee)) {
      seenMentees.add(mentee);
      menteeIds.push(mentee);
    }
    scores.push([mentor, mentee, score]);
  }
  return ok({ kind: 'table', table: { mentors, menteeIds, scores } });
}
