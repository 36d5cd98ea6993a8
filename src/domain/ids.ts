/**
 * People and places carry namespaced ids ('slack:T1:U2', 'discord:G1:U2', 'shell:local:alice'), so the core
 * never branches on the platform. Inside message text a person is written as a mention token `<@id>`, which
 * each adapter renders natively.
 */
export type PersonId = string;
export type CommunityId = string;

export const mention = (id: PersonId): string => `<@${id}>`;

/** Punctuation people type after a name (`@ana, thanks`) is not part of the mention. */
const MENTION = /^<@([^<>\s]+)>[,.;:!?]*$/;

/** The person id inside a mention token, or null when the text is not one. */
export function personIdFromMention(token: string): PersonId | null {
  return MENTION.exec(token)?.[1] ?? null;
}
