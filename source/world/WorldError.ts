/** A problem with the lab as configured or with an operator's request at world level (an unknown cable end, say). */
export class WorldError extends Error {
	override readonly name = 'WorldError';
}
