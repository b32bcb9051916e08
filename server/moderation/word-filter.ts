/**
 * The word filter's matcher: pure, no I/O. Text and filter phrases go through the same
 * normalisation, so whatever evasion a writer tries (capitals, full-width letters, accents,
 * zero-width characters, look-alike letters from other alphabets, digits for letters, letters
 * spaced or dotted apart, letters repeated), both sides end up in the same form.
 *
 * Two ways of matching, by script:
 * - Scripts written with spaces (Latin, Cyrillic, Greek ...) match whole words, so "class" does
 *   not match a filter on "ass" and "Scunthorpe" not one on its inner word.
 * - Scripts written without spaces (Chinese, Japanese, Thai ...) have no word boundary to find,
 *   so an entry containing them matches anywhere in the text's letters, separators ignored.
 *
 * Known trade-off of folding repeated letters: "good" and "god" become the same word.
 */

export type WordFilterAction = "block" | "flag";
export type WordFilterRule = { id: string; phrase: string; action: WordFilterAction };

/** Characters that look like Latin letters, or stand for them (leet), mapped to those letters. */
const LOOK_ALIKES: Record<string, string> = {
  // Cyrillic
  а: "a",
  в: "b",
  е: "e",
  ё: "e",
  і: "i",
  ї: "i",
  ј: "j",
  к: "k",
  м: "m",
  н: "h",
  о: "o",
  р: "p",
  с: "c",
  т: "t",
  у: "y",
  х: "x",
  ѕ: "s",
  ԁ: "d",
  ԛ: "q",
  ԝ: "w",
  // Greek
  α: "a",
  β: "b",
  ε: "e",
  η: "n",
  ι: "i",
  κ: "k",
  ν: "v",
  ο: "o",
  ρ: "p",
  τ: "t",
  υ: "u",
  χ: "x",
  ω: "w",
  ς: "s",
  σ: "s",
  // Latin letters that case folding would turn into others, and dotless i
  ß: "ss",
  ı: "i",
  ł: "l",
  ø: "o",
  đ: "d",
  æ: "ae",
  œ: "oe",
  // Digits and symbols written for letters
  "0": "o",
  "1": "l",
  "3": "e",
  "4": "a",
  "5": "s",
  "7": "t",
  "@": "a",
  $: "s",
};

/** After the look-alikes: "1" may stand for i or l, so i and l are one letter to the matcher. */
const SAME_LETTER: Record<string, string> = { i: "l" };

/**
 * The blocks of combining diacritical marks (accents on letters). Only these are dropped: the
 * vowel signs of Thai or Devanagari are marks too, and are letters of their words.
 */
const DIACRITIC_BLOCKS: readonly [number, number][] = [
  [0x0300, 0x036f],
  [0x1ab0, 0x1aff],
  [0x1dc0, 0x1dff],
  [0x20d0, 0x20ff],
  [0xfe20, 0xfe2f],
];
const isDiacritic = (char: string) => {
  const code = char.codePointAt(0) ?? 0;
  return DIACRITIC_BLOCKS.some(([from, to]) => code >= from && code <= to);
};
/** Invisible format characters: zero-width spaces and joiners, soft hyphen, bidi controls. */
const INVISIBLE = /[\p{Cf}\u180e]/gu;
const LETTER = /[\p{L}\p{M}\p{N}]/u;
/** Scripts written without spaces between words. */
const UNSPACED =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
/** Longest spelled-out run searched for hidden words (longer ones are searched up to this). */
const SPELLED_MAX = 64;
/** Runs of at least this many single letters with separators between them are one word ("b a d"). */
const SPACED_OUT_MIN = 3;

/** One character in its matching form (possibly several letters, like ß → ss). */
function mapCharacter(char: string): string {
  const mapped = LOOK_ALIKES[char] ?? char;
  return Array.from(mapped, (c) => SAME_LETTER[c] ?? c).join("");
}

/**
 * Unicode normalisation: NFKC (full-width and compatibility forms become plain letters), lower
 * case, diacritics and invisible characters removed, look-alikes mapped. Separators stay.
 */
export function foldCharacters(text: string): string {
  const folded = text.normalize("NFKC").toLowerCase().normalize("NFD").replace(INVISIBLE, "");
  let out = "";
  for (const char of folded) if (!isDiacritic(char)) out += char;
  let mapped = "";
  for (const char of out.normalize("NFC")) mapped += mapCharacter(char);
  return mapped;
}

const collapseRepeats = (word: string) => word.replace(/(.)\1+/gu, "$1");

/**
 * Text in its matching forms: whole words (spaced scripts), all letters run together, and the
 * runs of letters spelled out one by one ("a b.a.d idea" spells "abad", which hides "bad").
 */
export type PreparedText = { words: string[]; compact: string; spelled: string[] };

export function prepareText(text: string): PreparedText {
  const folded = foldCharacters(text);
  // Words of spaced scripts; characters of unspaced scripts and separators end a word. `gap`
  // marks where something other than separators (an unspaced character) came between words.
  const raw: { word: string; joinable: boolean }[] = [];
  let current = "";
  let compact = "";
  let gapIsSeparator = true;
  const flush = () => {
    if (current) raw.push({ word: current, joinable: gapIsSeparator });
    current = "";
    gapIsSeparator = true;
  };
  for (const char of folded) {
    if (!LETTER.test(char)) {
      flush();
      continue;
    }
    compact += char;
    if (UNSPACED.test(char)) {
      flush();
      gapIsSeparator = false;
      continue;
    }
    current += char;
  }
  flush();
  // "b a d", "b.a.d", "b-a-d": a run of single letters is the word they spell.
  const words: string[] = [];
  const spelled: string[] = [];
  let index = 0;
  while (index < raw.length) {
    let end = index;
    while (
      end < raw.length &&
      Array.from(raw[end]?.word ?? "").length === 1 &&
      (end === index || raw[end]?.joinable === true)
    )
      end++;
    if (end - index >= SPACED_OUT_MIN) {
      const joined = raw
        .slice(index, end)
        .map((entry) => entry.word)
        .join("");
      words.push(joined);
      spelled.push(collapseRepeats(joined));
      index = end;
    } else {
      words.push(raw[index]?.word ?? "");
      index++;
    }
  }
  return { words: words.map(collapseRepeats), compact, spelled };
}

/** Whether a phrase is matched as a substring of letters (it contains an unspaced script). */
export function isUnspacedPhrase(normalized: string): boolean {
  return UNSPACED.test(normalized);
}

/**
 * The matching form of a filter phrase, stored (unique) beside the phrase as staff typed it:
 * its words joined by one space, or, for unspaced scripts, its letters run together.
 */
export function normalizePhrase(phrase: string): string {
  const prepared = prepareText(phrase);
  return isUnspacedPhrase(prepared.compact) ? prepared.compact : prepared.words.join(" ");
}

export type WordFilterMatch = { rule: WordFilterRule; normalized: string };

type CompiledWords = { rule: WordFilterRule; normalized: string; words: string[] };
type CompiledUnspaced = { rule: WordFilterRule; normalized: string };

/** A set of rules ready to check text against; `block` rules win over `flag` rules. */
export class WordFilterMatcher {
  private readonly byFirstWord = new Map<string, CompiledWords[]>();
  private readonly unspaced: CompiledUnspaced[] = [];

  constructor(rules: readonly WordFilterRule[]) {
    // Blocks first, so the first match found is the strictest.
    const ordered = [...rules].sort((a, b) => (a.action === b.action ? 0 : a.action === "block" ? -1 : 1));
    for (const rule of ordered) {
      const normalized = normalizePhrase(rule.phrase);
      if (!normalized) continue;
      if (isUnspacedPhrase(normalized)) {
        this.unspaced.push({ rule, normalized });
        continue;
      }
      const words = normalized.split(" ");
      const first = words[0] ?? "";
      const list = this.byFirstWord.get(first) ?? [];
      list.push({ rule, normalized, words });
      this.byFirstWord.set(first, list);
    }
  }

  get size(): number {
    let count = this.unspaced.length;
    for (const list of this.byFirstWord.values()) count += list.length;
    return count;
  }

  /** The strictest rule `text` matches, or null. */
  match(text: string): WordFilterMatch | null {
    if (this.size === 0 || !text) return null;
    const prepared = prepareText(text);
    const found: WordFilterMatch[] = [];
    for (const entry of this.unspaced) {
      if (prepared.compact.includes(entry.normalized)) found.push(entry);
    }
    prepared.words.forEach((word, index) => {
      for (const entry of this.byFirstWord.get(word) ?? []) {
        if (entry.words.every((w, offset) => prepared.words[index + offset] === w)) found.push(entry);
      }
    });
    // A word hidden inside letters spelled out one by one, whatever single letters surround it.
    for (const run of prepared.spelled) {
      const letters = Array.from(run).slice(0, SPELLED_MAX);
      for (let start = 0; start < letters.length; start++)
        for (let end = start + 1; end <= letters.length; end++) {
          const word = letters.slice(start, end).join("");
          for (const entry of this.byFirstWord.get(word) ?? [])
            if (entry.words.length === 1) found.push(entry);
        }
    }
    return found.find((entry) => entry.rule.action === "block") ?? found[0] ?? null;
  }
}
