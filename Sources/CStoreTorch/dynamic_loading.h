/* glibc's dladdr, which <dlfcn.h> declares only under _GNU_SOURCE (and Swift's
 * Glibc module is built without it): StoreNetworks uses it to find
 * libStoreTorch.so beside the binary that holds its code. The struct has
 * Dl_info's layout (glibc's dlfcn.h). */
#ifndef STORE_DYNAMIC_LOADING_H
#define STORE_DYNAMIC_LOADING_H

struct store_image_info {
    const char *file;    /* dli_fname: the path of the shared object or executable */
    void *base;          /* dli_fbase */
    const char *symbol;  /* dli_sname */
    void *address;       /* dli_saddr */
};

extern int dladdr(const void *address, struct store_image_info *info);

#endif
