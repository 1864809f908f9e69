# pkgbuild unshare runner: runs as uid 0 of a fresh user namespace, inside fresh mount,
# PID, network, IPC, UTS and cgroup namespaces. Builds a new root on a tmpfs, pivots
# into it, detaches the host's tree and execs the command with only the given environment.
# $1 workspace  $2 passwd  $3 group  $4 hosts  $5 workdir
# $6 toolchain lines "PATH" or "PATH TARGET" (a symlink)  $7 /etc paths, one a line
# then NAME=VALUE... COMMAND ARGS... for env -i (PWD is the workdir, as bwrap sets it)
set -eu
ws=$1 passwd=$2 group=$3 hosts=$4 workdir=$5 tools=$6 etcs=$7
shift 7
# the workspace is reached through a descriptor: /tmp, where it may live, is covered next
exec 3<"$ws"
r=/tmp
# the host's own mounts come first in the table; some may lie under /tmp, hidden next, and
# are not ours to remount
hostmounts=0
while read -r _; do hostmounts=$((hostmounts + 1)); done </proc/self/mountinfo
mount -t tmpfs -o mode=0755 pkgbuild "$r"
mkdir -p "$r/etc" "$r/home/build" "$r/tmp" "$r/proc" "$r/dev/shm" "$r/.old"
printf '%s\n' "$tools" | while read -r path target; do
  [ -n "$path" ] || continue
  if [ -n "$target" ]; then ln -s "$target" "$r$path"; else mkdir -p "$r$path"; mount --rbind "$path" "$r$path"; fi
done
printf '%s\n' "$etcs" | while read -r path; do
  [ -n "$path" ] || continue
  if [ -d "$path" ]; then mkdir -p "$r$path"; else touch "$r$path"; fi
  mount --rbind "$path" "$r$path"
done
# read-only for every host mount bound so far, keeping the flags the host locked (nosuid...)
while read -r _ _ _ _ mp opts _; do
  if [ "$hostmounts" -gt 0 ]; then hostmounts=$((hostmounts - 1)); continue; fi
  case $mp in "$r"/*) ;; *) continue ;; esac
  case $opts in rw,*) opts="ro,${opts#rw,}" ;; rw) opts=ro ;; esac
  mount -o "remount,bind,$opts" "$mp"
done </proc/self/mountinfo
printf '%s\n' "$passwd" >"$r/etc/passwd"
printf '%s\n' "$group" >"$r/etc/group"
printf '%s\n' "$hosts" >"$r/etc/hosts"
mount --no-canonicalize --rbind /proc/self/fd/3 "$r/home/build"
exec 3<&-
dev_skeleton "$r/dev"
for d in $devs; do mount --bind "/dev/$d" "$r/dev/$d"; done
mount -t tmpfs -o mode=1777 tmpfs "$r/dev/shm"
mount -t tmpfs -o mode=1777 tmpfs "$r/tmp"
mount -t proc proc "$r/proc"
cd "$r"
pivot_root . .old
umount -l /.old
rmdir /.old
mount -o remount,bind,ro /
command -v hostname >/dev/null 2>&1 && hostname pkgbuild 2>/dev/null || true
cd "$workdir"
exec /usr/bin/env -i PWD="$workdir" "$@"
