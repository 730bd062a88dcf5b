/**
 * The LS_RJT reason/explanation pairs this fabric answers with (reference/fabric.md 1.4). The
 * pairs are chosen so that an HBA interpreting them the lpfc way lands in the right vport state:
 * 09/29 -> No Fabric Resources, 03/0D -> Fabric Rejected WWN.
 */
import {LsRjtExplanation, LsRjtReason, type ElsReject} from './ElsCodes.js';

function reject(reason: number, explanation: number): ElsReject {
	return Object.freeze({accepted: false as const, reason, explanation});
}

export const FabricReject = {
	/** FDISC while NPIV is off on the switch or the port, or on a loop / point-to-point link: unsupported ELS. */
	npivNotSupported: reject(LsRjtReason.notSupported, LsRjtExplanation.none),
	/** The port's NPIV login limit or the switch's login limit is reached. */
	insufficientResources: reject(LsRjtReason.unableToPerform, LsRjtExplanation.insufficientResources),
	/** The WWPN is already logged in to this fabric (first-wins policy). */
	duplicateWwpn: reject(LsRjtReason.logicalError, LsRjtExplanation.invalidPortName),
	/** FDISC before FLOGI on the port, or a request from an S_ID that is not logged in there. */
	loginRequired: reject(LsRjtReason.unableToPerform, LsRjtExplanation.nPortLoginRequired),
	/** N_Port to N_Port: no such D_ID, or the pair is not zoned (hard zoning). */
	noSuchPort: reject(LsRjtReason.unableToPerform, LsRjtExplanation.invalidNPortId),
	/** The link this request came through is down (stands in for the timeout a real HBA sees). */
	linkDown: reject(LsRjtReason.unableToPerform, LsRjtExplanation.none),
	/** An ELS the medium does not offer (SCR on a loop, PRLI to an N_Port without FCP). */
	notSupported: reject(LsRjtReason.notSupported, LsRjtExplanation.none),
} as const;

export function rejectText(r: {reason: number; explanation: number}): string {
	return `${hex2(r.reason)}/${hex2(r.explanation)}`;
}

export function hex2(n: number): string {
	return n.toString(16).padStart(2, '0');
}
