/**
 * Domain states. Internally a domain has a power state (what the hypervisor knows); operators see
 * it two ways: xm's six `rbpscd` flags and the VM-MIB operational state (draft-ietf-opsawg-vmm-mib,
 * seed 004 section 2). The mapping, documented here once:
 *
 * | power       | xm flags | VM-MIB state                    | meaning                                  |
 * |-------------|----------|---------------------------------|------------------------------------------|
 * | building    | `--p---` | preparing (migrating on a dest) | domain built, devices connecting, paused |
 * | running     | `-b----` | running (shuttingdown if asked) | scheduled; an idle guest is blocked      |
 * | paused      | `--p---` | paused                          | admin pause (migration dest: migrating)  |
 * | shutdown    | `---s--` | shuttingdown (migrating on src) | guest has stopped, being torn down       |
 * | dying       | `-----d` | shuttingdown                    | xm destroy in progress                   |
 * | crashed     | `----c-` | crashed                         | kept by on_crash = preserve              |
 * | halted      | `------` | shutdown                        | managed domain defined, not running      |
 * | suspended   | `------` | suspended                       | managed domain saved by xm suspend       |
 *
 * Domain-0 always shows `r-----` (it is running xm). A migration source shows `-b----` while its
 * memory is pre-copied and `---s--` once suspended for the final copy.
 */
export type PowerState = 'building' | 'running' | 'paused' | 'shutdown' | 'dying' | 'crashed' | 'halted' | 'suspended';

export type VmOperState = 'preparing' | 'running' | 'paused' | 'suspended' | 'migrating' | 'shuttingdown' | 'shutdown' | 'crashed';

export const VM_OPER_STATES: readonly VmOperState[] = ['preparing', 'running', 'paused', 'suspended', 'migrating', 'shuttingdown', 'shutdown', 'crashed'];

/** xend's POWER_STATE_NAMES, which `xm list --state=` matches. */
export type XendPowerState = 'halted' | 'paused' | 'running' | 'suspended' | 'shutdown' | 'crashed' | 'unknown';

export function stateFlags(power: PowerState): string {
	switch (power) {
		case 'running':
			return '-b----';
		case 'building':
		case 'paused':
			return '--p---';
		case 'shutdown':
			return '---s--';
		case 'crashed':
			return '----c-';
		case 'dying':
			return '-----d';
		case 'halted':
		case 'suspended':
			return '------';
	}
}

export function vmOperState(power: PowerState, opts: {migrating: boolean; shutdownRequested: boolean}): VmOperState {
	if (opts.migrating && power !== 'halted' && power !== 'crashed') return 'migrating';
	switch (power) {
		case 'building':
			return 'preparing';
		case 'running':
			return opts.shutdownRequested ? 'shuttingdown' : 'running';
		case 'paused':
			return 'paused';
		case 'shutdown':
		case 'dying':
			return 'shuttingdown';
		case 'crashed':
			return 'crashed';
		case 'halted':
			return 'shutdown';
		case 'suspended':
			return 'suspended';
	}
}

export function xendPowerState(power: PowerState): XendPowerState {
	switch (power) {
		case 'building':
		case 'paused':
			return 'paused';
		case 'running':
			return 'running';
		case 'shutdown':
		case 'dying':
			return 'shutdown';
		case 'crashed':
			return 'crashed';
		case 'halted':
			return 'halted';
		case 'suspended':
			return 'suspended';
	}
}

/** Whether the hypervisor has the domain instantiated (it has a domid). */
export function isActive(power: PowerState): boolean {
	return power !== 'halted' && power !== 'suspended';
}
