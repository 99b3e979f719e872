// Safe on the client: the province picker filters with it as you type, and the server filters
// with it when the search is posted without JavaScript, so both give the same list.

/**
 * Folds Vietnamese text for searching: marks removed (NFD splits "ắ" into "a" and its marks, "ư"
 * into "u" and a horn), "đ" read as "d", lower case, punctuation as spaces. "Lào Cai", "LAO CAI"
 * and "lao-cai" all fold to "lao cai".
 */
export function foldVietnamese(value: string): string {
  return value
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/**
 * Whether one of `texts` matches what a person typed, marks ignored: the query starts at the
 * beginning of a word ("lao ca" finds "Lào Cai", but "ha giang" does not find "Hậu Giang"), or,
 * typed without spaces as is common on phones, "hanoi" finds "Hà Nội".
 */
export function matchesSearch(query: string, texts: readonly string[]): boolean {
  const folded = foldVietnamese(query);
  if (!folded) return true;
  const compact = folded.replace(/ /g, "");
  return texts.some((text) => {
    const candidate = foldVietnamese(text);
    return ` ${candidate}`.includes(` ${folded}`) || (!folded.includes(" ") && candidate.replace(/ /g, "").includes(compact));
  });
}
