/**
 * Why a virtual port could not be created or deleted. The kernel returns EFAULT for all of them
 * (reference 11: "every failure returns EFAULT with no further detail"), and fcadm prints one
 * message; the reason is kept so that events, the console and xennpivd can say what happened.
 */
import type {ElsReject} from '../fabric/ElsCodes.js';

/** fc_error.h codes the FCA's bind_port returns for an NPIV port (reference 10 and 11). */
export const FcError = {
	FC_ALREADY: 0x1b,
	FC_OUTOFBOUNDS: 0x27,
	FC_NPIV_FDISC_FAILED: 0x46,
	FC_NPIV_FDISC_WWN_INUSE: 0x47,
	FC_NPIV_NOT_SUPPORTED: 0x48,
	FC_NPIV_WRONG_TOPOLOGY: 0x49,
} as const;
export type FcBindError = 'FC_NPIV_NOT_SUPPORTED' | 'FC_NPIV_WRONG_TOPOLOGY' | 'FC_NPIV_FDISC_FAILED' | 'FC_OUTOFBOUNDS' | 'FC_ALREADY';

/**
 * - `WWN_IN_USE`: a local port of the host already has that port WWN (fp's host-wide check).
 * - `NO_VALID_INDEX`: the requested index is outside 1..254 or taken, or none is free
 *   ("can't find valid port index").
 * - `BAD_WWN`: a WWN of zeros, or node WWN = port WWN.
 * - the FCA's bind errors.
 */
export type VportCreateReason = 'WWN_IN_USE' | 'NO_VALID_INDEX' | 'BAD_WWN' | FcBindError;

export interface VportCreateFailure {
	readonly ok: false;
	readonly errno: 'EFAULT';
	readonly reason: VportCreateReason;
	/** One line for people: `FDISC rejected by the fabric: no fabric resources (LS_RJT 09/29)`. */
	readonly message: string;
	/** The switch's answer when the FDISC itself was rejected. */
	readonly reject?: ElsReject;
}

export type VportDeleteReason = 'NOT_FOUND' | 'BUSY';

export interface VportDeleteFailure {
	readonly ok: false;
	readonly errno: 'EFAULT';
	readonly reason: VportDeleteReason;
	readonly message: string;
}

/** How an HBA driver reads an FDISC LS_RJT (reference fabric.md 1.4, lpfc_els.c). */
export function describeFdiscReject(reject: ElsReject): string {
	const code = `LS_RJT ${hex2(reject.reason)}/${hex2(reject.explanation)}`;
	if (reject.reason === 0x09 && reject.explanation === 0x29) return `no fabric resources: NPIV login limit reached (${code})`;
	if ((reject.reason === 0x03 || reject.reason === 0x07) && (reject.explanation === 0x0d || reject.explanation === 0x1f)) {
		return `fabric rejected WWN: port WWN already logged in or invalid (${code})`;
	}
	if (reject.reason === 0x0b || reject.explanation === 0x2c) return `no fabric support for FDISC (${code})`;
	if (reject.reason === 0x05) return `fabric busy (${code})`;
	return `FDISC rejected by the fabric (${code})`;
}

export function hex2(n: number): string {
	return n.toString(16).padStart(2, '0');
}
