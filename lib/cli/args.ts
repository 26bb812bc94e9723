/**
 * The flags of Breakeven's command-line tools (the CLI, `npm run demo`, `npm run prices:refresh`):
 * node:util `parseArgs` (strict) splits the command line, and each flag's value must pass a zod
 * schema built from its spec, whose ranges come from where the fact is defined (the pricing
 * constants, the demo's limits). A bad flag gives one line that names the flag and what it accepts.
 */
import { parseArgs } from "node:util";
import { z } from "zod";

export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CliUsageError";
  }
}

export type FlagSpec =
  | {
      kind: "number";
      min: number;
      max: number;
      unit: string;
      isInteger?: boolean;
      description: string;
      defaultValue?: number;
    }
  | { kind: "enum"; values: readonly string[]; description: string; defaultValue?: string }
  | {
      kind: "string";
      description: string;
      example: string;
      defaultValue?: string;
      /** What the value must satisfy beyond "not blank" (its message is the flag's own line). */
      schema?: z.ZodType<string, string>;
    }
  | { kind: "boolean"; description: string };

export type FlagSpecs = Record<string, FlagSpec>;

export type ParsedFlags = {
  numbers: Map<string, number>;
  strings: Map<string, string>;
  booleans: Set<string>;
  /** Flags given on the command line (not defaulted). */
  given: Set<string>;
};

export function describeAccepted(name: string, spec: FlagSpec): string {
  switch (spec.kind) {
    case "number":
      return `--${name} must be ${spec.isInteger ? "a whole number" : "a number"} from ${spec.min} to ${spec.max}${spec.unit ? ` (${spec.unit})` : ""}`;
    case "enum":
      return `--${name} must be one of ${spec.values.join(", ")}`;
    case "string":
      return `--${name} must be ${spec.description} (e.g. ${spec.example})`;
    case "boolean":
      return `--${name} takes no value (or =true/=false)`;
  }
}

const numberTextSchema = z.string().transform((raw) => {
  // "10_000" reads like the number it is; "" is not 0.
  const trimmed = raw.trim().replaceAll("_", "");
  return trimmed === "" ? Number.NaN : Number(trimmed);
});

/** The zod schema a flag's text must pass (zod's number rejects NaN and ±Infinity). */
export function toFlagSchema(spec: FlagSpec): z.ZodType<number | string | boolean, string> {
  switch (spec.kind) {
    case "number": {
      const range = z.number().min(spec.min).max(spec.max);
      return numberTextSchema.pipe(spec.isInteger ? range.int() : range);
    }
    case "enum":
      return z.enum(spec.values as readonly [string, ...string[]]);
    case "string": {
      const notBlank = z.string().refine((value) => value.trim() !== "");
      return spec.schema ? notBlank.pipe(spec.schema) : notBlank;
    }
    case "boolean":
      return z.enum(["true", "false"]).transform((value) => value === "true");
  }
}

/**
 * Two spellings parseArgs does not take, rewritten before it runs: a negative number after a
 * space (`--min -5`, which strict parseArgs calls ambiguous) becomes `--min=-5`, and a boolean
 * with a value (`--json=false`) becomes the bare flag, its value kept aside.
 */
function toParseArgsArgv(
  argv: readonly string[],
  specs: FlagSpecs,
): { args: string[]; booleanValues: Map<string, string> } {
  const args: string[] = [];
  const booleanValues = new Map<string, string>();
  for (let index = 0; index < argv.length; index += 1) {
    const token = argv[index] ?? "";
    const equals = token.indexOf("=");
    const name = token.startsWith("--") ? token.slice(2, equals === -1 ? undefined : equals) : null;
    const spec = name === null ? undefined : specs[name];
    const next = argv[index + 1];
    if (spec?.kind === "boolean" && equals !== -1) {
      if (!booleanValues.has(name!)) booleanValues.set(name!, token.slice(equals + 1));
      args.push(`--${name}`);
    } else if (
      spec &&
      spec.kind !== "boolean" &&
      equals === -1 &&
      next !== undefined &&
      /^--?\d/.test(next)
    ) {
      args.push(`${token}=${next}`);
      index += 1;
    } else {
      args.push(token);
    }
  }
  return { args, booleanValues };
}

/** parseArgs's error as the one line the tools print: which flag, and what it accepts. */
function toUsageError(error: unknown, specs: FlagSpecs, commandLabel: string): CliUsageError {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? "";
  const name = quoted.replace(/^--?/, "").replace(/[ =].*$/s, "");
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && quoted.startsWith("--")) {
    return new CliUsageError(
      `unknown flag --${name} for \`${commandLabel}\`; run \`${commandLabel} --help\` for the flags`,
    );
  }
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" || code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
    return new CliUsageError(
      `unexpected argument ${JSON.stringify(quoted)} for \`${commandLabel}\`; flags start with --`,
    );
  }
  const spec = specs[name];
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && spec) {
    return new CliUsageError(`${describeAccepted(name, spec)}; got no value`);
  }
  return new CliUsageError(`${commandLabel}: ${message.split("\n")[0]}`);
}

/** Parse `--name value`, `--name=value` and boolean `--name` against the specs; apply defaults. */
export function parseFlags(argv: readonly string[], specs: FlagSpecs, commandLabel: string): ParsedFlags {
  const parsed: ParsedFlags = {
    numbers: new Map(),
    strings: new Map(),
    booleans: new Set(),
    given: new Set(),
  };
  const { args, booleanValues } = toParseArgsArgv(argv, specs);
  const options = Object.fromEntries(
    Object.entries(specs).map(([name, spec]) => [
      name,
      { type: spec.kind === "boolean" ? ("boolean" as const) : ("string" as const) },
    ]),
  );
  let tokens;
  try {
    ({ tokens } = parseArgs({ args, options, strict: true, allowPositionals: false, tokens: true }));
  } catch (error) {
    throw toUsageError(error, specs, commandLabel);
  }
  for (const token of tokens) {
    if (token.kind !== "option") continue;
    const { name } = token;
    const spec = specs[name];
    if (!spec)
      throw toUsageError(
        { code: "ERR_PARSE_ARGS_UNKNOWN_OPTION", message: `'--${name}'` },
        specs,
        commandLabel,
      );
    if (parsed.given.has(name)) throw new CliUsageError(`--${name} is given twice`);
    parsed.given.add(name);
    const raw = spec.kind === "boolean" ? (booleanValues.get(name) ?? "true") : (token.value ?? "");
    const result = toFlagSchema(spec).safeParse(raw);
    if (!result.success)
      throw new CliUsageError(`${describeAccepted(name, spec)}; got ${JSON.stringify(raw)}`);
    const value = result.data;
    if (typeof value === "boolean") {
      if (value) parsed.booleans.add(name);
    } else if (typeof value === "number") parsed.numbers.set(name, value);
    else parsed.strings.set(name, value);
  }
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.kind === "number" && spec.defaultValue !== undefined && !parsed.numbers.has(name)) {
      parsed.numbers.set(name, spec.defaultValue);
    }
    if (
      (spec.kind === "enum" || spec.kind === "string") &&
      spec.defaultValue !== undefined &&
      !parsed.strings.has(name)
    ) {
      parsed.strings.set(name, spec.defaultValue);
    }
  }
  return parsed;
}
export function requireNumber(flags: ParsedFlags, specs: FlagSpecs, name: string): number {
  const value = flags.numbers.get(name);
  if (value === undefined)
    throw new CliUsageError(
      `--${name} is required: ${describeAccepted(name, specs[name]!).replace(`--${name} must be `, "")}`,
    );
  return value;
}

export function requireString(flags: ParsedFlags, specs: FlagSpecs, name: string): string {
  const value = flags.strings.get(name);
  if (value === undefined)
    throw new CliUsageError(
      `--${name} is required: ${describeAccepted(name, specs[name]!).replace(`--${name} must be `, "")}`,
    );
  return value;
}

/** Help text: one line per flag with what it accepts and its default. */
export function formatFlagHelp(specs: FlagSpecs): string {
  const rows = Object.entries(specs).map(([name, spec]) => {
    const value =
      spec.kind === "number"
        ? ` <${spec.min}..${spec.max}>`
        : spec.kind === "enum"
          ? ` <${spec.values.join("|")}>`
          : spec.kind === "string"
            ? ` <${spec.example}>`
            : "";
    const defaultValue =
      (spec.kind === "number" || spec.kind === "enum" || spec.kind === "string") &&
      spec.defaultValue !== undefined
        ? ` (default ${spec.defaultValue})`
        : "";
    return [`--${name}${value}`, `${spec.description}${defaultValue}`] as const;
  });
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return rows.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`).join("\n");
}
