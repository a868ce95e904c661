#!/usr/bin/env python3
"""Vendor Unicode's confusables mapping (UTS #39, confusables.txt) into treatysite/confusables/.

The mapping comes from a registry package, never from a guess: the npm package unhomoglyph 1.0.6 (MIT, nodeca),
whose data.json is confusables.txt 13.0.0 as a map from each source character to its prototype (the skeleton
mapping of UTS #39, section 4). `npm pack` fetches it; its sha512 is checked against the one pinned here (the
registry's dist.integrity); data.json is copied unchanged, with the package's licence. Unicode's own licence for
its data files is copied from Debian's unicode-data package (its copyright file quotes it).

    python tools/vendor_confusables.py       (needs npm, and apt-get for the Unicode licence)
"""
from __future__ import annotations

import base64
import hashlib
import re
import subprocess
import tarfile
import tempfile
from pathlib import Path

PACKAGE, VERSION = "unhomoglyph", "1.0.6"
INTEGRITY = "sha512-7uvcWI3hWshSADBu4JpnyYbTVc7YlhF5GDW/oPD5AxIxl34k4wXR3WDkPnzLxkN32LiTCTKMQLtKVZiwki3zGg=="
DEST = Path(__file__).resolve().parent.parent / "treatysite" / "confusables"


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        subprocess.run(["npm", "pack", f"{PACKAGE}@{VERSION}", "--silent"], cwd=scratch, check=True,
                       stdout=subprocess.DEVNULL)
        tarball = Path(scratch) / f"{PACKAGE}-{VERSION}.tgz"
        digest = "sha512-" + base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
        if digest != INTEGRITY:
            raise SystemExit(f"{tarball.name}: sha512 {digest} is not the pinned {INTEGRITY}")
        with tarfile.open(tarball) as tar:
            (DEST / "data.json").write_bytes(tar.extractfile("package/data.json").read())
            (DEST / "LICENSE-unhomoglyph").write_bytes(tar.extractfile("package/LICENSE").read())
        subprocess.run(["apt-get", "download", "unicode-data"], cwd=scratch, check=True, stdout=subprocess.DEVNULL)
        deb = next(Path(scratch).glob("unicode-data_*.deb"))
        subprocess.run(["dpkg-deb", "-x", str(deb), "unpacked"], cwd=scratch, check=True)
        notice = (Path(scratch) / "unpacked/usr/share/doc/unicode-data/copyright").read_text("utf-8")
        exhibit = notice[notice.index("EXHIBIT 1"):]
        (DEST / "LICENSE-unicode").write_text(re.sub(r"[ \t]+\n", "\n", exhibit), "utf-8")
    print(f"vendored {PACKAGE} {VERSION}'s data.json and the licences into {DEST}")


if __name__ == "__main__":
    main()
