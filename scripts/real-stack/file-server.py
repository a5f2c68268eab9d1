#!/usr/bin/env python3
"""Serve a directory over HTTP with single-range requests, which Python's own http.server lacks.

    file-server.py IP PORT DIRECTORY

dfdaemon fetches a source in pieces with `Range: bytes=a-b` and expects 206 answers. The query string
is ignored, so tests can make each URL (and with it Dragonfly's task ID) unique: /hello.txt?run=42.
"""
import functools
import http.server
import os
import re
import sys


class RangeHandler(http.server.SimpleHTTPRequestHandler):
    remaining = None

    def send_head(self):
        match = re.fullmatch(r"bytes=(\d+)-(\d*)", self.headers.get("Range", ""))
        path = self.translate_path(self.path)
        self.remaining = None
        if not match or not os.path.isfile(path):
            return super().send_head()
        size = os.path.getsize(path)
        start, end = int(match[1]), min(int(match[2] or size - 1), size - 1)
        if start > end:
            self.send_response(416)
            self.send_header("Content-Range", f"bytes */{size}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        f = open(path, "rb")
        f.seek(start)
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(end - start + 1))
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        self.remaining = end - start + 1
        return f

    def copyfile(self, source, outputfile):
        if self.remaining is None:
            return super().copyfile(source, outputfile)
        outputfile.write(source.read(self.remaining))


def main() -> None:
    ip, port, directory = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    handler = functools.partial(RangeHandler, directory=directory)
    with http.server.ThreadingHTTPServer((ip, port), handler) as server:
        server.serve_forever()


if __name__ == "__main__":
    main()
