# pkgbuild rooted runner: runs with the host's /bin/sh as uid 0 of a fresh user namespace,
# inside fresh mount, PID, network, IPC, UTS and cgroup namespaces. Mounts the package root
# read-only under a throw-away overlay, pivots into it, detaches the host's tree and execs the
# command with only the given environment. Only that exec uses the root's programs.
# $1 workspace  $2 package root  $3 passwd  $4 group  $5 hosts  $6 workdir
# $7 host umount  $8 its loader (empty: static)  $9 its library folders, joined with ':'
# $10 the root's /etc/ld.so.preload with its links followed inside the root, or empty
# $11 to put the host toolchain beneath the root: its lines "PATH" or "PATH TARGET" (a link), else
# empty  $12 then the host /etc paths bound where the root has none, one a line
# then NAME=VALUE... -- COMMAND ARGS... (PWD is the workdir, as bwrap sets it)
# Most mounts go through one `mount -a` each of two generated tables, to save processes.
set -eu
ws=$1 root=$2 passwd=$3 group=$4 hosts=$5 workdir=$6 umount=$7 loader=$8 libs=$9 preload=${10}
tools=${11} etcs=${12}
shift 12
# both are reached through descriptors: /tmp, where they may live, is covered next
exec 3<"$ws" 4<"$root"
t=/tmp
mount -t tmpfs -o mode=0755 pkgbuild "$t"
mkdir "$t/upper" "$t/work" "$t/new"
# writes outside the workspace land in upper, on this tmpfs, and vanish with the step
mount -t overlay -o "lowerdir=/proc/self/fd/4,upperdir=$t/upper,workdir=$t/work" pkgbuild "$t/new"
exec 4<&-
r=$t/new
if [ -n "$tools" ]; then
  # A package built on the host, tested over the host toolchain: each toolchain folder becomes an
  # overlay of the root's files over the host's (read-only, writes to this tmpfs); links as the host has them.
  printf '%s\n' "$tools" | while read -r path target; do
    [ -n "$path" ] || continue
    if [ -L "$r$path" ]; then
      : # the package's own link wins
    elif [ -n "$target" ] && [ ! -e "$r$path" ]; then
      ln -s "$target" "$r$path"
    else
      # a folder of the root where the host has one, or a link (/lib -> usr/lib: apk's database is in /lib)
      mkdir -p "$r$path" "$t/hu$path" "$t/hw$path"
      mount -t overlay -o "lowerdir=$r$path:$path,upperdir=$t/hu$path,workdir=$t/hw$path" pkgbuild "$r$path"
    fi
  done
  printf '%s\n' "$etcs" | while read -r path; do
    [ -n "$path" ] || continue
    [ ! -e "$r$path" ] && [ ! -L "$r$path" ] || continue
    if [ -d "$path" ]; then mkdir -p "$r$path"; else mkdir -p "${r}${path%/*}"; : >"$r$path"; fi
    mount --rbind "$path" "$r$path"
    mount -o remount,bind,ro "$r$path"
  done
fi
# the root's own account and host files win; ours only fill a gap
[ -d "$r/etc" ] || mkdir "$r/etc"
[ -e "$r/etc/passwd" ] || [ -L "$r/etc/passwd" ] || printf '%s\n' "$passwd" >"$r/etc/passwd"
[ -e "$r/etc/group" ] || [ -L "$r/etc/group" ] || printf '%s\n' "$group" >"$r/etc/group"
[ -e "$r/etc/hosts" ] || [ -L "$r/etc/hosts" ] || printf '%s\n' "$hosts" >"$r/etc/hosts"
printf '%s\n' "/proc/self/fd/3 $r/home/build none rbind,X-mount.mkdir 0 0" \
  "tmpfs $r/dev tmpfs mode=0755,X-mount.mkdir 0 0" "tmpfs $r/tmp tmpfs mode=1777,X-mount.mkdir 0 0" \
  "proc $r/proc proc X-mount.mkdir 0 0" >"$t/fstab"
mount -a -c --fstab "$t/fstab"
exec 3<&-
dev_skeleton "$r/dev"
: >"$t/fstab"
for d in $devs; do printf '%s\n' "/dev/$d $r/dev/$d none bind 0 0" >>"$t/fstab"; done
printf '%s\n' "tmpfs $r/dev/shm tmpfs mode=1777,X-mount.mkdir 0 0" >>"$t/fstab"
# the host's loader would read the root's preload list and run the root's code beside the
# host's tree: hidden until the host's umount is done
[ -z "$preload" ] || printf '%s\n' "/dev/null $r$preload none bind 0 0" >>"$t/fstab"
mount -a -c --fstab "$t/fstab"
command -v hostname >/dev/null 2>&1 && hostname pkgbuild 2>/dev/null || true
# The host's tree goes on top of the root's /tmp and is detached from there. From here on only
# shell builtins and programs started by their full path under /tmp (the old root) work.
old=/tmp
path=
IFS=:
for d in $libs; do path="$path${path:+:}$old$d"; done
unset IFS
cd "$r"
pivot_root . "${old#/}"
if [ -n "$loader" ]; then
  "$old$loader" --library-path "$path" "$old$umount" -n -l "$old" ${preload:+"$preload"}
else
  "$old$umount" -n -l "$old" ${preload:+"$preload"}
fi
cd "$workdir"
unset PATH OLDPWD PWD
export PWD="$workdir"
while [ "$1" != -- ]; do
  export "$1"
  shift
done
shift
exec "$@"
