import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The layering rules of ARCHITECTURE.md, enforced.
const FRAMEWORK_DB_SDK = [
  {
    group: ["next", "next/*", "react", "react-dom", "react/*"],
    message: "Pure domain code: no framework imports.",
  },
  { group: ["@prisma/*", "@/lib/db", "@/lib/db/*"], message: "Pure domain code: no database imports." },
  { group: ["@aws-sdk/*", "@/lib/aws", "@/lib/aws/*"], message: "Pure domain code: no AWS SDK imports." },
  {
    group: ["@/lib/env", "node:*"],
    message: "Pure domain code runs in the browser too: no env or Node APIs.",
  },
];

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
  {
    files: ["lib/pricing/**/*.ts"],
    ignores: ["lib/pricing/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: FRAMEWORK_DB_SDK.concat([
            {
              group: ["@/lib/recommend", "@/lib/recommend/*"],
              message: "pricing must not depend on recommend.",
            },
          ]),
        },
      ],
    },
  },
  {
    files: ["lib/recommend/**/*.ts"],
    ignores: ["lib/recommend/**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: FRAMEWORK_DB_SDK }] },
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
            { group: ["@prisma/*", "@/lib/db/generated/*"], message: "Only lib/db talks to the database." },
          ],
        },
      ],
    },
  },
  {
    files: [
      "components/**/*.tsx",
      "components/**/*.ts",
      "lib/queries/**/*.ts",
      "lib/schemas/**/*.ts",
      "lib/charts/**/*.ts",
    ],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@aws-sdk/*", "@/lib/aws", "@/lib/aws/*"], message: "Components never reach AWS." },
            {
              group: ["@prisma/*", "@/lib/db", "@/lib/db/*"],
              message: "Components get DTOs through props or lib/queries.",
            },
          ],
        },
      ],
    },
  },
];

export default eslintConfig;
