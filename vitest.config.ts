import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
		environment: 'node',
		pool: 'forks',
		testTimeout: 60_000,
		hookTimeout: 60_000,
		setupFiles: ['test/setup.ts'],
		globalSetup: ['test/globalTemp.ts'],
	},
});
