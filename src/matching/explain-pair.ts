import { experienceFit } from './fit-components';
import { formatNumber, ordinal } from './format-number';
import type { ScoringModel } from './scoring-model';

const MAX_FIT_REASONS = 3;

/**
 * Plain-word reasons for a pair, strongest contribution to the score first, at most three fit reasons;
 * priority is always named (people left out must see that they went first) and so is a load penalty
 * (otherwise a moderator cannot tell why the score is lower than the reasons suggest).
 */
export function explainPair(
  model: ScoringModel,
  mentee: number,
  mentor: number,
  slot: { load: number; penalty: number } | undefined,
): string[] {
  const w = model.weights;
  const e = model.mentees[mentee]!;
  const m = model.mentors[mentor]!;
  const fits: { text: string; weight: number }[] = [];

  const goals = model.goalDetail(mentee, mentor);
  if (goals.shared.length > 0) {
    const of = goals.total === 1 ? 'shares its 1 goal' : `shares ${goals.shared.length} of ${goals.total} goals`;
    fits.push({ text: `${of}: ${goals.shared.join(', ')}`, weight: w.goalFit * goals.fit });
  }
  const hours = model.timezoneHours(mentee, mentor);
  if (hours !== undefined && hours > 0) {
    fits.push({
      text: `${formatNumber(hours, 1)} h of shared working hours`,
      weight: (w.timezoneOverlap * hours) / 12,
    });
  }
  if (m.experienceYears !== undefined && e.experienceYears !== undefined && m.experienceYears > e.experienceYears) {
    const gap = formatNumber(m.experienceYears - e.experienceYears, 1);
    fits.push({
      text: `mentor has ${gap} more year${gap === '1' ? '' : 's'} of experience`,
      weight: w.experienceGap * experienceFit(m.experienceYears, e.experienceYears),
    });
  }
  if (m.cadenceDays !== undefined && e.cadenceDays !== undefined && m.cadenceDays > 0 && e.cadenceDays > 0) {
    const ratio = Math.max(m.cadenceDays, e.cadenceDays) / Math.min(m.cadenceDays, e.cadenceDays);
    if (m.cadenceDays === e.cadenceDays) {
      fits.push({ text: `both prefer a check-in every ${formatNumber(m.cadenceDays, 1)} days`, weight: w.cadence });
    } else if (ratio < 4) {
      const text = `close check-in rhythms (every ${formatNumber(m.cadenceDays, 1)} and ${formatNumber(e.cadenceDays, 1)} days)`;
      fits.push({ text, weight: w.cadence * (1 - Math.log2(ratio) / 2) });
    }
  }
  const languages = model.sharedLanguages(mentee, mentor);
  if (languages.length > 0) fits.push({ text: `both speak ${languages.slice(0, 3).join(', ')}`, weight: 1e-9 });
  if (m.priority === true) fits.push({ text: 'mentor had room but no mentee last round', weight: w.priority * 0.25 });

  fits.sort((a, b) => b.weight - a.weight);
  const reasons: string[] = [];
  if (e.priority === true) reasons.push('was left unmatched last round (priority)');
  reasons.push(...fits.slice(0, MAX_FIT_REASONS).map((f) => f.text));
  if (reasons.length === 0) reasons.push('the best fit available among mentors with room');
  if (slot !== undefined && slot.penalty > 0) {
    reasons.push(`mentor's ${ordinal(slot.load + 1)} mentee (−${formatNumber(slot.penalty, 4)} to spread load)`);
  }
  return reasons;
}
