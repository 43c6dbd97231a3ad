/**
 * An error in what the user gave us (scenario, flags, trace, placement): the CLI prints its message alone and
 * exits with status 2. Anything else is an internal error (status 1).
 */
export class InputError extends Error {
  override readonly name = "InputError";
}
