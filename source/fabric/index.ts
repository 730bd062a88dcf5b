/**
 * The fabric layer: switches, F_Ports, login server, name server, zoning, SCR/RSCN, plus the
 * switch-less media (private loop, point-to-point cable) and a Brocade-FOS-style switch shell.
 *
 * What an N_Port (driver/, storage/) can rely on, beyond the NPort.ts contract:
 * - linkUp/linkDown, receiveLogo and receiveRscn arrive from scheduled Simulator events, never
 *   from inside the N_Port's own request. A link object is valid until its linkDown; requests
 *   through a dead link get LS_RJT 09/00 (SCSI: no-connection, CT: FS_RJT 03/00).
 * - LS_RJT pairs (FabricReject): FDISC with NPIV off / on a loop or p2p link 0B/00; NPIV port
 *   limit or switch login limit 09/29; duplicate WWPN (first-wins) 03/0D; FDISC before FLOGI
 *   09/1E; N_Port-to-N_Port to an unknown or unzoned D_ID 09/1F.
 * - receiveLogo(did) is sent only when the N_Port could not otherwise know: its FLOGI ID was
 *   logged out so its NPIV IDs went too (one call per NPIV ID), NPIV was turned off on the port
 *   or switch, the NPIV limit was lowered, or newest-wins gave its WWPN to another login. Link
 *   down (cable, port disable, reset) and the N_Port's own re-FLOGI log everything out silently.
 * - RSCN pages: port format (qualifiers ns-object-changed on login and NS registration,
 *   object-removed on logout, port-attribute-changed on link up), sent to ports zoned with the
 *   change that registered (SCR) before it, never about the recipient itself. Pages gathered
 *   during one coalescing window (`rscnWindowMs`, 50 ms from the first page) leave as one RSCN
 *   per recipient; more than `rscnMaxPages` (32) collapse to area, domain, then fabric format.
 *   Zoning changes: one fabric-format page (switch-config-changed) to each registered port whose
 *   zoning changed.
 * - Turning NPIV back on under a FLOGI that was told "no NPIV" bounces the link.
 */
export * from './ElsCodes.js';
export * from './Fcp.js';
export * from './NPort.js';
export {FabricReject, rejectText} from './FabricReject.js';
export {defaultFabricOptions, DEFAULT_NPIV_LIMIT, MAX_NPIV_LIMIT, type FabricOptions} from './FabricOptions.js';
export {FabricError} from './FabricError.js';
export {Fabric, describeAttachment, type FabricContext, type LinkStopCause, type ZoningEditOp} from './Fabric.js';
export {FabricLogin, type LogoutCause} from './FabricLogin.js';
export {FcSwitch, type SwitchIdentity} from './FcSwitch.js';
export {SwitchPort, type PortAttachment, type PortState} from './SwitchPort.js';
export {FPortLink} from './FPortLink.js';
export {ArbitratedLoop, type LoopMemberView} from './ArbitratedLoop.js';
export {PointToPointCable, P2P_HIGH_ID, P2P_LOW_ID} from './PointToPointCable.js';
export {DirectLink, ZERO_WWN} from './DirectLink.js';
export {AL_PAS} from './AlPa.js';
export {
	buildFabrics,
	FabricSet,
	type Attachment,
	type BuildOptions,
	type FabricsConfig,
	type PlugOptions,
	type PlugTarget,
} from './FabricSet.js';
export {LoginServer} from './LoginServer.js';
export {loadDirectMediaLive, loadFabricLive, saveDirectMediaLive, saveFabricLive, type DirectMediaLive, type FabricLive} from './FabricLive.js';
export {NameServer, FC4_NAMES} from './NameServer.js';
export {RscnService, wantsRscn, describePages} from './RscnService.js';
export {ZoningDatabase, ZoningError, type DefaultZoneMode, type EffectiveConfig, type EffectiveZone, type FabricZoningState} from './ZoningDatabase.js';
export {ZoneIndex, type CompiledZone, type ZoneMode, type ZoneSubject} from './ZoneIndex.js';
export {canonicalMember, displayMember, formatZoneMember, memberOf, parseZoneMember, portKey, type ZoneMember} from './ZoneMember.js';
export {isValidZoneObjectName, zoneObjectNameProblem} from './ZoneObjectName.js';
export * from './views.js';
export {runSwitchCommand, switchCommandNames, type SwitchCommandResult, type SwitchCommandOptions} from './shell/runSwitchCommand.js';
