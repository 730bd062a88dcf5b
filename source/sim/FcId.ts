/** N_Port_IDs: 24 bits, domain (23-16) | area (15-8) | port (7-0). */
declare const fcidBrand: unique symbol;
export type FcId = number & {readonly [fcidBrand]: true};

export function fcid(domain: number, area: number, port: number): FcId {
	return (((domain & 0xff) << 16) | ((area & 0xff) << 8) | (port & 0xff)) as FcId;
}

export function asFcId(value: number): FcId {
	if (!Number.isInteger(value) || value < 0 || value > 0xffffff) throw new RangeError(`invalid N_Port_ID ${value}`);
	return value as FcId;
}

export const fcidDomain = (id: FcId): number => (id >> 16) & 0xff;
export const fcidArea = (id: FcId): number => (id >> 8) & 0xff;
export const fcidPort = (id: FcId): number => id & 0xff;

/** Six lowercase hex digits, as switches print (`010200`). */
export function formatFcId(id: FcId): string {
	return id.toString(16).padStart(6, '0');
}

/** Unpadded lowercase hex, as fcinfo prints `Port ID:`. */
export function formatFcIdShort(id: FcId): string {
	return id.toString(16);
}

export function parseFcId(text: string): FcId | undefined {
	const t = text.trim().replace(/^0x/i, '');
	if (!/^[0-9a-fA-F]{1,6}$/.test(t)) return undefined;
	return parseInt(t, 16) as FcId;
}

/** Well-known addresses (FC-FS). */
export const WellKnown = {
	broadcast: 0xffffff as FcId,
	loginServer: 0xfffffe as FcId,
	fabricController: 0xfffffd as FcId,
	nameServer: 0xfffffc as FcId,
	managementServer: 0xfffffa as FcId,
} as const;
