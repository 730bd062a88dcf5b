/**
 * Link error status and frame counters of one physical port (what the FCA keeps and reports for
 * RLS and HBA_GetPortStatistics). They move only on link events, so they stay deterministic:
 * - link lost on a fabric or point-to-point link (cable pulled, switch port disabled):
 *   Link Failure +1, Loss of Signal +1, Loss of Sync +1
 * - link reset we asked for (force-lip): LIP count +1, Loss of Sync +1
 * - on a loop, each drop is a loss of sync (+1) and each loop initialisation a LIP (+1)
 * - every link up: NOS/OLS count +1 (the link initialisation primitives)
 * - every request/reply on the wire: one Tx and one Rx frame (Tx/Rx words at 16 per frame).
 */
import type {LinkErrorStatus} from '../fabric/NPort.js';
import type {SimTime} from '../sim/Simulator.js';

const WORDS_PER_FRAME = 16;

const STAT_FIELDS = [
	'linkFailureCount',
	'lossOfSyncCount',
	'lossOfSignalCount',
	'primitiveSeqProtocolErrorCount',
	'invalidTxWordCount',
	'invalidCrcCount',
	'lipCount',
	'nosCount',
	'txFrames',
	'rxFrames',
	'errorFrames',
	'dumpedFrames',
] as const;

export class LinkStatistics implements LinkErrorStatus {
	linkFailureCount = 0;
	lossOfSyncCount = 0;
	lossOfSignalCount = 0;
	primitiveSeqProtocolErrorCount = 0;
	invalidTxWordCount = 0;
	invalidCrcCount = 0;
	lipCount = 0;
	nosCount = 0;
	txFrames = 0;
	rxFrames = 0;
	errorFrames = 0;
	dumpedFrames = 0;
	resetAt: SimTime;

	constructor(now: SimTime) {
		this.resetAt = now;
	}

	get txWords(): number {
		return this.txFrames * WORDS_PER_FRAME;
	}

	get rxWords(): number {
		return this.rxFrames * WORDS_PER_FRAME;
	}

	linkLost(): void {
		this.linkFailureCount++;
		this.lossOfSignalCount++;
		this.lossOfSyncCount++;
	}

	linkReset(): void {
		this.lipCount++;
		this.lossOfSyncCount++;
	}

	linkUp(): void {
		this.nosCount++;
	}

	/** `n` request/reply exchanges on the wire. */
	exchange(n = 1): void {
		this.txFrames += n;
		this.rxFrames += n;
	}

	reset(now: SimTime): void {
		this.linkFailureCount = 0;
		this.lossOfSyncCount = 0;
		this.lossOfSignalCount = 0;
		this.primitiveSeqProtocolErrorCount = 0;
		this.invalidTxWordCount = 0;
		this.invalidCrcCount = 0;
		this.lipCount = 0;
		this.nosCount = 0;
		this.txFrames = 0;
		this.rxFrames = 0;
		this.errorFrames = 0;
		this.dumpedFrames = 0;
		this.resetAt = now;
	}

	/** The counters in STAT_FIELDS order, then resetAt (the store keeps them). */
	toArray(): number[] {
		return [...STAT_FIELDS.map(f => this[f]), this.resetAt];
	}

	restoreArray(values: readonly number[]): void {
		STAT_FIELDS.forEach((f, i) => {
			this[f] = values[i] ?? 0;
		});
		this.resetAt = values[STAT_FIELDS.length] ?? 0;
	}

	/** The Link Error Status Block an RLS to this port returns. */
	errorStatus(): LinkErrorStatus {
		return {
			linkFailureCount: this.linkFailureCount,
			lossOfSyncCount: this.lossOfSyncCount,
			lossOfSignalCount: this.lossOfSignalCount,
			primitiveSeqProtocolErrorCount: this.primitiveSeqProtocolErrorCount,
			invalidTxWordCount: this.invalidTxWordCount,
			invalidCrcCount: this.invalidCrcCount,
		};
	}
}
