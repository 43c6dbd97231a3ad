/** A default price of one device for one hour, and where it comes from. */
export interface DevicePrice {
  readonly usdPerDeviceHour: number;
  readonly source: string;
}

const SURVEY_2026 =
  "cloud on-demand price surveys, 2026 (aimultiple.com/gpu-index May 2026; mercatus-ai.com/blog/cloud-gpu-pricing May 2026; pricegpu.pages.dev early 2026)";

/**
 * Default prices per device-hour: on-demand rental at specialist GPU clouds (Lambda, CoreWeave, RunPod,
 * TensorWave, ...), which include power, cooling and hosting. Hyperscalers list 1.5–2.5× more; reserved
 * capacity 30–50 % less. Prices move fast: treat these as a starting point and override them per scenario
 * (`cost.usdPerDeviceHour`). Confidence letters as in the hardware reference: M = one secondary source,
 * L = an assumption or an estimate. Cross-check: Splitwise (ISCA'24) priced an H100 at 2.16× an A100; these
 * give 1.97×.
 */
export const DEVICE_PRICES: Readonly<Record<string, DevicePrice>> = {
  "a100-80gb-sxm": {
    usdPerDeviceHour: 1.5,
    source: `M: ${SURVEY_2026}: specialist clouds $1.10–2.49 per A100 80 GB SXM hour`,
  },
  "h100-sxm": {
    usdPerDeviceHour: 2.95,
    source: "M: aimultiple.com/gpu-index (May 2026): median H100 on-demand price over 37 providers ≈ $2.95; Lambda lists $2.99",
  },
  "h200-sxm": {
    usdPerDeviceHour: 4.0,
    source: `M: ${SURVEY_2026}: specialist clouds $3.50–4.50 per H200 hour`,
  },
  b200: {
    usdPerDeviceHour: 5.25,
    source: "M: lyceum.technology B200 cloud pricing (Mar 2026): specialist clouds $4.50–6.00 on demand; midpoint",
  },
  mi300x: {
    usdPerDeviceHour: 1.99,
    source: "M: cliffcenter.com AMD inference economics (May 2026): median MI300X rental $1.99 (TensorWave $1.50, Vultr $1.85)",
  },
  l40s: {
    usdPerDeviceHour: 1.0,
    source: "L: assumption within the specialist-cloud range recalled for L40S ($0.80–1.30 per hour)",
  },
  "rtx-4090": {
    usdPerDeviceHour: 0.4,
    source: "L: assumption within the marketplace range recalled for RTX 4090 (vast.ai, RunPod: $0.30–0.70 per hour)",
  },
  "tpu-v5e": {
    usdPerDeviceHour: 1.2,
    source: "L: Google Cloud TPU pricing page, v5e on demand per chip-hour (recalled, not re-read)",
  },
  gaudi3: {
    usdPerDeviceHour: 2.0,
    source: "L: assumption; Gaudi 3 has few public on-demand listings. Priced between an A100 and an H100",
  },
  "groq-lpu": {
    usdPerDeviceHour: 0.6,
    source: "L: estimate, no per-chip rental exists: a GroqCard's ≈ $20k list price over 4 years ≈ $0.57 per chip-hour, before hosting",
  },
  "cerebras-wse3": {
    usdPerDeviceHour: 100,
    source: "L: estimate, no per-system rental exists: a CS-3 reported at ≈ $2–3M over 3 years ≈ $95 per system-hour, before hosting",
  },
};
