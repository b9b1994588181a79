/**
 * "Did you mean …?": the word a typo most likely meant, for commands, flags, config keys, enum values
 * and environment names. Edit distance from `fastest-levenshtein`; a known word that starts with what was
 * typed (`designerApp` → `designerApplication`) counts too: a cut-off name is as common a slip as a typo.
 */

/** Words longer than this are not compared (a pasted blob is no typo, and its distance costs time). */
const MAX_WORD = 128;
/** A prefix must be at least this long to stand for a longer word. */
const MIN_PREFIX = 4;

/** The candidate closest to `word`, when close enough to be a typo of it; case is ignored. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  if (word.length === 0 || word.length > MAX_WORD) return undefined;
  // Loaded on first use: --help and a clean run never need it.
  const { distance } = require("fastest-levenshtein") as typeof import("fastest-levenshtein");
  const typed = word.toLowerCase();
  const limit = Math.max(2, Math.floor(typed.length / 3));
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    if (candidate.length > MAX_WORD) continue;
    const known = candidate.toLowerCase();
    let score: number | undefined;
    if (known === typed) score = 0;
    else if (Math.abs(known.length - typed.length) <= limit) {
      const d = distance(known, typed);
      if (d <= limit && d < typed.length) score = d;
    }
    if (score === undefined && typed.length >= MIN_PREFIX && known.startsWith(typed)) {
      // A cut-off name, after every real typo; among several, the shortest.
      score = limit + 0.5 + Math.abs(known.length - typed.length) / (2 * MAX_WORD);
    }
    if (score === undefined) continue;
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/** ` Did you mean X?` (with the leading space), or an empty string when nothing is close. */
export function didYouMean(word: string, candidates: Iterable<string>, show: (s: string) => string = (s) => s): string {
  const guess = closest(word, candidates);
  return guess === undefined ? "" : ` Did you mean ${show(guess)}?`;
}
