import { fail, ok, type Result } from '../../domain/result';
import type { MatchMentee, MatchMentor } from '../types';
import { isKnownZone, unknownZoneMessage } from './input-checks';
import type { ParsedMatchInput } from './parsed-match-input';
import { parseCsvScoreTable } from './parse-csv-score-table';
import { numberCell, readCsv, splitList, wholeCell, type CsvRow } from './read-csv';

const PROFILE_COLUMNS = [
  'id',
  'role',
  'capacity',
  'skills',
  'goals',
  'languages',
  'timezone',
  'experience_years',
  'cadence_days',
  'priority',
];

/** CSV signups: a profile sheet (id, role, …) or a score table (mentor, mentee, score); see parse-match-input. */
export function parseCsvInput(text: string): Result<ParsedMatchInput> {
  const file = readCsv(text);
  if (!file.ok) return file;
  const { header, rows } = file.value;
  if (header.includes('mentor') && header.includes('mentee') && header.includes('score'))
    return parseCsvScoreTable(header, rows);
  if (!header.includes('id') || !header.includes('role')) {
    return fail(
      'invalid_input',
      'line 1: the header must start id,role,capacity,skills,goals,… or be mentor,mentee,score',
    );
  }
  const unknown = header.find((h) => !PROFILE_COLUMNS.includes(h));
  if (unknown !== undefined)
    return fail('invalid_input', `line 1: unknown column "${unknown}" (expected ${PROFILE_COLUMNS.join(', ')})`);

  const mentors: MatchMentor[] = [];
  const mentees: MatchMentee[] = [];
  const firstLine = new Map<string, number>();
  for (const row of rows) {
    const person = readPerson(row);
    if (typeof person === 'string') return fail('invalid_input', `line ${row.line}: ${person}`);
    const seen = firstLine.get(person.id);
    if (seen !== undefined)
      return fail('invalid_input', `line ${row.line}: id "${person.id}" is used twice (first on line ${seen})`);
    firstLine.set(person.id, row.line);
    if (person.mentor !== undefined) mentors.push(person.mentor);
    if (person.mentee !== undefined) mentees.push(person.mentee);
  }
  return ok({ kind: 'profiles', pool: { mentors, mentees, history: [], blocked: [], repeatWindowDays: 0 } });
}

function readPerson(row: CsvRow): { id: string; mentor?: MatchMentor; mentee?: MatchMentee } | string {
  const id = row.get('id');
  if (id === '') return 'id is required';
  const role = row.get('role').toLowerCase();
  if (role !== 'mentor' && role !== 'mentee' && role !== 'both')
    return `role "${row.get('role')}" must be mentor, mentee or both`;
  const shared: {
    languages: string[];
    timezone?: string;
    experienceYears?: number;
    cadenceDays?: number;
    priority?: boolean;
  } = {
    languages: splitList(row.get('languages')),
  };
  const zone = row.get('timezone');
  if (zone !== '') {
    if (!isKnownZone(zone)) return unknownZoneMessage('timezone', zone);
    shared.timezone = zone;
  }
  if (row.get('experience_years') !== '') {
    const years = numberCell(row.get('experience_years'), 'experience_years', 0, 80);
    if (typeof years === 'string') return years;
    shared.experienceYears = years;
  }
  if (row.get('cadence_days') !== '') {
    const days = wholeCell(row.get('cadence_days'), 'cadence_days', 1, 365);
    if (typeof days === 'string') return days;
    shared.cadenceDays = days;
  }
  const priority = row.get('priority').toLowerCase();
  if (priority !== '') {
    if (!['yes', 'no', 'true', 'false', '1', '0'].includes(priority))
      return `priority "${row.get('priority')}" must be yes or no`;
    if (['yes', 'true', '1'].includes(priority)) shared.priority = true;
  }
  const out: { id: string; mentor?: MatchMentor; mentee?: MatchMentee } = { id };
  if (role !== 'mentee') {
    const capacity = wholeCell(row.get('capacity'), 'capacity', 0, 100, 1);
    if (typeof capacity === 'string') return capacity;
    out.mentor = { id, capacity, skills: splitList(row.get('skills')), ...shared };
  }
  if (role !== 'mentor') out.mentee = { id, goals: splitList(row.get('goals')), ...shared };
  return out;
}
