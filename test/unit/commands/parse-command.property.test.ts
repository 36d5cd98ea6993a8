import fc from 'fast-check';
import { parseCommand } from '../../../src/commands/parse-command';

const words = [
  'join',
  'mentor',
  'mentee',
  'both',
  'skills:',
  'goals:',
  'tz:',
  'capacity:',
  'cadence:',
  'pause',
  'until',
  'for',
  'goal',
  'add',
  'done',
  'round',
  'swap',
  'feedback',
  'config',
  '<@x:y>',
  "'; DROP TABLE members; --",
  '@',
  ':',
  ',',
  '99999999999',
];

// Whatever people type, the parser answers with a command or one plain sentence; it never throws.
describe('parseCommand on arbitrary input', () => {
  const checkAnswer = (text: string) => {
    const result = parseCommand(text);
    if (!result.ok) {
      expect(result.message).not.toMatch(/\n|\[object /);
      // A program's leak, unless the person typed the word themselves (answers quote what was typed).
      for (const leak of ['undefined', 'NaN']) if (!text.includes(leak)) expect(result.message).not.toContain(leak);
      expect(result.message.length).toBeGreaterThan(5);
    }
  };

  it('handles random text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), checkAnswer), { numRuns: 2000 });
  });

  it('handles random sequences of command words', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { maxLength: 12 }), (parts) => checkAnswer(parts.join(' '))),
      { numRuns: 2000 },
    );
  });
});
