// src/analysis/base-text-worker.ts
import { parentPort, workerData } from "node:worker_threads";

// src/dataset/hash.ts
import { createHash } from "node:crypto";
function hashText(text) {
  return createHash("sha256").update(text).digest("base64url").slice(0, 16);
}
function normalizeForMatch(text) {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/gu, " ").trim();
}

// src/dataset/tokens.ts
var TOKEN = /[\p{Cf}\p{Co}\u{E0000}-\u{E007F}]|[\p{L}\p{N}\p{M}_]+(?:['’][\p{L}\p{N}\p{M}_]+)*(?:-[\p{L}\p{N}\p{M}_]+)*/gu;
function tokenize(text) {
  const tokens = [];
  for (const match of text.toLowerCase().matchAll(TOKEN)) tokens.push(match[0]);
  return tokens;
}
function distinctTerms(tokens, maxN = 1) {
  const terms = /* @__PURE__ */ new Set();
  for (let i = 0; i < tokens.length; i++) {
    terms.add(tokens[i]);
    let gram = tokens[i];
    for (let n = 2; n <= maxN && i + n - 1 < tokens.length; n++) {
      gram += " " + tokens[i + n - 1];
      terms.add(gram);
    }
  }
  return terms;
}

// src/dataset/word-shape.ts
var WordShapeModel = class {
  trigrams = /* @__PURE__ */ new Map();
  contexts = /* @__PURE__ */ new Map();
  alphabet = /* @__PURE__ */ new Set();
  addToken(token, weight = 1) {
    const chars = ["^", "^", ...token, "$"];
    for (let i = 2; i < chars.length; i++) {
      const context = chars[i - 2] + chars[i - 1];
      const gram = context + chars[i];
      this.trigrams.set(gram, (this.trigrams.get(gram) ?? 0) + weight);
      this.contexts.set(context, (this.contexts.get(context) ?? 0) + weight);
      this.alphabet.add(chars[i]);
    }
  }
  /** Mean surprise in bits per character (higher = less word-like). */
  surprise(token) {
    const chars = ["^", "^", ...token, "$"];
    const smoothing = 0.1;
    const vocabulary = this.alphabet.size + 1;
    let bits = 0;
    for (let i = 2; i < chars.length; i++) {
      const context = chars[i - 2] + chars[i - 1];
      const gram = context + chars[i];
      const p = ((this.trigrams.get(gram) ?? 0) + smoothing) / ((this.contexts.get(context) ?? 0) + smoothing * vocabulary);
      bits -= Math.log2(p);
    }
    return bits / (chars.length - 2);
  }
  merge(other) {
    for (const [k, v] of other.trigrams) this.trigrams.set(k, (this.trigrams.get(k) ?? 0) + v);
    for (const [k, v] of other.contexts) this.contexts.set(k, (this.contexts.get(k) ?? 0) + v);
    for (const c of other.alphabet) this.alphabet.add(c);
  }
};

// src/scan/disclosure.ts
var S = "\\s+";
var EARLIER = "(?:previous|prior|above|earlier|preceding|foregoing|former|original|initial|system|existing|safety)";
var ORDERS = "(?:instructions?|prompts?|directions?|directives?|rules|guidelines|guidance|commands?|constraints|programming|messages?|context)";
function rx(source) {
  return new RegExp(source, "gi");
}
var PROSE_AFTER_PASSWORD = new Set(
  "a an the not never no too very stored hashed encrypted salted saved sent kept set changed reset required needed mandatory optional incorrect wrong correct invalid valid weak strong case-sensitive sensitive expired missing empty blank used shown hidden masked displayed only also usually typically generally always still now then being been what which that this important secret private known unknown different same easy hard long short simple".split(" ")
);
var CREDENTIAL_OWNER = "(?:admin(?:istrator)?|root|master|sudo|superuser|database|db|server|ssh|vpn|wi-?fi|vault|production|prod)";
var TEMPLATE_VALUE = /^[<{[(]|^(.)\1{2,}[.,;!?]?$|^\.{3}|^…/;
var NAMES_PRIVILEGED_ACCOUNT = new RegExp(`^\\S+${S}${CREDENTIAL_OWNER}${S}`, "i");
function acceptCredential(match) {
  const [, quote, value] = match;
  if (TEMPLATE_VALUE.test(value)) return false;
  if (quote) return true;
  const word = value.replace(/[.,;!?]+$/, "");
  if (word.length < 3 || PROSE_AFTER_PASSWORD.has(word.toLowerCase())) return false;
  const looksSecret = /[0-9]/.test(word) || /[^A-Za-z0-9-]/.test(word) || /[a-z][A-Z]/.test(word);
  return looksSecret || NAMES_PRIVILEGED_ACCOUNT.test(match[0]);
}
var PATTERNS = [
  {
    kind: "instruction-override",
    re: rx(
      `\\b(?:ignore|disregard|forget|override|bypass)${S}(?:(?:all|any|each|every)${S})?(?:of${S})?(?:(?:the|your|my|these|those|its)${S})?${EARLIER}${S}${ORDERS}\\b`
    )
  },
  {
    kind: "instruction-override",
    re: rx(
      `\\b(?:ignore|disregard|forget)${S}(?:all${S})?(?:of${S})?your${S}(?:instructions|programming|rules|guidelines|training|system${S}prompt|safety${S}guidelines)\\b`
    )
  },
  {
    kind: "instruction-override",
    re: rx(
      `\\b(?:ignore|disregard)${S}(?:everything|anything|all)${S}(?:that${S})?(?:above|before|previously|prior|you${S}(?:were|have${S}been)${S}told)\\b`
    )
  },
  {
    kind: "prompt-extraction",
    re: rx(
      `\\b(?:reveal|print|show|display|output|repeat|recite|leak|dump|share|tell${S}me|give${S}me|write${S}out)${S}(?:me${S})?(?:your|the)${S}(?:(?:full|entire|complete|exact|original|hidden|secret|initial)${S})?(?:system${S}(?:prompt|message|instructions)|initial${S}(?:prompt|instructions)|hidden${S}(?:prompt|instructions)|(?:prompt|instructions)${S}verbatim)\\b`
    )
  },
  {
    kind: "prompt-extraction",
    re: rx(
      `\\bwhat${S}(?:is|was|are|were)${S}your${S}(?:system${S}prompt|initial${S}instructions)\\b`
    )
  },
  {
    kind: "prompt-extraction",
    re: rx(
      `\\b(?:repeat|print|output)${S}(?:back${S})?(?:all${S}|everything${S})?(?:of${S})?(?:the${S})?(?:text|words|content|everything)${S}above\\b`
    )
  },
  {
    kind: "jailbreak-persona",
    re: rx(
      `\\byou${S}are${S}now${S}(?:DAN|STAN|in${S}(?:developer|god|jailbreak|jailbroken|unrestricted)${S}mode|jailbroken|unrestricted|unfiltered|uncensored|free${S}(?:of|from)${S}(?:all${S})?(?:restrictions|rules|guidelines))\\b`
    )
  },
  {
    kind: "jailbreak-persona",
    re: rx(`\\b(?:enable|activate|enter|switch${S}to)${S}(?:DAN|jailbreak|god)${S}mode\\b`)
  },
  { kind: "jailbreak-persona", re: rx(`\\bdo${S}anything${S}now\\b`) },
  {
    kind: "jailbreak-persona",
    re: rx(
      `\\b(?:pretend|imagine|act${S}as${S}if)${S}(?:that${S})?you${S}(?:have|had|are${S}under)${S}no${S}(?:restrictions|rules|guidelines|filters|limits|limitations|content${S}polic(?:y|ies))\\b`
    )
  },
  {
    kind: "credential-disclosure",
    re: rx(
      `\\b(?:the|my|our|your|its)${S}(?:${CREDENTIAL_OWNER}${S})?(?:password|passcode|passphrase|pin${S}code)(?:${S}(?:is|was)${S}|\\s*[:=]\\s*)(?:(?:set${S}to|now|still)${S})?(["'\`]?)([^\\s"'\`]{1,64})\\1`
    ),
    accept: acceptCredential
  },
  {
    kind: "secret-handover",
    re: rx(
      `\\bhere(?:'s|${S}is|${S}are)${S}(?:the|my|your|our|an?)${S}(?:(?:secret|private|production|prod|live|admin|root|master|aws|openai|stripe|github)${S})?(?:api[\\s_-]?keys?|access${S}(?:keys?|tokens?)|(?:auth|bearer|refresh|api|secret)${S}tokens?|secret${S}keys?|credentials|passwords?|private${S}keys?)\\b`
    )
  }
];

// src/scan/homoglyph.ts
var TABLE = [
  // Cyrillic
  "\u0430a \u0435e \u043Eo \u0440p \u0441c \u0443y \u0445x \u0455s \u0456i \u0458j \u04BBh \u0501d \u051Bq \u051Dw \u04CFl \u04AFy \u04BDe \u044Cb \u0433r \u0475v \u0461w \u043Ak",
  "\u0410A \u0412B \u0415E \u041AK \u041CM \u041DH \u041EO \u0420P \u0421C \u0422T \u0423Y \u0425X \u0405S \u0406I \u0408J \u04AEY \u051AQ \u051CW \u04C0I \u042CB \u050CG \u0474V",
  // Greek
  "\u0391A \u0392B \u0395E \u0396Z \u0397H \u0399I \u039AK \u039CM \u039DN \u039FO \u03A1P \u03A4T \u03A5Y \u03A7X \u03F9C \u037FJ \u03DCF \u03FAM \u03D2Y",
  "\u03B1a \u03B3y \u03B9i \u03BAk \u03BDv \u03BFo \u03C1p \u03C3o \u03C4t \u03C5u \u03C7x \u03F2c \u03F3j \u03F1p \u03C9w \u03B7n",
  // Armenian
  "\u054DU \u054FS \u0555O \u0561w \u0563q \u0566q \u0570h \u0578n \u057Cn \u057Du \u0581g \u0584f \u0585o",
  // Cherokee
  "\u13A0D \u13A1R \u13A2T \u13A5i \u13A9Y \u13AAA \u13ABJ \u13ACE \u13B3W \u13B7M \u13BBH \u13BDY \u13C0G \u13C2h \u13C3Z \u13CFb \u13D2R \u13D4W \u13D5S \u13D9V \u13DAS \u13DEL \u13DFC \u13E2P \u13E6K \u13E7d \u13F3G \u13F4B",
  // Lisu
  "\uA4D0B \uA4D1P \uA4D2d \uA4D3D \uA4D4T \uA4D6G \uA4D7K \uA4D9J \uA4DAC \uA4DCZ \uA4DDF \uA4DFM \uA4E0N \uA4E1L \uA4E2S \uA4E3R \uA4E6V \uA4E7H \uA4EAW \uA4EBX \uA4ECY \uA4EEA \uA4F0E \uA4F2I \uA4F3O \uA4F4U",
  // Coptic
  "\u2C80A \u2C82B \u2C88E \u2C8EH \u2C92I \u2C94K \u2C98M \u2C9AN \u2C9EO \u2C9Fo \u2CA2P \u2CA3p \u2CA4C \u2CA5c \u2CA6T \u2CA8Y \u2CACX \u2CADx",
  // Canadian syllabics
  "\u142FV \u144CU \u146DP \u146Fd \u148DJ \u14AAL \u157CH \u1587R \u15AFb \u15B4F \u15C5A \u15DED \u15EAD \u15F0M \u15F7B",
  // Latin IPA, small capitals and other Latin-script lookalikes
  "\u0251a \u0261g \u0263y \u0269i \u026Ai \u0131i \u0237j \u028Fy \u028Bu \u026Fw \u0185b \u0184b \u01BDs \u01C0l \u0196l",
  "\u1D00a \u0299b \u1D04c \u1D05d \u1D07e \uA730f \u0262g \u029Ch \u1D0Aj \u1D0Bk \u029Fl \u1D0Dm \u0274n \u1D0Fo \u1D18p \u0280r \uA731s \u1D1Bt \u1D1Cu \u1D20v \u1D21w \u1D22z"
];
var CONFUSABLES = /* @__PURE__ */ new Map();
for (const line of TABLE) {
  for (const token of line.split(" ")) {
    const [source, ...target] = [...token];
    CONFUSABLES.set(source, target.join(""));
  }
}
var LATIN_LOOKALIKES = new Set(
  [...TABLE[9].replace(/ /g, ""), ...TABLE[10].replace(/ /g, "")].filter((c) => !/[a-z]/i.test(c))
);
var STRONG_GREEK = /* @__PURE__ */ new Set([..."\u0391\u0392\u0395\u0396\u0397\u0399\u039A\u039C\u039D\u039F\u03A1\u03A4\u03A5\u03A7\u03BF\u03BD\u03C1\u03F2\u03F3\u03F9\u037F\u03D2"]);
var WEAK_GREEK = /* @__PURE__ */ new Set([..."\u03B1\u03B3\u03B9\u03BA\u03C3\u03C4\u03C5\u03C7\u03C9\u03B7"]);
var SCRIPT_TESTS = [
  ["Latin", new RegExp("^\\p{Script=Latin}$", "u")],
  ["Cyrillic", new RegExp("^\\p{Script=Cyrillic}$", "u")],
  ["Greek", new RegExp("^\\p{Script=Greek}$", "u")],
  ["Armenian", new RegExp("^\\p{Script=Armenian}$", "u")],
  ["Cherokee", new RegExp("^\\p{Script=Cherokee}$", "u")],
  ["Lisu", new RegExp("^\\p{Script=Lisu}$", "u")],
  ["Coptic", new RegExp("^\\p{Script=Coptic}$", "u")],
  ["Georgian", new RegExp("^\\p{Script=Georgian}$", "u")],
  ["Canadian Aboriginal", new RegExp("^\\p{Script=Canadian_Aboriginal}$", "u")]
];
var REAL_SCRIPTS = /* @__PURE__ */ new Set([
  "Cyrillic",
  "Greek",
  "Armenian",
  "Cherokee",
  "Lisu",
  "Coptic",
  "Georgian",
  "Canadian Aboriginal"
]);
var LOOKALIKE_FAMILY = /* @__PURE__ */ new Set([
  ...REAL_SCRIPTS,
  "Latin",
  "Latin-lookalike",
  "Fullwidth",
  "Mathematical",
  "Letterlike"
]);
var MARK = new RegExp("\\p{M}", "u");

// src/scan/unicode.ts
var PLANE_NONCHARACTERS = Array.from({ length: 14 }, (_, i) => {
  const base = (i + 1).toString(16).toUpperCase();
  return `\\u{${base}FFFE}\\u{${base}FFFF}`;
}).join("");
var CANDIDATE = new RegExp(
  `[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u00A0\\u00AD\\u034F\\u061C\\u115F\\u1160\\u1680\\u17B4\\u17B5\\u180E\\u2000-\\u200F\\u2028-\\u202F\\u205F-\\u206F\\u2800\\u3000\\u3164\\uD800-\\uDFFF\\uE000-\\uF8FF\\uFDD0-\\uFDEF\\uFE00-\\uFE0F\\uFEFF\\uFFA0\\uFFF9-\\uFFFB\\uFFFE\\uFFFF\\u{1D173}-\\u{1D17A}\\u{E0000}-\\u{E007F}\\u{E0100}-\\u{E01EF}\\u{F0000}-\\u{10FFFF}${PLANE_NONCHARACTERS}]`,
  "gu"
);
var PICTOGRAPH = new RegExp("^\\p{Extended_Pictographic}$", "u");
var EMOJI_MODIFIER = new RegExp("^\\p{Emoji_Modifier}$", "u");
var HAN = new RegExp("^\\p{Script=Han}$", "u");
var MATH_SYMBOL = new RegExp("^\\p{Sm}$", "u");
var RTL_LETTER = new RegExp("(?=\\p{L})[\\p{Script=Hebrew}\\p{Script=Arabic}\\p{Script=Syriac}\\p{Script=Thaana}\\p{Script=Nko}]", "u");

// src/sketch/hash.ts
var imul = Math.imul;
var C1 = 3432918353;
var C2 = 461845907;
function fmix32(h) {
  h ^= h >>> 16;
  h = imul(h, 2246822507);
  h ^= h >>> 13;
  h = imul(h, 3266489909);
  h ^= h >>> 16;
  return h >>> 0;
}
function scrambleBlock(k) {
  k = imul(k, C1);
  k = k << 15 | k >>> 17;
  return imul(k, C2);
}
function murmurRound(h, block) {
  h ^= scrambleBlock(block);
  h = h << 13 | h >>> 19;
  return imul(h, 5) + 3864292196 | 0;
}
function finish(h, tail, tailBytes, length) {
  if (tailBytes > 0) h ^= scrambleBlock(tail);
  return fmix32(h ^ length);
}
var UTF8 = { bytes: 0, size: 0, units: 1 };
function encodeAt(text, i, end) {
  const c = text.charCodeAt(i);
  UTF8.units = 1;
  if (c < 128) {
    UTF8.bytes = c;
    UTF8.size = 1;
  } else if (c < 2048) {
    UTF8.bytes = 192 | c >>> 6 | (128 | c & 63) << 8;
    UTF8.size = 2;
  } else if (c >= 55296 && c <= 56319 && i + 1 < end) {
    const d = text.charCodeAt(i + 1);
    if (d >= 56320 && d <= 57343) {
      const cp = 65536 + (c - 55296 << 10) + (d - 56320);
      UTF8.bytes = 240 | cp >>> 18 | (128 | cp >>> 12 & 63) << 8 | (128 | cp >>> 6 & 63) << 16 | (128 | cp & 63) << 24;
      UTF8.size = 4;
      UTF8.units = 2;
    } else {
      encodeThree(65533);
    }
  } else if (c >= 55296 && c <= 57343) {
    encodeThree(65533);
  } else {
    encodeThree(c);
  }
}
function encodeThree(c) {
  UTF8.bytes = 224 | c >>> 12 | (128 | c >>> 6 & 63) << 8 | (128 | c & 63) << 16;
  UTF8.size = 3;
}
function murmur3(text, seed = 0, start = 0, end = text.length) {
  let h = seed | 0;
  let block = 0;
  let filled = 0;
  let length = 0;
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    let bytes;
    let size;
    if (c < 128) {
      bytes = c;
      size = 1;
      i++;
    } else {
      encodeAt(text, i, end);
      bytes = UTF8.bytes;
      size = UTF8.size;
      i += UTF8.units;
    }
    length += size;
    const room = 4 - filled;
    block |= bytes << (filled << 3);
    if (size < room) {
      filled += size;
    } else {
      h = murmurRound(h, block);
      filled = size - room;
      block = filled > 0 ? bytes >>> (room << 3) : 0;
    }
  }
  return finish(h, block, filled, length);
}

// src/sketch/charlm.ts
var DEFAULT_ORDER = 4;
var DEFAULT_BUCKETS = 1 << 21;
var DEFAULT_CONCENTRATION = 2;
var DEFAULT_CHARLM_SEED = 1359893119;
var UNIFORM = 2 ** -16;
var log2 = Math.log2;
var BOS = 2;
var EOS = 3;
var ZERO = 48;
var SPACE = 32;
function isSpace(c) {
  return c === 32 || c >= 9 && c <= 13 || c === 160 || c === 5760 || c >= 8192 && c <= 8202 || c === 8232 || c === 8233 || c === 8239 || c === 8287 || c === 12288 || c === 65279;
}
function normaliseForCharModel(text) {
  const lower2 = text.toLowerCase();
  const out = new Uint16Array(lower2.length);
  let n = 0;
  let pendingSpace = false;
  for (let i = 0; i < lower2.length; i++) {
    let c = lower2.charCodeAt(i);
    if (c === BOS || c === EOS) c = SPACE;
    if (isSpace(c)) {
      pendingSpace = n > 0;
      continue;
    }
    if (pendingSpace) {
      out[n++] = SPACE;
      pendingSpace = false;
    }
    out[n++] = c >= 48 && c <= 57 ? ZERO : c;
  }
  return out.subarray(0, n);
}
var CharNgramModel = class _CharNgramModel {
  order;
  buckets;
  concentration;
  seed;
  counts;
  mask;
  orderSalt;
  /** Symbols counted (characters and EOS): the count of the empty context. */
  events = 0;
  /** Texts added: the count of the all-BOS context. */
  docs = 0;
  history;
  current;
  previous;
  constructor(options = {}) {
    this.order = options.order ?? DEFAULT_ORDER;
    this.buckets = options.buckets ?? DEFAULT_BUCKETS;
    this.concentration = options.concentration ?? DEFAULT_CONCENTRATION;
    this.seed = options.seed ?? DEFAULT_CHARLM_SEED;
    if (!Number.isInteger(this.order) || this.order < 1 || this.order > 8) {
      throw new RangeError(`order must be an integer in [1, 8]: ${this.order}`);
    }
    if (!Number.isInteger(this.buckets) || this.buckets < 2 || (this.buckets & this.buckets - 1) !== 0) {
      throw new RangeError(`buckets must be a power of two >= 2: ${this.buckets}`);
    }
    if (!(this.concentration > 0))
      throw new RangeError(`concentration must be > 0: ${this.concentration}`);
    this.counts = new Uint32Array(this.buckets);
    this.mask = this.buckets - 1;
    this.orderSalt = new Int32Array(this.order + 1);
    for (let k = 1; k <= this.order; k++)
      this.orderSalt[k] = fmix32(this.seed ^ Math.imul(k, 2654435769));
    this.history = new Int32Array(this.order);
    this.current = new Int32Array(this.order + 1);
    this.previous = new Int32Array(this.order + 1);
  }
  /** Texts the model has been fitted on. */
  get documents() {
    return this.docs;
  }
  /** Symbols (characters plus one EOS per text) the model has counted. */
  get symbols() {
    return this.events;
  }
  /** Bytes of count storage: fixed at construction. */
  get byteLength() {
    return this.counts.byteLength;
  }
  add(text) {
    const symbols = normaliseForCharModel(text);
    this.startText();
    for (let i = 0; i <= symbols.length; i++) {
      this.step(i < symbols.length ? symbols[i] : EOS);
      const counts = this.counts;
      for (let k = 1; k <= this.order; k++) {
        const at = this.current[k];
        if (counts[at] !== 4294967295) counts[at]++;
      }
    }
    this.events += symbols.length + 1;
    this.docs++;
  }
  /** Everything the model knows, as plain data (for passing it between threads). */
  toState() {
    return {
      order: this.order,
      buckets: this.buckets,
      concentration: this.concentration,
      seed: this.seed,
      counts: this.counts,
      events: this.events,
      docs: this.docs
    };
  }
  static fromState(state) {
    const model = new _CharNgramModel(state);
    model.counts.set(state.counts);
    model.events = state.events;
    model.docs = state.docs;
    return model;
  }
  /** Adds the counts of `other`, a model with the same order, buckets and seed. */
  merge(other) {
    if (other.order !== this.order || other.buckets !== this.buckets || other.seed !== this.seed) {
      throw new Error("cannot merge CharNgramModel instances with different settings");
    }
    const counts = this.counts;
    const from = other.counts;
    for (let i = 0; i < counts.length; i++) {
      const sum = counts[i] + from[i];
      counts[i] = sum > 4294967295 ? 4294967295 : sum;
    }
    this.events += other.events;
    this.docs += other.docs;
  }
  /** Mean surprisal of `text` in bits per symbol (EOS included); higher is less typical. */
  score(text) {
    const bits = this.surprisals(text);
    let total = 0;
    for (let i = 0; i < bits.length; i++) total += bits[i];
    return total / bits.length;
  }
  /**
   * Highest mean surprisal over any `window` consecutive symbols: finds a short foreign insert
   * (a trigger token, an encoded payload) that the whole-text mean would dilute. Equals `score`
   * for texts no longer than the window.
   */
  maxWindowScore(text, window = 32) {
    if (!Number.isInteger(window) || window < 1)
      throw new RangeError(`window must be >= 1: ${window}`);
    const bits = this.surprisals(text);
    if (bits.length <= window) {
      let total = 0;
      for (let i = 0; i < bits.length; i++) total += bits[i];
      return total / bits.length;
    }
    let sum = 0;
    for (let i = 0; i < window; i++) sum += bits[i];
    let best = sum;
    for (let i = window; i < bits.length; i++) {
      sum += bits[i] - bits[i - window];
      if (sum > best) best = sum;
    }
    return best / window;
  }
  /** Surprisal in bits of each symbol of the normalised text, then of EOS. */
  surprisals(text) {
    const symbols = normaliseForCharModel(text);
    const bits = new Float64Array(symbols.length + 1);
    const counts = this.counts;
    const K = this.concentration;
    this.startText();
    for (let i = 0; i <= symbols.length; i++) {
      this.step(i < symbols.length ? symbols[i] : EOS);
      let p = UNIFORM;
      for (let k = 1; k <= this.order; k++) {
        const context = k === 1 ? this.events : i === 0 ? this.docs : counts[this.previous[k - 1]];
        const count = counts[this.current[k]];
        const joint = count < context ? count : context;
        p = (joint + K * p) / (context + K);
      }
      bits[i] = -log2(p);
    }
    return bits;
  }
  startText() {
    this.history.fill(BOS);
  }
  /**
   * Moves to the next symbol: `previous` gets the buckets of the grams ending at the last symbol,
   * `current` those of the 1..order-grams ending at `symbol`, hashed right to left so that the
   * k-gram hash extends the (k-1)-gram hash of the same position.
   */
  step(symbol) {
    const swap = this.previous;
    this.previous = this.current;
    this.current = swap;
    let h = this.seed;
    for (let k = 1; k <= this.order; k++) {
      h = murmurRound(h, k === 1 ? symbol : this.history[k - 2]);
      this.current[k] = fmix32(h ^ this.orderSalt[k]) & this.mask;
    }
    for (let j = this.order - 1; j > 0; j--) this.history[j] = this.history[j - 1];
    this.history[0] = symbol;
  }
};

// src/analysis/domains.ts
var LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
var URL_HOST = new RegExp(`\\b(?:https?://|www\\.)(${LABEL}(?:\\.${LABEL})+)`, "giu");
var TLDS = [
  "com",
  "org",
  "net",
  "edu",
  "gov",
  "io",
  "ai",
  "co",
  "dev",
  "app",
  "info",
  "biz",
  "xyz",
  "shop",
  "store",
  "online",
  "site",
  "tech",
  "cloud",
  "me",
  "tv",
  "us",
  "uk",
  "de",
  "fr",
  "es",
  "it",
  "nl",
  "ru",
  "cn",
  "jp",
  "in",
  "br",
  "au",
  "ca",
  "eu",
  "ly",
  "gg",
  "to",
  "link",
  "click",
  "top",
  "test",
  "example",
  "invalid",
  "local"
];
var BARE_HOST = new RegExp(
  `(?<![@\\w.-])((?:${LABEL}\\.)+(?:${TLDS.join("|")}))(?![\\w-]|\\.[a-z0-9])`,
  "giu"
);

// src/analysis/interest.ts
var MAX_NGRAM = 3;
function interestingTerms(tokens, interest) {
  const found = /* @__PURE__ */ new Set();
  for (let i = 0; i < tokens.length; i++) {
    let gram = tokens[i];
    if (interest.words.has(gram)) found.add(gram);
    for (let n = 2; n <= MAX_NGRAM && i + n - 1 < tokens.length; n++) {
      if (!interest.prefixes.has(gram)) break;
      gram += " " + tokens[i + n - 1];
      if (interest.phrases.has(gram)) found.add(gram);
    }
  }
  return found;
}
var FILTER_BITS = 1 << 22;
var FILTER_MASK = FILTER_BITS - 1;
var NON_ASCII = /[^\x00-\x7f]/;
var JOINERS = [39, 45];
var InterestScanner = class {
  constructor(interest) {
    this.interest = interest;
    for (const word of interest.words) setBit(this.wordFilter, stringHash(word));
    for (const phrase of interest.phrases) {
      const parts = phrase.split(" ").map(stringHash);
      let hash = parts[0];
      for (let i = 1; i < parts.length; i++) hash = extend(hash, parts[i]);
      setBit(this.phraseFilter, hash);
    }
    this.hasPhrases = interest.phrases.size > 0;
    this.nothingToFind = interest.words.size === 0 && !this.hasPhrases;
  }
  interest;
  wordFilter = new Uint8Array(FILTER_BITS >>> 3);
  phraseFilter = new Uint8Array(FILTER_BITS >>> 3);
  hasPhrases;
  nothingToFind;
  /** Same as `interestingTerms(tokenize(text), interest)`, for an `interest` built by interestOf. */
  terms(text) {
    if (this.nothingToFind) return /* @__PURE__ */ new Set();
    if (NON_ASCII.test(text)) return interestingTerms(tokenize(text), this.interest);
    const found = /* @__PURE__ */ new Set();
    let start1 = -1;
    let end1 = -1;
    let hash1 = 0;
    let start2 = -1;
    let end2 = -1;
    let hash2 = 0;
    const length = text.length;
    let i = 0;
    while (i < length) {
      if (!isWordChar(text.charCodeAt(i))) {
        i++;
        continue;
      }
      const start = i;
      let hash = FNV_OFFSET;
      while (i < length && isWordChar(text.charCodeAt(i))) {
        hash = Math.imul(hash ^ lower(text.charCodeAt(i)), FNV_PRIME);
        i++;
      }
      for (let j = 0; j < JOINERS.length; j++) {
        const joiner = JOINERS[j];
        while (i + 1 < length && text.charCodeAt(i) === joiner && isWordChar(text.charCodeAt(i + 1))) {
          hash = Math.imul(hash ^ joiner, FNV_PRIME);
          i++;
          while (i < length && isWordChar(text.charCodeAt(i))) {
            hash = Math.imul(hash ^ lower(text.charCodeAt(i)), FNV_PRIME);
            i++;
          }
        }
      }
      const end = i;
      if (hasBit(this.wordFilter, hash)) {
        const token = text.slice(start, end).toLowerCase();
        if (this.interest.words.has(token)) found.add(token);
      }
      if (this.hasPhrases && start1 >= 0) {
        const pair = extend(hash1, hash);
        if (hasBit(this.phraseFilter, pair)) this.check(found, text, start1, end1, start, end);
        if (start2 >= 0 && hasBit(this.phraseFilter, extend(extend(hash2, hash1), hash))) {
          this.check(found, text, start2, end2, start1, end1, start, end);
        }
      }
      start2 = start1;
      end2 = end1;
      hash2 = hash1;
      start1 = start;
      end1 = end;
      hash1 = hash;
    }
    return found;
  }
  /** Adds the phrase made of the tokens at these [start, end) spans if it is of interest. */
  check(found, text, ...spans) {
    const words = [];
    for (let k = 0; k < spans.length; k += 2) words.push(text.slice(spans[k], spans[k + 1]));
    const phrase = words.join(" ").toLowerCase();
    if (this.interest.phrases.has(phrase)) found.add(phrase);
  }
};
var FNV_OFFSET = 2166136261 | 0;
var FNV_PRIME = 16777619;
function stringHash(text) {
  let hash = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
  return hash;
}
function extend(hash, next) {
  const mixed = Math.imul(hash ^ hash >>> 15, 739982445);
  return mixed ^ Math.imul(next ^ next >>> 13, 695872825) | 0;
}
function setBit(filter, hash) {
  const bit = hash & FILTER_MASK;
  filter[bit >>> 3] |= 1 << (bit & 7);
}
function hasBit(filter, hash) {
  const bit = hash & FILTER_MASK;
  return (filter[bit >>> 3] & 1 << (bit & 7)) !== 0;
}
function isWordChar(c) {
  return c >= 97 && c <= 122 || c >= 65 && c <= 90 || c >= 48 && c <= 57 || c === 95;
}
function lower(c) {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

// src/analysis/term-sampling.ts
var COMMON_AT = 50;
var REBUILD_EVERY = 1e3;
var SampledTermCounter = class {
  /**
   * `exact`: every count is kept exact (every row is sampled, or rows carry groups, whose counts
   * are not estimated).
   */
  constructor(interest, stats2, exact) {
    this.interest = interest;
    this.stats = stats2;
    this.exact = exact;
    this.full = new InterestScanner(interest);
    this.rare = this.full;
  }
  interest;
  stats;
  exact;
  full;
  rare;
  sampledCounts = /* @__PURE__ */ new Map();
  common = /* @__PURE__ */ new Set();
  rows = 0;
  sampledRows = 0;
  rebuildDue = false;
  rowsSinceRebuild = 0;
  add(text, sampled, group) {
    this.rows++;
    if (++this.rowsSinceRebuild >= REBUILD_EVERY && this.rebuildDue) this.rebuild();
    let terms;
    if (sampled) {
      this.sampledRows++;
      terms = this.full.terms(text);
      for (const term of terms) {
        const seen = (this.sampledCounts.get(term) ?? 0) + 1;
        this.sampledCounts.set(term, seen);
        if (seen === COMMON_AT) this.becomeCommon(term);
      }
    } else {
      terms = this.rare.terms(text);
    }
    const exact = [];
    for (const term of terms) if (!this.common.has(term)) exact.push(term);
    this.stats.addTerms(exact, group);
  }
  /** Sets the estimated counts of the common terms; call once every row was added. */
  finish() {
    if (this.sampledRows === 0) return;
    const scale = this.rows / this.sampledRows;
    for (const term of this.common) {
      this.stats.df.set(term, Math.round((this.sampledCounts.get(term) ?? 0) * scale));
    }
  }
  becomeCommon(term) {
    if (this.exact) return;
    this.common.add(term);
    this.stats.df.delete(term);
    this.rebuildDue = true;
  }
  rebuild() {
    const words = new Set([...this.interest.words].filter((t) => !this.common.has(t)));
    const phrases = new Set([...this.interest.phrases].filter((t) => !this.common.has(t)));
    this.rare = new InterestScanner({ ...this.interest, words, phrases });
    this.rebuildDue = false;
    this.rowsSinceRebuild = 0;
  }
};

// src/analysis/term-stats.ts
var TermStats = class _TermStats {
  constructor(maxN = 2) {
    this.maxN = maxN;
  }
  maxN;
  docs = 0;
  df = /* @__PURE__ */ new Map();
  groupDocs = /* @__PURE__ */ new Map();
  groupDf = /* @__PURE__ */ new Map();
  add(text, group = null) {
    const terms = distinctTerms(tokenize(text), this.maxN);
    this.addTerms(terms, group);
    return terms;
  }
  addTerms(terms, group) {
    this.docs++;
    let perGroup;
    if (group !== null) {
      this.groupDocs.set(group, (this.groupDocs.get(group) ?? 0) + 1);
      perGroup = this.groupDf.get(group);
      if (!perGroup) this.groupDf.set(group, perGroup = /* @__PURE__ */ new Map());
    }
    for (const term of terms) {
      this.df.set(term, (this.df.get(term) ?? 0) + 1);
      if (perGroup) perGroup.set(term, (perGroup.get(term) ?? 0) + 1);
    }
  }
  count(term) {
    return this.df.get(term) ?? 0;
  }
  countInGroup(term, group) {
    return this.groupDf.get(group)?.get(term) ?? 0;
  }
  /** The counts as plain data (for passing them between threads). */
  toState() {
    return {
      maxN: this.maxN,
      docs: this.docs,
      df: this.df,
      groupDocs: this.groupDocs,
      groupDf: this.groupDf
    };
  }
  static fromState(state) {
    const stats2 = new _TermStats(state.maxN);
    stats2.docs = state.docs;
    for (const [term, n] of state.df) stats2.df.set(term, n);
    for (const [group, n] of state.groupDocs) stats2.groupDocs.set(group, n);
    for (const [group, terms] of state.groupDf) stats2.groupDf.set(group, terms);
    return stats2;
  }
  merge(other) {
    this.docs += other.docs;
    for (const [term, n] of other.df) this.df.set(term, (this.df.get(term) ?? 0) + n);
    for (const [group, n] of other.groupDocs)
      this.groupDocs.set(group, (this.groupDocs.get(group) ?? 0) + n);
    for (const [group, terms] of other.groupDf) {
      let mine = this.groupDf.get(group);
      if (!mine) this.groupDf.set(group, mine = /* @__PURE__ */ new Map());
      for (const [term, n] of terms) mine.set(term, (mine.get(term) ?? 0) + n);
    }
  }
};

// src/analysis/types.ts
var CONFLICT = "\0conflict";

// src/analysis/base-text.ts
var MIN_MODEL_TEXT = 20;
var MAX_MODEL_TEXT = 64 * 1024;
var MAX_HELD_OUT = 5e3;
var VOCABULARY_CAP = 2e6;
var HALF_SEED = 625341585;
var BaseTextStats = class {
  constructor(config) {
    this.config = config;
    const everyRow = config.termShare >= 1;
    this.inputCounter = config.labelled ? null : new SampledTermCounter(config.input, this.summary.inputTerms, everyRow || config.hasLabels);
    this.outputCounter = new SampledTermCounter(config.output, this.summary.outputTerms, everyRow);
  }
  config;
  summary = {
    labelCounts: /* @__PURE__ */ new Map(),
    inputTerms: new TermStats(MAX_NGRAM),
    outputTerms: new TermStats(MAX_NGRAM),
    vocabulary: /* @__PURE__ */ new Map(),
    wordShape: new WordShapeModel(),
    answers: /* @__PURE__ */ new Map(),
    textModel: { halves: [new CharNgramModel(), new CharNgramModel()], heldOut: [] }
  };
  /** Null for labelled data. */
  inputCounter;
  outputCounter;
  add(row) {
    const base = this.summary;
    const { input, output, label, draw } = row;
    const sampled = draw < this.config.termShare;
    if (label !== null) increment(base.labelCounts, label);
    if (this.inputCounter) {
      this.inputCounter.add(input, sampled, label);
    } else {
      const inputTokens = tokenize(input);
      base.inputTerms.addTerms(interestingTerms(inputTokens, this.config.input), label);
      if (label !== null) {
        for (const token of new Set(inputTokens)) {
          if (base.vocabulary.size < VOCABULARY_CAP || base.vocabulary.has(token))
            increment(base.vocabulary, token);
        }
      }
    }
    if (output) this.outputCounter.add(output, sampled, null);
    const answerKeys = this.config.input.answerKeys;
    if (label !== null && input && answerKeys.size) {
      const key = hashText(normalizeForMatch(input));
      if (answerKeys.has(key)) {
        const known = base.answers.get(key);
        if (known === void 0) base.answers.set(key, label);
        else if (known !== label) base.answers.set(key, CONFLICT);
      }
    }
    if (draw < this.config.modelShare) fitTextModel(base.textModel, modelText(row));
  }
  /** The statistics once every row was added (call once). */
  finish() {
    this.inputCounter?.finish();
    this.outputCounter.finish();
    const base = this.summary;
    const { halves, heldOut } = base.textModel;
    for (const entry of heldOut) entry.score = halves[1 - entry.half].score(entry.text);
    return {
      labelCounts: base.labelCounts,
      inputTerms: base.inputTerms.toState(),
      outputTerms: base.outputTerms.toState(),
      vocabulary: base.vocabulary,
      answers: base.answers,
      halves: [halves[0].toState(), halves[1].toState()],
      heldOut
    };
  }
};
function fitTextModel(model, text) {
  if (text.length < MIN_MODEL_TEXT) return;
  const half = murmur3(text, HALF_SEED) & 1;
  model.halves[half].add(text);
  if (model.heldOut.length < MAX_HELD_OUT) model.heldOut.push({ text, half });
}
function modelText(features) {
  const { input, output, allText } = features;
  const text = input || output ? [input, output].filter(Boolean).join("\n") : allText;
  return text.length > MAX_MODEL_TEXT ? text.slice(0, MAX_MODEL_TEXT) : text;
}
function increment(map, key) {
  map.set(key, (map.get(key) ?? 0) + 1);
}

// src/analysis/base-text-worker.ts
var port = parentPort;
if (!port) throw new Error("base-text-worker must run in a worker thread");
var stats = new BaseTextStats(workerData);
port.on("message", (message) => {
  if (message.type === "rows") {
    const { inputs, outputs, allTexts, labels, draws } = message;
    for (let i = 0; i < draws.length; i++) {
      stats.add({
        input: inputs[i],
        output: outputs[i],
        allText: allTexts[i],
        label: labels[i],
        draw: draws[i]
      });
    }
    port.postMessage({ type: "ack" });
    return;
  }
  const state = stats.finish();
  port.postMessage({ type: "done", state }, [
    state.halves[0].counts.buffer,
    state.halves[1].counts.buffer
  ]);
});
//# sourceMappingURL=base-text-worker.js.map
