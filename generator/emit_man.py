"""Writes the API reference man page guestfs-api(3) in troff."""

from api import ALL_CALLS
from structs import STRUCTS
from csig import ret_ctype, plain_params, join_decl, arg_params, ret_tail, argv_struct


def esc(s):
    return s.replace("\\", "\\e").replace("\n.", "\n\\&.").replace("-", "\\-")


def returns_text(c):
    k = c.ret.kind
    return {
        "RErr": "Returns 0 on success, -1 on error.",
        "RInt": "Returns the integer, or -1 on error.",
        "RInt64": "Returns the 64 bit integer, or -1 on error.",
        "RBool": "Returns a truth value (1 or 0), or -1 on error.",
        "RConstString": "Returns a string owned by the handle (do not free it), or NULL on error.",
        "RConstOptString": "Returns a string owned by the handle, or NULL if there is none (not an error).",
        "RString": "Returns a string the caller must free, or NULL on error.",
        "RStringList": "Returns a NULL-terminated array of strings; the caller frees each string and the array.  NULL on error.",
        "RHashtable": "Returns a NULL-terminated array of alternating keys and values; the caller frees each string and the array.  NULL on error.",
        "RBufferOut": "Returns a buffer of *size_r bytes the caller must free, or NULL on error.",
        "RStruct": "Returns a struct guestfs_%s the caller frees with guestfs_free_%s, or NULL on error." % (c.ret.struct, c.ret.struct),
        "RStructList": "Returns a struct guestfs_%s_list the caller frees with guestfs_free_%s_list, or NULL on error." % (c.ret.struct, c.ret.struct),
    }[k]


def emit(path):
    L = ['.TH GUESTFS-API 3 "" "guestferry" "guestferry API"',
         ".SH NAME", "guestfs-api \\- the calls of the guestfs C API (libguestfs-compatible)",
         ".SH SYNOPSIS", ".nf", "#include <guestfs.h>", ".fi",
         ".SH DESCRIPTION",
         "Every call below takes a handle from guestfs_create(3).  On error a "
         "call returns -1 or NULL and guestfs_last_error(3) says why.  "
         "Calls marked as needing the appliance fail until guestfs_launch succeeds.",
         ".SH CALLS"]
    for c in ALL_CALLS:
        L += [".SS guestfs_" + c.name, ".nf",
              esc(join_decl(ret_ctype(c.ret), "guestfs_" + c.c_name if not c.optargs else
                            "guestfs_" + c.c_name,
                            plain_params(c) + (["..."] if c.optargs else []))) + ";", ".fi",
              ".PP", esc(c.longdesc)]
        if c.optargs:
            L += [".PP", "Optional arguments (as GUESTFS_%s_NAME, value pairs ending with -1, or in struct %s): %s." % (
                c.c_name.upper(), argv_struct(c), ", ".join(o.name for o in c.optargs))]
        L += [".PP", esc(returns_text(c))]
        if not c.daemon:
            L += [".PP", "Runs in the library; does not need the appliance."]
        L += [".PP", "(Added in %s.)" % c.added]
    L += [".SH STRUCTS"]
    for s in STRUCTS:
        L += [".SS struct guestfs_%s" % s.name, ".nf"] + \
             ["  %s (%s)" % (f, k[1:]) for f, k in s.fields] + [".fi"]
    L += [".SH SEE ALSO", "guestfish(1), guestfs(3)"]
    open(path, "w").write("\n".join(L) + "\n")
