import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, expect} from 'vitest';
import {loadEmbeddedLab, newDocument, StoreError, type StoreDocument} from '../../source/store/index.js';

const made: string[] = [];
afterAll(() => {
	for (const dir of made.splice(0)) rmSync(dir, {recursive: true, force: true});
});

/** A fresh folder under the system's temporary folder, removed after the test file. */
export function tempDir(): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'npiv-store-'));
	made.push(dir);
	return dir;
}

/** A deep, mutable copy of the embedded lab's document, for tests that break it on purpose. */
export function mutableDocument(): any {
	return structuredClone(newDocument(loadEmbeddedLab())) as unknown;
}

/** Runs `fn`, expects a StoreError, returns it. */
export function refusal(fn: () => unknown): StoreError {
	try {
		fn();
	} catch (error) {
		expect(error).toBeInstanceOf(StoreError);
		return error as StoreError;
	}
	throw new Error('expected a StoreError, nothing was thrown');
}

export async function refusalAsync(fn: () => Promise<unknown>): Promise<StoreError> {
	try {
		await fn();
	} catch (error) {
		expect(error).toBeInstanceOf(StoreError);
		return error as StoreError;
	}
	throw new Error('expected a StoreError, nothing was rejected');
}

export type {StoreDocument};
