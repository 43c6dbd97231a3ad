/** infersim's version, written into every result file (a test checks it matches package.json). */
export const INFERSIM_VERSION = "0.1.0";
