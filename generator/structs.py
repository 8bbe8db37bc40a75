"""Structs returned by API calls (public layout identical to libguestfs)."""

from model import Struct

STRUCTS = [
    Struct("int_bool", [("i", "FInt32"), ("b", "FInt32")]),
    Struct("version", [("major", "FInt64"), ("minor", "FInt64"),
                       ("release", "FInt64"), ("extra", "FString")]),
    Struct("partition", [("part_num", "FInt32"), ("part_start", "FBytes"),
                         ("part_end", "FBytes"), ("part_size", "FBytes")]),
    Struct("statvfs", [(n, "FInt64") for n in (
        "bsize", "frsize", "blocks", "bfree", "bavail", "files", "ffree",
        "favail", "fsid", "flag", "namemax")]),
]

import api_files  # noqa: E402
import api_transfer  # noqa: E402
import api_block  # noqa: E402
import api_fs  # noqa: E402
import api_lvm  # noqa: E402
import api_inspect  # noqa: E402
import api_apps  # noqa: E402
import api_hivex  # noqa: E402

for _m in (api_files, api_transfer, api_block, api_fs, api_lvm,
           api_inspect, api_apps, api_hivex):
    STRUCTS += _m.STRUCTS

STRUCT_BY_NAME = {s.name: s for s in STRUCTS}
