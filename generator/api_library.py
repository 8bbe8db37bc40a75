"""Calls implemented in the library itself (no appliance round trip)."""

from model import *  # noqa: F401,F403


FISH_SET_ALIASES = {"memsize", "append", "autosync", "trace", "verbose",
                    "smp", "path", "backend", "recovery_proc", "pgroup",
                    "network"}


def _prop(name, kind, argname, getter_ret, desc, added="1.0.0", tests=()):
    """A set_NAME / get_NAME pair for one handle property."""
    setter_arg = {"Bool": Bool, "Int": Int, "String": String,
                  "OptString": OptString}[kind](argname)
    return [
        Call("set_" + name, RErr, [setter_arg], daemon=False, added=added,
             fish_alias=[name.replace("_", "-")] if name in FISH_SET_ALIASES else [],
             shortdesc="set " + desc,
             longdesc="Set " + desc + " of the handle.  See also get-" +
                      name.replace("_", "-") + "."),
        Call("get_" + name, getter_ret, [], daemon=False, added=added,
             shortdesc="get " + desc,
             longdesc="Return " + desc + " of the handle.",
             tests=list(tests)),
    ]


LIBRARY_CALLS = [
    *_prop("verbose", "Bool", "verbose", RBool, "the verbose messages flag"),
    *_prop("trace", "Bool", "trace", RBool, "the command trace flag",
           added="1.0.69"),
    *_prop("autosync", "Bool", "autosync", RBool, "the autosync flag",
           added="1.0.0"),
    *_prop("memsize", "Int", "memsize", RInt,
           "the appliance memory size in megabytes", added="1.0.55"),
    *_prop("smp", "Int", "smp", RInt, "the number of virtual CPUs",
           added="1.13.15"),
    *_prop("path", "OptString", "searchpath", RConstString,
           "the search path for the appliance", added="1.0.0"),
    *_prop("append", "OptString", "append", RConstOptString,
           "extra kernel command line options", added="1.0.26"),
    *_prop("recovery_proc", "Bool", "recoveryproc", RBool,
           "whether a recovery process is used", added="1.0.77"),
    *_prop("pgroup", "Bool", "pgroup", RBool,
           "whether the subprocess runs in its own process group",
           added="1.11.18"),
    *_prop("network", "Bool", "network", RBool,
           "whether the appliance has a network", added="1.5.4"),
    *_prop("program", "String", "program", RConstString,
           "the program name", added="1.21.29"),
    *_prop("identifier", "String", "identifier", RConstString,
           "the handle identifier used in trace and debug messages",
           added="1.31.14"),
    *_prop("backend", "String", "backend", RString,
           "the backend", added="1.21.26"),
    Call("set_hv", RErr, [String("hv")], daemon=False, added="1.23.17",
         shortdesc="set the hypervisor binary",
         longdesc="Set the hypervisor (qemu) binary the appliance runs in."),
    Call("get_hv", RString, [], daemon=False, added="1.23.17",
         shortdesc="get the hypervisor binary",
         longdesc="Return the hypervisor (qemu) binary that will be used."),
    Call("set_tmpdir", RErr, [OptString("tmpdir")], daemon=False,
         added="1.19.58", shortdesc="set the temporary directory",
         longdesc="Set the directory for the handle's temporary files."),
    Call("get_tmpdir", RString, [], daemon=False, added="1.19.58",
         shortdesc="get the temporary directory",
         longdesc="Return the directory used for temporary files."),
    Call("set_cachedir", RErr, [OptString("cachedir")], daemon=False,
         added="1.19.58", shortdesc="set the appliance cache directory",
         longdesc="Set the directory where the built appliance is cached."),
    Call("get_cachedir", RString, [], daemon=False, added="1.19.58",
         shortdesc="get the appliance cache directory",
         longdesc="Return the directory where the appliance is cached."),
    Call("set_backend_settings", RErr, [StringList("settings")],
         daemon=False, added="1.25.24",
         shortdesc="replace the backend settings",
         longdesc="Replace all backend settings (such as force_tcg)."),
    Call("get_backend_settings", RStringList, [], daemon=False,
         added="1.25.24", shortdesc="get the backend settings",
         longdesc="Return the list of backend settings."),
    Call("get_backend_setting", RString, [String("name")], daemon=False,
         added="1.27.2", shortdesc="get one backend setting",
         longdesc="Return the value of the backend setting NAME "
                  "(the empty string for a setting without =value).  "
                  "It is an error (ESRCH) if the setting is absent."),
    Call("set_backend_setting", RErr, [String("name"), String("val")],
         daemon=False, added="1.27.2", shortdesc="set one backend setting",
         longdesc="Add or replace the backend setting NAME=VAL."),
    Call("clear_backend_setting", RInt, [String("name")], daemon=False,
         added="1.27.2", shortdesc="remove a backend setting",
         longdesc="Remove every NAME and NAME=... setting; returns how "
                  "many were removed."),
    Call("parse_environment", RErr, [], daemon=False, added="1.29.16",
         shortdesc="read the LIBGUESTFS_* environment variables",
         longdesc="Set handle properties from the process environment, as "
                  "guestfs_create does by default."),
    Call("parse_environment_list", RErr, [StringList("environment")],
         daemon=False, added="1.29.16",
         shortdesc="read LIBGUESTFS_* settings from a list",
         longdesc="Like parse-environment, but from a list of VAR=VALUE "
                  "strings instead of the process environment."),
    Call("add_drive", RErr, [String("filename")],
         [OBool("readonly"), OString("format"), OString("iface"),
          OString("name"), OString("label"), OString("protocol"),
          OStringList("server"), OString("username"), OString("secret"),
          OString("cachemode"), OString("discard"), OBool("copyonread"),
          OInt("blocksize")],
         daemon=False, once_had_no_optargs=True, added="0.3",
         fish_alias=["add"],
         shortdesc="add a disk image to the appliance",
         longdesc="Add the disk image FILENAME so that the appliance sees "
                  "it as the next /dev/sdX.  Call before launch.  Optional "
                  "arguments: readonly (writes go to a temporary overlay), "
                  "format (raw, qcow2, ...: give it for untrusted images), "
                  "label, cachemode (writeback or unsafe), discard "
                  "(disable, enable, besteffort), copyonread, blocksize."),
    Call("add_drive_ro", RErr, [String("filename")], daemon=False,
         added="1.0.38", fish_alias=["add-ro"],
         shortdesc="add a disk image read-only",
         longdesc="Same as add-drive with readonly:true."),
    Call("add_drive_scratch", RErr, [Int64("size")],
         [OString("name"), OString("label"), OInt("blocksize")],
         daemon=False, added="1.23.10", fish_alias=["scratch"],
         shortdesc="add a temporary blank disk",
         longdesc="Add a blank disk of SIZE bytes that lives only as long "
                  "as the handle."),
    Call("disk_create", RErr, [String("filename"), String("format"),
                               Int64("size")],
         [OString("backingfile"), OString("backingformat"),
          OString("preallocation"), OString("compat"), OInt("clustersize")],
         daemon=False, added="1.25.31",
         shortdesc="create a blank disk image on the host",
         longdesc="Create a disk image FILENAME of FORMAT (raw or qcow2) "
                  "and SIZE bytes (-1 with a backing file means its size)."),
    Call("launch", RErr, [], daemon=False, added="0.3", fish_alias=["run"],
         shortdesc="start the appliance",
         longdesc="Start qemu and the appliance with the drives added so "
                  "far.  Most calls need a launched handle."),
    Call("shutdown", RErr, [], daemon=False, added="1.19.16",
         shortdesc="stop the appliance",
         longdesc="Sync and stop the appliance; the handle can then only "
                  "be closed."),
    Call("user_cancel", RErr, [], daemon=False, added="1.11.18",
         notrace=True, not_in_fish=True,
         shortdesc="cancel the current upload or download",
         longdesc="Ask the library to stop the file transfer in progress. "
                  "Safe to call from another thread or a signal handler."),
    Call("get_state", RInt, [], daemon=False, not_in_fish=True, added="1.0.2",
         shortdesc="get the handle state",
         longdesc="Return the state: 0 config, 1 launching, 2 ready, "
                  "3 busy, 4 no handle."),
    Call("is_config", RBool, [], daemon=False, added="1.0.2",
         shortdesc="is the handle in the config state",
         longdesc="True before launch."),
    Call("is_launching", RBool, [], daemon=False, not_in_fish=True, added="1.0.2",
         shortdesc="is the handle launching",
         longdesc="True while launch is in progress."),
    Call("is_ready", RBool, [], daemon=False, not_in_fish=True, added="1.0.2",
         shortdesc="is the handle ready for calls",
         longdesc="True once launched and idle."),
    Call("is_busy", RBool, [], daemon=False, not_in_fish=True, added="1.0.2",
         shortdesc="is the handle busy",
         longdesc="True while a call is in progress."),
    Call("get_pid", RInt, [], daemon=False, added="1.0.56",
         fish_alias=["pid"], shortdesc="get the hypervisor process id",
         longdesc="Return the process id of qemu (an error before "
                  "launch)."),
    Call("version", RStruct("version"), [], daemon=False, added="1.0.58",
         shortdesc="get the library version",
         longdesc="Return the library version as major, minor, release "
                  "and extra.",
         tests=[Test("none", ("struct", ["version"], {"major": "1"}))]),
]
