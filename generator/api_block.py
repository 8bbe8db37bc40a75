"""Calls of the 'block' group (issue 3): partitions, block device ioctls,
probing, wiping, device names.  Procedure numbers for this group: 400-499
(see api.py).  STRUCTS lists structs first needed by this group."""

from model import *  # noqa: F401,F403

T = Test

STRUCTS = []

# A GPT disk with two partitions on /dev/sda (from the "empty" init).
GPT2 = [["part_init", "/dev/sda", "gpt"],
        ["part_add", "/dev/sda", "p", "64", "204799"],
        ["part_add", "/dev/sda", "p", "204800", "409599"]]
# An MBR disk: primary 1, extended 2, logical 5.
MBR3 = [["part_init", "/dev/sda", "mbr"],
        ["part_add", "/dev/sda", "p", "64", "204799"],
        ["part_add", "/dev/sda", "e", "204800", "819199"],
        ["part_add", "/dev/sda", "l", "204864", "409599"]]

# A small (4 MiB) ext2 filesystem mounted on /: filling it is quick.
SMALLFS = [["part_init", "/dev/sda", "mbr"],
           ["part_add", "/dev/sda", "p", "64", "8255"],
           ["mkfs", "ext2", "/dev/sda1"],
           ["mount", "/dev/sda1", "/"]]

LINUX_FS = "0FC63DAF-8483-4772-8E79-3D69D8477DE4"
SOME_GUID = "01234567-89AB-CDEF-0123-456789ABCDEF"


def _pn(*rest):
    """Device and partition number arguments, then REST."""
    return [Device("device"), Int("partnum"), *rest]


PARTITION_CALLS = [
    Call("part_del", RErr, _pn(), proc_nr=400, added="1.3.2",
         shortdesc="delete a partition",
         longdesc="Remove partition number PARTNUM from the partition "
                  "table of DEVICE.  The data in the partition is left as "
                  "it was; only the table entry goes away.",
         tests=[T("empty", ("lines", ["list_partitions"], ["/dev/sda1"]),
                  setup=GPT2 + [["part_del", "/dev/sda", "2"]]),
                T("empty", ("fails", ["part_del", "/dev/sda", "7"]),
                  setup=GPT2),
                T("empty", ("fails", ["part_del", "/dev/sda", "0"]),
                  setup=GPT2)]),
    Call("part_get_bootable", RBool, _pn(), proc_nr=401, added="1.3.2",
         shortdesc="get the bootable flag of a partition",
         longdesc="True if partition PARTNUM of DEVICE carries the "
                  "bootable (active) flag.  See also part-set-bootable.",
         tests=[T("partition", ("false", ["part_get_bootable", "/dev/sda",
                                          "1"])),
                T("partition", ("fails", ["part_get_bootable", "/dev/sda",
                                          "9"]))]),
    Call("part_set_bootable", RErr, _pn(Bool("bootable")), proc_nr=402,
         added="1.0.78",
         shortdesc="set or clear the bootable flag of a partition",
         longdesc="Set (BOOTABLE true) or clear the bootable flag of "
                  "partition PARTNUM on DEVICE.  BIOSes usually boot from "
                  "the MBR partition that has it.",
         tests=[T("partition", ("true", ["part_get_bootable", "/dev/sda",
                                         "1"]),
                  setup=[["part_set_bootable", "/dev/sda", "1", "true"]])]),
    Call("part_get_mbr_id", RInt, _pn(), proc_nr=403, added="1.3.2",
         fish_output="hex",
         shortdesc="get the MBR type byte of a partition",
         longdesc="Return the type (system ID) byte of MBR partition "
                  "PARTNUM of DEVICE, such as 0x83 for Linux.",
         tests=[T("partition", ("int", ["part_get_mbr_id", "/dev/sda", "1"],
                                0x83)),
                T("partition", ("fails", ["part_get_mbr_id", "/dev/sda",
                                          "9"]))]),
    Call("part_set_mbr_id", RErr, _pn(Int("idbyte")), proc_nr=404,
         added="1.3.2",
         shortdesc="set the MBR type byte of a partition",
         longdesc="Set the type (system ID) byte of MBR partition PARTNUM "
                  "of DEVICE to IDBYTE (0 to 255).  Only the table entry "
                  "changes, not the content.",
         tests=[T("partition", ("int", ["part_get_mbr_id", "/dev/sda", "1"],
                                7),
                  setup=[["part_set_mbr_id", "/dev/sda", "1", "7"]]),
                T("partition", ("fails", ["part_set_mbr_id", "/dev/sda",
                                          "1", "256"]))]),
    Call("part_get_mbr_part_type", RString, _pn(), proc_nr=405,
         added="1.29.32",
         shortdesc="get the kind of an MBR partition",
         longdesc="Return \"primary\", \"extended\" or \"logical\" for "
                  "partition PARTNUM of DEVICE.  On a GPT disk every "
                  "partition is \"primary\".",
         tests=[T("empty", ("string", ["part_get_mbr_part_type", "/dev/sda",
                                       "5"], "logical"), setup=MBR3),
                T("empty", ("string", ["part_get_mbr_part_type", "/dev/sda",
                                       "2"], "extended"), setup=MBR3),
                T("empty", ("string", ["part_get_mbr_part_type", "/dev/sda",
                                       "1"], "primary"), setup=MBR3)]),
    Call("part_get_name", RString, _pn(), proc_nr=406, added="1.25.33",
         shortdesc="get the name of a GPT partition",
         longdesc="Return the name (label) stored in the GPT entry of "
                  "partition PARTNUM of DEVICE.  MBR partitions have no "
                  "name: that is an error.",
         tests=[T("partition", ("fails", ["part_get_name", "/dev/sda",
                                          "1"]))]),
    Call("part_set_name", RErr, _pn(String("name")), proc_nr=407,
         added="1.0.78",
         shortdesc="set the name of a GPT partition",
         longdesc="Store NAME as the name of partition PARTNUM of DEVICE "
                  "(GPT only: MBR has no partition names).",
         tests=[T("empty", ("string", ["part_get_name", "/dev/sda", "2"],
                            "my data"),
                  setup=GPT2 + [["part_set_name", "/dev/sda", "2",
                                 "my data"]]),
                T("partition", ("fails", ["part_set_name", "/dev/sda", "1",
                                          "x"]))]),
    Call("part_resize", RErr, _pn(Int64("endsect")), proc_nr=408,
         added="1.37.20",
         shortdesc="move the end of a partition",
         longdesc="Move the last sector of partition PARTNUM of DEVICE to "
                  "ENDSECT, growing or shrinking the partition.  The "
                  "filesystem inside is not resized.",
         tests=[T("empty", ("struct", ["part_list", "/dev/sda"],
                            {"part_num": "1", "part_end": "153599999"}),
                  setup=GPT2 + [["part_del", "/dev/sda", "2"],
                                ["part_resize", "/dev/sda", "1",
                                 "299999"]]),
                T("empty", ("fails", ["part_resize", "/dev/sda", "2", "10"]),
                  setup=GPT2)]),
]

GPT_CALLS = [
    Call("part_get_gpt_type", RString, _pn(), proc_nr=410, added="1.21.1",
         shortdesc="get the type GUID of a GPT partition",
         longdesc="Return the partition type GUID (upper case) of GPT "
                  "partition PARTNUM of DEVICE.",
         tests=[T("empty", ("fails", ["part_get_gpt_type", "/dev/sda", "7"]),
                  setup=GPT2)]),
    Call("part_set_gpt_type", RErr, _pn(GUID("guid")), proc_nr=411,
         added="1.21.1",
         shortdesc="set the type GUID of a GPT partition",
         longdesc="Set the partition type GUID of GPT partition PARTNUM "
                  "of DEVICE to GUID.",
         tests=[T("empty", ("string", ["part_get_gpt_type", "/dev/sda", "1"],
                            LINUX_FS),
                  setup=GPT2 + [["part_set_gpt_type", "/dev/sda", "1",
                                 LINUX_FS.lower()]]),
                T("empty", ("fails", ["part_set_gpt_type", "/dev/sda", "1",
                                      "not-a-guid"]), setup=GPT2)]),
    Call("part_get_gpt_guid", RString, _pn(), proc_nr=412, added="1.29.25",
         shortdesc="get the unique GUID of a GPT partition",
         longdesc="Return the unique GUID of GPT partition PARTNUM of "
                  "DEVICE (upper case)."),
    Call("part_set_gpt_guid", RErr, _pn(GUID("guid")), proc_nr=413,
         added="1.29.25",
         shortdesc="set the unique GUID of a GPT partition",
         longdesc="Set the unique GUID of GPT partition PARTNUM of DEVICE "
                  "to GUID.",
         tests=[T("empty", ("string", ["part_get_gpt_guid", "/dev/sda", "2"],
                            SOME_GUID),
                  setup=GPT2 + [["part_set_gpt_guid", "/dev/sda", "2",
                                 SOME_GUID]]),
                T("empty", ("fails", ["part_set_gpt_guid", "/dev/sda", "2",
                                      "0123"]), setup=GPT2)]),
    Call("part_get_gpt_attributes", RInt64, _pn(), proc_nr=414,
         added="1.21.1",
         shortdesc="get the attribute flags of a GPT partition",
         longdesc="Return the 64 attribute bits of GPT partition PARTNUM "
                  "of DEVICE (bit 0: platform required, bit 2: legacy "
                  "BIOS bootable, bits 48-63: type specific).",
         tests=[T("empty", ("int", ["part_get_gpt_attributes", "/dev/sda",
                                    "1"], 0), setup=GPT2)]),
    Call("part_set_gpt_attributes", RErr, _pn(Int64("attributes")),
         proc_nr=415, added="1.21.1",
         shortdesc="set the attribute flags of a GPT partition",
         longdesc="Replace the 64 attribute bits of GPT partition PARTNUM "
                  "of DEVICE with ATTRIBUTES.",
         tests=[T("empty", ("int", ["part_get_gpt_attributes", "/dev/sda",
                                    "2"], 5),
                  setup=GPT2 + [["part_set_gpt_attributes", "/dev/sda", "2",
                                 "5"]])]),
    Call("part_get_disk_guid", RString, [Device("device")], proc_nr=416,
         added="1.33.2",
         shortdesc="get the disk GUID of a GPT disk",
         longdesc="Return the disk GUID stored in the GPT header of DEVICE "
                  "(upper case)."),
    Call("part_set_disk_guid", RErr, [Device("device"), GUID("guid")],
         proc_nr=417, added="1.33.2",
         shortdesc="set the disk GUID of a GPT disk",
         longdesc="Store GUID as the disk GUID in the GPT headers of "
                  "DEVICE.",
         tests=[T("empty", ("string", ["part_get_disk_guid", "/dev/sda"],
                            SOME_GUID),
                  setup=GPT2 + [["part_set_disk_guid", "/dev/sda",
                                 SOME_GUID.lower()]]),
                T("empty", ("fails", ["part_set_disk_guid", "/dev/sda",
                                      "{x}"]), setup=GPT2)]),
    Call("part_set_disk_guid_random", RErr, [Device("device")], proc_nr=418,
         added="1.33.2",
         shortdesc="give a GPT disk a new random GUID",
         longdesc="Store a freshly generated random disk GUID in the GPT "
                  "headers of DEVICE.",
         tests=[T("empty", ("run", ["part_get_disk_guid", "/dev/sda"]),
                  setup=GPT2 + [["part_set_disk_guid_random", "/dev/sda"]])]),
    Call("part_expand_gpt", RErr, [Device("device")], proc_nr=419,
         added="1.33.2",
         shortdesc="move the backup GPT to the end of a grown disk",
         longdesc="After the disk DEVICE has been enlarged, move the "
                  "backup GPT header and table to the new end of the disk "
                  "so that the extra space can be partitioned.",
         tests=[T("empty", ("run", ["part_expand_gpt", "/dev/sda"]),
                  setup=GPT2),
                T("partition", ("fails", ["part_expand_gpt", "/dev/sda"]))]),
]

BLOCKDEV_CALLS = [
    Call("blockdev_getbsz", RInt, [Device("device")], proc_nr=420,
         added="1.0.19",
         shortdesc="get the kernel block size of a device",
         longdesc="Return the block size the kernel uses for buffered I/O "
                  "on DEVICE (not the sector size, nor a filesystem's "
                  "block size).",
         tests=[T("empty", ("int", ["blockdev_getbsz", "/dev/sda"], 4096))]),
    Call("blockdev_getsz", RInt64, [Device("device")], proc_nr=421,
         added="1.0.19",
         shortdesc="get the size of a device in 512-byte sectors",
         longdesc="Return the size of DEVICE counted in 512-byte units, "
                  "whatever its real sector size.",
         tests=[T("empty", ("int", ["blockdev_getsz", "/dev/sda"],
                            1024000))]),
    Call("blockdev_getro", RBool, [Device("device")], proc_nr=422,
         added="1.0.19",
         shortdesc="is a device read-only",
         longdesc="True if the kernel's read-only flag is set on DEVICE.",
         tests=[T("empty", ("false", ["blockdev_getro", "/dev/sda"]))]),
    Call("blockdev_setro", RErr, [Device("device")], proc_nr=423,
         added="1.0.19",
         shortdesc="make a device read-only",
         longdesc="Set the kernel's read-only flag on DEVICE.",
         tests=[T("partition", ("true", ["blockdev_getro", "/dev/sda1"]),
                  setup=[["blockdev_setro", "/dev/sda1"]])]),
    Call("blockdev_setrw", RErr, [Device("device")], proc_nr=424,
         added="1.0.19",
         shortdesc="make a device writable",
         longdesc="Clear the kernel's read-only flag on DEVICE.",
         tests=[T("partition", ("false", ["blockdev_getro", "/dev/sda1"]),
                  setup=[["blockdev_setro", "/dev/sda1"],
                         ["blockdev_setrw", "/dev/sda1"]])]),
    Call("blockdev_flushbufs", RErr, [Device("device")], proc_nr=425,
         added="1.0.19",
         shortdesc="flush a device's buffers",
         longdesc="Write out and drop the kernel's buffers for DEVICE.",
         tests=[T("empty", ("run", ["blockdev_flushbufs", "/dev/sda"]))]),
    Call("blockdev_rereadpt", RErr, [Device("device")], proc_nr=426,
         added="1.0.19",
         shortdesc="make the kernel reread a partition table",
         longdesc="Ask the kernel to read the partition table of DEVICE "
                  "again.  Fails if a partition of DEVICE is in use.",
         tests=[T("partition", ("run", ["blockdev_rereadpt", "/dev/sda"])),
                T("basicfs", ("fails", ["blockdev_rereadpt", "/dev/sda"]))]),
    Call("blockdev_setra", RErr, [Device("device"), Int("sectors")],
         proc_nr=427, added="1.29.10",
         shortdesc="set the readahead of a device",
         longdesc="Set the readahead of DEVICE to SECTORS 512-byte "
                  "sectors.",
         tests=[T("empty", ("run", ["blockdev_setra", "/dev/sda", "256"])),
                T("empty", ("fails", ["blockdev_setra", "/dev/sda", "-1"]))]),
    Call("blockdev_setbsz", RErr, [Device("device"), Int("blocksize")],
         proc_nr=428, added="1.0.19",
         deprecated_by="",
         shortdesc="set the block size of a device (does nothing)",
         longdesc="Kept for compatibility: checks that BLOCKSIZE is a "
                  "positive power of two and otherwise does nothing, "
                  "since the kernel's buffered block size cannot usefully "
                  "be set from here.",
         tests=[T("empty", ("run", ["blockdev_setbsz", "/dev/sda", "4096"])),
                T("empty", ("fails", ["blockdev_setbsz", "/dev/sda", "3"]))]),
]

PROBE_CALLS = [
    Call("blkid", RHashtable, [Device("device")], proc_nr=430,
         added="1.15.9",
         shortdesc="print the block device attributes",
         longdesc="Probe DEVICE as blkid -p -i does (superblock, "
                  "partition entry and I/O topology) and return the "
                  "attributes found as KEY -> VALUE pairs (TYPE, UUID, "
                  "LABEL, PART_ENTRY_NUMBER, ...).",
         tests=[T("basicfs", ("hash_has", ["blkid", "/dev/sda1"], "TYPE",
                              "ext2")),
                T("basicfs", ("hash_has", ["blkid", "/dev/sda1"],
                              "PART_ENTRY_NUMBER", "1"))]),
    Call("list_dm_devices", RStringList, [], proc_nr=431, added="1.11.15",
         shortdesc="list the device mapper devices",
         longdesc="List the /dev/mapper devices (for example opened LUKS "
                  "devices), leaving out the ones that are LVM logical "
                  "volumes.",
         tests=[T("empty", ("lines", ["list_dm_devices"], []))]),
    Call("nr_devices", RInt, [], proc_nr=432, added="1.19.15",
         shortdesc="count the disks",
         longdesc="Return how many whole disks were added (the length of "
                  "list-devices).",
         tests=[T("none", ("int", ["nr_devices"], 2))]),
    Call("device_index", RInt, [Device("device")], proc_nr=433,
         added="1.19.7",
         shortdesc="the index of a disk",
         longdesc="Return the position (counting from 0) of the whole "
                  "disk DEVICE in list-devices, which is the order the "
                  "drives were added in.",
         tests=[T("none", ("int", ["device_index", "/dev/sdb"], 1)),
                T("partition", ("fails", ["device_index", "/dev/sda1"]))]),
    Call("is_whole_device", RBool, [Device("device")], proc_nr=434,
         added="1.21.9",
         shortdesc="is a device a whole disk",
         longdesc="True if DEVICE is a whole disk, false if it is a "
                  "partition or another kind of block device.",
         tests=[T("partition", ("true", ["is_whole_device", "/dev/sda"])),
                T("partition", ("false", ["is_whole_device", "/dev/sda1"]))]),
    Call("mountable_device", RString, [Mountable("mountable")], proc_nr=435,
         added="1.33.15",
         shortdesc="the device part of a mountable",
         longdesc="Return the device of MOUNTABLE: the device itself, or "
                  "for a btrfs subvolume the device holding it.",
         tests=[T("partition", ("string", ["mountable_device", "/dev/sda1"],
                                "/dev/sda1")),
                T("partition", ("string", ["mountable_device",
                                           "btrfsvol:/dev/sda1/a/b"],
                                "/dev/sda1"))]),
    Call("mountable_subvolume", RString, [Mountable("mountable")],
         proc_nr=436, added="1.33.15",
         shortdesc="the subvolume part of a mountable",
         longdesc="Return the btrfs subvolume named by MOUNTABLE.  A "
                  "mountable that is a plain device is an error (EINVAL).",
         tests=[T("partition", ("fails", ["mountable_subvolume",
                                          "/dev/sda1"])),
                T("partition", ("string", ["mountable_subvolume",
                                           "btrfsvol:/dev/sda1/a/b"],
                                "a/b"))]),
]

WIPE_CALLS = [
    Call("wipefs", RErr, [Device("device")], proc_nr=440, added="1.17.6",
         shortdesc="erase filesystem and RAID signatures",
         longdesc="Erase the signatures (magic strings) that identify "
                  "filesystems, RAID members, partition tables and so on "
                  "from DEVICE, so that probing finds nothing.  The rest "
                  "of the data is kept.",
         tests=[T("partition", ("string", ["vfs_type", "/dev/sda1"], ""),
                  setup=[["mkfs", "ext4", "/dev/sda1"],
                         ["wipefs", "/dev/sda1"]])]),
    Call("zero", RErr, [Device("device")], proc_nr=441, added="1.0.16",
         progress=True,
         shortdesc="zero the start of a device",
         longdesc="Write zeroes over the first blocks of DEVICE: enough to "
                  "hide partition tables and most superblocks, not enough "
                  "to erase the data securely.",
         tests=[T("partition", ("string", ["vfs_type", "/dev/sda1"], ""),
                  setup=[["mkfs", "ext2", "/dev/sda1"],
                         ["zero", "/dev/sda1"]])]),
    Call("zero_device", RErr, [Device("device")], proc_nr=442,
         added="1.3.1", progress=True,
         shortdesc="zero a whole device",
         longdesc="Write zeroes over all of DEVICE.  Blocks that already "
                  "read as zero are not written, so sparse images stay "
                  "sparse.",
         tests=[T("empty", ("string", ["vfs_type", "/dev/sdb"], ""),
                  setup=[["mkfs", "ext2", "/dev/sdb"],
                         ["zero_device", "/dev/sdb"]])]),
    Call("zero_free_space", RErr, [Pathname("directory")], proc_nr=443,
         added="1.17.18", progress=True,
         shortdesc="zero the free space of a filesystem",
         longdesc="Fill the free space of the filesystem holding "
                  "DIRECTORY with zeroes (through a temporary file in "
                  "DIRECTORY that is removed afterwards).",
         tests=[T("empty", ("lines", ["ls", "/"], ["lost+found"]),
                  setup=SMALLFS + [["zero_free_space", "/"]]),
                T("basicfs", ("fails", ["zero_free_space", "/nosuchdir"]))]),
    Call("blkdiscard", RErr, [Device("device")], proc_nr=444,
         added="1.25.44",
         shortdesc="discard all blocks of a device",
         longdesc="Tell the storage that every block of DEVICE is unused "
                  "(TRIM/UNMAP), which lets a sparse image shrink.  The "
                  "drive must have been added with discard enabled.",
         tests=[T("partition", ("run", ["blkdiscard", "/dev/sda1"]))]),
    Call("blkdiscardzeroes", RBool, [Device("device")], proc_nr=445,
         added="1.25.44",
         shortdesc="do discarded blocks read back as zeroes",
         longdesc="True if blocks discarded with blkdiscard are "
                  "guaranteed to read back as zeroes.",
         tests=[T("partition", ("false", ["blkdiscardzeroes", "/dev/sda1"]))]),
    Call("scrub_device", RErr, [Device("device")], proc_nr=446,
         added="1.0.52",
         shortdesc="securely erase a device",
         longdesc="Overwrite all of DEVICE several times with patterns, "
                  "using the scrub program, so that the old data cannot be "
                  "recovered.  It takes a while."),
    Call("scrub_file", RErr, [Pathname("file")], proc_nr=447,
         added="1.0.52",
         shortdesc="securely erase and remove a file",
         longdesc="Overwrite the content of the regular file FILE with "
                  "patterns using scrub, then remove it.  Filesystem "
                  "journals and copies elsewhere are not covered.",
         tests=[T("basicfs", ("false", ["exists", "/f"]),
                  setup=[["write", "/f", "secret"],
                         ["scrub_file", "/f"]]),
                T("basicfs", ("fails", ["scrub_file", "/nosuchfile"]))]),
    Call("scrub_freespace", RErr, [Pathname("dir")], proc_nr=448,
         added="1.0.52",
         shortdesc="securely erase the free space of a filesystem",
         longdesc="Create the directory DIR (it must not exist), fill the "
                  "filesystem with scrub's patterns through files in it, "
                  "then remove it again.",
         tests=[T("empty", ("false", ["exists", "/sub"]),
                  setup=SMALLFS + [["scrub_freespace", "/sub"]]),
                T("basicfs", ("fails", ["scrub_freespace", "/lost+found"]))]),
]

SFDISK_CALLS = [
    Call("sfdisk_l", RString, [Device("device")], proc_nr=450,
         added="1.0.26", deprecated_by="part_list",
         shortdesc="show the partition table as sfdisk prints it",
         longdesc="Return sfdisk -l's listing of the partition table of "
                  "DEVICE: for people to read, not for parsing (see "
                  "part-list).",
         tests=[T("partition", ("run", ["sfdisk_l", "/dev/sda"]))]),
    Call("sfdisk_kernel_geometry", RString, [Device("device")], proc_nr=451,
         added="1.0.26",
         shortdesc="show the kernel's geometry of a device",
         longdesc="Return the cylinders/heads/sectors geometry of DEVICE "
                  "as sfdisk reports it (a line of text).",
         tests=[T("empty", ("run", ["sfdisk_kernel_geometry", "/dev/sda"]))]),
    Call("sfdisk_disk_geometry", RString, [Device("device")], proc_nr=452,
         added="1.0.26",
         shortdesc="show the geometry recorded for a device",
         longdesc="Return the geometry of DEVICE as sfdisk reports it.  "
                  "Today's sfdisk has a single notion of geometry, so this "
                  "is the same as sfdisk-kernel-geometry.",
         tests=[T("empty", ("run", ["sfdisk_disk_geometry", "/dev/sda"]))]),
    Call("sfdisk", RErr, [Device("device"), Int("cyls"), Int("heads"),
                          Int("sectors"), StringList("lines")],
         proc_nr=453, added="0.8", deprecated_by="part_add",
         shortdesc="write a partition table from sfdisk input",
         longdesc="Feed LINES (one partition each, in sfdisk's input "
                  "syntax, such as \",10240,83\") to sfdisk to write a new "
                  "partition table on DEVICE.  CYLS, HEADS and SECTORS are "
                  "obsolete and ignored (pass 0).",
         tests=[T("empty", ("lines", ["list_partitions"],
                            ["/dev/sda1", "/dev/sda2"]),
                  setup=[["sfdisk", "/dev/sda", "0", "0", "0",
                          ",10240 ,20480"]])]),
    Call("sfdisk_N", RErr, [Device("device"), Int("partnum"), Int("cyls"),
                            Int("heads"), Int("sectors"), String("line")],
         proc_nr=454, added="1.0.26", deprecated_by="part_add",
         shortdesc="change one partition with sfdisk input",
         longdesc="Replace partition PARTNUM of DEVICE with the one LINE "
                  "describes in sfdisk's input syntax.  The geometry "
                  "arguments are ignored.",
         tests=[T("empty", ("lines", ["list_partitions"], ["/dev/sda1"]),
                  setup=[["sfdisk_N", "/dev/sda", "1", "0", "0", "0",
                          ",10240"]])]),
    Call("sfdiskM", RErr, [Device("device"), StringList("lines")],
         proc_nr=455, added="1.0.55", deprecated_by="part_add",
         shortdesc="write a partition table, sizes in megabytes",
         longdesc="Like sfdisk, but plain numbers for the start and size "
                  "of each partition in LINES count megabytes (MiB).",
         tests=[T("empty", ("lines", ["list_partitions"], ["/dev/sda1"]),
                  setup=[["sfdiskM", "/dev/sda", ",10"]])]),
]

LDM_CALLS = [
    Call("list_ldm_volumes", RStringList, [], proc_nr=457, added="1.20.0",
         shortdesc="list the Windows dynamic disk volumes",
         longdesc="List the device-mapper devices of Windows dynamic disk "
                  "(LDM) volumes, as made by ldmtool-create-all.",
         tests=[T("empty", ("lines", ["list_ldm_volumes"], []))]),
    Call("list_ldm_partitions", RStringList, [], proc_nr=458,
         added="1.20.0",
         shortdesc="list the Windows dynamic disk partitions",
         longdesc="List the device-mapper devices of Windows dynamic disk "
                  "(LDM) partitions, as made by ldmtool-create-all.",
         tests=[T("empty", ("lines", ["list_ldm_partitions"], []))]),
]

LDMTOOL_GUID = "01234567-0123-0123-0123-0123456789ab"

LDMTOOL_CALLS = [
    Call("ldmtool_scan", RStringList, [], proc_nr=459, added="1.20.0",
         shortdesc="scan for Windows dynamic disks",
         longdesc="Scan every block device for Windows dynamic disks (LDM) "
                  "and return the GUIDs of the disk groups found.  Needs "
                  "the ldm feature.",
         tests=[T("empty", ("lines", ["ldmtool_scan"], []))]),
    Call("ldmtool_scan_devices", RStringList, [DeviceList("devices")],
         proc_nr=460, added="1.20.0",
         shortdesc="scan the given devices for Windows dynamic disks",
         longdesc="Like ldmtool_scan, looking only at DEVICES.",
         tests=[T("empty", ("lines", ["ldmtool_scan_devices", "/dev/sda"],
                            [])),
                T("empty", ("fails", ["ldmtool_scan_devices",
                                      "/dev/nosuch"]))]),
    Call("ldmtool_create_all", RErr, [], proc_nr=461, added="1.20.0",
         shortdesc="map every Windows dynamic disk volume",
         longdesc="Create device-mapper devices for every volume of every "
                  "disk group found (see list_ldm_volumes and "
                  "list_ldm_partitions).",
         tests=[T("empty", ("lines", ["list_ldm_volumes"], []),
                  setup=[["ldmtool_create_all"]])]),
    Call("ldmtool_remove_all", RErr, [], proc_nr=462, added="1.20.0",
         shortdesc="unmap every Windows dynamic disk volume",
         longdesc="Remove the device-mapper devices ldmtool_create_all "
                  "made.",
         tests=[T("empty", ("lines", ["list_ldm_partitions"], []),
                  setup=[["ldmtool_remove_all"]])]),
    Call("ldmtool_diskgroup_name", RString, [String("diskgroup")],
         proc_nr=463, added="1.20.0",
         shortdesc="name of a Windows dynamic disk group",
         longdesc="Return the name of the disk group whose GUID is "
                  "DISKGROUP (one of ldmtool_scan's results).",
         tests=[T("empty", ("fails", ["ldmtool_diskgroup_name", LDMTOOL_GUID])),
                T("empty", ("fails", ["ldmtool_diskgroup_name", "-h"]))]),
    Call("ldmtool_diskgroup_volumes", RStringList, [String("diskgroup")],
         proc_nr=464, added="1.20.0",
         shortdesc="volumes of a Windows dynamic disk group",
         longdesc="Return the names of the volumes in disk group "
                  "DISKGROUP.",
         tests=[T("empty", ("fails", ["ldmtool_diskgroup_volumes",
                                      LDMTOOL_GUID]))]),
    Call("ldmtool_diskgroup_disks", RStringList, [String("diskgroup")],
         proc_nr=465, added="1.20.0",
         shortdesc="disks of a Windows dynamic disk group",
         longdesc="Return the names of the disks in disk group DISKGROUP.",
         tests=[T("empty", ("fails", ["ldmtool_diskgroup_disks",
                                      LDMTOOL_GUID]))]),
    Call("ldmtool_volume_type", RString, [String("diskgroup"),
                                          String("volume")],
         proc_nr=466, added="1.20.0",
         shortdesc="type of a Windows dynamic disk volume",
         longdesc="Return the type of volume VOLUME of disk group "
                  "DISKGROUP: simple, spanned, striped, mirrored, raid5.",
         tests=[T("empty", ("fails", ["ldmtool_volume_type", LDMTOOL_GUID,
                                      "Volume1"]))]),
    Call("ldmtool_volume_hint", RString, [String("diskgroup"),
                                          String("volume")],
         proc_nr=467, added="1.20.0",
         shortdesc="drive letter hint of a Windows dynamic disk volume",
         longdesc="Return the hint (usually a drive letter such as "
                  "\"E:\") of volume VOLUME of disk group DISKGROUP, or "
                  "an empty string if it has none.",
         tests=[T("empty", ("fails", ["ldmtool_volume_hint", LDMTOOL_GUID,
                                      "Volume1"]))]),
    Call("ldmtool_volume_partitions", RStringList,
         [String("diskgroup"), String("volume")],
         proc_nr=468, added="1.20.0",
         shortdesc="partitions of a Windows dynamic disk volume",
         longdesc="Return the names of the partitions making up volume "
                  "VOLUME of disk group DISKGROUP.",
         tests=[T("empty", ("fails", ["ldmtool_volume_partitions", LDMTOOL_GUID,
                                      "Volume1"]))]),
]

LIBRARY_SIDE = [
    Call("list_disk_labels", RHashtable, [], daemon=False, added="1.19.49",
         shortdesc="map disk labels to devices",
         longdesc="Return label -> device pairs for the drives that were "
                  "added with a label (add-drive label:NAME).  Needs a "
                  "launched appliance.",
         tests=[T("none", ("lines", ["list_disk_labels"], []))]),
    Call("canonical_device_name", RString, [String("device")], daemon=False,
         added="1.19.7",
         shortdesc="the canonical name of a device",
         longdesc="Turn a device name as a guest may spell it (/dev/vda1, "
                  "/dev/hdb, /dev/xvdc2) into the /dev/sdX form used here; "
                  "device-mapper names of logical volumes become "
                  "/dev/VG/LV.  Other names come back unchanged.",
         tests=[T("none", ("string", ["canonical_device_name", "/dev/vda1"],
                           "/dev/sda1")),
                T("none", ("string", ["canonical_device_name", "/dev/xvdb"],
                           "/dev/sdb")),
                T("none", ("string", ["canonical_device_name", "foo"],
                           "foo"))]),
    Call("max_disks", RInt, [], daemon=False, added="1.19.7",
         shortdesc="the most drives that can be added",
         longdesc="Return how many drives the current backend can attach.",
         tests=[T("none", ("int", ["max_disks"], 255))]),
    Call("disk_format", RString, [String("filename")], daemon=False,
         added="1.19.38",
         shortdesc="detect the format of a disk image",
         longdesc="Probe the host file FILENAME with qemu-img and return "
                  "its format (raw, qcow2, ...), or \"unknown\"."),
    Call("disk_virtual_size", RInt64, [String("filename")], daemon=False,
         added="1.19.39",
         shortdesc="the virtual size of a disk image",
         longdesc="Return the size in bytes the guest sees for the host "
                  "disk image FILENAME."),
    Call("disk_has_backing_file", RBool, [String("filename")], daemon=False,
         added="1.19.39",
         shortdesc="does a disk image have a backing file",
         longdesc="True if the host disk image FILENAME is an overlay on "
                  "top of a backing file."),
    Call("remove_drive", RErr, [String("label")], daemon=False,
         added="1.19.49", deprecated_by="",
         shortdesc="remove a drive that was added with a label",
         longdesc="Kept for compatibility only: removing drives "
                  "(hotplugging) is not supported, so this always fails."),
    Call("add_cdrom", RErr, [String("filename")], daemon=False, added="0.3",
         deprecated_by="add_drive_ro",
         shortdesc="add a CD-ROM image (deprecated)",
         longdesc="Old name: adds FILENAME read-only, the same as "
                  "add-drive-ro."),
    Call("list_9p", RStringList, [], daemon=False, added="1.11.12",
         shortdesc="list the 9p filesystems (removed)",
         longdesc="Kept for compatibility only: 9p support is gone, so "
                  "this always fails.",
         tests=[T("none", ("fails", ["list_9p"]))]),
    Call("get_sockdir", RString, [], daemon=False, added="1.33.8",
         shortdesc="get the directory for the appliance socket",
         longdesc="Return the directory in which the handle's socket is "
                  "made: XDG_RUNTIME_DIR if set, else /tmp."),
]

CALLS = (PARTITION_CALLS + GPT_CALLS + BLOCKDEV_CALLS + PROBE_CALLS +
         WIPE_CALLS + SFDISK_CALLS + LDM_CALLS + LDMTOOL_CALLS +
         LIBRARY_SIDE)
