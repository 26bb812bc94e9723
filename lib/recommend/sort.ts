import type { Confidence, Recommendation } from "./types";

const CONFIDENCE_RANK: Record<Confidence, number> = { high: 0, medium: 1, low: 2 };

/**
 * Largest monthly saving first; unknown savings after known ones; ties by confidence, then by the
 * one-line summary for a stable order. Returns a new array.
 */
export function sortRecommendations(recommendations: readonly Recommendation[]): Recommendation[] {
  return [...recommendations].sort((a, b) => {
    const sa = Number.isFinite(a.monthlySavingUsd) ? a.monthlySavingUsd : null;
    const sb = Number.isFinite(b.monthlySavingUsd) ? b.monthlySavingUsd : null;
    if (sa !== null && sb !== null && sa !== sb) return sb - sa;
    if (sa === null && sb !== null) return 1;
    if (sa !== null && sb === null) return -1;
    const byConfidence = CONFIDENCE_RANK[a.confidence] - CONFIDENCE_RANK[b.confidence];
    return byConfidence !== 0 ? byConfidence : a.summary.localeCompare(b.summary);
  });
}
