"""Installed-application listing (issue 4): inspect_list_applications(2)
and its internal daemon call, and inspect_get_icon.
Procedure numbers: see api.py.  STRUCTS lists structs first needed by
this group."""

from model import *  # noqa: F401,F403

T = Test

_APP_FIELDS = ["name", "display_name", "epoch", "version", "release",
               "install_path", "trans_path", "publisher", "url",
               "source_package", "summary", "description"]
_APP2_FIELDS = ["name", "display_name", "epoch", "version", "release",
                "arch", "install_path", "trans_path", "publisher", "url",
                "source_package", "summary", "description",
                "spare1", "spare2", "spare3", "spare4"]


def _app_struct(name, prefix, fields, added):
    return Struct(name, [(prefix + f, "FInt32" if f == "epoch" else "FString")
                         for f in fields], added=added)


STRUCTS = [
    _app_struct("application", "app_", _APP_FIELDS, "1.7.8"),
    _app_struct("application2", "app2_", _APP2_FIELDS, "1.19.56"),
]

_MOUNT_NOTE = (
    "  This call reads the guest's package database, so the guest's "
    "filesystems must be mounted first (for example with "
    "inspect-get-mountpoints and mount-ro).")

CALLS = [
    Call("internal_inspect_list_applications", RStructList("application2"),
         [String("type"), String("distro"), String("package_format"),
          String("software_hive")], proc_nr=1000, added="1.48.0",
         not_in_fish=True,
         shortdesc="list the applications of a mounted guest (internal)",
         longdesc="Reads the package database chosen by TYPE, DISTRO and "
                  "PACKAGE_FORMAT (and for Windows the SOFTWARE hive path "
                  "SOFTWARE_HIVE) from the guest mounted on /, and returns "
                  "the installed applications sorted by name.  Used by "
                  "inspect-list-applications2; not for direct use.",
         tests=[
             # No package database (the test disk is an empty ext2): an
             # empty list, not an error.
             T("basicfs", ("run", ["internal_inspect_list_applications",
                                   "linux", "debian", "deb", ""])),
             # Sorted by name: "a" (epoch 2) comes first.
             T("basicfs", ("struct", ["internal_inspect_list_applications",
                                      "linux", "debian", "deb", ""],
                           {"app2_epoch": 2}),
               setup=[["mkdir_p", "/var/lib/dpkg"],
                      ["write", "/var/lib/dpkg/status",
                       "Package: b\nStatus: install ok installed\n"
                       "Version: 1.0\n\nPackage: a\nStatus: install ok "
                       "installed\nVersion: 2:1.0-1\n\n"]]),
             # Garbage where the rpm database should be: skipped.
             T("basicfs", ("run", ["internal_inspect_list_applications",
                                   "linux", "fedora", "rpm", ""]),
               setup=[["mkdir_p", "/var/lib/rpm"],
                      ["write", "/var/lib/rpm/rpmdb.sqlite", "garbage"]]),
         ]),
    Call("inspect_list_applications2", RStructList("application2"),
         [Mountable("root")], daemon=False, added="1.19.56",
         shortdesc="get list of applications installed in the operating system",
         longdesc="Return the list of applications installed in the "
                  "operating system found by inspect-os at ROOT, with name, "
                  "epoch, version, release, arch, url, summary and "
                  "description where the package database has them, sorted "
                  "by name.  An operating system whose package format is "
                  "not supported gives an empty list." + _MOUNT_NOTE),
    Call("inspect_list_applications", RStructList("application"),
         [Mountable("root")], daemon=False, added="1.7.8",
         deprecated_by="inspect_list_applications2",
         shortdesc="get list of applications installed in the operating system",
         longdesc="The same as inspect-list-applications2 without the arch "
                  "field." + _MOUNT_NOTE),
    Call("inspect_get_icon", RBufferOut, [Mountable("root")],
         [OBool("favicon"), OBool("highquality")], daemon=False,
         added="1.11.12",
         shortdesc="get the icon corresponding to this operating system",
         longdesc="Return a PNG icon of the operating system at ROOT, or an "
                  "empty buffer if there is none.  FAVICON (default true) "
                  "first tries /etc/favicon.png; HIGHQUALITY (default false) "
                  "only returns icons of at least 256x256 and disables the "
                  "favicon." + _MOUNT_NOTE),
]
