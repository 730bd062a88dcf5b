/**
 * Unsolicited traffic from a medium to its N_Ports (linkUp, linkDown, fabric LOGO). Everything
 * posted for the same simulated instant runs in one Simulator event, in posting order, so a
 * switch-wide logout of 50,000 NPIV IDs costs one event, and nothing ever reaches an N_Port
 * re-entrantly from inside one of its own requests.
 */
import type {SimTime, Simulator} from '../sim/Simulator.js';

export class OutboundQueue {
	private readonly groups = new Map<SimTime, (() => void)[]>();

	constructor(private readonly sim: Simulator) {}

	post(delay: number, action: () => void): void {
		const due = this.sim.now + delay;
		let group = this.groups.get(due);
		if (!group) {
			group = [];
			this.groups.set(due, group);
			this.sim.at(due, () => this.run(due), 'fabric.deliver');
		}
		group.push(action);
	}

	private run(due: SimTime): void {
		const group = this.groups.get(due);
		this.groups.delete(due);
		if (!group) return;
		for (let i = 0; i < group.length; i++) group[i]!();
	}
}
