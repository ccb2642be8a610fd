"""Streamlit's own files, zipped once beforehand, for nginx to send as they are: `make static`.

    .venv/bin/python deploy/precompress.py /srv/veerkracht/precompressed

Copies the files under Streamlit's `static/` (scripts, styles, fonts, pictures: each named after
its content, so they never change under the same name) into FOLDER/static/, and next to every
script, style sheet and other text file a `.gz` (gzip, strongest level) and, when the `brotli`
program is installed (`apt-get install brotli`), a `.br` (Brotli, strongest level). nginx with
`gzip_static` and `brotli_static` then sends the smallest one a browser accepts, without zipping
anything per request (see docs/deploy.md). Run it again after every update of the app; files that
did not change are skipped, files Streamlit no longer has are removed.
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import subprocess
import sys
from pathlib import Path

# Text compresses well; fonts (woff2) and pictures are compressed already.
TEXT = {".js", ".css", ".html", ".json", ".svg", ".txt", ".map", ".mjs"}
ZIPPED = (".gz", ".br")


def streamlit_static() -> Path:
    """Streamlit's folder of hashed files: what it serves under /static/."""
    import streamlit

    return Path(streamlit.__file__).parent / "static" / "static"


def _same(source: Path, copy: Path) -> bool:
    if not copy.exists():
        return False
    a, b = source.stat(), copy.stat()
    return a.st_size == b.st_size and int(a.st_mtime) == int(b.st_mtime)


def precompress(target: Path, source: Path | None = None, brotli: str | None = None,
                quality: int = 11) -> dict[str, int]:
    """Bring TARGET/static up to date with SOURCE; returns counts of files copied and zipped.

    `quality` is Brotli's, 0-11: 11 for a server (once per update), lower only to save time in tests.
    """
    source = source or streamlit_static()
    brotli = brotli if brotli is not None else (shutil.which("brotli") or "")
    destination = target / "static"
    counts = {"files": 0, "copied": 0, "gzip": 0, "brotli": 0, "removed": 0}
    wanted: set[Path] = set()
    for path in sorted(source.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(source)
        copy = destination / relative
        wanted.add(copy)
        counts["files"] += 1
        text = path.suffix in TEXT
        if text:
            wanted.add(copy.with_name(copy.name + ".gz"))
            if brotli:
                wanted.add(copy.with_name(copy.name + ".br"))
        endings = (".gz", ".br") if brotli else (".gz",)
        if _same(path, copy) and (not text or all(copy.with_name(copy.name + e).exists() for e in endings)):
            continue
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, copy)
        counts["copied"] += 1
        if not text:
            continue
        data = path.read_bytes()
        zipped = copy.with_name(copy.name + ".gz")
        zipped.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
        counts["gzip"] += 1
        if brotli:
            subprocess.run([brotli, "-f", "-q", str(quality), "-o", str(copy) + ".br", "--", str(copy)],
                           check=True, capture_output=True)
            counts["brotli"] += 1
        for ending in ZIPPED:  # the same time as the file itself: nginx sends it as Last-Modified
            made = copy.with_name(copy.name + ending)
            if made.exists():
                os.utime(made, (path.stat().st_atime, path.stat().st_mtime))
    if destination.exists():
        for old in sorted(destination.rglob("*"), reverse=True):
            if old.is_file() and old not in wanted:
                old.unlink()
                counts["removed"] += 1
            elif old.is_dir() and not any(old.iterdir()):
                old.rmdir()
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="where nginx finds the files (its `root` for /static/)")
    args = parser.parse_args(argv)
    brotli = shutil.which("brotli")
    counts = precompress(args.folder, brotli=brotli or "")
    print(f"{counts['files']} files in {args.folder / 'static'}: {counts['copied']} new or changed, "
          f"{counts['gzip']} gzip, {counts['brotli']} brotli, {counts['removed']} removed")
    if not brotli:
        print("brotli is not installed (apt-get install brotli): only gzip", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
