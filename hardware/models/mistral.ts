import type { ModelSpec } from "./types.ts";

/** Mistral-7B v0.2 geometry (v0.1 used a 4,096-token sliding window; v0.3 a 32,768 vocabulary). */
export const MISTRAL_7B: ModelSpec = {
  name: "mistral-7b",
  layers: 32,
  hiddenSize: 4096,
  qHeads: 32,
  kvHeads: 8,
  headDim: 128,
  ffnSize: 14336,
  vocab: 32000,
  maxContextTokens: 32768,
  tiedEmbeddings: false,
  qkvBias: false,
  source: "Hugging Face mistralai/Mistral-7B-v0.2 config.json; GenZ Models/Model_sets/mistral.py",
};

export const MIXTRAL_8X7B: ModelSpec = {
  name: "mixtral-8x7b",
  layers: 32,
  hiddenSize: 4096,
  qHeads: 32,
  kvHeads: 8,
  headDim: 128,
  ffnSize: 14336,
  vocab: 32000,
  maxContextTokens: 32768,
  tiedEmbeddings: false,
  qkvBias: false,
  moe: { experts: 8, activeExperts: 2, expertFfnSize: 14336, sharedExperts: 0, denseLayers: 0 },
  source: "Hugging Face mistralai/Mixtral-8x7B-v0.1 config.json; GenZ Models/Model_sets/mistral.py",
};
