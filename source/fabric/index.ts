export * from './ElsCodes.js';
export * from './Fcp.js';
export * from './NPort.js';
export {FabricReject, rejectText} from './FabricReject.js';
export {defaultFabricOptions, DEFAULT_NPIV_LIMIT, MAX_NPIV_LIMIT, type FabricOptions} from './FabricOptions.js';
export {FabricError} from './FabricError.js';
export {Fabric, type FabricContext, type LinkStopCause} from './Fabric.js';
export {FabricLogin, type LogoutCause} from './FabricLogin.js';
export {FcSwitch, type SwitchIdentity} from './FcSwitch.js';
export {SwitchPort, type PortAttachment, type PortState} from './SwitchPort.js';
export {FPortLink} from './FPortLink.js';
export {ArbitratedLoop, type LoopMemberView} from './ArbitratedLoop.js';
export {PointToPointCable, P2P_HIGH_ID, P2P_LOW_ID} from './PointToPointCable.js';
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
export {ZoningDatabase, ZoningError, type DefaultZoneMode, type EffectiveConfig, type EffectiveZone, type FabricZoningState} from './ZoningDatabase.js';
export {ZoneIndex, type ZoneMode, type ZoneSubject} from './ZoneIndex.js';
export {canonicalMember, displayMember, formatZoneMember, memberOf, parseZoneMember, portKey, type ZoneMember} from './ZoneMember.js';
export {wantsRscn, describePages} from './RscnService.js';
export * from './views.js';
export {runSwitchCommand, switchCommandNames, type SwitchCommandResult, type SwitchCommandOptions} from './shell/runSwitchCommand.js';
