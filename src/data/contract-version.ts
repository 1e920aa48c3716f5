/** The version of the endpoint contract this library reads (the discovery document's `ptce`). */
export const CONTRACT_VERSION = 1;
