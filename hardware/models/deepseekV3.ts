import type { ModelSpec } from "./types.ts";

/**
 * DeepSeek-V3 (and R1): MLA attention, 3 dense layers then 58 MoE layers of 256 routed experts (top-8) plus
 * one shared expert. The 14B multi-token-prediction module on Hugging Face is not counted (671B, not 685B).
 */
export const DEEPSEEK_V3: ModelSpec = {
  name: "deepseek-v3",
  layers: 61,
  hiddenSize: 7168,
  qHeads: 128,
  kvHeads: 128,
  headDim: 128,
  ffnSize: 18432,
  vocab: 129280,
  maxContextTokens: 163840,
  tiedEmbeddings: false,
  qkvBias: false,
  moe: { experts: 256, activeExperts: 8, expertFfnSize: 2048, sharedExperts: 1, denseLayers: 3 },
  mla: { kvLoraRank: 512, qkRopeHeadDim: 64, qkNopeHeadDim: 128, vHeadDim: 128, qLoraRank: 1536 },
  source: "Hugging Face deepseek-ai/DeepSeek-V3 config.json",
};
