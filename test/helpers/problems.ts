/** The `problems` list of the error a parser throws (ConfigError, WeightsError), or [] when it accepts the input. */
export function thrownProblems(parse: () => unknown): string[] {
  try {
    parse();
  } catch (e) {
    return (e as { problems: string[] }).problems;
  }
  return [];
}

/** The error `parse` throws, or undefined when it accepts the input. */
export function thrownError(parse: () => unknown): unknown {
  try {
    parse();
  } catch (e) {
    return e;
  }
  return undefined;
}
