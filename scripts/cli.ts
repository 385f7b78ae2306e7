/** Argument parsing shared by the command-line tools: node:util's parseArgs, strict, with the tools' own messages. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A command line the tool cannot run with (exit code 2); the message says which argument and why. */
export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses `argv` against `options`: an unknown option, a missing value or a value given to a switch is refused.
 * @throws UsageError naming the argument
 */
export function parseCommandLine<const O extends Options>(argv: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (err) {
    const { code, message } = err as Error & { code?: string };
    const name = /'(-[^' ]+)/.exec(message)?.[1];
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`unknown argument "${name}"`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
      throw new UsageError(/does not take/.test(message) ? `${name} takes no value` : `${name} needs a value`);
    throw new UsageError(message);
  }
}

/**
 * A numeric option's value as a whole number above zero; undefined when the option is absent.
 * @throws UsageError for anything else (`--context abc`)
 */
export function positiveInteger(option: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`--${option} needs a positive whole number, not "${value}"`);
  return Number(value);
}
