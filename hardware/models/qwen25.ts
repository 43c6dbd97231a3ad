import type { ModelSpec } from "./types.ts";

/** Qwen2.5-72B; 32,768 tokens natively (131,072 with YaRN scaling, not enabled here). */
export const QWEN_2_5_72B: ModelSpec = {
  name: "qwen2.5-72b",
  layers: 80,
  hiddenSize: 8192,
  qHeads: 64,
  kvHeads: 8,
  headDim: 128,
  ffnSize: 29568,
  vocab: 152064,
  maxContextTokens: 32768,
  tiedEmbeddings: false,
  qkvBias: true,
  source: "Hugging Face Qwen/Qwen2.5-72B config.json; GenZ Models/Model_sets/alibaba.py",
};
