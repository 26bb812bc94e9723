/**
 * A small, strict flag parser for the Breakeven CLI. Every flag has a spec with its accepted range,
 * so a bad value produces one line that names the flag and what it accepts.
 */

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
  | { kind: "string"; description: string; example: string; defaultValue?: string }
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

function parseNumber(name: string, spec: Extract<FlagSpec, { kind: "number" }>, raw: string): number {
  const trimmed = raw.trim().replaceAll("_", "");
  const value = trimmed === "" ? Number.NaN : Number(trimmed);
  if (
    !Number.isFinite(value) ||
    value < spec.min ||
    value > spec.max ||
    (spec.isInteger && !Number.isInteger(value))
  ) {
    throw new CliUsageError(`${describeAccepted(name, spec)}; got ${JSON.stringify(raw)}`);
  }
  return value;
}

/** Parse `--name value`, `--name=value` and boolean `--name` against the specs; apply defaults. */
export function parseFlags(argv: readonly string[], specs: FlagSpecs, commandLabel: string): ParsedFlags {
  const parsed: ParsedFlags = {
    numbers: new Map(),
    strings: new Map(),
    booleans: new Set(),
    given: new Set(),
  };
  for (let index = 0; index < argv.length; index += 1) {
    const token = argv[index] ?? "";
    if (!token.startsWith("--")) {
      throw new CliUsageError(
        `unexpected argument ${JSON.stringify(token)} for \`${commandLabel}\`; flags start with --`,
      );
    }
    const equals = token.indexOf("=");
    const name = token.slice(2, equals === -1 ? undefined : equals);
    const spec = specs[name];
    if (!spec) {
      throw new CliUsageError(
        `unknown flag --${name} for \`${commandLabel}\`; run \`${commandLabel} --help\` for the flags`,
      );
    }
    if (parsed.given.has(name)) throw new CliUsageError(`--${name} is given twice`);
    parsed.given.add(name);
    if (spec.kind === "boolean") {
      const raw = equals === -1 ? "true" : token.slice(equals + 1);
      if (raw !== "true" && raw !== "false") {
        throw new CliUsageError(`${describeAccepted(name, spec)}; got ${JSON.stringify(raw)}`);
      }
      if (raw === "true") parsed.booleans.add(name);
      continue;
    }
    let raw: string;
    if (equals !== -1) {
      raw = token.slice(equals + 1);
    } else {
      const next = argv[index + 1];
      if (next === undefined || (next.startsWith("--") && !/^--?\d/.test(next))) {
        throw new CliUsageError(`${describeAccepted(name, spec)}; got no value`);
      }
      raw = next;
      index += 1;
    }
    if (spec.kind === "number") parsed.numbers.set(name, parseNumber(name, spec, raw));
    else if (spec.kind === "enum") {
      if (!spec.values.includes(raw))
        throw new CliUsageError(`${describeAccepted(name, spec)}; got ${JSON.stringify(raw)}`);
      parsed.strings.set(name, raw);
    } else {
      if (raw.trim() === "") throw new CliUsageError(`${describeAccepted(name, spec)}; got ""`);
      parsed.strings.set(name, raw);
    }
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
