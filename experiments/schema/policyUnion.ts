import { z } from "zod";

/** What a policy factory may use besides its options: its own named random streams. */
export interface PolicyEnv {
  readonly stream: (name: string) => () => number;
  /** The cluster's pool names, in order. */
  readonly poolNames: readonly string[];
}

/** A registry entry: the options schema and the factory of one policy. */
export interface PolicyEntry<T> {
  readonly description: string;
  readonly options: z.ZodObject;
  readonly create: (options: never, env: PolicyEnv) => T;
}

/** The configuration of one policy of a registry: `{ policy: name, ...its options }`. */
export type PolicyConfig<R extends Record<string, PolicyEntry<unknown>>> = {
  [K in keyof R & string]: { policy: K } & SharedOutput<R[K]["options"]["shape"]>;
}[keyof R & string];

/** The parsed fields of a shared shape. */
export type SharedOutput<S extends z.ZodRawShape> = { [K in keyof S]: z.output<S[K]> };

/**
 * A zod schema `{ policy: <name>, ...options, ...shared }` discriminated on `policy`, built from a registry;
 * `shared` adds fields every policy of the kind accepts (e.g. batch limits).
 */
export function policyUnion<
  R extends Record<string, PolicyEntry<unknown>>,
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- no shared fields by default
  S extends z.ZodRawShape = {},
>(
  registry: R,
  what: string,
  shared?: S,
): z.ZodType<PolicyConfig<R> & SharedOutput<S>> {
  const names = Object.keys(registry);
  const options = names.map((name) =>
    registry[name]!.options.extend({ ...shared, policy: z.literal(name).describe(registry[name]!.description) }),
  );
  const [first, ...rest] = options;
  if (first === undefined) throw new Error(`internal: no ${what} policies registered`);
  return z.discriminatedUnion("policy", [first, ...rest], {
    error: (issue) =>
      issue.code === "invalid_union" ? `unknown ${what} policy; expected one of: ${names.join(", ")}` : undefined,
  }) as unknown as z.ZodType<PolicyConfig<R> & SharedOutput<S>>;
}

/** Build the policy a configuration names. */
export function createPolicy<T, R extends Record<string, PolicyEntry<T>>>(
  registry: R,
  config: PolicyConfig<R>,
  env: PolicyEnv,
): T {
  const entry = registry[config.policy];
  if (entry === undefined) throw new Error(`internal: policy '${config.policy}' is not registered`);
  return (entry.create as (options: unknown, env: PolicyEnv) => T)(config, env);
}
