import fs from 'node:fs';
import path from 'node:path';

export const README = path.join(__dirname, '..', '..', 'README.md');

export interface FencedBlock {
  lang: string;
  /** 1-based line of the opening fence, to name the example in a failure. */
  line: number;
  text: string;
}

/** Every fenced code block of a Markdown file, with its language tag. */
export function fencedBlocks(markdown: string): FencedBlock[] {
  const blocks: FencedBlock[] = [];
  const lines = markdown.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const open = /^```(\w*)\s*$/.exec(lines[index]);
    if (!open) continue;
    const start = index;
    const body: string[] = [];
    while (++index < lines.length && !/^```\s*$/.test(lines[index])) body.push(lines[index]);
    blocks.push({ lang: open[1], line: start + 1, text: body.join('\n') });
  }
  return blocks;
}

export const readmeBlocks = (): FencedBlock[] => fencedBlocks(fs.readFileSync(README, 'utf8'));

/** One shell command of an `sh` block: backslash continuations joined, trailing comment dropped. */
export interface ShellCommand {
  /** `NAME=value` assignments before the command. */
  env: Record<string, string>;
  /** The command's words, quotes removed. */
  words: string[];
  /** The command as written, without its env assignments and comment (for running it with sh). */
  text: string;
}

/** Splits a line into shell words (single and double quotes, no expansion); `#` outside quotes starts a comment. */
export function shellWords(line: string): { words: string[]; end: number } {
  const words: string[] = [];
  let word: string | undefined;
  let quote: "'" | '"' | undefined;
  let index = 0;
  for (; index < line.length; index++) {
    const char = line[index];
    if (quote) {
      if (char === quote) quote = undefined;
      else word += char;
    } else if (char === "'" || char === '"') {
      quote = char;
      word ??= '';
    } else if (/\s/.test(char)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (char === '#' && word === undefined) {
      break;
    } else {
      word = (word ?? '') + char;
    }
  }
  if (word !== undefined) words.push(word);
  return { words, end: index };
}

/** The commands of an `sh` block; `a && b` is two commands. */
export function shellCommands(block: string): ShellCommand[] {
  const joined = block.replace(/\\\n\s*/g, ' ');
  const commands: ShellCommand[] = [];
  for (const line of joined.split('\n')) {
    const { end } = shellWords(line);
    const code = line.slice(0, end).trim();
    if (code === '') continue;
    for (const part of code.split(/\s&&\s/)) {
      const { words } = shellWords(part);
      const env: Record<string, string> = {};
      let skip = 0;
      while (skip < words.length && /^[A-Z_][A-Z0-9_]*=/.test(words[skip])) {
        const [name, ...value] = words[skip].split('=');
        env[name] = value.join('=');
        skip++;
      }
      // The text after the assignments, for sh: drop as many leading words as were assignments.
      let text = part.trim();
      for (let dropped = 0; dropped < skip; dropped++) text = text.replace(/^(?:[^\s'"]|'[^']*'|"[^"]*")+\s*/, '');
      commands.push({ env, words: words.slice(skip), text });
    }
  }
  return commands;
}

/** `<the Kirim team the labels go to>` and the like: what a reader fills in. */
export const fillPlaceholders = (text: string): string => text.replace(/<[a-z][^<>]*>/gi, 'example');
