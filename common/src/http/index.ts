export { clientAddress, normalizeAddress } from "./client-address";
export { trustedProxiesSchema, type TrustedProxies } from "./trusted-proxies";
