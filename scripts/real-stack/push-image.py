#!/usr/bin/env python3
"""Push a one-layer OCI image to a registry with the distribution API, without Docker.

    push-image.py REGISTRY_URL REPOSITORY TAG

Uploads the layer and the config blob (monolithic POST + PUT), then the manifest. Prints one JSON
line: {"manifestUrl": ..., "blobUrls": [config, layer]}. The image is built byte for byte the same on
every run (fixed mtimes, owners and gzip header), so its digests never change.
"""
import gzip
import hashlib
import io
import json
import sys
import tarfile
import urllib.parse
import urllib.request

OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
OCI_CONFIG = "application/vnd.oci.image.config.v1+json"
OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip"

# Talk to the registry directly, whatever proxy the environment names.
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def digest(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def layer() -> tuple[bytes, bytes]:
    """A tar with one small file, and its gzip: (uncompressed, compressed)."""
    content = b"hello from the Dragonfly Desk test registry\n"
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        info = tarfile.TarInfo("hello.txt")
        info.size, info.mtime, info.mode = len(content), 0, 0o644
        tar.addfile(info, io.BytesIO(content))
    return raw.getvalue(), gzip.compress(raw.getvalue(), mtime=0)


def request(method: str, url: str, data: bytes = b"", content_type: str = "application/octet-stream"):
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": content_type})
    return opener.open(req, timeout=10)


def push_blob(base: str, repo: str, data: bytes) -> str:
    with request("POST", f"{base}/v2/{repo}/blobs/uploads/") as res:
        location = urllib.parse.urljoin(base, res.headers["Location"])
    sep = "&" if "?" in location else "?"
    request("PUT", f"{location}{sep}digest={urllib.parse.quote(digest(data))}", data).close()
    return digest(data)


def main() -> None:
    base, repo, tag = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
    tar, tgz = layer()
    config = json.dumps({
        "architecture": "amd64",
        "os": "linux",
        "config": {},
        "rootfs": {"type": "layers", "diff_ids": [digest(tar)]},
    }, separators=(",", ":")).encode()
    blobs = [push_blob(base, repo, config), push_blob(base, repo, tgz)]
    manifest = json.dumps({
        "schemaVersion": 2,
        "mediaType": OCI_MANIFEST,
        "config": {"mediaType": OCI_CONFIG, "digest": blobs[0], "size": len(config)},
        "layers": [{"mediaType": OCI_LAYER, "digest": blobs[1], "size": len(tgz)}],
    }, separators=(",", ":")).encode()
    manifest_url = f"{base}/v2/{repo}/manifests/{tag}"
    request("PUT", manifest_url, manifest, OCI_MANIFEST).close()
    print(json.dumps({"manifestUrl": manifest_url, "blobUrls": [f"{base}/v2/{repo}/blobs/{b}" for b in blobs]}))


if __name__ == "__main__":
    main()
