/** The fake's workspace when none is configured; request builders default to it too. */
export const DEFAULT_TEAM_ID = 'T0001';
export const DEFAULT_APP_ID = 'A0MENTOR';

/** The bot user id the fake gives a workspace that does not name one, e.g. `U0BOT0001` for T0001. */
export const defaultBotUserId = (teamId: string): string => `U0BOT${teamId.replace(/^T/, '')}`;
export const defaultBotId = (teamId: string): string => `B0BOT${teamId.replace(/^T/, '')}`;

/** How users.info describes one person; everything is optional so tests set only what they assert on. */
export interface FakeSlackUserConfig {
  tz?: string;
  name?: string;
  realName?: string;
  displayName?: string;
  email?: string;
  locale?: string;
  teamId?: string;
  isAdmin?: boolean;
  isOwner?: boolean;
  isPrimaryOwner?: boolean;
  isRestricted?: boolean;
  isUltraRestricted?: boolean;
  isBot?: boolean;
  deleted?: boolean;
}

/** One workspace the app is installed in (several make multi-workspace install tests possible). */
export interface FakeSlackWorkspace {
  teamId: string;
  teamName?: string;
  domain?: string;
  botToken?: string;
  botUserId?: string;
  botId?: string;
  /** The OAuth `code` that oauth.v2.access exchanges for this workspace's install (default `code-<teamId>`). */
  installCode?: string;
  installerUserId?: string;
  enterpriseId?: string;
  enterpriseName?: string;
}

export interface FakeSlackApiOptions {
  /** Default: one workspace, T0001, bot token `xoxb-T0001-fake`. */
  workspaces?: FakeSlackWorkspace[];
  users?: Record<string, FakeSlackUserConfig>;
  /** users.info for a user not in `users`: a plausible default person, or Slack's `user_not_found`. */
  unknownUsers?: 'default' | 'not_found';
  /** Answer `invalid_auth` to tokens no workspace owns; off by default so quick tests need no token setup. */
  rejectUnknownTokens?: boolean;
  appId?: string;
  /** When set, oauth.v2.access checks them, as Slack does (`invalid_client_id`, `bad_client_secret`). */
  clientId?: string;
  clientSecret?: string;
  botScopes?: string;
}

export type ResolvedWorkspace = Required<Omit<FakeSlackWorkspace, 'enterpriseId' | 'enterpriseName'>> & {
  enterpriseId: string | null;
  enterpriseName: string | null;
};

/** Who a token belongs to: the workspace, and the bot or the installing user. */
export interface TokenOwner {
  workspace: ResolvedWorkspace;
  userId: string;
  isBot: boolean;
}

/** A file announced with files.getUploadURLExternal, filled in as the upload dance proceeds. */
export interface RecordedSlackUpload {
  fileId: string;
  filename: string;
  length: number;
  altText: string | undefined;
  /** The bytes posted to the upload URL; undefined until then. */
  content: Buffer | undefined;
  completed: boolean;
  channelId: string | undefined;
  initialComment: string | undefined;
  threadTs: string | undefined;
  title: string | undefined;
}

/** Everything the default method handlers remember between calls. */
export interface FakeSlackState {
  origin: string;
  appId: string;
  options: FakeSlackApiOptions;
  workspaces: ResolvedWorkspace[];
  tokens: Map<string, TokenOwner>;
  uploads: RecordedSlackUpload[];
  views: Map<string, Record<string, unknown>>;
  /** Sorted, comma-joined member ids → the DM or group DM that conversations.open gave them. */
  conversations: Map<string, string>;
  counters: Map<string, number>;
}

export function createFakeSlackState(options: FakeSlackApiOptions, origin: string): FakeSlackState {
  const workspaces = (options.workspaces ?? [{ teamId: DEFAULT_TEAM_ID }]).map(resolveWorkspace);
  if (workspaces.length === 0) throw new Error('startFakeSlackApi: give at least one workspace');
  const tokens = new Map<string, TokenOwner>();
  for (const workspace of workspaces) {
    tokens.set(workspace.botToken, { workspace, userId: workspace.botUserId, isBot: true });
  }
  return {
    origin,
    appId: options.appId ?? DEFAULT_APP_ID,
    options,
    workspaces,
    tokens,
    uploads: [],
    views: new Map(),
    conversations: new Map(),
    counters: new Map(),
  };
}

function resolveWorkspace(workspace: FakeSlackWorkspace): ResolvedWorkspace {
  const { teamId } = workspace;
  const suffix = teamId.replace(/^T/, '');
  return {
    teamId,
    teamName: workspace.teamName ?? `Workspace ${teamId}`,
    domain: workspace.domain ?? `ws-${teamId.toLowerCase()}`,
    botToken: workspace.botToken ?? `xoxb-${teamId}-fake`,
    botUserId: workspace.botUserId ?? defaultBotUserId(teamId),
    botId: workspace.botId ?? defaultBotId(teamId),
    installCode: workspace.installCode ?? `code-${teamId}`,
    installerUserId: workspace.installerUserId ?? `U0ADMIN${suffix}`,
    enterpriseId: workspace.enterpriseId ?? null,
    enterpriseName: workspace.enterpriseName ?? null,
  };
}

/** Deterministic, Slack-looking ids (`V00000001`), so failures read the same on every run. */
export function nextId(state: FakeSlackState, prefix: string): string {
  const n = (state.counters.get(prefix) ?? 0) + 1;
  state.counters.set(prefix, n);
  return `${prefix}${String(n).padStart(8, '0')}`;
}

/** Message timestamps one second apart from a fixed epoch: unique, ordered, and stable across runs. */
export function nextTs(state: FakeSlackState): string {
  const n = (state.counters.get('ts') ?? 0) + 1;
  state.counters.set('ts', n);
  return `${1_700_000_000 + n}.000100`;
}

/** The workspace a `team` argument names (for org-wide tokens), else the token's own workspace. */
export function workspaceFor(state: FakeSlackState, teamId: unknown, owner: TokenOwner | undefined) {
  const named = typeof teamId === 'string' ? state.workspaces.find((w) => w.teamId === teamId) : undefined;
  return named ?? owner?.workspace ?? (state.workspaces[0] as ResolvedWorkspace);
}
