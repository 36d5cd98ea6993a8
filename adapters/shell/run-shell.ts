import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Reply } from '../../src/domain/message';
import type { CommandRequest } from '../../src/commands/run-command';
import { renderForShell, SHELL_COMMUNITY, shellPersonId, toCoreText } from './shell-people';

export interface ShellOptions {
  input: NodeJS.ReadableStream;
  write(line: string): void;
  /** Echo each input line (when reading a script or a pipe, so the transcript reads as a conversation). */
  echo: boolean;
  interactive: boolean;
  firstUser: string;
  moderators: string[];
  runCommand(request: CommandRequest): Promise<Reply>;
  /** Sends whatever the last command queued; awaited so the transcript shows it in order. */
  deliver(): Promise<void>;
}

const SHELL_HELP = [
  'Local shell: type `/mentor COMMAND` as the current person, `/as NAME` to become someone else,',
  '`/who` to see who you are, `/quit` to leave. Mention people as @name. `/mentor help` lists the bot commands.',
].join('\n');

const NAME = /^[a-z0-9._-]{1,40}$/i;

/**
 * A terminal chat with the bot: a REPL on a terminal, or a script when input is a file or a pipe. Each line is
 * one event with its own id, run through the same core as Slack and Discord.
 */
export async function runShell(options: ShellOptions): Promise<void> {
  let user = options.firstUser.toLowerCase();
  const prompt = () => (options.interactive ? `${user}> ` : '');
  const lines = createInterface({ input: options.input, terminal: options.interactive, prompt: prompt() });
  if (options.interactive) {
    options.write(SHELL_HELP);
    lines.prompt();
  }

  async function handle(line: string): Promise<boolean> {
    const text = line.trim();
    if (!text || text.startsWith('#')) return true;
    if (options.echo) options.write(`${user}> ${text}`);
    if (text === '/quit' || text === '/exit') return false;
    if (text === '/help') return (options.write(SHELL_HELP), true);
    if (text === '/who') return (options.write(`You are @${user}.`), true);
    const as = /^\/as\s+@?(\S+)$/.exec(text);
    if (as) {
      if (!NAME.test(as[1]!))
        return (options.write('A name is 1 to 40 letters, digits, dots, dashes or underscores.'), true);
      user = as[1]!.toLowerCase();
      options.write(`You are now @${user}.`);
      return true;
    }
    const command = /^\/mentor(?:\s+([\s\S]*))?$/.exec(text);
    if (!command) {
      options.write('Commands start with `/mentor` (try `/mentor help`); `/as NAME` switches person; `/quit` leaves.');
      return true;
    }
    const reply = await options.runCommand({
      communityId: SHELL_COMMUNITY,
      communityName: 'Local shell',
      actor: { id: shellPersonId(user), displayName: user, isAdmin: options.moderators.includes(user) },
      eventId: randomUUID(),
      input: toCoreText(command[1] ?? ''),
    });
    options.write(renderForShell(reply));
    if (reply.attachment) options.write(`📎 ${reply.attachment.filename}\n${reply.attachment.content.trimEnd()}`);
    await options.deliver();
    return true;
  }

  // Lines are handled one at a time, in order, even when a script arrives faster than the bot answers.
  const queue: string[] = [];
  let closed = false;
  let wake: (() => void) | null = null;
  lines.on('line', (line) => {
    queue.push(line);
    wake?.();
  });
  lines.on('close', () => {
    closed = true;
    wake?.();
  });
  for (;;) {
    const line = queue.shift();
    if (line === undefined) {
      if (closed) break;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      continue;
    }
    if (!(await handle(line))) break;
    if (options.interactive) {
      lines.setPrompt(prompt());
      lines.prompt();
    }
  }
  lines.close();
}
