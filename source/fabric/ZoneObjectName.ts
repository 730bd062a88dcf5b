/**
 * The one rule for the names of zoning objects (aliases, zones, zone configurations), used by the
 * zoning database, the FOS shell and the store's lab checks alike.
 *
 * Fabric OS 8.0.x and earlier (the lab's Brocade 300 and DCX run 6.x-7.x): a name begins with a
 * letter, holds only letters, digits and underscores, and is at most 64 characters long; names
 * are case-sensitive. Sources: Broadcom, SANnav Management Portal 1.1.1, Zoning > Naming
 * Conventions (https://docs.broadcom.com/htmldocs/SANnav111/SANnav111/v24208177.html): "For
 * switches running Fabric OS 8.0.x and earlier, names must begin with a letter and can contain
 * only the special character underscore (_)", "The character limit is 64 characters"; also the
 * Fabric OS Administrator's Guide 6.x (Zone management in interoperable fabrics, "Zone name
 * restrictions"): 1-64 characters, the first a letter, then letters, digits or underscores.
 * FOS 8.1 added `-`, `$`, `^` and a leading digit.
 *
 * One rule of the emulation's own: a name that is 16 hex digits is refused, because members may
 * be typed as plain WWNs here and such an alias could not be told from one.
 */

const NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const PLAIN_WWN = /^[0-9a-fA-F]{16}$/;

/** What is wrong with `name` as an alias, zone or configuration name, said after the name; undefined when nothing. */
export function zoneObjectNameProblem(name: string): string | undefined {
	if (!NAME.test(name)) return 'must start with a letter and hold only letters, digits and underscores (at most 64 characters)';
	if (PLAIN_WWN.test(name)) return 'must not be 16 hex digits: it would read as a WWN in a member list';
	return undefined;
}

export function isValidZoneObjectName(name: string): boolean {
	return zoneObjectNameProblem(name) === undefined;
}
