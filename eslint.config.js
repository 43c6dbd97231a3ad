// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const pureCore = ["sim/**/*.ts", "hardware/**/*.ts", "policies/**/*.ts"];

export default tseslint.config(
  { ignores: ["node_modules/**", "out/**", "test-output/**", "notebooks/**", "bin/**", "eslint.config.js"] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/switch-exhaustiveness-check": "error",
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      "@typescript-eslint/no-unnecessary-condition": "off",
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    files: pureCore,
    rules: {
      "no-console": "error",
      "no-restricted-properties": [
        "error",
        { object: "Math", property: "random", message: "Use a named seedrandom stream from the Simulation." },
        { object: "Date", property: "now", message: "The core has no wall clock." },
        { object: "performance", property: "now", message: "The core has no wall clock." },
      ],
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["node:*", "fs", "path", "os", "child_process", "worker_threads"], message: "The core is pure: no Node I/O." },
            { group: ["**/experiments/**", "**/viz/**"], message: "The core never imports experiments/ or viz/." },
          ],
        },
      ],
    },
  },
  {
    files: ["sim/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["node:*", "fs", "path", "os"], message: "The core is pure: no Node I/O." },
            { group: ["**/hardware/**", "**/policies/**", "**/experiments/**", "**/viz/**"], message: "sim/ imports nothing of the project." },
          ],
        },
      ],
    },
  },
  {
    files: ["viz/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/sim/**", "**/hardware/**", "**/policies/**"], message: "viz/ draws result data only; it never runs a simulation." }] },
      ],
    },
  },
  {
    files: ["test/**/*.ts", "bench/**/*.ts"],
    rules: {
      "@typescript-eslint/no-floating-promises": "off",
    },
  },
);
