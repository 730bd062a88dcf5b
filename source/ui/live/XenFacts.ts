/** What the HBA panes need from the xVM side: which domain a virtual port or a LUN belongs to. */
import type {Wwn} from '../../sim/Wwn.js';

export interface XenFacts {
	/** Changes whenever any answer below may change (rows that use them are rebuilt). */
	readonly stamp: string;
	/** The domain whose configuration binds this virtual port (`npiv = [...]`). */
	vportDomain(vpwwn: Wwn): string | null;
	/** The domain the LUN seen on `portWwn` is attached to as a block device. */
	lunDomain(portWwn: Wwn, targetWwn: Wwn, lun: number): string | null;
}

export const NO_XEN: XenFacts = {
	stamp: '',
	vportDomain: () => null,
	lunDomain: () => null,
};
