import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

const sourceFolders = ['packages', 'services', 'apps', 'test', 'bench', 'deploy'];
const typeScriptFiles = sourceFolders.map((folder) => `${folder}/**/*.ts`);

export default defineConfig([
  globalIgnores(['**/dist/', '**/node_modules/', '**/coverage/', '**/.eventmart-data/']),

  // Plain JavaScript (the root config files): syntax-level rules only, no type information.
  js.configs.recommended,

  {
    files: typeScriptFiles,
    extends: [tseslint.configs.recommendedTypeChecked, tseslint.configs.stylisticTypeChecked],
    languageOptions: {
      parserOptions: {
        // Each file is checked against the nearest tsconfig.json, as the editor does.
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },

  {
    files: sourceFolders.map((folder) => `${folder}/**/*.test.ts`),
    rules: {
      // `expect(fake.method).toHaveBeenCalled()` passes methods around unbound on purpose.
      '@typescript-eslint/unbound-method': 'off',
      // Fakes implement async ports without awaiting anything, or with empty bodies.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-empty-function': 'off',
    },
  },
]);
