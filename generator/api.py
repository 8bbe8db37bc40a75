"""All declared calls, checked for consistency."""

from api_library import LIBRARY_CALLS
from api_daemon import DAEMON_CALLS
import api_files
import api_transfer
import api_block
import api_fs
import api_lvm
import api_inspect
import api_apps
import api_hivex
from structs import STRUCT_BY_NAME

# Each group owns a range of procedure numbers so that groups can grow
# independently; a number, once used, never changes meaning.
GROUP_PROC_RANGES = {
    "api_daemon": (1, 99),
    "api_files": (100, 299),
    "api_transfer": (300, 399),
    "api_block": (400, 499),
    "api_fs": (500, 699),
    "api_lvm": (700, 899),
    "api_inspect": (900, 999),
    "api_apps": (1000, 1049),
    "api_hivex": (1050, 1099),
}
GROUPS = [api_files, api_transfer, api_block, api_fs, api_lvm,
          api_inspect, api_apps, api_hivex]


def _check_ranges():
    import api_daemon
    for mod, calls in [(api_daemon, DAEMON_CALLS)] + [(m, m.CALLS) for m in GROUPS]:
        lo, hi = GROUP_PROC_RANGES[mod.__name__]
        for c in calls:
            if c.daemon:
                assert lo <= c.proc_nr <= hi, "%s: proc_nr outside %s" % (c.name, mod.__name__)


_check_ranges()


def _check(calls):
    names, procs = set(), set()
    for c in calls:
        assert c.name not in names, "duplicate call " + c.name
        names.add(c.name)
        if c.daemon:
            assert c.proc_nr and c.proc_nr not in procs, c.name
            procs.add(c.proc_nr)
        else:
            assert c.proc_nr is None, c.name
            assert not c.has_filein and not c.has_fileout, c.name
        if c.ret.struct:
            assert c.ret.struct in STRUCT_BY_NAME, c.name
        assert len(c.optargs) <= 64, c.name
        assert c.shortdesc and c.longdesc, "undocumented " + c.name
    return calls


ALL_CALLS = sorted(_check(LIBRARY_CALLS + DAEMON_CALLS +
                          [c for m in GROUPS for c in m.CALLS]),
                   key=lambda c: c.name)
DAEMON = [c for c in ALL_CALLS if c.daemon]
LIBRARY = [c for c in ALL_CALLS if not c.daemon]
