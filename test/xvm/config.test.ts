import {describe, expect, it} from 'vitest';
import {domainSpecFromConfig, formatConfigText, parseConfigText} from '../../source/xvm/DomainConfigText.js';
import {blockDeviceNumber, xvdName} from '../../source/xvm/Xenbus.js';
import {parseNpivSpec} from '../../source/xvm/NpivSpec.js';

describe('domain configuration text', () => {
	it('reads the Python subset real configs use', () => {
		const text = `# web01 -- managed by hand
name = "web01"   # the guest
memory = 1024
vcpus = 2
kernel = '/platform/i86xpv/kernel/amd64/unix'
extra = "-B console=hypervisor"
disk = [ 'phy:/dev/zvol/dsk/rpool/web01,xvda,w',
         "file:/xvm/web01-swap.img,xvdb,w", ]
vif = ['bridge=e1000g0,mac=00:16:3e:5a:01:01']
npiv = [ 'c0007d5a3e81c241:c0007d5a3e81c240:1:2100001b32813c5a' ]
on_reboot = 'restart'; on_crash = 'preserve'
unused_variable = 42
`;
		const spec = domainSpecFromConfig(parseConfigText(text, 'web01.cfg'), []);
		expect(spec.name).toBe('web01');
		expect(spec.memoryMiB).toBe(1024);
		expect(spec.disk.map(d => [d.uname, d.dev, d.mode])).toEqual([
			['phy:/dev/zvol/dsk/rpool/web01', 'xvda', 'w'],
			['file:/xvm/web01-swap.img', 'xvdb', 'w'],
		]);
		expect(spec.npiv).toEqual([{vpwwn: 'c0007d5a3e81c241', vnwwn: 'c0007d5a3e81c240', autoattach: true, ppwwn: '2100001b32813c5a'}]);
		expect(spec.onCrash).toBe('preserve');
		expect(spec.extra).toBe('-B console=hypervisor');
		// formatting and reading back gives the same configuration
		expect(domainSpecFromConfig(parseConfigText(formatConfigText(spec), 'x'), [])).toEqual(spec);
	});

	it('takes the name from the file when the config has none, as create.py does', () => {
		expect(domainSpecFromConfig(parseConfigText('memory = 256\n', 'guests/solo'), [], 'solo').name).toBe('solo');
	});

	it('lets command-line words override the file and append to list keys', () => {
		const vars = parseConfigText("name = 'a'\nmemory = 512\nvif = ['bridge=xenbr0']\n", 'a.cfg');
		const spec = domainSpecFromConfig(vars, ['memory=768', 'vif=bridge=xenbr1', 'vif=bridge=xenbr2']);
		expect(spec.memoryMiB).toBe(768);
		expect(spec.vif).toEqual(['bridge=xenbr1', 'bridge=xenbr2']);
		expect(() => domainSpecFromConfig(vars, ['colour=blue'])).toThrow('Unknown configuration variable: colour');
	});

	it('reports syntax errors with the line', () => {
		expect(() => parseConfigText("name = 'a\nmemory = 1\n", 'b.cfg')).toThrow(/^Errors were found at line 1 while processing b\.cfg$/);
		expect(() => parseConfigText('memory = 1 2\n', 'c.cfg')).toThrow(/^Errors were found at line 1 while processing c\.cfg$/);
		expect(() => parseConfigText('vcpus = 2x\n', 'd.cfg')).toThrow('line 1');
	});

	it('parses npiv entries strictly', () => {
		expect(() => parseNpivSpec('c0007d5a3e81c241:c0007d5a3e81c240:1')).toThrow('Invalid npiv specifier');
		expect(() => parseNpivSpec('c0007d5a3e81c241:c0007d5a3e81c241:1:2100001b32813c5a')).toThrow('port WWN is same as node WWN');
		expect(parseNpivSpec('C0007D5A3E81C241:c0007d5a3e81c240:0:0x2100001b32813c5a')).toEqual({
			vpwwn: 'c0007d5a3e81c241',
			vnwwn: 'c0007d5a3e81c240',
			autoattach: false,
			ppwwn: '2100001b32813c5a',
		});
	});
});

describe('virtual block device numbers', () => {
	it('follow blkif.py', () => {
		expect(blockDeviceNumber('xvda')).toBe(51712);
		expect(blockDeviceNumber('xvdb')).toBe(51728);
		expect(blockDeviceNumber('xvda1')).toBe(51713);
		expect(blockDeviceNumber('xvdq')).toBe((1 << 28) | (16 << 8));
		expect(blockDeviceNumber('hda')).toBe(768);
		expect(blockDeviceNumber('hdc')).toBe(5632);
		expect(blockDeviceNumber('sdb')).toBe(2064);
		expect(blockDeviceNumber('0xca00')).toBe(51712);
		expect(blockDeviceNumber('floppy')).toBeUndefined();
		expect([0, 1, 25, 26, 27].map(xvdName)).toEqual(['xvda', 'xvdb', 'xvdz', 'xvdaa', 'xvdab']);
	});
});
