// The masker's configuration: which rules are on and how each masks.

export const RULE_CARD = 'card';
export const RULE_CN_MOBILE = 'cn-mobile';
export const RULE_E164 = 'e164';
export const RULE_EMAIL = 'email';
export const BUILT_IN_RULES = [RULE_CARD, RULE_CN_MOBILE, RULE_E164, RULE_EMAIL];

/** The default size cap: 16 MiB of UTF-8. It is also the most the cap can be raised to. */
export const MAX_INPUT_BYTES: u32 = 16 << 20;

/** Matches in one call past this are refused rather than returned in part. */
export const MAX_FINDINGS: u32 = 1_000_000;

export const MAX_CUSTOM_RULES = 16;
export const MAX_PATTERN_LENGTH = 64;

export const enum CardKeep {
  /** `****-****-****-1111` */
  Last4,
  /** `411111******1111`, the most PCI DSS allows to be displayed */
  First6Last4,
}

export const enum Style {
  /** every code unit of the match but spaces and ASCII punctuation */
  All,
  /** as All, but the last four ASCII letters or digits stay */
  Last4,
  /** only the code units a pattern's `#` or `@` matched */
  Slots,
}

export const SLOT_LITERAL: u8 = 0;
export const SLOT_DIGIT: u8 = 1;
export const SLOT_LETTER: u8 = 2;

export class CustomRule {
  name: string = '';
  /** The source as configured: the pattern or the literal. */
  source: string = '';
  isPattern: bool = false;
  style: Style = Style.All;
  /** One slot per code unit of the source: SLOT_LITERAL (compared to `chars`), SLOT_DIGIT or SLOT_LETTER. */
  kinds: StaticArray<u8> = new StaticArray<u8>(0);
  chars: StaticArray<u16> = new StaticArray<u16>(0);
  /** SLOT_DIGIT or SLOT_LETTER if the first slot is one (as a class or a literal ASCII letter or
   * digit): the code unit before a match must not be of that class, so `ACCT` does not fire inside
   * `XACCT` nor `######` inside a longer number. 0 if there is no such edge. */
  startClass: u8 = 0;
  /** The same for the last slot and the code unit after a match. */
  endClass: u8 = 0;
  /** `kinds` and `chars` for a UTF-8 text: one slot per byte, a literal character as its UTF-8 bytes. */
  kinds8: StaticArray<u8> = new StaticArray<u8>(0);
  chars8: StaticArray<u8> = new StaticArray<u8>(0);
  /** False if the source holds a lone surrogate or U+FFFD: TextEncoder turns a text's lone
   * surrogates into U+FFFD, so in UTF-8 such a rule could neither tell the two apart nor keep the
   * surrogate it matched. Texts are then masked as UTF-16 code units. */
  utf8Safe: bool = true;
}

export class Config {
  card: bool = true;
  cardKeep: CardKeep = CardKeep.Last4;
  cnMobile: bool = true;
  e164: bool = true;
  email: bool = true;
  custom: CustomRule[] = [];
  maxInputBytes: u32 = MAX_INPUT_BYTES;
  /** Every custom rule is utf8Safe: mask-utf8 can mask with this configuration. */
  utf8Safe: bool = true;
}

export function styleName(s: Style): string {
  if (s == Style.Last4) return 'last4';
  if (s == Style.Slots) return 'slots';
  return 'all';
}
