"""Calls of the 'transfer' group (issue 3).  Procedure numbers for this group:
see api.py.  STRUCTS lists structs first needed by this group."""

from model import *  # noqa: F401,F403

T = Test

STRUCTS = []

# Host-side scratch files used by the tests (FileIn / FileOut arguments).
TMP = "/tmp/guestferry-api-transfer-"

# A small tree /d with two files, used by most tests below.
TREE = [["mkdir", "/d"], ["write", "/d/a", "hello"],
        ["write", "/d/b", "world"]]

# Tests that write to the scratch disk /dev/sdb put zeroes back over the
# first 64 KiB (copied from a part never written) so that later tests of
# other calls still find it blank.
REZERO = [["copy_device_to_device", "/dev/sdb", "/dev/sdb",
           "srcoffset:16777216", "size:65536"]]

# One subdirectory with one file: a listing order that does not depend on
# the filesystem's hash order.
SUBTREE = [["mkdir", "/f"], ["mkdir", "/f/s"], ["write", "/f/s/c", "x"]]

_COPY_OPTS = [OInt64("srcoffset"), OInt64("destoffset"), OInt64("size"),
              OBool("sparse"), OBool("append")]

_COPY_DOC = (
    "Copy bytes from SRC to DEST.  Optional: srcoffset and destoffset "
    "(bytes, default 0), size (default: up to the end of the source; a "
    "source shorter than size is an error), sparse (do not write blocks "
    "that are all zero: only right when the target already reads as "
    "zeroes), append (add to the end of a destination file instead of "
    "truncating it; not allowed for devices).  A destination file is "
    "created if needed.")

CALLS = [
    Call("tar_in", RErr, [FileIn("tarfile"), Pathname("directory")],
         [OString("compress"), OBool("xattrs"), OBool("selinux"),
          OBool("acls")],
         once_had_no_optargs=True, proc_nr=300, added="1.0.3",
         progress=True,
         shortdesc="unpack a tar file into a directory",
         longdesc="Send the host tar archive TARFILE into the appliance and "
                  "unpack it under DIRECTORY.  compress names the archive's "
                  "compression: compress, gzip, bzip2, xz, lzop (or zstd). "
                  "xattrs, selinux and acls restore extended attributes, "
                  "SELinux labels and POSIX ACLs stored in the archive.  "
                  "Nothing is ever written outside DIRECTORY, whatever "
                  "symbolic links the guest holds there.",
         tests=[T("basicfs", ("string", ["cat", "/e/a"], "hello"),
                  setup=TREE + [["tar_out", "/d", TMP + "1.tar"],
                                ["mkdir", "/e"],
                                ["tar_in", TMP + "1.tar", "/e"]]),
                T("basicfs", ("lines", ["ls", "/e"], ["a", "b"]),
                  setup=TREE + [["tar_out", "/d", TMP + "2.tgz",
                                 "compress:gzip"],
                                ["mkdir", "/e"],
                                ["tar_in", TMP + "2.tgz", "/e",
                                 "compress:gzip"]]),
                T("basicfs", ("fails", ["tar_in", TMP + "3.tar", "/nosuch"]),
                  setup=TREE + [["tar_out", "/d", TMP + "3.tar"]]),
                T("basicfs", ("fails", ["tar_in", TMP + "4.tar", "/d",
                                        "compress:nosuch"]),
                  setup=TREE + [["tar_out", "/d", TMP + "4.tar"]]),
                # Not a tar file: tar's complaint comes back as an error.
                T("basicfs", ("fails", ["tar_in", TMP + "5.b64", "/d"]),
                  setup=TREE + [["base64_out", "/d/a", TMP + "5.b64"]])]),
    Call("tar_out", RErr, [Pathname("directory"), FileOut("tarfile")],
         [OString("compress"), OBool("numericowner"),
          OStringList("excludes"), OBool("xattrs"), OBool("selinux"),
          OBool("acls")],
         once_had_no_optargs=True, proc_nr=301, added="1.0.3",
         progress=True,
         shortdesc="pack a directory into a tar file",
         longdesc="Archive the contents of DIRECTORY with tar and save the "
                  "archive as the host file TARFILE.  compress selects "
                  "compression (compress, gzip, bzip2, xz, lzop, zstd); "
                  "numericowner stores only numeric owners; excludes is a "
                  "list of wildcards of files to leave out; xattrs, selinux "
                  "and acls also store extended attributes, SELinux labels "
                  "and POSIX ACLs.",
         # (excludes is tested by tests/test-copy-in-out.sh: the test
         # generator cannot pass an OStringList yet.)
         tests=[T("basicfs", ("lines", ["ls", "/e"], ["a", "b"]),
                  setup=TREE + [["tar_out", "/d", TMP + "6.tar",
                                 "numericowner:true", "xattrs:true"],
                                ["mkdir", "/e"],
                                ["tar_in", TMP + "6.tar", "/e"]]),
                T("basicfs", ("fails", ["tar_out", "/d/a", "/dev/null"]),
                  setup=TREE),
                T("basicfs", ("fails", ["tar_out", "/nosuch", "/dev/null"]))]),
    Call("tgz_in", RErr, [FileIn("tarball"), Pathname("directory")],
         proc_nr=302, added="1.0.3", deprecated_by="tar_in",
         shortdesc="unpack a gzip-compressed tar file",
         longdesc="Like tar_in with compress:gzip.",
         tests=[T("basicfs", ("string", ["cat", "/e/b"], "world"),
                  setup=TREE + [["tgz_out", "/d", TMP + "7.tgz"],
                                ["mkdir", "/e"],
                                ["tgz_in", TMP + "7.tgz", "/e"]])]),
    Call("tgz_out", RErr, [Pathname("directory"), FileOut("tarball")],
         proc_nr=303, added="1.0.3", deprecated_by="tar_out",
         shortdesc="pack a directory into a gzip-compressed tar file",
         longdesc="Like tar_out with compress:gzip.",
         tests=[T("basicfs", ("string", ["cat", "/e/a"], "hello"),
                  setup=TREE + [["tgz_out", "/d", TMP + "8.tgz"],
                                ["mkdir", "/e"],
                                ["tar_in", TMP + "8.tgz", "/e",
                                 "compress:gzip"]])]),
    Call("txz_in", RErr, [FileIn("tarball"), Pathname("directory")],
         proc_nr=304, added="1.3.2", deprecated_by="tar_in",
         shortdesc="unpack an xz-compressed tar file",
         longdesc="Like tar_in with compress:xz.",
         tests=[T("basicfs", ("string", ["cat", "/e/b"], "world"),
                  setup=TREE + [["txz_out", "/d", TMP + "9.txz"],
                                ["mkdir", "/e"],
                                ["txz_in", TMP + "9.txz", "/e"]])]),
    Call("txz_out", RErr, [Pathname("directory"), FileOut("tarball")],
         proc_nr=305, added="1.3.2", deprecated_by="tar_out",
         shortdesc="pack a directory into an xz-compressed tar file",
         longdesc="Like tar_out with compress:xz.",
         tests=[T("basicfs", ("string", ["cat", "/e/a"], "hello"),
                  setup=TREE + [["txz_out", "/d", TMP + "10.txz"],
                                ["mkdir", "/e"],
                                ["tar_in", TMP + "10.txz", "/e",
                                 "compress:xz"]])]),
    Call("upload_offset", RErr, [FileIn("filename"),
                                 Dev_or_Path("remotefilename"),
                                 Int64("offset")],
         proc_nr=306, added="1.5.17", progress=True,
         shortdesc="write a host file into a guest file at an offset",
         longdesc="Write the contents of the host file FILENAME into "
                  "REMOTEFILENAME (a file or a device) starting at byte "
                  "OFFSET, leaving the rest of it alone.  A missing file is "
                  "created (with a hole before OFFSET).",
         tests=[T("basicfs", ("string", ["cat", "/d/a"], "hehello"),
                  setup=TREE + [["download", "/d/a", TMP + "11.txt"],
                                ["upload_offset", TMP + "11.txt", "/d/a",
                                 "2"]]),
                T("basicfs", ("fails", ["upload_offset", "/dev/null", "/d/a",
                                        "-1"]),
                  setup=TREE)]),
    Call("download_offset", RErr, [Dev_or_Path("remotefilename"),
                                   FileOut("filename"), Int64("offset"),
                                   Int64("size")],
         proc_nr=307, added="1.5.17", progress=True,
         shortdesc="save part of a guest file on the host",
         longdesc="Read SIZE bytes of REMOTEFILENAME (a file or a device) "
                  "from byte OFFSET and save them as the host file "
                  "FILENAME.  The whole range must lie inside the file.",
         tests=[T("basicfs", ("string", ["cat", "/e"], "ll"),
                  setup=TREE + [["download_offset", "/d/a", TMP + "12.txt",
                                 "2", "2"],
                                ["upload", TMP + "12.txt", "/e"]]),
                T("basicfs", ("fails", ["download_offset", "/d/a",
                                        "/dev/null", "2", "10"]),
                  setup=TREE)]),
    Call("base64_in", RErr, [FileIn("base64file"), Pathname("filename")],
         proc_nr=308, added="1.3.5",
         shortdesc="write base64-encoded data to a guest file",
         longdesc="Decode the base64 text of the host file BASE64FILE and "
                  "write the result to FILENAME.",
         tests=[T("basicfs", ("string", ["cat", "/e"], "world"),
                  setup=TREE + [["base64_out", "/d/b", TMP + "13.b64"],
                                ["base64_in", TMP + "13.b64", "/e"]])]),
    Call("base64_out", RErr, [Pathname("filename"), FileOut("base64file")],
         proc_nr=309, added="1.3.5",
         shortdesc="save a guest file base64-encoded",
         longdesc="Encode FILENAME in base64 and save the text as the host "
                  "file BASE64FILE.",
         tests=[T("basicfs", ("string", ["cat", "/e"], "aGVsbG8=\n"),
                  setup=TREE + [["base64_out", "/d/a", TMP + "14.b64"],
                                ["upload", TMP + "14.b64", "/e"]]),
                T("basicfs", ("fails", ["base64_out", "/nosuch",
                                        "/dev/null"]))]),
    Call("cpio_out", RErr, [Pathname("directory"), FileOut("cpiofile")],
         [OString("format")], proc_nr=310, added="1.27.9",
         shortdesc="pack a directory into a cpio file",
         longdesc="Archive the contents of DIRECTORY with cpio and save the "
                  "archive as the host file CPIOFILE.  format is newc (the "
                  "default, as used for Linux initramfs) or crc (newc with "
                  "checksums).",
         tests=[T("basicfs", ("lines", ["initrd_list", "/e"], [".", "s", "s/c"]),
                  setup=SUBTREE + [["cpio_out", "/f", TMP + "15.cpio",
                                    "format:crc"],
                                   ["upload", TMP + "15.cpio", "/e"]]),
                T("basicfs", ("fails", ["cpio_out", "/d", "/dev/null",
                                        "format:tar"]),
                  setup=TREE)]),
    Call("compress_out", RErr, [String("ctype"), Pathname("file"),
                                FileOut("zfile")],
         [OInt("level")], proc_nr=311, added="1.13.15",
         shortdesc="save a guest file compressed",
         longdesc="Compress FILE with the program CTYPE names (compress, "
                  "gzip, bzip2, xz, lzop, zstd) and save the result as the "
                  "host file ZFILE.  level is the compression level, with "
                  "the meaning the program gives it.",
         # initrd_list reads gzip-compressed cpio: round trip through it.
         tests=[T("basicfs", ("lines", ["initrd_list", "/e.gz"],
                              [".", "s", "s/c"]),
                  setup=SUBTREE + [["cpio_out", "/f", TMP + "16.cpio"],
                                   ["upload", TMP + "16.cpio", "/e"],
                                   ["compress_out", "gzip", "/e",
                                    TMP + "16.gz", "level:9"],
                                   ["upload", TMP + "16.gz", "/e.gz"]]),
                T("basicfs", ("fails", ["compress_out", "nosuch", "/d/a",
                                        "/dev/null"]),
                  setup=TREE),
                T("basicfs", ("fails", ["compress_out", "gzip", "/d/a",
                                        "/dev/null", "level:99"]),
                  setup=TREE)]),
    Call("compress_device_out", RErr, [String("ctype"), Device("device"),
                                       FileOut("zdevice")],
         [OInt("level")], proc_nr=312, added="1.13.15",
         shortdesc="save a device compressed",
         longdesc="Like compress_out, for the whole contents of DEVICE.",
         tests=[T("none", ("run", ["compress_device_out", "gzip", "/dev/sdb",
                                   "/dev/null", "level:1"])),
                T("none", ("fails", ["compress_device_out", "nosuch",
                                     "/dev/sdb", "/dev/null"]))]),
    Call("copy_file_to_file", RErr, [Pathname("src"), Pathname("dest")],
         _COPY_OPTS, proc_nr=313, added="1.13.25", progress=True,
         shortdesc="copy bytes from file to file",
         longdesc=_COPY_DOC,
         tests=[T("basicfs", ("string", ["cat", "/e"], "ll"),
                  setup=TREE + [["copy_file_to_file", "/d/a", "/e",
                                 "srcoffset:2", "size:2"]]),
                T("basicfs", ("string", ["cat", "/d/b"], "worldhello"),
                  setup=TREE + [["copy_file_to_file", "/d/a", "/d/b",
                                 "append:true"]]),
                T("basicfs", ("string", ["read_file", "/e"], "\0\0hello"),
                  setup=TREE + [["copy_file_to_file", "/d/a", "/e",
                                 "destoffset:2", "sparse:true"]]),
                T("basicfs", ("fails", ["copy_file_to_file", "/d/a", "/e",
                                        "size:100"]),
                  setup=TREE),
                T("basicfs", ("fails", ["copy_file_to_file", "/d/a", "/e",
                                        "srcoffset:-1"]),
                  setup=TREE)]),
    Call("copy_file_to_device", RErr, [Pathname("src"), Device("dest")],
         _COPY_OPTS, proc_nr=314, added="1.13.25", progress=True,
         shortdesc="copy bytes from a file to a device",
         longdesc=_COPY_DOC,
         tests=[T("basicfs", ("string", ["cat", "/e"], "hello"),
                  setup=TREE + [["copy_file_to_device", "/d/a", "/dev/sdb"],
                                ["copy_device_to_file", "/dev/sdb", "/e",
                                 "size:5"]] + REZERO),
                T("basicfs", ("fails", ["copy_file_to_device", "/d/a",
                                        "/dev/sdb", "append:true"]),
                  setup=TREE)]),
    Call("copy_device_to_file", RErr, [Device("src"), Pathname("dest")],
         _COPY_OPTS, proc_nr=315, added="1.13.25", progress=True,
         shortdesc="copy bytes from a device to a file",
         longdesc=_COPY_DOC,
         tests=[T("basicfs", ("string", ["cat", "/e"], "world"),
                  setup=TREE + [["copy_file_to_device", "/d/b", "/dev/sdb",
                                 "destoffset:1000"],
                                ["copy_device_to_file", "/dev/sdb", "/e",
                                 "srcoffset:1000", "size:5"]] + REZERO)]),
    Call("copy_device_to_device", RErr, [Device("src"), Device("dest")],
         _COPY_OPTS, proc_nr=316, added="1.13.25", progress=True,
         shortdesc="copy bytes from device to device",
         longdesc=_COPY_DOC,
         tests=[T("basicfs", ("string", ["cat", "/e"], "hello"),
                  setup=TREE + [["copy_file_to_device", "/d/a", "/dev/sdb",
                                 "destoffset:4096"],
                                ["copy_device_to_device", "/dev/sdb",
                                 "/dev/sdb", "srcoffset:4096",
                                 "destoffset:8192", "size:4096"],
                                ["copy_device_to_file", "/dev/sdb", "/e",
                                 "srcoffset:8192", "size:5"]] + REZERO),
                T("none", ("fails", ["copy_device_to_device", "/dev/sda",
                                     "/dev/sdb", "size:-1"]))]),
    Call("dd", RErr, [Dev_or_Path("src"), Dev_or_Path("dest")],
         proc_nr=317, added="1.0.80", deprecated_by="copy_device_to_device",
         shortdesc="copy a whole device or file",
         longdesc="Copy all of SRC (a device or a file) to DEST (a device "
                  "or a file).  A destination device must be at least as "
                  "large as the source.",
         tests=[T("basicfs", ("string", ["cat", "/e"], "hello"),
                  setup=TREE + [["dd", "/d/a", "/e"]]),
                T("basicfs", ("fails", ["dd", "/nosuch", "/e"]))]),
    Call("initrd_list", RStringList, [Pathname("path")], proc_nr=318,
         added="1.0.54",
         shortdesc="list the files in an initrd",
         longdesc="List the names held in the initramfs PATH (a cpio "
                  "archive, compressed with gzip, xz, zstd, bzip2 or lzop, "
                  "or not), in archive order, without a leading / or ./ "
                  "(the archive's top directory, if stored, shows as .).",
         tests=[T("basicfs", ("lines", ["initrd_list", "/e"], [".", "s", "s/c"]),
                  setup=SUBTREE + [["cpio_out", "/f", TMP + "20.cpio"],
                                   ["upload", TMP + "20.cpio", "/e"]]),
                T("basicfs", ("fails", ["initrd_list", "/d/a"]),
                  setup=TREE)]),
    Call("initrd_cat", RBufferOut, [Pathname("initrdpath"),
                                    String("filename")],
         proc_nr=319, added="1.0.84",
         shortdesc="read one file of an initrd",
         longdesc="Return the contents of FILENAME (given without its "
                  "leading /) from the initramfs INITRDPATH.",
         tests=[T("basicfs", ("string", ["initrd_cat", "/e", "b"], "world"),
                  setup=TREE + [["cpio_out", "/d", TMP + "17.cpio"],
                                ["upload", TMP + "17.cpio", "/e"]]),
                T("basicfs", ("fails", ["initrd_cat", "/e", "nosuch"]),
                  setup=TREE + [["cpio_out", "/d", TMP + "18.cpio"],
                                ["upload", TMP + "18.cpio", "/e"]]),
                T("basicfs", ("fails", ["initrd_cat", "/e", "s"]),
                  setup=SUBTREE + [["cpio_out", "/f", TMP + "21.cpio"],
                                   ["upload", TMP + "21.cpio", "/e"]])]),
    Call("checksums_out", RErr, [String("csumtype"), Pathname("directory"),
                                 FileOut("sumsfile")],
         proc_nr=320, added="1.3.7",
         shortdesc="checksum every file under a directory",
         longdesc="Compute the CSUMTYPE checksum (crc, md5, sha1, sha224, "
                  "sha256, sha384, sha512) of each regular file under "
                  "DIRECTORY and save the list, in the coreutils format "
                  "(\"SUM  ./PATH\"), as the host file SUMSFILE.",
         tests=[T("basicfs", ("string", ["cat", "/e"],
                              "5d41402abc4b2a76b9719d911017c592  ./a\n"),
                  setup=[["mkdir", "/d"], ["write", "/d/a", "hello"],
                         ["checksums_out", "md5", "/d", TMP + "19.sums"],
                         ["upload", TMP + "19.sums", "/e"]]),
                T("basicfs", ("fails", ["checksums_out", "sha3", "/d",
                                        "/dev/null"]),
                  setup=TREE)]),
    # guestfish has its own copy-in/copy-out commands taking several
    # sources (fish/copy.c), built on these.
    Call("copy_in", RErr, [String("localpath"), Pathname("remotedir")],
         daemon=False, not_in_fish=True, added="1.29.24",
         shortdesc="copy local files or directories into an image",
         longdesc="Copy the host file or directory LOCALPATH (recursively) "
                  "into the existing guest directory REMOTEDIR, as "
                  "REMOTEDIR/basename.",
         tests=[T("basicfs", ("string", ["cat", "/in"],
                              "hello from the host\n"),
                  setup=[["copy_in", "@HOSTFILE@", "/"]]),
                T("basicfs", ("string", ["cat", "/back/gfco-api/a"],
                              "hello"),
                  setup=[["mkdir", "/gfco-api"],
                         ["write", "/gfco-api/a", "hello"],
                         ["copy_out", "/gfco-api", "/tmp"],
                         ["mkdir", "/back"],
                         ["copy_in", "/tmp/gfco-api", "/back"]]),
                T("basicfs", ("fails", ["copy_in", "@HOSTFILE@",
                                        "/nosuch"])),
                T("basicfs", ("fails", ["copy_in", "/nonexistent-host-file",
                                        "/"]))]),
    Call("copy_out", RErr, [Pathname("remotepath"), String("localdir")],
         daemon=False, not_in_fish=True, added="1.29.24",
         shortdesc="copy remote files or directories out of an image",
         longdesc="Copy the guest file or directory REMOTEPATH "
                  "(recursively) into the existing host directory "
                  "LOCALDIR, as LOCALDIR/basename.  The guest's tree is "
                  "not trusted: owners are not kept, device nodes are "
                  "dropped and set-user/group-ID bits cleared.",
         tests=[T("basicfs", ("fails", ["copy_out", "/nosuch", "/tmp"])),
                T("basicfs", ("fails", ["copy_out", "/", "/nonexistent-dir"]))]),
]
