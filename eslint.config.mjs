import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'coverage/', '.data/', 'scratch/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The launchers are plain CommonJS so they run before any TypeScript loader is registered.
    files: ['bin/**/*.js', 'jest.config.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The core stays platform-neutral: only the composition root (src/main.ts) may reach the outer layers or SDKs.
    files: ['src/**/*.ts'],
    ignores: ['src/main.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/adapters/**', '**/jobs/**', '**/db/**', '../adapters', '../jobs', '../db'],
              message: 'src/ must not import outer layers; wire them in src/main.ts.',
            },
            {
              group: ['@slack/*', 'discord.js', 'bullmq', 'ioredis', 'pg', 'pg/*', '@electric-sql/*'],
              message: 'src/ must not import chat, queue or database SDKs; use a port.',
            },
          ],
        },
      ],
    },
  },
);
