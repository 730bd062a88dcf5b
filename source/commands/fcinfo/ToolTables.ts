/** The option and subcommand tables of fcinfo.c: the tool is chosen by the name it runs under. */
import {OPERAND_MANDATORY_SINGLE, OPERAND_NONE, OPERAND_OPTIONAL_MULTIPLE} from './CmdParse.js';
import type {OptionEntry, SyntaxTables} from './CmdParse.js';
import {createNpivPort} from './CreateNpivPort.js';
import {createPortList} from './CreatePortList.js';
import {deleteNpivPort} from './DeleteNpivPort.js';
import type {FcHandlerContext} from './FcToolContext.js';
import {createFcoePort, deleteFcoePort, listFcoePorts} from './FcoePorts.js';
import {forceLip} from './ForceLip.js';
import {listHbaPorts} from './HbaPortList.js';
import {listLogicalUnits} from './LogicalUnitList.js';
import {listRemotePorts} from './RemotePortList.js';

export type FcToolName = 'fcinfo' | 'fcadm';

const VERSION = '1.0';
const PORT_WWN = 'HBA Port WWN';
const NODE_WWN = 'HBA Node WWN';

const FCINFO_OPTIONS: readonly OptionEntry[] = [
	{name: 'port', hasArg: true, val: 'p', argDesc: PORT_WWN},
	{name: 'target', hasArg: false, val: 't'},
	{name: 'initiator', hasArg: false, val: 'i'},
	{name: 'linkstat', hasArg: false, val: 'l'},
	{name: 'scsi-target', hasArg: false, val: 's'},
	{name: 'fcoe', hasArg: false, val: 'e'},
	{name: 'verbose', hasArg: false, val: 'v'},
];

const FCADM_OPTIONS: readonly OptionEntry[] = [
	{name: 'port', hasArg: true, val: 'p', argDesc: PORT_WWN},
	{name: 'node', hasArg: true, val: 'n', argDesc: NODE_WWN},
	{name: 'linkstat', hasArg: false, val: 'l'},
	{name: 'scsi-target', hasArg: false, val: 's'},
	{name: 'fcoe-force-promisc', hasArg: false, val: 'f'},
	{name: 'target', hasArg: false, val: 't'},
	{name: 'initiator', hasArg: false, val: 'i'},
	{name: 'fcoe', hasArg: false, val: 'e'},
	{name: 'verbose', hasArg: false, val: 'v'},
];

export const FCINFO_TABLES: SyntaxTables<FcHandlerContext> = {
	versionString: VERSION,
	longOptions: FCINFO_OPTIONS,
	subcommands: [
		{name: 'hba-port', handler: listHbaPorts, optionString: 'itel', required: null, operand: OPERAND_OPTIONAL_MULTIPLE, operandDefinition: 'WWN'},
		{name: 'remote-port', handler: listRemotePorts, optionString: 'lsp', required: 'p', operand: OPERAND_OPTIONAL_MULTIPLE, operandDefinition: 'WWN'},
		{name: 'logical-unit', handler: listLogicalUnits, optionString: 'v', required: null, operand: OPERAND_OPTIONAL_MULTIPLE, operandDefinition: 'OS Device Path'},
		{name: 'lu', handler: listLogicalUnits, optionString: 'v', required: null, operand: OPERAND_OPTIONAL_MULTIPLE, operandDefinition: 'OS Device Path'},
	],
};

/**
 * fcadm as Solaris 11 builds it: hba-port takes fcinfo's -i/-t/-e/-l and logical-unit/lu are
 * fcinfo's (Arquivotheca/solaris11 usr/src/cmd/fcinfo/fcinfo.c, fcadmsubcommands and
 * fcadmlongOptions; illumos later dropped both).
 */
export const FCADM_TABLES: SyntaxTables<FcHandlerContext> = {
	versionString: VERSION,
	longOptions: FCADM_OPTIONS,
	subcommands: [
		{name: 'create-npiv-port', handler: createNpivPort, optionString: 'pn', required: null, operand: OPERAND_MANDATORY_SINGLE, operandDefinition: 'WWN'},
		{name: 'delete-npiv-port', handler: deleteNpivPort, optionString: 'p', required: 'p', operand: OPERAND_MANDATORY_SINGLE, operandDefinition: 'WWN'},
		{name: 'hba-port', handler: listHbaPorts, optionString: 'itel', required: null, operand: OPERAND_OPTIONAL_MULTIPLE, operandDefinition: 'WWN'},
		{name: 'remote-port', handler: listRemotePorts, optionString: 'psl', required: 'p', operand: OPERAND_OPTIONAL_MULTIPLE, operandDefinition: 'WWN'},
		{name: 'create-port-list', handler: createPortList, optionString: null, required: null, operand: OPERAND_NONE, operandDefinition: null},
		{name: 'logical-unit', handler: listLogicalUnits, optionString: 'v', required: null, operand: OPERAND_OPTIONAL_MULTIPLE, operandDefinition: 'OS Device Path'},
		{name: 'lu', handler: listLogicalUnits, optionString: 'v', required: null, operand: OPERAND_OPTIONAL_MULTIPLE, operandDefinition: 'OS Device Path'},
		{name: 'create-fcoe-port', handler: createFcoePort, optionString: 'itpnf', required: null, operand: OPERAND_MANDATORY_SINGLE, operandDefinition: 'Network Interface Name'},
		{name: 'delete-fcoe-port', handler: deleteFcoePort, optionString: null, required: null, operand: OPERAND_MANDATORY_SINGLE, operandDefinition: 'Network Interface Name'},
		{name: 'list-fcoe-ports', handler: listFcoePorts, optionString: 'it', required: null, operand: OPERAND_NONE, operandDefinition: null},
		{name: 'force-lip', handler: forceLip, optionString: null, required: null, operand: OPERAND_MANDATORY_SINGLE, operandDefinition: 'WWN'},
	],
};

export function toolTables(tool: FcToolName): SyntaxTables<FcHandlerContext> {
	return tool === 'fcadm' ? FCADM_TABLES : FCINFO_TABLES;
}
