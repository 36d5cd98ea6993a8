import { normalizeTags } from './normalize-tag';

/**
 * Inverse document frequency of each skill over the mentors' skill lists: idf(s) = ln(1 + (N + 1) / (df(s) + 1)),
 * N = number of mentors, df = mentors offering s. A goal only a few mentors can serve weighs more than one
 * everybody offers, so rare expertise goes to the mentees who asked for it. A goal no mentor offers gets the
 * largest weight: it still counts in the mentee's total, because it is a need the pool cannot meet.
 */
export interface SkillRarity {
  weight(normalizedSkill: string): number;
}

export function skillRarity(mentorSkills: readonly (readonly string[])[]): SkillRarity {
  const df = new Map<string, number>();
  for (const skills of mentorSkills) {
    for (const s of normalizeTags(skills)) df.set(s, (df.get(s) ?? 0) + 1);
  }
  const n = mentorSkills.length;
  return { weight: (skill) => Math.log(1 + (n + 1) / ((df.get(skill) ?? 0) + 1)) };
}
