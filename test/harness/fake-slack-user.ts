import type { FakeSlackUserConfig } from './fake-slack-state';

/**
 * The `user` object of users.info, shaped like Slack's (ids, tz trio, role flags, profile), from a short
 * config. `tz_offset` and `tz_label` are derived from the zone the way Slack reports them (the offset in
 * force now), so code that wrongly trusts the offset over the zone name behaves as it would in production.
 */
export function fakeSlackUser(
  id: string,
  config: FakeSlackUserConfig,
  defaultTeamId: string,
  now = new Date(),
): Record<string, unknown> {
  const name = config.name ?? id.toLowerCase();
  const realName = config.realName ?? `Person ${id}`;
  const displayName = config.displayName ?? name;
  const tz = config.tz ?? 'Europe/London';
  const isOwner = config.isOwner ?? config.isPrimaryOwner ?? false;
  const user: Record<string, unknown> = {
    id,
    team_id: config.teamId ?? defaultTeamId,
    name,
    deleted: config.deleted ?? false,
    color: '9f69e7',
    real_name: realName,
    tz,
    tz_label: zoneLabel(tz, now),
    tz_offset: zoneOffsetSeconds(tz, now),
    profile: {
      real_name: realName,
      real_name_normalized: realName,
      display_name: displayName,
      display_name_normalized: displayName,
      email: config.email ?? `${name}@example.test`,
      team: config.teamId ?? defaultTeamId,
      image_72: `https://avatars.example.test/${id}_72.png`,
    },
    // Slack implies admin for owners; keeping that here stops tests from building impossible users.
    is_admin: (config.isAdmin ?? false) || isOwner,
    is_owner: isOwner,
    is_primary_owner: config.isPrimaryOwner ?? false,
    is_restricted: config.isRestricted ?? false,
    is_ultra_restricted: config.isUltraRestricted ?? false,
    is_bot: config.isBot ?? false,
    is_app_user: false,
    updated: 1_700_000_000,
  };
  if (config.locale !== undefined) user['locale'] = config.locale;
  return user;
}

function zoneOffsetSeconds(tz: string, now: Date): number {
  try {
    const text = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' })
      .formatToParts(now)
      .find((part) => part.type === 'timeZoneName')?.value;
    const match = /GMT([+-])(\d{2}):(\d{2})/.exec(text ?? '');
    if (!match) return 0;
    const seconds = Number(match[2]) * 3600 + Number(match[3]) * 60;
    return match[1] === '-' ? -seconds : seconds;
  } catch {
    // A deliberately bogus zone (to test how the bot copes) still gets an answer, as Slack would give one.
    return 0;
  }
}

function zoneLabel(tz: string, now: Date): string {
  try {
    return (
      new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'long' })
        .formatToParts(now)
        .find((part) => part.type === 'timeZoneName')?.value ?? tz
    );
  } catch {
    return tz;
  }
}
