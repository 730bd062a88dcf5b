// source/sim/Prng.ts
var Prng = class _Prng {
  s;
  constructor(state) {
    this.s = Uint32Array.from(state);
    if (this.s.every((w) => w === 0)) this.s[0] = 1;
  }
  static fromSeed(seed) {
    let x = seed >>> 0;
    const words = [];
    for (let i = 0; i < 4; i++) {
      x = x + 2654435769 >>> 0;
      let z3 = x;
      z3 = Math.imul(z3 ^ z3 >>> 16, 2246822507) >>> 0;
      z3 = Math.imul(z3 ^ z3 >>> 13, 3266489909) >>> 0;
      words.push((z3 ^ z3 >>> 16) >>> 0);
    }
    return new _Prng(words);
  }
  get state() {
    return [this.s[0], this.s[1], this.s[2], this.s[3]];
  }
  nextUint32() {
    const s = this.s;
    const result = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
    const t2 = s[1] << 9 >>> 0;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t2;
    s[3] = rotl(s[3], 11);
    return result;
  }
  /** Uniform float in [0, 1). */
  nextFloat() {
    return this.nextUint32() / 4294967296;
  }
  /** Uniform integer in [0, bound). */
  nextInt(bound) {
    if (!(bound > 0)) throw new RangeError(`invalid bound ${bound}`);
    return Math.floor(this.nextFloat() * bound);
  }
  bytes(n) {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i += 4) {
      const w = this.nextUint32();
      for (let j = 0; j < 4 && i + j < n; j++) out[i + j] = w >>> 8 * j & 255;
    }
    return out;
  }
};
function rotl(x, k) {
  return (x << k | x >>> 32 - k) >>> 0;
}

// source/sim/Wwn.ts
var STRICT = /^[0-9a-fA-F]{16}$/;
function parseWwn(text) {
  let t2 = text.trim();
  if (/^0x/i.test(t2)) t2 = t2.slice(2);
  if (/^([0-9a-fA-F]{2}:){7}[0-9a-fA-F]{2}$/.test(t2)) t2 = t2.replaceAll(":", "");
  return STRICT.test(t2) ? t2.toLowerCase() : void 0;
}
function wwnColons(w) {
  return w.match(/../g).join(":");
}
function wwnUpper(w) {
  return w.toUpperCase();
}
function wwnFromBytes(bytes) {
  if (bytes.length !== 8) throw new Error("a WWN is 8 bytes");
  let s = "";
  for (let i = 0; i < 8; i++) s += (bytes[i] & 255).toString(16).padStart(2, "0");
  return s;
}
function wwnFlipLowBit(w) {
  const last = parseInt(w.slice(14), 16) ^ 1;
  return w.slice(0, 14) + last.toString(16).padStart(2, "0");
}

// source/store/IssueText.ts
function describeValue(value) {
  if (value === void 0) return "nothing";
  if (value === null) return "null";
  if (typeof value === "string") return `text ${quote(value)}`;
  if (typeof value === "number") return Number.isFinite(value) ? `the number ${value}` : String(value);
  if (typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === "object") {
    const json2 = JSON.stringify(value);
    return json2.length <= 60 ? json2 : "an object";
  }
  return typeof value;
}
function quote(text) {
  const shown = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  return JSON.stringify(shown);
}

// source/store/migrations.ts
import { z as z2 } from "zod";

// source/store/FieldFormats.ts
var WWN_TEXT = /^(?:[0-9a-fA-F]{16}|(?:[0-9a-fA-F]{2}:){7}[0-9a-fA-F]{2})$/;
var HEX16 = /^[0-9a-fA-F]{16}$/;
var WWN_FORMS = "16 hex digits or 8 colon-separated bytes";
function isWwnText(text) {
  return WWN_TEXT.test(text);
}
function storeWwn(text) {
  if (text.length === 16) return HEX16.test(text) ? text.toLowerCase() : void 0;
  return WWN_TEXT.test(text) ? parseWwn(text) : void 0;
}
var VPORT_INDEX_MIN = 1;
var VPORT_INDEX_MAX = 254;
var NPIV_PORT_EXAMPLE = "2100001b32813c5a:C0007D5A3E81C241:C0007D5A3E81C240:1";
var NPIV_PORT_ENTRY = /^([0-9a-fA-F]{16}):([0-9A-F]{16}):([0-9A-F]{16}):(\d{1,3})$/;
function parseNpivPortEntry(text) {
  const m = NPIV_PORT_ENTRY.exec(text);
  if (m) {
    const index = Number(m[4]);
    const portWwn = m[2].toLowerCase();
    const nodeWwn = m[3].toLowerCase();
    if (index >= VPORT_INDEX_MIN && index <= VPORT_INDEX_MAX && portWwn !== nodeWwn) {
      return { value: { physicalText: m[1], physicalWwn: m[1].toLowerCase(), portWwn, nodeWwn, index } };
    }
  }
  return { problem: npivPortEntryProblem(text) };
}
function npivPortEntryProblem(text) {
  const fields = text.split(":");
  if (fields.length !== 4) {
    return `'${text}' is not an NPIV port list entry: expected <physical WWN>:<virtual port WWN>:<virtual node WWN>:<index>, e.g. ${NPIV_PORT_EXAMPLE}`;
  }
  const [physical, port, node, index] = fields;
  const names = ["physical port WWN", "virtual port WWN", "virtual node WWN"];
  const wwns = [physical, port, node];
  for (let i = 0; i < 3; i++) {
    if (!HEX16.test(wwns[i])) return `in '${text}': the ${names[i]} '${wwns[i]}' is not 16 hex digits`;
    if (i > 0 && wwns[i] !== wwns[i].toUpperCase()) return `in '${text}': the ${names[i]} '${wwns[i]}' must be in upper case, as fcadm writes it`;
  }
  if (!/^\d+$/.test(index) || Number(index) < VPORT_INDEX_MIN || Number(index) > VPORT_INDEX_MAX) {
    return `in '${text}': the index '${index}' is not a whole number from ${VPORT_INDEX_MIN} to ${VPORT_INDEX_MAX} (the kernel's vport index range)`;
  }
  return `in '${text}': the virtual port WWN is the same as the virtual node WWN`;
}
function formatNpivPortEntry(entry) {
  return `${entry.physicalText}:${wwnUpper(entry.portWwn)}:${wwnUpper(entry.nodeWwn)}:${entry.index}`;
}
var DOMAIN_NPIV_EXAMPLE = "c0007d5a3e81c241:c0007d5a3e81c240:1:2100001b32813c5a";
function parseDomainNpivEntry(text) {
  const fields = text.split(":");
  if (fields.length !== 4) {
    return { problem: `'${text}' is not a domain NPIV entry: expected vpwwn:vnwwn:autoattach:ppwwn, e.g. ${DOMAIN_NPIV_EXAMPLE}` };
  }
  const [port, node, autoattach, physical] = fields;
  if (!HEX16.test(port)) return { problem: `in '${text}': the virtual port WWN '${port}' is not 16 hex digits` };
  if (!HEX16.test(node)) return { problem: `in '${text}': the virtual node WWN '${node}' is not 16 hex digits` };
  if (autoattach !== "0" && autoattach !== "1") return { problem: `in '${text}': autoattach '${autoattach}' must be 0 or 1` };
  if (!HEX16.test(physical)) return { problem: `in '${text}': the physical port WWN '${physical}' is not 16 hex digits` };
  const value = {
    portWwn: parseWwn(port),
    nodeWwn: parseWwn(node),
    autoattach: autoattach === "1",
    physicalWwn: parseWwn(physical)
  };
  if (value.portWwn === value.nodeWwn) return { problem: `in '${text}': the virtual port WWN is the same as the virtual node WWN` };
  return { value };
}

// source/store/schema.ts
import { z } from "zod";

// source/store/LabChecks.ts
var ZONE_OBJECT_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
var DOMAIN_PORT = /^(\d{1,3}),(\d{1,4})$/;
function checkLab(lab2) {
  const issues = [];
  const add = (path, message) => issues.push({ path, message });
  const fabrics = uniqueNames(lab2.fabrics, "fabrics", "fabric", add);
  lab2.fabrics.forEach((fabric, i) => checkZoning(fabric.zoning, ["fabrics", i, "zoning"], add));
  const physical = /* @__PURE__ */ new Map();
  const claimPhysical = (text, owner, path) => {
    const w = storeWwn(text);
    if (!w) return;
    const previous = physical.get(w);
    if (previous) add(path, `WWN ${text} is already used by ${previous}`);
    else physical.set(w, owner);
  };
  const switches = uniqueNames(lab2.switches, "switches", "switch", add);
  const domainsByFabric = /* @__PURE__ */ new Map();
  lab2.switches.forEach((sw, i) => {
    const at = ["switches", i];
    if (!fabrics.has(sw.fabric)) add([...at, "fabric"], `fabric ${JSON.stringify(sw.fabric)} is not in the fabrics list`);
    const ids = domainsByFabric.get(sw.fabric) ?? /* @__PURE__ */ new Map();
    domainsByFabric.set(sw.fabric, ids);
    const holder = ids.get(sw.domainId);
    if (holder !== void 0) add([...at, "domainId"], `domain ID ${sw.domainId} is already used by switch ${holder} in fabric ${sw.fabric}`);
    else ids.set(sw.domainId, sw.name);
    claimPhysical(sw.wwn, `switch ${sw.name}`, [...at, "wwn"]);
    const seen = /* @__PURE__ */ new Set();
    (sw.ports ?? []).forEach((port, j) => {
      if (port.index >= sw.portCount) add([...at, "ports", j, "index"], `port ${port.index} does not exist: switch ${sw.name} has ports 0 to ${sw.portCount - 1}`);
      if (seen.has(port.index)) add([...at, "ports", j, "index"], `port ${port.index} is listed twice`);
      seen.add(port.index);
      if (port.speedGbps !== void 0 && port.speedGbps > sw.maxSpeedGbps) {
        add([...at, "ports", j, "speedGbps"], `${port.speedGbps} Gb/s is faster than the switch's ${sw.maxSpeedGbps} Gb/s`);
      }
    });
  });
  const switchPortUse = /* @__PURE__ */ new Map();
  const useSwitchPort = (name2, port, what, path) => {
    const sw = switches.get(name2);
    if (!sw) {
      add(path, `switch ${JSON.stringify(name2)} does not exist`);
      return;
    }
    if (port >= sw.portCount) {
      add(path, `port ${port} does not exist: switch ${name2} has ports 0 to ${sw.portCount - 1}`);
      return;
    }
    const key = `${name2}\0${port}`;
    const previous = switchPortUse.get(key);
    if (previous) add(path, `port ${port} of switch ${name2} is already used by ${previous}`);
    else switchPortUse.set(key, what);
  };
  const adjacency = /* @__PURE__ */ new Map();
  lab2.isls.forEach((isl, i) => {
    const at = ["isls", i];
    useSwitchPort(isl.a.switch, isl.a.port, `ISL ${i}`, [...at, "a"]);
    useSwitchPort(isl.b.switch, isl.b.port, `ISL ${i}`, [...at, "b"]);
    const a = switches.get(isl.a.switch);
    const b = switches.get(isl.b.switch);
    if (a && b) {
      if (a === b) add(at, `an ISL joins switch ${a.name} to itself`);
      else if (a.fabric !== b.fabric) add(at, `an ISL joins ${a.name} (fabric ${a.fabric}) to ${b.name} (fabric ${b.fabric}): it would merge two fabrics`);
      else {
        adjacency.set(a.name, [...adjacency.get(a.name) ?? [], b.name]);
        adjacency.set(b.name, [...adjacency.get(b.name) ?? [], a.name]);
      }
    }
  });
  checkFabricsJoined(lab2, adjacency, add);
  const loops = uniqueNames(lab2.loops, "loops", "loop", add);
  const hosts = uniqueNames(lab2.hosts, "hosts", "host", add);
  const hostPorts = /* @__PURE__ */ new Map();
  const xenPhysicalPorts = /* @__PURE__ */ new Set();
  lab2.hosts.forEach((host, i) => {
    const at = ["hosts", i];
    const ports = /* @__PURE__ */ new Map();
    hostPorts.set(host.name, ports);
    host.hbas.forEach((hba, h) => {
      hba.ports.forEach((port, p) => {
        claimPhysical(port.wwpn, `host ${host.name} HBA ${h} port ${p}`, [...at, "hbas", h, "ports", p, "wwpn"]);
        const w = storeWwn(port.wwpn);
        if (w) {
          ports.set(w, port.wwpn);
          if (host.kind === "xen") xenPhysicalPorts.add(w);
        }
      });
    });
    checkHostNpivPorts(host.name, host.npivPorts, ports, [...at, "npivPorts"], add);
  });
  const arrays = uniqueNames(lab2.arrays, "arrays", "array", add);
  lab2.arrays.forEach((array, i) => {
    const at = ["arrays", i];
    const portNames = uniqueNames(array.ports, [...at, "ports"], "target port", add);
    array.ports.forEach((port, p) => claimPhysical(port.wwpn, `array ${array.name} port ${port.name}`, [...at, "ports", p, "wwpn"]));
    const luIds = /* @__PURE__ */ new Set();
    array.luns.forEach((lu, l) => {
      if (luIds.has(lu.id)) add([...at, "luns", l, "id"], `LU ${lu.id} is defined twice in array ${array.name}`);
      luIds.add(lu.id);
    });
    uniqueNames(array.hostGroups, [...at, "hostGroups"], "host group", add);
    array.hostGroups.forEach((group, g) => {
      const gAt = [...at, "hostGroups", g];
      const hostLuns = /* @__PURE__ */ new Set();
      group.luns.forEach((map, m) => {
        if (!luIds.has(map.lun)) add([...gAt, "luns", m, "lun"], `LU ${map.lun} does not exist in array ${array.name}`);
        if (hostLuns.has(map.hostLun)) add([...gAt, "luns", m, "hostLun"], `host LUN ${map.hostLun} is mapped twice in host group ${group.name}`);
        hostLuns.add(map.hostLun);
      });
      (group.ports ?? []).forEach((name2, p) => {
        if (!portNames.has(name2)) add([...gAt, "ports", p], `array ${array.name} has no target port ${JSON.stringify(name2)}`);
      });
      const initiators = /* @__PURE__ */ new Set();
      group.initiators.forEach((text, n) => {
        const w = storeWwn(text);
        if (w && initiators.has(w)) add([...gAt, "initiators", n], `initiator ${text} is listed twice`);
        if (w) initiators.add(w);
      });
    });
  });
  const endUse = /* @__PURE__ */ new Map();
  lab2.cables.forEach((cable, i) => {
    const at = ["cables", i];
    const kindA = endKind(cable.a);
    const kindB = endKind(cable.b);
    if (kindA === "switch" && kindB === "switch") add(at, "a cable joins two switches: list switch-to-switch links under isls");
    if (kindA === "loop" && kindB === "loop") add(at, "a cable joins two loops");
    for (const side of ["a", "b"]) {
      const end = cable[side];
      const path = [...at, side];
      if ("switch" in end) {
        useSwitchPort(end.switch, end.port, `cable ${i}`, path);
      } else if ("host" in end) {
        const ports = hostPorts.get(end.host);
        const w = storeWwn(end.wwpn);
        if (!hosts.has(end.host)) add(path, `host ${JSON.stringify(end.host)} does not exist`);
        else if (w && !ports?.has(w)) add(path, `host ${end.host} has no HBA port ${end.wwpn}`);
        else if (w) claimEnd(`host\0${w}`, i, `HBA port ${end.wwpn} of host ${end.host}`, path);
      } else if ("array" in end) {
        const array = arrays.get(end.array);
        if (!array) add(path, `array ${JSON.stringify(end.array)} does not exist`);
        else if (!array.ports.some((p) => p.name === end.port)) add(path, `array ${end.array} has no target port ${JSON.stringify(end.port)}`);
        else claimEnd(`array\0${end.array}\0${end.port}`, i, `target port ${end.port} of array ${end.array}`, path);
      } else if (!loops.has(end.loop)) {
        add(path, `loop ${JSON.stringify(end.loop)} does not exist`);
      }
    }
  });
  function claimEnd(key, cable, what, path) {
    const previous = endUse.get(key);
    if (previous !== void 0) add(path, `${what} is already cabled (cable ${previous})`);
    else endUse.set(key, cable);
  }
  uniqueNames(lab2.domains, "domains", "domain", add);
  lab2.domains.forEach((domain, i) => {
    const at = ["domains", i];
    const host = hosts.get(domain.host);
    if (!host) add([...at, "host"], `host ${JSON.stringify(domain.host)} does not exist`);
    else if (host.kind !== "xen") add([...at, "host"], `host ${domain.host} is a ${host.kind} host; domains run on a xen host`);
    const vports = /* @__PURE__ */ new Set();
    (domain.npiv ?? []).forEach((text, n) => {
      const parsed = parseDomainNpivEntry(text);
      if (parsed.problem !== void 0) {
        add([...at, "npiv", n], parsed.problem);
        return;
      }
      const entry = parsed.value;
      if (vports.has(entry.portWwn)) add([...at, "npiv", n], `virtual port WWN ${entry.portWwn} is listed twice`);
      vports.add(entry.portWwn);
      if (!xenPhysicalPorts.has(entry.physicalWwn)) add([...at, "npiv", n], `physical port ${entry.physicalWwn} is not an HBA port of a xen host`);
    });
  });
  return issues;
}
function uniqueNames(items, where, what, add) {
  const base = typeof where === "string" ? [where] : where;
  const byName2 = /* @__PURE__ */ new Map();
  items.forEach((item, i) => {
    if (byName2.has(item.name)) add([...base, i, "name"], `${what} name ${JSON.stringify(item.name)} is used twice`);
    else byName2.set(item.name, item);
  });
  return byName2;
}
function endKind(end) {
  if ("switch" in end) return "switch";
  if ("host" in end) return "host";
  if ("array" in end) return "array";
  return "loop";
}
function checkFabricsJoined(lab2, adjacency, add) {
  const byFabric = /* @__PURE__ */ new Map();
  for (const sw of lab2.switches) byFabric.set(sw.fabric, [...byFabric.get(sw.fabric) ?? [], sw.name]);
  for (const [fabric, members] of byFabric) {
    const reached = /* @__PURE__ */ new Set([members[0]]);
    const queue = [members[0]];
    while (queue.length > 0) {
      for (const next of adjacency.get(queue.pop()) ?? []) {
        if (!reached.has(next)) {
          reached.add(next);
          queue.push(next);
        }
      }
    }
    const cut = members.find((m) => !reached.has(m));
    if (cut !== void 0) {
      const index = lab2.switches.findIndex((s) => s.name === cut);
      add(["switches", index, "fabric"], `switch ${cut} is in fabric ${fabric} but no ISL path joins it to ${members[0]}`);
    }
  }
}
function checkHostNpivPorts(host, entries, physical, at, add) {
  const vports = /* @__PURE__ */ new Set();
  const ordinal = new Map([...physical.keys()].map((w, i) => [w, i]));
  const indexes = /* @__PURE__ */ new Set();
  entries.forEach((text, i) => {
    const parsed = parseNpivPortEntry(text);
    if (parsed.problem !== void 0) {
      add([...at, i], parsed.problem);
      return;
    }
    const e = parsed.value;
    const port = ordinal.get(e.physicalWwn);
    if (port === void 0) add([...at, i], `host ${host} has no HBA port ${e.physicalText}`);
    if (physical.has(e.portWwn)) add([...at, i], `virtual port WWN ${e.portWwn} is the WWN of a physical port of host ${host}`);
    if (vports.has(e.portWwn)) add([...at, i], `virtual port WWN ${e.portWwn} is already a virtual port of host ${host}`);
    vports.add(e.portWwn);
    if (port !== void 0) {
      const key = port * 256 + e.index;
      if (indexes.has(key)) add([...at, i], `index ${e.index} is already used on physical port ${e.physicalText}`);
      indexes.add(key);
    }
  });
}
function checkZoning(zoning, at, add) {
  const names = /* @__PURE__ */ new Map();
  const claim = (name2, kind, path) => {
    if (!ZONE_OBJECT_NAME.test(name2)) add(path, `${kind} name ${JSON.stringify(name2)} must start with a letter and hold only letters, digits, '_' or '-' (at most 64)`);
    const previous = names.get(name2);
    if (previous) add(path, `${kind} name ${JSON.stringify(name2)} is already used by ${previous === kind ? "another" : "an"} ${previous}`);
    else names.set(name2, kind);
  };
  zoning.aliases.forEach((alias, i) => {
    claim(alias.name, "alias", [...at, "aliases", i, "name"]);
    alias.members.forEach((member, m) => {
      const problem = memberProblem(member, false);
      if (problem) add([...at, "aliases", i, "members", m], problem);
    });
  });
  const aliasNames = new Set(zoning.aliases.map((a) => a.name));
  zoning.zones.forEach((zone, i) => {
    claim(zone.name, "zone", [...at, "zones", i, "name"]);
    zone.members.forEach((member, m) => {
      if (aliasNames.has(member)) return;
      const problem = memberProblem(member, true);
      if (problem) add([...at, "zones", i, "members", m], problem);
    });
  });
  const zoneNames = new Set(zoning.zones.map((z3) => z3.name));
  zoning.configs.forEach((config, i) => {
    claim(config.name, "configuration", [...at, "configs", i, "name"]);
    config.zones.forEach((zone, z3) => {
      if (!zoneNames.has(zone)) add([...at, "configs", i, "zones", z3], `zone ${JSON.stringify(zone)} is not defined`);
    });
  });
  if (zoning.effective !== null && !zoning.configs.some((c) => c.name === zoning.effective)) {
    add([...at, "effective"], `configuration ${JSON.stringify(zoning.effective)} is not defined`);
  }
}
function memberProblem(member, aliasAllowed) {
  if (storeWwn(member)) return void 0;
  const di = DOMAIN_PORT.exec(member);
  if (di) {
    const domain = Number(di[1]);
    if (domain < 1 || domain > 239) return `member ${JSON.stringify(member)}: domain ${domain} is outside 1 to 239`;
    return void 0;
  }
  return aliasAllowed ? `member ${JSON.stringify(member)} is not a WWN, a domain,port pair or a defined alias` : `member ${JSON.stringify(member)} is not a WWN or a domain,port pair`;
}

// source/store/schema.ts
var STORE_VERSION = 2;
var NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
var name = z.string().regex(NAME, {
  error: (iss) => `${describeValue(iss.input)} is not a usable name: start with a letter or digit, then letters, digits, '.', '_' or '-' (at most 64)`
});
var wwnText = z.string().refine(isWwnText, {
  error: (iss) => `${describeValue(iss.input)} is not a WWN (${WWN_FORMS})`
});
var count = (min, max) => z.number().int().min(min).max(max);
var positive = z.number().positive();
var switchPort = z.strictObject({
  index: count(0, 255),
  speedGbps: positive.optional(),
  disabled: z.boolean().optional(),
  npiv: z.boolean().optional(),
  npivLimit: count(1, 255).optional(),
  name: z.string().max(32).optional()
});
var switchConfig = z.strictObject({
  name,
  fabric: name,
  domainId: count(1, 239),
  wwn: wwnText,
  model: z.string().optional(),
  // The F_Port's index is the area byte of its N_Port_IDs, so a switch has at most 256 ports.
  portCount: count(1, 256),
  maxSpeedGbps: positive,
  npiv: z.boolean(),
  loginLimit: count(1, 1e6).optional(),
  duplicateWwpnPolicy: z.enum(["first-wins", "newest-wins"]).optional(),
  ports: z.array(switchPort).optional()
});
var switchPortRef = z.strictObject({ switch: name, port: count(0, 255) });
var islConfig = z.strictObject({ a: switchPortRef, b: switchPortRef });
var namedMembers = z.strictObject({ name: z.string(), members: z.array(z.string().min(1)).min(1) });
var zoningConfig = z.strictObject({
  aliases: z.array(namedMembers),
  zones: z.array(namedMembers),
  configs: z.array(z.strictObject({ name: z.string(), zones: z.array(z.string()).min(1) })),
  effective: z.string().nullable(),
  defaultZone: z.enum(["all-access", "no-access"]),
  transactionOpen: z.boolean().optional()
});
var fabricConfig = z.strictObject({ name, zoning: zoningConfig });
var hbaConfig = z.strictObject({
  model: z.enum(["QLE2462", "QLE2562", "LPe11002", "QLA2342", "LP10000"]),
  serial: z.string().min(1),
  ports: z.array(z.strictObject({ wwpn: wwnText, wwnn: wwnText })).min(1)
});
var hostConfig = z.strictObject({
  name,
  kind: z.enum(["xen", "solaris"]),
  cpus: count(1, 4096),
  memoryMiB: count(1, 64 * 1024 * 1024),
  hbas: z.array(hbaConfig),
  // Each entry is checked by checkLab with fcadm's own words (FieldFormats.parseNpivPortEntry).
  npivPorts: z.array(z.string())
});
var lunConfig = z.strictObject({
  id: count(0, 65535),
  name: z.string().optional(),
  sizeMiB: z.number().int().min(0),
  type: z.enum(["disk", "tape", "medium-changer", "cdrom", "enclosure", "raid-controller"]),
  // SCSI INQUIRY field widths.
  vendor: z.string().max(8),
  product: z.string().max(16),
  revision: z.string().max(4),
  serial: z.string().optional()
});
var hostGroupConfig = z.strictObject({
  name,
  initiators: z.array(wwnText),
  luns: z.array(z.strictObject({ lun: count(0, 65535), hostLun: count(0, 16383) })),
  ports: z.array(z.string()).optional()
});
var arrayConfig = z.strictObject({
  name,
  vendor: z.string(),
  model: z.string(),
  ports: z.array(z.strictObject({ name, wwpn: wwnText, wwnn: wwnText, online: z.boolean().optional() })).min(1),
  luns: z.array(lunConfig),
  hostGroups: z.array(hostGroupConfig)
});
var CABLE_END_FORMS = '{"switch": NAME, "port": NUMBER}, {"host": NAME, "wwpn": WWN}, {"array": NAME, "port": PORT-NAME} or {"loop": NAME}';
var cableEnd = z.union(
  [
    z.strictObject({ switch: name, port: count(0, 255) }),
    z.strictObject({ host: name, wwpn: wwnText }),
    z.strictObject({ array: name, port: z.string() }),
    z.strictObject({ loop: name })
  ],
  { error: (iss) => `${describeValue(iss.input)} is not a cable end: expected ${CABLE_END_FORMS}` }
);
var cableConfig = z.strictObject({ a: cableEnd, b: cableEnd, connected: z.boolean().optional() });
var domainConfig = z.strictObject({
  name,
  host: name,
  memoryMiB: count(1, 64 * 1024 * 1024),
  vcpus: count(1, 512),
  disk: z.array(z.string()).optional(),
  vif: z.array(z.string()).optional(),
  npiv: z.array(z.string()).optional(),
  onPoweroff: z.string().optional(),
  onReboot: z.string().optional(),
  onCrash: z.string().optional(),
  state: z.enum(["running", "paused", "halted", "suspended"]),
  managed: z.boolean()
});
var labSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  fabrics: z.array(fabricConfig),
  switches: z.array(switchConfig),
  isls: z.array(islConfig),
  loops: z.array(z.strictObject({ name })),
  hosts: z.array(hostConfig),
  arrays: z.array(arrayConfig),
  cables: z.array(cableConfig),
  domains: z.array(domainConfig)
}).superRefine((lab2, ctx) => {
  for (const issue of checkLab(lab2)) ctx.addIssue({ code: "custom", path: [...issue.path], message: issue.message });
});
var uint32 = z.number().int().min(0).max(4294967295);
var eventValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())], {
  error: (iss) => `${describeValue(iss.input)} is not an event value (text, a number, true or false, null, or a list of text)`
});
var sanEvent = z.strictObject({
  seq: z.number().int().min(0),
  t: z.number().min(0),
  source: z.string(),
  type: z.string(),
  summary: z.string(),
  data: z.record(z.string(), eventValue)
});
var storeDocumentSchema = z.strictObject({
  version: z.literal(STORE_VERSION),
  revision: z.number().int().min(0),
  seed: z.number().int(),
  prng: z.tuple([uint32, uint32, uint32, uint32], {
    error: (iss) => iss.code === "too_small" || iss.code === "too_big" ? "must be a list of exactly 4 whole numbers (the PRNG state words)" : void 0
  }),
  clock: z.number().min(0),
  lab: labSchema,
  retiredWwns: z.array(wwnText),
  events: z.array(sanEvent)
});

// source/store/migrations.ts
var v1NpivPort = z2.strictObject({
  physical: z2.string().refine(isWwnText),
  portWwn: z2.string().refine(isWwnText),
  nodeWwn: z2.string().refine(isWwnText),
  index: z2.number().int().min(VPORT_INDEX_MIN).max(VPORT_INDEX_MAX)
});
var V1_NPIV_PORT_FORM = `a version-1 NPIV port must be {"physical": WWN, "portWwn": WWN, "nodeWwn": WWN, "index": ${VPORT_INDEX_MIN}-${VPORT_INDEX_MAX}} with WWNs as ${WWN_FORMS}`;

// source/store/DocumentCodec.ts
var PRETTY_LIMIT = 256 * 1024;

// source/store/ScenarioGenerator.ts
var DEFAULT_NPIV_LIMIT = 126;
var MAX_PORTS_PER_SWITCH = 256;
var FABRIC_LETTERS = "ABCDEFGH";
function generateScenario(options) {
  const fabricCount = options.fabrics ?? 2;
  checkOptions(options, fabricCount);
  const prng = Prng.fromSeed(options.seed);
  const fabricNames = Array.from({ length: fabricCount }, (_, f) => FABRIC_LETTERS[f]);
  const hostDigits = Math.max(3, String(options.hosts).length);
  const hostName = (h) => `h${String(h + 1).padStart(hostDigits, "0")}`;
  const switchesPerFabric = fabricNames.map((_, f) => Math.floor(options.switches / fabricCount) + (f < options.switches % fabricCount ? 1 : 0));
  const initiatorsOnFabric = fabricNames.map((_, f) => countWhere(options.portsPerHost, (p) => p % fabricCount === f) * options.hosts);
  const switches = [];
  let domainId = 0;
  fabricNames.forEach((letter, f) => {
    for (let s = 0; s < switchesPerFabric[f]; s++) {
      domainId++;
      switches.push({
        name: `sw-${letter.toLowerCase()}${s + 1}`,
        fabric: f,
        domainId,
        wwn: wwnFromBytes([16, 0, 0, 5, 30, 250, 0, domainId]),
        nextPort: 0,
        islPorts: 0
      });
    }
  });
  const fabricSwitches = fabricNames.map((_, f) => switches.filter((s) => s.fabric === f));
  const isls = [];
  const islPlacements = [];
  for (const members of fabricSwitches) {
    const core = members[0];
    for (const edge of members.slice(1)) {
      const a = { sw: switches.indexOf(core), port: core.nextPort++ };
      const b = { sw: switches.indexOf(edge), port: edge.nextPort++ };
      islPlacements.push([a, b]);
    }
  }
  const place = (f, ordinal, total) => {
    const members = fabricSwitches[f];
    const block = Math.ceil(total / members.length);
    const sw = members[Math.min(Math.floor(ordinal / block), members.length - 1)];
    return { sw: switches.indexOf(sw), port: sw.nextPort++ };
  };
  const arrayCount = Math.ceil(options.targets / fabricCount);
  const arrays = [];
  for (let k = 0; k < arrayCount; k++) {
    const ports = [];
    for (let f = 0; f < fabricCount && k * fabricCount + f < options.targets; f++) {
      const at = place(f, 0, 1);
      ports.push({
        name: `ctl-${fabricNames[f]}`,
        wwpn: arrayWwn(k, f + 1),
        wwnn: arrayWwn(k, 0),
        fabric: f,
        at
      });
    }
    arrays.push({ name: `array-${String(k + 1).padStart(2, "0")}`, ports });
  }
  const taken = /* @__PURE__ */ new Set();
  const hosts = [];
  const initiatorOrdinal = fabricNames.map(() => 0);
  const hostCables = [];
  const initiatorPorts = [];
  let card = 0;
  for (let h = 0; h < options.hosts; h++) {
    const name2 = hostName(h);
    const hbas = [];
    const npivPorts = [];
    for (let p = 0; p < options.portsPerHost; p++) {
      if (p % 2 === 0) {
        card++;
        hbas.push({ model: "QLE2562", serial: `RFE${String(card).padStart(8, "0")}`, ports: [] });
      }
      const wwpn = qlogicWwn(33, p % 2, card);
      const wwnn = qlogicWwn(32, p % 2, card);
      hbas.at(-1).ports.push({ wwpn, wwnn });
      const fabric = p % fabricCount;
      const ordinal = initiatorOrdinal[fabric]++;
      const at = place(fabric, ordinal, initiatorsOnFabric[fabric]);
      const vports = [];
      for (let v = 1; v <= options.vportsPerPort; v++) {
        const node = sunRandomNodeWwn(prng, taken);
        const port = wwnFlipLowBit(node);
        taken.add(node);
        taken.add(port);
        vports.push(port);
        npivPorts.push(formatNpivPortEntry({ physicalText: wwpn, portWwn: port, nodeWwn: node, index: v }));
      }
      initiatorPorts.push({ host: name2, index: p, wwpn, fabric, at, vports, ordinal: initiatorPorts.length });
      hostCables.push({ a: { host: name2, wwpn }, b: { switch: switches[at.sw].name, port: at.port } });
    }
    hosts.push({ name: name2, kind: "solaris", cpus: 16, memoryMiB: 65536, hbas, npivPorts });
  }
  const switchConfigs = switches.map((sw) => {
    const portCount = Math.min(MAX_PORTS_PER_SWITCH, Math.max(16, Math.ceil(sw.nextPort / 16) * 16));
    const raised = options.vportsPerPort >= DEFAULT_NPIV_LIMIT;
    return {
      name: sw.name,
      fabric: fabricNames[sw.fabric],
      domainId: sw.domainId,
      wwn: sw.wwn,
      model: "62.3",
      // DCX: a director, so one switch can take a few hundred ports
      portCount,
      maxSpeedGbps: 8,
      npiv: true,
      // Brocade's per-port default (126) would refuse the vports; raise only the ports that need it.
      ...raised ? { ports: initiatorPorts.filter((ip) => ip.at.sw === switches.indexOf(sw)).map((ip) => ({ index: ip.at.port, npivLimit: 255 })) } : {}
    };
  });
  for (const [a, b] of islPlacements) isls.push({ a: { switch: switches[a.sw].name, port: a.port }, b: { switch: switches[b.sw].name, port: b.port } });
  const lunCount = options.lunsPerTarget;
  const arrayConfigs = arrays.map((array, k) => {
    const groups = initiatorPorts.filter((ip) => homeArray(ip, arrays) === k);
    return {
      name: array.name,
      vendor: "HITACHI",
      model: "USP-V",
      ports: array.ports.map((p) => ({ name: p.name, wwpn: p.wwpn, wwnn: p.wwnn })),
      luns: Array.from({ length: lunCount }, (_, id) => ({
        id,
        sizeMiB: 10240 * (1 + id % 4),
        type: "disk",
        vendor: "HITACHI",
        product: "OPEN-V",
        revision: "6008"
      })),
      hostGroups: lunCount === 0 ? [] : groups.map((ip) => ({
        name: `${ip.host}-p${ip.index}`,
        initiators: [ip.wwpn, ...ip.vports],
        luns: maskedLuns(ip.ordinal, lunCount)
      }))
    };
  });
  const fabrics = fabricNames.map((letter, f) => {
    const targets = arrays.flatMap((a) => a.ports.filter((p) => p.fabric === f)).map((p) => domainPort(switches, p.at));
    const initiators = initiatorPorts.filter((ip) => ip.fabric === f);
    const targetAlias = `targets_${letter}`;
    const zones = targets.length === 0 ? [] : initiators.map((ip) => ({ name: `z_${ip.host}_p${ip.index}`, members: [domainPort(switches, ip.at), targetAlias] }));
    return {
      name: letter,
      zoning: {
        aliases: targets.length === 0 ? [] : [{ name: targetAlias, members: targets }],
        zones,
        configs: zones.length === 0 ? [] : [{ name: `cfg_${letter}`, zones: zones.map((z3) => z3.name) }],
        effective: zones.length === 0 ? null : `cfg_${letter}`,
        defaultZone: "no-access"
      }
    };
  });
  const targetCables = arrays.flatMap((a) => a.ports.map((p) => ({ a: { array: a.name, port: p.name }, b: { switch: switches[p.at.sw].name, port: p.at.port } })));
  return {
    name: `generated-${options.hosts}x${options.portsPerHost}x${options.vportsPerPort}`,
    description: `${options.hosts} hosts x ${options.portsPerHost} ports x ${options.vportsPerPort} vports, ${options.targets} target ports, ${options.switches} switches in ${fabricCount} fabrics, seed ${options.seed}`,
    fabrics,
    switches: switchConfigs,
    isls,
    loops: [],
    hosts,
    arrays: arrayConfigs,
    cables: [...hostCables, ...targetCables],
    domains: []
  };
}
function checkOptions(o, fabrics) {
  const whole = (value, name2, min, max = Number.MAX_SAFE_INTEGER) => {
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new RangeError(`${name2} must be a whole number from ${min} to ${max === Number.MAX_SAFE_INTEGER ? "any" : max} (got ${value})`);
    }
  };
  whole(fabrics, "fabrics", 1, FABRIC_LETTERS.length);
  whole(o.switches, "switches", fabrics, 239);
  whole(o.hosts, "hosts", 0);
  whole(o.portsPerHost, "portsPerHost", 1, 64);
  whole(o.vportsPerPort, "vportsPerPort", 0, VPORT_INDEX_MAX);
  whole(o.targets, "targets", 0);
  whole(o.lunsPerTarget, "lunsPerTarget", 0, 65536);
  whole(o.seed, "seed", Number.MIN_SAFE_INTEGER);
  for (let f = 0; f < fabrics; f++) {
    const switches = Math.floor(o.switches / fabrics) + (f < o.switches % fabrics ? 1 : 0);
    const initiators = countWhere(o.portsPerHost, (p) => p % fabrics === f) * o.hosts;
    const targets = countWhere(o.targets, (i) => i % fabrics === f);
    const perSwitch = Math.ceil(initiators / switches);
    const core = perSwitch + targets + (switches - 1);
    if (core > MAX_PORTS_PER_SWITCH) {
      throw new RangeError(`fabric ${FABRIC_LETTERS[f]} needs ${core} ports on its core switch (${perSwitch} initiators, ${targets} targets, ${switches - 1} ISLs), more than ${MAX_PORTS_PER_SWITCH}: use more switches`);
    }
  }
}
function countWhere(n, test) {
  let c = 0;
  for (let i = 0; i < n; i++) if (test(i)) c++;
  return c;
}
function qlogicWwn(naa, port, card) {
  return wwnFromBytes([naa, port, 0, 27, 50, card >>> 16 & 255, card >>> 8 & 255, card & 255]);
}
function arrayWwn(array, port) {
  return wwnFromBytes([80, 6, 14, 128, array >>> 16 & 15, array >>> 8 & 255, array & 255, port]);
}
function sunRandomNodeWwn(prng, taken) {
  for (; ; ) {
    const random = prng.bytes(5);
    const node = wwnFromBytes([192, 0, 125, ...random]);
    if (!taken.has(node) && !taken.has(wwnFlipLowBit(node))) return node;
  }
}
function domainPort(switches, at) {
  return `${switches[at.sw].domainId},${at.port}`;
}
function homeArray(ip, arrays) {
  const reachable = arrays.map((a, k) => a.ports.some((p) => p.fabric === ip.fabric) ? k : -1).filter((k) => k >= 0);
  const pool = reachable.length > 0 ? reachable : arrays.map((_, k) => k);
  return pool[ip.ordinal % pool.length];
}
function maskedLuns(ordinal, lunCount) {
  const first = ordinal % lunCount;
  if (lunCount === 1) return [{ lun: first, hostLun: 0 }];
  return [
    { lun: first, hostLun: 0 },
    { lun: (first + 1) % lunCount, hostLun: 1 }
  ];
}

// source/sim/EventLog.ts
var EventLog = class {
  constructor(clock, capacity = 5e3, startSeq = 0) {
    this.clock = clock;
    this.capacity = capacity;
    this.nextSeq = startSeq;
  }
  clock;
  capacity;
  ring = [];
  nextSeq;
  listeners = /* @__PURE__ */ new Set();
  muted = 0;
  emit(source, type, summary, data = {}) {
    if (this.muted > 0) return;
    const event = { seq: this.nextSeq++, t: this.clock.now, source, type, summary, data };
    this.ring.push(event);
    if (this.ring.length > this.capacity * 1.25) this.ring.splice(0, this.ring.length - this.capacity);
    for (const l of this.listeners) l(event);
  }
  /** Restores entries saved in the store (seq and time kept). */
  restore(events) {
    this.ring = events.slice(-this.capacity);
    const last = this.ring.at(-1);
    if (last && last.seq >= this.nextSeq) this.nextSeq = last.seq + 1;
  }
  entries() {
    if (this.ring.length > this.capacity) this.ring.splice(0, this.ring.length - this.capacity);
    return this.ring;
  }
  get lastSeq() {
    return this.nextSeq - 1;
  }
  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  /**
   * Runs `fn` without recording. Used for bulk boots of generated scenarios where a per-login
   * record of 100,000 ports would only evict the useful history.
   */
  quietly(fn) {
    this.muted++;
    try {
      return fn();
    } finally {
      this.muted--;
    }
  }
};

// source/sim/Simulator.ts
var Simulator = class {
  heap = [];
  nextSeq = 0;
  live = 0;
  clock;
  executed = 0;
  constructor(start = 0) {
    this.clock = start;
  }
  get now() {
    return this.clock;
  }
  /** Events still waiting to run (cancelled ones excluded). */
  get pending() {
    return this.live;
  }
  /** Total events run since construction; a cheap progress counter for long work. */
  get eventsRun() {
    return this.executed;
  }
  schedule(delay, action, label = "") {
    if (!(delay >= 0) || !Number.isFinite(delay)) throw new RangeError(`invalid delay ${delay}`);
    return this.push(this.clock + delay, action, label);
  }
  at(time, action, label = "") {
    return this.push(Math.max(time, this.clock), action, label);
  }
  cancel(timer) {
    const entry = timer;
    if (entry && !entry.cancelled) {
      entry.cancelled = true;
      this.live--;
    }
  }
  /** Time of the next live event, or undefined when idle. */
  nextDue() {
    this.dropCancelledHead();
    return this.heap[0]?.due;
  }
  /** Runs the next event; false when idle. */
  step() {
    this.dropCancelledHead();
    const entry = this.pop();
    if (!entry) return false;
    this.live--;
    entry.cancelled = true;
    this.clock = entry.due;
    this.executed++;
    entry.action();
    return true;
  }
  /**
   * Runs to quiescence. `limit` guards against a model that never settles (a bug, not a
   * feature): exceeding it throws rather than spinning forever.
   */
  runUntilIdle(limit = 5e7) {
    let n = 0;
    while (this.step()) {
      if (++n > limit) throw new Error(`simulation did not settle after ${limit} events`);
    }
    return n;
  }
  /** Runs every event due up to now + duration, then leaves the clock at now + duration. */
  runFor(duration) {
    return this.runUntil(this.clock + duration);
  }
  runUntil(time) {
    let n = 0;
    for (; ; ) {
      const due = this.nextDue();
      if (due === void 0 || due > time) break;
      this.step();
      n++;
    }
    if (time > this.clock) this.clock = time;
    return n;
  }
  push(due, action, label) {
    const entry = { id: this.nextSeq++, due, label, action, cancelled: false };
    const heap = this.heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = i - 1 >> 1;
      if (!before(entry, heap[parent])) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = entry;
    this.live++;
    return entry;
  }
  dropCancelledHead() {
    while (this.heap.length > 0 && this.heap[0].cancelled) this.pop();
  }
  pop() {
    const heap = this.heap;
    const top = heap[0];
    if (top === void 0) return void 0;
    const last = heap.pop();
    if (heap.length > 0) {
      let i = 0;
      const n = heap.length;
      for (; ; ) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && before(heap[r], heap[l]) ? r : l;
        if (!before(heap[c], last)) break;
        heap[i] = heap[c];
        i = c;
      }
      heap[i] = last;
    }
    return top;
  }
};
function before(a, b) {
  return a.due < b.due || a.due === b.due && a.id < b.id;
}

// source/fabric/ElsCodes.ts
var LsRjtReason = {
  invalidCommand: 1,
  logicalError: 3,
  logicalBusy: 5,
  protocolError: 7,
  unableToPerform: 9,
  notSupported: 11,
  alreadyInProgress: 14
};
var LsRjtExplanation = {
  none: 0,
  invalidPortName: 13,
  invalidNodeName: 14,
  invalidCsp: 15,
  invalidSid: 21,
  nPortLoginRequired: 30,
  invalidNPortId: 31,
  insufficientResources: 41,
  notSupported: 44
};
var FsRjtReason = {
  invalidCommand: 1,
  logicalError: 3,
  busy: 5,
  protocolError: 7,
  unableToPerform: 9,
  notSupported: 11
};
var FsRjtExplanation = {
  none: 0,
  portIdNotRegistered: 1,
  portNameNotRegistered: 2,
  nodeNameNotRegistered: 3,
  fc4TypesNotRegistered: 7,
  accessDenied: 16,
  invalidPortId: 17,
  databaseEmpty: 18
};

// source/fabric/Fcp.ts
var DeviceType = {
  disk: 0,
  tape: 1,
  printer: 2,
  processor: 3,
  worm: 4,
  cdrom: 5,
  scanner: 6,
  optical: 7,
  mediumChanger: 8,
  communications: 9,
  raidController: 12,
  enclosure: 13,
  unknown: 31
};
var Sense = {
  reportedLunsDataChanged: { key: 6, asc: 63, ascq: 14 },
  logicalUnitNotSupported: { key: 5, asc: 37, ascq: 0 },
  invalidFieldInCdb: { key: 5, asc: 36, ascq: 0 }
};

// source/fabric/NPort.ts
var Fc4Type = { ip: 5, fcp: 8, ct: 32 };
var Fc4Feature = { target: 1, initiator: 2 };

// source/fabric/FabricReject.ts
function reject(reason, explanation) {
  return Object.freeze({ accepted: false, reason, explanation });
}
var FabricReject = {
  /** FDISC while NPIV is off on the switch or the port, or on a loop / point-to-point link: unsupported ELS. */
  npivNotSupported: reject(LsRjtReason.notSupported, LsRjtExplanation.none),
  /** The port's NPIV login limit or the switch's login limit is reached. */
  insufficientResources: reject(LsRjtReason.unableToPerform, LsRjtExplanation.insufficientResources),
  /** The WWPN is already logged in to this fabric (first-wins policy). */
  duplicateWwpn: reject(LsRjtReason.logicalError, LsRjtExplanation.invalidPortName),
  /** FDISC before FLOGI on the port, or a request from an S_ID that is not logged in there. */
  loginRequired: reject(LsRjtReason.unableToPerform, LsRjtExplanation.nPortLoginRequired),
  /** N_Port to N_Port: no such D_ID, or the pair is not zoned (hard zoning). */
  noSuchPort: reject(LsRjtReason.unableToPerform, LsRjtExplanation.invalidNPortId),
  /** The link this request came through is down (stands in for the timeout a real HBA sees). */
  linkDown: reject(LsRjtReason.unableToPerform, LsRjtExplanation.none),
  /** An ELS the medium does not offer (SCR on a loop, PRLI to an N_Port without FCP). */
  notSupported: reject(LsRjtReason.notSupported, LsRjtExplanation.none)
};
function hex2(n) {
  return n.toString(16).padStart(2, "0");
}

// source/fabric/FabricOptions.ts
var defaultFabricOptions = {
  linkUpMs: 5,
  rscnWindowMs: 50,
  rscnMaxPages: 32
};
var DEFAULT_NPIV_LIMIT2 = 126;
var MAX_NPIV_LIMIT = 255;

// source/fabric/FabricError.ts
var FabricError = class extends Error {
  name = "FabricError";
};

// source/sim/FcId.ts
function fcid(domain, area, port) {
  return (domain & 255) << 16 | (area & 255) << 8 | port & 255;
}
function asFcId(value) {
  if (!Number.isInteger(value) || value < 0 || value > 16777215) throw new RangeError(`invalid N_Port_ID ${value}`);
  return value;
}
function formatFcId(id) {
  return id.toString(16).padStart(6, "0");
}
var WellKnown = {
  broadcast: 16777215,
  loginServer: 16777214,
  fabricController: 16777213,
  nameServer: 16777212,
  managementServer: 16777210
};

// source/fabric/FabricLogin.ts
function causeNotifiesNPort(cause) {
  return cause === "base-logo" || cause === "npiv-off" || cause === "duplicate-wwpn" || cause === "limit";
}
var FabricLogin = class {
  constructor(fcid2, wwpn, wwnn, npiv, port, link, permanentPortName, npivCapable, seq) {
    this.fcid = fcid2;
    this.wwpn = wwpn;
    this.wwnn = wwnn;
    this.npiv = npiv;
    this.port = port;
    this.link = link;
    this.permanentPortName = permanentPortName;
    this.npivCapable = npivCapable;
    this.seq = seq;
    this.portKey = port.key;
  }
  fcid;
  wwpn;
  wwnn;
  npiv;
  port;
  link;
  permanentPortName;
  npivCapable;
  seq;
  symbolicPortName = "";
  symbolicNodeName = "";
  fc4Types = [];
  fc4Features = {};
  scr = null;
  /** FLOGI only: the LS_ACC promised FDISC support (NPIV on for switch and port). */
  npivAssigned = false;
  removed = false;
  /** The RSCN flush that last delivered to this login (one RSCN per recipient per window). */
  rscnFlush = -1;
  portKey;
  get endpoint() {
    return this.link.endpoint;
  }
};

// source/fabric/ZoneMember.ts
function portKey(domain, index) {
  return domain * 65536 + index;
}
var PORT_MEMBER = /^\s*(\d{1,3})\s*,\s*(\d{1,4})\s*$/;
var NAME2 = /^[A-Za-z][A-Za-z0-9_$^-]{0,63}$/;
function isHex(c) {
  return c >= 48 && c <= 57 || c >= 97 && c <= 102 || c >= 65 && c <= 70;
}
function isPlainWwn(t2) {
  if (t2.length !== 16) return false;
  for (let i = 0; i < 16; i++) if (!isHex(t2.charCodeAt(i))) return false;
  return true;
}
function isColonWwn(t2) {
  if (t2.length !== 23) return false;
  for (let i = 0; i < 23; i++) {
    const c = t2.charCodeAt(i);
    if (i % 3 === 2 ? c !== 58 : !isHex(c)) return false;
  }
  return true;
}
function isValidZoneObjectName(name2) {
  return NAME2.test(name2) && !isPlainWwn(name2);
}
function canonicalMember(text) {
  let t2 = text.trim();
  if (t2.length === 18 && (t2.startsWith("0x") || t2.startsWith("0X"))) t2 = t2.slice(2);
  if (isPlainWwn(t2)) return t2.toLowerCase();
  if (isColonWwn(t2)) return t2.replaceAll(":", "").toLowerCase();
  const port = PORT_MEMBER.exec(t2);
  if (port) {
    const domain = Number(port[1]);
    const index = Number(port[2]);
    if (domain < 1 || domain > 239 || index > 255) return void 0;
    return `${domain},${index}`;
  }
  return isValidZoneObjectName(t2) ? t2 : void 0;
}
function isAliasMember(canonical) {
  return !isPlainWwn(canonical) && !canonical.includes(",");
}
function displayMember(canonical) {
  return canonical.length === 16 && isPlainWwn(canonical) ? wwnColons(canonical) : canonical;
}

// source/fabric/SwitchPort.ts
var SwitchPort = class {
  constructor(sw, index) {
    this.sw = sw;
    this.index = index;
  }
  sw;
  index;
  name = "";
  fixedSpeedGbps = void 0;
  adminDisabled = false;
  npiv = true;
  npivLimit = DEFAULT_NPIV_LIMIT2;
  attachment = null;
  /** The live link to the cabled N_Port, while the port is up. */
  link = null;
  base = null;
  /** Every login on the port (base first), in login order. */
  logins = /* @__PURE__ */ new Map();
  /** The same logins by port byte, for walking the fabric in N_Port_ID order. */
  slots = [];
  errors = {
    linkFailureCount: 0,
    lossOfSyncCount: 0,
    lossOfSignalCount: 0,
    primitiveSeqProtocolErrorCount: 0,
    invalidTxWordCount: 0,
    invalidCrcCount: 0
  };
  /** Times the port changed state (portshow "state transition count"). */
  transitions = 0;
  freeHint = 1;
  get key() {
    return portKey(this.sw.domainId, this.index);
  }
  get baseFcId() {
    return fcid(this.sw.domainId, this.index, 0);
  }
  /** Brocade form: 20:<index>: + bytes 2-7 of the switch WWN. */
  get wwn() {
    return `20${this.index.toString(16).padStart(2, "0")}${this.sw.wwn.slice(4)}`;
  }
  get npivCount() {
    return this.logins.size - (this.base ? 1 : 0);
  }
  /** NPIV as the login server applies it: on for the switch and for the port. */
  get npivEnabled() {
    return this.sw.npiv && this.npiv;
  }
  get state() {
    if (this.adminDisabled) return "disabled";
    if (!this.attachment) return "offline";
    return "online";
  }
  /** Negotiated speed with what is cabled (or what the port would run at). */
  get speedGbps() {
    const port = this.fixedSpeedGbps ?? this.sw.maxSpeedGbps;
    const device = this.attachment?.kind === "nport" ? this.attachment.maxSpeedGbps : void 0;
    return device === void 0 ? port : Math.min(port, device);
  }
  /** The lowest free port byte above 00, or undefined when the area is full. */
  allocateNpivId() {
    for (let b = this.freeHint; b <= 255; b++) {
      const id = fcid(this.sw.domainId, this.index, b);
      if (!this.logins.has(id)) {
        this.freeHint = b + 1;
        return id;
      }
    }
    return void 0;
  }
  releaseId(id) {
    const b = id & 255;
    if (b > 0 && b < this.freeHint) this.freeHint = b;
  }
};

// source/fabric/FcSwitch.ts
var FcSwitch = class {
  constructor(fabric, id) {
    this.fabric = fabric;
    this.name = id.name;
    this.domainId = id.domainId;
    this.wwn = id.wwn;
    this.model = id.model;
    this.maxSpeedGbps = id.maxSpeedGbps;
    const ports = [];
    for (let i = 0; i < id.portCount; i++) ports.push(new SwitchPort(this, i));
    this.ports = ports;
  }
  fabric;
  name;
  domainId;
  wwn;
  model;
  maxSpeedGbps;
  ports;
  npiv = true;
  /** FLOGI + FDISC logins the whole switch accepts. */
  loginLimit = Number.POSITIVE_INFINITY;
  duplicateWwpnPolicy = "first-wins";
  loginCount = 0;
  port(index) {
    return Number.isInteger(index) ? this.ports[index] : void 0;
  }
  get isPrincipal() {
    return this.fabric.principal === this;
  }
  /** switchId as FOS prints it: fffcDD. */
  get switchId() {
    return `fffc${this.domainId.toString(16).padStart(2, "0")}`;
  }
  // Management mutators (the switch shell and fault injection call these).
  disablePort(index) {
    this.fabric.setPortEnabled(this.requirePort(index), false);
  }
  enablePort(index) {
    this.fabric.setPortEnabled(this.requirePort(index), true);
  }
  setPortNpiv(index, on) {
    this.fabric.setPortNpiv(this.requirePort(index), on);
  }
  setPortNpivLimit(index, limit) {
    this.fabric.setPortNpivLimit(this.requirePort(index), limit);
  }
  setNpiv(on) {
    this.fabric.setSwitchNpiv(this, on);
  }
  setLoginLimit(limit) {
    this.fabric.setSwitchLoginLimit(this, limit);
  }
  setDuplicateWwpnPolicy(policy) {
    this.fabric.setDuplicatePolicy(this, policy);
  }
  requirePort(index) {
    const p = this.port(index);
    if (!p) throw new FabricError(`switch ${this.name} has no port ${index} (ports 0-${this.ports.length - 1})`);
    return p;
  }
};

// source/fabric/FPortLink.ts
var FPortLink = class {
  constructor(port, endpoint, speedGbps) {
    this.port = port;
    this.endpoint = endpoint;
    this.speedGbps = speedGbps;
  }
  port;
  endpoint;
  speedGbps;
  topology = "fabric";
  alive = true;
  /** linkUp has reached the N_Port (so it is owed a linkDown). */
  delivered = false;
  get fabric() {
    return this.port.sw.fabric;
  }
  flogi(request) {
    return this.fabric.loginServer.flogi(this, request);
  }
  fdisc(request) {
    return this.fabric.loginServer.fdisc(this, request);
  }
  logo(sid) {
    this.fabric.loginServer.logo(this, sid);
  }
  scr(sid, fn) {
    return this.fabric.rscn.scr(this, sid, fn);
  }
  sendRscn(sid, pages) {
    return this.fabric.rscn.nportDetected(this, sid, pages);
  }
  nameServer(sid) {
    return this.fabric.nameServer.session(this, sid);
  }
  plogi(sid, did) {
    return this.fabric.router.plogi(this, sid, did);
  }
  prli(sid, did) {
    return this.fabric.router.prli(this, sid, did);
  }
  logoPort(sid, did) {
    this.fabric.router.logoPort(this, sid, did);
  }
  scsi(sid, did, command) {
    return this.fabric.router.scsi(this, sid, did, command);
  }
  rls(sid, did) {
    return this.fabric.router.rls(this, sid, did);
  }
  reset() {
    if (!this.alive) return;
    this.fabric.bounceLink(this.port, "reset");
  }
  loopMembers() {
    return [];
  }
  /** The login `sid` if it was made through this link and is still current. */
  owned(sid) {
    if (!this.alive) return void 0;
    const login = this.fabric.loginById(sid);
    return login && login.link === this ? login : void 0;
  }
  get deadReject() {
    return FabricReject.linkDown;
  }
};

// source/fabric/LoginServer.ts
var LoginServer = class {
  constructor(fabric) {
    this.fabric = fabric;
  }
  fabric;
  flogi(link, req) {
    if (!link.alive) return FabricReject.linkDown;
    const port = link.port;
    const sw = port.sw;
    const fabric = this.fabric;
    if (port.base || port.logins.size > 0) fabric.logoutPort(port, "implicit-flogi");
    const existing = fabric.loginByWwpn(req.wwpn);
    if (existing) {
      if (sw.duplicateWwpnPolicy === "first-wins") return this.reject(link, "FLOGI", req.wwpn, FabricReject.duplicateWwpn, "duplicate WWPN");
      fabric.removeLogin(existing, "duplicate-wwpn");
    }
    if (sw.loginCount >= sw.loginLimit) return this.reject(link, "FLOGI", req.wwpn, FabricReject.insufficientResources, "switch login limit reached");
    const login = new FabricLogin(port.baseFcId, req.wwpn, req.wwnn, false, port, link, req.wwpn, req.npivCapable ?? false, fabric.nextLoginSeq());
    if (req.symbolicNodeName) login.symbolicNodeName = req.symbolicNodeName;
    const npivAssignment = port.npivEnabled;
    login.npivAssigned = npivAssignment;
    fabric.addLogin(login);
    if (fabric.recording) fabric.emit(sw, "fabric.flogi", `FLOGI ${wwnColons(req.wwpn)} port ${port.index} -> ${formatFcId(login.fcid)}${npivAssignment ? " (NPIV)" : ""}`, {
      wwpn: req.wwpn,
      wwnn: req.wwnn,
      fcid: formatFcId(login.fcid),
      port: port.index,
      device: link.endpoint.label,
      npiv: npivAssignment
    });
    return {
      accepted: true,
      fcid: login.fcid,
      npivAssignment,
      fPort: true,
      fabricName: fabric.fabricName,
      fPortName: port.wwn
    };
  }
  fdisc(link, req) {
    if (!link.alive) return FabricReject.linkDown;
    const port = link.port;
    const sw = port.sw;
    const fabric = this.fabric;
    const base = port.base;
    if (!base || base.link !== link) return this.reject(link, "FDISC", req.wwpn, FabricReject.loginRequired, "FDISC before FLOGI");
    if (!port.npivEnabled) {
      return this.reject(link, "FDISC", req.wwpn, FabricReject.npivNotSupported, sw.npiv ? "NPIV disabled on port" : "NPIV disabled on switch");
    }
    const existing = fabric.loginByWwpn(req.wwpn);
    if (existing && sw.duplicateWwpnPolicy === "first-wins") return this.reject(link, "FDISC", req.wwpn, FabricReject.duplicateWwpn, "duplicate WWPN");
    if (existing && existing === base) {
      return this.reject(link, "FDISC", req.wwpn, FabricReject.duplicateWwpn, "WWPN is the physical port");
    }
    const freesPort = existing && existing.port === port ? 1 : 0;
    const freesSwitch = existing && existing.port.sw === sw ? 1 : 0;
    if (port.npivCount - freesPort >= port.npivLimit) return this.reject(link, "FDISC", req.wwpn, FabricReject.insufficientResources, `port NPIV limit ${port.npivLimit} reached`);
    if (sw.loginCount - freesSwitch >= sw.loginLimit) return this.reject(link, "FDISC", req.wwpn, FabricReject.insufficientResources, "switch login limit reached");
    const id = port.allocateNpivId();
    if (id === void 0) return this.reject(link, "FDISC", req.wwpn, FabricReject.insufficientResources, "no free N_Port_ID in area");
    const login = new FabricLogin(id, req.wwpn, req.wwnn, true, port, link, base.wwpn, req.npivCapable ?? false, fabric.nextLoginSeq());
    if (req.symbolicNodeName) login.symbolicNodeName = req.symbolicNodeName;
    if (existing) fabric.removeLogin(existing, "duplicate-wwpn");
    fabric.addLogin(login);
    if (fabric.recording) fabric.emit(sw, "fabric.fdisc", `FDISC ${wwnColons(req.wwpn)} port ${port.index} -> ${formatFcId(id)}`, {
      wwpn: req.wwpn,
      wwnn: req.wwnn,
      fcid: formatFcId(id),
      port: port.index,
      physicalWwpn: base.wwpn,
      device: link.endpoint.label
    });
    return {
      accepted: true,
      fcid: id,
      npivAssignment: true,
      fPort: true,
      fabricName: fabric.fabricName,
      fPortName: port.wwn
    };
  }
  logo(link, sid) {
    const login = link.owned(sid);
    if (login) this.fabric.removeLogin(login, "logo");
  }
  reject(link, op, wwpn, r, why) {
    const port = link.port;
    this.fabric.emit(port.sw, "fabric.ls_rjt", `${op} ${wwnColons(wwpn)} port ${port.index} rejected ${hex2(r.reason)}/${hex2(r.explanation)}: ${why}`, {
      op,
      wwpn,
      port: port.index,
      device: link.endpoint.label,
      reason: hex2(r.reason),
      explanation: hex2(r.explanation),
      why
    });
    return r;
  }
};

// source/fabric/NameServer.ts
var OK = Object.freeze({ ok: true, value: void 0 });
var NO_REQUESTER = Object.freeze({ ok: false, reason: FsRjtReason.logicalError, explanation: FsRjtExplanation.none });
function rjt(reason, explanation) {
  return { ok: false, reason, explanation };
}
var notRegisteredId = () => rjt(FsRjtReason.unableToPerform, FsRjtExplanation.portIdNotRegistered);
var notRegisteredName = () => rjt(FsRjtReason.unableToPerform, FsRjtExplanation.portNameNotRegistered);
var noFc4 = () => rjt(FsRjtReason.unableToPerform, FsRjtExplanation.fc4TypesNotRegistered);
var FC4_NAMES = { 5: "IP", 8: "FCP", 32: "CT" };
var NameServer = class {
  constructor(fabric) {
    this.fabric = fabric;
  }
  fabric;
  /** The client the N_Port `sid` talks to through `link`. */
  session(link, sid) {
    return new NameServerSession(this, link, sid);
  }
  /** Entries the requester may see, sorted by N_Port_ID (itself included). */
  visibleTo(requester) {
    const fabric = this.fabric;
    if (fabric.zoneMode === "all") return fabric.sortedLogins();
    const out = [requester];
    fabric.forEachZonedPeer(requester, (peer) => {
      if (peer !== requester) out.push(peer);
    });
    if (out.length > 1) out.sort((a, b) => a.fcid - b.fcid);
    return out;
  }
  canSee(requester, target) {
    return requester === target || this.fabric.zonedWith(requester, target);
  }
  /** The GA_NXT object of an entry. */
  object(e) {
    return {
      portType: "N",
      fcid: e.fcid,
      wwpn: e.wwpn,
      wwnn: e.wwnn,
      symbolicPortName: e.symbolicPortName,
      symbolicNodeName: e.symbolicNodeName,
      fc4Types: e.fc4Types,
      fc4Features: e.fc4Features,
      fabricPortName: e.port.wwn,
      permanentPortName: e.permanentPortName,
      npiv: e.npiv
    };
  }
  /** A registration changed the entry: event and RSCN. */
  changed(e, op, detail) {
    if (this.fabric.recording) {
      const value = detail();
      this.fabric.emit(e.port.sw, "fabric.ns", `${op} ${formatFcId(e.fcid)} ${value}`, {
        op,
        fcid: formatFcId(e.fcid),
        wwpn: e.wwpn,
        port: e.port.index,
        value
      });
    }
    this.fabric.rscn.portChanged(e, e.fcid, "ns-object-changed");
  }
};
var NameServerSession = class {
  constructor(ns, link, sid) {
    this.ns = ns;
    this.link = link;
    this.sid = sid;
  }
  ns;
  link;
  sid;
  requester() {
    return this.link.owned(this.sid);
  }
  noRequester() {
    return NO_REQUESTER;
  }
  /** apply() changes the entry and returns how to describe the change, or undefined if unchanged. */
  register(apply, op) {
    const e = this.requester();
    if (!e) return this.noRequester();
    const result = apply(e);
    if (typeof result === "object") return result;
    if (result !== void 0) this.ns.changed(e, op, result);
    return OK;
  }
  rftId(fc4Types) {
    return this.register((e) => {
      const types = fc4Types.length === 1 ? [fc4Types[0]] : [...new Set(fc4Types)].sort((a, b) => a - b);
      if (sameNumbers(types, e.fc4Types)) return void 0;
      e.fc4Types = types;
      return () => types.map((t2) => FC4_NAMES[t2] ?? `0x${t2.toString(16)}`).join(" ") || "none";
    }, "RFT_ID");
  }
  rffId(fc4Type, features) {
    return this.register((e) => {
      if (e.fc4Features[fc4Type] === features) return void 0;
      e.fc4Features = { ...e.fc4Features, [fc4Type]: features };
      return () => `type 0x${fc4Type.toString(16)} features 0x${features.toString(16)}`;
    }, "RFF_ID");
  }
  rspnId(name2) {
    return this.register((e) => {
      const n = name2.slice(0, 255);
      if (e.symbolicPortName === n) return void 0;
      e.symbolicPortName = n;
      return () => `"${n}"`;
    }, "RSPN_ID");
  }
  rsnnNn(wwnn, name2) {
    return this.register((e) => {
      if (e.wwnn !== wwnn) return rjt(FsRjtReason.unableToPerform, FsRjtExplanation.nodeNameNotRegistered);
      const n = name2.slice(0, 255);
      if (e.symbolicNodeName === n) return void 0;
      e.symbolicNodeName = n;
      return () => `"${n}"`;
    }, "RSNN_NN");
  }
  rnnId(wwnn) {
    return this.register((e) => {
      if (e.wwnn === wwnn) return void 0;
      e.wwnn = wwnn;
      return () => wwnn;
    }, "RNN_ID");
  }
  daId() {
    return this.register((e) => {
      if (e.fc4Types.length === 0 && Object.keys(e.fc4Features).length === 0 && !e.symbolicPortName && !e.symbolicNodeName) return void 0;
      e.fc4Types = [];
      e.fc4Features = {};
      e.symbolicPortName = "";
      e.symbolicNodeName = "";
      return () => "registrations removed";
    }, "DA_ID");
  }
  gidFt(fc4Type) {
    const e = this.requester();
    if (!e) return this.noRequester();
    const out = [];
    for (const x of this.ns.visibleTo(e)) if (x.fc4Types.includes(fc4Type)) out.push(x.fcid);
    return out.length > 0 ? { ok: true, value: out } : noFc4();
  }
  gpnFt(fc4Type) {
    const e = this.requester();
    if (!e) return this.noRequester();
    const out = [];
    for (const x of this.ns.visibleTo(e)) if (x.fc4Types.includes(fc4Type)) out.push({ fcid: x.fcid, wwpn: x.wwpn });
    return out.length > 0 ? { ok: true, value: out } : noFc4();
  }
  byId(id) {
    const e = this.requester();
    if (!e) return null;
    const t2 = this.link.port.sw.fabric.loginById(id);
    return t2 && this.ns.canSee(e, t2) ? t2 : void 0;
  }
  gpnId(id) {
    const t2 = this.byId(id);
    if (t2 === null) return this.noRequester();
    return t2 ? { ok: true, value: t2.wwpn } : notRegisteredId();
  }
  gnnId(id) {
    const t2 = this.byId(id);
    if (t2 === null) return this.noRequester();
    return t2 ? { ok: true, value: t2.wwnn } : notRegisteredId();
  }
  gftId(id) {
    const t2 = this.byId(id);
    if (t2 === null) return this.noRequester();
    if (!t2) return notRegisteredId();
    return t2.fc4Types.length > 0 ? { ok: true, value: t2.fc4Types } : noFc4();
  }
  gidPn(wwpn) {
    const e = this.requester();
    if (!e) return this.noRequester();
    const t2 = this.link.port.sw.fabric.loginByWwpn(wwpn);
    return t2 && this.ns.canSee(e, t2) ? { ok: true, value: t2.fcid } : notRegisteredName();
  }
  gaNxt(id) {
    const e = this.requester();
    if (!e) return this.noRequester();
    const fabric = this.link.port.sw.fabric;
    let cursor = id;
    let wrapped2 = false;
    for (let steps = 0; steps < 64; steps++) {
      const next2 = fabric.nextLoginAfter(cursor);
      if (!next2) {
        if (wrapped2) break;
        wrapped2 = true;
        cursor = -1;
        continue;
      }
      if (this.ns.canSee(e, next2)) return { ok: true, value: this.ns.object(next2) };
      cursor = next2.fcid;
    }
    const visible = this.ns.visibleTo(e);
    let lo = 0;
    let hi = visible.length;
    while (lo < hi) {
      const mid = lo + hi >> 1;
      if (visible[mid].fcid <= id) lo = mid + 1;
      else hi = mid;
    }
    const next = visible[lo] ?? visible[0];
    return next ? { ok: true, value: this.ns.object(next) } : notRegisteredId();
  }
};
function sameNumbers(a, b) {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

// source/fabric/Recording.ts
function isRecording(log) {
  const muted = log.muted;
  return !(typeof muted === "number" && muted > 0);
}

// source/fabric/Router.ts
var WELL_KNOWN_BASE = 16776192;
var NO_CONNECTION = Object.freeze({ status: "no-connection" });
var Router = class {
  constructor(fabric) {
    this.fabric = fabric;
  }
  fabric;
  /** The destination login if a frame from `src` may reach it (hard zoning), else undefined. */
  dest(src, did) {
    const dst = this.fabric.loginById(did);
    return dst && dst.link.alive && this.fabric.zonedWith(src, dst) ? dst : void 0;
  }
  source(link, sid) {
    if (!link.alive) return FabricReject.linkDown;
    return link.owned(sid) ?? FabricReject.loginRequired;
  }
  plogi(link, sid, did) {
    const src = this.source(link, sid);
    if (!(src instanceof FabricLogin)) return src;
    if (did >= WELL_KNOWN_BASE) return { accepted: true, wwpn: link.port.sw.wwn, wwnn: this.fabric.fabricName };
    const dst = this.dest(src, did);
    if (!dst) return FabricReject.noSuchPort;
    const responder = dst.endpoint.responder;
    if (!responder) return { accepted: true, wwpn: dst.wwpn, wwnn: dst.wwnn };
    return responder.plogi(src, did);
  }
  prli(link, sid, did) {
    const src = this.source(link, sid);
    if (!(src instanceof FabricLogin)) return src;
    if (did >= WELL_KNOWN_BASE) return FabricReject.notSupported;
    const dst = this.dest(src, did);
    if (!dst) return FabricReject.noSuchPort;
    const responder = dst.endpoint.responder;
    return responder ? responder.prli(src, did) : FabricReject.notSupported;
  }
  logoPort(link, sid, did) {
    const src = this.source(link, sid);
    if (!(src instanceof FabricLogin) || did >= WELL_KNOWN_BASE) return;
    this.dest(src, did)?.endpoint.responder?.logo(src, did);
  }
  scsi(link, sid, did, command) {
    const src = link.alive ? link.owned(sid) : void 0;
    const responder = src && this.dest(src, did)?.endpoint.responder;
    return src && responder ? responder.scsi(src, did, command) : NO_CONNECTION;
  }
  /** RLS to the F_Port (D_ID = the caller's own ID, FFFFFE or the domain controller), or to an N_Port. */
  rls(link, sid, did) {
    const src = this.source(link, sid);
    if (!(src instanceof FabricLogin)) return src;
    const port = link.port;
    if (did === sid || did === 16777214 || did === 16776192 + port.sw.domainId) return { ...port.errors };
    const dst = this.dest(src, did);
    return dst ? { ...dst.port.errors } : FabricReject.noSuchPort;
  }
};

// source/fabric/RscnService.ts
var PageBatch = class {
  constructor(maxPages) {
    this.maxPages = maxPages;
  }
  maxPages;
  pages = [];
  /** (level << 24) + affected -> index in pages */
  keys = /* @__PURE__ */ new Map();
  level = 0;
  add(page) {
    const pageLevel = FORMATS.indexOf(page.format);
    if (pageLevel > this.level) this.collapse(pageLevel);
    const key = this.level * 16777216 + (page.affected & MASKS[this.level]);
    const at = this.keys.get(key);
    if (at !== void 0) {
      if (this.level === pageLevel) this.pages[at] = page;
      return;
    }
    this.keys.set(key, this.pages.length);
    this.pages.push(this.level > pageLevel ? convert(page, this.level, "unspecified") : page);
    while (this.pages.length > this.maxPages && this.level < 3) this.collapse(this.level + 1);
  }
  collapse(level) {
    const old = this.pages;
    this.level = level;
    this.pages = [];
    this.keys = /* @__PURE__ */ new Map();
    for (const page of old) {
      const p = convert(page, level, "unspecified");
      const key = level * 16777216 + p.affected;
      if (!this.keys.has(key)) {
        this.keys.set(key, this.pages.length);
        this.pages.push(p);
      }
    }
  }
};
var FORMATS = ["port", "area", "domain", "fabric"];
var MASKS = [16777215, 16776960, 16711680, 0];
var ACC = Object.freeze({ accepted: true });
function wantsRscn(scr, detectedBy) {
  if (scr === null || scr === "clear") return false;
  if (scr === "full") return true;
  return detectedBy === "fabric" ? scr === "fabric-detected" : scr === "nport-detected";
}
var RscnService = class {
  constructor(fabric) {
    this.fabric = fabric;
  }
  fabric;
  registered = /* @__PURE__ */ new Set();
  single = /* @__PURE__ */ new Map();
  singleNport = /* @__PURE__ */ new Map();
  byPort = /* @__PURE__ */ new Map();
  everyone = null;
  timer;
  flushes = 0;
  /** RSCNs delivered (one per recipient per window). */
  sent = 0;
  scr(link, sid, fn) {
    const login = link.owned(sid);
    if (!login) return link.alive ? FabricReject.loginRequired : FabricReject.linkDown;
    login.scr = fn === "clear" ? null : fn;
    if (login.scr) this.registered.add(login);
    else this.registered.delete(login);
    if (this.fabric.recording) {
      this.fabric.emit(login.port.sw, "fabric.scr", `SCR ${formatFcId(sid)} ${fn}`, {
        fcid: formatFcId(sid),
        wwpn: login.wwpn,
        port: login.port.index,
        function: fn
      });
    }
    return ACC;
  }
  /** The login is gone: it receives nothing more. */
  forget(login) {
    this.registered.delete(login);
  }
  /** Logins with an SCR registration, in registration order. */
  get registrants() {
    return this.registered;
  }
  /** Batches waiting for the window to close (for displays and tests). */
  get pendingBatches() {
    return this.single.size + this.singleNport.size + this.byPort.size + (this.everyone ? 1 : 0);
  }
  /** Fabric-detected change of one port: a port-format page to registered ports zoned with it. */
  portChanged(subject, affected, qualifier) {
    const registered = this.registered;
    if (registered.size === 0) return;
    const fabric = this.fabric;
    const mode = fabric.zoneMode;
    if (mode === "none") return;
    const page = { format: "port", qualifier, affected };
    if (mode === "all") {
      this.add(this.everyone ??= this.batch(), page);
      return;
    }
    if (registered.size <= fabric.zoneFanOut(subject, registered.size)) {
      for (const peer of registered) {
        if (peer.fcid !== affected && wantsRscn(peer.scr, "fabric") && fabric.zonedWith(subject, peer)) this.addSingle(peer, page);
      }
      return;
    }
    const zones = fabric.zones.zonesOf(subject);
    for (const z3 of zones) {
      for (const w of z3.wwpns) {
        const peer = fabric.loginByWwpn(w);
        if (peer && peer.fcid !== affected && wantsRscn(peer.scr, "fabric")) this.addSingle(peer, page);
      }
      for (const key of z3.portKeys) {
        const port = fabric.portByKey(key);
        if (port && port.logins.size > 0) {
          let b = this.byPort.get(port);
          if (!b) this.byPort.set(port, b = this.batch());
          this.add(b, page);
        }
      }
    }
  }
  /** A zoning change: one fabric-format page to each registered port among `affected`. */
  zoningChanged(affected) {
    const page = { format: "fabric", qualifier: "switch-config-changed", affected: 0 };
    for (const login of affected) if (wantsRscn(login.scr, "fabric")) this.addSingle(login, page);
  }
  /** RSCN an N_Port sent to FFFFFD: relayed to nport-detected/full registrants zoned with it. */
  nportDetected(link, sid, pages) {
    const sender = link.owned(sid);
    if (!sender) return link.alive ? FabricReject.loginRequired : FabricReject.linkDown;
    if (pages.length === 0) return FabricReject.notSupported;
    if (this.fabric.recording) {
      this.fabric.emit(sender.port.sw, "fabric.rscn", `RSCN received from ${formatFcId(sid)}: ${describePages(pages)}`, {
        dir: "received",
        fcid: formatFcId(sid),
        wwpn: sender.wwpn,
        pages: pages.length,
        affected: pages.map((p) => formatFcId(p.affected))
      });
    }
    this.fabric.forEachZonedPeer(sender, (peer) => {
      if (peer === sender || !wantsRscn(peer.scr, "nport")) return;
      let b = this.singleNport.get(peer);
      if (!b) this.singleNport.set(peer, b = this.batch());
      for (const p of pages) this.add(b, p);
    });
    return ACC;
  }
  batch() {
    return new PageBatch(this.fabric.ctx.options.rscnMaxPages);
  }
  addSingle(recipient, page) {
    let b = this.single.get(recipient);
    if (!b) this.single.set(recipient, b = this.batch());
    this.add(b, page);
  }
  add(b, page) {
    b.add(page);
    if (!this.timer) this.timer = this.fabric.ctx.sim.schedule(this.fabric.ctx.options.rscnWindowMs, () => this.flush(), "fabric.rscn");
  }
  /** The window closed: one RSCN to each recipient, merging its own, its port's and the fabric-wide pages. */
  flush() {
    this.timer = void 0;
    const flush = this.flushes++;
    const { single, singleNport, byPort, everyone } = this;
    this.single = /* @__PURE__ */ new Map();
    this.singleNport = /* @__PURE__ */ new Map();
    this.byPort = /* @__PURE__ */ new Map();
    this.everyone = null;
    const wants = (l) => !l.removed && l.link.alive && wantsRscn(l.scr, "fabric");
    for (const [r, b] of single) {
      r.rscnFlush = flush;
      if (wants(r)) this.deliver(r, "fabric", [b, byPort.get(r.port), everyone]);
    }
    for (const [port, b] of byPort) {
      for (const r of [...port.logins.values()]) {
        if (r.rscnFlush === flush || !wants(r)) continue;
        r.rscnFlush = flush;
        this.deliver(r, "fabric", [b, everyone]);
      }
    }
    if (everyone) {
      for (const r of [...this.registered]) {
        if (r.rscnFlush === flush || !wants(r)) continue;
        r.rscnFlush = flush;
        this.deliver(r, "fabric", [everyone]);
      }
    }
    for (const [r, b] of singleNport) {
      if (!r.removed && r.link.alive && wantsRscn(r.scr, "nport")) this.deliver(r, "nport", [b]);
    }
  }
  deliver(r, detectedBy, sources) {
    let merged;
    let only;
    let count2 = 0;
    for (const s of sources) if (s) count2++, only = s;
    if (count2 === 1) merged = only.pages;
    else {
      const m = this.batch();
      for (const s of sources) if (s) for (const p of s.pages) m.add(p);
      merged = m.pages;
    }
    let pages = merged;
    for (let i = 0; i < merged.length; i++) {
      if (merged[i].format === "port" && merged[i].affected === r.fcid) {
        pages = merged.filter((p) => !(p.format === "port" && p.affected === r.fcid));
        break;
      }
    }
    if (pages.length === 0) return;
    const rscn = { detectedBy, pages };
    this.sent++;
    if (this.fabric.recording) {
      this.fabric.emit(r.port.sw, "fabric.rscn", `RSCN to ${formatFcId(r.fcid)} ${wwnColons(r.wwpn)}: ${describePages(pages)}`, {
        dir: "sent",
        fcid: formatFcId(r.fcid),
        wwpn: r.wwpn,
        detectedBy,
        format: pages[0].format,
        pages: pages.length,
        affected: pages.length <= 8 ? pages.map((p) => formatFcId(p.affected)) : []
      });
    }
    r.endpoint.receiveRscn(r.fcid, rscn);
  }
};
function convert(page, level, qualifier) {
  const format = FORMATS[level];
  if (format === page.format) return page;
  return { format, qualifier, affected: page.affected & MASKS[level] };
}
function describePages(pages) {
  const first = pages[0];
  if (!first) return "no pages";
  const one = first.format === "fabric" ? `fabric ${first.qualifier}` : `${first.format} ${formatFcId(first.affected)} ${first.qualifier}`;
  return pages.length === 1 ? one : `${pages.length} pages (${one}, ...)`;
}

// source/fabric/ZoneIndex.ts
var SET_THRESHOLD = 12;
var NONE = [];
var NO_PORTS = [];
function compile(name2, members) {
  let ports = 0;
  for (const m of members) if (m.includes(",")) ports++;
  let wwpns;
  let portKeys = NO_PORTS;
  if (ports === 0) wwpns = members;
  else {
    const w = [];
    const k = [];
    for (const m of members) {
      const comma = m.indexOf(",");
      if (comma < 0) w.push(m);
      else k.push(portKey(Number(m.slice(0, comma)), Number(m.slice(comma + 1))));
    }
    wwpns = w;
    portKeys = k;
  }
  return { name: name2, wwpns, portKeys, wwpnSet: wwpns.length > SET_THRESHOLD ? new Set(wwpns) : void 0 };
}
var ZoneIndex = class _ZoneIndex {
  constructor(mode, effective) {
    this.mode = mode;
    const zones = [];
    if (mode === "zones" && effective) {
      for (const z3 of effective.zones) {
        const zone = compile(z3.name, z3.members);
        zones.push(zone);
        for (const w of zone.wwpns) push(this.byWwpn, w, zone);
        for (const k of zone.portKeys) push(this.byPort, k, zone);
      }
    }
    this.zones = zones;
  }
  mode;
  zones;
  byWwpn = /* @__PURE__ */ new Map();
  byPort = /* @__PURE__ */ new Map();
  static of(effective, defaultAllAccess) {
    if (effective) return new _ZoneIndex("zones", effective);
    return new _ZoneIndex(defaultAllAccess ? "all" : "none", null);
  }
  zonesByWwpn(w) {
    return this.byWwpn.get(w) ?? NONE;
  }
  zonesByPort(key) {
    return this.byPort.get(key) ?? NONE;
  }
  /** Zones of the effective configuration that contain the subject. */
  zonesOf(s) {
    const a = this.zonesByWwpn(s.wwpn);
    const b = this.zonesByPort(s.portKey);
    if (b.length === 0) return a;
    if (a.length === 0) return b;
    const out = [...a];
    for (const z3 of b) if (!out.includes(z3)) out.push(z3);
    return out;
  }
  isZoned(s) {
    if (this.mode !== "zones") return this.mode === "all";
    return this.zonesByWwpn(s.wwpn).length > 0 || this.zonesByPort(s.portKey).length > 0;
  }
  zonedWith(a, b) {
    if (this.mode !== "zones") return this.mode === "all";
    const aw = this.zonesByWwpn(a.wwpn);
    const ap = this.zonesByPort(a.portKey);
    const bw = this.zonesByWwpn(b.wwpn);
    const bp = this.zonesByPort(b.portKey);
    if (aw.length + ap.length <= bw.length + bp.length) return anyContains(aw, b) || anyContains(ap, b);
    return anyContains(bw, a) || anyContains(bp, a);
  }
};
function anyContains(zones, s) {
  for (let i = 0; i < zones.length; i++) if (contains(zones[i], s)) return true;
  return false;
}
function contains(z3, s) {
  if (z3.wwpnSet ? z3.wwpnSet.has(s.wwpn) : z3.wwpns.includes(s.wwpn)) return true;
  return z3.portKeys.length > 0 && z3.portKeys.includes(s.portKey);
}
function push(map, key, zone) {
  const list = map.get(key);
  if (!list) map.set(key, [zone]);
  else if (list[list.length - 1] !== zone) list.push(zone);
}

// source/fabric/ZoningDatabase.ts
var ZoningError = class extends Error {
  name = "ZoningError";
};
var KIND_TEXT = { alias: "an alias", zone: "a zone", cfg: "a zone configuration" };
var ZoningDatabase = class {
  constructor(onAdminChange = () => {
  }) {
    this.onAdminChange = onAdminChange;
  }
  onAdminChange;
  aliases = /* @__PURE__ */ new Map();
  zones = /* @__PURE__ */ new Map();
  configs = /* @__PURE__ */ new Map();
  /** Every object name and its kind: names share one namespace. */
  names = /* @__PURE__ */ new Map();
  effective = null;
  defaultZone = "all-access";
  transactionOpen = false;
  // --- aliases -------------------------------------------------------------------------------
  aliCreate(name2, members) {
    this.checkNewName(name2);
    this.define("alias", name2, this.normalizeMembers(members, "alias"));
    this.edited();
  }
  aliAdd(name2, members) {
    this.addTo("alias", name2, this.normalizeMembers(members, "alias"));
    this.edited();
  }
  aliRemove(name2, members) {
    this.removeFrom("alias", name2, members.map((m) => canonicalMember(m) ?? m.trim()));
    this.edited();
  }
  aliDelete(name2) {
    this.deleteObject("alias", name2);
    this.edited();
  }
  // --- zones ---------------------------------------------------------------------------------
  zoneCreate(name2, members) {
    this.checkNewName(name2);
    this.define("zone", name2, this.normalizeMembers(members, "zone"));
    this.edited();
  }
  zoneAdd(name2, members) {
    this.addTo("zone", name2, this.normalizeMembers(members, "zone"));
    this.edited();
  }
  zoneRemove(name2, members) {
    this.removeFrom("zone", name2, members.map((m) => canonicalMember(m) ?? m.trim()));
    this.edited();
  }
  zoneDelete(name2) {
    this.deleteObject("zone", name2);
    this.edited();
  }
  // --- zone configurations -------------------------------------------------------------------
  cfgCreate(name2, zones) {
    this.checkNewName(name2);
    this.define("cfg", name2, this.checkZoneNames(zones));
    this.edited();
  }
  cfgAdd(name2, zones) {
    this.addTo("cfg", name2, this.checkZoneNames(zones));
    this.edited();
  }
  cfgRemove(name2, zones) {
    this.removeFrom("cfg", name2, zones.map((z3) => z3.trim()));
    this.edited();
  }
  cfgDelete(name2) {
    this.deleteObject("cfg", name2);
    this.edited();
  }
  /** Clears the defined configuration (the effective one stays until cfgdisable). */
  cfgClear() {
    this.aliases.clear();
    this.zones.clear();
    this.configs.clear();
    this.names.clear();
    this.edited();
  }
  /** Commits the transaction; the effective configuration is unchanged. */
  cfgSave() {
    this.transactionOpen = false;
    this.onAdminChange();
  }
  /** The effective snapshot `cfgenable NAME` would install (validated, aliases expanded). */
  buildEffective(cfgName) {
    const zoneNames = this.configs.get(cfgName);
    if (!zoneNames) throw new ZoningError(`"${cfgName}" is not a zone configuration`);
    const zones = [];
    for (const zoneName of zoneNames) {
      const members = this.zones.get(zoneName);
      if (!members) throw new ZoningError(`zone "${zoneName}" in configuration "${cfgName}" does not exist`);
      zones.push({ name: zoneName, members: this.expand(zoneName, members) });
    }
    return { name: cfgName, zones };
  }
  kindOf(name2) {
    return this.names.get(name2);
  }
  /** A zone's members with aliases replaced by theirs (the same list when it names no alias). */
  expand(zoneName, members) {
    let hasAlias = false;
    for (const m of members) if (isAliasMember(m)) hasAlias = true;
    if (!hasAlias) return members;
    const out = /* @__PURE__ */ new Set();
    for (const m of members) {
      if (!isAliasMember(m)) {
        out.add(m);
        continue;
      }
      const aliasMembers = this.aliases.get(m);
      if (!aliasMembers) throw new ZoningError(`alias "${m}" in zone "${zoneName}" does not exist`);
      for (const a of aliasMembers) out.add(a);
    }
    return [...out];
  }
  // --- persistence ---------------------------------------------------------------------------
  load(config) {
    this.aliases.clear();
    this.zones.clear();
    this.configs.clear();
    this.names.clear();
    for (const a of config.aliases) {
      this.checkNewName(a.name);
      this.define("alias", a.name, this.normalizeMembers(a.members, "alias"));
    }
    for (const z3 of config.zones) {
      this.checkNewName(z3.name);
      this.define("zone", z3.name, this.normalizeMembers(z3.members, "zone"));
    }
    for (const c of config.configs) {
      this.checkNewName(c.name);
      this.define("cfg", c.name, this.checkZoneNames(c.zones));
    }
    this.defaultZone = config.defaultZone;
    this.transactionOpen = config.transactionOpen ?? false;
    if (config.effective === null) this.effective = null;
    else if (config.effectiveZones) {
      this.effective = {
        name: config.effective,
        zones: config.effectiveZones.map((z3) => ({
          name: z3.name,
          members: z3.members.map((m) => {
            const c = canonicalMember(m);
            if (c === void 0 || isAliasMember(c)) throw new ZoningError(`invalid effective zone member "${m}"`);
            return c;
          })
        }))
      };
    } else this.effective = this.buildEffective(config.effective);
  }
  export() {
    const state = {
      aliases: [...this.aliases].map(([name2, members]) => ({ name: name2, members })),
      zones: [...this.zones].map(([name2, members]) => ({ name: name2, members })),
      configs: [...this.configs].map(([name2, zones]) => ({ name: name2, zones })),
      effective: this.effective?.name ?? null,
      defaultZone: this.defaultZone,
      ...this.transactionOpen ? { transactionOpen: true } : {}
    };
    if (this.effective && !this.effectiveMatchesDefined()) {
      return { ...state, effectiveZones: this.effective.zones.map((z3) => ({ name: z3.name, members: z3.members })) };
    }
    return state;
  }
  // --- internals -----------------------------------------------------------------------------
  edited() {
    this.transactionOpen = true;
    this.onAdminChange();
  }
  /** True when rebuilding the effective config from the defined one would give the same zones. */
  effectiveMatchesDefined() {
    const eff = this.effective;
    if (!eff) return true;
    const zoneNames = this.configs.get(eff.name);
    if (!zoneNames || zoneNames.length !== eff.zones.length) return false;
    try {
      return eff.zones.every((z3, i) => {
        if (z3.name !== zoneNames[i]) return false;
        const defined = this.zones.get(z3.name);
        if (!defined) return false;
        const rebuilt = this.expand(z3.name, defined);
        return rebuilt === z3.members || rebuilt.length === z3.members.length && rebuilt.every((m, j) => m === z3.members[j]);
      });
    } catch {
      return false;
    }
  }
  checkNewName(name2) {
    if (!isValidZoneObjectName(name2)) throw new ZoningError(`invalid name "${name2}"`);
    const kind = this.kindOf(name2);
    if (kind) throw new ZoningError(`duplicate name "${name2}" (already ${KIND_TEXT[kind]})`);
  }
  existing(kind, name2) {
    const list = this.mapOf(kind).get(name2);
    if (!list) throw new ZoningError(`"${name2}" is not ${KIND_TEXT[kind]}`);
    return list;
  }
  define(kind, name2, list) {
    this.mapOf(kind).set(name2, list);
    this.names.set(name2, kind);
  }
  mapOf(kind) {
    return kind === "alias" ? this.aliases : kind === "zone" ? this.zones : this.configs;
  }
  normalizeMembers(members, owner) {
    if (members.length === 0) throw new ZoningError(`${KIND_TEXT[owner]} needs at least one member`);
    const out = [];
    const seen = members.length > 8 ? /* @__PURE__ */ new Set() : void 0;
    for (const text of members) {
      const c = canonicalMember(text);
      if (c === void 0) throw new ZoningError(`invalid member "${text.trim()}"`);
      if (isAliasMember(c)) {
        if (owner === "alias") throw new ZoningError(`invalid alias member "${c}": use a WWN or domain,index`);
        if (!this.aliases.has(c)) throw new ZoningError(`"${c}" is not a WWN, domain,index or alias`);
      }
      if (seen ? seen.has(c) : out.includes(c)) continue;
      seen?.add(c);
      out.push(c);
    }
    return out;
  }
  checkZoneNames(zones) {
    if (zones.length === 0) throw new ZoningError("a zone configuration needs at least one zone");
    const out = /* @__PURE__ */ new Set();
    for (const raw of zones) {
      const z3 = raw.trim();
      if (!this.zones.has(z3)) throw new ZoningError(`"${z3}" is not a zone`);
      out.add(z3);
    }
    return [...out];
  }
  addTo(kind, name2, members) {
    const list = this.existing(kind, name2);
    const have = new Set(list);
    const next = [...list];
    for (const m of members) {
      if (have.has(m)) continue;
      have.add(m);
      next.push(m);
    }
    this.mapOf(kind).set(name2, next);
  }
  removeFrom(kind, name2, members) {
    const list = this.existing(kind, name2);
    const have = new Set(list);
    for (const m of members) if (!have.has(m)) throw new ZoningError(`"${m}" is not a member of "${name2}"`);
    const gone = new Set(members);
    const left = list.filter((m) => !gone.has(m));
    if (left.length === 0) this.deleteObject(kind, name2);
    else this.mapOf(kind).set(name2, left);
  }
  deleteObject(kind, name2) {
    this.existing(kind, name2);
    this.mapOf(kind).delete(name2);
    this.names.delete(name2);
    const referrerKind = kind === "alias" ? "zone" : kind === "zone" ? "cfg" : void 0;
    if (!referrerKind) return;
    const referrers = this.mapOf(referrerKind);
    for (const [other, list] of [...referrers]) {
      if (!list.includes(name2)) continue;
      const left = list.filter((m) => m !== name2);
      if (left.length === 0) this.deleteObject(referrerKind, other);
      else referrers.set(other, left);
    }
  }
};

// source/fabric/Fabric.ts
var Fabric = class {
  constructor(name2, ctx) {
    this.name = name2;
    this.ctx = ctx;
    this.zoning = new ZoningDatabase(() => this.touched());
    this.zoneIndex = ZoneIndex.of(null, true);
    this.loginServer = new LoginServer(this);
    this.nameServer = new NameServer(this);
    this.rscn = new RscnService(this);
    this.router = new Router(this);
  }
  name;
  ctx;
  switches = [];
  zoning;
  loginServer;
  nameServer;
  rscn;
  router;
  byDomain = /* @__PURE__ */ new Map();
  byDomainOrder = [];
  byFcid = /* @__PURE__ */ new Map();
  byWwpn = /* @__PURE__ */ new Map();
  sorted = null;
  principalCache;
  zoneIndex;
  seq = 0;
  /** Bumped by every administrative change to this fabric or its switches. */
  adminRevision = 0;
  // --- switches ------------------------------------------------------------------------------
  addSwitch(id) {
    if (!Number.isInteger(id.domainId) || id.domainId < 1 || id.domainId > 239) {
      throw new FabricError(`switch ${id.name}: domain ID ${id.domainId} is outside 1-239`);
    }
    if (this.byDomain.has(id.domainId)) {
      throw new FabricError(`switch ${id.name}: domain ${id.domainId} is already used by ${this.byDomain.get(id.domainId).name} in fabric ${this.name}`);
    }
    if (!Number.isInteger(id.portCount) || id.portCount < 1 || id.portCount > 256) {
      throw new FabricError(`switch ${id.name}: port count ${id.portCount} is outside 1-256`);
    }
    const sw = new FcSwitch(this, id);
    this.switches.push(sw);
    this.byDomain.set(sw.domainId, sw);
    this.byDomainOrder = [...this.switches].sort((a, b) => a.domainId - b.domainId);
    this.principalCache = void 0;
    return sw;
  }
  get principal() {
    if (!this.principalCache) {
      let best = this.switches[0];
      if (!best) throw new FabricError(`fabric ${this.name} has no switches`);
      for (const sw of this.switches) if (sw.wwn < best.wwn) best = sw;
      this.principalCache = best;
    }
    return this.principalCache;
  }
  /** The FC fabric name: the principal switch's WWN. */
  get fabricName() {
    return this.principal.wwn;
  }
  switchByDomain(domain) {
    return this.byDomain.get(domain);
  }
  /** The port a `domain,index` zone member names (see portKey). */
  portByKey(key) {
    return this.byDomain.get(Math.floor(key / 65536))?.port(key % 65536);
  }
  // --- logins --------------------------------------------------------------------------------
  loginById(id) {
    return this.byFcid.get(id);
  }
  loginByWwpn(w) {
    return this.byWwpn.get(w);
  }
  get loginCount() {
    return this.byFcid.size;
  }
  /** Logins in login order. */
  logins() {
    return this.byFcid.values();
  }
  /** Logins sorted by N_Port_ID (cached until the next login or logout). */
  sortedLogins() {
    if (!this.sorted) this.sorted = [...this.byFcid.values()].sort((a, b) => a.fcid - b.fcid);
    return this.sorted;
  }
  /**
   * The login with the lowest N_Port_ID above `after` (-1 for the first), walking switches by
   * domain, ports by area and port bytes in order: no sorting, so GA_NXT stays cheap while
   * 100,000 logins come and go.
   */
  nextLoginAfter(after) {
    const d0 = after < 0 ? -1 : after >> 16;
    const a0 = after < 0 ? -1 : after >> 8 & 255;
    const b0 = after < 0 ? -1 : after & 255;
    for (const sw of this.byDomainOrder) {
      if (sw.domainId < d0) continue;
      const sameDomain = sw.domainId === d0;
      const ports = sw.ports;
      for (let area = sameDomain ? Math.max(a0, 0) : 0; area < ports.length; area++) {
        const port = ports[area];
        if (port.logins.size === 0) continue;
        const slots = port.slots;
        for (let b = sameDomain && area === a0 ? b0 + 1 : 0; b < slots.length; b++) {
          const l = slots[b];
          if (l) return l;
        }
      }
    }
    return void 0;
  }
  nextLoginSeq() {
    return this.seq++;
  }
  addLogin(login) {
    const port = login.port;
    this.byFcid.set(login.fcid, login);
    this.byWwpn.set(login.wwpn, login);
    port.logins.set(login.fcid, login);
    port.slots[login.fcid & 255] = login;
    if (!login.npiv) port.base = login;
    port.sw.loginCount++;
    this.sorted = null;
    this.rscn.portChanged(login, login.fcid, "ns-object-changed");
  }
  /** Logs one login out; the port's FLOGI login takes its NPIV logins along. */
  removeLogin(login, cause) {
    if (login.removed) return;
    if (!login.npiv) {
      const cascade = cause === "logo" || cause === "duplicate-wwpn" ? "base-logo" : cause;
      for (const other of [...login.port.logins.values()]) if (other !== login) this.removeOne(other, cascade);
    }
    this.removeOne(login, cause);
  }
  /** Every login on the port. */
  logoutPort(port, cause) {
    if (port.base) this.removeLogin(port.base, cause);
    for (const l of [...port.logins.values()]) this.removeOne(l, cause);
  }
  removeOne(login, cause) {
    if (login.removed) return;
    login.removed = true;
    const port = login.port;
    this.byFcid.delete(login.fcid);
    if (this.byWwpn.get(login.wwpn) === login) this.byWwpn.delete(login.wwpn);
    port.logins.delete(login.fcid);
    port.slots[login.fcid & 255] = void 0;
    port.releaseId(login.fcid);
    if (port.base === login) port.base = null;
    port.sw.loginCount--;
    this.sorted = null;
    this.rscn.forget(login);
    if (this.recording) this.emit(port.sw, "fabric.logo", `LOGO ${wwnColons(login.wwpn)} ${formatFcId(login.fcid)} port ${port.index} (${cause})`, {
      wwpn: login.wwpn,
      fcid: formatFcId(login.fcid),
      port: port.index,
      npiv: login.npiv,
      cause
    });
    this.rscn.portChanged(login, login.fcid, "object-removed");
    if (causeNotifiesNPort(cause)) this.ctx.outbound.post(0, () => this.deliverLogo(login));
  }
  deliverLogo(login) {
    if (!login.link.alive) return;
    const now = this.byFcid.get(login.fcid);
    if (now && now.endpoint === login.endpoint) return;
    login.endpoint.receiveLogo(login.fcid);
  }
  // --- zoning lookups ------------------------------------------------------------------------
  get zoneMode() {
    return this.zoneIndex.mode;
  }
  get zones() {
    return this.zoneIndex;
  }
  zonedWith(a, b) {
    return a === b || this.zoneIndex.zonedWith(a, b);
  }
  /**
   * An estimate of how many logins share a zone with the subject, counted only up to `cap`
   * (a `domain,index` member counts as a full area).
   */
  zoneFanOut(subject, cap = Number.POSITIVE_INFINITY) {
    const idx = this.zoneIndex;
    if (idx.mode === "none") return 0;
    if (idx.mode === "all") return this.byFcid.size;
    let n = 0;
    for (const list of [idx.zonesByWwpn(subject.wwpn), idx.zonesByPort(subject.portKey)]) {
      for (const z3 of list) {
        n += z3.wwpns.length + z3.portKeys.length * 256;
        if (n > cap) return n;
      }
    }
    return n;
  }
  /** Calls fn once for every login zoned with the subject (the subject itself may be included). */
  forEachZonedPeer(subject, fn) {
    const idx = this.zoneIndex;
    if (idx.mode === "none") return;
    if (idx.mode === "all") {
      for (const l of this.byFcid.values()) fn(l);
      return;
    }
    const zones = idx.zonesOf(subject);
    if (zones.length === 0) return;
    if (zones.length === 1 && zones[0].portKeys.length === 0) {
      const byWwpn = this.byWwpn;
      for (const w of zones[0].wwpns) {
        const l = byWwpn.get(w);
        if (l) fn(l);
      }
      return;
    }
    const seen = /* @__PURE__ */ new Set();
    const visit = (l) => {
      if (seen.has(l)) return;
      seen.add(l);
      fn(l);
    };
    for (const z3 of zones) this.forEachMember(z3, visit);
  }
  /** Every login zoned with the subject, itself excluded, in zone order. */
  zonedPeers(subject) {
    const out = [];
    this.forEachZonedPeer(subject, (l) => {
      if (l !== subject) out.push(l);
    });
    return out;
  }
  forEachMember(z3, fn) {
    for (const w of z3.wwpns) {
      const l = this.byWwpn.get(w);
      if (l) fn(l);
    }
    for (const key of z3.portKeys) {
      const port = this.portByKey(key);
      if (port) for (const l of port.logins.values()) fn(l);
    }
  }
  // --- cabling and links ---------------------------------------------------------------------
  plugNPort(port, endpoint, maxSpeedGbps) {
    if (port.attachment) throw new FabricError(`${port.sw.name} port ${port.index} is already cabled to ${describeAttachment(port)}`);
    port.attachment = { kind: "nport", endpoint, maxSpeedGbps };
    if (port.adminDisabled) {
      this.emit(port.sw, "fabric.link", `port ${port.index} cable plugged (${endpoint.label}), port disabled`, {
        port: port.index,
        state: "plugged",
        device: endpoint.label,
        wwpn: endpoint.wwpn
      });
    }
    this.startLink(port);
  }
  unplugPort(port) {
    const att = port.attachment;
    if (!att || att.kind !== "nport") return;
    if (port.link) this.stopLink(port, "cable");
    else {
      this.emit(port.sw, "fabric.link", `port ${port.index} cable pulled (${att.endpoint.label})`, {
        port: port.index,
        state: "unplugged",
        device: att.endpoint.label,
        wwpn: att.endpoint.wwpn
      });
    }
    port.attachment = null;
  }
  connectIsl(a, b) {
    if (a.sw.fabric !== this || b.sw.fabric !== this) throw new FabricError(`ISL ${a.sw.name}/${a.index} - ${b.sw.name}/${b.index} joins switches of different fabrics`);
    if (a.sw === b.sw) throw new FabricError(`ISL ${a.sw.name}/${a.index} - ${b.index} loops back to the same switch`);
    for (const p of [a, b]) if (p.attachment) throw new FabricError(`${p.sw.name} port ${p.index} is already cabled to ${describeAttachment(p)}`);
    a.attachment = { kind: "isl", peer: b };
    b.attachment = { kind: "isl", peer: a };
  }
  startLink(port) {
    const att = port.attachment;
    if (!att || att.kind !== "nport" || port.adminDisabled || port.link) return;
    const endpoint = att.endpoint;
    const link = new FPortLink(port, endpoint, port.speedGbps);
    port.link = link;
    port.transitions++;
    this.ctx.outbound.post(this.ctx.options.linkUpMs, () => {
      if (!link.alive) return;
      link.delivered = true;
      if (this.recording) this.emit(port.sw, "fabric.link", `port ${port.index} link up ${link.speedGbps}G (${endpoint.label})`, {
        port: port.index,
        state: "up",
        speed: link.speedGbps,
        device: endpoint.label,
        wwpn: endpoint.wwpn
      });
      this.rscn.portChanged({ wwpn: endpoint.wwpn, portKey: port.key }, port.baseFcId, "port-attribute-changed");
      endpoint.linkUp(link);
    });
  }
  stopLink(port, cause) {
    const link = port.link;
    if (!link) return;
    link.alive = false;
    port.link = null;
    port.transitions++;
    if (cause === "cable") {
      port.errors.linkFailureCount++;
      port.errors.lossOfSignalCount++;
    } else if (cause === "reset") port.errors.lossOfSyncCount++;
    this.logoutPort(port, "link-down");
    this.emit(port.sw, "fabric.link", `port ${port.index} link down (${cause}) (${link.endpoint.label})`, {
      port: port.index,
      state: "down",
      cause,
      device: link.endpoint.label,
      wwpn: link.endpoint.wwpn
    });
    if (link.delivered) this.ctx.outbound.post(0, () => link.endpoint.linkDown());
  }
  /** Link reset: everything on the port logs out, the N_Port sees linkDown then linkUp. */
  bounceLink(port, cause) {
    this.stopLink(port, cause);
    this.startLink(port);
  }
  // --- administration ------------------------------------------------------------------------
  setPortEnabled(port, enabled) {
    if (port.adminDisabled === !enabled) return;
    port.adminDisabled = !enabled;
    this.emit(port.sw, "fabric.port", `port ${port.index} ${enabled ? "enabled" : "disabled"}`, { port: port.index, enabled });
    if (enabled) this.startLink(port);
    else this.stopLink(port, "disabled");
    this.touched();
  }
  setPortNpiv(port, on) {
    if (port.npiv === on) return;
    const was = port.npivEnabled;
    port.npiv = on;
    this.emit(port.sw, "fabric.port", `port ${port.index} NPIV ${on ? "on" : "off"}`, { port: port.index, npiv: on });
    this.npivEffectChanged(port, was);
    this.touched();
  }
  setSwitchNpiv(sw, on) {
    if (sw.npiv === on) return;
    const was = sw.ports.map((p) => p.npivEnabled);
    sw.npiv = on;
    this.emit(sw, "fabric.port", `switch NPIV ${on ? "on" : "off"}`, { npiv: on });
    sw.ports.forEach((p, i) => this.npivEffectChanged(p, was[i]));
    this.touched();
  }
  /**
   * NPIV turned off: the port's NPIV logins are logged out (receiveLogo). Turned on under a
   * FLOGI that was told "no NPIV": the link bounces so the N_Port logs in again and learns.
   */
  npivEffectChanged(port, was) {
    const now = port.npivEnabled;
    if (was && !now) {
      for (const l of [...port.logins.values()]) if (l.npiv) this.removeLogin(l, "npiv-off");
    } else if (!was && now && port.base && !port.base.npivAssigned) this.bounceLink(port, "npiv-on");
  }
  setPortNpivLimit(port, limit) {
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_NPIV_LIMIT) {
      throw new FabricError(`NPIV login limit ${limit} is outside 1-${MAX_NPIV_LIMIT}`);
    }
    if (port.npivLimit === limit) return;
    port.npivLimit = limit;
    this.emit(port.sw, "fabric.port", `port ${port.index} NPIV login limit ${limit}`, { port: port.index, npivLimit: limit });
    if (port.npivCount > limit) {
      const newestFirst = [...port.logins.values()].filter((l) => l.npiv).sort((a, b) => b.seq - a.seq);
      for (const l of newestFirst.slice(0, port.npivCount - limit)) this.removeLogin(l, "limit");
    }
    this.touched();
  }
  /** Applies to new logins only; logins over a lowered limit stay. */
  setSwitchLoginLimit(sw, limit) {
    if (!(limit === Number.POSITIVE_INFINITY || Number.isInteger(limit) && limit >= 1)) {
      throw new FabricError(`login limit ${limit} must be a positive integer`);
    }
    if (sw.loginLimit === limit) return;
    sw.loginLimit = limit;
    this.emit(sw, "fabric.port", `switch login limit ${limit}`, { loginLimit: Number.isFinite(limit) ? limit : null });
    this.touched();
  }
  setDuplicatePolicy(sw, policy) {
    if (sw.duplicateWwpnPolicy === policy) return;
    sw.duplicateWwpnPolicy = policy;
    this.emit(sw, "fabric.port", `duplicate WWPN policy ${policy}`, { duplicateWwpnPolicy: policy });
    this.touched();
  }
  setPortName(port, name2) {
    if (port.name === name2) return;
    port.name = name2;
    this.touched();
  }
  /** Fixed port speed in Gb/s, or undefined to auto-negotiate. Takes effect at the next link-up. */
  setPortSpeed(port, speedGbps) {
    if (port.fixedSpeedGbps === speedGbps) return;
    port.fixedSpeedGbps = speedGbps;
    this.touched();
  }
  // --- effective zoning ----------------------------------------------------------------------
  cfgEnable(cfgName, at = this.principal) {
    const effective = this.zoning.buildEffective(cfgName);
    this.zoning.effective = effective;
    this.zoning.transactionOpen = false;
    const zones = effective.zones.length;
    this.applyZoning(ZoneIndex.of(effective, this.zoning.defaultZone === "all-access"));
    this.emit(at, "fabric.zoning", `cfgenable ${cfgName} (${zones} zone${zones === 1 ? "" : "s"})`, { op: "cfgenable", cfg: cfgName, zones });
    this.touched();
  }
  cfgDisable(at = this.principal) {
    const old = this.zoning.effective?.name ?? null;
    this.zoning.effective = null;
    this.zoning.transactionOpen = false;
    this.applyZoning(ZoneIndex.of(null, this.zoning.defaultZone === "all-access"));
    this.emit(at, "fabric.zoning", `cfgdisable${old ? ` ${old}` : ""} (default zone ${this.zoning.defaultZone})`, { op: "cfgdisable", cfg: old });
    this.touched();
  }
  setDefaultZone(mode, at = this.principal) {
    if (this.zoning.defaultZone === mode) return;
    this.zoning.defaultZone = mode;
    if (!this.zoning.effective) this.applyZoning(ZoneIndex.of(null, mode === "all-access"));
    this.emit(at, "fabric.zoning", `defzone ${mode}`, { op: "defzone", mode });
    this.touched();
  }
  /** Loads a saved zoning state (build time: no RSCNs, nobody is logged in yet). */
  loadZoning(state) {
    this.zoning.load(state);
    this.zoneIndex = ZoneIndex.of(this.zoning.effective, this.zoning.defaultZone === "all-access");
  }
  exportZoning() {
    return this.zoning.export();
  }
  /**
   * Edits the defined zoning configuration (Brocade transaction semantics: nothing changes in
   * the fabric until cfgenable). Throws ZoningError with a message for the operator.
   */
  editZoning(op, name2, list = [], at = this.principal) {
    const db = this.zoning;
    switch (op) {
      case "alicreate":
        db.aliCreate(name2, list);
        break;
      case "aliadd":
        db.aliAdd(name2, list);
        break;
      case "aliremove":
        db.aliRemove(name2, list);
        break;
      case "alidelete":
        db.aliDelete(name2);
        break;
      case "zonecreate":
        db.zoneCreate(name2, list);
        break;
      case "zoneadd":
        db.zoneAdd(name2, list);
        break;
      case "zoneremove":
        db.zoneRemove(name2, list);
        break;
      case "zonedelete":
        db.zoneDelete(name2);
        break;
      case "cfgcreate":
        db.cfgCreate(name2, list);
        break;
      case "cfgadd":
        db.cfgAdd(name2, list);
        break;
      case "cfgremove":
        db.cfgRemove(name2, list);
        break;
      case "cfgdelete":
        db.cfgDelete(name2);
        break;
    }
    this.emit(at, "fabric.zoning", `${op} ${name2}${list.length > 0 ? ` ${list.join("; ")}` : ""}`, { op, name: name2, members: [...list] });
  }
  /** cfgsave: commits the defined configuration; false when there was nothing to save. */
  cfgSave(at = this.principal) {
    if (!this.zoning.transactionOpen) return false;
    this.zoning.cfgSave();
    this.emit(at, "fabric.zoning", "cfgsave", { op: "cfgsave" });
    return true;
  }
  /** cfgclear: empties the defined configuration (the effective one stays until cfgdisable). */
  cfgClear(at = this.principal) {
    this.zoning.cfgClear();
    this.emit(at, "fabric.zoning", "cfgclear", { op: "cfgclear" });
  }
  applyZoning(next) {
    const affected = this.zoningAffected(this.zoneIndex, next);
    this.zoneIndex = next;
    this.rscn.zoningChanged(affected);
  }
  /** Logins whose set of zone peers may differ between two zoning states. */
  zoningAffected(before2, after) {
    if (before2.mode !== "zones" && before2.mode === after.mode) return [];
    if (before2.mode === "all" || after.mode === "all") return [...this.byFcid.values()];
    const key = (z3) => `${z3.name}\0${z3.wwpns.join(",")}\0${z3.portKeys.join(",")}`;
    const beforeKeys = new Set(before2.zones.map(key));
    const afterKeys = new Set(after.zones.map(key));
    const changed = [...before2.zones.filter((z3) => !afterKeys.has(key(z3))), ...after.zones.filter((z3) => !beforeKeys.has(key(z3)))];
    const out = /* @__PURE__ */ new Set();
    for (const z3 of changed) this.forEachMember(z3, (l) => out.add(l));
    return out;
  }
  touched() {
    this.adminRevision++;
    this.ctx.adminChanged();
  }
  // --- events --------------------------------------------------------------------------------
  /** False while the event log is muted: hot paths skip formatting events nobody keeps. */
  get recording() {
    return isRecording(this.ctx.log);
  }
  emit(sw, type, summary, data) {
    this.ctx.log.emit(sw.name, type, summary, data);
  }
};
function describeAttachment(port) {
  const att = port.attachment;
  if (!att) return "nothing";
  if (att.kind === "nport") return att.endpoint.label;
  return `${att.peer.sw.name} port ${att.peer.index} (ISL)`;
}

// source/fabric/AlPa.ts
var AL_PAS = [
  1,
  2,
  4,
  8,
  15,
  16,
  23,
  24,
  27,
  29,
  30,
  31,
  35,
  37,
  38,
  39,
  41,
  42,
  43,
  44,
  45,
  46,
  49,
  50,
  51,
  52,
  53,
  54,
  57,
  58,
  60,
  67,
  69,
  70,
  71,
  73,
  74,
  75,
  76,
  77,
  78,
  81,
  82,
  83,
  84,
  85,
  86,
  89,
  90,
  92,
  99,
  101,
  102,
  103,
  105,
  106,
  107,
  108,
  109,
  110,
  113,
  114,
  115,
  116,
  117,
  118,
  121,
  122,
  124,
  128,
  129,
  130,
  132,
  136,
  143,
  144,
  151,
  152,
  155,
  157,
  158,
  159,
  163,
  165,
  166,
  167,
  169,
  170,
  171,
  172,
  173,
  174,
  177,
  178,
  179,
  180,
  181,
  182,
  185,
  186,
  188,
  195,
  197,
  198,
  199,
  201,
  202,
  203,
  204,
  205,
  206,
  209,
  210,
  211,
  212,
  213,
  214,
  217,
  218,
  220,
  224,
  225,
  226,
  228,
  232,
  239
];

// source/fabric/DirectLink.ts
var ZERO_WWN = "0000000000000000";
function zeroErrors() {
  return {
    linkFailureCount: 0,
    lossOfSyncCount: 0,
    lossOfSignalCount: 0,
    primitiveSeqProtocolErrorCount: 0,
    invalidTxWordCount: 0,
    invalidCrcCount: 0
  };
}
var NO_CONNECTION2 = Object.freeze({ status: "no-connection" });
var DirectLink = class {
  constructor(topology, speedGbps, medium, member) {
    this.topology = topology;
    this.speedGbps = speedGbps;
    this.medium = medium;
    this.member = member;
  }
  topology;
  speedGbps;
  medium;
  member;
  alive = true;
  delivered = false;
  get endpoint() {
    return this.member.endpoint;
  }
  flogi(_request) {
    if (!this.alive) return FabricReject.linkDown;
    return this.medium.flogiAccept(this.member);
  }
  fdisc(request) {
    if (!this.alive) return FabricReject.linkDown;
    const r = FabricReject.npivNotSupported;
    this.medium.log.emit(this.medium.name, "fabric.ls_rjt", `FDISC ${wwnColons(request.wwpn)} rejected ${hex2(r.reason)}/${hex2(r.explanation)}: no NPIV on ${this.topology}`, {
      op: "FDISC",
      wwpn: request.wwpn,
      device: this.member.endpoint.label,
      reason: hex2(r.reason),
      explanation: hex2(r.explanation),
      why: `no NPIV on ${this.topology}`
    });
    return r;
  }
  logo(_sid) {
  }
  scr(_sid, _fn) {
    return this.alive ? FabricReject.notSupported : FabricReject.linkDown;
  }
  sendRscn(_sid, _pages) {
    return this.alive ? FabricReject.notSupported : FabricReject.linkDown;
  }
  nameServer(_sid) {
    return NO_NAME_SERVER;
  }
  route(sid, did) {
    if (!this.alive) return FabricReject.linkDown;
    if (sid !== this.member.id) return FabricReject.loginRequired;
    const peer = this.medium.peer(this.member, did);
    if (!peer || !peer.link?.alive) return FabricReject.noSuchPort;
    const e = this.member.endpoint;
    return [{ fcid: sid, wwpn: e.wwpn, wwnn: e.wwnn }, peer];
  }
  plogi(sid, did) {
    const r = this.route(sid, did);
    if (!Array.isArray(r)) return r;
    const responder = r[1].endpoint.responder;
    if (!responder) return { accepted: true, wwpn: r[1].endpoint.wwpn, wwnn: r[1].endpoint.wwnn };
    return responder.plogi(r[0], did);
  }
  prli(sid, did) {
    const r = this.route(sid, did);
    if (!Array.isArray(r)) return r;
    const responder = r[1].endpoint.responder;
    return responder ? responder.prli(r[0], did) : FabricReject.notSupported;
  }
  logoPort(sid, did) {
    const r = this.route(sid, did);
    if (Array.isArray(r)) r[1].endpoint.responder?.logo(r[0], did);
  }
  scsi(sid, did, command) {
    const r = this.route(sid, did);
    if (!Array.isArray(r)) return NO_CONNECTION2;
    const responder = r[1].endpoint.responder;
    return responder ? responder.scsi(r[0], did, command) : NO_CONNECTION2;
  }
  rls(sid, did) {
    if (!this.alive) return FabricReject.linkDown;
    if (did === sid || did === this.member.id) return { ...this.member.errors };
    const r = this.route(sid, did);
    return Array.isArray(r) ? { ...r[1].errors } : r;
  }
  reset() {
    if (this.alive) this.medium.reset(this.member);
  }
  loopMembers() {
    return this.medium.loopMembers(this.member);
  }
};
var notSupported = () => ({ ok: false, reason: FsRjtReason.notSupported, explanation: FsRjtExplanation.none });
var NO_NAME_SERVER = {
  rftId: notSupported,
  rffId: notSupported,
  rspnId: notSupported,
  rsnnNn: notSupported,
  rnnId: notSupported,
  daId: notSupported,
  gidFt: notSupported,
  gpnFt: notSupported,
  gpnId: notSupported,
  gnnId: notSupported,
  gidPn: notSupported,
  gaNxt: notSupported,
  gftId: notSupported
};

// source/fabric/ArbitratedLoop.ts
var ArbitratedLoop = class {
  constructor(name2, ctx, speedGbps = 4) {
    this.name = name2;
    this.ctx = ctx;
    this.speedGbps = speedGbps;
  }
  name;
  ctx;
  speedGbps;
  members = [];
  get log() {
    return this.ctx.log;
  }
  has(endpoint) {
    return this.members.some((m) => m.endpoint === endpoint);
  }
  view() {
    return this.members.map((m) => ({ label: m.endpoint.label, wwpn: m.endpoint.wwpn, alpa: m.id, up: m.link?.alive ?? false }));
  }
  plug(endpoint) {
    if (this.has(endpoint)) throw new FabricError(`${endpoint.label} is already on loop ${this.name}`);
    const used = new Set(this.members.map((m) => m.id));
    const alpa = AL_PAS.find((a) => !used.has(a));
    if (alpa === void 0) throw new FabricError(`loop ${this.name} is full (126 AL_PAs)`);
    this.members.push({ endpoint, id: alpa, errors: zeroErrors(), link: null });
    this.lip(`${endpoint.label} joined`);
  }
  unplug(endpoint) {
    const i = this.members.findIndex((m) => m.endpoint === endpoint);
    if (i < 0) return;
    const [gone] = this.members.splice(i, 1);
    gone.errors.lossOfSignalCount++;
    gone.errors.linkFailureCount++;
    this.stop(gone);
    this.lip(`${endpoint.label} left`);
  }
  flogiAccept(member) {
    return { accepted: true, fcid: member.id, npivAssignment: false, fPort: false, fabricName: ZERO_WWN, fPortName: ZERO_WWN };
  }
  peer(member, did) {
    return this.members.find((m) => m !== member && m.id === did);
  }
  loopMembers(member) {
    return this.members.filter((m) => m !== member).map((m) => m.id).sort((a, b) => AL_PAS.indexOf(a) - AL_PAS.indexOf(b));
  }
  reset(member) {
    this.lip(`LIP from ${member.endpoint.label}`);
  }
  lip(cause) {
    this.ctx.log.emit(this.name, "fabric.link", `loop initialisation (${cause}): ${this.members.length} member${this.members.length === 1 ? "" : "s"}`, {
      state: "lip",
      cause,
      members: this.members.map((m) => m.endpoint.label)
    });
    for (const m of this.members) {
      if (m.link) m.errors.lossOfSyncCount++;
      this.stop(m);
    }
    for (const m of this.members) this.start(m);
  }
  start(m) {
    const link = new DirectLink("private-loop", this.speedGbps, this, m);
    m.link = link;
    this.ctx.outbound.post(this.ctx.options.linkUpMs, () => {
      if (!link.alive) return;
      link.delivered = true;
      m.endpoint.linkUp(link);
    });
  }
  stop(m) {
    const link = m.link;
    if (!link) return;
    link.alive = false;
    m.link = null;
    if (link.delivered) this.ctx.outbound.post(0, () => m.endpoint.linkDown());
  }
};

// source/fabric/PointToPointCable.ts
var P2P_LOW_ID = 65793;
var P2P_HIGH_ID = 65794;
var PointToPointCable = class {
  constructor(name2, a, b, ctx, speedGbps = 8) {
    this.name = name2;
    this.ctx = ctx;
    this.speedGbps = speedGbps;
    const aHigh = a.wwpn > b.wwpn;
    this.ends = [
      { endpoint: a, id: aHigh ? P2P_HIGH_ID : P2P_LOW_ID, errors: zeroErrors(), link: null },
      { endpoint: b, id: aHigh ? P2P_LOW_ID : P2P_HIGH_ID, errors: zeroErrors(), link: null }
    ];
  }
  name;
  ctx;
  speedGbps;
  ends;
  connected = false;
  get log() {
    return this.ctx.log;
  }
  connect() {
    if (this.connected) return;
    this.connected = true;
    this.event("up");
    for (const m of this.ends) this.start(m);
  }
  disconnect() {
    if (!this.connected) return;
    this.connected = false;
    this.event("down");
    for (const m of this.ends) {
      m.errors.lossOfSignalCount++;
      m.errors.linkFailureCount++;
      this.stop(m);
    }
  }
  other(member) {
    return this.ends[0] === member ? this.ends[1] : this.ends[0];
  }
  flogiAccept(member) {
    const peer = this.other(member).endpoint;
    return { accepted: true, fcid: member.id, npivAssignment: false, fPort: false, fabricName: peer.wwnn, fPortName: peer.wwpn };
  }
  peer(member, did) {
    const o = this.other(member);
    return o.id === did ? o : void 0;
  }
  loopMembers() {
    return [];
  }
  reset(member) {
    this.ctx.log.emit(this.name, "fabric.link", `link reset by ${member.endpoint.label}`, { state: "reset", device: member.endpoint.label });
    for (const m of this.ends) {
      m.errors.lossOfSyncCount++;
      this.stop(m);
    }
    for (const m of this.ends) this.start(m);
  }
  event(state) {
    const [a, b] = this.ends;
    this.ctx.log.emit(this.name, "fabric.link", `point-to-point ${a.endpoint.label} - ${b.endpoint.label} ${state === "up" ? "connected" : "disconnected"}`, {
      state,
      device: [a.endpoint.label, b.endpoint.label]
    });
  }
  start(m) {
    const link = new DirectLink("point-to-point", this.speedGbps, this, m);
    m.link = link;
    this.ctx.outbound.post(this.ctx.options.linkUpMs, () => {
      if (!link.alive) return;
      link.delivered = true;
      m.endpoint.linkUp(link);
    });
  }
  stop(m) {
    const link = m.link;
    if (!link) return;
    link.alive = false;
    m.link = null;
    if (link.delivered) this.ctx.outbound.post(0, () => m.endpoint.linkDown());
  }
};

// source/fabric/OutboundQueue.ts
var OutboundQueue = class {
  constructor(sim) {
    this.sim = sim;
  }
  sim;
  groups = /* @__PURE__ */ new Map();
  post(delay, action) {
    const due = this.sim.now + delay;
    let group = this.groups.get(due);
    if (!group) {
      group = [];
      this.groups.set(due, group);
      this.sim.at(due, () => this.run(due), "fabric.deliver");
    }
    group.push(action);
  }
  run(due) {
    const group = this.groups.get(due);
    this.groups.delete(due);
    if (!group) return;
    for (let i = 0; i < group.length; i++) group[i]();
  }
};

// source/fabric/FabricSet.ts
var FabricSet = class {
  constructor(sim, log, options = {}) {
    this.sim = sim;
    this.log = log;
    this.ctx = {
      sim,
      log,
      outbound: new OutboundQueue(sim),
      options: { ...defaultFabricOptions, ...options },
      adminChanged: () => {
        this.adminRevision++;
        for (const l of this.listeners) l();
      }
    };
  }
  sim;
  log;
  fabrics = [];
  loops = [];
  cables = [];
  /** Bumped by every administrative change; compare before/after to know whether to save. */
  adminRevision = 0;
  fabricsByName = /* @__PURE__ */ new Map();
  switchesByName = /* @__PURE__ */ new Map();
  loopsByName = /* @__PURE__ */ new Map();
  attachments = /* @__PURE__ */ new Map();
  switchConfigs = /* @__PURE__ */ new Map();
  listeners = /* @__PURE__ */ new Set();
  ctx;
  onAdminChange(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  // --- lookups -------------------------------------------------------------------------------
  fabric(name2) {
    return this.fabricsByName.get(name2);
  }
  switch(name2) {
    return this.switchesByName.get(name2);
  }
  loop(name2) {
    return this.loopsByName.get(name2);
  }
  get switches() {
    return [...this.switchesByName.values()];
  }
  requireFabric(name2) {
    const f = this.fabric(name2);
    if (!f) throw new FabricError(`no fabric named '${name2}'${this.known(this.fabricsByName)}`);
    return f;
  }
  requireSwitch(name2) {
    const sw = this.switch(name2);
    if (!sw) throw new FabricError(`no switch named '${name2}'${this.known(this.switchesByName)}`);
    return sw;
  }
  requireLoop(name2) {
    const l = this.loop(name2);
    if (!l) throw new FabricError(`no loop named '${name2}'${this.known(this.loopsByName)}`);
    return l;
  }
  attachmentOf(endpoint) {
    return this.attachments.get(endpoint);
  }
  /** The fabric an N_Port is cabled into, if it is on a switch. */
  fabricOf(endpoint) {
    const a = this.attachments.get(endpoint);
    return a?.kind === "switch" ? a.port.sw.fabric : void 0;
  }
  // --- building ------------------------------------------------------------------------------
  addFabric(config) {
    if (this.fabricsByName.has(config.name)) throw new FabricError(`duplicate fabric name '${config.name}'`);
    const fabric = new Fabric(config.name, this.ctx);
    this.fabrics.push(fabric);
    this.fabricsByName.set(config.name, fabric);
    return fabric;
  }
  addSwitch(config) {
    const where = `switch '${config.name}'`;
    if (this.switchesByName.has(config.name) || this.loopsByName.has(config.name)) throw new FabricError(`duplicate switch name '${config.name}'`);
    const fabric = this.fabric(config.fabric);
    if (!fabric) throw new FabricError(`${where}: unknown fabric '${config.fabric}'`);
    const wwn = parseWwn(config.wwn);
    if (!wwn) throw new FabricError(`${where}: invalid WWN '${config.wwn}'`);
    for (const other of this.switchesByName.values()) {
      if (other.wwn === wwn) throw new FabricError(`${where}: WWN ${config.wwn} is already used by switch '${other.name}'`);
    }
    if (!(config.maxSpeedGbps > 0)) throw new FabricError(`${where}: invalid maxSpeedGbps ${config.maxSpeedGbps}`);
    const sw = fabric.addSwitch({
      name: config.name,
      domainId: config.domainId,
      wwn,
      model: config.model ?? "66.1",
      portCount: config.portCount,
      maxSpeedGbps: config.maxSpeedGbps
    });
    sw.npiv = config.npiv;
    if (config.loginLimit !== void 0) {
      if (!Number.isInteger(config.loginLimit) || config.loginLimit < 1) throw new FabricError(`${where}: invalid loginLimit ${config.loginLimit}`);
      sw.loginLimit = config.loginLimit;
    }
    if (config.duplicateWwpnPolicy) sw.duplicateWwpnPolicy = config.duplicateWwpnPolicy;
    for (const pc of config.ports ?? []) {
      const port = sw.port(pc.index);
      if (!port) throw new FabricError(`${where}: port ${pc.index} is outside 0-${sw.ports.length - 1}`);
      if (pc.npivLimit !== void 0) {
        if (!Number.isInteger(pc.npivLimit) || pc.npivLimit < 1 || pc.npivLimit > MAX_NPIV_LIMIT) {
          throw new FabricError(`${where} port ${pc.index}: npivLimit ${pc.npivLimit} is outside 1-${MAX_NPIV_LIMIT}`);
        }
        port.npivLimit = pc.npivLimit;
      }
      if (pc.npiv !== void 0) port.npiv = pc.npiv;
      if (pc.disabled) port.adminDisabled = true;
      if (pc.speedGbps !== void 0) port.fixedSpeedGbps = pc.speedGbps;
      if (pc.name !== void 0) port.name = pc.name;
    }
    this.switchesByName.set(sw.name, sw);
    this.switchConfigs.set(sw, config);
    return sw;
  }
  addIsl(a, b) {
    const pa = this.requireSwitch(a.switch).requirePort(a.port);
    const pb = this.requireSwitch(b.switch).requirePort(b.port);
    if (pa.sw.fabric !== pb.sw.fabric) {
      throw new FabricError(`ISL ${a.switch}/${a.port} - ${b.switch}/${b.port} joins fabrics '${pa.sw.fabric.name}' and '${pb.sw.fabric.name}' (merging fabrics is not emulated)`);
    }
    pa.sw.fabric.connectIsl(pa, pb);
  }
  addLoop(name2) {
    if (this.loopsByName.has(name2) || this.switchesByName.has(name2)) throw new FabricError(`duplicate loop name '${name2}'`);
    const loop = new ArbitratedLoop(name2, this.ctx);
    this.loops.push(loop);
    this.loopsByName.set(name2, loop);
    return loop;
  }
  // --- cabling -------------------------------------------------------------------------------
  plugIntoSwitch(endpoint, switchName, portIndex, opts = {}) {
    this.checkFree(endpoint);
    const port = this.requireSwitch(switchName).requirePort(portIndex);
    port.sw.fabric.plugNPort(port, endpoint, opts.maxSpeedGbps);
    this.attachments.set(endpoint, { kind: "switch", port });
    return port;
  }
  plugIntoLoop(endpoint, loopName) {
    this.checkFree(endpoint);
    const loop = this.requireLoop(loopName);
    loop.plug(endpoint);
    this.attachments.set(endpoint, { kind: "loop", loop });
    return loop;
  }
  plug(endpoint, target, opts = {}) {
    if ("loop" in target) this.plugIntoLoop(endpoint, target.loop);
    else this.plugIntoSwitch(endpoint, target.switch, target.port, opts);
  }
  connectPointToPoint(a, b, opts = {}) {
    if (a === b) throw new FabricError(`cannot cable ${a.label} to itself`);
    this.checkFree(a);
    this.checkFree(b);
    const cable = new PointToPointCable(`p2p:${a.label}-${b.label}`, a, b, this.ctx, opts.speedGbps);
    this.cables.push(cable);
    this.attachments.set(a, { kind: "p2p", cable });
    this.attachments.set(b, { kind: "p2p", cable });
    cable.connect();
    return cable;
  }
  /** Pulls the N_Port's cable; on a point-to-point cable both ends go down. False if it was not plugged. */
  unplug(endpoint) {
    const a = this.attachments.get(endpoint);
    if (!a) return false;
    this.attachments.delete(endpoint);
    if (a.kind === "switch") a.port.sw.fabric.unplugPort(a.port);
    else if (a.kind === "loop") a.loop.unplug(endpoint);
    else {
      for (const end of a.cable.ends) this.attachments.delete(end.endpoint);
      a.cable.disconnect();
      this.cables.splice(this.cables.indexOf(a.cable), 1);
    }
    return true;
  }
  /** Runs `fn` (a bulk boot, say) with the event log muted. */
  quietly(fn) {
    return this.log.quietly(fn);
  }
  // --- export --------------------------------------------------------------------------------
  /** The administrative state in LabConfig shapes, for the world to save. */
  exportConfig() {
    return {
      fabrics: this.fabrics.map((f) => ({ name: f.name, zoning: f.exportZoning() })),
      switches: this.switches.map((sw) => this.exportSwitch(sw))
    };
  }
  exportSwitch(sw) {
    const original = this.switchConfigs.get(sw);
    const ports = [];
    for (const p of sw.ports) {
      const o = { index: p.index };
      if (p.fixedSpeedGbps !== void 0) o.speedGbps = p.fixedSpeedGbps;
      if (p.adminDisabled) o.disabled = true;
      if (!p.npiv) o.npiv = false;
      if (p.npivLimit !== DEFAULT_NPIV_LIMIT2) o.npivLimit = p.npivLimit;
      if (p.name) o.name = p.name;
      if (Object.keys(o).length > 1) ports.push(o);
    }
    const { ports: _p, loginLimit: _l, duplicateWwpnPolicy: _d, ...rest } = original ?? {};
    const out = {
      ...rest,
      name: sw.name,
      fabric: sw.fabric.name,
      domainId: sw.domainId,
      wwn: original?.wwn ?? sw.wwn,
      portCount: sw.ports.length,
      maxSpeedGbps: sw.maxSpeedGbps,
      npiv: sw.npiv,
      ...Number.isFinite(sw.loginLimit) ? { loginLimit: sw.loginLimit } : {},
      ...original?.duplicateWwpnPolicy || sw.duplicateWwpnPolicy !== "first-wins" ? { duplicateWwpnPolicy: sw.duplicateWwpnPolicy } : {},
      ...ports.length > 0 ? { ports } : {}
    };
    return out;
  }
  checkFree(endpoint) {
    const a = this.attachments.get(endpoint);
    if (!a) return;
    const where = a.kind === "switch" ? `${a.port.sw.name} port ${a.port.index}` : a.kind === "loop" ? `loop ${a.loop.name}` : a.cable.name;
    throw new FabricError(`${endpoint.label} is already cabled to ${where}`);
  }
  known(map) {
    const names = [...map.keys()];
    return names.length > 0 ? ` (known: ${names.join(", ")})` : "";
  }
};
function buildFabrics(config, sim, log, options = {}) {
  const { onAdminChange, ...fabricOptions } = options;
  const set = new FabricSet(sim, log, fabricOptions);
  for (const f of config.fabrics) set.addFabric(f);
  for (const s of config.switches) set.addSwitch(s);
  for (const f of set.fabrics) if (f.switches.length === 0) throw new FabricError(`fabric '${f.name}' has no switches`);
  for (const isl of config.isls) set.addIsl(isl.a, isl.b);
  for (const l of config.loops) set.addLoop(l.name);
  for (const f of config.fabrics) {
    try {
      set.requireFabric(f.name).loadZoning(f.zoning);
    } catch (e) {
      if (e instanceof ZoningError) throw new FabricError(`fabric '${f.name}' zoning: ${e.message}`);
      throw e;
    }
  }
  if (onAdminChange) set.onAdminChange(onAdminChange);
  return set;
}

// source/fabric/views.ts
function deviceType(l) {
  const f = l.fc4Features[Fc4Type.fcp] ?? 0;
  const init = (f & Fc4Feature.initiator) !== 0;
  const target = (f & Fc4Feature.target) !== 0;
  const role = init && target ? "Initiator+Target" : init ? "Initiator" : target ? "Target" : "Unknown(initiator/target)";
  return `${l.npiv ? "NPIV" : "Physical"} ${role}`;
}
function fc4Names(types) {
  return types.map((t2) => FC4_NAMES[t2] ?? `0x${t2.toString(16)}`);
}
function loginView(l) {
  return {
    fcid: formatFcId(l.fcid),
    wwpn: l.wwpn,
    wwnn: l.wwnn,
    npiv: l.npiv,
    switch: l.port.sw.name,
    port: l.port.index,
    device: l.endpoint.label,
    fabricPortName: l.port.wwn,
    permanentPortName: l.permanentPortName,
    symbolicPortName: l.symbolicPortName,
    symbolicNodeName: l.symbolicNodeName,
    fc4Types: fc4Names(l.fc4Types),
    deviceType: deviceType(l),
    scr: l.scr
  };
}
function portPhys(p) {
  if (!p.attachment) return "No_Light";
  if (p.adminDisabled) return "In_Sync";
  return "Online";
}
function portView(p) {
  const att = p.attachment;
  return {
    index: p.index,
    name: p.name,
    address: formatFcId(p.baseFcId),
    portWwn: p.wwn,
    state: p.state,
    phys: portPhys(p),
    speedGbps: p.speedGbps,
    fixedSpeed: p.fixedSpeedGbps !== void 0,
    npiv: p.npiv,
    npivEnabled: p.npivEnabled,
    npivLimit: p.npivLimit,
    npivLogins: p.npivCount,
    attached: !att ? null : att.kind === "nport" ? { kind: "nport", device: att.endpoint.label, wwpn: att.endpoint.wwpn } : { kind: "isl", switch: att.peer.sw.name, port: att.peer.index, wwn: att.peer.sw.wwn },
    logins: [...p.logins.values()].map(loginView)
  };
}
function switchView(sw) {
  const eff = sw.fabric.zoning.effective;
  return {
    name: sw.name,
    fabric: sw.fabric.name,
    domainId: sw.domainId,
    switchId: sw.switchId,
    wwn: sw.wwn,
    model: sw.model,
    role: sw.isPrincipal ? "Principal" : "Subordinate",
    npiv: sw.npiv,
    loginLimit: Number.isFinite(sw.loginLimit) ? sw.loginLimit : null,
    loginCount: sw.loginCount,
    duplicateWwpnPolicy: sw.duplicateWwpnPolicy,
    zoning: { on: eff !== null, cfg: eff?.name ?? null },
    ports: sw.ports.map(portView)
  };
}
function fabricView(f) {
  return {
    name: f.name,
    fabricName: f.fabricName,
    principal: f.principal.name,
    switches: [...f.switches].sort((a, b) => a.domainId - b.domainId).map((sw) => ({ name: sw.name, domainId: sw.domainId, switchId: sw.switchId, wwn: sw.wwn, principal: sw.isPrincipal })),
    loginCount: f.loginCount,
    zoneMode: f.zoneMode
  };
}
var byName = (a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
function zoningView(db) {
  return {
    defined: {
      configs: [...db.configs].map(([name2, zones]) => ({ name: name2, zones: [...zones] })).sort(byName),
      zones: [...db.zones].map(([name2, members]) => ({ name: name2, members: members.map(displayMember) })).sort(byName),
      aliases: [...db.aliases].map(([name2, members]) => ({ name: name2, members: members.map(displayMember) })).sort(byName)
    },
    effective: db.effective ? { name: db.effective.name, zones: db.effective.zones.map((z3) => ({ name: z3.name, members: z3.members.map(displayMember) })) } : null,
    defaultZone: db.defaultZone,
    transactionOpen: db.transactionOpen
  };
}

// source/fabric/shell/operands.ts
var UsageError = class extends Error {
  name = "UsageError";
};
function clean(args) {
  return args.join(" ").replace(/["']/g, " ").trim();
}
function nameAndList(args) {
  const text = clean(args);
  const m = /^([^,;\s]+)\s*,?\s*(.*)$/s.exec(text);
  if (!m) return void 0;
  const rest = m[2].replace(/^[,\s]+/, "").replace(/(\d+)\s*,\s*(\d+)/g, "$1,$2");
  const list = rest.split(/[;\s]+/).map((s) => s.replace(/^,+|,+$/g, "").trim()).filter((s) => s.length > 0);
  return { name: m[1], list };
}
function singleName(args) {
  const words = clean(args).split(/[,;\s]+/).filter((s) => s.length > 0);
  return words.length === 1 ? words[0] : void 0;
}
function pattern(args) {
  const name2 = singleName(args);
  if (name2 === void 0) return void 0;
  const re = name2.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${re}$`);
}
function portNumber(text) {
  if (text === void 0) return void 0;
  const m = /^(?:0\/)?(\d{1,3})$/.exec(text.trim());
  return m ? Number(m[1]) : void 0;
}

// source/fabric/shell/nsCommands.ts
function entryLines(l) {
  const lines = [` N    ${formatFcId(l.fcid)};      3;${wwnColons(l.wwpn)};${wwnColons(l.wwnn)}; na`];
  if (l.fc4Types.length > 0) lines.push(`    FC4s: ${fc4Names(l.fc4Types).join(" ")}`);
  if (l.symbolicPortName) lines.push(`    PortSymb: [${l.symbolicPortName.length}] "${l.symbolicPortName}"`);
  if (l.symbolicNodeName) lines.push(`    NodeSymb: [${l.symbolicNodeName.length}] "${l.symbolicNodeName}"`);
  lines.push(
    `    Fabric Port Name: ${wwnColons(l.port.wwn)}`,
    `    Permanent Port Name: ${wwnColons(l.permanentPortName)}`,
    `    Device type: ${deviceType(l)}`,
    `    Port Index: ${l.port.index}`,
    "    Share Area: No",
    "    Device Shared in Other AD: No",
    "    Redirect: No",
    "    Partial: No",
    "    LSAN: No"
  );
  return lines;
}
function nsshow(ctx, args) {
  if (args.length > 0) throw new UsageError("Usage: nsshow");
  const local = ctx.fabric.sortedLogins().filter((l) => l.port.sw === ctx.sw);
  const lines = ["{", " Type Pid    COS     PortName                NodeName                 TTL(sec)"];
  for (const l of local) lines.push(...entryLines(l));
  lines.push(`The Local Name Server has ${local.length} ${local.length === 1 ? "entry" : "entries"} }`);
  return { text: lines.join("\n") + "\n", json: { switch: ctx.sw.name, entries: local.map(loginView) } };
}
function nsallshow(ctx, args) {
  if (args.length > 0) throw new UsageError("Usage: nsallshow");
  const all = ctx.fabric.sortedLogins();
  const lines = ["{"];
  for (let i = 0; i < all.length; i += 8) {
    lines.push(" " + all.slice(i, i + 8).map((l) => formatFcId(l.fcid)).join(" "));
  }
  lines.push(`${all.length} Nx_Port${all.length === 1 ? "" : "s"} in the Fabric }`);
  return { text: lines.join("\n") + "\n", json: { fabric: ctx.fabric.name, fcids: all.map((l) => formatFcId(l.fcid)) } };
}
var nsCommands = {
  nsshow: { run: nsshow, usage: "nsshow", summary: "name server entries of this switch" },
  nsallshow: { run: nsallshow, usage: "nsallshow", summary: "every N_Port_ID in the fabric" }
};

// source/fabric/shell/ShellContext.ts
var CommandError = class extends Error {
  name = "CommandError";
};
var ASSUMED_YES = "[no] yes (not prompted: one-shot command)";

// source/fabric/shell/switchCommands.ts
function requirePort(sw, text, usage) {
  const n = portNumber(text);
  if (n === void 0) throw new UsageError(usage);
  const port = sw.port(n);
  if (!port) throw new CommandError(`Port ${n} is out of range (0-${sw.ports.length - 1})`);
  return port;
}
function speedText(p) {
  return p.fixedSpeedGbps !== void 0 ? `${p.fixedSpeedGbps}G` : `N${p.speedGbps}`;
}
function islDirection(p, peer) {
  if (peer.sw.isPrincipal) return "(upstream)";
  if (p.sw.isPrincipal) return "(downstream)";
  return peer.sw.domainId < p.sw.domainId ? "(upstream)" : "(downstream)";
}
function portStatus(p) {
  const att = p.attachment;
  if (p.adminDisabled) return { state: att ? "In_Sync" : "No_Light", proto: "Disabled" };
  if (!att) return { state: "No_Light", proto: "" };
  if (att.kind === "isl") {
    const peer = att.peer;
    return { state: "Online", proto: `E-Port  ${wwnColons(peer.sw.wwn)} "${peer.sw.name}" ${islDirection(p, peer)}` };
  }
  const base = p.base;
  if (!base) return { state: "In_Sync", proto: "" };
  if (p.npivCount === 0) return { state: "Online", proto: `F-Port  ${wwnColons(base.wwpn)}` };
  return { state: "Online", proto: `F-Port  1 N Port + ${p.npivCount} NPIV public` };
}
function switchshow(ctx, args) {
  if (args.length > 0) throw new UsageError("Usage: switchshow");
  const sw = ctx.sw;
  const eff = sw.fabric.zoning.effective;
  const lines = [
    `switchName:	${sw.name}`,
    `switchType:	${sw.model}`,
    "switchState:	Online",
    "switchMode:	Native",
    `switchRole:	${sw.isPrincipal ? "Principal" : "Subordinate"}`,
    `switchDomain:	${sw.domainId}`,
    `switchId:	${sw.switchId}`,
    `switchWwn:	${wwnColons(sw.wwn)}`,
    `zoning:		${eff ? `ON (${eff.name})` : "OFF"}`,
    "switchBeacon:	OFF",
    "FC Router:	OFF",
    "Allow XISL Use:	OFF",
    "LS Attributes:	[FID: 128, Base Switch: No, Default Switch: Yes, Address Mode 0]",
    "",
    "Index Port Address Media Speed State       Proto",
    "================================================"
  ];
  for (const p of sw.ports) {
    const { state, proto } = portStatus(p);
    const row = `${String(p.index).padStart(3)} ${String(p.index).padStart(3)}   ${formatFcId(p.baseFcId)}   id    ${speedText(p).padEnd(4)} ${state.padEnd(11)} FC  ${proto}`;
    lines.push(row.trimEnd());
  }
  return { text: lines.join("\n") + "\n", json: switchView(sw) };
}
function fabricshow(ctx, args) {
  if (args.length > 0) throw new UsageError("Usage: fabricshow");
  const view2 = fabricView(ctx.fabric);
  const lines = [
    " Switch ID   Worldwide Name           Enet IP Addr    FC IP Addr      Name",
    "-------------------------------------------------------------------------"
  ];
  for (const s of view2.switches) {
    lines.push(
      `${String(s.domainId).padStart(3)}: ${s.switchId} ${wwnColons(s.wwn)} ${"0.0.0.0".padEnd(15)} ${"0.0.0.0".padEnd(14)} ${s.principal ? ">" : " "}"${s.name}"`
    );
  }
  const n = view2.switches.length;
  lines.push("", `The Fabric has ${n} switch${n === 1 ? "" : "es"}`, `Fabric Name: ${view2.name}`);
  return { text: lines.join("\n") + "\n", json: view2 };
}
function portFlags(p) {
  const f = [];
  if (p.attachment) f.push("PRESENT");
  if (p.state === "online" && (p.base || p.attachment?.kind === "isl")) f.push("ACTIVE");
  if (p.attachment?.kind === "isl") f.push("E_PORT");
  else if (p.base) f.push("F_PORT");
  f.push("G_PORT", "U_PORT");
  if (p.npivEnabled) f.push("NPIV");
  if (p.adminDisabled) f.push("DISABLED");
  if (p.base) f.push("LOGIN", "LED", "ACCEPT", "FLOGI");
  return f.join(" ");
}
function portshow(ctx, args) {
  const usage = "Usage: portshow [slot/]port";
  if (args.length !== 1) throw new UsageError(usage);
  const p = requirePort(ctx.sw, args[0], usage);
  const online = p.state === "online" && (p.base !== null || p.attachment?.kind === "isl");
  const scn = p.attachment?.kind === "isl" ? "16   E_Port" : p.base ? "32   F_Port" : "2    Offline";
  const devices = [...p.logins.values()].map((l) => `	${wwnColons(l.wwpn)}`);
  const lines = [
    `portIndex: ${String(p.index).padStart(3)}`,
    `portName: ${p.name}`,
    `portHealth: ${online ? "HEALTHY" : "OFFLINE"}`,
    "",
    "Authentication: None",
    `portDisableReason: ${p.adminDisabled ? "Disabled by user" : "None"}`,
    `portFlags: ${portFlags(p)}`,
    "portType:  17.0",
    `portState: ${online ? "1    Online" : "2    Offline"}`,
    "Protocol: FC",
    `portPhys:  ${!p.attachment ? "2    No_Light" : online ? "6    In_Sync" : "5    No_Sync"}	portScn:   ${scn}`,
    `port generation number:    ${p.transitions}`,
    `state transition count:    ${p.transitions}`,
    "",
    `portId:    ${formatFcId(p.baseFcId)}`,
    `portWwn:   ${wwnColons(p.wwn)}`,
    "portWwn of device(s) connected:",
    ...devices.length > 0 ? devices : ["	None"],
    "Distance:  normal",
    `portSpeed: ${p.fixedSpeedGbps !== void 0 ? `${p.fixedSpeedGbps}Gbps` : `N${p.speedGbps}Gbps`}`,
    "",
    "Interrupts:        0          Link_failure: " + p.errors.linkFailureCount + "          Frjt:         0",
    "Unknown:           0          Loss_of_sync: " + p.errors.lossOfSyncCount + "          Fbsy:         0",
    "Lli:               0          Loss_of_sig:  " + p.errors.lossOfSignalCount
  ];
  return { text: lines.join("\n") + "\n", json: portView(p) };
}
function portcfgshow(ctx, args) {
  const usage = "Usage: portcfgshow [slot/]port";
  if (args.length !== 1) throw new UsageError(usage);
  const p = requirePort(ctx.sw, args[0], usage);
  const row = (k, v) => `${k.padEnd(26)}${v}`;
  const lines = [
    row("Area Number:", String(p.index)),
    row("Speed Level:", p.fixedSpeedGbps !== void 0 ? `${p.fixedSpeedGbps}G` : "AUTO(HW)"),
    row("Persistent Disable:", p.adminDisabled ? "ON" : "OFF"),
    row("NPIV capability", p.npiv ? "ON" : "OFF"),
    row("NPIV PP Limit:", String(p.npivLimit))
  ];
  if (!ctx.sw.npiv) lines.push("(NPIV is off for the whole switch)");
  return {
    text: lines.join("\n") + "\n",
    json: { port: p.index, speed: p.fixedSpeedGbps ?? "auto", disabled: p.adminDisabled, npiv: p.npiv, npivEnabled: p.npivEnabled, npivLimit: p.npivLimit }
  };
}
function portEnable(enable, name2) {
  return (ctx, args) => {
    const usage = `Usage: ${name2} [slot/]port`;
    if (args.length !== 1) throw new UsageError(usage);
    const p = requirePort(ctx.sw, args[0], usage);
    ctx.fabric.setPortEnabled(p, enable);
    return { text: "", json: { ok: true, port: p.index, state: p.state } };
  };
}
function portcfgnpivport(ctx, args) {
  const usage = "Usage: portcfgnpivport [slot/]port 1|0\n       portcfgnpivport --enable|--disable [slot/]port\n       portcfgnpivport --setloginlimit [slot/]port limit";
  const [a, b, c] = args;
  let port;
  if (a === "--setloginlimit") {
    if (args.length !== 3) throw new UsageError(usage);
    port = requirePort(ctx.sw, b, usage);
    const limit = Number(c);
    if (!/^\d+$/.test(c ?? "") || limit < 1 || limit > MAX_NPIV_LIMIT) {
      throw new CommandError(`Invalid login limit ${c}: valid range is 1-${MAX_NPIV_LIMIT}`);
    }
    ctx.fabric.setPortNpivLimit(port, limit);
    return { text: `NPIV Limit Set to ${limit} for Port ${port.index}
`, json: { ok: true, port: port.index, npivLimit: limit } };
  }
  let on;
  if (a === "--enable" || a === "--disable") {
    if (args.length !== 2) throw new UsageError(usage);
    port = requirePort(ctx.sw, b, usage);
    on = a === "--enable";
  } else {
    if (args.length !== 2) throw new UsageError(usage);
    port = requirePort(ctx.sw, a, usage);
    const mode = (b ?? "").toLowerCase();
    if (mode === "1" || mode === "on") on = true;
    else if (mode === "0" || mode === "off") on = false;
    else throw new UsageError(usage);
  }
  ctx.fabric.setPortNpiv(port, on);
  const note = on && !ctx.sw.npiv ? " (NPIV is off for the whole switch)" : "";
  return {
    text: `NPIV capability is ${on ? "enabled" : "disabled"} on port ${port.index}${note}
`,
    json: { ok: true, port: port.index, npiv: on, npivEnabled: port.npivEnabled }
  };
}
var switchCommands = {
  switchshow: { run: switchshow, usage: "switchshow", summary: "switch and port status" },
  fabricshow: { run: fabricshow, usage: "fabricshow", summary: "switches in the fabric" },
  portshow: { run: portshow, usage: "portshow [slot/]port", summary: "one port in detail" },
  portcfgshow: { run: portcfgshow, usage: "portcfgshow [slot/]port", summary: "port configuration (speed, NPIV)" },
  portdisable: { run: portEnable(false, "portdisable"), usage: "portdisable [slot/]port", summary: "disable a port" },
  portenable: { run: portEnable(true, "portenable"), usage: "portenable [slot/]port", summary: "enable a port" },
  portcfgpersistentdisable: { run: portEnable(false, "portcfgpersistentdisable"), usage: "portcfgpersistentdisable [slot/]port", summary: "disable a port" },
  portcfgpersistentenable: { run: portEnable(true, "portcfgpersistentenable"), usage: "portcfgpersistentenable [slot/]port", summary: "enable a port" },
  portcfgnpivport: {
    run: portcfgnpivport,
    usage: "portcfgnpivport [slot/]port 1|0 | --setloginlimit [slot/]port limit",
    summary: "NPIV on/off and login limit of a port"
  }
};

// source/fabric/shell/zoningCommands.ts
var WRAP = 60;
function wrapped(items, firstPrefix) {
  const lines = [];
  let cur = "";
  for (const item of items) {
    const next = cur ? `${cur}; ${item}` : item;
    if (cur && next.length > WRAP) {
      lines.push(`${cur};`);
      cur = item;
    } else cur = next;
  }
  lines.push(cur);
  return lines.map((l, i) => (i === 0 ? firstPrefix : "		") + l);
}
function definedLines(view2, sections, match) {
  const lines = [];
  const ok2 = (name2) => !match || match.test(name2);
  if (sections.includes("cfg")) {
    for (const c of view2.defined.configs) if (ok2(c.name)) lines.push(...wrapped(c.zones, ` cfg:	${c.name}	`));
  }
  if (sections.includes("zone")) {
    for (const z3 of view2.defined.zones) if (ok2(z3.name)) lines.push(` zone:	${z3.name}`, ...wrapped(z3.members, "		"));
  }
  if (sections.includes("alias")) {
    for (const a of view2.defined.aliases) if (ok2(a.name)) lines.push(...wrapped(a.members, ` alias:	${a.name}	`));
  }
  return lines;
}
function effectiveLines(view2) {
  const lines = ["Effective configuration:"];
  if (!view2.effective) {
    lines.push(" no configuration in effect");
    return lines;
  }
  lines.push(` cfg:	${view2.effective.name}`);
  const zones = [...view2.effective.zones].sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  for (const z3 of zones) {
    lines.push(` zone:	${z3.name}`);
    for (const m of z3.members) lines.push(`		${m}`);
  }
  return lines;
}
function show(sections, name2) {
  return (ctx, args) => {
    const view2 = zoningView(ctx.fabric.zoning);
    if (args.length === 0) {
      if (sections.length === 1 && sections[0] === "alias") {
        const lines3 = definedLines(view2, ["alias"]);
        return { text: lines3.length > 0 ? lines3.join("\n") + "\n" : "", json: { aliases: view2.defined.aliases } };
      }
      const defined = definedLines(view2, ["cfg", "zone", "alias"]);
      const lines2 = ["Defined configuration:", ...defined.length > 0 ? defined : [" no configuration defined"], "", ...effectiveLines(view2)];
      return { text: lines2.join("\n") + "\n", json: view2 };
    }
    const match = pattern(args);
    if (!match) throw new UsageError(`Usage: ${name2} ["pattern"]`);
    const lines = definedLines(view2, sections, match);
    if (lines.length === 0) throw new CommandError(`"${singleName(args)}" does not exist.`);
    const pick = (list, s) => sections.includes(s) ? list.filter((x) => match.test(x.name)) : [];
    return {
      text: lines.join("\n") + "\n",
      json: {
        configs: pick(view2.defined.configs, "cfg"),
        zones: pick(view2.defined.zones, "zone"),
        aliases: pick(view2.defined.aliases, "alias")
      }
    };
  };
}
function cfgactvshow(ctx, args) {
  if (args.length > 0) throw new UsageError("Usage: cfgactvshow");
  const view2 = zoningView(ctx.fabric.zoning);
  return { text: effectiveLines(view2).join("\n") + "\n", json: { effective: view2.effective, defaultZone: view2.defaultZone } };
}
function edit(op, usage, withList) {
  return (ctx, args) => {
    let name2;
    let list = [];
    if (withList) {
      const parsed = nameAndList(args);
      if (!parsed || parsed.list.length === 0) throw new UsageError(`Usage: ${usage}`);
      ({ name: name2, list } = parsed);
    } else {
      name2 = singleName(args);
      if (name2 === void 0) throw new UsageError(`Usage: ${usage}`);
    }
    ctx.fabric.editZoning(op, name2, list, ctx.sw);
    return { text: "", json: { ok: true, op, name: name2, members: list, transactionOpen: ctx.fabric.zoning.transactionOpen } };
  };
}
function cfgsave(ctx, args) {
  if (args.length > 0) throw new UsageError("Usage: cfgsave");
  if (!ctx.fabric.cfgSave(ctx.sw)) return { text: "Nothing changed: nothing to save, returning ...\n", json: { ok: true, saved: false } };
  const text = [
    "You are about to save the Defined zoning configuration. This",
    "action will only save the changes on Defined configuration.",
    `Do you want to save the Defined zoning configuration only?  (yes, y, no, n): ${ASSUMED_YES}`,
    "Updating flash ..."
  ];
  return { text: text.join("\n") + "\n", json: { ok: true, saved: true } };
}
function cfgenable(ctx, args) {
  const name2 = singleName(args);
  if (name2 === void 0) throw new UsageError('Usage: cfgenable "cfgName"');
  ctx.fabric.cfgEnable(name2, ctx.sw);
  const text = [
    "You are about to enable a new zoning configuration.",
    "This action will replace the old zoning configuration with the",
    "current configuration selected.",
    `Do you want to enable '${name2}' configuration  (yes, y, no, n): ${ASSUMED_YES}`,
    `zone config "${name2}" is in effect`,
    "Updating flash ..."
  ];
  return { text: text.join("\n") + "\n", json: { ok: true, effective: name2, zones: ctx.fabric.zoning.effective?.zones.length ?? 0 } };
}
function cfgdisable(ctx, args) {
  if (args.length > 0) throw new UsageError("Usage: cfgdisable");
  if (!ctx.fabric.zoning.effective) return { text: "There is no zoning configuration in effect\n", json: { ok: true, effective: null } };
  ctx.fabric.cfgDisable(ctx.sw);
  const text = [
    "You are about to disable zoning configuration. This",
    "action will disable any previous zoning configuration enabled.",
    `Do you want to disable zoning configuration? (yes, y, no, n): ${ASSUMED_YES}`,
    "Updating flash ..."
  ];
  return { text: text.join("\n") + "\n", json: { ok: true, effective: null, defaultZone: ctx.fabric.zoning.defaultZone } };
}
function cfgclear(ctx, args) {
  if (args.length > 0) throw new UsageError("Usage: cfgclear");
  ctx.fabric.cfgClear(ctx.sw);
  const text = [
    "The Clear All action will clear all Aliases, Zones, FA Zones",
    "and configurations in the Defined configuration.",
    "Run cfgSave to commit the transaction.",
    `Do you really want to clear all configurations?  (yes, y, no, n): ${ASSUMED_YES}`
  ];
  return { text: text.join("\n") + "\n", json: { ok: true, transactionOpen: true } };
}
var MODE_TEXT = { "all-access": "All Access", "no-access": "No Access" };
function defzone(ctx, args) {
  const usage = "Usage: defzone --show | --allaccess | --noaccess";
  if (args.length !== 1) throw new UsageError(usage);
  const opt = args[0].toLowerCase();
  if (opt === "--show" || opt === "-show") {
    const mode2 = ctx.fabric.zoning.defaultZone;
    return { text: `Default Zone Access Mode: ${MODE_TEXT[mode2]}
`, json: { defaultZone: mode2 } };
  }
  const mode = opt === "--allaccess" || opt === "-allaccess" ? "all-access" : opt === "--noaccess" || opt === "-noaccess" ? "no-access" : void 0;
  if (!mode) throw new UsageError(usage);
  ctx.fabric.setDefaultZone(mode, ctx.sw);
  const text = [
    `You are about to set the Default Zone access mode to ${MODE_TEXT[mode]}`,
    `Do you want to set the Default Zone access mode to ${MODE_TEXT[mode]} ? (yes, y, no, n): ${ASSUMED_YES}`,
    `Default Zone Access Mode: ${MODE_TEXT[mode]}`
  ];
  return { text: text.join("\n") + "\n", json: { ok: true, defaultZone: mode } };
}
var spec = (run, usage, summary) => ({ run, usage, summary });
var zoningCommands = {
  cfgshow: spec(show(["cfg"], "cfgshow"), 'cfgshow ["pattern"]', "defined and effective zoning"),
  zoneshow: spec(show(["zone"], "zoneshow"), 'zoneshow ["pattern"]', "zones (defined and effective)"),
  alishow: spec(show(["alias"], "alishow"), 'alishow ["pattern"]', "aliases"),
  cfgactvshow: spec(cfgactvshow, "cfgactvshow", "effective configuration"),
  alicreate: spec(edit("alicreate", 'alicreate "aliName", "member[; member...]"', true), 'alicreate "name", "member; ..."', "create an alias"),
  aliadd: spec(edit("aliadd", 'aliadd "aliName", "member[; member...]"', true), 'aliadd "name", "member; ..."', "add alias members"),
  aliremove: spec(edit("aliremove", 'aliremove "aliName", "member[; member...]"', true), 'aliremove "name", "member; ..."', "remove alias members"),
  alidelete: spec(edit("alidelete", 'alidelete "aliName"', false), 'alidelete "name"', "delete an alias"),
  zonecreate: spec(edit("zonecreate", 'zonecreate "zonename", "member[; member...]"', true), 'zonecreate "name", "member; ..."', "create a zone"),
  zoneadd: spec(edit("zoneadd", 'zoneadd "zonename", "member[; member...]"', true), 'zoneadd "name", "member; ..."', "add zone members"),
  zoneremove: spec(edit("zoneremove", 'zoneremove "zonename", "member[; member...]"', true), 'zoneremove "name", "member; ..."', "remove zone members"),
  zonedelete: spec(edit("zonedelete", 'zonedelete "zonename"', false), 'zonedelete "name"', "delete a zone"),
  cfgcreate: spec(edit("cfgcreate", 'cfgcreate "cfgName", "zone[; zone...]"', true), 'cfgcreate "name", "zone; ..."', "create a zone configuration"),
  cfgadd: spec(edit("cfgadd", 'cfgadd "cfgName", "zone[; zone...]"', true), 'cfgadd "name", "zone; ..."', "add zones to a configuration"),
  cfgremove: spec(edit("cfgremove", 'cfgremove "cfgName", "zone[; zone...]"', true), 'cfgremove "name", "zone; ..."', "remove zones from a configuration"),
  cfgdelete: spec(edit("cfgdelete", 'cfgdelete "cfgName"', false), 'cfgdelete "name"', "delete a zone configuration"),
  cfgsave: spec(cfgsave, "cfgsave", "commit the defined configuration"),
  cfgenable: spec(cfgenable, 'cfgenable "cfgName"', "make a configuration effective"),
  cfgdisable: spec(cfgdisable, "cfgdisable", "disable zoning (default zone applies)"),
  cfgclear: spec(cfgclear, "cfgclear", "clear the defined configuration"),
  defzone: spec(defzone, "defzone --show | --allaccess | --noaccess", "default zone access mode")
};

// source/fabric/shell/runSwitchCommand.ts
var COMMANDS = {
  ...switchCommands,
  ...nsCommands,
  ...zoningCommands
};

// source/storage/HostGroup.ts
var HostGroup = class _HostGroup {
  constructor(name2, ports) {
    this.name = name2;
    this.portList = ports === void 0 ? void 0 : [...ports];
  }
  name;
  /** WWPN -> the text it was configured as (exported unchanged, so a saved lab round-trips). */
  initiatorText = /* @__PURE__ */ new Map();
  lunToHost = /* @__PURE__ */ new Map();
  hostToLun = /* @__PURE__ */ new Map();
  /** undefined = every port of the array. */
  portList;
  clone() {
    const copy = new _HostGroup(this.name, this.portList);
    for (const [w, text] of this.initiatorText) copy.initiatorText.set(w, text);
    for (const [lun, host] of this.lunToHost) copy.map(lun, host);
    return copy;
  }
  get initiators() {
    return this.initiatorText.keys();
  }
  get initiatorCount() {
    return this.initiatorText.size;
  }
  hasInitiator(w) {
    return this.initiatorText.has(w);
  }
  addInitiator(w, text = w) {
    this.initiatorText.set(w, text);
  }
  removeInitiator(w) {
    this.initiatorText.delete(w);
  }
  map(lun, hostLun) {
    this.lunToHost.set(lun, hostLun);
    this.hostToLun.set(hostLun, lun);
  }
  unmap(lun) {
    const host = this.lunToHost.get(lun);
    if (host === void 0) return;
    this.lunToHost.delete(lun);
    this.hostToLun.delete(host);
  }
  hostLunOf(lun) {
    return this.lunToHost.get(lun);
  }
  lunAt(hostLun) {
    return this.hostToLun.get(hostLun);
  }
  /** In mapping order. */
  mappings() {
    return [...this.lunToHost].map(([lun, hostLun]) => ({ lun, hostLun }));
  }
  get mappingCount() {
    return this.lunToHost.size;
  }
  /** The lowest host LUN number not yet used in this group. */
  freeHostLun() {
    let n = 0;
    while (this.hostToLun.has(n)) n++;
    return n;
  }
  /** Port names the group is restricted to; undefined = all ports. */
  get ports() {
    return this.portList;
  }
  restrictTo(ports) {
    this.portList = ports === void 0 ? void 0 : [...ports];
  }
  appliesTo(portName) {
    return this.portList === void 0 || this.portList.includes(portName);
  }
  toConfig() {
    return {
      name: this.name,
      initiators: [...this.initiatorText.values()],
      luns: this.mappings(),
      ...this.portList !== void 0 ? { ports: [...this.portList] } : {}
    };
  }
};

// source/storage/StorageError.ts
var StorageError = class extends Error {
  name = "StorageError";
};

// source/storage/LogicalUnit.ts
var MAX_LUN_ID = 65535;
var MAX_HOST_LUN = 16383;
var PERIPHERAL_TYPE = {
  "disk": DeviceType.disk,
  "tape": DeviceType.tape,
  "medium-changer": DeviceType.mediumChanger,
  "cdrom": DeviceType.cdrom,
  "enclosure": DeviceType.enclosure,
  "raid-controller": DeviceType.raidController
};
var REMOVABLE = /* @__PURE__ */ new Set(["tape", "cdrom", "medium-changer"]);
var BLOCK_SIZE = { disk: 512, cdrom: 2048 };
function checkHostLun(hostLun, where) {
  if (!Number.isInteger(hostLun) || hostLun < 0 || hostLun > MAX_HOST_LUN) {
    throw new StorageError(`${where ? `${where}: ` : ""}bad host LUN ${hostLun} (0-${MAX_HOST_LUN})`);
  }
}
var LogicalUnit = class {
  id;
  name;
  sizeMiB;
  type;
  vendor;
  product;
  revision;
  /** VPD page 80 unit serial number. */
  serial;
  /** VPD page 83 NAA identifier, 32 hex digits. */
  luid;
  inquiry;
  configuredSerial;
  constructor(spec2, identity) {
    this.id = spec2.id;
    this.name = spec2.name;
    this.sizeMiB = spec2.sizeMiB;
    this.type = spec2.type;
    this.vendor = spec2.vendor;
    this.product = spec2.product;
    this.revision = spec2.revision;
    this.configuredSerial = spec2.serial;
    this.serial = spec2.serial ?? `${identity.vendorSpecific.toUpperCase()}${spec2.id.toString(16).toUpperCase().padStart(4, "0")}`;
    this.luid = `6${identity.oui}${identity.vendorSpecific}${spec2.id.toString(16).padStart(16, "0")}`;
    this.inquiry = {
      peripheralQualifier: 0,
      deviceType: PERIPHERAL_TYPE[spec2.type],
      removable: REMOVABLE.has(spec2.type),
      vendor: asciiField(spec2.vendor, 8),
      product: asciiField(spec2.product, 16),
      revision: asciiField(spec2.revision, 4),
      serial: this.serial,
      luid: this.luid
    };
  }
  /** READ CAPACITY: the number of blocks (not the last LBA) and the block size, or undefined if unsupported. */
  capacity() {
    const blockSize = BLOCK_SIZE[this.type];
    if (blockSize === void 0) return void 0;
    return { blocks: BigInt(this.sizeMiB) * 1048576n / BigInt(blockSize), blockSize };
  }
  toConfig() {
    return {
      id: this.id,
      ...this.name !== void 0 ? { name: this.name } : {},
      sizeMiB: this.sizeMiB,
      type: this.type,
      vendor: this.vendor,
      product: this.product,
      revision: this.revision,
      ...this.configuredSerial !== void 0 ? { serial: this.configuredSerial } : {}
    };
  }
};
function arrayIdentity(nodeWwn, arrayName) {
  if (nodeWwn === void 0) {
    return { oui: "000000", vendorSpecific: fnv1a(arrayName).toString(16).padStart(9, "0").slice(-9) };
  }
  const naa = nodeWwn[0];
  if (naa === "1" || naa === "2") {
    return { oui: nodeWwn.slice(4, 10), vendorSpecific: `000${nodeWwn.slice(10, 16)}` };
  }
  return { oui: nodeWwn.slice(1, 7), vendorSpecific: nodeWwn.slice(7, 16) };
}
function asciiField(text, width) {
  const printable = text.replace(/[^\x20-\x7e]/g, " ");
  return printable.slice(0, width).padEnd(width, " ");
}
function fnv1a(text) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h;
}

// source/storage/HostGroupEdit.ts
function applyHostGroupEdit(draft, edit2, array) {
  const where = `host group '${draft.name}'`;
  const removedInitiators = unique(edit2.removeInitiators ?? []);
  for (const w of removedInitiators) {
    if (!draft.hasInitiator(w)) throw new StorageError(`initiator ${w} is not in ${where}`);
    draft.removeInitiator(w);
  }
  const unmapped = [];
  for (const lun of unique(edit2.unmapLuns ?? [])) {
    array.requireLun(lun);
    const hostLun = draft.hostLunOf(lun);
    if (hostLun === void 0) throw new StorageError(`LUN ${lun} is not mapped in ${where}`);
    draft.unmap(lun);
    unmapped.push({ lun, hostLun });
  }
  for (const p of unique(edit2.removePorts ?? [])) {
    const port = array.requirePort(p);
    const current = draft.ports;
    if (!current || !current.includes(port.name)) throw new StorageError(`${where} is not restricted to port ${port.name}`);
    if (current.length === 1) {
      throw new StorageError(`cannot remove port ${port.name}, the last port of ${where}; delete the group or add another port first`);
    }
    draft.restrictTo(current.filter((n) => n !== port.name));
  }
  if (edit2.allPorts) draft.restrictTo(void 0);
  const addPorts = unique((edit2.addPorts ?? []).map((p) => array.requirePort(p).name));
  if (addPorts.length > 0) {
    const current = draft.ports ?? [];
    for (const p of addPorts) if (current.includes(p)) throw new StorageError(`${where} already applies to port ${p}`);
    draft.restrictTo([...current, ...addPorts]);
  }
  const addedInitiators = unique(edit2.addInitiators ?? []);
  for (const w of addedInitiators) {
    if (draft.hasInitiator(w)) throw new StorageError(`initiator ${w} is already in ${where}`);
    draft.addInitiator(w);
  }
  const mapped = [];
  for (const m of edit2.mapLuns ?? []) {
    array.requireLun(m.lun);
    const had = draft.hostLunOf(m.lun);
    if (had !== void 0) throw new StorageError(`LUN ${m.lun} is already mapped in ${where} (host LUN ${had})`);
    const hostLun = m.hostLun ?? draft.freeHostLun();
    checkHostLun(hostLun);
    const other = draft.lunAt(hostLun);
    if (other !== void 0) throw new StorageError(`host LUN ${hostLun} is already LUN ${other} in ${where}`);
    draft.map(m.lun, hostLun);
    mapped.push({ lun: m.lun, hostLun });
  }
  const portsChanged = (edit2.removePorts?.length ?? 0) > 0 || edit2.allPorts === true || addPorts.length > 0;
  return { addedInitiators, removedInitiators, mapped, unmapped, portsChanged };
}
function unique(items) {
  return [...new Set(items)];
}

// source/storage/LunMasking.ts
var LunMasking = class {
  byName = /* @__PURE__ */ new Map();
  byInitiator = /* @__PURE__ */ new Map();
  groups() {
    return this.byName.values();
  }
  get size() {
    return this.byName.size;
  }
  group(name2) {
    return this.byName.get(name2);
  }
  /** Adds a group, or replaces the group of that name in place (it keeps its position). */
  put(group) {
    const old = this.byName.get(group.name);
    if (old) this.unindex(old);
    this.byName.set(group.name, group);
    for (const w of group.initiators) {
      const list = this.byInitiator.get(w);
      if (list) list.push(group);
      else this.byInitiator.set(w, [group]);
    }
  }
  delete(name2) {
    const old = this.byName.get(name2);
    if (!old) return void 0;
    this.unindex(old);
    this.byName.delete(name2);
    return old;
  }
  groupsOf(w) {
    return this.byInitiator.get(w) ?? [];
  }
  view(portName, w) {
    const groups = this.byInitiator.get(w);
    if (!groups) return EMPTY;
    const pairs = [];
    const seen = /* @__PURE__ */ new Set();
    for (const g of groups) {
      if (!g.appliesTo(portName)) continue;
      for (const { lun, hostLun } of g.mappings()) {
        if (seen.has(hostLun)) continue;
        seen.add(hostLun);
        pairs.push([hostLun, lun]);
      }
    }
    pairs.sort((a, b) => a[0] - b[0]);
    return new Map(pairs);
  }
  /** The LU behind one host LUN of a nexus, without building the whole view. */
  lunAt(portName, w, hostLun) {
    for (const g of this.byInitiator.get(w) ?? []) {
      if (!g.appliesTo(portName)) continue;
      const lun = g.lunAt(hostLun);
      if (lun !== void 0) return lun;
    }
    return void 0;
  }
  /**
   * Why `draft` (a new or edited group) cannot join the table, or undefined: some initiator it
   * names would see one host LUN number as two different LUs on a port both groups apply to.
   */
  conflictWith(draft, allPorts) {
    if (draft.mappingCount === 0) return void 0;
    const checked = /* @__PURE__ */ new Set();
    for (const w of draft.initiators) {
      for (const other of this.byInitiator.get(w) ?? []) {
        if (other.name === draft.name || checked.has(other)) continue;
        checked.add(other);
        const port = sharedPort(draft, other, allPorts);
        if (port === void 0) continue;
        for (const { lun, hostLun } of draft.mappings()) {
          const theirs = other.lunAt(hostLun);
          if (theirs !== void 0 && theirs !== lun) {
            return `host LUN ${hostLun} would be LUN ${lun} in host group '${draft.name}' but LUN ${theirs} in host group '${other.name}' for initiator ${w} on port ${port}`;
          }
        }
      }
    }
    return void 0;
  }
  unindex(group) {
    for (const w of group.initiators) {
      const list = this.byInitiator.get(w);
      if (!list) continue;
      const i = list.indexOf(group);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) this.byInitiator.delete(w);
    }
  }
};
var EMPTY = /* @__PURE__ */ new Map();
function sharedPort(a, b, allPorts) {
  return (a.ports ?? allPorts).find((p) => b.appliesTo(p));
}
function viewSignature(view2) {
  let s = "";
  for (const [host, lun] of view2) s += `${host}=${lun},`;
  return s;
}

// source/storage/Size.ts
var MAX_LUN_MIB = 1024 * 1024 * 1024;
var UNITS = { M: 1, G: 1024, T: 1024 * 1024 };
function formatSizeMiB(mib) {
  for (const [unit, factor] of [["T", UNITS.T], ["G", UNITS.G]]) {
    if (mib >= factor) return `${trimDecimals(mib / factor)}${unit}`;
  }
  return `${mib}M`;
}
function trimDecimals(value) {
  return value.toFixed(2).replace(/\.?0+$/, "");
}

// source/storage/StorageConfig.ts
var LUN_DEVICE_TYPES = [
  "disk",
  "tape",
  "medium-changer",
  "cdrom",
  "enclosure",
  "raid-controller"
];

// source/storage/FcpResponder.ts
var invalidOperationCode = { key: 5, asc: 32, ascq: 0 };
var UA_EVENTS_PER_CHANGE = 32;
var notReady = { accepted: false, reason: LsRjtReason.unableToPerform, explanation: LsRjtExplanation.none };
var loginRequired = {
  accepted: false,
  reason: LsRjtReason.unableToPerform,
  explanation: LsRjtExplanation.nPortLoginRequired
};
var FcpResponder = class {
  constructor(port) {
    this.port = port;
  }
  port;
  byFcid = /* @__PURE__ */ new Map();
  byWwpn = /* @__PURE__ */ new Map();
  plogi(from, did) {
    if (!this.port.answersTo(did)) return notReady;
    this.drop(this.byFcid.get(from.fcid));
    this.drop(this.byWwpn.get(from.wwpn));
    const session = { initiator: from.wwpn, initiatorNode: from.wwnn, fcid: from.fcid, prli: false, unitAttention: false };
    this.byFcid.set(from.fcid, session);
    this.byWwpn.set(from.wwpn, session);
    this.port.log.emit(this.port.label, "storage.login", `PLOGI from ${from.wwpn} (${formatFcId(from.fcid)}) accepted`, {
      initiator: from.wwpn,
      fcid: formatFcId(from.fcid)
    });
    return { accepted: true, wwpn: this.port.wwpn, wwnn: this.port.wwnn };
  }
  prli(from, did) {
    if (!this.port.answersTo(did)) return notReady;
    const session = this.sessionOf(from);
    if (!session) return loginRequired;
    session.prli = true;
    return { accepted: true, initiator: false, target: true };
  }
  logo(from, did) {
    if (!this.port.answersTo(did)) return;
    const session = this.sessionOf(from);
    if (!session) return;
    this.drop(session);
    this.port.log.emit(this.port.label, "storage.logout", `LOGO from ${from.wwpn} (${formatFcId(from.fcid)})`, {
      initiator: from.wwpn,
      fcid: formatFcId(from.fcid)
    });
  }
  /**
   * Unit attention follows SAM: INQUIRY neither reports nor clears it; REPORT LUNS answers and
   * clears it (the UA was about the LUN inventory, which the initiator is now reading); any other
   * command gets CHECK CONDITION 6/3F/0E once, and the condition is cleared.
   */
  scsi(from, did, command) {
    if (!this.port.answersTo(did)) return { status: "no-connection" };
    const session = this.sessionOf(from);
    if (!session) return { status: "no-connection" };
    switch (command.op) {
      case "report-luns":
        session.unitAttention = false;
        return { status: "good", luns: [...this.port.view(session.initiator).keys()] };
      case "inquiry": {
        const lu = this.port.unitAt(session.initiator, command.lun);
        if (!lu) return { status: "check-condition", sense: Sense.logicalUnitNotSupported };
        return { status: "good", inquiry: lu.inquiry };
      }
      case "read-capacity": {
        const ua = this.takeUnitAttention(session);
        if (ua) return ua;
        const lu = this.port.unitAt(session.initiator, command.lun);
        if (!lu) return { status: "check-condition", sense: Sense.logicalUnitNotSupported };
        const capacity = lu.capacity();
        if (!capacity) return { status: "check-condition", sense: invalidOperationCode };
        return { status: "good", capacity };
      }
      case "test-unit-ready": {
        const ua = this.takeUnitAttention(session);
        if (ua) return ua;
        if (!this.port.unitAt(session.initiator, command.lun)) {
          return { status: "check-condition", sense: Sense.logicalUnitNotSupported };
        }
        return { status: "good" };
      }
    }
  }
  /**
   * Posts REPORTED LUNS DATA HAS CHANGED to the nexus of each logged-in initiator given; returns
   * those posted. One event per nexus, except that an edit reaching more than
   * UA_EVENTS_PER_CHANGE nexuses is logged as one event, so a group of 100,000 virtual ports does
   * not flush the capped event log.
   */
  postReportedLunsChanged(initiators) {
    const posted = [];
    for (const w of initiators) {
      const session = this.byWwpn.get(w);
      if (!session) continue;
      session.unitAttention = true;
      posted.push(session);
    }
    const { label, log } = this.port;
    const what = "unit attention REPORTED LUNS DATA HAS CHANGED posted";
    if (posted.length > UA_EVENTS_PER_CHANGE) {
      log.emit(label, "storage.ua.posted", `${what} on ${posted.length} I_T nexuses`, {
        initiators: posted.map((s) => s.initiator),
        asc: "3f",
        ascq: "0e"
      });
    } else {
      for (const s of posted) {
        log.emit(label, "storage.ua.posted", `${what} for ${s.initiator} (${formatFcId(s.fcid)})`, {
          initiator: s.initiator,
          fcid: formatFcId(s.fcid),
          asc: "3f",
          ascq: "0e"
        });
      }
    }
    return posted.map((s) => s.initiator);
  }
  /** Forgets every session (link down, fabric logout, port offline). */
  dropAll() {
    const n = this.byFcid.size;
    this.byFcid.clear();
    this.byWwpn.clear();
    return n;
  }
  /** Forgets the session of one N_Port_ID (the initiator left the fabric); returns its WWPN. */
  dropFcid(fcid2) {
    const session = this.byFcid.get(fcid2);
    this.drop(session);
    return session?.initiator;
  }
  sessionFcids() {
    return [...this.byFcid.keys()];
  }
  sessionAt(fcid2) {
    return this.byFcid.get(fcid2);
  }
  get sessionCount() {
    return this.byFcid.size;
  }
  /** In login order. */
  sessions() {
    return [...this.byFcid.values()].map((s) => ({ ...s }));
  }
  sessionOf(from) {
    const session = this.byFcid.get(from.fcid);
    return session && session.initiator === from.wwpn ? session : void 0;
  }
  takeUnitAttention(session) {
    if (!session.unitAttention) return void 0;
    session.unitAttention = false;
    this.port.log.emit(
      this.port.label,
      "storage.ua.reported",
      `unit attention REPORTED LUNS DATA HAS CHANGED reported to ${session.initiator}`,
      { initiator: session.initiator, fcid: formatFcId(session.fcid) }
    );
    return { status: "check-condition", sense: Sense.reportedLunsDataChanged };
  }
  drop(session) {
    if (!session) return;
    if (this.byFcid.get(session.fcid) === session) this.byFcid.delete(session.fcid);
    if (this.byWwpn.get(session.initiator) === session) this.byWwpn.delete(session.initiator);
  }
};

// source/storage/TargetPort.ts
var TargetTiming = {
  /** Light to FLOGI: link initialisation (or loop initialisation) before the first frame. */
  linkSettle: 10,
  /** One ELS round trip (FLOGI, PLOGI to FFFFFC, SCR, sending an RSCN). */
  elsRoundTrip: 2,
  /** One name-server CT round trip (RFT_ID, RFF_ID, RSPN_ID, RSNN_NN, GPN_ID). */
  ctRoundTrip: 1,
  /** Masking change to N_Port-detected RSCN; edits within this window share one RSCN. */
  rscnHoldOff: 5,
  /** LS_RJT "logical busy" to the next FLOGI. */
  busyRetry: 1e3,
  /** Fabric LOGO to the next FLOGI (E_D_TOV). */
  relogin: 2e3,
  /** FLOGI retries after a busy reject, and re-logins after fabric LOGOs, before giving up. */
  maxRetries: 3
};
var TARGET_SCR = "fabric-detected";
var TargetPort = class {
  constructor(owner, name2, wwpn, wwnn, online = true) {
    this.owner = owner;
    this.name = name2;
    this.wwpn = wwpn;
    this.wwnn = wwnn;
    this.label = `${owner.name}/${name2}`;
    this.online = online;
    this.currentState = online ? "link-down" : "offline";
    this.responder = new FcpResponder({
      label: this.label,
      wwpn,
      wwnn,
      log: owner.log,
      answersTo: (did) => this.currentState === "ready" && did === this.address,
      view: (initiator) => owner.view(name2, initiator),
      unitAt: (initiator, hostLun) => owner.unitAt(name2, initiator, hostLun)
    });
  }
  owner;
  name;
  wwpn;
  wwnn;
  label;
  responder;
  link;
  online;
  currentState;
  address;
  fabric = false;
  timers = /* @__PURE__ */ new Set();
  rscnTimer;
  /** FLOGI busy retries of the current login attempt. */
  busyRetries = 0;
  /** Fabric LOGOs answered with a new FLOGI since the last link up or administrative online. */
  relogins = 0;
  /** RSPN_ID text: `array-1 ct0`. */
  get symbolicPortName() {
    return `${this.owner.name} ${this.name}`;
  }
  get state() {
    return this.currentState;
  }
  get adminOnline() {
    return this.online;
  }
  /** The N_Port_ID (or loop address) while logged in. */
  get fcid() {
    return this.address;
  }
  get topology() {
    return this.link?.topology;
  }
  get speedGbps() {
    return this.link?.speedGbps;
  }
  /** Logged in through an F_Port/FL_Port: name server, SCR and RSCN are available. */
  get fabricServices() {
    return this.fabric && this.address !== void 0;
  }
  sessions() {
    return this.responder.sessions();
  }
  // ---- NPortEndpoint -------------------------------------------------------------------------
  linkUp(link) {
    this.abort();
    this.link = link;
    this.relogins = 0;
    this.emit("storage.port.link-up", `link up (${link.topology}, ${link.speedGbps} Gb/s)`, {
      topology: link.topology,
      speedGbps: link.speedGbps
    });
    if (this.online) this.startLogin(TargetTiming.linkSettle);
    else this.currentState = "offline";
  }
  linkDown() {
    const dropped = this.forgetLogin();
    this.link = void 0;
    if (this.online) this.currentState = "link-down";
    this.emit("storage.port.link-down", `link down; ${dropped} session(s) dropped`, { sessionsDropped: dropped });
  }
  receiveLogo(did) {
    if (did !== this.address) return;
    const dropped = this.forgetLogin();
    this.currentState = "logged-out";
    const again = this.online && this.link !== void 0 && this.relogins < TargetTiming.maxRetries;
    this.emit(
      "storage.port.fabric-logo",
      `logged out by the fabric; ${dropped} session(s) dropped` + (again ? `; FLOGI again in ${TargetTiming.relogin} ms` : ""),
      { fcid: formatFcId(did), sessionsDropped: dropped }
    );
    if (again) {
      this.relogins++;
      this.startLogin(TargetTiming.relogin, "logged-out");
    }
  }
  /**
   * An initiator logged out of the fabric or lost its link: drop its session so the session
   * table (and unit attention bookkeeping) does not keep a nexus that no longer exists. Only
   * pages that cover a session cost a name-server query.
   */
  receiveRscn(did, rscn) {
    if (did !== this.address || this.currentState !== "ready" || !this.fabric) return;
    const suspects = /* @__PURE__ */ new Set();
    for (const page of rscn.pages) {
      if (page.format === "port") {
        if (this.responder.sessionAt(page.affected)) suspects.add(page.affected);
      } else {
        for (const id of this.responder.sessionFcids()) if (covers(page, id)) suspects.add(id);
      }
    }
    if (suspects.size === 0) return;
    this.after(TargetTiming.ctRoundTrip, "rscn check", () => this.checkSessions(suspects));
  }
  // ---- administration ------------------------------------------------------------------------
  /**
   * Offline: LOGO from the fabric (which removes the name-server entry and tells zoned initiators
   * by RSCN) and go dark. Online: log in again. On a loop or point-to-point link there is no
   * fabric to tell, so the port asks the medium for a LIP/link reset; the peers rediscover.
   * Returns false when the port already was in that administrative state.
   */
  setOnline(online) {
    if (online === this.online) return false;
    this.online = online;
    const link = this.link;
    if (!online) {
      const fcid2 = this.address;
      const wasFabric = this.fabricServices;
      const dropped = this.forgetLogin();
      this.currentState = "offline";
      this.emit("storage.port.offline", `offline (administrative); ${dropped} session(s) dropped`, { sessionsDropped: dropped });
      if (link && fcid2 !== void 0 && wasFabric) link.logo(fcid2);
      else if (link && fcid2 !== void 0) link.reset();
      return true;
    }
    this.emit("storage.port.online", "online (administrative)");
    if (!link) {
      this.currentState = "link-down";
    } else if (link.topology === "fabric" || link.topology === "public-loop") {
      this.relogins = 0;
      this.startLogin(TargetTiming.elsRoundTrip);
    } else {
      this.currentState = "link-down";
      link.reset();
    }
    return true;
  }
  /**
   * Called by the array after a masking or LUN change altered what some initiator sees through
   * this port. Arrays prompt hosts this way: an N_Port-detected RSCN (a port-format page naming
   * the array port itself) goes to the fabric controller, which relays it to every port zoned with
   * us that registered for N_Port-detected RSCNs (SCR function 2 or 3, fabric.md 2.1). The hosts
   * then re-query the port and send REPORT LUNS. Edits close together share one RSCN. Without a
   * fabric (private loop, point-to-point) there is no one to relay it; the unit attention posted
   * on each changed nexus is then the only notice. The qualifier is `unspecified`: no name-server
   * object changed, only what lies behind the port.
   */
  announceChange() {
    if (this.currentState !== "ready" || !this.fabric) return false;
    if (this.rscnTimer) return true;
    this.rscnTimer = this.after(TargetTiming.rscnHoldOff, "rscn", () => {
      this.rscnTimer = void 0;
      if (!this.link || this.address === void 0) return;
      const page = { format: "port", qualifier: "unspecified", affected: this.address };
      const reply = this.link.sendRscn(this.address, [page]);
      if (reply.accepted) {
        this.emit("storage.rscn.sent", `N_Port-detected RSCN sent for ${formatFcId(this.address)} (LUN inventory changed)`, {
          affected: formatFcId(this.address)
        });
      } else {
        this.emit("storage.rscn.rejected", `RSCN rejected by the fabric controller (LS_RJT ${hex(reply.reason)}/${hex(reply.explanation)})`, {
          reason: reply.reason,
          explanation: reply.explanation
        });
      }
    });
    return true;
  }
  // ---- login sequence ------------------------------------------------------------------------
  startLogin(delay, waiting = "logging-in") {
    this.abort();
    this.busyRetries = 0;
    this.currentState = waiting;
    this.after(delay, "flogi", () => this.flogi());
  }
  flogi() {
    const link = this.link;
    this.currentState = "logging-in";
    const reply = link.flogi({
      wwpn: this.wwpn,
      wwnn: this.wwnn,
      npivCapable: false,
      symbolicNodeName: this.owner.symbolicNodeName
    });
    if (!reply.accepted) {
      const busy = reply.reason === LsRjtReason.logicalBusy && this.busyRetries < TargetTiming.maxRetries;
      this.emit(
        busy ? "storage.port.flogi-busy" : "storage.port.login-failed",
        `FLOGI rejected (LS_RJT ${hex(reply.reason)}/${hex(reply.explanation)})` + (busy ? `; retry in ${TargetTiming.busyRetry} ms` : ""),
        { reason: reply.reason, explanation: reply.explanation }
      );
      if (busy) {
        this.busyRetries++;
        this.after(TargetTiming.busyRetry, "flogi", () => this.flogi());
      } else {
        this.currentState = "login-failed";
      }
      return;
    }
    this.address = reply.fcid;
    this.fabric = reply.fPort && link.topology !== "private-loop" && link.topology !== "point-to-point";
    if (!this.fabric) {
      this.emit("storage.port.flogi", `address ${formatFcId(reply.fcid)} on ${link.topology} (no fabric services)`, {
        fcid: formatFcId(reply.fcid),
        fabric: false
      });
      this.becomeReady();
      return;
    }
    this.emit("storage.port.flogi", `FLOGI accepted: N_Port_ID ${formatFcId(reply.fcid)}`, {
      fcid: formatFcId(reply.fcid),
      fabric: true
    });
    this.after(TargetTiming.elsRoundTrip, "plogi ns", () => this.register(0));
  }
  registrations = [
    ["RFT_ID", (ns) => ns.rftId([Fc4Type.fcp])],
    ["RFF_ID", (ns) => ns.rffId(Fc4Type.fcp, Fc4Feature.target)],
    ["RSPN_ID", (ns) => ns.rspnId(this.symbolicPortName)],
    ["RSNN_NN", (ns) => ns.rsnnNn(this.wwnn, this.owner.symbolicNodeName)]
  ];
  register(step) {
    const entry = this.registrations[step];
    if (!entry) {
      this.after(TargetTiming.elsRoundTrip, "scr", () => this.scr());
      return;
    }
    this.after(TargetTiming.ctRoundTrip, entry[0], () => {
      const [request, send] = entry;
      const reply = send(this.link.nameServer(this.address));
      if (!reply.ok) {
        this.emit("storage.port.ns-reject", `${request} rejected (FS_RJT ${hex(reply.reason)}/${hex(reply.explanation)})`, {
          request,
          reason: reply.reason,
          explanation: reply.explanation
        });
      }
      this.register(step + 1);
    });
  }
  scr() {
    const reply = this.link.scr(this.address, TARGET_SCR);
    if (!reply.accepted) {
      this.emit("storage.port.scr-reject", `SCR rejected (LS_RJT ${hex(reply.reason)}/${hex(reply.explanation)})`, {
        reason: reply.reason,
        explanation: reply.explanation
      });
    }
    this.becomeReady();
  }
  becomeReady() {
    this.currentState = "ready";
    const how = this.fabric ? "registered with the name server" : `${this.link.topology}, no fabric services`;
    this.emit("storage.port.ready", `ready: ${formatFcId(this.address)} (${how})`, {
      fcid: formatFcId(this.address),
      fabric: this.fabric
    });
  }
  checkSessions(suspects) {
    if (this.currentState !== "ready" || !this.link) return;
    const ns = this.link.nameServer(this.address);
    for (const id of suspects) {
      const session = this.responder.sessionAt(id);
      if (!session) continue;
      const reply = ns.gpnId(id);
      if (reply.ok && reply.value === session.initiator) continue;
      this.responder.dropFcid(id);
      this.emit("storage.logout", `session of ${session.initiator} (${formatFcId(id)}) dropped: initiator left the fabric`, {
        initiator: session.initiator,
        fcid: formatFcId(id),
        reason: "rscn"
      });
    }
  }
  // ---- plumbing ------------------------------------------------------------------------------
  /** Drops the login and every session; cancels pending steps. Returns the sessions dropped. */
  forgetLogin() {
    this.abort();
    this.address = void 0;
    this.fabric = false;
    return this.responder.dropAll();
  }
  /** Cancels every pending step; a fresh timer set marks steps scheduled before as stale. */
  abort() {
    for (const t2 of this.timers) this.owner.sim.cancel(t2);
    this.timers = /* @__PURE__ */ new Set();
    this.rscnTimer = void 0;
  }
  after(delay, what, action) {
    const set = this.timers;
    const timer = this.owner.sim.schedule(
      delay,
      () => {
        set.delete(timer);
        if (set === this.timers) action();
      },
      `${this.label} ${what}`
    );
    set.add(timer);
    return timer;
  }
  emit(type, summary, data = {}) {
    this.owner.log.emit(this.label, type, summary, { port: this.name, wwpn: this.wwpn, ...data });
  }
};
function covers(page, id) {
  switch (page.format) {
    case "port":
      return page.affected === id;
    case "area":
      return (page.affected & 16776960) === (id & 16776960);
    case "domain":
      return (page.affected & 16711680) === (id & 16711680);
    case "fabric":
      return true;
  }
}
function hex(n) {
  return n.toString(16).padStart(2, "0");
}

// source/storage/StorageArray.ts
var NAME3 = /^[A-Za-z0-9][A-Za-z0-9_.:@+-]{0,31}$/;
var StorageArray = class {
  constructor(config, sim, log) {
    this.sim = sim;
    this.log = log;
    const where = `array '${config.name}'`;
    if (!NAME3.test(config.name)) throw new StorageError(`${where}: bad name (letters, digits, _ . : @ + -, at most 32)`);
    this.name = config.name;
    this.vendor = config.vendor;
    this.model = config.model;
    this.symbolicNodeName = `${config.vendor} ${config.model} ${config.name}`;
    this.ports = config.ports.map((p) => this.buildPort(p, where));
    const names = /* @__PURE__ */ new Set();
    for (const p of this.ports) {
      if (names.has(p.name)) throw new StorageError(`${where}: duplicate port name '${p.name}'`);
      names.add(p.name);
      if (this.ports.some((q) => q !== p && q.wwpn === p.wwpn)) throw new StorageError(`${where}: duplicate port WWPN ${p.wwpn}`);
    }
    this.identity = arrayIdentity(this.ports[0]?.wwnn, config.name);
    for (const lun of config.luns) {
      if (this.lunsById.has(lun.id)) throw new StorageError(`${where}: duplicate LUN id ${lun.id}`);
      this.lunsById.set(lun.id, this.makeLun(lun, `${where}, LUN ${lun.id}`));
    }
    for (const g of config.hostGroups) {
      const gw = `${where}, host group '${g.name}'`;
      if (!NAME3.test(g.name)) throw new StorageError(`${gw}: bad name`);
      if (this.masking.group(g.name)) throw new StorageError(`${where}: duplicate host group '${g.name}'`);
      if (g.ports) for (const p of g.ports) this.requirePortName(p, gw);
      const group = new HostGroup(g.name, g.ports);
      for (const text of g.initiators) {
        const w = parseWwn(text);
        if (!w) throw new StorageError(`${gw}: bad initiator WWPN '${text}'`);
        if (group.hasInitiator(w)) throw new StorageError(`${gw}: initiator ${w} listed twice`);
        group.addInitiator(w, text);
      }
      for (const { lun, hostLun } of g.luns) {
        if (!this.lunsById.has(lun)) throw new StorageError(`${gw}: unknown LUN ${lun}`);
        checkHostLun(hostLun, gw);
        if (group.hostLunOf(lun) !== void 0) throw new StorageError(`${gw}: LUN ${lun} mapped twice`);
        const other = group.lunAt(hostLun);
        if (other !== void 0) throw new StorageError(`${gw}: host LUN ${hostLun} used by LUN ${other} and LUN ${lun}`);
        group.map(lun, hostLun);
      }
      const conflict = this.masking.conflictWith(group, this.portNames());
      if (conflict) throw new StorageError(`${where}: ${conflict}`);
      this.masking.put(group);
    }
  }
  sim;
  log;
  name;
  vendor;
  model;
  symbolicNodeName;
  ports;
  lunsById = /* @__PURE__ */ new Map();
  masking = new LunMasking();
  identity;
  origins = /* @__PURE__ */ new Map();
  changes = 0;
  /** Bumps on every administrative change (LUNs, host groups, port state): the world saves when it moves. */
  get revision() {
    return this.changes;
  }
  // ---- lookups -------------------------------------------------------------------------------
  /** A port by name, or by WWPN in any form operators type. */
  port(ref) {
    const byName2 = this.ports.find((p) => p.name === ref);
    if (byName2) return byName2;
    const w = parseWwn(ref);
    return w ? this.ports.find((p) => p.wwpn === w) : void 0;
  }
  requirePort(ref) {
    const port = this.port(ref);
    if (!port) throw new StorageError(`unknown port '${ref}' on ${this.name}`);
    return port;
  }
  luns() {
    return [...this.lunsById.values()];
  }
  lun(id) {
    return this.lunsById.get(id);
  }
  requireLun(id) {
    const lu = this.lunsById.get(id);
    if (!lu) throw new StorageError(`unknown LUN ${id} on ${this.name}`);
    return lu;
  }
  hostGroups() {
    return [...this.masking.groups()];
  }
  hostGroup(name2) {
    return this.masking.group(name2);
  }
  requireHostGroup(name2) {
    const g = this.masking.group(name2);
    if (!g) throw new StorageError(`unknown host group '${name2}' on ${this.name}`);
    return g;
  }
  /** Host groups that map an LU, with its host LUN in each. */
  mappingsOf(lunId) {
    const out = [];
    for (const g of this.masking.groups()) {
      const hostLun = g.hostLunOf(lunId);
      if (hostLun !== void 0) out.push({ group: g.name, hostLun });
    }
    return out;
  }
  /** What an initiator sees through a port: host LUN -> LU, ascending. */
  view(portName, initiator) {
    return this.masking.view(portName, initiator);
  }
  unitAt(portName, initiator, hostLun) {
    const id = this.masking.lunAt(portName, initiator, hostLun);
    return id === void 0 ? void 0 : this.lunsById.get(id);
  }
  // ---- LUNs ----------------------------------------------------------------------------------
  createLun(spec2) {
    let id = spec2.id;
    if (id === void 0) {
      id = 0;
      while (this.lunsById.has(id)) id++;
    }
    if (this.lunsById.has(id)) throw new StorageError(`LUN ${id} already exists on ${this.name}`);
    const type = spec2.type ?? "disk";
    const like = this.luns().find((l) => l.type === type);
    const lu = this.makeLun(
      {
        id,
        ...spec2.name !== void 0 ? { name: spec2.name } : {},
        sizeMiB: spec2.sizeMiB,
        type,
        vendor: spec2.vendor ?? like?.vendor ?? this.vendor,
        product: spec2.product ?? like?.product ?? this.model,
        revision: spec2.revision ?? like?.revision ?? "0001",
        ...spec2.serial !== void 0 ? { serial: spec2.serial } : {}
      },
      `LUN ${id}`
    );
    this.lunsById.set(id, lu);
    this.changes++;
    this.log.emit(
      this.name,
      "storage.lun.created",
      `LUN ${id} created: ${formatSizeMiB(lu.sizeMiB)} ${lu.type}` + (lu.name ? ` '${lu.name}'` : ""),
      { lun: id, sizeMiB: lu.sizeMiB, type: lu.type, luid: lu.luid }
    );
    return lu;
  }
  /** Deletes an LU, unmapping it from every host group first (hosts get a unit attention and an RSCN). */
  deleteLun(id) {
    const lu = this.requireLun(id);
    const groups = this.hostGroups().filter((g) => g.hostLunOf(id) !== void 0);
    const unmappedFrom = groups.map((g) => ({ group: g.name, hostLun: g.hostLunOf(id) }));
    this.log.emit(
      this.name,
      "storage.lun.deleted",
      `LUN ${id} deleted` + (groups.length ? ` (unmapped from ${groups.map((g) => g.name).join(", ")})` : ""),
      { lun: id, unmappedFrom: groups.map((g) => g.name) }
    );
    const notice = this.commit(initiatorsOf(groups), () => {
      for (const g of groups) g.unmap(id);
      this.lunsById.delete(id);
    });
    return { lun: lu, unmappedFrom, ...notice };
  }
  // ---- host groups ---------------------------------------------------------------------------
  /**
   * Applies an edit to a host group (creating it when `create` is set and it does not exist).
   * Refuses, changing nothing, on an unknown LUN or port, a duplicate or missing member, a host
   * LUN already used in the group, or a host LUN that some initiator would see as two LUs.
   */
  editHostGroup(name2, edit2, options = {}) {
    const existing = this.masking.group(name2);
    if (!existing && !options.create) throw new StorageError(`unknown host group '${name2}' on ${this.name}`);
    if (!existing && !NAME3.test(name2)) {
      throw new StorageError(`bad host group name '${name2}': letters, digits, _ . : @ + -, at most 32`);
    }
    const draft = existing ? existing.clone() : new HostGroup(name2);
    const { removedInitiators, unmapped, portsChanged, addedInitiators, mapped } = applyHostGroupEdit(draft, edit2, this);
    const conflict = this.masking.conflictWith(draft, this.portNames());
    if (conflict) throw new StorageError(conflict);
    if (!existing) this.log.emit(this.name, "storage.hostgroup.created", `host group ${name2} created`, { group: name2 });
    const what = [
      ...removedInitiators.map((w) => `-initiator ${w}`),
      ...unmapped.map((m) => `-LUN ${m.lun}`),
      ...portsChanged ? [`ports ${draft.ports?.join(",") ?? "all"}`] : [],
      ...addedInitiators.map((w) => `+initiator ${w}`),
      ...mapped.map((m) => `+LUN ${m.lun} as host LUN ${m.hostLun}`)
    ];
    if (what.length > 0) {
      this.log.emit(this.name, "storage.hostgroup.changed", `host group ${name2}: ${what.join(", ")}`, {
        group: name2,
        added: addedInitiators,
        removed: removedInitiators,
        mapped: mapped.map((m) => `${m.lun}:${m.hostLun}`),
        unmapped: unmapped.map((m) => `${m.lun}:${m.hostLun}`)
      });
    }
    const candidates = new Set(draft.initiators);
    if (existing) for (const w of existing.initiators) candidates.add(w);
    const notice = this.commit(candidates, () => this.masking.put(draft));
    return {
      group: name2,
      created: !existing,
      addedInitiators,
      removedInitiators,
      mapped,
      unmapped,
      ports: draft.ports,
      ...notice
    };
  }
  deleteHostGroup(name2) {
    const group = this.requireHostGroup(name2);
    this.log.emit(this.name, "storage.hostgroup.deleted", `host group ${name2} deleted`, { group: name2 });
    return this.commit(new Set(group.initiators), () => this.masking.delete(name2));
  }
  // ---- ports ---------------------------------------------------------------------------------
  /** Administrative online/offline of a port (by name or WWPN); false if it already was. */
  setPortOnline(ref, online) {
    const changed = this.requirePort(ref).setOnline(online);
    if (changed) this.changes++;
    return changed;
  }
  // ---- export --------------------------------------------------------------------------------
  toConfig() {
    return {
      name: this.name,
      vendor: this.vendor,
      model: this.model,
      ports: this.ports.map((p) => {
        const origin = this.origins.get(p);
        return {
          name: p.name,
          wwpn: origin.wwpn,
          wwnn: origin.wwnn,
          ...origin.onlineKey || !p.adminOnline ? { online: p.adminOnline } : {}
        };
      }),
      luns: this.luns().map((l) => l.toConfig()),
      hostGroups: this.hostGroups().map((g) => g.toConfig())
    };
  }
  // ---- internals -----------------------------------------------------------------------------
  /**
   * Runs a masking change and tells whoever it concerns: the views of the candidate initiators
   * are compared before and after on every port; each changed nexus that is logged in gets a
   * REPORTED LUNS DATA HAS CHANGED unit attention, each port with a change announces it.
   */
  commit(candidates, apply) {
    const initiators = [...candidates];
    const before2 = this.ports.map((p) => initiators.map((w) => viewSignature(this.masking.view(p.name, w))));
    apply();
    this.changes++;
    let unitAttentions = 0;
    const rscnPorts = [];
    this.ports.forEach((port, i) => {
      const was = before2[i];
      const changed = initiators.filter((w, j) => viewSignature(this.masking.view(port.name, w)) !== was[j]);
      if (changed.length === 0) return;
      unitAttentions += port.responder.postReportedLunsChanged(changed).length;
      if (port.announceChange()) rscnPorts.push(port.name);
    });
    return { unitAttentions, rscnPorts };
  }
  buildPort(p, where) {
    const wwpn = parseWwn(p.wwpn);
    const wwnn = parseWwn(p.wwnn);
    if (!NAME3.test(p.name)) throw new StorageError(`${where}: bad port name '${p.name}'`);
    if (!wwpn) throw new StorageError(`${where}, port ${p.name}: bad WWPN '${p.wwpn}'`);
    if (!wwnn) throw new StorageError(`${where}, port ${p.name}: bad WWNN '${p.wwnn}'`);
    const port = new TargetPort(this, p.name, wwpn, wwnn, p.online ?? true);
    this.origins.set(port, { wwpn: p.wwpn, wwnn: p.wwnn, onlineKey: p.online !== void 0 });
    return port;
  }
  makeLun(spec2, where) {
    if (!Number.isInteger(spec2.id) || spec2.id < 0 || spec2.id > MAX_LUN_ID) {
      throw new StorageError(`${where}: bad LUN id (0-${MAX_LUN_ID})`);
    }
    if (!Number.isInteger(spec2.sizeMiB) || spec2.sizeMiB < 0 || spec2.sizeMiB > MAX_LUN_MIB) {
      throw new StorageError(`${where}: bad size ${spec2.sizeMiB} MiB`);
    }
    if (!LUN_DEVICE_TYPES.includes(spec2.type)) {
      throw new StorageError(`${where}: bad type '${spec2.type}' (${LUN_DEVICE_TYPES.join(", ")})`);
    }
    if (spec2.name !== void 0 && !/^[\x20-\x7e]{1,64}$/.test(spec2.name)) {
      throw new StorageError(`${where}: bad name (1-64 printable characters)`);
    }
    return new LogicalUnit(spec2, this.identity);
  }
  portNames() {
    return this.ports.map((p) => p.name);
  }
  requirePortName(name2, where) {
    if (!this.ports.some((p) => p.name === name2)) throw new StorageError(`${where}: unknown port '${name2}'`);
  }
};
function initiatorsOf(groups) {
  const out = /* @__PURE__ */ new Set();
  for (const g of groups) for (const w of g.initiators) out.add(w);
  return out;
}

// source/storage/ArrayBuilder.ts
function buildArrays(configs, sim, log) {
  const arrays = [];
  const owners = /* @__PURE__ */ new Map();
  for (const config of configs) {
    if (arrays.some((a) => a.name === config.name)) throw new StorageError(`duplicate array name '${config.name}'`);
    const array = new StorageArray(config, sim, log);
    for (const port of array.ports) {
      const other = owners.get(port.wwpn);
      if (other) throw new StorageError(`port WWPN ${port.wwpn} of ${port.label} is also used by ${other}`);
      owners.set(port.wwpn, port.label);
    }
    arrays.push(array);
  }
  return arrays;
}
function exportArrays(arrays) {
  return arrays.map((a) => a.toConfig());
}

// source/storage/shell/LunCommands.ts
var LUN_SYNOPSIS = {
  list: "lun list [--array A]",
  create: "lun create --array A --size SIZE [--name N] [--type TYPE] [--id N]",
  delete: "lun delete --array A ID"
};

// source/storage/shell/HostGroupCommands.ts
var HOSTGROUP_SYNOPSIS = {
  list: "hostgroup list [--array A]",
  add: "hostgroup add --array A --group G [--initiator WWPN]... [--lun ID[:HOSTLUN]]... [--port P]... [--all-ports]",
  remove: "hostgroup remove --array A --group G [--initiator WWPN]... [--lun ID]... [--port P]..."
};

// source/storage/shell/PortCommands.ts
var PORT_SYNOPSIS = {
  list: "port list [--array A]",
  offline: "port offline --array A PORT",
  online: "port online --array A PORT"
};

// source/storage/shell/StorageShell.ts
var PROGRAM = "npiv storage";
var STORAGE_USAGE = `Usage: ${PROGRAM} <command> [--json]

Commands:
${[...Object.values(LUN_SYNOPSIS), ...Object.values(HOSTGROUP_SYNOPSIS), ...Object.values(PORT_SYNOPSIS)].map((s) => `  ${s}`).join("\n")}

SIZE is a number with M, G or T (500M, 10G, 1.5T). TYPE is one of disk, tape,
medium-changer, cdrom, enclosure, raid-controller (default disk). hostgroup add
creates the group if it is missing; without :HOSTLUN a LUN gets the lowest free
host LUN of the group; --port restricts the group to that port. hostgroup remove
with no --initiator, --lun or --port deletes the group. PORT is a port name or WWPN.
`;
var FAMILIES = {
  lun: Object.values(LUN_SYNOPSIS),
  luns: Object.values(LUN_SYNOPSIS),
  hostgroup: Object.values(HOSTGROUP_SYNOPSIS),
  hostgroups: Object.values(HOSTGROUP_SYNOPSIS),
  hg: Object.values(HOSTGROUP_SYNOPSIS),
  port: Object.values(PORT_SYNOPSIS),
  ports: Object.values(PORT_SYNOPSIS)
};

// source/driver/DeviceNamespace.ts
var FIRST_FC_CONTROLLER = 2;
var DeviceNamespace = class {
  instances = /* @__PURE__ */ new Map();
  controllers = /* @__PURE__ */ new Map();
  tapes = /* @__PURE__ */ new Map();
  enclosures = /* @__PURE__ */ new Map();
  nextInstance = 0;
  nextController = FIRST_FC_CONTROLLER;
  /** The fp instance and controller number of a devfs path, allocated on first attach. */
  attachFp(path) {
    let instance = this.instances.get(path);
    if (instance === void 0) {
      instance = this.nextInstance++;
      this.instances.set(path, instance);
    }
    let controller = this.controllers.get(path);
    if (controller === void 0) {
      controller = this.nextController++;
      this.controllers.set(path, controller);
    }
    return { instance, controller };
  }
  /** The OS device name of a LUN seen through controller `controller`, or undefined (no node). */
  lunDevicePath(controller, target, lun, deviceType2) {
    const ctd = `c${controller}t${target.toUpperCase()}d${lun}`;
    switch (deviceType2) {
      case DeviceType.disk:
      case DeviceType.cdrom:
      case DeviceType.optical:
        return `/dev/rdsk/${ctd}s2`;
      case DeviceType.tape:
        return `/dev/rmt/${numbered(this.tapes, ctd)}n`;
      case DeviceType.mediumChanger:
        return `/dev/scsi/changer/${ctd}`;
      case DeviceType.raidController:
        return `/dev/scsi/array_ctrl/${ctd}`;
      case DeviceType.enclosure:
        return `/dev/es/ses${numbered(this.enclosures, ctd)}`;
      default:
        return void 0;
    }
  }
};
function numbered(map, key) {
  let n = map.get(key);
  if (n === void 0) {
    n = map.size;
    map.set(key, n);
  }
  return n;
}

// source/driver/FcaModel.ts
var FCA_MODELS = {
  QLE2462: {
    name: "QLE2462",
    manufacturer: "QLogic Corp.",
    model: "QLE2462",
    modelDescription: "QLogic QLE2462 PCI-Express to 4Gb FC, Dual Channel",
    hardwareVersion: "ISP2432",
    firmwareVersion: "05.03.02",
    optionRomVersion: "BIOS: 2.02; fcode: 2.01; EFI: 2.00;",
    driverName: "qlc",
    driverVersion: "20100301-3.00",
    supportedSpeedsGbps: [1, 2, 4],
    npiv: true,
    maxNpivPorts: 63,
    pciVendor: 4215,
    pciDevice: 312
  },
  QLE2562: {
    name: "QLE2562",
    manufacturer: "QLogic Corp.",
    model: "QLE2562",
    modelDescription: "QLogic QLE2562 PCI-Express to 8Gb FC, Dual Channel",
    hardwareVersion: "ISP2532",
    firmwareVersion: "05.03.02",
    optionRomVersion: "BIOS: 2.16; fcode: 2.03; EFI: 2.05;",
    driverName: "qlc",
    driverVersion: "20100301-3.00",
    supportedSpeedsGbps: [2, 4, 8],
    npiv: true,
    maxNpivPorts: 255,
    pciVendor: 4215,
    pciDevice: 349
  },
  LPe11002: {
    name: "LPe11002",
    manufacturer: "Emulex",
    model: "LPe11002-M4",
    modelDescription: "Emulex LPe11002-M4 4Gb 2-port PCIe Fibre Channel Adapter",
    hardwareVersion: "Zephyr",
    firmwareVersion: "2.72a2 (Z3F2.72A2)",
    optionRomVersion: "Boot:5.02a1 Fcode:3.01a1",
    driverName: "emlxs",
    driverVersion: "2.50o (2010.01.08.09.45)",
    supportedSpeedsGbps: [1, 2, 4],
    npiv: true,
    maxNpivPorts: 100,
    pciVendor: 4319,
    pciDevice: 65042
  },
  LP10000: {
    name: "LP10000",
    manufacturer: "Emulex",
    model: "LP10000",
    modelDescription: "Emulex LP10000 2Gb PCI-X Fibre Channel Adapter",
    hardwareVersion: "Thor",
    firmwareVersion: "1.92a1 (T2D1.92A1)",
    optionRomVersion: "Boot:1.70a3 Fcode:1.50a4",
    driverName: "emlxs",
    driverVersion: "2.50o (2010.01.08.09.45)",
    supportedSpeedsGbps: [1, 2],
    npiv: false,
    maxNpivPorts: 0,
    pciVendor: 4319,
    pciDevice: 64e3
  },
  QLA2342: {
    name: "QLA2342",
    manufacturer: "QLogic Corp.",
    model: "QLA2342",
    modelDescription: "QLogic QLA2342 PCI-X to 2Gb FC, Dual Channel",
    hardwareVersion: "ISP2312",
    firmwareVersion: "03.03.27",
    optionRomVersion: "BIOS: 1.47; fcode: 1.24; EFI: 1.21;",
    driverName: "qlc",
    driverVersion: "20100301-3.00",
    supportedSpeedsGbps: [1, 2],
    npiv: false,
    maxNpivPorts: 0,
    pciVendor: 4215,
    pciDevice: 266
  }
};
function fcaModel(name2) {
  const model = FCA_MODELS[name2];
  if (!model) throw new Error(`unknown FCA model '${name2}' (known: ${Object.keys(FCA_MODELS).join(", ")})`);
  return model;
}
function negotiatedSpeed(model, linkGbps) {
  let best = 0;
  for (const s of model.supportedSpeedsGbps) if (s <= linkGbps) best = s;
  return best || model.supportedSpeedsGbps[0];
}

// source/driver/RemotePort.ts
var LunPath = class {
  constructor(lun, targetWwpn, peripheralQualifier, deviceType2, vendor, product, revision, serial, luid, blocks, blockSize, osDeviceName) {
    this.lun = lun;
    this.targetWwpn = targetWwpn;
    this.peripheralQualifier = peripheralQualifier;
    this.deviceType = deviceType2;
    this.vendor = vendor;
    this.product = product;
    this.revision = revision;
    this.serial = serial;
    this.luid = luid;
    this.blocks = blocks;
    this.blockSize = blockSize;
    this.osDeviceName = osDeviceName;
  }
  lun;
  targetWwpn;
  peripheralQualifier;
  deviceType;
  vendor;
  product;
  revision;
  serial;
  luid;
  blocks;
  blockSize;
  osDeviceName;
  state = "online";
  get fcpLun() {
    return encodeFcpLun(this.lun);
  }
  get sizeBytes() {
    return this.blocks === void 0 || this.blockSize === void 0 ? void 0 : this.blocks * BigInt(this.blockSize);
  }
};
var RemotePort = class {
  constructor(wwpn, wwnn, fcid2) {
    this.wwpn = wwpn;
    this.wwnn = wwnn;
    this.fcid = fcid2;
  }
  wwpn;
  wwnn;
  fcid;
  state = "online";
  fc4Types = [];
  symbolicPortName = "";
  symbolicNodeName = "";
  target = false;
  initiator = false;
  /** PLOGI and PRLI done in the current login session. */
  loggedIn = false;
  luns = [];
  lunPath(lun) {
    return this.luns.find((l) => l.lun === lun);
  }
  addLun(path) {
    this.luns.push(path);
    this.luns.sort((a, b) => a.lun - b.lun);
  }
  removeLun(path) {
    this.luns = this.luns.filter((l) => l !== path);
  }
};
function encodeFcpLun(lun) {
  if (lun < 256) return BigInt(lun) << 48n;
  return BigInt((64 | lun >> 8 & 63) << 8 | lun & 255) << 48n;
}
function decodeFcpLun(fcpLun) {
  const b0 = Number(fcpLun >> 56n & 0xffn);
  const b1 = Number(fcpLun >> 48n & 0xffn);
  return (b0 & 63) << 8 | b1;
}

// source/driver/Sysevent.ts
var EC_SUNFC = "EC_sunfc";
function escName(subclass) {
  return `ESC_sunfc_${subclass}`;
}
var FORMAT_BITS = { port: 0, area: 1, domain: 2, fabric: 3 };
var QUALIFIER_BITS = {
  unspecified: 0,
  "ns-object-changed": 1,
  "port-attribute-changed": 2,
  "service-object-changed": 3,
  "switch-config-changed": 4,
  "object-removed": 5
};
function rscnPageWord(page) {
  const flags = QUALIFIER_BITS[page.qualifier] << 2 | FORMAT_BITS[page.format];
  return (flags << 24 | page.affected & 16777215) >>> 0;
}

// source/driver/Timing.ts
var Timing = {
  /** Light on the cable -> FLOGI (speed negotiation, loop initialisation). */
  linkInit: 1,
  /** FLOGI/FDISC ACC -> name-server PLOGI, RNN_ID ... RFF_ID, SCR. */
  login: 0.5,
  /** Registrations and SCR done -> first discovery query. */
  registration: 0.5,
  /** GPN_FT, or one GPN_ID per RSCN page. */
  nameServerQuery: 0.2,
  /** PLOGI + PRLI + REPORT LUNS to one remote port. */
  targetLogin: 0.3,
  /** INQUIRY + READ CAPACITY of one new LUN. */
  perLun: 0.05,
  /**
   * Loop or point-to-point member that did not accept PLOGI -> walk the members again (fp's PLOGI
   * retry). There is no RSCN without a fabric: a port still initialising would never be found.
   */
  directRetry: 20,
  /** RSCN received -> its validation job starts (lets a burst of RSCNs coalesce). */
  rscnHold: 0.2,
  /**
   * fcp_offline_delay: after the link drops, remote ports and LUNs stay (offline) this long
   * before they are removed, so that a short bounce does not tear devices down.
   */
  offlineTimeout: 2e4
};
var DIRECT_RETRIES = 3;
var REPORT_LUNS_RETRIES = 3;

// source/driver/FpPort.ts
var P2P_LOW_ID2 = 65793;
var P2P_HIGH_ID2 = 65794;
var FpPort = class {
  constructor(stack, fca, wwpn, wwnn, vportIndex, devfsPath) {
    this.stack = stack;
    this.fca = fca;
    this.wwpn = wwpn;
    this.wwnn = wwnn;
    this.vportIndex = vportIndex;
    this.devfsPath = devfsPath;
    const { instance, controller } = stack.names.attachFp(devfsPath);
    this.instance = instance;
    this.controller = controller;
    this.name = `fp${instance}`;
    this.label = `${stack.name}/${this.name}`;
  }
  stack;
  fca;
  wwpn;
  wwnn;
  vportIndex;
  devfsPath;
  name;
  /** `<host>/fp<N>`: the source of this instance's events. */
  label;
  instance;
  controller;
  state = "offline";
  fcid;
  lastLoginError;
  lastChange = 0;
  rscnCount = 0;
  remotes = /* @__PURE__ */ new Map();
  byId = /* @__PURE__ */ new Map();
  remoteList;
  step;
  expiry;
  pendingFull = false;
  // Discovery work, allocated while there is some: 100,000 idle ports keep no empty maps.
  pendingPages;
  queue;
  pass;
  /** Loop walks left before a silent member is given up on (reset at each login). */
  directRetries = DIRECT_RETRIES;
  get host() {
    return this.stack.name;
  }
  get virtual() {
    return this.vportIndex !== 0;
  }
  get osDeviceName() {
    return `/dev/cfg/c${this.controller}`;
  }
  get physicalWwpn() {
    return this.fca.wwpn;
  }
  get topology() {
    return this.fca.link?.topology;
  }
  get speedGbps() {
    return this.state === "online" ? this.fca.speedGbps : 0;
  }
  get fabricName() {
    return this.state === "online" ? this.fca.fabricName : void 0;
  }
  get symbolicNodeName() {
    return this.fca.symbolicNodeName;
  }
  get symbolicPortName() {
    return this.devfsPath;
  }
  get remotePorts() {
    return this.remoteList ??= [...this.remotes.values()];
  }
  lunPaths() {
    const out = [];
    for (const r of this.remotes.values()) out.push(...r.luns);
    return out;
  }
  remotePort(wwpn) {
    return this.remotes.get(wwpn);
  }
  /** Fabric, public loop: a name server exists. Private loop, point-to-point: none. */
  get usesNameServer() {
    const t2 = this.fca.link?.topology;
    return t2 === "fabric" || t2 === "public-loop";
  }
  // ---- login ---------------------------------------------------------------------------------
  /** Schedules this instance's FLOGI (physical) or FDISC (virtual, through the FCA). */
  scheduleLogin(delay) {
    this.cancelStep();
    this.step = this.stack.sim.schedule(delay, () => {
      this.step = void 0;
      this.login();
    }, "fp login");
  }
  login() {
    if (!this.fca.link || this.state === "deleting") return;
    this.state = "login";
    const result = this.virtual ? this.fca.bindVport(this.wwpn, this.wwnn, false) : this.fca.flogi();
    if (result.ok) this.loggedIn(result.accept);
    else this.loginFailed(result.message);
  }
  /** The FLOGI/FDISC was accepted: take the N_Port_ID and register with the name server next. */
  loggedIn(accept) {
    this.state = "login";
    this.fcid = accept.fcid;
    this.lastLoginError = void 0;
    this.directRetries = DIRECT_RETRIES;
    this.fca.registerFcid(this);
    const els = this.virtual ? "FDISC" : "FLOGI";
    this.stack.log.emit(this.label, "driver.login", `${els} accepted: ${this.wwpn} is ${formatFcId(accept.fcid)}`, {
      els,
      ok: true,
      wwpn: this.wwpn,
      fcid: formatFcId(accept.fcid),
      physical: this.fca.wwpn
    });
    this.cancelStep();
    this.step = this.stack.sim.schedule(Timing.login, () => {
      this.step = void 0;
      this.register();
    }, "fp register");
  }
  loginFailed(message) {
    this.state = "failed";
    this.lastLoginError = message;
    const els = this.virtual ? "FDISC" : "FLOGI";
    this.stack.log.emit(this.label, "driver.login", `${els} failed for ${this.wwpn}: ${message}`, {
      els,
      ok: false,
      wwpn: this.wwpn,
      reason: message,
      physical: this.fca.wwpn
    });
  }
  /** PLOGI to the name server, RNN_ID, RSNN_NN, RSPN_ID, RFT_ID (FCP), RFF_ID (initiator), SCR. */
  register() {
    const link = this.fca.link;
    const sid = this.fcid;
    if (!link || sid === void 0) return;
    if (this.usesNameServer) {
      link.plogi(sid, WellKnown.nameServer);
      const ns = link.nameServer(sid);
      ns.rnnId(this.wwnn);
      ns.rsnnNn(this.wwnn, this.symbolicNodeName);
      ns.rspnId(this.symbolicPortName);
      ns.rftId([Fc4Type.fcp]);
      ns.rffId(Fc4Type.fcp, Fc4Feature.initiator);
      link.scr(sid, "full");
      this.fca.stats.exchange(7);
    }
    this.state = "online";
    this.raise("port_online");
    if (!this.virtual) this.fca.physicalOnline();
    this.pendingFull = true;
    this.kick(Timing.registration);
  }
  // ---- state changes from the link --------------------------------------------------------------
  /**
   * Link lost or logged out: the N_Port_ID is gone. Remote ports and LUNs stay, offline, for
   * Timing.offlineTimeout (fcp_offline_delay); a rediscovery within that window brings them back.
   */
  goOffline(reason) {
    this.cancelStep();
    this.queue = void 0;
    this.pendingPages = void 0;
    this.pendingFull = false;
    this.pass = void 0;
    if (this.fcid !== void 0) {
      this.fca.unregisterFcid(this.fcid);
      this.fcid = void 0;
    }
    const wasOnline = this.state === "online";
    if (this.state !== "deleting") this.state = "offline";
    this.lastLoginError = reason;
    for (const r of this.remotes.values()) {
      r.state = "offline";
      r.loggedIn = false;
      for (const l of r.luns) l.state = "offline";
    }
    if (this.remotes.size > 0 && !this.expiry) {
      this.expiry = this.stack.sim.schedule(Timing.offlineTimeout, () => this.expire(), "fp offline timeout");
    }
    if (wasOnline) this.raise("port_offline");
  }
  expire() {
    this.expiry = void 0;
    for (const r of [...this.remotes.values()]) if (r.state === "offline") this.removeRemote(r);
  }
  onRscn(rscn) {
    this.rscnCount = (this.rscnCount + 1) % 4294967296 || 1;
    this.raise("port_rscn", { affectedPages: rscn.pages.map(rscnPageWord) });
    if (this.state !== "online") return;
    for (const page of rscn.pages) {
      if (page.format !== "port" || !this.usesNameServer) {
        this.pendingFull = true;
      } else if (page.affected !== this.fcid) {
        const kind = rscn.detectedBy === "nport" ? "rescan" : "validate";
        const pages = this.pendingPages ??= /* @__PURE__ */ new Map();
        if (pages.get(page.affected) !== "validate") pages.set(page.affected, kind);
      }
    }
    this.kick(Timing.rscnHold);
  }
  /**
   * Virtual port delete: LOGO the remote ports, clear SCR, DA_ID, LOGO to FFFFFE (reference 11),
   * then drop every remote port and LUN and detach.
   */
  detach() {
    const link = this.fca.link;
    const sid = this.fcid;
    const wasOnline = this.state === "online";
    this.state = "deleting";
    this.cancelStep();
    this.stack.sim.cancel(this.expiry);
    this.expiry = void 0;
    this.queue = void 0;
    this.pendingPages = void 0;
    this.pendingFull = false;
    if (link && sid !== void 0) {
      for (const r of this.remotes.values()) if (r.loggedIn) link.logoPort(sid, r.fcid);
      if (this.usesNameServer) {
        link.scr(sid, "clear");
        link.nameServer(sid).daId();
      }
      link.logo(sid);
      this.fca.stats.exchange(3);
      this.fca.unregisterFcid(sid);
      this.fcid = void 0;
    }
    for (const r of [...this.remotes.values()]) this.removeRemote(r);
    if (wasOnline) this.raise("port_offline");
    this.raise("port_detach");
  }
  // ---- discovery job ----------------------------------------------------------------------------
  kick(delay) {
    if (this.step || this.state !== "online") return;
    this.step = this.stack.sim.schedule(delay, this.runJob, "fp discovery");
  }
  /**
   * One unit of discovery work now, then the next unit after the time this one took. A pass ends
   * (and is logged) when a unit leaves nothing queued; an RSCN after that starts a new one.
   */
  runJob = () => {
    this.step = void 0;
    if (this.state !== "online" || !this.fca.link || this.fcid === void 0) return;
    let cost;
    const candidate = this.takeCandidate();
    if (candidate) {
      cost = this.processCandidate(candidate);
    } else if (this.pendingFull) {
      this.pendingFull = false;
      this.pendingPages = void 0;
      this.fullDiscovery();
      cost = Timing.nameServerQuery;
    } else if (this.pendingPages) {
      const pages = [...this.pendingPages];
      this.pendingPages = void 0;
      this.validatePages(pages);
      cost = Timing.nameServerQuery;
    } else {
      this.finishPass();
      return;
    }
    if (!this.queue && !this.pendingFull && !this.pendingPages) this.finishPass();
    else this.step = this.stack.sim.schedule(cost, this.runJob, "fp discovery");
  };
  /** The counters of the discovery pass in progress (a pass ends when the job drains). */
  startPass() {
    return this.pass ??= { added: 0, removed: 0, lunsAdded: 0, lunsRemoved: 0 };
  }
  finishPass() {
    const pass = this.pass;
    this.pass = void 0;
    if (!pass) return;
    let targets = 0;
    let luns = 0;
    for (const r of this.remotes.values()) {
      if (r.target) targets++;
      luns += r.luns.length;
    }
    this.stack.log.emit(
      this.label,
      "driver.discovery",
      `discovery done on ${this.wwpn}: ${targets} target(s), ${luns} LUN(s) (+${pass.added}/-${pass.removed} ports, +${pass.lunsAdded}/-${pass.lunsRemoved} LUNs)`,
      { wwpn: this.wwpn, targets, luns, added: pass.added, removed: pass.removed, lunsAdded: pass.lunsAdded, lunsRemoved: pass.lunsRemoved }
    );
  }
  takeCandidate() {
    const queue = this.queue;
    if (!queue) return void 0;
    const c = queue.values().next().value;
    queue.delete(c.wwpn);
    if (queue.size === 0) this.queue = void 0;
    return c;
  }
  enqueue(wwpn, fcid2, relogin) {
    const queue = this.queue ??= /* @__PURE__ */ new Map();
    const prev = queue.get(wwpn);
    queue.set(wwpn, { wwpn, fcid: fcid2, relogin: relogin || (prev?.relogin ?? false) });
    this.startPass();
  }
  /** GPN_FT (FCP) on a fabric; PLOGI to each AL_PA on a private loop or the peer on point-to-point. */
  fullDiscovery() {
    const link = this.fca.link;
    const sid = this.fcid;
    const found = /* @__PURE__ */ new Map();
    this.startPass();
    if (this.usesNameServer) {
      const reply = link.nameServer(sid).gpnFt(Fc4Type.fcp);
      this.fca.stats.exchange();
      if (reply.ok) {
        for (const e of reply.value) if (e.fcid !== sid) found.set(e.wwpn, e.fcid);
      } else if (!(reply.reason === FsRjtReason.unableToPerform && reply.explanation === FsRjtExplanation.fc4TypesNotRegistered)) {
        this.stack.log.emit(this.label, "driver.discovery", `GPN_FT rejected (${reply.reason}/${reply.explanation}); remote ports kept`, {
          wwpn: this.wwpn,
          reason: reply.reason,
          explanation: reply.explanation
        });
        return;
      }
    } else {
      let silent = 0;
      for (const id of this.directPeers(link, sid)) {
        const p = link.plogi(sid, id);
        this.fca.stats.exchange();
        if (p.accepted) found.set(p.wwpn, id);
        else silent++;
      }
      if (silent > 0 && this.directRetries > 0) {
        this.directRetries--;
        this.stack.sim.schedule(Timing.directRetry, this.retryDirect, "fp loop retry");
      }
    }
    for (const r of [...this.remotes.values()]) if (!found.has(r.wwpn)) this.removeRemote(r);
    for (const [wwpn, id] of found) this.enqueue(wwpn, id, false);
    this.stack.sim.cancel(this.expiry);
    this.expiry = void 0;
  }
  retryDirect = () => {
    if (this.state !== "online") return;
    this.pendingFull = true;
    this.kick(0);
  };
  /**
   * Who to PLOGI without a name server: the other AL_PAs of a loop; on a point-to-point link the
   * peer, which took the other of the two fixed N_Port_IDs (010101/010102, higher WWPN 010102).
   */
  directPeers(link, sid) {
    const members = link.loopMembers().filter((id) => id !== sid);
    if (members.length > 0 || link.topology !== "point-to-point") return members;
    if (sid === P2P_LOW_ID2) return [P2P_HIGH_ID2];
    if (sid === P2P_HIGH_ID2) return [P2P_LOW_ID2];
    return [];
  }
  /** Port-format RSCN pages: GPN_ID each; an N_Port-detected page about a known target rescans it. */
  validatePages(pages) {
    const link = this.fca.link;
    const sid = this.fcid;
    const ns = link.nameServer(sid);
    for (const [id, kind] of pages) {
      const known = this.byId.get(id);
      if (kind === "rescan" && known) {
        this.enqueue(known.wwpn, id, false);
        continue;
      }
      const reply = ns.gpnId(id);
      this.fca.stats.exchange();
      if (!reply.ok) {
        if (known) this.removeRemote(known);
        continue;
      }
      if (known && known.wwpn !== reply.value) this.removeRemote(known);
      this.enqueue(reply.value, id, true);
    }
  }
  /** PLOGI, PRLI, name-server details, then the LUN scan of a target. Returns the time it took. */
  processCandidate(c) {
    const link = this.fca.link;
    const sid = this.fcid;
    let r = this.remotes.get(c.wwpn);
    if (r && r.fcid !== c.fcid) {
      if (this.byId.get(r.fcid) === r) this.byId.delete(r.fcid);
      r.fcid = c.fcid;
      this.byId.set(c.fcid, r);
      r.loggedIn = false;
    }
    if (!r || c.relogin || !r.loggedIn) {
      const plogi = link.plogi(sid, c.fcid);
      this.fca.stats.exchange();
      if (!plogi.accepted || plogi.wwpn !== c.wwpn) {
        if (r) this.removeRemote(r);
        return Timing.targetLogin;
      }
      const prli = link.prli(sid, c.fcid);
      this.fca.stats.exchange();
      const isNew = !r;
      r ??= new RemotePort(c.wwpn, plogi.wwnn, c.fcid);
      r.wwnn = plogi.wwnn;
      r.target = prli.accepted && prli.target;
      r.initiator = prli.accepted && prli.initiator;
      r.loggedIn = true;
      this.describe(r, link, sid);
      if (isNew) this.addRemote(r);
    }
    r.state = "online";
    if (!r.target) {
      for (const l of [...r.luns]) this.removeLun(r, l);
      return Timing.targetLogin;
    }
    return Timing.targetLogin + this.scanLuns(r, link, sid);
  }
  /** Symbolic names and FC-4 types from the name server object (GA_NXT from the ID below). */
  describe(r, link, sid) {
    if (!this.usesNameServer) {
      r.fc4Types = r.target || r.initiator ? [Fc4Type.fcp] : [];
      return;
    }
    const ns = link.nameServer(sid);
    const obj = ns.gaNxt(asFcId(r.fcid - 1 & 16777215));
    this.fca.stats.exchange();
    if (obj.ok && obj.value.fcid === r.fcid) {
      r.fc4Types = obj.value.fc4Types;
      r.symbolicPortName = obj.value.symbolicPortName;
      r.symbolicNodeName = obj.value.symbolicNodeName;
      return;
    }
    const types = ns.gftId(r.fcid);
    this.fca.stats.exchange();
    r.fc4Types = types.ok ? types.value : [];
  }
  scanLuns(r, link, sid) {
    const reported = this.reportLuns(r, link, sid);
    if (reported === void 0) return 0;
    const now = new Set(reported);
    for (const l of [...r.luns]) if (!now.has(l.lun)) this.removeLun(r, l);
    let cost = 0;
    for (const lun of reported) {
      const existing = r.lunPath(lun);
      if (existing) {
        existing.state = "online";
        continue;
      }
      cost += Timing.perLun;
      this.probeLun(r, lun, link, sid);
    }
    return cost;
  }
  /** REPORT LUNS; UNIT ATTENTION (REPORTED LUNS DATA HAS CHANGED) means ask again. */
  reportLuns(r, link, sid) {
    let relogged = false;
    for (let attempt = 0; attempt <= REPORT_LUNS_RETRIES; attempt++) {
      const reply = link.scsi(sid, r.fcid, { op: "report-luns" });
      this.fca.stats.exchange();
      if (reply.status === "good" && "luns" in reply) return reply.luns;
      if (reply.status === "check-condition" && isUnitAttention(reply.sense)) continue;
      if (reply.status === "no-connection" && !relogged && this.relogin(r, link, sid)) {
        relogged = true;
        continue;
      }
      return void 0;
    }
    return void 0;
  }
  relogin(r, link, sid) {
    const plogi = link.plogi(sid, r.fcid);
    this.fca.stats.exchange();
    if (!plogi.accepted) return false;
    const prli = link.prli(sid, r.fcid);
    this.fca.stats.exchange();
    return prli.accepted && prli.target;
  }
  probeLun(r, lun, link, sid) {
    const inq = link.scsi(sid, r.fcid, { op: "inquiry", lun });
    this.fca.stats.exchange();
    if (inq.status !== "good" || !("inquiry" in inq)) return;
    const d = inq.inquiry;
    if (d.peripheralQualifier !== 0) return;
    const path = this.stack.names.lunDevicePath(this.controller, r.wwpn, lun, d.deviceType);
    if (path === void 0) return;
    let blocks;
    let blockSize;
    if (d.deviceType === DeviceType.disk || d.deviceType === DeviceType.cdrom || d.deviceType === DeviceType.optical) {
      const cap = link.scsi(sid, r.fcid, { op: "read-capacity", lun });
      this.fca.stats.exchange();
      if (cap.status === "good" && "capacity" in cap) {
        blocks = cap.capacity.blocks;
        blockSize = cap.capacity.blockSize;
      }
    }
    const lp = new LunPath(lun, r.wwpn, d.peripheralQualifier, d.deviceType, d.vendor, d.product, d.revision, d.serial, d.luid, blocks, blockSize, path);
    r.addLun(lp);
    this.startPass().lunsAdded++;
    this.raise("device_online", { targetPortWwn: r.wwpn, lun, devicePath: path });
  }
  removeLun(r, l) {
    r.removeLun(l);
    if (this.pass) this.pass.lunsRemoved++;
    this.raise("device_offline", { targetPortWwn: r.wwpn, lun: l.lun, devicePath: l.osDeviceName });
  }
  addRemote(r) {
    this.remotes.set(r.wwpn, r);
    this.byId.set(r.fcid, r);
    this.remoteList = void 0;
    this.lastChange++;
    this.startPass().added++;
    this.raise("target_add", { targetPortWwn: r.wwpn });
  }
  removeRemote(r) {
    for (const l of [...r.luns]) this.removeLun(r, l);
    this.remotes.delete(r.wwpn);
    if (this.byId.get(r.fcid) === r) this.byId.delete(r.fcid);
    this.remoteList = void 0;
    this.lastChange++;
    if (this.pass) this.pass.removed++;
    this.raise("target_remove", { targetPortWwn: r.wwpn });
  }
  // ---- pass-through for the HBA-API --------------------------------------------------------------
  /** A SCSI command to a discovered port (HBA_ScsiReportLUNsV2 and friends). */
  scsiTo(remote, command) {
    const link = this.fca.link;
    if (!link || this.fcid === void 0 || this.state !== "online") return { status: "no-connection" };
    this.fca.stats.exchange();
    return link.scsi(this.fcid, remote.fcid, command);
  }
  // ---- helpers -----------------------------------------------------------------------------------
  cancelStep() {
    this.stack.sim.cancel(this.step);
    this.step = void 0;
  }
  raise(subclass, extras) {
    this.stack.raise({
      class: EC_SUNFC,
      subclass,
      t: this.stack.sim.now,
      instance: this.instance,
      portWwn: this.wwpn,
      affectedPages: extras?.affectedPages,
      targetPortWwn: extras?.targetPortWwn,
      lun: extras?.lun,
      devicePath: extras?.devicePath
    });
  }
};
function isUnitAttention(sense) {
  return sense.key === Sense.reportedLunsDataChanged.key && sense.asc === Sense.reportedLunsDataChanged.asc && sense.ascq === Sense.reportedLunsDataChanged.ascq;
}

// source/driver/LinkStatistics.ts
var WORDS_PER_FRAME = 16;
var LinkStatistics = class {
  linkFailureCount = 0;
  lossOfSyncCount = 0;
  lossOfSignalCount = 0;
  primitiveSeqProtocolErrorCount = 0;
  invalidTxWordCount = 0;
  invalidCrcCount = 0;
  lipCount = 0;
  nosCount = 0;
  txFrames = 0;
  rxFrames = 0;
  errorFrames = 0;
  dumpedFrames = 0;
  resetAt;
  constructor(now) {
    this.resetAt = now;
  }
  get txWords() {
    return this.txFrames * WORDS_PER_FRAME;
  }
  get rxWords() {
    return this.rxFrames * WORDS_PER_FRAME;
  }
  linkLost() {
    this.linkFailureCount++;
    this.lossOfSignalCount++;
    this.lossOfSyncCount++;
  }
  linkReset() {
    this.lipCount++;
    this.lossOfSyncCount++;
  }
  linkUp() {
    this.nosCount++;
  }
  /** `n` request/reply exchanges on the wire. */
  exchange(n = 1) {
    this.txFrames += n;
    this.rxFrames += n;
  }
  reset(now) {
    this.linkFailureCount = 0;
    this.lossOfSyncCount = 0;
    this.lossOfSignalCount = 0;
    this.primitiveSeqProtocolErrorCount = 0;
    this.invalidTxWordCount = 0;
    this.invalidCrcCount = 0;
    this.lipCount = 0;
    this.nosCount = 0;
    this.txFrames = 0;
    this.rxFrames = 0;
    this.errorFrames = 0;
    this.dumpedFrames = 0;
    this.resetAt = now;
  }
  /** The Link Error Status Block an RLS to this port returns. */
  errorStatus() {
    return {
      linkFailureCount: this.linkFailureCount,
      lossOfSyncCount: this.lossOfSyncCount,
      lossOfSignalCount: this.lossOfSignalCount,
      primitiveSeqProtocolErrorCount: this.primitiveSeqProtocolErrorCount,
      invalidTxWordCount: this.invalidTxWordCount,
      invalidCrcCount: this.invalidCrcCount
    };
  }
};

// source/driver/NpivErrors.ts
function describeFdiscReject(reject2) {
  const code = `LS_RJT ${hex22(reject2.reason)}/${hex22(reject2.explanation)}`;
  if (reject2.reason === 9 && reject2.explanation === 41) return `no fabric resources: NPIV login limit reached (${code})`;
  if ((reject2.reason === 3 || reject2.reason === 7) && (reject2.explanation === 13 || reject2.explanation === 31)) {
    return `fabric rejected WWN: port WWN already logged in or invalid (${code})`;
  }
  if (reject2.reason === 11 || reject2.explanation === 44) return `no fabric support for FDISC (${code})`;
  if (reject2.reason === 5) return `fabric busy (${code})`;
  return `FDISC rejected by the fabric (${code})`;
}
function hex22(n) {
  return n.toString(16).padStart(2, "0");
}

// source/driver/FcaPort.ts
var MAX_VPORT_INDEX = 254;
var NO_SUCH_PORT = { accepted: false, reason: 9, explanation: 31 };
var TOPOLOGY_TEXT = {
  fabric: "fabric",
  "public-loop": "public loop",
  "private-loop": "private loop",
  "point-to-point": "point-to-point link"
};
var FcaPort = class {
  constructor(host, fca, portIndex, wwpn, wwnn, driverInstance, devfsNode) {
    this.host = host;
    this.fca = fca;
    this.portIndex = portIndex;
    this.wwpn = wwpn;
    this.wwnn = wwnn;
    this.driverInstance = driverInstance;
    this.devfsNode = devfsNode;
    this.stats = new LinkStatistics(host.sim.now);
    this.label = `${host.name}/${this.driverInstanceName}`;
    this.symbolicNodeName = `${host.name}:${this.driverInstanceName}`;
    this.physical = new FpPort(host, this, wwpn, wwnn, 0, `${devfsNode}/fp@0,0`);
  }
  host;
  fca;
  portIndex;
  wwpn;
  wwnn;
  driverInstance;
  devfsNode;
  label;
  /** RSNN_NN of every fp instance on this port: `<hostname>:<fca driver><instance>`. */
  symbolicNodeName;
  physical;
  stats;
  link;
  /** The physical port's FLOGI ACC: fabric name, whether the fabric accepts FDISC. */
  fabricLogin;
  ring = [];
  indexUsed = new Uint8Array(MAX_VPORT_INDEX + 1);
  /** Every index below this one is in use (a search hint, so 100 creates do not scan 5,000 slots). */
  lowestMaybeFree = 1;
  byFcid = /* @__PURE__ */ new Map();
  /** A reset we asked for: the bounce that follows is a LIP, not a link failure. */
  resetPending = false;
  get model() {
    return this.fca.model;
  }
  get driverInstanceName() {
    return `${this.model.driverName}${this.driverInstance}`;
  }
  /** Negotiated speed in Gb/s, 0 with no link. */
  get speedGbps() {
    return this.link ? negotiatedSpeed(this.model, this.link.speedGbps) : 0;
  }
  get fabricName() {
    return this.fabricLogin?.fabricName;
  }
  /** Did the fabric's FLOGI ACC offer Multiple N_Port_ID Assignment (NPIV)? */
  get npivAssignment() {
    return this.fabricLogin?.npivAssignment ?? false;
  }
  /** Virtual ports, newest first (the kernel ring order fcinfo lists). */
  get vports() {
    return this.ring;
  }
  vport(wwpn) {
    return this.ring.find((p) => p.wwpn === wwpn);
  }
  /** The fp instance (physical or virtual) that holds an N_Port_ID on this port. */
  portById(id) {
    return this.byFcid.get(id);
  }
  // ---- NPortEndpoint ----------------------------------------------------------------------------
  linkUp(link) {
    if (this.link) this.dropAll("link re-initialised");
    this.link = link;
    if (isLoop(link.topology) && !this.resetPending) this.stats.lipCount++;
    this.resetPending = false;
    this.stats.linkUp();
    this.host.log.emit(this.label, "driver.link", `link up on ${this.wwpn}: ${TOPOLOGY_TEXT[link.topology]}, ${this.speedGbps}Gb`, {
      wwpn: this.wwpn,
      state: "up",
      topology: link.topology,
      speedGbps: this.speedGbps
    });
    this.physical.scheduleLogin(Timing.linkInit);
  }
  linkDown() {
    const link = this.link;
    if (!link) return;
    this.link = void 0;
    if (this.resetPending) this.resetPending = false;
    else if (isLoop(link.topology)) this.stats.lossOfSyncCount++;
    else this.stats.linkLost();
    this.fabricLogin = void 0;
    this.host.log.emit(this.label, "driver.link", `link down on ${this.wwpn}`, { wwpn: this.wwpn, state: "down" });
    this.dropAll("link down");
  }
  receiveRscn(did, rscn) {
    this.byFcid.get(did)?.onRscn(rscn);
  }
  receiveLogo(did) {
    const fp = this.byFcid.get(did);
    if (!fp) return;
    this.host.log.emit(fp.label, "driver.login", `logged out by the fabric: ${fp.wwpn}`, { wwpn: fp.wwpn, els: "LOGO", ok: false });
    if (fp === this.physical) {
      this.fabricLogin = void 0;
      this.dropAll("logged out by the fabric");
    } else {
      fp.goOffline("logged out by the fabric");
    }
  }
  /** Initiators answer PLOGI and PRLI (as initiator) for each of their N_Port_IDs, nothing else. */
  responder = {
    plogi: (_from, did) => {
      const fp = this.byFcid.get(did);
      return fp ? { accepted: true, wwpn: fp.wwpn, wwnn: fp.wwnn } : NO_SUCH_PORT;
    },
    prli: (_from, did) => this.byFcid.has(did) ? { accepted: true, initiator: true, target: false } : NO_SUCH_PORT,
    logo: () => {
    },
    scsi: () => ({ status: "no-connection" })
  };
  // ---- logins -----------------------------------------------------------------------------------
  /** The physical port's FLOGI. */
  flogi() {
    const link = this.link;
    if (!link) return { ok: false, message: "link down" };
    const reply = link.flogi({
      wwpn: this.wwpn,
      wwnn: this.wwnn,
      npivCapable: this.model.npiv,
      symbolicNodeName: this.symbolicNodeName
    });
    this.stats.exchange();
    if (!reply.accepted) return { ok: false, message: `FLOGI rejected (LS_RJT ${hex22(reply.reason)}/${hex22(reply.explanation)})` };
    this.fabricLogin = reply;
    return { ok: true, accept: reply };
  }
  /**
   * fca_bind_port for a virtual port: the adapter's checks, then FDISC. `creating` adds the
   * adapter's virtual port limit (a re-login after a link bounce is within it already).
   */
  bindVport(wwpn, wwnn, creating) {
    const model = this.model;
    if (!model.npiv) return bindFailure("FC_NPIV_NOT_SUPPORTED", `${model.model} does not support NPIV`);
    const link = this.link;
    if (!link) return bindFailure("FC_NPIV_FDISC_FAILED", `link down on ${this.wwpn}: FDISC cannot be sent`);
    if (link.topology !== "fabric" || this.fabricLogin && !this.fabricLogin.fPort) {
      return bindFailure("FC_NPIV_WRONG_TOPOLOGY", `NPIV needs a fabric; ${this.wwpn} is on a ${TOPOLOGY_TEXT[link.topology]}`);
    }
    if (creating && this.ring.length >= model.maxNpivPorts) {
      return bindFailure("FC_OUTOFBOUNDS", `${model.model} is out of virtual ports (${model.maxNpivPorts} in use)`);
    }
    const phys = this.fabricLogin;
    if (!phys || this.physical.state !== "online") {
      return bindFailure("FC_NPIV_FDISC_FAILED", `${this.wwpn} is not logged in to the fabric: FDISC cannot be sent`);
    }
    if (!phys.npivAssignment) return bindFailure("FC_NPIV_FDISC_FAILED", "no fabric support: the switch port does not accept FDISC (NPIV off)");
    const reply = link.fdisc({ wwpn, wwnn, npivCapable: true, symbolicNodeName: this.symbolicNodeName });
    this.stats.exchange();
    if (!reply.accepted) {
      return {
        ok: false,
        errno: "EFAULT",
        reason: "FC_NPIV_FDISC_FAILED",
        message: describeFdiscReject(reply),
        reject: { accepted: false, reason: reply.reason, explanation: reply.explanation }
      };
    }
    return { ok: true, accept: reply };
  }
  /** The physical port is registered: virtual ports log in again, in index order (qlc's VP table). */
  physicalOnline() {
    const byIndex = [...this.ring].sort((a, b) => a.vportIndex - b.vportIndex);
    for (const vp of byIndex) if (vp.state !== "deleting") vp.scheduleLogin(Timing.login);
  }
  registerFcid(fp) {
    if (fp.fcid !== void 0) this.byFcid.set(fp.fcid, fp);
  }
  unregisterFcid(id) {
    this.byFcid.delete(id);
  }
  // ---- virtual ports ----------------------------------------------------------------------------
  /** Lowest free index for 0, else the one asked for if it is valid and free. */
  pickIndex(requested) {
    if (requested === 0) {
      for (let i = this.lowestMaybeFree; i <= MAX_VPORT_INDEX; i++) if (!this.indexUsed[i]) return i;
      return void 0;
    }
    if (!Number.isInteger(requested) || requested < 1 || requested > MAX_VPORT_INDEX || this.indexUsed[requested]) return void 0;
    return requested;
  }
  /** Index, bind (FDISC), then the new fp instance at the head of the ring. Host-wide checks are the stack's. */
  createVport(wwpn, wwnn, requestedIndex) {
    const index = this.pickIndex(requestedIndex);
    if (index === void 0) {
      return {
        ok: false,
        errno: "EFAULT",
        reason: "NO_VALID_INDEX",
        message: requestedIndex === 0 ? `can't find valid port index: all ${MAX_VPORT_INDEX} in use on ${this.wwpn}` : `can't find valid port index: ${requestedIndex} is taken or outside 1..${MAX_VPORT_INDEX}`
      };
    }
    const bound = this.bindVport(wwpn, wwnn, true);
    if (!bound.ok) return bound;
    const vp = new FpPort(this.host, this, wwpn, wwnn, index, `${this.devfsNode}/fp@${index.toString(16)},0`);
    this.indexUsed[index] = 1;
    if (index === this.lowestMaybeFree) this.lowestMaybeFree++;
    this.ring.unshift(vp);
    this.physical.lastChange++;
    vp.raise("port_attach");
    vp.loggedIn(bound.accept);
    return { ok: true, port: vp };
  }
  deleteVport(wwpn) {
    const vp = this.ring.find((p) => p.wwpn === wwpn && p.state !== "deleting");
    if (!vp) return { ok: false, errno: "EFAULT", reason: "NOT_FOUND", message: `no virtual port ${wwpn} on ${this.wwpn}` };
    vp.detach();
    this.ring = this.ring.filter((p) => p !== vp);
    this.indexUsed[vp.vportIndex] = 0;
    this.lowestMaybeFree = Math.min(this.lowestMaybeFree, vp.vportIndex);
    this.physical.lastChange++;
    return { ok: true, port: vp };
  }
  // ---- link control -----------------------------------------------------------------------------
  /** FCIO_RESET_LINK (force-lip): the medium bounces the link. False when there is no link. */
  forceLip() {
    const link = this.link;
    if (!link) return false;
    this.stats.linkReset();
    this.resetPending = true;
    this.host.log.emit(this.label, "driver.link", `link reset (LIP) requested on ${this.wwpn}`, { wwpn: this.wwpn, state: "reset" });
    link.reset();
    return true;
  }
  dropAll(reason) {
    this.physical.goOffline(reason);
    for (const vp of this.ring) vp.goOffline(reason);
  }
};
function isLoop(topology) {
  return topology === "private-loop" || topology === "public-loop";
}
function bindFailure(reason, message) {
  return { ok: false, errno: "EFAULT", reason, message };
}

// source/driver/Fca.ts
var Fca = class {
  constructor(host, index, model, serial, ports) {
    this.index = index;
    this.model = model;
    this.serial = serial;
    this.slotPath = `/pci@0,0/pci8086,3595@${(2 + index).toString(16)}`;
    const node = `pci${model.pciVendor.toString(16)},${model.pciDevice.toString(16)}`;
    this.ports = ports.map((p, i) => new FcaPort(host, this, i, p.wwpn, p.wwnn, p.driverInstance, `${this.slotPath}/${node}@0${i > 0 ? `,${i}` : ""}`));
  }
  index;
  model;
  serial;
  ports;
  /** The devfs node of the card's PCI slot; each port is a PCI function below it. */
  slotPath;
  /** The adapter's node WWN as HBA_ADAPTERATTRIBUTES reports it: port 0's. */
  get nodeWwn() {
    return this.ports[0].wwnn;
  }
  /** PCI device and vendor ids, HBA_ADAPTERATTRIBUTES.VendorSpecificID. */
  get vendorSpecificId() {
    return (this.model.pciDevice << 16 | this.model.pciVendor) >>> 0;
  }
};

// source/driver/HostFcStack.ts
var HostFcStack = class {
  name;
  kind;
  sim;
  log;
  wwnRegistry;
  names = new DeviceNamespace();
  fcas;
  /** Physical ports in a stable order: HBA order, then port order. */
  ports;
  /** Every local port, physical and virtual, by port WWN (the host-wide "WWN in use" check). */
  local = /* @__PURE__ */ new Map();
  byPhysicalWwpn = /* @__PURE__ */ new Map();
  listeners = /* @__PURE__ */ new Set();
  constructor(options) {
    const { host, sim, log } = options;
    this.name = host.name;
    this.kind = host.kind;
    this.sim = sim;
    this.log = log;
    this.wwnRegistry = options.wwnRegistry;
    const driverInstances = /* @__PURE__ */ new Map();
    this.fcas = host.hbas.map((hba, index) => {
      const model = fcaModel(hba.model);
      if (hba.ports.length === 0) throw new Error(`host ${host.name}: HBA ${index} (${hba.model}) has no ports`);
      const ports = hba.ports.map((p, i) => {
        const n = driverInstances.get(model.driverName) ?? 0;
        driverInstances.set(model.driverName, n + 1);
        return { wwpn: configWwn(host.name, p.wwpn, `HBA ${index} port ${i} WWPN`), wwnn: configWwn(host.name, p.wwnn, `HBA ${index} port ${i} WWNN`), driverInstance: n };
      });
      return new Fca(this, index, model, hba.serial, ports);
    });
    this.ports = this.fcas.flatMap((f) => f.ports);
    for (const port of this.ports) {
      if (this.local.has(port.wwpn)) throw new Error(`host ${host.name}: port WWN ${port.wwpn} appears twice`);
      this.local.set(port.wwpn, port.physical);
      this.byPhysicalWwpn.set(port.wwpn, port);
      port.physical.raise("port_attach");
    }
  }
  /** The physical port with this WWPN (to cable it), or undefined. */
  portByWwpn(wwpn) {
    return this.byPhysicalWwpn.get(wwpn);
  }
  /** Any local port, physical or virtual, by port WWN. */
  localPort(wwpn) {
    return this.local.get(wwpn);
  }
  /** Every fp instance: each physical port followed by its virtual ports (newest first). */
  *fpPorts() {
    for (const port of this.ports) {
      yield port.physical;
      yield* port.vports;
    }
  }
  get virtualPortCount() {
    let n = 0;
    for (const port of this.ports) n += port.vports.length;
    return n;
  }
  /**
   * FCIO_CREATE_NPIV_PORT on the physical port `physicalWwpn`. Synchronous, like the ioctl: the
   * FDISC is answered before this returns; registration and discovery follow on the simulator.
   */
  createVirtualPort(physicalWwpn, request) {
    const port = this.byPhysicalWwpn.get(physicalWwpn);
    const { wwpn, wwnn } = request;
    let result;
    if (!port) {
      result = { ok: false, errno: "EFAULT", reason: "NO_VALID_INDEX", message: `no physical port ${physicalWwpn} on ${this.name}` };
    } else if (/^0+$/.test(wwpn) || /^0+$/.test(wwnn) || wwpn === wwnn) {
      result = { ok: false, errno: "EFAULT", reason: "BAD_WWN", message: wwpn === wwnn ? "port WWN is the same as node WWN" : "a WWN of zeros is not valid" };
    } else if (this.local.has(wwpn)) {
      const user = this.local.get(wwpn);
      result = { ok: false, errno: "EFAULT", reason: "WWN_IN_USE", message: `port WWN ${wwpn} is already used by ${user.label}` };
    } else {
      result = port.createVport(wwpn, wwnn, request.index ?? 0);
    }
    if (result.ok) {
      this.local.set(wwpn, result.port);
      this.log.emit(result.port.label, "driver.vport.create", `virtual port ${wwpn} created on ${physicalWwpn} as ${result.port.name} (index ${result.port.vportIndex})`, {
        ok: true,
        physical: physicalWwpn,
        wwpn,
        wwnn,
        index: result.port.vportIndex,
        instance: result.port.instance
      });
    } else {
      this.log.emit(port?.label ?? `${this.name}/fp`, "driver.vport.create", `virtual port ${wwpn} not created on ${physicalWwpn}: ${result.message}`, {
        ok: false,
        physical: physicalWwpn,
        wwpn,
        wwnn,
        reason: result.reason,
        message: result.message
      });
    }
    return result;
  }
  /** FCIO_DELETE_NPIV_PORT: LOGO, DA_ID, SCR clear, index freed, instance detached. */
  deleteVirtualPort(physicalWwpn, wwpn) {
    const port = this.byPhysicalWwpn.get(physicalWwpn);
    const result = port ? port.deleteVport(wwpn) : { ok: false, errno: "EFAULT", reason: "NOT_FOUND", message: `no physical port ${physicalWwpn} on ${this.name}` };
    if (result.ok) {
      this.local.delete(wwpn);
      this.log.emit(result.port.label, "driver.vport.delete", `virtual port ${wwpn} deleted from ${physicalWwpn}`, { ok: true, physical: physicalWwpn, wwpn, index: result.port.vportIndex });
      return { ok: true };
    }
    this.log.emit(port?.label ?? `${this.name}/fp`, "driver.vport.delete", `virtual port ${wwpn} not deleted from ${physicalWwpn}: ${result.message}`, {
      ok: false,
      physical: physicalWwpn,
      wwpn,
      reason: result.reason
    });
    return result;
  }
  /** Force LIP on a physical port; false when it has no link. */
  forceLip(physicalWwpn) {
    return this.byPhysicalWwpn.get(physicalWwpn)?.forceLip() ?? false;
  }
  /** How many sysevent subscribers are bound (libraries with callbacks registered). */
  get subscriberCount() {
    return this.listeners.size;
  }
  /** Subscribes to EC_sunfc sysevents (the HBA-API's sysevent bridge does). */
  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  raise(event) {
    const data = { instance: event.instance, portWwn: event.portWwn };
    let detail = "";
    if (event.affectedPages) {
      const pages = event.affectedPages.map((p) => p.toString(16).padStart(8, "0"));
      data["affectedPages"] = pages;
      detail = ` pages ${pages.join(",")}`;
    }
    if (event.targetPortWwn) {
      data["targetPortWwn"] = event.targetPortWwn;
      detail += ` target ${event.targetPortWwn}`;
    }
    if (event.lun !== void 0) {
      data["lun"] = event.lun;
      detail += ` lun ${event.lun}`;
    }
    if (event.devicePath) {
      data["devicePath"] = event.devicePath;
      detail += ` ${event.devicePath}`;
    }
    this.log.emit(`${this.name}/fp${event.instance}`, `driver.sysevent.${event.subclass}`, `${escName(event.subclass)} port ${event.portWwn}${detail}`, data);
    for (const listener of this.listeners) listener(event);
  }
};
function configWwn(host, text, what) {
  const w = parseWwn(text);
  if (!w) throw new Error(`host ${host}: ${what} '${text}' is not a WWN (16 hex digits)`);
  return w;
}

// source/hbaapi/types.ts
var HBA_STATUS = {
  OK: 0,
  ERROR: 1,
  ERROR_NOT_SUPPORTED: 2,
  ERROR_INVALID_HANDLE: 3,
  ERROR_ARG: 4,
  ERROR_ILLEGAL_WWN: 5,
  ERROR_ILLEGAL_INDEX: 6,
  ERROR_MORE_DATA: 7,
  ERROR_STALE_DATA: 8,
  SCSI_CHECK_CONDITION: 9,
  ERROR_BUSY: 10,
  ERROR_TRY_AGAIN: 11,
  ERROR_UNAVAILABLE: 12,
  ERROR_ELS_REJECT: 13,
  ERROR_INVALID_LUN: 14,
  ERROR_INCOMPATIBLE: 15,
  ERROR_AMBIGUOUS_WWN: 16,
  ERROR_LOCAL_BUS: 17,
  ERROR_LOCAL_TARGET: 18,
  ERROR_LOCAL_LUN: 19,
  ERROR_LOCAL_SCSIID_BOUND: 20,
  ERROR_TARGET_FCID: 21,
  ERROR_TARGET_NODE_WWN: 22,
  ERROR_TARGET_PORT_WWN: 23,
  ERROR_TARGET_LUN: 24,
  ERROR_TARGET_LUID: 25,
  ERROR_NO_SUCH_BINDING: 26,
  ERROR_NOT_A_TARGET: 27,
  ERROR_UNSUPPORTED_FC4: 28,
  ERROR_INCAPABLE: 29
};
function statusName(status) {
  const names = [
    "OK",
    "ERROR",
    "NOT SUPPORTED",
    "INVALID HANDLE",
    "ERROR ARG",
    "ILLEGAL WWN",
    "ILLEGAL INDEX",
    "MORE DATA",
    "STALE DATA",
    "SCSI CHECK CONDITION",
    "BUSY",
    "TRY AGAIN",
    "UNAVAILABLE"
  ];
  return names[status] ?? `Undefined error code  ${status}`;
}
var HBA_PORTTYPE = {
  UNKNOWN: 1,
  OTHER: 2,
  NOTPRESENT: 3,
  NPORT: 5,
  NLPORT: 6,
  FLPORT: 7,
  FPORT: 8,
  EPORT: 9,
  GPORT: 10,
  LPORT: 20,
  PTP: 21
};
var HBA_PORTSTATE = {
  UNKNOWN: 1,
  ONLINE: 2,
  OFFLINE: 3,
  BYPASSED: 4,
  DIAGNOSTICS: 5,
  LINKDOWN: 6,
  ERROR: 7,
  LOOPBACK: 8
};
var HBA_PORTSPEED = {
  UNKNOWN: 0,
  "1GBIT": 1,
  "2GBIT": 2,
  "10GBIT": 4,
  "4GBIT": 8,
  "8GBIT": 16,
  "16GBIT": 32,
  "32GBIT": 64,
  NOT_NEGOTIATED: 32768
};
var HBA_EVENT = {
  LIP_OCCURRED: 1,
  LINK_UP: 2,
  LINK_DOWN: 3,
  LIP_RESET_OCCURRED: 4,
  RSCN: 5,
  PROPRIETARY: 65535,
  ADAPTER_UNKNOWN: 256,
  ADAPTER_ADD: 257,
  ADAPTER_REMOVE: 258,
  ADAPTER_CHANGE: 259,
  PORT_UNKNOWN: 512,
  PORT_OFFLINE: 513,
  PORT_ONLINE: 514,
  PORT_NEW_TARGETS: 515,
  PORT_FABRIC: 516,
  PORT_STAT_THRESHOLD: 769,
  PORT_STAT_GROWTH: 770,
  TARGET_UNKNOWN: 1024,
  TARGET_OFFLINE: 1025,
  TARGET_ONLINE: 1026,
  TARGET_REMOVED: 1027,
  LINK_UNKNOWN: 1280,
  LINK_INCIDENT: 1281,
  // Sun device events (RegisterForAdapterDeviceEvents)
  DEVICE_UNKNOWN: 1536,
  DEVICE_OFFLINE: 1537,
  DEVICE_ONLINE: 1538
};
var HBA_CREATE_WWN_RANDOM = 1;
var HBA_CREATE_WWN_FACTORY = 2;

// source/hbaapi/Attributes.ts
var NO_WWN = "0000000000000000";
var CLASS_3 = 1 << 3;
var MAX_FRAME_SIZE = 2048;
var SPEED_BITS = {
  1: HBA_PORTSPEED["1GBIT"],
  2: HBA_PORTSPEED["2GBIT"],
  4: HBA_PORTSPEED["4GBIT"],
  8: HBA_PORTSPEED["8GBIT"],
  10: HBA_PORTSPEED["10GBIT"],
  16: HBA_PORTSPEED["16GBIT"],
  32: HBA_PORTSPEED["32GBIT"]
};
function speedBit(gbps) {
  return SPEED_BITS[gbps] ?? HBA_PORTSPEED.UNKNOWN;
}
function speedBits(gbps) {
  let bits = 0;
  for (const g of gbps) bits |= speedBit(g);
  return bits;
}
function portTypeOf(topology) {
  switch (topology) {
    case "fabric":
      return HBA_PORTTYPE.NPORT;
    case "public-loop":
      return HBA_PORTTYPE.NLPORT;
    case "private-loop":
      return HBA_PORTTYPE.LPORT;
    case "point-to-point":
      return HBA_PORTTYPE.PTP;
    default:
      return HBA_PORTTYPE.UNKNOWN;
  }
}
function adapterAttributes(fca, hostName) {
  const m = fca.model;
  const port0 = fca.ports[0];
  return {
    Manufacturer: m.manufacturer,
    SerialNumber: fca.serial,
    Model: m.model,
    ModelDescription: m.modelDescription,
    NodeWWN: fca.nodeWwn,
    NodeSymbolicName: `${hostName}:${port0.driverInstanceName}`,
    HardwareVersion: m.hardwareVersion,
    DriverVersion: m.driverVersion,
    OptionROMVersion: m.optionRomVersion,
    FirmwareVersion: m.firmwareVersion,
    VendorSpecificID: fca.vendorSpecificId,
    NumberOfPorts: fca.ports.length,
    DriverName: m.driverName
  };
}
function localPortAttributes(fp, fcaPort) {
  const online = fp.state === "online";
  const types = fp.virtual ? [Fc4Type.fcp] : [Fc4Type.ip, Fc4Type.fcp];
  return {
    NodeWWN: fp.wwnn,
    PortWWN: fp.wwpn,
    PortFcId: fp.fcid ?? 0,
    PortType: online ? portTypeOf(fp.topology) : HBA_PORTTYPE.UNKNOWN,
    PortState: online ? HBA_PORTSTATE.ONLINE : HBA_PORTSTATE.OFFLINE,
    PortSupportedClassofService: CLASS_3,
    PortSupportedFc4Types: types,
    PortActiveFc4Types: online ? types : [],
    PortSymbolicName: fp.symbolicPortName,
    OSDeviceName: fp.osDeviceName,
    PortSupportedSpeed: speedBits(fcaPort.model.supportedSpeedsGbps),
    PortSpeed: online ? speedBit(fp.speedGbps) : HBA_PORTSPEED.UNKNOWN,
    PortMaxFrameSize: MAX_FRAME_SIZE,
    FabricName: fp.fabricName ?? NO_WWN,
    NumberofDiscoveredPorts: fp.remotePorts.length
  };
}
function discoveredPortAttributes(r, via) {
  const online = r.state === "online";
  const topology = via.topology;
  return {
    NodeWWN: r.wwnn,
    PortWWN: r.wwpn,
    PortFcId: r.fcid,
    PortType: topology === "private-loop" ? HBA_PORTTYPE.LPORT : topology === "public-loop" ? HBA_PORTTYPE.NLPORT : topology === "point-to-point" ? HBA_PORTTYPE.PTP : HBA_PORTTYPE.NPORT,
    PortState: online ? HBA_PORTSTATE.ONLINE : HBA_PORTSTATE.OFFLINE,
    PortSupportedClassofService: CLASS_3,
    PortSupportedFc4Types: [...r.fc4Types],
    PortActiveFc4Types: [...r.fc4Types],
    PortSymbolicName: r.symbolicPortName,
    OSDeviceName: "",
    PortSupportedSpeed: HBA_PORTSPEED.UNKNOWN,
    PortSpeed: HBA_PORTSPEED.UNKNOWN,
    PortMaxFrameSize: MAX_FRAME_SIZE,
    FabricName: via.fabricName ?? NO_WWN,
    NumberofDiscoveredPorts: 0
  };
}
function portStatistics(stats, now) {
  return {
    SecondsSinceLastReset: Math.floor((now - stats.resetAt) / 1e3),
    TxFrames: stats.txFrames,
    RxFrames: stats.rxFrames,
    TxWords: stats.txWords,
    RxWords: stats.rxWords,
    LIPCount: stats.lipCount,
    NOSCount: stats.nosCount,
    ErrorFrames: stats.errorFrames,
    DumpedFrames: stats.dumpedFrames,
    LinkFailureCount: stats.linkFailureCount,
    LossOfSyncCount: stats.lossOfSyncCount,
    LossOfSignalCount: stats.lossOfSignalCount,
    PrimitiveSeqProtocolErrCount: stats.primitiveSeqProtocolErrorCount,
    InvalidTxWordCount: stats.invalidTxWordCount,
    InvalidCRCCount: stats.invalidCrcCount
  };
}
function rlsStatistics(lesb) {
  return {
    SecondsSinceLastReset: -1,
    TxFrames: -1,
    RxFrames: -1,
    TxWords: -1,
    RxWords: -1,
    LIPCount: -1,
    NOSCount: -1,
    ErrorFrames: -1,
    DumpedFrames: -1,
    LinkFailureCount: lesb.linkFailureCount,
    LossOfSyncCount: lesb.lossOfSyncCount,
    LossOfSignalCount: lesb.lossOfSignalCount,
    PrimitiveSeqProtocolErrCount: lesb.primitiveSeqProtocolErrorCount,
    InvalidTxWordCount: lesb.invalidTxWordCount,
    InvalidCRCCount: lesb.invalidCrcCount
  };
}

// source/hbaapi/EventBridge.ts
var EventBridge = class {
  /**
   * `subscribe` binds to the driver's sysevents. Like libsun_fc (validateRegistration), the
   * bridge is bound only while a callback is registered, so a library opened for one command and
   * dropped leaves nothing behind on the stack.
   */
  constructor(sim, subscribe) {
    this.sim = sim;
    this.subscribe = subscribe;
  }
  sim;
  subscribe;
  listeners = /* @__PURE__ */ new Map();
  /** Listeners that filter on one port, by that port's WWN (an RSCN storm reaches only its own). */
  byPort = /* @__PURE__ */ new Map();
  global = /* @__PURE__ */ new Set();
  nextHandle = 1;
  queue = [];
  flush;
  unsubscribe;
  add(listener) {
    const handle = this.nextHandle++;
    this.listeners.set(handle, listener);
    this.unsubscribe ??= this.subscribe(this.onSysevent);
    if ("port" in listener) {
      let set = this.byPort.get(listener.port);
      if (!set) this.byPort.set(listener.port, set = /* @__PURE__ */ new Set());
      set.add(handle);
    } else {
      this.global.add(handle);
    }
    return handle;
  }
  remove(handle) {
    const listener = this.listeners.get(handle);
    if (!listener) return false;
    this.listeners.delete(handle);
    if ("port" in listener) {
      const set = this.byPort.get(listener.port);
      set.delete(handle);
      if (set.size === 0) this.byPort.delete(listener.port);
    } else {
      this.global.delete(handle);
    }
    if (this.listeners.size === 0) this.unbind();
    return true;
  }
  removeAll() {
    this.listeners.clear();
    this.byPort.clear();
    this.global.clear();
    this.unbind();
  }
  unbind() {
    this.unsubscribe?.();
    this.unsubscribe = void 0;
  }
  onSysevent = (event) => {
    const local = this.byPort.get(event.portWwn);
    if (this.global.size === 0 && !local) return;
    for (const handle of this.global) this.match(handle, event);
    if (local) for (const handle of local) this.match(handle, event);
  };
  match(handle, e) {
    const l = this.listeners.get(handle);
    const port = e.portWwn;
    switch (l.kind) {
      case "adapter-add":
        if (e.subclass === "port_attach") this.post(handle, () => l.cb(l.user, port, HBA_EVENT.ADAPTER_ADD));
        return;
      case "adapter":
        if (e.subclass === "port_detach" && l.ports.has(port)) this.post(handle, () => l.cb(l.user, port, HBA_EVENT.ADAPTER_REMOVE));
        return;
      case "link": {
        if (!l.ports.has(port)) return;
        const type = e.subclass === "port_online" ? HBA_EVENT.LINK_UP : e.subclass === "port_offline" ? HBA_EVENT.LINK_DOWN : e.subclass === "port_rscn" ? HBA_EVENT.RSCN : 0;
        if (type) this.post(handle, () => l.cb(l.user, port, type, void 0, 0));
        return;
      }
      case "adapter-port":
        if (e.subclass === "port_online") this.post(handle, () => l.cb(l.user, port, HBA_EVENT.PORT_ONLINE, 0));
        else if (e.subclass === "port_offline") this.post(handle, () => l.cb(l.user, port, HBA_EVENT.PORT_OFFLINE, 0));
        else if (e.subclass === "target_add") this.post(handle, () => l.cb(l.user, port, HBA_EVENT.PORT_NEW_TARGETS, 0));
        else if (e.subclass === "port_rscn") {
          for (const page of e.affectedPages ?? []) this.post(handle, () => l.cb(l.user, port, HBA_EVENT.PORT_FABRIC, page));
        }
        return;
      case "target":
        if (e.subclass !== "target_remove" || !e.targetPortWwn) return;
        if (l.all || l.target === e.targetPortWwn) {
          const target = e.targetPortWwn;
          this.post(handle, () => l.cb(l.user, port, target, HBA_EVENT.TARGET_REMOVED));
        }
        return;
      case "device":
        if (e.subclass === "device_online") this.post(handle, () => l.cb(l.user, port, HBA_EVENT.DEVICE_ONLINE, 0));
        else if (e.subclass === "device_offline") this.post(handle, () => l.cb(l.user, port, HBA_EVENT.DEVICE_OFFLINE, 0));
        return;
    }
  }
  /** Queues a callback; it runs only if its registration still exists when the queue drains. */
  post(handle, call) {
    this.queue.push(() => {
      if (this.listeners.has(handle)) call();
    });
    this.flush ??= this.sim.schedule(0, this.drain, "hbaapi callbacks");
  }
  drain = () => {
    this.flush = void 0;
    const calls = this.queue;
    this.queue = [];
    for (const call of calls) call();
  };
};

// source/hbaapi/Handles.ts
var LIB_INDEX = 1;
var MAX_VENDOR_HANDLE = 32767;
var OpenHandle = class {
  constructor(value, fca) {
    this.value = value;
    this.fca = fca;
  }
  value;
  fca;
  ports = /* @__PURE__ */ new Map();
  /** False when the port changed since this handle's first index-based call (STALE_DATA). */
  validate(port) {
    const tracking = this.ports.get(port.wwpn);
    const state = port.physical.lastChange;
    if (!tracking) {
      this.ports.set(port.wwpn, { lastState: state, vports: [...port.vports] });
      return true;
    }
    return tracking.lastState === state;
  }
  /** The virtual port list as of the first index-based call (newest first). */
  vportList(port) {
    this.validate(port);
    return this.ports.get(port.wwpn).vports;
  }
  refresh() {
    this.ports.clear();
  }
};
var HandleTable = class {
  open = /* @__PURE__ */ new Map();
  previous = 0;
  /** A new handle for `fca`, or undefined when all 0x7fff are open. */
  openFor(fca) {
    let id = this.previous + 1;
    for (let tries = 0; tries < MAX_VENDOR_HANDLE; tries++, id++) {
      if (id > MAX_VENDOR_HANDLE) id = 1;
      const value = LIB_INDEX << 16 | id;
      if (this.open.has(value)) continue;
      this.previous = id;
      const handle = new OpenHandle(value, fca);
      this.open.set(value, handle);
      return handle;
    }
    return void 0;
  }
  get(value) {
    return this.open.get(value);
  }
  close(value) {
    return this.open.delete(value);
  }
  closeAll() {
    this.open.clear();
  }
};

// source/hbaapi/RandomWwn.ts
var SUN_OUI = 125;
var MAX_DRAWS = 1e3;
var RandomWwnSource = class {
  constructor(prng, registry, inUse = () => false) {
    this.prng = prng;
    this.registry = registry;
    this.inUse = inUse;
  }
  prng;
  registry;
  inUse;
  /** A fresh pair, remembered in the registry; undefined if none could be found. */
  next(oui = SUN_OUI) {
    const o = oui >>> 0;
    const b0 = (o >> 16 & 255) >> 2 | 192;
    const b1 = o >> 8 & 255;
    const b2 = o & 255;
    for (let draw = 0; draw < MAX_DRAWS; draw++) {
      const r = this.prng.bytes(5);
      const nwwn = wwnFromBytes([b0, b1, b2, r[0], r[1], r[2], r[3], r[4]]);
      const pwwn = wwnFlipLowBit(nwwn);
      if (this.registry.isKnown(nwwn) || this.registry.isKnown(pwwn) || this.inUse(nwwn) || this.inUse(pwwn)) continue;
      this.registry.remember(nwwn);
      this.registry.remember(pwwn);
      return { nwwn, pwwn };
    }
    return void 0;
  }
};

// source/hbaapi/HbaLibrary.ts
var ok = (value) => ({ status: HBA_STATUS.OK, value });
var fail = (status, detail, scsi) => ({ status, ...detail === void 0 ? {} : { detail }, ...scsi ? { scsi } : {} });
var SCSI_GOOD = 0;
var SCSI_CHECK_CONDITION = 2;
var FC_OFFLINE = 13;
function createHbaApi(stack, options) {
  return new HbaLibrary(stack, options);
}
var HbaLibrary = class {
  constructor(stack, options) {
    this.stack = stack;
    this.events = new EventBridge(options.sim, (listener) => stack.subscribe(listener));
    this.random = new RandomWwnSource(options.prng, options.wwnRegistry, (w) => stack.localPort(w) !== void 0);
  }
  stack;
  handles = new HandleTable();
  events;
  random;
  // ---- resolution helpers ----------------------------------------------------------------------
  handle(h) {
    return this.handles.get(h);
  }
  portAt(handle, portIndex) {
    return Number.isInteger(portIndex) ? handle.fca.ports[portIndex] : void 0;
  }
  /** An HBA port WWN of the adapter: one of its physical ports or a virtual port on one. */
  localPort(fca, wwpn) {
    const w = parseWwn(String(wwpn));
    if (!w) return void 0;
    for (const port of fca.ports) {
      if (port.wwpn === w) return port.physical;
      const vp = port.vport(w);
      if (vp && vp.state !== "deleting") return vp;
    }
    return void 0;
  }
  withHandle(h, f) {
    const handle = this.handle(h);
    return handle ? f(handle) : fail(HBA_STATUS.ERROR_INVALID_HANDLE);
  }
  withPort(h, portIndex, f) {
    return this.withHandle(h, (handle) => {
      const port = this.portAt(handle, portIndex);
      return port ? f(handle, port) : fail(HBA_STATUS.ERROR_ILLEGAL_INDEX);
    });
  }
  withLocalPort(h, wwpn, f) {
    return this.withHandle(h, (handle) => {
      const fp = this.localPort(handle.fca, wwpn);
      return fp ? f(fp, handle) : fail(HBA_STATUS.ERROR_ILLEGAL_WWN);
    });
  }
  /** The discovered port and the local port to talk to it through. */
  withTarget(h, hbaPortWWN, discoveredPortWWN, f) {
    return this.withLocalPort(h, hbaPortWWN, (fp) => {
      const w = parseWwn(String(discoveredPortWWN));
      const remote = w ? fp.remotePort(w) : void 0;
      return remote ? f(fp, remote) : fail(HBA_STATUS.ERROR_ILLEGAL_WWN);
    });
  }
  // ---- library and adapters --------------------------------------------------------------------
  HBA_GetVersion() {
    return 2;
  }
  HBA_LoadLibrary() {
    return HBA_STATUS.OK;
  }
  HBA_FreeLibrary() {
    this.handles.closeAll();
    this.events.removeAll();
    return HBA_STATUS.OK;
  }
  HBA_GetNumberOfAdapters() {
    return this.stack.fcas.length;
  }
  HBA_GetAdapterName(adapterIndex) {
    const fca = Number.isInteger(adapterIndex) ? this.stack.fcas[adapterIndex] : void 0;
    if (!fca) return fail(HBA_STATUS.ERROR_ILLEGAL_INDEX);
    return ok(`${fca.model.manufacturer}-${fca.model.model}-${adapterIndex}`);
  }
  HBA_OpenAdapter(adapterName) {
    const tail = adapterName.slice(adapterName.lastIndexOf("-") + 1);
    const fca = /^\d+$/.test(tail) ? this.stack.fcas[Number(tail)] : void 0;
    return fca ? this.handles.openFor(fca)?.value ?? 0 : 0;
  }
  HBA_OpenAdapterByWWN(wwn) {
    const w = parseWwn(String(wwn));
    const fca = w && this.stack.fcas.find((f) => f.ports.some((p) => p.wwpn === w || p.wwnn === w));
    if (!fca) return fail(HBA_STATUS.ERROR_ILLEGAL_WWN);
    const handle = this.handles.openFor(fca);
    return handle ? ok(handle.value) : fail(HBA_STATUS.ERROR_TRY_AGAIN);
  }
  HBA_CloseAdapter(handle) {
    this.handles.close(handle);
  }
  HBA_RefreshInformation(handle) {
    this.handle(handle)?.refresh();
  }
  HBA_RefreshAdapterConfiguration() {
  }
  HBA_GetAdapterAttributes(h) {
    return this.withHandle(h, (handle) => ok(adapterAttributes(handle.fca, this.stack.name)));
  }
  HBA_GetAdapterPortAttributes(h, portIndex) {
    return this.withPort(h, portIndex, (handle, port) => {
      if (!handle.validate(port)) return fail(HBA_STATUS.ERROR_STALE_DATA);
      return ok(localPortAttributes(port.physical, port));
    });
  }
  HBA_GetPortStatistics(h, portIndex) {
    return this.withPort(h, portIndex, (_handle, port) => ok(portStatistics(port.stats, this.stack.sim.now)));
  }
  HBA_ResetStatistics(h, portIndex) {
    return this.withPort(h, portIndex, (_handle, port) => {
      port.stats.reset(this.stack.sim.now);
      return ok(void 0);
    }).status;
  }
  HBA_GetDiscoveredPortAttributes(h, portIndex, discoveredPortIndex) {
    return this.withPort(h, portIndex, (handle, port) => {
      const remote = port.physical.remotePorts[discoveredPortIndex];
      if (!Number.isInteger(discoveredPortIndex) || !remote) return fail(HBA_STATUS.ERROR_ILLEGAL_INDEX);
      if (!handle.validate(port)) return fail(HBA_STATUS.ERROR_STALE_DATA);
      return ok(discoveredPortAttributes(remote, port.physical));
    });
  }
  HBA_GetPortAttributesByWWN(h, portWWN) {
    return this.withHandle(h, (handle) => {
      const own = this.localPort(handle.fca, portWWN);
      if (own) return ok(localPortAttributes(own, own.fca));
      const w = parseWwn(String(portWWN));
      if (w) {
        for (const port of handle.fca.ports) {
          for (const fp of [port.physical, ...port.vports]) {
            const remote = fp.remotePort(w);
            if (remote) return ok(discoveredPortAttributes(remote, fp));
          }
        }
      }
      return fail(HBA_STATUS.ERROR_ILLEGAL_WWN);
    });
  }
  HBA_SendRLS(h, hbaPortWWN, destWWN) {
    return this.withLocalPort(h, hbaPortWWN, (fp) => {
      const dest = parseWwn(String(destWWN));
      if (dest === fp.wwpn || dest === fp.physicalWwpn) return ok(rlsStatistics(fp.fca.stats.errorStatus()));
      const remote = dest ? fp.remotePort(dest) : void 0;
      if (!remote) return fail(HBA_STATUS.ERROR_ILLEGAL_WWN);
      const link = fp.fca.link;
      if (!link || fp.fcid === void 0) return fail(HBA_STATUS.ERROR, "port offline");
      fp.fca.stats.exchange();
      const reply = link.rls(fp.fcid, remote.fcid);
      if ("accepted" in reply) return fail(HBA_STATUS.ERROR_ELS_REJECT, `LS_RJT ${reply.reason}/${reply.explanation}`);
      return ok(rlsStatistics(reply));
    });
  }
  HBA_GetFcpTargetMappingV2(h, hbaPortWWN) {
    return this.withLocalPort(h, hbaPortWWN, (fp) => {
      const entry = [];
      fp.remotePorts.forEach((remote, targetNumber) => {
        for (const lun of remote.luns) {
          entry.push({
            ScsiId: { OSDeviceName: lun.osDeviceName, ScsiBusNumber: fp.controller, ScsiTargetNumber: targetNumber, ScsiOSLun: lun.lun },
            FcpId: { FcId: remote.fcid, NodeWWN: remote.wwnn, PortWWN: remote.wwpn, FcpLun: lun.fcpLun },
            LUID: lun.luid
          });
        }
      });
      return ok({ NumberOfEntries: entry.length, entry });
    });
  }
  // ---- SCSI pass-through -----------------------------------------------------------------------
  passThrough(fp, remote, command, good) {
    if (!remote.target) return fail(HBA_STATUS.ERROR_NOT_A_TARGET);
    const reply = fp.scsiTo(remote, command);
    if (reply.status === "check-condition") {
      return fail(HBA_STATUS.SCSI_CHECK_CONDITION, "CHECK CONDITION", { ScsiStatus: SCSI_CHECK_CONDITION, Sense: { ...reply.sense } });
    }
    if (reply.status === "no-connection") return fail(HBA_STATUS.ERROR, `no connection to ${remote.wwpn}`);
    const value = good(reply);
    return value === void 0 ? fail(HBA_STATUS.ERROR, "unexpected reply") : ok(value);
  }
  HBA_ScsiInquiryV2(h, hbaPortWWN, discoveredPortWWN, fcLUN, CDB_Byte1, CDB_Byte2) {
    return this.withTarget(h, hbaPortWWN, discoveredPortWWN, (fp, remote) => {
      if (CDB_Byte1 !== 0 || CDB_Byte2 !== 0) {
        if (!remote.target) return fail(HBA_STATUS.ERROR_NOT_A_TARGET);
        return fail(HBA_STATUS.SCSI_CHECK_CONDITION, "INVALID FIELD IN CDB", { ScsiStatus: SCSI_CHECK_CONDITION, Sense: { key: 5, asc: 36, ascq: 0 } });
      }
      return this.passThrough(fp, remote, { op: "inquiry", lun: decodeFcpLun(BigInt(fcLUN)) }, (reply) => {
        if (!("inquiry" in reply)) return void 0;
        const d = reply.inquiry;
        const inquiry = {
          PeripheralQualifier: d.peripheralQualifier,
          PeripheralDeviceType: d.deviceType,
          Removable: d.removable,
          VendorIdentification: d.vendor,
          ProductIdentification: d.product,
          ProductRevisionLevel: d.revision
        };
        return { inquiry, scsi: { ScsiStatus: SCSI_GOOD } };
      });
    });
  }
  HBA_ScsiReportLUNsV2(h, hbaPortWWN, discoveredPortWWN) {
    return this.withTarget(
      h,
      hbaPortWWN,
      discoveredPortWWN,
      (fp, remote) => this.passThrough(fp, remote, { op: "report-luns" }, (reply) => "luns" in reply ? { luns: reply.luns.map(encodeFcpLun), scsi: { ScsiStatus: SCSI_GOOD } } : void 0)
    );
  }
  HBA_ScsiReadCapacityV2(h, hbaPortWWN, discoveredPortWWN, fcLUN) {
    return this.withTarget(
      h,
      hbaPortWWN,
      discoveredPortWWN,
      (fp, remote) => this.passThrough(
        fp,
        remote,
        { op: "read-capacity", lun: decodeFcpLun(BigInt(fcLUN)) },
        (reply) => "capacity" in reply ? { blocks: reply.capacity.blocks, blockSize: reply.capacity.blockSize, scsi: { ScsiStatus: SCSI_GOOD } } : void 0
      )
    );
  }
  // ---- events ----------------------------------------------------------------------------------
  HBA_RegisterForAdapterAddEvents(callback, userData) {
    if (typeof callback !== "function") return fail(HBA_STATUS.ERROR_ARG);
    return ok(this.events.add({ kind: "adapter-add", cb: callback, user: userData }));
  }
  HBA_RegisterForAdapterEvents(callback, userData, h) {
    if (typeof callback !== "function") return fail(HBA_STATUS.ERROR_ARG);
    return this.withHandle(h, (handle) => ok(this.events.add({ kind: "adapter", cb: callback, user: userData, ports: physicalWwpns(handle.fca) })));
  }
  HBA_RegisterForAdapterPortEvents(callback, userData, h, PortWWN) {
    if (typeof callback !== "function") return fail(HBA_STATUS.ERROR_ARG);
    return this.withLocalPort(h, PortWWN, (fp) => ok(this.events.add({ kind: "adapter-port", cb: callback, user: userData, port: fp.wwpn })));
  }
  HBA_RegisterForTargetEvents(callback, userData, h, hbaPortWWN, discoveredPortWWN, allTargets) {
    if (typeof callback !== "function") return fail(HBA_STATUS.ERROR_ARG);
    return this.withLocalPort(h, hbaPortWWN, (fp) => {
      const target = discoveredPortWWN === null ? null : parseWwn(String(discoveredPortWWN)) ?? null;
      if (!allTargets && target === null) return fail(HBA_STATUS.ERROR_ILLEGAL_WWN);
      return ok(this.events.add({ kind: "target", cb: callback, user: userData, port: fp.wwpn, target, all: allTargets }));
    });
  }
  HBA_RegisterForLinkEvents(callback, userData, h) {
    if (typeof callback !== "function") return fail(HBA_STATUS.ERROR_ARG);
    return this.withHandle(h, (handle) => ok(this.events.add({ kind: "link", cb: callback, user: userData, ports: physicalWwpns(handle.fca) })));
  }
  Sun_HBA_RegisterForAdapterDeviceEvents(callback, userData, h, PortWWN) {
    if (typeof callback !== "function") return fail(HBA_STATUS.ERROR_ARG);
    return this.withLocalPort(h, PortWWN, (fp) => ok(this.events.add({ kind: "device", cb: callback, user: userData, port: fp.wwpn })));
  }
  HBA_RemoveCallback(callbackHandle) {
    return this.events.remove(callbackHandle) ? HBA_STATUS.OK : HBA_STATUS.ERROR_INVALID_HANDLE;
  }
  // ---- Sun extensions --------------------------------------------------------------------------
  Sun_HBA_GetNumberOfTgtAdapters() {
    return 0;
  }
  Sun_HBA_OpenTgtAdapterByWWN(_wwn) {
    return fail(HBA_STATUS.ERROR_ILLEGAL_WWN);
  }
  Sun_HBA_NPIVGetAdapterAttributes(h) {
    return this.HBA_GetAdapterAttributes(h);
  }
  Sun_HBA_GetPortNPIVAttributes(h, portIndex) {
    return this.withPort(h, portIndex, (handle, port) => {
      if (!handle.validate(port)) return fail(HBA_STATUS.ERROR_STALE_DATA);
      const model = port.model;
      return ok({
        npivflag: model.npiv ? 1 : 0,
        NodeWWN: port.wwnn,
        PortWWN: port.wwpn,
        MaxNumberOfNPIVPorts: model.maxNpivPorts,
        NumberOfNPIVPorts: handle.vportList(port).length
      });
    });
  }
  Sun_HBA_GetNPIVPortInfo(h, portIndex, vportIndex) {
    return this.withVport(h, portIndex, vportIndex, (vp) => ok({ NodeWWN: vp.wwnn, PortWWN: vp.wwpn }));
  }
  Sun_HBA_GetNPIVPortAttributes(h, portIndex, vportIndex) {
    return this.withVport(h, portIndex, vportIndex, (vp) => ok(localPortAttributes(vp, vp.fca)));
  }
  Sun_HBA_GetNPIVDiscoveredPortAttributes(h, portIndex, vportIndex, discoveredPortIndex) {
    return this.withVport(h, portIndex, vportIndex, (vp) => {
      const remote = Number.isInteger(discoveredPortIndex) ? vp.remotePorts[discoveredPortIndex] : void 0;
      return remote ? ok(discoveredPortAttributes(remote, vp)) : fail(HBA_STATUS.ERROR_ILLEGAL_INDEX);
    });
  }
  withVport(h, portIndex, vportIndex, f) {
    return this.withPort(h, portIndex, (handle, port) => {
      const vp = Number.isInteger(vportIndex) ? handle.vportList(port)[vportIndex] : void 0;
      return vp ? f(vp) : fail(HBA_STATUS.ERROR_ILLEGAL_INDEX);
    });
  }
  Sun_HBA_CreateNPIVPort(h, portIndex, vnodeWWN, vportWWN, vindex) {
    return this.withPort(h, portIndex, (_handle, port) => {
      const wwnn = parseWwn(String(vnodeWWN));
      const wwpn = parseWwn(String(vportWWN));
      if (!wwnn || !wwpn) return fail(HBA_STATUS.ERROR_ILLEGAL_WWN, "not a WWN");
      if (/^0+$/.test(wwnn) || /^0+$/.test(wwpn) || wwnn === wwpn) return fail(HBA_STATUS.ERROR_ILLEGAL_WWN, wwnn === wwpn ? "port WWN is the same as node WWN" : "a WWN of zeros");
      const result = this.stack.createVirtualPort(port.wwpn, { wwpn, wwnn, index: vindex });
      if (!result.ok) return fail(HBA_STATUS.ERROR, `${result.reason}: ${result.message}`);
      return ok(result.port.vportIndex);
    });
  }
  Sun_HBA_DeleteNPIVPort(h, portIndex, vportWWN) {
    return this.withPort(h, portIndex, (_handle, port) => {
      const wwpn = parseWwn(String(vportWWN));
      if (!wwpn) return fail(HBA_STATUS.ERROR, "not a WWN");
      const result = this.stack.deleteVirtualPort(port.wwpn, wwpn);
      return result.ok ? ok(void 0) : fail(HBA_STATUS.ERROR, `${result.reason}: ${result.message}`);
    }).status;
  }
  /** Like libsun_fc, the handle and port index are not looked at: the WWNs come from the OUI and the PRNG. */
  Sun_HBA_AdapterCreateWWN(_h, _portIndex, oui, method) {
    if (method === HBA_CREATE_WWN_FACTORY) return fail(HBA_STATUS.ERROR_NOT_SUPPORTED);
    if (method !== HBA_CREATE_WWN_RANDOM) return fail(HBA_STATUS.ERROR_ARG);
    const pair = this.random.next(oui ?? void 0);
    return pair ? ok({ nwwn: pair.nwwn, pwwn: pair.pwwn }) : fail(HBA_STATUS.ERROR, "no unused random WWN found");
  }
  /** Returned WWNs stay remembered: a random WWN is never handed out again, in use or not. */
  Sun_HBA_AdapterReturnWWN(h, portIndex, _nwwn, _pwwn) {
    return this.withPort(h, portIndex, () => ok(void 0)).status;
  }
  Sun_HBA_ForceLip(h) {
    return this.withHandle(h, (handle) => ok(handle.fca.ports[0].forceLip() ? 0 : FC_OFFLINE));
  }
};
function physicalWwpns(fca) {
  return new Set(fca.ports.map((p) => p.wwpn));
}

// source/world/WorldError.ts
var WorldError = class extends Error {
  name = "WorldError";
};

// source/world/Cabling.ts
var Cable = class {
  constructor(config, a, b) {
    this.config = config;
    this.a = a;
    this.b = b;
    this.connected = config.connected !== false;
  }
  config;
  a;
  b;
  connected;
  get label() {
    return `${this.a.text} <-> ${this.b.text}`;
  }
  /** The N_Port end(s) of the cable. */
  nports() {
    return [this.a, this.b].flatMap((e) => e.kind === "nport" ? [e.endpoint] : []);
  }
  touches(end) {
    return sameEnd(this.a, end) || sameEnd(this.b, end);
  }
  toConfig() {
    const { connected: _drop, ...rest } = this.config;
    return this.connected ? rest : { ...rest, connected: false };
  }
};
function endText(end) {
  if ("switch" in end) return `${end.switch}/${end.port}`;
  if ("host" in end) return `${end.host}/${end.wwpn}`;
  if ("array" in end) return `${end.array}/${end.port}`;
  return `loop:${end.loop}`;
}
function resolveEnd(parts, end) {
  const text = endText(end);
  if ("switch" in end) {
    const sw = parts.fabrics.switch(end.switch);
    if (!sw) throw new WorldError(`cable end ${text}: no switch '${end.switch}'`);
    return { kind: "switch", switch: end.switch, port: end.port, text };
  }
  if ("loop" in end) {
    if (!parts.fabrics.loop(end.loop)) throw new WorldError(`cable end ${text}: no loop '${end.loop}'`);
    return { kind: "loop", loop: end.loop, text };
  }
  if ("host" in end) {
    const host = parts.hosts.find((h) => h.name === end.host);
    if (!host) throw new WorldError(`cable end ${text}: no host '${end.host}'`);
    const wwpn = parseWwn(end.wwpn);
    const port2 = wwpn ? host.ports.find((p) => p.wwpn === wwpn) : void 0;
    if (!port2) throw new WorldError(`cable end ${text}: host ${end.host} has no HBA port ${end.wwpn}`);
    const speeds = port2.model.supportedSpeedsGbps;
    return { kind: "nport", endpoint: port2, maxSpeedGbps: speeds[speeds.length - 1], text };
  }
  const array = parts.arrays.find((a) => a.name === end.array);
  if (!array) throw new WorldError(`cable end ${text}: no array '${end.array}'`);
  const port = array.ports.find((p) => p.name === end.port);
  if (!port) throw new WorldError(`cable end ${text}: array ${end.array} has no port '${end.port}'`);
  return { kind: "nport", endpoint: port, text };
}
function connect(fabrics, cable) {
  const { a, b } = cable;
  if (a.kind === "nport" && b.kind === "nport") {
    fabrics.connectPointToPoint(a.endpoint, b.endpoint);
    return;
  }
  const nport = a.kind === "nport" ? a : b.kind === "nport" ? b : void 0;
  const medium = nport === a ? b : a;
  if (!nport) throw new WorldError(`cable ${cable.label}: joins two switch or loop ports (use an ISL between switches)`);
  if (medium.kind === "switch") fabrics.plugIntoSwitch(nport.endpoint, medium.switch, medium.port, { maxSpeedGbps: nport.maxSpeedGbps });
  else if (medium.kind === "loop") fabrics.plugIntoLoop(nport.endpoint, medium.loop);
}
function disconnect(fabrics, cable) {
  const [first] = cable.nports();
  if (first) fabrics.unplug(first);
}
function sameEnd(x, y) {
  if (x.kind === "nport" && y.kind === "nport") return x.endpoint === y.endpoint;
  if (x.kind === "switch" && y.kind === "switch") return x.switch === y.switch && x.port === y.port;
  if (x.kind === "loop" && y.kind === "loop") return x.loop === y.loop;
  return false;
}

// source/world/NpivConfigService.ts
function parseNpivListEntry(value) {
  const parts = value.split(":");
  if (parts.length !== 4) return void 0;
  const [physical, vp, vn, idx] = parts;
  const vport = parseWwn(vp);
  const vnode = parseWwn(vn);
  const index = Number(idx);
  if (!parseWwn(physical) || !vport || !vnode || !Number.isInteger(index)) return void 0;
  return { physical, vport, vnode, index };
}
function replayNpivPortList(host, api, entries, log) {
  let created = 0;
  const source = `npiv_config@${host}`;
  for (const value of entries) {
    const entry = parseNpivListEntry(value);
    if (!entry) {
      log.emit(source, "world.npiv_config.skip", `malformed port_list value '${value}'`, { value });
      continue;
    }
    const opened = api.HBA_OpenAdapterByWWN(parseWwn(entry.physical));
    if (opened.status !== HBA_STATUS.OK) {
      log.emit(source, "world.npiv_config.fail", `physical port ${entry.physical} not found`, { value });
      continue;
    }
    const handle = opened.value;
    try {
      const portIndex = findPortIndex(api, handle, parseWwn(entry.physical));
      const attrs = api.Sun_HBA_GetPortNPIVAttributes(handle, portIndex);
      if (attrs.status !== HBA_STATUS.OK || !attrs.value) {
        log.emit(source, "world.npiv_config.fail", `no NPIV attributes for ${entry.physical}`, { value });
        continue;
      }
      const { MaxNumberOfNPIVPorts: max, NumberOfNPIVPorts: number } = attrs.value;
      if (max === 0 || max === number) {
        log.emit(source, "world.npiv_config.skip", `${entry.physical}: ${max === 0 ? "NPIV not supported" : "no free virtual ports"}; ${entry.vport} not created`, { value });
        continue;
      }
      const result = api.Sun_HBA_CreateNPIVPort(handle, portIndex, entry.vnode, entry.vport, entry.index);
      if (result.status === HBA_STATUS.OK) created++;
      else log.emit(source, "world.npiv_config.fail", `create ${entry.vport} on ${entry.physical} failed: ${statusName(result.status)}`, { value });
    } finally {
      api.HBA_CloseAdapter(handle);
    }
  }
  return created;
}
function findPortIndex(api, handle, wwpn) {
  const attrs = api.HBA_GetAdapterAttributes(handle);
  const n = attrs.value?.NumberOfPorts ?? 1;
  for (let i = 0; i < n; i++) {
    if (api.HBA_GetAdapterPortAttributes(handle, i).value?.PortWWN === wwpn) return i;
  }
  return 0;
}

// source/world/WwnLedger.ts
var WwnLedger = class {
  known = /* @__PURE__ */ new Set();
  constructor(lab2, retired) {
    for (const w of labWwns(lab2)) this.known.add(w);
    for (const text of retired) {
      const w = parseWwn(text);
      if (w) this.known.add(w);
    }
  }
  isKnown(wwn) {
    return this.known.has(wwn);
  }
  remember(wwn) {
    this.known.add(wwn);
  }
  /** The WWNs to keep as retired: seen but not in `lab`. */
  retiredAgainst(lab2) {
    const live = labWwns(lab2);
    return [...this.known].filter((w) => !live.has(w));
  }
};
function labWwns(lab2) {
  const out = /* @__PURE__ */ new Set();
  const visit = (value) => {
    if (typeof value === "string") {
      for (const word of value.split(/[\s;,]+|(?<=[0-9a-fA-F]{16}):(?=[0-9a-fA-F]{16})/)) {
        for (const candidate of word.split(/:(?=[0-9a-fA-F]{16})|(?<=[0-9a-fA-F]{16}):/)) {
          const w = candidate.length >= 16 ? parseWwn(candidate) : void 0;
          if (w) out.add(w);
        }
      }
    } else if (Array.isArray(value)) {
      for (const v of value) visit(v);
    } else if (value && typeof value === "object") {
      for (const v of Object.values(value)) visit(v);
    }
  };
  visit(lab2);
  return out;
}

// source/xvm/XenStore.ts
var XenStoreError = class extends Error {
};
var XenStore = class {
  constructor(sim, log, source, watchMs = 1) {
    this.sim = sim;
    this.log = log;
    this.source = source;
    this.watchMs = watchMs;
  }
  sim;
  log;
  source;
  watchMs;
  root = { value: "", gen: 0, children: /* @__PURE__ */ new Map() };
  /** Watches by path, so a write finds its watchers by walking up its own path. */
  watches = /* @__PURE__ */ new Map();
  watchSeq = 0;
  gen = 0;
  read(path) {
    return this.find(path)?.value;
  }
  exists(path) {
    return this.find(path) !== void 0;
  }
  /** Child names in creation order (xenstore `directory`). */
  list(path) {
    const node = this.find(path);
    return node ? [...node.children.keys()] : [];
  }
  write(path, value) {
    this.apply([[path, value]]);
    this.log.emit(this.source, "xvm.xenstore.write", `${path} = "${value}"`, { path, value });
  }
  /** Writes several keys under `base` as one change (one log event), as xend's transactions do. */
  writeMany(base, record) {
    const entries = Object.entries(record).map(([k, v]) => [`${base}/${k}`, String(v)]);
    if (entries.length === 0) this.apply([[base, ""]]);
    else this.apply(entries);
    this.log.emit(this.source, "xvm.xenstore.write", `${base}/ {${Object.keys(record).join(", ")}}`, {
      path: base,
      keys: Object.keys(record)
    });
  }
  rm(path) {
    const parts = split(path);
    if (parts.length === 0) throw new XenStoreError("cannot remove the root");
    const parent = this.find(join(parts.slice(0, -1)));
    if (!parent || !parent.children.has(parts.at(-1))) return;
    parent.children.delete(parts.at(-1));
    parent.gen = ++this.gen;
    this.fire(join(parts), true);
    this.log.emit(this.source, "xvm.xenstore.rm", `rm ${join(parts)}`, { path: join(parts) });
  }
  watch(path, token, cb) {
    const w = { path: join(split(path)), token, cb, seq: this.watchSeq++, active: true };
    const list = this.watches.get(w.path);
    if (list) list.push(w);
    else this.watches.set(w.path, [w]);
    this.deliver(w, w.path);
    return w;
  }
  unwatch(handle) {
    const w = handle;
    if (!w.active) return;
    w.active = false;
    const list = this.watches.get(w.path);
    if (!list) return;
    const i = list.indexOf(w);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) this.watches.delete(w.path);
  }
  /** Watches registered (for tests and the console's xenstore view). */
  get watchCount() {
    let n = 0;
    for (const list of this.watches.values()) n += list.length;
    return n;
  }
  /** Starts a transaction: reads see the store as of now plus the transaction's own writes. */
  transaction() {
    return new XenStoreTransaction(this, this.gen);
  }
  /** `xenstore-ls` style dump of a subtree. */
  dump(path = "/") {
    const node = this.find(path);
    if (!node) return "";
    const out = [];
    const walk = (n, depth) => {
      for (const [name2, child] of n.children) {
        out.push(`${" ".repeat(depth)}${name2} = "${child.value}"`);
        walk(child, depth + 1);
      }
    };
    walk(node, 0);
    return out.length ? out.join("\n") + "\n" : "";
  }
  /** Generation of the newest change at or below `path` (0 if absent). */
  generation(path) {
    const node = this.find(path);
    return node ? node.gen : 0;
  }
  /** @internal applies writes and fires watches; used by write, writeMany and transactions. */
  apply(entries) {
    const changed = [];
    for (const [path, value] of entries) {
      const parts = split(path);
      let node = this.root;
      for (const part of parts) {
        let child = node.children.get(part);
        if (!child) {
          child = { value: "", gen: 0, children: /* @__PURE__ */ new Map() };
          node.children.set(part, child);
          node.gen = ++this.gen;
        }
        node = child;
      }
      node.value = value;
      node.gen = ++this.gen;
      changed.push(join(parts));
    }
    for (const p of changed) this.fire(p, false);
  }
  find(path) {
    let node = this.root;
    for (const part of split(path)) {
      node = node.children.get(part);
      if (!node) return void 0;
    }
    return node;
  }
  fire(path, removed) {
    const hits = [];
    let prefix = "";
    for (const part of ["", ...split(path)]) {
      prefix = part === "" ? "/" : prefix === "/" ? `/${part}` : `${prefix}/${part}`;
      const list = this.watches.get(prefix);
      if (list) for (const w of list) hits.push({ w, at: path });
    }
    if (removed) {
      const below = `${path}/`;
      for (const [p, list] of this.watches) if (p.startsWith(below)) for (const w of list) hits.push({ w, at: w.path });
    }
    if (hits.length > 1) hits.sort((a, b) => a.w.seq - b.w.seq);
    for (const h of hits) this.deliver(h.w, h.at);
  }
  deliver(w, path) {
    this.sim.schedule(
      this.watchMs,
      () => {
        if (w.active) w.cb(path, w.token);
      },
      `xs-watch ${w.token}`
    );
  }
};
var XenStoreTransaction = class {
  constructor(store, startGen) {
    this.store = store;
    this.startGen = startGen;
  }
  store;
  startGen;
  writes = /* @__PURE__ */ new Map();
  touched = /* @__PURE__ */ new Set();
  ended = false;
  read(path) {
    this.touched.add(path);
    const w = this.writes.get(path);
    if (w === null) return void 0;
    return w ?? this.store.read(path);
  }
  write(path, value) {
    this.touched.add(path);
    this.writes.set(path, value);
  }
  /** Commits; false (EAGAIN) when a path this transaction read or wrote changed meanwhile. */
  commit() {
    if (this.ended) throw new XenStoreError("transaction already ended");
    this.ended = true;
    for (const p of this.touched) if (this.store.generation(p) > this.startGen) return false;
    const entries = [...this.writes].filter(([, v]) => v !== null);
    if (entries.length) this.store.apply(entries);
    return true;
  }
  abort() {
    this.ended = true;
  }
};
function split(path) {
  return path.split("/").filter((s) => s.length > 0);
}
function join(parts) {
  return `/${parts.join("/")}`;
}

// source/xvm/XenOp.ts
var XenOp = class _XenOp {
  state = "pending";
  result;
  message = "";
  listeners = [];
  static ok(value) {
    const op = new _XenOp();
    op.resolve(value);
    return op;
  }
  static done() {
    const op = new _XenOp();
    op.resolve();
    return op;
  }
  static failed(message) {
    const op = new _XenOp();
    op.fail(message);
    return op;
  }
  get done() {
    return this.state !== "pending";
  }
  get succeeded() {
    return this.state === "ok";
  }
  /** The error text (as xend raises it), when failed. */
  get error() {
    return this.state === "failed" ? this.message : void 0;
  }
  get value() {
    return this.result;
  }
  resolve(value) {
    if (this.state !== "pending") return;
    this.state = "ok";
    this.result = value;
    this.flush();
  }
  fail(message) {
    if (this.state !== "pending") return;
    this.state = "failed";
    this.message = message;
    this.flush();
  }
  /** Runs `listener` when settled (at once if already settled). */
  then(listener) {
    if (this.done) listener(this);
    else this.listeners.push(listener);
    return this;
  }
  /** Settles `other` the same way when this one settles. */
  forward(other, map) {
    return this.then((op) => op.succeeded ? other.resolve(map(op.value)) : other.fail(op.error));
  }
  flush() {
    const ls = this.listeners;
    this.listeners = [];
    for (const l of ls) l(this);
  }
};
function allOps(ops) {
  const all = new XenOp();
  let left = ops.length;
  if (left === 0) {
    all.resolve();
    return all;
  }
  const settle = () => {
    if (--left > 0) return;
    const bad = ops.find((o) => !o.succeeded);
    if (bad) all.fail(bad.error);
    else all.resolve();
  };
  for (const op of ops) op.then(settle);
  return all;
}

// source/xvm/Xenbus.ts
var XenbusState = {
  Unknown: 0,
  Initialising: 1,
  InitWait: 2,
  Initialised: 3,
  Connected: 4,
  Closing: 5,
  Closed: 6,
  Reconfiguring: 7,
  Reconfigured: 8
};
var XVD_MAJOR = 202;
function blockDeviceNumber(name2) {
  if (/^\d+$/.test(name2)) return Number(name2);
  if (/^0x[0-9a-f]+$/i.test(name2)) return parseInt(name2, 16);
  let m = /^xvd([a-z]+)(\d*)$/.exec(name2);
  if (m) {
    const disk = lettersToIndex(m[1]);
    const part = m[2] ? Number(m[2]) : 0;
    if (disk < 16 && part < 16) return XVD_MAJOR << 8 | disk << 4 | part;
    if (part > 255) return void 0;
    return 1 << 28 | disk << 8 | part;
  }
  m = /^hd([a-t])(\d*)$/.exec(name2);
  if (m) {
    const disk = m[1].charCodeAt(0) - 97;
    const majors = [3, 22, 33, 34, 56, 57, 88, 89, 90, 91];
    const part = m[2] ? Number(m[2]) : 0;
    if (part > 63) return void 0;
    return majors[disk >> 1] << 8 | (disk & 1) << 6 | part;
  }
  m = /^sd([a-z]+)(\d*)$/.exec(name2);
  if (m) {
    const disk = lettersToIndex(m[1]);
    const part = m[2] ? Number(m[2]) : 0;
    if (disk >= 16 || part > 15) return void 0;
    return 8 << 8 | disk << 4 | part;
  }
  return void 0;
}
function xvdName(index) {
  let n = index;
  let s = "";
  do {
    s = String.fromCharCode(97 + n % 26) + s;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return `xvd${s}`;
}
function lettersToIndex(letters) {
  let n = 0;
  for (const c of letters) n = n * 26 + (c.charCodeAt(0) - 96);
  return n - 1;
}

// source/xvm/DeviceController.ts
function backendPath(cls, domid, devid) {
  const base = `/local/domain/0/backend/${cls}/${domid}`;
  return devid === void 0 ? base : `${base}/${devid}`;
}
function frontendPath(cls, domid, devid) {
  const base = `/local/domain/${domid}/device/${cls}`;
  return devid === void 0 ? base : `${base}/${devid}`;
}
function parseBackendPath(path) {
  const m = /^\/local\/domain\/0\/backend\/([a-z]+)\/(\d+)\/(\d+)(\/.*)?$/.exec(path);
  return m ? { cls: m[1], domid: Number(m[2]), devid: Number(m[3]), rest: m[4] ?? "" } : void 0;
}
var DeviceController = class {
  constructor(store, sim, log, timing, source) {
    this.store = store;
    this.sim = sim;
    this.log = log;
    this.timing = timing;
    this.source = source;
  }
  store;
  sim;
  log;
  timing;
  source;
  createVbd(dom, devid, dev, uname, mode, extra = {}) {
    const domid = dom.domid;
    const colon = uname.indexOf(":");
    const type = colon > 0 ? uname.slice(0, colon) : "phy";
    const params = colon > 0 ? uname.slice(colon + 1) : uname;
    this.store.writeMany(backendPath("vbd", domid, devid), {
      domain: dom.name,
      frontend: frontendPath("vbd", domid, devid),
      "frontend-id": domid,
      online: 1,
      removable: 0,
      bootable: 1,
      state: XenbusState.Initialising,
      dev,
      type,
      mode,
      params,
      ...extra
    });
    this.store.writeMany(frontendPath("vbd", domid, devid), {
      backend: backendPath("vbd", domid, devid),
      "backend-id": 0,
      "virtual-device": devid,
      "device-type": "disk",
      state: XenbusState.Initialising
    });
    this.log.emit(this.source, "xvm.device.create", `${dom.name}: vbd ${devid} (${dev}) <- ${uname}`, { domain: dom.name, domid, cls: "vbd", devid, dev, uname });
    return { cls: "vbd", devid };
  }
  createVif(dom, devid, params, mac) {
    const domid = dom.domid;
    this.store.writeMany(backendPath("vif", domid, devid), {
      domain: dom.name,
      frontend: frontendPath("vif", domid, devid),
      "frontend-id": domid,
      online: 1,
      state: XenbusState.Initialising,
      handle: devid,
      mac,
      bridge: params.get("bridge") ?? "xenbr0",
      script: params.get("script") ?? "/etc/xen/scripts/vif-bridge"
    });
    this.store.writeMany(frontendPath("vif", domid, devid), {
      backend: backendPath("vif", domid, devid),
      "backend-id": 0,
      handle: devid,
      mac,
      state: XenbusState.Initialising
    });
    this.log.emit(this.source, "xvm.device.create", `${dom.name}: vif ${devid} (${mac})`, { domain: dom.name, domid, cls: "vif", devid, mac });
    return { cls: "vif", devid };
  }
  /** Seed 7.3 create step 1: the backend entry xfc watches for. There is no guest frontend. */
  createVfc(dom, devid, npiv) {
    const domid = dom.domid;
    this.store.writeMany(backendPath("vfc", domid, devid), {
      domain: dom.name,
      "frontend-id": domid,
      online: 1,
      "port-wwn": npiv.vpwwn,
      "node-wwn": npiv.vnwwn,
      "phys-port-wwn": npiv.ppwwn,
      autoattach: npiv.autoattach ? 1 : 0,
      state: XenbusState.Initialising
    });
    this.log.emit(this.source, "xvm.device.create", `${dom.name}: vfc ${devid} port ${npiv.vpwwn} on ${npiv.ppwwn}`, {
      domain: dom.name,
      domid,
      cls: "vfc",
      devid,
      vpwwn: npiv.vpwwn,
      ppwwn: npiv.ppwwn
    });
    return { cls: "vfc", devid };
  }
  devids(cls, domid) {
    return this.store.list(backendPath(cls, domid)).map(Number);
  }
  /**
   * Waits for `hotplug-status` of each device, as DevController.waitForDevice: connected -> ok;
   * error -> `Device N (cls) could not be connected. <hotplug-error>`; no answer in time ->
   * `... Hotplug scripts not working.`; node gone -> `... Device not found.`
   */
  waitForDevices(dom, devices, timeoutMs = this.timing.deviceTimeoutMs) {
    return allOps(devices.map((d) => this.waitForDevice(dom.domid, d, timeoutMs)));
  }
  waitForDevice(domid, dev, timeoutMs) {
    const op = new XenOp();
    const path = backendPath(dev.cls, domid, dev.devid);
    let timer;
    const watch = this.store.watch(path, `wait-${dev.cls}-${domid}-${dev.devid}`, () => check());
    const finish = (error) => {
      this.store.unwatch(watch);
      this.sim.cancel(timer);
      if (error === void 0) op.resolve();
      else op.fail(error);
    };
    const check = () => {
      if (op.done) return;
      if (!this.store.exists(path)) return finish(`Device ${dev.devid} (${dev.cls}) could not be connected. Device not found.`);
      const status = this.store.read(`${path}/hotplug-status`);
      if (status === "connected") return finish();
      if (status === "error") {
        const err = this.store.read(`${path}/hotplug-error`);
        return finish(`Device ${dev.devid} (${dev.cls}) could not be connected. ${err ?? "Backend device not found."}`);
      }
      if (status === "busy") {
        const err = this.store.read(`${path}/hotplug-error`) ?? "Busy.";
        return finish(`Device ${dev.devid} (${dev.cls}) could not be connected.
${err}`);
      }
    };
    timer = this.sim.schedule(timeoutMs, () => finish(`Device ${dev.devid} (${dev.cls}) could not be connected. Hotplug scripts not working.`), "xend device timeout");
    return op;
  }
  /**
   * Closes a vbd or vif. With `force`, or when the guest cannot answer (not scheduled), both nodes
   * go at once; otherwise after the frontend and backend reach Closed.
   */
  destroyDevice(dom, dev, force) {
    const domid = dom.domid;
    const be = backendPath(dev.cls, domid, dev.devid);
    const fe = frontendPath(dev.cls, domid, dev.devid);
    const op = new XenOp();
    if (!this.store.exists(be)) {
      op.resolve();
      return op;
    }
    this.store.writeMany(be, { online: 0, state: XenbusState.Closing });
    const remove = () => {
      if (op.done) return;
      this.store.rm(be);
      this.store.rm(fe);
      this.log.emit(this.source, "xvm.device.destroy", `${dom.name}: ${dev.cls} ${dev.devid} removed`, { domain: dom.name, domid, cls: dev.cls, devid: dev.devid });
      op.resolve();
    };
    if (force || !dom.scheduled) {
      remove();
      return op;
    }
    const watch = this.store.watch(`${be}/state`, `close-${dev.cls}-${domid}-${dev.devid}`, () => {
      if (Number(this.store.read(`${be}/state`)) === XenbusState.Closed) {
        this.store.unwatch(watch);
        this.sim.cancel(timer);
        remove();
      }
    });
    const timer = this.sim.schedule(this.timing.deviceTimeoutMs / 10, () => {
      this.store.unwatch(watch);
      remove();
    });
    return op;
  }
  /** Seed 7.3 delete steps 1-5 for a virtual FC port; settles when the backend node is gone. */
  destroyVfc(dom, devid) {
    const domid = dom.domid;
    const be = backendPath("vfc", domid, devid);
    const op = new XenOp();
    if (!this.store.exists(be)) {
      op.resolve();
      return op;
    }
    const closed = () => Number(this.store.read(`${be}/state`)) === XenbusState.Closed;
    const remove = () => {
      if (op.done) return;
      this.store.unwatch(watch);
      this.sim.cancel(timer);
      this.store.rm(be);
      this.log.emit(this.source, "xvm.device.destroy", `${dom.name}: vfc ${devid} removed`, { domain: dom.name, domid, cls: "vfc", devid });
      op.resolve();
    };
    this.store.write(`${be}/hotplug-status`, "error");
    const watch = this.store.watch(`${be}/state`, `vfc-close-${domid}-${devid}`, () => {
      if (closed()) remove();
    });
    const timer = this.sim.schedule(this.timing.deviceTimeoutMs, () => {
      this.log.emit(this.source, "xvm.device.timeout", `${dom.name}: vfc ${devid} did not close`, { domain: dom.name, domid, devid });
      remove();
    });
    return op;
  }
};

// source/xvm/BlockBackend.ts
var BlockBackend = class {
  constructor(store, sim, timing) {
    this.store = store;
    this.sim = sim;
    this.timing = timing;
    for (const cls of ["vbd", "vif"]) store.watch(`/local/domain/0/backend/${cls}`, `${cls}back`, (path) => this.onChange(path));
  }
  store;
  sim;
  timing;
  devices = /* @__PURE__ */ new Map();
  onChange(path) {
    const p = parseBackendPath(path);
    if (!p || p.cls !== "vbd" && p.cls !== "vif") return;
    this.reconcile(`/local/domain/0/backend/${p.cls}/${p.domid}/${p.devid}`);
  }
  reconcile(be) {
    const store = this.store;
    let dev = this.devices.get(be);
    if (!store.exists(be)) {
      if (dev?.frontendWatch) store.unwatch(dev.frontendWatch);
      this.devices.delete(be);
      return;
    }
    const state = Number(store.read(`${be}/state`));
    if (!dev) {
      if (state !== XenbusState.Initialising) return;
      dev = { path: be, hotplugged: false };
      this.devices.set(be, dev);
      const fe2 = store.read(`${be}/frontend`);
      if (fe2) dev.frontendWatch = store.watch(`${fe2}/state`, `otherend ${be}`, () => this.reconcile(be));
      this.sim.schedule(this.timing.hotplugMs, () => this.hotplug(be), `hotplug ${be}`);
      return;
    }
    if (!dev.hotplugged) return;
    const fe = store.read(`${be}/frontend`);
    const feState = fe ? Number(store.read(`${fe}/state`) ?? XenbusState.Closed) : XenbusState.Closed;
    if ((state === XenbusState.InitWait || state === XenbusState.Initialised) && feState === XenbusState.Initialised) {
      store.write(`${be}/state`, String(XenbusState.Connected));
    } else if (state === XenbusState.Closing && (feState === XenbusState.Closed || !fe || !store.exists(fe))) {
      store.write(`${be}/state`, String(XenbusState.Closed));
    }
  }
  hotplug(be) {
    const dev = this.devices.get(be);
    if (!dev || !this.store.exists(be)) return;
    if (Number(this.store.read(`${be}/state`)) !== XenbusState.Initialising) return;
    dev.hotplugged = true;
    this.store.writeMany(be, { "hotplug-status": "connected", state: XenbusState.InitWait });
  }
};

// source/xvm/GuestFrontends.ts
var GuestFrontends = class {
  constructor(store, sim, timing, hooks) {
    this.store = store;
    this.sim = sim;
    this.timing = timing;
    this.hooks = hooks;
  }
  store;
  sim;
  timing;
  hooks;
  guests = /* @__PURE__ */ new Map();
  /** Starts watching a new incarnation's frontends (called when its domid is allocated). */
  attach(domid) {
    if (this.guests.has(domid)) return;
    const rec = { watches: [], pending: /* @__PURE__ */ new Set(), shutdownPending: false, nextChannel: 0 };
    this.guests.set(domid, rec);
    const onChange = (path) => this.onChange(domid, path);
    rec.watches.push(this.store.watch(`/local/domain/${domid}/device`, `frontends-${domid}`, onChange));
    rec.watches.push(this.store.watch(`/local/domain/${domid}/control/shutdown`, `shutdown-${domid}`, () => this.reconcileShutdown(domid)));
    for (const cls of ["vbd", "vif"]) rec.watches.push(this.store.watch(`/local/domain/0/backend/${cls}/${domid}`, `otherend-${cls}-${domid}`, onChange));
  }
  detach(domid) {
    const rec = this.guests.get(domid);
    if (!rec) return;
    for (const w of rec.watches) this.store.unwatch(w);
    this.guests.delete(domid);
  }
  /** The domain became scheduled: its kernel catches up with everything it missed. */
  kick(domid) {
    for (const cls of ["vbd", "vif"]) for (const devid of this.store.list(`/local/domain/${domid}/device/${cls}`)) this.reconcile(domid, cls, devid);
    this.reconcileShutdown(domid);
  }
  onChange(domid, path) {
    let m = /^\/local\/domain\/\d+\/device\/([a-z]+)\/(\d+)/.exec(path);
    if (!m) m = /^\/local\/domain\/0\/backend\/([a-z]+)\/\d+\/(\d+)/.exec(path);
    if (m) this.reconcile(domid, m[1], m[2]);
    else if (/^\/local\/domain\/\d+\/device$/.test(path)) this.kick(domid);
  }
  reconcile(domid, cls, devid) {
    const rec = this.guests.get(domid);
    const dom = this.hooks.domainById(domid);
    if (!rec || !dom || !dom.scheduled) return;
    const fe = `/local/domain/${domid}/device/${cls}/${devid}`;
    if (!this.store.exists(fe)) return;
    const be = this.store.read(`${fe}/backend`);
    if (!be) return;
    const feState = Number(this.store.read(`${fe}/state`));
    const beState = Number(this.store.read(`${be}/state`) ?? XenbusState.Closed);
    const act = (key, fn) => {
      if (rec.pending.has(key)) return;
      rec.pending.add(key);
      this.sim.schedule(
        this.timing.frontendMs,
        () => {
          rec.pending.delete(key);
          if (this.guests.get(domid) === rec && dom.scheduled && this.store.exists(fe)) fn();
        },
        `frontend ${fe}`
      );
    };
    if (feState === XenbusState.Initialising && beState === XenbusState.InitWait) {
      act(`${fe}:init`, () => {
        if (Number(this.store.read(`${fe}/state`)) !== XenbusState.Initialising) return;
        const n = rec.nextChannel++;
        const rings = cls === "vif" ? { "tx-ring-ref": 768 + 2 * n, "rx-ring-ref": 769 + 2 * n } : { "ring-ref": 8 + n };
        this.store.writeMany(fe, { ...rings, "event-channel": 9 + n, state: XenbusState.Initialised });
      });
    } else if (feState === XenbusState.Initialised && beState === XenbusState.Connected) {
      act(`${fe}:connect`, () => this.store.write(`${fe}/state`, String(XenbusState.Connected)));
    } else if (beState === XenbusState.Closing && feState !== XenbusState.Closed) {
      act(`${fe}:close`, () => this.store.write(`${fe}/state`, String(XenbusState.Closed)));
    }
  }
  reconcileShutdown(domid) {
    const rec = this.guests.get(domid);
    const dom = this.hooks.domainById(domid);
    if (!rec || !dom || !dom.scheduled || rec.shutdownPending) return;
    const reason = this.store.read(`/local/domain/${domid}/control/shutdown`);
    if (!reason) return;
    rec.shutdownPending = true;
    this.sim.schedule(
      this.timing.guestShutdownMs,
      () => {
        rec.shutdownPending = false;
        if (this.guests.get(domid) !== rec || !dom.scheduled) return;
        const now = this.store.read(`/local/domain/${domid}/control/shutdown`);
        if (now === "poweroff" || now === "reboot" || now === "halt" || now === "suspend") this.hooks.guestShutdown(dom, now);
      },
      `guest shutdown ${domid}`
    );
  }
};

// source/xvm/DomainState.ts
function stateFlags(power) {
  switch (power) {
    case "running":
      return "-b----";
    case "building":
    case "paused":
      return "--p---";
    case "shutdown":
      return "---s--";
    case "crashed":
      return "----c-";
    case "dying":
      return "-----d";
    case "halted":
    case "suspended":
      return "------";
  }
}
function vmOperState(power, opts) {
  if (opts.migrating && power !== "halted" && power !== "crashed") return "migrating";
  switch (power) {
    case "building":
      return "preparing";
    case "running":
      return opts.shutdownRequested ? "shuttingdown" : "running";
    case "paused":
      return "paused";
    case "shutdown":
    case "dying":
      return "shuttingdown";
    case "crashed":
      return "crashed";
    case "halted":
      return "shutdown";
    case "suspended":
      return "suspended";
  }
}
function xendPowerState(power) {
  switch (power) {
    case "building":
    case "paused":
      return "paused";
    case "running":
      return "running";
    case "shutdown":
    case "dying":
      return "shutdown";
    case "crashed":
      return "crashed";
    case "halted":
      return "halted";
    case "suspended":
      return "suspended";
  }
}
function isActive(power) {
  return power !== "halted" && power !== "suspended";
}

// source/xvm/XenDomain.ts
function lunKey(vpwwn, targetWwn, lun) {
  return `${vpwwn}/${targetWwn}/${lun}`;
}
function fcpLunNumber(fcpLun) {
  return Number(fcpLun >> 48n & 0x3fffn);
}
var BOOT_CPU = 0.5;
var BOOT_MS = 8e3;
var IDLE_CPU_PER_VCPU = 4e-3;
var DOM0_CPU_PER_VCPU = 0.01;
var XenDomain = class {
  constructor(spec2, uuid, managed, power, privileged = false) {
    this.spec = spec2;
    this.uuid = uuid;
    this.managed = managed;
    this.privileged = privileged;
    this.power = power;
    this.onlineVcpus = spec2.vcpus;
  }
  spec;
  uuid;
  managed;
  privileged;
  domid;
  power;
  shutdownRequested;
  /** Set while the domain takes part in a live migration. */
  migrationRole;
  onlineVcpus;
  /** Sim time the current incarnation was created (xm uptime). */
  startTime;
  /**
   * Frontend names a LUN had in this guest, kept across vport re-creation and migration so that a
   * LUN comes back under the same xvd name (the "temporary list" of seed 7.3 step 2).
   */
  lunNames = /* @__PURE__ */ new Map();
  /** Restarts since creation (xm shutdown -R -w waits for it to move). */
  restartCount = 0;
  cpuSeconds = 0;
  runningSince;
  bootedAt;
  get name() {
    return this.migrationRole === "source" ? `migrating-${this.spec.name}` : this.spec.name;
  }
  get active() {
    return isActive(this.power);
  }
  get flags() {
    return this.privileged ? "r-----" : stateFlags(this.power);
  }
  get vmState() {
    return vmOperState(this.power, { migrating: this.migrationRole !== void 0, shutdownRequested: this.shutdownRequested !== void 0 });
  }
  get xendState() {
    return xendPowerState(this.power);
  }
  /** The guest is scheduled: unpaused and instantiated. */
  get scheduled() {
    return this.power === "running";
  }
  cpuTime(now) {
    if (this.runningSince === void 0) return this.cpuSeconds;
    return this.cpuSeconds + this.cpuBetween(this.runningSince, now);
  }
  /** Called by xend when the guest starts (or resumes) being scheduled. */
  markScheduled(now, freshBoot) {
    if (freshBoot) this.bootedAt = now;
    if (this.runningSince === void 0) this.runningSince = now;
  }
  /** Called when the guest stops being scheduled (pause, suspend, shutdown, destroy). */
  markDescheduled(now) {
    if (this.runningSince === void 0) return;
    this.cpuSeconds += this.cpuBetween(this.runningSince, now);
    this.runningSince = void 0;
  }
  /** A new incarnation (start, restart): CPU time and uptime start again. */
  resetAccounting(now, cpuSeconds = 0) {
    this.cpuSeconds = cpuSeconds;
    this.runningSince = void 0;
    this.bootedAt = void 0;
    this.startTime = now;
  }
  cpuBetween(from, to) {
    if (to <= from) return 0;
    const idle = (this.privileged ? DOM0_CPU_PER_VCPU : IDLE_CPU_PER_VCPU) * this.onlineVcpus;
    let burst = 0;
    if (this.bootedAt !== void 0) {
      const end = this.bootedAt + BOOT_MS;
      burst = Math.max(0, Math.min(to, end) - Math.max(from, this.bootedAt));
    }
    return ((to - from - burst) * idle + burst * BOOT_CPU) / 1e3;
  }
};

// source/xvm/NpivDaemon.ts
var BLOCK_TYPES = /* @__PURE__ */ new Map([
  [0, "disk"],
  [5, "cdrom"],
  [7, "optical"],
  [14, "disk"]
]);
var OTHER_TYPES = /* @__PURE__ */ new Map([
  [1, "tape"],
  [3, "processor"],
  [8, "changer"],
  [12, "array-controller"],
  [13, "enclosure"]
]);
var EVENT_NAMES = new Map(Object.entries(HBA_EVENT).map(([k, v]) => [v, k]));
var NpivDaemon = class {
  constructor(hba, sim, log, timing, source) {
    this.hba = hba;
    this.sim = sim;
    this.log = log;
    this.timing = timing;
    this.source = source;
    this.loaded = hba.HBA_LoadLibrary() === HBA_STATUS.OK;
  }
  hba;
  sim;
  log;
  timing;
  source;
  bindings = /* @__PURE__ */ new Map();
  loaded;
  attacher;
  setAttacher(attacher) {
    this.attacher = attacher;
  }
  hasPort(vpwwn) {
    return this.bindings.has(vpwwn);
  }
  port(vpwwn) {
    const b = this.bindings.get(vpwwn);
    return b ? view(b) : void 0;
  }
  ports() {
    return [...this.bindings.values()].map(view);
  }
  /** Seed 7.3 create steps 3-4: create the virtual port, then register for its events. */
  createPort(req) {
    const op = new XenOp();
    const { spec: spec2 } = req;
    const fail2 = (why) => {
      const msg = `NPIV port ${spec2.vpwwn}: ${why}`;
      this.log.emit(this.source, "xvm.daemon.create.failed", `${req.domain}: ${msg}`, { domain: req.domain, domid: req.domid, vpwwn: spec2.vpwwn, ppwwn: spec2.ppwwn, reason: why });
      op.fail(msg);
    };
    if (!this.loaded && this.hba.HBA_LoadLibrary() !== HBA_STATUS.OK) {
      fail2("Failed to load FC-HBA common library");
      return op;
    }
    const existing = this.bindings.get(spec2.vpwwn);
    if (existing) {
      if (existing.state !== "active" || existing.req.spec.ppwwn !== spec2.ppwwn) {
        fail2(`already created on HBA port ${existing.req.spec.ppwwn} (${existing.state})`);
        return op;
      }
      for (const key of [...existing.attached.keys()]) this.detach(existing, key, "port taken over");
      for (const t2 of existing.pendingAttach.values()) this.sim.cancel(t2);
      existing.pendingAttach.clear();
      const old = existing.req;
      existing.req = req;
      this.log.emit(this.source, "xvm.daemon.adopt", `${req.domain}: took over existing NPIV port ${spec2.vpwwn} (was ${old.domain}, domain ${old.domid})`, {
        domain: req.domain,
        domid: req.domid,
        vpwwn: spec2.vpwwn,
        from: old.domain
      });
      this.scheduleRescan(existing);
      op.resolve();
      return op;
    }
    const found = this.findPhysicalPort(spec2.ppwwn);
    if (typeof found === "string") {
      fail2(found);
      return op;
    }
    const { handle, portIndex } = found;
    const npiv = this.hba.Sun_HBA_GetPortNPIVAttributes(handle, portIndex);
    if (npiv.status === HBA_STATUS.ERROR_NOT_SUPPORTED || npiv.status === HBA_STATUS.OK && npiv.value.MaxNumberOfNPIVPorts === 0) {
      this.hba.HBA_CloseAdapter(handle);
      fail2(`HBA port ${spec2.ppwwn} does not support NPIV`);
      return op;
    }
    if (npiv.status !== HBA_STATUS.OK) {
      this.hba.HBA_CloseAdapter(handle);
      fail2(`failed to get NPIV attributes of HBA port ${spec2.ppwwn}: ${statusName(npiv.status)}`);
      return op;
    }
    if (npiv.value.NumberOfNPIVPorts >= npiv.value.MaxNumberOfNPIVPorts) {
      this.hba.HBA_CloseAdapter(handle);
      fail2(`HBA port ${spec2.ppwwn} has no free NPIV ports (${npiv.value.NumberOfNPIVPorts} of ${npiv.value.MaxNumberOfNPIVPorts} in use)`);
      return op;
    }
    let tries = 0;
    const attempt = () => {
      const r = this.hba.Sun_HBA_CreateNPIVPort(handle, portIndex, spec2.vnwwn, spec2.vpwwn, 0);
      if ((r.status === HBA_STATUS.ERROR_BUSY || r.status === HBA_STATUS.ERROR_TRY_AGAIN) && ++tries < this.timing.busyRetries) {
        this.sim.schedule(this.timing.busyRetryMs, attempt, "xennpivd create retry");
        return;
      }
      if (r.status !== HBA_STATUS.OK) {
        this.hba.HBA_CloseAdapter(handle);
        fail2(`failed to create on HBA port ${spec2.ppwwn}: ${statusName(r.status)}`);
        return;
      }
      const b = {
        req,
        handle,
        portIndex,
        vindex: r.value,
        state: "active",
        callbacks: [],
        visible: /* @__PURE__ */ new Map(),
        attached: /* @__PURE__ */ new Map(),
        pendingAttach: /* @__PURE__ */ new Map(),
        offlineTargets: /* @__PURE__ */ new Set(),
        types: /* @__PURE__ */ new Map()
      };
      this.bindings.set(spec2.vpwwn, b);
      this.log.emit(this.source, "xvm.daemon.create", `${req.domain}: created NPIV port ${spec2.vpwwn} on ${spec2.ppwwn} (index ${r.value})`, {
        domain: req.domain,
        domid: req.domid,
        vpwwn: spec2.vpwwn,
        vnwwn: spec2.vnwwn,
        ppwwn: spec2.ppwwn,
        vindex: r.value
      });
      this.register(b);
      this.scheduleRescan(b);
      op.resolve();
    };
    attempt();
    return op;
  }
  /** Seed 7.3 delete step 4: detach the port's LUNs, then remove the port from Domain-0. */
  deletePort(spec2) {
    const op = new XenOp();
    const b = this.bindings.get(spec2.vpwwn);
    if (!b) {
      op.resolve();
      return op;
    }
    if (b.state === "deleting") {
      op.fail(`NPIV port ${spec2.vpwwn}: delete already in progress`);
      return op;
    }
    b.state = "deleting";
    for (const cb of b.callbacks) this.hba.HBA_RemoveCallback(cb);
    b.callbacks = [];
    this.sim.cancel(b.rescan);
    for (const t2 of b.pendingAttach.values()) this.sim.cancel(t2);
    b.pendingAttach.clear();
    for (const key of [...b.attached.keys()]) this.detach(b, key, "port deleted");
    let tries = 0;
    const attempt = () => {
      const status = this.hba.Sun_HBA_DeleteNPIVPort(b.handle, b.portIndex, spec2.vpwwn);
      if ((status === HBA_STATUS.ERROR_BUSY || status === HBA_STATUS.ERROR_TRY_AGAIN) && ++tries < this.timing.busyRetries) {
        this.sim.schedule(this.timing.busyRetryMs, attempt, "xennpivd delete retry");
        return;
      }
      if (status !== HBA_STATUS.OK) {
        b.state = "active";
        this.register(b);
        this.scheduleRescan(b);
        const msg = `NPIV port ${spec2.vpwwn}: failed to delete from HBA port ${spec2.ppwwn}: ${statusName(status)}`;
        this.log.emit(this.source, "xvm.daemon.delete.failed", `${b.req.domain}: ${msg}`, { domain: b.req.domain, vpwwn: spec2.vpwwn, ppwwn: spec2.ppwwn });
        op.fail(msg);
        return;
      }
      this.hba.HBA_CloseAdapter(b.handle);
      this.bindings.delete(spec2.vpwwn);
      this.log.emit(this.source, "xvm.daemon.delete", `${b.req.domain}: deleted NPIV port ${spec2.vpwwn} from ${spec2.ppwwn}`, {
        domain: b.req.domain,
        domid: b.req.domid,
        vpwwn: spec2.vpwwn,
        ppwwn: spec2.ppwwn
      });
      op.resolve();
    };
    attempt();
    return op;
  }
  /** Rescans every port now (after a fault the world injected, say); mostly for tests. */
  rescanAll() {
    for (const b of this.bindings.values()) this.scheduleRescan(b);
  }
  findPhysicalPort(ppwwn) {
    const opened = this.hba.HBA_OpenAdapterByWWN(ppwwn);
    if (opened.status !== HBA_STATUS.OK) return `HBA port ${ppwwn} not found`;
    const handle = opened.value;
    const attrs = this.hba.HBA_GetAdapterAttributes(handle);
    const count2 = attrs.status === HBA_STATUS.OK ? attrs.value.NumberOfPorts : 0;
    for (let i = 0; i < count2; i++) {
      const pa = this.hba.HBA_GetAdapterPortAttributes(handle, i);
      if (pa.status === HBA_STATUS.OK && pa.value.PortWWN === ppwwn) return { handle, portIndex: i };
    }
    this.hba.HBA_CloseAdapter(handle);
    return `HBA port ${ppwwn} is not a physical port`;
  }
  register(b) {
    const vp = b.req.spec.vpwwn;
    const onEvent = (kind, eventType, detail) => {
      if (b.state !== "active" || this.bindings.get(vp) !== b) return;
      const name2 = EVENT_NAMES.get(eventType) ?? `0x${eventType.toString(16)}`;
      this.log.emit(this.source, "xvm.daemon.event", `${b.req.domain}: ${kind} event ${name2} on ${vp}`, { domain: b.req.domain, vpwwn: vp, event: name2, ...detail });
      const target = detail["target"];
      if (target && (eventType === HBA_EVENT.TARGET_OFFLINE || eventType === HBA_EVENT.TARGET_REMOVED)) b.offlineTargets.add(target);
      if (target && eventType === HBA_EVENT.TARGET_ONLINE) b.offlineTargets.delete(target);
      if (eventType === HBA_EVENT.PORT_NEW_TARGETS) b.offlineTargets.clear();
      this.scheduleRescan(b);
    };
    const push2 = (r) => {
      if (r.status === HBA_STATUS.OK && r.value !== void 0) b.callbacks.push(r.value);
    };
    push2(this.hba.HBA_RegisterForAdapterPortEvents((_u, _w, type, fcid2) => onEvent("port", type, { fcid: fcid2 }), vp, b.handle, vp));
    push2(this.hba.HBA_RegisterForTargetEvents((_u, _h, disc, type) => onEvent("target", type, { target: disc }), vp, b.handle, vp, null, true));
    push2(this.hba.Sun_HBA_RegisterForAdapterDeviceEvents((_u, _w, type, fcid2) => onEvent("device", type, { fcid: fcid2 }), vp, b.handle, vp));
    this.log.emit(this.source, "xvm.daemon.register", `${b.req.domain}: registered for events on ${vp} (${b.callbacks.length} callbacks)`, {
      domain: b.req.domain,
      vpwwn: vp,
      callbacks: b.callbacks.length
    });
  }
  scheduleRescan(b) {
    if (b.rescan) return;
    b.rescan = this.sim.schedule(
      this.timing.rescanMs,
      () => {
        b.rescan = void 0;
        this.rescan(b);
      },
      "xennpivd rescan"
    );
  }
  rescan(b) {
    if (b.state !== "active" || this.bindings.get(b.req.spec.vpwwn) !== b) return;
    const vp = b.req.spec.vpwwn;
    const map = this.hba.HBA_GetFcpTargetMappingV2(b.handle, vp);
    if (map.status !== HBA_STATUS.OK) return;
    const visible = /* @__PURE__ */ new Map();
    for (const e of map.value.entry) {
      if (b.offlineTargets.has(e.FcpId.PortWWN)) continue;
      const lun = fcpLunNumber(e.FcpId.FcpLun);
      const key = lunKey(vp, e.FcpId.PortWWN, lun);
      if (visible.has(key)) continue;
      const deviceType2 = this.deviceType(b, key, e.FcpId.PortWWN, e.FcpId.FcpLun);
      if (deviceType2 === void 0) continue;
      visible.set(key, { key, vpwwn: vp, targetWwn: e.FcpId.PortWWN, fcpLun: e.FcpId.FcpLun, lun, osDevice: e.ScsiId.OSDeviceName, luid: e.LUID, deviceType: deviceType2 });
    }
    b.visible = visible;
    for (const key of [...b.attached.keys()]) if (!visible.has(key)) this.detach(b, key, "LUN gone");
    for (const [key, t2] of [...b.pendingAttach]) {
      if (!visible.has(key)) {
        this.sim.cancel(t2);
        b.pendingAttach.delete(key);
      }
    }
    if (!b.req.spec.autoattach) return;
    for (const [key, lun] of visible) {
      if (b.attached.has(key) || b.pendingAttach.has(key)) continue;
      if (![...BLOCK_TYPES.values()].includes(lun.deviceType)) continue;
      const t2 = this.sim.schedule(
        this.timing.lunAttachMs,
        () => {
          b.pendingAttach.delete(key);
          if (b.state !== "active" || !b.visible.has(key) || b.attached.has(key)) return;
          const dev = this.attacher?.attachLun(b.req.domid, lun);
          if (dev === void 0) return;
          b.attached.set(key, { lun, dev });
          this.log.emit(this.source, "xvm.daemon.lun.attach", `${b.req.domain}: LUN ${lun.lun} of ${lun.targetWwn} on ${vp} attached as ${dev}`, {
            domain: b.req.domain,
            domid: b.req.domid,
            vpwwn: vp,
            target: lun.targetWwn,
            lun: lun.lun,
            dev,
            osDevice: lun.osDevice
          });
        },
        "xennpivd attach"
      );
      b.pendingAttach.set(key, t2);
    }
  }
  /** The LUN's device type from a standard INQUIRY through the virtual port, cached. */
  deviceType(b, key, target, fcpLun) {
    const known = b.types.get(key);
    if (known) return known;
    const r = this.hba.HBA_ScsiInquiryV2(b.handle, b.req.spec.vpwwn, target, fcpLun, 0, 0);
    let type;
    if (r.status === HBA_STATUS.OK) {
      const t2 = r.value.inquiry.PeripheralDeviceType;
      type = BLOCK_TYPES.get(t2) ?? OTHER_TYPES.get(t2) ?? `type 0x${t2.toString(16).padStart(2, "0")}`;
    } else if (r.status === HBA_STATUS.ERROR_NOT_SUPPORTED) type = "disk";
    else return void 0;
    b.types.set(key, type);
    return type;
  }
  detach(b, key, why) {
    const a = b.attached.get(key);
    if (!a) return;
    b.attached.delete(key);
    this.log.emit(this.source, "xvm.daemon.lun.detach", `${b.req.domain}: ${a.dev} (LUN ${a.lun.lun} of ${a.lun.targetWwn}) detached: ${why}`, {
      domain: b.req.domain,
      domid: b.req.domid,
      vpwwn: b.req.spec.vpwwn,
      target: a.lun.targetWwn,
      lun: a.lun.lun,
      dev: a.dev,
      reason: why
    });
    this.attacher?.detachLun(b.req.domid, a.lun);
  }
};
function view(b) {
  return {
    vpwwn: b.req.spec.vpwwn,
    ppwwn: b.req.spec.ppwwn,
    domid: b.req.domid,
    domain: b.req.domain,
    devid: b.req.devid,
    vindex: b.vindex,
    state: b.state,
    visibleLuns: [...b.visible.values()],
    attachedLuns: [...b.attached.values()]
  };
}

// source/xvm/Xfc.ts
var Xfc = class {
  constructor(store, sim, log, timing, daemon, source) {
    this.store = store;
    this.sim = sim;
    this.log = log;
    this.timing = timing;
    this.daemon = daemon;
    this.source = source;
    store.watch("/local/domain/0/backend/vfc", "xfc", (path) => this.onChange(path));
  }
  store;
  sim;
  log;
  timing;
  daemon;
  source;
  ports = /* @__PURE__ */ new Map();
  /** Ports xfc holds (attached or on their way), for consistency checks. */
  attachedWwns() {
    return [...this.ports.values()].filter((p) => p.state === "attached" || p.state === "detaching").map((p) => p.spec.vpwwn);
  }
  onChange(path) {
    const p = parseBackendPath(path);
    if (!p || p.cls !== "vfc") return;
    const be = `/local/domain/0/backend/vfc/${p.domid}/${p.devid}`;
    const key = `${p.domid}/${p.devid}`;
    const port = this.ports.get(key);
    if (!this.store.exists(be)) {
      if (port && port.state === "attached") this.detach(key, be, port, p.domid);
      else if (port && port.state !== "detaching") this.ports.delete(key);
      return;
    }
    const state = Number(this.store.read(`${be}/state`));
    const hotplug = this.store.read(`${be}/hotplug-status`);
    if (!port) {
      if (state !== XenbusState.Initialising || hotplug !== void 0) return;
      const spec2 = this.readSpec(be);
      if (!spec2) {
        this.store.writeMany(be, { "hotplug-error": "invalid virtual FC port entry", "hotplug-status": "error", state: XenbusState.Closed });
        return;
      }
      this.attach(key, be, spec2, p.domid, p.devid);
      return;
    }
    if (hotplug === "error") {
      if (port.state === "attached") this.detach(key, be, port, p.domid);
      else if (port.state === "attaching") port.detachRequested = true;
    }
  }
  readSpec(be) {
    const vpwwn = parseWwn(this.store.read(`${be}/port-wwn`) ?? "");
    const vnwwn = parseWwn(this.store.read(`${be}/node-wwn`) ?? "");
    const ppwwn = parseWwn(this.store.read(`${be}/phys-port-wwn`) ?? "");
    if (!vpwwn || !vnwwn || !ppwwn) return void 0;
    return { vpwwn, vnwwn, ppwwn, autoattach: this.store.read(`${be}/autoattach`) !== "0" };
  }
  /** Seed 7.3 create steps 2-3. */
  attach(key, be, spec2, domid, devid) {
    const port = { state: "attaching", spec: spec2, detachRequested: false };
    this.ports.set(key, port);
    const domain = this.store.read(`${be}/domain`) ?? `domain ${domid}`;
    this.store.write(`${be}/state`, String(XenbusState.InitWait));
    this.log.emit(this.source, "xvm.xfc.attach", `${domain}: vfc ${devid} attach, calling xennpivd to create ${spec2.vpwwn}`, { domain, domid, devid, vpwwn: spec2.vpwwn, ppwwn: spec2.ppwwn });
    this.sim.schedule(
      this.timing.doorMs,
      () => {
        this.daemon.createPort({ domid, devid, domain, spec: spec2 }).then((op) => {
          if (this.ports.get(key) !== port) return;
          if (!op.succeeded) {
            port.state = "failed";
            this.log.emit(this.source, "xvm.xfc.error", `${domain}: vfc ${devid}: ${op.error}`, { domain, domid, devid, vpwwn: spec2.vpwwn, error: op.error });
            if (this.store.exists(be)) this.store.writeMany(be, { "hotplug-error": op.error, "hotplug-status": "error", state: XenbusState.Closed });
            return;
          }
          port.state = "attached";
          if (!this.store.exists(be)) {
            this.detach(key, be, port, domid);
            return;
          }
          this.store.writeMany(be, { "hotplug-status": "connected", state: XenbusState.Connected });
          this.log.emit(this.source, "xvm.xfc.connected", `${domain}: vfc ${devid} connected (${spec2.vpwwn})`, { domain, domid, devid, vpwwn: spec2.vpwwn });
          if (port.detachRequested) this.detach(key, be, port, domid);
        });
      },
      "xfc door create"
    );
  }
  /** Seed 7.3 delete steps 2, 3 and 5. */
  detach(key, be, port, domid) {
    port.state = "detaching";
    const domain = this.store.read(`${be}/domain`) ?? `domain ${domid}`;
    this.log.emit(this.source, "xvm.xfc.detach", `${domain}: vfc detach, calling xennpivd to delete ${port.spec.vpwwn}`, { domain, domid, vpwwn: port.spec.vpwwn });
    this.sim.schedule(
      this.timing.doorMs,
      () => {
        this.daemon.deletePort(port.spec).then((op) => {
          if (!op.succeeded) {
            this.log.emit(this.source, "xvm.xfc.error", `${domain}: ${op.error}`, { domain, domid, vpwwn: port.spec.vpwwn, error: op.error });
            if (this.store.exists(be)) this.store.write(`${be}/hotplug-error`, op.error);
          }
          port.state = "closed";
          this.ports.delete(key);
          if (this.store.exists(be)) this.store.write(`${be}/state`, String(XenbusState.Closed));
        });
      },
      "xfc door delete"
    );
  }
};

// source/xvm/NpivSpec.ts
var NpivSpecError = class extends Error {
};
function parseNpivSpec(text) {
  const parts = text.trim().split(":");
  const bad = () => {
    throw new NpivSpecError(`Invalid npiv specifier: ${text}`);
  };
  if (parts.length !== 4) bad();
  const [vp, vn, auto, pp] = parts;
  const vpwwn = strictWwn(vp);
  const vnwwn = strictWwn(vn);
  const ppwwn = strictWwn(pp);
  if (!vpwwn || !vnwwn || !ppwwn || auto !== "0" && auto !== "1") bad();
  if (vpwwn === vnwwn) throw new NpivSpecError(`Invalid npiv specifier: ${text} (port WWN is same as node WWN)`);
  return { vpwwn, vnwwn, autoattach: auto === "1", ppwwn };
}
function formatNpivSpec(spec2) {
  return `${spec2.vpwwn}:${spec2.vnwwn}:${spec2.autoattach ? 1 : 0}:${spec2.ppwwn}`;
}
function strictWwn(text) {
  const t2 = text.trim().replace(/^0x/i, "");
  return /^[0-9a-fA-F]{16}$/.test(t2) ? parseWwn(t2) : void 0;
}

// source/xvm/DomainSpec.ts
var RESTART_ACTIONS = ["destroy", "restart", "preserve", "rename-restart", "coredump-destroy", "coredump-restart"];
var DomainSpecError = class extends Error {
};
var VIF_KEYS = ["backend", "bridge", "ip", "mac", "script", "type", "vifname", "rate", "model", "accel", "policy", "label"];
function parseDisk(text) {
  const d = text.split(",").map((s) => s.trim());
  if (d.length < 3 || d.length > 5) throw new DomainSpecError(`Invalid disk specifier: ${text}`);
  const [uname, dev, mode, backend] = d;
  if (!/^[a-z]+(:[a-z]+)?:.+/.test(uname) || mode !== "r" && mode !== "w" && mode !== "w!") {
    throw new DomainSpecError(`Invalid disk specifier: ${text}`);
  }
  if (blockDeviceNumber(dev.replace(/:(disk|cdrom)$/, "")) === void 0) throw new DomainSpecError(`Invalid disk specifier: ${text}`);
  return backend ? { uname, dev, mode, backend } : { uname, dev, mode };
}
function formatDisk(d) {
  return [d.uname, d.dev, d.mode, ...d.backend ? [d.backend] : []].join(",");
}
function parseVif(text) {
  const out = /* @__PURE__ */ new Map();
  const c = text.trim();
  if (c.length === 0) return out;
  for (const b of c.split(",")) {
    const eq = b.indexOf("=");
    if (eq < 0) throw new DomainSpecError(`${b} should be a pair, separated by an equals sign.`);
    const k = b.slice(0, eq).trim();
    if (!VIF_KEYS.includes(k)) throw new DomainSpecError(`Invalid vif option: ${k}`);
    out.set(k, b.slice(eq + 1).trim());
  }
  return out;
}
function restartAction(key, value) {
  if (RESTART_ACTIONS.includes(value)) return value;
  throw new DomainSpecError(`Invalid restart event: ${key} = ${value}`);
}
function makeDomainSpec(input) {
  const name2 = input.name;
  if (!name2) throw new DomainSpecError("Domain name not specified");
  if (!/^[A-Za-z0-9_.:+-][A-Za-z0-9_.:+@-]*$/.test(name2) || name2.length > 64) throw new DomainSpecError(`Invalid VM name '${name2}'`);
  if (name2 === "Domain-0" || /^migrating-/.test(name2)) throw new DomainSpecError(`VM name '${name2}' is reserved`);
  const memoryMiB = input.memoryMiB ?? 128;
  if (!Number.isInteger(memoryMiB) || memoryMiB <= 0) throw new DomainSpecError(`Invalid value: ${memoryMiB}`);
  const maxmemMiB = input.maxmemMiB ?? memoryMiB;
  if (!Number.isInteger(maxmemMiB) || maxmemMiB < memoryMiB) throw new DomainSpecError(`Invalid value: ${maxmemMiB} (maxmem is below memory)`);
  const vcpus = input.vcpus ?? 1;
  if (!Number.isInteger(vcpus) || vcpus < 1 || vcpus > 128) throw new DomainSpecError(`Invalid value: ${vcpus}`);
  const disk = (input.disk ?? []).map(parseDisk);
  const devs = /* @__PURE__ */ new Set();
  for (const d of disk) {
    const n = blockDeviceNumber(d.dev.replace(/:(disk|cdrom)$/, ""));
    if (devs.has(n)) throw new DomainSpecError(`Device ${n} (vbd) is already connected.`);
    devs.add(n);
  }
  const vif = [...input.vif ?? []];
  for (const v of vif) parseVif(v);
  const npiv = (input.npiv ?? []).map((t2) => parseNpivSpec(t2));
  const seen = /* @__PURE__ */ new Set();
  for (const n of npiv) {
    if (seen.has(n.vpwwn)) throw new DomainSpecError(`NPIV port ${n.vpwwn} is listed twice`);
    seen.add(n.vpwwn);
  }
  const spec2 = {
    name: name2,
    memoryMiB,
    maxmemMiB,
    vcpus,
    disk,
    vif,
    npiv,
    onPoweroff: restartAction("on_poweroff", input.onPoweroff ?? "destroy"),
    onReboot: restartAction("on_reboot", input.onReboot ?? "restart"),
    onCrash: restartAction("on_crash", input.onCrash ?? "restart"),
    ...optional("kernel", input.kernel),
    ...optional("ramdisk", input.ramdisk),
    ...optional("extra", input.extra),
    ...optional("root", input.root),
    ...optional("builder", input.builder),
    ...optional("bootloader", input.bootloader)
  };
  return spec2;
}
function optional(key, value) {
  return value === void 0 ? {} : { [key]: value };
}
function specFromDomainConfig(c) {
  return makeDomainSpec({
    name: c.name,
    memoryMiB: c.memoryMiB,
    vcpus: c.vcpus,
    disk: c.disk ?? [],
    vif: c.vif ?? [],
    npiv: c.npiv ?? [],
    ...c.onPoweroff ? { onPoweroff: c.onPoweroff } : {},
    ...c.onReboot ? { onReboot: c.onReboot } : {},
    ...c.onCrash ? { onCrash: c.onCrash } : {}
  });
}
function specToDomainConfig(spec2, host, state, managed) {
  return {
    name: spec2.name,
    host,
    memoryMiB: spec2.memoryMiB,
    vcpus: spec2.vcpus,
    ...spec2.disk.length ? { disk: spec2.disk.map(formatDisk) } : {},
    ...spec2.vif.length ? { vif: [...spec2.vif] } : {},
    ...spec2.npiv.length ? { npiv: spec2.npiv.map(formatNpivSpec) } : {},
    ...spec2.onPoweroff !== "destroy" ? { onPoweroff: spec2.onPoweroff } : {},
    ...spec2.onReboot !== "restart" ? { onReboot: spec2.onReboot } : {},
    ...spec2.onCrash !== "restart" ? { onCrash: spec2.onCrash } : {},
    state,
    managed
  };
}

// source/xvm/DomainConfigText.ts
var ConfigSyntaxError = class extends Error {
  constructor(line) {
    super("syntax");
    this.line = line;
  }
  line;
};
var ConfigTextError = class extends Error {
};
function tokenize(text) {
  const toks = [];
  let line = 1;
  let depth = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === "\n") {
      if (depth === 0) toks.push({ kind: "nl", line });
      line++;
      i++;
    } else if (c === " " || c === "	" || c === "\r") {
      i++;
    } else if (c === "\\" && text[i + 1] === "\n") {
      line++;
      i += 2;
    } else if (c === "#") {
      while (i < text.length && text[i] !== "\n") i++;
    } else if (c === '"' || c === "'") {
      const triple = text.startsWith(c.repeat(3), i);
      const quote2 = triple ? c.repeat(3) : c;
      const startLine = line;
      i += quote2.length;
      let s = "";
      for (; ; ) {
        if (i >= text.length) throw new ConfigSyntaxError(startLine);
        if (text.startsWith(quote2, i)) {
          i += quote2.length;
          break;
        }
        const ch = text[i];
        if (ch === "\n") {
          if (!triple) throw new ConfigSyntaxError(startLine);
          line++;
        }
        if (ch === "\\" && i + 1 < text.length) {
          const e = text[i + 1];
          const map = { n: "\n", t: "	", "\\": "\\", "'": "'", '"': '"', "\n": "" };
          s += map[e] ?? `\\${e}`;
          if (e === "\n") line++;
          i += 2;
          continue;
        }
        s += ch;
        i++;
      }
      toks.push({ kind: "str", text: s, line: startLine });
    } else if (/[0-9]/.test(c) || c === "-" && /[0-9]/.test(text[i + 1] ?? "")) {
      const m = /^-?(0x[0-9a-fA-F]+|\d+(\.\d+)?)[lL]?/.exec(text.slice(i));
      const t2 = m[0].replace(/[lL]$/, "");
      toks.push({ kind: "num", value: t2.includes("x") ? parseInt(t2, 16) : Number(t2), line });
      i += m[0].length;
      if (/[A-Za-z_]/.test(text[i] ?? "")) throw new ConfigSyntaxError(line);
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
      toks.push({ kind: "name", text: m[0], line });
      i += m[0].length;
    } else if ("[](){},=;".includes(c)) {
      if (c === "[" || c === "(" || c === "{") depth++;
      if (c === "]" || c === ")" || c === "}") depth = Math.max(0, depth - 1);
      toks.push({ kind: "op", text: c, line });
      i++;
    } else {
      throw new ConfigSyntaxError(line);
    }
  }
  if (depth > 0) throw new ConfigSyntaxError(line);
  toks.push({ kind: "nl", line });
  return toks;
}
function parseConfigText(text, fileName) {
  const lines = text.split("\n");
  const vars = /* @__PURE__ */ new Map();
  try {
    const toks = tokenize(text);
    let p = 0;
    const peek = () => toks[p];
    const next = () => toks[p++];
    const expectOp = (op) => {
      const t2 = next();
      if (t2.kind !== "op" || t2.text !== op) throw new ConfigSyntaxError(t2.line);
    };
    const expr = () => {
      const t2 = next();
      if (t2.kind === "str") {
        let s = t2.text;
        while (peek().kind === "str") s += next().text;
        return s;
      }
      if (t2.kind === "num") return t2.value;
      if (t2.kind === "name") {
        if (t2.text === "True") return true;
        if (t2.text === "False") return false;
        if (t2.text === "None") return null;
        if (vars.has(t2.text)) return vars.get(t2.text);
        throw new ConfigTextError(`name '${t2.text}' is not defined`);
      }
      if (t2.kind === "op" && (t2.text === "[" || t2.text === "(")) {
        const close = t2.text === "[" ? "]" : ")";
        const items = [];
        for (; ; ) {
          const n = peek();
          if (n.kind === "op" && n.text === close) {
            next();
            break;
          }
          items.push(expr());
          const sep = next();
          if (sep.kind === "op" && sep.text === ",") continue;
          if (sep.kind === "op" && sep.text === close) break;
          throw new ConfigSyntaxError(sep.line);
        }
        return items;
      }
      throw new ConfigSyntaxError(t2.line);
    };
    while (p < toks.length) {
      const t2 = next();
      if (t2.kind === "nl" || t2.kind === "op" && t2.text === ";") continue;
      if (t2.kind !== "name") throw new ConfigSyntaxError(t2.line);
      expectOp("=");
      const value = expr();
      const end = next();
      if (end.kind !== "nl" && !(end.kind === "op" && end.text === ";")) throw new ConfigSyntaxError(end.line);
      vars.set(t2.text, value);
    }
  } catch (e) {
    if (e instanceof ConfigSyntaxError) {
      const src = (lines[e.line - 1] ?? "").replace(/\r$/, "");
      throw new ConfigTextError(`Errors were found at line ${e.line} while processing ${fileName}:
	${src}`);
    }
    throw e;
  }
  return vars;
}
var INT_KEYS = ["memory", "maxmem", "vcpus"];
var STRING_KEYS = ["name", "on_poweroff", "on_reboot", "on_crash", "kernel", "ramdisk", "extra", "root", "builder", "bootloader"];
var LIST_KEYS = ["disk", "vif", "npiv"];
var IGNORED_KEYS = /* @__PURE__ */ new Set([
  "cpus",
  "cpu_weight",
  "cpu_cap",
  "vcpu_avail",
  "uuid",
  "localtime",
  "vfb",
  "pci",
  "vscsi",
  "vtpm",
  "ioports",
  "irq",
  "bootargs",
  "nics",
  "nomigrate",
  "shadow_memory",
  "features",
  "device_model",
  "boot",
  "vnc",
  "sdl",
  "serial",
  "acpi",
  "apic",
  "pae",
  "usb",
  "usbdevice",
  "keymap",
  "hap",
  "ip",
  "netmask",
  "gateway",
  "hostname",
  "dhcp",
  "nfs_server",
  "nfs_root",
  "access_control",
  "on_xend_start",
  "on_xend_stop",
  "target",
  "cpuid",
  "cpuid_check"
]);
function domainSpecFromConfig(fileVars, words, defaultName) {
  const ints = /* @__PURE__ */ new Map();
  const strings = /* @__PURE__ */ new Map();
  const lists = /* @__PURE__ */ new Map();
  const wordLists = /* @__PURE__ */ new Map();
  for (const [k, v] of fileVars ?? []) {
    if (INT_KEYS.includes(k)) ints.set(k, toInt(v));
    else if (STRING_KEYS.includes(k)) strings.set(k, toStr(v));
    else if (LIST_KEYS.includes(k)) lists.set(k, toList(k, v));
  }
  for (const w of words) {
    const eq = w.indexOf("=");
    if (eq <= 0) throw new DomainSpecError(`Invalid argument: ${w}`);
    const k = w.slice(0, eq).trim();
    const v = w.slice(eq + 1).trim();
    if (INT_KEYS.includes(k)) ints.set(k, toInt(v));
    else if (STRING_KEYS.includes(k)) strings.set(k, v);
    else if (LIST_KEYS.includes(k)) wordLists.set(k, [...wordLists.get(k) ?? [], v]);
    else if (!IGNORED_KEYS.has(k)) throw new DomainSpecError(`Unknown configuration variable: ${k}`);
  }
  for (const [k, v] of wordLists) lists.set(k, v);
  const input = {
    name: strings.get("name") ?? defaultName ?? "",
    ...ints.has("memory") ? { memoryMiB: ints.get("memory") } : {},
    ...ints.has("maxmem") ? { maxmemMiB: ints.get("maxmem") } : {},
    ...ints.has("vcpus") ? { vcpus: ints.get("vcpus") } : {},
    disk: lists.get("disk") ?? [],
    vif: lists.get("vif") ?? [],
    npiv: lists.get("npiv") ?? [],
    ...strings.has("on_poweroff") ? { onPoweroff: strings.get("on_poweroff") } : {},
    ...strings.has("on_reboot") ? { onReboot: strings.get("on_reboot") } : {},
    ...strings.has("on_crash") ? { onCrash: strings.get("on_crash") } : {},
    ...strings.has("kernel") ? { kernel: strings.get("kernel") } : {},
    ...strings.has("ramdisk") ? { ramdisk: strings.get("ramdisk") } : {},
    ...strings.has("extra") ? { extra: strings.get("extra") } : {},
    ...strings.has("root") ? { root: strings.get("root") } : {},
    ...strings.has("builder") ? { builder: strings.get("builder") } : {},
    ...strings.has("bootloader") ? { bootloader: strings.get("bootloader") } : {}
  };
  try {
    return makeDomainSpec(input);
  } catch (e) {
    if (e instanceof NpivSpecError) throw new DomainSpecError(e.message);
    throw e;
  }
}
function toInt(v) {
  if (typeof v === "number" && Number.isInteger(v)) return v;
  if (typeof v === "string" && /^\s*-?\d+\s*$/.test(v)) return Number(v);
  throw new DomainSpecError(`Invalid value: ${showValue(v)}`);
}
function toStr(v) {
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  throw new DomainSpecError(`Invalid value: ${showValue(v)}`);
}
function toList(key, v) {
  const items = typeof v === "string" ? [v] : Array.isArray(v) ? v : void 0;
  if (!items || !items.every((i) => typeof i === "string")) throw new DomainSpecError(`Invalid value for ${key}: ${showValue(v)}`);
  return items;
}
function showValue(v) {
  if (Array.isArray(v)) return `[${v.map(showValue).join(", ")}]`;
  if (typeof v === "string") return v;
  if (v === null) return "None";
  if (typeof v === "boolean") return v ? "True" : "False";
  return String(v);
}
function formatConfigText(spec2) {
  const q = (s) => `"${s.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
  const list = (xs) => `[${xs.map((x) => `'${x.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`).join(", ")}]`;
  const lines = [`name = ${q(spec2.name)}`, `memory = ${spec2.memoryMiB}`];
  if (spec2.maxmemMiB !== spec2.memoryMiB) lines.push(`maxmem = ${spec2.maxmemMiB}`);
  lines.push(`vcpus = ${spec2.vcpus}`);
  for (const k of ["kernel", "ramdisk", "extra", "root", "builder", "bootloader"]) {
    const v = spec2[k];
    if (v !== void 0) lines.push(`${k} = ${q(v)}`);
  }
  if (spec2.disk.length) lines.push(`disk = ${list(spec2.disk.map((d) => [d.uname, d.dev, d.mode, ...d.backend ? [d.backend] : []].join(",")))}`);
  if (spec2.vif.length) lines.push(`vif = ${list(spec2.vif)}`);
  if (spec2.npiv.length) lines.push(`npiv = ${list(spec2.npiv.map((n) => `${n.vpwwn}:${n.vnwwn}:${n.autoattach ? 1 : 0}:${n.ppwwn}`))}`);
  lines.push(`on_poweroff = ${q(spec2.onPoweroff)}`, `on_reboot = ${q(spec2.onReboot)}`, `on_crash = ${q(spec2.onCrash)}`);
  return lines.join("\n") + "\n";
}

// source/xvm/Xend.ts
var XendError = class extends Error {
  constructor(message, invalidDomain = false) {
    super(message);
    this.invalidDomain = invalidDomain;
  }
  invalidDomain;
};
var IMAGE_SIGNATURE = "LinuxGuestRecord";
var Xend = class {
  constructor(p) {
    this.p = p;
    this.source = `xend@${p.hostName}`;
    p.daemon.setAttacher(this);
    this.writeDom0();
  }
  p;
  source;
  doms = [];
  nextDomid = 1;
  listeners = /* @__PURE__ */ new Set();
  /** Per domain uuid: the MAC of each vif without mac=, kept across restarts. */
  macs = /* @__PURE__ */ new Map();
  get hostName() {
    return this.p.hostName;
  }
  /** Domain-0 first, then guests in definition order. */
  domains() {
    return [this.p.dom0, ...this.doms];
  }
  guests() {
    return this.doms;
  }
  /** xend's domain_lookup_nr: by name, then by domid. */
  lookup(ref) {
    const all = this.domains();
    const byName2 = all.find((d) => d.name === ref);
    if (byName2) return byName2;
    if (/^\d+$/.test(ref)) return all.find((d) => d.domid === Number(ref));
    return void 0;
  }
  require(ref) {
    const d = this.lookup(ref);
    if (!d) throw new XendError(ref, true);
    return d;
  }
  domainById(domid) {
    return this.domains().find((d) => d.domid === domid);
  }
  freeMemoryMiB() {
    let used = this.p.dom0.spec.memoryMiB;
    for (const d of this.doms) if (d.active) used += d.spec.memoryMiB;
    return this.p.totalMemoryMiB - used;
  }
  /** Settles when `pred` holds after some lifecycle change (or at once). */
  waitFor(pred) {
    const op = new XenOp();
    if (pred()) {
      op.resolve();
      return op;
    }
    const l = () => {
      if (pred()) {
        this.listeners.delete(l);
        op.resolve();
      }
    };
    this.listeners.add(l);
    return op;
  }
  // ---- lifecycle ------------------------------------------------------------------------
  /** xm create: build and start an unmanaged domain. */
  create(spec2, opts = {}) {
    this.checkNewName(spec2.name);
    this.checkNpivOwners(spec2.name, spec2.npiv);
    const dom = new XenDomain(spec2, this.newUuid(), false, "halted");
    this.doms.push(dom);
    const op = new XenOp();
    this.instantiate(dom, { paused: opts.paused ?? false, withVfc: true, removeOnFailure: true }).forward(op, () => dom);
    return op;
  }
  /** xm new: register a managed domain without starting it. */
  define(spec2, state = "halted") {
    this.checkNewName(spec2.name);
    this.checkNpivOwners(spec2.name, spec2.npiv);
    const dom = new XenDomain(spec2, this.newUuid(), true, state);
    this.doms.push(dom);
    this.p.log.emit(this.source, "xvm.domain.define", `${spec2.name} defined (managed, ${state})`, { domain: spec2.name, host: this.hostName });
    this.changed();
    return dom;
  }
  /** xm start. */
  start(dom, opts = {}) {
    this.refusePrivileged(dom, "start");
    if (dom.power !== "halted") throw new XendError("Domain is already running");
    this.checkNpivOwners(dom.spec.name, dom.spec.npiv);
    return this.instantiate(dom, { paused: opts.paused ?? false, withVfc: true });
  }
  /** xm delete. */
  deleteDomain(dom) {
    if (dom.power !== "halted") throw new XendError("Domain is not halted.");
    this.remove(dom);
    this.p.log.emit(this.source, "xvm.domain.delete", `${dom.name} deleted`, { domain: dom.name, host: this.hostName });
  }
  /** xm destroy: settles when the domain is gone (or halted, if managed). */
  destroy(dom) {
    if (dom.privileged) throw new XendError(`Cannot destroy privileged domain ${dom.name}`);
    if (dom.migrationRole) throw new XendError(`Domain '${dom.name}' is being migrated`);
    if (!dom.active) return XenOp.done();
    return this.teardownAndFinish(dom, "dying");
  }
  /** xm shutdown / reboot: asks the guest; settles when it has gone (or restarted). */
  shutdown(dom, reason) {
    if (dom.privileged) throw new XendError(`Cannot shutdown privileged domain ${dom.name}`);
    if (dom.migrationRole) throw new XendError(`Domain '${dom.name}' is being migrated`);
    if (dom.power !== "running" && dom.power !== "paused") throw new XendError(`Domain '${dom.name}' is not started`);
    const domid = dom.domid;
    const restarts = dom.restartCount;
    dom.shutdownRequested = reason;
    this.p.store.write(`/local/domain/${domid}/control/shutdown`, reason);
    this.stateChanged(dom, dom.power);
    if (reason === "reboot") return this.waitFor(() => dom.restartCount !== restarts || !this.doms.includes(dom) || dom.power === "halted");
    return this.waitFor(() => dom.domid !== domid);
  }
  pause(dom) {
    if (dom.privileged) throw new XendError(`Cannot pause privileged domain ${dom.name}`);
    if (dom.migrationRole) throw new XendError(`Domain '${dom.name}' is being migrated`);
    if (dom.power !== "running" && dom.power !== "paused" && dom.power !== "crashed") throw new XendError(`Domain '${dom.name}' is not started`);
    if (dom.power === "running") this.pauseNow(dom);
  }
  unpause(dom) {
    if (dom.privileged) throw new XendError(`Cannot unpause privileged domain ${dom.name}`);
    if (dom.migrationRole) throw new XendError(`Domain '${dom.name}' is being migrated`);
    if (dom.power !== "paused" && dom.power !== "running") throw new XendError(`Domain '${dom.name}' is not started`);
    if (dom.power === "paused") this.unpauseNow(dom, false);
  }
  /** xm suspend (managed domains): save to xend's own file and tear down. */
  suspend(dom) {
    if (dom.privileged) throw new XendError(`Cannot suspend privileged domain ${dom.name}`);
    if (dom.power !== "running" || dom.migrationRole) throw new XendError("Domain is not running");
    if (!dom.managed) throw new XendError("Domain is not managed by Xend lifecycle support.");
    const op = new XenOp();
    this.saveImage(dom).then(() => {
      const cpu2 = dom.cpuTime(this.p.sim.now);
      this.teardown(dom, "shutdown").then(() => {
        dom.resetAccounting(this.p.sim.now, cpu2);
        dom.startTime = void 0;
        this.setPower(dom, "suspended");
        op.resolve();
      });
    });
    return op;
  }
  /** xm resume (managed domains). */
  resume(dom, opts = {}) {
    if (dom.privileged) throw new XendError(`Cannot resume privileged domain ${dom.name}`);
    if (dom.power !== "suspended") throw new XendError("Cannot resume domain that is not suspended.");
    const cpu2 = dom.cpuTime(this.p.sim.now);
    const op = new XenOp();
    this.instantiate(dom, { paused: opts.paused ?? false, withVfc: true, cpuSeconds: cpu2, loadMs: this.imageMs(dom) }).then((r) => {
      if (r.succeeded) return op.resolve();
      if (dom.power === "halted" && this.doms.includes(dom)) {
        dom.resetAccounting(this.p.sim.now, cpu2);
        this.setPower(dom, "suspended");
      }
      op.fail(`Error occurred when resuming: ${r.error}`);
    });
    return op;
  }
  /** xm save: the image text (the caller writes the file); the domain goes unless `checkpoint`. */
  save(dom, checkpoint) {
    if (dom.privileged) throw new XendError(`Cannot save privileged domain ${dom.name}`);
    if (dom.power !== "running" || dom.migrationRole) throw new XendError("Domain is not running");
    const op = new XenOp();
    this.saveImage(dom).then(() => {
      const image = this.imageText(dom);
      if (checkpoint) {
        this.unpauseNow(dom, false);
        op.resolve(image);
        return;
      }
      this.teardownAndFinish(dom, "shutdown").then(() => op.resolve(image));
    });
    return op;
  }
  /** xm restore. */
  restore(image, opts = {}) {
    const { spec: spec2, cpuSeconds } = parseImage(image);
    const existing = this.lookup(spec2.name);
    if (existing) {
      throw new XendError(`Domain '${spec2.name}' already exists with ID '${existing.domid ?? ""}'`);
    }
    this.checkNpivOwners(spec2.name, spec2.npiv);
    const dom = new XenDomain(spec2, this.newUuid(), false, "halted");
    this.doms.push(dom);
    const op = new XenOp();
    this.instantiate(dom, { paused: opts.paused ?? false, withVfc: true, cpuSeconds, removeOnFailure: true, loadMs: this.imageMs(dom) }).forward(op, () => dom);
    return op;
  }
  rename(dom, newName) {
    if (dom.privileged) throw new XendError("Cannot rename privileged domain");
    if (dom.migrationRole) throw new XendError(`Domain '${dom.name}' is being migrated`);
    const spec2 = makeDomainSpec({ ...specInput(dom.spec), name: newName });
    const other = this.lookup(newName);
    if (other && other !== dom) throw new XendError(`VM name '${newName}' already exists${other.domid !== void 0 ? ` as domain ${other.domid}` : ""}`);
    const old = dom.name;
    dom.spec = spec2;
    if (dom.domid !== void 0) {
      this.p.store.write(`/local/domain/${dom.domid}/name`, newName);
      this.p.store.write(`/vm/${dom.uuid}/name`, newName);
    }
    this.p.log.emit(this.source, "xvm.domain.rename", `${old} renamed ${newName}`, { domain: newName, from: old, host: this.hostName });
    this.changed();
  }
  /** xm mem-set (MiB). */
  setMemory(dom, mib) {
    if (!Number.isInteger(mib) || mib <= 0) throw new XendError("Invalid memory size");
    if (mib > dom.spec.maxmemMiB && !dom.privileged) throw new XendError("memory_dynamic_max must be less than or equal to memory_static_max");
    if (dom.active && !dom.privileged) {
      const grow = mib - dom.spec.memoryMiB;
      if (grow > this.freeMemoryMiB()) throw new XendError(notEnoughMemory(mib, this.freeMemoryMiB() + dom.spec.memoryMiB));
    }
    dom.spec = { ...dom.spec, memoryMiB: mib, maxmemMiB: Math.max(dom.spec.maxmemMiB, mib) };
    if (dom.domid !== void 0) this.p.store.write(`/local/domain/${dom.domid}/memory/target`, String(mib * 1024));
    this.p.log.emit(this.source, "xvm.domain.memory", `${dom.name}: memory target ${mib} MiB`, { domain: dom.name, memoryMiB: mib });
    this.changed();
  }
  /** xm vcpu-set. */
  setVcpus(dom, n) {
    if (!Number.isInteger(n)) throw new XendError("Invalid argument.");
    if (n < 1) return;
    if (dom.active) {
      if (n > dom.spec.vcpus) throw new XendError("Cannot set vcpus greater than max vcpus on running domain");
      const now = this.p.sim.now;
      const scheduled = dom.scheduled;
      if (scheduled) dom.markDescheduled(now);
      dom.onlineVcpus = n;
      if (scheduled) dom.markScheduled(now, false);
      if (dom.domid !== void 0) for (let i = 0; i < dom.spec.vcpus; i++) this.p.store.write(`/local/domain/${dom.domid}/cpu/${i}/availability`, i < n ? "online" : "offline");
    } else {
      dom.spec = { ...dom.spec, vcpus: n };
      dom.onlineVcpus = n;
    }
    this.p.log.emit(this.source, "xvm.domain.vcpus", `${dom.name}: ${n} VCPUs online`, { domain: dom.name, vcpus: n });
    this.changed();
  }
  /** Fault injection: the guest crashes; on_crash decides what follows. */
  crash(dom) {
    if (dom.privileged || !dom.active || dom.power === "dying" || dom.migrationRole) throw new XendError(`Domain '${dom.name}' is not started`);
    dom.markDescheduled(this.p.sim.now);
    this.setPower(dom, "crashed");
    const action = dom.spec.onCrash;
    if (action === "preserve") return XenOp.done();
    if (action === "restart" || action === "rename-restart" || action === "coredump-restart") return this.restart(dom);
    return this.teardownAndFinish(dom, "dying");
  }
  // ---- NPIV verbs -----------------------------------------------------------------------
  /** xm npiv-attach: adds the port to the configuration and, if the domain runs, creates it. */
  attachNpiv(dom, npiv) {
    if (dom.privileged) throw new XendError("Cannot attach NPIV ports to privileged domain Domain-0");
    if (dom.migrationRole) throw new XendError(`Domain '${dom.name}' is being migrated`);
    if (dom.spec.npiv.some((n) => n.vpwwn === npiv.vpwwn)) throw new XendError(`NPIV port ${npiv.vpwwn} is already assigned to domain '${dom.name}'`);
    this.checkNpivOwners(dom.spec.name, [npiv]);
    dom.spec = { ...dom.spec, npiv: [...dom.spec.npiv, npiv] };
    this.changed();
    if (!dom.active || dom.power === "dying" || dom.power === "shutdown") return XenOp.done();
    const devid = this.nextVfcDevid(dom);
    const ref = this.p.devices.createVfc(dom, devid, npiv);
    const op = new XenOp();
    this.p.devices.waitForDevices(dom, [ref]).then((w) => {
      if (w.succeeded) return op.resolve();
      dom.spec = { ...dom.spec, npiv: dom.spec.npiv.filter((n) => n.vpwwn !== npiv.vpwwn) };
      this.changed();
      const done = () => op.fail(w.error);
      if (dom.domid !== void 0) this.p.devices.destroyVfc(dom, devid).then(done);
      else done();
    });
    return op;
  }
  /** xm npiv-detach: deletes the port (seed 7.3 delete steps) and drops it from the configuration. */
  detachNpiv(dom, vpwwn) {
    if (dom.migrationRole) throw new XendError(`Domain '${dom.name}' is being migrated`);
    if (!dom.spec.npiv.some((n) => n.vpwwn === vpwwn)) throw new XendError(`NPIV port ${vpwwn} is not assigned to domain '${dom.name}'`);
    const drop = () => {
      dom.spec = { ...dom.spec, npiv: dom.spec.npiv.filter((n) => n.vpwwn !== vpwwn) };
      this.changed();
    };
    const devid = dom.domid === void 0 ? void 0 : this.vfcDevidOf(dom, vpwwn);
    if (devid === void 0) {
      drop();
      return XenOp.done();
    }
    const op = new XenOp();
    this.p.devices.destroyVfc(dom, devid).then(() => {
      if (this.p.daemon.hasPort(vpwwn)) {
        op.fail(`NPIV port ${vpwwn} could not be deleted; it is still logged in on ${this.hostName}`);
        return;
      }
      drop();
      op.resolve();
    });
    return op;
  }
  /** The vfc devid carrying `vpwwn` in an active domain. */
  vfcDevidOf(dom, vpwwn) {
    if (dom.domid === void 0) return void 0;
    return this.p.devices.devids("vfc", dom.domid).find((d) => this.p.store.read(`${backendPath("vfc", dom.domid, d)}/port-wwn`) === vpwwn);
  }
  // ---- LunAttacher (the xvm utilities xennpivd runs) ---------------------------------------
  attachLun(domid, lun) {
    const dom = this.domainById(domid);
    if (!dom || dom.privileged || !dom.active || dom.power === "dying" || dom.power === "shutdown" && !dom.migrationRole) return void 0;
    const inUse = /* @__PURE__ */ new Set();
    for (const devid2 of this.p.devices.devids("vbd", domid)) {
      const dev = this.p.store.read(`${backendPath("vbd", domid, devid2)}/dev`);
      if (dev) inUse.add(dev.replace(/:(disk|cdrom)$/, ""));
    }
    for (const d of dom.spec.disk) inUse.add(d.dev.replace(/:(disk|cdrom)$/, ""));
    let name2 = dom.lunNames.get(lun.key);
    if (name2 === void 0 || inUse.has(name2)) {
      const reserved = new Set([...dom.lunNames].filter(([k]) => k !== lun.key).map(([, v]) => v));
      for (let i = 0; ; i++) {
        const candidate = xvdName(i);
        if (!inUse.has(candidate) && !reserved.has(candidate)) {
          name2 = candidate;
          break;
        }
      }
    }
    const devid = blockDeviceNumber(name2);
    dom.lunNames.set(lun.key, name2);
    this.p.devices.createVbd(dom, devid, name2, `phy:${lun.osDevice}`, "w", {
      "npiv-port-wwn": lun.vpwwn,
      "target-port-wwn": lun.targetWwn,
      lun: String(lun.lun),
      "fcp-lun": lun.fcpLun.toString(16).padStart(16, "0"),
      luid: lun.luid
    });
    return name2;
  }
  detachLun(domid, lun) {
    const dom = this.domainById(domid);
    if (!dom) return;
    const devid = this.lunDevid(dom, lun.key);
    if (devid !== void 0) this.p.devices.destroyDevice(dom, { cls: "vbd", devid }, true);
  }
  /** The vbd devid of an attached LUN (by its key). */
  lunDevid(dom, key) {
    if (dom.domid === void 0) return void 0;
    for (const devid of this.p.devices.devids("vbd", dom.domid)) {
      const be = backendPath("vbd", dom.domid, devid);
      const vp = this.p.store.read(`${be}/npiv-port-wwn`);
      if (!vp) continue;
      const k = `${vp}/${this.p.store.read(`${be}/target-port-wwn`)}/${this.p.store.read(`${be}/lun`)}`;
      if (k === key) return devid;
    }
    return void 0;
  }
  /** LUN block devices of an active domain: key, frontend name, devid, hotplug status. */
  lunDevices(dom) {
    if (dom.domid === void 0) return [];
    const out = [];
    for (const devid of this.p.devices.devids("vbd", dom.domid)) {
      const be = backendPath("vbd", dom.domid, devid);
      const vp = this.p.store.read(`${be}/npiv-port-wwn`);
      if (!vp) continue;
      out.push({
        key: `${vp}/${this.p.store.read(`${be}/target-port-wwn`)}/${this.p.store.read(`${be}/lun`)}`,
        vpwwn: vp,
        dev: this.p.store.read(`${be}/dev`) ?? "",
        devid,
        connected: this.p.store.read(`${be}/hotplug-status`) === "connected"
      });
    }
    return out;
  }
  // ---- building blocks (also used by Migration) ------------------------------------------
  /** Creates a new incarnation: domid, xenstore entries, devices; waits for hotplug; unpauses. */
  instantiate(dom, opts) {
    const op = new XenOp();
    const free = this.freeMemoryMiB();
    if (free < dom.spec.memoryMiB) {
      if (opts.removeOnFailure || !dom.managed) this.remove(dom);
      op.fail(notEnoughMemory(dom.spec.memoryMiB, free));
      return op;
    }
    const domid = this.nextDomid++;
    dom.domid = domid;
    dom.shutdownRequested = void 0;
    dom.onlineVcpus = dom.spec.vcpus;
    dom.resetAccounting(this.p.sim.now, opts.cpuSeconds ?? 0);
    this.p.guests.attach(domid);
    this.writeDomainEntries(dom);
    this.setPower(dom, "building");
    this.p.log.emit(this.source, "xvm.domain.create", `${dom.name} created as domain ${domid}${opts.withVfc ? "" : " (NPIV ports delayed)"}`, {
      domain: dom.name,
      domid,
      host: this.hostName,
      memoryMiB: dom.spec.memoryMiB,
      vcpus: dom.spec.vcpus
    });
    this.p.sim.schedule(
      this.p.timing.buildMs + (opts.loadMs ?? 0),
      () => {
        if (dom.domid !== domid || dom.power !== "building") return op.fail(`Domain '${dom.name}' was destroyed while being built`);
        const refs = this.createDevices(dom, opts.withVfc);
        this.p.devices.waitForDevices(dom, refs).then((w) => {
          if (dom.domid !== domid) return op.fail(w.error ?? `Domain '${dom.name}' was destroyed while being built`);
          if (!w.succeeded) {
            this.p.log.emit(this.source, "xvm.domain.create.failed", `${dom.name}: ${w.error}`, { domain: dom.name, domid, host: this.hostName, error: w.error });
            this.teardown(dom, "dying").then(() => {
              if (opts.removeOnFailure || !dom.managed) this.remove(dom);
              else this.setPower(dom, "halted");
              op.fail(w.error);
            });
            return;
          }
          if (opts.paused) this.setPower(dom, "paused");
          else this.unpauseNow(dom, true);
          op.resolve();
        });
      },
      `build ${dom.name}`
    );
    return op;
  }
  /** Devices of a new incarnation, in xend's order: vbd, vif, then vfc. */
  createDevices(dom, withVfc) {
    const refs = [];
    for (const d of dom.spec.disk) {
      const dev = d.dev.replace(/:(disk|cdrom)$/, "");
      refs.push(this.p.devices.createVbd(dom, blockDeviceNumber(dev), d.dev, d.uname, d.mode));
    }
    const macs = this.macsOf(dom);
    dom.spec.vif.forEach((v, i) => {
      const params = parseVif(v);
      refs.push(this.p.devices.createVif(dom, i, params, params.get("mac") ?? macs[i]));
    });
    if (withVfc) refs.push(...this.createVfcs(dom, dom.spec.npiv));
    return refs;
  }
  createVfcs(dom, npiv) {
    const refs = [];
    for (const n of npiv) refs.push(this.p.devices.createVfc(dom, this.nextVfcDevid(dom), n));
    return refs;
  }
  /**
   * Removes every device of the incarnation (LUN block devices first, then ordinary devices, then
   * the virtual FC ports through xfc and xennpivd), then the domain's xenstore home and domid.
   */
  teardown(dom, power) {
    const op = new XenOp();
    const domid = dom.domid;
    if (domid === void 0) {
      op.resolve();
      return op;
    }
    dom.markDescheduled(this.p.sim.now);
    this.setPower(dom, power);
    this.quiesceNpiv(dom).then(() => {
      for (const cls of ["vbd", "vif"]) for (const devid of this.p.devices.devids(cls, domid)) this.p.devices.destroyDevice(dom, { cls, devid }, true);
      this.p.guests.detach(domid);
      this.p.store.rm(`/local/domain/${domid}`);
      this.p.store.rm(`/vm/${dom.uuid}`);
      for (const cls of ["vbd", "vif", "vfc"]) this.p.store.rm(backendPath(cls, domid));
      dom.domid = void 0;
      this.p.log.emit(this.source, "xvm.domain.destroy", `${dom.name} (domain ${domid}) destroyed`, { domain: dom.name, domid, host: this.hostName });
      this.changed();
      op.resolve();
    });
    return op;
  }
  /**
   * Seed 002 / 7.3 t2 on a domain's NPIV side: detach its LUN block devices (I/O already stalled),
   * then delete each virtual port through xfc and xennpivd (which log out from the targets and
   * the fabric). Settles when every vfc backend is gone.
   */
  quiesceNpiv(dom) {
    const domid = dom.domid;
    if (domid === void 0) return XenOp.done();
    for (const l of this.lunDevices(dom)) this.p.devices.destroyDevice(dom, { cls: "vbd", devid: l.devid }, true);
    return allOps(this.p.devices.devids("vfc", domid).map((devid) => this.p.devices.destroyVfc(dom, devid)));
  }
  pauseNow(dom) {
    dom.markDescheduled(this.p.sim.now);
    this.setPower(dom, "paused");
  }
  unpauseNow(dom, freshBoot) {
    this.setPower(dom, "running");
    dom.markScheduled(this.p.sim.now, freshBoot);
    if (dom.domid !== void 0) this.p.guests.kick(dom.domid);
  }
  setPower(dom, power) {
    this.stateChanged(dom, power);
  }
  /** Takes the domain object off this host (destroyed unmanaged domain, migrated away). */
  remove(dom) {
    const i = this.doms.indexOf(dom);
    if (i >= 0) this.doms.splice(i, 1);
    this.changed();
  }
  /** Adopts a domain object built elsewhere (migration destination). */
  adopt(dom) {
    this.doms.push(dom);
    this.changed();
  }
  nextVfcDevid(dom) {
    const ids = dom.domid === void 0 ? [] : this.p.devices.devids("vfc", dom.domid);
    return ids.length ? Math.max(...ids) + 1 : 0;
  }
  checkNewName(name2) {
    const other = this.lookup(name2);
    if (other) throw new XendError(`VM name '${name2}' already exists${other.domid !== void 0 ? ` as domain ${other.domid}` : ""}`);
  }
  checkNpivOwners(domainName, npiv) {
    for (const n of npiv) {
      const owner = this.p.registry.owner(n.vpwwn);
      if (owner && owner.domain !== domainName) {
        throw new XendError(`NPIV port ${n.vpwwn} is already assigned to domain '${owner.domain}' on ${owner.host}`);
      }
      const elsewhere = this.p.registry.heldBy(n.vpwwn).filter((h) => h !== this.hostName);
      if (elsewhere.length) throw new XendError(`NPIV port ${n.vpwwn} is still logged in on ${elsewhere.join(", ")}`);
    }
  }
  newUuid() {
    const b = this.p.prng.bytes(16);
    b[6] = b[6] & 15 | 64;
    b[8] = b[8] & 63 | 128;
    const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
  /** The guest stopped itself: xend applies on_poweroff / on_reboot (XendDomainInfo._maybeRestart). */
  guestShutdown(dom, reason) {
    if (!dom.active || dom.migrationRole) return;
    dom.markDescheduled(this.p.sim.now);
    dom.shutdownRequested = reason;
    this.setPower(dom, "shutdown");
    const action = reason === "reboot" ? dom.spec.onReboot : dom.spec.onPoweroff;
    if (action === "preserve") return;
    if (action === "restart" || action === "rename-restart" || action === "coredump-restart") {
      this.restart(dom);
      return;
    }
    this.teardownAndFinish(dom, "shutdown");
  }
  restart(dom) {
    const op = new XenOp();
    this.teardown(dom, dom.power === "crashed" ? "dying" : "shutdown").then(() => {
      dom.restartCount++;
      this.p.log.emit(this.source, "xvm.domain.restart", `${dom.name} restarting`, { domain: dom.name, host: this.hostName });
      this.instantiate(dom, { paused: false, withVfc: true }).then((r) => r.succeeded ? op.resolve() : op.fail(r.error));
    });
    return op;
  }
  teardownAndFinish(dom, power) {
    const op = new XenOp();
    this.teardown(dom, power).then(() => {
      dom.startTime = void 0;
      dom.resetAccounting(this.p.sim.now);
      dom.startTime = void 0;
      if (dom.managed) this.setPower(dom, "halted");
      else {
        this.remove(dom);
        this.stateChanged(dom, "halted");
      }
      op.resolve();
    });
    return op;
  }
  saveImage(dom) {
    const op = new XenOp();
    this.pauseNow(dom);
    this.p.sim.schedule(this.imageMs(dom), () => op.resolve(), `save ${dom.name}`);
    return op;
  }
  imageMs(dom) {
    return Math.round(dom.spec.memoryMiB / this.p.timing.imageMiBps * 1e3);
  }
  imageText(dom) {
    return `${IMAGE_SIGNATURE}
# cpu_time ${dom.cpuTime(this.p.sim.now).toFixed(3)}
${formatConfigText(dom.spec)}`;
  }
  macsOf(dom) {
    let macs = this.macs.get(dom.uuid);
    if (!macs) {
      macs = [];
      this.macs.set(dom.uuid, macs);
    }
    while (macs.length < dom.spec.vif.length) {
      const b = this.p.prng.bytes(3);
      macs.push(`00:16:3e:${[b[0] & 127, b[1], b[2]].map((x) => x.toString(16).padStart(2, "0")).join(":")}`);
    }
    return macs;
  }
  stateChanged(dom, power, from) {
    const fromVm = from?.vm ?? dom.vmState;
    const fromPower = from?.power ?? dom.power;
    dom.power = power;
    const toVm = dom.vmState;
    if (fromVm !== toVm || fromPower !== power) {
      const what = fromVm !== toVm ? `${fromVm} -> ${toVm}` : `${toVm}, ${fromPower} -> ${power}`;
      this.p.log.emit(this.source, "xvm.domain.state", `${dom.name}: ${what} (${dom.flags})`, {
        domain: dom.name,
        host: this.hostName,
        domid: dom.domid ?? null,
        from: fromVm,
        to: toVm,
        power,
        flags: dom.flags
      });
    }
    this.changed();
  }
  /**
   * A migration is over for this incarnation: it leaves the migrating state for `power`
   * (running resumes scheduling). One state event from `migrating`.
   */
  endMigration(dom, power) {
    const from = { vm: dom.vmState, power: dom.power };
    dom.migrationRole = void 0;
    dom.shutdownRequested = void 0;
    if (dom.domid !== void 0) this.p.store.write(`/local/domain/${dom.domid}/name`, dom.name);
    if (power === "running" && dom.power !== "running") {
      dom.markScheduled(this.p.sim.now, false);
      this.stateChanged(dom, power, from);
      if (dom.domid !== void 0) this.p.guests.kick(dom.domid);
      return;
    }
    this.stateChanged(dom, power, from);
  }
  changed() {
    for (const l of [...this.listeners]) l();
  }
  writeDom0() {
    const d = this.p.dom0;
    this.p.store.writeMany("/local/domain/0", { name: "Domain-0", domid: 0, vm: `/vm/${d.uuid}`, "memory/target": d.spec.memoryMiB * 1024 });
  }
  writeDomainEntries(dom) {
    const domid = dom.domid;
    const cpus = {};
    for (let i = 0; i < dom.spec.vcpus; i++) cpus[`cpu/${i}/availability`] = "online";
    this.p.store.writeMany(`/vm/${dom.uuid}`, {
      uuid: dom.uuid,
      name: dom.name,
      memory: dom.spec.memoryMiB,
      maxmem: dom.spec.maxmemMiB,
      vcpus: dom.spec.vcpus,
      on_poweroff: dom.spec.onPoweroff,
      on_reboot: dom.spec.onReboot,
      on_crash: dom.spec.onCrash,
      start_time: (this.p.sim.now / 1e3).toFixed(2)
    });
    this.p.store.writeMany(`/local/domain/${domid}`, {
      name: dom.name,
      domid,
      vm: `/vm/${dom.uuid}`,
      "memory/target": dom.spec.memoryMiB * 1024,
      ...cpus
    });
  }
  refusePrivileged(dom, verb) {
    if (dom.privileged) throw new XendError(`Cannot ${verb} privileged domain ${dom.name}`);
  }
};
function notEnoughMemory(needMiB, haveMiB) {
  return `Not enough free memory and enable-dom0-ballooning is False, so I cannot release any more.  I need ${needMiB * 1024} KiB but only have ${Math.max(0, haveMiB) * 1024}.`;
}
function specInput(spec2) {
  return {
    name: spec2.name,
    memoryMiB: spec2.memoryMiB,
    maxmemMiB: spec2.maxmemMiB,
    vcpus: spec2.vcpus,
    disk: spec2.disk.map((d) => [d.uname, d.dev, d.mode, ...d.backend ? [d.backend] : []].join(",")),
    vif: spec2.vif,
    npiv: spec2.npiv.map((n) => `${n.vpwwn}:${n.vnwwn}:${n.autoattach ? 1 : 0}:${n.ppwwn}`),
    onPoweroff: spec2.onPoweroff,
    onReboot: spec2.onReboot,
    onCrash: spec2.onCrash,
    ...spec2.kernel !== void 0 ? { kernel: spec2.kernel } : {},
    ...spec2.ramdisk !== void 0 ? { ramdisk: spec2.ramdisk } : {},
    ...spec2.extra !== void 0 ? { extra: spec2.extra } : {},
    ...spec2.root !== void 0 ? { root: spec2.root } : {},
    ...spec2.builder !== void 0 ? { builder: spec2.builder } : {},
    ...spec2.bootloader !== void 0 ? { bootloader: spec2.bootloader } : {}
  };
}
function parseImage(text) {
  const lines = text.split("\n");
  if (lines[0] !== IMAGE_SIGNATURE) throw new XendError("not a valid guest state file: signature not found");
  const cpu2 = /^# cpu_time ([0-9.]+)$/.exec(lines[1] ?? "");
  const spec2 = domainSpecFromConfig(parseConfigText(lines.slice(cpu2 ? 2 : 1).join("\n"), "checkpoint"), []);
  return { spec: spec2, cpuSeconds: cpu2 ? Number(cpu2[1]) : 0 };
}

// source/xvm/XenHost.ts
var XenHost = class {
  name;
  cpus;
  memoryMiB;
  hba;
  store;
  devices;
  backends;
  guests;
  daemon;
  xfc;
  xend;
  dom0;
  /** Sim time xend started (Domain-0 uptime). */
  bootTime;
  constructor(o) {
    this.name = o.name;
    this.cpus = o.cpus;
    this.memoryMiB = o.memoryMiB;
    this.hba = o.hba;
    this.bootTime = o.sim.now;
    const dom0Mem = o.dom0MemoryMiB ?? Math.max(512, Math.min(2048, Math.floor(o.memoryMiB / 8)));
    const dom0Spec = {
      name: "Domain-0",
      memoryMiB: dom0Mem,
      maxmemMiB: dom0Mem,
      vcpus: o.cpus,
      disk: [],
      vif: [],
      npiv: [],
      onPoweroff: "destroy",
      onReboot: "restart",
      onCrash: "restart"
    };
    this.dom0 = new XenDomain(dom0Spec, "00000000-0000-0000-0000-000000000000", false, "running", true);
    this.dom0.domid = 0;
    this.dom0.resetAccounting(o.sim.now);
    this.dom0.markScheduled(o.sim.now, false);
    this.store = new XenStore(o.sim, o.log, `xenstore@${o.name}`, o.timing.watchMs);
    this.devices = new DeviceController(this.store, o.sim, o.log, o.timing, `xend@${o.name}`);
    this.backends = new BlockBackend(this.store, o.sim, o.timing);
    this.daemon = new NpivDaemon(o.hba, o.sim, o.log, o.timing, `xennpivd@${o.name}`);
    this.xfc = new Xfc(this.store, o.sim, o.log, o.timing, this.daemon, `xfc@${o.name}`);
    let xend;
    this.guests = new GuestFrontends(this.store, o.sim, o.timing, {
      domainById: (domid) => xend?.domainById(domid),
      guestShutdown: (dom, reason) => xend?.guestShutdown(dom, reason)
    });
    xend = new Xend({
      hostName: o.name,
      totalMemoryMiB: o.memoryMiB,
      dom0: this.dom0,
      sim: o.sim,
      log: o.log,
      prng: o.prng,
      timing: o.timing,
      store: this.store,
      devices: this.devices,
      guests: this.guests,
      daemon: this.daemon,
      registry: o.registry
    });
    this.xend = xend;
  }
};

// source/xvm/XenTiming.ts
var DEFAULT_XEN_TIMING = {
  watchMs: 1,
  hotplugMs: 40,
  frontendMs: 10,
  doorMs: 2,
  rescanMs: 20,
  lunAttachMs: 60,
  busyRetries: 20,
  busyRetryMs: 1e3,
  buildMs: 150,
  deviceTimeoutMs: 1e5,
  guestShutdownMs: 2500,
  imageMiBps: 400,
  migrationMbps: 1e3,
  checkpointMs: 50,
  maxIters: 30,
  maxFactor: 3,
  minRemainingPages: 50,
  pageKiB: 4,
  drainMs: 25,
  migrationDeviceTimeoutMs: 3e4
};

// source/xvm/Migration.ts
var STEP_TEXT = {
  1: "checkpoint and description transfer",
  2: "saving the NPIV port list",
  3: "destination creates the paused domain and its ordinary devices",
  4: "memory transfer and source I/O quiesce",
  5: "destination creates the virtual ports and their block devices",
  6: "destination waits for every device",
  7: "destination starts the domain"
};
var PHASE_OF_STEP = { 1: "t0", 2: "t0", 3: "t0-t1", 4: "t1-t2", 5: "t2-t3", 6: "t3-t4", 7: "t4" };
var nextMigrationId = 1;
var Migration = class {
  constructor(env, src, source, destination, live) {
    this.env = env;
    this.src = src;
    this.source = source;
    this.destination = destination;
    this.live = live;
    this.domain = src.spec.name;
    this.startedAt = env.sim.now;
  }
  env;
  src;
  source;
  destination;
  live;
  id = nextMigrationId++;
  domain;
  startedAt;
  finishedAt;
  phase = "t0";
  prog = 0;
  /** The memory round in flight, for a progress value that moves during a long round. */
  inFlight;
  error;
  failedStep;
  timeline = [];
  rounds = [];
  /** Settles when the migration has ended (failure after the rollback). */
  op = new XenOp();
  dest;
  destNpiv = [];
  /** Step 2's temporary list: LUN keys and their frontend names. */
  savedLuns = /* @__PURE__ */ new Map();
  quiesced = false;
  sourceSuspended = false;
  get running() {
    return !this.op.done;
  }
  /** 0..1 for a progress bar (with `phase` as its label); 1 when ended, failed or not. */
  get progress() {
    const f = this.inFlight;
    if (!f) return this.prog;
    const part = Math.min(1, Math.max(0, (this.env.sim.now - f.start) / f.ms));
    return 0.05 + 0.7 * Math.min(1, (f.sentBefore + f.mib * part) / f.estimate);
  }
  set progress(value) {
    this.inFlight = void 0;
    this.prog = value;
  }
  /** Runs step 1 now; everything else in simulated time. */
  start() {
    const { src } = this;
    this.mark("t0", 1, `checkpoint of ${this.domain} on ${this.source.name}; description sent to ${this.destination.name}`);
    src.migrationRole = "source";
    if (src.domid !== void 0) this.source.store.write(`/local/domain/${src.domid}/name`, src.name);
    this.source.xend.setPower(src, src.power);
    const mapped = this.mapNpiv();
    if (typeof mapped === "string") {
      this.fail(1, mapped);
      return this;
    }
    this.destNpiv = mapped;
    this.env.sim.schedule(this.env.timing.checkpointMs, () => this.saveList(), "migrate checkpoint");
    return this;
  }
  saveList() {
    this.captureLuns();
    this.mark("t0", 2, `saved ${this.src.spec.npiv.length} NPIV port(s) and ${this.savedLuns.size} LUN device(s)`);
    this.env.log.emit(this.sourceName(), "xvm.migrate.savelist", `${this.domain}: NPIV list ${this.src.spec.npiv.map((n) => n.vpwwn).join(", ") || "(none)"}`, {
      domain: this.domain,
      ports: this.src.spec.npiv.map((n) => n.vpwwn),
      luns: [...this.savedLuns].map(([k, v]) => `${v}=${k}`)
    });
    this.createDestination();
  }
  createDestination() {
    const xend = this.destination.xend;
    if (xend.lookup(this.domain)) {
      const other = xend.lookup(this.domain);
      return this.fail(3, `Domain '${this.domain}' already exists with ID '${other.domid ?? ""}' on ${this.destination.name}`);
    }
    const spec2 = { ...this.src.spec, npiv: this.destNpiv };
    const dom = new XenDomain(spec2, this.src.uuid, this.src.managed, "halted");
    dom.migrationRole = "destination";
    for (const [k, v] of this.src.lunNames) dom.lunNames.set(k, v);
    this.dest = dom;
    xend.adopt(dom);
    this.mark("t0-t1", 3, `${this.destination.name} creates ${this.domain} paused with its ordinary devices`);
    xend.instantiate(dom, { paused: true, withVfc: false, removeOnFailure: true }).then((r) => {
      if (!r.succeeded) {
        this.dest = void 0;
        return this.fail(3, r.error);
      }
      this.progress = 0.05;
      this.transferMemory();
    });
  }
  transferMemory() {
    const t2 = this.env.timing;
    const bw = t2.migrationMbps * 1e6 / 8 / 1048576;
    const mem = this.src.spec.memoryMiB;
    const dirtyRate = this.env.dirtyRateMiBps(this.domain);
    const minRemaining = t2.minRemainingPages * t2.pageKiB / 1024;
    const estimate = mem / Math.max(0.05, 1 - Math.min(0.95, dirtyRate / bw));
    let toSend = mem;
    let sent = 0;
    this.mark("t1-t2", 4, `copying ${mem} MiB at ${t2.migrationMbps} Mb/s${this.live ? ", live" : ""}`);
    if (!this.live) this.suspendSource();
    const round = () => {
      const ms = Math.max(1, Math.round(toSend / bw * 1e3));
      const running = !this.sourceSuspended;
      this.inFlight = { start: this.env.sim.now, ms, sentBefore: sent, mib: toSend, estimate };
      this.env.sim.schedule(
        ms,
        () => {
          if (this.op.done) return;
          sent += toSend;
          const r = { round: this.rounds.length + 1, sentMiB: round2(toSend), ms, sourceRunning: running };
          this.rounds.push(r);
          this.progress = 0.05 + 0.7 * Math.min(1, sent / estimate);
          this.env.log.emit(this.sourceName(), "xvm.migrate.round", `${this.domain}: round ${r.round} sent ${r.sentMiB} MiB in ${ms} ms${running ? "" : " (stop-and-copy)"}`, {
            domain: this.domain,
            round: r.round,
            sentMiB: r.sentMiB,
            ms,
            live: running
          });
          if (!running) return this.quiesceSource();
          const dirty = Math.min(mem, dirtyRate * ms / 1e3);
          const last = dirty <= minRemaining || this.rounds.length >= t2.maxIters || sent + dirty > t2.maxFactor * mem;
          toSend = dirty;
          if (last) this.suspendSource();
          round();
        },
        "migrate round"
      );
    };
    round();
  }
  suspendSource() {
    const { src } = this;
    this.sourceSuspended = true;
    src.markDescheduled(this.env.sim.now);
    src.shutdownRequested = "suspend";
    this.source.xend.setPower(src, "shutdown");
  }
  /** t2 on the source: stall new I/O, drain what is in flight, log out (seed 002). */
  quiesceSource() {
    this.captureLuns();
    this.mark("t2", 4, `memory copied; ${this.source.name} quiesces I/O of ${this.domain}`);
    this.env.log.emit(this.sourceName(), "xvm.migrate.quiesce", `${this.domain}: new I/O stalled`, { domain: this.domain, step: "stall" });
    this.env.sim.schedule(
      this.env.timing.drainMs,
      () => {
        this.env.log.emit(this.sourceName(), "xvm.migrate.quiesce", `${this.domain}: in-flight I/O drained; logging out from targets and fabric`, { domain: this.domain, step: "drain" });
        this.source.xend.quiesceNpiv(this.src).then(() => {
          this.quiesced = true;
          const left = this.src.spec.npiv.filter((n) => this.source.daemon.hasPort(n.vpwwn));
          if (left.length) return this.fail(4, `${this.source.name} could not delete NPIV port ${left.map((n) => n.vpwwn).join(", ")}`);
          this.env.log.emit(this.sourceName(), "xvm.migrate.quiesce", `${this.domain}: virtual ports logged out and deleted on ${this.source.name}`, {
            domain: this.domain,
            step: "logout",
            ports: this.src.spec.npiv.map((n) => n.vpwwn)
          });
          this.progress = 0.8;
          this.restoreNpiv();
        });
      },
      "migrate drain"
    );
  }
  restoreNpiv() {
    const dest = this.dest;
    this.mark("t2-t3", 5, `${this.destination.name} creates ${this.destNpiv.length} virtual port(s) for ${this.domain}`);
    for (const [k, v] of this.savedLuns) dest.lunNames.set(k, v);
    const held = this.destNpiv.filter((n) => this.env.heldBy(n.vpwwn).some((h) => h !== this.destination.name));
    if (held.length) return this.fail(5, `NPIV port ${held.map((n) => n.vpwwn).join(", ")} is still logged in on ${[...new Set(held.flatMap((n) => this.env.heldBy(n.vpwwn)))].join(", ")}`);
    const refs = this.destination.xend.createVfcs(dest, this.destNpiv);
    this.destination.devices.waitForDevices(dest, refs).then((r) => {
      if (this.op.done) return;
      if (!r.succeeded) return this.fail(5, r.error);
      this.progress = 0.85;
      this.waitDevices();
    });
  }
  waitDevices() {
    const dest = this.dest;
    const host = this.destination;
    const want = [...this.savedLuns.keys()].filter((k) => this.destNpiv.some((n) => n.autoattach && k.startsWith(`${n.vpwwn}/`)));
    this.mark("t3-t4", 6, `${host.name} waits for ${want.length} LUN device(s) and every other device of ${this.domain}`);
    const ready = () => {
      const have = new Map(host.xend.lunDevices(dest).map((l) => [l.key, l.connected]));
      return want.filter((k) => !have.get(k));
    };
    let timer;
    const watch = host.store.watch(backendPath("vbd", dest.domid), `migrate-wait-${this.id}`, () => check());
    const done = (missing) => {
      host.store.unwatch(watch);
      this.env.sim.cancel(timer);
      if (this.op.done) return;
      if (missing.length === 0) return this.startDestination();
      const names = missing.map((k) => `${this.savedLuns.get(k)} (${describeLunKey(k)})`);
      const ports = [...new Set(missing.map((k) => k.split("/")[0]))];
      this.fail(6, `${names.join(", ")} did not appear on ${host.name} within ${this.env.timing.migrationDeviceTimeoutMs / 1e3} s; check zoning and LUN masking for ${ports.join(", ")}`);
    };
    const check = () => {
      if (this.op.done) return;
      const missing = ready();
      this.progress = 0.85 + 0.14 * (want.length ? (want.length - missing.length) / want.length : 1);
      if (missing.length === 0) done([]);
    };
    timer = this.env.sim.schedule(this.env.timing.migrationDeviceTimeoutMs, () => done(ready()), "migrate device timeout");
  }
  startDestination() {
    const dest = this.dest;
    this.mark("t4", 7, `${this.domain} unpaused on ${this.destination.name}`);
    this.destination.xend.endMigration(dest, "running");
    const src = this.src;
    this.source.xend.endMigration(src, src.power);
    this.source.xend.teardown(src, "shutdown").then(() => {
      this.source.xend.remove(src);
      this.source.xend.setPower(src, "halted");
      this.phase = "done";
      this.progress = 1;
      this.finishedAt = this.env.sim.now;
      this.env.log.emit(this.sourceName(), "xvm.migrate.done", `${this.domain} migrated from ${this.source.name} to ${this.destination.name} in ${((this.finishedAt - this.startedAt) / 1e3).toFixed(1)} s`, {
        domain: this.domain,
        from: this.source.name,
        to: this.destination.name,
        ms: this.finishedAt - this.startedAt
      });
      this.op.resolve();
    });
  }
  /** Aborts at `step`: destination destroyed first, then the source gets its ports back and runs. */
  fail(step, why) {
    if (this.phase === "rollback" || this.op.done) return;
    this.failedStep = step;
    const phase = PHASE_OF_STEP[step] ?? "t0";
    this.error = `Migration of ${this.domain} to ${this.destination.name} failed at step ${step} (${phase}, ${STEP_TEXT[step]}): ${why}`;
    this.env.log.emit(this.sourceName(), "xvm.migrate.failed", this.error, { domain: this.domain, step, phase, reason: why, from: this.source.name, to: this.destination.name });
    this.mark("rollback", step, `rolling back: ${this.domain} returns to ${this.source.name}`);
    const dest = this.dest;
    const afterDest = () => {
      if (dest) this.destination.xend.remove(dest);
      this.resumeSource();
    };
    if (dest && dest.active) this.destination.xend.teardown(dest, "dying").then(afterDest);
    else afterDest();
  }
  resumeSource() {
    const { src } = this;
    const resume = () => {
      this.source.xend.endMigration(src, "running");
      this.phase = "failed";
      this.progress = 1;
      this.finishedAt = this.env.sim.now;
      this.error += `; ${this.domain} is running on ${this.source.name}`;
      this.op.fail(this.error);
    };
    if (!this.quiesced || src.domid === void 0) return resume();
    for (const [k, v] of this.savedLuns) src.lunNames.set(k, v);
    const stuck = src.spec.npiv.filter((n) => this.env.heldBy(n.vpwwn).some((h) => h !== this.source.name));
    if (stuck.length) {
      this.env.log.emit(this.sourceName(), "xvm.migrate.rollback", `${this.domain}: ${stuck.map((n) => n.vpwwn).join(", ")} still on ${this.destination.name}; not re-created`, {
        domain: this.domain,
        ports: stuck.map((n) => n.vpwwn)
      });
    }
    const refs = this.source.xend.createVfcs(src, src.spec.npiv.filter((n) => !stuck.includes(n)));
    this.source.devices.waitForDevices(src, refs).then((r) => {
      if (!r.succeeded) {
        this.env.log.emit(this.sourceName(), "xvm.migrate.rollback", `${this.domain}: ${r.error}`, { domain: this.domain, error: r.error });
        return resume();
      }
      const want = [...this.savedLuns.keys()];
      const missing = () => {
        const have = new Map(this.source.xend.lunDevices(src).map((l) => [l.key, l.connected]));
        return want.some((k) => !have.get(k));
      };
      if (!missing()) return resume();
      let finished = false;
      const finish = () => {
        if (finished) return;
        finished = true;
        this.source.store.unwatch(watch);
        this.env.sim.cancel(timer);
        this.env.log.emit(this.sourceName(), "xvm.migrate.rollback", `${this.domain}: virtual ports back on ${this.source.name}${missing() ? " (some LUNs still missing)" : ""}`, { domain: this.domain });
        resume();
      };
      const watch = this.source.store.watch(backendPath("vbd", src.domid), `migrate-rollback-${this.id}`, () => {
        if (!missing()) finish();
      });
      const timer = this.env.sim.schedule(this.env.timing.migrationDeviceTimeoutMs, finish, "migrate rollback timeout");
    });
  }
  /** The destination's NPIV entries: each physical port replaced by a destination port on the same fabric. */
  mapNpiv() {
    const out = [];
    for (const n of this.src.spec.npiv) {
      const fabric = this.env.fabricOf(n.ppwwn);
      const ports = physicalPorts(this.destination);
      if (this.destination === this.source && ports.some((p) => p.wwpn === n.ppwwn)) {
        out.push(n);
        continue;
      }
      if (fabric === void 0) return `NPIV port ${n.vpwwn}: physical port ${n.ppwwn} on ${this.source.name} is not logged in to a fabric, so no destination port can be matched`;
      const same = ports.filter((p) => this.env.fabricOf(p.wwpn) === fabric);
      if (same.length === 0) return `NPIV port ${n.vpwwn}: ${this.destination.name} has no physical port on fabric ${fabric} (the fabric of ${n.ppwwn})`;
      const pick = same.find((p) => p.freeVports > 0) ?? same[0];
      out.push({ ...n, ppwwn: pick.wwpn });
    }
    return out;
  }
  captureLuns() {
    for (const l of this.source.xend.lunDevices(this.src)) this.savedLuns.set(l.key, l.dev);
  }
  mark(phase, step, note) {
    this.phase = phase;
    const m = { phase, step, t: this.env.sim.now, note };
    this.timeline.push(m);
    this.env.log.emit(this.sourceName(), "xvm.migrate.phase", `${this.domain} ${phase} (step ${step}): ${note}`, {
      domain: this.domain,
      phase,
      step,
      from: this.source.name,
      to: this.destination.name,
      progress: Math.round(this.progress * 100) / 100
    });
  }
  sourceName() {
    return `xend@${this.source.name}`;
  }
};
function physicalPorts(host) {
  const api = host.hba;
  const out = [];
  const n = api.HBA_GetNumberOfAdapters();
  for (let i = 0; i < n; i++) {
    const name2 = api.HBA_GetAdapterName(i);
    if (name2.status !== HBA_STATUS.OK) continue;
    const h = api.HBA_OpenAdapter(name2.value);
    if (h === 0) continue;
    const attrs = api.HBA_GetAdapterAttributes(h);
    const ports = attrs.status === HBA_STATUS.OK ? attrs.value.NumberOfPorts : 0;
    for (let p = 0; p < ports; p++) {
      const pa = api.HBA_GetAdapterPortAttributes(h, p);
      if (pa.status !== HBA_STATUS.OK) continue;
      const npiv = api.Sun_HBA_GetPortNPIVAttributes(h, p);
      const max = npiv.status === HBA_STATUS.OK ? npiv.value.MaxNumberOfNPIVPorts : 0;
      const used = npiv.status === HBA_STATUS.OK ? npiv.value.NumberOfNPIVPorts : 0;
      out.push({ wwpn: pa.value.PortWWN, maxVports: max, freeVports: Math.max(0, max - used) });
    }
    api.HBA_CloseAdapter(h);
  }
  return out;
}
function describeLunKey(key) {
  const [vp, target, lun] = key.split("/");
  return `LUN ${lun} of target ${target} via ${vp}`;
}
function round2(x) {
  return Math.round(x * 100) / 100;
}

// source/xvm/XenWorld.ts
var XenWorld = class {
  constructor(opts, hostConfigs, domainConfigs = []) {
    this.domainConfigs = domainConfigs;
    this.sim = opts.sim;
    this.log = opts.log;
    this.timing = { ...DEFAULT_XEN_TIMING, ...opts.timing };
    this.fabricOfFn = opts.fabricOf ?? ((w) => this.fabricFromHbaApi(w));
    this.dirtyRate = opts.dirtyRateMiBps ?? (() => 16);
    const registry = { owner: (vp) => this.npivOwner(vp), heldBy: (vp) => this.hosts.filter((h) => h.daemon.hasPort(vp)).map((h) => h.name) };
    for (const h of hostConfigs) {
      if (h.kind !== "xen") continue;
      this.hosts.push(
        new XenHost({
          name: h.name,
          cpus: h.cpus,
          memoryMiB: h.memoryMiB,
          hba: opts.hbaApiOf(h.name),
          sim: opts.sim,
          log: opts.log,
          prng: opts.prng,
          timing: this.timing,
          registry
        })
      );
    }
  }
  domainConfigs;
  hosts = [];
  timing;
  migrations = [];
  bootIssues = [];
  sim;
  log;
  fabricOfFn;
  dirtyRate;
  host(name2) {
    return this.hosts.find((h) => h.name === name2);
  }
  /**
   * Defines every configured domain on its host and starts those whose state is running or
   * paused (their virtual ports go through xfc and xennpivd). Call after the FC stack is up.
   * Returns the start operations; run the simulator to settle them.
   */
  boot() {
    const ops = [];
    for (const c of this.domainConfigs) {
      const host = this.host(c.host);
      const issue = (error) => {
        this.bootIssues.push({ domain: c.name, host: c.host, error });
        this.log.emit(`xend@${c.host}`, "xvm.boot.error", `${c.name}: ${error}`, { domain: c.name, host: c.host, error });
      };
      if (!host) {
        issue(`host ${c.host} is not a Xen host`);
        continue;
      }
      try {
        const spec2 = specFromDomainConfig(c);
        if (!c.managed && (c.state === "halted" || c.state === "suspended")) continue;
        const dom = host.xend.define(spec2, c.state === "suspended" ? "suspended" : "halted");
        dom.managed = c.managed;
        if (c.state === "running" || c.state === "paused") {
          const op = host.xend.start(dom, { paused: c.state === "paused" });
          op.then((r) => {
            if (!r.succeeded) issue(r.error);
          });
          ops.push(op);
        }
      } catch (e) {
        issue(e.message);
      }
    }
    return ops;
  }
  /** Every domain of every host (Domain-0 excluded), with its host. */
  domains() {
    return this.hosts.flatMap((host) => host.xend.guests().map((domain) => ({ host, domain })));
  }
  /** Starts `xm migrate`. Immediate refusals throw XendError (xend's wording). */
  migrate(host, ref, destination, opts = {}) {
    const dom = host.xend.require(ref);
    if (dom.privileged) throw new XendError(`Cannot migrate privileged domain ${ref}`);
    if (dom.power !== "running" || dom.migrationRole) throw new XendError("Domain is not running");
    const dest = this.host(destination);
    if (!dest) throw new XendError(`can't connect: (-2, 'Name or service not known')`);
    const env = {
      sim: this.sim,
      log: this.log,
      timing: this.timing,
      fabricOf: (w) => this.fabricOfFn(w),
      dirtyRateMiBps: (d) => this.dirtyRate(d),
      heldBy: (vp) => this.hosts.filter((h) => h.daemon.hasPort(vp)).map((h) => h.name)
    };
    const m = new Migration(env, dom, host, dest, opts.live ?? false);
    this.migrations.push(m);
    if (this.migrations.length > 100) this.migrations.splice(0, this.migrations.length - 100);
    return m.start();
  }
  activeMigrations() {
    return this.migrations.filter((m) => m.running);
  }
  /**
   * Steps the simulator until `done()` holds or nothing is left to run (or `limitMs` of simulated
   * time passed). Returns whether `done()` held. Used by commands that must finish before they
   * print (xm create, xm migrate) in the one-shot CLI.
   */
  runUntil(done, limitMs = 36e5) {
    const end = this.sim.now + limitMs;
    while (!done()) {
      const next = this.sim.nextDue();
      if (next === void 0 || next > end) return done();
      this.sim.step();
    }
    return true;
  }
  /** The domains as the store keeps them (administrative state; live-only details dropped). */
  exportDomains() {
    const out = [];
    for (const host of this.hosts) {
      for (const d of host.xend.guests()) {
        if (d.migrationRole === "destination") continue;
        const state = exportState(d);
        if (state === void 0) continue;
        out.push(specToDomainConfig(d.spec, host.name, state, d.managed));
      }
    }
    return out;
  }
  /** Who has `vpwwn` in their configuration (any host). */
  npivOwner(vpwwn) {
    for (const host of this.hosts) {
      for (const d of host.xend.guests()) if (d.spec.npiv.some((n) => n.vpwwn === vpwwn)) return { host: host.name, domain: d.spec.name };
    }
    return void 0;
  }
  fabricOf(wwpn) {
    return this.fabricOfFn(wwpn);
  }
  fabricFromHbaApi(wwpn) {
    for (const host of this.hosts) {
      const api = host.hba;
      const opened = api.HBA_OpenAdapterByWWN(wwpn);
      if (opened.status !== HBA_STATUS.OK) continue;
      try {
        const pa = api.HBA_GetPortAttributesByWWN(opened.value, wwpn);
        if (pa.status !== HBA_STATUS.OK || pa.value.PortState !== HBA_PORTSTATE.ONLINE) return void 0;
        return /^0+$/.test(pa.value.FabricName) ? void 0 : pa.value.FabricName;
      } finally {
        api.HBA_CloseAdapter(opened.value);
      }
    }
    return void 0;
  }
};
function exportState(d) {
  switch (d.power) {
    case "running":
    case "building":
      return "running";
    case "paused":
      return d.migrationRole === "source" ? "running" : "paused";
    case "suspended":
      return "suspended";
    case "halted":
      return "halted";
    case "shutdown":
      if (d.migrationRole === "source") return "running";
      return d.managed ? "halted" : void 0;
    case "dying":
    case "crashed":
      return d.managed ? "halted" : void 0;
  }
}

// source/world/World.ts
var EVENT_CAPACITY = 5e3;
var World = class {
  sim;
  log;
  prng;
  wwns;
  fabrics;
  arrays;
  hosts;
  cables;
  xen;
  base;
  adminChanges = 0;
  booted = false;
  constructor(doc) {
    const lab2 = doc.lab;
    this.base = lab2;
    this.sim = new Simulator(doc.clock);
    this.log = new EventLog(this.sim, EVENT_CAPACITY);
    this.log.restore(doc.events);
    this.prng = new Prng(doc.prng);
    this.wwns = new WwnLedger(lab2, doc.retiredWwns);
    this.fabrics = buildFabrics(lab2, this.sim, this.log, { onAdminChange: () => this.adminChanges++ });
    this.arrays = buildArrays(lab2.arrays, this.sim, this.log);
    this.hosts = lab2.hosts.map((config) => {
      const stack = new HostFcStack({ host: config, sim: this.sim, log: this.log, wwnRegistry: this.wwns });
      const api = createHbaApi(stack, { sim: this.sim, wwnRegistry: this.wwns, prng: this.prng });
      return { config, stack, api, npivPorts: [...config.npivPorts] };
    });
    const parts = { fabrics: this.fabrics, hosts: this.hosts.map((h) => h.stack), arrays: this.arrays };
    this.cables = lab2.cables.map((c) => new Cable(c, resolveEnd(parts, c.a), resolveEnd(parts, c.b)));
    this.xen = new XenWorld(
      { sim: this.sim, log: this.log, prng: this.prng, hbaApiOf: (name2) => this.host(name2).api },
      lab2.hosts,
      lab2.domains
    );
  }
  /** Brings the lab up to quiescence. */
  boot(options = {}) {
    if (this.booted) throw new WorldError("the world is already booted");
    this.booted = true;
    const run = () => {
      for (const cable of this.cables) if (cable.connected) connect(this.fabrics, cable);
      this.sim.runUntilIdle();
      for (const host of this.hosts) {
        if (host.npivPorts.length > 0) replayNpivPortList(host.config.name, host.api, host.npivPorts, this.log);
      }
      this.sim.runUntilIdle();
      this.xen.boot();
      this.sim.runUntilIdle();
    };
    if (options.record) run();
    else this.log.quietly(run);
    this.adminChanges = 0;
  }
  runUntilIdle() {
    return this.sim.runUntilIdle();
  }
  host(name2) {
    return this.hosts.find((h) => h.config.name === name2);
  }
  /** Counts administrative changes that happened through models that report them (fabric). */
  get adminChangeCount() {
    return this.adminChanges;
  }
  // ---- cables ----------------------------------------------------------------------------
  /** Finds the cable on an end given as `switch/port`, `host/WWPN`, `array/port` or `loop:name`. */
  findCable(endText2) {
    const end = this.resolveEndText(endText2);
    return end ? this.cables.find((c) => c.touches(end)) : void 0;
  }
  resolveEndText(text) {
    const parts = { fabrics: this.fabrics, hosts: this.hosts.map((h) => h.stack), arrays: this.arrays };
    const m = /^([^/]+)\/(.+)$/.exec(text.trim());
    const loop = /^loop:(.+)$/.exec(text.trim());
    try {
      if (loop) return resolveEnd(parts, { loop: loop[1] });
      if (!m) return void 0;
      const [, owner, rest] = m;
      if (this.fabrics.switch(owner)) return resolveEnd(parts, { switch: owner, port: Number(rest) });
      if (this.host(owner)) return resolveEnd(parts, { host: owner, wwpn: rest });
      if (this.arrays.some((a) => a.name === owner)) return resolveEnd(parts, { array: owner, port: rest });
    } catch {
      return void 0;
    }
    return void 0;
  }
  pullCable(cable) {
    if (!cable.connected) return false;
    disconnect(this.fabrics, cable);
    cable.connected = false;
    this.log.emit("world", "world.cable.pull", `cable pulled: ${cable.label}`, { cable: cable.label });
    return true;
  }
  plugCable(cable) {
    if (cable.connected) return false;
    connect(this.fabrics, cable);
    cable.connected = true;
    this.log.emit("world", "world.cable.plug", `cable plugged: ${cable.label}`, { cable: cable.label });
    return true;
  }
  // ---- export ----------------------------------------------------------------------------
  exportLab() {
    const { fabrics, switches } = this.fabrics.exportConfig();
    return {
      ...this.base,
      fabrics,
      switches,
      hosts: this.hosts.map((h) => ({ ...h.config, npivPorts: [...h.npivPorts] })),
      arrays: exportArrays(this.arrays),
      cables: this.cables.map((c) => c.toConfig()),
      domains: this.xen.exportDomains()
    };
  }
  /** The document to save: the lab as now configured, PRNG, clock, the capped log, retired WWNs. */
  toDocument(base) {
    const lab2 = this.exportLab();
    return {
      ...base,
      lab: lab2,
      prng: [...this.prng.state],
      clock: this.sim.now,
      events: [...this.log.entries()],
      retiredWwns: this.wwns.retiredAgainst(lab2)
    };
  }
};
function bootWorld(doc, options = {}) {
  const world2 = new World(doc);
  world2.boot(options);
  return world2;
}

// ../../tmp/scratch/world.ts
var cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e3;
};
{
  const m = /* @__PURE__ */ new Map();
  const keys = [];
  for (let i = 0; i < 1e5; i++) {
    const k = "z_c001" + i.toString(16).padStart(12, "0");
    keys.push(k);
    m.set(k, [i]);
  }
  const u0 = process.cpuUsage();
  let c = 0;
  for (let r = 0; r < 10; r++) for (const k of keys) if (m.has(k)) c++;
  const u = process.cpuUsage(u0);
  console.log("calib 1M has cpu", ((u.user + u.system) / 1e3).toFixed(0), "ms");
}
var lab = generateScenario({ switches: 8, fabrics: 2, hosts: Number(process.env.H ?? 50), portsPerHost: 2, vportsPerPort: Number(process.env.V ?? 100), targets: 4, lunsPerTarget: 1, seed: 1 });
var t = cpu();
var world = bootWorld({ lab, seed: 1, prng: [1, 2, 3, 4], clock: 0, events: [], retiredWwns: [] });
console.log("world boot cpu", (cpu() - t).toFixed(0), "ms", "logins", world.fabrics.fabrics.map((f) => f.loginCount), "sim t", world.sim.now, "heap", (process.memoryUsage().heapUsed / 1e6).toFixed(0), "MB");
//# sourceMappingURL=.tmp-world.mjs.map
