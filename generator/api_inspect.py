"""Inspection calls (issue 4): inspect_os, inspect_get_*, and the internal
daemon call that does the heuristics in the appliance.
Procedure numbers: see api.py.  STRUCTS lists structs first needed by
this group.

Everything but internal_inspect_os is library-side: inspect_os makes one
round trip and caches the answer (lib/inspect.c); the getters read the
cache.  The key=value list internal_inspect_os returns is described in
docs/inspection.md."""

from model import *  # noqa: F401,F403

T = Test

STRUCTS = []

ROOT = [String("root")]
SEE = "  Please read \"INSPECTION\" in guestfs(3) for more details."

# A tiny phony Fedora on /dev/sda1 (basicfs: ext2 mounted on /), then
# inspect_os (which unmounts it first).
FAKE_FEDORA = [
    ["mkdir", "/etc"], ["mkdir", "/bin"],
    ["write", "/etc/os-release",
     "NAME=Fedora\nID=fedora\nVERSION_ID=35\n"
     "PRETTY_NAME=\"Fedora Linux 35 (Thirty Five)\"\n"],
    ["write", "/etc/hostname", "phony.example.com\n"],
    ["write", "/etc/fstab", "/dev/vda1 / ext2 defaults 1 1\n"
                            "tmpfs /tmp tmpfs defaults 0 0\n"],
    ["inspect_os"],
]


def _getter(name, ret, added, desc, tests=(), deprecated_by=None):
    return Call("inspect_get_" + name, ret, ROOT, daemon=False, added=added,
                deprecated_by=deprecated_by,
                shortdesc="get " + desc + " of the inspected OS",
                longdesc="Return " + desc + " of the operating system whose "
                         "root filesystem is ROOT, as found by inspect-os "
                         "(which must have been called first)." + SEE,
                tests=list(tests))


def _is(name, desc):
    return Call("inspect_is_" + name, RBool, ROOT, daemon=False,
                added="1.9.4", deprecated_by="",
                shortdesc="get " + desc + " flag for install disk",
                longdesc="Deprecated: this always returns false, as in "
                         "libguestfs >= 1.38." + SEE,
                tests=[T("basicfs", ("false", ["inspect_is_" + name,
                                               "/dev/sda1"]),
                         setup=FAKE_FEDORA)])


CALLS = [
    Call("internal_inspect_os", RStringList, [], proc_nr=900, added="1.55.1",
         not_in_fish=True,
         shortdesc="inspect all filesystems in the appliance (internal)",
         longdesc="Unmount everything, then look at every filesystem for "
                  "operating systems and return what was found as a list "
                  "of key=value strings.  Internal: used by inspect-os.",
         tests=[T("empty", ("lines", ["internal_inspect_os"], []))]),
    Call("inspect_os", RStringList, [], daemon=False, added="1.5.3",
         shortdesc="inspect disk and return list of operating systems found",
         longdesc="Look at every filesystem of the disks for operating "
                  "systems and return the list of their root filesystems "
                  "(empty if none was found).  All filesystems are "
                  "unmounted first.  The result is cached for the "
                  "inspect-get-* calls." + SEE,
         tests=[T("empty", ("lines", ["inspect_os"], [])),
                T("basicfs", ("lines", ["inspect_os"], ["/dev/sda1"]),
                  setup=FAKE_FEDORA[:-1]),
                T("basicfs", ("lines", ["inspect_os"], []),
                  setup=[["mkdir", "/etc"], ["inspect_os"]])]),
    Call("inspect_get_roots", RStringList, [], daemon=False, added="1.7.3",
         shortdesc="return list of operating systems found by last inspection",
         longdesc="Return the roots found by the last inspect-os, without "
                  "inspecting again (empty if there was none)." + SEE,
         tests=[T("empty", ("lines", ["inspect_get_roots"], []),
                  setup=[["inspect_os"]]),
                T("basicfs", ("lines", ["inspect_get_roots"], ["/dev/sda1"]),
                  setup=FAKE_FEDORA)]),
    _getter("type", RString, "1.5.3", "the type (linux, windows, ...)",
            [T("basicfs", ("string", ["inspect_get_type", "/dev/sda1"],
                           "linux"), setup=FAKE_FEDORA),
             T("basicfs", ("fails", ["inspect_get_type", "/dev/sdz9"]),
               setup=FAKE_FEDORA)]),
    _getter("distro", RString, "1.5.3", "the distribution",
            [T("basicfs", ("string", ["inspect_get_distro", "/dev/sda1"],
                           "fedora"), setup=FAKE_FEDORA)]),
    _getter("product_name", RString, "1.5.3", "the product name",
            [T("basicfs", ("string", ["inspect_get_product_name",
                                      "/dev/sda1"],
                           "Fedora Linux 35 (Thirty Five)"),
               setup=FAKE_FEDORA)]),
    _getter("product_variant", RString, "1.9.13", "the product variant",
            [T("basicfs", ("string", ["inspect_get_product_variant",
                                      "/dev/sda1"], "unknown"),
               setup=FAKE_FEDORA)]),
    _getter("major_version", RInt, "1.5.3", "the major version",
            [T("basicfs", ("int", ["inspect_get_major_version", "/dev/sda1"],
                           35), setup=FAKE_FEDORA)]),
    _getter("minor_version", RInt, "1.5.3", "the minor version",
            [T("basicfs", ("int", ["inspect_get_minor_version", "/dev/sda1"],
                           0), setup=FAKE_FEDORA)]),
    _getter("arch", RString, "1.5.3", "the architecture",
            [T("basicfs", ("string", ["inspect_get_arch", "/dev/sda1"],
                           "unknown"), setup=FAKE_FEDORA)]),
    _getter("hostname", RString, "1.7.9", "the hostname",
            [T("basicfs", ("string", ["inspect_get_hostname", "/dev/sda1"],
                           "phony.example.com"), setup=FAKE_FEDORA)]),
    _getter("osinfo", RString, "1.39.1", "the libosinfo short ID",
            [T("basicfs", ("string", ["inspect_get_osinfo", "/dev/sda1"],
                           "fedora35"), setup=FAKE_FEDORA)]),
    _getter("format", RString, "1.9.4", "the format (always installed)",
            [T("basicfs", ("string", ["inspect_get_format", "/dev/sda1"],
                           "installed"), setup=FAKE_FEDORA)],
            deprecated_by=""),
    _getter("package_format", RString, "1.7.5", "the package format",
            [T("basicfs", ("string", ["inspect_get_package_format",
                                      "/dev/sda1"], "rpm"),
               setup=FAKE_FEDORA)]),
    _getter("package_management", RString, "1.7.5",
            "the package management tool",
            # Fedora >= 22 uses dnf only if it is installed.
            [T("basicfs", ("string", ["inspect_get_package_management",
                                      "/dev/sda1"], "yum"),
               setup=FAKE_FEDORA),
             T("basicfs", ("string", ["inspect_get_package_management",
                                      "/dev/sda1"], "dnf"),
               setup=FAKE_FEDORA[:-1] + [["mkdir_p", "/usr/bin"],
                                         ["touch", "/usr/bin/dnf"],
                                         ["inspect_os"]])]),
    _getter("mountpoints", RHashtable, "1.5.3",
            "the mountpoints (from /etc/fstab)",
            [T("basicfs", ("hash_has", ["inspect_get_mountpoints",
                                        "/dev/sda1"], "/", "/dev/sda1"),
               setup=FAKE_FEDORA)]),
    _getter("filesystems", RStringList, "1.5.3", "the filesystems",
            [T("basicfs", ("lines", ["inspect_get_filesystems", "/dev/sda1"],
                           ["/dev/sda1"]), setup=FAKE_FEDORA)]),
    _getter("drive_mappings", RHashtable, "1.9.17",
            "the Windows drive letter mappings",
            [T("basicfs", ("lines", ["inspect_get_drive_mappings",
                                     "/dev/sda1"], []), setup=FAKE_FEDORA)]),
    _getter("windows_systemroot", RString, "1.5.25",
            "the Windows systemroot",
            [T("basicfs", ("fails", ["inspect_get_windows_systemroot",
                                     "/dev/sda1"]), setup=FAKE_FEDORA)]),
    _getter("windows_current_control_set", RString, "1.9.17",
            "the Windows CurrentControlSet"),
    _getter("windows_software_hive", RString, "1.35.26",
            "the path of the Windows software hive"),
    _getter("windows_system_hive", RString, "1.35.26",
            "the path of the Windows system hive"),
    _is("live", "live"),
    _is("netinst", "netinst"),
    _is("multipart", "multipart"),
]
