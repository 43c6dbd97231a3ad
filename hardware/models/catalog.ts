import { DEEPSEEK_V3 } from "./deepseekV3.ts";
import { LLAMA_2_13B, LLAMA_2_70B, LLAMA_2_7B } from "./llama2.ts";
import { LLAMA_3_1_405B, LLAMA_3_1_70B, LLAMA_3_1_8B } from "./llama31.ts";
import { MISTRAL_7B, MIXTRAL_8X7B } from "./mistral.ts";
import { QWEN_2_5_72B } from "./qwen25.ts";
import type { ModelSpec } from "./types.ts";

/** Every built-in model, by catalog key (the key equals the model's `name`). */
export const MODELS: Readonly<Record<string, ModelSpec>> = {
  "llama-2-7b": LLAMA_2_7B,
  "llama-2-13b": LLAMA_2_13B,
  "llama-2-70b": LLAMA_2_70B,
  "llama-3.1-8b": LLAMA_3_1_8B,
  "llama-3.1-70b": LLAMA_3_1_70B,
  "llama-3.1-405b": LLAMA_3_1_405B,
  "mistral-7b": MISTRAL_7B,
  "mixtral-8x7b": MIXTRAL_8X7B,
  "qwen2.5-72b": QWEN_2_5_72B,
  "deepseek-v3": DEEPSEEK_V3,
};

/** The built-in model keys, in catalog order. */
export const MODEL_NAMES: readonly string[] = Object.keys(MODELS);
