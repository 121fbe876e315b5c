// @ts-check
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const LIB_IMPORT_PATTERNS = [
  {
    // `@app/pdns-client/zone-patch` is the PATCH entry: the layering check (one-zone-writer)
    // lets only the zone writer use it.
    group: ['@app/*/*', '!@app/pdns-client/zone-patch'],
    message: 'Import a lib through its index (@app/<lib>), never a deep path.',
  },
  {
    group: ['**/libs/*/src/**', '../../libs/**', '../../../libs/**'],
    message: 'Import a lib through its @app/<lib> alias.',
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.state/**', 'eslint.config.mjs', '.dependency-cruiser.cjs', 'scripts/*.js', 'bin/**'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  prettier,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/require-await': 'off',
      'no-restricted-imports': ['error', { patterns: LIB_IMPORT_PATTERNS }],
    },
  },
  {
    // A DTO string's length must be counted as MariaDB counts it, or a value the DTO admits can
    // overflow its column (see apps/api/src/common/text-length.ts).
    files: ['apps/api/src/**/*.dto.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: LIB_IMPORT_PATTERNS,
          paths: [
            {
              name: 'class-validator',
              importNames: ['MaxLength', 'Length'],
              message: 'Use MaxLength / Length from apps/api/src/common/text-length (they count characters as MariaDB does).',
            },
          ],
        },
      ],
    },
  },
  {
    // The web UI: the accessibility rules of JSX (labels, roles, keyboard) and React's hook rules.
    files: ['apps/web/**/*.{ts,tsx,mts}'],
    ...jsxA11y.flatConfigs.recommended,
  },
  {
    files: ['apps/web/**/*.{ts,tsx,mts}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
