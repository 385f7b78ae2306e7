/**
 * Event extraction (formats.md §3). Chinese answers list one clinical-finding event per line as
 * `主体词：疼痛；发生状态：；描述词：明显好转；解剖部位：腹`; English answers write
 * `Cause of disease: (Trigger: responsible, Theme: diarrheal diseases, Cause: …]`.
 */
import type { Lang } from '../lang.ts';
import { joinNames, splitLines } from '../text.ts';
import { bracketGroups, cleanItem, cleanLine, isNone, resolveName, splitKeyValue, stripSpecialTokens } from './parse.ts';

export interface EventArgument {
  role: string;
  /** Empty when the answer names the role without a value (`发生状态：`). */
  text: string;
}

export interface ExtractedEvent {
  type: string;
  arguments: EventArgument[];
}

export interface EventOptions {
  /** Event types offered (en), or the one event type of the Chinese prompt (`临床发现`). */
  eventTypes: readonly string[];
  /** Argument roles offered; `Trigger` is always accepted. */
  roles: readonly string[];
}

export interface EventResult {
  events: ExtractedEvent[];
  unparsed: string[];
}

/** Chinese roles of CHIP-CDEE clinical-finding events, in Taiyi's order. */
export const CDEE_ROLES = ['主体词', '发生状态', '描述词', '解剖部位'] as const;

/** Builds Taiyi's event prompt. The English typo "Even Types" and the unclosed quote are how Taiyi was trained. */
export function buildEventPrompt(text: string, options: EventOptions, lang: Lang): string {
  if (lang === 'zh') {
    const type = options.eventTypes[0] ?? '临床发现';
    const roles = options.roles.length ? options.roles : CDEE_ROLES;
    const listed = roles.length > 1 ? `${joinNames(roles.slice(0, -1), 'zh')}和${roles[roles.length - 1]}` : roles[0];
    return `找出指定的${type}事件属性：\n${text}\n事件抽取说明：${type}事件由${listed}组成`;
  }
  return (
    `Input text: "${text}\nEven Types: ${options.eventTypes.join(', ')}\n` +
    `Role Types: ${options.roles.join(', ')}\nPlease extract events from the input text.`
  );
}

function resolveRole(raw: string, options: EventOptions): string {
  return resolveName(raw, [...options.roles, 'Trigger']) ?? raw.trim();
}

/** `主体词：疼痛；发生状态：；…` → arguments, or null when no field names a known role. */
function parseFieldList(line: string, options: EventOptions): EventArgument[] | null {
  const args: EventArgument[] = [];
  let known = 0;
  for (const field of line.split(/[；;]/)) {
    const kv = splitKeyValue(field.trim());
    if (!kv) continue;
    const role = resolveRole(kv.key, options);
    if (options.roles.length === 0 || resolveName(kv.key, [...options.roles, 'Trigger'])) known++;
    const text = cleanItem(kv.value);
    args.push({ role, text: isNone(text) ? '' : text });
  }
  return known > 0 ? args : null;
}

/** `(Trigger: a, Theme: b, Cause: c]` → arguments; values may contain commas, roles may not. */
function parseRoleGroup(group: string, options: EventOptions): EventArgument[] {
  const roles = [...options.roles, 'Trigger'].map((r) => r.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const boundary = roles.length ? `(?:${roles.join('|')})` : '[A-Za-z][\\w -]*';
  const parts = group.split(new RegExp(`[,，]\\s*(?=${boundary}\\s*[:：])`, 'i'));
  const args: EventArgument[] = [];
  for (const part of parts) {
    const kv = splitKeyValue(part.trim());
    if (kv) args.push({ role: resolveRole(kv.key, options), text: cleanItem(kv.value) });
  }
  return args;
}

/** The event groups of an English value: `(…]`, `(…)` or `[…]`, several per line allowed. */
function roleGroups(value: string): string[] {
  const normalised = value.replace(/[(（]/g, '[').replace(/[)）]/g, ']');
  const groups = bracketGroups(normalised).map((g) => g.inner);
  if (groups.length) return groups;
  const open = normalised.indexOf('[');
  return open >= 0 ? [normalised.slice(open + 1)] : [value];
}

/**
 * Parses an event answer in either language. A header such as `上述句子中的临床发现事件如下：` sets the
 * event type for the lines below it. Empty argument values are kept. Never throws.
 */
export function parseEvents(output: string, options: EventOptions): EventResult {
  const events: ExtractedEvent[] = [];
  const unparsed: string[] = [];
  let current = options.eventTypes[0] ?? '';
  for (const raw of splitLines(stripSpecialTokens(output))) {
    const line = cleanLine(raw);
    if (!line) continue;
    const header = /^上述(?:句子|文本)?中的?(.+?)事件如下[:：]?$/.exec(line);
    if (header) {
      current = resolveName(header[1], options.eventTypes) ?? header[1];
      continue;
    }
    const kv = splitKeyValue(line);
    const type = kv ? resolveName(kv.key, options.eventTypes) : null;
    const fields = kv && type && /^[[(（]/.test(kv.value) ? null : parseFieldList(line, options);
    if (fields) {
      events.push({ type: current, arguments: fields });
      continue;
    }
    if (kv && type) {
      const before = events.length;
      for (const group of roleGroups(kv.value)) {
        const args = parseRoleGroup(group, options);
        if (args.length) events.push({ type, arguments: args });
      }
      if (events.length > before) continue;
    }
    if (!isNone(line)) unparsed.push(line);
  }
  return { events, unparsed };
}

/** Writes events in Taiyi's answer format for the language. */
export function renderEvents(events: readonly ExtractedEvent[], lang: Lang): string {
  if (lang === 'zh') {
    const type = events[0]?.type || '临床发现';
    const lines = events.map((e) => e.arguments.map((a) => `${a.role}：${a.text}`).join('；'));
    return [`上述句子中的${type}事件如下：`, ...lines].join('\n');
  }
  return events.map((e) => `${e.type}: (${e.arguments.map((a) => `${a.role}: ${a.text}`).join(', ')}]`).join('\n');
}
