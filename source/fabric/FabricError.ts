/** A management or cabling request the fabric refuses (bad port, busy port, bad limit...). */
export class FabricError extends Error {
	override readonly name = 'FabricError';
}
