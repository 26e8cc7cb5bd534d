// Linked only into the om-runner built for boards (scripts/build-om-runner-aarch64.sh): makes a binary linked on
// Debian 12 (glibc 2.36) start on glibc 2.17 and later (Ubuntu 18.04 on an Atlas 200 DK has 2.27).
//
// A program linked against a new glibc references the newest version of each symbol it uses; the dynamic loader of
// an older glibc refuses to start it ("version `GLIBC_2.34' not found"). Each symbol below is defined here, so the
// static link binds om-runner's and the static libstdc++'s references to it, and it either calls the GLIBC_2.17
// version (aarch64's first glibc: every symbol has one) or does the work itself. tests/omrunner/check-glibc-floor.sh
// fails the build when anything newer than GLIBC_2.17 is left.
#if !defined(__aarch64__) || !defined(__linux__)
#error "glibc217.cpp is for the aarch64 Linux build of om-runner only"
#endif

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <dlfcn.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

// The GLIBC_2.17 versions, under local names.
extern "C" {
int wb_libc_start_main_217(int (*main)(int, char**, char**), int argc, char** argv, void (*init)(int, char**, char**),
    void (*fini)(), void (*rtldFini)(), void* stackEnd);
void* wb_dlopen_217(const char* file, int mode);
void* wb_dlsym_217(void* handle, const char* name);
char* wb_dlerror_217();
int wb_dlclose_217(void* handle);
int wb_dlinfo_217(void* handle, int request, void* arg);
int wb_dladdr_217(const void* address, Dl_info* info);
int wb_pthread_once_217(pthread_once_t* once, void (*routine)());
int wb_pthread_key_create_217(pthread_key_t* key, void (*destructor)(void*));
int wb_pthread_create_217(pthread_t* thread, const pthread_attr_t* attr, void* (*start)(void*), void* arg);
int wb_pthread_join_217(pthread_t thread, void** result);
int wb_pthread_detach_217(pthread_t thread);
}
__asm__(".symver wb_libc_start_main_217, __libc_start_main@GLIBC_2.17");
__asm__(".symver wb_dlopen_217, dlopen@GLIBC_2.17");
__asm__(".symver wb_dlsym_217, dlsym@GLIBC_2.17");
__asm__(".symver wb_dlerror_217, dlerror@GLIBC_2.17");
__asm__(".symver wb_dlclose_217, dlclose@GLIBC_2.17");
__asm__(".symver wb_dlinfo_217, dlinfo@GLIBC_2.17");
__asm__(".symver wb_dladdr_217, dladdr@GLIBC_2.17");
__asm__(".symver wb_pthread_once_217, pthread_once@GLIBC_2.17");
__asm__(".symver wb_pthread_key_create_217, __pthread_key_create@GLIBC_2.17");
// std::thread (om-runner --profile reads AscendCL's subscription pipe on a thread of its own).
__asm__(".symver wb_pthread_create_217, pthread_create@GLIBC_2.17");
__asm__(".symver wb_pthread_join_217, pthread_join@GLIBC_2.17");
__asm__(".symver wb_pthread_detach_217, pthread_detach@GLIBC_2.17");

// The constructors, as glibc's old __libc_csu_init ran them: a crt1.o of glibc 2.34 and later passes no init
// function (its libc runs them itself), a libc before 2.34 runs only the one it is given.
extern "C" {
extern void (*__preinit_array_start[])(int, char**, char**) __attribute__((visibility("hidden")));
extern void (*__preinit_array_end[])(int, char**, char**) __attribute__((visibility("hidden")));
extern void (*__init_array_start[])(int, char**, char**) __attribute__((visibility("hidden")));
extern void (*__init_array_end[])(int, char**, char**) __attribute__((visibility("hidden")));
void _init();
}

namespace {

void runConstructors(int argc, char** argv, char** envp)
{
    for (auto* f = __preinit_array_start; f != __preinit_array_end; ++f)
        (*f)(argc, argv, envp);
    _init();
    for (auto* f = __init_array_start; f != __init_array_end; ++f)
        (*f)(argc, argv, envp);
}

} // namespace

// Hidden: the static link binds crt1.o's, om-runner's and libstdc++'s references to these, but they are not exported.
// An exported, unversioned definition would interpose and satisfy the GLIBC_2.17 references as well (the dynamic
// loader takes an unversioned symbol for any version): __libc_start_main would call itself.
#define WB_HIDDEN __attribute__((visibility("hidden")))

extern "C" {

WB_HIDDEN int __libc_start_main(int (*main)(int, char**, char**), int argc, char** argv,
    void (*init)(int, char**, char**), void (*fini)(), void (*rtldFini)(), void* stackEnd)
{
    return wb_libc_start_main_217(main, argc, argv, init ? init : runConstructors, fini, rtldFini, stackEnd);
}

WB_HIDDEN void* dlopen(const char* file, int mode)
{
    return wb_dlopen_217(file, mode);
}
WB_HIDDEN void* dlsym(void* handle, const char* name)
{
    return wb_dlsym_217(handle, name);
}
WB_HIDDEN char* dlerror()
{
    return wb_dlerror_217();
}
WB_HIDDEN int dlclose(void* handle)
{
    return wb_dlclose_217(handle);
}
WB_HIDDEN int dlinfo(void* handle, int request, void* arg)
{
    return wb_dlinfo_217(handle, request, arg);
}
WB_HIDDEN int dladdr(const void* address, Dl_info* info)
{
    return wb_dladdr_217(address, info);
}
WB_HIDDEN int pthread_once(pthread_once_t* once, void (*routine)())
{
    return wb_pthread_once_217(once, routine);
}
WB_HIDDEN int __pthread_key_create(pthread_key_t* key, void (*destructor)(void*))
{
    return wb_pthread_key_create_217(key, destructor);
}

// GLIBC_2.33 made stat and fstat real symbols; before, they were inline wrappers of __xstat. The kernel's struct
// stat is glibc's on aarch64 (asm-generic), so the system calls fill it directly.
WB_HIDDEN int stat(const char* path, struct stat* buf)
{
    return int(syscall(SYS_newfstatat, AT_FDCWD, path, buf, 0));
}
WB_HIDDEN int fstat(int fd, struct stat* buf)
{
    return int(syscall(SYS_fstat, fd, buf));
}
WB_HIDDEN int fstat64(int fd, struct stat64* buf)
{
    return int(syscall(SYS_fstat, fd, buf));
}
WB_HIDDEN int pthread_create(pthread_t* thread, const pthread_attr_t* attr, void* (*start)(void*), void* arg)
{
    return wb_pthread_create_217(thread, attr, start, arg);
}
WB_HIDDEN int pthread_join(pthread_t thread, void** result)
{
    return wb_pthread_join_217(thread, result);
}
WB_HIDDEN int pthread_detach(pthread_t thread)
{
    return wb_pthread_detach_217(thread);
}

// libstdc++'s std::random_device (GLIBC_2.25 / 2.36): the getrandom system call (Linux 3.17; every supported board
// kernel has it).
WB_HIDDEN int getentropy(void* buffer, size_t length)
{
    if (length > 256) {
        errno = EIO;
        return -1;
    }
    auto* p = static_cast<unsigned char*>(buffer);
    while (length > 0) {
        const long n = syscall(SYS_getrandom, p, length, 0);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += n;
        length -= size_t(n);
    }
    return 0;
}
WB_HIDDEN uint32_t arc4random()
{
    uint32_t value = 0;
    getentropy(&value, sizeof value);
    return value;
}

// libstdc++ reads it to skip atomics in a single-threaded process (GLIBC_2.32); 0 is always correct.
WB_HIDDEN char __libc_single_threaded = 0;

} // extern "C"
