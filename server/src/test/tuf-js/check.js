// Independent check of Pitwall's TUF image repository with tuf-js (a TUF client that shares no code with
// Pitwall). Usage: node check.js BASE_URL TRUSTED_ROOT WORK_DIR TARGET_PATH [ok|tamper-targets|tamper-target-file]
// (also: replay-timestamp FILE, the file served as timestamp.json to an existing client in WORK_DIR; forged-root
// FILE, the root served in place of the real one of its version).
// Prints "OK <length> <sha256>" and exits 0 when the target was refreshed, downloaded and verified;
// prints "FAIL <ErrorClass>: <message>" and exits 1 when tuf-js refused something.
// Director: node check.js BASE_URL TRUSTED_DIRECTOR_ROOT WORK_DIR VIN director|director-tamper-targets TOKEN
// refreshes one vehicle's director repository (with its bearer credential) and prints
// "OK-DIRECTOR <targets version> <vin in the signed targets> <targets as JSON>".
'use strict';
const fs = require('fs');
const path = require('path');
const { Updater } = require('tuf-js');
const { BaseFetcher, DefaultFetcher } = require('tuf-js/dist/fetcher');
const { DownloadHTTPError } = require('tuf-js/dist/error');

const [baseUrl, trustedRoot, workDir, targetPath, mode = 'ok', replayFile] = process.argv.slice(2);

// Answers one URL with fixed bytes, as an attacker replaying an old, validly signed file would.
class ReplayingFetcher extends DefaultFetcher {
  constructor(matches, bytes) {
    super({ retry: 0 });
    this.matches = matches;
    this.bytes = bytes;
  }

  async fetch(url) {
    return this.matches(url) ? new Blob([this.bytes]).stream() : super.fetch(url);
  }
}

// Flips one byte of the chosen responses, as a malicious mirror or a broken cache would.
class TamperingFetcher extends DefaultFetcher {
  constructor(matches) {
    super({ retry: 0 });
    this.matches = matches;
  }

  async fetch(url) {
    const stream = await super.fetch(url);
    if (!this.matches(url)) {
      return stream;
    }
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    bytes[Math.floor(bytes.length / 2)] ^= 0x01;
    return new Blob([bytes]).stream();
  }
}

// The director repository is behind the vehicle's credential.
class BearerFetcher extends BaseFetcher {
  constructor(token, tamper) {
    super();
    this.token = token;
    this.tamper = tamper;
  }

  async fetch(url) {
    const response = await fetch(url, { headers: { Authorization: `Bearer ${this.token}` } });
    if (!response.ok) {
      throw new DownloadHTTPError(`Failed to download ${url}`, response.status);
    }
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (this.tamper && this.tamper(url)) {
      bytes[Math.floor(bytes.length / 2)] ^= 0x01;
    }
    return new Blob([bytes]).stream();
  }
}

async function director() {
  const [vin, token] = [targetPath, replayFile];
  fs.rmSync(workDir, { recursive: true, force: true });
  fs.mkdirSync(path.join(workDir, 'metadata'), { recursive: true });
  fs.copyFileSync(trustedRoot, path.join(workDir, 'metadata', 'root.json'));
  const tamper = mode === 'director-tamper-targets' ? (url) => url.endsWith('/targets.json') : undefined;
  const updater = new Updater({
    metadataDir: path.join(workDir, 'metadata'),
    metadataBaseUrl: `${baseUrl}/device/v1/vehicles/${vin}/director`,
    targetDir: path.join(workDir, 'targets'),
    targetBaseUrl: `${baseUrl}/unused`,
    fetcher: new BearerFetcher(token, tamper),
    config: { fetchRetry: 0 },
  });
  await updater.refresh();
  const targets = JSON.parse(fs.readFileSync(path.join(workDir, 'metadata', 'targets.json'))).signed;
  console.log(`OK-DIRECTOR ${targets.version} ${targets.custom.vin} ${JSON.stringify(targets.targets)}`);
}

function fetcherFor(mode) {
  switch (mode) {
    case 'ok': return undefined;
    case 'tamper-targets': return new TamperingFetcher((url) => /\/\d+\.targets\.json$/.test(url));
    case 'tamper-target-file': return new TamperingFetcher((url) => url.includes('/targets/'));
    case 'replay-timestamp':
      return new ReplayingFetcher((url) => url.endsWith('/timestamp.json'), fs.readFileSync(replayFile));
    case 'forged-root': {
      // An attacker's root N+1 (signed, say, with a superseded root key) in place of the real next root.
      const forged = fs.readFileSync(replayFile);
      const version = JSON.parse(forged).signed.version;
      return new ReplayingFetcher((url) => url.endsWith(`/${version}.root.json`), forged);
    }
    default: throw new Error(`unknown mode ${mode}`);
  }
}

(async () => {
  if (mode.startsWith('director')) {
    await director();
    return;
  }
  if (mode !== 'replay-timestamp') {
    fs.rmSync(workDir, { recursive: true, force: true });
    fs.mkdirSync(path.join(workDir, 'metadata'), { recursive: true });
    fs.mkdirSync(path.join(workDir, 'targets'), { recursive: true });
    fs.copyFileSync(trustedRoot, path.join(workDir, 'metadata', 'root.json'));
  }
  const updater = new Updater({
    metadataDir: path.join(workDir, 'metadata'),
    metadataBaseUrl: `${baseUrl}/repo`,
    targetDir: path.join(workDir, 'targets'),
    targetBaseUrl: `${baseUrl}/repo/targets`,
    fetcher: fetcherFor(mode),
    config: { fetchRetry: 0 },
  });
  await updater.refresh();
  const info = await updater.getTargetInfo(targetPath);
  if (!info) {
    throw new Error(`target ${targetPath} is not in the trusted metadata`);
  }
  const file = await updater.downloadTarget(info);
  const size = fs.statSync(file).size;
  console.log(`OK ${size} ${info.hashes.sha256} ${JSON.stringify(info.custom)}`);
})().catch((e) => {
  console.log(`FAIL ${e.constructor.name}: ${e.message}`);
  process.exit(1);
});
