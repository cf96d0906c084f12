export * from "./types";
export { normalizeName, checkRenderableName, MAX_NAME_CODE_POINTS } from "./names";
export { renderCertificatePdf, certificateTitle, formatDate, programTitle, PAGE_SIZE } from "./render-certificate";
export { assetsFontSource, type AssetsFetcher } from "./assets-font-source";
export { loadFont, clearFontCache } from "./fonts";
