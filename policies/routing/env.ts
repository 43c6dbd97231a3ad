/** What a routing policy factory may use besides its options. */
export interface PolicyEnvLike {
  /** A named random stream of this policy instance. */
  readonly stream: (name: string) => () => number;
  /** The cluster's pool names, in order (a pool's index is its position). */
  readonly poolNames: readonly string[];
}
