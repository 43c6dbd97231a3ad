/** Mixture-of-experts feed-forward layers (Mixtral, DeepSeek). */
export interface MoeSpec {
  /** Routed experts per MoE layer. */
  readonly experts: number;
  /** Routed experts each token goes to (top-k). */
  readonly activeExperts: number;
  /** Intermediate (FFN) size of one expert; every expert is a gated (SwiGLU) MLP. */
  readonly expertFfnSize: number;
  /** Experts every token goes to in addition to the routed ones, each of `expertFfnSize`. */
  readonly sharedExperts: number;
  /** The first `denseLayers` layers use a dense FFN of the model's `ffnSize` instead of experts. */
  readonly denseLayers: number;
}

/** Multi-head latent attention (DeepSeek-V2/V3): K and V are cached as one compressed latent per token. */
export interface MlaSpec {
  /** Width of the compressed KV latent (cached). */
  readonly kvLoraRank: number;
  /** Width of the decoupled RoPE key (cached beside the latent, shared by all heads). */
  readonly qkRopeHeadDim: number;
  /** Per-head query/key width without RoPE. */
  readonly qkNopeHeadDim: number;
  /** Per-head value width. */
  readonly vHeadDim: number;
  /** Width of the compressed query; 0 when queries are not compressed. */
  readonly qLoraRank: number;
}

/**
 * A decoder-only transformer, as in its Hugging Face `config.json`. All feed-forward layers are gated
 * (SwiGLU: gate, up and down projections). Embedding and LM head are separate matrices unless
 * `tiedEmbeddings`.
 */
export interface ModelSpec {
  /** Catalog key, e.g. `llama-3.1-70b`. */
  readonly name: string;
  readonly layers: number;
  readonly hiddenSize: number;
  /** Query heads. */
  readonly qHeads: number;
  /** Key/value heads (grouped-query attention when fewer than `qHeads`). */
  readonly kvHeads: number;
  /** Width of one attention head (the value width under MLA). */
  readonly headDim: number;
  /** Intermediate size of a dense FFN layer. */
  readonly ffnSize: number;
  /** Vocabulary size (rows of the embedding and the LM head). */
  readonly vocab: number;
  /** Longest context the model supports (prompt plus output), in tokens. */
  readonly maxContextTokens: number;
  readonly tiedEmbeddings: boolean;
  /** Q, K and V projections carry a bias (Qwen2). */
  readonly qkvBias: boolean;
  readonly moe?: MoeSpec;
  readonly mla?: MlaSpec;
  /** Where the architecture comes from. */
  readonly source: string;
}
