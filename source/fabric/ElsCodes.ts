/** LS_RJT reason and explanation codes (FC-LS), as `reference/fabric.md` 1.4 lists them. */
export const LsRjtReason = {
	invalidCommand: 0x01,
	logicalError: 0x03,
	logicalBusy: 0x05,
	protocolError: 0x07,
	unableToPerform: 0x09,
	notSupported: 0x0b,
	alreadyInProgress: 0x0e,
} as const;
export type LsRjtReason = (typeof LsRjtReason)[keyof typeof LsRjtReason];

export const LsRjtExplanation = {
	none: 0x00,
	invalidPortName: 0x0d,
	invalidNodeName: 0x0e,
	invalidCsp: 0x0f,
	invalidSid: 0x15,
	nPortLoginRequired: 0x1e,
	invalidNPortId: 0x1f,
	insufficientResources: 0x29,
	notSupported: 0x2c,
} as const;
export type LsRjtExplanation = (typeof LsRjtExplanation)[keyof typeof LsRjtExplanation];

/** CT FS_RJT codes of the name server (FC-GS). */
export const FsRjtReason = {
	invalidCommand: 0x01,
	logicalError: 0x03,
	busy: 0x05,
	protocolError: 0x07,
	unableToPerform: 0x09,
	notSupported: 0x0b,
} as const;
export const FsRjtExplanation = {
	none: 0x00,
	portIdNotRegistered: 0x01,
	portNameNotRegistered: 0x02,
	nodeNameNotRegistered: 0x03,
	fc4TypesNotRegistered: 0x07,
	accessDenied: 0x10,
	invalidPortId: 0x11,
	databaseEmpty: 0x12,
} as const;

export interface ElsReject {
	readonly accepted: false;
	readonly reason: number;
	readonly explanation: number;
}
