import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The layering rules of ARCHITECTURE.md, enforced in two halves:
// - packages (framework, ORM, SDK, Node built-ins) by specifier, with `no-restricted-imports`;
// - folders of this repository by the file an import resolves to, with `import/no-restricted-paths`
//   (eslint-plugin-import, registered by eslint-config-next), so `../db/client`, `@/lib/db/client`,
//   `export … from` and `import()` are all caught the same way.

const FRAMEWORK_SDK_NODE = [
  {
    group: ["next", "next/*", "react", "react-dom", "react/*", "react-dom/*"],
    message: "Pure domain code: no framework imports.",
  },
  { group: ["@prisma/*"], message: "Pure domain code: no database imports." },
  { group: ["@aws-sdk/*"], message: "Pure domain code: no AWS SDK imports." },
  { group: ["node:*"], message: "Pure domain code runs in the browser too: no Node APIs." },
];

// Paths are relative to this file, whatever directory ESLint runs from.
const ROOT = import.meta.dirname;

const LIB_DB_TO_LIB_CHARTS = {
  target: "./lib/db",
  from: "./lib/charts",
  message: "lib/db must not depend on lib/charts (chart shapers sit above the data layer).",
};

/** Folder → folders it must not import. Every path is a folder or file under ROOT. */
const LAYER_ZONES = [
  {
    target: "./lib/pricing",
    from: ".",
    except: ["./lib/pricing", "./node_modules"],
    message:
      "lib/pricing is pure and imports only itself (no lib/db, lib/aws, lib/recommend, lib/env, lib/format, app, components).",
  },
  {
    target: "./lib/recommend",
    from: ".",
    except: ["./lib/recommend", "./lib/pricing", "./lib/format.ts", "./node_modules"],
    message: "lib/recommend is pure: it imports only lib/pricing, lib/format and itself.",
  },
  ...["./lib/aws", "./lib/sync", "./lib/jobs", "./app", "./components", "./lib/queries"].map((from) => ({
    target: "./lib/db",
    from,
    message: "lib/db must not import lib/aws, lib/sync, lib/jobs, app, components or lib/queries.",
  })),
  LIB_DB_TO_LIB_CHARTS,
  ...["./lib/db", "./lib/sync", "./lib/jobs", "./app", "./components"].map((from) => ({
    target: "./lib/aws",
    from,
    message: "lib/aws must not import lib/db, lib/sync, lib/jobs, app or components.",
  })),
  {
    target: "./lib/sync",
    from: ["./app", "./components", "./lib/jobs", "./lib/queries", "./lib/charts"],
    message:
      "lib/sync orchestrates lib/aws and lib/db/import; it must not import app, components, lib/jobs, lib/queries or lib/charts.",
  },
  {
    target: ["./components", "./lib/queries", "./lib/schemas", "./lib/charts"],
    from: "./lib/db",
    message: "Only server code reaches the database: components get DTOs through props or lib/queries.",
  },
  {
    target: ["./components", "./lib/queries", "./lib/schemas", "./lib/charts"],
    from: ["./lib/aws", "./lib/sync", "./lib/jobs"],
    message: "Only server code reaches AWS or starts imports.",
  },
  {
    target: "./lib/auth",
    from: ["./lib/db", "./lib/aws", "./lib/sync", "./lib/jobs", "./app", "./components", "./lib/queries"],
    message:
      "lib/auth decides who may do what from the environment and the session: no database, AWS, app or components.",
  },
  {
    target: "./app",
    from: "./lib/db/generated",
    message: "Only lib/db talks to the database: use lib/db/queries.",
  },
];

const LAYER_FILES = [
  "lib/pricing",
  "lib/recommend",
  "lib/db",
  "lib/aws",
  "lib/sync",
  "lib/jobs",
  "lib/charts",
  "lib/schemas",
  "lib/queries",
  "components",
  "app",
].flatMap((dir) => [`${dir}/**/*.ts`, `${dir}/**/*.tsx`]);

function restrictedPaths(zones) {
  return { "import/no-restricted-paths": ["error", { basePath: ROOT, zones }] };
}

const eslintConfig = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      ".next-*/**",
      "screenshots/**",
      "data/**",
      "lib/db/generated/**",
      "next-env.d.ts",
      "test-results/**",
      "playwright-report/**",
    ],
  },
  {
    rules: {
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // Folder boundaries, on resolved paths (tests included).
  { files: LAYER_FILES, rules: restrictedPaths(LAYER_ZONES) },
  // Package boundaries, by specifier.
  {
    files: ["lib/pricing/**/*.ts", "lib/recommend/**/*.ts"],
    ignores: ["lib/pricing/**/*.test.ts", "lib/recommend/**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: FRAMEWORK_SDK_NODE }] },
  },
  {
    files: [
      "app/**/*.ts",
      "app/**/*.tsx",
      "components/**/*.ts",
      "components/**/*.tsx",
      "lib/queries/**/*.ts",
      "lib/schemas/**/*.ts",
      "lib/charts/**/*.ts",
    ],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@aws-sdk/*"], message: "Only lib/aws talks to AWS." },
            { group: ["@prisma/*"], message: "Only lib/db talks to the database." },
          ],
        },
      ],
    },
  },
];

export default eslintConfig;
