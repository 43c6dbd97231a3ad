/**
 * Expected number of distinct experts a step touches when `tokens` tokens each pick `activeExperts` of
 * `experts` experts uniformly at random: E · (1 − (1 − k/E)^T). One token touches k experts; a large batch
 * touches them all, so a decode step of a big batch reads every expert's weights.
 */
export function expectedDistinctExperts(experts: number, activeExperts: number, tokens: number): number {
  if (tokens <= 0 || experts <= 0) return 0;
  return experts * (1 - (1 - activeExperts / experts) ** tokens);
}
