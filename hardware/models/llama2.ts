import type { ModelSpec } from "./types.ts";

const SOURCE = "Hugging Face meta-llama/Llama-2-*-hf config.json; microsoft/vidur vidur/config/model_config.py";

export const LLAMA_2_7B: ModelSpec = {
  name: "llama-2-7b",
  layers: 32,
  hiddenSize: 4096,
  qHeads: 32,
  kvHeads: 32,
  headDim: 128,
  ffnSize: 11008,
  vocab: 32000,
  maxContextTokens: 4096,
  tiedEmbeddings: false,
  qkvBias: false,
  source: SOURCE,
};

export const LLAMA_2_13B: ModelSpec = {
  name: "llama-2-13b",
  layers: 40,
  hiddenSize: 5120,
  qHeads: 40,
  kvHeads: 40,
  headDim: 128,
  ffnSize: 13824,
  vocab: 32000,
  maxContextTokens: 4096,
  tiedEmbeddings: false,
  qkvBias: false,
  source: SOURCE,
};

export const LLAMA_2_70B: ModelSpec = {
  name: "llama-2-70b",
  layers: 80,
  hiddenSize: 8192,
  qHeads: 64,
  kvHeads: 8,
  headDim: 128,
  ffnSize: 28672,
  vocab: 32000,
  maxContextTokens: 4096,
  tiedEmbeddings: false,
  qkvBias: false,
  source: SOURCE,
};
