import { describe, expect, it } from "vitest";
import {
  normalizePhrase,
  prepareText,
  WordFilterMatcher,
  type WordFilterRule,
} from "../../server/moderation/word-filter";

const rules: WordFilterRule[] = [
  { id: "1", phrase: "bad", action: "block" },
  { id: "2", phrase: "ass", action: "block" },
  { id: "3", phrase: "cunt", action: "block" },
  { id: "4", phrase: "kill yourself", action: "block" },
  { id: "5", phrase: "anjing", action: "block" },
  { id: "6", phrase: "bangsat", action: "flag" },
  { id: "7", phrase: "傻逼", action: "block" },
  { id: "8", phrase: "垃圾", action: "flag" },
  { id: "9", phrase: "sb", action: "flag" },
];
const matcher = new WordFilterMatcher(rules);
const matched = (text: string) => matcher.match(text)?.rule.phrase ?? null;

describe("word filter normalisation", () => {
  it("[TS-FILTER-1] folds case, width, diacritics, invisible characters, look-alikes and leet", () => {
    expect(prepareText("BAD").words).toEqual(["bad"]);
    expect(prepareText("ｂａｄ").words).toEqual(["bad"]); // full-width, via NFKC
    expect(prepareText("bäd").words).toEqual(["bad"]); // precomposed diacritic
    expect(prepareText("ba\u0301d").words).toEqual(["bad"]); // combining acute
    expect(prepareText("b\u200Ba\u200Dd").words).toEqual(["bad"]); // zero-width space / joiner
    expect(prepareText("bаd").words).toEqual(["bad"]); // Cyrillic а
    expect(prepareText("βαd").words).toEqual(["bad"]); // Greek β α
    expect(prepareText("b4d").words).toEqual(["bad"]);
    expect(prepareText("@$$").words).toEqual(["as"]); // symbols, then repeats folded
    expect(prepareText("STRASSE Straße").words).toEqual(["strase", "strase"]);
  });

  it("[TS-FILTER-2] joins letters spaced, dotted, dashed or underscored apart, and folds repeats", () => {
    for (const text of ["b a d", "b.a.d", "b-a-d", "b_a_d", "b . a . d", "baaad", "bbaadd"])
      expect(prepareText(text).words).toEqual(["bad"]);
    // Two single letters stay apart ("a b" is not a word spelled out).
    expect(prepareText("plan a b").words).toEqual(["plan", "a", "b"]);
  });

  it("[TS-FILTER-3] stores phrases in their matching form: words, or letters for unspaced scripts", () => {
    expect(normalizePhrase("  Kill   YOURSELF ")).toBe("kl yourself");
    expect(normalizePhrase("傻 逼")).toBe("傻逼");
    expect(normalizePhrase("!!!")).toBe("");
  });
});

describe("word filter matching, English", () => {
  it("[TS-FILTER-4] matches every evasion of a filtered word", () => {
    for (const text of [
      "this is bad",
      "BAD idea",
      "so b a d",
      "it is a b a d idea", // the spelled-out word hides behind a real one-letter word
      "x b.a.d",
      "b.a.d.",
      "b-a-d",
      "b_a_d",
      "baaaad",
      "b4d",
      "ｂａｄ",
      "bäd",
      "b\u200Bad",
      "bаd (Cyrillic)",
      "you @$$",
      "a s s",
      "Kill    YOURSELF",
      "k1ll yourself",
    ])
      expect(matched(text), text).not.toBeNull();
  });

  it("[TS-FILTER-5] does not match innocent words containing a filtered one", () => {
    for (const text of [
      "a classic class",
      "assess the bass",
      "Scunthorpe United",
      "badminton at the embassy",
      "killing time yourself", // not the phrase
      "a badge",
    ])
      expect(matched(text), text).toBeNull();
  });
});

describe("word filter matching, Bahasa Indonesia", () => {
  it("[TS-FILTER-6] matches anjing and bangsat with evasions, on word boundaries", () => {
    for (const text of ["dasar anjing!", "ANJING", "a n j i n g", "4nj1ng", "anjjjing", "a.n.j.i.n.g"])
      expect(matched(text), text).toBe("anjing");
    expect(matched("kamu b4ngs4t")).toBe("bangsat");
    expect(matcher.match("b a n g s a t")?.rule.action).toBe("flag");
  });

  it("[TS-FILTER-7] does not match longer Indonesian words that contain them", () => {
    for (const text of ["menganjingkan", "pelanjingan", "bangsatnya", "anjungan"])
      expect(matched(text), text).toBeNull();
  });
});

describe("word filter matching, Chinese", () => {
  it("[TS-FILTER-8] matches Chinese entries as substrings after normalisation", () => {
    for (const text of ["你是傻逼吗", "傻 逼", "傻.逼", "傻\u200B逼", "这个房间傻逼"])
      expect(matched(text), text).toBe("傻逼");
    expect(matched("一堆垃圾")).toBe("垃圾");
    // A Latin entry beside Chinese text still finds its word; full-width letters fold via NFKC.
    expect(matched("你是ｓｂ")).toBe("sb");
  });

  it("[TS-FILTER-9] does not match text with only part of a Chinese entry", () => {
    for (const text of ["他很傻", "逼真的画", "垃", "傻子逼近"]) expect(matched(text), text).toBeNull();
  });
});

describe("word filter rules", () => {
  it("[TS-FILTER-10] a block wins over a flag when both match; no rules match nothing", () => {
    const both = new WordFilterMatcher([
      { id: "f", phrase: "spam", action: "flag" },
      { id: "b", phrase: "scam", action: "block" },
    ]);
    expect(both.match("spam and scam")?.rule.id).toBe("b");
    expect(both.match("just spam")?.rule.id).toBe("f");
    expect(new WordFilterMatcher([]).match("anything")).toBeNull();
  });
});
