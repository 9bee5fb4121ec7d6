/** What a setup command's output says about the network, and the setting that would fix it. */
export interface NetworkDiagnosis {
  readonly kind: 'certificate' | 'network'
  /** The error as the tool named it (`SELF_SIGNED_CERT_IN_CHAIN`, `certificate verify failed`, `ENOTFOUND`). */
  readonly code: string
  /** One sentence: what happened and which setting fixes it. */
  readonly message: string
}

/** A certificate the tool does not trust: never transient, so a retry only adds minutes of silence. */
const CERTIFICATE = /\b(SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_GET_ISSUER_CERT_LOCALLY|UNABLE_TO_VERIFY_LEAF_SIGNATURE|CERT_HAS_EXPIRED|ERR_TLS_CERT_ALTNAME_INVALID|CERTIFICATE_VERIFY_FAILED|certificate verify failed|self[- ]signed certificate)/i

/** The network or the registry could not be reached. */
const NETWORK = /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|Temporary failure in name resolution|Name or service not known|Failed to establish a new connection|Connection refused|ProxyError|Tunnel connection failed|Read timed out|Could not fetch URL)/i

const CERTIFICATE_FIX =
  'a TLS certificate on the way to the package index is not trusted (a TLS-inspecting proxy?): set NODE_EXTRA_CA_CERTS (npm) or ' +
  'PIP_CERT / REQUESTS_CA_BUNDLE (pip) to your CA bundle in the environment the workbench starts from, or cafile in ~/.npmrc / cert in pip.conf'
const NETWORK_FIX =
  'the package index could not be reached: set HTTPS_PROXY (and NO_PROXY) if you are behind a proxy, or point at a reachable ' +
  'registry with registry in ~/.npmrc (npm_config_registry) or index-url in pip.conf (PIP_INDEX_URL)'

/** Diagnose one line of a setup command's output; null when it says nothing about the network. */
export function diagnoseLine(line: string): NetworkDiagnosis | null {
  const certificate = CERTIFICATE.exec(line)
  if (certificate !== null) return { kind: 'certificate', code: certificate[1]!, message: CERTIFICATE_FIX }
  const network = NETWORK.exec(line)
  if (network !== null) return { kind: 'network', code: network[1]!, message: NETWORK_FIX }
  return null
}

/** The first certificate problem, else the first network problem, in some lines of output. */
export function diagnoseOutput(lines: Iterable<string>): NetworkDiagnosis | null {
  let network: NetworkDiagnosis | null = null
  for (const line of lines) {
    const found = diagnoseLine(line)
    if (found?.kind === 'certificate') return found
    network ??= found
  }
  return network
}
