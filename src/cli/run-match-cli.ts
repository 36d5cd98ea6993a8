import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { formatMatchOutput } from '../matching/offline/format-match-output';
import { parseMatchInput } from '../matching/offline/parse-match-input';
import type { MatchFileFormat } from '../matching/offline/parsed-match-input';
import { runMatchInput } from '../matching/offline/run-match-input';

export const MATCH_USAGE = 'Usage: mentor-bot match --in FILE.json|FILE.csv [--out FILE.json|FILE.csv]';

interface MatchIo {
  stdout(text: string): void;
  stderr(text: string): void;
  now: Date;
}

function formatOf(file: string, flag: string): MatchFileFormat | string {
  const ext = extname(file).toLowerCase();
  if (ext === '.json' || ext === '.csv') return ext.slice(1) as MatchFileFormat;
  return `${flag} file "${file}" must end in .json or .csv.`;
}

/**
 * `mentor-bot match`: pairs signups from a spreadsheet or JSON file offline, with the same engine as the
 * bot's rounds. Without --out the result goes to standard output, in the input's format. Returns the exit code.
 */
export function runMatchCli(args: string[], io: MatchIo): number {
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i += 2) {
    const flag = args[i]!;
    const value = args[i + 1];
    if (flag !== '--in' && flag !== '--out')
      return (io.stderr(`Unknown option "${flag}" for match.\n${MATCH_USAGE}\n`), 2);
    if (!value || value.startsWith('--')) return (io.stderr(`${flag} needs a file name.\n${MATCH_USAGE}\n`), 2);
    flags.set(flag, value);
  }
  const input = flags.get('--in');
  if (!input) return (io.stderr(`match needs --in FILE.\n${MATCH_USAGE}\n`), 2);
  if (!existsSync(input)) return (io.stderr(`--in file "${input}" does not exist.\n`), 2);
  const inFormat = formatOf(input, '--in');
  if (inFormat !== 'json' && inFormat !== 'csv') return (io.stderr(`${inFormat}\n`), 2);
  const output = flags.get('--out');
  const outFormat = output ? formatOf(output, '--out') : inFormat;
  if (outFormat !== 'json' && outFormat !== 'csv') return (io.stderr(`${outFormat}\n`), 2);

  const parsed = parseMatchInput(readFileSync(input, 'utf8'), inFormat);
  if (!parsed.ok) return (io.stderr(`${input}: ${parsed.message}\n`), 1);
  const result = runMatchInput(parsed.value, io.now);
  const text = formatMatchOutput(result, outFormat);
  if (output) {
    writeFileSync(output, text);
    io.stderr(
      `Matched ${result.pairs.length} of ${result.pairs.length + result.unmatched.length} mentees; wrote ${output}.\n`,
    );
  } else {
    io.stdout(text);
  }
  return 0;
}
