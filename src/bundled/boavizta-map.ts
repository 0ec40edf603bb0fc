/** Boavizta subcategory -> UNU-KEY map shipped beside the Boavizta library (ODbL data stays in its own folder). */
import map from "../../data/factors/boavizta-2025/1.0.0/unu-key-map.json";

export const BOAVIZTA_UNU_KEY_MAP: Readonly<Record<string, string>> = map;
