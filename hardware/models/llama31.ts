import type { ModelSpec } from "./types.ts";

const SOURCE = "Hugging Face meta-llama/Llama-3.1-*B config.json; GenZ-LLM-Analyzer Models/Model_sets/meta.py";

export const LLAMA_3_1_8B: ModelSpec = {
  name: "llama-3.1-8b",
  layers: 32,
  hiddenSize: 4096,
  qHeads: 32,
  kvHeads: 8,
  headDim: 128,
  ffnSize: 14336,
  vocab: 128256,
  maxContextTokens: 131072,
  tiedEmbeddings: false,
  qkvBias: false,
  source: SOURCE,
};

export const LLAMA_3_1_70B: ModelSpec = {
  name: "llama-3.1-70b",
  layers: 80,
  hiddenSize: 8192,
  qHeads: 64,
  kvHeads: 8,
  headDim: 128,
  ffnSize: 28672,
  vocab: 128256,
  maxContextTokens: 131072,
  tiedEmbeddings: false,
  qkvBias: false,
  source: SOURCE,
};

export const LLAMA_3_1_405B: ModelSpec = {
  name: "llama-3.1-405b",
  layers: 126,
  hiddenSize: 16384,
  qHeads: 128,
  kvHeads: 8,
  headDim: 128,
  ffnSize: 53248,
  vocab: 128256,
  maxContextTokens: 131072,
  tiedEmbeddings: false,
  qkvBias: false,
  source: SOURCE,
};
