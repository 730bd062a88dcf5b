import {describe, expect, it} from 'vitest';
import {generateDocument} from '../../source/store/index.js';
import {Lab} from '../../source/lab/Lab.js';

describe('a generated scenario, booted', () => {
	it('every vport logs in, sees exactly the target ports of its fabric (peer zones), and gets its LUNs', () => {
		const doc = generateDocument({switches: 4, fabrics: 2, hosts: 3, portsPerHost: 2, vportsPerPort: 6, targets: 4, lunsPerTarget: 4, seed: 5});
		const world = Lab.open(doc, {boot: {record: false}}).world;
		const targets = new Map(world.arrays.flatMap(a => a.ports.map(p => [p.wwpn, p] as const)));
		const vports = world.hosts.flatMap(h => [...h.stack.fpPorts()].filter(p => p.virtual));
		expect(vports).toHaveLength(36);
		for (const vp of vports) {
			expect(vp.state).toBe('online');
			// two target ports per fabric (one per array), no sibling vport, no other initiator
			expect(vp.remotePorts).toHaveLength(2);
			expect(vp.remotePorts.every(r => targets.has(r.wwpn) && r.target)).toBe(true);
			expect(vp.remotePorts.flatMap(r => r.luns).length).toBeGreaterThanOrEqual(1);
		}
	});
});
