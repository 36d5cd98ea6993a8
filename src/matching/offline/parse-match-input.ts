import type { Result } from '../../domain/result';
import { parseCsvInput } from './parse-csv-input';
import { parseJsonInput } from './parse-json-input';
import type { MatchFileFormat, ParsedMatchInput } from './parsed-match-input';

/**
 * Input files for `mentor-bot match --in FILE [--out FILE]` (format from the extension: .json or .csv).
 *
 * JSON, profiles:
 *   { "mentors": [{ "id": "m1", "capacity": 2, "skills": ["pricing"], "languages": ["en"],
 *                   "timezone": "America/New_York", "experienceYears": 8, "cadenceDays": 14,
 *                   "load": 1, "priority": false }],
 *     "mentees": [{ "id": "e1", "goals": ["pricing"], "languages": ["en"], "timezone": "Europe/Berlin",
 *                   "experienceYears": 1, "cadenceDays": 7, "priority": true }],
 *     "history": [["m1", "e1"], ["m2", "e3", "2024-11-30"], { "mentor": "m4", "mentee": "e5", "endedAt": "2025-01-15" }],
 *     "blocked": [["m1", "e2"]],
 *     "repeatWindowDays": 180,
 *     "weights": { "goalFit": 0.45, "loadSpread": 0.05 } }
 *   Only ids are required (and a mentor's capacity, a whole number from 0 to 100); lists default to empty.
 *   A history pair without an end date is never re-paired; with one, it is excluded while it ended less
 *   than repeatWindowDays (default 0) ago. History and blocks apply in either direction, and may name
 *   people who are not in this file. The same id may be both a mentor and a mentee ("both").
 *
 * JSON, score table: { "mentors": [{ "id": "m1", "capacity": 2 }], "mentees": [{ "id": "e1" }],
 *                      "scores": [["m1", "e1", 0.8]] }
 *   Only listed pairs are allowed; capacity defaults to 1; "mentees" is optional (then: everyone scored).
 *   The result maximises the number of mentees matched, then the sum of the listed scores.
 *
 * CSV, profiles — header id,role,capacity,skills,goals,languages,timezone,experience_years,cadence_days
 *   (any order; all but id and role optional; an extra "priority" column takes yes/no):
 *     m1,mentor,2,pricing;finding clients,,en;es,America/New_York,8,14
 *     e1,mentee,,,pricing,en,Europe/Berlin,1,7
 *     p1,both,1,design,taxes,en,Asia/Kolkata,,
 *   role is mentor, mentee or both; lists are separated by ";"; capacity defaults to 1 for mentors and is
 *   ignored for mentees; a "both" row uses skills as a mentor and goals as a mentee. History and blocks
 *   cannot be expressed in CSV: use JSON for them.
 *
 * CSV, score table — header mentor,mentee,score and optionally capacity:
 *   Mentees are everyone in the mentee column; mentors everyone in the mentor column, with capacity 1 unless
 *   a capacity column gives it (on any of the mentor's rows; rows that give it must agree). A pair may be
 *   listed once. Same objective as the JSON score table.
 *
 * Errors name the field (JSON: "mentors[2].capacity must be a whole number from 0 to 100") or the line
 * (CSV: 'line 4: capacity "two" is not a whole number'); unknown time zones, unknown fields and columns,
 * and duplicate ids are refused.
 */
export function parseMatchInput(text: string, format: MatchFileFormat): Result<ParsedMatchInput> {
  return format === 'json' ? parseJsonInput(text) : parseCsvInput(text);
}
