/**
 * Facility power = IT power (accelerators and their hosts) × PUE (power usage effectiveness: cooling,
 * power conversion, lighting). The default is a modern hyperscale-class facility: Google's fleet runs at
 * ≈ 1.10 and new builds at 1.1–1.2 (Google sustainability reports, reference §4.2). The industry average is
 * ≈ 1.56 (Uptime Institute Global Data Center Survey 2024).
 */
export const DEFAULT_PUE = 1.2;
export const INDUSTRY_AVERAGE_PUE = 1.56;

export const JOULES_PER_KWH = 3.6e6;
export const JOULES_PER_MWH = 3.6e9;
export const W_PER_MW = 1e6;
export const S_PER_HOUR = 3600;
