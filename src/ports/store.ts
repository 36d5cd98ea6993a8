import type { Community, CommunitySettings } from '../domain/community-settings';
import type { CommunityId, PersonId } from '../domain/ids';
import type { Member, Recipient } from '../domain/member';
import type { BotMessage, Reply } from '../domain/message';
import type { Goal, Pairing, PairingSource } from '../domain/pairing';
import type { Nudge, NudgeStatus } from '../domain/nudge';
import type { MentorRequest, Round, RoundDraft } from '../domain/round';

export interface CommunityStats {
  members: number;
  mentors: number;
  mentees: number;
  paused: number;
  activePairs: number;
  atRiskPairs: number;
  endedPairs: number;
  checkInsLast30Days: number;
  /** Share of active pairs with a check-in within their cadence (0..1), null with no active pairs. */
  checkInCompletion: number | null;
  averageRating: number | null;
  ratings: number;
  thanks: number;
}

/** A message to queue: to whom, what, and not before when (absent: at once). */
export interface OutgoingMessage {
  to: PersonId;
  message: BotMessage;
  notBefore?: Date | undefined;
}

export interface PairingToNudge {
  pairing: Pairing;
  mentor: Recipient | null;
  mentee: Recipient | null;
}

export interface PendingMessage {
  id: number;
  communityId: CommunityId;
  recipientId: PersonId;
  message: BotMessage;
  attempts: number;
}

export interface PairingExportRow {
  pairingId: number;
  mentorId: PersonId;
  menteeId: PersonId;
  status: string;
  source: string;
  startedAt: Date;
  endedAt: Date | null;
  atRisk: boolean;
  checkIns: number;
  lastCheckInAt: Date | null;
  goals: number;
  goalsDone: number;
}

export interface PairingTotals {
  active: number;
  atRisk: number;
}

/** What `forget-me` removed, so the person can be told. */
export interface ForgetReport {
  profileDeleted: boolean;
  pairingsAnonymised: number;
  notesDeleted: number;
}

/**
 * Everything the core reads and writes, inside one transaction. Methods describe what the core needs, in its
 * own words; the Postgres implementation (on a server or on PGlite) lives in db/.
 */
export interface StoreTx {
  /**
   * Claims an inbound event id and returns its community, created or renamed as `ensureCommunity` does; null
   * when the event was already processed (the caller then replays the reply). One statement in the usual case:
   * every command starts here.
   */
  claimEvent(
    communityId: CommunityId,
    eventId: string,
    actorId: PersonId,
    communityName: string,
  ): Promise<Community | null>;
  saveEventReply(communityId: CommunityId, eventId: string, reply: Reply): Promise<void>;

  ensureCommunity(communityId: CommunityId, name: string): Promise<Community>;
  saveSettings(communityId: CommunityId, settings: CommunitySettings): Promise<void>;

  findMember(communityId: CommunityId, personId: PersonId): Promise<Member | null>;
  /**
   * Holds these members until the transaction ends, so two requests changing the same people's pairings run
   * one after the other (this is what makes capacity a hard limit under concurrency).
   */
  lockMembers(communityId: CommunityId, personIds: PersonId[]): Promise<void>;
  saveMember(member: Member): Promise<void>;
  listMembers(communityId: CommunityId): Promise<Member[]>;

  findPairing(communityId: CommunityId, pairingId: number): Promise<Pairing | null>;
  /**
   * The pairings among `pairingIds` that exist in the community (any order), each with what nudging its two
   * people needs (null for one who is no longer a member).
   */
  findPairingsToNudge(communityId: CommunityId, pairingIds: number[]): Promise<PairingToNudge[]>;
  activePairingsOf(communityId: CommunityId, personId: PersonId): Promise<Pairing[]>;
  /** Every pairing, active or ended, between these two people in this community. */
  pairingsBetween(communityId: CommunityId, mentorId: PersonId, menteeId: PersonId): Promise<Pairing[]>;
  createPairing(input: {
    communityId: CommunityId;
    mentorId: PersonId;
    menteeId: PersonId;
    source: PairingSource;
    cadenceMinutes: number;
    startedAt: Date;
    roundId?: number;
  }): Promise<Pairing>;
  endPairing(pairingId: number, endedBy: PersonId, reason: string, at: Date): Promise<void>;

  addCheckIn(pairingId: number, loggedBy: PersonId, note: string, at: Date): Promise<void>;
  lastCheckInAt(pairingId: number): Promise<Date | null>;
  addGoal(pairingId: number, text: string, createdBy: PersonId, at: Date): Promise<Goal>;
  /** 'missing' when there is no such goal in this pairing; 'already' when it was done before. */
  completeGoal(pairingId: number, number: number, at: Date): Promise<'done' | 'already' | 'missing'>;
  listGoals(pairingId: number): Promise<Goal[]>;

  addThanks(communityId: CommunityId, from: PersonId, to: PersonId, message: string, at: Date): Promise<void>;
  countThanksReceived(communityId: CommunityId, personId: PersonId): Promise<number>;
  addBlock(communityId: CommunityId, blocker: PersonId, blocked: PersonId, at: Date): Promise<void>;
  isBlockedEitherWay(communityId: CommunityId, a: PersonId, b: PersonId): Promise<boolean>;
  /** False when this person already gave feedback on this pairing. */
  addFeedback(pairingId: number, from: PersonId, rating: number | null, text: string, at: Date): Promise<boolean>;

  audit(communityId: CommunityId, actor: PersonId, action: string, details: object, at: Date): Promise<void>;
  /** Queues a message for delivery once the transaction commits (the outbox), not before `notBefore` if given. */
  queueMessage(communityId: CommunityId, to: PersonId, message: BotMessage, at: Date, notBefore?: Date): Promise<void>;
  /**
   * Queues several messages of the community in one go (timer batches). With `claimUntil`, the messages
   * that may go at once are also claimed until then, for this process to send right after the commit
   * (see Outbound.handOff), and are returned; without it, or for messages that must wait, none are.
   */
  queueMessages(
    communityId: CommunityId,
    messages: OutgoingMessage[],
    at: Date,
    claimUntil?: Date,
  ): Promise<PendingMessage[]>;

  /** Sets when the pairing's next check-in is due (creating it, or moving it and bumping its generation). */
  setNextNudge(communityId: CommunityId, pairingId: number, dueAt: Date): Promise<Nudge>;
  /** `setNextNudge` for several pairings (each at most once), returning the nudges in any order. */
  setNextNudges(communityId: CommunityId, next: { pairingId: number; dueAt: Date }[]): Promise<Nudge[]>;
  /** The nudge, held until the transaction ends, so a timer firing twice delivers once. */
  lockNudge(nudgeId: number): Promise<Nudge | null>;
  /** The community's nudges among `nudgeIds`, held until the transaction ends (locked in id order). */
  lockNudges(communityId: CommunityId, nudgeIds: number[]): Promise<Nudge[]>;
  /** Up to `limit` scheduled nudges due by `now`, earliest first, held; ones another transaction holds are skipped. */
  lockDueNudges(communityId: CommunityId, now: Date, limit: number): Promise<Nudge[]>;
  markNudge(nudgeId: number, status: NudgeStatus, at: Date, by?: PersonId): Promise<void>;
  /** Marks nudges sent, missed or cancelled (no answerer). */
  markNudges(nudgeIds: number[], status: 'sent' | 'missed' | 'cancelled', at: Date): Promise<void>;
  /** When the pairing's next check-in is due, or null when none is scheduled. */
  nextCheckinAt(pairingId: number): Promise<Date | null>;
  /** Active pairings flagged at risk, oldest first. */
  atRiskPairings(communityId: CommunityId): Promise<Pairing[]>;
  /** The pairing's latest nudge that was sent and not yet answered. */
  openNudge(pairingId: number): Promise<Nudge | null>;
  /** `openNudge` for several pairings: at most one per pairing, any order. */
  openNudges(pairingIds: number[]): Promise<Nudge[]>;
  /** Adds one missed check-in and returns the new count. */
  addMissedCheckin(pairingId: number): Promise<number>;
  /** Adds one missed check-in to each pairing; returns each pairing's new count. */
  addMissedCheckins(pairingIds: number[]): Promise<Map<number, number>>;
  /** After a check-in: no misses, not at risk. */
  clearMissedCheckins(pairingId: number): Promise<void>;
  setAtRisk(pairingId: number): Promise<void>;

  stats(communityId: CommunityId, now: Date): Promise<CommunityStats>;

  /** Every pairing ever made in the community (the match history), oldest first. */
  pairingHistory(communityId: CommunityId): Promise<Pairing[]>;
  /** Every block as [blocker, blocked]. */
  listBlocks(communityId: CommunityId): Promise<[PersonId, PersonId][]>;
  /** Marks people to go first next round (left unmatched), or clears it once they are matched. */
  setPriority(communityId: CommunityId, personIds: PersonId[], priority: boolean): Promise<void>;

  /** The community's open draft round, held until the transaction ends (so two publishes cannot both run). */
  lockDraftRound(communityId: CommunityId): Promise<Round | null>;
  /** Creates the open draft or replaces its content. */
  saveDraftRound(communityId: CommunityId, draft: RoundDraft, by: PersonId, at: Date): Promise<Round>;
  closeRound(roundId: number, status: 'published' | 'cancelled', by: PersonId, at: Date): Promise<void>;
  /** The newest round in any state. */
  latestRound(communityId: CommunityId): Promise<Round | null>;

  /** Null when the same request is already pending. */
  createRequest(
    communityId: CommunityId,
    menteeId: PersonId,
    mentorId: PersonId,
    at: Date,
  ): Promise<MentorRequest | null>;
  /** The request, held until the transaction ends, so a double click decides it once. */
  lockRequest(communityId: CommunityId, requestId: number): Promise<MentorRequest | null>;
  decideRequest(requestId: number, status: 'accepted' | 'declined' | 'withdrawn', at: Date): Promise<void>;

  /** One row per pairing with check-in and goal counts; never notes or feedback text. */
  exportPairings(communityId: CommunityId): Promise<PairingExportRow[]>;
  /**
   * Deletes the person's profile and private writing, and puts `anonymousId` where others keep history.
   * The claim of `currentEventId` (the `forget-me` itself) is kept, under the anonymous id.
   */
  forgetPerson(
    communityId: CommunityId,
    personId: PersonId,
    anonymousId: string,
    currentEventId: string,
  ): Promise<ForgetReport>;
}

export interface Store {
  transaction<T>(work: (tx: StoreTx) => Promise<T>): Promise<T>;
  /** The reply stored for an already-processed event. */
  processedReply(communityId: CommunityId, eventId: string): Promise<Reply | null>;
  /**
   * Takes up to `limit` messages whose time has come, oldest first, for this sender alone until `claimUntil`
   * (then, if neither sent nor failed, they are free to take again: the sender died).
   */
  claimMessages(limit: number, now: Date, claimUntil: Date): Promise<PendingMessage[]>;
  /** Gives claimed messages back unsent (the platform asked us to wait). */
  releaseMessages(ids: number[]): Promise<void>;
  /** When the next waiting message (working hours, retry backoff, an expired claim) may go, after `after`. */
  nextMessageAt(after: Date): Promise<Date | null>;
  /** Every upcoming nudge, for rebuilding the scheduler's timers. */
  scheduledNudges(): Promise<Nudge[]>;
  /**
   * Forgets processed inbound events older than `before` (platforms stop retrying within minutes; keeping
   * replies longer only holds personal text). Returns how many were removed.
   */
  pruneProcessedEvents(before: Date): Promise<number>;
  /** Skills and goals the community's members named that start with `prefix`, most common first (autocomplete). */
  knownSkills(communityId: CommunityId, prefix: string, limit: number): Promise<string[]>;
  /** Communities with an automatic round schedule. */
  roundSchedules(): Promise<{ communityId: CommunityId; cron: string; timezone: string }[]>;
  /** Active and at-risk pairings across every community, for the metrics gauges (read at each scrape). */
  pairingTotals(): Promise<PairingTotals>;
  /** Forgets delivered messages (their text may quote a private note). */
  markMessagesSent(ids: number[]): Promise<void>;
  /** Counts a failed try: given up for good when `permanent`, else tried again from `retryAt`. */
  markMessageFailed(
    id: number,
    reason: string,
    failure: { permanent: true; at: Date } | { permanent: false; at: Date; retryAt: Date },
  ): Promise<void>;
  close(): Promise<void>;
}

/**
 * The database could not be reached or dropped the connection: nothing was committed and the same request may
 * simply be tried again. Store implementations translate their driver's errors into this.
 */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
}
