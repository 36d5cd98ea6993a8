import { ApplicationCommandOptionType } from 'discord.js';
import { findSubcommand, mentorCommandTree, TOP_LEVEL } from '../../../adapters/discord/mentor-command-tree';
import type { OptionSpec, OptionValues, SubcommandSpec } from '../../../adapters/discord/subcommand-spec';
import { parseCommand } from '../../../src/commands/parse-command';

const ANA = '<@discord:100000000000000001:200000000000000001>';
const BEN = '<@discord:100000000000000001:200000000000000002>';

/** A plausible value per option, as readInvocation hands it over. */
function sample(option: OptionSpec, index: number): string | number | boolean {
  if (option.choices) return option.choices[0]!;
  switch (option.kind) {
    case 'user':
      return index % 2 === 0 ? ANA : BEN;
    case 'channel':
      return '<#300000000000000001>';
    case 'role':
      return '<@&400000000000000001>';
    case 'boolean':
      return true;
    case 'integer':
      return option.min ?? 1;
  }
  const strings: Record<string, string> = {
    timezone: 'Europe/Berlin',
    until: '2030-01-31',
    cadence: 'weekly',
    cron: '0 10 * * 1#1',
    languages: 'en, es',
    value: 'off',
  };
  return strings[option.name] ?? 'pricing, contracts';
}

const leaves: [string, SubcommandSpec][] = TOP_LEVEL.flatMap((entry) =>
  'subcommands' in entry
    ? entry.subcommands.map((s): [string, SubcommandSpec] => [`${entry.name} ${s.name}`, s])
    : [[entry.name, entry] as [string, SubcommandSpec]],
);

const valuesOf = (spec: SubcommandSpec, which: 'all' | 'required'): OptionValues =>
  Object.fromEntries(
    (spec.options ?? []).filter((o) => which === 'all' || o.required).map((o, i) => [o.name, sample(o, i)] as const),
  );

describe('the /mentor command tree', () => {
  it.each(leaves)(
    '/mentor %s maps onto text the core parser accepts, with every option or only the required ones',
    (_path, spec) => {
      for (const which of ['all', 'required'] as const) {
        const values = valuesOf(spec, which);
        if (spec.form?.(values)) continue; // a form opens instead; its answers are checked by the forms' tests
        const parsed = parseCommand(spec.text(values));
        if (!parsed.ok) throw new Error(`${spec.text(values)} → ${parsed.message}`);
      }
    },
  );

  it('maps options onto the exact command the person would have typed', () => {
    const run = (group: string | null, name: string, values: OptionValues) => {
      const parsed = parseCommand(findSubcommand(group, name)!.text(values));
      return parsed.ok ? parsed.value : parsed.message;
    };
    expect(
      run(null, 'join', { role: 'mentor', skills: 'pricing, contracts', timezone: 'Europe/Berlin', capacity: 2 }),
    ).toEqual({
      name: 'join',
      role: 'mentor',
      profile: { skills: ['pricing', 'contracts'], timezone: 'Europe/Berlin', capacity: 2 },
    });
    expect(run('round', 'lock', { mentor: ANA, mentee: BEN })).toEqual({
      name: 'round-edit',
      action: 'lock',
      people: ['discord:100000000000000001:200000000000000001', 'discord:100000000000000001:200000000000000002'],
    });
    expect(run(null, 'pause', { days: 14 })).toEqual({ name: 'pause', until: { days: 14 } });
    expect(run(null, 'thanks', { person: ANA, message: 'great call' })).toMatchObject({
      name: 'thanks',
      message: 'great call',
    });
    expect(run('goal', 'done', { number: 2, partner: BEN })).toMatchObject({ name: 'goal-done', number: 2 });
    expect(run(null, 'config', { key: 'moderators', value: 'add', person: ANA })).toEqual({
      name: 'config',
      key: 'moderators',
      value: `add ${ANA}`,
    });
    expect(run(null, 'config', { key: 'fallback-channel', channel: '<#3>' })).toMatchObject({ value: '<#3>' });
    expect(run(null, 'pair', { mentor: ANA, mentee: BEN, force: true })).toMatchObject({ name: 'pair', force: true });
    expect(run(null, 'forget-me', { confirm: true })).toEqual({ name: 'forget-me', confirmed: true });
  });

  it('opens a form for a bare join, edit, checkin, end and feedback N', () => {
    expect(findSubcommand(null, 'join')!.form!({})).toBe('join');
    expect(findSubcommand(null, 'join')!.form!({ skills: 'x' })).toBe('join');
    expect(findSubcommand(null, 'join')!.form!({ role: 'mentee' })).toBeNull();
    expect(findSubcommand(null, 'edit')!.form!({})).toBe('edit');
    expect(findSubcommand(null, 'checkin')!.form!({})).toBe('checkin');
    expect(findSubcommand(null, 'end')!.form!({})).toBe('end');
    expect(findSubcommand(null, 'feedback')!.form!({ pairing: 7 })).toBe('feedback 7');
  });

  it("covers every command of the product and keeps within Discord's limits", () => {
    expect(leaves.map(([path]) => path).sort()).toEqual(
      [
        ...['help', 'home', 'join', 'profile', 'edit', 'pause', 'resume', 'leave', 'forget-me', 'suggest', 'request'],
        ...['checkin', 'goal add', 'goal done', 'goals', 'thanks', 'end', 'feedback', 'block'],
        ...['preview', 'swap', 'lock', 'unlock', 'exclude', 'include', 'publish', 'cancel', 'status', 'schedule'].map(
          (a) => `round ${a}`,
        ),
        ...['pair', 'unpair', 'stats', 'export', 'config'],
      ].sort(),
    );
    const [tree] = mentorCommandTree();
    expect(tree!.options!.length).toBeLessThanOrEqual(25);
    const check = (option: {
      name: string;
      description: string;
      type: number;
      options?: unknown[];
      required?: boolean;
      choices?: unknown[];
    }) => {
      expect(option.name).toMatch(/^[-_a-z0-9]{1,32}$/);
      expect(option.description.length).toBeGreaterThan(0);
      expect(option.description.length).toBeLessThanOrEqual(100);
      expect((option.choices ?? []).length).toBeLessThanOrEqual(25);
      const children = (option.options ?? []) as (typeof option)[];
      expect(children.length).toBeLessThanOrEqual(25);
      // Discord refuses a required option after an optional one.
      const firstOptional = children.findIndex((c) => !c.required);
      if (firstOptional >= 0) expect(children.slice(firstOptional).every((c) => !c.required)).toBe(true);
      children.forEach(check);
    };
    tree!.options!.forEach((o) => check(o as never));
    expect(
      tree!.options!.every(
        (o) =>
          o.type === ApplicationCommandOptionType.Subcommand || o.type === ApplicationCommandOptionType.SubcommandGroup,
      ),
    ).toBe(true);
  });
});
