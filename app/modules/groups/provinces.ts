import { matchesSearch } from "./fold-vietnamese";

// Safe on the client.

export interface ProvinceOption {
  slug: string;
  nameVi: string;
  nameEn: string;
  /** The provinces merged into this unit on 1 July 2025: people still call their home by these. */
  formerly: string[];
}

/** The units whose current or former names match the query; all of them for an empty query. */
export function filterProvinces<P extends ProvinceOption>(provinces: readonly P[], query: string): P[] {
  return provinces.filter((p) => matchesSearch(query, [p.nameVi, p.nameEn, ...p.formerly]));
}
