/*
 * The AppImage runtime of OpenCode Sandbox: the ELF program at the start of
 * OpenCode_Sandbox-<version>-<arch>.AppImage. The squashfs image with the application
 * (the AppDir) is appended right after this program's ELF image.
 *
 * What it does (compatible with the command line of the standard AppImage type 2 runtime):
 *   (no --appimage-* option)       mount the payload with FUSE (libsquashfuse's low-level
 *                                  operations, linked in statically) on a private folder and
 *                                  run AppRun from there; the FUSE server lives in a child
 *                                  process and unmounts once the application, and everything
 *                                  that inherited its keep-alive pipe, has ended. Where FUSE
 *                                  cannot be used (no /dev/fuse, no fusermount3, a container
 *                                  without the right to mount), it falls back to extracting.
 *   --appimage-extract-and-run     (or APPIMAGE_EXTRACT_AND_RUN=1) extract the payload into a
 *                                  private temporary folder, run AppRun, remove the folder.
 *   --appimage-extract [PATTERN]   extract (the paths matching PATTERN) into ./squashfs-root
 *   --appimage-mount               mount, print the mount point, wait until interrupted
 *   --appimage-offset              print the payload's offset in the file
 *   --appimage-version, --appimage-help
 *
 * AppRun gets the environment of the standard runtime: APPIMAGE (absolute path of the
 * AppImage), APPDIR (where the payload is), ARGV0 (argv[0] as invoked, so that a symlink named
 * "ocs" selects the CLI) and OWD (the working folder at start).
 *
 * The payload offset is computed from the ELF headers: the end of the furthest of the section
 * header table, the program header table, and every section and segment with file contents.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <ftw.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* squashfuse's config.h sets _POSIX_C_SOURCE; the system headers above already have their
   features from _GNU_SOURCE. */
#undef _POSIX_C_SOURCE
#include <squashfuse/ll.h>
#include <squashfuse/squashfuse.h>

#ifndef OCS_RUNTIME_VERSION
#define OCS_RUNTIME_VERSION "unknown"
#endif

#define SQUASHFS_MAGIC_BYTES "hsqs"

static const char *g_prog = "appimage";
static bool g_debug = false;

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s: ", g_prog);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

static void debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void debug(const char *fmt, ...)
{
    if (!g_debug)
        return;
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s [debug]: ", g_prog);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

/* ---- where the payload starts ----------------------------------------------------------- */

static int read_at(int fd, void *buf, size_t size, off_t offset)
{
    size_t done = 0;
    while (done < size) {
        ssize_t r = pread(fd, (char *)buf + done, size - done, offset + (off_t)done);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return -1;
        done += (size_t)r;
    }
    return 0;
}

static uint64_t max_u64(uint64_t a, uint64_t b) { return a > b ? a : b; }

/* The size of the ELF image at the start of the file, or -1. Handles 32 and 64 bit ELF of
   the host's byte order (the runtime is always built for the machine it runs on). */
static off_t elf_image_size(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    unsigned char ident[EI_NIDENT];
    off_t result = -1;
    if (read_at(fd, ident, sizeof ident, 0) != 0 || memcmp(ident, ELFMAG, SELFMAG) != 0)
        goto out;
    uint64_t end = 0;
    if (ident[EI_CLASS] == ELFCLASS64) {
        Elf64_Ehdr eh;
        if (read_at(fd, &eh, sizeof eh, 0) != 0)
            goto out;
        end = max_u64(eh.e_ehsize, eh.e_shoff + (uint64_t)eh.e_shentsize * eh.e_shnum);
        end = max_u64(end, eh.e_phoff + (uint64_t)eh.e_phentsize * eh.e_phnum);
        for (unsigned i = 0; i < eh.e_shnum && eh.e_shentsize >= sizeof(Elf64_Shdr); ++i) {
            Elf64_Shdr sh;
            if (read_at(fd, &sh, sizeof sh, (off_t)(eh.e_shoff + (uint64_t)i * eh.e_shentsize)) != 0)
                goto out;
            if (sh.sh_type != SHT_NOBITS)
                end = max_u64(end, sh.sh_offset + sh.sh_size);
        }
        for (unsigned i = 0; i < eh.e_phnum && eh.e_phentsize >= sizeof(Elf64_Phdr); ++i) {
            Elf64_Phdr ph;
            if (read_at(fd, &ph, sizeof ph, (off_t)(eh.e_phoff + (uint64_t)i * eh.e_phentsize)) != 0)
                goto out;
            end = max_u64(end, ph.p_offset + ph.p_filesz);
        }
    } else if (ident[EI_CLASS] == ELFCLASS32) {
        Elf32_Ehdr eh;
        if (read_at(fd, &eh, sizeof eh, 0) != 0)
            goto out;
        end = max_u64(eh.e_ehsize, eh.e_shoff + (uint64_t)eh.e_shentsize * eh.e_shnum);
        end = max_u64(end, eh.e_phoff + (uint64_t)eh.e_phentsize * eh.e_phnum);
        for (unsigned i = 0; i < eh.e_shnum && eh.e_shentsize >= sizeof(Elf32_Shdr); ++i) {
            Elf32_Shdr sh;
            if (read_at(fd, &sh, sizeof sh, (off_t)(eh.e_shoff + (uint64_t)i * eh.e_shentsize)) != 0)
                goto out;
            if (sh.sh_type != SHT_NOBITS)
                end = max_u64(end, (uint64_t)sh.sh_offset + sh.sh_size);
        }
        for (unsigned i = 0; i < eh.e_phnum && eh.e_phentsize >= sizeof(Elf32_Phdr); ++i) {
            Elf32_Phdr ph;
            if (read_at(fd, &ph, sizeof ph, (off_t)(eh.e_phoff + (uint64_t)i * eh.e_phentsize)) != 0)
                goto out;
            end = max_u64(end, (uint64_t)ph.p_offset + ph.p_filesz);
        }
    } else {
        goto out;
    }
    result = (off_t)end;
out:
    close(fd);
    return result;
}

/* The payload's offset, checked to hold a squashfs superblock; -1 (with a message) if not. */
static off_t payload_offset(const char *image)
{
    off_t offset = elf_image_size(image);
    if (offset <= 0) {
        say("%s: cannot read the ELF headers", image);
        return -1;
    }
    int fd = open(image, O_RDONLY | O_CLOEXEC);
    char magic[4];
    int ok = fd >= 0 && read_at(fd, magic, sizeof magic, offset) == 0
             && memcmp(magic, SQUASHFS_MAGIC_BYTES, 4) == 0;
    if (fd >= 0)
        close(fd);
    if (!ok) {
        say("%s: no squashfs payload at offset %lld (not an AppImage, or damaged)", image,
            (long long)offset);
        return -1;
    }
    return offset;
}

/* ---- small helpers ------------------------------------------------------------------------ */

static char *xstrdup(const char *s)
{
    char *r = strdup(s);
    if (!r) {
        say("out of memory");
        exit(1);
    }
    return r;
}

static char *join(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    char *r = malloc(la + lb + 2);
    if (!r) {
        say("out of memory");
        exit(1);
    }
    memcpy(r, a, la);
    r[la] = '/';
    memcpy(r + la + 1, b, lb + 1);
    return r;
}

static const char *tmp_dir(void)
{
    const char *t = getenv("TMPDIR");
    return (t && *t == '/') ? t : "/tmp";
}

/* A short, file-name-safe stem of the AppImage's name for temporary folders. */
static void name_stem(const char *image, char *out, size_t size)
{
    const char *base = strrchr(image, '/');
    base = base ? base + 1 : image;
    size_t n = 0;
    for (const char *p = base; *p && n + 1 < size && n < 12; ++p) {
        char c = *p;
        out[n++] = ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) ? c : '_';
    }
    out[n] = '\0';
}

static int mkdir_p(const char *path, mode_t mode)
{
    char *p = xstrdup(path);
    for (char *s = p + 1; *s; ++s) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(p, mode) != 0 && errno != EEXIST) {
            free(p);
            return -1;
        }
        *s = '/';
    }
    int r = (mkdir(p, mode) != 0 && errno != EEXIST) ? -1 : 0;
    free(p);
    return r;
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    if (flag == FTW_DP || flag == FTW_D || flag == FTW_DNR)
        rmdir(path);
    else
        unlink(path);
    return 0; /* best effort: go on with the rest */
}

static void remove_tree(const char *path)
{
    /* Folders extracted read-only are made writable first so their entries can go. */
    nftw(path, rm_entry, 32, FTW_DEPTH | FTW_PHYS | FTW_MOUNT);
}

static int chmod_writable(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)ftw;
    if (flag == FTW_D)
        chmod(path, (st->st_mode & 07777) | S_IRWXU);
    return 0;
}

static void remove_extracted(const char *path)
{
    nftw(path, chmod_writable, 32, FTW_PHYS | FTW_MOUNT);
    remove_tree(path);
}

/* ---- extraction (libsquashfuse) ------------------------------------------------------------ */

struct dir_mode {
    char *path;
    mode_t mode;
};

static int write_file(sqfs *fs, sqfs_inode *inode, const char *out)
{
    unlink(out);
    int fd = open(out, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        say("cannot create %s: %s", out, strerror(errno));
        return -1;
    }
    static char buf[256 * 1024];
    uint64_t size = inode->xtra.reg.file_size, pos = 0;
    while (pos < size) {
        sqfs_off_t n = (sqfs_off_t)((size - pos) < sizeof buf ? (size - pos) : sizeof buf);
        if (sqfs_read_range(fs, inode, (sqfs_off_t)pos, &n, buf) != SQFS_OK || n <= 0) {
            say("cannot read %s from the payload", out);
            close(fd);
            return -1;
        }
        for (sqfs_off_t done = 0; done < n;) {
            ssize_t w = write(fd, buf + done, (size_t)(n - done));
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0) {
                say("cannot write %s: %s", out, strerror(errno));
                close(fd);
                return -1;
            }
            done += w;
        }
        pos += (uint64_t)n;
    }
    fchmod(fd, inode->base.mode & 07777);
    struct timespec times[2] = {{inode->base.mtime, 0}, {inode->base.mtime, 0}};
    futimens(fd, times);
    if (close(fd) != 0) {
        say("cannot write %s: %s", out, strerror(errno));
        return -1;
    }
    return 0;
}

static int write_symlink(sqfs *fs, sqfs_inode *inode, const char *out)
{
    size_t size = inode->xtra.symlink_size + 1;
    char *target = malloc(size);
    if (!target || sqfs_readlink(fs, inode, target, &size) != SQFS_OK) {
        free(target);
        say("cannot read the link %s from the payload", out);
        return -1;
    }
    unlink(out);
    int r = symlink(target, out);
    if (r != 0)
        say("cannot create the link %s: %s", out, strerror(errno));
    free(target);
    return r;
}

/* Extracts the payload (or the entries whose path matches pattern) into dest, which is
   created. Returns 0 on success. */
static int extract(const char *image, off_t offset, const char *dest, const char *pattern, bool list)
{
    sqfs fs;
    memset(&fs, 0, sizeof fs);
    if (sqfs_open_image(&fs, image, (size_t)offset) != SQFS_OK) {
        say("cannot open the payload of %s", image);
        return -1;
    }
    if (mkdir_p(dest, 0755) != 0) {
        say("cannot create %s: %s", dest, strerror(errno));
        sqfs_destroy(&fs);
        return -1;
    }
    sqfs_traverse trv;
    if (sqfs_traverse_open(&trv, &fs, sqfs_inode_root(&fs)) != SQFS_OK) {
        say("cannot read the payload's root folder");
        sqfs_destroy(&fs);
        return -1;
    }
    struct dir_mode *dirs = NULL;
    size_t ndirs = 0, capdirs = 0;
    int rc = 0;
    sqfs_err err = SQFS_OK;
    while (rc == 0 && sqfs_traverse_next(&trv, &err)) {
        if (trv.dir_end)
            continue;
        const char *name = sqfs_dentry_name(&trv.entry);
        if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0 || strchr(name, '/')) {
            say("refusing the unsafe entry name '%s'", name);
            rc = -1;
            break;
        }
        if (pattern && fnmatch(pattern, trv.path, 0) != 0)
            continue;
        sqfs_inode inode;
        if (sqfs_inode_get(&fs, &inode, sqfs_dentry_inode(&trv.entry)) != SQFS_OK) {
            say("cannot read the inode of %s", trv.path);
            rc = -1;
            break;
        }
        char *out = join(dest, trv.path);
        if (pattern) {
            /* Only the matching entries: their parent folders are made as needed. */
            char *slash = strrchr(out, '/');
            *slash = '\0';
            mkdir_p(out, 0755);
            *slash = '/';
        }
        if (list)
            printf("%s\n", out);
        mode_t mode = inode.base.mode;
        if (S_ISDIR(mode)) {
            if (mkdir(out, 0700) != 0 && errno != EEXIST) {
                say("cannot create %s: %s", out, strerror(errno));
                rc = -1;
            } else {
                if (ndirs == capdirs) {
                    capdirs = capdirs ? capdirs * 2 : 64;
                    dirs = realloc(dirs, capdirs * sizeof *dirs);
                    if (!dirs) {
                        say("out of memory");
                        exit(1);
                    }
                }
                dirs[ndirs].path = xstrdup(out);
                dirs[ndirs].mode = mode & 07777;
                ++ndirs;
            }
        } else if (S_ISREG(mode)) {
            rc = write_file(&fs, &inode, out);
        } else if (S_ISLNK(mode)) {
            rc = write_symlink(&fs, &inode, out);
        } else if (S_ISFIFO(mode)) {
            unlink(out);
            mkfifo(out, mode & 0777);
        } /* devices and sockets have no place in an AppImage: skipped */
        free(out);
    }
    if (rc == 0 && err != SQFS_OK) {
        say("cannot read the payload (error %d)", (int)err);
        rc = -1;
    }
    sqfs_traverse_close(&trv);
    sqfs_destroy(&fs);
    /* Folder modes last (inner first), so read-only folders could still be filled. */
    for (size_t i = ndirs; i-- > 0;) {
        chmod(dirs[i].path, dirs[i].mode);
        free(dirs[i].path);
    }
    free(dirs);
    return rc;
}

/* ---- running AppRun --------------------------------------------------------------------- */

static void set_run_environment(const char *image, const char *appdir, const char *argv0)
{
    setenv("APPIMAGE", image, 1);
    setenv("APPDIR", appdir, 1);
    setenv("ARGV0", argv0, 1);
    char cwd[PATH_MAX];
    if (getcwd(cwd, sizeof cwd))
        setenv("OWD", cwd, 1);
}

static void exec_apprun(const char *appdir, int argc, char **argv)
{
    char *apprun = join(appdir, "AppRun");
    char **args = calloc((size_t)argc + 1, sizeof *args);
    if (!args) {
        say("out of memory");
        exit(1);
    }
    args[0] = apprun;
    for (int i = 1; i < argc; ++i)
        args[i] = argv[i];
    execv(apprun, args);
    say("cannot run %s: %s", apprun, strerror(errno));
    exit(127);
}

static volatile sig_atomic_t g_child = 0;

static void forward_signal(int sig)
{
    if (g_child > 0)
        kill(g_child, sig);
}

/* Extracts into a private temporary folder, runs AppRun there, removes the folder and
   returns AppRun's exit status. */
static int extract_and_run(const char *image, off_t offset, int argc, char **argv)
{
    char stem[16];
    name_stem(image, stem, sizeof stem);
    char templ[PATH_MAX];
    snprintf(templ, sizeof templ, "%s/appimage_extracted_%s_XXXXXX", tmp_dir(), stem);
    if (!mkdtemp(templ)) {
        say("cannot create a temporary folder in %s: %s", tmp_dir(), strerror(errno));
        return 1;
    }
    debug("extracting into %s", templ);
    if (extract(image, offset, templ, NULL, false) != 0) {
        remove_extracted(templ);
        return 1;
    }
    set_run_environment(image, templ, argv[0]);
    /* Ctrl-C reaches AppRun through the terminal; other signals sent to us are passed on. */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = forward_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGUSR2, &sa, NULL);
    signal(SIGINT, SIG_IGN);
    signal(SIGQUIT, SIG_IGN);
    pid_t pid = fork();
    if (pid < 0) {
        say("fork: %s", strerror(errno));
        remove_extracted(templ);
        return 1;
    }
    if (pid == 0) {
        signal(SIGINT, SIG_DFL);
        signal(SIGQUIT, SIG_DFL);
        exec_apprun(templ, argc, argv);
    }
    g_child = pid;
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    g_child = 0;
    if (getenv("APPIMAGE_EXTRACT_AND_RUN_NO_CLEANUP") || getenv("NO_CLEANUP"))
        say("left the extracted payload in %s", templ);
    else
        remove_extracted(templ);
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return 1;
}

/* ---- mounting (FUSE) ---------------------------------------------------------------------- */

static bool is_executable(const char *path) { return access(path, X_OK) == 0; }

/* Whether mounting can work at all: the kernel device, and for an ordinary user the setuid
   helper that libfuse runs. */
static bool fuse_possible(void)
{
    if (getenv("APPIMAGE_EXTRACT_AND_RUN"))
        return false;
    int fd = open("/dev/fuse", O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        debug("/dev/fuse: %s", strerror(errno));
        return false;
    }
    close(fd);
    if (geteuid() == 0)
        return true;
    static const char *const helpers[] = {"/usr/bin/fusermount3", "/bin/fusermount3",
                                          "/usr/local/bin/fusermount3", "/usr/sbin/fusermount3"};
    for (size_t i = 0; i < sizeof helpers / sizeof *helpers; ++i)
        if (is_executable(helpers[i]))
            return true;
    const char *path = getenv("PATH");
    if (path) {
        char *copy = xstrdup(path), *save = NULL;
        for (char *dir = strtok_r(copy, ":", &save); dir; dir = strtok_r(NULL, ":", &save)) {
            char *candidate = join(dir, "fusermount3");
            bool found = is_executable(candidate);
            free(candidate);
            if (found) {
                free(copy);
                return true;
            }
        }
        free(copy);
    }
    debug("no fusermount3 helper");
    return false;
}

/* The FUSE server, in the child: serves until every holder of the keep-alive pipe's write
   end is gone, then unmounts and removes the mount point. Reports "mounted" on ready_fd. */
static int serve(const char *image, off_t offset, const char *mnt, int ready_fd, int keepalive_fd)
{
    int saved_stderr = -1;
    if (!g_debug) {
        /* libfuse and fusermount3 explain failures on stderr; the caller falls back. */
        saved_stderr = dup(2);
        int devnull = open("/dev/null", O_WRONLY);
        if (devnull >= 0) {
            dup2(devnull, 2);
            close(devnull);
        }
    }
    sqfs_ll *ll = sqfs_ll_open(image, (size_t)offset);
    if (!ll)
        return 1;
    struct fuse_lowlevel_ops ops;
    memset(&ops, 0, sizeof ops);
    ops.getattr = sqfs_ll_op_getattr;
    ops.opendir = sqfs_ll_op_opendir;
    ops.releasedir = sqfs_ll_op_releasedir;
    ops.readdir = sqfs_ll_op_readdir;
    ops.lookup = sqfs_ll_op_lookup;
    ops.open = sqfs_ll_op_open;
    ops.create = sqfs_ll_op_create;
    ops.release = sqfs_ll_op_release;
    ops.read = sqfs_ll_op_read;
    ops.readlink = sqfs_ll_op_readlink;
    ops.listxattr = sqfs_ll_op_listxattr;
    ops.getxattr = sqfs_ll_op_getxattr;
    ops.forget = sqfs_ll_op_forget;
    ops.statfs = stfs_ll_op_statfs;

    char fsname[PATH_MAX + 16];
    snprintf(fsname, sizeof fsname, "ro,nosuid,nodev,subtype=appimage,fsname=%s", image);
    /* A comma in the file name would split the option list. */
    if (strchr(image, ','))
        snprintf(fsname, sizeof fsname, "ro,nosuid,nodev,subtype=appimage");
    char *fargv[] = {(char *)"appimage", (char *)"-o", fsname, NULL};
    struct fuse_args args = FUSE_ARGS_INIT(3, fargv);
    struct fuse_session *se = fuse_session_new(&args, &ops, sizeof ops, ll);
    if (!se) {
        sqfs_ll_destroy(ll);
        free(ll);
        return 1;
    }
    if (fuse_session_mount(se, mnt) != 0) {
        fuse_session_destroy(se);
        sqfs_ll_destroy(ll);
        free(ll);
        return 1;
    }
    if (write(ready_fd, "1", 1) != 1) {
        fuse_session_unmount(se);
        fuse_session_destroy(se);
        return 1;
    }
    close(ready_fd);
    /* From here on nothing of ours is printed; keep no terminal or pipe of the caller open. */
    int devnull = open("/dev/null", O_RDWR);
    if (devnull >= 0) {
        dup2(devnull, 0);
        dup2(devnull, 1);
        if (!g_debug)
            dup2(devnull, 2);
        close(devnull);
    }
    if (saved_stderr >= 0)
        close(saved_stderr);

    struct fuse_buf buf;
    memset(&buf, 0, sizeof buf);
    const int ffd = fuse_session_fd(se);
    for (;;) {
        struct pollfd p[2] = {{ffd, POLLIN, 0}, {keepalive_fd, POLLIN, 0}};
        int r = poll(p, 2, -1);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (p[0].revents & POLLIN) {
            int res = fuse_session_receive_buf(se, &buf);
            if (res == -EINTR || res == -EAGAIN)
                continue;
            if (res <= 0)
                break; /* unmounted from outside */
            fuse_session_process_buf(se, &buf);
        } else if (p[0].revents & (POLLERR | POLLHUP | POLLNVAL)) {
            break;
        }
        if (p[1].revents & (POLLIN | POLLHUP | POLLERR | POLLNVAL)) {
            char c;
            ssize_t n = read(keepalive_fd, &c, 1);
            if (n <= 0 && !(n < 0 && errno == EINTR))
                break; /* the application and its children are gone */
        }
        if (fuse_session_exited(se))
            break;
    }
    free(buf.mem);
    fuse_session_unmount(se);
    fuse_session_destroy(se);
    sqfs_ll_destroy(ll);
    free(ll);
    rmdir(mnt);
    return 0;
}

/* Mounts the payload; on success returns the mount point (the caller then runs from it and
   must keep *keepalive_write open for as long as the mount is needed), else NULL. */
static char *mount_payload(const char *image, off_t offset, int *keepalive_write)
{
    if (!fuse_possible())
        return NULL;
    char stem[16];
    name_stem(image, stem, sizeof stem);
    char templ[PATH_MAX];
    snprintf(templ, sizeof templ, "%s/.mount_%s_XXXXXX", tmp_dir(), stem);
    if (!mkdtemp(templ)) {
        debug("mkdtemp %s: %s", templ, strerror(errno));
        return NULL;
    }
    int ready[2], keepalive[2];
    if (pipe2(ready, O_CLOEXEC) != 0)
        return NULL;
    if (pipe(keepalive) != 0) {
        close(ready[0]);
        close(ready[1]);
        return NULL;
    }
    fcntl(keepalive[0], F_SETFD, FD_CLOEXEC);
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        rmdir(templ);
        return NULL;
    }
    if (pid == 0) {
        /* The FUSE server: out of the caller's session so that terminal signals (Ctrl-C,
           hang-up) reach the application only; it ends when the keep-alive pipe closes. */
        close(ready[0]);
        close(keepalive[1]);
        setsid();
        signal(SIGINT, SIG_IGN);
        signal(SIGHUP, SIG_IGN);
        signal(SIGQUIT, SIG_IGN);
        signal(SIGTERM, SIG_IGN);
        signal(SIGPIPE, SIG_IGN);
        if (chdir("/") != 0) {
        }
        int rc = serve(image, offset, templ, ready[1], keepalive[0]);
        if (rc != 0)
            rmdir(templ);
        _exit(rc);
    }
    close(ready[1]);
    close(keepalive[0]);
    char c = 0;
    ssize_t n;
    while ((n = read(ready[0], &c, 1)) < 0 && errno == EINTR) {
    }
    close(ready[0]);
    if (n != 1 || c != '1') {
        close(keepalive[1]);
        int status;
        waitpid(pid, &status, 0);
        rmdir(templ);
        debug("mounting failed");
        return NULL;
    }
    *keepalive_write = keepalive[1];
    return xstrdup(templ);
}

/* ---- main ------------------------------------------------------------------------------- */

static void usage(FILE *out)
{
    fprintf(out,
            "AppImage options (this is the runtime of OpenCode Sandbox %s):\n"
            "  --appimage-extract [PATTERN]  extract the content (or the paths matching PATTERN)\n"
            "                                into ./squashfs-root\n"
            "  --appimage-extract-and-run    extract into a temporary folder and run from there\n"
            "                                (for systems without FUSE; also APPIMAGE_EXTRACT_AND_RUN=1)\n"
            "  --appimage-mount              mount the content, print where, wait for Ctrl-C\n"
            "  --appimage-offset             print the offset of the content in the file\n"
            "  --appimage-version            print the runtime's version\n"
            "  --appimage-help               this text\n"
            "Other arguments go to the application. Set APPIMAGE_DEBUG=1 for diagnostics.\n",
            OCS_RUNTIME_VERSION);
}

static char *self_path(const char *argv0)
{
    char buf[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n > 0) {
        buf[n] = '\0';
        return xstrdup(buf);
    }
    char *r = realpath(argv0, NULL);
    if (!r) {
        say("cannot find out where this AppImage is (no /proc?)");
        exit(1);
    }
    return r;
}

int main(int argc, char **argv)
{
    g_debug = getenv("APPIMAGE_DEBUG") && *getenv("APPIMAGE_DEBUG");
    char *image = self_path(argv[0]);
    const char *base = strrchr(image, '/');
    g_prog = base ? base + 1 : image;

    const char *opt = argc > 1 ? argv[1] : "";
    if (strncmp(opt, "--appimage-", 11) == 0) {
        if (strcmp(opt, "--appimage-help") == 0) {
            usage(stdout);
            return 0;
        }
        if (strcmp(opt, "--appimage-version") == 0) {
            printf("%s\n", OCS_RUNTIME_VERSION);
            return 0;
        }
        off_t offset = payload_offset(image);
        if (offset < 0)
            return 1;
        if (strcmp(opt, "--appimage-offset") == 0) {
            printf("%lld\n", (long long)offset);
            return 0;
        }
        if (strcmp(opt, "--appimage-extract") == 0) {
            const char *pattern = argc > 2 ? argv[2] : NULL;
            return extract(image, offset, "squashfs-root", pattern, true) == 0 ? 0 : 1;
        }
        if (strcmp(opt, "--appimage-extract-and-run") == 0) {
            /* AppRun sees the arguments after the option. */
            argv[1] = argv[0];
            return extract_and_run(image, offset, argc - 1, argv + 1);
        }
        if (strcmp(opt, "--appimage-mount") == 0) {
            int keepalive = -1;
            char *mnt = mount_payload(image, offset, &keepalive);
            if (!mnt) {
                say("cannot mount the content (no FUSE here?); try --appimage-extract");
                return 1;
            }
            printf("%s\n", mnt);
            fflush(stdout);
            signal(SIGINT, SIG_DFL);
            signal(SIGTERM, SIG_DFL);
            for (;;)
                pause();
        }
        say("unknown option %s", opt);
        usage(stderr);
        return 2;
    }

    off_t offset = payload_offset(image);
    if (offset < 0)
        return 1;
    int keepalive = -1;
    char *mnt = mount_payload(image, offset, &keepalive);
    if (!mnt) {
        if (!getenv("APPIMAGE_EXTRACT_AND_RUN"))
            debug("FUSE is not usable here; extracting into a temporary folder instead");
        return extract_and_run(image, offset, argc, argv);
    }
    debug("mounted on %s", mnt);
    set_run_environment(image, mnt, argv[0]);
    /* keepalive stays open across exec: the mount lives as long as the application. */
    exec_apprun(mnt, argc, argv);
    return 127;
}
