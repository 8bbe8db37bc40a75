"""Calls of the 'lvm' group (issue 3): LVM, LUKS, md RAID and Augeas.
Procedure numbers 700-899: LVM 700-759, LUKS 760-779, md 780-799,
Augeas 800-829."""

from model import *  # noqa: F401,F403

T = Test

STRUCTS = [
    Struct("lvm_pv", [
        ("pv_name", "FString"), ("pv_uuid", "FUUID"), ("pv_fmt", "FString"),
        ("pv_size", "FBytes"), ("dev_size", "FBytes"), ("pv_free", "FBytes"),
        ("pv_used", "FBytes"), ("pv_attr", "FString"),
        ("pv_pe_count", "FInt64"), ("pv_pe_alloc_count", "FInt64"),
        ("pv_tags", "FString"), ("pe_start", "FBytes"),
        ("pv_mda_count", "FInt64"), ("pv_mda_free", "FBytes")]),
    Struct("lvm_vg", [
        ("vg_name", "FString"), ("vg_uuid", "FUUID"), ("vg_fmt", "FString"),
        ("vg_attr", "FString"), ("vg_size", "FBytes"), ("vg_free", "FBytes"),
        ("vg_sysid", "FString"), ("vg_extent_size", "FBytes"),
        ("vg_extent_count", "FInt64"), ("vg_free_count", "FInt64"),
        ("max_lv", "FInt64"), ("max_pv", "FInt64"), ("pv_count", "FInt64"),
        ("lv_count", "FInt64"), ("snap_count", "FInt64"),
        ("vg_seqno", "FInt64"), ("vg_tags", "FString"),
        ("vg_mda_count", "FInt64"), ("vg_mda_free", "FBytes")]),
    Struct("lvm_lv", [
        ("lv_name", "FString"), ("lv_uuid", "FUUID"), ("lv_attr", "FString"),
        ("lv_major", "FInt64"), ("lv_minor", "FInt64"),
        ("lv_kernel_major", "FInt64"), ("lv_kernel_minor", "FInt64"),
        ("lv_size", "FBytes"), ("seg_count", "FInt64"),
        ("origin", "FString"), ("snap_percent", "FOptPercent"),
        ("copy_percent", "FOptPercent"), ("move_pv", "FString"),
        ("lv_tags", "FString"), ("mirror_log", "FString"),
        ("modules", "FString")]),
    Struct("mdstat", [("mdstat_device", "FString"),
                      ("mdstat_index", "FInt32"),
                      ("mdstat_flags", "FString")]),
]

# Three partitions on /dev/sda: ~100M, ~100M, the rest.
PARTS3 = [["part_init", "/dev/sda", "mbr"],
          ["part_add", "/dev/sda", "p", "64", "204799"],
          ["part_add", "/dev/sda", "p", "204800", "409599"],
          ["part_add", "/dev/sda", "p", "409600", "-64"]]
PVS3 = PARTS3 + [["pvcreate", "/dev/sda1"], ["pvcreate", "/dev/sda2"],
                 ["pvcreate", "/dev/sda3"]]
VGS2 = PVS3 + [["vgcreate", "VG1", "/dev/sda1 /dev/sda2"],
               ["vgcreate", "VG2", "/dev/sda3"]]
LVS3 = VGS2 + [["lvcreate", "LV1", "VG1", "50"],
               ["lvcreate", "LV2", "VG1", "50"],
               ["lvcreate", "LV3", "VG2", "50"]]
# One 100M partition and one for the rest: used by md and LUKS tests.
PARTS2 = [["part_init", "/dev/sda", "mbr"],
          ["part_add", "/dev/sda", "p", "64", "204799"],
          ["part_add", "/dev/sda", "p", "204800", "409599"]]

LVM_CALLS = [
    Call("pvcreate", RErr, [Device("device")], proc_nr=700, added="0.8",
         shortdesc="make a device an LVM physical volume",
         longdesc="Initialise DEVICE (a partition or a whole disk) as an "
                  "LVM physical volume, so that it can join a volume group.",
         tests=[T("empty", ("lines", ["pvs"],
                            ["/dev/sda1", "/dev/sda2", "/dev/sda3"]),
                  setup=PVS3),
                T("empty", ("fails", ["pvcreate", "/dev/sda9"]))]),
    Call("pvremove", RErr, [Device("device")], proc_nr=701, added="1.0.13",
         shortdesc="remove the LVM label of a physical volume",
         longdesc="Wipe the LVM physical volume label from DEVICE.  The "
                  "label is removed even when a volume group still uses "
                  "the device, so remove the group first if it should "
                  "stay consistent.",
         tests=[T("empty", ("lines", ["pvs"], ["/dev/sda2", "/dev/sda3"]),
                  setup=PVS3 + [["pvremove", "/dev/sda1"]])]),
    Call("pvresize", RErr, [Device("device")], proc_nr=702, added="1.0.26",
         shortdesc="grow or shrink a physical volume to its device",
         longdesc="Make the LVM physical volume on DEVICE match the "
                  "current size of the device (after the partition was "
                  "resized, for instance).",
         tests=[T("empty", ("run", ["pvresize", "/dev/sda1"]),
                  setup=PVS3)]),
    Call("pvresize_size", RErr, [Device("device"), Int64("size")],
         proc_nr=703, added="1.3.14",
         shortdesc="set the size of a physical volume",
         longdesc="Like pvresize, but the new size of the physical volume "
                  "is SIZE bytes.",
         tests=[T("empty", ("struct", ["pvs_full"], {"pv_size": "83886080"}),
                  setup=PVS3 + [["pvresize_size", "/dev/sda1", "83886080"]])]),
    Call("pvs", RStringList, [], proc_nr=704, added="0.4",
         shortdesc="list the LVM physical volumes",
         longdesc="Return the device names of every LVM physical volume "
                  "found, like the pvs command.",
         tests=[T("empty", ("lines", ["pvs"], []))]),
    Call("pvs_full", RStructList("lvm_pv"), [], proc_nr=705, added="0.4",
         shortdesc="list the LVM physical volumes with details",
         longdesc="Return every LVM physical volume with all the fields "
                  "of the pvs command (sizes in bytes).",
         tests=[T("empty", ("struct", ["pvs_full"],
                            {"pv_pe_alloc_count": "0"}),
                  setup=PVS3)]),
    Call("pvuuid", RString, [Device("device")], proc_nr=706,
         added="1.0.87",
         shortdesc="get the UUID of a physical volume",
         longdesc="Return the LVM UUID of the physical volume DEVICE.",
         tests=[T("empty", ("fails", ["pvuuid", "/dev/sda1"]),
                  setup=PARTS3)]),
    Call("vgcreate", RErr, [String("volgroup"), DeviceList("physvols")],
         proc_nr=707, added="0.8",
         shortdesc="create an LVM volume group",
         longdesc="Create the volume group VOLGROUP out of the physical "
                  "volumes PHYSVOLS.",
         tests=[T("empty", ("lines", ["vgs"], ["VG1", "VG2"]),
                  setup=VGS2),
                T("empty", ("fails", ["vgcreate", "VG3", "/dev/sda1"]),
                  setup=VGS2)]),
    Call("vgremove", RErr, [String("vgname")], proc_nr=708,
         added="1.0.13",
         shortdesc="remove an LVM volume group",
         longdesc="Remove the volume group VGNAME together with every "
                  "logical volume in it.  Its physical volumes stay.",
         tests=[T("empty", ("lines", ["vgs"], ["VG2"]),
                  setup=LVS3 + [["vgremove", "VG1"]]),
                T("empty", ("lines", ["lvs"], ["/dev/VG2/LV3"]),
                  setup=LVS3 + [["vgremove", "VG1"]])]),
    Call("vgrename", RErr, [String("volgroup"), String("newvolgroup")],
         proc_nr=709, added="1.0.83",
         shortdesc="rename an LVM volume group",
         longdesc="Rename the volume group VOLGROUP to NEWVOLGROUP.",
         tests=[T("empty", ("lines", ["vgs"], ["VG2", "VG3"]),
                  setup=VGS2 + [["vgrename", "VG1", "VG3"]])]),
    Call("vgs", RStringList, [], proc_nr=710, added="0.4",
         shortdesc="list the LVM volume groups",
         longdesc="Return the names of every volume group found, like "
                  "the vgs command.",
         tests=[T("empty", ("lines", ["vgs"], []))]),
    Call("vgs_full", RStructList("lvm_vg"), [], proc_nr=711, added="0.4",
         shortdesc="list the LVM volume groups with details",
         longdesc="Return every volume group with all the fields of the "
                  "vgs command (sizes in bytes).",
         tests=[T("empty", ("struct", ["vgs_full"], {"pv_count": "2",
                                                     "lv_count": "2"}),
                  setup=LVS3)]),
    Call("vguuid", RString, [String("vgname")], proc_nr=712,
         added="1.0.87",
         shortdesc="get the UUID of a volume group",
         longdesc="Return the LVM UUID of the volume group VGNAME.",
         tests=[T("empty", ("fails", ["vguuid", "NOSUCHVG"]))]),
    Call("vgmeta", RBufferOut, [String("vgname")], proc_nr=713,
         added="1.17.20",
         shortdesc="get the LVM metadata of a volume group",
         longdesc="Return the text of the LVM metadata of volume group "
                  "VGNAME, as LVM backs it up.  The format belongs to "
                  "LVM and may change: read it for information only.",
         tests=[T("empty", ("fails", ["vgmeta", "NOSUCHVG"]))]),
    Call("vgpvuuids", RStringList, [String("vgname")], proc_nr=714,
         added="1.0.87",
         shortdesc="list the UUIDs of a volume group's physical volumes",
         longdesc="Return the UUIDs of the physical volumes that make up "
                  "volume group VGNAME."),
    Call("vglvuuids", RStringList, [String("vgname")], proc_nr=715,
         added="1.0.87",
         shortdesc="list the UUIDs of a volume group's logical volumes",
         longdesc="Return the UUIDs of the logical volumes of volume "
                  "group VGNAME."),
    Call("vg_activate", RErr, [Bool("activate"), StringList("volgroups")],
         proc_nr=716, added="1.0.26",
         shortdesc="activate or deactivate volume groups",
         longdesc="Activate (ACTIVATE true) or deactivate the logical "
                  "volumes of the volume groups VOLGROUPS, as vgchange -a "
                  "y|n does.  An empty list means every volume group.",
         tests=[T("empty", ("lines", ["lvs"], ["/dev/VG2/LV3"]),
                  setup=LVS3 + [["vg_activate", "false", "VG1"],
                                ["vgremove", "VG1"]])]),
    Call("vg_activate_all", RErr, [Bool("activate")], proc_nr=717,
         added="1.0.26",
         shortdesc="activate or deactivate all volume groups",
         longdesc="Activate (ACTIVATE true) or deactivate every logical "
                  "volume of every volume group.",
         tests=[T("empty", ("true", ["is_lv", "/dev/VG1/LV1"]),
                  setup=LVS3 + [["vg_activate_all", "false"],
                                ["vg_activate_all", "true"]])]),
    Call("vgscan", RErr, [], proc_nr=718, added="1.3.2",
         deprecated_by="lvm_scan",
         shortdesc="rescan for LVM volume groups",
         longdesc="Scan the block devices again for LVM physical volumes "
                  "and volume groups.",
         tests=[T("empty", ("run", ["vgscan"]))]),
    Call("lvcreate", RErr, [String("logvol"), String("volgroup"),
                            Int("mbytes")],
         proc_nr=719, added="0.8",
         shortdesc="create an LVM logical volume",
         longdesc="Create the logical volume LOGVOL of MBYTES megabytes "
                  "in volume group VOLGROUP.",
         tests=[T("empty", ("lines", ["lvs"], ["/dev/VG1/LV1", "/dev/VG1/LV2",
                                              "/dev/VG2/LV3"]),
                  setup=LVS3),
                T("empty", ("fails", ["lvcreate", "LV9", "VG1", "100000"]),
                  setup=VGS2)]),
    Call("lvcreate_free", RErr, [String("logvol"), String("volgroup"),
                                 Int("percent")],
         proc_nr=720, added="1.17.18",
         shortdesc="create an LVM logical volume from free space",
         longdesc="Create the logical volume LOGVOL in VOLGROUP using "
                  "PERCENT % of the group's remaining free space.",
         tests=[T("empty", ("lines", ["lvs"], ["/dev/VG1/LV1",
                                              "/dev/VG1/LV2"]),
                  setup=VGS2 + [["lvcreate_free", "LV1", "VG1", "50"],
                                ["lvcreate_free", "LV2", "VG1", "100"]]),
                T("empty", ("fails", ["lvcreate_free", "LV1", "VG1", "101"]),
                  setup=VGS2)]),
    Call("lvremove", RErr, [Device("device")], proc_nr=721, added="1.0.13",
         shortdesc="remove an LVM logical volume",
         longdesc="Remove the logical volume DEVICE (/dev/VG/LV).  Given "
                  "a volume group (/dev/VG), remove all its logical "
                  "volumes.",
         tests=[T("empty", ("lines", ["lvs"], ["/dev/VG1/LV2",
                                              "/dev/VG2/LV3"]),
                  setup=LVS3 + [["lvremove", "/dev/VG1/LV1"]])]),
    Call("lvrename", RErr, [String("logvol"), String("newlogvol")],
         proc_nr=722, added="1.0.83",
         shortdesc="rename an LVM logical volume",
         longdesc="Rename the logical volume LOGVOL (/dev/VG/LV) to "
                  "NEWLOGVOL (/dev/VG/NEWLV).",
         tests=[T("empty", ("lines", ["lvs"], ["/dev/VG1/LV2", "/dev/VG1/LVX",
                                              "/dev/VG2/LV3"]),
                  setup=LVS3 + [["lvrename", "/dev/VG1/LV1",
                                 "/dev/VG1/LVX"]])]),
    Call("lvresize", RErr, [Device("device"), Int("mbytes")], proc_nr=723,
         added="1.0.27",
         shortdesc="resize an LVM logical volume",
         longdesc="Change the size of the logical volume DEVICE to MBYTES "
                  "megabytes.  Shrinking loses whatever lies beyond the "
                  "new end.",
         tests=[T("empty", ("int", ["blockdev_getsize64", "/dev/VG1/LV1"],
                            20971520),
                  setup=LVS3 + [["lvresize", "/dev/VG1/LV1", "20"]])]),
    Call("lvresize_free", RErr, [Device("lv"), Int("percent")],
         proc_nr=724, added="1.3.3",
         shortdesc="grow an LVM logical volume into free space",
         longdesc="Grow the logical volume LV by PERCENT % of the free "
                  "space left in its volume group (100 takes it all).",
         tests=[T("empty", ("struct", ["vgs_full"], {"vg_free_count": "0"}),
                  setup=LVS3 + [["lvresize_free", "/dev/VG1/LV1", "100"]])]),
    Call("lvs", RStringList, [], proc_nr=725, added="0.4",
         shortdesc="list the LVM logical volumes",
         longdesc="Return every logical volume as /dev/VG/LV, like the "
                  "lvs command.",
         tests=[T("empty", ("lines", ["lvs"], [])),
                T("basiclvm", ("lines", ["lvs"], ["/dev/VG/LV"]))]),
    Call("lvs_full", RStructList("lvm_lv"), [], proc_nr=726, added="0.4",
         shortdesc="list the LVM logical volumes with details",
         longdesc="Return every logical volume with all the fields of "
                  "the lvs command (sizes in bytes).",
         tests=[T("empty", ("struct", ["lvs_full"], {"lv_size": "54525952",
                                                     "seg_count": "1"}),
                  setup=LVS3)]),
    Call("lvuuid", RString, [Device("device")], proc_nr=727,
         added="1.0.87",
         shortdesc="get the UUID of a logical volume",
         longdesc="Return the LVM UUID of the logical volume DEVICE.",
         tests=[T("empty", ("fails", ["lvuuid", "/dev/sda"]))]),
    Call("is_lv", RBool, [Mountable("mountable")], proc_nr=728,
         added="1.5.3",
         shortdesc="is this an LVM logical volume",
         longdesc="True if MOUNTABLE is an LVM logical volume.",
         tests=[T("empty", ("true", ["is_lv", "/dev/VG1/LV1"]),
                  setup=LVS3),
                T("empty", ("true", ["is_lv", "/dev/mapper/VG1-LV2"]),
                  setup=LVS3),
                T("partition", ("false", ["is_lv", "/dev/sda1"]))]),
    Call("lvm_canonical_lv_name", RString, [Device("lvname")], proc_nr=729,
         added="1.5.24",
         shortdesc="the canonical name of a logical volume",
         longdesc="Turn another name of a logical volume, such as "
                  "/dev/mapper/VG-LV, into its canonical /dev/VG/LV.  A "
                  "device that is not a logical volume is an error "
                  "(errno EINVAL).",
         tests=[T("empty", ("string", ["lvm_canonical_lv_name",
                                       "/dev/mapper/VG1-LV2"],
                            "/dev/VG1/LV2"), setup=LVS3),
                T("empty", ("string", ["lvm_canonical_lv_name",
                                       "/dev/VG2/LV3"],
                            "/dev/VG2/LV3"), setup=LVS3),
                T("partition", ("fails", ["lvm_canonical_lv_name",
                                          "/dev/sda1"]))]),
    Call("lvm_scan", RErr, [Bool("activate")], proc_nr=730, added="1.39.8",
         shortdesc="rescan for LVM physical volumes, groups and volumes",
         longdesc="Scan every block device again for LVM objects.  With "
                  "ACTIVATE true, newly found volume groups are activated "
                  "so that their /dev/VG/LV devices appear.  Useful after "
                  "adding a device, or opening an encrypted one.",
         tests=[T("empty", ("true", ["is_lv", "/dev/VG2/LV3"]),
                  setup=LVS3 + [["vg_activate_all", "false"],
                                ["lvm_scan", "true"]])]),
    Call("lvm_set_filter", RErr, [DeviceList("devices")], proc_nr=731,
         added="1.5.1",
         shortdesc="make LVM see only some devices",
         longdesc="Restrict LVM to the block devices (whole disks or "
                  "partitions) in DEVICES: the others are ignored, which "
                  "helps when images carry duplicate PVs or VGs.  This "
                  "also rescans.  No volume group may be in use (mounted, "
                  "for instance).",
         tests=[T("empty", ("lines", ["vgs"], ["VG2"]),
                  setup=VGS2 + [["lvm_set_filter", "/dev/sda3"]]),
                T("empty", ("lines", ["vgs"], ["VG1", "VG2"]),
                  setup=VGS2 + [["lvm_set_filter", "/dev/sda3"],
                                ["lvm_clear_filter"]])]),
    Call("lvm_clear_filter", RErr, [], proc_nr=732, added="1.5.1",
         shortdesc="make LVM see every device again",
         longdesc="Undo lvm_set_filter: LVM sees all block devices again, "
                  "and everything is rescanned.",
         tests=[T("empty", ("run", ["lvm_clear_filter"]))]),
    Call("lvm_remove_all", RErr, [], proc_nr=733, added="0.8",
         shortdesc="remove every LVM object",
         longdesc="Remove every logical volume, volume group and physical "
                  "volume found.",
         tests=[T("empty", ("lines", ["pvs"], []),
                  setup=LVS3 + [["lvm_remove_all"]])]),
    Call("pvchange_uuid", RErr, [Device("device")], proc_nr=734,
         added="1.19.26",
         shortdesc="give a physical volume a new random UUID",
         longdesc="Replace the UUID of the physical volume DEVICE by a "
                  "new random one.",
         tests=[T("empty", ("run", ["pvchange_uuid", "/dev/sda1"]),
                  setup=PVS3)]),
    Call("pvchange_uuid_all", RErr, [], proc_nr=735, added="1.19.26",
         shortdesc="give every physical volume a new random UUID",
         longdesc="Replace the UUID of every physical volume by a new "
                  "random one.",
         tests=[T("empty", ("run", ["pvchange_uuid_all"]), setup=PVS3)]),
    Call("vgchange_uuid", RErr, [String("vg")], proc_nr=736,
         added="1.19.26",
         shortdesc="give a volume group a new random UUID",
         longdesc="Replace the UUID of the volume group VG by a new "
                  "random one.",
         tests=[T("empty", ("run", ["vgchange_uuid", "VG1"]), setup=VGS2)]),
    Call("vgchange_uuid_all", RErr, [], proc_nr=737, added="1.19.26",
         shortdesc="give every volume group a new random UUID",
         longdesc="Replace the UUID of every volume group by a new random "
                  "one.",
         tests=[T("empty", ("run", ["vgchange_uuid_all"]), setup=VGS2)]),
]

LUKS_CALLS = [
    Call("luks_format", RErr, [Device("device"), Key("key"), Int("keyslot")],
         proc_nr=760, added="1.5.2",
         shortdesc="format a device as LUKS",
         longdesc="Write a new LUKS header to DEVICE with one passphrase, "
                  "KEY, in key slot KEYSLOT.  What was on the device is "
                  "lost.",
         tests=[T("partition", ("string", ["vfs_type", "/dev/sda1"],
                                "crypto_LUKS"),
                  setup=[["luks_format", "/dev/sda1", "key", "0"]])]),
    Call("luks_format_cipher", RErr, [Device("device"), Key("key"),
                                      Int("keyslot"), String("cipher")],
         proc_nr=761, added="1.5.2",
         shortdesc="format a device as LUKS with a given cipher",
         longdesc="Like luks_format, with the cipher CIPHER "
                  "(for example aes-xts-plain64).",
         tests=[T("partition", ("string", ["vfs_type", "/dev/sda1"],
                                "crypto_LUKS"),
                  setup=[["luks_format_cipher", "/dev/sda1", "key", "0",
                          "aes-xts-plain64"]])]),
    Call("luks_open", RErr, [Device("device"), Key("key"), String("mapname")],
         proc_nr=762, added="1.5.1", deprecated_by="cryptsetup_open",
         shortdesc="open a LUKS device",
         longdesc="Unlock the LUKS device DEVICE with KEY and create the "
                  "decrypted device /dev/mapper/MAPNAME."),
    Call("luks_open_ro", RErr, [Device("device"), Key("key"),
                                String("mapname")],
         proc_nr=763, added="1.5.1", deprecated_by="cryptsetup_open",
         shortdesc="open a LUKS device read-only",
         longdesc="Like luks_open, with a read-only mapping."),
    Call("luks_close", RErr, [Device("device")], proc_nr=764, added="1.5.1",
         deprecated_by="cryptsetup_close",
         shortdesc="close a LUKS device",
         longdesc="Remove the decrypted mapping DEVICE "
                  "(/dev/mapper/MAPNAME) made by luks_open."),
    Call("luks_add_key", RErr, [Device("device"), Key("key"), Key("newkey"),
                                Int("keyslot")],
         proc_nr=765, added="1.5.2",
         shortdesc="add a passphrase to a LUKS device",
         longdesc="Using the existing passphrase KEY, store NEWKEY in key "
                  "slot KEYSLOT of LUKS device DEVICE.  The slot must be "
                  "free.",
         tests=[T("partition", ("run", ["luks_kill_slot", "/dev/sda1",
                                        "key2", "0"]),
                  setup=[["luks_format", "/dev/sda1", "key", "0"],
                         ["luks_add_key", "/dev/sda1", "key", "key2", "1"]])]),
    Call("luks_kill_slot", RErr, [Device("device"), Key("key"),
                                  Int("keyslot")],
         proc_nr=766, added="1.5.2",
         shortdesc="remove a passphrase from a LUKS device",
         longdesc="Erase key slot KEYSLOT of LUKS device DEVICE.  KEY "
                  "must be a passphrase of some other slot.",
         tests=[T("partition", ("fails", ["cryptsetup_open", "/dev/sda1",
                                          "key", "lukstest"]),
                  setup=[["luks_format", "/dev/sda1", "key", "0"],
                         ["luks_add_key", "/dev/sda1", "key", "key2", "1"],
                         ["luks_kill_slot", "/dev/sda1", "key2", "0"]])]),
    Call("luks_uuid", RString, [Device("device")], proc_nr=767,
         added="1.41.9",
         shortdesc="get the UUID of a LUKS device",
         longdesc="Return the UUID in the LUKS header of DEVICE.",
         tests=[T("partition", ("fails", ["luks_uuid", "/dev/sda"]))]),
    Call("cryptsetup_open", RErr, [Device("device"), Key("key"),
                                   String("mapname")],
         [OBool("readonly"), OString("crypttype")],
         proc_nr=768, added="1.43.2",
         shortdesc="open an encrypted device",
         longdesc="Unlock the encrypted device DEVICE (LUKS, BitLocker, "
                  "...) with KEY and create the decrypted device "
                  "/dev/mapper/MAPNAME.  MAPNAME may not be \"control\".  "
                  "Optional: crypttype (luks or bitlk; guessed if not "
                  "given), readonly for a read-only mapping.  Call "
                  "lvm_scan to see volume groups inside.",
         tests=[T("partition", ("run", ["cryptsetup_close",
                                        "/dev/mapper/lukstest"]),
                  setup=[["luks_format", "/dev/sda1", "key", "0"],
                         ["cryptsetup_open", "/dev/sda1", "key",
                          "lukstest"],
                         ["mkfs", "ext2", "/dev/mapper/lukstest"],
                         ["mount", "/dev/mapper/lukstest", "/"],
                         ["write", "/f", "secret"],
                         ["umount", "/"]]),
                T("partition", ("fails", ["cryptsetup_open", "/dev/sda1",
                                          "key", "control"]))]),
    Call("cryptsetup_close", RErr, [Device("device")], proc_nr=769,
         added="1.43.2",
         shortdesc="close an encrypted device",
         longdesc="Remove the decrypted mapping DEVICE (the "
                  "/dev/mapper/MAPNAME device, not the encrypted one) made "
                  "by cryptsetup_open.",
         tests=[T("partition", ("fails", ["cryptsetup_close", "/dev/sda1"]))]),
]

MD_CALLS = [
    Call("md_create", RErr, [String("name"), DeviceList("devices")],
         [OInt64("missingbitmap"), OInt("nrdevices"), OInt("spare"),
          OInt64("chunk"), OString("level")],
         proc_nr=780, added="1.15.6",
         shortdesc="create a software RAID device",
         longdesc="Create the Linux md RAID array NAME (/dev/md/NAME) out "
                  "of DEVICES.  Optional: level (linear, raid0, raid1 - "
                  "the default -, raid4, raid5, raid6, raid10 and their "
                  "synonyms), nrdevices (active members; default: the "
                  "devices plus the missing ones), spare (spare members, "
                  "default 0), chunk (bytes; not for raid1), missingbitmap "
                  "(bit i set: slot i of the array is a missing device; "
                  "the devices fill the other slots in order).",
         tests=[T("empty", ("hash_has", ["md_detail", "/dev/md/r1"], "level",
                            "raid1"),
                  setup=PARTS2 + [["md_create", "r1", "/dev/sda1 /dev/sda2"]]),
                T("empty", ("fails", ["md_create", "r1", "/dev/sda1",
                                      "level:nosuchlevel"]),
                  setup=PARTS2)]),
    Call("md_detail", RHashtable, [Device("md")], proc_nr=781,
         added="1.15.6",
         shortdesc="describe a software RAID device",
         longdesc="Return what mdadm reports about the md device MD as "
                  "key/value pairs: usually level, devices, metadata, "
                  "uuid and name, maybe more.",
         tests=[T("empty", ("hash_has", ["md_detail", "/dev/md/r0"],
                            "level", "raid0"),
                  setup=PARTS2 + [["md_create", "r0", "/dev/sda1 /dev/sda2",
                                   "level:raid0"]])]),
    Call("md_stat", RStructList("mdstat"), [Device("md")], proc_nr=782,
         added="1.17.21",
         shortdesc="list the members of a software RAID device",
         longdesc="Return the member devices of the md device MD with "
                  "their index in the array and their flags: W "
                  "(write-mostly), F (faulty), S (spare), R (replacement).",
         tests=[T("empty", ("struct", ["md_stat", "/dev/md/r1"],
                            {"mdstat_index": "1"}),
                  setup=PARTS2 + [["md_create", "r1", "/dev/sda1 /dev/sda2"]])]),
    Call("md_stop", RErr, [Device("md")], proc_nr=783, added="1.15.6",
         shortdesc="stop a software RAID device",
         longdesc="Stop the md device MD; its members become free.",
         tests=[T("empty", ("lines", ["list_md_devices"], []),
                  setup=PARTS2 + [["md_create", "r1", "/dev/sda1 /dev/sda2"],
                                  ["md_stop", "/dev/md/r1"]])]),
    Call("list_md_devices", RStringList, [], proc_nr=784, added="1.15.4",
         shortdesc="list the software RAID devices",
         longdesc="Return the Linux md RAID devices (/dev/mdN) that exist.",
         tests=[T("empty", ("lines", ["list_md_devices"], []))]),
]

AUG_FILES = [["mkdir", "/etc"],
             ["write", "/etc/hosts", "127.0.0.1 localhost\n"
              "10.0.0.1 foo bar\n"],
             ["aug_init", "/", "0"]]

AUG_CALLS = [
    Call("aug_init", RErr, [Pathname("root"), Int("flags")], proc_nr=800,
         added="0.7",
         shortdesc="start editing configuration files with Augeas",
         longdesc="Open an Augeas handle on the guest tree ROOT (use / for "
                  "the whole guest), replacing any earlier one; every "
                  "other aug_* call needs it.  FLAGS is the OR of: 1 keep "
                  "the original as .augsave, 2 save to .augnew instead, 4 "
                  "typecheck lenses, 8 no standard lens path, 16 saving "
                  "does nothing, 32 do not load the tree now.",
         tests=[T("basicfs", ("string", ["aug_get",
                                         "/files/etc/hosts/1/canonical"],
                              "localhost"),
                  setup=AUG_FILES)]),
    Call("aug_close", RErr, [], proc_nr=801, added="0.7",
         shortdesc="close the Augeas handle",
         longdesc="Free the Augeas handle.  Not required: aug_init and "
                  "the end of the session close it too.",
         tests=[T("basicfs", ("fails", ["aug_get", "/files/etc/hosts/1/ipaddr"]),
                  setup=AUG_FILES + [["aug_close"]])]),
    Call("aug_defvar", RInt, [String("name"), OptString("expr")],
         proc_nr=802, added="0.7",
         shortdesc="define an Augeas variable",
         longdesc="Define the Augeas variable NAME as the value of "
                  "EXPR (undefine it if EXPR is NULL).  Returns how many "
                  "nodes EXPR matched, 0 if it is not a node set.",
         tests=[T("basicfs", ("int", ["aug_defvar", "h", "/files/etc/hosts/*"],
                              2), setup=AUG_FILES)]),
    Call("aug_defnode", RStruct("int_bool"), [String("name"), String("expr"),
                                              String("val")],
         proc_nr=803, added="0.7",
         shortdesc="define an Augeas node",
         longdesc="Define the Augeas variable NAME as the node set of "
                  "EXPR; if EXPR matches nothing, create that node with "
                  "value VAL.  Returns the number of matching nodes and "
                  "whether a node was created.",
         tests=[T("basicfs", ("struct", ["aug_defnode", "n",
                                         "/files/etc/hosts/3/ipaddr",
                                         "10.0.0.2"], {"i": "1", "b": "1"}),
                  setup=AUG_FILES)]),
    Call("aug_get", RString, [String("augpath")], proc_nr=804, added="0.7",
         shortdesc="get an Augeas value",
         longdesc="Return the value of the one node AUGPATH matches.",
         tests=[T("basicfs", ("string", ["aug_get", "/files/etc/hosts/2/ipaddr"],
                              "10.0.0.1"), setup=AUG_FILES),
                T("basicfs", ("fails", ["aug_get", "/files/etc/hosts/*/ipaddr"]),
                  setup=AUG_FILES)]),
    Call("aug_set", RErr, [String("augpath"), String("val")], proc_nr=805,
         added="0.7",
         shortdesc="set an Augeas value",
         longdesc="Set the value of the node AUGPATH (created if needed) "
                  "to VAL.",
         tests=[T("basicfs", ("string", ["aug_get", "/files/etc/hosts/2/ipaddr"],
                              "10.0.0.9"),
                  setup=AUG_FILES + [["aug_set", "/files/etc/hosts/2/ipaddr",
                                      "10.0.0.9"]])]),
    Call("aug_setm", RInt, [String("base"), OptString("sub"), String("val")],
         proc_nr=806, added="1.23.14",
         shortdesc="set several Augeas values",
         longdesc="For every node BASE matches, set its subpath SUB (or "
                  "the node itself if SUB is NULL) to VAL.  Returns how "
                  "many nodes changed.",
         tests=[T("basicfs", ("int", ["aug_setm", "/files/etc/hosts/*",
                                      "alias", "x"], 2),
                  setup=AUG_FILES)]),
    Call("aug_insert", RErr, [String("augpath"), String("label"),
                              Bool("before")],
         proc_nr=807, added="0.7",
         shortdesc="insert an Augeas node",
         longdesc="Create a sibling node LABEL just before (BEFORE true) "
                  "or after the single node AUGPATH.",
         tests=[T("basicfs", ("lines", ["aug_match", "/files/etc/hosts/1/*"],
                              ["/files/etc/hosts/1/ipaddr",
                               "/files/etc/hosts/1/canonical",
                               "/files/etc/hosts/1/alias"]),
                  setup=AUG_FILES + [["aug_insert",
                                      "/files/etc/hosts/1/canonical",
                                      "alias", "false"]])]),
    Call("aug_rm", RInt, [String("augpath")], proc_nr=808, added="0.7",
         shortdesc="remove Augeas nodes",
         longdesc="Remove the nodes AUGPATH matches, and their children.  "
                  "Returns how many nodes went.",
         tests=[T("basicfs", ("int", ["aug_rm", "/files/etc/hosts/2"], 4),
                  setup=AUG_FILES)]),
    Call("aug_mv", RErr, [String("src"), String("dest")], proc_nr=809,
         added="0.7",
         shortdesc="move an Augeas node",
         longdesc="Move the node SRC (and its children) to DEST, which "
                  "must not lie below SRC.",
         tests=[T("basicfs", ("string", ["aug_get", "/files/etc/hosts/3/ipaddr"],
                              "10.0.0.1"),
                  setup=AUG_FILES + [["aug_mv", "/files/etc/hosts/2",
                                      "/files/etc/hosts/3"]])]),
    Call("aug_match", RStringList, [String("augpath")], proc_nr=810,
         added="0.7",
         shortdesc="list the Augeas nodes a path matches",
         longdesc="Return the paths of all the nodes AUGPATH matches.",
         tests=[T("basicfs", ("lines", ["aug_match", "/files/etc/hosts/*/ipaddr"],
                              ["/files/etc/hosts/1/ipaddr",
                               "/files/etc/hosts/2/ipaddr"]),
                  setup=AUG_FILES)]),
    Call("aug_save", RErr, [], proc_nr=811, added="0.7",
         shortdesc="write Augeas changes back to the files",
         longdesc="Write every changed file.  How depends on aug_init's "
                  "flags (backup, .augnew, no-op).",
         tests=[T("basicfs", ("string", ["cat", "/etc/hosts"],
                              "127.0.0.1 localhost\n10.0.0.7 foo bar\n"),
                  setup=AUG_FILES + [["aug_set", "/files/etc/hosts/2/ipaddr",
                                      "10.0.0.7"], ["aug_save"]])]),
    Call("aug_load", RErr, [], proc_nr=812, added="0.7",
         shortdesc="load the files into the Augeas tree",
         longdesc="Load the files again into the tree, discarding unsaved "
                  "changes (needed after aug_init with flag 32).",
         tests=[T("basicfs", ("string", ["aug_get", "/files/etc/hosts/2/ipaddr"],
                              "10.0.0.1"),
                  setup=AUG_FILES + [["aug_set", "/files/etc/hosts/2/ipaddr",
                                      "10.0.0.7"], ["aug_load"]])]),
    Call("aug_ls", RStringList, [String("augpath")], proc_nr=813,
         added="0.8",
         shortdesc="list the children of an Augeas node",
         longdesc="Return the paths of AUGPATH/*, sorted.",
         tests=[T("basicfs", ("lines", ["aug_ls", "/files/etc/hosts"],
                              ["/files/etc/hosts/1", "/files/etc/hosts/2"]),
                  setup=AUG_FILES)]),
    Call("aug_clear", RErr, [String("augpath")], proc_nr=814, added="1.3.4",
         shortdesc="clear an Augeas value",
         longdesc="Set the value of the node AUGPATH to nothing (NULL).",
         tests=[T("basicfs", ("fails", ["aug_get", "/files/etc/hosts/2/ipaddr"]),
                  setup=AUG_FILES + [["aug_clear",
                                      "/files/etc/hosts/2/ipaddr"]])]),
    Call("aug_label", RString, [String("augpath")], proc_nr=815,
         added="1.23.14",
         shortdesc="get the label of an Augeas node",
         longdesc="Return the label (last path element) of the one node "
                  "AUGPATH matches.",
         tests=[T("basicfs", ("string", ["aug_label",
                                         "/files/etc/hosts/1/canonical"],
                              "canonical"), setup=AUG_FILES),
                T("basicfs", ("fails", ["aug_label", "/files/etc/hosts/*"]),
                  setup=AUG_FILES)]),
    Call("aug_transform", RErr, [String("lens"), String("file")],
         [OBool("remove")], proc_nr=816, added="1.35.2",
         shortdesc="make an Augeas lens handle a file",
         longdesc="Make the lens LENS handle FILE (or stop it with "
                  "remove:true).  Call aug_load after it.",
         tests=[T("basicfs", ("string", ["aug_get", "/files/etc/myhosts/1/ipaddr"],
                              "10.1.1.1"),
                  setup=[["mkdir", "/etc"],
                         ["write", "/etc/myhosts", "10.1.1.1 h\n"],
                         ["aug_init", "/", "0"],
                         ["aug_transform", "hosts", "/etc/myhosts"],
                         ["aug_load"]])]),
]

CALLS = LVM_CALLS + LUKS_CALLS + MD_CALLS + AUG_CALLS
