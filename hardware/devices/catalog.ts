import { A100_SXM_80GB } from "./a100Sxm80gb.ts";
import { B200 } from "./b200.ts";
import { CEREBRAS_WSE3 } from "./cerebrasWse3.ts";
import { GAUDI3 } from "./gaudi3.ts";
import { GROQ_LPU } from "./groqLpu.ts";
import { H100_SXM } from "./h100Sxm.ts";
import { H200_SXM } from "./h200Sxm.ts";
import { L40S } from "./l40s.ts";
import { MI300X } from "./mi300x.ts";
import { RTX_4090 } from "./rtx4090.ts";
import { TPU_V5E } from "./tpuV5e.ts";
import type { DeviceSpec } from "./types.ts";

/** Every built-in device, by catalog key (the key equals the device's `name`). */
export const DEVICES: Readonly<Record<string, DeviceSpec>> = {
  "a100-80gb-sxm": A100_SXM_80GB,
  "h100-sxm": H100_SXM,
  "h200-sxm": H200_SXM,
  b200: B200,
  mi300x: MI300X,
  l40s: L40S,
  "rtx-4090": RTX_4090,
  "tpu-v5e": TPU_V5E,
  gaudi3: GAUDI3,
  "groq-lpu": GROQ_LPU,
  "cerebras-wse3": CEREBRAS_WSE3,
};

/** The built-in device keys, in catalog order. */
export const DEVICE_NAMES: readonly string[] = Object.keys(DEVICES);
